//! Painting the canvas: the scene picture (sprite layers, cached per camera) and the
//! marks on top (found hazards, misses, hints, results). Works in CSS pixels; the
//! backing store is CSS size × devicePixelRatio so the picture stays crisp, and the
//! cached picture is exactly the visible region, redrawn from the vector sprites when
//! the camera moves, so zooming in never magnifies a bitmap.

use super::load::Sprites;
use crate::camera::{self, Camera};
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
    /// A view's picture as a scene of its own (made once per view entered), so the
    /// picture cache paints it as it paints the main one.
    staged: Option<(u32, usize, std::rc::Rc<Scene>)>,
    ctx: CanvasRenderingContext2d,
    /// The scene picture as the camera shows it, the size of the backing store, so
    /// a frame only copies it and the marks go on top: the rings put together.
    cache: HtmlCanvasElement,
    cache_ctx: CanvasRenderingContext2d,
    /// What the cache shows; `None`: nothing yet, or forgotten.
    cache_key: Option<PictureKey>,
    /// The picture in parts that a pan moves by different amounts, back to front: a
    /// ring per run of layers at one depth behind the action plane, then one for the
    /// rest (see [`runs`]).
    rings: Vec<Ring>,
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
    /// The part of the cached picture (device pixels) the rings changed since it was
    /// put together: while the view moves, frames draw the rings straight onto the
    /// canvas, and the picture is put together once it rests.
    uncomposed: Option<Rect>,
    /// What the canvas shows now, when a frame drew it whole from the sharp picture:
    /// the next frame with nothing else changed redraws only where layers move.
    shown: Option<Shown>,
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
/// this changes.
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
    /// The moving layers are in the picture, at rest (motion is off).
    still: bool,
}

/// A part of the picture (a run of its layers, as the camera shows them) in a canvas
/// the size of the backing store that wraps round at its edges: screen pixel (x, y)
/// is kept at ((x + off.0) mod w, (y + off.1) mod h). A pan moves `off` and draws the
/// strips that came into view, so nothing is copied to move it.
struct Ring {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The buffer pixel that holds screen pixel (0, 0).
    off: (f64, f64),
    /// What it holds; `None`: nothing yet.
    key: Option<RingKey>,
    /// Where on screen it may have anything to show (whole device pixels): a ring
    /// between the first and the last holds only its layers, so only their box is
    /// copied onto the picture.
    content: Rect,
}

/// Everything that changes what a ring holds.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RingKey {
    generation: u32,
    /// Device pixels per scene unit.
    scale: f64,
    /// Where its layers have the scene's (0, 0), in whole device pixels (parallax
    /// included).
    origin: (f64, f64),
    px: (u32, u32),
    /// Which layers, in order ([`fingerprint`]).
    layers: u64,
    /// Which hazards show their fixed look (only the last ring holds fixed looks).
    fixed: u64,
    /// The first ring: it holds the backdrop, so the picture is opaque.
    bottom: bool,
}

/// A run of the picture's layers, cached in one ring.
struct Run<'a> {
    layers: Vec<&'a Layer>,
    /// All of them lie this far behind the action plane; `None` for the last run,
    /// the action plane (and any far layer drawn after a layer on it).
    depth: Option<f64>,
}

/// Splits the picture's layers (back to front) for the rings: each run of layers at
/// one depth behind the action plane that comes before every layer on it
/// ([`motion::depth_runs`]), then the rest.
fn runs<'a>(layers: &[&'a Layer]) -> Vec<Run<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (depth, n) in motion::depth_runs(layers.iter().map(|l| l.depth)) {
        out.push(Run {
            layers: layers[at..at + n].to_vec(),
            depth: Some(depth),
        });
        at += n;
    }
    out.push(Run {
        layers: layers[at..].to_vec(),
        depth: None,
    });
    out
}

