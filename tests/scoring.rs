//! The round's score (`src/scoring.rs`): the scoring table, the speed windows,
//! questions and hints, "look first" bursts and sweeps, stars, a total never below
//! zero; and the ranking test: on every shipped scene, a quick careful player beats a
//! slow careful one, who beats tap-spammers and grid sweepers.

mod common;

use hazard_hunt::game::{hit_target_in, Round, Target};
use hazard_hunt::geom::{self, Point};
use hazard_hunt::scene::{RoundSize, Scene, Severity, Size};
use hazard_hunt::scoring::rules::*;
use hazard_hunt::scoring::{
    find_points, speed_window, stars, Breakdown, HintStep, LookFirst, Outcome, ScoreKeeper,
};
use hazard_hunt::seed::{pick_subset, Rng, Seed};

const SIZE: Size = Size {
    w: 1600.0,
    h: 900.0,
};

fn keeper() -> ScoreKeeper {
    ScoreKeeper::new(SIZE)
}

fn p(x: f64, y: f64) -> Point {
    Point::new(x, y)
}

fn find(hazard: usize, severity: Severity) -> Outcome {
    Outcome::Find { hazard, severity }
}

const HIGH: Severity = Severity::High;

#[test]
fn finds_score_by_severity_plus_the_speed_bonus() {
    assert_eq!(find_points(Severity::Low), FIND_LOW);
    assert_eq!(find_points(Severity::Medium), FIND_MEDIUM);
    assert_eq!(find_points(Severity::High), FIND_HIGH);
    const { assert!(FIND_LOW < FIND_MEDIUM && FIND_MEDIUM < FIND_HIGH) };

    let mut k = keeper();
    let top = SPEED_STEPS * SPEED_POINTS_PER_STEP;
    let v = k.tap(1_000.0, p(10.0, 10.0), find(0, Severity::Low));
    assert_eq!((v.points, v.window), (FIND_LOW + top, Some(SPEED_STEPS)));
    let v = k.tap(2_000.0, p(500.0, 10.0), find(1, Severity::Medium));
    assert_eq!(v.points, FIND_MEDIUM + top);
    let v = k.tap(3_000.0, p(900.0, 10.0), find(2, HIGH));
    assert_eq!(v.points, FIND_HIGH + top);
    let b = k.finish(3_000.0, 4);
    assert_eq!(b.find_points, FIND_LOW + FIND_MEDIUM + FIND_HIGH);
    assert_eq!(b.speed_bonus, 3 * top);
    assert_eq!(b.score, b.find_points + b.speed_bonus);
    assert_eq!((b.found, b.total, b.accuracy), (3, 4, Some(100)));
    assert_eq!(b.finds[1].hazard, 1);
    assert_eq!(b.finds[1].total, FIND_MEDIUM + top);
}

#[test]
fn the_speed_bonus_falls_in_five_steps() {
    let w = SPEED_WINDOW_MS;
    assert_eq!(speed_window(0.0), 5);
    assert_eq!(speed_window(w - 1.0), 5);
    assert_eq!(speed_window(w), 4);
    assert_eq!(speed_window(2.0 * w), 3);
    assert_eq!(speed_window(3.0 * w), 2);
    assert_eq!(speed_window(4.0 * w - 1.0), 2);
    assert_eq!(speed_window(4.0 * w), 1);
    assert_eq!(speed_window(1e12), 1);
    assert_eq!(speed_window(f64::NAN), 1);
    assert_eq!(speed_window(-5.0), 5);

    // Each window is counted from the previous find, not from the start.
    let mut k = keeper();
    let mut t = 0.0;
    let mut got = Vec::new();
    for (i, gap) in [1.0, 1.5, 2.5, 3.5, 4.5, 0.5].iter().enumerate() {
        t += gap * w;
        got.push(k.tap(t, p(100.0 * i as f64, 50.0), find(i, HIGH)).window);
    }
    assert_eq!(got, [Some(4), Some(4), Some(3), Some(2), Some(1), Some(5)]);
}

