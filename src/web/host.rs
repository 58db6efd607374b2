//! The page around the game: in an iframe the game tells its parent what happens
//! (`postMessage`, see `crate::host` for the messages) and takes `start`, `setLang`,
//! `pause` and `resume` from it, from nowhere else. With `?parentOrigin=` messages go
//! only to, and are taken only from, that origin. The game never reads or changes
//! the parent page. Also here: the full-screen button an embedded game offers, and
//! the "Paused" layer.

use super::dom::{button, el, set_text, show};
use crate::game::{Action, Event, Game};
use crate::i18n::{Lang, Strings};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, MessageEvent, Window};

pub struct Host {
    doc: Document,
    /// The parent page, when the game is in a frame.
    parent: Option<Window>,
    /// `?parentOrigin=`: the only origin heard and told.
    origin: Option<String>,
    /// Page scripts (an LMS adapter in the same page) told the same messages.
    listeners: Vec<js_sys::Function>,
    paused: HtmlElement,
    paused_title: HtmlElement,
    paused_text: HtmlElement,
    /// The full-screen buttons (header and title), when the game is embedded.
    full: Vec<HtmlElement>,
    shown: Option<(bool, Lang, bool)>,
}

fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

impl Host {
    pub fn build(
        doc: &Document,
        ui: &Element,
        embed: bool,
        origin: Option<String>,
    ) -> Result<Host, JsValue> {
        let w = super::window()?;
        // A top-level page is its own parent.
        let parent = w
            .parent()
            .ok()
            .flatten()
            .filter(|p| !js_sys::Object::is(p.as_ref(), w.as_ref()));
        // With `parentOrigin`, a parent of another origin is neither told nor heard.
        // Chromium and Safari say who the parent is (`location.ancestorOrigins`);
        // elsewhere the browser itself refuses to deliver to the wrong origin.
        let parent = parent.filter(|_| match (&origin, parent_origin(&w)) {
            (Some(want), Some(have)) => *want == have,
            _ => true,
        });
        let paused = el(doc, ui, "div", "paused", "paused")?;
        paused.set_attribute("role", "alertdialog")?;
        paused.set_attribute("aria-modal", "true")?;
        paused.set_attribute("aria-labelledby", "paused-title")?;
        let panel = el(doc, &paused, "div", "", "panel paused-panel")?;
        let paused_title = el(doc, &panel, "h2", "paused-title", "")?;
        let paused_text = el(doc, &panel, "p", "paused-text", "")?;
        show(&paused, false);
        // Offered when embedded (an iframe, or `?embed=1`) and the page may go full
        // screen (the iframe carries `allow="fullscreen"`).
        let mut full = Vec::new();
        if (embed || parent.is_some()) && doc.fullscreen_enabled() {
            if let Some(hud) = doc.get_element_by_id("hud") {
                let b = button(doc, &hud, "fullscreen", "ghost", "fullscreen")?;
                if let Some(mute) = doc.get_element_by_id("mute") {
                    hud.insert_before(&b, Some(&mute))?;
                }
                full.push(b.into());
            }
            if let Some(langs) = doc.query_selector("#title .langs")? {
                let b = button(doc, &langs, "title-fullscreen", "lang", "fullscreen")?;
                full.push(b.into());
            }
        }
        Ok(Host {
            doc: doc.clone(),
            parent,
            origin,
            listeners: Vec::new(),
            paused,
            paused_title,
            paused_text,
            full,
            shown: None,
        })
    }

    /// A page script hears every message too (`app.onMessage(f)`).
    pub fn listen(&mut self, f: js_sys::Function) {
        if self.listeners.len() < 16 {
            self.listeners.push(f);
        }
    }

    fn send<T: Serialize>(&self, message: &T) {
        let Some(value) = to_js(message) else { return };
        if let Some(p) = &self.parent {
            let target = self.origin.as_deref().unwrap_or("*");
            // A parent of another origin than `parentOrigin` makes this throw: then
            // it is not told.
            let _ = p.post_message(&value, target);
        }
        for f in &self.listeners {
            if let Err(e) = f.call1(&JsValue::NULL, &value) {
                web_sys::console::warn_2(&JsValue::from_str("Hazard Hunt: a listener failed:"), &e);
            }
        }
    }

    /// Tells the host the game is running.
    pub fn ready(&self, lang: Lang, scene: Option<&str>) {
        self.send(&crate::host::ready(lang, scene));
    }

    /// Subscriber: a round's start, finds, answers and summary go to the host.
    pub fn on_event(&self, ev: &Event) {
        if let Some(m) = crate::host::outgoing(ev) {
            self.send(&m);
        }
    }

    /// The action a message asks for, if it comes from the parent page (and from
    /// `parentOrigin`, when set) and is one of the commands; otherwise `None`.
    pub fn command(&self, e: &MessageEvent) -> Option<Action> {
        let parent = self.parent.as_ref()?;
        let from_parent = e
            .source()
            .is_some_and(|s| js_sys::Object::is(&s, parent.as_ref()));
        if !from_parent {
            return None;
        }
        if let Some(o) = &self.origin {
            if e.origin() != *o {
                return None;
            }
        }
        let data = e.data();
        if !data.is_object() || js_sys::Array::is_array(&data) {
            return None;
        }
        // Cyclic or otherwise unserializable data throws: ignored.
        let json = js_sys::JSON::stringify(&data).ok()?.as_string()?;
        crate::host::parse_command(&json).ok()
    }

    pub fn toggle_fullscreen(&self) {
        if self.doc.fullscreen_element().is_some() {
            self.doc.exit_fullscreen();
        } else if let Some(root) = self.doc.document_element() {
            if let Err(e) = root.request_fullscreen() {
                web_sys::console::warn_2(&JsValue::from_str("Hazard Hunt: no full screen:"), &e);
            }
        }
    }

    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let full = self.doc.fullscreen_element().is_some();
        let now = (game.paused(), lang, full);
        if self.shown == Some(now) {
            return Ok(());
        }
        self.shown = Some(now);
        let t = |k| strings.get(k, lang);
        show(&self.paused, game.paused());
        set_text(&self.paused_title, t("paused.title"));
        set_text(&self.paused_text, t("paused.text"));
        for b in &self.full {
            set_text(
                b,
                t(if full {
                    "fullscreen.exit"
                } else {
                    "fullscreen.enter"
                }),
            );
            b.set_attribute("aria-pressed", super::dom::bool_str(full))?;
        }
        Ok(())
    }
}

/// The parent page's origin as the browser tells it, where it does.
fn parent_origin(w: &Window) -> Option<String> {
    let list =
        js_sys::Reflect::get(w.location().as_ref(), &JsValue::from_str("ancestorOrigins")).ok()?;
    if list.is_undefined() || list.is_null() {
        return None;
    }
    js_sys::Reflect::get_u32(&list, 0).ok()?.as_string()
}

/// `MessageEvent` from a DOM event, if it is one.
pub fn message_event(e: &web_sys::Event) -> Option<&MessageEvent> {
    e.dyn_ref::<MessageEvent>()
}
