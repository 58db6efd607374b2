//! Hit testing and camera maths, as a player meets them: where a tap counts.

use hazard_hunt::camera::{Camera, MAX_ZOOM, MIN_ZOOM};
use hazard_hunt::geom::{self, Point, Rect};
use hazard_hunt::scene::Size;

fn poly(pts: &[(f64, f64)]) -> Vec<Point> {
    pts.iter().map(|&(x, y)| Point::new(x, y)).collect()
}

fn square() -> Vec<Point> {
    poly(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)])
}

/// An "L": concave, with a notch at the top right.
fn ell() -> Vec<Point> {
    poly(&[
        (0.0, 0.0),
        (4.0, 0.0),
        (4.0, 6.0),
        (10.0, 6.0),
        (10.0, 10.0),
        (0.0, 10.0),
    ])
}

#[test]
fn inside_and_outside() {
    assert!(geom::contains(&square(), Point::new(5.0, 5.0)));
    assert!(!geom::contains(&square(), Point::new(15.0, 5.0)));
    assert!(!geom::contains(&square(), Point::new(-0.01, 5.0)));
    assert!(!geom::contains(&square(), Point::new(5.0, 10.5)));
}

#[test]
fn edges_and_corners_count_as_inside() {
    for p in [
        (0.0, 5.0),
        (10.0, 5.0),
        (5.0, 0.0),
        (5.0, 10.0),
        (0.0, 0.0),
        (10.0, 10.0),
    ] {
        assert!(geom::contains(&square(), Point::new(p.0, p.1)), "{p:?}");
    }
    // Edges of a concave polygon, including the inner corner of the notch.
    for p in [(4.0, 3.0), (7.0, 6.0), (4.0, 6.0)] {
        assert!(geom::contains(&ell(), Point::new(p.0, p.1)), "{p:?}");
    }
}

#[test]
fn concave_notch_is_outside() {
    let l = ell();
    assert!(geom::contains(&l, Point::new(2.0, 2.0)));
    assert!(geom::contains(&l, Point::new(8.0, 8.0)));
    assert!(
        !geom::contains(&l, Point::new(7.0, 3.0)),
        "the notch is not part of the L"
    );
    assert!(!geom::contains(&l, Point::new(9.9, 0.1)));
}

#[test]
fn ray_through_a_vertex_does_not_flip_twice() {
    // A diamond: a horizontal ray from inside passes exactly through vertices.
    let d = poly(&[(5.0, 0.0), (10.0, 5.0), (5.0, 10.0), (0.0, 5.0)]);
    assert!(geom::contains(&d, Point::new(5.0, 5.0)));
    assert!(geom::contains(&d, Point::new(1.0, 5.0)));
    assert!(!geom::contains(&d, Point::new(-1.0, 5.0)));
    assert!(!geom::contains(&d, Point::new(11.0, 5.0)));
}

#[test]
fn degenerate_polygons_contain_nothing() {
    assert!(!geom::contains(
        &poly(&[(0.0, 0.0), (5.0, 5.0)]),
        Point::new(2.0, 2.0)
    ));
    assert!(!geom::contains(&[], Point::new(0.0, 0.0)));
}

#[test]
fn distance_to_outline() {
    assert_eq!(
        geom::distance_to_outline(Point::new(13.0, 5.0), &square()),
        3.0
    );
    assert_eq!(
        geom::distance_to_outline(Point::new(13.0, 14.0), &square()),
        5.0
    );
    assert_eq!(
        geom::distance_to_outline(Point::new(5.0, 9.0), &square()),
        1.0
    );
}

#[test]
fn area_bounds_and_self_intersection() {
    assert_eq!(geom::area(&square()), 100.0);
    assert_eq!(geom::area(&ell()), 64.0);
    assert_eq!(geom::bounds(&ell()), Rect::new(0.0, 0.0, 10.0, 10.0));
    assert!(!geom::self_intersects(&ell()));
    let bow = poly(&[(0.0, 0.0), (10.0, 10.0), (10.0, 0.0), (0.0, 10.0)]);
    assert!(geom::self_intersects(&bow));
}

#[test]
fn interior_point_is_well_inside_concave_shapes() {
    for shape in [
        square(),
        ell(),
        poly(&[
            (0.0, 0.0),
            (100.0, 0.0),
            (100.0, 4.0),
            (4.0, 4.0),
            (4.0, 100.0),
            (0.0, 100.0),
        ]),
    ] {
        let p = geom::interior_point(&shape);
        assert!(geom::contains(&shape, p), "{p:?}");
        assert!(
            geom::distance_to_outline(p, &shape) > 0.5,
            "{p:?} hugs the outline"
        );
    }
}

