//! The seam: every action on every screen, the events each one causes, their JSON
//! shape (what `hazardHunt.events()` and later a host page receive) and the round
//! summary.

use common::kinds;
use hazard_hunt::game::{Action, EndReason, Event, Game, LoadState, Mode, Screen};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::options::Notice;
use hazard_hunt::scene::Scene;
use serde_json::json;

mod common;

fn scene() -> Scene {
    common::scene("minimal.json")
}

const VIEW: Rect = Rect::new(0.0, 0.0, 400.0, 300.0);
const SQUARE: Point = Point::new(150.0, 150.0);
const ELL: Point = Point::new(270.0, 150.0);
const EMPTY: Point = Point::new(320.0, 150.0);

fn loading() -> Game {
    let mut g = Game::new(Lang::Zh).with_notices(vec![Notice::BadLang("fr".into())]);
    g.apply(Action::Resize { viewport: VIEW });
    g.apply(Action::Load {
        scene_id: "mini".into(),
    });
    g
}

fn failed() -> Game {
    let mut g = loading();
    g.apply(Action::LoadFailed {
        message: "mini.json: broken".into(),
    });
    g
}

fn title() -> Game {
    let mut g = loading();
    g.apply(Action::Loaded(Box::new(scene())));
    g
}

fn play() -> Game {
    let mut g = title();
    g.apply(Action::Start);
    g
}

fn confirming() -> Game {
    let mut g = play();
    g.apply(Action::AskQuit);
    g
}

fn card() -> Game {
    let mut g = play();
    g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    g
}

fn results() -> Game {
    let mut g = confirming();
    g.apply(Action::ConfirmQuit);
    g
}

/// "How to play", opened from the title.
fn help() -> Game {
    let mut g = title();
    g.apply(Action::ShowHelp);
    g
}

/// "How to play", opened from the results.
fn results_help() -> Game {
    let mut g = results();
    g.apply(Action::ShowHelp);
    g
}

/// The results with every hazard shown put right.
fn results_fixed() -> Game {
    let mut g = results();
    g.apply(Action::ShowFixed(true));
    g
}

/// Every action there is, with a name for messages.
fn actions() -> Vec<(&'static str, Action)> {
    vec![
        (
            "load",
            Action::Load {
                scene_id: "mini".into(),
            },
        ),
        ("loaded", Action::Loaded(Box::new(scene()))),
        (
            "load-failed",
            Action::LoadFailed {
                message: "x".into(),
            },
        ),
        ("retry", Action::Retry),
        ("start", Action::Start),
        (
            "tap-hazard",
            Action::Tap {
                at: SQUARE,
                tolerance: 0.0,
            },
        ),
        (
            "tap-empty",
            Action::Tap {
                at: EMPTY,
                tolerance: 0.0,
            },
        ),
        ("close-card", Action::CloseCard),
        ("hint", Action::Hint),
        ("ask-quit", Action::AskQuit),
        ("cancel-quit", Action::CancelQuit),
        ("confirm-quit", Action::ConfirmQuit),
        ("back", Action::Back),
        ("play-again", Action::PlayAgain),
        ("reset-to-title", Action::ResetToTitle),
        ("set-lang", Action::SetLang(Lang::En)),
        ("toggle-lang", Action::ToggleLang),
        ("choose-result", Action::ChooseResult(Some(1))),
        ("show-fixed", Action::ShowFixed(true)),
        ("show-as-left", Action::ShowFixed(false)),
        ("show-help", Action::ShowHelp),
        ("print", Action::Print),
        ("dismiss-notice", Action::DismissNotice),
        ("tick", Action::Tick { dt_ms: 16.0 }),
        (
            "resize",
            Action::Resize {
                viewport: Rect::new(0.0, 0.0, 800.0, 600.0),
            },
        ),
        ("pan", Action::Pan { dx: -50.0, dy: 0.0 }),
        (
            "zoom",
            Action::Zoom {
                at: Point::new(200.0, 150.0),
                factor: 2.0,
            },
        ),
        ("reset-view", Action::ResetView),
        ("answer", Action::Answer { choice: 0 }),
        ("set-mode", Action::SetMode(Mode::Challenge)),
        ("enter-view", Action::EnterView { id: "shaft".into() }),
        ("leave-view", Action::LeaveView),
        (
            "aim",
            Action::Aim {
                at: Point::new(10.0, 10.0),
            },
        ),
        // Kiosk mode's own actions do nothing outside kiosk mode (tests/kiosk.rs).
        ("activity", Action::Activity),
        ("kiosk-start", Action::KioskStart { team: false }),
        ("still-here", Action::StillHere),
        (
            "host-start",
            Action::HostStart {
                scene_id: None,
                mode: None,
                seed: None,
            },
        ),
        ("pause", Action::Pause),
        ("resume", Action::Resume),
        // Without a `?scene=` list there is no next scene.
        ("next-scene", Action::NextScene),
    ]
}

