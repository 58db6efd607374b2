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

#[derive(Clone, Copy, Debug)]
struct Press {
    id: i32,
    at: Point,
    kind: PointerKind,
}

/// Follows one pointer at a time from press to release.
#[derive(Debug, Default)]
pub struct PointerTracker {
    press: Option<Press>,
}

impl PointerTracker {
    /// A pointer went down. Only the primary pointer starts a tap; a second finger
    /// while one is down cancels it (it is a pinch, not a tap). A new primary press
    /// replaces one whose release never arrived (released outside the page, or a
    /// lost capture), so no tap is ever swallowed by a stale press.
    pub fn down(&mut self, id: i32, at: Point, kind: PointerKind, primary: bool) {
        if !primary {
            self.press = None;
            return;
        }
        self.press = Some(Press { id, at, kind });
    }

    /// A pointer went up: a tap if it is the one that went down and it barely moved.
    pub fn up(&mut self, id: i32, at: Point) -> Option<TapEvent> {
        let press = self.press.take_if(|p| p.id == id)?;
        (press.at.distance(at) <= press.kind.move_tolerance_css()).then_some(TapEvent {
            at: press.at,
            kind: press.kind,
        })
    }

    /// The browser took the pointer away (scroll, gesture, lost capture).
    pub fn cancel(&mut self, id: i32) {
        self.press.take_if(|p| p.id == id);
    }
}
