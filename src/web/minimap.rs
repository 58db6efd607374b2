//! The minimap: the whole scene, small, top right while the player is zoomed in,
//! with the part on screen outlined and the hazards found marked. Tapping or dragging
//! on it moves the view there, through the same camera action a drag uses. It folds
//! away behind a button.

use super::dom::{bool_str, el, show};
use super::load::Sprites;
use super::paint;
use crate::game::{Game, Screen};
use crate::geom::{Point, Rect};
use crate::i18n::Strings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement};

/// Longest side of the minimap, CSS pixels.
const SIDE: f64 = 180.0;
/// On a screen narrower than this (CSS px) the minimap starts folded.
const NARROW_CSS: f64 = 600.0;
/// Shown once the view is at least this much closer than the whole scene.
const SHOW_ABOVE_ZOOM: f64 = 1.05;

pub struct Minimap {
    pub root: HtmlElement,
    toggle: HtmlElement,
    pub canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The small picture (whole scene), drawn when the scene or its fixed looks change.
    base: HtmlCanvasElement,
    base_ctx: CanvasRenderingContext2d,
    /// What the base shows: (scene id, fixed mask, size in device px).
    base_key: Option<(String, u64, u32, u32, usize)>,
    open: bool,
    /// Whether `open` was chosen yet (folded at first on a narrow screen, where the
    /// picture needs the room).
    decided: bool,
}

fn context(c: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    c.get_context("2d")?
        .ok_or_else(|| JsValue::from_str("canvas 2D is not available"))?
        .dyn_into()
        .map_err(JsValue::from)
}

impl Minimap {
    pub fn build(doc: &Document, ui: &Element) -> Result<Minimap, JsValue> {
        let root = el(doc, ui, "div", "minimap", "minimap")?;
        let toggle = el(doc, &root, "button", "minimap-toggle", "minimap-toggle")?;
        toggle.set_attribute("type", "button")?;
        toggle.set_attribute("data-action", "minimap-toggle")?;
        toggle.set_attribute("aria-expanded", "true")?;
        toggle.set_attribute("aria-controls", "minimap-canvas")?;
        let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        canvas.set_id("minimap-canvas");
        canvas.set_attribute("role", "img")?;
        root.append_child(&canvas)?;
        let ctx = context(&canvas)?;
        let base: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        let base_ctx = context(&base)?;
        show(&root, false);
        Ok(Minimap {
            root,
            toggle,
            canvas,
            ctx,
            base,
            base_ctx,
            base_key: None,
            open: true,
            decided: false,
        })
    }

