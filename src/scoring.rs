//! The score of a round, as the Safety Month teaches it: 早发现、早报告、早处置 — find it
//! early, report it early, deal with it early. A [`ScoreKeeper`] is fed plain calls (a
//! tap and what it landed on, a hint, an answer to a question, the end of the round)
//! with the round clock in milliseconds, and gives the [`Breakdown`] the results screen
//! shows. It never sees the browser or the game's screens: the caller stops the clock
//! while a card or a question is open and passes the clock as it reads.
//!
//! How a round scores (every number is in [`rules`]):
//! - **A find** earns points by the hazard's severity, plus a **speed bonus** in five
//!   steps: found within the first window after the previous find (or the start) earns
//!   5 steps, within the second 4, … after the fourth 1, like the five scoring windows,
//!   5 → 1, of a driving-test hazard-perception clip.
//! - **The question** after the card ("What do you do now?") earns points when answered
//!   right at the first try; a wrong answer costs nothing (the card explains).
//! - **A hint** costs part of that hazard's find points: more for the second step (the
//!   circle) than the first (the text clue). A hint for a hazard never found costs
//!   nothing, as it earned nothing.
//! - **A miss or a decoy** costs a few points and a little time (added to the clock, so
//!   the next find falls in a later window), and lowers accuracy.
//! - **Look first**: a burst of taps that find nothing, or taps marching across the
//!   picture at regular steps (a sweep), start a short pause in which finds score
//!   nothing (neither their points nor their question). The keeper says when the
//!   warning "先看清，再点击 / Look first, then tap" should show.
//! - The total never goes below zero. **Stars** (1–3) are in [`stars`].
//!
//! Why the speed windows run from the previous find and not from the start of the
//! round: every hazard then gets its own "clip", as in the driving test, where each
//! clip's windows open when its hazard appears. A round-clock window would make the
//! last hazards of a big scene (or of a big seeded subset) worth little however quick
//! the player is, would score the same play differently on scenes with 6 or 12
//! hazards, and would mean nothing in the untimed explore mode. Measured from the last
//! find, a quick, steady player earns the top window on every find, and a slow one
//! earns less on every find.

use crate::geom::Point;
use crate::scene::{Severity, Size};
use serde::Serialize;

/// Every number the scoring uses, in one place; the README and the "How to play"
/// screen quote them.
pub mod rules {
    /// Points for finding a hazard of low severity ("minor").
    pub const FIND_LOW: u32 = 50;
    /// Points for finding a hazard of medium severity ("serious").
    pub const FIND_MEDIUM: u32 = 75;
    /// Points for finding a hazard of high severity ("can kill").
    pub const FIND_HIGH: u32 = 100;

    /// Width of one speed window, in ms of round clock (misses' time included),
    /// counted from the previous find or the start of the round.
    pub const SPEED_WINDOW_MS: f64 = 6_000.0;
    /// Number of speed windows: a find in the first earns this many steps, each later
    /// window one fewer, and every find after the last window still earns 1.
    pub const SPEED_STEPS: u32 = 5;
    /// Points per speed step (so 10 to 50 points a find).
    pub const SPEED_POINTS_PER_STEP: u32 = 10;

    /// Points for answering a hazard's question right at the first try.
    pub const QUESTION_POINTS: u32 = 50;

    /// Share (percent) of that hazard's find points (severity and speed) a hint takes,
    /// by the furthest step used: the text clue, then the circle.
    pub const HINT_COST_PERCENT: [u32; 2] = [25, 50];

    /// Points a tap on nothing costs.
    pub const MISS_POINTS: u32 = 10;
    /// Time a tap on nothing adds to the clock, in ms.
    pub const MISS_TIME_MS: f64 = 2_000.0;
    /// Points a tap on a decoy costs: less than a miss, as it was a fair look at
    /// something that looks risky (its note says why it is done right).
    pub const DECOY_POINTS: u32 = 5;
    /// Time a tap on a decoy adds to the clock, in ms.
    pub const DECOY_TIME_MS: f64 = 2_000.0;