#[test]
fn misses_and_decoys_cost_a_little_time_and_a_few_points() {
    let mut k = keeper();
    k.tap(1_000.0, p(10.0, 10.0), find(0, HIGH));
    // Three wrong taps add 6 s: a find 1 s later falls a window back.
    k.tap(1_500.0, p(400.0, 10.0), Outcome::Miss);
    k.tap(2_500.0, p(10.0, 400.0), Outcome::Decoy);
    k.tap(3_500.0, p(800.0, 800.0), Outcome::Miss);
    assert_eq!(k.penalty_ms(), 2.0 * MISS_TIME_MS + DECOY_TIME_MS);
    let v = k.tap(4_000.0, p(1200.0, 300.0), find(1, HIGH));
    assert_eq!(v.window, Some(speed_window(3_000.0 + k.penalty_ms())));
    assert_eq!(v.window, Some(4));
    let b = k.finish(5_000.0, 2);
    assert_eq!((b.misses, b.decoys), (2, 1));
    assert_eq!(b.miss_cost, 2 * MISS_POINTS + DECOY_POINTS);
    assert_eq!(b.time_ms, 5_000.0 + b.penalty_ms);
    assert_eq!(b.accuracy, Some(40));
    assert_eq!(
        b.score,
        b.find_points + b.speed_bonus - b.miss_cost,
        "{b:#?}"
    );
    // Small: a miss costs a tenth of a find or less.
    const { assert!(MISS_POINTS * 10 <= FIND_HIGH && DECOY_POINTS * 10 <= FIND_LOW) };
}

#[test]
fn taps_on_hazards_already_found_are_not_misses() {
    let mut k = keeper();
    k.tap(1_000.0, p(10.0, 10.0), find(0, HIGH));
    k.tap(2_000.0, p(10.0, 10.0), Outcome::AlreadyFound);
    // A find reported twice counts once.
    let v = k.tap(3_000.0, p(10.0, 10.0), find(0, HIGH));
    assert_eq!(v.points, 0);
    let b = k.finish(4_000.0, 3);
    assert_eq!((b.found, b.misses, b.accuracy), (1, 0, Some(100)));
}

#[test]
fn a_double_tap_takes_its_miss_back() {
    let mut k = keeper();
    k.tap(1_000.0, p(10.0, 10.0), Outcome::Miss);
    assert!(k.forgive_miss());
    assert!(!k.forgive_miss(), "only the last tap, only a miss");
    k.tap(1_200.0, p(10.0, 10.0), find(0, HIGH));
    assert!(!k.forgive_miss());
    let b = k.finish(2_000.0, 1);
    assert_eq!((b.misses, b.penalty_ms, b.miss_cost), (0, 0.0, 0));
}

#[test]
fn a_right_answer_earns_points_once() {
    let mut k = keeper();
    k.tap(1_000.0, p(10.0, 10.0), find(0, HIGH));
    k.tap(2_000.0, p(600.0, 10.0), find(1, HIGH));
    assert_eq!(k.answer(0, true), QUESTION_POINTS);
    assert_eq!(k.answer(0, false), 0, "only the first answer counts");
    assert_eq!(k.answer(1, false), 0);
    assert_eq!(k.answer(1, true), 0, "a second try earns nothing");
    assert_eq!(k.answer(7, true), 0, "not found: no question");
    let b = k.finish(3_000.0, 2);
    assert_eq!((b.questions_right, b.questions_asked), (1, 2));
    assert_eq!(b.question_points, QUESTION_POINTS);
    assert_eq!(b.finds[0].question, Some(true));
    assert_eq!(b.finds[1].question, Some(false));
    assert_eq!(b.score, b.find_points + b.speed_bonus + b.question_points);
}

