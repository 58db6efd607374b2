//! Kiosk mode's page (`?mode=kiosk`): the attract layer ("触摸开始 / Touch to
//! start" over the demo, with "Play together" and the language), "Are you still
//! playing?" with its countdown, today's leaderboard with its letter buttons, and the
//! lockdown (no context menu, selection, dragging, page zoom, or keys that leave).
//!
//! The game decides (see `kiosk.rs` at the crate root); this only shows it and turns
//! touches into actions. The leaderboard is the one piece of state kept here: it is
//! this screen's, not the game's.

use super::dom::{button, el, set_text, show};
use super::listen::Listener;
use super::staff::today;
use crate::board::{Board, LETTERS};
use crate::game::{EndReason, Event, Game};
use crate::i18n::{Lang, Strings};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Document, Element, HtmlElement, KeyboardEvent, WheelEvent};

/// Where the language last chosen on this screen is kept.
const LANG_KEY: &str = "hazard-hunt.kiosk-lang.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language last chosen on this kiosk, if any (anything else stored is ignored).
pub fn remembered_lang() -> Option<Lang> {
    let v = storage()?.get_item(LANG_KEY).ok().flatten()?;
    (v.len() <= 8).then(|| Lang::parse(&v)).flatten()
}

/// A round that may go on the board, waiting for its initials.
struct Pending {
    score: u32,
    scene: String,
    place: usize,
    initials: String,
}

#[derive(Clone, PartialEq)]
struct Shown {
    name: &'static str,
    lang: Lang,
    countdown: Option<u32>,
    board_rev: u32,
}

pub struct KioskUi {
    html: Element,
    attract: HtmlElement,
    attract_zh: HtmlElement,
    attract_en: HtmlElement,
    together: HtmlElement,
    together_note: HtmlElement,
    lang_zh: HtmlElement,
    lang_en: HtmlElement,
    attract_board: HtmlElement,
    idle: HtmlElement,
    idle_title: HtmlElement,
    idle_text: HtmlElement,
    idle_count: HtmlElement,
    idle_button: HtmlElement,
    entry: HtmlElement,
    entry_text: HtmlElement,
    entry_slots: HtmlElement,
    entry_letters: HtmlElement,
    entry_save: HtmlElement,
    entry_skip: HtmlElement,
    entry_delete: HtmlElement,
    entry_list: HtmlElement,
    entry_board_title: HtmlElement,
    /// `?board=1`.
    board_on: bool,
    board: Board,
    /// Bumped when the board or the entry changes, so `sync` redraws.
    board_rev: u32,
    pending: Option<Pending>,
    /// The entry just saved (its place), highlighted until the next round.
    saved: Option<usize>,
    shown: Option<Shown>,
}

