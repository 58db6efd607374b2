//! "How to play / 怎么玩": how to find hazards, the two modes, how scoring works
//! with the real numbers (from `scoring::rules`, through [`crate::howto`]), stars,
//! hints, "look first" and challenge codes. Opened from the title (`#help-open`) or
//! the results (`#res-help`); Back or Escape returns there.

use super::dom::{button, el, set_text, show};
use crate::game::{Game, Screen};
use crate::howto;
use crate::i18n::{Lang, Strings};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

pub struct Help {
    panel: HtmlElement,
    heading: HtmlElement,
    body: HtmlElement,
    close: HtmlButtonElement,
    /// The title screen's button that opens it.
    open: HtmlButtonElement,
    doc: Document,
    /// Screen and language last shown.
    shown: Option<(Screen, Lang)>,
    /// The language the body was written in.
    written: Option<Lang>,
}

impl Help {
    /// Builds the (hidden) panel inside `ui`, and its button on the title panel
    /// `title`, before the title's status line `before`.
    pub fn build(
        doc: &Document,
        ui: &Element,
        title: &Element,
        before: Option<&Element>,
    ) -> Result<Help, JsValue> {
        let open = button(doc, title, "help-open", "ghost dark help-open", "help")?;
        if let Some(b) = before {
            title.insert_before(&open, Some(b))?;
        }
        let panel = el(doc, ui, "section", "help", "panel help")?;
        panel.set_attribute("aria-labelledby", "help-heading")?;
        let heading = el(doc, &panel, "h2", "help-heading", "")?;
        heading.set_tab_index(-1);
        let body = el(doc, &panel, "div", "help-body", "help-body")?;
        let close = button(doc, &panel, "help-close", "primary", "back")?;
        show(&panel, false);
        Ok(Help {
            panel,
            heading,
            body,
            close,
            open,
            doc: doc.clone(),
            shown: None,
            written: None,
        })
    }

    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let now = (game.screen(), lang);
        let before = self.shown.replace(now);
        if before == Some(now) {
            return Ok(());
        }
        // The title's button is labelled in every language change.
        if before.is_none_or(|b| b.1 != lang) {
            set_text(&self.open, strings.get("help.open", lang));
        }
        let on = now.0 == Screen::Help;
        show(&self.panel, on);
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        if !on {
            // Back on the title: the focus returns to the button that opened it.
            if before.is_some_and(|b| b.0 == Screen::Help) && now.0 == Screen::Title {
                let _ = self.open.focus_with_options(&opts);
            }
            return Ok(());
        }
        if self.written != Some(lang) {
            self.write(strings, lang)?;
        }
        if before.is_none_or(|b| b.0 != Screen::Help) {
            let _ = self.heading.focus_with_options(&opts);
            self.panel.set_scroll_top(0);
        }
        Ok(())
    }

    fn write(&mut self, strings: &Strings, lang: Lang) -> Result<(), JsValue> {
        set_text(&self.heading, strings.get("help.title", lang));
        set_text(&self.close, strings.get("help.close", lang));
        self.body.set_inner_html("");
        for (heading, paragraphs) in howto::SECTIONS {
            let section = el(&self.doc, &self.body, "section", "", "")?;
            section.set_attribute("data-section", heading)?;
            let h = el(&self.doc, &section, "h3", "", "")?;
            set_text(&h, strings.get(heading, lang));
            for key in *paragraphs {
                let p = el(&self.doc, &section, "p", "", "")?;
                set_text(&p, &howto::text(strings, key, lang));
            }
        }
        self.written = Some(lang);
        Ok(())
    }
}