#[test]
fn each_hint_step_costs_part_of_that_hazards_points() {
    assert!(HINT_COST_PERCENT[0] < HINT_COST_PERCENT[1] && HINT_COST_PERCENT[1] <= 100);
    let mut k = keeper();
    assert_eq!(k.hint(0, HintStep::Clue), HINT_COST_PERCENT[0]);
    assert_eq!(k.hint(1, HintStep::Clue), HINT_COST_PERCENT[0]);
    assert_eq!(k.hint(1, HintStep::Circle), HINT_COST_PERCENT[1]);
    assert_eq!(
        k.hint(1, HintStep::Clue),
        HINT_COST_PERCENT[1],
        "the furthest step counts"
    );
    k.hint(2, HintStep::Circle); // never found: costs nothing
    k.tap(1_000.0, p(10.0, 10.0), find(0, HIGH));
    k.tap(2_000.0, p(500.0, 10.0), find(1, HIGH));
    k.tap(3_000.0, p(900.0, 10.0), find(3, HIGH));
    assert_eq!(k.hint(3, HintStep::Circle), 0, "already found");
    let b = k.finish(4_000.0, 4);
    let full = FIND_HIGH + SPEED_STEPS * SPEED_POINTS_PER_STEP;
    assert_eq!(b.finds[0].hint, Some(HintStep::Clue));
    assert_eq!(b.finds[0].hint_cost, full * HINT_COST_PERCENT[0] / 100);
    assert_eq!(b.finds[1].hint_cost, full * HINT_COST_PERCENT[1] / 100);
    assert_eq!(b.finds[2].hint_cost, 0);
    assert_eq!(b.hint_cost, b.finds[0].hint_cost + b.finds[1].hint_cost);
    assert_eq!(b.hints, 1 + 2 + 2);
    assert_eq!(b.score, 3 * full - b.hint_cost);
}

#[test]
fn a_burst_of_empty_taps_starts_a_look_first_pause() {
    let (n, window) = BURSTS[0];
    let mut k = keeper();
    let step = window / n as f64;
    let mut t = 1_000.0;
    for i in 0..n {
        let v = k.tap(t, p(100.0 + 37.0 * (i % 3) as f64, 200.0), Outcome::Miss);
        let expect = (i + 1 == n).then_some(LookFirst::Burst);
        assert_eq!(v.warning, expect, "tap {i}");
        t += step;
    }
    let started = t - step;
    assert_eq!(k.look_first_until(), Some(started + LOOK_FIRST_MS));
    assert!(k.is_looking_first(started + LOOK_FIRST_MS - 1.0));
    // A find in the pause scores nothing, question included.
    let v = k.tap(started + 1_000.0, p(10.0, 10.0), find(0, HIGH));
    assert!(v.look_first);
    assert_eq!(v.points, 0);
    assert_eq!(k.answer(0, true), 0);
    // After the pause, finds score again.
    let v = k.tap(
        started + LOOK_FIRST_MS + 1.0,
        p(900.0, 500.0),
        find(1, HIGH),
    );
    assert!(!v.look_first && v.points > 0);
    let b = k.finish(started + 10_000.0, 2);
    assert_eq!((b.look_first_warnings, b.look_first_finds), (1, 1));
    assert_eq!(b.finds[0].total, 0);
    assert_eq!(b.finds[0].question, Some(true));
    assert_eq!(b.question_points, 0);
}

#[test]
fn spamming_on_keeps_the_pause_going_with_one_warning() {
    let mut k = keeper();
    let mut warnings = 0;
    let mut rng = Rng::new(5);
    for i in 0..60 {
        let t = i as f64 * 150.0;
        let at = p(rng.below(1600) as f64, rng.below(900) as f64);
        warnings += u32::from(k.tap(t, at, Outcome::Miss).warning.is_some());
    }
    assert_eq!(warnings, 1);
    assert!(k.is_looking_first(59.0 * 150.0 + LOOK_FIRST_MS - 1.0));
    assert_eq!(k.finish(9_000.0, 5).look_first_warnings, 1);
}

#[test]
fn slow_steady_guessing_is_a_burst_too_but_careful_misses_are_not() {
    let (n, window) = BURSTS[1];
    assert!(n > BURSTS[0].0 && window > BURSTS[0].1);
    // n empty taps spread over just under the window: a burst.
    let mut k = keeper();
    let step = (window - 1.0) / (n - 1) as f64;
    let mut rng = Rng::new(9);
    let warned: Vec<bool> = (0..n)
        .map(|i| {
            let at = p(rng.below(1600) as f64, rng.below(900) as f64);
            k.tap(i as f64 * step, at, Outcome::Miss).warning == Some(LookFirst::Burst)
        })
        .collect();
    assert_eq!(warned.iter().filter(|w| **w).count(), 1);
    assert!(warned[n - 1]);
    // A careful player's misses, a few seconds apart with finds between: never.
    let mut k = keeper();
    let mut t = 0.0;
    for i in 0..20 {
        t += 3_000.0;
        let at = p(rng.below(1600) as f64, rng.below(900) as f64);
        let outcome = if i % 3 == 2 {
            find(i, HIGH)
        } else {
            Outcome::Miss
        };
        assert_eq!(k.tap(t, at, outcome).warning, None, "tap {i}");
    }
}

