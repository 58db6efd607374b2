//! Decoys and fixed looks in play (scene format v2): a decoy is not a find, its note
//! says why it is safe, it counts against accuracy like a miss; found hazards show
//! their fixed look.

use hazard_hunt::game::{Action, EndReason, Event, Game, Screen};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::scene::Scene;

mod common;

fn scene() -> Scene {
    common::scene("minimal-v2.json")
}

const SQUARE: Point = Point::new(150.0, 150.0);
const ELL: Point = Point::new(270.0, 150.0);
const CONES: Point = Point::new(50.0, 245.0);

fn play() -> Game {
    let mut g = Game::new(Lang::En);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 400.0, 300.0),
    });
    g.apply(Action::Load {
        scene_id: "mini2".into(),
    });
    g.apply(Action::Loaded(Box::new(scene())));
    g.apply(Action::Start);
    g
}

fn tap(g: &mut Game, at: Point) -> Vec<Event> {
    g.apply(Action::Tap { at, tolerance: 0.0 })
}

#[test]
fn a_decoy_is_explained_not_found() {
    let mut g = play();
    g.apply(Action::Tick { dt_ms: 120.0 });
    assert_eq!(
        tap(&mut g, CONES),
        vec![Event::DecoyTapped {
            id: "cones-ok".into(),
            index: 0,
            time_ms: 120.0
        }]
    );
    assert_eq!(g.screen(), Screen::Decoy(0));
    assert_eq!(g.screen().name(), "decoy");
    assert_eq!(g.round().found_count(), 0);
    // The clock stops while the note is open; taps do nothing.
    g.apply(Action::Tick { dt_ms: 200.0 });
    assert_eq!(g.round().elapsed_ms, 120.0);
    assert!(tap(&mut g, SQUARE).is_empty());
    assert_eq!(
        g.apply(Action::CloseCard),
        vec![Event::NoteClosed {
            id: "cones-ok".into()
        }]
    );
    assert_eq!(g.screen(), Screen::Play);
    // Escape closes it too; a second tap on the same decoy counts again.
    tap(&mut g, CONES);
    assert_eq!(
        g.apply(Action::Back),
        vec![Event::NoteClosed {
            id: "cones-ok".into()
        }]
    );
    assert_eq!(g.decoy_ids(), vec!["cones-ok"]);
    assert_eq!(g.round().decoy_taps.len(), 2);
    // Decoys lower accuracy like misses (1 find of 3 taps), and cost a little.
    tap(&mut g, SQUARE);
    assert_eq!(g.accuracy(), Some(33));
    assert_eq!(
        g.score().miss_penalty,
        2 * hazard_hunt::scoring::rules::DECOY_POINTS
    );
}

#[test]
fn the_summary_lists_the_decoys_tapped() {
    let mut g = play();
    tap(&mut g, CONES);
    g.apply(Action::CloseCard);
    tap(&mut g, SQUARE);
    g.apply(Action::CloseCard);
    g.apply(Action::CloseCard); // its question, skipped
    tap(&mut g, ELL);
    g.apply(Action::CloseCard);
    let ev = g.apply(Action::CloseCard);
    let Some(Event::RoundEnded { summary }) = ev.last() else {
        panic!("{ev:?}")
    };
    assert_eq!(summary.end, EndReason::AllFound);
    assert_eq!(summary.decoys, vec!["cones-ok".to_string()]);
    assert_eq!(summary.decoy_taps, 1);
    assert_eq!(summary.accuracy, Some(67));
    let v = serde_json::to_value(summary).unwrap();
    assert_eq!(v["decoys"], serde_json::json!(["cones-ok"]));
    assert_eq!(v["decoyTaps"], 1);
}

#[test]
fn a_tap_near_both_prefers_the_hazard_not_yet_found() {
    let s = scene();
    let r = hazard_hunt::game::Round {
        found_at: vec![None, None],
        ..Default::default()
    };
    use hazard_hunt::game::{hit_target, Target};
    assert_eq!(hit_target(&s, &r, CONES, 0.0), Some(Target::Decoy(0)));
    assert_eq!(hit_target(&s, &r, SQUARE, 0.0), Some(Target::Hazard(0)));
    // Near both (5 units right of the cones' region, 15 left of the square): the
    // hazard still hidden wins, as a fingertip between the two most likely meant it.
    assert_eq!(
        hit_target(&s, &r, Point::new(85.0, 205.0), 30.0),
        Some(Target::Hazard(0))
    );
    // Near the decoy alone: the decoy.
    assert_eq!(
        hit_target(&s, &r, Point::new(85.0, 280.0), 30.0),
        Some(Target::Decoy(0))
    );
    assert_eq!(hit_target(&s, &r, Point::new(300.0, 280.0), 5.0), None);
}

#[test]
fn found_hazards_show_their_fixed_look() {
    let mut g = play();
    assert_eq!(g.fixed_mask(), 0);
    tap(&mut g, ELL);
    assert_eq!(g.fixed_mask(), 0b10, "shown as soon as it is found");
    let layers: Vec<&str> = g
        .scene()
        .unwrap()
        .picture_layers(|i| g.fixed_mask() & (1 << i) != 0)
        .iter()
        .map(|l| l.sprite.as_str())
        .collect();
    assert!(layers.contains(&"sign-folded"));
    g.apply(Action::CloseCard);
    g.apply(Action::CloseCard); // its question, skipped
    g.apply(Action::AskQuit);
    g.apply(Action::ConfirmQuit);
    assert_eq!(g.screen(), Screen::Results);
    assert_eq!(g.fixed_mask(), 0b10, "and on the results");
    g.apply(Action::PlayAgain);
    assert_eq!(g.fixed_mask(), 0, "the title shows the scene as it was");
}

#[test]
fn every_action_on_the_decoy_note() {
    let all: Vec<(&str, Action)> = vec![
        ("start", Action::Start),
        (
            "tap",
            Action::Tap {
                at: SQUARE,
                tolerance: 0.0,
            },
        ),
        ("close", Action::CloseCard),
        ("hint", Action::Hint),
        ("ask-quit", Action::AskQuit),
        ("cancel-quit", Action::CancelQuit),
        ("confirm-quit", Action::ConfirmQuit),
        ("back", Action::Back),
        ("play-again", Action::PlayAgain),
        ("reset", Action::ResetToTitle),
        ("lang", Action::ToggleLang),
        ("choose", Action::ChooseResult(Some(0))),
        ("dismiss", Action::DismissNotice),
        ("tick", Action::Tick { dt_ms: 10.0 }),
        ("retry", Action::Retry),
        (
            "load",
            Action::Load {
                scene_id: "x".into(),
            },
        ),
    ];
    for (name, action) in all {
        let mut g = play();
        tap(&mut g, CONES);
        let ev = g.apply(action);
        let kinds = common::kinds(&ev);
        let (want, screen): (&[&str], &str) = match name {
            "close" | "back" => (&["noteClosed"], "play"),
            "reset" => (&["roundEnded", "returnedToTitle"], "title"),
            "lang" => (&["languageChanged"], "decoy"),
            _ => (&[], "decoy"),
        };
        assert_eq!(kinds, want, "{name} on the decoy note");
        assert_eq!(g.screen().name(), screen, "{name} on the decoy note");
    }
}
