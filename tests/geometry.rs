//! Hit testing and camera maths, as a player meets them: where a tap counts.

use hazard_hunt::camera::Camera;
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

#[test]
fn camera_fits_and_centres_the_scene() {
    let scene = Size {
        w: 1920.0,
        h: 1080.0,
    };
    // A wide window: the picture fills the height and is centred across.
    let cam = Camera::fit(scene, Rect::new(0.0, 60.0, 2400.0, 1080.0));
    assert_eq!(cam.scale, 1.0);
    assert_eq!(cam.origin, Point::new(240.0, 60.0));
    // A phone in portrait: the picture fills the width.
    let cam = Camera::fit(scene, Rect::new(0.0, 0.0, 390.0, 844.0));
    assert!((cam.scale - 390.0 / 1920.0).abs() < 1e-12);
    let r = cam.scene_on_screen(scene);
    assert!((r.w - 390.0).abs() < 1e-9 && r.y > 0.0 && r.bottom() < 844.0);
}

#[test]
fn camera_round_trips_points() {
    let cam = Camera::fit(
        Size {
            w: 1920.0,
            h: 1080.0,
        },
        Rect::new(10.0, 68.0, 1280.0, 652.0),
    );
    for p in [
        Point::new(0.0, 0.0),
        Point::new(960.0, 540.0),
        Point::new(1919.0, 3.0),
    ] {
        let back = cam.to_scene(cam.to_screen(p));
        assert!(back.distance(p) < 1e-9, "{p:?} → {back:?}");
    }
    assert!((cam.css_to_scene_len(16.0) - 16.0 / cam.scale).abs() < 1e-12);
}
