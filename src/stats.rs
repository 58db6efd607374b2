//! The organisers' statistics of one kiosk (`?mode=kiosk&staff=1&code=DDDD`): how
//! many rounds a day, the average score and time, and for every hazard how often the
//! public found it, missed it or needed a hint. What visitors fail to recognise is
//! exactly what a safety campaign needs to know.
//!
//! Anonymous and local: a [`KioskStats`] keeps counts only (no names, no taps, no
//! times of day), the web layer stores it in this browser's `localStorage`
//! (`hazard-hunt.stats.v1`) and nothing is sent anywhere. It is fed the
//! [`RoundSummary`] of each `roundEnded` event and the local date as `YYYY-MM-DD`
//! (the caller's clock: this module never reads one).
//!
//! What counts:
//! - a round that ended with everything found, given up or out of time is a
//!   **played** round: it adds to the day's rounds, score and time, and every hazard
//!   of the round is counted found or missed, and also **hinted** when a hint pointed
//!   at it (`hinted` of the summary), found in the end or not;
//! - any other ending (walked away, abandoned for the title) is an **abandoned**
//!   round: only the day's count of abandoned rounds grows, as a visitor who walked
//!   off did not fail to see the rest.
//!
//! Stored as versioned JSON ([`KioskStats::to_json`], [`KioskStats::parse`]) with caps
//! ([`MAX_DAYS`], [`MAX_SCENES`], [`MAX_HAZARDS`], [`MAX_BYTES`]); anything that is
//! not exactly what this version writes reads as empty statistics.
//!
//! The CSV export ([`KioskStats::to_csv`]) is one RFC 4180 table (CRLF line ends,
//! fields quoted when they hold a comma, a quote or a line break) in which every row
//! has the same columns ([`CSV_HEADER`]); the first column, `section`, says what the
//! row is: `day` rows (oldest first) fill the day columns, `hazard` rows (most missed
//! first) fill the hazard columns, and the others are left empty. One file keeps the
//! download to one tap and opens in any spreadsheet, where a filter on `section`
//! gives either table.

use crate::seam::{EndReason, RoundSummary};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The format version written and the only one read.
pub const VERSION: u32 = 1;
/// Days kept: past this the oldest go first.
pub const MAX_DAYS: usize = 400;
/// Scenes counted: rounds of further scenes add to the days but not to the hazards.
pub const MAX_SCENES: usize = 64;
/// Hazards counted per scene.
pub const MAX_HAZARDS: usize = 64;
/// Stored text longer than this is not ours (or is broken) and reads as nothing.
pub const MAX_BYTES: usize = 256 * 1024;
/// Days the staff screen lists.
pub const SUMMARY_DAYS: usize = 14;
/// Longest id (scene or hazard) kept.
const MAX_ID_CHARS: usize = 64;

/// One day's rounds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DayStats {
    /// Played rounds (all found, given up, time up).
    pub rounds: u32,
    /// Rounds left unfinished (walked away, reset).
    pub abandoned: u32,
    /// Sum of the played rounds' scores.
    pub score: u64,
    /// Sum of the played rounds' play time, in whole ms.
    pub time_ms: u64,
    /// Played rounds played as a team.
    pub team: u32,
}

/// One hazard's counts over the played rounds that showed it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HazardStats {
    pub found: u32,
    pub missed: u32,
    /// A hint pointed at it, whether it was then found or missed.
    pub hinted: u32,
}

impl HazardStats {
    /// Share of the rounds showing it in which it was missed, as a whole percentage;
    /// `None` before any.
    pub fn miss_rate(&self) -> Option<u32> {
        let shown = u64::from(self.found) + u64::from(self.missed);
        (shown > 0).then(|| ((u64::from(self.missed) * 100 + shown / 2) / shown) as u32)
    }
}

/// Everything one kiosk counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskStats {
    version: u32,
    /// By local date, `YYYY-MM-DD` (so in date order).
    days: BTreeMap<String, DayStats>,
    /// By scene id, then hazard id.
    hazards: BTreeMap<String, BTreeMap<String, HazardStats>>,
}

