//! Views: places the player steps into from the main picture (format v2 addition).
//!
//! A scene may declare a few [`View`]s, each its own picture with its own size and
//! layers: "look down the shaft" (dark: only a torch lights it, and a gas detector
//! reads the air at the torch's depth) or "look down from the edge" (a height, and
//! wind gusting on a meter and in the sound). Hazards and decoys may live inside a
//! view; they then count in the round like any other.
//!
//! This module holds the view's data and the pure maths the game shows: detector
//! readings by depth, alarms, how fast the detector beeps, and the wind's gusts.

use crate::geom::Point;
use crate::i18n::Text;
use crate::scene::{Layer, Size};
use serde::{Deserialize, Deserializer, Serialize};

/// Most views in one scene.
pub const MAX_VIEWS: usize = 4;
/// Most readings in a gas profile.
pub const MAX_READINGS: usize = 16;

/// Alarm levels of the detector the game shows: the usual factory settings of
/// four-gas detectors. Oxygen outside 19.5–23.5 % by volume is unsafe (China's
/// GB 8958-2006 and US OSHA 29 CFR 1910.146 use the same band); the toxic and
/// flammable settings are the common first-alarm levels of such detectors (H₂S
/// 10 ppm, CO 25 ppm, flammable gas 10 % of the lower explosive limit).
pub mod alarm {
    pub const O2_LOW: f64 = 19.5;
    pub const O2_HIGH: f64 = 23.5;
    pub const H2S_PPM: f64 = 10.0;
    pub const CO_PPM: f64 = 25.0;
    pub const CH4_LEL: f64 = 10.0;
    /// Oxygen in fresh air, % by volume.
    pub const O2_AIR: f64 = 20.9;
}

/// The detector is silent below this share of an alarm level, ticks slowly between
/// it and the alarm, and beeps fast past the alarm.
pub const BEEP_FROM: f64 = 0.5;
/// Beep interval at [`BEEP_FROM`] of an alarm level, in ms.
pub const BEEP_SLOW_MS: f64 = 1400.0;
/// Beep interval right at an alarm level, in ms.
pub const BEEP_ALARM_MS: f64 = 450.0;
/// Beep interval at three times an alarm level or more, in ms.
pub const BEEP_FASTEST_MS: f64 = 140.0;

#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewKind {
    /// Looking down into a confined space: dark, torch and gas detector.
    Shaft,
    /// Looking down from a height: wind meter and wind sound.
    Edge,
}

impl ViewKind {
    pub fn name(self) -> &'static str {
        match self {
            ViewKind::Shaft => "shaft",
            ViewKind::Edge => "edge",
        }
    }
}

/// A place the player steps into from the main picture.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Short id, unique among the views; hazards and decoys inside name it in `view`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[a-z0-9-]+$"), length(max = 64))
    )]
    pub id: String,
    pub kind: ViewKind,
    /// The label of the button that opens it ("Look down the shaft").
    pub title: Text,
    /// One or two short sentences shown on entering.
    pub intro: Text,
    /// Where the button that opens it sits on the main picture, `[x, y]` in scene units.
    #[serde(with = "point_pair")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "[f64; 2]"))]
    pub entry: Point,
    /// Size of the view's picture in scene units.
    pub size: Size,
    /// Colour around the picture (`#rrggbb`).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))
    )]
    pub backdrop: String,
    /// The view's picture: sprites drawn back to front, like the scene's layers.
    #[serde(deserialize_with = "de_view_layers")]
    pub layers: Vec<Layer>,
    /// Dark: only the torch (a circle of light that follows the pointer or finger)
    /// lights the picture.
    #[serde(default, skip_serializing_if = "is_false")]
    pub dark: bool,
    /// What the gas detector reads (kind `shaft`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas: Option<Gas>,
    /// The height and the wind (kind `edge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edge: Option<Edge>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn de_view_layers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Layer>, D::Error> {
    crate::scene::de_layers(d)
}

mod point_pair {
    use crate::geom::Point;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(p: &Point, s: S) -> Result<S::Ok, S::Error> {
        use serde::Serialize;
        [p.x, p.y].serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Point, D::Error> {
        let [x, y] = <[f64; 2]>::deserialize(d)?;
        Ok(Point::new(x, y))
    }
}

/// The air in a shaft by depth, before and after it is ventilated.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gas {
    /// Metres from the view's top edge (the opening, y = 0) to its bottom edge.
    pub depth_m: f64,
    /// Readings with no ventilation, by depth (the first at 0 m, depths ascending).
    #[serde(deserialize_with = "de_readings")]
    pub before: Vec<GasReading>,
    /// Readings once the shaft has been ventilated.
    #[serde(deserialize_with = "de_readings")]
    pub after: Vec<GasReading>,
    /// The hazard whose fix is ventilation: once it is found, `after` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ventilated_by: Option<String>,
}

