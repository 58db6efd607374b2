//! Kiosk mode's statistics and the staff screen.
//!
//! - **Recording** (every kiosk, `?mode=kiosk`): a subscriber ([`Staff::on_event`])
//!   counts each `roundEnded` into a [`KioskStats`] for today's local date and
//!   writes it to `localStorage` under [`KEY`]. Anonymous, on this screen only.
//! - **The staff screen** (only with `?staff=1&code=DDDD`): a long press of
//!   [`LONG_PRESS_MS`] in an invisible 64 × 64 px zone in the top-left corner opens
//!   a 4-digit code pad (big buttons, no keyboard needed). A wrong code says so and
//!   closes after a moment; the right one shows rounds per day, averages, every
//!   hazard found / missed / hinted (most missed first), the last errors, and
//!   "Export CSV" (a download made in the page), "Clear statistics" (asked in the
//!   page first) and "Close". A tap in the corner does nothing.
//!
//! The screen keeps its own state and listeners, apart from the game's: it never
//! changes the game, and the game's state is never borrowed while it is used.

use super::dom::{el, set_text, show};
use super::errors;
use super::listen::Listener;
use super::App;
use crate::game::{Event, Game};
use crate::i18n::{Lang, Strings, Text};
use crate::stats::{self, KioskStats};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event as DomEvent, HtmlElement, PointerEvent};

/// The `localStorage` key of the statistics.
pub const KEY: &str = "hazard-hunt.stats.v1";
/// How long the corner must be held, in ms.
pub const LONG_PRESS_MS: i32 = 3_000;
/// How long "Wrong code" shows before the pad closes, in ms.
const WRONG_MS: i32 = 1_500;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Today's local date, `YYYY-MM-DD` (a museum's day, a class's day).
pub(super) fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Closed,
    Pad,
    Wrong,
    Open,
    Confirm,
}

pub struct Staff {
    inner: Rc<RefCell<Inner>>,
    _listeners: Vec<Listener>,
}

struct Inner {
    kiosk: bool,
    stats: KioskStats,
    lang: Lang,
    /// Hazard names of the scenes loaded since the page opened, for the screen and
    /// the export.
    titles: Vec<(String, Vec<(String, Text)>)>,
    ui: Option<Ui>,
}

struct Ui {
    code: String,
    doc: Document,
    strings: Strings,
    zone: HtmlElement,
    panel: HtmlElement,
    pad: HtmlElement,
    dots: HtmlElement,
    pad_msg: HtmlElement,
    body: HtmlElement,
    mode: Mode,
    entered: String,
    /// The pointer holding the corner, and the timer that opens the pad.
    press: Option<(i32, i32)>,
    timers: Vec<Closure<dyn FnMut()>>,
}

impl Staff {
    /// Reads the stored statistics (kiosk mode only) and, with a staff code, builds
    /// the corner zone and the (hidden) screen in `doc`'s body.
    pub fn build(
        doc: &Document,
        kiosk: bool,
        code: Option<String>,
        lang: Lang,
    ) -> Result<Staff, JsValue> {
        let stats = if kiosk { load() } else { KioskStats::new() };
        let ui = match (kiosk, code) {
            (true, Some(code)) => Some(Ui::build(doc, code)?),
            _ => None,
        };
        let inner = Rc::new(RefCell::new(Inner {
            kiosk,
            stats,
            lang,
            titles: Vec::new(),
            ui,
        }));
        let mut listeners = Vec::new();
        let parts = inner
            .borrow()
            .ui
            .as_ref()
            .map(|u| (u.zone.clone(), u.panel.clone()));
        if let Some((zone, panel)) = parts {
            let on = |f: fn(&Rc<RefCell<Inner>>, DomEvent)| {
                let weak = Rc::downgrade(&inner);
                move |e: DomEvent| {
                    if let Some(inner) = weak.upgrade() {
                        f(&inner, e);
                    }
                }
            };
            listeners.push(Listener::new(&zone, "pointerdown", on(press))?);
            for kind in ["pointerup", "pointercancel", "pointerleave"] {
                listeners.push(Listener::new(&zone, kind, on(release))?);
            }
            listeners.push(Listener::new(&zone, "contextmenu", |e: DomEvent| {
                e.prevent_default()
            })?);
            listeners.push(Listener::new(&panel, "click", on(click))?);
        }
        Ok(Staff {
            inner,
            _listeners: listeners,
        })
    }

