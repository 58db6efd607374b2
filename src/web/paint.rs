//! Painting the canvas: the scene picture (sprite layers, cached per camera) and the
//! marks on top (found hazards, misses, hints, results). Works in CSS pixels; the
//! backing store is CSS size × devicePixelRatio so the picture stays crisp, and the
//! cached picture is exactly the visible region, redrawn from the vector sprites when
//! the camera moves, so zooming in never magnifies a bitmap.

use super::load::Sprites;
use crate::camera::Camera;
use crate::game::{self as game_, Event, Game, Screen, HINT_MS, MARK_CSS};
use crate::geom::{self, Point, Rect};
use crate::motion;
use crate::scene::{Layer, Scene};
use std::collections::HashMap;
use std::f64::consts::TAU;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, MediaQueryList};

/// How long the mark of a wrong tap stays.
pub const MISS_MS: f64 = 800.0;
/// How long the burst around a find lasts.
pub const FIND_MS: f64 = 900.0;

const GREEN: &str = "#137a40";
const ORANGE: &str = "#c2410c";
const RED: &str = "#e8383d";
const YELLOW: &str = "#ffd23f";
const BLUE: &str = "#1d4ed8";

pub struct Painter {
    pub canvas: HtmlCanvasElement,
    /// The picture being painted: the main one (0) or a view (see [`Scene::stages`]).
    stage: usize,
    ctx: CanvasRenderingContext2d,
    /// The scene picture as the camera shows it, the size of the backing store, so
    /// a frame only copies it and the marks go on top.
    cache: HtmlCanvasElement,
    cache_ctx: CanvasRenderingContext2d,
    /// What the cache shows; `None`: nothing yet, or forgotten.
    cache_key: Option<PictureKey>,
    /// Where a pan shifts the cached picture to, before swapping it in.
    scratch: HtmlCanvasElement,
    scratch_ctx: CanvasRenderingContext2d,
    /// Counts scene loads, so a new scene never reuses the old picture.
    generation: u32,
    /// The last frame showed a stretched picture: paint again once the view rests.
    stale: bool,
    /// CSS size and devicePixelRatio the backing store was sized for.
    size: (f64, f64, f64),
    /// `?motion=` (default on); the browser's reduced-motion setting also stops it.
    motion_option: bool,
    reduced_motion: Option<MediaQueryList>,
    /// Each moving layer (by its index in the scene) drawn once at the current scale,
    /// so a frame only copies it with a transform.
    rasters: HashMap<usize, (RasterKey, HtmlCanvasElement)>,
    doc: Document,
}

/// What a moving layer's bitmap was drawn for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RasterKey {
    generation: u32,
    /// Device pixels per scene unit.
    scale: f64,
}

/// Largest side of a moving layer's bitmap; a larger one is drawn from the sprite.
const MAX_RASTER_PX: f64 = 2048.0;

/// Everything that changes the scene picture. The cache is redrawn exactly when
/// this changes (format v2's fixed looks will join it).
#[derive(Clone, Copy, Debug, PartialEq)]
struct PictureKey {
    generation: u32,
    /// Device pixels per scene unit.
    scale: f64,
    /// Where the scene's (0, 0) lands, in device pixels.
    origin: (f64, f64),
    /// Backing store size in device pixels.
    px: (u32, u32),
    /// Which hazards show their fixed look (bit i: hazard i).
    fixed: u64,
    /// Which picture: the main one (0) or a view.
    stage: usize,
    /// The moving layers are in the picture, at rest (motion is off).
    still: bool,
}

fn context(c: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    c.get_context("2d")?
        .ok_or_else(|| JsValue::from_str("canvas 2D is not available"))?
        .dyn_into()
        .map_err(JsValue::from)
}

/// What to draw this frame.
pub struct View<'a> {
    pub game: &'a Game,
    pub sprites: &'a Sprites,
    /// The view is being moved (a gesture, a glide, a zoom): a picture at another
    /// scale may be shown stretched until it rests, then it is drawn sharp.
    pub moving: bool,
    /// Answer at once with the marks on the picture as it is, and put found hazards
    /// right in the picture on a later paint (redrawing part of the picture costs a
    /// few milliseconds the answer to a tap should not wait for).
    pub defer_fixed_looks: bool,
}

/// Paints the scene picture (backdrop and the given sprite layers, in order: see
/// [`Scene::picture_layers`] for fixed looks) as `camera` shows it. `ctx`
/// must map CSS pixels to its pixels (for a canvas: a `dpr` transform). Needs no
/// `Game`: thumbnails, a minimap or an editor can use it with any camera. Only the
/// layers that meet the visible part of the scene are drawn, and each sprite is drawn
/// at its final size, so the picture stays crisp at any zoom.
pub fn paint_picture(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    stage: usize,
    layers: &[&Layer],
    sprites: &Sprites,
    camera: &Camera,
) -> Result<(), JsValue> {
    let vp = camera.viewport;
    let rect = scene.stage_rect(stage);
    ctx.set_fill_style_str(scene.stage_backdrop(stage));
    ctx.fill_rect(vp.x, vp.y, vp.w, vp.h);
    draw_layers(
        ctx,
        layers,
        sprites,
        vp,
        camera.visible_scene(),
        rect,
        Some((camera.center, rect.center())),
    )
}

