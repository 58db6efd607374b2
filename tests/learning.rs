//! The learning loop through the game: questions after each card, hints in steps,
//! "look first" after a burst of taps, explore and challenge modes, and seeded rounds
//! (a scene's subset of hazards, the same for the same challenge code).

mod common;

use common::{fixture, kinds};
use hazard_hunt::game::{Action, EndReason, Event, Game, Mode, Screen};
use hazard_hunt::geom::{Point, Rect};
use hazard_hunt::i18n::Lang;
use hazard_hunt::options::{Notice, Options};
use hazard_hunt::scene::Scene;
use hazard_hunt::scoring::rules::*;
use hazard_hunt::seed::Seed;

const VIEWPORT: Rect = Rect::new(0.0, 0.0, 400.0, 300.0);
const SQUARE: Point = Point::new(150.0, 150.0);
const ELL: Point = Point::new(270.0, 150.0);
const EMPTY: Point = Point::new(320.0, 150.0);

/// The views fixture (four hazards with questions, two in views), with `round` set
/// when given.
fn scene(round: Option<serde_json::Value>) -> Scene {
    let mut v: serde_json::Value = serde_json::from_str(&fixture("views.json")).unwrap();
    if let Some(r) = round {
        v["round"] = r;
    }
    Scene::parse("views.json", &v.to_string()).unwrap()
}

fn game(scene: Scene, mode: Mode, time_ms: Option<f64>, seed: Option<Seed>) -> Game {
    let mut g = Game::new(Lang::Zh)
        .with_mode(mode, time_ms)
        .with_seeds(7, seed);
    g.apply(Action::Resize { viewport: VIEWPORT });
    g.apply(Action::Load {
        scene_id: "views".into(),
    });
    g.apply(Action::Loaded(Box::new(scene)));
    g.apply(Action::Start);
    assert_eq!(g.screen(), Screen::Play);
    g
}

fn tap(g: &mut Game, p: Point) -> Vec<Event> {
    g.apply(Action::Tap {
        at: p,
        tolerance: 0.0,
    })
}

fn tick_for(g: &mut Game, ms: f64) -> Vec<Event> {
    let mut ev = Vec::new();
    let mut left = ms;
    while left > 0.0 {
        let dt = left.min(100.0);
        ev.extend(g.apply(Action::Tick { dt_ms: dt }));
        left -= dt;
    }
    ev
}

fn right_answer(g: &Game, i: usize) -> usize {
    g.scene().unwrap().hazards[i]
        .question
        .as_ref()
        .unwrap()
        .answers
        .iter()
        .position(|a| a.right)
        .unwrap()
}

#[test]
fn after_the_card_comes_its_question_and_a_wrong_answer_shows_the_right_one() {
    let mut g = game(scene(None), Mode::Explore, None, None);
    tap(&mut g, SQUARE);
    let ev = g.apply(Action::CloseCard);
    assert_eq!(kinds(&ev), ["cardClosed", "questionShown"]);
    assert_eq!(g.screen(), Screen::Question(0));
    // The clock stands still while the question is open.
    let t = g.round().elapsed_ms;
    tick_for(&mut g, 5000.0);
    assert_eq!(g.round().elapsed_ms, t);
    let wrong = (right_answer(&g, 0) + 1) % 3;
    let ev = g.apply(Action::Answer { choice: wrong });
    assert!(matches!(
        &ev[..],
        [Event::QuestionAnswered { right: false, points: 0, choice, .. }] if *choice == wrong
    ));
    assert_eq!(g.answer_of(0), Some(wrong));
    assert_eq!(g.screen(), Screen::Question(0), "it stays open to explain");
    assert_eq!(g.score().question_points, 0);
    let ev = g.apply(Action::CloseCard);
    assert_eq!(kinds(&ev), ["questionClosed"]);
    assert_eq!(g.screen(), Screen::Play);
    // The question of a hazard whose question was answered is not asked again.
    assert_eq!(g.breakdown().questions_asked, 1);
}

