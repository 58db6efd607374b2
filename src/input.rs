//! Pointer input, browser-free. The web layer turns DOM `PointerEvent`s into calls on
//! [`PointerTracker`] (positions in CSS pixels); a press and release close together
//! become one [`TapEvent`]. Mouse, touch and pen are one kind of input with different
//! tolerances.

use crate::geom::Point;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    Mouse,
    Touch,
    Pen,
}

impl PointerKind {
    /// From `PointerEvent.pointerType`; anything unknown behaves like a finger.
    pub fn from_dom(s: &str) -> PointerKind {
        match s {
            "mouse" => PointerKind::Mouse,
            "pen" => PointerKind::Pen,
            _ => PointerKind::Touch,
        }
    }

    /// How far (CSS px) outside a hazard's outline a tap still finds it: a fingertip
    /// covers more of the screen than a mouse pointer.
    pub fn hit_slop_css(self) -> f64 {
        match self {
            PointerKind::Mouse => 4.0,
            PointerKind::Pen => 8.0,
            PointerKind::Touch => 16.0,
        }
    }

    /// How far (CSS px) a pointer may move between press and release and still tap.
    pub fn move_tolerance_css(self) -> f64 {
        match self {
            PointerKind::Mouse => 8.0,
            PointerKind::Pen => 12.0,
            PointerKind::Touch => 24.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TapEvent {
    pub at: Point,
    pub kind: PointerKind,
}

/// What a pointer's movement asks of the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Gesture {
    /// Still within a tap's tolerance, or a pointer we do not follow.
    None,
    /// One pointer dragging: move the picture by (dx, dy) CSS pixels.
    Pan { dx: f64, dy: f64 },
    /// Two pointers: zoom by `factor` about `at` and move by (dx, dy).
    Pinch {
        at: Point,
        factor: f64,
        dx: f64,
        dy: f64,
    },
}

/// What letting go meant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Release {
    /// A press and release close together.
    Tap(TapEvent),
    /// The end of a drag that was still moving: keep gliding at (vx, vy) CSS px/ms.
    Fling { vx: f64, vy: f64 },
    /// Nothing to do (the end of a pinch, a slow drag, an unknown pointer).
    Nothing,
}

#[derive(Clone, Copy, Debug)]
struct Pointer {
    id: i32,
    kind: PointerKind,
    start: Point,
    at: Point,
    /// Time of the last move (ms), for the fling.
    t: f64,
}

/// A fling needs the finger to have moved this recently (ms) before letting go.
const FLING_RECENT_MS: f64 = 80.0;
/// Slower than this (CSS px/ms) is a placing, not a fling.
const FLING_MIN_SPEED: f64 = 0.05;

/// Follows up to two pointers from press to release: a tap, a drag (pan, then maybe
/// a fling) or a pinch (zoom and pan). Mouse, touch and pen differ only in tolerance.
#[derive(Debug, Default)]
pub struct PointerTracker {
    pointers: Vec<Pointer>,
    /// The gesture has left a tap's tolerance: it is a drag now.
    dragging: bool,
    /// A second pointer took part: no tap and no fling come of this gesture.
    pinched: bool,
    /// Smoothed drag velocity, CSS px/ms.
    velocity: (f64, f64),
}

impl PointerTracker {
    /// A pointer went down at time `t` (ms). A primary pointer starts a new gesture
    /// (replacing one whose release never arrived, so no tap is ever swallowed by a
    /// stale press); a second pointer while one is down turns it into a pinch.
    pub fn down(&mut self, id: i32, at: Point, kind: PointerKind, primary: bool, t: f64) {
        let p = Pointer {
            id,
            kind,
            start: at,
            at,
            t,
        };
        if primary || self.pointers.is_empty() {
            *self = PointerTracker {
                pointers: vec![p],
                // A press that is not primary never taps.
                pinched: !primary,
                ..PointerTracker::default()
            };
        } else if self.pointers.len() == 1 && self.pointers[0].id != id {
            self.pointers.push(p);
            self.pinched = true;
        }
    }

    /// A pointer moved to `at` at time `t` (ms).
    pub fn moved(&mut self, id: i32, at: Point, t: f64) -> Gesture {
        let Some(i) = self.pointers.iter().position(|p| p.id == id) else {
            return Gesture::None;
        };
        if self.pointers.len() == 2 {
            let (a, b) = (self.pointers[0].at, self.pointers[1].at);
            let (mid0, d0) = (mid(a, b), a.distance(b));
            self.pointers[i].at = at;
            self.pointers[i].t = t;
            let (a, b) = (self.pointers[0].at, self.pointers[1].at);
            let (mid1, d1) = (mid(a, b), a.distance(b));
            let factor = if d0 > 1.0 && d1 > 1.0 { d1 / d0 } else { 1.0 };
            return Gesture::Pinch {
                at: mid1,
                factor,
                dx: mid1.x - mid0.x,
                dy: mid1.y - mid0.y,
            };
        }
        let p = &mut self.pointers[i];
        if !self.dragging {
            if p.start.distance(at) <= p.kind.move_tolerance_css() {
                return Gesture::None;
            }
            self.dragging = true;
        }
        let (dx, dy) = (at.x - p.at.x, at.y - p.at.y);
        let dt = (t - p.t).max(1.0);
        // Smooth over the last few moves.
        self.velocity = (
            0.6 * dx / dt + 0.4 * self.velocity.0,
            0.6 * dy / dt + 0.4 * self.velocity.1,
        );
        p.at = at;
        p.t = t;
        Gesture::Pan { dx, dy }
    }

    /// A pointer went up at `at`, time `t` (ms).
    pub fn up(&mut self, id: i32, at: Point, t: f64) -> Release {
        let Some(i) = self.pointers.iter().position(|p| p.id == id) else {
            return Release::Nothing;
        };
        let p = self.pointers.remove(i);
        if !self.pointers.is_empty() {
            // One finger of a pinch lifted: the other may go on dragging, from where
            // it is now.
            for q in &mut self.pointers {
                q.start = q.at;
            }
            self.dragging = true;
            return Release::Nothing;
        }
        let release = if self.pinched {
            Release::Nothing
        } else if !self.dragging && p.start.distance(at) <= p.kind.move_tolerance_css() {
            Release::Tap(TapEvent {
                at: p.start,
                kind: p.kind,
            })
        } else {
            let (vx, vy) = self.velocity;
            if t - p.t <= FLING_RECENT_MS && vx.hypot(vy) >= FLING_MIN_SPEED {
                Release::Fling { vx, vy }
            } else {
                Release::Nothing
            }
        };
        *self = PointerTracker::default();
        release
    }

    /// The browser took the pointer away (scroll, gesture, lost capture).
    pub fn cancel(&mut self, id: i32) {
        self.pointers.retain(|p| p.id != id);
        if self.pointers.is_empty() {
            *self = PointerTracker::default();
        } else {
            self.pinched = true;
        }
    }

    /// How many pointers are down.
    pub fn pressed(&self) -> usize {
        self.pointers.len()
    }
}

fn mid(a: Point, b: Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}
