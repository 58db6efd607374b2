//! Kiosk mode: attract, walk-away, play together, the address's kiosk parameters.

mod common;

use common::{kinds, shipped_scenes};
use hazard_hunt::catalogue::Catalogue;
use hazard_hunt::game::{Action, EndReason, Event, Game, Screen};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::kiosk::{Demo, DemoCue, DEMO_FINDS, RETRY_MS};
use hazard_hunt::options::{KioskOptions, Notice, Options};
use hazard_hunt::scene::Scene;

const FRAME: f64 = 16.0;

fn kiosk_options(idle_s: u32, countdown_s: u32) -> KioskOptions {
    KioskOptions {
        idle_s,
        countdown_s,
        ..KioskOptions::default()
    }
}

/// A kiosk game booted as the web layer boots it: start, the catalogue arrives, the
/// first scene arrives. Returns the game and the scenes by id.
fn booted(idle_s: u32, countdown_s: u32) -> (Game, Vec<Scene>) {
    let scenes = shipped_scenes();
    let mut g = Game::new(Lang::Zh)
        .with_picker()
        .with_kiosk(kiosk_options(idle_s, countdown_s), None)
        .with_seeds(7, None);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 1920.0, 1080.0),
    });
    let ev = g.apply(Action::Start);
    assert_eq!(kinds(&ev), ["catalogueRequested"]);
    let ev = g.apply(Action::CatalogueLoaded(Box::new(Catalogue::from_scenes(
        &scenes,
    ))));
    let first = scenes[0].id.clone();
    assert!(
        ev.contains(&Event::LoadRequested {
            scene_id: first.clone()
        }),
        "{ev:?}"
    );
    let ev = g.apply(Action::Loaded(Box::new(scenes[0].clone())));
    assert!(ev.contains(&Event::AttractStarted { scene_id: first }));
    (g, scenes)
}

/// A kiosk game whose list of scenes has arrived, its first scene not yet.
fn listed() -> (Game, Vec<Scene>) {
    let scenes = shipped_scenes();
    let mut g = Game::new(Lang::Zh)
        .with_picker()
        .with_kiosk(KioskOptions::default(), None);
    g.apply(Action::Start);
    g.apply(Action::CatalogueLoaded(Box::new(Catalogue::from_scenes(
        &scenes,
    ))));
    (g, scenes)
}

/// Ticks `ms` of frames; every event that came.
fn run(g: &mut Game, ms: f64) -> Vec<Event> {
    let mut out = Vec::new();
    let mut t = 0.0;
    while t < ms {
        out.extend(g.apply(Action::Tick { dt_ms: FRAME }));
        t += FRAME;
    }
    out
}

fn tap_first_hazard(g: &mut Game) -> Vec<Event> {
    let scene = g.scene().unwrap().clone();
    let i = (0..scene.hazards.len())
        .find(|&i| g.round().is_active(i) && scene.hazard_stage(i) == 0 && !g.round().is_found(i))
        .unwrap();
    let at = g.camera().to_screen(scene.hazards[i].inside());
    g.apply(Action::Tap { at, tolerance: 0.0 })
}

#[test]
fn a_kiosk_boots_into_attract_and_the_demo_finds_hazards_with_their_cards() {
    let (mut g, _) = booted(60, 15);
    assert_eq!(g.screen_name(), "attract");
    // The demo runs for a while: real finds, cards opened and closed, never the end
    // of a round and never anything that counts (no round started or ended).
    let ev = run(&mut g, 40_000.0);
    let k = kinds(&ev);
    let finds = k.iter().filter(|t| *t == "hazardFound").count();
    assert!(finds >= 2, "{k:?}");
    assert!(k.iter().any(|t| t == "cardClosed"));
    assert!(!k.iter().any(|t| t == "roundStarted" || t == "roundEnded"));
    assert!(!k.iter().any(|t| t == "miss"), "the demo's taps hit: {k:?}");
    assert!(k.iter().any(|t| t == "viewChanged"), "the demo pans");
}

#[test]
fn the_demo_moves_on_to_the_next_scene_after_a_few_finds() {
    let (mut g, scenes) = booted(600, 15);
    let ev = run(&mut g, 60_000.0);
    assert!(
        ev.contains(&Event::LoadRequested {
            scene_id: scenes[1].id.clone()
        }),
        "{:?}",
        kinds(&ev)
    );
    let ev = g.apply(Action::Loaded(Box::new(scenes[1].clone())));
    assert!(ev.contains(&Event::AttractStarted {
        scene_id: scenes[1].id.clone()
    }));
    assert_eq!(g.screen_name(), "attract");
}

