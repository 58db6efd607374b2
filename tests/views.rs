//! Views: places the player steps into from the main picture (a dark shaft with a
//! torch and a gas detector, an edge with wind). The fixture `views.json` has a
//! 400 × 300 main picture, a 200 × 800 dark shaft (8 m deep, a hazard at 500–600 and a
//! decoy rope) and a 400 × 500 edge.

mod common;

use common::{fixture, kinds, scene};
use hazard_hunt::game::{Action, Event, Game, Screen};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::scene::Scene;
use hazard_hunt::view::{self, alarm, reading_at, Edge, GasReading};

const VIEWPORT: Rect = Rect::new(0.0, 0.0, 400.0, 300.0);

fn playing() -> Game {
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize { viewport: VIEWPORT });
    g.apply(Action::Load {
        scene_id: "views".into(),
    });
    g.apply(Action::Loaded(Box::new(scene("views.json"))));
    g.apply(Action::Start);
    assert_eq!(g.screen(), Screen::Play);
    settle(&mut g);
    g
}

/// Lets any camera glide finish.
fn settle(g: &mut Game) {
    for _ in 0..200 {
        g.apply(Action::Tick { dt_ms: 16.0 });
    }
    assert!(!g.camera().is_moving());
}

/// Closes the card and skips its question.
fn close(g: &mut Game) {
    g.apply(Action::CloseCard);
    if matches!(g.screen(), Screen::Question(_)) {
        g.apply(Action::CloseCard);
    }
}

fn enter(g: &mut Game, id: &str) -> Vec<Event> {
    let ev = g.apply(Action::EnterView { id: id.into() });
    settle(g);
    ev
}

/// Taps the scene point `p` of whatever picture is on screen.
fn tap_scene(g: &mut Game, p: Point) -> Vec<Event> {
    let at = g.camera().to_screen(p);
    g.apply(Action::Tap { at, tolerance: 0.0 })
}

fn found_id(ev: &[Event]) -> Option<&str> {
    ev.iter().find_map(|e| match e {
        Event::HazardFound { id, .. } => Some(id.as_str()),
        _ => None,
    })
}

#[test]
fn a_scene_lists_its_views_and_which_picture_each_item_is_in() {
    let s = scene("views.json");
    assert_eq!(s.stages(), 3);
    assert_eq!(s.stage_size(1).h, 800.0);
    assert_eq!(s.stage_backdrop(2), "#8fd3ff");
    let stage = |id: &str| s.hazard_stage(s.hazard_index(id).unwrap());
    assert_eq!(
        (stage("square"), stage("rungs"), stage("loose-tools")),
        (0, 1, 2)
    );
    assert_eq!(s.decoy_stage(1), 1);
    // Each picture draws only its own layers; a fixed look changes only its own.
    assert_eq!(s.picture_layers_in(1, |_| false).len(), 3);
    let rungs = s.hazard_index("rungs").unwrap();
    let fixed = s.picture_layers_in(1, |i| i == rungs);
    assert!(fixed.iter().all(|l| l.id.as_deref() != Some("rungs")));
    assert_eq!(s.picture_layers(|i| i == rungs).len(), s.layers.len());
    // The checker's own round trip keeps the views.
    let again = serde_json::to_string(&s).unwrap();
    assert_eq!(Scene::parse("again", &again).unwrap(), s);
}