    /// The fold button was pressed.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.decided = true;
    }

    /// While playing and zoomed in; not while a card or note is open (they need the
    /// room, and the picture is not being explored then), nor in the dark (a lit
    /// small picture would give away what only the torch should show).
    fn wanted(game: &Game) -> bool {
        game.screen() == Screen::Play
            && !game.confirming_quit()
            && game.camera().zoom > SHOW_ABOVE_ZOOM
            && !game.in_dark_view()
    }

    /// The minimap's CSS size for this scene.
    fn css_size(game: &Game) -> (f64, f64) {
        let s = game.camera().scene;
        let k = SIDE / s.w.max(s.h);
        (s.w * k, s.h * k)
    }

    /// Shows, hides and paints the minimap for the game as it is now.
    pub fn sync(
        &mut self,
        game: &Game,
        strings: &Strings,
        sprites: &Sprites,
        dpr: f64,
        defer_fixed_looks: bool,
    ) -> Result<(), JsValue> {
        let on = Self::wanted(game) && game.scene().is_some();
        show(&self.root, on);
        if !on {
            return Ok(());
        }
        if !self.decided {
            self.open = game.camera().viewport.w >= NARROW_CSS;
            self.decided = true;
        }
        let lang = game.lang();
        let label = strings.get(
            if self.open {
                "minimap.hide"
            } else {
                "minimap.show"
            },
            lang,
        );
        if self.toggle.get_attribute("aria-label").as_deref() != Some(label) {
            self.toggle.set_attribute("aria-label", label)?;
            self.toggle.set_attribute("title", label)?;
            self.canvas
                .set_attribute("aria-label", strings.get("minimap.label", lang))?;
        }
        self.toggle
            .set_attribute("aria-expanded", bool_str(self.open))?;
        self.toggle
            .set_text_content(Some(if self.open { "▸" } else { "◂" }));
        show(&self.canvas, self.open);
        if !self.open {
            return Ok(());
        }
        let (w, h) = Self::css_size(game);
        let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if (self.canvas.width(), self.canvas.height()) != (pw, ph) {
            self.canvas.set_width(pw);
            self.canvas.set_height(ph);
            let style = self.canvas.style();
            style.set_property("width", &format!("{w}px"))?;
            style.set_property("height", &format!("{h}px"))?;
        }
        let Some(scene) = game.scene() else {
            return Ok(());
        };
        // The small picture: redrawn only when the scene or a fixed look changes.
        let stage = game.stage();
        let mut key = (scene.id.clone(), game.fixed_mask(), pw, ph, stage);
        // Answering a tap, a changed fixed look waits for the next frame (as in the
        // main picture).
        if let Some(old) = &self.base_key {
            if defer_fixed_looks
                && (old.0 == key.0 && old.2 == key.2 && old.3 == key.3 && old.4 == key.4)
            {
                key.1 = old.1;
            }
        }
        if self.base_key.as_ref() != Some(&key) {
            let mask = key.1;
            self.base.set_width(pw);
            self.base.set_height(ph);
            let c = &self.base_ctx;
            c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
            c.set_fill_style_str(scene.stage_backdrop(stage));
            c.fill_rect(0.0, 0.0, f64::from(pw), f64::from(ph));
            let layers = scene.picture_layers_in(stage, |i| i < 64 && mask & (1 << i) != 0);
            let dest = Rect::new(0.0, 0.0, f64::from(pw), f64::from(ph));
            let rect = scene.stage_rect(stage);
            paint::paint_layers(c, &layers, sprites, dest, rect, rect)?;
            self.base_key = Some(key);
        }
        let c = &self.ctx;
        c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        c.draw_image_with_html_canvas_element(&self.base, 0.0, 0.0)?;
        let k = f64::from(pw) / scene.stage_size(stage).w;
        // Found hazards: green dots.
        c.set_fill_style_str("#137a40");
        for (i, hz) in scene.hazards.iter().enumerate() {
            if scene.hazard_stage(i) != stage {
                continue;
            }
            if game.round().is_found(i) {
                let p = hz.inside();
                c.begin_path();
                c.arc(p.x * k, p.y * k, 3.5 * dpr, 0.0, std::f64::consts::TAU)?;
                c.fill();
            }
        }
        // The part on screen.
        if let Some(v) = game
            .camera()
            .visible_scene()
            .intersection(&scene.stage_rect(stage))
        {
            c.set_line_width(2.0 * dpr);
            c.set_stroke_style_str("rgba(255,255,255,0.95)");
            c.stroke_rect(v.x * k, v.y * k, v.w * k, v.h * k);
            c.set_line_width(1.0 * dpr);
            c.set_stroke_style_str("#14213d");
            c.stroke_rect(
                v.x * k - dpr,
                v.y * k - dpr,
                v.w * k + 2.0 * dpr,
                v.h * k + 2.0 * dpr,
            );
        }
        Ok(())
    }

    /// Draws the small picture again on the next sync (new sprites arrived).
    pub fn forget(&mut self) {
        self.base_key = None;
    }

    /// The scene point under a pointer at client (x, y), if it is on the minimap.
    pub fn scene_point(&self, game: &Game, x: f64, y: f64) -> Option<Point> {
        let r = self.canvas.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return None;
        }
        let s = game.camera().scene;
        let u = ((x - r.left()) / r.width()).clamp(0.0, 1.0);
        let v = ((y - r.top()) / r.height()).clamp(0.0, 1.0);
        Some(Point::new(u * s.w, v * s.h))
    }
}
