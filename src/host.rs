//! The page around the game (a lesson page's iframe, an LMS): the messages it is
//! sent and the commands it may send, without the browser. The web layer posts
//! [`outgoing`] messages with `postMessage` and hands every incoming message's JSON
//! text to [`parse_command`]; anything malformed, oversized or unknown is ignored.
//!
//! Every message is a plain object `{source: "hazard-hunt", type, version, …}`:
//!
//! | type | fields |
//! | --- | --- |
//! | `ready` | `lang`, `scene` (the scene asked for, if any) |
//! | `roundStarted` | `sceneId`, `lang`, `mode`, `seed`, `total`, `team` |
//! | `hazardFound` | `id`, `found`, `total`, `timeMs`, `points` |
//! | `questionAnswered` | `id`, `choice`, `right`, `points` |
//! | `roundFinished` | `summary` (the seam's round summary) |
//!
//! Commands: `{type: "start", scene?, mode?, seed?}`, `{type: "setLang", lang}`,
//! `{type: "pause"}`, `{type: "resume"}` (`version` and `source` may be given too).

use crate::game::{Action, Event, Mode, RoundSummary};
use crate::i18n::Lang;
use crate::seed::Seed;
use serde::{Deserialize, Serialize};

/// The protocol's version, in every message.
pub const VERSION: u32 = 1;
/// Who sent a message (a host may hear other frames too).
pub const SOURCE: &str = "hazard-hunt";
/// A command longer than this (as JSON text) is ignored unread.
pub const MAX_COMMAND_BYTES: usize = 2048;

/// A message to the host page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outgoing<'a> {
    pub source: &'static str,
    pub version: u32,
    #[serde(flatten)]
    pub body: Body<'a>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Body<'a> {
    Ready {
        lang: Lang,
        scene: Option<&'a str>,
    },
    RoundStarted {
        scene_id: &'a str,
        lang: Lang,
        mode: Mode,
        seed: &'a str,
        total: usize,
        team: bool,
    },
    HazardFound {
        id: &'a str,
        found: usize,
        total: usize,
        time_ms: f64,
        points: u32,
    },
    QuestionAnswered {
        id: &'a str,
        choice: usize,
        right: bool,
        points: u32,
    },
    RoundFinished {
        summary: &'a RoundSummary,
    },
}

fn message(body: Body<'_>) -> Outgoing<'_> {
    Outgoing {
        source: SOURCE,
        version: VERSION,
        body,
    }
}

/// The `ready` message, sent once the game runs.
pub fn ready(lang: Lang, scene: Option<&str>) -> Outgoing<'_> {
    message(Body::Ready { lang, scene })
}

/// The message a host is sent for `event`, if any.
pub fn outgoing(event: &Event) -> Option<Outgoing<'_>> {
    let body = match event {
        Event::RoundStarted {
            scene_id,
            lang,
            mode,
            seed,
            total,
            team,
            ..
        } => Body::RoundStarted {
            scene_id,
            lang: *lang,
            mode: *mode,
            seed,
            total: *total,
            team: *team,
        },
        Event::HazardFound {
            id,
            found,
            total,
            time_ms,
            points,
            ..
        } => Body::HazardFound {
            id,
            found: *found,
            total: *total,
            time_ms: *time_ms,
            points: *points,
        },
        Event::QuestionAnswered {
            id,
            choice,
            right,
            points,
            ..
        } => Body::QuestionAnswered {
            id,
            choice: *choice,
            right: *right,
            points: *points,
        },
        Event::RoundEnded { summary } => Body::RoundFinished { summary },
        _ => return None,
    };
    Some(message(body))
}

#[derive(Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
enum Command {
    Start {
        scene: Option<String>,
        mode: Option<String>,
        seed: Option<String>,
        #[serde(rename = "version")]
        _version: Option<u32>,
        #[serde(rename = "source")]
        _source: Option<String>,
    },
    SetLang {
        lang: String,
        #[serde(rename = "version")]
        _version: Option<u32>,
        #[serde(rename = "source")]
        _source: Option<String>,
    },
    Pause {
        #[serde(rename = "version")]
        _version: Option<u32>,
        #[serde(rename = "source")]
        _source: Option<String>,
    },
    Resume {
        #[serde(rename = "version")]
        _version: Option<u32>,
        #[serde(rename = "source")]
        _source: Option<String>,
    },
}

/// Why a message was ignored (for the console, never shown to pupils).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    TooLong(usize),
    /// Not one of the commands, or a field of the wrong kind.
    Malformed(String),
    /// A field's value cannot be used (an unknown scene name, mode, language, code).
    BadValue(&'static str),
}

/// The action a host's message (its JSON text) asks for.
pub fn parse_command(json: &str) -> Result<Action, Ignored> {
    if json.len() > MAX_COMMAND_BYTES {
        return Err(Ignored::TooLong(json.len()));
    }
    let malformed = |e: serde_json::Error| {
        let mut m = e.to_string();
        m.truncate(120);
        Ignored::Malformed(m)
    };
    // Our own envelope's fields (`version`, `source`) may come back with a command.
    let cmd: Command = serde_json::from_str(json).map_err(malformed)?;
    Ok(match cmd {
        Command::Start {
            scene, mode, seed, ..
        } => {
            let scene_id = match scene {
                Some(s) => {
                    let s = s.trim().to_ascii_lowercase();
                    if !crate::scene::is_safe_name(&s) {
                        return Err(Ignored::BadValue("scene"));
                    }
                    Some(s)
                }
                None => None,
            };
            let mode = match mode {
                Some(m) => Some(
                    Mode::parse(m.trim().to_ascii_lowercase().as_str())
                        .ok_or(Ignored::BadValue("mode"))?,
                ),
                None => None,
            };
            let seed = match seed {
                Some(s) => Some(Seed::parse(&s).map_err(|_| Ignored::BadValue("seed"))?),
                None => None,
            };
            Action::HostStart {
                scene_id,
                mode,
                seed,
            }
        }
        Command::SetLang { lang, .. } => {
            Action::SetLang(Lang::parse(lang.trim()).ok_or(Ignored::BadValue("lang"))?)
        }
        Command::Pause { .. } => Action::Pause,
        Command::Resume { .. } => Action::Resume,
    })
}
