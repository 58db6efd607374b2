//! The rounds played in this browser, for a teacher (`?teacher=1`): one compact
//! record per finished round, kept in `localStorage` under one versioned key, the
//! newest [`MAX_ROUNDS`]. No names, no accounts: what was played, when, and how it
//! went. Nothing leaves the device unless the teacher exports it.
//!
//! This module has no browser types: it turns a [`RoundSummary`] into a [`Record`],
//! reads and writes the stored text (a header line naming the format and version,
//! then a line per round; anything unusable reads as no rounds), sums the
//! rounds up for a lesson ([`class_summary`]: the hazards the class missed most) and
//! writes the CSV export. `src/web/classroom.rs` stores, shows and downloads.

use crate::csv;
use crate::scene::is_safe_name;
use crate::seam::{EndReason, RoundSummary};

/// The `localStorage` key (its version is in the name and in the text).
pub const KEY: &str = "hazard-hunt.rounds.v1";
pub const VERSION: u32 = 1;
/// Rounds kept; the oldest go first.
pub const MAX_ROUNDS: usize = 500;
/// More text than this is not ours (or is broken): ignored.
pub const MAX_BYTES: usize = 512 * 1024;
/// Most hazard ids a record lists (found plus missed).
const MAX_IDS: usize = 64;

/// One finished round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Local date and time it ended, `2026-11-29 10:31`.
    pub at: String,
    pub scene: String,
    /// `zh` or `en`.
    pub lang: String,
    /// `explore` or `challenge`.
    pub mode: String,
    /// `allFound`, `gaveUp` or `timeUp`.
    pub end: String,
    pub score: u32,
    pub stars: u8,
    /// Play time, whole milliseconds.
    pub time_ms: u64,
    /// Hazards the round showed.
    pub total: u32,
    /// In the order found.
    pub found: Vec<String>,
    /// In scene order.
    pub missed: Vec<String>,
    pub hints: u32,
    pub questions_right: u32,
    pub questions_asked: u32,
    /// The challenge code (`?seed=` plays the same round).
    pub seed: String,
}

fn end_code(end: EndReason) -> Option<&'static str> {
    match end {
        EndReason::AllFound => Some("allFound"),
        EndReason::GaveUp => Some("gaveUp"),
        EndReason::TimeUp => Some("timeUp"),
        // Not a round anybody finished.
        EndReason::Abandoned | EndReason::WalkedAway => None,
    }
}

impl Record {
    /// The record of a finished round that ended at `at` (local time, as
    /// [`Record::at`]); `None` for a round abandoned or walked away from.
    pub fn from_summary(s: &RoundSummary, at: &str) -> Option<Record> {
        let r = Record {
            at: at.to_string(),
            scene: s.scene_id.clone(),
            lang: s.lang.code().to_string(),
            mode: s.mode.name().to_string(),
            end: end_code(s.end)?.to_string(),
            score: s.score.total,
            stars: s.stars,
            time_ms: s.time_ms.max(0.0).round() as u64,
            total: s.total as u32,
            found: s.found.iter().map(|f| f.id.clone()).collect(),
            missed: s.missed.clone(),
            hints: s.hints,
            questions_right: s.questions_right,
            questions_asked: s.questions_asked,
            seed: s.seed.clone(),
        };
        r.is_valid().then_some(r)
    }

    /// Everything a record holds is what this version writes: safe names, known
    /// codes, numbers in range. Text that is not (edited by hand, another program's)
    /// is dropped when read.
    pub fn is_valid(&self) -> bool {
        let at_ok = !self.at.is_empty()
            && self.at.len() <= 25
            && self
                .at
                .bytes()
                .all(|b| b.is_ascii_digit() || b"-: T".contains(&b));
        let seed_ok = self.seed.len() <= 16
            && self
                .seed
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        at_ok
            && seed_ok
            && is_safe_name(&self.scene)
            && matches!(self.lang.as_str(), "zh" | "en")
            && matches!(self.mode.as_str(), "explore" | "challenge")
            && matches!(self.end.as_str(), "allFound" | "gaveUp" | "timeUp")
            && (1..=3).contains(&self.stars)
            && self.total <= 1000
            && self.found.len() + self.missed.len() <= MAX_IDS
            && self.found.len() <= self.total as usize
            && self
                .found
                .iter()
                .chain(&self.missed)
                .all(|id| is_safe_name(id))
            && self.questions_right <= self.questions_asked
    }