/// Draws `layers` so that the scene rectangle `view` fills `dest` (CSS pixels; give
/// both the same shape), clipped to `clip` (scene units). Layers outside the view are
/// skipped. The building block of the game picture and of the picker's thumbnails.
pub fn paint_layers(
    ctx: &CanvasRenderingContext2d,
    layers: &[&Layer],
    sprites: &Sprites,
    dest: Rect,
    view: Rect,
    clip: Rect,
) -> Result<(), JsValue> {
    draw_layers(ctx, layers, sprites, dest, view, clip, None)
}

/// [`paint_layers`], with each layer moved for parallax ([`motion::parallax`]) as a
/// camera looking at `look.0` of a scene whose middle is `look.1` sees it (`None`:
/// every layer where the file puts it).
fn draw_layers(
    ctx: &CanvasRenderingContext2d,
    layers: &[&Layer],
    sprites: &Sprites,
    dest: Rect,
    view: Rect,
    clip: Rect,
    look: Option<(Point, Point)>,
) -> Result<(), JsValue> {
    if !(view.w > 0.0 && dest.w > 0.0) {
        return Ok(());
    }
    let s = dest.w / view.w;
    // Only what is both in view and inside the clip needs drawing.
    let Some(cull) = view.intersection(&clip) else {
        return Ok(());
    };
    let (ox, oy) = (dest.x - view.x * s, dest.y - view.y * s);
    ctx.save();
    // Layers may reach past the picture's edges; the picture ends there.
    ctx.begin_path();
    ctx.rect(ox + clip.x * s, oy + clip.y * s, clip.w * s, clip.h * s);
    ctx.clip();
    ctx.translate(ox, oy)?;
    ctx.scale(s, s)?;
    ctx.set_image_smoothing_enabled(true);
    for layer in layers {
        let (dx, dy) = match look {
            Some((center, middle)) => motion::parallax(layer.depth, center, middle),
            None => (0.0, 0.0),
        };
        let r = Rect::new(layer.x + dx, layer.y + dy, layer.w, layer.h);
        if !r.intersects(&cull) {
            continue;
        }
        let Some(img) = sprites.get(&layer.sprite) else {
            continue;
        };
        if layer.flip {
            ctx.save();
            ctx.translate(r.x + r.w, r.y)?;
            ctx.scale(-1.0, 1.0)?;
            ctx.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, r.w, r.h)?;
            ctx.restore();
        } else {
            ctx.draw_image_with_html_image_element_and_dw_and_dh(img, r.x, r.y, r.w, r.h)?;
        }
    }
    ctx.restore();
    Ok(())
}