    /// Bursts: this many taps in a row that find nothing new (misses, decoys, hazards
    /// already found), within this many ms of round clock, start a "look first"
    /// pause. The first catches hammering (5 taps in 2 s); the second, steady
    /// guessing (6 in 8 s).
    pub const BURSTS: [(usize, f64); 2] = [(5, 2_000.0), (6, 8_000.0)];
    /// Sweeps: this many taps in a row at nearly equal steps in nearly the same
    /// direction (a row or column of a grid, or a line across the picture) start a
    /// "look first" pause…
    pub const SWEEP_TAPS: usize = 5;
    /// …when at least this many of them found nothing new…
    pub const SWEEP_MIN_EMPTY: usize = 3;
    /// …each step is at least this share of the scene's diagonal (taps on one spot
    /// are a burst, not a sweep)…
    pub const SWEEP_MIN_STEP: f64 = 0.02;
    /// …the longest step is at most this share longer than the shortest…
    pub const SWEEP_STEP_SPREAD: f64 = 0.25;
    /// …and each step turns at most this many degrees from the one before.
    pub const SWEEP_TURN_DEG: f64 = 20.0;
    /// How long a "look first" pause lasts after the tap that started it (or the
    /// latest tap that would have started it), in ms of round clock.
    pub const LOOK_FIRST_MS: f64 = 5_000.0;

    /// Two stars: at least this share (percent) of the round's hazards found…
    pub const TWO_STARS_FOUND_PERCENT: u32 = 60;
    /// …with at least this accuracy (percent of taps that found a hazard).
    pub const TWO_STARS_ACCURACY_PERCENT: u32 = 50;
    /// Three stars: every hazard found, with at least this accuracy…
    pub const THREE_STARS_ACCURACY_PERCENT: u32 = 75;
    /// …at least this share (percent) of the questions answered right at the first
    /// try, and no "look first" warning in the round.
    pub const THREE_STARS_QUESTIONS_PERCENT: u32 = 70;
}

use rules::*;

/// Points for finding a hazard of this severity.
pub fn find_points(severity: Severity) -> u32 {
    match severity {
        Severity::Low => FIND_LOW,
        Severity::Medium => FIND_MEDIUM,
        Severity::High => FIND_HIGH,
    }
}

/// The speed window (5 = quickest … 1) of a find made `elapsed_ms` after the previous
/// find or the start of the round (misses' time included).
pub fn speed_window(elapsed_ms: f64) -> u32 {
    let e = if elapsed_ms.is_finite() {
        elapsed_ms.max(0.0)
    } else {
        f64::MAX
    };
    let late = (e / SPEED_WINDOW_MS).floor();
    if late >= f64::from(SPEED_STEPS - 1) {
        1
    } else {
        SPEED_STEPS - late as u32
    }
}

/// Stars for a round, 1 to 3:
/// - ★★★ every hazard found, accuracy at least [`THREE_STARS_ACCURACY_PERCENT`], at
///   least [`THREE_STARS_QUESTIONS_PERCENT`] of the questions answered right at the
///   first try (met when none was asked), and no "look first" warning;
/// - ★★ at least [`TWO_STARS_FOUND_PERCENT`] of the hazards found, accuracy at least
///   [`TWO_STARS_ACCURACY_PERCENT`];
/// - ★ every other round, so nobody leaves with nothing.
///
/// Stars reward finding the hazards with care and knowing what to do; the score is
/// where speed counts.
pub fn stars(
    found: u32,
    total: u32,
    accuracy: Option<u32>,
    questions_right: u32,
    questions_asked: u32,
    warnings: u32,
) -> u8 {
    let found_pct = percent(found, total).unwrap_or(0);
    let acc = accuracy.unwrap_or(0);
    let questions = percent(questions_right, questions_asked).unwrap_or(100);
    if total > 0
        && found >= total
        && acc >= THREE_STARS_ACCURACY_PERCENT
        && questions >= THREE_STARS_QUESTIONS_PERCENT
        && warnings == 0
    {
        3
    } else if found_pct >= TWO_STARS_FOUND_PERCENT && acc >= TWO_STARS_ACCURACY_PERCENT {
        2
    } else {
        1
    }
}