#[test]
fn taps_marching_across_the_picture_are_a_sweep() {
    // Along a row, 1.5 s apart (too slow for a burst), misses with one find.
    let mut k = keeper();
    let mut warnings = Vec::new();
    for i in 0..SWEEP_TAPS {
        let outcome = if i == 1 { find(0, HIGH) } else { Outcome::Miss };
        let v = k.tap(
            1_500.0 * i as f64,
            p(100.0 + 120.0 * i as f64, 300.0),
            outcome,
        );
        warnings.push(v.warning);
    }
    assert_eq!(warnings[SWEEP_TAPS - 1], Some(LookFirst::Sweep));
    assert!(warnings[..SWEEP_TAPS - 1].iter().all(Option::is_none));

    // Down a diagonal with a little wobble: still a sweep.
    let mut k = keeper();
    let mut last = None;
    for i in 0..SWEEP_TAPS {
        let wobble = if i % 2 == 0 { 6.0 } else { -6.0 };
        let at = p(200.0 + 90.0 * i as f64 + wobble, 100.0 + 70.0 * i as f64);
        last = k.tap(2_000.0 * i as f64, at, Outcome::Miss).warning;
    }
    assert_eq!(last, Some(LookFirst::Sweep));

    // A find made in the tap that completes a sweep scores nothing.
    let mut k = keeper();
    for i in 0..SWEEP_TAPS {
        let outcome = if i == SWEEP_TAPS - 1 {
            find(3, HIGH)
        } else {
            Outcome::Miss
        };
        let v = k.tap(
            1_500.0 * i as f64,
            p(100.0, 100.0 + 150.0 * i as f64),
            outcome,
        );
        if i == SWEEP_TAPS - 1 {
            assert_eq!(v.warning, Some(LookFirst::Sweep));
            assert!(v.look_first && v.points == 0);
        }
    }
}

#[test]
fn taps_that_only_look_regular_are_not_a_sweep() {
    let cases: [(&str, Vec<Point>, usize); 4] = [
        (
            "uneven steps",
            (0..SWEEP_TAPS)
                .map(|i| p(100.0 + 60.0 * (i * i) as f64, 300.0))
                .collect(),
            0,
        ),
        (
            "turning corners",
            (0..SWEEP_TAPS)
                .map(|i| {
                    let c = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)][i % 4];
                    p(400.0 + 150.0 * c.0, 300.0 + 150.0 * c.1)
                })
                .collect(),
            0,
        ),
        (
            "on one spot",
            (0..SWEEP_TAPS)
                .map(|i| p(500.0 + i as f64, 500.0))
                .collect(),
            0,
        ),
        (
            "a line of finds",
            (0..SWEEP_TAPS)
                .map(|i| p(100.0 + 200.0 * i as f64, 300.0))
                .collect(),
            SWEEP_TAPS - SWEEP_MIN_EMPTY + 1,
        ),
    ];
    for (name, points, finds) in cases {
        let mut k = keeper();
        for (i, at) in points.into_iter().enumerate() {
            let outcome = if i < finds {
                find(i, HIGH)
            } else {
                Outcome::Miss
            };
            // 3 s apart: slower than any burst.
            let v = k.tap(3_000.0 * i as f64, at, outcome);
            assert_eq!(v.warning, None, "{name}: tap {i}");
        }
    }
}

#[test]
fn the_score_never_goes_below_zero() {
    let mut k = keeper();
    let mut rng = Rng::new(1);
    for i in 0..300 {
        let at = p(rng.below(1600) as f64, rng.below(900) as f64);
        k.tap(i as f64 * 100.0, at, Outcome::Miss);
        assert_eq!(k.breakdown(i as f64 * 100.0, 5).score, 0);
    }
    k.tap(40_000.0, p(5.0, 5.0), find(0, Severity::Low));
    let b = k.finish(41_000.0, 5);
    assert_eq!(b.score, 0);
    assert_eq!(b.miss_cost, 300 * MISS_POINTS);
    assert_eq!(b.stars, 1);
}