    /// Subscriber: counts finished rounds (kiosk mode only), remembers the names of
    /// the hazards of each scene loaded, follows the language.
    pub fn on_event(&mut self, ev: &Event, game: &Game) {
        let Ok(mut inner) = self.inner.try_borrow_mut() else {
            return;
        };
        if !inner.kiosk {
            return;
        }
        match ev {
            Event::LanguageChanged { lang } => {
                inner.lang = *lang;
                inner.render();
            }
            Event::SceneLoaded { .. } => {
                if let Some(scene) = game.scene() {
                    let names = scene
                        .hazards
                        .iter()
                        .map(|h| (h.id.clone(), h.name.clone()))
                        .collect();
                    inner.titles.retain(|(id, _)| *id != scene.id);
                    if inner.titles.len() < stats::MAX_SCENES {
                        inner.titles.push((scene.id.clone(), names));
                    }
                }
            }
            Event::RoundEnded { summary } => {
                let counted = inner.stats.record(summary, &today());
                if counted {
                    save(&inner.stats);
                    inner.render();
                }
            }
            _ => {}
        }
    }

    /// Escape (a staff member with a keyboard): steps back out of "clear?", else closes
    /// the pad or the screen. True when it did.
    pub fn escape(&mut self) -> bool {
        let Ok(mut inner) = self.inner.try_borrow_mut() else {
            return false;
        };
        let Some(ui) = inner.ui.as_mut() else {
            return false;
        };
        match ui.mode {
            Mode::Closed => return false,
            Mode::Confirm => ui.mode = Mode::Open,
            _ => {
                ui.entered.clear();
                ui.mode = Mode::Closed;
            }
        }
        inner.render();
        true
    }

    /// For `hazardHunt.stats()`: the stored form as an object (kiosk mode only).
    pub fn stats_js(&self) -> Option<JsValue> {
        let inner = self.inner.borrow();
        if !inner.kiosk {
            return None;
        }
        js_sys::JSON::parse(&inner.stats.to_json()).ok()
    }
}

/// A hazard's name in `lang`, if its scene was loaded since the page opened.
fn title(
    titles: &[(String, Vec<(String, Text)>)],
    scene: &str,
    id: &str,
    lang: Lang,
) -> Option<String> {
    let (_, names) = titles.iter().find(|(s, _)| s == scene)?;
    let (_, name) = names.iter().find(|(h, _)| h == id)?;
    Some(name.get(lang).to_string())
}

/// The stored statistics; anything unusable reads as none.
fn load() -> KioskStats {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|t| KioskStats::parse(&t))
        .unwrap_or_default()
}

fn save(s: &KioskStats) {
    if let Some(st) = storage() {
        // A full or refused storage only means the figures are not kept.
        let _ = st.set_item(KEY, &s.to_json());
    }
}

fn press(inner: &Rc<RefCell<Inner>>, e: DomEvent) {
    let Ok(e) = e.dyn_into::<PointerEvent>() else {
        return;
    };
    e.prevent_default();
    e.stop_propagation();
    let weak = Rc::downgrade(inner);
    let mut guard = inner.borrow_mut();
    let Some(ui) = guard.ui.as_mut() else { return };
    if ui.mode != Mode::Closed || ui.press.is_some() {
        return;
    }
    let pointer = e.pointer_id();
    let timer = later(ui, weak, LONG_PRESS_MS, move |inner| {
        let held = inner
            .ui
            .as_ref()
            .is_some_and(|u| u.press.is_some_and(|(p, _)| p == pointer));
        if let Some(ui) = inner.ui.as_mut() {
            ui.press = None;
        }
        if held {
            inner.open_pad();
        }
    });
    ui.press = timer.map(|t| (pointer, t));
}