/// `part` of `whole` as a whole percentage, rounded; `None` when `whole` is 0.
fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| ((f64::from(part) * 100.0) / f64::from(whole)).round() as u32)
}

/// What a tap landed on, as the game's hit test decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A hazard not found before (its index in the scene, and its severity).
    Find { hazard: usize, severity: Severity },
    /// Nothing.
    Miss,
    /// A decoy: something that looks risky but is done right.
    Decoy,
    /// A hazard found before. Not a miss (accuracy ignores it), but it finds nothing
    /// new, so it counts towards a burst or a sweep.
    AlreadyFound,
}

impl Outcome {
    fn is_find(self) -> bool {
        matches!(self, Outcome::Find { .. })
    }
}

/// The two steps of a hint: a riddle-like text clue, then a soft circle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HintStep {
    Clue,
    Circle,
}

impl HintStep {
    /// Share (percent) of the hazard's find points this step (with the ones before
    /// it) takes.
    pub fn cost_percent(self) -> u32 {
        match self {
            HintStep::Clue => HINT_COST_PERCENT[0],
            HintStep::Circle => HINT_COST_PERCENT[1],
        }
    }
}

/// Why a "look first" pause started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LookFirst {
    /// Many taps that found nothing, close together.
    Burst,
    /// Taps marching across the picture at regular steps.
    Sweep,
}

/// What one tap did to the score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TapVerdict {
    /// Points the tap earned now: a find's severity points and speed bonus (0 for
    /// anything else, and for a find during a "look first" pause). Hints and the
    /// question settle later.
    pub points: u32,
    /// A find's speed window, 5 (quickest) to 1.
    pub window: Option<u32>,
    /// A find that came during a "look first" pause: it scores nothing.
    pub look_first: bool,
    /// A "look first" pause starts with this tap: show "先看清，再点击 / Look first,
    /// then tap" until [`ScoreKeeper::look_first_until`].
    pub warning: Option<LookFirst>,
}

/// One find on the results screen: what it earned, part by part.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindScore {
    /// Index of the hazard in the scene.
    pub hazard: usize,
    pub severity: Severity,
    /// Round clock when it was found.
    pub time_ms: f64,
    /// The speed window, 5 (quickest) to 1.
    pub window: u32,
    /// Points for its severity (0 when found during a "look first" pause).
    pub points: u32,
    /// Speed bonus (0 during a "look first" pause).
    pub speed_bonus: u32,
    /// The furthest hint step used for this hazard.
    pub hint: Option<HintStep>,
    pub hint_cost: u32,
    /// Its question: answered right at the first try, wrong, or not (yet) answered.
    pub question: Option<bool>,
    pub question_points: u32,
    /// Found during a "look first" pause: scores nothing.
    pub look_first: bool,
    /// What the find adds to the score.
    pub total: u32,
}

/// The score of a round with its parts: everything the results screen shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    /// The total, never below zero.
    pub score: u32,
    /// 1 to 3, see [`stars`].
    pub stars: u8,
    /// Each find in the order made.
    pub finds: Vec<FindScore>,
    /// Points for the severities of the finds.
    pub find_points: u32,
    pub speed_bonus: u32,
    pub question_points: u32,
    /// What hints took off the finds.
    pub hint_cost: u32,
    /// What misses and decoys cost.
    pub miss_cost: u32,
    pub found: u32,
    /// Hazards in the round.
    pub total: u32,
    pub misses: u32,
    /// Taps on decoys.
    pub decoys: u32,
    /// Hint steps used (each hazard's furthest step counts as 1 or 2).
    pub hints: u32,
    /// Finds ÷ (finds + misses + decoys), a whole percentage; `None` before any tap.
    pub accuracy: Option<u32>,
    /// Questions answered right at the first try, of those answered.
    pub questions_right: u32,
    pub questions_asked: u32,
    /// Round clock plus the time misses and decoys added.
    pub time_ms: f64,
    /// The time misses and decoys added.
    pub penalty_ms: f64,
    /// "Look first" pauses started.
    pub look_first_warnings: u32,
    /// Finds that scored nothing because they came during a pause.
    pub look_first_finds: u32,
}