    /// For the test hook. Written by hand, as `storage.rs` does: every string is
    /// checked to need no escaping ([`Record::is_valid`]), and a JSON serializer would
    /// add kilobytes to the game.
    fn push_json(&self, out: &mut String) {
        let list = |ids: &[String]| {
            let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
            quoted.join(",")
        };
        out.push_str(&format!(
            "{{\"at\":\"{}\",\"scene\":\"{}\",\"lang\":\"{}\",\"mode\":\"{}\",\"end\":\"{}\",\
             \"score\":{},\"stars\":{},\"timeMs\":{},\"total\":{},\"found\":[{}],\
             \"missed\":[{}],\"hints\":{},\"questionsRight\":{},\"questionsAsked\":{},\
             \"seed\":\"{}\"}}",
            self.at,
            self.scene,
            self.lang,
            self.mode,
            self.end,
            self.score,
            self.stars,
            self.time_ms,
            self.total,
            list(&self.found),
            list(&self.missed),
            self.hints,
            self.questions_right,
            self.questions_asked,
            self.seed,
        ));
    }
}

/// The stored text's first line: names the format and its version.
pub const HEADER: &str = "hazard-hunt rounds v1";

/// The stored rounds, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundLog {
    rounds: Vec<Record>,
}

impl Record {
    /// One line of the stored text: the fields in declaration order, separated by
    /// tabs, hazard ids by spaces. Plain text, not JSON: reading it back needs no
    /// JSON deserializer in the game (the wasm's size budget is tight).
    fn push_line(&self, out: &mut String) {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            self.at,
            self.scene,
            self.lang,
            self.mode,
            self.end,
            self.score,
            self.stars,
            self.time_ms,
            self.total,
            self.found.join(" "),
            self.missed.join(" "),
            self.hints,
            self.questions_right,
            self.questions_asked,
            self.seed,
        ));
    }

    /// A line [`Record::push_line`] wrote, or `None`.
    fn from_line(line: &str) -> Option<Record> {
        let f: Vec<&str> = line.split('\t').collect();
        let [at, scene, lang, mode, end, score, stars, time_ms, total, found, missed, hints, right, asked, seed] =
            f[..]
        else {
            return None;
        };
        let ids = |s: &str| {
            s.split(' ')
                .filter(|i| !i.is_empty())
                .map(String::from)
                .collect()
        };
        let r = Record {
            at: at.to_string(),
            scene: scene.to_string(),
            lang: lang.to_string(),
            mode: mode.to_string(),
            end: end.to_string(),
            score: score.parse().ok()?,
            stars: stars.parse().ok()?,
            time_ms: time_ms.parse().ok()?,
            total: total.parse().ok()?,
            found: ids(found),
            missed: ids(missed),
            hints: hints.parse().ok()?,
            questions_right: right.parse().ok()?,
            questions_asked: asked.parse().ok()?,
            seed: seed.to_string(),
        };
        r.is_valid().then_some(r)
    }
}

impl RoundLog {
    /// Reads the stored text. Anything that is not what this version writes (another
    /// format or version, too long) reads as no rounds; a line that does not check out
    /// is left out. Never fails.
    pub fn parse(text: &str) -> RoundLog {
        let mut lines = text.lines();
        if text.len() > MAX_BYTES || lines.next() != Some(HEADER) {
            return RoundLog::default();
        }
        let mut rounds: Vec<Record> = lines.filter_map(Record::from_line).collect();
        let extra = rounds.len().saturating_sub(MAX_ROUNDS);
        rounds.drain(..extra);
        RoundLog { rounds }
    }

    /// Oldest first.
    pub fn rounds(&self) -> &[Record] {
        &self.rounds
    }

    /// Adds a round; past [`MAX_ROUNDS`] the oldest goes.
    pub fn push(&mut self, r: Record) {
        if !r.is_valid() {
            return;
        }
        self.rounds.push(r);
        let extra = self.rounds.len().saturating_sub(MAX_ROUNDS);
        self.rounds.drain(..extra);
    }

    /// The rounds as a JSON array (what `hazardHunt.rounds()` returns).
    pub fn rounds_json(&self) -> String {
        let mut out = String::from("[");
        for (i, r) in self.rounds.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            r.push_json(&mut out);
        }
        out.push(']');
        out
    }

    /// The text to store, which [`RoundLog::parse`] reads back: [`HEADER`], then a
    /// line per round.
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for r in &self.rounds {
            r.push_line(&mut out);
        }
        out
    }
}

/// One hazard in the class summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    pub scene: String,
    pub id: String,
    /// Rounds that showed it and did not find it.
    pub missed: u32,
    /// Rounds that showed it.
    pub shown: u32,
}