fn release(inner: &Rc<RefCell<Inner>>, e: DomEvent) {
    let Ok(e) = e.dyn_into::<PointerEvent>() else {
        return;
    };
    let mut guard = inner.borrow_mut();
    let Some(ui) = guard.ui.as_mut() else { return };
    if let Some((p, timer)) = ui.press {
        if p == e.pointer_id() {
            ui.press = None;
            if let Some(w) = web_sys::window() {
                w.clear_timeout_with_handle(timer);
            }
        }
    }
}

/// Runs `f` on the screen's state after `ms`; returns the timer's handle.
fn later(
    ui: &mut Ui,
    weak: Weak<RefCell<Inner>>,
    ms: i32,
    f: impl FnOnce(&mut Inner) + 'static,
) -> Option<i32> {
    let mut f = Some(f);
    let closure = Closure::<dyn FnMut()>::new(move || {
        let Some(inner) = weak.upgrade() else { return };
        let Ok(mut inner) = inner.try_borrow_mut() else {
            return;
        };
        if let Some(f) = f.take() {
            f(&mut inner);
        }
    });
    let id = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
        .ok()?;
    // Kept until the screen goes (a handful at most: one per long press or code).
    if ui.timers.len() > 16 {
        ui.timers.drain(..8);
    }
    ui.timers.push(closure);
    Some(id)
}

fn click(inner: &Rc<RefCell<Inner>>, e: DomEvent) {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(Some(button)) = target.closest("[data-staff]") else {
        return;
    };
    let what = button.get_attribute("data-staff").unwrap_or_default();
    let weak = Rc::downgrade(inner);
    let mut guard = inner.borrow_mut();
    let inner = &mut *guard;
    let Some(ui) = inner.ui.as_mut() else { return };
    match (ui.mode, what.as_str()) {
        (Mode::Pad, "key") => {
            let Some(d) = button.get_attribute("data-key") else {
                return;
            };
            if ui.entered.len() < 4 {
                ui.entered.push_str(&d);
            }
            ui.show_dots();
            if ui.entered.len() == 4 {
                if ui.entered == ui.code {
                    ui.entered.clear();
                    ui.mode = Mode::Open;
                } else {
                    ui.entered.clear();
                    ui.mode = Mode::Wrong;
                    later(ui, weak, WRONG_MS, |inner| {
                        if let Some(ui) = inner.ui.as_mut() {
                            if ui.mode == Mode::Wrong {
                                ui.mode = Mode::Closed;
                            }
                        }
                        inner.render();
                    });
                }
            }
        }
        (Mode::Pad, "back") => {
            ui.entered.pop();
            ui.show_dots();
        }
        (Mode::Open, "export") => {
            let lang = inner.lang;
            let titles = &inner.titles;
            let csv = inner
                .stats
                .to_csv(&|scene: &str, id: &str| title(titles, scene, id, lang));
            if let Err(e) = download(&ui.doc, &format!("hazard-hunt-stats-{}.csv", today()), &csv) {
                super::report("Hazard Hunt: exporting the statistics failed:", &e);
            }
            return;
        }
        (Mode::Open, "clear") => ui.mode = Mode::Confirm,
        (Mode::Confirm, "clear-no") => ui.mode = Mode::Open,
        (Mode::Confirm, "clear-yes") => {
            inner.stats = KioskStats::new();
            save(&inner.stats);
            if let Some(ui) = inner.ui.as_mut() {
                ui.mode = Mode::Open;
            }
        }
        (_, "cancel") | (_, "close") => {
            ui.entered.clear();
            ui.mode = Mode::Closed;
        }
        _ => return,
    }
    inner.render();
}

/// Saves `text` as a file named `name`: a Blob behind a temporary `<a download>`;
/// the page does not navigate (the teacher view's export uses it too). A byte-order mark first, so spreadsheets read the
/// Chinese names as UTF-8.
pub(super) fn download(doc: &Document, name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&format!("\u{feff}{text}")));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // The download has its own copy by the time the next task runs.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    super::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000)?;
    Ok(())
}

