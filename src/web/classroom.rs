//! The classroom: the rounds played in this browser, and the way into the embed page.
//!
//! - Subscriber (every page but a kiosk's): a finished round (not one abandoned) is
//!   added to `localStorage` as a compact record (`crate::roundlog`). Nothing else is
//!   kept, nothing is sent; a browser that refuses storage keeps nothing.
//! - With `?teacher=1`, the teacher view: a full-page panel over the game (opened at
//!   the start, and by `#teacher-open` on the title and `#res-teacher` on the
//!   results) with the class summary (the hazards missed most first), a table of
//!   the rounds, CSV export (a Blob download, no navigation), print, and "clear" with
//!   an in-page confirmation. It is the web layer's own panel, like the minimap's
//!   fold: the game's screen under it stays as it was.
//! - The title's "Embed in a lesson" link to `embed.html`, only on a top-level page
//!   served over http(s) that is not a kiosk nor embedded (the game never navigates
//!   away in a frame; the single file opened from disk has no embed page).

use super::dom::{button, el, set_text, show};
use crate::game::{Event, Game};
use crate::i18n::{Lang, Strings, Text};
use crate::roundlog::{self, Record, RoundLog};
use crate::scene::Scene;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored rounds (none when storage is refused or holds garbage).
pub fn load_log() -> RoundLog {
    storage()
        .and_then(|s| s.get_item(roundlog::KEY).ok().flatten())
        .map(|t| RoundLog::parse(&t))
        .unwrap_or_default()
}

/// The local date and time now, `2026-11-29 10:31`.
fn now_local() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Scene titles, hazard names and the scenes' order, for the summary and the CSV.
#[derive(Default)]
pub struct Names {
    /// The scenes' and their hazards' ids, in order (for the summary's ties).
    order: Vec<(String, Vec<String>)>,
    /// Per scene (as `order`): its title and its hazards' names.
    texts: Vec<(Text, Vec<Text>)>,
}

impl Names {
    pub fn add(&mut self, scene: &Scene) {
        if self.order.iter().any(|(id, _)| *id == scene.id) {
            return;
        }
        let ids = scene.hazards.iter().map(|h| h.id.clone()).collect();
        self.order.push((scene.id.clone(), ids));
        let names = scene.hazards.iter().map(|h| h.name.clone()).collect();
        self.texts.push((scene.title.clone(), names));
    }

    fn name(&self, scene: &str, hazard: Option<&str>, lang: Lang) -> Option<String> {
        let s = self.order.iter().position(|(id, _)| id == scene)?;
        let t = match hazard {
            None => &self.texts[s].0,
            Some(h) => {
                let i = self.order[s].1.iter().position(|id| id == h)?;
                &self.texts[s].1[i]
            }
        };
        Some(t.get(lang).to_string())
    }
}

pub struct Classroom {
    doc: Document,
    /// Rounds are recorded (not in kiosk mode).
    record: bool,
    /// `?teacher=1`: the panel and its buttons exist.
    view: Option<View>,
    /// The title's link to the embed page (top-level pages only).
    embed_link: Option<Element>,
    embed_lang: Option<Lang>,
}