impl Painter {
    pub fn new(doc: &Document, canvas: HtmlCanvasElement) -> Result<Painter, JsValue> {
        let ctx = context(&canvas)?;
        let cache: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        let cache_ctx = context(&cache)?;
        let scratch: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        let scratch_ctx = context(&scratch)?;
        let reduced_motion = doc
            .default_view()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok())
            .flatten();
        Ok(Painter {
            motion_option: true,
            reduced_motion,
            rasters: HashMap::new(),
            doc: doc.clone(),
            canvas,
            ctx,
            stage: 0,
            cache,
            cache_ctx,
            cache_key: None,
            scratch,
            scratch_ctx,
            stale: false,
            generation: 0,
            size: (0.0, 0.0, 0.0),
        })
    }

    /// `?motion=off` turns the scenes' ambient motion off.
    pub fn with_motion(mut self, on: bool) -> Painter {
        self.motion_option = on;
        self
    }

    /// Whether moving layers move: `?motion=` is not off and the browser does not ask
    /// for reduced motion (asked each time, so a change of the setting is followed).
    pub fn motion(&self) -> bool {
        self.motion_option && !self.reduced_motion.as_ref().is_some_and(|q| q.matches())
    }

    /// Whether the next frame must be painted for the scene's ambient motion (or to
    /// put its moving layers to rest, or back in motion, after the setting changed).
    pub fn animates(&self, game: &Game) -> bool {
        let on = self.motion();
        let has = game.scene().is_some_and(|s| s.has_motion_in(game.stage()));
        // The markers of the views pulse while motion is on (see `entries`).
        let markers = on
            && game.screen() == Screen::Play
            && game.stage() == 0
            && game.scene().is_some_and(|s| !s.views.is_empty());
        markers || has && (on || self.cache_key.is_some_and(|k| k.still == on))
    }

    /// Subscriber: a new scene means the cached picture is stale.
    pub fn on_event(&mut self, ev: &Event) {
        if let Event::SceneLoaded { .. } | Event::ViewEntered { .. } | Event::ViewLeft { .. } = ev {
            // Another picture: moving layers are numbered within their picture.
            self.generation = self.generation.wrapping_add(1);
            self.cache_key = None;
            self.rasters.clear();
        }
    }

    /// Forgets the cached picture and moving layers (new sprites arrived).
    pub fn forget(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.cache_key = None;
        self.rasters.clear();
    }

    /// Matches the backing store to the canvas's CSS size; true when it changed.
    pub fn fit_backing_store(&mut self, css_w: f64, css_h: f64, dpr: f64) -> bool {
        if self.size == (css_w, css_h, dpr) {
            return false;
        }
        self.size = (css_w, css_h, dpr);
        self.canvas.set_width((css_w * dpr).round().max(1.0) as u32);
        self.canvas
            .set_height((css_h * dpr).round().max(1.0) as u32);
        true
    }

    /// Redraws the cached picture when anything that changes it changed.
    fn ensure_cache(
        &mut self,
        scene: &Scene,
        sprites: &Sprites,
        cam: &Camera,
        fixed: u64,
        moving: bool,
    ) -> Result<bool, JsValue> {
        let dpr = self.size.2;
        // The picture is drawn with its origin on whole device pixels, so a pan can
        // shift it without blur or seams.
        let snapped = snap(cam, dpr);
        let cam = &snapped;
        let o = cam.origin();
        let key = PictureKey {
            generation: self.generation,
            scale: cam.scale() * dpr,
            origin: ((o.x * dpr).round(), (o.y * dpr).round()),
            px: (self.canvas.width(), self.canvas.height()),
            fixed,
            stage: self.stage,
            still: !self.motion(),
        };
        if self.cache_key == Some(key) {
            return Ok(true);
        }
        let same_but = |old: PictureKey| {
            PictureKey {
                origin: old.origin,
                ..key
            } == old
        };
        // While the view moves at another scale, show the picture it has, stretched,
        // and draw it sharp once the view rests.
        if moving {
            if let Some(old) = self.cache_key {
                let other_scale = PictureKey {
                    scale: old.scale,
                    origin: old.origin,
                    ..key
                } == old;
                if other_scale && old.scale != key.scale {
                    return Ok(false);
                }
            }
        }
        let stage = self.stage;
        let mut layers = scene.picture_layers_in(stage, |i| i < 64 && fixed & (1 << i) != 0);
        if !key.still {
            // Moving layers are drawn over the picture each frame.
            layers.retain(|l| l.motion.is_none());
        }
        // Only the position changed (a pan): shift the picture and draw the strips
        // that came into view, unless a layer behind the action plane is in view (it
        // moves by another amount: the whole picture is drawn again).
        let view = cam.visible_scene();
        let size = scene.stage_size(stage);
        let (hw, hh) = (size.w / 2.0, size.h / 2.0);
        let parallax_in_view = layers.iter().any(|l| {
            l.depth > 0.0 && {
                let (ex, ey) = (l.depth * hw, l.depth * hh);
                let r = l.rect();
                Rect::new(r.x - ex, r.y - ey, r.w + 2.0 * ex, r.h + 2.0 * ey).intersects(&view)
            }
        });
        if let Some(old) = self
            .cache_key
            .filter(|old| same_but(*old) && !parallax_in_view)
        {
            let (dx, dy) = (key.origin.0 - old.origin.0, key.origin.1 - old.origin.1);
            let (w, h) = (f64::from(key.px.0), f64::from(key.px.1));
            if dx.abs() < w && dy.abs() < h && dx.fract() == 0.0 && dy.fract() == 0.0 {
                self.scroll(dx, dy)?;
                let css =
                    |x: f64, y: f64, w: f64, h: f64| Rect::new(x / dpr, y / dpr, w / dpr, h / dpr);
                let mut strips = Vec::new();
                if dx > 0.0 {
                    strips.push(css(0.0, 0.0, dx, h));
                } else if dx < 0.0 {
                    strips.push(css(w + dx, 0.0, -dx, h));
                }
                if dy > 0.0 {
                    strips.push(css(0.0, 0.0, w, dy));
                } else if dy < 0.0 {
                    strips.push(css(0.0, h + dy, w, -dy));
                }
                for b in strips {
                    self.redraw_box(scene, &layers, sprites, cam, b)?;
                }
                self.cache_key = Some(key);
                return Ok(true);
            }
        }
        // Only fixed looks changed (a find): redraw just the part they touch, so the
        // answer to a tap stays within a frame.
        let partial = self.cache_key.and_then(|old| {
            let same_view = PictureKey { fixed, ..old } == key;
            let changed = old.fixed ^ fixed;
            (same_view && changed != 0).then(|| {
                (0..64)
                    .filter(|i| changed & (1 << i) != 0)
                    .filter_map(|i| scene.fixed_look_bounds(i))
                    .reduce(|a, b| a.union(&b))
            })
        });
        match partial {
            Some(None) => {} // nothing drawn differs
            Some(Some(dirty)) => self.redraw_part(scene, &layers, sprites, cam, dirty)?,
            None => {
                if (self.cache.width(), self.cache.height()) != key.px {
                    self.cache.set_width(key.px.0);
                    self.cache.set_height(key.px.1);
                }
                let c = &self.cache_ctx;
                c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
                c.clear_rect(0.0, 0.0, f64::from(key.px.0), f64::from(key.px.1));
                c.set_fill_style_str(scene.stage_backdrop(stage));
                c.fill_rect(0.0, 0.0, f64::from(key.px.0), f64::from(key.px.1));
                c.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                paint_picture(c, scene, stage, &layers, sprites, cam)?;
            }
        }
        self.cache_key = Some(key);
        Ok(true)
    }

    /// Shifts the cached picture by (dx, dy) device pixels.
    fn scroll(&mut self, dx: f64, dy: f64) -> Result<(), JsValue> {
        let (w, h) = (self.cache.width(), self.cache.height());
        if (self.scratch.width(), self.scratch.height()) != (w, h) {
            self.scratch.set_width(w);
            self.scratch.set_height(h);
        }
        let c = &self.scratch_ctx;
        c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        c.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
        c.draw_image_with_html_canvas_element(&self.cache, dx, dy)?;
        std::mem::swap(&mut self.cache, &mut self.scratch);
        std::mem::swap(&mut self.cache_ctx, &mut self.scratch_ctx);
        Ok(())
    }

    /// Redraws the cached picture inside `dirty` (scene units) only.
    fn redraw_part(
        &self,
        scene: &Scene,
        layers: &[&Layer],
        sprites: &Sprites,
        cam: &Camera,
        dirty: Rect,
    ) -> Result<(), JsValue> {
        let Some(part) = dirty.intersection(&scene.stage_rect(self.stage)) else {
            return Ok(());
        };
        let dpr = self.size.2;
        let c = &self.cache_ctx;
        c.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        // Whole pixels around the part, so no seam shows at its edge.
        let (s, o) = (cam.scale() * dpr, cam.origin());
        let px = |v: f64| v * s;
        let x0 = (o.x * dpr + px(part.x)).floor() - 1.0;
        let y0 = (o.y * dpr + px(part.y)).floor() - 1.0;
        let x1 = (o.x * dpr + px(part.right())).ceil() + 1.0;
        let y1 = (o.y * dpr + px(part.bottom())).ceil() + 1.0;
        let box_css = Rect::new(x0 / dpr, y0 / dpr, (x1 - x0) / dpr, (y1 - y0) / dpr);
        self.redraw_box(scene, layers, sprites, cam, box_css)
    }

    /// Redraws the cached picture inside `box_css` (CSS pixels of the canvas) only.
    fn redraw_box(
        &self,
        scene: &Scene,
        layers: &[&Layer],
        sprites: &Sprites,
        cam: &Camera,
        box_css: Rect,
    ) -> Result<(), JsValue> {
        let dpr = self.size.2;
        let c = &self.cache_ctx;
        c.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        let o = cam.origin();
        let clip = Rect::new(
            (box_css.x - o.x) / cam.scale(),
            (box_css.y - o.y) / cam.scale(),
            box_css.w / cam.scale(),
            box_css.h / cam.scale(),
        );
        c.save();
        c.begin_path();
        c.rect(box_css.x, box_css.y, box_css.w, box_css.h);
        c.clip();
        let rect = scene.stage_rect(self.stage);
        c.set_fill_style_str(scene.stage_backdrop(self.stage));
        c.fill_rect(box_css.x, box_css.y, box_css.w, box_css.h);
        if let Some(clip) = clip.intersection(&rect) {
            let look = Some((cam.center, rect.center()));
            draw_layers(
                c,
                layers,
                sprites,
                cam.viewport,
                cam.visible_scene(),
                clip,
                look,
            )?;
        }
        c.restore();
        Ok(())
    }

    /// Draws the moving layers over the picture, each posed for time `t_s` (seconds)
    /// and moved for parallax, from a bitmap drawn once per scale (`sharp`: the view
    /// rests, so a bitmap at another scale is drawn again).
    fn paint_moving(
        &mut self,
        scene: &Scene,
        sprites: &Sprites,
        cam: &Camera,
        fixed: u64,
        t_s: f64,
        sharp: bool,
    ) -> Result<(), JsValue> {
        let stage = self.stage;
        if !scene.has_motion_in(stage) {
            return Ok(());
        }
        let dpr = self.size.2;
        let shown = scene.picture_layers_in(stage, |i| i < 64 && fixed & (1 << i) != 0);
        let (s, o) = (cam.scale(), cam.origin());
        let view = cam.visible_scene();
        let rect_all = scene.stage_rect(stage);
        let size = scene.stage_size(stage);
        let middle = rect_all.center();
        let key = RasterKey {
            generation: self.generation,
            scale: s * dpr,
        };
        let ctx = self.ctx.clone();
        for (i, l) in scene.stage_layers(stage).iter().enumerate() {
            let Some(m) = &l.motion else { continue };
            // A fixed look may hide it.
            if !shown.iter().any(|x| std::ptr::eq(*x, l)) {
                continue;
            }
            let (px, py) = motion::parallax(l.depth, cam.center, middle);
            let rect = Rect::new(l.x + px, l.y + py, l.w, l.h);
            if !m.reach(rect).intersects(&view) {
                continue;
            }
            let pose = m.pose(rect, t_s, true);
            if pose.alpha <= 0.0 {
                continue;
            }
            let stale = self.rasters.get(&i).is_none_or(|(k, _)| *k != key);
            if stale && (sharp || !self.rasters.contains_key(&i)) {
                self.raster(i, l, sprites, key)?;
            }
            ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            ctx.save();
            if !rect_all.contains_rect(&m.reach(rect)) {
                // The picture ends at the scene's edge. On whole device pixels: a clip
                // with a soft edge costs a mask the size of the picture.
                let px = |v: f64| (v * dpr).round() / dpr;
                let (x0, y0) = (px(o.x), px(o.y));
                let (x1, y1) = (px(o.x + size.w * s), px(o.y + size.h * s));
                ctx.begin_path();
                ctx.rect(x0, y0, x1 - x0, y1 - y0);
                ctx.clip();
            }
            ctx.translate(o.x, o.y)?;
            ctx.scale(s, s)?;
            ctx.set_global_alpha(pose.alpha);
            let p = pose.pivot;
            ctx.translate(p.x, p.y)?;
            ctx.rotate(pose.angle)?;
            ctx.translate(pose.dx - p.x, pose.dy - p.y)?;
            match (self.rasters.get(&i), sprites.get(&l.sprite)) {
                (Some((_, bitmap)), _) => ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                    bitmap, rect.x, rect.y, rect.w, rect.h,
                )?,
                (None, Some(img)) => {
                    if l.flip {
                        ctx.translate(rect.x + rect.w, rect.y)?;
                        ctx.scale(-1.0, 1.0)?;
                        ctx.draw_image_with_html_image_element_and_dw_and_dh(
                            img, 0.0, 0.0, rect.w, rect.h,
                        )?;
                    } else {
                        ctx.draw_image_with_html_image_element_and_dw_and_dh(
                            img, rect.x, rect.y, rect.w, rect.h,
                        )?;
                    }
                }
                (None, None) => {}
            }
            ctx.restore();
        }
        Ok(())
    }

    /// Draws moving layer `i` into its own bitmap at `key.scale` device pixels per
    /// scene unit; a layer that would need a bitmap past [`MAX_RASTER_PX`] has none.
    fn raster(
        &mut self,
        i: usize,
        l: &Layer,
        sprites: &Sprites,
        key: RasterKey,
    ) -> Result<(), JsValue> {
        let old = self.rasters.remove(&i);
        let (w, h) = ((l.w * key.scale).ceil(), (l.h * key.scale).ceil());
        let Some(img) = sprites.get(&l.sprite) else {
            return Ok(());
        };
        if !(w >= 1.0 && h >= 1.0 && w <= MAX_RASTER_PX && h <= MAX_RASTER_PX) {
            return Ok(());
        }
        let bitmap: HtmlCanvasElement = match old {
            Some((_, c)) => c,
            None => self.doc.create_element("canvas")?.dyn_into()?,
        };
        bitmap.set_width(w as u32);
        bitmap.set_height(h as u32);
        let c = context(&bitmap)?;
        c.clear_rect(0.0, 0.0, w, h);
        if l.flip {
            c.translate(w, 0.0)?;
            c.scale(-1.0, 1.0)?;
        }
        c.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, w, h)?;
        self.rasters.insert(i, (key, bitmap));
        Ok(())
    }

    /// Whether the picture still lacks something: a fixed look the game asks for, or
    /// sharpness after a stretched frame.
    pub fn pending(&self, game: &Game) -> bool {
        self.stale || self.cache_key.is_some_and(|k| k.fixed != game.fixed_mask())
    }

    /// Paints one frame: the cached picture, then the marks of the current screen.
    pub fn paint(&mut self, v: &View) -> Result<(), JsValue> {
        let (w, h, dpr) = self.size;
        let ctx = self.ctx.clone();
        let Some(scene) = v.game.scene() else {
            ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            ctx.set_fill_style_str("#1d3557");
            ctx.fill_rect(0.0, 0.0, w, h);
            return Ok(());
        };
        let cam = *v.game.camera();
        self.stage = v.game.stage();
        let stage = self.stage;
        let fixed = match self.cache_key {
            Some(k) if v.defer_fixed_looks => k.fixed,
            _ => v.game.fixed_mask(),
        };
        let exact = self.ensure_cache(scene, v.sprites, &cam, fixed, v.moving)?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        match self.cache_key {
            Some(old) if !exact => {
                // The picture at its old scale, stretched to where the camera is now.
                ctx.set_fill_style_str(scene.stage_backdrop(stage));
                ctx.fill_rect(0.0, 0.0, w * dpr, h * dpr);
                let f = cam.scale() * dpr / old.scale;
                let o = cam.origin();
                let (x, y) = (o.x * dpr - old.origin.0 * f, o.y * dpr - old.origin.1 * f);
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                    &self.cache,
                    x,
                    y,
                    f64::from(self.cache.width()) * f,
                    f64::from(self.cache.height()) * f,
                )?;
                self.stale = true;
            }
            _ => {
                ctx.draw_image_with_html_canvas_element(&self.cache, 0.0, 0.0)?;
                self.stale = false;
            }
        }
        if let Some(k) = self.cache_key.filter(|k| !k.still) {
            let t_s = v.game.clock_ms() / 1000.0;
            self.paint_moving(scene, v.sprites, &snap(&cam, dpr), k.fixed, t_s, exact)?;
        }
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        if v.game.in_dark_view() {
            self.darkness(v.game, &cam)?;
        }

        let screen = v.game.screen();
        let round = v.game.round();
        let now = v.game.clock_ms();
        let cam = &cam;
        match screen {
            Screen::Title | Screen::Select | Screen::Help => {}
            Screen::Play | Screen::Card(_) | Screen::Decoy(_) | Screen::Question(_) => {
                if let Screen::Decoy(i) = screen {
                    self.region(scene.decoys[i].polygon(), cam, BLUE, true, false)?;
                }
                for (i, hz) in scene.hazards.iter().enumerate() {
                    if scene.hazard_stage(i) != stage {
                        continue;
                    }
                    let Some(t) = round.found_at[i] else { continue };
                    let current = screen == Screen::Card(i);
                    self.region(hz.polygon(), cam, GREEN, current, false)?;
                    self.badge(hz.polygon(), cam, GREEN, "✓")?;
                    let age = now - t;
                    if age < FIND_MS {
                        self.burst(cam.to_screen(hz.inside()), age / FIND_MS)?;
                    }
                }
                if stage == 0 && screen == Screen::Play {
                    self.entries(v.game, cam, now)?;
                }
                if let (Some(hint), Some((c, radius))) = (round.hint, v.game.hint_spot()) {
                    let age = now - hint.t;
                    self.hint(cam.to_screen(c), radius * cam.scale(), age)?;
                }
                for m in round.misses.iter().filter(|m| m.stage == stage) {
                    let age = now - m.t;
                    if (0.0..MISS_MS).contains(&age) {
                        self.miss(cam.to_screen(m.at), age / MISS_MS)?;
                    }
                }
            }
            Screen::Results => {
                // Every item of the round, marked by shape as well as colour: found
                // ✓ in a green circle, missed ! in an orange triangle, a decoy the
                // player tapped ? in a blue square. The same with every hazard put
                // right (the before/after switch): the outlines then show where each
                // fix is.
                for (i, hz) in scene.hazards.iter().enumerate() {
                    if scene.hazard_stage(i) != stage || !round.is_active(i) {
                        continue;
                    }
                    let found = round.is_found(i);
                    let colour = if found { GREEN } else { ORANGE };
                    let picked = v.game.selected() == Some(i);
                    self.region(hz.polygon(), cam, colour, picked, !found)?;
                    let at = cam.to_screen(game_::mark_point(hz.polygon()));
                    self.mark(at, if found { Mark::Found } else { Mark::Missed }, picked)?;
                }
                for i in round.decoys_tapped() {
                    if scene.decoy_stage(i) != stage {
                        continue;
                    }
                    let poly = scene.decoys[i].polygon();
                    self.region(poly, cam, BLUE, false, true)?;
                    self.mark(cam.to_screen(game_::mark_point(poly)), Mark::Decoy, false)?;
                }
            }
        }
        Ok(())
    }

    /// The dark of a view only a torch lights: black over the picture but for a soft
    /// circle of light where the pointer or finger is (the middle of the screen
    /// before it has been anywhere).
    fn darkness(&self, game: &Game, cam: &Camera) -> Result<(), JsValue> {
        let vp = cam.viewport;
        let at = game.torch().unwrap_or_else(|| vp.center());
        let r = torch_radius(vp);
        let c = &self.ctx;
        let g = c.create_radial_gradient(at.x, at.y, r * 0.15, at.x, at.y, r)?;
        g.add_color_stop(0.0, "rgba(255,236,190,0.0)")?;
        g.add_color_stop(0.55, "rgba(20,16,10,0.12)")?;
        g.add_color_stop(0.85, "rgba(6,6,8,0.8)")?;
        g.add_color_stop(1.0, "rgba(3,3,5,0.97)")?;
        c.save();
        c.set_fill_style_canvas_gradient(&g);
        c.fill_rect(vp.x, vp.y, vp.w, vp.h);
        // The rim of the beam.
        c.begin_path();
        c.arc(at.x, at.y, r * 0.97, 0.0, TAU)?;
        c.set_line_width(2.0);
        c.set_stroke_style_str("rgba(255,226,160,0.18)");
        c.stroke();
        c.restore();
        Ok(())
    }

    /// The marker of each view on the main picture: a dark disc with a light ring and
    /// a sign (a torch's beam for a shaft, an arrow down over an edge). A tap on it
    /// steps in; it gently pulses while the scene's motion is on.
    fn entries(&self, game: &Game, cam: &Camera, now: f64) -> Result<(), JsValue> {
        let Some(scene) = game.scene() else {
            return Ok(());
        };
        let c = &self.ctx;
        let r = crate::game::ENTRY_RADIUS_CSS;
        for v in &scene.views {
            let p = cam.to_screen(v.entry);
            if !cam.viewport.contains(p) {
                continue;
            }
            c.save();
            if self.motion() {
                let t = (now / 1600.0).fract();
                c.begin_path();
                c.arc(p.x, p.y, r + 4.0 + 14.0 * t, 0.0, TAU)?;
                c.set_global_alpha(0.8 * (1.0 - t));
                c.set_line_width(3.0);
                c.set_stroke_style_str(YELLOW);
                c.stroke();
                c.set_global_alpha(1.0);
            }
            c.begin_path();
            c.arc(p.x, p.y, r, 0.0, TAU)?;
            c.set_fill_style_str("#14213d");
            c.fill();
            c.set_line_width(4.0);
            c.set_stroke_style_str("#ffffff");
            c.stroke();
            c.set_fill_style_str(YELLOW);
            c.begin_path();
            match v.kind {
                crate::view::ViewKind::Shaft => {
                    // A torch and its beam, pointing down.
                    c.rect(p.x - 5.0, p.y - 15.0, 10.0, 10.0);
                    c.move_to(p.x - 5.0, p.y - 4.0);
                    c.line_to(p.x + 5.0, p.y - 4.0);
                    c.line_to(p.x + 13.0, p.y + 14.0);
                    c.line_to(p.x - 13.0, p.y + 14.0);
                    c.close_path();
                }
                crate::view::ViewKind::Edge => {
                    // An edge and an arrow down past it.
                    c.rect(p.x - 15.0, p.y - 13.0, 16.0, 5.0);
                    c.rect(p.x + 3.0, p.y - 15.0, 6.0, 16.0);
                    c.move_to(p.x - 2.0, p.y);
                    c.line_to(p.x + 14.0, p.y);
                    c.line_to(p.x + 6.0, p.y + 14.0);
                    c.close_path();
                }
            }
            c.fill();
            c.restore();
        }
        Ok(())
    }

    fn path(&self, poly: &[Point], cam: &Camera) {
        let c = &self.ctx;
        c.begin_path();
        for (k, p) in poly.iter().enumerate() {
            let s = cam.to_screen(*p);
            if k == 0 {
                c.move_to(s.x, s.y);
            } else {
                c.line_to(s.x, s.y);
            }
        }
        c.close_path();
    }

    /// Outlines a hazard region: a white halo under a coloured line, so it reads on
    /// light and dark art alike.
    fn region(
        &self,
        poly: &[Point],
        cam: &Camera,
        colour: &str,
        strong: bool,
        dashed: bool,
    ) -> Result<(), JsValue> {
        let c = &self.ctx;
        c.save();
        self.path(poly, cam);
        c.set_global_alpha(if strong { 0.3 } else { 0.16 });
        c.set_fill_style_str(colour);
        c.fill();
        c.set_global_alpha(1.0);
        c.set_line_join("round");
        c.set_line_width(if strong { 8.0 } else { 6.0 });
        c.set_stroke_style_str("rgba(255,255,255,0.9)");
        c.stroke();
        if dashed {
            c.set_line_dash(&dash(&[10.0, 7.0]))?;
        }
        c.set_line_width(if strong { 4.5 } else { 3.0 });
        c.set_stroke_style_str(colour);
        c.stroke();
        c.restore();
        Ok(())
    }

    /// A round badge at the top of a region with a mark or number.
    fn badge(
        &self,
        poly: &[Point],
        cam: &Camera,
        colour: &str,
        label: &str,
    ) -> Result<(), JsValue> {
        let b = geom::bounds(poly);
        let p = cam.to_screen(Point::new(b.x + b.w / 2.0, b.y));
        let r = 15.0;
        let c = &self.ctx;
        c.save();
        c.begin_path();
        c.arc(p.x, p.y, r + 2.5, 0.0, TAU)?;
        c.set_fill_style_str("#ffffff");
        c.fill();
        c.begin_path();
        c.arc(p.x, p.y, r, 0.0, TAU)?;
        c.set_fill_style_str(colour);
        c.fill();
        c.set_fill_style_str("#ffffff");
        c.set_font("bold 17px system-ui, sans-serif");
        c.set_text_align("center");
        c.set_text_baseline("middle");
        c.fill_text(label, p.x, p.y + 1.0)?;
        c.restore();
        Ok(())
    }

    /// A mark on the results picture, centred on `at`: a circle with ✓ (found), a
    /// triangle with ! (missed) or a rounded square with ? (a decoy tapped), each on
    /// a white rim; a picked one gets a yellow ring. Its size is [`MARK_CSS`], the
    /// reach of a tap that picks it.
    fn mark(&self, at: Point, kind: Mark, picked: bool) -> Result<(), JsValue> {
        let c = &self.ctx;
        let r = MARK_CSS - 2.5;
        c.save();
        c.translate(at.x, at.y)?;
        if picked {
            c.begin_path();
            c.arc(0.0, 0.0, MARK_CSS + 5.0, 0.0, TAU)?;
            c.set_line_width(4.0);
            c.set_stroke_style_str(YELLOW);
            c.stroke();
        }
        let shape = |grow: f64| -> Result<(), JsValue> {
            c.begin_path();
            match kind {
                Mark::Found => c.arc(0.0, 0.0, r + grow, 0.0, TAU)?,
                Mark::Missed => {
                    // An upright triangle around the same centre, a little taller than
                    // the circle so its inside has room for the "!".
                    let s = (r + grow) * 1.3;
                    c.move_to(0.0, -s);
                    c.line_to(s * 0.95, s * 0.62);
                    c.line_to(-s * 0.95, s * 0.62);
                    c.close_path();
                }
                Mark::Decoy => {
                    let s = (r + grow) * 0.92;
                    let k = 5.0 + grow;
                    c.move_to(-s + k, -s);
                    c.arc_to(s, -s, s, s, k)?;
                    c.arc_to(s, s, -s, s, k)?;
                    c.arc_to(-s, s, -s, -s, k)?;
                    c.arc_to(-s, -s, s, -s, k)?;
                    c.close_path();
                }
            }
            Ok(())
        };
        shape(2.5)?;
        c.set_line_join("round");
        c.set_fill_style_str("#ffffff");
        c.fill();
        c.set_line_width(2.5);
        c.set_stroke_style_str("#ffffff");
        c.stroke();
        shape(0.0)?;
        c.set_fill_style_str(match kind {
            Mark::Found => GREEN,
            Mark::Missed => ORANGE,
            Mark::Decoy => BLUE,
        });
        c.fill();
        c.set_stroke_style_str("#ffffff");
        c.set_fill_style_str("#ffffff");
        c.set_line_cap("round");
        match kind {
            Mark::Found => {
                c.begin_path();
                c.move_to(-6.5, 0.5);
                c.line_to(-2.0, 5.0);
                c.line_to(7.0, -5.0);
                c.set_line_width(3.5);
                c.stroke();
            }
            Mark::Missed => {
                c.begin_path();
                c.move_to(0.0, -7.0);
                c.line_to(0.0, 3.0);
                c.set_line_width(3.5);
                c.stroke();
                c.begin_path();
                c.arc(0.0, 8.5, 2.2, 0.0, TAU)?;
                c.fill();
            }
            Mark::Decoy => {
                c.set_font("bold 19px system-ui, sans-serif");
                c.set_text_align("center");
                c.set_text_baseline("middle");
                c.fill_text("?", 0.0, 1.5)?;
            }
        }
        c.restore();
        Ok(())
    }

    /// Expanding rings where a hazard was just found.
    fn burst(&self, at: Point, t: f64) -> Result<(), JsValue> {
        let c = &self.ctx;
        c.save();
        let ease = 1.0 - (1.0 - t).powi(3);
        for (k, colour) in [(0.0, GREEN), (0.25, "#ffffff")] {
            let tt = (ease - k).max(0.0);
            c.begin_path();
            c.arc(at.x, at.y, 12.0 + 70.0 * tt, 0.0, TAU)?;
            c.set_global_alpha((1.0 - t).max(0.0));
            c.set_line_width(5.0 * (1.0 - t) + 1.0);
            c.set_stroke_style_str(colour);
            c.stroke();
        }
        c.restore();
        Ok(())
    }

    /// A ring and a cross that fade where a tap found nothing.
    fn miss(&self, at: Point, t: f64) -> Result<(), JsValue> {
        let c = &self.ctx;
        c.save();
        c.set_global_alpha((1.0 - t).powf(1.5));
        let r = 16.0 + 10.0 * t;
        c.begin_path();
        c.arc(at.x, at.y, r, 0.0, TAU)?;
        c.set_line_width(6.0);
        c.set_stroke_style_str("rgba(255,255,255,0.9)");
        c.stroke();
        c.set_line_width(3.5);
        c.set_stroke_style_str(RED);
        c.stroke();
        let a = r * 0.45;
        c.begin_path();
        c.move_to(at.x - a, at.y - a);
        c.line_to(at.x + a, at.y + a);
        c.move_to(at.x + a, at.y - a);
        c.line_to(at.x - a, at.y + a);
        c.set_line_cap("round");
        c.stroke();
        c.restore();
        Ok(())
    }

    /// A glowing, slowly turning dashed circle around roughly where a hazard is.
    fn hint(&self, at: Point, radius: f64, age: f64) -> Result<(), JsValue> {
        let c = &self.ctx;
        let fade = (age / 300.0)
            .min(1.0)
            .min((HINT_MS - age) / 500.0)
            .clamp(0.0, 1.0);
        let pulse = 1.0 + 0.04 * (age / 180.0).sin();
        c.save();
        c.set_global_alpha(fade);
        c.begin_path();
        c.arc(at.x, at.y, radius * pulse, 0.0, TAU)?;
        c.set_fill_style_str("rgba(255,210,63,0.16)");
        c.fill();
        c.set_line_width(9.0);
        c.set_stroke_style_str("rgba(42,47,58,0.35)");
        c.stroke();
        c.set_line_dash(&dash(&[18.0, 12.0]))?;
        c.set_line_dash_offset(-age / 25.0);
        c.set_line_width(5.0);
        c.set_stroke_style_str(YELLOW);
        c.stroke();
        c.restore();
        Ok(())
    }
}

