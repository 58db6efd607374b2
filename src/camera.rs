//! Where the scene sits on the screen. The camera maps scene units to CSS pixels and
//! back; the web layer multiplies by devicePixelRatio only when it paints.
//!
//! The player's view is state of its own: a zoom (1 = the whole scene fits the
//! viewport) and the scene point at the centre of the viewport. A resize keeps both,
//! so a player who zoomed in on a corner is still looking at it after the window
//! changes shape; fitting the scene to the box is only where the view starts.

use crate::geom::{Point, Rect};
use crate::scene::Size;

/// Closest the player can get: four times the fitted scale, or more on a screen of
/// another shape (see [`Camera::max_zoom`]).
pub const MAX_ZOOM: f64 = 4.0;
/// On a screen of another shape the player may zoom this far past filling it.
pub const PAST_COVER: f64 = 2.5;
/// Never closer than this, whatever the shapes.
pub const ZOOM_CEILING: f64 = 16.0;
/// Furthest out: the whole scene fits the viewport.
pub const MIN_ZOOM: f64 = 1.0;

/// How long a fling keeps half its speed, in ms (an exponential glide).
pub const GLIDE_MS: f64 = 325.0;
/// How quickly an animated move approaches its goal (time constant, ms).
pub const SETTLE_MS: f64 = 160.0;

/// An animated move of the view, after `delay_ms`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    pub zoom: f64,
    pub center: Point,
    pub delay_ms: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The part of the page the scene may use, in CSS pixels.
    pub viewport: Rect,
    /// Size of the scene in scene units.
    pub scene: Size,
    /// How far the player zoomed in, over the fitted scale (`MIN_ZOOM..=MAX_ZOOM`).
    pub zoom: f64,
    /// The scene point shown at the centre of the viewport.
    pub center: Point,
    /// Gliding after a fling: CSS pixels per ms the picture still moves.
    pub velocity: (f64, f64),
    /// An animated move in progress.
    pub goal: Option<Goal>,
}

impl Camera {
    /// The whole scene fitted into `viewport` and centred: where every view starts.
    pub fn fit(scene: Size, viewport: Rect) -> Camera {
        let scene = if scene.w > 0.0 && scene.h > 0.0 {
            scene
        } else {
            Size { w: 1.0, h: 1.0 }
        };
        Camera {
            viewport,
            scene,
            zoom: MIN_ZOOM,
            center: Point::new(scene.w / 2.0, scene.h / 2.0),
            velocity: (0.0, 0.0),
            goal: None,
        }
    }

    /// The zoom at which the scene fills the viewport both ways (a portrait phone:
    /// the scene fills the height; a tall scene on a wide screen: the width).
    pub fn cover_zoom(&self) -> f64 {
        let cover = (self.viewport.w / self.scene.w).max(self.viewport.h / self.scene.h);
        (cover / self.fit_scale()).clamp(MIN_ZOOM, ZOOM_CEILING)
    }

    /// The closest zoom allowed: [`MAX_ZOOM`], or further on a phone, where filling
    /// the screen already takes more.
    pub fn max_zoom(&self) -> f64 {
        MAX_ZOOM
            .max(self.cover_zoom() * PAST_COVER)
            .min(ZOOM_CEILING)
    }

    /// Where a round rests: the whole scene, or, when that leaves much of the screen
    /// empty, the zoom that fills it.
    pub fn home_zoom(&self, settle_above: f64) -> f64 {
        let cover = self.cover_zoom();
        if cover >= settle_above {
            cover
        } else {
            MIN_ZOOM
        }
    }

    /// Whether the view is still moving by itself (gliding or animating).
    pub fn is_moving(&self) -> bool {
        self.goal.is_some() || self.velocity != (0.0, 0.0)
    }

    /// Lets go of a drag still moving at (vx, vy) CSS px/ms: the picture glides on.
    pub fn fling(&mut self, vx: f64, vy: f64) {
        if vx.is_finite() && vy.is_finite() {
            // A hand can fling fast; a picture flying off is no help.
            let cap = |v: f64| v.clamp(-4.0, 4.0);
            self.velocity = (cap(vx), cap(vy));
            self.goal = None;
        }
    }

    /// Moves to `zoom` with `center` in the middle, smoothly, after `delay_ms`.
    pub fn animate_to(&mut self, zoom: f64, center: Point, delay_ms: f64) {
        if zoom.is_finite() && center.x.is_finite() && center.y.is_finite() {
            self.velocity = (0.0, 0.0);
            self.goal = Some(Goal {
                zoom: zoom.clamp(MIN_ZOOM, self.max_zoom()),
                center,
                delay_ms: delay_ms.max(0.0),
            });
        }
    }

    /// Stops any glide or animation where the view is now.
    pub fn stop(&mut self) {
        self.velocity = (0.0, 0.0);
        self.goal = None;
    }