#[test]
fn stepping_into_a_view_shows_its_picture_and_stepping_out_restores_the_camera() {
    let mut g = playing();
    g.apply(Action::Zoom {
        at: Point::new(100.0, 100.0),
        factor: 2.0,
    });
    let before = *g.camera();
    let ev = enter(&mut g, "shaft");
    assert_eq!(kinds(&ev)[..2], ["viewEntered", "viewChanged"]);
    assert_eq!(g.stage(), 1);
    assert_eq!(g.view().unwrap().id, "shaft");
    assert_eq!(g.camera().scene.h, 800.0);
    // A tall shaft opens at its top, filling the width.
    assert!(g.camera().visible_scene().y <= 1.0, "{:?}", g.camera());
    assert!((g.camera().visible_scene().w - 200.0).abs() < 1.0);
    let ev = g.apply(Action::LeaveView);
    assert_eq!(kinds(&ev)[..2], ["viewLeft", "viewChanged"]);
    assert_eq!(g.stage(), 0);
    assert_eq!(*g.camera(), before);
    // Unknown ids, and asking outside play, change nothing.
    assert!(g.apply(Action::EnterView { id: "attic".into() }).is_empty());
    assert!(g.apply(Action::LeaveView).is_empty());
}

#[test]
fn a_tap_on_a_view_marker_steps_in_but_never_hides_a_hazard() {
    let mut g = playing();
    let entry = g.scene().unwrap().views[0].entry;
    let at = g.camera().to_screen(entry);
    // A little off the marker's centre, within its radius.
    let near = Point::new(at.x + hazard_hunt::game::ENTRY_RADIUS_CSS - 4.0, at.y);
    let ev = g.apply(Action::Tap {
        at: near,
        tolerance: 0.0,
    });
    assert_eq!(kinds(&ev)[..1], ["viewEntered"]);
    assert_eq!(g.stage(), 1);
    g.apply(Action::LeaveView);
    // Past its radius (and a finger's slack), a miss.
    let far = Point::new(at.x + hazard_hunt::game::ENTRY_RADIUS_CSS + 2.0, at.y);
    assert_eq!(
        kinds(&g.apply(Action::Tap {
            at: far,
            tolerance: 0.0
        })),
        ["miss"]
    );
    assert_eq!(g.stage(), 0);
    // In a view there are no markers: the same spot is a miss there.
    enter(&mut g, "shaft");
    assert_eq!(g.entry_at(near, 0.0), None);
}

#[test]
fn taps_find_only_what_is_in_the_picture_on_screen() {
    let mut g = playing();
    // The shaft's hazard sits at (100, 550) of the shaft; the same spot of the main
    // picture (clamped into it) holds nothing.
    let ev = tap_scene(&mut g, Point::new(100.0, 290.0));
    assert_eq!(found_id(&ev), None);
    enter(&mut g, "shaft");
    // Bring it into view as a drag would, then tap it.
    let (dx, dy) = g.camera().pan_to_center(Point::new(100.0, 550.0));
    g.apply(Action::Pan { dx, dy });
    let ev = tap_scene(&mut g, Point::new(100.0, 550.0));
    assert_eq!(found_id(&ev), Some("rungs"));
    assert_eq!(
        g.screen(),
        Screen::Card(g.scene().unwrap().hazard_index("rungs").unwrap())
    );
    close(&mut g);
    // The main picture's hazard (its square spans 100–200) cannot be found from
    // inside the shaft: the same spot here is a miss.
    let (dx, dy) = g.camera().pan_to_center(Point::new(120.0, 150.0));
    g.apply(Action::Pan { dx, dy });
    let ev = tap_scene(&mut g, Point::new(120.0, 150.0));
    assert_eq!(found_id(&ev), None);
    assert!(kinds(&ev).contains(&"miss".to_string()), "{ev:?}");
    // The decoy rope in the shaft answers as a decoy.
    let (dx, dy) = g.camera().pan_to_center(Point::new(160.0, 300.0));
    g.apply(Action::Pan { dx, dy });
    let ev = tap_scene(&mut g, Point::new(160.0, 300.0));
    assert!(kinds(&ev).contains(&"decoyTapped".to_string()), "{ev:?}");
}