impl KioskUi {
    /// Builds the kiosk's layers inside `ui` and marks the page (`<html class=kiosk>`).
    pub fn build(
        doc: &Document,
        ui: &Element,
        board_on: bool,
        hide_cursor: bool,
    ) -> Result<KioskUi, JsValue> {
        let html = doc
            .document_element()
            .ok_or_else(|| JsValue::from_str("no <html>"))?;
        html.class_list().add_1("kiosk")?;
        if hide_cursor {
            html.class_list().add_1("cursor-hide")?;
        }

        // The attract layer: the whole screen is "touch to start".
        let attract = el(doc, ui, "div", "attract", "attract")?;
        attract.set_attribute("data-action", "kiosk-start")?;
        attract.set_attribute("role", "button")?;
        attract.set_attribute("aria-label", "触摸开始 · Touch to start")?;
        let banner = el(doc, &attract, "div", "", "attract-banner")?;
        let attract_zh = el(doc, &banner, "p", "attract-zh", "attract-touch")?;
        attract_zh.set_attribute("lang", "zh-CN")?;
        let attract_en = el(doc, &banner, "p", "attract-en", "attract-touch en")?;
        attract_en.set_attribute("lang", "en")?;
        let row = el(doc, &banner, "div", "", "attract-row")?;
        let langs = el(doc, &row, "div", "", "langs")?;
        let lang_zh: HtmlElement = button(doc, &langs, "kiosk-zh", "lang", "lang-zh")?.into();
        lang_zh.set_text_content(Some("中文"));
        lang_zh.set_attribute("lang", "zh-CN")?;
        let lang_en: HtmlElement = button(doc, &langs, "kiosk-en", "lang", "lang-en")?.into();
        lang_en.set_text_content(Some("English"));
        lang_en.set_attribute("lang", "en")?;
        let together: HtmlElement =
            button(doc, &row, "kiosk-team", "secondary big", "kiosk-team")?.into();
        let together_note = el(doc, &banner, "p", "", "attract-note")?;
        let attract_board = el(doc, &attract, "aside", "attract-board", "board-list")?;
        show(&attract_board, board_on);

        // "Are you still playing?": the whole layer answers.
        let idle = el(doc, ui, "div", "idle", "idle")?;
        idle.set_attribute("data-action", "still-here")?;
        idle.set_attribute("role", "alertdialog")?;
        idle.set_attribute("aria-modal", "true")?;
        idle.set_attribute("aria-labelledby", "idle-title")?;
        let panel = el(doc, &idle, "div", "", "panel idle-panel")?;
        let idle_title = el(doc, &panel, "h2", "idle-title", "")?;
        let idle_count = el(doc, &panel, "p", "idle-count", "idle-count")?;
        idle_count.set_attribute("aria-live", "polite")?;
        let idle_text = el(doc, &panel, "p", "idle-text", "")?;
        let idle_button: HtmlElement =
            button(doc, &panel, "still-here", "primary big", "still-here")?.into();
        show(&idle, false);

        // The leaderboard's entry: letters on big buttons.
        let entry = el(doc, ui, "div", "board-entry", "panel dialog board-entry")?;
        entry.set_attribute("role", "dialog")?;
        entry.set_attribute("aria-modal", "true")?;
        entry.set_attribute("aria-labelledby", "board-entry-text")?;
        let entry_text = el(doc, &entry, "p", "board-entry-text", "")?;
        let entry_slots = el(doc, &entry, "p", "board-slots", "board-slots")?;
        entry_slots.set_attribute("aria-live", "polite")?;
        let letters = el(doc, &entry, "div", "board-letters", "board-letters")?;
        for c in 'A'..='Z' {
            let b = button(doc, &letters, "", "letter", "board-letter")?;
            b.set_attribute("data-letter", &c.to_string())?;
            b.set_text_content(Some(&c.to_string()));
        }
        let entry_delete: HtmlElement = button(
            doc,
            &letters,
            "board-delete",
            "letter ghost",
            "board-delete",
        )?
        .into();
        entry_delete.set_text_content(Some("⌫"));
        let row = el(doc, &entry, "div", "", "row")?;
        let entry_skip: HtmlElement =
            button(doc, &row, "board-skip", "ghost dark", "board-skip")?.into();
        let entry_save: HtmlElement =
            button(doc, &row, "board-save", "primary", "board-save")?.into();
        let entry_board_title = el(doc, &entry, "h2", "", "board-title")?;
        let entry_list = el(doc, &entry, "ol", "board-list", "board-list")?;
        show(&entry, false);

        let board = Board::parse(
            storage()
                .and_then(|s| s.get_item(crate::board::KEY).ok().flatten())
                .as_deref(),
            &today(),
        );
        Ok(KioskUi {
            html,
            attract,
            attract_zh,
            attract_en,
            together,
            together_note,
            lang_zh,
            lang_en,
            attract_board,
            idle,
            idle_title,
            idle_text,
            idle_count,
            idle_button,
            entry,
            entry_text,
            entry_slots,
            entry_letters: letters,
            entry_save,
            entry_skip,
            entry_delete,
            entry_list,
            entry_board_title,
            board_on,
            board,
            board_rev: 0,
            pending: None,
            saved: None,
            shown: None,
        })
    }

    /// Subscriber: a finished solo round that makes today's board asks for initials;
    /// the chosen language is remembered on this screen.
    pub fn on_event(&mut self, ev: &Event) {
        match ev {
            Event::LanguageChanged { lang } => {
                if let Some(s) = storage() {
                    let _ = s.set_item(LANG_KEY, lang.code());
                }
            }
            Event::RoundStarted { .. } | Event::AttractStarted { .. } => {
                self.pending = None;
                self.saved = None;
                self.board_rev += 1;
            }
            Event::RoundEnded { summary } if self.board_on && !summary.team => {
                let counts = matches!(
                    summary.end,
                    EndReason::AllFound | EndReason::GaveUp | EndReason::TimeUp
                );
                self.board.roll_over(&today());
                let score = summary.score.total;
                if let (true, Some(place)) = (counts, self.board.place_for(score)) {
                    self.pending = Some(Pending {
                        score,
                        scene: summary.scene_id.clone(),
                        place,
                        initials: String::new(),
                    });
                    self.board_rev += 1;
                }
            }
            _ => {}
        }
    }

