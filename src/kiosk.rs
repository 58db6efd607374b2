//! Kiosk mode's clock and its attract demo, without the browser: when nobody plays,
//! the game plays itself (slow moves across the scene, hazards found with their
//! cards) under "Touch to start"; while somebody plays, a quiet spell asks "Are you
//! still playing?" and, unanswered, sends the screen back to attract.
//!
//! [`Kiosk`] only keeps time and says what is due; [`crate::game::Game`] carries it out
//! through the same steps a player's input takes (the demo's finds are real taps).
//!
//! ```text
//!   Attract --touch--> Playing --quiet for `idle`--> Asking --touch--> Playing
//!      ^                                                |
//!      +----------- no answer within `countdown` -------+
//! ```

use crate::options::KioskOptions;

/// The demo moves the view to its next hazard over this long (ms) …
pub const DEMO_LOOK_MS: f64 = 2600.0;
/// … lets it rest in view this long before the tap (ms) …
pub const DEMO_AIM_MS: f64 = 900.0;
/// … leaves the card open this long (ms) …
pub const DEMO_CARD_MS: f64 = 5200.0;
/// … and pauses this long before moving on (ms).
pub const DEMO_PAUSE_MS: f64 = 1200.0;
/// Hazards the demo finds in a scene before it steps back and moves to the next one
/// (never all of them: the demo never finishes a round).
pub const DEMO_FINDS: u32 = 3;
/// The whole scene stays in view this long before the next scene (ms).
pub const DEMO_OVERVIEW_MS: f64 = 3500.0;
/// A scene or the list of scenes that failed to load is tried again after this long
/// (ms): a kiosk has nobody to press "Try again".
pub const RETRY_MS: f64 = 10_000.0;

/// Where the kiosk is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    /// Nobody plays: the demo runs under "Touch to start".
    Attract,
    /// Somebody plays (a round, its results, "How to play").
    Playing,
    /// "Are you still playing?" is up; this much of its countdown is left (ms).
    Asking { left_ms: f64 },
}

/// The next step of the attract demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoCue {
    /// Move the view to the next hazard to find.
    LookAt,
    /// Tap it (its card opens).
    Tap,
    /// Close its card (and skip its question).
    Close,
    /// Step back to the whole scene.
    Overview,
    /// On to the next scene.
    NextScene,
}

/// The demo's timetable.
#[derive(Clone, Debug, PartialEq)]
pub struct Demo {
    /// What comes next, and how long until it may.
    next: DemoCue,
    wait_ms: f64,
    /// Hazards found in this scene so far.
    pub finds: u32,
}

impl Default for Demo {
    fn default() -> Self {
        Demo {
            next: DemoCue::LookAt,
            // The scene shows whole for a moment first.
            wait_ms: DEMO_PAUSE_MS,
            finds: 0,
        }
    }
}

impl Demo {
    /// Advances the demo by `dt` ms. `settled`: the view has stopped moving (a tap
    /// waits for it). Returns the cue that is due, if any.
    pub fn advance(&mut self, dt: f64, settled: bool) -> Option<DemoCue> {
        self.wait_ms -= dt.max(0.0);
        if self.wait_ms > 0.0 || (self.next == DemoCue::Tap && !settled) {
            return None;
        }
        let cue = self.next;
        (self.next, self.wait_ms) = match cue {
            DemoCue::LookAt => (DemoCue::Tap, DEMO_LOOK_MS + DEMO_AIM_MS),
            DemoCue::Tap => (DemoCue::Close, DEMO_CARD_MS),
            DemoCue::Close => {
                self.finds += 1;
                if self.finds >= DEMO_FINDS {
                    (DemoCue::Overview, DEMO_PAUSE_MS)
                } else {
                    (DemoCue::LookAt, DEMO_PAUSE_MS)
                }
            }
            DemoCue::Overview => (DemoCue::NextScene, DEMO_OVERVIEW_MS),
            DemoCue::NextScene => (DemoCue::LookAt, DEMO_PAUSE_MS),
        };
        Some(cue)
    }

    /// Nothing left to find here: step back and move on.
    pub fn skip_to_overview(&mut self) {
        self.next = DemoCue::Overview;
        self.wait_ms = 0.0;
    }

    pub fn next_cue(&self) -> DemoCue {
        self.next
    }
}