const SCENE: Size = Size {
    w: 1920.0,
    h: 1080.0,
};

#[test]
fn camera_fits_and_centres_the_scene() {
    // A wide window: the picture fills the height and is centred across.
    let cam = Camera::fit(SCENE, Rect::new(0.0, 60.0, 2400.0, 1080.0));
    assert_eq!(cam.scale(), 1.0);
    assert_eq!(cam.origin(), Point::new(240.0, 60.0));
    // A phone in portrait: the picture fills the width.
    let cam = Camera::fit(SCENE, Rect::new(0.0, 0.0, 390.0, 844.0));
    assert!((cam.scale() - 390.0 / 1920.0).abs() < 1e-12);
    let r = cam.scene_on_screen();
    assert!((r.w - 390.0).abs() < 1e-9 && r.y > 0.0 && r.bottom() < 844.0);
}

#[test]
fn camera_round_trips_points() {
    let mut cam = Camera::fit(SCENE, Rect::new(10.0, 68.0, 1280.0, 652.0));
    for zoomed in [false, true] {
        if zoomed {
            cam.zoom_at(Point::new(300.0, 200.0), 2.5);
        }
        for p in [
            Point::new(0.0, 0.0),
            Point::new(960.0, 540.0),
            Point::new(1919.0, 3.0),
        ] {
            let back = cam.to_scene(cam.to_screen(p));
            assert!(back.distance(p) < 1e-9, "{p:?} → {back:?}");
        }
        assert!((cam.css_to_scene_len(16.0) - 16.0 / cam.scale()).abs() < 1e-12);
    }
}

#[test]
fn zoom_keeps_the_point_under_the_pointer() {
    let mut cam = Camera::fit(SCENE, Rect::new(0.0, 0.0, 1920.0, 1080.0));
    let at = Point::new(1500.0, 300.0);
    let under = cam.to_scene(at);
    cam.zoom_at(at, 2.0);
    assert_eq!(cam.zoom, 2.0);
    assert!(cam.to_scene(at).distance(under) < 1e-9);
    // Zoom is clamped to the allowed range.
    cam.zoom_at(at, 100.0);
    assert_eq!(cam.zoom, MAX_ZOOM);
    cam.zoom_at(at, 0.0001);
    assert_eq!(cam.zoom, MIN_ZOOM);
    assert_eq!(cam.center, Point::new(960.0, 540.0), "zoomed out: centred");
    // Nonsense factors are ignored.
    for f in [f64::NAN, f64::INFINITY, -2.0, 0.0] {
        cam.zoom_at(at, f);
        assert_eq!(cam.zoom, MIN_ZOOM);
    }
}

#[test]
fn panning_stops_at_the_scene_edges() {
    let vp = Rect::new(0.0, 0.0, 960.0, 540.0);
    let mut cam = Camera::fit(SCENE, vp);
    // Fitted: nothing to pan.
    cam.pan_by(500.0, 500.0);
    assert_eq!(cam.center, Point::new(960.0, 540.0));
    cam.zoom_at(vp.center(), 2.0);
    // Drag the picture far right and down: the view stops at the top-left corner.
    cam.pan_by(5000.0, 5000.0);
    let seen = cam.visible_scene();
    assert!(seen.x.abs() < 1e-9 && seen.y.abs() < 1e-9, "{seen:?}");
    // And far left and up: the bottom-right corner.
    cam.pan_by(-50_000.0, -50_000.0);
    let seen = cam.visible_scene();
    assert!((seen.right() - 1920.0).abs() < 1e-9 && (seen.bottom() - 1080.0).abs() < 1e-9);
    cam.pan_by(f64::NAN, 3.0);
    assert!(cam.center.x.is_finite());
}

#[test]
fn the_view_survives_a_resize() {
    let mut cam = Camera::fit(SCENE, Rect::new(0.0, 0.0, 1280.0, 720.0));
    cam.zoom_at(Point::new(1000.0, 600.0), 3.0);
    let (zoom, center) = (cam.zoom, cam.center);
    // Landscape to a bigger landscape: same zoom, same point in the middle.
    cam.resize(Rect::new(0.0, 0.0, 1920.0, 1080.0));
    assert_eq!(cam.zoom, zoom);
    assert!(cam.center.distance(center) < 1e-9);
    // To a portrait phone: the zoom stays; the centre only moves as far as the
    // scene's edges require.
    cam.resize(Rect::new(0.0, 0.0, 390.0, 844.0));
    assert_eq!(cam.zoom, zoom);
    let seen = cam.visible_scene();
    assert!(seen.x >= -1e-9 && seen.right() <= 1920.0 + 1e-9);
    cam.reset();
    assert_eq!(cam.zoom, MIN_ZOOM);
}