struct View {
    open: bool,
    confirming: bool,
    /// A status line after an export or a clear: (key, file name).
    status: Option<(&'static str, String)>,
    log: RoundLog,
    names: Names,
    /// The names should be fetched (once).
    want_names: bool,
    /// Something shown changed since the last render.
    stale: bool,
    lang: Option<Lang>,
    panel: HtmlElement,
    heading: HtmlElement,
    privacy: HtmlElement,
    buttons: Vec<(HtmlButtonElement, &'static str)>,
    confirm: HtmlElement,
    confirm_text: HtmlElement,
    confirm_no: HtmlButtonElement,
    status_line: HtmlElement,
    summary_h: HtmlElement,
    summary_text: HtmlElement,
    summary_hint: HtmlElement,
    summary_list: HtmlElement,
    rounds_h: HtmlElement,
    table: HtmlElement,
    empty: HtmlElement,
    title_btn: HtmlButtonElement,
    results_btn: Option<HtmlButtonElement>,
}

/// The columns the table shows (the CSV has all of `roundlog::CSV_COLUMNS`).
const TABLE_COLUMNS: [&str; 11] = [
    "teacher.col.at",
    "teacher.col.scene",
    "teacher.col.lang",
    "teacher.col.mode",
    "teacher.col.end",
    "teacher.col.score",
    "teacher.col.stars",
    "results.time",
    "teacher.col.found",
    "teacher.col.missed_ids",
    "teacher.col.questions_right",
];

impl Classroom {
    /// `record`: not a kiosk. `teacher`: `?teacher=1`. `embed_ok`: the page may offer
    /// the link to the embed page (not a kiosk, not `?embed=1`). The title's extras go
    /// before `before` (its status line).
    pub fn build(
        doc: &Document,
        ui: &Element,
        title: &Element,
        before: Option<&Element>,
        record: bool,
        teacher: bool,
        embed_ok: bool,
    ) -> Result<Classroom, JsValue> {
        // Top-level, and served over http(s): the single file opened from disk
        // (`file://`) has no embed page beside it.
        let top = web_sys::window().is_some_and(|w| {
            w.location().protocol().is_ok_and(|p| p.starts_with("http"))
                && w.top()
                    .ok()
                    .flatten()
                    .is_some_and(|t| js_sys::Object::is(t.as_ref(), w.as_ref()))
        });
        let extras = if teacher || (embed_ok && top) {
            let row = doc.create_element("div")?;
            row.set_class_name("title-extras");
            title.insert_before(&row, before.map(|b| b.as_ref()))?;
            Some(row)
        } else {
            None
        };
        let embed_link = match &extras {
            Some(row) if embed_ok && top => {
                let a = el(doc, row, "a", "embed-open", "embed-open")?;
                a.set_attribute("href", "embed.html")?;
                Some(a.into())
            }
            _ => None,
        };
        let view = match extras {
            Some(row) if teacher => Some(View::build(doc, ui, &row)?),
            _ => None,
        };
        Ok(Classroom {
            doc: doc.clone(),
            record,
            view,
            embed_link,
            embed_lang: None,
        })
    }

    /// Subscriber: a finished round is added to the stored rounds.
    pub fn on_event(&mut self, ev: &Event) {
        let Event::RoundEnded { summary } = ev else {
            return;
        };
        if !self.record {
            return;
        }
        let Some(r) = Record::from_summary(summary, &now_local()) else {
            return;
        };
        let mut log = load_log();
        log.push(r);
        if let Some(s) = storage() {
            // Full or refused storage: this round is not kept.
            let _ = s.set_item(roundlog::KEY, &log.to_text());
        }
        if let Some(v) = &mut self.view {
            v.log = log;
            v.stale = true;
        }
    }

    /// The teacher view is showing.
    pub fn is_open(&self) -> bool {
        self.view.as_ref().is_some_and(|v| v.open)
    }

    /// Opens the view at the start (`?teacher=1`).
    pub fn open_at_start(&mut self) {
        if let Some(v) = &mut self.view {
            v.set_open(true);
        }
    }

    /// Names to fetch for the summary (once, when the view first opens).
    pub fn take_names_wanted(&mut self) -> bool {
        self.view
            .as_mut()
            .is_some_and(|v| v.open && std::mem::take(&mut v.want_names))
    }

    pub fn set_names(&mut self, names: Names) {
        if let Some(v) = &mut self.view {
            v.names = names;
            v.stale = true;
        }
    }

    /// The scenes the stored rounds name (their names are fetched too).
    pub fn scenes_played(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Some(v) = &self.view {
            for r in v.log.rounds() {
                if !out.contains(&r.scene) {
                    out.push(r.scene.clone());
                }
            }
        }
        out
    }

    /// The classroom's own buttons (`data-action` `teacher-…`). True when it handled
    /// the click.
    pub fn click(&mut self, action: &str, lang: Lang, strings: &Strings, automation: bool) -> bool {
        let Some(v) = &mut self.view else {
            return false;
        };
        match action {
            "teacher-open" => v.set_open(true),
            "teacher-close" => v.set_open(false),
            "teacher-csv" => {
                let file = format!("hazard-hunt-rounds-{}.csv", &now_local()[..10]);
                let text = roundlog::csv(
                    v.log.rounds(),
                    &roundlog::CSV_COLUMNS.map(|k| strings.get(k, lang)),
                    &|scene, hazard| v.names.name(scene, hazard, lang),
                );
                match super::staff::download(&self.doc, &file, &text) {
                    Ok(()) => v.status = Some(("teacher.exported", file)),
                    Err(e) => super::report("Hazard Hunt: exporting the CSV failed:", &e),
                }
                v.stale = true;
            }
            "teacher-print" => super::print_later(automation),
            "teacher-clear" if !v.log.rounds().is_empty() => {
                v.confirming = true;
                v.stale = true;
            }
            "teacher-clear-no" => {
                v.confirming = false;
                v.stale = true;
            }
            "teacher-clear-yes" => {
                if let Some(s) = storage() {
                    let _ = s.remove_item(roundlog::KEY);
                }
                v.log = load_log();
                v.confirming = false;
                v.status = Some(("teacher.cleared", String::new()));
                v.stale = true;
            }
            _ => return false,
        }
        true
    }

    /// Escape: closes the question, else the view. True when it did.
    pub fn escape(&mut self) -> bool {
        match &mut self.view {
            Some(v) if v.confirming => {
                v.confirming = false;
                v.stale = true;
                true
            }
            Some(v) if v.open => {
                v.set_open(false);
                true
            }
            _ => false,
        }
    }

    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        if let Some(a) = &self.embed_link {
            if self.embed_lang != Some(lang) {
                self.embed_lang = Some(lang);
                set_text(a, strings.get("embed.open", lang));
                a.set_attribute("href", &format!("embed.html?lang={}", lang.code()))?;
            }
        }
        match &mut self.view {
            Some(v) => v.sync(&self.doc, lang, strings),
            None => Ok(()),
        }
    }
}

impl View {
    fn build(doc: &Document, ui: &Element, row: &Element) -> Result<View, JsValue> {
        let title_btn = button(doc, row, "teacher-open", "ghost dark", "teacher-open")?;
        let results_btn = match doc
            .get_element_by_id("res-help")
            .and_then(|b| b.parent_element())
        {
            Some(actions) => Some(button(
                doc,
                &actions,
                "res-teacher",
                "ghost dark",
                "teacher-open",
            )?),
            None => None,
        };
        let panel = el(doc, ui, "section", "teacher", "teacher")?;
        panel.set_attribute("aria-labelledby", "teacher-heading")?;
        let head = el(doc, &panel, "header", "", "teacher-head")?;
        let heading = el(doc, &head, "h2", "teacher-heading", "")?;
        heading.set_tab_index(-1);
        let privacy = el(doc, &head, "p", "teacher-privacy", "privacy")?;
        let bar = el(doc, &panel, "div", "", "teacher-actions")?;
        let mut buttons = Vec::new();
        for (id, class, key) in [
            ("teacher-close", "primary", "teacher.play"),
            ("teacher-csv", "ghost dark", "teacher.csv"),
            ("teacher-print", "ghost dark", "teacher.print"),
            ("teacher-clear", "ghost dark", "teacher.clear"),
        ] {
            buttons.push((button(doc, &bar, id, class, id)?, key));
        }
        let langs = el(doc, &bar, "span", "", "teacher-langs")?;
        for (id, key) in [("lang-zh", "lang.zh"), ("lang-en", "lang.en")] {
            let b = button(doc, &langs, &format!("teacher-{id}"), "seg", id)?;
            b.set_attribute("lang", if id == "lang-zh" { "zh-CN" } else { "en" })?;
            buttons.push((b, key));
        }
        let confirm = el(doc, &panel, "div", "teacher-confirm", "teacher-confirm")?;
        confirm.set_attribute("role", "alertdialog")?;
        confirm.set_attribute("aria-labelledby", "teacher-confirm-text")?;
        let confirm_text = el(doc, &confirm, "p", "teacher-confirm-text", "")?;
        let confirm_no = button(
            doc,
            &confirm,
            "teacher-clear-no",
            "primary",
            "teacher-clear-no",
        )?;
        buttons.push((confirm_no.clone(), "teacher.clear_no"));
        let yes = button(
            doc,
            &confirm,
            "teacher-clear-yes",
            "danger",
            "teacher-clear-yes",
        )?;
        buttons.push((yes, "teacher.clear_yes"));
        let status_line = el(doc, &panel, "p", "teacher-status", "teacher-status")?;
        status_line.set_attribute("role", "status")?;
        let sum = el(doc, &panel, "section", "teacher-summary", "teacher-summary")?;
        let summary_h = el(doc, &sum, "h3", "", "")?;
        let summary_text = el(doc, &sum, "p", "teacher-totals", "totals")?;
        let summary_hint = el(doc, &sum, "p", "", "hint")?;
        let summary_list = el(doc, &sum, "ol", "teacher-missed", "missed")?;
        let rounds = el(doc, &panel, "section", "teacher-rounds", "teacher-rounds")?;
        let rounds_h = el(doc, &rounds, "h3", "", "")?;
        let wrap = el(doc, &rounds, "div", "", "table-wrap")?;
        let table = el(doc, &wrap, "table", "teacher-table", "")?;
        let empty = el(doc, &panel, "p", "teacher-empty", "empty")?;
        show(&panel, false);
        show(&confirm, false);
        Ok(View {
            open: false,
            confirming: false,
            status: None,
            log: RoundLog::default(),
            names: Names::default(),
            want_names: true,
            stale: true,
            lang: None,
            panel,
            heading,
            privacy,
            buttons,
            confirm,
            confirm_text,
            confirm_no,
            status_line,
            summary_h,
            summary_text,
            summary_hint,
            summary_list,
            rounds_h,
            table,
            empty,
            title_btn,
            results_btn,
        })
    }