#[test]
fn stars_follow_the_thresholds() {
    let t3 = THREE_STARS_ACCURACY_PERCENT;
    let q3 = THREE_STARS_QUESTIONS_PERCENT;
    // found, total, accuracy, right, asked, warnings → stars
    let cases = [
        (10, 10, Some(100), 10, 10, 0, 3),
        (10, 10, Some(t3), q3 / 10, 10, 0, 3),
        (10, 10, Some(t3 - 1), 10, 10, 0, 2),
        (10, 10, Some(100), 6, 10, 0, 2),
        (10, 10, Some(100), 7, 10, 0, 3),
        (10, 10, Some(100), 10, 10, 1, 2),
        (10, 10, Some(100), 0, 0, 0, 3),
        (9, 10, Some(100), 9, 9, 0, 2),
        (6, 10, Some(TWO_STARS_ACCURACY_PERCENT), 0, 6, 0, 2),
        (5, 10, Some(100), 5, 5, 0, 1),
        (6, 10, Some(TWO_STARS_ACCURACY_PERCENT - 1), 6, 6, 0, 1),
        (0, 10, None, 0, 0, 0, 1),
        (0, 0, None, 0, 0, 0, 1),
    ];
    for (found, total, acc, right, asked, warnings, expect) in cases {
        assert_eq!(
            stars(found, total, acc, right, asked, warnings),
            expect,
            "{found}/{total} found, accuracy {acc:?}, {right}/{asked} right, {warnings} warnings"
        );
    }
    assert!(q3 <= 100 && TWO_STARS_FOUND_PERCENT < 100);
}

#[test]
fn the_breakdown_serializes_in_camel_case_and_finish_freezes_it() {
    let mut k = keeper();
    k.tap(1_000.0, p(10.0, 10.0), find(0, HIGH));
    k.answer(0, true);
    let b = k.finish(2_000.0, 3);
    let v = serde_json::to_value(&b).unwrap();
    for key in [
        "score",
        "stars",
        "finds",
        "findPoints",
        "speedBonus",
        "questionPoints",
        "hintCost",
        "missCost",
        "accuracy",
        "questionsRight",
        "questionsAsked",
        "timeMs",
        "penaltyMs",
        "lookFirstWarnings",
        "lookFirstFinds",
    ] {
        assert!(v.get(key).is_some(), "{key} missing from {v}");
    }
    assert_eq!(v["finds"][0]["speedBonus"], 50);
    assert_eq!(v["finds"][0]["severity"], "high");
    // Nothing changes after the end.
    k.tap(3_000.0, p(500.0, 10.0), find(1, HIGH));
    k.answer(1, true);
    assert_eq!(k.finish(9_000.0, 3), b);
    assert_eq!(k.breakdown(9_000.0, 3), b);
}

// ---------------------------------------------------------------------------------
// The ranking test: simulated players on every shipped scene, hit-tested as the game
// hit-tests, fed to a ScoreKeeper.

/// Every shipped scene, parsed as the game parses it.
fn shipped() -> Vec<Scene> {
    common::shipped_scenes()
}

/// The scene as one seeded round shows it: only its active hazards and decoys.
fn round_of(scene: &Scene, seed: Seed) -> Scene {
    let (hazards, decoys) = pick_subset(scene, seed);
    let mut s = scene.clone();
    s.hazards = hazards.iter().map(|&i| scene.hazards[i].clone()).collect();
    s.decoys = decoys.iter().map(|&i| scene.decoys[i].clone()).collect();
    s
}

/// A player's round: the scene, what is found, the clock and the keeper.
struct Sim<'a> {
    scene: &'a Scene,
    round: Round,
    keeper: ScoreKeeper,
    t: f64,
    /// Share of questions this player answers right (deterministic pattern).
    knows: u32,
    answered: u32,
    /// The picture the player looks at (0: the main one; views are other stages).
    stage: usize,
    rng: Rng,
}

/// A fingertip's slack around an outline, in scene units (as the game converts it).
const SLOP: f64 = 8.0;

