//! The scene model: what a scene file under `assets/scenes/` holds, how it is parsed,
//! and the checks that make a broken file fail with a message naming the file and the
//! field, instead of a blank page.
//!
//! A scene is a picture built from sprite layers (drawn back to front) plus the hazards
//! hidden in it. Each hazard has a polygon in scene units, the layers that draw it and
//! its teaching text in both languages.

use crate::geom::{self, Point, Rect};
use crate::i18n::Text;
use crate::motion::limits::*;
use crate::motion::{Motion, MotionKind};
use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

use crate::view::{View, ViewKind, MAX_VIEWS};

/// The scene format version this build writes; it reads this one and version 1
/// (which lacks labels, decoys, fixed looks and questions, and is migrated on load).
pub const FORMAT_VERSION: u32 = 2;
/// The oldest version this build still reads.
pub const OLDEST_VERSION: u32 = 1;

/// Hard limits on a scene file. A file past any of them is refused with a message
/// that names the file, the field and the limit, before any work that grows faster
/// than the file: the byte length is checked before parsing, the arrays are counted
/// while they are read, and [`Scene::validate`] checks the rest before its quadratic
/// checks (crossing edges) and before the interior points are worked out.
///
/// The values are generous for hand-made scenes (the sewer scene is 17 KB with 25
/// layers, 8 hazards, at most 14 points per region and texts under 300 characters)
/// and keep the worst file within them loading in a fraction of a second.
/// JSON nesting is limited separately by serde_json (128 levels).
pub mod limits {
    /// Largest scene file, in bytes: 1 MiB. Checked before parsing.
    pub const MAX_FILE_BYTES: usize = 1024 * 1024;
    /// Most layers in a scene.
    pub const MAX_LAYERS: usize = 500;
    /// Most different sprites a scene may use (each one is a network fetch).
    pub const MAX_SPRITES: usize = 128;
    /// Most hazards in a scene.
    pub const MAX_HAZARDS: usize = 64;
    /// Most points in one hazard's region.
    pub const MAX_REGION_POINTS: usize = 256;
    /// Most points in all the regions of a scene together (the load-time work on a
    /// region grows with the square of its points).
    pub const MAX_TOTAL_POINTS: usize = 4096;
    /// Most entries in a hazard's `layers` list (and in a fixed look's `hide`).
    pub const MAX_HAZARD_LAYERS: usize = 32;
    /// Most decoys in a scene.
    pub const MAX_DECOYS: usize = 8;
    /// Most layers a fixed look adds.
    pub const MAX_FIXED_LAYERS: usize = 16;
    /// Answers to a question: exactly this many.
    pub const ANSWERS: usize = 3;
    /// Most problems one check reports (the rest are counted).
    pub const MAX_PROBLEMS: usize = 50;
    /// Longest text, in characters, for each language of a `{zh, en}` text.
    pub const MAX_TEXT_CHARS: usize = 2000;
    /// Longest id (scene, layer, hazard) or sprite name, in characters.
    pub const MAX_NAME_CHARS: usize = 64;
    /// Smallest width and height of a scene, in scene units.
    pub const MIN_SCENE_SIDE: f64 = 100.0;
    /// Largest width and height of a scene, in scene units.
    pub const MAX_SCENE_SIDE: f64 = 16384.0;
    /// A layer may be at most this many times as wide (and as tall) as the scene; it
    /// must also overlap the scene, so it lies at most this far outside it.
    pub const MAX_LAYER_SCALE: f64 = 4.0;
}

use limits::*;

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Short id, also the file name: `assets/scenes/<id>.json`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            regex(pattern = r"^[a-z0-9-]+$"),
            length(max = MAX_NAME_CHARS)
        )
    )]
    pub id: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Format version: 2. Version 1 files (without labels, decoys, fixed looks and questions) still load; `scene-check --upgrade` converts them.",
            range(min = OLDEST_VERSION, max = FORMAT_VERSION)
        )
    )]
    pub version: u32,
    /// Size of the picture in scene units.
    pub size: Size,
    /// Colour shown around the picture when the window has another shape (`#rrggbb`).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))
    )]
    pub backdrop: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "The main theme of the scene.")
    )]
    pub category: Category,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "The name of the scene on the title screen.")
    )]
    pub title: Text,
    /// One or two sentences shown before play: where we are, what to look for.
    pub intro: Text,
    /// At most [`MAX_LAYERS`], counted while reading.
    #[serde(deserialize_with = "de_layers")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "The picture: sprites drawn back to front. At least 1, at most [`MAX_LAYERS`] (and at most [`MAX_SPRITES`] different sprites).",
            length(min = 1, max = MAX_LAYERS)
        )
    )]
    pub layers: Vec<Layer>,
    /// At most [`MAX_HAZARDS`], counted while reading.
    #[serde(deserialize_with = "de_hazards")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "The hazards hidden in the picture: at least 1, at most [`MAX_HAZARDS`]. Hazard and decoy ids share one list.",
            length(min = 1, max = MAX_HAZARDS)
        )
    )]
    pub hazards: Vec<Hazard>,
    /// Things that look risky but are done right (format v2). At most [`MAX_DECOYS`].
    #[serde(
        default,
        deserialize_with = "de_decoys",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_DECOYS)))]
    pub decoys: Vec<Decoy>,
    /// The part of the scene the picker's thumbnail shows, and the layers (ids, at
    /// most 12) that draw it. Without it the thumbnail is the whole scene drawn with
    /// its largest layers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Thumbnail>,
    /// Places the player steps into from the main picture (format v2 addition): "look
    /// down the shaft", "look down from the edge". At most [`MAX_VIEWS`].
    #[serde(
        default,
        deserialize_with = "de_views",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_VIEWS)))]
    pub views: Vec<View>,
    /// How many of the scene's hazards and decoys one round shows, picked by the
    /// round's seed (`seed::pick_subset`), so a repeat visitor meets a different
    /// scene. Without it every round shows them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundSize>,
}

fn de_views<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<View>, D::Error> {
    bounded(d, MAX_VIEWS, "a list of views", |n| {
        format!("a scene may have at most {MAX_VIEWS} views, this one has {n}")
    })
}

/// How many hazards (and decoys) a round activates out of the scene's.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundSize {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Hazards per round: at least 1, at most as many as the scene has.",
            range(min = 1, max = MAX_HAZARDS)
        )
    )]
    pub hazards: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Decoys per round: at most as many as the scene has; without it, all of them.",
            range(max = MAX_DECOYS)
        )
    )]
    pub decoys: Option<usize>,
}

/// The part of the scene the picker's card shows, and the layers that draw it.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thumbnail {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// Ids of the layers the thumbnail draws, in the scene's drawing order.
    #[serde(deserialize_with = "de_thumb_layers")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = crate::catalogue::MAX_THUMB_LAYERS))
    )]
    pub layers: Vec<String>,
}

impl Thumbnail {
    pub fn rect(&self) -> Rect {
        Rect::new(self.x, self.y, self.w, self.h)
    }
}

fn de_thumb_layers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use crate::catalogue::MAX_THUMB_LAYERS;
    bounded(d, MAX_THUMB_LAYERS, "a list of layer ids", |n| {
        format!("a thumbnail may draw at most {MAX_THUMB_LAYERS} layers, this one names {n}")
    })
}

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Width in scene units.",
            range(min = MIN_SCENE_SIDE, max = MAX_SCENE_SIDE)
        )
    )]
    pub w: f64,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Height in scene units.",
            range(min = MIN_SCENE_SIDE, max = MAX_SCENE_SIDE)
        )
    )]
    pub h: f64,
}

