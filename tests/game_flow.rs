//! The game as a player moves through it: title, play, cards, results; scores, hints,
//! giving up, taps on every screen; URL parameters and pointer taps. Every step goes
//! through `Game::apply`, the one way in that the web layer uses too.

use hazard_hunt::game::{
    self, Action, EndReason, Event, Game, LoadState, Screen, HINT_MS, MAX_STEP_MS,
};
use hazard_hunt::geom::{self, Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::options::{AudioMode, Notice, Options};
use hazard_hunt::scene::Scene;

mod common;
use hazard_hunt::score::{self};
use hazard_hunt::scoring;

fn scene() -> Scene {
    common::scene("minimal.json")
}

// The viewport is the scene's own size, so CSS pixels are scene units here.
const SQUARE: Point = Point::new(150.0, 150.0);
const ELL: Point = Point::new(270.0, 150.0);
/// In the L's notch: not a hazard.
const EMPTY: Point = Point::new(320.0, 150.0);

/// A game on the title screen with the minimal scene loaded.
fn ready() -> Game {
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 400.0, 300.0),
    });
    g.apply(Action::Load {
        scene_id: "mini".into(),
    });
    g.apply(Action::Loaded(Box::new(scene())));
    assert_eq!(g.load(), &LoadState::Ready);
    g
}

fn playing() -> Game {
    let mut g = ready();
    assert!(!g.apply(Action::Start).is_empty());
    g
}

/// A tap with no tolerance, as a mouse gives exactly at `p`.
fn tap(g: &mut Game, p: Point) -> Vec<Event> {
    tap_with(g, p, 0.0)
}

fn tap_with(g: &mut Game, p: Point, tolerance: f64) -> Vec<Event> {
    g.apply(Action::Tap { at: p, tolerance })
}

fn found(ev: &[Event]) -> Option<usize> {
    ev.iter().find_map(|e| match e {
        Event::HazardFound { index, .. } => Some(*index),
        _ => None,
    })
}

fn is_miss(ev: &[Event]) -> bool {
    matches!(ev, [Event::Miss { .. }])
}

/// Closes the card, and skips its question if one follows.
fn close(g: &mut Game) -> bool {
    let closed = !g.apply(Action::CloseCard).is_empty();
    if matches!(g.screen(), Screen::Question(_)) {
        g.apply(Action::CloseCard);
    }
    closed
}

fn tick(g: &mut Game, ms: f64) {
    g.apply(Action::Tick { dt_ms: ms });
}

#[test]
fn nothing_starts_without_a_scene() {
    let mut g = Game::new(Lang::En);
    assert_eq!(g.screen(), Screen::Title);
    assert!(g.apply(Action::Start).is_empty());
    assert!(tap(&mut g, SQUARE).is_empty());
    assert_eq!(g.screen(), Screen::Title);
}

#[test]
fn taps_on_the_title_do_nothing() {
    let mut g = ready();
    assert!(tap(&mut g, SQUARE).is_empty());
    assert_eq!(g.round().found_count(), 0);
    assert!(g.round().misses.is_empty());
}

#[test]
fn full_round_all_found() {
    let mut g = playing();
    assert_eq!(g.screen(), Screen::Play);
    tick(&mut g, 16.0);
    assert_eq!(found(&tap(&mut g, SQUARE)), Some(0));
    assert_eq!(g.screen(), Screen::Card(0));
    // Taps while the card is open do nothing, and the clock stops.
    assert!(tap(&mut g, ELL).is_empty());
    tick(&mut g, 100.0);
    assert_eq!(g.round().elapsed_ms, 16.0);
    assert!(close(&mut g));
    assert_eq!(g.screen(), Screen::Play);
    assert_eq!(found(&tap(&mut g, ELL)), Some(1));
    assert!(g.round().all_found());
    assert!(close(&mut g));
    assert_eq!(g.screen(), Screen::Results);
    assert_eq!(g.round().end, Some(EndReason::AllFound));
    assert_eq!(g.found_ids(), vec!["square", "ell"]);
    assert_eq!(g.accuracy(), Some(100));
    // Results ignore taps that miss every hazard; play again goes to the title.
    assert!(tap(&mut g, EMPTY).is_empty());
    assert!(!close(&mut g));
    assert_eq!(g.apply(Action::PlayAgain), vec![Event::ReturnedToTitle]);
    assert_eq!(g.screen(), Screen::Title);
    // A new start is a fresh round.
    assert!(!g.apply(Action::Start).is_empty());
    assert_eq!(g.round().found_count(), 0);
    assert_eq!(g.round().elapsed_ms, 0.0);
}