/// Tells one list of layers from another (FNV-1a over where they live; the scene
/// does not change while its generation lasts).
fn fingerprint(layers: &[&Layer]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for l in layers {
        h ^= std::ptr::from_ref::<Layer>(l) as usize as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ layers.len() as u64
}

/// Whether a layer behind the action plane may be in `view` (scene units) wherever
/// the camera is: parallax may move it by up to its depth times half the scene.
fn parallax_in_view(layers: &[&Layer], scene: &Scene, view: Rect) -> bool {
    let (hw, hh) = (scene.size.w / 2.0, scene.size.h / 2.0);
    layers.iter().any(|l| {
        l.depth > 0.0 && {
            let (ex, ey) = (l.depth * hw, l.depth * hh);
            let r = l.rect();
            Rect::new(r.x - ex, r.y - ey, r.w + 2.0 * ex, r.h + 2.0 * ey).intersects(&view)
        }
    })
}

/// Where the layers land for one (snapped) camera, in device pixels.
struct Place {
    /// Device pixels per scene unit.
    scale: f64,
    /// Where the action plane has the scene's (0, 0) (whole device pixels).
    origin: (f64, f64),
    /// The camera: CSS pixels per unit, its origin in CSS pixels, what it looks at,
    /// the scene's middle, device pixels per CSS pixel.
    css_scale: f64,
    css_origin: Point,
    center: Point,
    middle: Point,
    dpr: f64,
    /// The scene's rectangle on screen, whole device pixels: the picture ends there.
    scene: Rect,
}

impl Place {
    fn new(scene: &Scene, cam: &Camera, dpr: f64) -> Place {
        let (s, o) = (cam.scale(), cam.origin());
        let origin = ((o.x * dpr).round(), (o.y * dpr).round());
        let scale = s * dpr;
        Place {
            scale,
            origin,
            css_scale: s,
            css_origin: o,
            center: cam.center,
            middle: scene.rect().center(),
            dpr,
            // Cut at whole device pixels, inside the scene: a clip and an image that
            // end in the same part of a pixel blend it differently when a strip holds
            // that pixel than when the picture is drawn whole (a seam along the edge).
            scene: Rect::new(
                origin.0,
                origin.1,
                (origin.0 + scene.size.w * scale).floor() - origin.0,
                (origin.1 + scene.size.h * scale).floor() - origin.1,
            ),
        }
    }

    /// Where layers at `depth` have the scene's (0, 0), in whole device pixels.
    fn origin_of(&self, depth: f64) -> (f64, f64) {
        if depth > 0.0 {
            motion::parallax_origin(
                depth,
                self.css_origin,
                self.css_scale,
                self.center,
                self.middle,
                self.dpr,
            )
        } else {
            self.origin
        }
    }
}

/// `r` grown to whole pixels.
fn outward(r: Rect) -> Rect {
    let (x0, y0) = (r.x.floor(), r.y.floor());
    Rect::new(x0, y0, r.right().ceil() - x0, r.bottom().ceil() - y0)
}

impl Ring {
    fn new(doc: &Document) -> Result<Ring, JsValue> {
        let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        let ctx = context(&canvas)?;
        Ok(Ring {
            canvas,
            ctx,
            off: (0.0, 0.0),
            key: None,
            content: Rect::new(0.0, 0.0, 0.0, 0.0),
        })
    }

    fn size(&self) -> (f64, f64) {
        (
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        )
    }

    /// Draws `run` inside the screen rectangle `r` (whole device pixels), after
    /// filling it with the backdrop (`bottom`) or clearing it.
    ///
    /// The picture ends at the scene's edges, which move with the action plane: the
    /// last run is cut there, and when rings lie behind it, it also holds the
    /// backdrop around the scene, covering their layers past the edges. The runs
    /// behind it are not cut (a pan moves them by other amounts than the edges).
    fn draw(
        &self,
        run: &Run,
        r: Rect,
        place: &Place,
        scene: &Scene,
        sprites: &Sprites,
        bottom: bool,
    ) -> Result<(), JsValue> {
        let c = &self.ctx;
        let last = run.depth.is_none();
        let edge = place.scene;
        c.set_image_smoothing_enabled(true);
        for (part, at) in camera::ring_pieces(r, self.off, self.size()) {
            // Screen pixels to where this part is kept.
            let (tx, ty) = (at.x - part.x, at.y - part.y);
            c.set_transform(1.0, 0.0, 0.0, 1.0, tx, ty)?;
            c.set_fill_style_str(&scene.backdrop);
            if bottom {
                c.fill_rect(part.x, part.y, part.w, part.h);
            } else {
                c.clear_rect(part.x, part.y, part.w, part.h);
                if last {
                    // The bands around the scene.
                    let (x0, y0) = (part.x.max(edge.x), part.y.max(edge.y));
                    let (x1, y1) = (
                        part.right().min(edge.right()),
                        part.bottom().min(edge.bottom()),
                    );
                    let band = |x: f64, y: f64, w: f64, h: f64| {
                        if w > 0.0 && h > 0.0 {
                            c.fill_rect(x, y, w, h);
                        }
                    };
                    band(part.x, part.y, part.w, y0 - part.y);
                    band(part.x, y1, part.w, part.bottom() - y1);
                    band(part.x, y0, x0 - part.x, y1 - y0);
                    band(x1, y0, part.right() - x1, y1 - y0);
                }
            }
            let clip = if last {
                part.intersection(&edge)
            } else {
                Some(part)
            };
            let Some(clip) = clip else {
                continue;
            };
            c.save();
            c.begin_path();
            c.rect(clip.x, clip.y, clip.w, clip.h);
            c.clip();
            let s = place.scale;
            for l in &run.layers {
                let (ox, oy) = place.origin_of(l.depth);
                let on_screen = Rect::new(ox + l.x * s, oy + l.y * s, l.w * s, l.h * s);
                if !on_screen.intersects(&clip) {
                    continue;
                }
                let Some(img) = sprites.get(&l.sprite) else {
                    continue;
                };
                c.set_transform(s, 0.0, 0.0, s, ox + tx, oy + ty)?;
                if l.flip {
                    c.translate(l.x + l.w, l.y)?;
                    c.scale(-1.0, 1.0)?;
                    c.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, l.w, l.h)?;
                } else {
                    c.draw_image_with_html_image_element_and_dw_and_dh(img, l.x, l.y, l.w, l.h)?;
                }
            }
            c.restore();
        }
        Ok(())
    }

    /// Copies the screen rectangle `r` (whole device pixels) onto `dst` at the same
    /// place (`dst` without a transform). Each piece is the whole canvas drawn under
    /// a clip: Chromium copies the part of a source rectangle first, which costs
    /// more than the copy itself.
    fn copy_to(&self, dst: &CanvasRenderingContext2d, r: Rect) -> Result<(), JsValue> {
        let Some(r) = r.intersection(&self.content) else {
            return Ok(());
        };
        for (part, at) in camera::ring_pieces(r, self.off, self.size()) {
            dst.save();
            dst.begin_path();
            dst.rect(part.x, part.y, part.w, part.h);
            dst.clip();
            dst.draw_image_with_html_canvas_element(&self.canvas, part.x - at.x, part.y - at.y)?;
            dst.restore();
        }
        Ok(())
    }
}