impl Ui {
    fn build(doc: &Document, code: String) -> Result<Ui, JsValue> {
        let body: Element = doc
            .body()
            .ok_or_else(|| JsValue::from_str("no body"))?
            .into();
        // Invisible, and out of the way of screen readers and the tab order.
        let zone = el(doc, &body, "div", "staff-zone", "staff-zone")?;
        zone.set_attribute("aria-hidden", "true")?;
        let panel = el(doc, &body, "section", "staff", "staff")?;
        panel.set_attribute("role", "dialog")?;
        panel.set_attribute("aria-modal", "true")?;
        panel.set_attribute("aria-labelledby", "staff-heading")?;
        let pad = el(doc, &panel, "div", "staff-pad", "staff-pad")?;
        let body_ = el(doc, &panel, "div", "staff-body", "staff-body")?;
        show(&panel, false);
        let ui = Ui {
            code,
            doc: doc.clone(),
            strings: Strings::builtin(),
            zone,
            panel,
            dots: el(doc, &pad, "div", "", "")?,
            pad_msg: el(doc, &pad, "p", "", "")?,
            pad,
            body: body_,
            mode: Mode::Closed,
            entered: String::new(),
            press: None,
            timers: Vec::new(),
        };
        Ok(ui)
    }

    fn show_dots(&self) {
        let n = self.entered.len();
        let dots: String = (0..4).map(|k| if k < n { '●' } else { '○' }).collect();
        set_text(&self.dots, &dots);
        let _ = self.dots.set_attribute("data-entered", &n.to_string());
    }

    /// The code pad: heading, dots, the message line, 1–9, Delete, 0, Cancel.
    fn write_pad(&mut self, lang: Lang) -> Result<(), JsValue> {
        let doc = self.doc.clone();
        let s = &self.strings;
        self.pad.set_inner_html("");
        let h = el(&doc, &self.pad, "h2", "staff-heading", "")?;
        set_text(&h, s.get("staff.title", lang));
        let p = el(&doc, &self.pad, "p", "staff-pad-label", "")?;
        set_text(&p, s.get("staff.pad", lang));
        self.dots = el(&doc, &self.pad, "div", "staff-dots", "staff-dots")?;
        self.dots.set_attribute("aria-live", "polite")?;
        self.pad_msg = el(&doc, &self.pad, "p", "staff-pad-msg", "staff-pad-msg")?;
        self.pad_msg.set_attribute("role", "alert")?;
        set_text(&self.pad_msg, s.get("staff.wrong", lang));
        let keys = el(&doc, &self.pad, "div", "staff-keys", "staff-keys")?;
        for k in ["1", "2", "3", "4", "5", "6", "7", "8", "9"] {
            key(&doc, &keys, &format!("staff-key-{k}"), "key", k, Some(k))?;
        }
        key(&doc, &keys, "staff-key-back", "back", "⌫", None)?
            .set_attribute("aria-label", s.get("staff.back", lang))?;
        key(&doc, &keys, "staff-key-0", "key", "0", Some("0"))?;
        key(
            &doc,
            &keys,
            "staff-pad-cancel",
            "cancel",
            s.get("staff.cancel", lang),
            None,
        )?;
        self.show_dots();
        Ok(())
    }
}

/// A pad button.
fn key(
    doc: &Document,
    parent: &Element,
    id: &str,
    what: &str,
    label: &str,
    digit: Option<&str>,
) -> Result<HtmlElement, JsValue> {
    let b = el(doc, parent, "button", id, "staff-key")?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-staff", what)?;
    if let Some(d) = digit {
        b.set_attribute("data-key", d)?;
    }
    set_text(&b, label);
    Ok(b)
}

impl Inner {
    fn open_pad(&mut self) {
        if let Some(ui) = self.ui.as_mut() {
            ui.entered.clear();
            ui.mode = Mode::Pad;
        }
        self.render();
    }

    /// Brings the screen up to date with its mode, the figures and the language.
    fn render(&mut self) {
        if let Err(e) = self.try_render() {
            super::report("Hazard Hunt: updating the staff screen failed:", &e);
        }
    }