    /// Advances a glide or an animated move by `dt` ms.
    pub fn step(&mut self, dt: f64) {
        if !(dt.is_finite() && dt > 0.0) {
            return;
        }
        if let Some(mut g) = self.goal {
            if g.delay_ms > 0.0 {
                g.delay_ms -= dt;
                self.goal = Some(g);
                return;
            }
            let k = 1.0 - (-dt / SETTLE_MS).exp();
            self.zoom += (g.zoom - self.zoom) * k;
            self.center = Point::new(
                self.center.x + (g.center.x - self.center.x) * k,
                self.center.y + (g.center.y - self.center.y) * k,
            );
            let before = self.center;
            self.clamp();
            let close = (self.zoom - g.zoom).abs() < 0.002
                && (self.to_screen(g.center).distance(self.viewport.center()) < 0.5
                    || before != self.center);
            if close {
                self.zoom = g.zoom;
                self.center = g.center;
                self.clamp();
                self.goal = None;
            }
            return;
        }
        let (vx, vy) = self.velocity;
        if (vx, vy) == (0.0, 0.0) {
            return;
        }
        let before = self.center;
        self.pan_by(vx * dt, vy * dt);
        let decay = (-dt / GLIDE_MS).exp();
        let (mut vx, mut vy) = (vx * decay, vy * decay);
        // An edge stops the glide along its axis.
        if self.center.x == before.x {
            vx = 0.0;
        }
        if self.center.y == before.y {
            vy = 0.0;
        }
        if vx.hypot(vy) < 0.01 {
            (vx, vy) = (0.0, 0.0);
        }
        self.velocity = (vx, vy);
    }

    /// CSS pixels per scene unit at zoom 1: the whole scene fits.
    pub fn fit_scale(&self) -> f64 {
        (self.viewport.w / self.scene.w)
            .min(self.viewport.h / self.scene.h)
            .max(1e-6)
    }

    /// CSS pixels per scene unit now.
    pub fn scale(&self) -> f64 {
        self.fit_scale() * self.zoom
    }

    /// Where the scene's (0, 0) lands, in CSS pixels.
    pub fn origin(&self) -> Point {
        let s = self.scale();
        let c = self.viewport.center();
        Point::new(c.x - self.center.x * s, c.y - self.center.y * s)
    }

    /// CSS pixels → scene units.
    pub fn to_scene(&self, p: Point) -> Point {
        let (s, o) = (self.scale(), self.origin());
        Point::new((p.x - o.x) / s, (p.y - o.y) / s)
    }

    /// Scene units → CSS pixels.
    pub fn to_screen(&self, p: Point) -> Point {
        let (s, o) = (self.scale(), self.origin());
        Point::new(o.x + p.x * s, o.y + p.y * s)
    }

    /// A distance in CSS pixels expressed in scene units.
    pub fn css_to_scene_len(&self, css: f64) -> f64 {
        css / self.scale()
    }

    /// The scene rectangle on screen.
    pub fn scene_on_screen(&self) -> Rect {
        let (s, o) = (self.scale(), self.origin());
        Rect::new(o.x, o.y, self.scene.w * s, self.scene.h * s)
    }

    /// The part of the scene the viewport shows, in scene units (may reach past the
    /// scene's edges where the scene is smaller than the viewport).
    pub fn visible_scene(&self) -> Rect {
        let a = self.to_scene(Point::new(self.viewport.x, self.viewport.y));
        let s = self.scale();
        Rect::new(a.x, a.y, self.viewport.w / s, self.viewport.h / s)
    }

    /// Whether a CSS point lies inside the viewport.
    pub fn shows(&self, css: Point) -> bool {
        self.viewport.contains(css)
    }

    /// The page gave the scene another box: keep the zoom and the point at the
    /// centre, then keep the view inside the scene.
    pub fn resize(&mut self, viewport: Rect) {
        self.viewport = viewport;
        self.clamp();
    }

    /// Drags the picture by (dx, dy) CSS pixels: the scene moves with the finger.
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        let s = self.scale();
        self.center = Point::new(self.center.x - dx / s, self.center.y - dy / s);
        self.clamp();
    }

    /// Zooms by `factor` keeping the scene point under `at` (CSS pixels) in place.
    pub fn zoom_at(&mut self, at: Point, factor: f64) {
        if !(factor.is_finite() && factor > 0.0 && at.x.is_finite() && at.y.is_finite()) {
            return;
        }
        let anchor = self.to_scene(at);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, self.max_zoom());
        // Put `anchor` back under `at`.
        let s = self.scale();
        let c = self.viewport.center();
        self.center = Point::new(anchor.x - (at.x - c.x) / s, anchor.y - (at.y - c.y) / s);
        self.clamp();
    }

    /// Back to the whole scene.
    pub fn reset(&mut self) {
        *self = Camera::fit(self.scene, self.viewport);
    }

    /// The pan, in CSS pixels, that brings scene point `p` to the middle of the view
    /// (as far as the scene's edges allow).
    pub fn pan_to_center(&self, p: Point) -> (f64, f64) {
        let at = self.to_screen(p);
        let c = self.viewport.center();
        (c.x - at.x, c.y - at.y)
    }

    /// Keeps the zoom in range and the view on the scene: along an axis where the
    /// scene is larger than the viewport no empty margin shows; along one where it
    /// is smaller the scene is centred.
    pub fn clamp(&mut self) {
        if !self.zoom.is_finite() {
            self.zoom = MIN_ZOOM;
        }
        self.zoom = self.zoom.clamp(MIN_ZOOM, self.max_zoom());
        let s = self.scale();
        let axis = |c: f64, scene: f64, view: f64| {
            let half = view / s / 2.0;
            if !c.is_finite() || scene <= 2.0 * half {
                scene / 2.0
            } else {
                c.clamp(half, scene - half)
            }
        };
        self.center = Point::new(
            axis(self.center.x, self.scene.w, self.viewport.w),
            axis(self.center.y, self.scene.h, self.viewport.h),
        );
    }
}