#[test]
fn misses_are_recorded_where_they_happened() {
    let mut g = playing();
    assert!(is_miss(&tap(&mut g, EMPTY)));
    assert_eq!(g.screen(), Screen::Play);
    assert_eq!(g.round().misses.len(), 1);
    assert_eq!(g.round().misses[0].at, EMPTY);
    assert_eq!(g.accuracy(), Some(0));
    tap(&mut g, SQUARE);
    assert_eq!(g.accuracy(), Some(50));
}

#[test]
fn finding_the_same_hazard_twice_is_neither_find_nor_miss() {
    let mut g = playing();
    tap(&mut g, SQUARE);
    close(&mut g);
    assert_eq!(
        tap(&mut g, SQUARE),
        vec![Event::AlreadyFound {
            id: "square".into()
        }]
    );
    assert_eq!(g.screen(), Screen::Play);
    assert!(g.round().misses.is_empty());
    assert_eq!(g.round().found_count(), 1);
}

#[test]
fn touch_tolerance_finds_a_hazard_just_outside_its_edge() {
    let mut g = playing();
    let beside = Point::new(205.0, 150.0); // 5 px right of the square
    assert!(is_miss(&tap_with(&mut g, beside, 2.0)));
    assert_eq!(found(&tap_with(&mut g, beside, 8.0)), Some(0));
}

#[test]
fn hit_test_prefers_inside_then_unfound_then_smallest() {
    let s = scene();
    let mut round = game::Round {
        found_at: vec![None, None],
        ..Default::default()
    };
    assert_eq!(game::hit_test(&s, &round, SQUARE, 0.0), Some(0));
    assert_eq!(game::hit_test(&s, &round, EMPTY, 0.0), None);
    // Within slop of both: the nearer one wins.
    let between = Point::new(225.0, 150.0); // 25 from the square, 25 from the L
    let near_square = Point::new(215.0, 150.0);
    assert_eq!(game::hit_test(&s, &round, near_square, 40.0), Some(0));
    // Once the square is found, an equally near unfound hazard wins.
    round.found_at[0] = Some(0.0);
    assert_eq!(game::hit_test(&s, &round, between, 40.0), Some(1));
}

#[test]
fn giving_up_asks_first_and_stops_the_clock() {
    let mut g = playing();
    tap(&mut g, SQUARE);
    close(&mut g);
    assert_eq!(g.apply(Action::AskQuit), vec![Event::QuitAsked]);
    assert!(g.confirming_quit());
    // While the question shows, taps and time do not count.
    assert!(tap(&mut g, ELL).is_empty());
    let before = g.round().elapsed_ms;
    tick(&mut g, 200.0);
    assert_eq!(g.round().elapsed_ms, before);
    assert_eq!(g.apply(Action::CancelQuit), vec![Event::QuitCancelled]);
    assert_eq!(g.screen(), Screen::Play);
    g.apply(Action::AskQuit);
    let ev = g.apply(Action::ConfirmQuit);
    assert!(matches!(&ev[..], [Event::RoundEnded { summary }] if summary.end == EndReason::GaveUp));
    assert_eq!(g.screen(), Screen::Results);
    assert_eq!(g.round().end, Some(EndReason::GaveUp));
    assert_eq!(g.found_ids(), vec!["square"]);
    let summary = g.summary().unwrap();
    assert_eq!(summary.missed, vec!["ell".to_string()]);
    assert_eq!(summary.breakdown.finds.len(), 1, "only the find scores");
}

#[test]
fn quitting_is_only_possible_while_playing() {
    let mut g = ready();
    assert!(g.apply(Action::AskQuit).is_empty());
    assert!(g.apply(Action::ConfirmQuit).is_empty());
    g.apply(Action::Start);
    assert!(
        g.apply(Action::ConfirmQuit).is_empty(),
        "confirming needs the question first"
    );
    tap(&mut g, SQUARE);
    assert!(
        g.apply(Action::AskQuit).is_empty(),
        "not while a card is open"
    );
}

fn hint(g: &mut Game) -> Option<usize> {
    let ev = g.apply(Action::Hint);
    match &ev[..] {
        [Event::HintShown { id, .. }] => g.scene().unwrap().hazard_index(id),
        [] => None,
        other => panic!("unexpected events for a hint: {other:?}"),
    }
}