/// Kiosk mode's state: the phase, the quiet time, the demo, the scenes it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Kiosk {
    pub options: KioskOptions,
    pub phase: Phase,
    /// Milliseconds since the last touch, while playing.
    quiet_ms: f64,
    pub demo: Demo,
    /// Scene ids the kiosk shows in turn (from the catalogue, or `?scene=`).
    pub scenes: Vec<String>,
    /// `?scene=`: only this one.
    pub only_scene: Option<String>,
    /// Index in `scenes` of the scene showing.
    pub turn: usize,
    /// The round is played by a group together.
    pub team: bool,
    /// Time since a load failed (ms), to try again.
    pub failed_ms: f64,
}

/// What a tick of the kiosk clock brought.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Due {
    /// Ask "Are you still playing?" with this countdown (ms).
    Ask(f64),
    /// Nobody answered: back to attract.
    WalkAway,
}

impl Kiosk {
    pub fn new(options: KioskOptions, only_scene: Option<String>) -> Kiosk {
        Kiosk {
            options,
            phase: Phase::Attract,
            quiet_ms: 0.0,
            demo: Demo::default(),
            scenes: only_scene.iter().cloned().collect(),
            only_scene,
            turn: 0,
            team: false,
            failed_ms: 0.0,
        }
    }

    pub fn idle_ms(&self) -> f64 {
        f64::from(self.options.idle_s) * 1000.0
    }

    pub fn countdown_ms(&self) -> f64 {
        f64::from(self.options.countdown_s) * 1000.0
    }

    /// The scene list arrived: the kiosk shows these (just `?scene=` when that is
    /// one of them).
    pub fn set_scenes(&mut self, ids: Vec<String>) {
        self.scenes = match &self.only_scene {
            Some(only) if ids.contains(only) => vec![only.clone()],
            _ => ids,
        };
        self.turn = 0;
    }

    /// The scene after the one showing, in turn.
    pub fn next_scene(&mut self) -> Option<String> {
        if self.scenes.is_empty() {
            return None;
        }
        self.turn = (self.turn + 1) % self.scenes.len();
        self.scenes.get(self.turn).cloned()
    }

    pub fn current_scene(&self) -> Option<&str> {
        self.scenes.get(self.turn).map(String::as_str)
    }

    /// Somebody touched the screen while playing.
    pub fn touched(&mut self) {
        self.quiet_ms = 0.0;
    }

    pub fn quiet_ms(&self) -> f64 {
        self.quiet_ms
    }

    /// A round starts for a visitor (or a group).
    pub fn start_playing(&mut self, team: bool) {
        self.phase = Phase::Playing;
        self.quiet_ms = 0.0;
        self.team = team;
    }

    /// Back to attract: the demo starts over.
    pub fn attract(&mut self) {
        self.phase = Phase::Attract;
        self.quiet_ms = 0.0;
        self.team = false;
        self.demo = Demo::default();
    }

    /// "Yes, still playing."
    pub fn continue_playing(&mut self) -> bool {
        if matches!(self.phase, Phase::Asking { .. }) {
            self.phase = Phase::Playing;
            self.quiet_ms = 0.0;
            true
        } else {
            false
        }
    }

    /// Advances the quiet time and the countdown by `dt` ms.
    pub fn tick(&mut self, dt: f64) -> Option<Due> {
        let dt = dt.max(0.0);
        match self.phase {
            Phase::Attract => None,
            Phase::Playing => {
                self.quiet_ms += dt;
                if self.quiet_ms >= self.idle_ms() {
                    let left_ms = self.countdown_ms();
                    self.phase = Phase::Asking { left_ms };
                    Some(Due::Ask(left_ms))
                } else {
                    None
                }
            }
            Phase::Asking { left_ms } => {
                let left_ms = left_ms - dt;
                if left_ms <= 0.0 {
                    Some(Due::WalkAway)
                } else {
                    self.phase = Phase::Asking { left_ms };
                    None
                }
            }
        }
    }

    /// Whole seconds left on "Are you still playing?", while it shows.
    pub fn countdown_left_s(&self) -> Option<u32> {
        match self.phase {
            Phase::Asking { left_ms } => Some((left_ms / 1000.0).ceil().max(0.0) as u32),
            _ => None,
        }
    }
}