/// What a lesson can start from: every hazard the rounds showed, with how many
/// rounds missed it, the most missed first (what the class does not yet recognise).
/// Ties go by `order`, the scenes as the catalogue lists them, each with its hazard
/// ids in scene order; a scene or hazard it does not know comes after, by id.
pub fn class_summary(rounds: &[Record], order: &[(String, Vec<String>)]) -> Vec<Missed> {
    let rank = |scene: &str, id: &str| {
        let s = order.iter().position(|(s, _)| s == scene);
        let h = s.and_then(|s| order[s].1.iter().position(|h| h == id));
        (s.unwrap_or(usize::MAX), h.unwrap_or(usize::MAX))
    };
    // Few hazards (tens): a list and an insertion sort keep the game small.
    let mut out: Vec<Missed> = Vec::new();
    for r in rounds {
        let shown = r
            .found
            .iter()
            .map(|id| (id, 0))
            .chain(r.missed.iter().map(|id| (id, 1)));
        for (id, miss) in shown {
            match out.iter_mut().find(|m| m.scene == r.scene && m.id == *id) {
                Some(m) => {
                    m.missed += miss;
                    m.shown += 1;
                }
                None => out.push(Missed {
                    scene: r.scene.clone(),
                    id: id.clone(),
                    missed: miss,
                    shown: 1,
                }),
            }
        }
    }
    let key = |m: &Missed| {
        let (s, h) = rank(&m.scene, &m.id);
        (u32::MAX - m.missed, s, h, m.scene.clone(), m.id.clone())
    };
    for i in 1..out.len() {
        let mut j = i;
        while j > 0 && key(&out[j - 1]) > key(&out[j]) {
            out.swap(j - 1, j);
            j -= 1;
        }
    }
    out
}

/// The rounds in numbers, for the summary's first line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub rounds: u32,
    /// Average score, rounded.
    pub avg_score: u32,
    /// Hazards found, of those shown, over all rounds.
    pub found: u32,
    pub shown: u32,
    pub questions_right: u32,
    pub questions_asked: u32,
}

pub fn totals(rounds: &[Record]) -> Totals {
    let mut t = Totals::default();
    let mut score = 0u64;
    for r in rounds {
        t.rounds += 1;
        score += u64::from(r.score);
        t.found += r.found.len() as u32;
        t.shown += r.total;
        t.questions_right += r.questions_right;
        t.questions_asked += r.questions_asked;
    }
    if t.rounds > 0 {
        t.avg_score = ((score + u64::from(t.rounds) / 2) / u64::from(t.rounds)) as u32;
    }
    t
}

/// The string keys of the CSV's column headings, in order.
pub const CSV_COLUMNS: [&str; 16] = [
    "teacher.col.at",
    "teacher.col.scene",
    "teacher.col.lang",
    "teacher.col.mode",
    "teacher.col.end",
    "teacher.col.score",
    "teacher.col.stars",
    "teacher.col.time_s",
    "teacher.col.found",
    "teacher.col.total",
    "teacher.col.found_ids",
    "teacher.col.missed_ids",
    "teacher.col.hints",
    "teacher.col.questions_right",
    "teacher.col.questions_asked",
    "teacher.col.seed",
];

/// The rounds as a CSV file (heading row, one row per round, oldest first; the
/// download adds the byte-order mark). `heading` are the [`CSV_COLUMNS`] in the reader's language; `name(scene,
/// hazard)` names a scene (`hazard` `None`) or one of its hazards in that language,
/// or `None` when it does not know it (the id is written instead). Hazard lists are
/// separated by `; `.
pub fn csv<S: AsRef<str>>(
    rounds: &[Record],
    heading: &[S],
    name: &dyn Fn(&str, Option<&str>) -> Option<String>,
) -> String {
    let mut out = String::new();
    csv::push_row(&mut out, heading);
    let names = |scene: &str, ids: &[String]| {
        let named: Vec<String> = ids
            .iter()
            .map(|id| name(scene, Some(id)).unwrap_or_else(|| id.clone()))
            .collect();
        named.join("; ")
    };
    for r in rounds {
        let row = [
            r.at.clone(),
            name(&r.scene, None).unwrap_or_else(|| r.scene.clone()),
            r.lang.clone(),
            r.mode.clone(),
            r.end.clone(),
            r.score.to_string(),
            r.stars.to_string(),
            ((r.time_ms + 500) / 1000).to_string(),
            r.found.len().to_string(),
            r.total.to_string(),
            names(&r.scene, &r.found),
            names(&r.scene, &r.missed),
            r.hints.to_string(),
            r.questions_right.to_string(),
            r.questions_asked.to_string(),
            r.seed.clone(),
        ];
        csv::push_row(&mut out, &row);
    }
    out
}