    fn try_render(&mut self) -> Result<(), JsValue> {
        let lang = self.lang;
        let Some(ui) = self.ui.as_mut() else {
            return Ok(());
        };
        let mode = ui.mode;
        show(&ui.panel, mode != Mode::Closed);
        ui.panel.set_attribute("data-mode", mode_name(mode))?;
        ui.panel.set_attribute("lang", lang.html_tag())?;
        match mode {
            Mode::Closed => {
                ui.pad.set_inner_html("");
                ui.body.set_inner_html("");
                show(&ui.pad, false);
                show(&ui.body, false);
            }
            Mode::Pad | Mode::Wrong => {
                show(&ui.body, false);
                ui.body.set_inner_html("");
                show(&ui.pad, true);
                if ui.pad.child_element_count() == 0
                    || ui.panel.get_attribute("data-lang").as_deref() != Some(lang.code())
                {
                    ui.write_pad(lang)?;
                }
                show(&ui.pad_msg, mode == Mode::Wrong);
                ui.show_dots();
            }
            Mode::Open | Mode::Confirm => {
                show(&ui.pad, false);
                ui.pad.set_inner_html("");
                show(&ui.body, true);
                let titles = &self.titles;
                let name = |scene: &str, id: &str| title(titles, scene, id, lang);
                write_stats(ui, &self.stats, lang, mode == Mode::Confirm, &name)?;
            }
        }
        ui.panel.set_attribute("data-lang", lang.code())?;
        Ok(())
    }
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Closed => "closed",
        Mode::Pad => "pad",
        Mode::Wrong => "wrong",
        Mode::Open => "open",
        Mode::Confirm => "confirm",
    }
}

fn secs(strings: &Strings, lang: Lang, ms: Option<f64>) -> String {
    match ms {
        Some(ms) => strings.fill(
            "staff.seconds",
            lang,
            &[("n", &format!("{:.0}", ms / 1000.0))],
        ),
        None => "–".to_string(),
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.0}"))
}

