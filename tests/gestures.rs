//! Pointer gestures and the camera they move: a tap stays a tap (mouse, touch and pen
//! differ only in tolerance), a drag pans and may fling into a glide, two fingers
//! pinch; the glide decays and stops at the scene's edges; a round on a screen of
//! another shape starts with the whole scene, then settles to a readable zoom; a
//! double tap zooms in without costing a miss.

use hazard_hunt::camera::{Camera, MAX_ZOOM};
use hazard_hunt::game::{Action, Event, Game, SETTLE_DELAY_MS};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::input::{Gesture, PointerKind, PointerTracker, Release};
use hazard_hunt::scene::Size;

mod common;

const P: fn(f64, f64) -> Point = Point::new;

#[test]
fn press_and_release_close_together_is_a_tap() {
    let mut t = PointerTracker::default();
    t.down(1, P(100.0, 100.0), PointerKind::Mouse, true, 0.0);
    assert_eq!(t.moved(1, P(103.0, 101.0), 10.0), Gesture::None, "a wobble");
    let Release::Tap(tap) = t.up(1, P(103.0, 101.0), 20.0) else {
        panic!("a small wobble is still a tap")
    };
    assert_eq!(tap.at, P(100.0, 100.0));
    // Fingers may wobble more than a mouse.
    t.down(7, P(0.0, 0.0), PointerKind::Touch, true, 0.0);
    assert!(matches!(t.up(7, P(15.0, 10.0), 50.0), Release::Tap(_)));
    // A press whose release never arrived does not swallow the next tap.
    t.down(4, P(10.0, 10.0), PointerKind::Mouse, true, 0.0);
    t.down(4, P(200.0, 50.0), PointerKind::Mouse, true, 100.0);
    let Release::Tap(tap) = t.up(4, P(201.0, 50.0), 120.0) else {
        panic!("the new press taps")
    };
    assert_eq!(tap.at, P(200.0, 50.0));
    // Cancelled pointers and unknown ids do nothing.
    t.down(3, P(0.0, 0.0), PointerKind::Pen, true, 0.0);
    t.cancel(3);
    assert_eq!(t.up(3, P(0.0, 0.0), 1.0), Release::Nothing);
    assert_eq!(t.up(99, P(0.0, 0.0), 1.0), Release::Nothing);
    assert!(PointerKind::Touch.hit_slop_css() > PointerKind::Mouse.hit_slop_css());
    assert_eq!(PointerKind::from_dom("pen"), PointerKind::Pen);
    assert_eq!(PointerKind::from_dom("something"), PointerKind::Touch);
}

#[test]
fn a_drag_pans_with_the_finger_and_is_not_a_tap() {
    let mut t = PointerTracker::default();
    t.down(1, P(100.0, 100.0), PointerKind::Touch, true, 0.0);
    assert_eq!(
        t.moved(1, P(110.0, 100.0), 16.0),
        Gesture::None,
        "within tolerance"
    );
    // Past the tolerance the whole way moved so far is the first pan.
    assert_eq!(
        t.moved(1, P(140.0, 110.0), 32.0),
        Gesture::Pan { dx: 40.0, dy: 10.0 }
    );
    assert_eq!(
        t.moved(1, P(150.0, 110.0), 48.0),
        Gesture::Pan { dx: 10.0, dy: 0.0 }
    );
    // Let go at once: a fling with the drag's speed. Let go after a pause: nothing.
    let Release::Fling { vx, vy } = t.up(1, P(150.0, 110.0), 60.0) else {
        panic!("a fling")
    };
    assert!(vx > 0.3 && vy.abs() < vx, "({vx}, {vy})");
    t.down(1, P(100.0, 100.0), PointerKind::Mouse, true, 0.0);
    t.moved(1, P(200.0, 100.0), 16.0);
    assert_eq!(
        t.up(1, P(200.0, 100.0), 500.0),
        Release::Nothing,
        "placed, not flung"
    );
}

