//! The score as the header, the round summary and host pages read it: the parts of a
//! [`crate::scoring::Breakdown`] under the names this project has always used. How a
//! round scores is in [`crate::scoring`].

use crate::scoring::Breakdown;
use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// Points for the severities of the finds.
    pub find_points: u32,
    /// What misses and decoys cost.
    pub miss_penalty: u32,
    /// What hints took off the finds.
    pub hint_penalty: u32,
    /// The speed bonus: early finds earn more (5 windows down to 1).
    pub time_bonus: u32,
    /// Right answers to "What do you do now?".
    pub question_points: u32,
    /// Never below zero.
    pub total: u32,
}

impl From<&Breakdown> for Score {
    fn from(b: &Breakdown) -> Score {
        Score {
            find_points: b.find_points,
            miss_penalty: b.miss_cost,
            hint_penalty: b.hint_cost,
            time_bonus: b.speed_bonus,
            question_points: b.question_points,
            total: b.score,
        }
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