/// What a frame drew, for the next one.
struct Shown {
    sig: FrameSig,
    /// The moving layers as they are on the canvas.
    drawn: Vec<Posed>,
}

/// Everything besides the moving layers that a frame shows.
#[derive(Clone, Debug, PartialEq)]
struct FrameSig {
    picture: PictureKey,
    /// The marks follow the camera as it is (the picture, as snapped).
    center: Point,
    zoom: f64,
    viewport: Rect,
    screen: Screen,
    selected: Option<usize>,
    found: Vec<bool>,
    decoys: Vec<usize>,
}

/// A moving layer to draw: its index in the scene, its rectangle (parallax included),
/// its pose, and the box it covers on the canvas (whole device pixels, with two to
/// spare for smoothing; empty when it is off the canvas).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Posed {
    index: usize,
    rect: Rect,
    pose: motion::Pose,
    bbox: Rect,
}

/// A moving layer that moved less than this (device pixels) and changed its opacity
/// less than [`UNSEEN_ALPHA`] since it was drawn is left as it is on the canvas: an
/// idle frame draws only what changed enough to be seen (a slow sway moves a tenth of
/// a pixel a frame), so it touches less of the canvas, and the browser composites less.
const UNSEEN_PX: f64 = 0.5;
const UNSEEN_ALPHA: f64 = 0.02;

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