/// One sprite drawn into the rectangle (x, y, w, h) of the scene.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Optional name, so hazards can say which layers draw them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_NAME_CHARS)))]
    pub id: Option<String>,
    /// Sprite name: `assets/sprites/<sprite>.svg`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            regex(pattern = r"^[a-z0-9-]+$"),
            length(max = MAX_NAME_CHARS)
        )
    )]
    pub sprite: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "Left edge, in scene units.")
    )]
    pub x: f64,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "Top edge, in scene units.")
    )]
    pub y: f64,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Width, in scene units; at most [`MAX_LAYER_SCALE`] times the scene's.",
            extend("exclusiveMinimum" = 0)
        )
    )]
    pub w: f64,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Height, in scene units; at most [`MAX_LAYER_SCALE`] times the scene's.",
            extend("exclusiveMinimum" = 0)
        )
    )]
    pub h: f64,
    /// Mirror left to right.
    #[serde(default, skip_serializing_if = "is_false")]
    pub flip: bool,
    /// What a person would call it ("ladder", "worker on the scaffold"), never giving
    /// the answer away; for a description of the scene in words (format v2; required
    /// on every layer a hazard or decoy names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// How far back the layer is, for parallax: 0 (the default) on the action plane,
    /// where hazards are; towards 1, far away (a skyline, the sky). When the player
    /// pans a zoomed view, a layer at depth d moves 1 − d as fast as the action plane.
    /// Only layers no hazard or decoy names may lie behind it.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0, max = 1)))]
    pub depth: f64,
    /// Quiet ambient motion (a flag swaying, birds crossing, steam rising). A moving
    /// layer is drawn over the still picture every frame: no still layer after it may
    /// overlap where it moves. At most [`MAX_ANIMATED`] per scene; a layer a hazard or
    /// decoy names may only sway, bob or flicker a little.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion: Option<Motion>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

impl Layer {
    pub fn rect(&self) -> Rect {
        Rect::new(self.x, self.y, self.w, self.h)
    }
}

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ConfinedSpace,
    Height,
    Fire,
    Electrical,
    Machinery,
    Chemical,
    SlipTrip,
    Traffic,
}

impl Category {
    /// Key of its name in the interface string table.
    pub fn key(self) -> &'static str {
        match self {
            Category::ConfinedSpace => "cat.confined_space",
            Category::Height => "cat.height",
            Category::Fire => "cat.fire",
            Category::Electrical => "cat.electrical",
            Category::Machinery => "cat.machinery",
            Category::Chemical => "cat.chemical",
            Category::SlipTrip => "cat.slip_trip",
            Category::Traffic => "cat.traffic",
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Low => "sev.low",
            Severity::Medium => "sev.medium",
            Severity::High => "sev.high",
        }
    }
}

/// Which of the two kinds Chinese safety training sorts hazards into (format v2:
/// required on every hazard). Label what the picture shows: a person doing something
/// unsafe now (smoking by the manhole, climbing in to rescue, sitting on the edge) is an
/// act; a thing left in an unsafe state (the blower off, a guardrail taken down, bricks
/// piled at the edge) is a condition, even when someone's act once caused it.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cause {
    /// 人的不安全行为: an unsafe act of a person.
    Act,
    /// 物的不安全状态: an unsafe condition of a thing.
    Condition,
}

impl Cause {
    /// Key of its name in the interface string table (the card's label and the
    /// heading the results group lessons under).
    pub fn key(self) -> &'static str {
        match self {
            Cause::Act => "cause.act",
            Cause::Condition => "cause.condition",
        }
    }
}

/// A polygon read from `[[x, y], ...]`, with a point well inside it worked out once
/// at load (markers, the card's side and the test hook use it every frame).
///
/// Reading one refuses more than [`MAX_REGION_POINTS`] points and does no geometry:
/// `inside` is then only the centroid, and [`Scene::parse`] replaces it with
/// [`geom::interior_point`] once the whole file has passed its checks (that work grows
/// with the square of the points, so it waits for the limits).
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    pub points: Vec<Point>,
    pub inside: Point,
}

impl Serialize for Polygon {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.points.len()))?;
        for p in &self.points {
            seq.serialize_element(&[p.x, p.y])?;
        }
        seq.end()
    }
}

impl From<Vec<[f64; 2]>> for Polygon {
    fn from(v: Vec<[f64; 2]>) -> Self {
        let points: Vec<Point> = v.into_iter().map(|[x, y]| Point::new(x, y)).collect();
        let inside = geom::interior_point(&points);
        Polygon { points, inside }
    }
}

impl<'de> Deserialize<'de> for Polygon {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v: Vec<[f64; 2]> = bounded(
            d,
            MAX_REGION_POINTS,
            "a list of points [[x, y], ...]",
            |n| format!("a region may have at most {MAX_REGION_POINTS} points, this one has {n}"),
        )?;
        let points: Vec<Point> = v.into_iter().map(|[x, y]| Point::new(x, y)).collect();
        let inside = geom::centroid(&points);
        Ok(Polygon { points, inside })
    }
}

/// Reads a JSON array of at most `max` entries. Past `max`, the remaining entries are
/// only counted (not built), and the error says how many there are.
fn bounded<'de, D, T>(
    d: D,
    max: usize,
    expecting: &'static str,
    too_many: fn(usize) -> String,
) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Bounded<T> {
        max: usize,
        expecting: &'static str,
        too_many: fn(usize) -> String,
        item: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.max));
            while out.len() < self.max {
                match seq.next_element()? {
                    Some(item) => out.push(item),
                    None => return Ok(out),
                }
            }
            let mut n = out.len();
            while seq.next_element::<IgnoredAny>()?.is_some() {
                n += 1;
            }
            if n > self.max {
                return Err(de::Error::custom((self.too_many)(n)));
            }
            Ok(out)
        }
    }

    d.deserialize_seq(Bounded {
        max,
        expecting,
        too_many,
        item: PhantomData,
    })
}

pub(crate) fn de_layers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Layer>, D::Error> {
    bounded(d, MAX_LAYERS, "a list of layers", |n| {
        format!("a scene may have at most {MAX_LAYERS} layers, this one has {n}")
    })
}

fn de_hazards<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Hazard>, D::Error> {
    bounded(d, MAX_HAZARDS, "a list of hazards", |n| {
        format!("a scene may have at most {MAX_HAZARDS} hazards, this one has {n}")
    })
}

fn de_hazard_layers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    bounded(d, MAX_HAZARD_LAYERS, "a list of layer ids", |n| {
        format!("a hazard may name at most {MAX_HAZARD_LAYERS} layers, this one names {n}")
    })
}

fn de_decoys<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decoy>, D::Error> {
    bounded(d, MAX_DECOYS, "a list of decoys", |n| {
        format!("a scene may have at most {MAX_DECOYS} decoys, this one has {n}")
    })
}

fn de_fixed_layers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Layer>, D::Error> {
    bounded(d, MAX_FIXED_LAYERS, "a list of layers", |n| {
        format!("a fixed look may add at most {MAX_FIXED_LAYERS} layers, this one adds {n}")
    })
}

fn de_answers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Answer>, D::Error> {
    // Read a few more than allowed, so the message can say how many there are.
    bounded(d, 2 * ANSWERS, "a list of answers", |n| {
        format!("a question has exactly {ANSWERS} answers, this one has {n}")
    })
}

/// How a hazard looks when it is done right: some layers hidden, some added. Shown
/// once the hazard is found and on the results screen.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedLook {
    /// Ids of layers not drawn in the fixed look.
    #[serde(
        default,
        deserialize_with = "de_hazard_layers",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            length(max = MAX_HAZARD_LAYERS),
            inner(length(max = MAX_NAME_CHARS))
        )
    )]
    pub hide: Vec<String>,
    /// Layers drawn in the fixed look, directly above the layer `at` names.
    #[serde(
        default,
        deserialize_with = "de_fixed_layers",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_FIXED_LAYERS)))]
    pub show: Vec<Layer>,
    /// Where `show` goes in the drawing order (a layer id); by default the first layer
    /// the hazard names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_NAME_CHARS)))]
    pub at: Option<String>,
}

/// "What do you do now?": exactly [`ANSWERS`] answers, exactly one right.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "The question, e.g. \"What do you do now?\"")
    )]
    pub prompt: Text,
    #[serde(deserialize_with = "de_answers")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Exactly [`ANSWERS`] answers, exactly one of them right.",
            length(equal = ANSWERS)
        )
    )]
    pub answers: Vec<Answer>,
}

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "The answer as the player reads it.")
    )]
    pub text: Text,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "Whether this is the right answer (exactly one is).")
    )]
    pub right: bool,
    /// One line: why this answer is right or wrong.
    pub why: Text,
}