#[derive(Clone, Copy, Debug)]
struct Tap {
    t: f64,
    at: Point,
    outcome: Outcome,
}

#[derive(Clone, Debug)]
struct Find {
    hazard: usize,
    severity: Severity,
    t: f64,
    window: u32,
    look_first: bool,
    question: Option<bool>,
}

impl Find {
    /// Severity points and speed bonus, before any hint.
    fn raw(&self) -> (u32, u32) {
        if self.look_first {
            (0, 0)
        } else {
            (
                find_points(self.severity),
                self.window * SPEED_POINTS_PER_STEP,
            )
        }
    }
}

impl Default for ScoreKeeper {
    /// A keeper for no scene yet (before the first round).
    fn default() -> ScoreKeeper {
        ScoreKeeper::new(Size { w: 1.0, h: 1.0 })
    }
}

/// Keeps the score of one round. Feed it every tap (with what the hit test found),
/// hint and answer, with the round clock (ms of play, stopped while a card, a question
/// or a dialog is open); read [`ScoreKeeper::breakdown`] any time, and
/// [`ScoreKeeper::finish`] once at the end.
#[derive(Clone, Debug)]
pub struct ScoreKeeper {
    /// The scene's diagonal, in scene units (sweeps are measured against it).
    diagonal: f64,
    taps: Vec<Tap>,
    finds: Vec<Find>,
    /// Furthest hint step per hazard index, for hazards not found when asked.
    hints: Vec<(usize, HintStep)>,
    misses: u32,
    decoys: u32,
    penalty_ms: f64,
    /// Round clock plus penalty at the last find (0 at the start).
    last_find: f64,
    look_first_until: Option<f64>,
    warnings: u32,
    finished: Option<Breakdown>,
}

impl ScoreKeeper {
    /// A keeper for a round on a scene of this size (tap points are in its units).
    pub fn new(scene: Size) -> ScoreKeeper {
        let diagonal = scene.w.hypot(scene.h);
        ScoreKeeper {
            diagonal: if diagonal.is_finite() { diagonal } else { 0.0 },
            taps: Vec::new(),
            finds: Vec::new(),
            hints: Vec::new(),
            misses: 0,
            decoys: 0,
            penalty_ms: 0.0,
            last_find: 0.0,
            look_first_until: None,
            warnings: 0,
            finished: None,
        }
    }

    /// A tap at `at` (scene units) at round clock `t_ms` landed on `outcome`. A `Find`
    /// of a hazard already found is taken as [`Outcome::AlreadyFound`]. Nothing
    /// happens once the round is finished.
    pub fn tap(&mut self, t_ms: f64, at: Point, outcome: Outcome) -> TapVerdict {
        let mut verdict = TapVerdict::default();
        if self.finished.is_some() {
            return verdict;
        }
        let t = if t_ms.is_finite() { t_ms.max(0.0) } else { 0.0 };
        let outcome = match outcome {
            Outcome::Find { hazard, .. } if self.is_found(hazard) => Outcome::AlreadyFound,
            o => o,
        };
        self.taps.push(Tap { t, at, outcome });
        match outcome {
            Outcome::Miss => {
                self.misses += 1;
                self.penalty_ms += MISS_TIME_MS;
            }
            Outcome::Decoy => {
                self.decoys += 1;
                self.penalty_ms += DECOY_TIME_MS;
            }
            _ => {}
        }
        if let Some(kind) = self.spam() {
            if !self.is_looking_first(t) {
                self.warnings += 1;
                verdict.warning = Some(kind);
            }
            self.look_first_until = Some(t + LOOK_FIRST_MS);
        }
        if let Outcome::Find { hazard, severity } = outcome {
            let now = t + self.penalty_ms;
            let window = speed_window(now - self.last_find);
            self.last_find = now;
            let find = Find {
                hazard,
                severity,
                t,
                window,
                look_first: self.is_looking_first(t),
                question: None,
            };
            let (points, speed) = find.raw();
            verdict.points = points + speed;
            verdict.window = Some(window);
            verdict.look_first = find.look_first;
            self.finds.push(find);
        }
        verdict
    }