impl<'a> Sim<'a> {
    fn new(scene: &'a Scene, seed: u64, knows_percent: u32) -> Sim<'a> {
        Sim {
            scene,
            round: Round {
                found_at: vec![None; scene.hazards.len()],
                found_play_ms: vec![None; scene.hazards.len()],
                ..Round::default()
            },
            keeper: ScoreKeeper::new(scene.size),
            t: 0.0,
            knows: knows_percent,
            answered: 0,
            stage: 0,
            rng: Rng::new(seed),
        }
    }

    fn all_found(&self) -> bool {
        self.round.all_found()
    }

    /// Taps at `at` after `wait_ms`; a find opens the card and the question (the clock
    /// stops), which the player answers.
    fn tap(&mut self, wait_ms: f64, at: Point) {
        self.t += wait_ms;
        let outcome = match hit_target_in(self.scene, &self.round, self.stage, at, SLOP) {
            Some(Target::Hazard(i)) if self.round.is_found(i) => Outcome::AlreadyFound,
            Some(Target::Hazard(i)) => {
                self.round.found_at[i] = Some(self.t);
                Outcome::Find {
                    hazard: i,
                    severity: self.scene.hazards[i].severity,
                }
            }
            Some(Target::Decoy(_)) => Outcome::Decoy,
            None => Outcome::Miss,
        };
        self.keeper.tap(self.t, at, outcome);
        if let Outcome::Find { hazard, .. } = outcome {
            // Right for `knows` percent of the questions, spread evenly.
            let right =
                (self.answered * self.knows) / 100 != ((self.answered + 1) * self.knows) / 100;
            self.answered += 1;
            self.keeper.answer(hazard, right);
        }
    }

    /// A point near hazard `i` that hits nothing: a careful player's near miss. None
    /// when there is no such point close by.
    fn near_miss(&mut self, i: usize) -> Option<Point> {
        let h = &self.scene.hazards[i];
        let b = geom::bounds(h.polygon());
        for _ in 0..40 {
            let angle = self.rng.below(360) as f64 * std::f64::consts::PI / 180.0;
            let r = (b.w.max(b.h) * 0.5 + 20.0 + self.rng.below(60) as f64).max(30.0);
            let c = h.inside();
            let at = Point::new(c.x + r * angle.cos(), c.y + r * angle.sin());
            if self.scene.stage_rect(self.stage).contains(at)
                && hit_target_in(self.scene, &self.round, self.stage, at, SLOP).is_none()
            {
                return Some(at);
            }
        }
        None
    }

    fn random_point(&mut self) -> Point {
        let s = self.scene.size;
        Point::new(
            self.rng.below(s.w as u64) as f64,
            self.rng.below(s.h as u64) as f64,
        )
    }

    fn finish(mut self) -> Breakdown {
        let total = self.scene.hazards.len();
        self.keeper.finish(self.t, total)
    }
}

/// A careful player: looks (`look_ms` give or take a third) before each tap, taps
/// inside the hazards in some order, now and then taps near one first (`miss_percent`
/// of the hazards), asks for hints on the last `hints` hazards, knows 80 % of the
/// answers.
fn careful(scene: &Scene, seed: u64, look_ms: f64, miss_percent: u64, hints: usize) -> Breakdown {
    let mut sim = Sim::new(scene, seed, 80);
    let mut order: Vec<usize> = (0..scene.hazards.len()).collect();
    sim.rng.shuffle(&mut order);
    let n = order.len();
    let wait = |rng: &mut Rng| look_ms * (0.67 + rng.below(67) as f64 / 100.0);
    for (k, &i) in order.iter().enumerate() {
        // A careful player goes into a view to look for what is inside it.
        sim.stage = scene.hazard_stage(i);
        if k + hints >= n {
            let w = wait(&mut sim.rng);
            sim.t += w;
            sim.keeper.hint(i, HintStep::Clue);
            if k + 1 == n {
                sim.keeper.hint(i, HintStep::Circle);
            }
        }
        if sim.rng.below(100) < miss_percent {
            if let Some(at) = sim.near_miss(i) {
                let w = wait(&mut sim.rng);
                sim.tap(w, at);
            }
        }
        let w = wait(&mut sim.rng);
        sim.tap(w, scene.hazards[i].inside());
        assert!(
            sim.round.is_found(i),
            "{}: {} not found",
            scene.id,
            scene.hazards[i].id
        );
    }
    sim.finish()
}

/// Taps anywhere, one tap every `every_ms`, until everything is found or `limit_ms`
/// has passed; knows the answers as well as the careful players.
fn spammer(scene: &Scene, seed: u64, every_ms: f64, limit_ms: f64) -> Breakdown {
    let mut sim = Sim::new(scene, seed, 80);
    while !sim.all_found() && sim.t < limit_ms {
        let at = sim.random_point();
        sim.tap(every_ms, at);
    }
    sim.finish()
}

/// Taps a grid row by row (`cols` across, square cells), one tap every `every_ms`,
/// until everything is found or the grid is done; knows the answers too.
fn sweeper(scene: &Scene, seed: u64, cols: usize, every_ms: f64) -> Breakdown {
    let mut sim = Sim::new(scene, seed, 80);
    let cell = scene.size.w / cols as f64;
    let rows = (scene.size.h / cell).ceil() as usize;
    'grid: for r in 0..rows {
        for c in 0..cols {
            if sim.all_found() {
                break 'grid;
            }
            let at = Point::new((c as f64 + 0.5) * cell, (r as f64 + 0.5) * cell);
            sim.tap(every_ms, at);
        }
    }
    sim.finish()
}

