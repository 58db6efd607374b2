//! The scene model: what a scene file under `assets/scenes/` holds, how it is parsed,
//! and the checks that make a broken file fail with a message naming the file and the
//! field, instead of a blank page.
//!
//! A scene is a picture built from sprite layers (drawn back to front) plus the hazards
//! hidden in it. Each hazard has a polygon in scene units, the layers that draw it and
//! its teaching text in both languages.

use crate::geom::{self, Point, Rect};
use crate::i18n::Text;
use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

/// The scene format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

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
    /// Most entries in a hazard's `layers` list.
    pub const MAX_HAZARD_LAYERS: usize = 32;
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

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Short id, also the file name: `assets/scenes/<id>.json`.
    pub id: String,
    pub version: u32,
    /// Size of the picture in scene units.
    pub size: Size,
    /// Colour shown around the picture when the window has another shape (`#rrggbb`).
    pub backdrop: String,
    pub category: Category,
    pub title: Text,
    /// One or two sentences shown before play: where we are, what to look for.
    pub intro: Text,
    /// At most [`MAX_LAYERS`], counted while reading.
    #[serde(deserialize_with = "de_layers")]
    pub layers: Vec<Layer>,
    /// At most [`MAX_HAZARDS`], counted while reading.
    #[serde(deserialize_with = "de_hazards")]
    pub hazards: Vec<Hazard>,
}

#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// One sprite drawn into the rectangle (x, y, w, h) of the scene.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Optional name, so hazards can say which layers draw them.
    #[serde(default)]
    pub id: Option<String>,
    /// Sprite name: `assets/sprites/<sprite>.svg`.
    pub sprite: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// Mirror left to right.
    #[serde(default)]
    pub flip: bool,
}

impl Layer {
    pub fn rect(&self) -> Rect {
        Rect::new(self.x, self.y, self.w, self.h)
    }
}

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