#[test]
fn two_fingers_pinch_and_never_tap() {
    let mut t = PointerTracker::default();
    t.down(1, P(100.0, 100.0), PointerKind::Touch, true, 0.0);
    t.down(2, P(200.0, 100.0), PointerKind::Touch, false, 5.0);
    // The second finger moves out: twice as far apart, about the new midpoint.
    assert_eq!(
        t.moved(2, P(300.0, 100.0), 20.0),
        Gesture::Pinch {
            at: P(200.0, 100.0),
            factor: 2.0,
            dx: 50.0,
            dy: 0.0
        }
    );
    assert_eq!(t.up(2, P(300.0, 100.0), 30.0), Release::Nothing);
    // The finger left goes on as a drag from where it is, and never taps.
    assert_eq!(
        t.moved(1, P(120.0, 100.0), 40.0),
        Gesture::Pan { dx: 20.0, dy: 0.0 }
    );
    assert_eq!(t.up(1, P(120.0, 100.0), 400.0), Release::Nothing);
    // A lone non-primary press never taps.
    t.down(9, P(0.0, 0.0), PointerKind::Touch, false, 0.0);
    assert_eq!(t.up(9, P(0.0, 0.0), 10.0), Release::Nothing);
}

const SCENE: Size = Size {
    w: 1920.0,
    h: 1080.0,
};

#[test]
fn a_fling_glides_decays_and_stops_at_the_edge() {
    let vp = Rect::new(0.0, 0.0, 960.0, 540.0);
    let mut cam = Camera::fit(SCENE, vp);
    cam.zoom_at(vp.center(), 3.0);
    cam.fling(-1.0, 0.0); // content moves left: the view goes right
    let x0 = cam.center.x;
    let mut last = x0;
    let mut steps = 0;
    while cam.is_moving() && steps < 1000 {
        cam.step(16.0);
        assert!(cam.center.x >= last, "glides one way");
        last = cam.center.x;
        steps += 1;
    }
    assert!(steps < 200, "stops within a few seconds ({steps} frames)");
    assert!(last > x0 + 100.0, "moved a good way: {}", last - x0);
    // Flung hard towards the edge: it stops there, at once along that axis.
    let mut cam = Camera::fit(SCENE, vp);
    cam.zoom_at(vp.center(), 2.0);
    cam.fling(100.0, 0.0);
    assert_eq!(cam.velocity.0, 4.0, "a fling's speed is capped");
    for _ in 0..200 {
        cam.step(16.0);
    }
    assert!(!cam.is_moving());
    assert!(cam.visible_scene().x.abs() < 1e-9, "at the left edge");
    cam.fling(f64::NAN, 1.0);
    assert!(!cam.is_moving(), "nonsense is ignored");
}

#[test]
fn cover_zoom_fills_the_screen_either_way() {
    // A portrait phone: the 16:9 scene fills the height.
    let cam = Camera::fit(SCENE, Rect::new(0.0, 0.0, 390.0, 776.0));
    let z = cam.cover_zoom();
    assert!((cam.fit_scale() * z * SCENE.h - 776.0).abs() < 1e-6);
    // There the player may zoom past filling the screen.
    assert!(cam.max_zoom() > z * 2.0);
    // Same shape as the screen: nothing to fill, the usual range.
    let cam = Camera::fit(SCENE, Rect::new(0.0, 0.0, 1920.0, 1080.0));
    assert_eq!((cam.cover_zoom(), cam.max_zoom()), (1.0, MAX_ZOOM));
    // Absurdly tall: capped.
    let cam = Camera::fit(SCENE, Rect::new(0.0, 0.0, 10.0, 40000.0));
    assert_eq!(cam.cover_zoom(), hazard_hunt::camera::ZOOM_CEILING);
}

/// The sewer scene on a portrait phone, playing.
fn phone_round() -> (Game, Vec<Event>) {
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 68.0, 390.0, 776.0),
    });
    g.apply(Action::Load {
        scene_id: "sewer".into(),
    });
    let sewer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/scenes/sewer.json"
    ))
    .unwrap();
    let scene = hazard_hunt::scene::Scene::parse("sewer.json", &sewer).unwrap();
    g.apply(Action::Loaded(Box::new(scene)));
    let ev = g.apply(Action::Start);
    (g, ev)
}