/// Something that looks risky but is done right. Tapping it is not a find: the game
/// says why it is safe, and the tap counts against accuracy like a miss.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decoy {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Short id, unique among the hazards and decoys.",
            regex(pattern = r"^[a-z0-9-]+$"),
            length(max = MAX_NAME_CHARS)
        )
    )]
    pub id: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "Where the decoy is, in scene units.")
    )]
    pub region: Polygon,
    /// The view it is in (a view's id); absent: the main picture. Its region, layers
    /// and fixed look are then in that view's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_NAME_CHARS)))]
    pub view: Option<String>,
    #[serde(default, deserialize_with = "de_hazard_layers")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Ids of the layers that draw it; its region must overlap them.",
            length(max = MAX_HAZARD_LAYERS),
            inner(length(max = MAX_NAME_CHARS))
        )
    )]
    pub layers: Vec<String>,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "What it is, in a few words.")
    )]
    pub name: Text,
    /// "This one is done right, because …"
    pub why: Text,
}

impl Decoy {
    pub fn polygon(&self) -> &[Point] {
        &self.region.points
    }

    pub fn inside(&self) -> Point {
        self.region.inside
    }
}

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hazard {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Short id, unique among the hazards and decoys.",
            regex(pattern = r"^[a-z0-9-]+$"),
            length(max = MAX_NAME_CHARS)
        )
    )]
    pub id: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(description = "What kind of hazard it is.")
    )]
    pub category: Category,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(description = "How bad it is."))]
    pub severity: Severity,
    /// The view it is in (a view's id); absent: the main picture. Its region, layers
    /// and fixed look are then in that view's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = MAX_NAME_CHARS)))]
    pub view: Option<String>,
    /// An unsafe act of a person or an unsafe condition of a thing (format v2:
    /// required). See [`Cause`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "\"act\": an unsafe act of a person (人的不安全行为), such as smoking by a manhole or sitting on a roof edge; \"condition\": an unsafe condition of a thing (物的不安全状态), such as a blower left off or a guardrail taken down. Label what the picture shows. Format v2: required."
        )
    )]
    pub cause: Option<Cause>,
    /// The first step of a hint: a riddle-like clue that says what to look for, not
    /// where ("Something here should be blowing, but is not"). Format v2: required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clue: Option<Text>,
    /// Where the hazard is, in scene units. Tapping inside (or on the edge) finds it.
    pub region: Polygon,
    /// Ids of the layers that draw this hazard; its region must overlap them. At most
    /// [`MAX_HAZARD_LAYERS`], counted while reading.
    #[serde(default, deserialize_with = "de_hazard_layers")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            description = "Ids of the layers that draw this hazard; its region must overlap them. At most [`MAX_HAZARD_LAYERS`].",
            length(max = MAX_HAZARD_LAYERS),
            inner(length(max = MAX_NAME_CHARS))
        )
    )]
    pub layers: Vec<String>,
    /// What it is, in a few words.
    pub name: Text,
    /// Why it is dangerous, for a ten-year-old.
    pub why: Text,
    /// The right practice or fix.
    pub fix: Text,
    /// The rule it comes from.
    pub rule: Text,
    /// How it looks when done right (format v2: required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<FixedLook>,
    /// What do you do now? (format v2: required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
}

impl Hazard {
    pub fn polygon(&self) -> &[Point] {
        &self.region.points
    }

    /// A point well inside the region ([`geom::interior_point`]), computed at load by
    /// [`Scene::parse`].
    pub fn inside(&self) -> Point {
        self.region.inside
    }
}

/// Why a scene file could not be used. The message names the file and the field.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SceneError {
    #[error("{file}: not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {field}: {message}")]
    Field {
        file: String,
        field: String,
        message: String,
    },
    /// More than one problem; shown one per line.
    #[error("{}", several(.0))]
    Several(Vec<SceneError>),
}

