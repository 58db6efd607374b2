//! The last errors on this device, kept so that whoever looks after a kiosk (or a
//! teacher whose class saw "Something went wrong") can see what happened: a small
//! ring buffer, stored in `localStorage` under [`KEY`] by the Rust panic hook
//! (`src/web/errors.rs`) and by the page's script (`www/recovery.js`), which write
//! the same format:
//!
//! ```json
//! {"version":1,"errors":[{"time":"2026-11-29T10:00:00.000Z","source":"panic","message":"…"}]}
//! ```
//!
//! `time` is an ISO 8601 UTC time (`Date.prototype.toISOString`), `source` is
//! `panic` (Rust), `error` (an uncaught JavaScript error) or `rejection` (an
//! unhandled promise rejection), `message` is cut to [`MAX_MESSAGE_CHARS`]. At most
//! [`MAX_ENTRIES`] are kept, the oldest go first. Text that is not exactly this
//! reads as an empty log (and is replaced by the next write).
//!
//! It also decides how soon kiosk mode reloads after a crash
//! ([`ErrorLog::restart_delay_ms`]): at once (a couple of seconds) normally, but
//! after more than [`LOOP_CRASHES`] crashes in the last minute it waits longer, so a
//! crash at start-up cannot make the screen reload in a tight loop. Kiosk mode also
//! keeps the times of its last crashes in the tab's `window.name` ([`CrashNames`]),
//! which survives a reload where storage is refused: the loop is seen there too.

use serde::Deserialize;

/// The `localStorage` key.
pub const KEY: &str = "hazard-hunt.errors.v1";
pub const VERSION: u32 = 1;
/// Entries kept.
pub const MAX_ENTRIES: usize = 20;
/// Characters of a message kept (then "…").
pub const MAX_MESSAGE_CHARS: usize = 300;
/// Stored text longer than this reads as nothing.
pub const MAX_BYTES: usize = 32 * 1024;
/// How soon kiosk mode reloads after a crash, in ms.
pub const RESTART_MS: u32 = 2_000;
/// More crashes than this within [`LOOP_WINDOW_MS`]…
pub const LOOP_CRASHES: usize = 3;
pub const LOOP_WINDOW_MS: f64 = 60_000.0;
/// …and the reload waits this long instead.
pub const LOOP_RESTART_MS: u32 = 30_000;

/// Where an error came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A Rust panic (a bug in the game).
    Panic,
    /// An uncaught JavaScript error.
    Error,
    /// An unhandled promise rejection.
    Rejection,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Panic => "panic",
            Source::Error => "error",
            Source::Rejection => "rejection",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// ISO 8601, UTC.
    pub time: String,
    pub source: Source,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorLog {
    version: u32,
    errors: Vec<Entry>,
}

impl ErrorLog {
    pub fn new() -> ErrorLog {
        ErrorLog {
            version: VERSION,
            errors: Vec::new(),
        }
    }

    /// Oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.errors
    }

    /// The stored log, or an empty one if `text` is not exactly what this version
    /// writes.
    pub fn parse(text: &str) -> ErrorLog {
        if text.len() > MAX_BYTES {
            return ErrorLog::new();
        }
        match serde_json::from_str::<ErrorLog>(text) {
            Ok(log)
                if log.version == VERSION
                    && log.errors.len() <= MAX_ENTRIES
                    && log.errors.iter().all(|e| {
                        iso_to_ms(&e.time).is_some()
                            && e.message.chars().count() <= MAX_MESSAGE_CHARS + 1
                    }) =>
            {
                log
            }
            _ => ErrorLog::new(),
        }
    }

    /// The stored form. Written by hand (serde_json's serializer would add
    /// kilobytes to the game for one small list).
    pub fn to_json(&self) -> String {
        let entries: Vec<String> = self
            .errors
            .iter()
            .map(|e| {
                format!(
                    "{{\"time\":{},\"source\":\"{}\",\"message\":{}}}",
                    json_string(&e.time),
                    e.source.name(),
                    json_string(&e.message)
                )
            })
            .collect();
        format!(
            "{{\"version\":{VERSION},\"errors\":[{}]}}",
            entries.join(",")
        )
    }

    /// Adds an error at `time` (ISO 8601); the message is cut, the oldest entries
    /// beyond [`MAX_ENTRIES`] go.
    pub fn push(&mut self, time: &str, source: Source, message: &str) {
        self.version = VERSION;
        self.errors.push(Entry {
            time: time.to_string(),
            source,
            message: cut(message),
        });
        let extra = self.errors.len().saturating_sub(MAX_ENTRIES);
        self.errors.drain(..extra);
    }

    /// Errors within `window_ms` before `now_ms` (ms since the epoch), this one
    /// included.
    pub fn recent(&self, now_ms: f64, window_ms: f64) -> usize {
        self.errors
            .iter()
            .filter_map(|e| iso_to_ms(&e.time))
            .filter(|t| *t > now_ms - window_ms && *t <= now_ms + 1_000.0)
            .count()
    }

    /// How long kiosk mode waits before it reloads after the crash just recorded,
    /// and whether that is the longer wait of a crash loop. `seen` is the number of
    /// recent crashes counted elsewhere (the tab's name, [`CrashNames`]); the larger
    /// count decides.
    pub fn restart_delay_ms(&self, now_ms: f64, seen: usize) -> (u32, bool) {
        if self.recent(now_ms, LOOP_WINDOW_MS).max(seen) > LOOP_CRASHES {
            (LOOP_RESTART_MS, true)
        } else {
            (RESTART_MS, false)
        }
    }
}