/// The minimal v2 scene (its hazards have questions), on the question after the
/// square's card.
fn question() -> Game {
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize { viewport: VIEW });
    g.apply(Action::Load {
        scene_id: "mini2".into(),
    });
    g.apply(Action::Loaded(Box::new(common::scene("minimal-v2.json"))));
    g.apply(Action::Start);
    g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    g.apply(Action::CloseCard);
    assert_eq!(g.screen(), Screen::Question(0));
    g
}

/// What each action does on each screen: the event types it causes and the screen
/// it leaves. Anything not listed causes nothing and stays where it was.
#[test]
fn every_action_on_every_screen() {
    const LANG: &[&str] = &["languageChanged"];
    type Row = (&'static str, &'static [&'static str], &'static str);
    type Screens = Vec<(&'static str, fn() -> Game, Vec<Row>)>;
    let screens: Screens = vec![
        (
            "loading",
            loading,
            vec![
                ("pause", &["paused"], "title"),
                ("load", &["loadRequested"], "title"),
                ("loaded", &["sceneLoaded"], "title"),
                ("load-failed", &["loadFailed"], "title"),
                ("set-lang", LANG, "title"),
                ("toggle-lang", LANG, "title"),
                ("dismiss-notice", &["noticeDismissed"], "title"),
                ("set-mode", &["modeChanged"], "title"),
                ("show-help", &["helpShown"], "help"),
            ],
        ),
        (
            "failed",
            failed,
            vec![
                ("pause", &["paused"], "title"),
                ("load", &["loadRequested"], "title"),
                ("retry", &["loadRequested"], "title"),
                ("set-lang", LANG, "title"),
                ("toggle-lang", LANG, "title"),
                ("dismiss-notice", &["noticeDismissed"], "title"),
                ("set-mode", &["modeChanged"], "title"),
                ("show-help", &["helpShown"], "help"),
            ],
        ),
        (
            "title",
            title,
            vec![
                ("pause", &["paused"], "title"),
                ("host-start", &["roundStarted"], "play"),
                ("load", &["loadRequested"], "title"),
                ("start", &["roundStarted"], "play"),
                ("set-mode", &["modeChanged"], "title"),
                ("set-lang", LANG, "title"),
                ("toggle-lang", LANG, "title"),
                ("dismiss-notice", &["noticeDismissed"], "title"),
                ("zoom", &["viewChanged"], "title"),
                ("show-help", &["helpShown"], "help"),
            ],
        ),
        (
            "help",
            help,
            vec![
                ("pause", &["paused"], "help"),
                ("host-start", &["returnedToTitle", "roundStarted"], "play"),
                ("back", &["helpClosed"], "title"),
                ("reset-to-title", &["returnedToTitle"], "title"),
                ("set-lang", LANG, "help"),
                ("toggle-lang", LANG, "help"),
                ("zoom", &["viewChanged"], "help"),
            ],
        ),
        (
            "play",
            play,
            vec![
                ("pause", &["paused"], "play"),
                (
                    "host-start",
                    &["roundEnded", "returnedToTitle", "roundStarted"],
                    "play",
                ),
                ("tap-hazard", &["hazardFound"], "card"),
                ("tap-empty", &["miss"], "play"),
                ("hint", &["hintShown"], "play"),
                ("ask-quit", &["quitAsked"], "play"),
                (
                    "reset-to-title",
                    &["roundEnded", "returnedToTitle"],
                    "title",
                ),
                ("set-lang", LANG, "play"),
                ("toggle-lang", LANG, "play"),
                ("zoom", &["viewChanged"], "play"),
            ],
        ),
        (
            "confirming",
            confirming,
            vec![
                ("pause", &["paused"], "play"),
                (
                    "host-start",
                    &["roundEnded", "returnedToTitle", "roundStarted"],
                    "play",
                ),
                ("cancel-quit", &["quitCancelled"], "play"),
                ("confirm-quit", &["roundEnded"], "results"),
                ("back", &["quitCancelled"], "play"),
                (
                    "reset-to-title",
                    &["roundEnded", "returnedToTitle"],
                    "title",
                ),
                ("set-lang", LANG, "play"),
                ("toggle-lang", LANG, "play"),
                ("zoom", &["viewChanged"], "play"),
            ],
        ),
        (
            "card",
            card,
            vec![
                ("pause", &["paused"], "card"),
                (
                    "host-start",
                    &["roundEnded", "returnedToTitle", "roundStarted"],
                    "play",
                ),
                ("close-card", &["cardClosed"], "play"),
                ("back", &["cardClosed"], "play"),
                (
                    "reset-to-title",
                    &["roundEnded", "returnedToTitle"],
                    "title",
                ),
                ("set-lang", LANG, "card"),
                ("toggle-lang", LANG, "card"),
                ("zoom", &["viewChanged"], "card"),
            ],
        ),
        (
            "question",
            question,
            vec![
                ("pause", &["paused"], "question"),
                (
                    "host-start",
                    &["roundEnded", "returnedToTitle", "roundStarted"],
                    "play",
                ),
                ("answer", &["questionAnswered"], "question"),
                ("close-card", &["questionClosed"], "play"),
                ("back", &["questionClosed"], "play"),
                (
                    "reset-to-title",
                    &["roundEnded", "returnedToTitle"],
                    "title",
                ),
                ("set-lang", LANG, "question"),
                ("toggle-lang", LANG, "question"),
                ("zoom", &["viewChanged"], "question"),
            ],
        ),
        (
            "results",
            results,
            vec![
                ("pause", &["paused"], "results"),
                ("host-start", &["returnedToTitle", "roundStarted"], "play"),
                ("tap-hazard", &["resultChosen"], "results"),
                ("play-again", &["returnedToTitle"], "title"),
                ("reset-to-title", &["returnedToTitle"], "title"),
                ("set-lang", LANG, "results"),
                ("toggle-lang", LANG, "results"),
                ("choose-result", &["resultChosen"], "results"),
                ("zoom", &["viewChanged"], "results"),
                ("show-fixed", &["fixedShown"], "results"),
                ("show-help", &["helpShown"], "help"),
                ("print", &["printRequested"], "results"),
            ],
        ),
        (
            "results, all put right",
            results_fixed,
            vec![
                ("pause", &["paused"], "results"),
                ("host-start", &["returnedToTitle", "roundStarted"], "play"),
                ("tap-hazard", &["resultChosen"], "results"),
                ("play-again", &["returnedToTitle"], "title"),
                ("reset-to-title", &["returnedToTitle"], "title"),
                ("set-lang", LANG, "results"),
                ("toggle-lang", LANG, "results"),
                ("choose-result", &["resultChosen"], "results"),
                ("zoom", &["viewChanged"], "results"),
                ("show-as-left", &["fixedShown"], "results"),
                ("show-help", &["helpShown"], "help"),
                ("print", &["printRequested"], "results"),
            ],
        ),
        (
            "help over the results",
            results_help,
            vec![
                ("pause", &["paused"], "help"),
                ("host-start", &["returnedToTitle", "roundStarted"], "play"),
                ("back", &["helpClosed"], "results"),
                ("reset-to-title", &["returnedToTitle"], "title"),
                ("set-lang", LANG, "help"),
                ("toggle-lang", LANG, "help"),
                ("zoom", &["viewChanged"], "help"),
            ],
        ),
    ];
    let mut checked = 0;
    for (screen, make, rows) in &screens {
        for (name, action) in actions() {
            let mut g = make();
            let before = g.screen().name();
            let ev = g.apply(action);
            let (want, after): (Vec<&str>, &str) = match rows.iter().find(|r| r.0 == name) {
                Some((_, want, after)) => (want.to_vec(), after),
                None => (vec![], before),
            };
            assert_eq!(kinds(&ev), want, "{name} on the {screen} screen: events");
            assert_eq!(
                g.screen().name(),
                after,
                "{name} on the {screen} screen: screen"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, screens.len() * actions().len());
}

#[test]
fn events_serialize_as_plain_objects_with_camel_case_names() {
    let mut g = play();
    g.apply(Action::Tick { dt_ms: 200.0 });
    let ev = g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    assert_eq!(
        serde_json::to_value(&ev).unwrap(),
        json!([{
            "type": "hazardFound",
            "id": "square",
            "index": 0,
            "timeMs": 200.0,
            "found": 1,
            "total": 2,
            "category": "fire",
            "severity": "high",
            "points": 150,
            "window": 5,
            "lookFirst": false,
        }])
    );
    let ev = g.apply(Action::SetLang(Lang::En));
    assert_eq!(
        serde_json::to_value(&ev).unwrap(),
        json!([{"type": "languageChanged", "lang": "en"}])
    );
    assert_eq!(
        serde_json::to_value(Event::QuitAsked).unwrap(),
        json!({"type": "quitAsked"})
    );
}

#[test]
fn the_round_summary_says_what_happened() {
    let mut g = play();
    g.apply(Action::Tick { dt_ms: 100.0 });
    g.apply(Action::Tap {
        at: EMPTY,
        tolerance: 0.0,
    });
    g.apply(Action::Hint);
    g.apply(Action::Tick { dt_ms: 150.0 });
    // The L first, then the square: `found` lists them in the order found.
    g.apply(Action::Tap {
        at: ELL,
        tolerance: 0.0,
    });
    g.apply(Action::CloseCard);
    g.apply(Action::Tick { dt_ms: 250.0 });
    g.apply(Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    });
    let ev = g.apply(Action::CloseCard);
    let [Event::CardClosed { id }, Event::RoundEnded { summary }] = &ev[..] else {
        panic!("closing the last card ends the round: {ev:?}");
    };
    assert_eq!(id, "square");
    assert_eq!(summary.end, EndReason::AllFound);
    assert_eq!(Some(&**summary), g.summary().as_ref());
    let v = serde_json::to_value(summary).unwrap();
    assert_eq!(v["sceneId"], "mini");
    assert_eq!(v["lang"], "zh");
    assert_eq!(v["end"], "allFound");
    assert_eq!(v["timeMs"], 500.0);
    assert_eq!(v["accuracy"], 67);
    assert_eq!(v["total"], 2);
    assert_eq!(
        v["found"],
        json!([{"id": "ell", "timeMs": 250.0}, {"id": "square", "timeMs": 500.0}])
    );
    assert_eq!(v["missed"], json!([]));
    assert_eq!(v["hints"], 1);
    assert_eq!(v["misses"], 1);
    assert_eq!(v["score"]["total"], g.score().total);
    for part in [
        "findPoints",
        "missPenalty",
        "hintPenalty",
        "timeBonus",
        "total",
    ] {
        assert!(v["score"][part].is_u64(), "score.{part}");
    }
}

#[test]
fn leaving_mid_round_reports_an_abandoned_round() {
    let mut g = card();
    let ev = g.apply(Action::ResetToTitle);
    let Event::RoundEnded { summary } = &ev[0] else {
        panic!("{ev:?}")
    };
    assert_eq!(summary.end, EndReason::Abandoned);
    assert_eq!(summary.missed, vec!["ell".to_string()]);
    assert_eq!(g.screen(), Screen::Title);
    assert!(!g.confirming_quit());
}

#[test]
fn results_entries_are_picked_from_the_list_or_the_picture() {
    let mut g = results();
    let pick = |i: usize, id: &str| Event::ResultChosen {
        id: Some(id.into()),
        index: Some(i),
    };
    assert_eq!(g.apply(Action::ChooseResult(Some(1))), vec![pick(1, "ell")]);
    assert_eq!(g.selected(), Some(1));
    // The same entry again clears the pick; an index past the list is no pick.
    assert_eq!(
        g.apply(Action::ChooseResult(Some(1))),
        vec![Event::ResultChosen {
            id: None,
            index: None
        }]
    );
    assert!(g.apply(Action::ChooseResult(Some(99))).is_empty());
    // A tap on a hazard on the picture picks it; tapping it again keeps it.
    let tap = Action::Tap {
        at: SQUARE,
        tolerance: 0.0,
    };
    assert_eq!(g.apply(tap.clone()), vec![pick(0, "square")]);
    assert!(g.apply(tap).is_empty());
    // Play again forgets the pick.
    g.apply(Action::PlayAgain);
    assert_eq!(g.selected(), None);
}

#[test]
fn a_failed_load_can_be_retried() {
    let mut g = failed();
    assert_eq!(g.load(), &LoadState::Failed("mini.json: broken".into()));
    assert!(!g.can_start());
    assert_eq!(
        g.apply(Action::Retry),
        vec![Event::LoadRequested {
            scene_id: "mini".into()
        }]
    );
    assert_eq!(g.load(), &LoadState::Loading);
    g.apply(Action::Loaded(Box::new(scene())));
    assert!(g.can_start());
    assert_eq!(g.scene_id(), "mini");
}

#[test]
fn notices_show_on_the_title_until_dismissed_or_play_starts() {
    let mut g = title();
    assert_eq!(g.notices().len(), 1);
    g.apply(Action::DismissNotice);
    assert!(g.notices().is_empty());
    assert!(g.apply(Action::DismissNotice).is_empty());
    let mut g = title();
    g.apply(Action::Start);
    assert!(g.notices().is_empty());
}

#[test]
fn taps_follow_the_camera() {
    let mut g = play();
    // Zoom in 2× about the square's centre: the square now covers the middle of the
    // view, and a tap at the old spot of the L misses (it moved off to the right).
    g.apply(Action::Zoom {
        at: SQUARE,
        factor: 2.0,
    });
    let cam = *g.camera();
    let square_on_screen = cam.to_screen(SQUARE);
    assert!(
        square_on_screen.distance(SQUARE) < 1e-9,
        "zoom about the square"
    );
    let ell_on_screen = cam.to_screen(ELL);
    assert!(ell_on_screen.x > ELL.x, "the L moved right");
    let ev = g.apply(Action::Tap {
        at: ell_on_screen,
        tolerance: 0.0,
    });
    assert_eq!(kinds(&ev), ["hazardFound"]);
    assert_eq!(g.screen(), Screen::Card(1));
}

#[test]
fn the_view_is_kept_across_resizes_and_reset_on_the_title() {
    let mut g = play();
    g.apply(Action::Zoom {
        at: Point::new(100.0, 100.0),
        factor: 3.0,
    });
    g.apply(Action::Pan { dx: 20.0, dy: 0.0 });
    let (zoom, center) = (g.camera().zoom, g.camera().center);
    assert!(zoom > 1.0);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 800.0, 600.0),
    });
    assert_eq!(g.camera().zoom, zoom);
    assert!(g.camera().center.distance(center) < 1e-9);
    // Nonsense sizes are ignored.
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, f64::NAN, 0.0),
    });
    assert_eq!(g.camera().viewport, Rect::new(0.0, 0.0, 800.0, 600.0));
    let ev = g.apply(Action::ResetToTitle);
    assert_eq!(kinds(&ev), ["roundEnded", "returnedToTitle", "viewChanged"]);
    assert_eq!(g.camera().zoom, 1.0);
}