    /// Takes back the last tap if it was a miss: the first tap of a double tap (which
    /// zooms) is not a miss. Returns whether it did.
    pub fn forgive_miss(&mut self) -> bool {
        if self.finished.is_some()
            || !self
                .taps
                .last()
                .is_some_and(|tap| tap.outcome == Outcome::Miss)
        {
            return false;
        }
        self.taps.pop();
        self.misses -= 1;
        self.penalty_ms -= MISS_TIME_MS;
        true
    }

    /// A hint for hazard `hazard` reached `step`. It costs part of that hazard's find
    /// points when it is found ([`HintStep::cost_percent`], by the furthest step);
    /// hints asked after the hazard was found cost nothing. Returns the share (percent)
    /// the hazard's find will now lose.
    pub fn hint(&mut self, hazard: usize, step: HintStep) -> u32 {
        if self.finished.is_some() || self.is_found(hazard) {
            return 0;
        }
        match self.hints.iter_mut().find(|(h, _)| *h == hazard) {
            Some((_, s)) => *s = (*s).max(step),
            None => self.hints.push((hazard, step)),
        }
        self.hint_step(hazard).map_or(0, HintStep::cost_percent)
    }

    /// The answer to hazard `hazard`'s question: `right` or not. Only the first answer
    /// to a found hazard's question counts. Returns the points it earned.
    pub fn answer(&mut self, hazard: usize, right: bool) -> u32 {
        if self.finished.is_some() {
            return 0;
        }
        let Some(find) = self.finds.iter_mut().find(|f| f.hazard == hazard) else {
            return 0;
        };
        if find.question.is_some() {
            return 0;
        }
        find.question = Some(right);
        if right && !find.look_first {
            QUESTION_POINTS
        } else {
            0
        }
    }

    /// The round ends at round clock `t_ms` with `total_hazards` hazards in it: the
    /// final breakdown. Later calls change nothing and return the same breakdown.
    pub fn finish(&mut self, t_ms: f64, total_hazards: usize) -> Breakdown {
        if let Some(b) = &self.finished {
            return b.clone();
        }
        let b = self.breakdown(t_ms, total_hazards);
        self.finished = Some(b.clone());
        b
    }

    /// The score so far (for the header) or, after [`ScoreKeeper::finish`], the final
    /// one.
    pub fn breakdown(&self, t_ms: f64, total_hazards: usize) -> Breakdown {
        if let Some(b) = &self.finished {
            return b.clone();
        }
        let mut b = Breakdown {
            total: total_hazards as u32,
            misses: self.misses,
            decoys: self.decoys,
            penalty_ms: self.penalty_ms,
            time_ms: if t_ms.is_finite() { t_ms.max(0.0) } else { 0.0 } + self.penalty_ms,
            look_first_warnings: self.warnings,
            ..Breakdown::default()
        };
        for f in &self.finds {
            let (points, speed_bonus) = f.raw();
            let hint = self.hint_step(f.hazard);
            let hint_cost = hint.map_or(0, |h| (points + speed_bonus) * h.cost_percent() / 100);
            let question_points = if f.question == Some(true) && !f.look_first {
                QUESTION_POINTS
            } else {
                0
            };
            let line = FindScore {
                hazard: f.hazard,
                severity: f.severity,
                time_ms: f.t,
                window: f.window,
                points,
                speed_bonus,
                hint,
                hint_cost,
                question: f.question,
                question_points,
                look_first: f.look_first,
                total: points + speed_bonus - hint_cost + question_points,
            };
            b.find_points += points;
            b.speed_bonus += speed_bonus;
            b.hint_cost += hint_cost;
            b.question_points += question_points;
            b.look_first_finds += u32::from(f.look_first);
            b.questions_asked += u32::from(f.question.is_some());
            b.questions_right += u32::from(f.question == Some(true));
            b.finds.push(line);
        }
        b.hints = self
            .hints
            .iter()
            .map(|(_, s)| match s {
                HintStep::Clue => 1,
                HintStep::Circle => 2,
            })
            .sum();
        b.found = self.finds.len() as u32;
        b.miss_cost = self.misses * MISS_POINTS + self.decoys * DECOY_POINTS;
        let earned: u32 = b.finds.iter().map(|f| f.total).sum();
        b.score = earned.saturating_sub(b.miss_cost);
        b.accuracy = percent(b.found, b.found + self.misses + self.decoys);
        b.stars = stars(
            b.found,
            b.total,
            b.accuracy,
            b.questions_right,
            b.questions_asked,
            self.warnings,
        );
        b
    }