#[test]
fn a_round_on_a_phone_shows_the_whole_scene_then_settles_to_fill_the_height() {
    let (mut g, _) = phone_round();
    assert_eq!(g.camera().zoom, 1.0, "the whole scene first");
    let mut t = 0.0;
    let mut ended = Vec::new();
    while t < SETTLE_DELAY_MS - 50.0 {
        ended.extend(g.apply(Action::Tick { dt_ms: 50.0 }));
        t += 50.0;
    }
    assert_eq!(g.camera().zoom, 1.0, "held for a moment");
    for _ in 0..100 {
        ended.extend(g.apply(Action::Tick { dt_ms: 16.0 }));
    }
    let cam = *g.camera();
    assert!(!cam.is_moving());
    assert!((cam.zoom - cam.cover_zoom()).abs() < 1e-9);
    let on = cam.scene_on_screen();
    assert!((on.h - 776.0).abs() < 1e-6, "fills the height");
    assert_eq!(
        common::kinds(&ended),
        ["viewChanged"],
        "one viewChanged when it stops"
    );
}

#[test]
fn a_double_tap_zooms_in_and_forgives_its_first_tap() {
    let (mut g, _) = phone_round();
    for _ in 0..200 {
        g.apply(Action::Tick { dt_ms: 16.0 });
    }
    let zoom = g.camera().zoom;
    // Somewhere in the sky, with nothing there: the first tap is a miss ...
    let at = g.camera().to_screen(P(960.0, 40.0));
    let ev = g.apply(Action::Tap { at, tolerance: 0.0 });
    assert_eq!(common::kinds(&ev), ["miss"]);
    g.apply(Action::Tick { dt_ms: 120.0 });
    // ... and the second, close by, makes it a double tap: no miss any more.
    let ev = g.apply(Action::DoubleTap { at });
    assert_eq!(common::kinds(&ev), ["missForgiven"]);
    assert!(g.round().misses.is_empty());
    for _ in 0..100 {
        g.apply(Action::Tick { dt_ms: 16.0 });
    }
    assert!(
        (g.camera().zoom - 2.0 * zoom).abs() < 1e-6,
        "twice the resting zoom"
    );
    // Again: back to rest.
    let at2 = g.camera().viewport.center();
    g.apply(Action::DoubleTap { at: at2 });
    for _ in 0..100 {
        g.apply(Action::Tick { dt_ms: 16.0 });
    }
    assert!((g.camera().zoom - zoom).abs() < 1e-6, "back to rest");
    // A slow second tap is no double tap: the miss stays.
    let ev = g.apply(Action::Tap { at, tolerance: 0.0 });
    assert_eq!(common::kinds(&ev), ["miss"]);
    g.apply(Action::Tick { dt_ms: 1000.0 });
    g.apply(Action::Tick { dt_ms: 1000.0 });
    assert!(g.apply(Action::DoubleTap { at }).is_empty() || !g.round().misses.is_empty());
    assert_eq!(g.round().misses.len(), 1);
}

#[test]
fn dragging_stops_a_glide_and_the_view_keeps_to_the_scene() {
    let (mut g, _) = phone_round();
    for _ in 0..200 {
        g.apply(Action::Tick { dt_ms: 16.0 });
    }
    g.apply(Action::Fling { vx: -2.0, vy: 0.0 });
    g.apply(Action::Tick { dt_ms: 16.0 });
    assert!(g.camera().is_moving());
    g.apply(Action::Pan { dx: 5.0, dy: 0.0 });
    assert!(!g.camera().is_moving(), "a new drag catches the picture");
    for _ in 0..50 {
        g.apply(Action::Pan {
            dx: 500.0,
            dy: 500.0,
        });
    }
    let seen = g.camera().visible_scene();
    assert!(seen.x.abs() < 1e-6, "stops at the left edge: {seen:?}");
}