#[test]
fn the_demo_timetable_finds_a_few_then_steps_back() {
    let mut d = Demo::default();
    let mut cues = Vec::new();
    for _ in 0..10_000 {
        if let Some(c) = d.advance(FRAME, true) {
            cues.push(c);
        }
        if cues.last() == Some(&DemoCue::NextScene) {
            break;
        }
    }
    let taps = cues.iter().filter(|c| **c == DemoCue::Tap).count();
    assert_eq!(taps as u32, DEMO_FINDS);
    assert_eq!(&cues[..3], &[DemoCue::LookAt, DemoCue::Tap, DemoCue::Close]);
    assert_eq!(cues[cues.len() - 2], DemoCue::Overview);
    // A tap waits for the view to stop moving.
    let mut d = Demo::default();
    while d.advance(FRAME, false) != Some(DemoCue::LookAt) {}
    for _ in 0..1000 {
        assert_eq!(d.advance(FRAME, false), None);
    }
    assert_eq!(d.next_cue(), DemoCue::Tap);
}

#[test]
fn nothing_but_a_start_reaches_the_demo() {
    let (mut g, _) = booted(60, 15);
    let found_before = g.round().found_count();
    for a in [
        Action::Tap {
            at: Point::new(500.0, 500.0),
            tolerance: 20.0,
        },
        Action::Hint,
        Action::AskQuit,
        Action::Pan { dx: 40.0, dy: 0.0 },
        Action::Activity,
        Action::StillHere,
    ] {
        assert!(g.apply(a.clone()).is_empty(), "{a:?}");
    }
    assert_eq!(g.round().found_count(), found_before);
    // The language can be chosen before starting.
    assert_eq!(kinds(&g.apply(Action::ToggleLang)), ["languageChanged"]);
    assert_eq!(g.screen_name(), "attract");
}

#[test]
fn a_touch_starts_a_fresh_round_in_the_scene_on_screen_in_the_language_chosen() {
    let (mut g, scenes) = booted(60, 15);
    run(&mut g, 20_000.0);
    g.apply(Action::SetLang(Lang::En));
    let ev = g.apply(Action::KioskStart { team: false });
    assert_eq!(kinds(&ev)[0], "attractEnded");
    let started = ev
        .iter()
        .find_map(|e| match e {
            Event::RoundStarted {
                scene_id,
                lang,
                team,
                ..
            } => Some((scene_id.clone(), *lang, *team)),
            _ => None,
        })
        .expect("roundStarted");
    assert_eq!(started, (scenes[0].id.clone(), Lang::En, false));
    assert_eq!(g.screen(), Screen::Play);
    assert_eq!(g.screen_name(), "play");
    assert_eq!(g.round().found_count(), 0, "the demo's finds are gone");
    // Taps now play.
    let ev = tap_first_hazard(&mut g);
    assert!(kinds(&ev).contains(&"hazardFound".to_string()), "{ev:?}");
}

#[test]
fn walking_away_asks_counts_down_then_forgets_the_round() {
    let (mut g, _) = booted(5, 3);
    g.apply(Action::KioskStart { team: false });
    tap_first_hazard(&mut g);
    g.apply(Action::CloseCard);
    g.apply(Action::CloseCard);
    // Just under the quiet time: nothing.
    let ev = run(&mut g, 4_900.0);
    assert!(!kinds(&ev).contains(&"idleAsked".to_string()));
    let ev = run(&mut g, 200.0);
    assert!(ev.contains(&Event::IdleAsked {
        countdown_ms: 3000.0
    }));
    assert_eq!(g.screen_name(), "idle");
    assert_eq!(g.kiosk().unwrap().countdown_left_s(), Some(3));
    let ev = run(&mut g, 3_100.0);
    let k = kinds(&ev);
    let ended = ev.iter().find_map(|e| match e {
        Event::RoundEnded { summary } => Some(summary.clone()),
        _ => None,
    });
    let ended = ended.expect("roundEnded");
    assert_eq!(ended.end, EndReason::WalkedAway);
    assert_eq!(ended.found.len(), 1);
    let walked = k.iter().position(|t| t == "walkedAway").unwrap();
    let attract = k.iter().position(|t| t == "attractStarted").unwrap();
    assert!(walked < attract, "{k:?}");
    assert_eq!(g.screen_name(), "attract");
}

