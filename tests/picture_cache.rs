//! The bookkeeping behind the painter's cached picture, as plain maths: which strips a
//! pan brings into view, where a screen rectangle lies in a wrapped-round buffer, how
//! dirty boxes merge, where a layer behind the action plane lands on the pixel grid,
//! and the box a moving layer's pose covers.

use hazard_hunt::camera::{exposed_strips, grow_to_hold, merge_overlapping, ring_pieces};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::motion::{parallax, parallax_origin, Motion, MotionKind, Pose};

fn covers(rects: &[Rect], x: f64, y: f64) -> usize {
    rects
        .iter()
        .filter(|r| x >= r.x && x < r.right() && y >= r.y && y < r.bottom())
        .count()
}

#[test]
fn a_shift_exposes_exactly_the_pixels_that_were_not_on_screen() {
    let (w, h) = (7.0, 5.0);
    for dx in -8..=8 {
        for dy in -6..=6 {
            let (dx, dy) = (f64::from(dx), f64::from(dy));
            let strips = exposed_strips(dx, dy, w, h);
            assert!(strips.len() <= 2, "{dx},{dy}: {strips:?}");
            for y in 0..5 {
                for x in 0..7 {
                    let (x, y) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
                    let (ox, oy) = (x - dx, y - dy);
                    let was_on = ox >= 0.0 && ox < w && oy >= 0.0 && oy < h;
                    let n = covers(&strips, x, y);
                    assert_eq!(n, usize::from(!was_on), "{dx},{dy} at {x},{y}: {strips:?}");
                }
            }
        }
    }
    assert!(exposed_strips(0.0, 0.0, w, h).is_empty());
}

#[test]
fn ring_pieces_cover_the_rectangle_once_and_stay_in_the_buffer() {
    let size = (9.0, 6.0);
    let rects = [
        Rect::new(0.0, 0.0, 9.0, 6.0),
        Rect::new(2.0, 1.0, 5.0, 4.0),
        Rect::new(8.0, 5.0, 1.0, 1.0),
        Rect::new(-3.0, -2.0, 6.0, 20.0),
    ];
    for r in rects {
        for ox in 0..9 {
            for oy in 0..6 {
                let off = (f64::from(ox), f64::from(oy));
                let pieces = ring_pieces(r, off, size);
                assert!(pieces.len() <= 4);
                let parts: Vec<Rect> = pieces.iter().map(|(p, _)| *p).collect();
                for (p, b) in &pieces {
                    assert!(p.w > 0.0 && p.h > 0.0);
                    assert!(
                        b.x >= 0.0 && b.x + p.w <= size.0,
                        "{r:?} {off:?}: {pieces:?}"
                    );
                    assert!(
                        b.y >= 0.0 && b.y + p.h <= size.1,
                        "{r:?} {off:?}: {pieces:?}"
                    );
                    // Every pixel of the piece sits where the wrap-round puts it.
                    for (x, y) in [(p.x, p.y), (p.right() - 1.0, p.bottom() - 1.0)] {
                        assert_eq!(b.x + (x - p.x), (x + off.0).rem_euclid(size.0));
                        assert_eq!(b.y + (y - p.y), (y + off.1).rem_euclid(size.1));
                    }
                }
                for y in 0..6 {
                    for x in 0..9 {
                        let (x, y) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
                        let inside = x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
                        assert_eq!(covers(&parts, x, y), usize::from(inside));
                    }
                }
            }
        }
    }
    assert!(ring_pieces(Rect::new(20.0, 0.0, 3.0, 3.0), (0.0, 0.0), size).is_empty());
}

#[test]
fn merged_boxes_do_not_overlap_and_cover_every_box() {
    let boxes = vec![
        Rect::new(0.0, 0.0, 10.0, 10.0),
        Rect::new(30.0, 0.0, 10.0, 10.0),
        Rect::new(5.0, 5.0, 10.0, 10.0),
        Rect::new(14.0, 14.0, 17.0, 2.0), // meets the merge of the first and third
        Rect::new(60.0, 60.0, 0.0, 5.0),  // empty
        Rect::new(50.0, 0.0, 5.0, 5.0),
        Rect::new(55.0, 0.0, 5.0, 5.0), // only touches the one before
    ];
    let merged = merge_overlapping(boxes.clone());
    for (i, a) in merged.iter().enumerate() {
        for b in &merged[i + 1..] {
            assert!(!a.intersects(b), "{merged:?}");
        }
    }
    for b in boxes.iter().filter(|b| b.w > 0.0) {
        assert!(
            merged.iter().any(|m| m.contains_rect(b)),
            "{b:?} in {merged:?}"
        );
    }
    assert_eq!(merged.len(), 3, "{merged:?}");
}