/// The figures: totals, the days, the hazards, the errors, the buttons.
fn write_stats(
    ui: &Ui,
    stats: &KioskStats,
    lang: Lang,
    confirm: bool,
    name: &dyn Fn(&str, &str) -> Option<String>,
) -> Result<(), JsValue> {
    let doc = &ui.doc;
    let s = &ui.strings;
    let t = |k: &str| s.get(k, lang).to_string();
    let body = &ui.body;
    body.set_inner_html("");
    let sum = stats.summary(&today());

    let h = el(doc, body, "h2", "staff-heading", "")?;
    set_text(&h, &t("staff.stats"));
    let p = el(doc, body, "p", "staff-privacy", "staff-note")?;
    set_text(&p, &t("staff.privacy"));

    let totals = el(doc, body, "dl", "staff-totals", "staff-totals")?;
    for (key, id, value) in [
        ("staff.rounds", "staff-rounds", sum.rounds.to_string()),
        (
            "staff.abandoned",
            "staff-abandoned",
            sum.abandoned.to_string(),
        ),
        ("staff.team", "staff-team", sum.team.to_string()),
        ("staff.avg_score", "staff-avg-score", num(sum.average_score)),
        (
            "staff.avg_time",
            "staff-avg-time",
            secs(s, lang, sum.average_time_ms),
        ),
    ] {
        let d = el(doc, &totals, "div", "", "")?;
        put(doc, &d, "dt", "", "", &t(key))?;
        put(doc, &d, "dd", id, "", &value)?;
    }

    let actions = el(doc, body, "div", "staff-actions", "staff-actions")?;
    for (id, what, key, class) in [
        ("staff-export", "export", "staff.export", "primary"),
        ("staff-clear", "clear", "staff.clear", "ghost dark"),
        ("staff-close", "close", "staff.close", "ghost dark"),
    ] {
        let b = el(doc, &actions, "button", id, class)?;
        b.set_attribute("type", "button")?;
        b.set_attribute("data-staff", what)?;
        set_text(&b, &t(key));
    }
    if confirm {
        let c = el(doc, body, "div", "staff-confirm", "staff-confirm")?;
        c.set_attribute("role", "alertdialog")?;
        put(doc, &c, "p", "", "", &t("staff.clear_ask"))?;
        for (id, what, key, class) in [
            ("staff-clear-yes", "clear-yes", "staff.clear_yes", "primary"),
            ("staff-clear-no", "clear-no", "staff.clear_no", "ghost dark"),
        ] {
            let b = el(doc, &c, "button", id, class)?;
            b.set_attribute("type", "button")?;
            b.set_attribute("data-staff", what)?;
            set_text(&b, &t(key));
        }
    }

    let h = el(doc, body, "h3", "", "")?;
    set_text(&h, &t("staff.days"));
    let days = el(doc, body, "table", "staff-days", "staff-table")?;
    row(
        doc,
        &days,
        "th",
        &[
            t("staff.day"),
            t("staff.rounds"),
            t("staff.abandoned"),
            t("staff.avg_score"),
            t("staff.avg_time"),
        ],
        None,
    )?;
    for d in &sum.days {
        row(
            doc,
            &days,
            "td",
            &[
                d.day.clone(),
                d.rounds.to_string(),
                d.abandoned.to_string(),
                num(d.average_score),
                secs(s, lang, d.average_time_ms),
            ],
            Some(("data-day", &d.day)),
        )?;
    }

    let h = el(doc, body, "h3", "", "")?;
    set_text(&h, &t("staff.hazards"));
    if sum.hazards.is_empty() {
        put(
            doc,
            body,
            "p",
            "staff-no-hazards",
            "staff-note",
            &t("staff.none"),
        )?;
    } else {
        let table = el(doc, body, "table", "staff-hazards", "staff-table")?;
        row(
            doc,
            &table,
            "th",
            &[
                t("staff.scene"),
                t("staff.hazard"),
                t("staff.found"),
                t("staff.missed"),
                t("staff.hinted"),
                t("staff.miss_rate"),
            ],
            None,
        )?;
        for hz in &sum.hazards {
            let label = match name(&hz.scene, &hz.id) {
                Some(n) => format!("{n} ({})", hz.id),
                None => hz.id.clone(),
            };
            let key = format!("{}/{}", hz.scene, hz.id);
            row(
                doc,
                &table,
                "td",
                &[
                    hz.scene.clone(),
                    label,
                    hz.found.to_string(),
                    hz.missed.to_string(),
                    hz.hinted.to_string(),
                    hz.miss_rate.map_or_else(|| "–".into(), |r| format!("{r}%")),
                ],
                Some(("data-hazard", &key)),
            )?;
        }
    }

    let h = el(doc, body, "h3", "", "")?;
    set_text(&h, &t("staff.errors"));
    let log = errors::load();
    if log.entries().is_empty() {
        put(
            doc,
            body,
            "p",
            "staff-no-errors",
            "staff-note",
            &t("staff.no_errors"),
        )?;
    } else {
        let list = el(doc, body, "ol", "staff-errors", "staff-errors")?;
        for e in log.entries().iter().rev() {
            let li = el(doc, &list, "li", "", "")?;
            li.set_attribute("data-source", e.source.name())?;
            put(doc, &li, "time", "", "", &e.time)?;
            put(doc, &li, "span", "", "staff-source", e.source.name())?;
            put(doc, &li, "code", "", "", &e.message)?;
        }
    }
    Ok(())
}

/// `<tag id class>` under `parent`, holding `text`.
fn put(
    doc: &Document,
    parent: &Element,
    tag: &str,
    id: &str,
    class: &str,
    text: &str,
) -> Result<HtmlElement, JsValue> {
    let e = el(doc, parent, tag, id, class)?;
    set_text(&e, text);
    Ok(e)
}

/// A table row of `cells` (`th` or `td`).
fn row(
    doc: &Document,
    table: &Element,
    cell: &str,
    cells: &[String],
    attr: Option<(&str, &str)>,
) -> Result<(), JsValue> {
    let tr = el(doc, table, "tr", "", "")?;
    if let Some((k, v)) = attr {
        tr.set_attribute(k, v)?;
    }
    for c in cells {
        put(doc, &tr, cell, "", "", c)?;
    }
    Ok(())
}

#[wasm_bindgen]
impl App {
    /// For tests and reviewers (`hazardHunt.stats()`): this kiosk's statistics as
    /// stored (`{version, days, hazards}`), or `null` outside kiosk mode.
    pub fn stats(&self) -> JsValue {
        self.shared
            .state
            .borrow()
            .staff
            .stats_js()
            .unwrap_or(JsValue::NULL)
    }
}