    fn set_open(&mut self, open: bool) {
        if open && !self.open {
            // Fresh from storage: rounds played in another tab count too.
            self.log = load_log();
            self.status = None;
        }
        self.open = open;
        self.confirming = false;
        self.stale = true;
    }

    fn sync(&mut self, doc: &Document, lang: Lang, strings: &Strings) -> Result<(), JsValue> {
        let lang_changed = self.lang != Some(lang);
        if lang_changed {
            self.lang = Some(lang);
            set_text(&self.title_btn, strings.get("teacher.open", lang));
            if let Some(b) = &self.results_btn {
                set_text(b, strings.get("teacher.open", lang));
            }
        }
        if !(self.stale || (lang_changed && self.open)) {
            return Ok(());
        }
        self.stale = false;
        let was_open = !self.panel.has_attribute("hidden");
        show(&self.panel, self.open);
        if let Some(ui) = self.panel.parent_element() {
            ui.class_list()
                .toggle_with_force("teacher-open", self.open)?;
        }
        let root = doc.document_element();
        if let Some(html) = &root {
            html.class_list()
                .toggle_with_force("teacher-open", self.open)?;
        }
        let focus = |e: &HtmlElement| {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = e.focus_with_options(&opts);
        };
        if !self.open {
            if was_open {
                // Back to the button that opened it: the results' when they show.
                match &self.results_btn {
                    Some(b) if b.offset_parent().is_some() => focus(b),
                    _ => focus(&self.title_btn),
                }
            }
            return Ok(());
        }
        self.render(doc, lang, strings)?;
        if !was_open {
            self.panel.set_scroll_top(0);
            focus(&self.heading);
        }
        Ok(())
    }