    /// Whether finds at round clock `t_ms` score nothing (a "look first" pause).
    pub fn is_looking_first(&self, t_ms: f64) -> bool {
        self.look_first_until.is_some_and(|until| t_ms < until)
    }

    /// Until when (round clock) the current or last "look first" pause lasts.
    pub fn look_first_until(&self) -> Option<f64> {
        self.look_first_until
    }

    /// Time misses and decoys have added to the clock so far (ms).
    pub fn penalty_ms(&self) -> f64 {
        self.penalty_ms
    }

    pub fn is_found(&self, hazard: usize) -> bool {
        self.finds.iter().any(|f| f.hazard == hazard)
    }

    /// The furthest hint step used for `hazard`.
    pub fn hint_step(&self, hazard: usize) -> Option<HintStep> {
        self.hints
            .iter()
            .find(|(h, _)| *h == hazard)
            .map(|(_, s)| *s)
    }

    /// Whether the taps so far end in a burst or a sweep.
    fn spam(&self) -> Option<LookFirst> {
        let last = self.taps.last()?;
        for (n, window) in BURSTS {
            if n > 0 && self.taps.len() >= n {
                let run = &self.taps[self.taps.len() - n..];
                if run.iter().all(|tap| !tap.outcome.is_find()) && last.t - run[0].t <= window {
                    return Some(LookFirst::Burst);
                }
            }
        }
        if SWEEP_TAPS >= 3 && self.taps.len() >= SWEEP_TAPS {
            let run = &self.taps[self.taps.len() - SWEEP_TAPS..];
            let empty = run.iter().filter(|tap| !tap.outcome.is_find()).count();
            if empty >= SWEEP_MIN_EMPTY && is_sweep(run, SWEEP_MIN_STEP * self.diagonal) {
                return Some(LookFirst::Sweep);
            }
        }
        None
    }
}

/// Whether the taps march at nearly equal steps in nearly one direction.
fn is_sweep(run: &[Tap], min_step: f64) -> bool {
    let steps: Vec<(f64, f64)> = run
        .windows(2)
        .map(|w| (w[1].at.x - w[0].at.x, w[1].at.y - w[0].at.y))
        .collect();
    let lengths: Vec<f64> = steps.iter().map(|(x, y)| x.hypot(*y)).collect();
    let shortest = lengths.iter().copied().fold(f64::INFINITY, f64::min);
    let longest = lengths.iter().copied().fold(0.0, f64::max);
    if !(shortest.is_finite() && shortest >= min_step.max(f64::MIN_POSITIVE)) {
        return false;
    }
    if longest > shortest * (1.0 + SWEEP_STEP_SPREAD) {
        return false;
    }
    let max_turn = SWEEP_TURN_DEG.to_radians().cos();
    steps.windows(2).zip(lengths.windows(2)).all(|(s, l)| {
        let cos = (s[0].0 * s[1].0 + s[0].1 * s[1].1) / (l[0] * l[1]);
        cos >= max_turn
    })
}
