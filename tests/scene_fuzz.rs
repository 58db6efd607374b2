//! Property tests: `Scene::parse` on random, truncated and mutated files never panics,
//! always answers `Ok` or an error that starts with the file name, and always answers
//! quickly.
//!
//! Runs are reproducible: each property has a fixed seed and writes no regression
//! files. The case counts are modest so that the whole file takes a few seconds in a
//! debug build on two cores; raise them locally with a bigger `CASES` to hunt harder.

use hazard_hunt::geom;
use hazard_hunt::scene::limits::*;
use hazard_hunt::scene::Scene;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use std::time::{Duration, Instant};

const FILE: &str = "sewer.json";
const SEWER: &str = include_str!("../assets/scenes/sewer.json");

/// How long one parse may take. Generous on purpose: a parse of a file this size
/// takes milliseconds, the old code froze on hostile files, and the bound only has to
/// tell the two apart in a debug build on a slow, busy two-core CI machine.
const BOUND: Duration = Duration::from_secs(2);

const CASES: u32 = 256;

fn config(seed: u64) -> Config {
    Config {
        cases: CASES,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    }
}

/// The property itself: no panic (proptest reports one as a failure), `Ok` or an
/// error naming the file, within the bound; and what is accepted is within the limits,
/// with each hazard's inside point inside it.
fn check(text: &str) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let result = Scene::parse(FILE, text);
    let took = start.elapsed();
    prop_assert!(took < BOUND, "parse took {took:?} on {} bytes", text.len());
    match result {
        Err(e) => {
            // Every problem is reported, each on its own line naming the file, each
            // line short, and their number bounded.
            let problems = e.problems();
            prop_assert!(
                problems.len() <= MAX_PROBLEMS + 1,
                "{} problems",
                problems.len()
            );
            for p in problems {
                let msg = p.to_string();
                prop_assert!(msg.starts_with("sewer.json: "), "{msg}");
                prop_assert!(!msg.contains('\n'), "one line: {msg}");
                prop_assert!(msg.chars().count() < 1000, "message of {} chars", msg.len());
            }
        }
        Ok(scene) => {
            prop_assert!(text.len() <= MAX_FILE_BYTES);
            prop_assert!(!scene.layers.is_empty() && scene.layers.len() <= MAX_LAYERS);
            prop_assert!(!scene.hazards.is_empty() && scene.hazards.len() <= MAX_HAZARDS);
            prop_assert!(scene.sprite_names().len() <= MAX_SPRITES);
            let points: usize = scene.hazards.iter().map(|h| h.polygon().len()).sum();
            prop_assert!(points <= MAX_TOTAL_POINTS);
            for h in &scene.hazards {
                prop_assert!((3..=MAX_REGION_POINTS).contains(&h.polygon().len()));
                // A tap at its inside point finds it.
                prop_assert!(geom::contains(h.polygon(), h.inside()));
                prop_assert!(geom::distance_to_outline(h.inside(), h.polygon()) > 0.0);
            }
        }
    }
    Ok(())
}

/// Bits of JSON and of the scene format, for the token soup and for insertions.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\"",
    "\\",
    "\u{feff}",
    "null",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "1e999",
    "1920",
    "16385",
    "1e9",
    "-0",
    "NaN",
    "\"\"",
    "\"a\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"找\"",
    "\"id\"",
    "\"version\"",
    "\"size\"",
    "\"w\"",
    "\"h\"",
    "\"backdrop\"",
    "\"#123456\"",
    "\"category\"",
    "\"fire\"",
    "\"title\"",
    "\"intro\"",
    "\"zh\"",
    "\"en\"",
    "\"layers\"",
    "\"sprite\"",
    "\"sky\"",
    "\"x\"",
    "\"y\"",
    "\"flip\"",
    "\"hazards\"",
    "\"severity\"",
    "\"high\"",
    "\"region\"",
    "\"name\"",
    "\"why\"",
    "\"fix\"",
    "\"rule\"",
    "[0,0]",
    "[1,1]",
    "[[0,0],[500,0],[0,500]]",
];