#[test]
fn the_torch_follows_the_pointer_and_the_detector_reads_at_its_depth() {
    let mut g = playing();
    // No torch outside a dark view.
    assert!(g
        .apply(Action::Aim {
            at: Point::new(10.0, 10.0)
        })
        .is_empty());
    assert!(g.detector().is_none());
    enter(&mut g, "shaft");
    assert!(g.in_dark_view());
    // Before the pointer has been anywhere the detector samples the screen's middle.
    assert!(g.detector().is_some());
    // At the very top: fresh air, no alarm, quiet.
    let top = g.camera().to_screen(Point::new(100.0, 0.0));
    g.apply(Action::Aim { at: top });
    let d = g.detector().unwrap();
    assert!(
        d.reading.at_m < 0.01 && !d.alarms.any() && d.beep_ms.is_none(),
        "{d:?}"
    );
    // One metre down (100 of 800 units): methane near the top sets off the alarm.
    let y1 = Point::new(100.0, 100.0);
    let ev = g.apply(Action::Aim {
        at: g.camera().to_screen(y1),
    });
    assert_eq!(g.torch(), Some(g.camera().to_screen(y1)));
    let alarm_on = ev.iter().find_map(|e| match e {
        Event::GasAlarm { on, gases, .. } => Some((*on, gases.clone())),
        _ => None,
    });
    assert_eq!(alarm_on, Some((true, vec!["ch4".to_string()])));
    // At the bottom: low oxygen and hydrogen sulfide, and it beeps fastest.
    let (dx, dy) = g.camera().pan_to_center(Point::new(100.0, 800.0));
    g.apply(Action::Pan { dx, dy });
    let bottom = g.camera().to_screen(Point::new(100.0, 799.0));
    g.apply(Action::Aim { at: bottom });
    let d = g.detector().unwrap();
    assert!(d.reading.at_m > 7.9, "{d:?}");
    assert!(d.alarms.o2 && d.alarms.h2s && !d.alarms.co, "{d:?}");
    assert!(d.beep_ms.unwrap() < view::BEEP_ALARM_MS);
    assert!(!d.ventilated);
}

#[test]
fn finding_the_blower_off_ventilates_the_shaft() {
    let mut g = playing();
    // "square" is the fixture's ventilation hazard: find it on the main picture.
    let ev = tap_scene(&mut g, Point::new(150.0, 150.0));
    assert_eq!(found_id(&ev), Some("square"));
    close(&mut g);
    enter(&mut g, "shaft");
    let (dx, dy) = g.camera().pan_to_center(Point::new(100.0, 800.0));
    g.apply(Action::Pan { dx, dy });
    let ev = g.apply(Action::Aim {
        at: g.camera().to_screen(Point::new(100.0, 799.0)),
    });
    let d = g.detector().unwrap();
    assert!(d.ventilated && !d.alarms.any(), "{d:?}");
    assert!(!kinds(&ev).contains(&"gasAlarm".to_string()));
}

#[test]
fn a_hint_points_at_the_way_into_the_view_where_the_rest_hide() {
    let mut g = playing();
    let s = g.scene().unwrap().clone();
    // Find everything on the main picture; what is left is inside views.
    for p in [Point::new(150.0, 150.0), Point::new(270.0, 150.0)] {
        let ev = tap_scene(&mut g, p);
        assert!(found_id(&ev).is_some());
        close(&mut g);
    }
    // The first step is a clue in words; the second points the way.
    g.apply(Action::Hint);
    assert!(g.clue().is_some() && g.hint_spot().is_none());
    g.apply(Action::Hint);
    let (at, _) = g.hint_spot().expect("a hint on the main picture");
    let hinted_view = s.views.iter().find(|v| v.entry == at).expect("an entry");
    // Inside the other view the hint has no spot here: the way out glows instead.
    let other = if hinted_view.id == "shaft" {
        "edge"
    } else {
        "shaft"
    };
    g.apply(Action::EnterView { id: other.into() });
    assert!(g.hint_active());
    assert_eq!(g.hint_spot(), None);
    g.apply(Action::EnterView {
        id: hinted_view.id.clone(),
    });
    assert!(g.hint_spot().is_some());
}