    /// A button of the board's entry was pressed; true when something changed.
    pub fn board_button(&mut self, action: &str, target: &Element) -> bool {
        match action {
            "board-letter" => {
                let Some(p) = &mut self.pending else {
                    return false;
                };
                let letter = target.get_attribute("data-letter").unwrap_or_default();
                if p.initials.len() >= LETTERS
                    || letter.len() != 1
                    || !letter.bytes().all(|b| b.is_ascii_uppercase())
                {
                    return false;
                }
                p.initials.push_str(&letter);
            }
            "board-delete" => {
                let Some(p) = &mut self.pending else {
                    return false;
                };
                p.initials.pop();
            }
            "board-save" => {
                let Some(p) = &self.pending else {
                    return false;
                };
                if p.initials.len() != LETTERS {
                    return false;
                }
                self.board.roll_over(&today());
                self.saved = self.board.add(&p.initials, p.score, &p.scene);
                if let Some(s) = storage() {
                    // A full or refused storage only means the board is not kept.
                    let _ = s.set_item(crate::board::KEY, &self.board.to_json());
                }
                self.pending = None;
            }
            "board-skip" => {
                self.pending = None;
                self.saved = None;
            }
            "board-close" => {
                self.saved = None;
            }
            _ => return false,
        }
        self.board_rev += 1;
        true
    }

    /// Brings the kiosk's layers up to date with the game.
    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let now = Shown {
            name: game.screen_name(),
            lang,
            countdown: game.kiosk().and_then(|k| k.countdown_left_s()),
            board_rev: self.board_rev,
        };
        if self.shown.as_ref() == Some(&now) {
            return Ok(());
        }
        let before = self.shown.replace(now.clone());
        let t = |k| strings.get(k, lang);
        let attract = now.name == "attract";
        let asking = now.countdown.is_some();
        show(&self.attract, attract);
        show(&self.idle, asking);
        let classes = self.html.class_list();
        classes.toggle_with_force("kiosk-attract", attract)?;
        classes.toggle_with_force("kiosk-idle", asking)?;

        if before.as_ref().map(|s| s.lang) != Some(lang) {
            set_text(&self.attract_zh, strings.get("kiosk.touch", Lang::Zh));
            set_text(&self.attract_en, strings.get("kiosk.touch", Lang::En));
            set_text(&self.together, t("kiosk.together"));
            set_text(&self.together_note, t("kiosk.together_note"));
            set_text(&self.idle_title, t("kiosk.idle_title"));
            set_text(&self.idle_button, t("kiosk.idle_continue"));
            set_text(&self.entry_save, t("board.save"));
            set_text(&self.entry_skip, t("board.skip"));
            set_text(&self.entry_board_title, t("board.title"));
            self.entry_delete
                .set_attribute("aria-label", t("board.delete"))?;
            self.lang_zh
                .set_attribute("aria-pressed", super::dom::bool_str(lang == Lang::Zh))?;
            self.lang_en
                .set_attribute("aria-pressed", super::dom::bool_str(lang == Lang::En))?;
        }
        if let Some(n) = now.countdown {
            let n = n.to_string();
            set_text(&self.idle_count, &n);
            set_text(
                &self.idle_text,
                &strings.fill("kiosk.idle_text", lang, &[("n", &n)]),
            );
        }
        let results = now.name == "results";
        let entering = results && self.pending.is_some();
        let just_saved = results && self.saved.is_some();
        show(&self.entry, entering || just_saved);
        if let Some(p) = &self.pending {
            let place = (p.place + 1).to_string();
            set_text(
                &self.entry_text,
                &strings.fill("board.made", lang, &[("n", &place)]),
            );
            let mut slots = p.initials.clone();
            while slots.chars().count() < LETTERS {
                slots.push('_');
            }
            set_text(&self.entry_slots, &slots);
            self.entry_save
                .toggle_attribute_with_force("disabled", p.initials.len() != LETTERS)?;
        }
        if just_saved {
            set_text(&self.entry_text, t("board.saved"));
        }
        for e in [
            &self.entry_slots,
            &self.entry_letters,
            &self.entry_save,
            &self.entry_delete,
        ] {
            show(e, entering);
        }
        // The skip button closes the list once saved.
        set_text(
            &self.entry_skip,
            t(if just_saved {
                "board.close"
            } else {
                "board.skip"
            }),
        );
        self.entry_skip.set_attribute(
            "data-action",
            if just_saved {
                "board-close"
            } else {
                "board-skip"
            },
        )?;
        if self.board_on {
            self.board.roll_over(&today());
            fill_list(&self.entry_list, &self.board, self.saved, strings, lang)?;
            fill_list(&self.attract_board, &self.board, None, strings, lang)?;
        }
        Ok(())
    }
}

