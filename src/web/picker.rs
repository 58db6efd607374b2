//! The scene picker's overlay: a card per scene with a thumbnail painted from the
//! scene's own sprites, its name, category, number of hazards and the best score on
//! this device. Built from the catalogue when it arrives (and again when the language
//! changes); thumbnails are painted once their few sprites have loaded.

use super::dom::{bool_str, button, el, set_text, show, text_button};
use super::load::Sprites;
use super::paint;
use super::storage::BestScores;
use crate::catalogue::Catalogue;
use crate::game::{Game, LoadState, Screen};
use crate::geom::Rect;
use crate::i18n::{Lang, Strings};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement};

/// Thumbnail size in CSS pixels (16:9).
const THUMB_W: f64 = 320.0;
const THUMB_H: f64 = 180.0;

pub struct Picker {
    doc: Document,
    pub section: HtmlElement,
    heading: HtmlElement,
    status: HtmlElement,
    retry: HtmlElement,
    list: HtmlElement,
    back: HtmlElement,
    /// (scene id, thumbnail canvas) of each card built.
    cards: Vec<(String, HtmlCanvasElement)>,
    /// What the list was last built for: language, catalogue size, best scores seen.
    built: Option<(Lang, usize, Vec<Option<u32>>)>,
    /// The thumbnails show their sprites (painted after they loaded).
    painted: bool,
}

impl Picker {
    pub fn build(doc: &Document, ui: &Element) -> Result<Picker, JsValue> {
        let d = doc;
        let section = el(d, ui, "section", "select", "panel select")?;
        section.set_attribute("aria-labelledby", "select-heading")?;
        let heading = el(d, &section, "h2", "select-heading", "")?;
        heading.set_tab_index(-1);
        let status = el(d, &section, "p", "select-status", "status")?;
        status.set_attribute("role", "status")?;
        let mut unused = Vec::new();
        let retry: HtmlElement = text_button(
            d,
            &section,
            "retry",
            "ghost dark",
            "error.retry",
            &mut unused,
        )?
        .into();
        retry.set_id("select-retry");
        let list = el(d, &section, "ul", "scene-list", "scene-list")?;
        let back: HtmlElement = button(d, &section, "select-back", "ghost dark", "back")?.into();
        show(&section, false);
        Ok(Picker {
            doc: doc.clone(),
            section,
            heading,
            status,
            retry,
            list,
            back,
            cards: Vec::new(),
            built: None,
            painted: false,
        })
    }

    /// The element keyboard focus moves to when the picker opens.
    pub fn focus_target(&self) -> HtmlElement {
        self.heading.clone()
    }

    /// Brings the picker up to date with the game.
    pub fn sync(
        &mut self,
        game: &Game,
        strings: &Strings,
        best: &BestScores,
        sprites: &Sprites,
    ) -> Result<(), JsValue> {
        let on = game.screen() == Screen::Select;
        show(&self.section, on);
        if !on {
            return Ok(());
        }
        let lang = game.lang();
        let t = |k| strings.get(k, lang);
        set_text(&self.heading, t("select.heading"));
        set_text(&self.back, t("select.back"));
        set_text(&self.retry, t("error.retry"));
        let (status, failed) = match (game.catalogue_load(), game.load()) {
            (LoadState::Loading, _) | (LoadState::Idle, _) => (t("select.loading"), false),
            (LoadState::Failed(msg), _) => (msg.as_str(), true),
            (_, LoadState::Loading) => (t("title.loading"), false),
            _ => ("", false),
        };
        set_text(&self.status, status);
        show(&self.retry, failed);
        self.section
            .set_attribute("aria-busy", bool_str(game.load() == &LoadState::Loading))?;

        let Some(cat) = game.catalogue() else {
            return Ok(());
        };
        let scores: Vec<Option<u32>> = cat.scenes.iter().map(|e| best.get(&e.id)).collect();
        let key = (lang, cat.scenes.len(), scores);
        if self.built.as_ref() != Some(&key) {
            self.fill(cat, strings, lang, &key.2)?;
            self.built = Some(key);
            self.painted = false;
        }
        if !self.painted && !sprites.is_empty() {
            self.paint_thumbs(cat, sprites)?;
            self.painted = true;
        }
        Ok(())
    }

    /// The thumbnail sprites arrived: paint them at the next sync.
    pub fn sprites_ready(&mut self) {
        self.painted = false;
    }

    fn fill(
        &mut self,
        cat: &Catalogue,
        strings: &Strings,
        lang: Lang,
        scores: &[Option<u32>],
    ) -> Result<(), JsValue> {
        let d = &self.doc;
        self.list.set_inner_html("");
        self.cards.clear();
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().clamp(1.0, 3.0));
        for (e, best) in cat.scenes.iter().zip(scores) {
            let li = el(d, &self.list, "li", "", "")?;
            let card = button(d, &li, "", "scene-card", "pick")?;
            card.set_attribute("data-scene", &e.id)?;
            let canvas: HtmlCanvasElement = d.create_element("canvas")?.dyn_into()?;
            canvas.set_class_name("thumb");
            canvas.set_attribute("aria-hidden", "true")?;
            canvas.set_width((THUMB_W * dpr).round() as u32);
            canvas.set_height((THUMB_H * dpr).round() as u32);
            card.append_child(&canvas)?;
            let name = el(d, &card, "span", "", "name")?;
            set_text(&name, e.title.get(lang));
            let n = e.total.to_string();
            let tags = el(d, &card, "span", "", "tags")?;
            set_text(
                &tags,
                &format!(
                    "{} · {}",
                    strings.get(e.category.key(), lang),
                    strings.fill("title.count", lang, &[("n", &n)])
                ),
            );
            let intro = el(d, &card, "span", "", "intro")?;
            set_text(&intro, e.intro.get(lang));
            let b = el(d, &card, "span", "", "best")?;
            let text = match best {
                Some(s) => strings.fill("select.best", lang, &[("n", &s.to_string())]),
                None => strings.get("select.unplayed", lang).to_string(),
            };
            set_text(&b, &text);
            b.set_attribute("data-best", &best.map_or(String::new(), |s| s.to_string()))?;
            self.cards.push((e.id.clone(), canvas));
        }
        Ok(())
    }

    /// Paints each card's thumbnail: its part of the scene, cropped to fill the card.
    fn paint_thumbs(&self, cat: &Catalogue, sprites: &Sprites) -> Result<(), JsValue> {
        for (id, canvas) in &self.cards {
            let Some(e) = cat.get(id) else { continue };
            let ctx: CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("canvas 2D is not available"))?
                .dyn_into()?;
            let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
            ctx.set_fill_style_str(&e.backdrop);
            ctx.fill_rect(0.0, 0.0, w, h);
            // Cover: the view keeps the card's shape, centred on the thumbnail's part.
            let t = e.thumb.rect();
            let scale = (w / t.w).max(h / t.h);
            let (vw, vh) = (w / scale, h / scale);
            let view = Rect::new(t.x + (t.w - vw) / 2.0, t.y + (t.h - vh) / 2.0, vw, vh);
            let layers: Vec<&crate::scene::Layer> = e.thumb.layers.iter().collect();
            paint::paint_layers(&ctx, &layers, sprites, Rect::new(0.0, 0.0, w, h), view, t)?;
        }
        Ok(())
    }

    /// The scene id on a picker card that was activated.
    pub fn picked(target: &Element) -> Option<String> {
        target.get_attribute("data-scene")
    }
}