fn several(list: &[SceneError]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl SceneError {
    /// Each problem on its own (one, or all of `Several`).
    pub fn problems(&self) -> Vec<&SceneError> {
        match self {
            SceneError::Several(list) => list.iter().collect(),
            one => vec![one],
        }
    }
}

impl SceneError {
    fn field(file: &str, field: impl Into<String>, message: impl Into<String>) -> Self {
        SceneError::Field {
            file: file.to_string(),
            field: clip(field.into()),
            message: clip(message.into()),
        }
    }
}

/// The most characters of a field path or a message that an error shows. serde's
/// messages quote the offending key or value, which a hostile file can make a
/// megabyte long.
const MAX_SHOWN_CHARS: usize = 300;

fn clip(s: String) -> String {
    match s.char_indices().nth(MAX_SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// A number for a message: in full up to 10^15, in exponent form past that (so a
/// width of 1e300 does not print as 301 digits).
fn num(v: f64) -> String {
    if v.abs() < 1e15 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Whether `s` is a safe short name: lowercase letters, digits and dashes. Scene ids
/// and sprite names become file names, so nothing else is let through.
pub fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME_CHARS
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Scene {
    /// Parses and checks a scene file; `file` is the name used in messages.
    ///
    /// Refuses a file past any of the [`limits`] before doing work that grows faster
    /// than the file; a successful parse has each region's interior point worked out.
    pub fn parse(file: &str, json: &str) -> Result<Scene, SceneError> {
        if json.len() > MAX_FILE_BYTES {
            const MIB: f64 = 1024.0 * 1024.0;
            return Err(SceneError::field(
                file,
                "(file)",
                format!(
                    "the file is {:.1} MiB ({} bytes); a scene file may be at most {} MiB ({} bytes)",
                    json.len() as f64 / MIB,
                    json.len(),
                    MAX_FILE_BYTES as f64 / MIB,
                    MAX_FILE_BYTES
                ),
            ));
        }
        let json = json.trim_start_matches('\u{feff}');
        let first = json.trim_start().chars().next();
        if first.is_some_and(|c| c != '{') {
            return Err(SceneError::field(
                file,
                "(top level)",
                "a scene file must be one JSON object, starting with {",
            ));
        }
        let de = &mut serde_json::Deserializer::from_str(json);
        let mut scene: Scene = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                SceneError::Syntax {
                    file: file.to_string(),
                    line: inner.line(),
                    column: inner.column(),
                    message: clip(strip_position(&inner.to_string())),
                }
            } else {
                let field = if path == "." {
                    "(top level)".into()
                } else {
                    path
                };
                SceneError::field(file, field, strip_position(&inner.to_string()))
            }
        })?;
        scene.validate(file)?;
        let regions = scene
            .hazards
            .iter_mut()
            .map(|h| &mut h.region)
            .enumerate()
            .map(|(i, r)| (format!("hazards[{i}].region"), r))
            .chain(
                scene
                    .decoys
                    .iter_mut()
                    .map(|d| &mut d.region)
                    .enumerate()
                    .map(|(i, r)| (format!("decoys[{i}].region"), r)),
            );
        for (field, region) in regions {
            let poly = &region.points;
            let inside = geom::interior_point(poly);
            // A region that goes round its outline twice passes the checks above, but
            // by the even-odd rule nothing inside it is inside: no tap would find it.
            if !geom::contains(poly, inside) || geom::distance_to_outline(inside, poly) <= 1e-9 {
                return Err(SceneError::field(
                    file,
                    field,
                    "no point lies inside the outline (does it go round more than once?)",
                ));
            }
            region.inside = inside;
        }
        // Version 1 is version 2 without labels, decoys, fixed looks and questions.
        scene.version = FORMAT_VERSION;
        Ok(scene)
    }

    /// The checks serde cannot express. The [`limits`] come first (after the version,
    /// which says what the rest means), so no check below works on an oversize scene;
    /// past them, every problem in the file is reported, not only the first.
    pub fn validate(&self, file: &str) -> Result<(), SceneError> {
        if !(OLDEST_VERSION..=FORMAT_VERSION).contains(&self.version) {
            return Err(SceneError::field(
                file,
                "version",
                format!(
                    "this game reads versions {OLDEST_VERSION} to {FORMAT_VERSION}, the file says {}",
                    self.version
                ),
            ));
        }
        self.check_limits(file)?;
        let v2 = self.version >= 2;
        let mut p = Problems::new(file);
        if !is_safe_name(&self.id) {
            p.add("id", "use lowercase letters, digits and dashes");
        }
        if !is_hex_colour(&self.backdrop) {
            p.add("backdrop", "must be a colour like #1a2b3c");
        }
        p.text("title", &self.title);
        p.text("intro", &self.intro);
        self.check_views(&mut p);
        // Each stage's layers by id: the main picture (0), then each view.
        let mut layers_by_id: Vec<HashMap<&str, &Layer>> = Vec::new();
        for s in 0..self.stages() {
            let bounds = self.stage_rect(s);
            let mut by_id = HashMap::new();
            for (i, l) in self.stage_layers(s).iter().enumerate() {
                let at = stage_field(s, &format!("layers[{i}]"));
                p.layer(&at, l, &bounds);
                if let Some(id) = &l.id {
                    if by_id.insert(id.as_str(), l).is_some() {
                        p.add(format!("{at}.id"), format!("\"{id}\" is used twice"));
                    }
                }
            }
            if self.stage_layers(s).is_empty() {
                p.add(
                    stage_field(s, "layers"),
                    "a picture needs at least one layer",
                );
            }
            layers_by_id.push(by_id);
        }
        // Layers a hazard or decoy names must say what they show (format v2), by stage.
        let mut needs_label: HashSet<(usize, &str)> = HashSet::new();

        if self.hazards.is_empty() {
            p.add("hazards", "a scene needs at least one hazard");
        }
        let mut item_ids = HashSet::new();
        for (i, h) in self.hazards.iter().enumerate() {
            let at = |f: &str| format!("hazards[{i}].{f}");
            p.item_id(&at("id"), &h.id, &mut item_ids);
            let Some(s) = p.item_view(&at("view"), h.view.as_deref(), self) else {
                continue;
            };
            let bounds = self.stage_rect(s);
            p.region(&format!("hazards[{i}]"), h.polygon(), &bounds);
            for (name, text) in [
                ("name", &h.name),
                ("why", &h.why),
                ("fix", &h.fix),
                ("rule", &h.rule),
            ] {
                p.text(&at(name), text);
            }
            p.named_layers(
                &format!("hazards[{i}]"),
                &h.layers,
                h.polygon(),
                &layers_by_id[s],
            );
            needs_label.extend(h.layers.iter().map(|id| (s, id.as_str())));
            match &h.fixed {
                Some(fixed) => p.fixed(&at("fixed"), fixed, h, &layers_by_id[s], &bounds),
                None if v2 => p.add(
                    at("fixed"),
                    "missing: how it looks when done right ({\"hide\": [...], \"show\": [...]})",
                ),
                None => {}
            }
            match &h.question {
                Some(q) => p.question(&at("question"), q),
                None if v2 => p.add(
                    at("question"),
                    "missing: the \"what do you do now?\" question",
                ),
                None => {}
            }
            match &h.clue {
                Some(c) => p.text(&at("clue"), c),
                None if v2 => p.add(
                    at("clue"),
                    "missing: the hint's first step, a short clue to what to look for (not where)",
                ),
                None => {}
            }
            if h.cause.is_none() && v2 {
                p.add(
                    at("cause"),
                    "missing: \"act\" (an unsafe act of a person) or \"condition\" (an unsafe condition of a thing)",
                );
            }
        }
        for (i, d) in self.decoys.iter().enumerate() {
            let at = |f: &str| format!("decoys[{i}].{f}");
            p.item_id(&at("id"), &d.id, &mut item_ids);
            let Some(s) = p.item_view(&at("view"), d.view.as_deref(), self) else {
                continue;
            };
            p.region(&format!("decoys[{i}]"), d.polygon(), &self.stage_rect(s));
            p.text(&at("name"), &d.name);
            p.text(&at("why"), &d.why);
            p.named_layers(
                &format!("decoys[{i}]"),
                &d.layers,
                d.polygon(),
                &layers_by_id[s],
            );
            needs_label.extend(d.layers.iter().map(|id| (s, id.as_str())));
        }
        if let Some(t) = &self.thumbnail {
            let r = t.rect();
            if ![r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) || r.w <= 0.0 || r.h <= 0.0 {
                p.add("thumbnail", "position must be a number and size positive");
            } else if !r.intersects(&self.rect()) {
                p.add("thumbnail", "the view lies entirely outside the scene");
            }
            for (k, id) in t.layers.iter().enumerate() {
                if !layers_by_id[0].contains_key(id.as_str()) {
                    p.add(
                        format!("thumbnail.layers[{k}]"),
                        format!("no layer has the id \"{id}\""),
                    );
                }
            }
        }
        for s in 0..self.stages() {
            for (i, l) in self.stage_layers(s).iter().enumerate() {
                let field = stage_field(s, &format!("layers[{i}].label"));
                match (&l.label, &l.id) {
                    (Some(label), _) => p.text(&field, label),
                    (None, Some(id)) if v2 && needs_label.contains(&(s, id.as_str())) => p.add(
                        field,
                        format!("missing: a hazard or decoy names the layer \"{id}\", so it needs a short label"),
                    ),
                    _ => {}
                }
            }
        }
        if let Some(r) = &self.round {
            p.round(r, self.hazards.len(), self.decoys.len());
        }
        for s in 0..self.stages() {
            let named: HashSet<&str> = needs_label
                .iter()
                .filter(|(st, _)| *st == s)
                .map(|(_, id)| *id)
                .collect();
            self.check_life_and_depth(&mut p, s, &named);
        }
        p.finish()
    }

    /// Depth and motion: hazards stay on the action plane, moving layers stay few,
    /// small where a hazard is drawn, clear of hazards otherwise, and never covered by
    /// a still layer drawn after them (they are drawn over the still picture).
    fn check_life_and_depth(&self, p: &mut Problems, stage: usize, named: &HashSet<&str>) {
        let bounds = self.stage_rect(stage);
        let layers = self.stage_layers(stage);
        let items: Vec<(String, Rect)> = self
            .hazards
            .iter()
            .enumerate()
            .filter(|(i, _)| self.hazard_stage(*i) == stage)
            .map(|(_, h)| (format!("hazard \"{}\"", h.id), h.polygon()))
            .chain(
                self.decoys
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| self.decoy_stage(*i) == stage)
                    .map(|(_, d)| (format!("decoy \"{}\"", d.id), d.polygon())),
            )
            .filter(|(_, poly)| !poly.is_empty())
            .map(|(name, poly)| (name, geom::bounds(poly)))
            .collect();
        let mut animated = 0;
        for (i, l) in layers.iter().enumerate() {
            let at = stage_field(stage, &format!("layers[{i}]"));
            let named_by = l.id.as_deref().filter(|id| named.contains(id));
            if !(l.depth.is_finite() && (0.0..=1.0).contains(&l.depth)) {
                p.add(
                    format!("{at}.depth"),
                    "must be between 0 (the action plane) and 1 (far away)",
                );
            } else if let (true, Some(id)) = (l.depth > 0.0, named_by) {
                p.add(
                    format!("{at}.depth"),
                    format!("a hazard or decoy names the layer \"{id}\": it stays on the action plane (depth 0), where taps find it"),
                );
            }
            let Some(m) = &l.motion else { continue };
            animated += 1;
            if animated == MAX_ANIMATED + 1 {
                p.add(
                    format!("{at}.motion"),
                    format!("a scene may have at most {MAX_ANIMATED} moving layers; this is the {animated}th"),
                );
            }
            let sound = p.motion(
                &format!("{at}.motion"),
                m,
                named_by.is_some(),
                self.stage_size(stage),
            );
            let rect_ok = [l.x, l.y, l.w, l.h].iter().all(|v| v.is_finite()) && l.w > 0.0;
            if !(sound && rect_ok) {
                continue;
            }
            let mut reach = m.reach(l.rect());
            if l.depth > 0.0 && l.depth <= 1.0 {
                // Parallax may move it by up to this much relative to the action plane.
                let (ex, ey) = (l.depth * bounds.w / 2.0, l.depth * bounds.h / 2.0);
                reach = Rect::new(
                    reach.x - ex,
                    reach.y - ey,
                    reach.w + 2.0 * ex,
                    reach.h + 2.0 * ey,
                );
            }
            let later_still = layers
                .iter()
                .enumerate()
                .skip(i + 1)
                .filter(|(_, o)| o.motion.is_none())
                .find(|(_, o)| o.rect().intersects(&reach));
            if let Some((j, o)) = later_still {
                let name =
                    o.id.as_ref()
                        .map(|id| format!(" (\"{id}\")"))
                        .unwrap_or_default();
                p.add(
                    format!("{at}.motion"),
                    format!("a moving layer is drawn over the still picture, but layers[{j}]{name}, drawn after it, overlaps where it moves: move it after that layer, or keep it still"),
                );
            }
            for (k, h) in self.hazards.iter().enumerate() {
                if self.hazard_stage(k) != stage {
                    continue;
                }
                let Some(f) = &h.fixed else { continue };
                let anchor = f.at.as_deref().or(h.layers.first().map(String::as_str));
                let after = anchor.is_some_and(|a| {
                    layers
                        .iter()
                        .position(|o| o.id.as_deref() == Some(a))
                        .is_some_and(|ai| ai >= i)
                });
                if after && f.show.iter().any(|s| s.rect().intersects(&reach)) {
                    p.add(
                        format!("{at}.motion"),
                        format!("a moving layer is drawn over the still picture, but the fixed look of hazards[{k}], drawn after it, overlaps where it moves"),
                    );
                }
            }
            if named_by.is_none() {
                if let Some((name, _)) = items.iter().find(|(_, r)| r.intersects(&reach)) {
                    p.add(
                        format!("{at}.motion"),
                        format!("it moves over the {name}: only the layers a hazard or decoy names may move where it is, and only a little"),
                    );
                }
            }
        }
    }

    /// The views' own fields: ids, texts, where their button sits, their kind's data.
    fn check_views(&self, p: &mut Problems) {
        let mut ids = HashSet::new();
        let main = self.rect();
        for (k, v) in self.views.iter().enumerate() {
            let at = |f: &str| format!("views[{k}].{f}");
            if !is_safe_name(&v.id) {
                p.add(at("id"), "use lowercase letters, digits and dashes");
            } else if !ids.insert(v.id.as_str()) {
                p.add(at("id"), format!("\"{}\" is used twice", v.id));
            }
            p.text(&at("title"), &v.title);
            p.text(&at("intro"), &v.intro);
            if !is_hex_colour(&v.backdrop) {
                p.add(at("backdrop"), "must be a colour like #1a2b3c");
            }
            if !(v.entry.x.is_finite() && v.entry.y.is_finite() && main.contains(v.entry)) {
                p.add(
                    at("entry"),
                    format!(
                        "the button that opens the view must sit on the main picture (0–{} × 0–{})",
                        num(main.w),
                        num(main.h)
                    ),
                );
            }
            // Its marker is tapped where nothing else is: not on a hazard or decoy.
            let under = self
                .hazards
                .iter()
                .filter(|h| h.view.is_none())
                .map(|h| (h.id.as_str(), h.polygon()))
                .chain(
                    self.decoys
                        .iter()
                        .filter(|d| d.view.is_none())
                        .map(|d| (d.id.as_str(), d.polygon())),
                )
                .find(|(_, poly)| poly.len() >= 3 && geom::contains(poly, v.entry));
            if let Some((id, _)) = under {
                p.add(
                    at("entry"),
                    format!("the view's marker would sit on \"{id}\": put it where a tap finds nothing else"),
                );
            }
            match (v.kind, &v.gas, &v.edge) {
                (ViewKind::Shaft, None, _) => p.add(
                    at("gas"),
                    "missing: a shaft view says what the gas detector reads ({\"depth_m\", \"before\", \"after\"})",
                ),
                (ViewKind::Edge, _, None) => p.add(
                    at("edge"),
                    "missing: an edge view gives its height and wind ({\"height_m\", \"wind_force\"})",
                ),
                (ViewKind::Shaft, _, Some(_)) => {
                    p.add(at("edge"), "only an edge view has a height and wind")
                }
                (ViewKind::Edge, Some(_), _) => {
                    p.add(at("gas"), "only a shaft view has gas readings")
                }
                _ => {}
            }
            if let Some(g) = &v.gas {
                if !(g.depth_m.is_finite() && g.depth_m > 0.0 && g.depth_m <= 200.0) {
                    p.add(
                        at("gas.depth_m"),
                        "must be a depth in metres, above 0 and at most 200",
                    );
                }
                for (name, list) in [("before", &g.before), ("after", &g.after)] {
                    let field = at(&format!("gas.{name}"));
                    p.readings(&field, list, g.depth_m);
                }
                if let Some(id) = &g.ventilated_by {
                    if self.hazard_index(id).is_none() {
                        p.add(
                            at("gas.ventilated_by"),
                            format!("no hazard has the id \"{id}\""),
                        );
                    }
                }
            }
            if let Some(e) = &v.edge {
                if !(e.height_m.is_finite() && e.height_m > 0.0 && e.height_m <= 1000.0) {
                    p.add(
                        at("edge.height_m"),
                        "must be a height in metres, above 0 and at most 1000",
                    );
                }
                let [lo, hi] = e.wind_force;
                if !(lo.is_finite()
                    && hi.is_finite()
                    && (0.0..=12.0).contains(&lo)
                    && (lo..=12.0).contains(&hi))
                {
                    p.add(
                        at("edge.wind_force"),
                        "two Beaufort forces from 0 to 12, the calmest first",
                    );
                }
            }
        }
    }

    /// The [`limits`], in one linear pass over the scene.
    fn check_limits(&self, file: &str) -> Result<(), SceneError> {
        let err = |field: String, msg: String| Err(SceneError::field(file, field, msg));
        for (field, what, v) in [
            ("size.w", "width", self.size.w),
            ("size.h", "height", self.size.h),
        ] {
            if !(MIN_SCENE_SIDE..=MAX_SCENE_SIDE).contains(&v) {
                return err(
                    field.into(),
                    format!(
                        "the {what} must be between {MIN_SCENE_SIDE} and {MAX_SCENE_SIDE} units, this one is {}",
                        num(v)
                    ),
                );
            }
        }
        check_name_len(file, "id", &self.id)?;
        check_text_len(file, "title", &self.title)?;
        check_text_len(file, "intro", &self.intro)?;

        for (k, v) in self.views.iter().enumerate() {
            let at = |f: &str| format!("views[{k}].{f}");
            check_name_len(file, &at("id"), &v.id)?;
            check_text_len(file, &at("title"), &v.title)?;
            check_text_len(file, &at("intro"), &v.intro)?;
            for (field, what, val) in [
                ("size.w", "width", v.size.w),
                ("size.h", "height", v.size.h),
            ] {
                if !(MIN_SCENE_SIDE..=MAX_SCENE_SIDE).contains(&val) {
                    return err(
                        at(field),
                        format!(
                            "the {what} must be between {MIN_SCENE_SIDE} and {MAX_SCENE_SIDE} units, this one is {}",
                            num(val)
                        ),
                    );
                }
            }
        }
        let all_layers: usize = (0..self.stages()).map(|s| self.stage_layers(s).len()).sum();
        if all_layers > MAX_LAYERS {
            return err(
                if self.views.is_empty() { "layers" } else { "views" }.into(),
                format!(
                    "a scene may have at most {MAX_LAYERS} layers (its views' included), this one has {all_layers}"
                ),
            );
        }
        let mut sprites = HashSet::new();
        for s in 0..self.stages() {
            let size = self.stage_size(s);
            for (i, l) in self.stage_layers(s).iter().enumerate() {
                let at = stage_field(s, &format!("layers[{i}]"));
                self.check_layer_limits(file, &at, l, size, &mut sprites)?;
            }
        }

        if self.hazards.len() > MAX_HAZARDS {
            return err(
                "hazards".into(),
                format!(
                    "a scene may have at most {MAX_HAZARDS} hazards, this one has {}",
                    self.hazards.len()
                ),
            );
        }
        let mut total_points = 0;
        for (i, h) in self.hazards.iter().enumerate() {
            let at = |f: &str| format!("hazards[{i}].{f}");
            check_name_len(file, &at("id"), &h.id)?;
            let n = h.region.points.len();
            if n > MAX_REGION_POINTS {
                return err(
                    at("region"),
                    format!(
                        "a region may have at most {MAX_REGION_POINTS} points, this one has {n}"
                    ),
                );
            }
            total_points += n;
            if h.layers.len() > MAX_HAZARD_LAYERS {
                return err(
                    at("layers"),
                    format!(
                        "a hazard may name at most {MAX_HAZARD_LAYERS} layers, this one names {}",
                        h.layers.len()
                    ),
                );
            }
            for (k, id) in h.layers.iter().enumerate() {
                check_name_len(file, &format!("hazards[{i}].layers[{k}]"), id)?;
            }
            for (name, text) in [
                ("name", &h.name),
                ("why", &h.why),
                ("fix", &h.fix),
                ("rule", &h.rule),
            ] {
                check_text_len(file, &at(name), text)?;
            }
            if let Some(f) = &h.fixed {
                for (k, id) in f.hide.iter().chain(&f.at).enumerate() {
                    check_name_len(file, &format!("hazards[{i}].fixed.hide[{k}]"), id)?;
                }
                let size = self.stage_size(self.hazard_stage(i));
                for (k, l) in f.show.iter().enumerate() {
                    self.check_layer_limits(
                        file,
                        &format!("hazards[{i}].fixed.show[{k}]"),
                        l,
                        size,
                        &mut sprites,
                    )?;
                }
            }
            if let Some(c) = &h.clue {
                check_text_len(file, &at("clue"), c)?;
            }
            if let Some(q) = &h.question {
                check_text_len(file, &at("question.prompt"), &q.prompt)?;
                for (k, a) in q.answers.iter().enumerate() {
                    check_text_len(
                        file,
                        &format!("hazards[{i}].question.answers[{k}].text"),
                        &a.text,
                    )?;
                    check_text_len(
                        file,
                        &format!("hazards[{i}].question.answers[{k}].why"),
                        &a.why,
                    )?;
                }
            }
        }
        if self.decoys.len() > MAX_DECOYS {
            return err(
                "decoys".into(),
                format!(
                    "a scene may have at most {MAX_DECOYS} decoys, this one has {}",
                    self.decoys.len()
                ),
            );
        }
        for (i, d) in self.decoys.iter().enumerate() {
            let at = |f: &str| format!("decoys[{i}].{f}");
            check_name_len(file, &at("id"), &d.id)?;
            total_points += d.region.points.len();
            if d.region.points.len() > MAX_REGION_POINTS {
                return err(
                    at("region"),
                    format!(
                        "a region may have at most {MAX_REGION_POINTS} points, this one has {}",
                        d.region.points.len()
                    ),
                );
            }
            for (k, id) in d.layers.iter().enumerate() {
                check_name_len(file, &format!("decoys[{i}].layers[{k}]"), id)?;
            }
            check_text_len(file, &at("name"), &d.name)?;
            check_text_len(file, &at("why"), &d.why)?;
        }
        if total_points > MAX_TOTAL_POINTS {
            return err(
                "hazards".into(),
                format!(
                    "the regions of a scene may have at most {MAX_TOTAL_POINTS} points in all, these have {total_points}"
                ),
            );
        }
        Ok(())
    }

    /// One layer's names, label and size against the [`limits`]; counts its sprite.
    fn check_layer_limits<'s>(
        &self,
        file: &str,
        at: &str,
        l: &'s Layer,
        size: Size,
        sprites: &mut HashSet<&'s str>,
    ) -> Result<(), SceneError> {
        let err = |field: String, msg: String| Err(SceneError::field(file, field, msg));
        check_name_len(file, &format!("{at}.sprite"), &l.sprite)?;
        if let Some(id) = &l.id {
            check_name_len(file, &format!("{at}.id"), id)?;
        }
        if let Some(label) = &l.label {
            check_text_len(file, &format!("{at}.label"), label)?;
        }
        if sprites.insert(l.sprite.as_str()) && sprites.len() > MAX_SPRITES {
            return err(
                format!("{at}.sprite"),
                format!(
                    "a scene may use at most {MAX_SPRITES} different sprites; this layer's is the {}th",
                    sprites.len()
                ),
            );
        }
        let (max_w, max_h) = (MAX_LAYER_SCALE * size.w, MAX_LAYER_SCALE * size.h);
        for (f, what, v, max) in [("w", "wide", l.w, max_w), ("h", "tall", l.h, max_h)] {
            if v > max {
                return err(
                    format!("{at}.{f}"),
                    format!(
                        "a layer may be at most {MAX_LAYER_SCALE} times as {what} as the scene ({} units), this one is {}",
                        num(max),
                        num(v)
                    ),
                );
            }
        }
        Ok(())
    }

    /// Each sprite name once, in first-use order: the scene's layers, then the layers
    /// of the fixed looks.
    pub fn sprite_names(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        let fixed = self
            .hazards
            .iter()
            .filter_map(|h| h.fixed.as_ref())
            .flat_map(|f| &f.show);
        let views = self.views.iter().flat_map(|v| &v.layers);
        self.layers
            .iter()
            .chain(views)
            .chain(fixed)
            .map(|l| l.sprite.as_str())
            .filter(|s| seen.insert(*s))
            .collect()
    }

    /// Each sprite name once that the main picture needs (its layers and its hazards'
    /// fixed looks), then, separately, those only the views need: a scene is ready to
    /// play with the first list, the second can follow.
    pub fn sprite_names_split(&self) -> (Vec<&str>, Vec<&str>) {
        let mut seen = HashSet::new();
        let fixed_in = |stage: bool| {
            self.hazards
                .iter()
                .enumerate()
                .filter(move |(i, _)| (self.hazard_stage(*i) == 0) == stage)
                .filter_map(|(_, h)| h.fixed.as_ref())
                .flat_map(|f| &f.show)
        };
        let main: Vec<&str> = self
            .layers
            .iter()
            .chain(fixed_in(true))
            .map(|l| l.sprite.as_str())
            .filter(|s| seen.insert(*s))
            .collect();
        let views: Vec<&str> = self
            .views
            .iter()
            .flat_map(|v| &v.layers)
            .chain(fixed_in(false))
            .map(|l| l.sprite.as_str())
            .filter(|s| seen.insert(*s))
            .collect();
        (main, views)
    }

    /// The part of the picture that hazard `i`'s fixed look changes (the layers it
    /// hides and the layers it adds), so a painter can redraw only that.
    pub fn fixed_look_bounds(&self, i: usize) -> Option<Rect> {
        let f = self.hazards.get(i)?.fixed.as_ref()?;
        let hidden = self
            .stage_layers(self.hazard_stage(i))
            .iter()
            .filter(|l| l.id.as_ref().is_some_and(|id| f.hide.contains(id)));
        hidden
            .chain(&f.show)
            .map(Layer::rect)
            .reduce(|a, b| a.union(&b))
    }

    /// The layers of the main picture in drawing order, with the fixed look of every
    /// hazard `fixed(i)` says is fixed: see [`Scene::picture_layers_in`].
    pub fn picture_layers(&self, fixed: impl Fn(usize) -> bool) -> Vec<&Layer> {
        self.picture_layers_in(0, fixed)
    }

    /// The layers of stage `stage` in drawing order, with the fixed look of every
    /// hazard in that stage `fixed(i)` says is fixed: its hidden layers left out, its
    /// added layers drawn directly above its `at` layer (by default the first layer
    /// it names).
    pub fn picture_layers_in(&self, stage: usize, fixed: impl Fn(usize) -> bool) -> Vec<&Layer> {
        let layers = self.stage_layers(stage);
        let looks: Vec<(&FixedLook, Option<&str>)> = self
            .hazards
            .iter()
            .enumerate()
            .filter(|(i, _)| fixed(*i) && self.hazard_stage(*i) == stage)
            .filter_map(|(_, h)| {
                let f = h.fixed.as_ref()?;
                let at = f.at.as_deref().or(h.layers.first().map(String::as_str));
                Some((f, at))
            })
            .collect();
        if looks.is_empty() {
            return layers.iter().collect();
        }
        let hidden: HashSet<&str> = looks
            .iter()
            .flat_map(|(f, _)| f.hide.iter().map(String::as_str))
            .collect();
        let mut out = Vec::with_capacity(layers.len());
        for l in layers {
            let id = l.id.as_deref();
            if !id.is_some_and(|id| hidden.contains(id)) {
                out.push(l);
            }
            for (f, at) in &looks {
                if id.is_some() && id == *at {
                    out.extend(&f.show);
                }
            }
        }
        out
    }

    pub fn rect(&self) -> Rect {
        Rect::new(0.0, 0.0, self.size.w, self.size.h)
    }

    /// How many pictures the scene has: the main one (stage 0) and each view (stage
    /// `k + 1` is `views[k]`).
    pub fn stages(&self) -> usize {
        1 + self.views.len()
    }

    /// The size of stage `s` (the main picture for a stage that does not exist).
    pub fn stage_size(&self, s: usize) -> Size {
        self.stage_view(s).map_or(self.size, |v| v.size)
    }

    pub fn stage_rect(&self, s: usize) -> Rect {
        let size = self.stage_size(s);
        Rect::new(0.0, 0.0, size.w, size.h)
    }

    pub fn stage_backdrop(&self, s: usize) -> &str {
        self.stage_view(s).map_or(&self.backdrop, |v| &v.backdrop)
    }

    pub fn stage_layers(&self, s: usize) -> &[Layer] {
        self.stage_view(s).map_or(&self.layers, |v| &v.layers)
    }

    /// The view stage `s` shows; `None` for the main picture.
    pub fn stage_view(&self, s: usize) -> Option<&View> {
        s.checked_sub(1).and_then(|k| self.views.get(k))
    }

    /// Stage `stage` as a scene of its own: the view's size, backdrop and layers, and
    /// only the fixed looks of the hazards inside it (hazards keep their indices). A
    /// painter draws it as it draws a main picture. Stage 0 is the scene itself.
    pub fn staged(&self, stage: usize) -> Scene {
        let mut s = self.clone();
        if let Some(v) = self.stage_view(stage) {
            s.size = v.size;
            s.backdrop = v.backdrop.clone();
            s.layers = v.layers.clone();
        }
        for (i, h) in s.hazards.iter_mut().enumerate() {
            if self.hazard_stage(i) != stage {
                h.fixed = None;
            }
            h.view = None;
        }
        for d in &mut s.decoys {
            d.view = None;
        }
        s.views.clear();
        s
    }

    /// The stage of a view id (`None`: the main picture, 0). An id no view has is the
    /// main picture too ([`Scene::validate`] refuses it).
    pub fn stage_of(&self, view: Option<&str>) -> usize {
        view.and_then(|id| self.views.iter().position(|v| v.id == id))
            .map_or(0, |k| k + 1)
    }

    /// The stage hazard `i` is in.
    pub fn hazard_stage(&self, i: usize) -> usize {
        self.hazards
            .get(i)
            .map_or(0, |h| self.stage_of(h.view.as_deref()))
    }

    /// The stage decoy `i` is in.
    pub fn decoy_stage(&self, i: usize) -> usize {
        self.decoys
            .get(i)
            .map_or(0, |d| self.stage_of(d.view.as_deref()))
    }

    /// The stage of the view with this id.
    pub fn view_stage(&self, id: &str) -> Option<usize> {
        self.views.iter().position(|v| v.id == id).map(|k| k + 1)
    }

    /// Whether any layer of the main picture moves by itself.
    pub fn has_motion(&self) -> bool {
        self.has_motion_in(0)
    }

    /// Whether any layer of stage `s` moves by itself.
    pub fn has_motion_in(&self, s: usize) -> bool {
        self.stage_layers(s).iter().any(|l| l.motion.is_some())
    }

    /// Whether any layer of the main picture lies behind the action plane (parallax).
    pub fn has_depth(&self) -> bool {
        self.has_depth_in(0)
    }

    /// Whether any layer of stage `s` lies behind the action plane (parallax).
    pub fn has_depth_in(&self, s: usize) -> bool {
        self.stage_layers(s).iter().any(|l| l.depth > 0.0)
    }

    pub fn hazard_index(&self, id: &str) -> Option<usize> {
        self.hazards.iter().position(|h| h.id == id)
    }
}

