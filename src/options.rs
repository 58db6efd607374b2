//! URL parameters: `?lang=zh|en`, `?scene=<id>` (start that scene; without it the
//! player picks one), `?motion=on|off` (ambient motion in the scenes; the browser's
//! reduced-motion setting turns it off too), `?audio=on|muted|off`,
//! `?mode=explore|challenge`, `?time=SECONDS` (the challenge's time, 30–1800),
//! `?seed=CODE` (a challenge code: every round plays that same round), `?automation=1`.
//!
//! Kiosk mode (`?mode=kiosk`) adds `?idle=SECONDS` (quiet time before "Are you still
//! playing?", 5–3600, default 60), `?countdown=SECONDS` (that question's countdown,
//! 2–300, default 15), `?board=1` (today's top 10 on this screen), `?cursor=hide`,
//! `?staff=1` with `?code=DDDD` (the organisers' statistics, behind a long press and
//! that 4-digit code). Tests may shorten `idle` to 2 s only with `?automation=1`.
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
    /// `idle` was not a whole number of seconds in range.
    BadIdle(String),
    /// `countdown` was not a whole number of seconds in range.
    BadCountdown(String),
    /// `board` was neither 1 nor 0.
    BadBoard(String),
    /// `cursor` was not `hide` or `show`.
    BadCursor(String),
    /// `code` was not four digits (the staff screen stays closed).
    BadCode(String),
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
            Notice::BadIdle(v) => ("notice.bad_idle", v),
            Notice::BadCountdown(v) => ("notice.bad_countdown", v),
            Notice::BadBoard(v) => ("notice.bad_board", v),
            Notice::BadCursor(v) => ("notice.bad_cursor", v),
            Notice::BadCode(v) => ("notice.bad_code", v),
        }
    }
}

/// Quiet time before "Are you still playing?" (`?idle=`), in seconds.
pub const DEFAULT_IDLE_S: u32 = 60;
pub const MIN_IDLE_S: u32 = 5;
/// Tests (`?automation=1`) may go down to this.
pub const MIN_IDLE_S_AUTOMATION: u32 = 1;
pub const MAX_IDLE_S: u32 = 3600;
/// The question's countdown (`?countdown=`), in seconds.
pub const DEFAULT_COUNTDOWN_S: u32 = 15;
pub const MIN_COUNTDOWN_S: u32 = 2;
pub const MAX_COUNTDOWN_S: u32 = 300;

/// Kiosk mode's settings (`?mode=kiosk`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KioskOptions {
    pub idle_s: u32,
    pub countdown_s: u32,
    /// `?board=1`: today's top 10 on this screen.
    pub board: bool,
    /// `?cursor=hide`: no mouse cursor (a touch screen).
    pub hide_cursor: bool,
    /// `?staff=1` and a valid `?code=`: the staff screen can be opened.
    pub staff_code: Option<String>,
}

impl Default for KioskOptions {
    fn default() -> Self {
        KioskOptions {
            idle_s: DEFAULT_IDLE_S,
            countdown_s: DEFAULT_COUNTDOWN_S,
            board: false,
            hide_cursor: false,
            staff_code: None,
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
    /// `?lang=` was given (and valid): it wins over a kiosk's remembered language.
    pub lang_given: bool,
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
    /// `?mode=kiosk`: a museum's unattended touch screen (the rounds are explore
    /// rounds; `mode` stays explore).
    pub kiosk: Option<KioskOptions>,
    pub notices: Vec<Notice>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::Zh,
            lang_given: false,
            scene: None,
            automation: false,
            motion: true,
            audio: None,
            mode: Mode::default(),
            time_s: None,
            seed: None,
            kiosk: None,
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
        let mut kiosk = KioskOptions::default();
        let mut is_kiosk = false;
        let mut staff = false;
        let mut code = None;
        let mut idle = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match percent_decode(key).as_str() {
                "lang" => match Lang::parse(value.trim()) {
                    Some(l) => {
                        o.lang = l;
                        o.lang_given = true;
                    }
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
                "mode" => match value.trim().to_ascii_lowercase().as_str() {
                    "kiosk" => is_kiosk = true,
                    v => match Mode::parse(v) {
                        Some(m) => {
                            o.mode = m;
                            is_kiosk = false;
                        }
                        None => o.notices.push(Notice::BadMode(shorten(&value))),
                    },
                },
                "idle" => idle = Some(value),
                "countdown" => match value.trim().parse::<u32>() {
                    Ok(t) if (MIN_COUNTDOWN_S..=MAX_COUNTDOWN_S).contains(&t) => {
                        kiosk.countdown_s = t
                    }
                    _ => o.notices.push(Notice::BadCountdown(shorten(&value))),
                },
                "board" => match on_off(&value) {
                    Some(b) => kiosk.board = b,
                    None => o.notices.push(Notice::BadBoard(shorten(&value))),
                },
                "cursor" => match value.trim().to_ascii_lowercase().as_str() {
                    "hide" | "none" | "off" => kiosk.hide_cursor = true,
                    "show" | "on" => kiosk.hide_cursor = false,
                    _ => o.notices.push(Notice::BadCursor(shorten(&value))),
                },
                "staff" => staff = on_off(&value).unwrap_or(false),
                "code" => {
                    let v = value.trim();
                    if v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) {
                        code = Some(v.to_string());
                    } else {
                        o.notices.push(Notice::BadCode(shorten(&value)));
                    }
                }
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
        // `idle` last: its floor depends on `automation`, wherever that stands.
        if let Some(value) = idle {
            let min = if o.automation {
                MIN_IDLE_S_AUTOMATION
            } else {
                MIN_IDLE_S
            };
            match value.trim().parse::<u32>() {
                Ok(t) if (min..=MAX_IDLE_S).contains(&t) => kiosk.idle_s = t,
                _ => o.notices.push(Notice::BadIdle(shorten(&value))),
            }
        }
        if staff {
            kiosk.staff_code = code;
        }
        if is_kiosk {
            // A kiosk plays explore rounds: no clock for a passing visitor.
            o.mode = Mode::Explore;
            o.time_s = None;
            o.kiosk = Some(kiosk);
        }
        o
    }
}

/// `1`/`on`/`true` or `0`/`off`/`false`.
fn on_off(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "on" | "true" | "yes" => Some(true),
        "0" | "off" | "false" | "no" => Some(false),
        _ => None,
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