fn de_readings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<GasReading>, D::Error> {
    use serde::de::Error;
    let v = Vec::<GasReading>::deserialize(d)?;
    if v.len() > MAX_READINGS {
        return Err(D::Error::custom(format!(
            "a gas profile may have at most {MAX_READINGS} readings, this one has {}",
            v.len()
        )));
    }
    Ok(v)
}

/// What the detector shows at one depth.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GasReading {
    /// Depth below the opening, in metres (absent in a computed reading).
    #[serde(default)]
    pub at_m: f64,
    /// Oxygen, % by volume.
    pub o2: f64,
    /// Hydrogen sulfide, ppm.
    pub h2s: f64,
    /// Carbon monoxide, ppm.
    pub co: f64,
    /// Flammable gas (methane), % of the lower explosive limit.
    pub ch4: f64,
}

/// Which readings are past their alarm level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alarms {
    pub o2: bool,
    pub h2s: bool,
    pub co: bool,
    pub ch4: bool,
}

impl Alarms {
    pub fn any(self) -> bool {
        self.o2 || self.h2s || self.co || self.ch4
    }
}

impl GasReading {
    pub fn alarms(&self) -> Alarms {
        Alarms {
            o2: self.o2 < alarm::O2_LOW || self.o2 > alarm::O2_HIGH,
            h2s: self.h2s >= alarm::H2S_PPM,
            co: self.co >= alarm::CO_PPM,
            ch4: self.ch4 >= alarm::CH4_LEL,
        }
    }

    /// How close the worst gas is to its alarm level: 0 in fresh air, 1 at an alarm
    /// level, more past it. Oxygen counts from fresh air (20.9 %) towards the edge
    /// of the safe band.
    pub fn danger(&self) -> f64 {
        let o2 = if self.o2 < alarm::O2_AIR {
            (alarm::O2_AIR - self.o2) / (alarm::O2_AIR - alarm::O2_LOW)
        } else {
            (self.o2 - alarm::O2_AIR) / (alarm::O2_HIGH - alarm::O2_AIR)
        };
        [
            o2,
            self.h2s / alarm::H2S_PPM,
            self.co / alarm::CO_PPM,
            self.ch4 / alarm::CH4_LEL,
        ]
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
    }

    /// Milliseconds between the detector's beeps, or `None` while it is quiet. The
    /// closer to danger, the faster.
    pub fn beep_interval_ms(&self) -> Option<f64> {
        let d = self.danger();
        if d < BEEP_FROM {
            None
        } else if d < 1.0 {
            let t = (d - BEEP_FROM) / (1.0 - BEEP_FROM);
            Some(BEEP_SLOW_MS + (BEEP_ALARM_MS - BEEP_SLOW_MS) * t)
        } else {
            let t = ((d - 1.0) / 2.0).min(1.0);
            Some(BEEP_ALARM_MS + (BEEP_FASTEST_MS - BEEP_ALARM_MS) * t)
        }
    }
}

/// The reading at `depth_m`, interpolated between the profile's readings (and held
/// at its ends).
pub fn reading_at(profile: &[GasReading], depth_m: f64) -> GasReading {
    let d = if depth_m.is_finite() { depth_m } else { 0.0 };
    let Some(first) = profile.first() else {
        return GasReading {
            at_m: d,
            o2: alarm::O2_AIR,
            ..GasReading::default()
        };
    };
    let mut out = *first;
    for w in profile.windows(2) {
        let (a, b) = (w[0], w[1]);
        if d >= b.at_m {
            out = b;
            continue;
        }
        if d > a.at_m {
            let t = (d - a.at_m) / (b.at_m - a.at_m);
            let mix = |x: f64, y: f64| x + (y - x) * t;
            out = GasReading {
                at_m: d,
                o2: mix(a.o2, b.o2),
                h2s: mix(a.h2s, b.h2s),
                co: mix(a.co, b.co),
                ch4: mix(a.ch4, b.ch4),
            };
        }
        break;
    }
    out.at_m = d.max(0.0);
    out
}

/// A height, and the wind up there.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// Height of the edge above the ground, in metres.
    pub height_m: f64,
    /// The Beaufort force the gusts swing between, `[calmest, strongest]`.
    pub wind_force: [f64; 2],
}

/// The wind's Beaufort force `t_s` seconds into a view: it swings between the
/// edge's two forces in uneven gusts (a sum of slow waves, the same every time).
pub fn wind_force(edge: &Edge, t_s: f64) -> f64 {
    let [lo, hi] = edge.wind_force;
    let t = if t_s.is_finite() { t_s } else { 0.0 };
    let w = 0.5 * (t * 0.9).sin() + 0.3 * (t * 2.3 + 1.0).sin() + 0.2 * (t * 5.1 + 2.0).sin();
    // w is in [-1, 1]; map it onto [lo, hi].
    lo + (hi - lo) * (w + 1.0) / 2.0
}

/// Wind force 6 or more: no outdoor work at height (China JGJ 80-2016).
pub const NO_WORK_FROM_FORCE: f64 = 6.0;