#[test]
fn a_burst_of_taps_that_find_nothing_means_look_first_and_a_find_then_scores_nothing() {
    let mut g = game(scene(None), Mode::Challenge, None, None);
    let (n, within) = BURSTS[0];
    let mut warned = false;
    for _ in 0..n {
        tick_for(&mut g, within / n as f64 / 2.0);
        warned |= kinds(&tap(&mut g, EMPTY)).contains(&"lookFirst".to_string());
    }
    assert!(
        warned,
        "{n} empty taps within {within} ms start a look-first pause"
    );
    assert!(g.looking_first());
    let ev = tap(&mut g, SQUARE);
    let found = ev.iter().find_map(|e| match e {
        Event::HazardFound {
            points, look_first, ..
        } => Some((*points, *look_first)),
        _ => None,
    });
    assert_eq!(
        found,
        Some((0, true)),
        "a find during the pause scores nothing"
    );
    g.apply(Action::CloseCard);
    g.apply(Action::CloseCard);
    // The pause ends; finds score again.
    tick_for(&mut g, LOOK_FIRST_MS);
    assert!(!g.looking_first());
    let ev = tap(&mut g, ELL);
    assert!(ev
        .iter()
        .any(|e| matches!(e, Event::HazardFound { points, look_first: false, .. } if *points > 0)));
}

#[test]
fn challenge_mode_ends_when_the_time_is_up_and_misses_cost_time() {
    let mut g = game(scene(None), Mode::Challenge, Some(30_000.0), None);
    assert_eq!(g.time_limit_ms(), Some(30_000.0));
    tick_for(&mut g, 10_000.0);
    assert_eq!(g.time_left_ms(), Some(20_000.0));
    tap(&mut g, EMPTY);
    assert_eq!(g.time_left_ms(), Some(20_000.0 - MISS_TIME_MS));
    let ev = tick_for(&mut g, 30_000.0);
    let end = ev.iter().find_map(|e| match e {
        Event::RoundEnded { summary } => Some(summary.end),
        _ => None,
    });
    assert_eq!(end, Some(EndReason::TimeUp));
    assert_eq!(g.screen(), Screen::Results);
    // Explore has no clock to beat.
    let g = game(scene(None), Mode::Explore, Some(30_000.0), None);
    assert_eq!(g.time_limit_ms(), None);
    assert_eq!(g.summary().unwrap().mode, Mode::Explore);
}

#[test]
fn the_default_challenge_time_grows_with_the_round() {
    let g = game(scene(None), Mode::Challenge, None, None);
    let total = g.round().total() as f64;
    assert_eq!(
        g.time_limit_ms(),
        Some(
            (total * hazard_hunt::game::CHALLENGE_PER_HAZARD_MS)
                .max(hazard_hunt::game::CHALLENGE_MIN_MS)
        )
    );
}

#[test]
fn the_mode_is_chosen_on_the_title_only() {
    let mut g = Game::new(Lang::Zh);
    let ev = g.apply(Action::SetMode(Mode::Challenge));
    assert_eq!(kinds(&ev), ["modeChanged"]);
    assert_eq!(g.mode(), Mode::Challenge);
    assert!(g.apply(Action::SetMode(Mode::Challenge)).is_empty());
    let mut g = game(scene(None), Mode::Explore, None, None);
    assert!(g.apply(Action::SetMode(Mode::Challenge)).is_empty());
    assert_eq!(g.mode(), Mode::Explore);
}

fn round_of(seed: Seed) -> (Vec<bool>, Vec<bool>) {
    let g = game(
        scene(Some(serde_json::json!({"hazards": 2, "decoys": 1}))),
        Mode::Explore,
        None,
        Some(seed),
    );
    (g.round().active.clone(), g.round().decoy_active.clone())
}