#[test]
fn the_results_picture_shows_every_hazard_put_right_on_demand() {
    let mut g = results();
    // Nothing found: the picture as the round left it has no fixed look.
    assert_eq!(g.fixed_mask(), 0);
    assert!(!g.showing_fixed());
    assert_eq!(
        g.apply(Action::ShowFixed(true)),
        vec![Event::FixedShown { on: true }]
    );
    assert!(g.showing_fixed());
    assert_eq!(g.fixed_mask(), 0b11, "both hazards put right");
    // Asking again changes nothing.
    assert!(g.apply(Action::ShowFixed(true)).is_empty());
    // "How to play" over the results keeps the picture as it was…
    g.apply(Action::ShowHelp);
    assert_eq!(g.fixed_mask(), 0b11);
    g.apply(Action::Back);
    assert_eq!(g.screen(), Screen::Results);
    assert!(g.showing_fixed());
    assert_eq!(
        g.apply(Action::ShowFixed(false)),
        vec![Event::FixedShown { on: false }]
    );
    assert_eq!(g.fixed_mask(), 0);
    // …and a new round starts with the picture as it is.
    g.apply(Action::ShowFixed(true));
    g.apply(Action::PlayAgain);
    assert!(!g.showing_fixed());
    assert_eq!(g.fixed_mask(), 0);
    g.apply(Action::Start);
    assert!(
        g.apply(Action::ShowFixed(true)).is_empty(),
        "only on the results"
    );
    assert_eq!(g.fixed_mask(), 0);
    assert_eq!(
        serde_json::to_value(Event::FixedShown { on: true }).unwrap(),
        json!({"type": "fixedShown", "on": true})
    );
}