/// Today's board as a list (`highlight`: the entry just saved).
fn fill_list(
    list: &Element,
    board: &Board,
    highlight: Option<usize>,
    strings: &Strings,
    lang: Lang,
) -> Result<(), JsValue> {
    let doc = list
        .owner_document()
        .ok_or_else(|| JsValue::from_str("detached"))?;
    list.set_text_content(None);
    if list.tag_name() != "OL" {
        let h = el(&doc, list, "h2", "", "board-title")?;
        h.set_text_content(Some(strings.get("board.title", lang)));
    }
    let ol: Element = if list.tag_name() == "OL" {
        list.clone()
    } else {
        el(&doc, list, "ol", "", "")?.into()
    };
    if board.entries.is_empty() {
        let li = el(&doc, &ol, "li", "", "empty")?;
        li.set_text_content(Some(strings.get("board.empty", lang)));
    }
    for (i, e) in board.entries.iter().enumerate() {
        let li = el(
            &doc,
            &ol,
            "li",
            "",
            if highlight == Some(i) { "mine" } else { "" },
        )?;
        let name = el(&doc, &li, "span", "", "initials")?;
        name.set_text_content(Some(&e.initials));
        let score = el(&doc, &li, "span", "", "points")?;
        score.set_text_content(Some(&e.score.to_string()));
    }
    Ok(())
}

/// The lockdown inside the page: no context menu or long-press callout, no text
/// selection, no image dragging, no page zoom (the game's own zoom still works), no
/// key combination that prints, saves, opens or leaves. CSS does the rest
/// (`html.kiosk`: `user-select`, `touch-action`, `overscroll-behavior`).
pub fn lock_down(doc: &Document) -> Result<Vec<Listener>, JsValue> {
    let mut ls = Vec::new();
    let target: &web_sys::EventTarget = doc.as_ref();
    for kind in ["contextmenu", "selectstart", "dragstart", "gesturestart"] {
        ls.push(Listener::new(target, kind, |e| e.prevent_default())?);
    }
    // Ctrl + wheel (and a trackpad's pinch) zooms the page; the game's own wheel
    // handler on the canvas has already taken what it needs.
    ls.push(Listener::with_options(
        target,
        "wheel",
        &passive(false),
        |e| {
            if e.dyn_ref::<WheelEvent>().is_some_and(|w| w.ctrl_key()) {
                e.prevent_default();
            }
        },
    )?);
    // Two fingers outside the game's own picture would zoom the page.
    ls.push(Listener::with_options(
        target,
        "touchmove",
        &passive(false),
        |e| {
            let many = e
                .dyn_ref::<web_sys::TouchEvent>()
                .is_some_and(|t| t.touches().length() > 1);
            if many && e.cancelable() {
                e.prevent_default();
            }
        },
    )?);
    // Keys with Ctrl, Alt or Meta (print, save, open, find, zoom, back) and the
    // function keys do nothing here; plain keys still play.
    ls.push(Listener::with_options(
        target,
        "keydown",
        &capture(),
        |e| {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let key = k.key();
            let function = key.len() >= 2
                && key.starts_with('F')
                && key[1..].bytes().all(|b| b.is_ascii_digit());
            if k.ctrl_key() || k.alt_key() || k.meta_key() || function || key == "ContextMenu" {
                e.prevent_default();
                e.stop_propagation();
            }
        },
    )?);
    Ok(ls)
}

fn passive(p: bool) -> AddEventListenerOptions {
    let o = AddEventListenerOptions::new();
    o.set_passive(p);
    o
}

fn capture() -> AddEventListenerOptions {
    let o = AddEventListenerOptions::new();
    o.set_capture(true);
    o
}