fn line(name: &str, b: &Breakdown) -> String {
    format!(
        "{name:>16}: score {:>5}  stars {}  found {:>2}/{:<2} accuracy {:>3?}%  warnings {:>2}  paused finds {:>2}  time {:>5.0} s",
        b.score,
        b.stars,
        b.found,
        b.total,
        b.accuracy.unwrap_or(0),
        b.look_first_warnings,
        b.look_first_finds,
        b.time_ms / 1000.0
    )
}

#[test]
fn careful_quick_beats_careful_slow_beats_spammers_and_sweepers() {
    let mut report = Vec::new();
    for full in shipped() {
        let n = full.hazards.len();
        let subset = {
            let mut s = full.clone();
            s.round = Some(RoundSize {
                hazards: n - 2,
                decoys: None,
            });
            round_of(&s, Seed::from_bits(2024))
        };
        for (label, scene) in [("whole", &full), ("seeded round", &subset)] {
            for seed in 1..=3u64 {
                let quick = careful(scene, seed, 4_000.0, 15, 0);
                let slow = careful(scene, seed + 100, 16_000.0, 35, 2);
                let others = [
                    ("spammer fast", spammer(scene, seed, 150.0, 120_000.0)),
                    ("spammer steady", spammer(scene, seed, 700.0, 300_000.0)),
                    ("spammer slow", spammer(scene, seed, 1_300.0, 600_000.0)),
                    ("random guesser", spammer(scene, seed, 2_500.0, 900_000.0)),
                    ("sweeper fast", sweeper(scene, seed, 16, 300.0)),
                    ("sweeper slow", sweeper(scene, seed, 16, 1_500.0)),
                    ("sweeper fine", sweeper(scene, seed, 32, 600.0)),
                ];
                report.push(format!("{} ({label}, seed {seed}):", scene.id));
                report.push(line("careful quick", &quick));
                report.push(line("careful slow", &slow));
                for (name, b) in &others {
                    report.push(line(name, b));
                }
                let all = report.join("\n");
                assert_eq!(quick.found as usize, scene.hazards.len());
                assert!(quick.score > slow.score, "quick ≤ slow\n{all}");
                for (name, b) in &others {
                    assert!(slow.score > b.score, "slow ≤ {name}\n{all}");
                    assert!(b.stars == 1, "{name} got {} stars\n{all}", b.stars);
                    // Spammers and sweepers are not even close: the careful slow player
                    // scores at least twice as much. (A slow random guesser is no
                    // spammer: it ranks below, but takes far longer, and its accuracy
                    // keeps it at one star.)
                    if !name.ends_with("guesser") {
                        assert!(slow.score > 2 * b.score, "{name} too close\n{all}");
                    }
                }
                assert_eq!(quick.stars, 3, "{all}");
                assert!(
                    quick.look_first_warnings == 0 && slow.look_first_warnings == 0,
                    "{all}"
                );
            }
        }
    }
    println!("{}", report.join("\n"));
}