#[test]
fn hints_cost_points_point_at_hidden_hazards_and_expire() {
    let mut g = playing();
    tap(&mut g, SQUARE);
    close(&mut g);
    let h = hint(&mut g).expect("a hint while playing");
    assert_eq!(h, 1, "the only hazard still hidden");
    assert!(g.hint_active());
    // First a clue in words, no circle; asked again, the circle.
    assert_eq!(g.clue(), Some(h));
    assert_eq!(g.hint_spot(), None);
    assert_eq!(hint(&mut g), Some(h));
    assert_eq!(g.clue(), None);
    assert!(g.hint_spot().is_some());
    assert!(
        hint(&mut g).is_none(),
        "no third step while the circle shows"
    );
    assert_eq!(g.round().hints_used, 2);
    let (centre, radius) = game::hint_circle(g.scene().unwrap(), h);
    let target = geom::interior_point(g.scene().unwrap().hazards[h].polygon());
    assert!(
        centre.distance(target) < radius,
        "the circle contains the hazard"
    );
    assert!(centre.distance(target) > 0.0, "but is not centred on it");
    let mut ended = Vec::new();
    for _ in 0..((HINT_MS / MAX_STEP_MS) as usize + 1) {
        ended.extend(g.apply(Action::Tick { dt_ms: MAX_STEP_MS }));
    }
    assert_eq!(ended, vec![Event::HintEnded { id: "ell".into() }]);
    assert!(!g.hint_active());
    assert!(g.round().hint.is_none());
    // The hint costs part of that hazard's points, taken when it is found.
    assert_eq!(g.score().hint_penalty, 0);
    tap(&mut g, ELL);
    let b = g.breakdown();
    let ell = b.finds.iter().find(|f| f.hazard == h).unwrap();
    assert_eq!(
        ell.hint_cost,
        (ell.points + ell.speed_bonus) * scoring::rules::HINT_COST_PERCENT[1] / 100
    );
    assert_eq!(g.score().hint_penalty, ell.hint_cost);
}

#[test]
fn no_hint_once_everything_is_found_or_off_screen() {
    let mut g = ready();
    assert!(hint(&mut g).is_none(), "not on the title");
    g.apply(Action::Start);
    tap(&mut g, SQUARE);
    assert!(hint(&mut g).is_none(), "not while a card is open");
}

#[test]
fn finding_the_hinted_hazard_clears_the_hint() {
    let mut g = playing();
    let h = hint(&mut g).unwrap();
    let p = geom::interior_point(g.scene().unwrap().hazards[h].polygon());
    assert_eq!(found(&tap(&mut g, p)), Some(h));
    assert!(g.round().hint.is_none());
}

#[test]
fn long_pauses_do_not_count_as_play_time() {
    let mut g = playing();
    tick(&mut g, 60_000.0); // the tab slept for a minute
    assert_eq!(g.round().elapsed_ms, MAX_STEP_MS);
    tick(&mut g, f64::NAN);
    tick(&mut g, -5.0);
    assert_eq!(g.round().elapsed_ms, MAX_STEP_MS);
}

#[test]
fn a_round_scores_severity_speed_and_questions() {
    use hazard_hunt::scoring::rules::*;
    let mut g = Game::new(Lang::Zh);
    g.apply(Action::Resize {
        viewport: Rect::new(0.0, 0.0, 400.0, 300.0),
    });
    g.apply(Action::Load {
        scene_id: "mini2".into(),
    });
    g.apply(Action::Loaded(Box::new(common::scene("minimal-v2.json"))));
    g.apply(Action::Start);
    // The square is high severity, found at once: the top speed window.
    let ev = tap(&mut g, SQUARE);
    let (points, window) = ev
        .iter()
        .find_map(|e| match e {
            Event::HazardFound { points, window, .. } => Some((*points, *window)),
            _ => None,
        })
        .unwrap();
    assert_eq!(window, Some(SPEED_STEPS));
    assert_eq!(points, FIND_HIGH + SPEED_STEPS * SPEED_POINTS_PER_STEP);
    // Its question, answered right, adds points.
    g.apply(Action::CloseCard);
    assert_eq!(g.screen(), Screen::Question(0));
    let right = g.scene().unwrap().hazards[0]
        .question
        .as_ref()
        .unwrap()
        .answers
        .iter()
        .position(|a| a.right)
        .unwrap();
    g.apply(Action::Answer { choice: right });
    assert_eq!(g.score().question_points, QUESTION_POINTS);
    // A second answer changes nothing.
    assert!(g.apply(Action::Answer { choice: 0 }).is_empty());
    g.apply(Action::CloseCard);
    assert_eq!(g.screen(), Screen::Play);
    // The L is low severity, found late: a lower window.
    tick_for(&mut g, 3.0 * SPEED_WINDOW_MS);
    tap(&mut g, ELL);
    let s = g.score();
    assert_eq!(s.find_points, FIND_HIGH + FIND_LOW);
    assert_eq!(
        s.time_bonus,
        (SPEED_STEPS + SPEED_STEPS - 3) * SPEED_POINTS_PER_STEP
    );
    assert_eq!(s.total, s.find_points + s.time_bonus + s.question_points);
}

fn tick_for(g: &mut Game, ms: f64) {
    let mut left = ms;
    while left > 0.0 {
        let dt = left.min(MAX_STEP_MS);
        g.apply(Action::Tick { dt_ms: dt });
        left -= dt;
    }
}