/// Every problem a check finds, each naming the file and the field.
struct Problems<'a> {
    file: &'a str,
    list: Vec<SceneError>,
    /// Problems past [`MAX_PROBLEMS`], only counted.
    more: usize,
}

impl<'a> Problems<'a> {
    fn new(file: &'a str) -> Self {
        Problems {
            file,
            list: Vec::new(),
            more: 0,
        }
    }

    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list
                .push(SceneError::field(self.file, field.into(), message.into()));
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Result<(), SceneError> {
        if self.more > 0 {
            let more = self.more;
            self.list.push(SceneError::field(
                self.file,
                "(file)",
                format!("… and {more} more problems"),
            ));
        }
        match self.list.len() {
            0 => Ok(()),
            1 => Err(self.list.remove(0)),
            _ => Err(SceneError::Several(self.list)),
        }
    }

    /// The stage of a hazard's or decoy's `view` (0 without one); `None`, with a
    /// problem, when no view has that id.
    fn item_view(&mut self, field: &str, view: Option<&str>, scene: &Scene) -> Option<usize> {
        match view {
            None => Some(0),
            Some(id) => {
                let s = scene.view_stage(id);
                if s.is_none() {
                    self.add(field, format!("no view has the id \"{id}\""));
                }
                s
            }
        }
    }

