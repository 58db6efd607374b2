//! URL parameters: `?lang=zh|en`, `?scene=<id>` (start that scene; without it the
//! player picks one), `?motion=on|off` (ambient motion in the scenes; the browser's
//! reduced-motion setting turns it off too), `?audio=on|muted|off`,
//! `?mode=explore|challenge`, `?time=SECONDS` (the challenge's time, 30–1800; tests with
//! `?automation=1` may go down to 3),
//! `?seed=CODE` (a challenge code: every round plays that same round), `?automation=1`.
//!
//! For lessons: `?scene=a,b` (these scenes, in this order), `?hints=on|off`,
//! `?answers=show` (a teacher's demonstration: every hazard outlined), `?embed=1`
//! (inside a lesson page's iframe), `?parentOrigin=https://…` (the only page that may
//! talk to the game, and the only one it tells), `?teacher=1` (the teacher view of the
//! rounds played in this browser opens first; its button shows on the title and the
//! results; never in kiosk mode).
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
/// Tests (`?automation=1`) may go down to this.
pub const MIN_TIME_S_AUTOMATION: u32 = 3;
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
    /// `hints` was neither on nor off.
    BadHints(String),
    /// `answers` was neither show nor hide.
    BadAnswers(String),
    /// `embed` was neither 1 nor 0.
    BadEmbed(String),
    /// `parentOrigin` was not an origin like `https://school.example`.
    BadParentOrigin(String),
    /// `teacher` was neither 1 nor 0.
    BadTeacher(String),
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
            Notice::BadHints(v) => ("notice.bad_hints", v),
            Notice::BadAnswers(v) => ("notice.bad_answers", v),
            Notice::BadEmbed(v) => ("notice.bad_embed", v),
            Notice::BadParentOrigin(v) => ("notice.bad_parent_origin", v),
            Notice::BadTeacher(v) => ("notice.bad_teacher", v),
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
    /// With a list, the first of `scenes`.
    pub scene: Option<String>,
    /// `?scene=a,b`: the scenes to play, in this order (one: just that one).
    pub scenes: Vec<String>,
    /// `?hints=off`: no hint button (default on).
    pub hints: bool,
    /// `?answers=show`: every hazard is outlined from the start (a teacher's demo).
    pub show_answers: bool,
    /// `?embed=1`: inside a lesson page's iframe (a full-screen button, no way out).
    pub embed: bool,
    /// `?parentOrigin=`: the one origin whose messages are heard and that is told.
    pub parent_origin: Option<String>,
    /// `?teacher=1`: the teacher view opens first, and the title and the results
    /// have a button to it (off in kiosk mode).
    pub teacher: bool,
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
            scenes: Vec::new(),
            hints: true,
            show_answers: false,
            embed: false,
            parent_origin: None,
            teacher: false,
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
        let mut time = None;
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
                    let mut list = Vec::new();
                    for part in value.split(',').take(MAX_SCENE_LIST) {
                        let v = part.trim().to_ascii_lowercase();
                        if is_safe_name(&v) {
                            if !list.contains(&v) {
                                list.push(v);
                            }
                        } else if !v.is_empty() || !value.contains(',') {
                            o.notices.push(Notice::BadScene(shorten(part)));
                        }
                    }
                    o.scene = list.first().cloned();
                    o.scenes = list;
                }
                "hints" => match on_off(&value) {
                    Some(b) => o.hints = b,
                    None => o.notices.push(Notice::BadHints(shorten(&value))),
                },
                "answers" => match value.trim().to_ascii_lowercase().as_str() {
                    "show" | "on" | "1" => o.show_answers = true,
                    "hide" | "off" | "0" => o.show_answers = false,
                    _ => o.notices.push(Notice::BadAnswers(shorten(&value))),
                },
                "embed" => match on_off(&value) {
                    Some(b) => o.embed = b,
                    None => o.notices.push(Notice::BadEmbed(shorten(&value))),
                },
                "parentOrigin" | "parentorigin" => match parse_origin(&value) {
                    Some(origin) => o.parent_origin = Some(origin),
                    None => o.notices.push(Notice::BadParentOrigin(shorten(&value))),
                },
                "teacher" => match on_off(&value) {
                    Some(b) => o.teacher = b,
                    None => o.notices.push(Notice::BadTeacher(shorten(&value))),
                },
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
                "time" => time = Some(value),
                "seed" => match Seed::parse(&value) {
                    Ok(s) => o.seed = Some(s),
                    Err(_) => o.notices.push(Notice::BadSeed(shorten(&value))),
                },
                "automation" => o.automation = value == "1" || value == "true",
                _ => {}
            }
        }
        // `time` and `idle` last: their floors depend on `automation`, wherever that
        // stands.
        if let Some(value) = time {
            let min = if o.automation {
                MIN_TIME_S_AUTOMATION
            } else {
                MIN_TIME_S
            };
            match value.trim().parse::<u32>() {
                Ok(t) if (min..=MAX_TIME_S).contains(&t) => o.time_s = Some(t),
                _ => o.notices.push(Notice::BadTime(shorten(&value))),
            }
        }
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
            // The kiosk has its own staff statistics; visitors get no teacher view.
            o.teacher = false;
        }
        o
    }
}

/// Most scenes a `?scene=` list names.
pub const MAX_SCENE_LIST: usize = 16;

/// An origin as a browser writes it (`https://host[:port]`, lower case, no path), or
/// `None`. Only http and https: a page opened from disk has no origin to trust.
pub fn parse_origin(v: &str) -> Option<String> {
    let v = v.trim();
    let (scheme, rest) = v.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    // A trailing slash is forgiven; any other path, query or fragment is not.
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.contains(']') || h.ends_with(']') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b));
    let port_ok = port.is_none_or(|p| {
        !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && {
            let n: u32 = p.parse().unwrap_or(0);
            (1..=65535).contains(&n)
        }
    });
    if !host_ok || !port_ok {
        return None;
    }
    let host = host.to_ascii_lowercase();
    // The default port is left out, as `location.origin` leaves it out.
    let port = port.filter(|p| !matches!((scheme.as_str(), *p), ("http", "80") | ("https", "443")));
    Some(match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
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