#[test]
fn a_touch_during_the_countdown_continues_the_round_and_does_nothing_else() {
    let (mut g, _) = booted(5, 10);
    g.apply(Action::KioskStart { team: false });
    tap_first_hazard(&mut g);
    g.apply(Action::CloseCard);
    g.apply(Action::CloseCard);
    let found = g.round().found_count();
    run(&mut g, 5_100.0);
    assert_eq!(g.screen_name(), "idle");
    // The touch that answers lands on a hazard: it only answers.
    let ev = tap_first_hazard(&mut g);
    assert_eq!(kinds(&ev), ["idleContinued"]);
    assert_eq!(g.round().found_count(), found);
    assert_eq!(g.screen_name(), "play");
    // The quiet time starts over.
    let ev = run(&mut g, 4_000.0);
    assert!(!kinds(&ev).contains(&"idleAsked".to_string()));
    // "Yes, still playing" does the same.
    run(&mut g, 1_200.0);
    assert_eq!(kinds(&g.apply(Action::StillHere)), ["idleContinued"]);
}

#[test]
fn touches_keep_the_kiosk_awake_and_cards_do_not_stop_the_walk_away_clock() {
    let (mut g, _) = booted(5, 10);
    g.apply(Action::KioskStart { team: false });
    for _ in 0..5 {
        run(&mut g, 3_000.0);
        g.apply(Action::Activity);
    }
    assert_eq!(g.screen_name(), "play");
    // A card open pauses the round's clock but the visitor may have left.
    tap_first_hazard(&mut g);
    assert!(matches!(g.screen(), Screen::Card(_)));
    let play_ms = g.round().elapsed_ms;
    run(&mut g, 5_100.0);
    assert_eq!(g.screen_name(), "idle");
    assert_eq!(g.round().elapsed_ms, play_ms);
}

#[test]
fn results_time_out_the_same_way() {
    let (mut g, _) = booted(5, 2);
    g.apply(Action::KioskStart { team: true });
    g.apply(Action::AskQuit);
    let ev = g.apply(Action::ConfirmQuit);
    let summary = ev
        .iter()
        .find_map(|e| match e {
            Event::RoundEnded { summary } => Some(summary.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(summary.end, EndReason::GaveUp);
    assert!(summary.team, "a group's round says so");
    assert_eq!(g.screen(), Screen::Results);
    let ev = run(&mut g, 7_200.0);
    let k = kinds(&ev);
    assert!(k.contains(&"idleAsked".to_string()));
    assert!(k.contains(&"walkedAway".to_string()));
    assert!(
        !k.contains(&"roundEnded".to_string()),
        "results are not a round"
    );
    assert_eq!(g.screen_name(), "attract");
    assert!(!g.team());
}

#[test]
fn play_again_in_a_kiosk_starts_the_same_scene_at_once() {
    let (mut g, scenes) = booted(60, 15);
    g.apply(Action::KioskStart { team: true });
    g.apply(Action::AskQuit);
    g.apply(Action::ConfirmQuit);
    let ev = g.apply(Action::PlayAgain);
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::RoundStarted { scene_id, team: true, .. } if *scene_id == scenes[0].id
    )));
    assert_eq!(g.screen(), Screen::Play);
}

#[test]
fn a_host_reset_goes_back_to_attract() {
    let (mut g, _) = booted(60, 15);
    g.apply(Action::KioskStart { team: false });
    let ev = g.apply(Action::ResetToTitle);
    let k = kinds(&ev);
    assert!(k.contains(&"roundEnded".to_string()));
    assert!(k.contains(&"attractStarted".to_string()));
    assert_eq!(g.screen_name(), "attract");
}

#[test]
fn a_touch_while_the_scene_loads_starts_as_soon_as_it_arrives() {
    let (mut g, scenes) = listed();
    assert_ne!(g.screen_name(), "attract", "nothing to show yet");
    let ev = g.apply(Action::KioskStart { team: false });
    assert_eq!(kinds(&ev), ["attractEnded"]);
    let ev = g.apply(Action::Loaded(Box::new(scenes[0].clone())));
    assert!(kinds(&ev).contains(&"roundStarted".to_string()));
    assert_eq!(g.screen(), Screen::Play);
}