/// The staff screen's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The last [`SUMMARY_DAYS`] calendar days up to `today`, newest first, days
    /// without rounds included.
    pub days: Vec<DaySummary>,
    /// Over every day kept.
    pub rounds: u32,
    pub abandoned: u32,
    pub team: u32,
    /// Over the played rounds of every day kept; `None` before any.
    pub average_score: Option<f64>,
    pub average_time_ms: Option<f64>,
    /// Most missed first.
    pub hazards: Vec<HazardSummary>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DaySummary {
    pub day: String,
    pub rounds: u32,
    pub abandoned: u32,
    pub average_score: Option<f64>,
    pub average_time_ms: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HazardSummary {
    pub scene: String,
    pub id: String,
    pub found: u32,
    pub missed: u32,
    pub hinted: u32,
    /// Percent of the rounds showing it in which it was missed.
    pub miss_rate: Option<u32>,
}

/// The export's columns, in order.
pub const CSV_HEADER: [&str; 14] = [
    "section",
    "day",
    "rounds",
    "abandoned",
    "team_rounds",
    "average_score",
    "average_time_s",
    "scene",
    "hazard",
    "title",
    "found",
    "missed",
    "hinted",
    "miss_rate_percent",
];

impl KioskStats {
    pub fn new() -> KioskStats {
        KioskStats {
            version: VERSION,
            ..KioskStats::default()
        }
    }

    /// Nothing counted yet.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty() && self.hazards.is_empty()
    }

    pub fn day(&self, day: &str) -> Option<&DayStats> {
        self.days.get(day)
    }

    pub fn hazard(&self, scene: &str, id: &str) -> Option<HazardStats> {
        self.hazards.get(scene)?.get(id).copied()
    }

    /// Counts one round that ended on `day` (local date, `YYYY-MM-DD`). Returns false
    /// (and counts nothing) for a day that is not a date.
    pub fn record(&mut self, summary: &RoundSummary, day: &str) -> bool {
        if !is_day(day) {
            return false;
        }
        self.version = VERSION;
        let played = matches!(
            summary.end,
            EndReason::AllFound | EndReason::GaveUp | EndReason::TimeUp
        );
        let d = self.days.entry(day.to_string()).or_default();
        if !played {
            d.abandoned = d.abandoned.saturating_add(1);
            self.trim_days();
            return true;
        }
        d.rounds = d.rounds.saturating_add(1);
        d.score = d.score.saturating_add(u64::from(summary.score.total));
        if summary.time_ms.is_finite() && summary.time_ms > 0.0 {
            d.time_ms = d.time_ms.saturating_add(summary.time_ms.round() as u64);
        }
        if summary.team {
            d.team = d.team.saturating_add(1);
        }
        self.trim_days();

        if !is_id(&summary.scene_id) {
            return true;
        }
        if !self.hazards.contains_key(&summary.scene_id) && self.hazards.len() >= MAX_SCENES {
            return true;
        }
        let scene = self.hazards.entry(summary.scene_id.clone()).or_default();
        let mut count = |id: &str, f: &dyn Fn(&mut HazardStats)| {
            if !is_id(id) || (!scene.contains_key(id) && scene.len() >= MAX_HAZARDS) {
                return;
            }
            f(scene.entry(id.to_string()).or_default());
        };
        for item in &summary.found {
            count(&item.id, &|h| h.found = h.found.saturating_add(1));
        }
        for id in &summary.missed {
            count(id, &|h| h.missed = h.missed.saturating_add(1));
        }
        for id in &summary.hinted {
            count(id, &|h| h.hinted = h.hinted.saturating_add(1));
        }
        true
    }

    fn trim_days(&mut self) {
        if self.days.len() > MAX_DAYS {
            let extra = self.days.len() - MAX_DAYS;
            self.days = std::mem::take(&mut self.days)
                .into_iter()
                .skip(extra)
                .collect();
        }
    }

    /// The stored form (what [`KioskStats::parse`] reads back). Written by hand:
    /// days are dates, ids plain names (both checked) and the rest whole numbers,
    /// and serde_json's serializer would add kilobytes to the game.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\"version\":{VERSION},\"days\":{{");
        for (k, (day, d)) in self.days.iter().enumerate() {
            let comma = if k > 0 { "," } else { "" };
            let _ = write!(
                out,
                "{comma}\"{day}\":{{\"rounds\":{},\"abandoned\":{},\"score\":{},\"timeMs\":{},\"team\":{}}}",
                d.rounds, d.abandoned, d.score, d.time_ms, d.team
            );
        }
        out.push_str("},\"hazards\":{");
        for (k, (scene, hs)) in self.hazards.iter().enumerate() {
            let comma = if k > 0 { "," } else { "" };
            let _ = write!(out, "{comma}\"{scene}\":{{");
            for (j, (id, h)) in hs.iter().enumerate() {
                let comma = if j > 0 { "," } else { "" };
                let _ = write!(
                    out,
                    "{comma}\"{id}\":{{\"found\":{},\"missed\":{},\"hinted\":{}}}",
                    h.found, h.missed, h.hinted
                );
            }
            out.push('}');
        }
        out.push_str("}}");
        out
    }

    /// The stored statistics, or empty ones if `text` is not exactly what this
    /// version writes: too long, not JSON, another version, unknown fields, a day
    /// that is not a date, an id that is not a plain name, more than the caps, a
    /// time that is not a finite non-negative number.
    pub fn parse(text: &str) -> KioskStats {
        if text.len() > MAX_BYTES {
            return KioskStats::new();
        }
        match serde_json::from_str::<KioskStats>(text) {
            Ok(s) if s.is_valid() => s,
            _ => KioskStats::new(),
        }
    }

    fn is_valid(&self) -> bool {
        self.version == VERSION
            && self.days.len() <= MAX_DAYS
            && self.hazards.len() <= MAX_SCENES
            && self.days.keys().all(|day| is_day(day))
            && self.hazards.iter().all(|(scene, hs)| {
                is_id(scene) && hs.len() <= MAX_HAZARDS && hs.keys().all(|id| is_id(id))
            })
    }

    /// The staff screen's figures, with `today` (`YYYY-MM-DD`) as the last day shown.
    pub fn summary(&self, today: &str) -> Summary {
        let days = match day_number(today) {
            Some(n) => (0..SUMMARY_DAYS as i64)
                .map(|k| {
                    let day = civil_from_days(n - k);
                    let d = self.days.get(&day).cloned().unwrap_or_default();
                    DaySummary {
                        average_score: average(d.score as f64, d.rounds),
                        average_time_ms: average(d.time_ms as f64, d.rounds),
                        rounds: d.rounds,
                        abandoned: d.abandoned,
                        day,
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        let (mut rounds, mut abandoned, mut team, mut score, mut time) =
            (0u32, 0u32, 0u32, 0u64, 0u64);
        for d in self.days.values() {
            rounds = rounds.saturating_add(d.rounds);
            abandoned = abandoned.saturating_add(d.abandoned);
            team = team.saturating_add(d.team);
            score = score.saturating_add(d.score);
            time = time.saturating_add(d.time_ms);
        }
        Summary {
            days,
            rounds,
            abandoned,
            team,
            average_score: average(score as f64, rounds),
            average_time_ms: average(time as f64, rounds),
            hazards: self.hazard_rows(),
        }
    }

    /// Every hazard counted, most missed first (then the higher miss rate, then by
    /// scene and id).
    pub fn hazard_rows(&self) -> Vec<HazardSummary> {
        let mut rows: Vec<HazardSummary> = self
            .hazards
            .iter()
            .flat_map(|(scene, hs)| {
                hs.iter().map(move |(id, h)| HazardSummary {
                    scene: scene.clone(),
                    id: id.clone(),
                    found: h.found,
                    missed: h.missed,
                    hinted: h.hinted,
                    miss_rate: h.miss_rate(),
                })
            })
            .collect();
        rows.sort_unstable_by(|a, b| {
            b.missed
                .cmp(&a.missed)
                .then(b.miss_rate.cmp(&a.miss_rate))
                .then_with(|| a.scene.cmp(&b.scene))
                .then_with(|| a.id.cmp(&b.id))
        });
        rows
    }

    /// The export: see the module's notes. `title(scene, hazard)` names a hazard in
    /// the chosen language when its scene is at hand (else the column is empty).
    pub fn to_csv(&self, title: &dyn Fn(&str, &str) -> Option<String>) -> String {
        let mut out = String::new();
        push_row(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
        for (day, d) in &self.days {
            push_row(
                &mut out,
                [
                    "day".to_string(),
                    day.clone(),
                    d.rounds.to_string(),
                    d.abandoned.to_string(),
                    d.team.to_string(),
                    fixed(average(d.score as f64, d.rounds), 1),
                    fixed(average(d.time_ms as f64 / 1000.0, d.rounds), 1),
                ]
                .into_iter()
                .chain(std::iter::repeat_n(String::new(), 7)),
            );
        }
        for h in self.hazard_rows() {
            push_row(
                &mut out,
                [
                    "hazard".to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    h.scene.clone(),
                    h.id.clone(),
                    title(&h.scene, &h.id).unwrap_or_default(),
                    h.found.to_string(),
                    h.missed.to_string(),
                    h.hinted.to_string(),
                    h.miss_rate.map(|r| r.to_string()).unwrap_or_default(),
                ]
                .into_iter(),
            );
        }
        out
    }
}

fn average(sum: f64, n: u32) -> Option<f64> {
    (n > 0).then(|| sum / f64::from(n))
}

fn fixed(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}")).unwrap_or_default()
}

/// One CSV record, CRLF-terminated (quoted as [`crate::csv`] quotes).
fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    crate::csv::push_row(out, &fields.collect::<Vec<_>>());
}

/// A field as RFC 4180 writes it (one quoting for every export: [`crate::csv::field`]).
pub use crate::csv::field as csv_field;

/// `YYYY-MM-DD` with a real month and day.
pub fn is_day(s: &str) -> bool {
    day_number(s).is_some()
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_ID_CHARS
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub(crate) fn day_number(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's days_from_civil.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `YYYY-MM-DD` date `z` days after 1970-01-01.
pub fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