#[test]
fn a_far_layer_lands_on_whole_pixels_and_pans_by_1_minus_depth() {
    let middle = Point::new(960.0, 540.0);
    let (s, dpr) = (2.0, 1.5);
    // The action plane is the camera's own origin, on the grid.
    let origin = |c: Point| Point::new(480.0 - c.x * s, 300.0 - c.y * s);
    for depth in [0.0, 0.25, 0.5, 0.8] {
        for k in 0..50 {
            let c = Point::new(500.0 + f64::from(k) * 7.3, 400.0 + f64::from(k) * 3.1);
            let (x, y) = parallax_origin(depth, origin(c), s, c, middle, dpr);
            assert_eq!((x.fract(), y.fract()), (0.0, 0.0));
            let (px, py) = parallax(depth, c, middle);
            let exact = ((origin(c).x + px * s) * dpr, (origin(c).y + py * s) * dpr);
            assert!((x - exact.0).abs() <= 0.5 && (y - exact.1).abs() <= 0.5);
        }
        // Panning 100 scene units moves it (1 − depth) as far, to within a pixel.
        let (a, b) = (Point::new(600.0, 540.0), Point::new(700.0, 540.0));
        let (xa, _) = parallax_origin(depth, origin(a), s, a, middle, dpr);
        let (xb, _) = parallax_origin(depth, origin(b), s, b, middle, dpr);
        let want = -100.0 * s * dpr * (1.0 - depth);
        assert!((xb - xa - want).abs() <= 1.0, "depth {depth}: {}", xb - xa);
    }
}

#[test]
fn a_poses_bounds_hold_the_drawn_layer() {
    let rect = Rect::new(100.0, 200.0, 80.0, 120.0);
    for kind in [
        MotionKind::Sway,
        MotionKind::Bob,
        MotionKind::Drift,
        MotionKind::Rise,
        MotionKind::Flicker,
    ] {
        let m = Motion {
            kind,
            amount: if kind == MotionKind::Flicker {
                0.5
            } else {
                9.0
            },
            period_s: 4.0,
            pivot: Some([0.3, 1.0]),
            phase_s: 0.0,
        };
        for k in 0..40 {
            let pose = m.pose(rect, f64::from(k) * 0.23, true);
            let b = pose.bounds(rect);
            let (s, c) = pose.angle.sin_cos();
            for (x, y) in [
                (rect.x, rect.y),
                (rect.right(), rect.y),
                (rect.x, rect.bottom()),
                (rect.right(), rect.bottom()),
                (rect.x + 40.0, rect.y + 60.0),
            ] {
                let (x, y) = (x + pose.dx - pose.pivot.x, y + pose.dy - pose.pivot.y);
                let p = Point::new(pose.pivot.x + x * c - y * s, pose.pivot.y + x * s + y * c);
                let eps = 1e-9;
                assert!(
                    p.x >= b.x - eps
                        && p.x <= b.right() + eps
                        && p.y >= b.y - eps
                        && p.y <= b.bottom() + eps,
                    "{kind:?}: {p:?} outside {b:?}"
                );
            }
            let reach = m.reach(rect);
            let grown = Rect::new(
                reach.x - 1e-9,
                reach.y - 1e-9,
                reach.w + 2e-9,
                reach.h + 2e-9,
            );
            assert!(grown.contains_rect(&b), "{kind:?}: {b:?} outside {reach:?}");
        }
    }
    assert_eq!(Pose::rest(rect).bounds(rect), rect);
}

#[test]
fn how_far_a_pose_moved_a_layer() {
    let rect = Rect::new(100.0, 200.0, 80.0, 120.0);
    let rest = Pose::rest(rect);
    assert_eq!(rest.moved(rect, &rest, rect), 0.0);
    let bobbed = Pose { dy: -3.0, ..rest };
    assert!((bobbed.moved(rect, &rest, rect) - 3.0).abs() < 1e-12);
    // The same pose of a layer moved by parallax moves every corner as far.
    let shifted = Rect {
        x: rect.x + 4.0,
        ..rect
    };
    assert!((rest.moved(shifted, &rest, rect) - 4.0).abs() < 1e-12);
    // A turn about the bottom centre moves the top corners most: r·θ for small θ.
    let turned = Pose {
        angle: 0.001,
        ..rest
    };
    let r = (40.0_f64).hypot(120.0);
    assert!((turned.moved(rect, &rest, rect) - r * 0.001).abs() < 1e-6);
    assert_eq!(turned.corners(rect).len(), 4);
}

#[test]
fn dirty_boxes_grow_to_hold_whatever_they_meet() {
    let dirty = vec![
        Rect::new(0.0, 0.0, 10.0, 10.0),
        Rect::new(100.0, 0.0, 10.0, 10.0),
    ];
    let whole = [
        Rect::new(8.0, 8.0, 10.0, 10.0), // meets the first: the box grows to hold it
        Rect::new(16.0, 16.0, 5.0, 5.0), // meets the grown box only
        Rect::new(200.0, 0.0, 10.0, 10.0), // meets nothing: left alone
        Rect::new(102.0, 2.0, 4.0, 4.0), // inside the second already
    ];
    let out = grow_to_hold(dirty, &whole);
    assert_eq!(out.len(), 2, "{out:?}");
    for b in &whole[..2] {
        assert!(out.iter().any(|r| r.contains_rect(b)), "{b:?} in {out:?}");
    }
    assert!(!out.iter().any(|r| r.intersects(&whole[2])));
    for (i, a) in out.iter().enumerate() {
        for b in &out[i + 1..] {
            assert!(!a.intersects(b));
        }
    }
    assert!(grow_to_hold(Vec::new(), &whole).is_empty());
}