// Bookkeeping of a cached picture on screen, in whole device pixels (the painter keeps
// the picture in canvases the size of the screen and moves it rather than redraw it).

/// The parts of a `w` × `h` picture that a shift by (`dx`, `dy`) whole pixels brings
/// into view (moved right by `dx`, it shows new pixels along its left edge): at most
/// two strips, which do not overlap. None when nothing moved; the whole picture when
/// it moved by its size or more.
pub fn exposed_strips(dx: f64, dy: f64, w: f64, h: f64) -> Vec<Rect> {
    if dx.abs() >= w || dy.abs() >= h {
        return vec![Rect::new(0.0, 0.0, w, h)];
    }
    let mut out = Vec::with_capacity(2);
    // Whole columns first, then the rows between them.
    let (x0, x1) = if dx > 0.0 {
        out.push(Rect::new(0.0, 0.0, dx, h));
        (dx, w)
    } else if dx < 0.0 {
        out.push(Rect::new(w + dx, 0.0, -dx, h));
        (0.0, w + dx)
    } else {
        (0.0, w)
    };
    if dy > 0.0 {
        out.push(Rect::new(x0, 0.0, x1 - x0, dy));
    } else if dy < 0.0 {
        out.push(Rect::new(x0, h + dy, x1 - x0, -dy));
    }
    out
}

/// Where the screen rectangle `r` lies in a ring buffer the size of the screen
/// (`size`, whole pixels) that stores screen pixel (0, 0) at `off` and wraps round at
/// its edges: up to four pieces, each the part of `r` (screen pixels) and the buffer
/// pixel where that part starts. The part of `r` outside the screen is left out.
pub fn ring_pieces(r: Rect, off: (f64, f64), size: (f64, f64)) -> Vec<(Rect, Point)> {
    let (w, h) = size;
    let Some(r) = r.intersection(&Rect::new(0.0, 0.0, w, h)) else {
        return Vec::new();
    };
    // One axis: the spans of [a, b) and where each starts in the buffer.
    let split = |a: f64, b: f64, off: f64, n: f64| {
        let start = (a + off).rem_euclid(n);
        let wrap = a + (n - start); // the screen coordinate stored at buffer 0
        if wrap < b {
            vec![(a, wrap, start), (wrap, b, 0.0)]
        } else {
            vec![(a, b, start)]
        }
    };
    let mut out = Vec::with_capacity(4);
    for (y0, y1, by) in split(r.y, r.bottom(), off.1, h) {
        for &(x0, x1, bx) in &split(r.x, r.right(), off.0, w) {
            out.push((Rect::new(x0, y0, x1 - x0, y1 - y0), Point::new(bx, by)));
        }
    }
    out
}

/// `rects` with every overlapping pair replaced by the box holding both, until none
/// overlap, so drawing once inside each draws every covered point exactly once.
pub fn merge_overlapping(mut rects: Vec<Rect>) -> Vec<Rect> {
    rects.retain(|r| r.w > 0.0 && r.h > 0.0);
    let mut i = 0;
    while i < rects.len() {
        let overlap = (0..rects.len()).find(|&j| j != i && rects[i].intersects(&rects[j]));
        match overlap {
            Some(j) => {
                let merged = rects[i].union(&rects[j]);
                let (a, b) = (i.min(j), i.max(j));
                rects.swap_remove(b);
                rects[a] = merged;
                // The bigger box may now meet boxes already passed: look again.
                i = 0;
            }
            None => i += 1,
        }
    }
    rects
}

/// The boxes to redraw, given the boxes where something changed (`dirty`) and the
/// boxes of things drawn whole over the picture (`whole`): `dirty` merged so that
/// none overlap ([`merge_overlapping`]), and grown until every box of `whole` that
/// meets one lies inside one, so each thing is either drawn again whole or not at all.
pub fn grow_to_hold(dirty: Vec<Rect>, whole: &[Rect]) -> Vec<Rect> {
    let mut dirty = merge_overlapping(dirty);
    loop {
        let meets: Vec<Rect> = whole
            .iter()
            .filter(|b| dirty.iter().any(|r| r.intersects(b)))
            .filter(|b| !dirty.iter().any(|r| r.contains_rect(b)))
            .copied()
            .collect();
        if meets.is_empty() {
            return dirty;
        }
        dirty.extend(meets);
        dirty = merge_overlapping(dirty);
    }
}
