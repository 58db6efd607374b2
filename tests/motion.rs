//! Life and depth as maths (`src/motion.rs`): every motion repeats with its period,
//! stays inside its reach, rests when motion is off; parallax moves far layers less;
//! the scene checks report every problem with the new fields.

use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::motion::{depth_runs, flicker, parallax, Motion, MotionKind, Pose};
use hazard_hunt::scene::Scene;

const KINDS: [MotionKind; 5] = [
    MotionKind::Sway,
    MotionKind::Bob,
    MotionKind::Drift,
    MotionKind::Rise,
    MotionKind::Flicker,
];

fn motion(kind: MotionKind, amount: f64) -> Motion {
    Motion {
        kind,
        amount,
        period_s: 4.0,
        pivot: None,
        phase_s: 0.5,
    }
}

fn rect() -> Rect {
    Rect::new(100.0, 200.0, 80.0, 120.0)
}

fn close(a: Pose, b: Pose) -> bool {
    let near = |x: f64, y: f64| (x - y).abs() < 1e-9;
    near(a.dx, b.dx)
        && near(a.dy, b.dy)
        && near(a.angle, b.angle)
        && near(a.alpha, b.alpha)
        && near(a.pivot.x, b.pivot.x)
        && near(a.pivot.y, b.pivot.y)
}

/// The corners of the layer's box as drawn with `pose`.
fn corners(r: Rect, p: Pose) -> Vec<Point> {
    let (s, c) = p.angle.sin_cos();
    [
        (r.x, r.y),
        (r.right(), r.y),
        (r.x, r.bottom()),
        (r.right(), r.bottom()),
    ]
    .iter()
    .map(|&(x, y)| {
        let (x, y) = (x + p.dx - p.pivot.x, y + p.dy - p.pivot.y);
        Point::new(p.pivot.x + x * c - y * s, p.pivot.y + x * s + y * c)
    })
    .collect()
}

#[test]
fn every_motion_repeats_with_its_period() {
    for kind in KINDS {
        let m = motion(kind, 0.3);
        for k in 0..40 {
            let t = f64::from(k) * 0.37;
            let (a, b) = (m.pose(rect(), t, true), m.pose(rect(), t + 4.0, true));
            assert!(close(a, b), "{kind:?} at {t}: {a:?} vs {b:?}");
            let c = m.pose(rect(), t + 40.0, true);
            assert!(close(a, c), "{kind:?} at {t} + 10 periods");
        }
    }
}