#[test]
fn misclicks_lower_the_score_of_a_round() {
    let perfect = {
        let mut g = playing();
        tap(&mut g, SQUARE);
        close(&mut g);
        tap(&mut g, ELL);
        g.score().total
    };
    let mut g = playing();
    tap(&mut g, EMPTY);
    tap(&mut g, EMPTY);
    tap(&mut g, SQUARE);
    close(&mut g);
    tap(&mut g, ELL);
    assert_eq!(
        g.score().total,
        perfect - 2 * hazard_hunt::scoring::rules::MISS_POINTS
    );
    assert_eq!(g.accuracy(), Some(50));
}

#[test]
fn accuracy_and_clock_text() {
    assert_eq!(score::accuracy_percent(0, 0), None);
    assert_eq!(score::accuracy_percent(2, 1), Some(67));
    assert_eq!(score::clock_text(0.0), "0:00");
    assert_eq!(score::clock_text(61_999.0), "1:01");
    assert_eq!(score::clock_text(3_600_000.0), "60:00");
}

#[test]
fn url_options() {
    let o = Options::from_query("?lang=en&scene=sewer&automation=1");
    assert_eq!(
        (o.lang, o.scene.as_deref(), o.automation),
        (Lang::En, Some("sewer"), true)
    );
    assert!(o.notices.is_empty());
    let o = Options::from_query("");
    assert_eq!(
        (o.lang, o.scene.as_deref(), o.automation),
        (Lang::Zh, None, false)
    );
    let o = Options::from_query("?lang=xx&scene=..%2Fetc%2Fpasswd&utm_source=x&automation");
    assert_eq!(o.lang, Lang::Zh);
    assert_eq!(o.scene, None, "a bad scene id: the player picks one");
    assert!(!o.automation);
    assert_eq!(
        o.notices,
        vec![
            Notice::BadLang("xx".into()),
            Notice::BadScene("../etc/passwd".into())
        ]
    );
    // Long or strange values are shortened before being shown back.
    let o = Options::from_query(&format!("lang={}", "%E4%B8%AD".repeat(60)));
    let Notice::BadLang(v) = &o.notices[0] else {
        panic!()
    };
    assert_eq!(v.chars().count(), 41);
    assert_eq!(
        Options::from_query("scene=SEWER").scene.as_deref(),
        Some("sewer")
    );
}

#[test]
fn motion_option() {
    assert!(Options::from_query("").motion, "motion is on by default");
    for q in ["motion=off", "motion=OFF", "motion=0", "motion=false"] {
        let o = Options::from_query(q);
        assert!(!o.motion, "{q}");
        assert!(o.notices.is_empty(), "{q}");
    }
    for q in ["motion=on", "motion=1", "motion=off&motion=on"] {
        assert!(Options::from_query(q).motion, "{q}");
    }
    let o = Options::from_query("motion=slow");
    assert!(o.motion, "a bad value keeps the default");
    assert_eq!(o.notices, vec![Notice::BadMotion("slow".into())]);
    assert_eq!(o.notices[0].parts(), ("notice.bad_motion", "slow"));
}

#[test]
fn url_audio_option() {
    let audio = |q: &str| Options::from_query(q).audio;
    assert_eq!(audio(""), None, "not given: the remembered choice, else on");
    assert_eq!(audio("?audio=on"), Some(AudioMode::On));
    assert_eq!(audio("?audio=muted"), Some(AudioMode::Muted));
    assert_eq!(audio("?audio=OFF"), Some(AudioMode::Off));
    assert_eq!(audio("?audio=%20off%20"), Some(AudioMode::Off));
    assert_eq!(
        audio("?audio=off&audio=on"),
        Some(AudioMode::On),
        "the last wins"
    );
    for bad in ["xyz", "", "1", "mute"] {
        let o = Options::from_query(&format!("?lang=en&audio={bad}"));
        assert_eq!(o.audio, None, "{bad:?} falls back to the default");
        assert_eq!(o.notices, vec![Notice::BadAudio(bad.into())]);
        assert_eq!(o.notices[0].parts(), ("notice.bad_audio", bad));
        assert_eq!(o.lang, Lang::En, "the other parameters still count");
    }
    // The address wins over the player's remembered choice; without it, the choice.
    use AudioMode::*;
    assert_eq!(AudioMode::resolve(Some(On), Some(true)), On);
    assert_eq!(AudioMode::resolve(Some(Muted), Some(false)), Muted);
    assert_eq!(AudioMode::resolve(Some(Off), Some(false)), Off);
    assert_eq!(AudioMode::resolve(None, Some(true)), Muted);
    assert_eq!(AudioMode::resolve(None, Some(false)), On);
    assert_eq!(AudioMode::resolve(None, None), On);
    assert_eq!(
        [On, Muted, Off].map(AudioMode::code),
        ["on", "muted", "off"]
    );
}
