//! The game state machine. Plain data in, plain data out: the web layer feeds it taps
//! (already in scene units), button presses and the time since the last frame, and
//! draws whatever it says.
//!
//! ```text
//!   Title --start--> Play --tap on hazard--> Card --close--> Play
//!                     |                        \--close (last one)--> Results
//!                     \--give up, confirm------------------------------> Results
//!   Results --play again--> Title
//! ```

use crate::geom::{self, Point};
use crate::i18n::Lang;
use crate::scene::Scene;
use crate::score::{self, Score};

/// How long a hint stays on screen.
pub const HINT_MS: f64 = 4000.0;
/// Longest frame step counted: a tab that slept does not add its sleep to the clock.
pub const MAX_STEP_MS: f64 = 250.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Title,
    Play,
    /// The teaching card for the hazard with this index is open.
    Card(usize),
    Results,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Title => "title",
            Screen::Play => "play",
            Screen::Card(_) => "card",
            Screen::Results => "results",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    AllFound,
    GaveUp,
}

/// What a tap did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tap {
    Found(usize),
    AlreadyFound(usize),
    Miss,
    /// Taps do nothing on this screen.
    Ignored,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Miss {
    pub at: Point,
    /// Game clock when it happened (for the fading mark).
    pub t: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hint {
    pub hazard: usize,
    pub t: f64,
}

/// One play of a scene.
#[derive(Clone, Debug, Default)]
pub struct Round {
    /// Per hazard: the game clock when it was found.
    pub found_at: Vec<Option<f64>>,
    pub misses: Vec<Miss>,
    pub hints_used: u32,
    pub hint: Option<Hint>,
    /// Time spent playing (not on cards, dialogs or other screens).
    pub elapsed_ms: f64,
    pub end: Option<EndReason>,
}

impl Round {
    fn new(hazards: usize) -> Round {
        Round {
            found_at: vec![None; hazards],
            ..Round::default()
        }
    }

    pub fn found_count(&self) -> u32 {
        self.found_at.iter().filter(|f| f.is_some()).count() as u32
    }

    pub fn is_found(&self, i: usize) -> bool {
        self.found_at.get(i).is_some_and(Option::is_some)
    }

    pub fn all_found(&self) -> bool {
        !self.found_at.is_empty() && self.found_at.iter().all(Option::is_some)
    }
}

pub struct Game {
    scene: Option<Scene>,
    pub lang: Lang,
    screen: Screen,
    round: Round,
    /// The "give up?" question is showing.
    confirming_quit: bool,
    /// Milliseconds since the game began, advanced by `tick`; drives animations.
    clock_ms: f64,
}

impl Game {
    pub fn new(lang: Lang) -> Game {
        Game {
            scene: None,
            lang,
            screen: Screen::Title,
            round: Round::default(),
            confirming_quit: false,
            clock_ms: 0.0,
        }
    }

    /// Installs a loaded scene and goes back to the title.
    pub fn set_scene(&mut self, scene: Scene) {
        self.round = Round::new(scene.hazards.len());
        self.scene = Some(scene);
        self.screen = Screen::Title;
        self.confirming_quit = false;
    }

    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref()
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn round(&self) -> &Round {
        &self.round
    }

    pub fn clock_ms(&self) -> f64 {
        self.clock_ms
    }

    pub fn confirming_quit(&self) -> bool {
        self.confirming_quit
    }

    /// Title → Play, with a fresh round. Needs a scene.
    pub fn start(&mut self) -> bool {
        let Some(scene) = &self.scene else {
            return false;
        };
        if self.screen != Screen::Title {
            return false;
        }
        self.round = Round::new(scene.hazards.len());
        self.screen = Screen::Play;
        self.confirming_quit = false;
        true
    }

    /// A tap at `p` (scene units). `slop` is how far outside a region (scene units)
    /// still counts, so a fingertip that lands just beside a small hazard finds it.
    pub fn tap(&mut self, p: Point, slop: f64) -> Tap {
        if self.screen != Screen::Play || self.confirming_quit {
            return Tap::Ignored;
        }
        let Some(scene) = &self.scene else {
            return Tap::Ignored;
        };
        match hit_test(scene, &self.round, p, slop) {
            Some(i) if self.round.is_found(i) => Tap::AlreadyFound(i),
            Some(i) => {
                self.round.found_at[i] = Some(self.clock_ms);
                if self.round.hint.is_some_and(|h| h.hazard == i) {
                    self.round.hint = None;
                }
                self.screen = Screen::Card(i);
                Tap::Found(i)
            }
            None => {
                self.round.misses.push(Miss {
                    at: p,
                    t: self.clock_ms,
                });
                Tap::Miss
            }
        }
    }

    /// Closes the teaching card: back to play, or to the results after the last find.
    pub fn close_card(&mut self) -> bool {
        if !matches!(self.screen, Screen::Card(_)) {
            return false;
        }
        if self.round.all_found() {
            self.round.end = Some(EndReason::AllFound);
            self.round.hint = None;
            self.screen = Screen::Results;
        } else {
            self.screen = Screen::Play;
        }
        true
    }

    /// Shows roughly where one hazard not yet found is; costs points. Returns the
    /// hazard hinted at, or `None` when no hint can be given now (not playing, or a
    /// hint is still showing).
    pub fn hint(&mut self) -> Option<usize> {
        if self.screen != Screen::Play || self.confirming_quit || self.hint_active() {
            return None;
        }
        let n = self.round.found_at.len();
        // Rotate through the hazards still hidden so repeated hints do not always
        // point at the same corner of the picture.
        let start = (self.round.hints_used as usize * 3) % n.max(1);
        let hazard = (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| !self.round.is_found(i))?;
        self.round.hints_used += 1;
        self.round.hint = Some(Hint {
            hazard,
            t: self.clock_ms,
        });
        Some(hazard)
    }

    /// The hint still on screen, if any.
    pub fn hint_active(&self) -> bool {
        self.round
            .hint
            .is_some_and(|h| self.clock_ms - h.t < HINT_MS)
    }

    /// "Give up" pressed: ask first.
    pub fn request_quit(&mut self) -> bool {
        if self.screen != Screen::Play || self.confirming_quit {
            return false;
        }
        self.confirming_quit = true;
        true
    }

    /// "Keep looking".
    pub fn cancel_quit(&mut self) -> bool {
        std::mem::replace(&mut self.confirming_quit, false)
    }

    /// "Yes, show the answers": ends the round.
    pub fn confirm_quit(&mut self) -> bool {
        if !self.confirming_quit || self.screen != Screen::Play {
            return false;
        }
        self.confirming_quit = false;
        self.round.end = Some(EndReason::GaveUp);
        self.round.hint = None;
        self.screen = Screen::Results;
        true
    }

    /// Results → Title.
    pub fn play_again(&mut self) -> bool {
        if self.screen != Screen::Results {
            return false;
        }
        self.screen = Screen::Title;
        true
    }

    /// Advances the clocks by one frame.
    pub fn tick(&mut self, dt_ms: f64) {
        let dt = if dt_ms.is_finite() {
            dt_ms.clamp(0.0, MAX_STEP_MS)
        } else {
            0.0
        };
        self.clock_ms += dt;
        if self.screen == Screen::Play && !self.confirming_quit {
            self.round.elapsed_ms += dt;
        }
        if self.round.hint.is_some() && !self.hint_active() {
            self.round.hint = None;
        }
    }

    pub fn score(&self) -> Score {
        let r = &self.round;
        score::compute(
            r.found_count(),
            r.misses.len() as u32,
            r.hints_used,
            r.elapsed_ms,
            r.all_found(),
        )
    }

    pub fn accuracy(&self) -> Option<u32> {
        score::accuracy_percent(self.round.found_count(), self.round.misses.len() as u32)
    }

    /// Ids of the hazards found, in scene order.
    pub fn found_ids(&self) -> Vec<&str> {
        let Some(scene) = &self.scene else {
            return Vec::new();
        };
        scene
            .hazards
            .iter()
            .enumerate()
            .filter(|(i, _)| self.round.is_found(*i))
            .map(|(_, h)| h.id.as_str())
            .collect()
    }
}

/// Which hazard a tap at `p` lands on. Inside beats near; a hazard not yet found
/// beats one already found; among those, the smallest region wins (small things drawn
/// in front of big ones). Within `slop` of an outline counts as near.
pub fn hit_test(scene: &Scene, round: &Round, p: Point, slop: f64) -> Option<usize> {
    let rank = |i: usize| (round.is_found(i), geom::area(scene.hazards[i].polygon()));
    let inside = (0..scene.hazards.len())
        .filter(|&i| geom::contains(scene.hazards[i].polygon(), p))
        .min_by(|&a, &b| {
            rank(a)
                .partial_cmp(&rank(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    if inside.is_some() {
        return inside;
    }
    if slop <= 0.0 {
        return None;
    }
    (0..scene.hazards.len())
        .map(|i| (i, geom::distance_to_outline(p, scene.hazards[i].polygon())))
        .filter(|&(_, d)| d <= slop)
        .min_by(|a, b| {
            (round.is_found(a.0), a.1)
                .partial_cmp(&(round.is_found(b.0), b.1))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(i, _)| i)
}

/// The circle a hint draws for hazard `i`: it contains the hazard's interior point but
/// is not centred on it, so the player still has to look.
pub fn hint_circle(scene: &Scene, i: usize) -> (Point, f64) {
    let poly = scene.hazards[i].polygon();
    let b = geom::bounds(poly);
    let target = scene.hazards[i].inside();
    let radius = (b.w.hypot(b.h) * 0.9).max(scene.size.w.min(scene.size.h) * 0.12);
    // Offset the centre by up to 40 % of the radius, in a direction fixed per hazard.
    let angle = (i as f64 * 2.399_963) % std::f64::consts::TAU;
    let off = radius * 0.4;
    let centre = Point::new(target.x + off * angle.cos(), target.y + off * angle.sin());
    (centre, radius)
}
