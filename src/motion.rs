//! Life and depth, as plain maths: a layer's ambient motion (a pure function of time
//! to a small transform and an opacity) and its parallax (a pure function of where
//! the camera looks). The painter only applies what these return; `cargo test` checks
//! that every motion repeats, stays within its reach and is still when motion is off.

use crate::geom::{Point, Rect};
use serde::{Deserialize, Serialize};
use std::f64::consts::{PI, TAU};

/// Limits on motion, checked by [`crate::scene::Scene::validate`].
pub mod limits {
    /// Most layers with a `motion` in one scene (each is drawn every frame).
    pub const MAX_ANIMATED: usize = 12;
    /// Shortest and longest period, in seconds.
    pub const MIN_PERIOD_S: f64 = 0.5;
    pub const MAX_PERIOD_S: f64 = 120.0;
    /// Largest `phase_s`, in seconds.
    pub const MAX_PHASE_S: f64 = 3600.0;
    /// Largest sway of a background layer, in degrees.
    pub const MAX_SWAY_DEG: f64 = 15.0;
    /// Largest bob of a background layer, in scene units.
    pub const MAX_BOB: f64 = 60.0;
    /// Deepest flicker of a background layer (the opacity never falls below 1 − this).
    pub const MAX_FLICKER: f64 = 0.6;
    /// A layer a hazard or decoy names may only move this little: it must stay where
    /// its region is. Sway in degrees, bob in scene units, flicker in opacity; it may
    /// not drift or rise.
    pub const TINY_SWAY_DEG: f64 = 2.0;
    pub const TINY_BOB: f64 = 4.0;
    pub const TINY_FLICKER: f64 = 0.2;
}

/// How a layer moves.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MotionKind {
    /// Turns to and fro about `pivot` by up to `amount` degrees (a flag, a rope, a
    /// tree, a worker shifting weight).
    Sway,
    /// Moves up and down by up to `amount` scene units (something floating, breathing).
    Bob,
    /// Travels `amount` scene units to the right (left if negative) once a period,
    /// fading in and out at the ends, then starts again (birds crossing the sky).
    Drift,
    /// Travels `amount` scene units upwards once a period, fading in and out (steam,
    /// smoke).
    Rise,
    /// Its opacity dips irregularly by up to `amount` (0–1) (a flickering lamp).
    Flicker,
}

impl MotionKind {
    /// Its name in a scene file.
    pub fn name(self) -> &'static str {
        match self {
            MotionKind::Sway => "sway",
            MotionKind::Bob => "bob",
            MotionKind::Drift => "drift",
            MotionKind::Rise => "rise",
            MotionKind::Flicker => "flicker",
        }
    }
}

/// Quiet ambient motion of one layer (format v2, optional).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    pub kind: MotionKind,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "How much: degrees for sway, scene units for bob, drift and rise, opacity (0–1) for flicker."
        )
    )]
    pub amount: f64,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Seconds for one full cycle.",
            range(min = limits::MIN_PERIOD_S, max = limits::MAX_PERIOD_S)
        )
    )]
    pub period_s: f64,
    /// The point a sway turns about, as fractions of the layer's box: `[0, 0]` its top
    /// left, `[1, 1]` its bottom right. Default `[0.5, 1]`, the bottom centre, where a
    /// standing sprite meets the ground.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pivot: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Seconds into the cycle at time 0, so layers with the same period do not move in step.",
            range(min = 0, max = limits::MAX_PHASE_S)
        )
    )]
    pub phase_s: f64,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// Where and how a moving layer is drawn at one moment: moved by (dx, dy) scene units,
/// then turned by `angle` radians about `pivot` (scene units), at opacity `alpha`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pose {
    pub dx: f64,
    pub dy: f64,
    pub angle: f64,
    pub pivot: Point,
    pub alpha: f64,
}

impl Pose {
    /// The layer as the scene file places it.
    pub fn rest(rect: Rect) -> Pose {
        Pose {
            dx: 0.0,
            dy: 0.0,
            angle: 0.0,
            pivot: Point::new(rect.x + rect.w / 2.0, rect.bottom()),
            alpha: 1.0,
        }
    }

