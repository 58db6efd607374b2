//! The results screen: how the round went (stars, score and its parts, time,
//! accuracy, questions), the challenge code, the before/after switch for the picture,
//! and "What I learned": every hazard of the round with why, the safe way, the rule
//! and its question, grouped as unsafe acts of people and unsafe conditions of
//! things. Everything comes from the round summary, the record a host page or a
//! teacher's export reads. The print stylesheet turns this panel into a one-page
//! handout.
//!
//! Ids and data attributes the browser tests read: `#results`, `#res-heading`,
//! `#res-found`, `#res-score`, `#res-time`, `#res-accuracy`, `#res-questions`,
//! `#res-stars[data-stars]`, `#res-breakdown`, `#res-code`, `#res-list
//! li[data-hazard][data-status][data-index]` (inside `section[data-cause]`),
//! `#res-decoys`, `#res-picture` with `#res-as-left` / `#res-all-fixed`,
//! `#res-print`, `#res-help`, `#play-again`.

use super::dom::{bool_str, button, el, set_text, show};
use crate::game::{EndReason, Event, Game, Mode, Screen};
use crate::howto;
use crate::i18n::{Lang, Strings};
use crate::scene::{Cause, Scene};
use crate::score;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

pub struct Results {
    doc: Document,
    panel: HtmlElement,
    /// "Next scene: …" after a scene of a `?scene=a,b` list that has one after it.
    next: HtmlElement,
    scene: HtmlElement,
    heading: HtmlElement,
    found: HtmlElement,
    stars: HtmlElement,
    score: HtmlElement,
    time: HtmlElement,
    accuracy: HtmlElement,
    questions: HtmlElement,
    parts: HtmlElement,
    stars_why: HtmlElement,
    code: HtmlElement,
    replay: HtmlElement,
    list: HtmlElement,
    /// The rules the lessons come from, once each (the printed handout's
    /// footnotes).
    rules: HtmlElement,
    decoys: HtmlElement,
    help: HtmlButtonElement,
    /// The before/after switch over the picture.
    switch: HtmlElement,
    as_left: HtmlButtonElement,
    all_fixed: HtmlButtonElement,
    /// Elements whose whole text is one string-table entry.
    fixed: Vec<(Element, &'static str)>,
    /// Elements whose `aria-label` is one string-table entry.
    labels: Vec<(Element, &'static str)>,
    shown: Option<Shown>,
}

/// What the panel last showed, so `sync` (every frame) only works when it changed.
#[derive(Clone, Copy, PartialEq)]
struct Shown {
    screen: Screen,
    lang: Lang,
    all_fixed: bool,
    selected: Option<usize>,
}

/// A labelled figure: `<div class=stat><span class=label>…</span><span id class=value>`.
fn stat(
    doc: &Document,
    parent: &Element,
    key: &'static str,
    id: &str,
    fixed: &mut Vec<(Element, &'static str)>,
) -> Result<HtmlElement, JsValue> {
    let box_ = el(doc, parent, "div", "", "stat")?;
    let label = el(doc, &box_, "span", "", "label")?;
    fixed.push((label.into(), key));
    el(doc, &box_, "span", id, "value")
}

fn fixed_text(
    doc: &Document,
    parent: &Element,
    tag: &str,
    class: &str,
    key: &'static str,
    fixed: &mut Vec<(Element, &'static str)>,
) -> Result<HtmlElement, JsValue> {
    let e = el(doc, parent, tag, "", class)?;
    fixed.push((e.clone().into(), key));
    Ok(e)
}

impl Results {
    /// Builds the (hidden) results panel and the picture switch inside `ui`.
    pub fn build(doc: &Document, ui: &Element) -> Result<Results, JsValue> {
        let d = doc;
        let mut fixed = Vec::new();
        let mut labels = Vec::new();

        // Before / after, over the picture.
        let switch = el(d, ui, "div", "res-picture", "res-picture")?;
        switch.set_attribute("role", "group")?;
        labels.push((switch.clone().into(), "results.picture"));
        let as_left = button(d, &switch, "res-as-left", "seg", "show-fixed")?;
        as_left.set_attribute("data-on", "0")?;
        fixed.push((as_left.clone().into(), "results.as_left"));
        let all_fixed = button(d, &switch, "res-all-fixed", "seg", "show-fixed")?;
        all_fixed.set_attribute("data-on", "1")?;
        fixed.push((all_fixed.clone().into(), "results.all_fixed"));

        let panel = el(d, ui, "section", "results", "panel results")?;
        panel.set_attribute("aria-labelledby", "res-heading")?;
        // The handout's title (print only).
        let head = el(d, &panel, "div", "", "print-head")?;
        fixed_text(d, &head, "p", "brand", "game.name", &mut fixed)?;
        fixed_text(d, &head, "p", "theme", "theme", &mut fixed)?;
        let scene = el(d, &panel, "p", "res-scene", "kicker")?;
        let heading = el(d, &panel, "h2", "res-heading", "")?;
        heading.set_tab_index(-1);
        let found = el(d, &panel, "p", "res-found", "res-found")?;
        let stars = el(d, &panel, "p", "res-stars", "stars")?;
        stars.set_attribute("role", "img")?;
        let stats = el(d, &panel, "div", "", "res-stats")?;
        let score = stat(d, &stats, "results.score", "res-score", &mut fixed)?;
        let time = stat(d, &stats, "results.time", "res-time", &mut fixed)?;
        let accuracy = stat(d, &stats, "results.accuracy", "res-accuracy", &mut fixed)?;
        let questions = stat(d, &stats, "results.questions", "res-questions", &mut fixed)?;
        let box_ = el(d, &panel, "div", "", "res-parts")?;
        fixed_text(d, &box_, "h3", "", "results.parts", &mut fixed)?;
        let parts = el(d, &box_, "ul", "res-breakdown", "breakdown")?;
        let stars_why = el(d, &panel, "p", "res-stars-why", "stars-why")?;
        let box_ = el(d, &panel, "div", "", "res-code")?;
        let code = el(d, &box_, "p", "res-code", "code")?;
        let replay = el(d, &box_, "p", "res-replay", "replay")?;
        let row = el(d, &panel, "div", "", "res-actions")?;
        let print = button(d, &row, "res-print", "ghost dark", "print")?;
        fixed.push((print.into(), "results.print"));
        let help = button(d, &row, "res-help", "ghost dark", "help")?;
        fixed.push((help.clone().into(), "help.open"));
        fixed_text(d, &panel, "h3", "learned", "results.learned", &mut fixed)?;
        let list = el(d, &panel, "div", "res-list", "res-list")?;
        let rules = el(d, &panel, "div", "res-rules", "rules")?;
        let decoys = el(d, &panel, "p", "res-decoys", "decoys")?;
        fixed_text(d, &panel, "p", "remember", "results.remember", &mut fixed)?;
        fixed_text(d, &panel, "p", "numbers", "results.numbers", &mut fixed)?;
        let next = button(d, &panel, "next-scene", "primary big", "next-scene")?;
        let again = button(d, &panel, "play-again", "primary big", "play-again")?;
        fixed.push((again.into(), "results.play_again"));

        show(&panel, false);
        show(&switch, false);
        Ok(Results {
            doc: doc.clone(),
            panel,
            next: next.into(),
            scene,
            heading,
            found,
            stars,
            score,
            time,
            accuracy,
            questions,
            parts,
            stars_why,
            code,
            replay,
            list,
            rules,
            decoys,
            help,
            switch,
            as_left,
            all_fixed,
            fixed,
            labels,
            shown: None,
        })
    }

    /// Brings the panel up to date with the game. Cheap when nothing changed; called
    /// after every action and every frame.
    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let now = Shown {
            screen: game.screen(),
            lang,
            all_fixed: game.showing_fixed(),
            selected: game.selected(),
        };
        let before = self.shown.replace(now);
        if before == Some(now) {
            return Ok(());
        }
        let on = now.screen == Screen::Results;
        show(&self.panel, on);
        show(&self.switch, on);
        if !on {
            return Ok(());
        }
        let was = before.map(|b| b.screen);
        let entering = was != Some(Screen::Results);
        let from_help = was == Some(Screen::Help);
        let lang_changed = before.is_none_or(|b| b.lang != lang);
        if (entering && !from_help) || lang_changed {
            self.fill(game, strings)?;
        }
        for (b, on) in [
            (&self.as_left, !now.all_fixed),
            (&self.all_fixed, now.all_fixed),
        ] {
            b.set_attribute("aria-pressed", bool_str(on))?;
        }
        self.mark_selected(now.selected)?;
        if entering {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            if from_help {
                let _ = self.help.focus_with_options(&opts);
            } else {
                // Without preventScroll the focus would scroll what the player should
                // read first out of view; the panel starts at its top.
                let _ = self.heading.focus_with_options(&opts);
                self.panel.set_scroll_top(0);
            }
        }
        Ok(())
    }

    /// Every text of the panel, from the round summary.
    fn fill(&self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let t = |k| strings.get(k, lang);
        for (e, key) in &self.fixed {
            set_text(e, t(key));
        }
        for (e, key) in &self.labels {
            e.set_attribute("aria-label", t(key))?;
        }
        let next = game.next_scene();
        show(&self.next, next.is_some());
        if let Some(id) = next {
            let title = game
                .catalogue()
                .and_then(|c| c.get(id))
                .map_or(id, |e| e.title.get(lang));
            set_text(
                &self.next,
                &strings.fill("results.next_scene", lang, &[("scene", title)]),
            );
        }
        let (Some(sum), Some(scene)) = (game.summary(), game.scene()) else {
            return Ok(());
        };
        let challenge = sum.mode == Mode::Challenge;
        let mode = t(if challenge {
            "results.mode.challenge"
        } else {
            "results.mode.explore"
        });
        set_text(&self.scene, &format!("{} · {mode}", scene.title.get(lang)));
        // A group's round celebrates the team, not a person.
        let heading = match (sum.team, sum.end) {
            (true, EndReason::AllFound) => t("results.team_all").to_string(),
            (true, _) => strings.fill(
                "results.team",
                lang,
                &[("found", &sum.found.len().to_string())],
            ),
            _ => t(match sum.end {
                EndReason::AllFound => "results.all",
                EndReason::TimeUp => "results.time_up",
                EndReason::GaveUp | EndReason::Abandoned | EndReason::WalkedAway => {
                    "results.gave_up"
                }
            })
            .to_string(),
        };
        set_text(&self.heading, &heading);
        let found = sum.found.len().to_string();
        let total = sum.total.to_string();
        set_text(
            &self.found,
            &strings.fill(
                "results.found",
                lang,
                &[("found", &found), ("total", &total)],
            ),
        );

        // Stars: filled and empty, by shape as well as colour (drawn by CSS: the
        // element's label says how many).
        let n = sum.stars.min(3);
        self.stars.set_attribute("data-stars", &n.to_string())?;
        self.stars.set_attribute(
            "aria-label",
            &strings.fill("results.stars_label", lang, &[("n", &n.to_string())]),
        )?;
        self.stars.set_inner_html("");
        for k in 0..3 {
            let class = if k < n { "on" } else { "off" };
            el(&self.doc, &self.stars, "span", "", class)?;
        }
        set_text(
            &self.stars_why,
            &howto::text(strings, "results.stars_rule", lang),
        );

        set_text(&self.score, &sum.score.total.to_string());
        set_text(&self.time, &score::clock_text(sum.time_ms));
        let acc = sum.accuracy.map_or("—".to_string(), |a| format!("{a}%"));
        set_text(&self.accuracy, &acc);
        let q = if sum.questions_asked > 0 {
            format!("{} / {}", sum.questions_right, sum.questions_asked)
        } else {
            "—".to_string()
        };
        set_text(&self.questions, &q);

        // The parts of the score. Explore mode shows what was earned, no deductions.
        let b = &sum.breakdown;
        let mut rows: Vec<(&str, &str, String)> = vec![
            ("results.part.find", "plus", format!("+{}", b.find_points)),
            ("results.part.speed", "plus", format!("+{}", b.speed_bonus)),
            (
                "results.part.questions",
                "plus",
                format!("+{}", b.question_points),
            ),
        ];
        if challenge {
            rows.push(("results.part.hints", "minus", format!("−{}", b.hint_cost)));
            rows.push(("results.part.misses", "minus", format!("−{}", b.miss_cost)));
            rows.push(("results.part.total", "total", format!("{}", b.score)));
        }
        self.parts.set_inner_html("");
        for (key, class, value) in rows {
            let li = el(&self.doc, &self.parts, "li", "", class)?;
            let l = el(&self.doc, &li, "span", "", "label")?;
            set_text(&l, t(key));
            let v = el(&self.doc, &li, "span", "", "value")?;
            set_text(&v, &value);
        }

        // The challenge code, and how to play the same round again.
        set_text(
            &self.code,
            &strings.fill("results.code", lang, &[("code", &sum.seed)]),
        );
        let mut query = format!("?scene={}&seed={}", sum.scene_id, sum.seed);
        if challenge {
            query.push_str("&mode=challenge");
        }
        // The query in a <code> that does not break across lines.
        self.replay.set_inner_html("");
        let template = t("results.replay");
        let (before, after) = template.split_once("{query}").unwrap_or((template, ""));
        self.replay.append_with_str_1(before)?;
        let code = el(&self.doc, &self.replay, "code", "", "")?;
        set_text(&code, &query);
        self.replay.append_with_str_1(after)?;

        // Decoys the player tapped: things done right.
        let names: Vec<&str> = scene
            .decoys
            .iter()
            .filter(|d| sum.decoys.contains(&d.id))
            .map(|d| d.name.get(lang))
            .collect();
        show(&self.decoys, !names.is_empty());
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        set_text(
            &self.decoys,
            &strings.fill("results.decoys", lang, &[("names", &names.join(sep))]),
        );

        self.fill_list(game, scene, strings)
    }

    /// "What I learned": the round's hazards, unsafe acts first, then unsafe
    /// conditions (then any without a cause, from a version-1 scene).
    fn fill_list(&self, game: &Game, scene: &Scene, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let t = |k| strings.get(k, lang);
        let d = &self.doc;
        let round = game.round();
        self.list.set_inner_html("");
        // Each rule once, numbered; the lessons point at theirs (in print, where
        // they are footnotes).
        let mut rules: Vec<&str> = Vec::new();
        for cause in [Some(Cause::Act), Some(Cause::Condition), None] {
            let items: Vec<usize> = (0..scene.hazards.len())
                .filter(|&i| round.is_active(i) && scene.hazards[i].cause == cause)
                .collect();
            if items.is_empty() {
                continue;
            }
            let group = el(d, &self.list, "section", "", "group")?;
            group.set_attribute(
                "data-cause",
                match cause {
                    Some(Cause::Act) => "act",
                    Some(Cause::Condition) => "condition",
                    None => "",
                },
            )?;
            if let Some(c) = cause {
                let h = el(d, &group, "h4", "", "")?;
                set_text(&h, t(c.key()));
            }
            let ol = el(d, &group, "ol", "", "")?;
            for i in items {
                let h = &scene.hazards[i];
                let found = round.is_found(i);
                let status = if found { "found" } else { "missed" };
                let li = el(d, &ol, "li", "", status)?;
                li.set_attribute("data-hazard", &h.id)?;
                li.set_attribute("data-status", status)?;
                li.set_attribute("data-index", &i.to_string())?;
                let head = button(d, &li, "", "item", "select")?;
                head.set_attribute("data-index", &i.to_string())?;
                head.set_attribute("aria-pressed", "false")?;
                // ✓ or ! (drawn by CSS; the badge says it in words).
                let mark = el(d, &head, "span", "", &format!("mark {status}"))?;
                mark.set_attribute("aria-hidden", "true")?;
                let name = el(d, &head, "span", "", "name")?;
                set_text(&name, h.name.get(lang));
                let rule_text = h.rule.get(lang);
                let n = match rules.iter().position(|r| *r == rule_text) {
                    Some(k) => k + 1,
                    None => {
                        rules.push(rule_text);
                        rules.len()
                    }
                };
                let r = el(d, &name, "sup", "", "ref")?;
                set_text(&r, &format!("[{n}]"));
                let badge = el(d, &head, "span", "", "badge")?;
                set_text(
                    &badge,
                    t(if found {
                        "results.status.found"
                    } else {
                        "results.status.missed"
                    }),
                );
                let lesson = el(d, &li, "div", "", "lesson")?;
                let labelled = |class: &str, label: &str, text: &str| -> Result<(), JsValue> {
                    let p = el(d, &lesson, "p", "", class)?;
                    let l = el(d, &p, "span", "", "label")?;
                    set_text(&l, label);
                    let s = el(d, &p, "span", "", "text")?;
                    set_text(&s, text);
                    Ok(())
                };
                labelled("why", t("card.why"), h.why.get(lang))?;
                labelled("fix", t("card.fix"), h.fix.get(lang))?;
                let rule = el(d, &lesson, "p", "", "rule")?;
                set_text(
                    &rule,
                    &strings.fill("card.rule", lang, &[("rule", h.rule.get(lang))]),
                );
                if let Some(q) = &h.question {
                    let qa = el(d, &lesson, "div", "", "qa")?;
                    let p = el(d, &qa, "p", "", "q")?;
                    set_text(&p, q.prompt.get(lang));
                    if let Some(right) = q.answers.iter().find(|a| a.right) {
                        let p = el(d, &qa, "p", "", "right")?;
                        set_text(
                            &p,
                            &strings.fill(
                                "results.right_answer",
                                lang,
                                &[("answer", right.text.get(lang))],
                            ),
                        );
                    }
                    let chosen = game.answer_of(i).and_then(|c| q.answers.get(c));
                    if let Some(a) = chosen.filter(|a| !a.right) {
                        let p = el(d, &qa, "p", "", "yours")?;
                        set_text(
                            &p,
                            &strings.fill(
                                "results.your_answer",
                                lang,
                                &[("answer", a.text.get(lang))],
                            ),
                        );
                    }
                }
            }
        }
        self.rules.set_inner_html("");
        let h = el(d, &self.rules, "h4", "", "")?;
        set_text(&h, t("results.rules"));
        let ol = el(d, &self.rules, "ol", "", "")?;
        for r in rules {
            let li = el(d, &ol, "li", "", "")?;
            set_text(&li, r);
        }
        Ok(())
    }

    /// The entries of the list, hazard index and element.
    fn entries(&self) -> Vec<(usize, Element)> {
        let all = self.list.get_elements_by_tag_name("li");
        (0..all.length())
            .filter_map(|k| all.item(k))
            .filter_map(|e| Some((e.get_attribute("data-index")?.parse().ok()?, e)))
            .collect()
    }

    /// Marks the picked entry (class `selected`, `aria-pressed`) and unmarks the
    /// others, without rebuilding anything, so keyboard focus stays put.
    fn mark_selected(&self, selected: Option<usize>) -> Result<(), JsValue> {
        for (i, li) in self.entries() {
            let on = selected == Some(i);
            li.class_list().toggle_with_force("selected", on)?;
            if let Some(head) = li.first_element_child() {
                if head.get_attribute("aria-pressed").as_deref() != Some(bool_str(on)) {
                    head.set_attribute("aria-pressed", bool_str(on))?;
                }
            }
        }
        Ok(())
    }

    /// Subscriber: a hazard picked (on the picture or in the list) brings its entry
    /// into view.
    pub fn on_event(&self, ev: &Event) {
        if let Event::ResultChosen { index: Some(i), .. } = ev {
            if let Some((_, li)) = self.entries().into_iter().find(|(k, _)| k == i) {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                li.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    }
}

/// The hazard index on a results entry that was activated.
pub fn selected_index(target: &Element) -> Option<usize> {
    target.get_attribute("data-index")?.parse().ok()
}

/// The before/after switch's choice: `true` for "all put right".
pub fn fixed_choice(target: &Element) -> bool {
    target.get_attribute("data-on").as_deref() == Some("1")
}