    /// A gas profile: readings by ascending depth from 0, within the shaft, with
    /// numbers a detector can show.
    fn readings(&mut self, field: &str, list: &[crate::view::GasReading], depth_m: f64) {
        if list.len() < 2 {
            self.add(
                field,
                "at least 2 readings: at the top (0 m) and lower down",
            );
            return;
        }
        if list[0].at_m != 0.0 {
            self.add(
                format!("{field}[0].at_m"),
                "the first reading is at the opening: 0",
            );
        }
        for (k, r) in list.iter().enumerate() {
            let at = |f: &str| format!("{field}[{k}].{f}");
            if k > 0 && r.at_m.partial_cmp(&list[k - 1].at_m) != Some(std::cmp::Ordering::Greater) {
                self.add(at("at_m"), "depths must go down: each deeper than the last");
            }
            if !(r.at_m.is_finite() && r.at_m <= depth_m) {
                self.add(
                    at("at_m"),
                    format!("must lie within the shaft (0–{} m)", num(depth_m)),
                );
            }
            for (name, v, max) in [
                ("o2", r.o2, 100.0),
                ("h2s", r.h2s, 10_000.0),
                ("co", r.co, 10_000.0),
                ("ch4", r.ch4, 100.0),
            ] {
                if !(v.is_finite() && (0.0..=max).contains(&v)) {
                    self.add(at(name), format!("must be a number from 0 to {}", num(max)));
                }
            }
        }
    }