#[test]
fn the_round_ends_on_the_main_picture_and_picking_a_view_hazard_shows_its_view() {
    let mut g = playing();
    enter(&mut g, "edge");
    assert!(g.wind_force().is_some());
    g.apply(Action::AskQuit);
    let ev = g.apply(Action::ConfirmQuit);
    assert!(kinds(&ev).contains(&"viewLeft".to_string()));
    assert_eq!((g.screen(), g.stage()), (Screen::Results, 0));
    let i = g.scene().unwrap().hazard_index("rungs").unwrap();
    g.apply(Action::ChooseResult(Some(i)));
    assert_eq!(g.stage(), 1);
    let j = g.scene().unwrap().hazard_index("square").unwrap();
    g.apply(Action::ChooseResult(Some(j)));
    assert_eq!(g.stage(), 0);
    // A new round starts outside.
    g.apply(Action::ChooseResult(Some(i)));
    g.apply(Action::PlayAgain);
    assert_eq!(g.stage(), 0);
}

#[test]
fn readings_between_depths_are_interpolated_and_held_at_the_ends() {
    let p = [
        GasReading {
            at_m: 0.0,
            o2: 20.9,
            ..Default::default()
        },
        GasReading {
            at_m: 4.0,
            o2: 16.9,
            h2s: 40.0,
            ..Default::default()
        },
    ];
    let r = reading_at(&p, 2.0);
    assert!((r.o2 - 18.9).abs() < 1e-9 && (r.h2s - 20.0).abs() < 1e-9);
    assert_eq!(reading_at(&p, 9.0).h2s, 40.0);
    assert_eq!(reading_at(&p, -1.0).o2, 20.9);
    assert_eq!(reading_at(&p, f64::NAN).o2, 20.9);
    assert_eq!(reading_at(&[], 3.0).o2, alarm::O2_AIR);
}

#[test]
fn the_alarm_follows_the_detector_levels_and_beeps_faster_near_danger() {
    let air = GasReading {
        o2: 20.9,
        ..Default::default()
    };
    assert!(!air.alarms().any());
    assert_eq!(air.beep_interval_ms(), None);
    let with = |f: &dyn Fn(&mut GasReading)| {
        let mut r = air;
        f(&mut r);
        r
    };
    assert!(with(&|r| r.o2 = 19.4).alarms().o2);
    assert!(!with(&|r| r.o2 = 19.5).alarms().o2);
    assert!(with(&|r| r.o2 = 23.6).alarms().o2);
    assert!(with(&|r| r.h2s = 10.0).alarms().h2s);
    assert!(!with(&|r| r.co = 24.0).alarms().co);
    assert!(with(&|r| r.ch4 = 10.0).alarms().ch4);
    // Closer to danger, shorter gaps between beeps.
    let gaps: Vec<f64> = [6.0, 8.0, 10.0, 20.0, 40.0]
        .iter()
        .map(|&h| with(&|r| r.h2s = h).beep_interval_ms().unwrap())
        .collect();
    assert!(gaps.windows(2).all(|w| w[1] < w[0]), "{gaps:?}");
    assert_eq!(gaps[4], view::BEEP_FASTEST_MS);
}

#[test]
fn the_wind_gusts_between_the_edge_forces() {
    let e = Edge {
        height_m: 24.0,
        wind_force: [5.0, 7.0],
    };
    let forces: Vec<f64> = (0..600)
        .map(|k| view::wind_force(&e, k as f64 * 0.1))
        .collect();
    assert!(forces.iter().all(|f| (5.0..=7.0).contains(f)));
    let (lo, hi) = forces
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &f| (a.min(f), b.max(f)));
    assert!(
        lo < 5.6 && hi > 6.4,
        "gusts swing across force 6: {lo}..{hi}"
    );
}

