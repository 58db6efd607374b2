//! Hazard Hunt (找隐患): find the hidden safety hazards in an illustrated scene.
//!
//! Everything but `web` is plain Rust with no browser types, tested natively:
//! - [`geom`]: points, rectangles, polygons, hit tests;
//! - [`scene`]: the scene file format, parsing and validation;
//! - [`catalogue`]: the list of scenes the picker shows;
//! - [`camera`]: scene units ↔ CSS pixels;
//! - [`motion`]: ambient motion and parallax of layers, as functions of time and view;
//! - [`seam`]: actions in, events out, and the round summary;
//! - [`game`]: the state machine (title, play, card, results), driven by actions;
//! - [`score`]: scoring rules (the ones the game uses today);
//! - [`scoring`]: the round's score keeper: points by severity, speed windows,
//!   questions, hints, "look first" spam checks, stars;
//! - [`howto`]: the numbers the "How to play" screen and the README quote;
//! - [`seed`]: seeded rounds: the generator, challenge codes, the round's subset;
//! - [`i18n`]: languages and interface strings;
//! - [`input`]: pointer presses and releases → taps;
//! - [`options`]: URL parameters;
//! - [`host`]: messages to and commands from a page around the game (iframe, LMS);
//! - [`kiosk`]: kiosk mode's attract demo and walk-away clock;
//! - [`board`]: kiosk mode's leaderboard (today's top 10 on one screen);
//! - [`stats`]: a kiosk's anonymous statistics (rounds a day, hazards found, missed,
//!   hinted) and their CSV export;
//! - [`errorlog`]: the last errors on this device (a ring buffer in localStorage).
//!
//! `web` (wasm32 only) owns the canvas, the DOM overlay, the listeners and the frame
//! loop, and translates between the browser and the modules above.

pub mod board;
pub mod camera;
pub mod catalogue;
pub mod errorlog;
pub mod game;
pub mod geom;
pub mod host;
pub mod howto;
pub mod i18n;
pub mod input;
pub mod kiosk;
pub mod motion;
pub mod options;
pub mod scene;
pub mod score;
pub mod scoring;
pub mod seam;
pub mod seed;
pub mod stats;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod web;