    fn text(&mut self, field: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.add(format!("{field}.zh"), "the Chinese text is empty");
        }
        if text.en.trim().is_empty() {
            self.add(format!("{field}.en"), "the English text is empty");
        }
    }

    fn item_id<'s>(&mut self, field: &str, id: &'s str, seen: &mut HashSet<&'s str>) {
        if !is_safe_name(id) {
            self.add(field, "use lowercase letters, digits and dashes");
        } else if !seen.insert(id) {
            self.add(
                field,
                format!("\"{id}\" is used twice (hazard and decoy ids share one list)"),
            );
        }
    }

    fn layer(&mut self, at: &str, l: &Layer, bounds: &Rect) {
        if !is_safe_name(&l.sprite) {
            self.add(
                format!("{at}.sprite"),
                "use lowercase letters, digits and dashes",
            );
        }
        if ![l.x, l.y, l.w, l.h].iter().all(|v| v.is_finite()) || l.w <= 0.0 || l.h <= 0.0 {
            self.add(
                format!("{at}.w"),
                "position must be a number and size positive",
            );
        } else if !l.rect().intersects(bounds) {
            self.add(
                format!("{at}.x"),
                "the layer lies entirely outside the scene",
            );
        }
        if let Some(label) = &l.label {
            self.text(&format!("{at}.label"), label);
        }
    }

    /// A hazard's or decoy's region: enough points, inside the scene, not crossing
    /// itself, with an area.
    fn region(&mut self, at: &str, poly: &[Point], bounds: &Rect) {
        if poly.len() < 3 {
            self.add(format!("{at}.region"), "a region needs at least 3 points");
            return;
        }
        if let Some(j) = poly
            .iter()
            .position(|p| !bounds.contains(*p) || !p.x.is_finite() || !p.y.is_finite())
        {
            self.add(
                format!("{at}.region[{j}]"),
                format!("point lies outside the {}×{} scene", bounds.w, bounds.h),
            );
            return;
        }
        // Quadratic in the points: bounded by MAX_REGION_POINTS, checked first.
        if geom::self_intersects(poly) {
            self.add(format!("{at}.region"), "the outline crosses itself");
        } else if geom::area(poly) < 1.0 {
            self.add(format!("{at}.region"), "the region has no area");
        }
    }

    /// The layers a hazard or decoy names exist and its region overlaps them.
    fn named_layers(
        &mut self,
        at: &str,
        ids: &[String],
        poly: &[Point],
        layers: &HashMap<&str, &Layer>,
    ) {
        let region_box = geom::bounds(poly);
        for (k, layer_id) in ids.iter().enumerate() {
            match layers.get(layer_id.as_str()) {
                None => self.add(
                    format!("{at}.layers[{k}]"),
                    format!("no layer has the id \"{layer_id}\""),
                ),
                Some(layer) if !poly.is_empty() && !layer.rect().intersects(&region_box) => self
                    .add(
                        format!("{at}.region"),
                        format!(
                            "the region does not overlap the layer \"{layer_id}\" that draws it"
                        ),
                    ),
                Some(_) => {}
            }
        }
    }

    fn fixed(
        &mut self,
        at: &str,
        f: &FixedLook,
        h: &Hazard,
        layers: &HashMap<&str, &Layer>,
        bounds: &Rect,
    ) {
        if f.hide.is_empty() && f.show.is_empty() {
            self.add(at, "a fixed look hides or shows at least one layer");
        }
        for (k, id) in f.hide.iter().enumerate() {
            if !layers.contains_key(id.as_str()) {
                self.add(
                    format!("{at}.hide[{k}]"),
                    format!("no layer has the id \"{id}\""),
                );
            }
        }
        for (k, l) in f.show.iter().enumerate() {
            self.layer(&format!("{at}.show[{k}]"), l, bounds);
            if l.id.is_some() {
                self.add(
                    format!("{at}.show[{k}].id"),
                    "layers of a fixed look have no id",
                );
            }
            if l.depth != 0.0 {
                self.add(
                    format!("{at}.show[{k}].depth"),
                    "layers of a fixed look stay on the action plane (depth 0)",
                );
            }
            if l.motion.is_some() {
                self.add(
                    format!("{at}.show[{k}].motion"),
                    "layers of a fixed look are still",
                );
            }
        }
        match &f.at {
            Some(id) if !layers.contains_key(id.as_str()) => {
                self.add(format!("{at}.at"), format!("no layer has the id \"{id}\""))
            }
            None if !f.show.is_empty() && h.layers.is_empty() => self.add(
                format!("{at}.at"),
                "say where the new layers go (a layer id): the hazard names no layer",
            ),
            _ => {}
        }
    }

    /// One layer's motion on its own; false when its numbers cannot be used.
    fn motion(&mut self, at: &str, m: &Motion, tiny: bool, size: Size) -> bool {
        let mut sound = true;
        let kind = m.kind.name();
        let a = m.amount;
        if !a.is_finite() {
            self.add(format!("{at}.amount"), "must be a number");
            sound = false;
        } else if tiny && matches!(m.kind, MotionKind::Drift | MotionKind::Rise) {
            self.add(
                format!("{at}.kind"),
                format!("a hazard or decoy names this layer, so it stays where its region is: it may sway, bob or flicker a little, not {kind}"),
            );
        } else {
            let (max, unit) = match (m.kind, tiny) {
                (MotionKind::Sway, false) => (MAX_SWAY_DEG, "°"),
                (MotionKind::Sway, true) => (TINY_SWAY_DEG, "°"),
                (MotionKind::Bob, false) => (MAX_BOB, " units"),
                (MotionKind::Bob, true) => (TINY_BOB, " units"),
                (MotionKind::Flicker, false) => (MAX_FLICKER, ""),
                (MotionKind::Flicker, true) => (TINY_FLICKER, ""),
                (MotionKind::Drift, _) => (MAX_LAYER_SCALE * size.w, " units"),
                (MotionKind::Rise, _) => (size.h, " units"),
            };
            let whose = if tiny {
                " for a layer a hazard or decoy names"
            } else {
                ""
            };
            if m.kind == MotionKind::Flicker && a < 0.0 {
                self.add(
                    format!("{at}.amount"),
                    "a flicker dims: the amount is 0 to 1",
                );
            } else if a.abs() > max {
                self.add(
                    format!("{at}.amount"),
                    format!(
                        "{kind} may be at most {max}{unit}{whose}, this one is {}{unit}",
                        num(a)
                    ),
                );
            }
        }
        if !(m.period_s.is_finite() && (MIN_PERIOD_S..=MAX_PERIOD_S).contains(&m.period_s)) {
            self.add(
                format!("{at}.period_s"),
                format!(
                    "a cycle lasts {MIN_PERIOD_S} to {MAX_PERIOD_S} seconds, this one {}",
                    num(m.period_s)
                ),
            );
            sound = false;
        }
        if !(m.phase_s.is_finite() && (0.0..=MAX_PHASE_S).contains(&m.phase_s)) {
            self.add(
                format!("{at}.phase_s"),
                format!("must be 0 to {MAX_PHASE_S} seconds"),
            );
            sound = false;
        }
        if let Some(pivot) = m.pivot {
            if !pivot
                .iter()
                .all(|v| v.is_finite() && (0.0..=1.0).contains(v))
            {
                self.add(
                    format!("{at}.pivot"),
                    "a point of the layer's box: [0, 0] its top left, [1, 1] its bottom right",
                );
                sound = false;
            }
        }
        sound
    }

    /// A round's size fits the scene: at least one hazard, no more than there are.
    fn round(&mut self, r: &RoundSize, hazards: usize, decoys: usize) {
        if r.hazards == 0 {
            self.add("round.hazards", "a round shows at least 1 hazard");
        } else if r.hazards > hazards {
            self.add(
                "round.hazards",
                format!(
                    "the scene has {}, so a round cannot show {}",
                    things(hazards, "hazard"),
                    r.hazards
                ),
            );
        }
        if let Some(n) = r.decoys.filter(|&n| n > decoys) {
            self.add(
                "round.decoys",
                format!(
                    "the scene has {}, so a round cannot show {n}",
                    things(decoys, "decoy")
                ),
            );
        }
    }

    fn question(&mut self, at: &str, q: &Question) {
        self.text(&format!("{at}.prompt"), &q.prompt);
        if q.answers.len() != ANSWERS {
            self.add(
                format!("{at}.answers"),
                format!(
                    "a question has exactly {ANSWERS} answers, this one has {}",
                    q.answers.len()
                ),
            );
        }
        let right = q.answers.iter().filter(|a| a.right).count();
        if right != 1 {
            self.add(
                format!("{at}.answers"),
                format!("exactly one answer is right (\"right\": true), here {right} are"),
            );
        }
        for (k, a) in q.answers.iter().enumerate() {
            self.text(&format!("{at}.answers[{k}].text"), &a.text);
            self.text(&format!("{at}.answers[{k}].why"), &a.why);
        }
    }
}