#[test]
fn a_scene_that_fails_to_load_is_retried_with_the_next_one() {
    let (mut g, scenes) = listed();
    g.apply(Action::LoadFailed {
        message: "scenes/x.json: not found".into(),
    });
    let ev = run(&mut g, RETRY_MS + 100.0);
    assert!(
        ev.contains(&Event::LoadRequested {
            scene_id: scenes[1].id.clone()
        }),
        "{:?}",
        kinds(&ev)
    );
    g.apply(Action::Loaded(Box::new(scenes[1].clone())));
    assert_eq!(g.screen_name(), "attract");
}

#[test]
fn without_the_list_of_scenes_the_address_scene_is_shown() {
    let scenes = shipped_scenes();
    let id = scenes[1].id.clone();
    let mut g = Game::new(Lang::Zh).with_kiosk(KioskOptions::default(), Some(id.clone()));
    g.apply(Action::Start);
    let ev = g.apply(Action::CatalogueFailed {
        message: "offline".into(),
    });
    assert!(ev.contains(&Event::LoadRequested { scene_id: id }));
}

#[test]
fn kiosk_address_parameters_are_read_and_bad_ones_named() {
    let o = Options::from_query(
        "?mode=kiosk&idle=90&countdown=20&board=1&cursor=hide&staff=1&code=2468",
    );
    let k = o.kiosk.expect("kiosk");
    assert_eq!(
        (k.idle_s, k.countdown_s, k.board, k.hide_cursor),
        (90, 20, true, true)
    );
    assert_eq!(k.staff_code.as_deref(), Some("2468"));
    assert!(o.notices.is_empty());

    let o = Options::from_query("?mode=kiosk");
    assert_eq!(o.kiosk, Some(KioskOptions::default()));
    assert_eq!(o.kiosk.unwrap().idle_s, 60);

    // A staff code without staff=1 opens nothing; staff=1 without a code neither.
    assert_eq!(
        Options::from_query("?mode=kiosk&code=1234")
            .kiosk
            .unwrap()
            .staff_code,
        None
    );
    assert_eq!(
        Options::from_query("?mode=kiosk&staff=1")
            .kiosk
            .unwrap()
            .staff_code,
        None
    );

    let o = Options::from_query(
        "?mode=kiosk&idle=2&countdown=9999&board=maybe&cursor=blink&staff=1&code=12a4",
    );
    assert_eq!(
        o.notices,
        [
            Notice::BadCountdown("9999".into()),
            Notice::BadBoard("maybe".into()),
            Notice::BadCursor("blink".into()),
            Notice::BadCode("12a4".into()),
            Notice::BadIdle("2".into()),
        ]
    );
    let k = o.kiosk.unwrap();
    assert_eq!((k.idle_s, k.countdown_s, k.board), (60, 15, false));
    assert_eq!(k.staff_code, None);

    // Tests may shorten the quiet time, whatever order the parameters come in.
    let o = Options::from_query("?idle=2&mode=kiosk&countdown=2&automation=1");
    assert!(o.notices.is_empty(), "{:?}", o.notices);
    assert_eq!(o.kiosk.unwrap().idle_s, 2);

    // Kiosk rounds are explore rounds, and the last mode given wins.
    let o = Options::from_query("?mode=challenge&time=60&mode=kiosk");
    assert_eq!(o.mode, hazard_hunt::game::Mode::Explore);
    assert!(o.kiosk.is_some());
    assert!(Options::from_query("?mode=kiosk&mode=explore")
        .kiosk
        .is_none());
}

#[test]
fn kiosk_notices_have_strings_in_both_languages() {
    let strings = hazard_hunt::i18n::Strings::builtin();
    for n in [
        Notice::BadIdle("x".into()),
        Notice::BadCountdown("x".into()),
        Notice::BadBoard("x".into()),
        Notice::BadCursor("x".into()),
        Notice::BadCode("x".into()),
    ] {
        let (key, _) = n.parts();
        for lang in [Lang::Zh, Lang::En] {
            assert!(!strings.get(key, lang).is_empty(), "{key}");
        }
    }
}