/// Draws `layers` so that the scene rectangle `view` fills `dest` (CSS pixels; give
/// both the same shape), clipped to `clip` (scene units), each where the scene file
/// puts it (no parallax). Layers outside the view are skipped. Needs no `Game`: the
/// picker's thumbnails and the minimap use it.
pub fn paint_layers(
    ctx: &CanvasRenderingContext2d,
    layers: &[&Layer],
    sprites: &Sprites,
    dest: Rect,
    view: Rect,
    clip: Rect,
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
        let r = layer.rect();
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
            cache,
            cache_ctx,
            cache_key: None,
            rings: Vec::new(),
            stage: 0,
            staged: None,
            stale: false,
            generation: 0,
            size: (0.0, 0.0, 0.0),
            uncomposed: None,
            shown: None,
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
        has && (on || self.cache_key.is_some_and(|k| k.still == on))
    }

    /// Subscriber: a new scene means the cached picture is stale.
    pub fn on_event(&mut self, ev: &Event) {
        if let Event::SceneLoaded { .. } | Event::ViewEntered { .. } | Event::ViewLeft { .. } = ev {
            // Another picture: moving layers are numbered within their picture.
            self.forget();
        }
    }

    /// Forgets the cached picture and moving layers (another picture, or new sprites
    /// arrived).
    pub fn forget(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.cache_key = None;
        self.shown = None;
        self.rasters.clear();
    }

    /// Matches the backing store to the canvas's CSS size; true when it changed.
    pub fn fit_backing_store(&mut self, css_w: f64, css_h: f64, dpr: f64) -> bool {
        if self.size == (css_w, css_h, dpr) {
            return false;
        }
        self.size = (css_w, css_h, dpr);
        // Sizing the canvas clears it.
        self.shown = None;
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
        let place = Place::new(scene, cam, dpr);
        let key = PictureKey {
            generation: self.generation,
            scale: place.scale,
            origin: place.origin,
            px: (self.canvas.width(), self.canvas.height()),
            fixed,
            still: !self.motion(),
        };
        if self.cache_key == Some(key) {
            return Ok(true);
        }
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
        let mut layers = scene.picture_layers(|i| i < 64 && fixed & (1 << i) != 0);
        if !key.still {
            // Moving layers are drawn over the picture each frame.
            layers.retain(|l| l.motion.is_none());
        }
        let runs = runs(&layers);
        while self.rings.len() < runs.len() {
            self.rings.push(Ring::new(&self.doc)?);
        }
        self.rings.truncate(runs.len());
        let (w, h) = (f64::from(key.px.0), f64::from(key.px.1));
        let screen = Rect::new(0.0, 0.0, w, h);
        let view = cam.visible_scene();
        // What changed in the picture: nothing, a part (device pixels), or all.
        let mut part: Option<Rect> = None;
        let mut whole = false;
        for (i, (run, ring)) in runs.iter().zip(self.rings.iter_mut()).enumerate() {
            let last = run.depth.is_none();
            let rk = RingKey {
                generation: self.generation,
                scale: key.scale,
                origin: place.origin_of(run.depth.unwrap_or(0.0)),
                px: key.px,
                layers: fingerprint(&run.layers),
                fixed: if last { fixed } else { 0 },
                bottom: i == 0,
            };
            ring.content = if i == 0 || last {
                screen
            } else {
                let (s, (ox, oy)) = (place.scale, rk.origin);
                run.layers
                    .iter()
                    .map(|l| outward(Rect::new(ox + l.x * s, oy + l.y * s, l.w * s, l.h * s)))
                    .reduce(|a, b| a.union(&b))
                    .and_then(|b| b.intersection(&screen))
                    .unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0))
            };
            if ring.key == Some(rk) {
                continue;
            }
            if (ring.canvas.width(), ring.canvas.height()) != key.px {
                ring.canvas.set_width(key.px.0);
                ring.canvas.set_height(key.px.1);
                ring.key = None;
            }
            let old = ring.key;
            ring.key = Some(rk);
            // Only the position changed (a pan): move the ring and draw the strips
            // that came into view. The last ring may hold a far layer drawn after one
            // on the action plane, at its own parallax: then only while none is in
            // view (else the whole ring is drawn again).
            let shift = old
                .filter(|old| {
                    RingKey {
                        origin: old.origin,
                        ..rk
                    } == *old
                })
                .map(|old| (rk.origin.0 - old.origin.0, rk.origin.1 - old.origin.1))
                .filter(|(dx, dy)| {
                    dx.abs() < w
                        && dy.abs() < h
                        && dx.fract() == 0.0
                        && dy.fract() == 0.0
                        && !(last && parallax_in_view(&run.layers, scene, view))
                });
            if let Some((dx, dy)) = shift {
                ring.off = (
                    (ring.off.0 - dx).rem_euclid(w),
                    (ring.off.1 - dy).rem_euclid(h),
                );
                for strip in camera::exposed_strips(dx, dy, w, h) {
                    ring.draw(run, strip, &place, scene, sprites, i == 0)?;
                }
                whole = true;
                continue;
            }
            // Only fixed looks changed (a find): redraw just the part they touch, so
            // the answer to a tap stays within a frame.
            let fixed_part = old
                .filter(|old| {
                    RingKey {
                        fixed: old.fixed,
                        layers: old.layers,
                        ..rk
                    } == *old
                })
                .map(|old| {
                    let changed = old.fixed ^ fixed;
                    (0..64)
                        .filter(|i| changed & (1 << i) != 0)
                        .filter_map(|i| scene.fixed_look_bounds(i))
                        .reduce(|a, b| a.union(&b))
                });
            match fixed_part {
                Some(None) => {} // nothing drawn differs
                Some(Some(dirty)) => {
                    let Some(p) = dirty.intersection(&scene.rect()) else {
                        continue;
                    };
                    // Whole pixels around the part, so no seam shows at its edge.
                    let (s, (ox, oy)) = (place.scale, place.origin);
                    let x0 = (ox + p.x * s).floor() - 1.0;
                    let y0 = (oy + p.y * s).floor() - 1.0;
                    let x1 = (ox + p.right() * s).ceil() + 1.0;
                    let y1 = (oy + p.bottom() * s).ceil() + 1.0;
                    let Some(b) = Rect::new(x0, y0, x1 - x0, y1 - y0).intersection(&screen) else {
                        continue;
                    };
                    ring.draw(run, b, &place, scene, sprites, i == 0)?;
                    part = Some(part.map_or(b, |p| p.union(&b)));
                }
                None => {
                    ring.off = (0.0, 0.0);
                    ring.draw(run, screen, &place, scene, sprites, i == 0)?;
                    whole = true;
                }
            }
        }
        if (self.cache.width(), self.cache.height()) != key.px {
            self.cache.set_width(key.px.0);
            self.cache.set_height(key.px.1);
            whole = true;
        }
        let dirty = if whole { Some(screen) } else { part };
        if let Some(r) = dirty {
            self.uncomposed = Some(self.uncomposed.map_or(r, |u| u.union(&r)));
        }
        self.cache_key = Some(key);
        Ok(true)
    }

    /// Brings the cached picture up to the rings: puts them together, back to front
    /// (the first is opaque), where they changed since.
    fn compose(&mut self) -> Result<(), JsValue> {
        if let Some(r) = self.uncomposed.take() {
            let c = &self.cache_ctx;
            c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
            for ring in &self.rings {
                ring.copy_to(c, r)?;
            }
        }
        Ok(())
    }

    /// The moving layers in view at time `t_s` (seconds), each moved for parallax
    /// and posed, unless a fixed look hides it.
    fn poses(&self, scene: &Scene, cam: &Camera, fixed: u64, t_s: f64) -> Vec<Posed> {
        if !scene.has_motion() {
            return Vec::new();
        }
        let dpr = self.size.2;
        let (s, o) = (cam.scale() * dpr, cam.origin());
        let (ox, oy) = (o.x * dpr, o.y * dpr);
        let canvas = Rect::new(
            0.0,
            0.0,
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        let shown = scene.picture_layers(|i| i < 64 && fixed & (1 << i) != 0);
        let view = cam.visible_scene();
        let middle = scene.rect().center();
        let mut out = Vec::new();
        for (index, l) in scene.layers.iter().enumerate() {
            let Some(m) = &l.motion else { continue };
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
            let b = pose.bounds(rect);
            let r = outward(Rect::new(ox + b.x * s, oy + b.y * s, b.w * s, b.h * s));
            let bbox = Rect::new(r.x - 2.0, r.y - 2.0, r.w + 4.0, r.h + 4.0)
                .intersection(&canvas)
                .unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0));
            out.push(Posed {
                index,
                rect,
                pose,
                bbox,
            });
        }
        out
    }

    /// An idle frame: what to draw, given the moving layers `now` and as the canvas
    /// shows them (`drawn`). A layer that changed too little to be seen keeps its
    /// place; the boxes where a layer changed are drawn again, and so is every layer
    /// that meets them (whole: the boxes grow to hold it). Returns the boxes (not
    /// overlapping) and the layers as the canvas will show them.
    fn idle_boxes(&self, now: &[Posed], drawn: &[Posed]) -> (Vec<Rect>, Vec<Posed>) {
        // Device pixels per scene unit.
        let s = self.cache_key.map_or(1.0, |k| k.scale);
        let mut dirty = Vec::new();
        let mut show = Vec::with_capacity(now.len());
        for p in now {
            match drawn.iter().find(|d| d.index == p.index) {
                Some(d)
                    if p.pose.moved(p.rect, &d.pose, d.rect) * s < UNSEEN_PX
                        && (p.pose.alpha - d.pose.alpha).abs() < UNSEEN_ALPHA =>
                {
                    show.push(*d);
                }
                Some(d) => {
                    dirty.extend([d.bbox, p.bbox]);
                    show.push(*p);
                }
                None => {
                    dirty.push(p.bbox);
                    show.push(*p);
                }
            }
        }
        // Layers gone from view (or faded out).
        for d in drawn {
            if !now.iter().any(|p| p.index == d.index) {
                dirty.push(d.bbox);
            }
        }
        let whole: Vec<Rect> = show.iter().map(|p| p.bbox).collect();
        let dirty = camera::grow_to_hold(dirty, &whole);
        (dirty, show)
    }

    /// Draws the posed moving layers over the picture, from a bitmap drawn once per
    /// scale (`sharp`: the view rests, so a bitmap at another scale is drawn again).
    fn paint_moving(
        &mut self,
        scene: &Scene,
        sprites: &Sprites,
        cam: &Camera,
        posed: impl Iterator<Item = Posed>,
        sharp: bool,
    ) -> Result<(), JsValue> {
        let dpr = self.size.2;
        let (s, o) = (cam.scale(), cam.origin());
        let key = RasterKey {
            generation: self.generation,
            scale: s * dpr,
        };
        let ctx = self.ctx.clone();
        for Posed {
            index: i,
            rect,
            pose,
            ..
        } in posed
        {
            let l = &scene.layers[i];
            let Some(m) = &l.motion else { continue };
            let stale = self.rasters.get(&i).is_none_or(|(k, _)| *k != key);
            if stale && (sharp || !self.rasters.contains_key(&i)) {
                self.raster(i, l, sprites, key)?;
            }
            ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            ctx.save();
            if !scene.rect().contains_rect(&m.reach(rect)) {
                // The picture ends at the scene's edge. On whole device pixels: a clip
                // with a soft edge costs a mask the size of the picture.
                let px = |v: f64| (v * dpr).round() / dpr;
                let (x0, y0) = (px(o.x), px(o.y));
                let (x1, y1) = (px(o.x + scene.size.w * s), px(o.y + scene.size.h * s));
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

    /// Paints one frame: the cached picture, the moving layers, then the marks of
    /// the current screen. When only the moving layers changed since the last frame,
    /// only the boxes where they were and are get drawn again.
    pub fn paint(&mut self, v: &View) -> Result<(), JsValue> {
        let (w, h, dpr) = self.size;
        let ctx = self.ctx.clone();
        let Some(scene) = v.game.scene() else {
            self.shown = None;
            ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            ctx.set_fill_style_str("#1d3557");
            ctx.fill_rect(0.0, 0.0, w, h);
            return Ok(());
        };
        let cam = *v.game.camera();
        let stage = v.game.stage();
        if stage != self.stage {
            self.stage = stage;
            self.forget();
        }
        // Inside a view, the picture is the view's: painted as a scene of its own.
        let staged;
        let pic: &Scene = if stage == 0 {
            scene
        } else {
            let fresh = self
                .staged
                .as_ref()
                .is_some_and(|(g, s, _)| *g == self.generation && *s == stage);
            if !fresh {
                let s = std::rc::Rc::new(scene.staged(stage));
                self.staged = Some((self.generation, stage, s));
            }
            staged = self.staged.as_ref().map(|(_, _, s)| s.clone());
            staged.as_deref().unwrap_or(scene)
        };
        let fixed = match self.cache_key {
            Some(k) if v.defer_fixed_looks => k.fixed,
            _ => v.game.fixed_mask(),
        };
        let exact = self.ensure_cache(pic, v.sprites, &cam, fixed, v.moving)?;
        let snapped = snap(&cam, dpr);
        let posed = match self.cache_key {
            Some(k) if !k.still => self.poses(pic, &snapped, k.fixed, v.game.clock_ms() / 1000.0),
            _ => Vec::new(),
        };
        let sig = self.cache_key.map(|picture| FrameSig {
            picture,
            center: cam.center,
            zoom: cam.zoom,
            viewport: cam.viewport,
            screen: v.game.screen(),
            selected: v.game.selected(),
            found: v
                .game
                .round()
                .found_at
                .iter()
                .map(Option::is_some)
                .collect(),
            decoys: v.game.round().decoys_tapped(),
        });
        let last = self.shown.take();
        let quiet = exact
            && !animating(v.game)
            && !v.game.in_dark_view()
            && last.as_ref().is_some_and(|s| Some(&s.sig) == sig.as_ref());
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        if let (true, Some(last)) = (quiet, last) {
            // Only the moving layers changed: put the picture back in the boxes
            // where they changed enough to be seen, draw them there, and the marks.
            let (dirty, drawn) = self.idle_boxes(&posed, &last.drawn);
            if !dirty.is_empty() {
                self.compose()?;
            }
            for r in &dirty {
                // The whole picture under a clip: copying a part of it costs more.
                ctx.save();
                ctx.begin_path();
                ctx.rect(r.x, r.y, r.w, r.h);
                ctx.clip();
                ctx.draw_image_with_html_canvas_element(&self.cache, 0.0, 0.0)?;
                ctx.restore();
            }
            let again = drawn
                .iter()
                .filter(|p| dirty.iter().any(|r| r.intersects(&p.bbox)))
                .copied();
            self.paint_moving(pic, v.sprites, &snapped, again, true)?;
            for r in &dirty {
                ctx.save();
                ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
                ctx.begin_path();
                ctx.rect(r.x, r.y, r.w, r.h);
                ctx.clip();
                ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                self.marks(v, scene, &cam)?;
                ctx.restore();
            }
            self.shown = sig.map(|sig| Shown { sig, drawn });
            return Ok(());
        } else {
            match self.cache_key {
                Some(old) if !exact => {
                    // The picture at its old scale, stretched to where the camera is now.
                    self.compose()?;
                    ctx.set_fill_style_str(&pic.backdrop);
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
                _ if v.moving && self.uncomposed.is_some() => {
                    // A pan: the rings straight onto the canvas (copying them into the
                    // picture first would cost one more copy of the screen a frame).
                    let all = Rect::new(
                        0.0,
                        0.0,
                        f64::from(self.canvas.width()),
                        f64::from(self.canvas.height()),
                    );
                    for ring in &self.rings {
                        ring.copy_to(&ctx, all)?;
                    }
                    self.stale = false;
                }
                _ => {
                    self.compose()?;
                    ctx.draw_image_with_html_canvas_element(&self.cache, 0.0, 0.0)?;
                    self.stale = false;
                }
            }
            self.paint_moving(pic, v.sprites, &snapped, posed.iter().copied(), exact)?;
            ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            if v.game.in_dark_view() {
                self.darkness(v.game, &cam)?;
            }
            self.marks(v, scene, &cam)?;
        }
        if let (true, Some(sig)) = (exact, sig) {
            self.shown = Some(Shown { sig, drawn: posed });
        }
        Ok(())
    }

    /// The marks of the current screen (found hazards, a hint, misses, the results),
    /// drawn with the canvas in CSS pixels.
    fn marks(&self, v: &View, scene: &Scene, cam: &Camera) -> Result<(), JsValue> {
        let screen = v.game.screen();
        let round = v.game.round();
        let now = v.game.clock_ms();
        let stage = v.game.stage();
        match screen {
            Screen::Title | Screen::Select | Screen::Help => {}
            Screen::Play | Screen::Card(_) | Screen::Decoy(_) | Screen::Question(_) => {
                if let Screen::Decoy(i) = screen {
                    self.region(scene.decoys[i].polygon(), cam, BLUE, true, false)?;
                }
                // `?answers=show` (a teacher's demonstration): every hazard not yet
                // found is outlined, dashed, as the results outline the missed ones.
                if v.game.showing_answers() {
                    for (i, hz) in scene.hazards.iter().enumerate() {
                        if scene.hazard_stage(i) == stage
                            && round.is_active(i)
                            && !round.is_found(i)
                        {
                            self.region(hz.polygon(), cam, ORANGE, false, true)?;
                        }
                    }
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
                    self.entries(v.game, cam)?;
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
    /// steps in.
    fn entries(&self, game: &Game, cam: &Camera) -> Result<(), JsValue> {
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
            // A yellow ring around it, so it reads on any picture.
            c.begin_path();
            c.arc(p.x, p.y, r + 4.0, 0.0, TAU)?;
            c.set_line_width(3.0);
            c.set_stroke_style_str(YELLOW);
            c.stroke();
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