/// The field name of `field` in stage `s`: as is in the main picture, under
/// `views[k].` in a view.
fn stage_field(s: usize, field: &str) -> String {
    match s {
        0 => field.to_string(),
        s => format!("views[{}].{field}", s - 1),
    }
}

/// "1 hazard", "3 hazards".
fn things(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn check_name_len(file: &str, field: &str, name: &str) -> Result<(), SceneError> {
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(SceneError::field(
            file,
            field,
            format!("a name may be at most {MAX_NAME_CHARS} characters, this one has {n}"),
        ));
    }
    Ok(())
}

fn check_text_len(file: &str, field: &str, text: &Text) -> Result<(), SceneError> {
    for (lang, s) in [("zh", &text.zh), ("en", &text.en)] {
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            return Err(SceneError::field(
                file,
                format!("{field}.{lang}"),
                format!("a text may be at most {MAX_TEXT_CHARS} characters, this one has {n}"),
            ));
        }
    }
    Ok(())
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// serde_json appends " at line L column C"; the message gives those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// A region in the JSON Schema of the format (`scene-check --schema`): `Polygon` reads
/// and writes itself by hand, so its schema is written by hand too.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Polygon {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Polygon".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A polygon in scene units: a list of [x, y] points, each inside the scene. Concave is fine; the outline must not cross itself or go round twice.",
            "type": "array",
            "items": {
                "type": "array",
                "items": { "type": "number" },
                "minItems": 2,
                "maxItems": 2
            },
            "minItems": 3,
            "maxItems": MAX_REGION_POINTS
        })
    }
}
