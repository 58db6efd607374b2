//! The catalogue of scenes (`assets/catalogue.json`): what the scene picker shows
//! for each scene (name, category, number of hazards, a thumbnail) without fetching
//! the scenes themselves. It is made from the scene files by
//! [`Catalogue::from_scenes`] and committed; `cargo test` fails when it is stale.
//!
//! A thumbnail is a view of the scene (its `thumbnail` field, or the whole scene) drawn
//! with at most [`MAX_THUMB_LAYERS`] of its layers, so the picker fetches a handful of
//! sprites per scene, and the title screen fetches nothing of it at all.

use crate::geom::Rect;
use crate::i18n::Text;
use crate::scene::{is_safe_name, Category, Layer, Scene};
use serde::{Deserialize, Serialize};

/// Most layers a thumbnail draws.
pub const MAX_THUMB_LAYERS: usize = 12;
/// Most scenes a catalogue lists.
pub const MAX_SCENES: usize = 64;
/// The catalogue format version.
pub const CATALOGUE_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub version: u32,
    pub scenes: Vec<Entry>,
}

/// One scene as the picker shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub category: Category,
    /// Number of hazards.
    pub total: usize,
    pub title: Text,
    pub intro: Text,
    pub backdrop: String,
    pub thumb: Thumb,
}

/// A part of the scene (scene units) and the layers that draw it, back to front.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thumb {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub layers: Vec<Layer>,
}

impl Thumb {
    pub fn rect(&self) -> Rect {
        Rect::new(self.x, self.y, self.w, self.h)
    }

    /// Each sprite once, in first-use order.
    pub fn sprite_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for l in &self.layers {
            if !out.contains(&l.sprite.as_str()) {
                out.push(&l.sprite);
            }
        }
        out
    }
}

impl Catalogue {
    /// The catalogue of these scenes, in the order given.
    pub fn from_scenes(scenes: &[Scene]) -> Catalogue {
        Catalogue {
            version: CATALOGUE_VERSION,
            scenes: scenes.iter().map(Entry::from_scene).collect(),
        }
    }

    /// Reads a catalogue; anything odd is refused with a one-line reason.
    pub fn parse(json: &str) -> Result<Catalogue, String> {
        const FILE: &str = "catalogue.json";
        if json.len() > 256 * 1024 {
            return Err(format!("{FILE}: the file is larger than 256 KiB"));
        }
        // Read through the same deserializer as scene files, so the game carries one
        // copy of the code that reads layers and texts.
        let de = &mut serde_json::Deserializer::from_str(json);
        let c: Catalogue =
            serde_path_to_error::deserialize(de).map_err(|e| format!("{FILE}: {e}"))?;
        if c.version != CATALOGUE_VERSION {
            return Err(format!(
                "{FILE}: version: this game reads version {CATALOGUE_VERSION}, the file says {}",
                c.version
            ));
        }
        if c.scenes.is_empty() || c.scenes.len() > MAX_SCENES {
            return Err(format!(
                "{FILE}: scenes: between 1 and {MAX_SCENES} scenes, this one has {}",
                c.scenes.len()
            ));
        }
        for (i, e) in c.scenes.iter().enumerate() {
            let bad = |what: &str| Err(format!("{FILE}: scenes[{i}].{what}"));
            if !is_safe_name(&e.id) {
                return bad("id: use lowercase letters, digits and dashes");
            }
            if !e.title.is_complete() {
                return bad("title: needs both languages");
            }
            let t = &e.thumb;
            if ![t.x, t.y, t.w, t.h].iter().all(|v| v.is_finite()) || t.w <= 0.0 || t.h <= 0.0 {
                return bad("thumb: position must be a number and size positive");
            }
            if t.layers.len() > MAX_THUMB_LAYERS {
                return bad(&format!(
                    "thumb.layers: at most {MAX_THUMB_LAYERS} layers, this one has {}",
                    t.layers.len()
                ));
            }
            if t.layers.iter().any(|l| {
                !is_safe_name(&l.sprite)
                    || ![l.x, l.y, l.w, l.h].iter().all(|v| v.is_finite())
                    || l.w <= 0.0
                    || l.h <= 0.0
            }) {
                return bad("thumb.layers: a layer has a bad sprite name, position or size");
            }
        }
        Ok(c)
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.scenes.iter().find(|e| e.id == id)
    }
}

impl Entry {
    fn from_scene(s: &Scene) -> Entry {
        let (view, chosen): (Rect, Vec<&Layer>) = match &s.thumbnail {
            Some(t) => (
                t.rect(),
                s.layers
                    .iter()
                    .filter(|l| l.id.as_ref().is_some_and(|id| t.layers.contains(id)))
                    .collect(),
            ),
            None => {
                // The largest layers that show in the view, kept in drawing order.
                let mut by_area: Vec<(usize, &Layer)> = s.layers.iter().enumerate().collect();
                by_area.sort_by(|a, b| {
                    (b.1.w * b.1.h)
                        .partial_cmp(&(a.1.w * a.1.h))
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(a.0.cmp(&b.0))
                });
                by_area.truncate(MAX_THUMB_LAYERS);
                by_area.sort_by_key(|(i, _)| *i);
                (s.rect(), by_area.into_iter().map(|(_, l)| l).collect())
            }
        };
        let layers = chosen
            .into_iter()
            .filter(|l| l.rect().intersects(&view))
            .take(MAX_THUMB_LAYERS)
            .map(|l| Layer {
                id: None,
                label: None,
                // The picker's card is a still picture at rest.
                depth: 0.0,
                motion: None,
                ..l.clone()
            })
            .collect();
        Entry {
            id: s.id.clone(),
            category: s.category,
            total: s.round.map_or(s.hazards.len(), |r| r.hazards),
            title: s.title.clone(),
            intro: s.intro.clone(),
            backdrop: s.backdrop.clone(),
            thumb: Thumb {
                x: view.x,
                y: view.y,
                w: view.w,
                h: view.h,
                layers,
            },
        }
    }
}
