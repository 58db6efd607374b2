//! Scoring rules, kept in one place so the results screen can explain them.
//!
//! - every hazard found: +100
//! - every tap that finds nothing: −20
//! - every hint: −50
//! - finding all hazards earns a time bonus: 2 points for each second left of the
//!   first three minutes
//!
//! The total never drops below zero.

use serde::Serialize;

pub const FIND_POINTS: u32 = 100;
pub const MISS_PENALTY: u32 = 20;
pub const HINT_PENALTY: u32 = 50;
pub const BONUS_WINDOW_S: u32 = 180;
pub const BONUS_PER_SECOND: u32 = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    pub find_points: u32,
    pub miss_penalty: u32,
    pub hint_penalty: u32,
    pub time_bonus: u32,
    pub total: u32,
}

/// The score for a round so far; `all_found` unlocks the time bonus.
pub fn compute(finds: u32, misses: u32, hints: u32, elapsed_ms: f64, all_found: bool) -> Score {
    let find_points = finds.saturating_mul(FIND_POINTS);
    let miss_penalty = misses.saturating_mul(MISS_PENALTY);
    let hint_penalty = hints.saturating_mul(HINT_PENALTY);
    let time_bonus = if all_found {
        let seconds = (elapsed_ms.max(0.0) / 1000.0).floor();
        let left = (f64::from(BONUS_WINDOW_S) - seconds).max(0.0) as u32;
        left * BONUS_PER_SECOND
    } else {
        0
    };
    let total = (find_points + time_bonus).saturating_sub(miss_penalty + hint_penalty);
    Score {
        find_points,
        miss_penalty,
        hint_penalty,
        time_bonus,
        total,
    }
}

/// Share of taps that found something, as a whole percentage; `None` before any tap.
pub fn accuracy_percent(finds: u32, misses: u32) -> Option<u32> {
    let taps = finds + misses;
    (taps > 0).then(|| ((f64::from(finds) * 100.0) / f64::from(taps)).round() as u32)
}

/// `m:ss` for the header and results.
pub fn clock_text(ms: f64) -> String {
    let s = (ms.max(0.0) / 1000.0).floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