    /// Whether drawing with this pose changes nothing.
    pub fn is_rest(&self) -> bool {
        self.dx == 0.0 && self.dy == 0.0 && self.angle == 0.0 && self.alpha == 1.0
    }

    /// The corners of a layer in `rect` drawn with this pose (moved, then turned about
    /// the pivot): top left, top right, bottom left, bottom right.
    pub fn corners(&self, rect: Rect) -> [Point; 4] {
        let (s, c) = self.angle.sin_cos();
        let p = self.pivot;
        let turned = |x: f64, y: f64| {
            let (x, y) = (x + self.dx - p.x, y + self.dy - p.y);
            Point::new(p.x + x * c - y * s, p.y + x * s + y * c)
        };
        [
            turned(rect.x, rect.y),
            turned(rect.right(), rect.y),
            turned(rect.x, rect.bottom()),
            turned(rect.right(), rect.bottom()),
        ]
    }

    /// The box that holds a layer in `rect` drawn with this pose, so a frame can
    /// redraw just where a moving layer was and is.
    pub fn bounds(&self, rect: Rect) -> Rect {
        let [a, b, c, d] = self.corners(rect);
        let (x0, y0) = (
            a.x.min(b.x).min(c.x).min(d.x),
            a.y.min(b.y).min(c.y).min(d.y),
        );
        let (x1, y1) = (
            a.x.max(b.x).max(c.x).max(d.x),
            a.y.max(b.y).max(c.y).max(d.y),
        );
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// How far (scene units) any corner of a layer lies from where it is drawn in
    /// `rect` with this pose to where it is drawn in `other_rect` with `other`: with
    /// the opacity, it tells a painter whether the layer changed enough to be seen.
    pub fn moved(&self, rect: Rect, other: &Pose, other_rect: Rect) -> f64 {
        self.corners(rect)
            .iter()
            .zip(other.corners(other_rect))
            .map(|(a, b)| a.distance(b))
            .fold(0.0, f64::max)
    }
}

impl Motion {
    /// The pivot in scene units, for a layer in `rect`.
    pub fn pivot_point(&self, rect: Rect) -> Point {
        let [fx, fy] = self.pivot.unwrap_or([0.5, 1.0]);
        Point::new(rect.x + fx * rect.w, rect.y + fy * rect.h)
    }

    /// How far through its cycle the motion is at `t_s` seconds, in `0..1`.
    pub fn phase(&self, t_s: f64) -> f64 {
        let u = ((t_s + self.phase_s) / self.period_s).rem_euclid(1.0);
        if u.is_finite() {
            u
        } else {
            0.0
        }
    }

    /// The pose at `t_s` seconds of a layer in `rect`. With `on` false (reduced
    /// motion) and for any time or motion that is not a finite number, the layer rests.
    pub fn pose(&self, rect: Rect, t_s: f64, on: bool) -> Pose {
        let rest = Pose::rest(rect);
        let sane = [self.amount, self.period_s, self.phase_s, t_s]
            .iter()
            .all(|v| v.is_finite())
            && self.period_s > 0.0;
        if !on || !sane {
            return rest;
        }
        let u = self.phase(t_s);
        let wave = (TAU * u).sin();
        // Fades in over the first tenth of a trip and out over the last.
        let ends = (u / 0.1).min((1.0 - u) / 0.1).clamp(0.0, 1.0);
        match self.kind {
            MotionKind::Sway => Pose {
                angle: self.amount.to_radians() * wave,
                pivot: self.pivot_point(rect),
                ..rest
            },
            MotionKind::Bob => Pose {
                dy: -self.amount * wave,
                ..rest
            },
            MotionKind::Drift => Pose {
                dx: self.amount * u,
                alpha: ends,
                ..rest
            },
            MotionKind::Rise => Pose {
                dy: -self.amount * u,
                alpha: (PI * u).sin().clamp(0.0, 1.0),
                ..rest
            },
            MotionKind::Flicker => Pose {
                alpha: 1.0 - self.amount.clamp(0.0, 1.0) * flicker(u),
                ..rest
            },
        }
    }