fn de_layers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Layer>, D::Error> {
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

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hazard {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// Where the hazard is, in scene units. Tapping inside (or on the edge) finds it.
    pub region: Polygon,
    /// Ids of the layers that draw this hazard; its region must overlap them. At most
    /// [`MAX_HAZARD_LAYERS`], counted while reading.
    #[serde(default, deserialize_with = "de_hazard_layers")]
    pub layers: Vec<String>,
    /// What it is, in a few words.
    pub name: Text,
    /// Why it is dangerous, for a ten-year-old.
    pub why: Text,
    /// The right practice or fix.
    pub fix: Text,
    /// The rule it comes from.
    pub rule: Text,
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
        for (i, h) in scene.hazards.iter_mut().enumerate() {
            let poly = &h.region.points;
            let inside = geom::interior_point(poly);
            // A region that goes round its outline twice passes the checks above, but
            // by the even-odd rule nothing inside it is inside: no tap would find it.
            if !geom::contains(poly, inside) || geom::distance_to_outline(inside, poly) <= 1e-9 {
                return Err(SceneError::field(
                    file,
                    format!("hazards[{i}].region"),
                    "no point lies inside the outline (does it go round more than once?)",
                ));
            }
            h.region.inside = inside;
        }
        Ok(scene)
    }

    /// The checks serde cannot express. The [`limits`] come first (after the version,
    /// which says what the rest means), so no check below works on an oversize scene.
    pub fn validate(&self, file: &str) -> Result<(), SceneError> {
        let err = |field: String, msg: String| Err(SceneError::field(file, field, msg));
        if self.version != FORMAT_VERSION {
            return err(
                "version".into(),
                format!(
                    "this game reads version {FORMAT_VERSION}, the file says {}",
                    self.version
                ),
            );
        }
        self.check_limits(file)?;
        if !is_safe_name(&self.id) {
            return err(
                "id".into(),
                "use lowercase letters, digits and dashes".into(),
            );
        }
        if !is_hex_colour(&self.backdrop) {
            return err("backdrop".into(), "must be a colour like #1a2b3c".into());
        }
        for (name, text) in [("title", &self.title), ("intro", &self.intro)] {
            check_text(file, name, text)?;
        }
        let bounds = Rect::new(0.0, 0.0, self.size.w, self.size.h);

        let mut layers_by_id = HashMap::new();
        for (i, l) in self.layers.iter().enumerate() {
            let at = |f: &str| format!("layers[{i}].{f}");
            if !is_safe_name(&l.sprite) {
                return err(
                    at("sprite"),
                    "use lowercase letters, digits and dashes".into(),
                );
            }
            if ![l.x, l.y, l.w, l.h].iter().all(|v| v.is_finite()) || l.w <= 0.0 || l.h <= 0.0 {
                return err(
                    at("w"),
                    "position must be a number and size positive".into(),
                );
            }
            if !l.rect().intersects(&bounds) {
                return err(at("x"), "the layer lies entirely outside the scene".into());
            }
            if let Some(id) = &l.id {
                if layers_by_id.insert(id.as_str(), l).is_some() {
                    return err(at("id"), format!("\"{id}\" is used twice"));
                }
            }
        }
        if self.layers.is_empty() {
            return err("layers".into(), "a scene needs at least one layer".into());
        }

        if self.hazards.is_empty() {
            return err("hazards".into(), "a scene needs at least one hazard".into());
        }
        let mut hazard_ids = HashSet::new();
        for (i, h) in self.hazards.iter().enumerate() {
            let at = |f: &str| format!("hazards[{i}].{f}");
            if !is_safe_name(&h.id) {
                return err(at("id"), "use lowercase letters, digits and dashes".into());
            }
            if !hazard_ids.insert(h.id.as_str()) {
                return err(at("id"), format!("\"{}\" is used twice", h.id));
            }
            let poly = h.polygon();
            if poly.len() < 3 {
                return err(at("region"), "a region needs at least 3 points".into());
            }
            if let Some(j) = poly
                .iter()
                .position(|p| !bounds.contains(*p) || !p.x.is_finite() || !p.y.is_finite())
            {
                return err(
                    format!("hazards[{i}].region[{j}]"),
                    format!(
                        "point lies outside the {}×{} scene",
                        self.size.w, self.size.h
                    ),
                );
            }
            // Quadratic in the points: bounded by MAX_REGION_POINTS, checked above.
            if geom::self_intersects(poly) {
                return err(at("region"), "the outline crosses itself".into());
            }
            if geom::area(poly) < 1.0 {
                return err(at("region"), "the region has no area".into());
            }
            for (name, text) in [
                ("name", &h.name),
                ("why", &h.why),
                ("fix", &h.fix),
                ("rule", &h.rule),
            ] {
                check_text(file, &at(name), text)?;
            }
            let region_box = geom::bounds(poly);
            for (k, layer_id) in h.layers.iter().enumerate() {
                let Some(layer) = layers_by_id.get(layer_id.as_str()) else {
                    return err(
                        format!("hazards[{i}].layers[{k}]"),
                        format!("no layer has the id \"{layer_id}\""),
                    );
                };
                if !layer.rect().intersects(&region_box) {
                    return err(
                        at("region"),
                        format!(
                            "the region does not overlap the layer \"{layer_id}\" that draws it"
                        ),
                    );
                }
            }
        }
        Ok(())
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

        if self.layers.len() > MAX_LAYERS {
            return err(
                "layers".into(),
                format!(
                    "a scene may have at most {MAX_LAYERS} layers, this one has {}",
                    self.layers.len()
                ),
            );
        }
        let (max_w, max_h) = (MAX_LAYER_SCALE * self.size.w, MAX_LAYER_SCALE * self.size.h);
        let mut sprites = HashSet::new();
        for (i, l) in self.layers.iter().enumerate() {
            let at = |f: &str| format!("layers[{i}].{f}");
            check_name_len(file, &at("sprite"), &l.sprite)?;
            if let Some(id) = &l.id {
                check_name_len(file, &at("id"), id)?;
            }
            if sprites.insert(l.sprite.as_str()) && sprites.len() > MAX_SPRITES {
                return err(
                    at("sprite"),
                    format!(
                        "a scene may use at most {MAX_SPRITES} different sprites; this layer's is the {}th",
                        sprites.len()
                    ),
                );
            }
            for (f, what, v, max) in [("w", "wide", l.w, max_w), ("h", "tall", l.h, max_h)] {
                if v > max {
                    return err(
                        at(f),
                        format!(
                            "a layer may be at most {MAX_LAYER_SCALE} times as {what} as the scene ({} units), this one is {}",
                            num(max),
                            num(v)
                        ),
                    );
                }
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

    /// Each sprite name once, in first-use order.
    pub fn sprite_names(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.layers
            .iter()
            .map(|l| l.sprite.as_str())
            .filter(|s| seen.insert(*s))
            .collect()
    }

    pub fn rect(&self) -> Rect {
        Rect::new(0.0, 0.0, self.size.w, self.size.h)
    }

    pub fn hazard_index(&self, id: &str) -> Option<usize> {
        self.hazards.iter().position(|h| h.id == id)
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

fn check_text(file: &str, field: &str, text: &Text) -> Result<(), SceneError> {
    if text.zh.trim().is_empty() {
        return Err(SceneError::field(
            file,
            format!("{field}.zh"),
            "the Chinese text is empty",
        ));
    }
    if text.en.trim().is_empty() {
        return Err(SceneError::field(
            file,
            format!("{field}.en"),
            "the English text is empty",
        ));
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