/// The times of kiosk mode's recent crashes as kept in the tab's `window.name`:
/// [`NAME_PREFIX`] and the times (ms since the epoch) joined by commas. The name
/// survives a reload, so a crash loop is counted even where `localStorage` is
/// refused. `www/recovery.js` writes the same form.
pub struct CrashNames;

/// What a tab's name kept by [`CrashNames`] starts with.
pub const NAME_PREFIX: &str = "hazard-hunt.crashes:";

impl CrashNames {
    /// A crash at `now_ms` in a tab named `name`: the number of crashes within
    /// [`LOOP_WINDOW_MS`] it keeps (this one included) and the name to give the tab.
    /// `None` when the name is someone else's (a frame named by its page): it is left
    /// alone.
    pub fn add(name: &str, now_ms: f64) -> Option<(usize, String)> {
        let kept = if name.is_empty() {
            ""
        } else {
            name.strip_prefix(NAME_PREFIX)?
        };
        // Whole milliseconds, read and written as integers (no float formatting
        // in the wasm for this).
        let now = if now_ms.is_finite() && now_ms > 0.0 {
            now_ms as u64
        } else {
            0
        };
        let window = LOOP_WINDOW_MS as u64;
        let mut times: Vec<u64> = kept
            .split(',')
            .filter_map(|t| t.parse::<u64>().ok())
            .filter(|t| t.saturating_add(window) > now && *t <= now.saturating_add(1_000))
            .collect();
        times.push(now);
        let extra = times.len().saturating_sub(LOOP_CRASHES + 1);
        times.drain(..extra);
        let list: Vec<String> = times.iter().map(u64::to_string).collect();
        Some((times.len(), format!("{NAME_PREFIX}{}", list.join(","))))
    }
}

/// `s` as a JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// At most [`MAX_MESSAGE_CHARS`] characters, control characters but line breaks
/// dropped, "…" when cut.
pub fn cut(message: &str) -> String {
    let clean = message
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>();
    let mut s: String = clean.chars().take(MAX_MESSAGE_CHARS).collect();
    if clean.chars().count() > MAX_MESSAGE_CHARS {
        s.push('…');
    }
    s
}

/// Milliseconds since the epoch of an ISO 8601 UTC time as
/// `Date.prototype.toISOString` writes it (`2026-11-29T10:00:00.000Z`; the
/// fraction is optional).
pub fn iso_to_ms(s: &str) -> Option<f64> {
    let (date, rest) = s.split_once('T')?;
    let rest = rest.strip_suffix('Z')?;
    let day = crate::stats::day_number(date)?;
    let (hms, frac) = match rest.split_once('.') {
        Some((hms, frac)) => (hms, Some(frac)),
        None => (rest, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let [h, m, sec] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, max: i64| -> Option<i64> {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
            .filter(|v| *v <= max)
    };
    let (h, m, sec) = (num(h, 23)?, num(m, 59)?, num(sec, 60)?);
    // Milliseconds from the first three digits of the fraction (integers only: a
    // float parser would add kilobytes to the game).
    let ms = match frac {
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => f
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(3)
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')),
        Some(_) => return None,
        None => 0,
    };
    Some((((day * 24 + h) * 60 + m) * 60 + sec) as f64 * 1000.0 + f64::from(ms))
}
