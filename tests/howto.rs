//! The words about scoring quote the rules: the "How to play" screen and the results'
//! star explanation fill every placeholder from `scoring::rules` in both languages,
//! and the README's "How scoring works" says exactly the numbers the rules have.

use hazard_hunt::game::{CHALLENGE_MIN_MS, CHALLENGE_PER_HAZARD_MS};
use hazard_hunt::howto::{self, seconds, SECTIONS};
use hazard_hunt::i18n::{Lang, Strings};
use hazard_hunt::scoring::rules::*;

fn strings() -> Strings {
    let path = format!("{}/assets/i18n.json", env!("CARGO_MANIFEST_DIR"));
    Strings::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every key the screen shows, and the results' stars line.
fn keys() -> Vec<&'static str> {
    let mut keys = vec![
        "help.title",
        "help.open",
        "help.close",
        "results.stars_rule",
    ];
    for (h, ps) in SECTIONS {
        keys.push(h);
        keys.extend(ps.iter().copied());
    }
    keys
}

#[test]
fn how_to_play_is_complete_in_both_languages_with_every_number_filled() {
    let s = strings();
    for key in keys() {
        assert!(s.keys().any(|k| k == key), "{key} is in i18n.json");
        for lang in [Lang::Zh, Lang::En] {
            let text = howto::text(&s, key, lang);
            assert!(
                !text.contains('{') && !text.contains('}'),
                "{key} ({lang:?}) has a placeholder left: {text}"
            );
            assert!(!text.trim().is_empty());
        }
    }
    // The numbers are the rules' own.
    let en = |k| howto::text(&s, k, Lang::En);
    assert!(en("help.score.find").contains(&format!("{FIND_LOW} points if it is minor")));
    assert!(en("help.score.question").contains(&format!("{QUESTION_POINTS} points")));
    assert!(en("help.hint.text").contains(&format!("{}%", HINT_COST_PERCENT[1])));
    assert!(en("help.look.text").contains(&format!("next {} seconds", seconds(LOOK_FIRST_MS))));
    let zh = howto::text(&s, "results.stars_rule", Lang::Zh);
    assert!(
        zh.contains(&format!("{THREE_STARS_QUESTIONS_PERCENT}%")),
        "{zh}"
    );
}

#[test]
fn seconds_print_without_needless_decimals() {
    assert_eq!(seconds(6_000.0), "6");
    assert_eq!(seconds(2_500.0), "2.5");
    assert_eq!(seconds(90_000.0), "90");
}

fn readme_section() -> String {
    let path = format!("{}/README.md", env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find("## How scoring works")
        .expect("README has a \"How scoring works\" section");
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e);
    rest[..end].to_string()
}

#[test]
fn the_readme_quotes_the_scoring_rules() {
    let s = readme_section();
    let sec = |ms: f64| seconds(ms);
    let [(b1, b1_ms), (b2, b2_ms)] = BURSTS;
    let phrases = [
        format!("{FIND_LOW} points for a minor"),
        format!("{FIND_MEDIUM} for a serious one"),
        format!("{FIND_HIGH} for one that can kill"),
        format!(
            "speed bonus of {SPEED_POINTS_PER_STEP} to {} points",
            SPEED_STEPS * SPEED_POINTS_PER_STEP
        ),
        format!(
            "within {} seconds\n  of the start or of the previous find earns {}",
            sec(SPEED_WINDOW_MS),
            SPEED_STEPS * SPEED_POINTS_PER_STEP
        ),
        format!(
            "every further {} seconds takes {SPEED_POINTS_PER_STEP} off,\n  down to {SPEED_POINTS_PER_STEP}",
            sec(SPEED_WINDOW_MS)
        ),
        format!("its own {} windows", words(SPEED_STEPS)),
        format!("{QUESTION_POINTS} points when answered"),
        format!("clue costs {}%", HINT_COST_PERCENT[0]),
        format!("the circle {}% in all", HINT_COST_PERCENT[1]),
        format!(
            "costs {MISS_POINTS} points and adds {} seconds",
            sec(MISS_TIME_MS)
        ),
        format!(
            "costs {DECOY_POINTS} points and adds {} seconds",
            sec(DECOY_TIME_MS)
        ),
        format!(
            "{b1} taps within {} seconds, or {b2} within {} seconds",
            sec(b1_ms),
            sec(b2_ms)
        ),
        format!("or {SWEEP_TAPS} taps marching"),
        format!("at least {SWEEP_MIN_EMPTY} of them"),
        format!("next {} seconds", sec(LOOK_FIRST_MS)),
        format!(
            "at least {TWO_STARS_FOUND_PERCENT}% of the hazards found with at least\n  {TWO_STARS_ACCURACY_PERCENT}% accuracy"
        ),
        format!(
            "accuracy at least {THREE_STARS_ACCURACY_PERCENT}%, at least {THREE_STARS_QUESTIONS_PERCENT}% of the\n  questions"
        ),
        format!(
            "{} seconds a hazard, at least {} seconds",
            sec(CHALLENGE_PER_HAZARD_MS),
            sec(CHALLENGE_MIN_MS)
        ),
    ];
    for p in &phrases {
        assert!(
            s.contains(p.as_str()),
            "README \"How scoring works\" should say {p:?}; it says:\n{s}"
        );
    }
    // And no number the rules do not have.
    let known: Vec<String> = howto::numbers().into_iter().map(|(_, v)| v).collect();
    let mut n = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            n.push(c);
        } else if !n.is_empty() {
            assert!(
                known.contains(&n),
                "README \"How scoring works\" quotes {n}, which is not in scoring::rules"
            );
            n.clear();
        }
    }
}

/// Small numbers as the README writes them in words.
fn words(n: u32) -> &'static str {
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven",
    ]
    .get(n as usize)
    .copied()
    .unwrap_or("many")
}