#[test]
fn every_motion_stays_in_its_reach_and_its_opacity_in_0_to_1() {
    for kind in KINDS {
        for amount in [-12.0, -0.2, 0.0, 0.2, 3.0, 12.0] {
            let m = Motion {
                pivot: Some([0.2, 0.0]),
                ..motion(kind, amount)
            };
            let reach = m.reach(rect());
            for k in 0..400 {
                let t = f64::from(k) * 0.01;
                let p = m.pose(rect(), t, true);
                assert!((0.0..=1.0).contains(&p.alpha), "{kind:?} alpha {}", p.alpha);
                for c in corners(rect(), p) {
                    assert!(
                        c.x >= reach.x - 1e-9
                            && c.x <= reach.right() + 1e-9
                            && c.y >= reach.y - 1e-9
                            && c.y <= reach.bottom() + 1e-9,
                        "{kind:?} {amount} at {t}: {c:?} outside {reach:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn motions_do_move() {
    for kind in KINDS {
        let m = motion(
            kind,
            5.0_f64.min(if kind == MotionKind::Flicker {
                0.5
            } else {
                5.0
            }),
        );
        let poses: Vec<Pose> = (0..40)
            .map(|k| m.pose(rect(), f64::from(k) * 0.1, true))
            .collect();
        assert!(
            poses.iter().any(|p| !close(*p, poses[0])),
            "{kind:?} never changes"
        );
    }
}

#[test]
fn reduced_motion_and_nonsense_rest() {
    for kind in KINDS {
        let m = motion(kind, 5.0);
        for t in [0.0, 0.7, 1.3, 99.0] {
            let p = m.pose(rect(), t, false);
            assert!(p.is_rest(), "{kind:?} moves with motion off: {p:?}");
            assert_eq!(p, Pose::rest(rect()));
        }
        for t in [f64::NAN, f64::INFINITY] {
            assert!(m.pose(rect(), t, true).is_rest());
        }
        let broken = Motion { period_s: 0.0, ..m };
        assert!(broken.pose(rect(), 1.0, true).is_rest());
    }
}

#[test]
fn sway_turns_about_its_pivot_and_drift_fades_at_the_ends() {
    let m = motion(MotionKind::Sway, 2.0);
    assert_eq!(m.pose(rect(), 0.0, true).pivot, Point::new(140.0, 320.0));
    let top = Motion {
        pivot: Some([0.5, 0.0]),
        ..m
    };
    assert_eq!(top.pose(rect(), 0.0, true).pivot, Point::new(140.0, 200.0));
    let max = (0..400)
        .map(|k| m.pose(rect(), f64::from(k) * 0.01, true).angle.abs())
        .fold(0.0, f64::max);
    assert!((max - 2.0_f64.to_radians()).abs() < 1e-3, "{max}");
    let d = Motion {
        phase_s: 0.0,
        ..motion(MotionKind::Drift, 100.0)
    };
    assert_eq!(d.pose(rect(), 0.0, true).alpha, 0.0);
    assert_eq!(d.pose(rect(), 2.0, true).alpha, 1.0);
    assert_eq!(d.pose(rect(), 2.0, true).dx, 50.0);
}

#[test]
fn flicker_is_a_dip_in_0_to_1() {
    let v: Vec<f64> = (0..1000).map(|k| flicker(f64::from(k) / 1000.0)).collect();
    assert!(v.iter().all(|x| (0.0..=1.0).contains(x)));
    assert!(v.contains(&0.0), "mostly steady");
    assert!(v.iter().any(|x| *x > 0.5), "with dips");
    assert!((flicker(0.0) - flicker(1.0)).abs() < 1e-9);
}

#[test]
fn far_layers_follow_the_camera() {
    let middle = Point::new(960.0, 540.0);
    assert_eq!(parallax(0.0, Point::new(100.0, 100.0), middle), (0.0, 0.0));
    assert_eq!(parallax(0.5, middle, middle), (0.0, 0.0));
    assert_eq!(
        parallax(0.5, Point::new(560.0, 740.0), middle),
        (-200.0, 100.0)
    );
    assert_eq!(
        parallax(1.0, Point::new(0.0, 0.0), middle),
        (-960.0, -540.0)
    );
    assert_eq!(parallax(f64::NAN, Point::new(0.0, 0.0), middle), (0.0, 0.0));
    // On screen, panning by p moves a layer at depth d by (1 − d)·p.
    let screen = |c: f64, d: f64| 300.0 + parallax(d, Point::new(c, 540.0), middle).0 - c;
    let pan = |d: f64| screen(700.0, d) - screen(500.0, d);
    assert_eq!(pan(0.0), -200.0);
    assert_eq!(pan(0.75), -50.0);
}

fn minimal() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/minimal-v2.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The shipped scenes move a little, and their far layers (sky, skyline) come first,
/// in few runs of one depth each: the painter caches them apart from the action
/// plane, so a pan shifts each part by its own amount instead of redrawing the
/// picture (about 70 ms a step at 1920 × 1080 here), and panning stays within a frame.
#[test]
fn shipped_scenes_move_and_keep_pans_fast() {
    for id in ["sewer", "site"] {
        let path = format!("{}/assets/scenes/{id}.json", env!("CARGO_MANIFEST_DIR"));
        let s = Scene::parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(s.has_motion(), "{id} has no motion");
        assert!(s.has_depth(), "{id} has no parallax");
        let runs = depth_runs(s.layers.iter().map(|l| l.depth));
        let cached: usize = runs.iter().map(|(_, n)| n).sum();
        let far = s.layers.iter().filter(|l| l.depth > 0.0).count();
        assert_eq!(
            cached, far,
            "{id}: a far layer is not cached apart: {runs:?}"
        );
    }
}

#[test]
fn far_layers_are_cached_in_runs_of_one_depth() {
    assert_eq!(depth_runs([]), vec![]);
    assert_eq!(depth_runs([0.0, 0.5]), vec![]);
    assert_eq!(
        depth_runs([0.8, 0.8, 0.5, 0.0, 0.3, 0.0]),
        vec![(0.8, 2), (0.5, 1)]
    );
    assert_eq!(
        depth_runs([0.8, 0.5, 0.8]),
        vec![(0.8, 1), (0.5, 1), (0.8, 1)]
    );
    assert_eq!(depth_runs([0.9, 0.7, 0.5, 0.3]), vec![], "too many runs");
    assert_eq!(depth_runs([f64::NAN, 0.5]), vec![]);
}

#[test]
fn a_good_motion_passes() {
    let mut v = minimal();
    v["layers"][0]["depth"] = serde_json::json!(0.8);
    v["layers"][3]["motion"] =
        serde_json::json!({"kind": "sway", "amount": 1.5, "period_s": 3, "pivot": [0.5, 1]});
    v["layers"].as_array_mut().unwrap().push(serde_json::json!(
        {"sprite": "toolbox", "x": 360, "y": 250, "w": 30, "h": 30,
         "motion": {"kind": "bob", "amount": 5, "period_s": 2, "phase_s": 1}}
    ));
    let s = Scene::parse("ok.json", &v.to_string()).unwrap();
    assert!(s.has_motion() && s.has_depth());
    // Written back, the same scene.
    let again = Scene::parse("ok.json", &serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(again, s);
}

#[test]
fn every_motion_problem_is_reported() {
    let mut v = minimal();
    v["layers"][1]["depth"] = serde_json::json!(0.3);
    v["layers"][3]["motion"] = serde_json::json!(
        {"kind": "flicker", "amount": 0.9, "period_s": 500, "phase_s": -1, "pivot": [2, 0]}
    );
    v["hazards"][0]["fixed"]["show"][0]["motion"] =
        serde_json::json!({"kind": "bob", "amount": 1, "period_s": 2});
    let err = Scene::parse("many.json", &v.to_string()).unwrap_err();
    let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    let want = [
        "many.json: layers[1].depth: a hazard or decoy names the layer \"box\"",
        "many.json: layers[3].motion.amount: flicker may be at most 0.2 for a layer a hazard or decoy names, this one is 0.9",
        "many.json: layers[3].motion.period_s: a cycle lasts 0.5 to 120 seconds, this one 500",
        "many.json: layers[3].motion.phase_s: must be 0 to 3600 seconds",
        "many.json: layers[3].motion.pivot: a point of the layer's box",
        "many.json: hazards[0].fixed.show[0].motion: layers of a fixed look are still",
    ];
    for w in want {
        assert!(
            lines.iter().any(|l| l.starts_with(w)),
            "missing «{w}» in {lines:#?}"
        );
    }
    assert_eq!(lines.len(), want.len(), "{lines:#?}");
}