    /// Every point the layer in `rect` covers while it moves lies in this box.
    pub fn reach(&self, rect: Rect) -> Rect {
        let a = self.amount.abs();
        match self.kind {
            MotionKind::Sway => {
                let p = self.pivot_point(rect);
                let r = [
                    Point::new(rect.x, rect.y),
                    Point::new(rect.right(), rect.y),
                    Point::new(rect.x, rect.bottom()),
                    Point::new(rect.right(), rect.bottom()),
                ]
                .iter()
                .map(|c| c.distance(p))
                .fold(0.0, f64::max);
                // A point turned by θ moves along an arc no longer than r·θ.
                let m = r * a.to_radians().min(PI);
                Rect::new(rect.x - m, rect.y - m, rect.w + 2.0 * m, rect.h + 2.0 * m)
            }
            MotionKind::Bob => Rect::new(rect.x, rect.y - a, rect.w, rect.h + 2.0 * a),
            MotionKind::Drift => rect.union(&Rect {
                x: rect.x + self.amount,
                ..rect
            }),
            MotionKind::Rise => rect.union(&Rect {
                y: rect.y - self.amount,
                ..rect
            }),
            MotionKind::Flicker => rect,
        }
    }
}

/// An irregular-looking dip in `0..=1` that repeats exactly once per cycle: a few
/// whole harmonics, mostly near 0 with short dips.
pub fn flicker(u: f64) -> f64 {
    let x = TAU * u;
    let s = 0.55 * x.sin() + 0.3 * (5.0 * x + 1.0).sin() + 0.15 * (13.0 * x + 2.0).sin();
    // s is in -1..=1; only its upper part dips the light.
    ((s - 0.2) / 0.8).clamp(0.0, 1.0)
}

/// How far a layer at `depth` (0 on the action plane, 1 infinitely far) is moved, in
/// scene units, when the camera looks at `center` of a scene whose middle is `middle`:
/// it follows the camera by `depth` of the way, so on screen it moves `1 − depth` as
/// fast as the action plane. Looking at the middle (the whole scene, unzoomed) moves
/// nothing, so the picture the scene file describes is the one seen at rest.
pub fn parallax(depth: f64, center: Point, middle: Point) -> (f64, f64) {
    if !(depth.is_finite() && depth > 0.0 && center.x.is_finite() && center.y.is_finite()) {
        return (0.0, 0.0);
    }
    let d = depth.min(1.0);
    ((center.x - middle.x) * d, (center.y - middle.y) * d)
}

/// Where a layer at `depth` has the scene's (0, 0) on screen, in whole device pixels,
/// for a camera whose action plane has it at `origin` (CSS pixels) at `scale` CSS
/// pixels per scene unit, looking at `center` of a scene whose middle is `middle`, on
/// a screen of `dpr` device pixels per CSS pixel: the origin moved by the layer's
/// [`parallax`], then put on the pixel grid. Every layer at one depth shares it, so a
/// picture of them can be shifted by whole pixels when the camera pans, and drawn in
/// parts that meet without a seam.
pub fn parallax_origin(
    depth: f64,
    origin: Point,
    scale: f64,
    center: Point,
    middle: Point,
    dpr: f64,
) -> (f64, f64) {
    let (px, py) = parallax(depth, center, middle);
    (
        ((origin.x + px * scale) * dpr).round(),
        ((origin.y + py * scale) * dpr).round(),
    )
}

/// Most runs of layers behind the action plane a picture is cached in apart from it
/// (each is a canvas the size of the screen, and each costs a copy of the screen on
/// every step of a pan).
pub const MAX_DEPTH_RUNS: usize = 3;

/// For layers with these depths (back to front): the runs of layers at one depth
/// behind the action plane that come before the first layer on it, as (depth, how
/// many layers). A painter caches each run apart, so a pan shifts it by its own
/// amount. None when there are more than [`MAX_DEPTH_RUNS`]; a far layer drawn after
/// a layer on the action plane is in none (a pan with it in view redraws the
/// picture).
pub fn depth_runs(depths: impl IntoIterator<Item = f64>) -> Vec<(f64, usize)> {
    let mut runs: Vec<(f64, usize)> = Vec::new();
    for d in depths {
        if d.is_nan() || d <= 0.0 {
            break;
        }
        match runs.last_mut() {
            Some((depth, n)) if *depth == d => *n += 1,
            _ => runs.push((d, 1)),
        }
    }
    if runs.len() > MAX_DEPTH_RUNS {
        runs.clear();
    }
    runs
}