    fn render(&mut self, doc: &Document, lang: Lang, strings: &Strings) -> Result<(), JsValue> {
        let t = |k: &str| strings.get(k, lang).to_string();
        set_text(&self.heading, &t("teacher.title"));
        set_text(
            &self.privacy,
            &strings.fill(
                "teacher.privacy",
                lang,
                &[("max", &roundlog::MAX_ROUNDS.to_string())],
            ),
        );
        for (b, key) in &self.buttons {
            set_text(b, &t(key));
        }
        for (b, _) in &self.buttons {
            let code = b.get_attribute("data-action");
            if let Some(on) = match code.as_deref() {
                Some("lang-zh") => Some(lang == Lang::Zh),
                Some("lang-en") => Some(lang == Lang::En),
                _ => None,
            } {
                b.set_attribute("aria-pressed", super::dom::bool_str(on))?;
            }
        }
        let rounds = self.log.rounds();
        let n = rounds.len();
        show(&self.confirm, self.confirming);
        set_text(
            &self.confirm_text,
            &strings.fill("teacher.clear_ask", lang, &[("n", &n.to_string())]),
        );
        if self.confirming {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = self.confirm_no.focus_with_options(&opts);
        }
        for id in ["teacher-csv", "teacher-print", "teacher-clear"] {
            if let Some((b, _)) = self.buttons.iter().find(|(b, _)| b.id() == id) {
                b.set_disabled(n == 0);
            }
        }
        match &self.status {
            Some((key, file)) => set_text(
                &self.status_line,
                &strings.fill(key, lang, &[("file", file)]),
            ),
            None => set_text(&self.status_line, ""),
        }
        show(&self.empty, n == 0);
        set_text(&self.empty, &t("teacher.empty"));
        for e in [&self.summary_list, &self.table] {
            e.set_inner_html("");
        }
        let sum = self.summary_list.parent_element();
        let rounds_box = self.table.closest("section")?;
        for e in [sum, rounds_box].into_iter().flatten() {
            show(&e, n > 0);
        }
        if n == 0 {
            return Ok(());
        }

        // The class summary.
        set_text(&self.summary_h, &t("teacher.summary"));
        let tot = roundlog::totals(rounds);
        set_text(
            &self.summary_text,
            &strings.fill(
                "teacher.summary_text",
                lang,
                &[
                    ("rounds", &tot.rounds.to_string()),
                    ("score", &tot.avg_score.to_string()),
                    ("found", &tot.found.to_string()),
                    ("shown", &tot.shown.to_string()),
                    ("right", &tot.questions_right.to_string()),
                    ("asked", &tot.questions_asked.to_string()),
                ],
            ),
        );
        set_text(&self.summary_hint, &t("teacher.summary_hint"));
        let rows = roundlog::class_summary(rounds, &self.names.order);
        for m in &rows {
            let li = el(doc, &self.summary_list, "li", "", "")?;
            li.set_attribute("data-id", &m.id)?;
            li.set_attribute("data-scene", &m.scene)?;
            li.set_attribute("data-missed", &m.missed.to_string())?;
            if m.missed == 0 {
                li.set_class_name("none");
            }
            let name = el(doc, &li, "span", "", "name")?;
            set_text(
                &name,
                &self
                    .names
                    .name(&m.scene, Some(&m.id), lang)
                    .unwrap_or_else(|| m.id.clone()),
            );
            let scene = el(doc, &li, "span", "", "scene")?;
            set_text(
                &scene,
                &self
                    .names
                    .name(&m.scene, None, lang)
                    .unwrap_or_else(|| m.scene.clone()),
            );
            let bar = el(doc, &li, "span", "", "bar")?;
            let fill = el(doc, &bar, "span", "", "fill")?;
            let pct = f64::from(m.missed) * 100.0 / f64::from(m.shown.max(1));
            // CSSOM, not a style attribute: the page's CSP allows only its own styles.
            fill.style().set_property("width", &format!("{pct:.0}%"))?;
            let count = el(doc, &li, "span", "", "count")?;
            set_text(
                &count,
                &strings.fill(
                    "teacher.missed_of",
                    lang,
                    &[
                        ("missed", &m.missed.to_string()),
                        ("shown", &m.shown.to_string()),
                    ],
                ),
            );
        }

        // The rounds, newest first.
        set_text(&self.rounds_h, &t("teacher.rounds"));
        let head = el(doc, &self.table, "thead", "", "")?;
        let tr = el(doc, &head, "tr", "", "")?;
        for key in TABLE_COLUMNS {
            let th = el(doc, &tr, "th", "", "")?;
            th.set_attribute("scope", "col")?;
            set_text(&th, &t(key));
        }
        let body = el(doc, &self.table, "tbody", "", "")?;
        for r in rounds.iter().rev() {
            let tr = el(doc, &body, "tr", "", "")?;
            let secs = (r.time_ms + 500) / 1000;
            let missed: Vec<String> = r
                .missed
                .iter()
                .map(|id| {
                    self.names
                        .name(&r.scene, Some(id), lang)
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            let cells = [
                r.at.clone(),
                self.names
                    .name(&r.scene, None, lang)
                    .unwrap_or_else(|| r.scene.clone()),
                t(&format!("lang.{}", r.lang)),
                t(&format!("mode.{}", r.mode)),
                t(&format!("teacher.end.{}", r.end)),
                r.score.to_string(),
                "★".repeat(usize::from(r.stars)),
                format!("{}:{:02}", secs / 60, secs % 60),
                format!("{} / {}", r.found.len(), r.total),
                missed.join(if lang == Lang::Zh { "、" } else { ", " }),
                format!("{} / {}", r.questions_right, r.questions_asked),
            ];
            for (i, c) in cells.iter().enumerate() {
                let td = el(doc, &tr, "td", "", "")?;
                set_text(&td, c);
                if i == 6 {
                    td.set_attribute("aria-label", &r.stars.to_string())?;
                    td.set_class_name("t-stars");
                }
            }
        }
        Ok(())
    }
}
