//! The scene model: what a scene file under `assets/scenes/` holds, how it is parsed,
//! and the checks that make a broken file fail with a message naming the file and the
//! field, instead of a blank page.
//!
//! A scene is a picture built from sprite layers (drawn back to front) plus the hazards
//! hidden in it. Each hazard has a polygon in scene units, the layers that draw it and
//! its teaching text in both languages.

use crate::geom::{self, Point, Rect};
use crate::i18n::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The scene format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

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
    pub layers: Vec<Layer>,
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
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "Vec<[f64; 2]>")]
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

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hazard {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// Where the hazard is, in scene units. Tapping inside (or on the edge) finds it.
    pub region: Polygon,
    /// Ids of the layers that draw this hazard; its region must overlap them.
    #[serde(default)]
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

    /// A point well inside the region ([`geom::interior_point`]), computed at load.
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
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Whether `s` is a safe short name: lowercase letters, digits and dashes. Scene ids
/// and sprite names become file names, so nothing else is let through.
pub fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Scene {
    /// Parses and checks a scene file; `file` is the name used in messages.
    pub fn parse(file: &str, json: &str) -> Result<Scene, SceneError> {
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
        let scene: Scene = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                SceneError::Syntax {
                    file: file.to_string(),
                    line: inner.line(),
                    column: inner.column(),
                    message: strip_position(&inner.to_string()),
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
        Ok(scene)
    }

    /// The checks serde cannot express.
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
        if !is_safe_name(&self.id) {
            return err(
                "id".into(),
                "use lowercase letters, digits and dashes".into(),
            );
        }
        if !(self.size.w.is_finite()
            && self.size.h.is_finite()
            && self.size.w > 0.0
            && self.size.h > 0.0)
        {
            return err("size".into(), "width and height must be positive".into());
        }
        if !is_hex_colour(&self.backdrop) {
            return err("backdrop".into(), "must be a colour like #1a2b3c".into());
        }
        for (name, text) in [("title", &self.title), ("intro", &self.intro)] {
            check_text(file, name, text)?;
        }
        let bounds = Rect::new(0.0, 0.0, self.size.w, self.size.h);

        let mut layer_ids = HashSet::new();
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
                if !layer_ids.insert(id.as_str()) {
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
                let Some(layer) = self
                    .layers
                    .iter()
                    .find(|l| l.id.as_deref() == Some(layer_id))
                else {
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
