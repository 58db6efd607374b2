//! Recovery from a crash. Every Rust panic is written to the error log in
//! `localStorage` ([`crate::errorlog`]; `www/recovery.js` writes JavaScript errors
//! there in the same format), in every mode: a teacher or the staff screen can read
//! what went wrong. Then:
//! - in kiosk mode (`?mode=kiosk`) the page shows a calm "正在重新开始… /
//!   Restarting…" and reloads itself (same address, so it comes back to attract
//!   mode) after [`errorlog::RESTART_MS`], or after [`errorlog::LOOP_RESTART_MS`]
//!   when the log (or the tab's name, where storage is refused) shows a crash
//!   loop, saying so;
//! - elsewhere the page shows today's "Something went wrong" with its "Start again"
//!   link (`show_crash` in `mod.rs`).
//!
//! After a panic the wasm instance cannot be trusted (wasm-bindgen refuses every
//! later call), so the hook touches only the DOM and storage, and the reload timer
//! is the browser's own `location.reload`, never a Rust closure.

use super::App;
use crate::errorlog::{self, CrashNames, ErrorLog, Source};
use crate::i18n::{Lang, Strings};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The error log as stored; anything unusable reads as empty.
pub fn load() -> ErrorLog {
    storage()
        .and_then(|s| s.get_item(errorlog::KEY).ok().flatten())
        .map(|t| ErrorLog::parse(&t))
        .unwrap_or_default()
}

/// Adds an error to the stored log (a refused or full storage only means it is not
/// kept) and returns the log with it.
pub fn record(source: Source, message: &str) -> ErrorLog {
    let mut log = load();
    let now: String = js_sys::Date::new_0().to_iso_string().into();
    log.push(&now, source, message);
    if let Some(s) = storage() {
        let _ = s.set_item(errorlog::KEY, &log.to_json());
    }
    log
}

/// Replaces the default panic hook: log to the console (so tests and developers see
/// it), record, then the crash screen of this mode.
pub fn install_panic_hook(kiosk: bool) {
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        let log = record(Source::Panic, &info.to_string());
        if kiosk {
            show_restarting(&log);
        } else {
            super::show_crash();
        }
    }));
}

/// Kiosk mode's crash screen: "Restarting…" in both languages, no link, and a reload
/// of the same address in a moment.
pub fn show_restarting(log: &ErrorLog) {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let now = js_sys::Date::now();
    let seen = w
        .name()
        .ok()
        .and_then(|name| CrashNames::add(&name, now))
        .map_or(0, |(n, name)| {
            let _ = w.set_name(&name);
            n
        });
    let (delay, looping) = log.restart_delay_ms(now, seen);
    let strings = Strings::builtin();
    let Ok(div) = doc.create_element("div") else {
        return;
    };
    div.set_id("crash");
    div.set_class_name("restarting");
    div.set_attribute("role", "status").ok();
    div.set_attribute("data-restart-ms", &delay.to_string())
        .ok();
    for (lang, tag) in [(Lang::Zh, "zh-CN"), (Lang::En, "en")] {
        let Ok(h) = doc.create_element("h2") else {
            return;
        };
        h.set_attribute("lang", tag).ok();
        h.set_text_content(Some(strings.get("restart.title", lang)));
        div.append_child(&h).ok();
        if looping {
            if let Ok(p) = doc.create_element("p") {
                p.set_attribute("lang", tag).ok();
                p.set_text_content(Some(strings.get("restart.wait", lang)));
                div.append_child(&p).ok();
            }
        }
    }
    body.append_child(&div).ok();
    // `location.reload` bound to the location: plain JavaScript, runs whatever state
    // the wasm is in.
    let location = w.location();
    let reload = js_sys::Reflect::get(&location, &JsValue::from_str("reload"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.bind0(&location));
    if let Some(reload) = reload {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&reload, delay as i32);
    }
}

#[wasm_bindgen]
impl App {
    /// For tests (`hazardHunt.crash()`, only with `?automation=1`): a real Rust panic
    /// through the panic hook, as a bug would cause.
    pub fn crash(&self) {
        let automation = self.shared.state.borrow().automation;
        if automation {
            panic!("hazardHunt.crash(): a deliberate panic for the recovery test");
        }
    }
}