/// Numbers a hostile file might put where the scene has one.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "0.5",
    "99",
    "100",
    "16384",
    "16385",
    "1e9",
    "1e308",
    "-1e308",
    "1e999",
    "-1e999",
    "1e-400",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999999999999999",
    "NaN",
    "Infinity",
    "-Infinity",
    "\"1\"",
    "null",
    "[]",
    "{}",
];

/// One change to the bytes of sewer.json.
#[derive(Clone, Debug)]
enum Mutation {
    /// XOR one byte (may break UTF-8; the text is then read lossily).
    Flip(Index, u8),
    /// Delete up to `len` bytes.
    Delete(Index, usize),
    /// Copy a span of up to `len` bytes and insert it `times` more times after itself.
    Duplicate(Index, usize, usize),
    /// Insert a token.
    Insert(Index, &'static str),
    /// Replace one of the numbers in the file.
    Number(Index, &'static str),
    /// Repeat the entries of one array `times` over (`[a, b]` → `[a, b, a, b, ...]`).
    Repeat(Index, usize),
    /// The same for an array of objects, arrays or strings: layers, hazards, regions
    /// and hazards' layer lists, not the coordinates of one point.
    RepeatList(Index, usize),
}

/// How many times to repeat an array: a few, tens, or thousands.
fn times() -> impl Strategy<Value = usize> {
    prop_oneof![2..8usize, 8..100usize, 100..2000usize]
}

/// Changes that keep the file valid JSON (but for NaN and Infinity among the numbers),
/// so that they reach the checks and the limits.
fn structural_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), select(NUMBERS)).prop_map(|(i, n)| Mutation::Number(i, n)),
        (any::<Index>(), times()).prop_map(|(i, t)| Mutation::RepeatList(i, t)),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let times = times();
    prop_oneof![
        2 => (any::<Index>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        2 => (any::<Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (any::<Index>(), 1..512usize, 1..8usize)
            .prop_map(|(i, n, t)| Mutation::Duplicate(i, n, t)),
        2 => (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Mutation::Insert(i, t)),
        3 => (any::<Index>(), select(NUMBERS)).prop_map(|(i, n)| Mutation::Number(i, n)),
        3 => (any::<Index>(), times).prop_map(|(i, t)| Mutation::Repeat(i, t)),
        2 => structural_mutation(),
    ]
}

/// Start and end (exclusive) of each number in `b`, outside strings or not.
fn numbers(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts =
            b[i].is_ascii_digit() || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts {
            let start = i;
            i += 1;
            while i < b.len() && matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The position of the `]` that closes the `[` at `open` (not minding strings: the
/// sewer scene has no brackets in its texts, and in a mutated file any span will do).
fn closing(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Mutated files stop growing here, past the file limit but short of using gigabytes
/// when several repeats multiply.
const MAX_MUTATED_BYTES: usize = 4 * MAX_FILE_BYTES;

/// How many more copies of `len` bytes fit under [`MAX_MUTATED_BYTES`].
fn room(b: &[u8], len: usize, wanted: usize) -> usize {
    wanted.min(MAX_MUTATED_BYTES.saturating_sub(b.len()) / len.max(1))
}

fn apply(b: &mut Vec<u8>, m: &Mutation) {
    if b.is_empty() {
        return;
    }
    match *m {
        Mutation::Flip(i, x) => {
            let i = i.index(b.len());
            b[i] ^= x;
        }
        Mutation::Delete(i, n) => {
            let i = i.index(b.len());
            let end = (i + n).min(b.len());
            b.drain(i..end);
        }
        Mutation::Duplicate(i, n, times) => {
            let i = i.index(b.len());
            let span = b[i..(i + n).min(b.len())].to_vec();
            let copies: Vec<u8> = span.repeat(room(b, span.len(), times));
            b.splice(i..i, copies);
        }
        Mutation::Insert(i, t) => {
            let i = i.index(b.len() + 1);
            b.splice(i..i, t.bytes());
        }
        Mutation::Number(i, n) => {
            let nums = numbers(b);
            if !nums.is_empty() {
                let (start, end) = nums[i.index(nums.len())];
                b.splice(start..end, n.bytes());
            }
        }
        Mutation::Repeat(i, times) => repeat(b, i, times, false),
        Mutation::RepeatList(i, times) => repeat(b, i, times, true),
    }
}

/// Repeats the entries of one array (one of lists only, if `lists`), chosen by `i`.
fn repeat(b: &mut Vec<u8>, i: Index, times: usize, lists: bool) {
    let is_list = |k: usize| {
        let next = b[k + 1..].iter().find(|c| !c.is_ascii_whitespace());
        matches!(next, Some(b'{' | b'[' | b'"'))
    };
    let opens: Vec<usize> = (0..b.len())
        .filter(|&k| b[k] == b'[' && (!lists || is_list(k)))
        .collect();
    if opens.is_empty() {
        return;
    }
    let open = opens[i.index(opens.len())];
    let Some(close) = closing(b, open) else {
        return;
    };
    let inner = b[open + 1..close].to_vec();
    if inner.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let mut grown = inner.clone();
    for _ in 0..room(b, inner.len() + 1, times - 1) {
        grown.push(b',');
        grown.extend_from_slice(&inner);
    }
    b.splice(open + 1..close, grown);
}

#[test]
fn sewer_scene_itself_passes_the_property() {
    check(SEWER).unwrap();
}

proptest! {
    #![proptest_config(config(1))]

    /// (a) Any printable text.
    #[test]
    fn any_text(text in any::<String>()) {
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(config(2))]

    /// (a) Any bytes, read as UTF-8 lossily (the browser decodes the response the
    /// same way), with or without a `{` in front to get past the first check.
    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), brace in any::<bool>()) {
        let mut text = if brace { "{".to_string() } else { String::new() };
        text.push_str(&String::from_utf8_lossy(&bytes));
        check(&text)?;
    }
}

proptest! {
    #![proptest_config(config(3))]

    /// (a) JSON-shaped soup of the scene format's own words, which gets further into
    /// the parser than random bytes.
    #[test]
    fn token_soup(tokens in proptest::collection::vec(select(TOKENS), 0..300)) {
        check(&format!("{{{}", tokens.concat()))?;
    }
}

proptest! {
    #![proptest_config(config(4))]

    /// (b) sewer.json cut short at any character.
    #[test]
    fn truncated_sewer(at in any::<Index>()) {
        let mut end = at.index(SEWER.len() + 1);
        while !SEWER.is_char_boundary(end) {
            end -= 1;
        }
        let cut = &SEWER[..end];
        let result = Scene::parse(FILE, cut);
        // Only the whole file (or the whole file less trailing white space) is valid.
        prop_assert_eq!(result.is_ok(), cut.trim_end() == SEWER.trim_end());
        check(cut)?;
    }
}

proptest! {
    #![proptest_config(config(5))]

    /// (c) sewer.json with one to four random changes: flipped bytes, deleted and
    /// duplicated spans, inserted tokens, numbers swapped for huge, negative, NaN-like
    /// or non-numbers, and arrays repeated up to 2,000 times over.
    #[test]
    fn mutated_sewer(mutations in proptest::collection::vec(mutation(), 1..=4)) {
        let mut bytes = SEWER.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }
}

proptest! {
    #![proptest_config(config(6))]

    /// (c) sewer.json with changes that keep it JSON: numbers swapped, and layers,
    /// hazards, regions and layer lists repeated up to 2,000 times over. These reach
    /// the checks and the limits rather than the JSON parser's errors.
    #[test]
    fn sewer_with_repeated_lists_and_odd_numbers(
        mutations in proptest::collection::vec(structural_mutation(), 1..=3)
    ) {
        let mut bytes = SEWER.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }
}
