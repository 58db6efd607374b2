//! URL parameters: `?lang=zh|en`, `?scene=<id>` (start that scene; without it the
//! player picks one), `?motion=on|off` (ambient motion in the scenes; the browser's
//! reduced-motion setting turns it off too), `?audio=on|muted|off`,
//! `?mode=explore|challenge`, `?time=SECONDS` (the challenge's time, 30–1800),
//! `?seed=CODE` (a challenge code: every round plays that same round), `?automation=1`.
//!
//! Teachers type these by hand and pages around an iframe may add anything, so a value
//! that cannot be used becomes a notice for the player and the default is kept.

use crate::i18n::Lang;
use crate::scene::is_safe_name;
use crate::seam::Mode;
use crate::seed::Seed;

/// Shortest and longest challenge `?time=`, in seconds.
pub const MIN_TIME_S: u32 = 30;
pub const MAX_TIME_S: u32 = 1800;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// `lang` was not a language this game speaks.
    BadLang(String),
    /// `scene` was not a usable scene id.
    BadScene(String),
    /// `motion` was neither on nor off.
    BadMotion(String),
    /// `audio` was not `on`, `muted` or `off`.
    BadAudio(String),
    /// `mode` was not `explore` or `challenge`.
    BadMode(String),
    /// `time` was not a whole number of seconds in range.
    BadTime(String),
    /// `seed` was not a challenge code.
    BadSeed(String),
}

impl Notice {
    /// Key in the string table, and the offending value to show.
    pub fn parts(&self) -> (&'static str, &str) {
        match self {
            Notice::BadLang(v) => ("notice.bad_lang", v),
            Notice::BadScene(v) => ("notice.bad_scene", v),
            Notice::BadMotion(v) => ("notice.bad_motion", v),
            Notice::BadAudio(v) => ("notice.bad_audio", v),
            Notice::BadMode(v) => ("notice.bad_mode", v),
            Notice::BadTime(v) => ("notice.bad_time", v),
            Notice::BadSeed(v) => ("notice.bad_seed", v),
        }
    }
}

/// `?audio=`: sound on (the default), starting muted, or off altogether (no audio is
/// ever set up and the mute button is hidden).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudioMode {
    On,
    Muted,
    Off,
}

impl AudioMode {
    pub fn parse(v: &str) -> Option<AudioMode> {
        match v.to_ascii_lowercase().as_str() {
            "on" => Some(AudioMode::On),
            "muted" => Some(AudioMode::Muted),
            "off" => Some(AudioMode::Off),
            _ => None,
        }
    }

    /// The mode to use: the address's when it gave one, else sound on, muted if the
    /// player muted it last time on this device (`remembered`).
    pub fn resolve(address: Option<AudioMode>, remembered: Option<bool>) -> AudioMode {
        match (address, remembered) {
            (Some(m), _) => m,
            (None, Some(true)) => AudioMode::Muted,
            (None, _) => AudioMode::On,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AudioMode::On => "on",
            AudioMode::Muted => "muted",
            AudioMode::Off => "off",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// `?scene=<id>`: start that scene directly; without it the player picks one.
    pub scene: Option<String>,
    pub automation: bool,
    /// `?motion=off`: the scenes stay still (default on).
    pub motion: bool,
    /// `?audio=`, when given and valid: it wins over the player's remembered mute.
    pub audio: Option<AudioMode>,
    /// `?mode=`: explore (the default) or challenge.
    pub mode: Mode,
    /// `?time=`: the challenge's time in seconds.
    pub time_s: Option<u32>,
    /// `?seed=`: a challenge code.
    pub seed: Option<Seed>,
    pub notices: Vec<Notice>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::Zh,
            scene: None,
            automation: false,
            motion: true,
            audio: None,
            mode: Mode::default(),
            time_s: None,
            seed: None,
            notices: Vec::new(),
        }
    }
}

impl Options {
    /// Reads `location.search` (with or without the leading `?`). Unknown parameters
    /// are ignored; the last of a repeated parameter wins.
    pub fn from_query(query: &str) -> Options {
        let mut o = Options::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match percent_decode(key).as_str() {
                "lang" => match Lang::parse(value.trim()) {
                    Some(l) => o.lang = l,
                    None => o.notices.push(Notice::BadLang(shorten(&value))),
                },
                "scene" => {
                    let v = value.trim().to_ascii_lowercase();
                    if is_safe_name(&v) {
                        o.scene = Some(v);
                    } else {
                        o.notices.push(Notice::BadScene(shorten(&value)));
                    }
                }
                "motion" => match value.trim().to_ascii_lowercase().as_str() {
                    "on" | "1" | "true" => o.motion = true,
                    "off" | "0" | "false" => o.motion = false,
                    _ => o.notices.push(Notice::BadMotion(shorten(&value))),
                },
                "audio" => match AudioMode::parse(value.trim()) {
                    Some(m) => o.audio = Some(m),
                    None => o.notices.push(Notice::BadAudio(shorten(&value))),
                },
                "mode" => match Mode::parse(value.trim().to_ascii_lowercase().as_str()) {
                    Some(m) => o.mode = m,
                    None => o.notices.push(Notice::BadMode(shorten(&value))),
                },
                "time" => match value.trim().parse::<u32>() {
                    Ok(t) if (MIN_TIME_S..=MAX_TIME_S).contains(&t) => o.time_s = Some(t),
                    _ => o.notices.push(Notice::BadTime(shorten(&value))),
                },
                "seed" => match Seed::parse(&value) {
                    Ok(s) => o.seed = Some(s),
                    Err(_) => o.notices.push(Notice::BadSeed(shorten(&value))),
                },
                "automation" => o.automation = value == "1" || value == "true",
                _ => {}
            }
        }
        o
    }
}

/// Decodes `%XX` escapes and `+`; bad escapes are kept as typed.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// At most 40 characters of a value, for showing back to the player.
fn shorten(v: &str) -> String {
    let mut s: String = v.chars().filter(|c| !c.is_control()).take(40).collect();
    if v.chars().count() > 40 {
        s.push('…');
    }
    s
}
