//! The learning loop on the play screen: the "What do you do now?" question after
//! each card, the hint's text clue, the "look first" warning, the hint button's
//! invitation after a quiet spell, and the choice of mode on the title screen.

use super::dom::{button, el, set_text, show};
use crate::game::{Game, Mode, Screen};
use crate::i18n::{Lang, Strings};
use crate::scoring::rules::QUESTION_POINTS;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

pub struct PlayUi {
    question: HtmlElement,
    q_kicker: HtmlElement,
    q_prompt: HtmlElement,
    answers: Vec<HtmlButtonElement>,
    q_feedback: HtmlElement,
    q_verdict: HtmlElement,
    q_why: HtmlElement,
    q_close: HtmlButtonElement,
    clue: HtmlElement,
    clue_label: HtmlElement,
    clue_text: HtmlElement,
    look_first: HtmlElement,
    lf_title: HtmlElement,
    lf_text: HtmlElement,
    modes: HtmlElement,
    mode_explore: HtmlButtonElement,
    mode_challenge: HtmlButtonElement,
    mode_help: HtmlElement,
    mode_label: HtmlElement,
    /// What the question dialog last showed: (hazard, answer, language).
    shown: Option<(usize, Option<usize>, Lang)>,
}

impl PlayUi {
    pub fn build(doc: &Document, ui: &Element) -> Result<PlayUi, JsValue> {
        let d = doc;
        // The question: like the card, a dialog beside what it is about.
        let question = el(d, ui, "aside", "question", "panel card question")?;
        question.set_attribute("role", "dialog")?;
        question.set_attribute("aria-labelledby", "question-prompt")?;
        let q_kicker = el(d, &question, "p", "question-kicker", "kicker ask")?;
        let q_prompt = el(d, &question, "h2", "question-prompt", "")?;
        let list = el(d, &question, "div", "question-answers", "answers")?;
        list.set_attribute("role", "group")?;
        list.set_attribute("aria-labelledby", "question-prompt")?;
        let mut answers = Vec::new();
        for k in 0..crate::scene::limits::ANSWERS {
            let b = button(d, &list, &format!("answer-{k}"), "answer", "answer")?;
            b.set_attribute("data-choice", &k.to_string())?;
            answers.push(b);
        }
        let q_feedback = el(d, &question, "div", "question-feedback", "feedback")?;
        q_feedback.set_attribute("role", "status")?;
        let q_verdict = el(d, &q_feedback, "p", "question-verdict", "verdict")?;
        let q_why = el(d, &q_feedback, "p", "question-why", "")?;
        let q_close = button(d, &question, "question-close", "primary", "question-close")?;

        // The hint's first step: a clue in words.
        let clue = el(d, ui, "div", "clue", "banner clue")?;
        clue.set_attribute("role", "status")?;
        let clue_label = el(d, &clue, "strong", "", "")?;
        let clue_text = el(d, &clue, "span", "clue-text", "")?;

        // Taps too fast or in a sweep.
        let look_first = el(d, ui, "div", "look-first", "banner look-first")?;
        look_first.set_attribute("role", "alert")?;
        let lf_title = el(d, &look_first, "strong", "", "")?;
        let lf_text = el(d, &look_first, "span", "", "")?;

        // Explore or challenge, on the title screen before Start.
        let modes = el(d, ui, "div", "modes", "modes")?;
        if let (Some(title), Some(start)) = (
            doc.get_element_by_id("title"),
            doc.get_element_by_id("start"),
        ) {
            title.insert_before(&modes, Some(&start))?;
        }
        modes.set_attribute("role", "group")?;
        let mode_label = el(d, &modes, "span", "", "modes-label")?;
        let row = el(d, &modes, "div", "", "modes-row")?;
        let mode_explore = button(d, &row, "mode-explore", "mode", "mode-explore")?;
        let mode_challenge = button(d, &row, "mode-challenge", "mode", "mode-challenge")?;
        let mode_help = el(d, &modes, "p", "mode-help", "mode-help")?;

        for e in [&question, &clue, &look_first] {
            show(e, false);
        }
        Ok(PlayUi {
            question,
            q_kicker,
            q_prompt,
            answers,
            q_feedback,
            q_verdict,
            q_why,
            q_close,
            clue,
            clue_label,
            clue_text,
            look_first,
            lf_title,
            lf_text,
            modes,
            mode_explore,
            mode_challenge,
            mode_help,
            mode_label,
            shown: None,
        })
    }

    /// The answer a button stands for (its `data-choice`).
    pub fn choice(button: &Element) -> Option<usize> {
        button.get_attribute("data-choice")?.parse().ok()
    }

    /// Brings the play overlay up to date; cheap when nothing changed.
    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let t = |k| strings.get(k, lang);
        let screen = game.screen();
        let playing = screen == Screen::Play && !game.confirming_quit();