/// `views.json` with `edit` applied, parsed: the problems, one per line.
fn problems(edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&fixture("views.json")).unwrap();
    edit(&mut v);
    match Scene::parse("views.json", &v.to_string()) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_views_are_named_with_the_field_and_what_to_do() {
    use serde_json::json;
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["hazards"][2]["view"] = json!("cellar")),
            "hazards[2].view: no view has the id \"cellar\"",
        ),
        (
            Box::new(|v| v["views"][0]["gas"] = json!(null)),
            "views[0].gas: missing: a shaft view says what the gas detector reads",
        ),
        (
            Box::new(|v| v["views"][1]["edge"] = json!(null)),
            "views[1].edge: missing: an edge view gives its height and wind",
        ),
        (
            Box::new(|v| v["views"][0]["gas"]["before"][2]["at_m"] = json!(0.5)),
            "views[0].gas.before[2].at_m: depths must go down",
        ),
        (
            Box::new(|v| v["views"][0]["gas"]["after"][1]["at_m"] = json!(9)),
            "views[0].gas.after[1].at_m: must lie within the shaft (0–8 m)",
        ),
        (
            Box::new(|v| v["views"][0]["gas"]["ventilated_by"] = json!("fan")),
            "views[0].gas.ventilated_by: no hazard has the id \"fan\"",
        ),
        (
            Box::new(|v| v["views"][0]["entry"] = json!([900, 10])),
            "views[0].entry: the button that opens the view must sit on the main picture",
        ),
        (
            Box::new(|v| v["views"][0]["entry"] = json!([150, 150])),
            "views[0].entry: the view's marker would sit on \"square\"",
        ),
        (
            Box::new(|v| v["views"][1]["id"] = json!("shaft")),
            "views[1].id: \"shaft\" is used twice",
        ),
        (
            Box::new(|v| v["views"][1]["edge"]["wind_force"] = json!([8, 3])),
            "views[1].edge.wind_force: two Beaufort forces from 0 to 12, the calmest first",
        ),
        (
            // The region lies in the shaft's picture: 600 is inside it, 900 is not.
            Box::new(|v| v["hazards"][2]["region"][2] = json!([160, 900])),
            "hazards[2].region[2]: point lies outside the 200×800 scene",
        ),
        (
            Box::new(|v| v["hazards"][2]["layers"] = json!(["box"])),
            "hazards[2].layers[0]: no layer has the id \"box\"",
        ),
        (
            Box::new(|v| v["views"][0]["layers"][1]["label"] = json!(null)),
            "views[0].layers[1].label: missing: a hazard or decoy names the layer \"rungs\"",
        ),
        (
            Box::new(|v| {
                let one = v["views"][1].clone();
                v["views"] = json!([one.clone(), one.clone(), one.clone(), one.clone(), one]);
            }),
            "views: a scene may have at most 4 views, this one has 5",
        ),
    ];
    for (edit, want) in cases {
        let got = problems(edit);
        assert!(got.contains(want), "want «{want}» in:\n{got}");
    }
}

#[test]
fn a_view_staged_as_a_scene_has_its_own_picture_and_fixed_looks() {
    let s = scene("views.json");
    let shaft = s.staged(1);
    assert_eq!(shaft.size, s.stage_size(1));
    assert_eq!(shaft.layers, s.views[0].layers);
    assert!(shaft.views.is_empty());
    let rungs = s.hazard_index("rungs").unwrap();
    let square = s.hazard_index("square").unwrap();
    // Its own hazards' fixed looks apply; the main picture's do not.
    let all = shaft.picture_layers(|_| true);
    assert!(all.iter().all(|l| l.id.as_deref() != Some("rungs")));
    assert!(shaft.hazards[square].fixed.is_none());
    assert!(shaft.hazards[rungs].fixed.is_some());
    assert_eq!(s.staged(0).layers, s.layers);
}
