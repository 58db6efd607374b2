//! The HTML overlay: title screen, header, dialogs and teaching card, built once
//! from Rust and updated from the game state (the results are in `results.rs`, "How
//! to play" in `help.rs`). Text lives in real elements so it
//! wraps well in both languages and can be read by assistive technology.
//!
//! Every button carries `data-action`; one click listener on the overlay reads it.

use super::load::Sprites;
use super::picker::Picker;
use super::storage::BestScores;
use crate::game::{Game, LoadState, Screen};
use crate::i18n::{Lang, Strings};
use crate::score;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

pub struct Ui {
    doc: Document,
    pub root: HtmlElement,
    /// Invisible box positioned by CSS: where the scene picture goes on this screen.
    pub stage: HtmlElement,
    title: HtmlElement,
    start: HtmlButtonElement,
    lang_zh: HtmlButtonElement,
    lang_en: HtmlButtonElement,
    scene_title: HtmlElement,
    scene_intro: HtmlElement,
    scene_count: HtmlElement,
    scene_pick: HtmlElement,
    status: HtmlElement,
    error: HtmlElement,
    error_detail: HtmlElement,
    hud: HtmlElement,
    hud_found: HtmlElement,
    hud_time: HtmlElement,
    hud_score: HtmlElement,
    hint: HtmlButtonElement,
    confirm: HtmlElement,
    confirm_text: HtmlElement,
    card: HtmlElement,
    card_kicker: HtmlElement,
    card_tags: HtmlElement,
    card_title: HtmlElement,
    card_why: HtmlElement,
    card_fix: HtmlElement,
    card_rule: HtmlElement,
    card_close: HtmlButtonElement,
    note: HtmlElement,
    note_title: HtmlElement,
    note_why: HtmlElement,
    note_close: HtmlButtonElement,
    notice: HtmlElement,
    notice_text: HtmlElement,
    /// Elements whose whole text is one string-table entry, re-set on language change.
    fixed: Vec<(HtmlElement, &'static str)>,
    /// Elements whose `aria-label` is one string-table entry.
    labels: Vec<(Element, &'static str)>,
    /// What the overlay last showed, so `sync` only touches what changed.
    shown: Option<Shown>,
    /// The scene picker.
    pub picker: Picker,
}

#[derive(Clone, PartialEq)]
struct Shown {
    screen: Screen,
    lang: Lang,
    load: LoadState,
    confirming: bool,
    found: u32,
    notices: usize,
    hint_active: bool,
}

/// Creates `<tag id class>` under `parent`.
pub(super) fn el(
    doc: &Document,
    parent: &Element,
    tag: &str,
    id: &str,
    class: &str,
) -> Result<HtmlElement, JsValue> {
    let e = doc.create_element(tag)?;
    if !id.is_empty() {
        e.set_id(id);
    }
    if !class.is_empty() {
        e.set_class_name(class);
    }
    parent.append_child(&e)?;
    Ok(e.dyn_into()?)
}

pub(super) fn button(
    doc: &Document,
    parent: &Element,
    id: &str,
    class: &str,
    action: &str,
) -> Result<HtmlButtonElement, JsValue> {
    let b: HtmlButtonElement = el(doc, parent, "button", id, class)?.dyn_into()?;
    b.set_type("button");
    b.set_attribute("data-action", action)?;
    Ok(b)
}

/// A labelled figure: `<div class=stat><span class=label>…</span><span id class=value>`.
/// Returns the value element; the label is registered for language changes.
fn stat(
    doc: &Document,
    parent: &Element,
    key: &'static str,
    id: &str,
    fixed: &mut Vec<(HtmlElement, &'static str)>,
) -> Result<HtmlElement, JsValue> {
    let box_ = el(doc, parent, "div", "", "stat")?;
    let label = el(doc, &box_, "span", "", "label")?;
    fixed.push((label, key));
    el(doc, &box_, "span", id, "value")
}

/// A button whose whole text is the string-table entry `key`.
pub(super) fn text_button(
    doc: &Document,
    parent: &Element,
    id: &str,
    class: &str,
    key: &'static str,
    fixed: &mut Vec<(HtmlElement, &'static str)>,
) -> Result<HtmlButtonElement, JsValue> {
    let b = button(doc, parent, id, class, id)?;
    fixed.push((b.clone().into(), key));
    Ok(b)
}

pub(super) fn set_text(e: &Element, s: &str) {
    if e.text_content().as_deref() != Some(s) {
        e.set_text_content(Some(s));
    }
}

pub(super) fn show(e: &Element, visible: bool) {
    if e.has_attribute("hidden") == visible {
        let _ = e.toggle_attribute_with_force("hidden", !visible);
    }
}

impl Ui {
    /// Builds the overlay inside `root`; `canvas` gets its label from the string table.
    pub fn build(doc: &Document, root: &HtmlElement, canvas: &Element) -> Result<Ui, JsValue> {
        let d = doc;
        let mut fixed: Vec<(HtmlElement, &'static str)> = Vec::new();
        let mut labels: Vec<(Element, &'static str)> = Vec::new();
        labels.push((canvas.clone(), "canvas.label"));
        let ui = el(d, root, "div", "ui", "")?;
        let stage = el(d, &ui, "div", "stage", "")?;
        stage.set_attribute("aria-hidden", "true")?;

        // Title screen.
        let title = el(d, &ui, "section", "title", "panel title")?;
        let brand = el(d, &title, "p", "", "brand")?;
        fixed.push((brand, "game.name"));
        let h1 = el(d, &title, "h1", "", "")?;
        fixed.push((h1, "theme"));
        let motto = el(d, &title, "p", "", "motto")?;
        fixed.push((motto, "motto"));
        let how = el(d, &title, "p", "", "how")?;
        fixed.push((how, "title.how"));
        let langs = el(d, &title, "div", "", "langs")?;
        langs.set_attribute("role", "group")?;
        labels.push((langs.clone().into(), "title.lang"));
        let lang_zh = button(d, &langs, "lang-zh", "lang", "lang-zh")?;
        lang_zh.set_attribute("lang", "zh-CN")?;
        fixed.push((lang_zh.clone().into(), "lang.zh"));
        let lang_en = button(d, &langs, "lang-en", "lang", "lang-en")?;
        lang_en.set_attribute("lang", "en")?;
        fixed.push((lang_en.clone().into(), "lang.en"));
        let pick = el(d, &title, "div", "", "scene-pick")?;
        let kicker = el(d, &pick, "p", "", "kicker")?;
        fixed.push((kicker, "title.scene"));
        let scene_title = el(d, &pick, "h2", "scene-title", "")?;
        let scene_intro = el(d, &pick, "p", "scene-intro", "")?;
        let scene_count = el(d, &pick, "p", "scene-count", "count")?;
        let start = text_button(d, &title, "start", "primary big", "title.start", &mut fixed)?;
        let status = el(d, &title, "p", "title-status", "status")?;
        status.set_attribute("role", "status")?;
        let error = el(d, &title, "div", "error", "error")?;
        error.set_attribute("role", "alert")?;
        let eh = el(d, &error, "h2", "", "")?;
        fixed.push((eh, "error.scene"));
        let ep = el(d, &error, "p", "", "")?;
        fixed.push((ep, "error.scene_help"));
        let error_detail = el(d, &error, "code", "error-detail", "")?;
        text_button(d, &error, "retry", "ghost dark", "error.retry", &mut fixed)?;

        // Header during play.
        let hud = el(d, &ui, "header", "hud", "hud")?;
        let hud_found = stat(d, &hud, "hud.found", "hud-found", &mut fixed)?;
        let hud_time = stat(d, &hud, "hud.time", "hud-time", &mut fixed)?;
        let hud_score = stat(d, &hud, "hud.score", "hud-score", &mut fixed)?;
        let spacer = el(d, &hud, "div", "", "spacer")?;
        spacer.set_attribute("aria-hidden", "true")?;
        // Sound on / muted (src/web/audio.rs draws its icon and state).
        let mute = button(d, &hud, "mute", "ghost icon", "mute")?;
        labels.push((mute.into(), "hud.mute"));
        let hud_lang = button(d, &hud, "hud-lang", "ghost", "lang-toggle")?;
        labels.push((hud_lang.clone().into(), "title.lang"));
        // Shows the other language's name.
        fixed.push((hud_lang.into(), "lang.other"));
        let hint = text_button(d, &hud, "hint", "secondary", "hud.hint", &mut fixed)?;
        labels.push((hint.clone().into(), "hud.hint_label"));
        text_button(d, &hud, "give-up", "ghost", "hud.give_up", &mut fixed)?;

        // "End the round?"
        let confirm = el(d, &ui, "div", "confirm", "panel dialog")?;
        confirm.set_attribute("role", "alertdialog")?;
        confirm.set_attribute("aria-labelledby", "confirm-text")?;
        let confirm_text = el(d, &confirm, "p", "confirm-text", "")?;
        let row = el(d, &confirm, "div", "", "row")?;
        text_button(d, &row, "confirm-no", "primary", "confirm.no", &mut fixed)?;
        text_button(
            d,
            &row,
            "confirm-yes",
            "ghost dark",
            "confirm.yes",
            &mut fixed,
        )?;

        // The teaching card.
        let card = el(d, &ui, "aside", "card", "panel card")?;
        card.set_attribute("role", "dialog")?;
        card.set_attribute("aria-labelledby", "card-title")?;
        let card_kicker = el(d, &card, "p", "card-kicker", "kicker found")?;
        let card_tags = el(d, &card, "p", "card-tags", "tags")?;
        let card_title = el(d, &card, "h2", "card-title", "")?;
        let h = el(d, &card, "h3", "", "why")?;
        fixed.push((h, "card.why"));
        let card_why = el(d, &card, "p", "card-why", "")?;
        let h = el(d, &card, "h3", "", "fix")?;
        fixed.push((h, "card.fix"));
        let card_fix = el(d, &card, "p", "card-fix", "")?;
        let card_rule = el(d, &card, "p", "card-rule", "rule")?;
        let card_close = button(d, &card, "card-close", "primary", "card-close")?;

        // A decoy's note: looks risky, is done right.
        let note = el(d, &ui, "aside", "note", "panel card note")?;
        note.set_attribute("role", "dialog")?;
        note.set_attribute("aria-labelledby", "note-title")?;
        let kicker = el(d, &note, "p", "note-kicker", "kicker safe")?;
        fixed.push((kicker, "note.kicker"));
        let note_title = el(d, &note, "h2", "note-title", "")?;
        let h = el(d, &note, "h3", "", "safe")?;
        fixed.push((h, "note.why"));
        let note_why = el(d, &note, "p", "note-why", "")?;
        let note_close = text_button(d, &note, "note-close", "primary", "note.close", &mut fixed)?;

        // Notices about the web address.
        let notice = el(d, &ui, "div", "notice", "notice")?;
        notice.set_attribute("role", "status")?;
        let notice_text = el(d, &notice, "p", "notice-text", "")?;
        text_button(
            d,
            &notice,
            "notice-close",
            "ghost dark",
            "notice.close",
            &mut fixed,
        )?;

        let picker = Picker::build(d, &ui)?;
        for e in [&title, &hud, &confirm, &card, &notice, &error] {
            show(e, false);
        }
        Ok(Ui {
            doc: doc.clone(),
            root: ui,
            stage,
            title,
            start,
            lang_zh,
            lang_en,
            scene_title,
            scene_intro,
            scene_count,
            scene_pick: pick,
            status,
            error,
            error_detail,
            hud,
            hud_found,
            hud_time,
            hud_score,
            hint,
            confirm,
            confirm_text,
            card,
            card_kicker,
            card_tags,
            card_title,
            card_why,
            card_fix,
            card_rule,
            card_close,
            note,
            note_title,
            note_why,
            note_close,
            notice,
            notice_text,
            fixed,
            labels,
            shown: None,
            picker,
        })
    }

    /// Brings the overlay up to date with the game. Cheap when nothing changed; call
    /// after every action and once per frame (for the clock).
    pub fn sync(
        &mut self,
        game: &Game,
        strings: &Strings,
        best: &BestScores,
        thumbs: &Sprites,
    ) -> Result<(), JsValue> {
        self.picker.sync(game, strings, best, thumbs)?;
        let lang = game.lang();
        let load = game.load();
        let notices = game.notices();
        let t = |k| strings.get(k, lang);
        let now = Shown {
            screen: game.screen(),
            lang,
            load: load.clone(),
            confirming: game.confirming_quit(),
            found: game.round().found_count(),
            notices: notices.len(),
            hint_active: game.hint_active(),
        };
        let before = self.shown.replace(now.clone());
        let changed = before.as_ref() != Some(&now);
        let screen_changed = before.as_ref().map(|s| s.screen) != Some(now.screen);
        let lang_changed = before.as_ref().map(|s| s.lang) != Some(lang);

        // The running clock and score change without any event.
        if matches!(
            now.screen,
            Screen::Play | Screen::Card(_) | Screen::Decoy(_) | Screen::Question(_)
        ) {
            // Challenge: the time left counts down; explore: the time played.
            let (label, ms) = match game.time_left_ms() {
                Some(left) => ("hud.left", left),
                None => ("hud.time", game.round().elapsed_ms),
            };
            set_text(&self.hud_time, &score::clock_text(ms));
            if let Some(l) = self.hud_time.previous_element_sibling() {
                set_text(&l, t(label));
            }
            set_text(&self.hud_score, &game.score().total.to_string());
        }
        // One hint at a time; while its clue shows, a second press brings the circle.
        let busy = now.hint_active && game.clue().is_none();
        if self.hint.disabled() != busy {
            self.hint.set_disabled(busy);
        }
        if !changed {
            return Ok(());
        }

        if lang_changed {
            if let Some(html) = self.doc.document_element() {
                html.set_attribute("lang", lang.html_tag())?;
            }
            self.doc
                .set_title(&format!("{} · {}", t("game.name"), t("theme")));
            for (e, key) in &self.fixed {
                let text = if *key == "lang.other" {
                    t(match lang {
                        Lang::Zh => "lang.en",
                        Lang::En => "lang.zh",
                    })
                } else {
                    t(key)
                };
                set_text(e, text);
            }
            for (e, key) in &self.labels {
                e.set_attribute("aria-label", t(key))?;
            }
            self.lang_zh
                .set_attribute("aria-pressed", bool_str(lang == Lang::Zh))?;
            self.lang_en
                .set_attribute("aria-pressed", bool_str(lang == Lang::En))?;
        }

        let root_class = match now.screen {
            Screen::Title => "screen-title",
            Screen::Select => "screen-select",
            Screen::Play => "screen-play",
            Screen::Card(_) => "screen-card",
            Screen::Decoy(_) => "screen-decoy",
            Screen::Question(_) => "screen-question",
            Screen::Results => "screen-results",
            Screen::Help => "screen-help",
        };
        if self.root.class_name() != root_class {
            self.root.set_class_name(root_class);
        }
        show(&self.title, now.screen == Screen::Title);
        show(
            &self.hud,
            matches!(
                now.screen,
                Screen::Play | Screen::Card(_) | Screen::Decoy(_) | Screen::Question(_)
            ),
        );
        // `?hints=off`: no hint button at all.
        show(&self.hint, game.hints_on());
        show(&self.confirm, now.confirming);
        show(&self.card, matches!(now.screen, Screen::Card(_)));
        show(&self.note, matches!(now.screen, Screen::Decoy(_)));
        if let (Screen::Decoy(i), Some(s)) = (now.screen, game.scene()) {
            self.note
                .class_list()
                .toggle_with_force("left", game.card_on_left())?;
            self.note
                .class_list()
                .toggle_with_force("top", game.card_on_top())?;
            let d = &s.decoys[i];
            set_text(&self.note_title, d.name.get(lang));
            set_text(&self.note_why, d.why.get(lang));
        }
        // Notices are about the web address: they belong to the title screen only.
        show(
            &self.notice,
            // A kiosk has no title screen: its notices show over the attract demo,
            // where whoever set it up looks first.
            !notices.is_empty() && (now.screen == Screen::Title || game.attracting()),
        );
        if let Some(n) = notices.first() {
            let (key, value) = n.parts();
            set_text(
                &self.notice_text,
                &strings.fill(key, lang, &[("value", value)]),
            );
        }

        // Title.
        let scene = game.scene();
        match (load, scene) {
            (LoadState::Ready, Some(s)) => {
                set_text(&self.scene_title, s.title.get(lang));
                set_text(&self.scene_intro, s.intro.get(lang));
                let n = s.round.map_or(s.hazards.len(), |r| r.hazards).to_string();
                set_text(
                    &self.scene_count,
                    &strings.fill("title.count", lang, &[("n", &n)]),
                );
                set_text(&self.status, "");
            }
            (LoadState::Loading, _) => set_text(&self.status, t("title.loading")),
            _ => set_text(&self.status, ""),
        }
        // With the picker, the title shows no scene: Start leads to the list.
        show(&self.scene_pick, scene.is_some() && !game.picker());
        self.start.set_disabled(!game.can_start());
        if let LoadState::Failed(msg) = load {
            set_text(&self.error_detail, msg);
        }
        show(&self.error, matches!(load, LoadState::Failed(_)));

        // Header and dialog.
        if scene.is_some() {
            let total = game.round().total();
            set_text(&self.hud_found, &format!("{} / {}", now.found, total));
            let left = (total as u32).saturating_sub(now.found).to_string();
            set_text(
                &self.confirm_text,
                &strings.fill("confirm.question", lang, &[("n", &left)]),
            );
        }

        // Card.
        if let (Screen::Card(i), Some(s)) = (now.screen, scene) {
            // Keep the card clear of the hazard it talks about.
            self.card
                .class_list()
                .toggle_with_force("left", game.card_on_left())?;
            self.card
                .class_list()
                .toggle_with_force("top", game.card_on_top())?;
            let h = &s.hazards[i];
            set_text(&self.card_kicker, t("card.found"));
            let mut tags = strings.fill(
                "card.tags",
                lang,
                &[("cat", t(h.category.key())), ("sev", t(h.severity.key()))],
            );
            // 人的不安全行为 / 物的不安全状态, as the results group the lessons.
            if let Some(c) = h.cause {
                tags = format!("{} · {tags}", t(c.key()));
            }
            set_text(&self.card_tags, &tags);
            set_text(&self.card_title, h.name.get(lang));
            set_text(&self.card_why, h.why.get(lang));
            set_text(&self.card_fix, h.fix.get(lang));
            set_text(
                &self.card_rule,
                &strings.fill("card.rule", lang, &[("rule", h.rule.get(lang))]),
            );
            let last = game.round().all_found();
            set_text(
                &self.card_close,
                t(if last {
                    "card.close_last"
                } else {
                    "card.close"
                }),
            );
        }

        // Move keyboard focus with the screen, so a keyboard or switch user is never
        // left on a button that just disappeared.
        if screen_changed || before.as_ref().map(|s| s.confirming) != Some(now.confirming) {
            let target: Option<HtmlElement> = match now.screen {
                _ if now.confirming => self
                    .doc
                    .get_element_by_id("confirm-no")
                    .and_then(|e| e.dyn_into().ok()),
                Screen::Title if before.is_some() => Some(self.start.clone().into()),
                Screen::Card(_) => Some(self.card_close.clone().into()),
                Screen::Decoy(_) => Some(self.note_close.clone().into()),
                Screen::Select => Some(self.picker.focus_target()),
                Screen::Play if before.is_some() => Some(self.hint.clone().into()),
                _ => None,
            };
            if let Some(e) = target {
                // Without preventScroll a focused button at the bottom of a long card
                // or results list would scroll the text the player should read first
                // out of view.
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = e.focus_with_options(&opts);
            }
            // A panel that opens starts at its top. Only the one opening: setting
            // scrollTop forces a layout, which on the title would cost start-up time.
            match now.screen {
                Screen::Card(_) => self.card.set_scroll_top(0),
                Screen::Decoy(_) => self.note.set_scroll_top(0),
                _ => {}
            }
        }
        Ok(())
    }
}

pub(super) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}