        // Mode choice on the title.
        show(&self.modes, screen == Screen::Title);
        if screen == Screen::Title {
            set_text(&self.mode_label, t("title.mode"));
            set_text(&self.mode_explore, t("mode.explore"));
            set_text(&self.mode_challenge, t("mode.challenge"));
            let challenge = game.mode() == Mode::Challenge;
            pressed(&self.mode_explore, !challenge)?;
            pressed(&self.mode_challenge, challenge)?;
            set_text(
                &self.mode_help,
                t(if challenge {
                    "mode.challenge_help"
                } else {
                    "mode.explore_help"
                }),
            );
        }

        // The hint button invites a press after a quiet spell.
        if let Some(hint) = self
            .question
            .owner_document()
            .and_then(|d| d.get_element_by_id("hint"))
        {
            hint.class_list()
                .toggle_with_force("suggest", game.hint_suggested())?;
        }

        // The clue.
        let clue = game.clue().filter(|_| playing);
        show(&self.clue, clue.is_some());
        if let Some(i) = clue {
            set_text(&self.clue_label, t("hint.clue"));
            let text = game
                .scene()
                .and_then(|s| s.hazards.get(i))
                .and_then(|h| h.clue.as_ref())
                .map_or("", |c| c.get(lang));
            set_text(&self.clue_text, text);
        }

        // Look first.
        let lf = game.looking_first() && playing;
        show(&self.look_first, lf);
        if lf {
            set_text(&self.lf_title, t("lookfirst.title"));
            set_text(&self.lf_text, t("lookfirst.text"));
        }

        // The question.
        let open = match screen {
            Screen::Question(i) => Some(i),
            _ => None,
        };
        show(&self.question, open.is_some());
        let Some(i) = open else {
            self.shown = None;
            return Ok(());
        };
        let Some(q) = game
            .scene()
            .and_then(|s| s.hazards.get(i))
            .and_then(|h| h.question.as_ref())
        else {
            return Ok(());
        };
        let picked = game.answer_of(i);
        let now = (i, picked, lang);
        if self.shown == Some(now) {
            return Ok(());
        }
        let first = self.shown.is_none_or(|(j, _, _)| j != i);
        self.shown = Some(now);
        self.question
            .class_list()
            .toggle_with_force("left", game.card_on_left())?;
        self.question
            .class_list()
            .toggle_with_force("top", game.card_on_top())?;
        set_text(&self.q_kicker, t("question.kicker"));
        set_text(&self.q_prompt, q.prompt.get(lang));
        for (k, b) in self.answers.iter().enumerate() {
            let a = q.answers.get(k);
            show(b, a.is_some());
            let Some(a) = a else { continue };
            set_text(b, a.text.get(lang));
            let cl = b.class_list();
            // After the answer: the right one green, a wrong pick orange, by shape
            // too (✓ / ✗ in CSS), and no more choosing.
            cl.toggle_with_force("right", picked.is_some() && a.right)?;
            cl.toggle_with_force("wrong", picked == Some(k) && !a.right)?;
            cl.toggle_with_force("picked", picked == Some(k))?;
            b.set_disabled(picked.is_some());
            b.set_attribute(
                "aria-pressed",
                if picked == Some(k) { "true" } else { "false" },
            )?;
        }
        show(&self.q_feedback, picked.is_some());
        if let Some(k) = picked {
            let chosen = &q.answers[k];
            let verdict = if chosen.right {
                if game.mode() == Mode::Explore {
                    t("question.right_plain").to_string()
                } else {
                    strings.fill(
                        "question.right",
                        lang,
                        &[("n", &QUESTION_POINTS.to_string())],
                    )
                }
            } else {
                let right = q.answers.iter().find(|a| a.right);
                format!(
                    "{} {}",
                    t("question.wrong"),
                    right.map_or("", |a| a.text.get(lang))
                )
            };
            set_text(&self.q_verdict, &verdict);
            self.q_feedback
                .class_list()
                .toggle_with_force("right", chosen.right)?;
            // Why the pick is right or wrong, then why the right one is right.
            let mut why = chosen.why.get(lang).to_string();
            if !chosen.right {
                if let Some(r) = q.answers.iter().find(|a| a.right) {
                    why.push(' ');
                    why.push_str(r.why.get(lang));
                }
            }
            set_text(&self.q_why, &why);
        }
        set_text(
            &self.q_close,
            t(if picked.is_some() {
                "question.continue"
            } else {
                "question.skip"
            }),
        );
        // Focus: the first answer when it opens, the way on once answered.
        let target: Option<HtmlElement> = if first {
            self.question.set_scroll_top(0);
            self.answers.first().map(|b| b.clone().into())
        } else if picked.is_some() {
            Some(self.q_close.clone().into())
        } else {
            None
        };
        if let Some(e) = target {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = e.focus_with_options(&opts);
        }
        Ok(())
    }
}

fn pressed(b: &HtmlButtonElement, on: bool) -> Result<(), JsValue> {
    b.set_attribute("aria-pressed", if on { "true" } else { "false" })
}
