//! Kiosk mode's leaderboard (`?board=1`): today's top 10 on this screen, each with
//! three letters a visitor picks on big buttons. It lives in the kiosk's
//! `localStorage` under one versioned key; anything unreadable, foreign, oversized or
//! from another day reads as an empty board for today, so it starts afresh each day.

use serde::Deserialize;

/// The storage key.
pub const KEY: &str = "hazard-hunt.board.v1";
const VERSION: u32 = 1;
/// Entries on the board.
pub const SIZE: usize = 10;
/// Letters in a name.
pub const LETTERS: usize = 3;
/// More than this is not ours (or is broken).
const MAX_BYTES: usize = 8 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Three letters A–Z.
    pub initials: String,
    pub score: u32,
    /// The scene played.
    pub scene: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    version: u32,
    day: String,
    entries: Vec<Entry>,
}

/// Today's board: best first; equal scores keep the order they came in.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Board {
    /// `YYYY-MM-DD`, the kiosk's local date.
    pub day: String,
    pub entries: Vec<Entry>,
}

/// Three capital letters A–Z.
pub fn valid_initials(s: &str) -> bool {
    s.len() == LETTERS && s.bytes().all(|b| b.is_ascii_uppercase())
}

impl Board {
    pub fn empty(day: &str) -> Board {
        Board {
            day: day.to_string(),
            entries: Vec::new(),
        }
    }

    /// The stored board if it is exactly what this version writes and from `today`;
    /// otherwise an empty board for today.
    pub fn parse(text: Option<&str>, today: &str) -> Board {
        let stored = text
            .filter(|t| t.len() <= MAX_BYTES)
            .and_then(|t| serde_json::from_str::<Stored>(t).ok());
        match stored {
            Some(s)
                if s.version == VERSION
                    && s.day == today
                    && s.entries.len() <= SIZE
                    && s.entries.iter().all(|e| {
                        valid_initials(&e.initials) && crate::scene::is_safe_name(&e.scene)
                    }) =>
            {
                let mut b = Board {
                    day: s.day,
                    entries: s.entries,
                };
                // Stored in order, but a hand-edited file need not be.
                b.entries.sort_by_key(|e| std::cmp::Reverse(e.score));
                b
            }
            _ => Board::empty(today),
        }
    }

    /// The board as it should be on `today`: the same board, or an empty one once the
    /// day has changed (a kiosk left on past midnight).
    pub fn roll_over(&mut self, today: &str) {
        if self.day != today {
            *self = Board::empty(today);
        }
    }

    /// The place (0-based) a round with `score` would take, if it makes the board.
    pub fn place_for(&self, score: u32) -> Option<usize> {
        if score == 0 {
            return None;
        }
        let place = self.entries.iter().take_while(|e| e.score >= score).count();
        (place < SIZE).then_some(place)
    }

    /// Adds a round; its place, or `None` when it does not make the board or the
    /// initials are not three letters.
    pub fn add(&mut self, initials: &str, score: u32, scene: &str) -> Option<usize> {
        if !valid_initials(initials) || !crate::scene::is_safe_name(scene) {
            return None;
        }
        let place = self.place_for(score)?;
        self.entries.insert(
            place,
            Entry {
                initials: initials.to_string(),
                score,
                scene: scene.to_string(),
            },
        );
        self.entries.truncate(SIZE);
        Some(place)
    }

    /// What [`Board::parse`] reads back. By hand: initials are letters, scenes safe
    /// names, the day digits and dashes.
    pub fn to_json(&self) -> String {
        let entries: Vec<String> = self
            .entries
            .iter()
            .map(|e| {
                format!(
                    "{{\"initials\":\"{}\",\"score\":{},\"scene\":\"{}\"}}",
                    e.initials, e.score, e.scene
                )
            })
            .collect();
        let day: String = self
            .day
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        format!(
            "{{\"version\":{VERSION},\"day\":\"{day}\",\"entries\":[{}]}}",
            entries.join(",")
        )
    }
}