/// The three marks of the results picture.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Found,
    Missed,
    Decoy,
}

/// `cam` moved by less than a device pixel so that the scene's origin falls on a whole
/// device pixel.
fn snap(cam: &Camera, dpr: f64) -> Camera {
    let (s, o, c) = (cam.scale(), cam.origin(), cam.viewport.center());
    let ox = (o.x * dpr).round() / dpr;
    let oy = (o.y * dpr).round() / dpr;
    Camera {
        center: Point::new((c.x - ox) / s, (c.y - oy) / s),
        ..*cam
    }
}

fn dash(parts: &[f64]) -> JsValue {
    parts
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<js_sys::Array>()
        .into()
}

/// The torch's radius in CSS pixels for a view of this size: a fifth of its shorter
/// side, between 90 and 230 px (a fingertip's worth of light on a phone, a hand's on
/// a kiosk).
pub fn torch_radius(vp: Rect) -> f64 {
    (0.2 * vp.w.min(vp.h)).clamp(90.0, 230.0)
}

/// Whether anything on screen is moving, so the next frame must be painted.
pub fn animating(game: &Game) -> bool {
    let now = game.clock_ms();
    let r = game.round();
    game.hint_active()
        || r.misses.last().is_some_and(|m| now - m.t < MISS_MS)
        || r.found_at.iter().flatten().any(|t| now - t < FIND_MS)
}