#[test]
fn a_challenge_code_gives_the_same_round_and_rounds_differ() {
    let seed = Seed::parse("K7Q-2MU").unwrap();
    let a = round_of(seed);
    assert_eq!(a, round_of(seed), "the same code, the same round");
    assert_eq!(a.0.iter().filter(|x| **x).count(), 2);
    assert_eq!(a.1.iter().filter(|x| **x).count(), 1);
    let mut seen = [false; 4];
    let mut differ = false;
    for n in 0..40 {
        let r = round_of(Seed::new(n * 997).unwrap());
        differ |= r != a;
        for (k, on) in r.0.iter().enumerate() {
            seen[k] |= *on;
        }
    }
    assert!(differ, "other codes give other rounds");
    assert!(
        seen.iter().all(|s| *s),
        "every hazard is in some round: {seen:?}"
    );
}

#[test]
fn hazards_left_out_of_a_round_are_drawn_done_right_and_are_not_there_to_find() {
    // Find a code that leaves the square out.
    let seed = (0..200)
        .map(|n| Seed::new(n).unwrap())
        .find(|&s| !round_of(s).0[0])
        .expect("some round leaves the square out");
    let mut g = game(
        scene(Some(serde_json::json!({"hazards": 2}))),
        Mode::Explore,
        None,
        Some(seed),
    );
    assert!(!g.round().is_active(0));
    assert_eq!(g.fixed_mask() & 1, 1, "the square shows its fixed look");
    assert_eq!(g.round().total(), 2);
    let ev = tap(&mut g, SQUARE);
    assert_eq!(kinds(&ev), ["miss"]);
    let s = g.summary().unwrap();
    assert_eq!(s.total, 2);
    assert_eq!(s.seed, seed.code());
    assert!(!s.missed.contains(&"square".to_string()));
    match g.apply(Action::ResetToTitle).first() {
        Some(Event::RoundEnded { summary }) => assert_eq!(summary.total, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_address_sets_mode_time_and_seed_and_bad_values_become_notices() {
    let o = Options::from_query("?mode=challenge&time=120&seed=k7q2mu");
    assert_eq!(o.mode, Mode::Challenge);
    assert_eq!(o.time_s, Some(120));
    assert_eq!(o.seed, Some(Seed::parse("K7Q-2MU").unwrap()));
    assert!(o.notices.is_empty());
    let o = Options::from_query("mode=race&time=5&seed=HELLO");
    assert_eq!((o.mode, o.time_s, o.seed), (Mode::Explore, None, None));
    assert_eq!(
        o.notices,
        vec![
            Notice::BadMode("race".into()),
            Notice::BadSeed("HELLO".into()),
            Notice::BadTime("5".into()),
        ]
    );
    // Tests may shorten the clock (not players).
    let o = Options::from_query("?mode=challenge&time=5&automation=1");
    assert_eq!(o.time_s, Some(5));
    assert!(o.notices.is_empty());
    assert_eq!(
        Options::from_query("?time=2&automation=1").notices,
        [Notice::BadTime("2".into())]
    );
    for bad in ["time=abc", "time=-30", "time=99999", "time=30.5"] {
        assert_eq!(Options::from_query(bad).time_s, None, "{bad}");
    }
}

#[test]
fn every_view_keeps_a_hazard_in_every_round() {
    // Three of the four hazards: whatever the code, each of the two views keeps its
    // one, and the main picture one of its two.
    let s = scene(Some(serde_json::json!({"hazards": 3})));
    for n in 0..300 {
        let (hazards, _) = hazard_hunt::seed::pick_subset(&s, Seed::new(n * 31).unwrap());
        assert_eq!(hazards.len(), 3);
        for stage in 1..s.stages() {
            assert!(
                hazards.iter().any(|&i| s.hazard_stage(i) == stage),
                "seed {n}: view {stage} has a hazard in {hazards:?}"
            );
        }
    }
}
