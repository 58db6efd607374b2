//! What the game remembers on this device: the best score per scene, in
//! `localStorage` under one versioned key. Nothing else is stored and nothing leaves
//! the device. Unreadable, foreign or oversized data is ignored and replaced on the
//! next write; a browser that refuses storage (a sandboxed iframe, private mode) just
//! means nothing is remembered.

use crate::game::{EndReason, Event};
use serde::Deserialize;
use std::collections::BTreeMap;

const KEY: &str = "hazard-hunt.best.v1";
const VERSION: u32 = 1;
/// More than this is not ours (or is broken): ignore it.
const MAX_BYTES: usize = 16 * 1024;
const MAX_SCENES: usize = 64;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Stored {
    version: u32,
    best: BTreeMap<String, u32>,
}

/// Best scores per scene id.
#[derive(Default)]
pub struct BestScores {
    best: BTreeMap<String, u32>,
}

fn storage() -> Option<web_sys::Storage> {
    // Both steps can throw (a sandboxed iframe without allow-same-origin).
    web_sys::window()?.local_storage().ok().flatten()
}

impl BestScores {
    /// Reads what this device remembers; anything unusable reads as nothing.
    pub fn load() -> BestScores {
        let text = storage().and_then(|s| s.get_item(KEY).ok().flatten());
        BestScores {
            best: text.map(|t| parse(t.as_str())).unwrap_or_default(),
        }
    }

    pub fn get(&self, scene_id: &str) -> Option<u32> {
        self.best.get(scene_id).copied()
    }

    /// Subscriber: a finished round (not one abandoned) may set a new best.
    pub fn on_event(&mut self, ev: &Event) {
        let Event::RoundEnded { summary } = ev else {
            return;
        };
        if summary.end == EndReason::Abandoned {
            return;
        }
        let score = summary.score.total;
        if self.get(&summary.scene_id).is_some_and(|b| b >= score) {
            return;
        }
        if self.best.len() >= MAX_SCENES && !self.best.contains_key(&summary.scene_id) {
            return;
        }
        self.best.insert(summary.scene_id.clone(), score);
        if let Some(s) = storage() {
            // A full or refused storage only means the best score is not kept.
            let _ = s.set_item(KEY, &self.to_json());
        }
    }
}

impl BestScores {
    /// What `load` reads back. Written by hand (ids are safe names, scores numbers):
    /// a JSON serializer would add kilobytes to the game for two lines.
    fn to_json(&self) -> String {
        let entries: Vec<String> = self
            .best
            .iter()
            .map(|(id, score)| format!("\"{id}\":{score}"))
            .collect();
        format!(
            "{{\"version\":{VERSION},\"best\":{{{}}}}}",
            entries.join(",")
        )
    }
}

/// The stored best scores, or nothing if the text is not exactly what this version
/// writes.
fn parse(text: &str) -> BTreeMap<String, u32> {
    if text.len() > MAX_BYTES {
        return BTreeMap::new();
    }
    match serde_json::from_str::<Stored>(text) {
        Ok(s) if s.version == VERSION && s.best.len() <= MAX_SCENES => s
            .best
            .into_iter()
            .filter(|(id, _)| crate::scene::is_safe_name(id))
            .collect(),
        _ => BTreeMap::new(),
    }
}