#[test]
fn how_to_play_returns_where_it_was_opened_and_a_scene_still_loads_under_it() {
    // Opened on the title while the scene is still loading: the scene arrives.
    let mut g = loading();
    assert_eq!(kinds(&g.apply(Action::ShowHelp)), ["helpShown"]);
    assert_eq!(g.screen(), Screen::Help);
    assert_eq!(
        kinds(&g.apply(Action::Loaded(Box::new(scene())))),
        ["sceneLoaded"]
    );
    assert_eq!(g.load(), &LoadState::Ready);
    assert!(!g.can_start(), "Start is on the title, not under the help");
    assert_eq!(kinds(&g.apply(Action::Back)), ["helpClosed"]);
    assert_eq!(g.screen(), Screen::Title);
    assert!(g.can_start());
    // From the results, back to the results with the pick kept.
    let mut g = results();
    g.apply(Action::ChooseResult(Some(1)));
    g.apply(Action::ShowHelp);
    assert_eq!(g.screen().name(), "help");
    g.apply(Action::Back);
    assert_eq!(g.screen(), Screen::Results);
    assert_eq!(g.selected(), Some(1));
}

#[test]
fn a_tap_on_a_mark_of_the_results_picture_picks_its_hazard() {
    let mut g = results();
    let scene = g.scene().unwrap().clone();
    for (i, h) in scene.hazards.iter().enumerate() {
        let mark = g
            .camera()
            .to_screen(hazard_hunt::game::mark_point(h.polygon()));
        // Just inside the mark's rim, away from the outline: still a pick.
        let at = Point::new(mark.x, mark.y - hazard_hunt::game::MARK_CSS + 1.0);
        let ev = g.apply(Action::Tap { at, tolerance: 0.0 });
        assert_eq!(
            ev,
            vec![Event::ResultChosen {
                id: Some(h.id.clone()),
                index: Some(i)
            }]
        );
    }
    assert_eq!(
        serde_json::to_value(Event::PrintRequested).unwrap(),
        json!({"type": "printRequested"})
    );
}
