//! What the "How to play" screen, the results' star explanation and the README say
//! about scoring, with every number taken from [`crate::scoring::rules`] (and the
//! challenge's clock from [`crate::game`]), so the words can never drift from the
//! rules. The texts themselves are in `assets/i18n.json` with `{name}` placeholders;
//! [`numbers`] fills them.

use crate::game::{CHALLENGE_MIN_MS, CHALLENGE_PER_HAZARD_MS};
use crate::i18n::{Lang, Strings};
use crate::scoring::rules::*;

/// The "How to play" screen: each section's heading and paragraphs (string keys),
/// in order.
pub const SECTIONS: &[(&str, &[&str])] = &[
    (
        "help.find.h",
        &[
            "help.find.text",
            "help.find.question",
            "help.find.decoy",
            "help.find.marks",
            "help.find.move",
        ],
    ),
    (
        "help.modes.h",
        &["help.modes.explore", "help.modes.challenge"],
    ),
    (
        "help.score.h",
        &[
            "help.score.find",
            "help.score.speed",
            "help.score.question",
            "help.score.miss",
            "help.score.zero",
        ],
    ),
    ("help.stars.h", &["results.stars_rule"]),
    ("help.hint.h", &["help.hint.text"]),
    ("help.look.h", &["help.look.text"]),
    ("help.code.h", &["help.code.text"]),
];

/// Seconds from milliseconds, as the texts print them: `6`, or `2.5`.
pub fn seconds(ms: f64) -> String {
    let s = ms / 1000.0;
    if (s - s.round()).abs() < 1e-9 {
        format!("{}", s.round() as i64)
    } else {
        format!("{s:.1}")
    }
}

/// Every placeholder the scoring texts use, with its value from the rules.
pub fn numbers() -> Vec<(&'static str, String)> {
    let [(burst1_taps, burst1_ms), (burst2_taps, burst2_ms)] = BURSTS;
    vec![
        ("find_low", FIND_LOW.to_string()),
        ("find_medium", FIND_MEDIUM.to_string()),
        ("find_high", FIND_HIGH.to_string()),
        ("speed_window_s", seconds(SPEED_WINDOW_MS)),
        ("speed_steps", SPEED_STEPS.to_string()),
        (
            "speed_max",
            (SPEED_STEPS * SPEED_POINTS_PER_STEP).to_string(),
        ),
        ("speed_step", SPEED_POINTS_PER_STEP.to_string()),
        ("speed_min", SPEED_POINTS_PER_STEP.to_string()),
        ("question", QUESTION_POINTS.to_string()),
        ("hint_clue", HINT_COST_PERCENT[0].to_string()),
        ("hint_circle", HINT_COST_PERCENT[1].to_string()),
        ("miss_points", MISS_POINTS.to_string()),
        ("miss_s", seconds(MISS_TIME_MS)),
        ("decoy_points", DECOY_POINTS.to_string()),
        ("decoy_s", seconds(DECOY_TIME_MS)),
        ("burst1_taps", burst1_taps.to_string()),
        ("burst1_s", seconds(burst1_ms)),
        ("burst2_taps", burst2_taps.to_string()),
        ("burst2_s", seconds(burst2_ms)),
        ("sweep_taps", SWEEP_TAPS.to_string()),
        ("sweep_empty", SWEEP_MIN_EMPTY.to_string()),
        ("look_first_s", seconds(LOOK_FIRST_MS)),
        ("two_found", TWO_STARS_FOUND_PERCENT.to_string()),
        ("two_acc", TWO_STARS_ACCURACY_PERCENT.to_string()),
        ("three_acc", THREE_STARS_ACCURACY_PERCENT.to_string()),
        ("three_q", THREE_STARS_QUESTIONS_PERCENT.to_string()),
        ("challenge_per_s", seconds(CHALLENGE_PER_HAZARD_MS)),
        ("challenge_min_s", seconds(CHALLENGE_MIN_MS)),
    ]
}

/// The string `key` with every scoring number filled in.
pub fn text(strings: &Strings, key: &str, lang: Lang) -> String {
    let numbers = numbers();
    let args: Vec<(&str, &str)> = numbers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    strings.fill(key, lang, &args)
}
