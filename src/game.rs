//! The game state machine. Plain data in, plain data out: every action a player, a
//! host page or the browser can take arrives through [`Game::apply`] as one
//! [`Action`], and comes back as the [`Event`]s it caused. The web layer reads the
//! state to draw it and hands the events to whoever reacts (see [`crate::seam`]).
//!
//! ```text
//!   Title --start--> Select --pick (load)--> Play      (with ?scene=: Title --start--> Play)
//!     ^  \--load failed: error, Try again      | tap on hazard --> Card --close--> Play
//!     |                                        | tap on decoy  --> Decoy --close--> Play
//!     |                                        | close the last card, or end round and
//!     |                                        v confirm
//!     +------------- play again ----------- Results;   any screen --reset to title--> Title
//! ```

use crate::camera::Camera;
use crate::catalogue::Catalogue;
use crate::geom::{self, Point, Rect};
use crate::i18n::Lang;
use crate::kiosk::{DemoCue, Due, Kiosk, Phase};
use crate::options::{KioskOptions, Notice};
use crate::scene::{Scene, Size};
use crate::score::Score;
use crate::scoring::{Breakdown, HintStep, Outcome, ScoreKeeper};
pub use crate::seam::{Action, EndReason, Event, FoundItem, Mode, RoundSummary};
use crate::seed::{self, Rng, Seed};
use crate::view::{Alarms, GasReading, View};

/// The radius (CSS px) of the marker on the main picture where a view opens: a tap
/// within it (plus a finger's slack) that finds nothing else steps into the view.
pub const ENTRY_RADIUS_CSS: f64 = 26.0;
/// How long a hint's circle stays on screen.
pub const HINT_MS: f64 = 4000.0;
/// How long a hint's text clue stays on screen (it needs reading).
pub const CLUE_MS: f64 = 9000.0;
/// After this much play with no find (ms), the hint button pulses.
pub const HINT_QUIET_MS: f64 = 25_000.0;
/// Challenge mode without `?time=`: this much time a hazard in the round (ms) …
pub const CHALLENGE_PER_HAZARD_MS: f64 = 15_000.0;
/// … and at least this much.
pub const CHALLENGE_MIN_MS: f64 = 90_000.0;
/// Longest frame step counted: a tab that slept does not add its sleep to the clock.
pub const MAX_STEP_MS: f64 = 250.0;
/// Two taps this close in time (game clock, ms) and place (CSS px) are a double tap.
pub const DOUBLE_TAP_MS: f64 = 350.0;
pub const DOUBLE_TAP_CSS: f64 = 30.0;
/// A round starts with the whole scene in view for this long (ms), then settles to a
/// zoom that fills the screen, when that is at least this much closer.
pub const SETTLE_DELAY_MS: f64 = 1200.0;
pub const SETTLE_ABOVE_ZOOM: f64 = 1.3;
/// Radius of a mark on the results picture (CSS pixels, its white rim included): a
/// tap this close to a mark's centre picks its hazard.
pub const MARK_CSS: f64 = 17.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Title,
    Play,
    /// The scene picker.
    Select,
    /// The teaching card for the hazard with this index is open.
    Card(usize),
    /// The note for the decoy with this index is open: "this one is done right".
    Decoy(usize),
    /// The "What do you do now?" question of the hazard with this index is open.
    Question(usize),
    Results,
    /// "How to play", opened from the title or the results (it returns there).
    Help,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Title => "title",
            Screen::Select => "select",
            Screen::Play => "play",
            Screen::Card(_) => "card",
            Screen::Decoy(_) => "decoy",
            Screen::Question(_) => "question",
            Screen::Results => "results",
            Screen::Help => "help",
        }
    }
}

/// Whether the scene (or the catalogue) is not asked for yet, loading, ready, or
/// failed (with the one-line reason).
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    Idle,
    Loading,
    Ready,
    Failed(String),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Miss {
    /// Scene units.
    pub at: Point,
    /// Game clock when it happened (for the fading mark).
    pub t: f64,
    /// The picture it was in (0: the main one; see [`Scene::stages`]).
    pub stage: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hint {
    pub hazard: usize,
    pub t: f64,
    /// The clue (text) or the circle.
    pub step: HintStep,
}

/// One play of a scene.
#[derive(Clone, Debug, Default)]
pub struct Round {
    /// Per hazard: the game clock when it was found (drives the find animation).
    pub found_at: Vec<Option<f64>>,
    /// Per hazard: play time when it was found (what the summary reports).
    pub found_play_ms: Vec<Option<f64>>,
    pub misses: Vec<Miss>,
    /// Every tap on a decoy, by decoy index, in order.
    pub decoy_taps: Vec<usize>,
    pub hints_used: u32,
    pub hint: Option<Hint>,
    /// Time spent playing (not on cards, dialogs or other screens).
    pub elapsed_ms: f64,
    pub end: Option<EndReason>,
    /// Per hazard: in this round (a seeded subset; the others show their fixed look).
    pub active: Vec<bool>,
    /// Per decoy: in this round.
    pub decoy_active: Vec<bool>,
    pub seed: Seed,
    /// The score, tap by tap.
    pub keeper: ScoreKeeper,
    /// Per hazard: the answer picked to its question.
    pub answers: Vec<Option<usize>>,
    /// Play time of the last find (0 at the start): quiet spells are counted from it.
    pub last_find_ms: f64,
    /// A "look first" pause lasts until this play time.
    pub look_first_until: Option<f64>,
}

impl Round {
    /// A round of `scene` with the hazards and decoys `seed` picks.
    fn new(scene: &Scene, seed: Seed) -> Round {
        let (hazards, decoys) = seed::pick_subset(scene, seed);
        let mut round = Round::with(
            scene,
            vec![false; scene.hazards.len()],
            vec![false; scene.decoys.len()],
        );
        for i in hazards {
            round.active[i] = true;
        }
        for i in decoys {
            round.decoy_active[i] = true;
        }
        round.seed = seed;
        round
    }

    /// A round of `scene` with these hazards and decoys in it, nothing found yet.
    fn with(scene: &Scene, active: Vec<bool>, decoy_active: Vec<bool>) -> Round {
        let n = scene.hazards.len();
        Round {
            found_at: vec![None; n],
            found_play_ms: vec![None; n],
            answers: vec![None; n],
            active,
            decoy_active,
            keeper: ScoreKeeper::new(scene.size),
            ..Round::default()
        }
    }

    pub fn found_count(&self) -> u32 {
        self.found_at.iter().filter(|f| f.is_some()).count() as u32
    }

    pub fn is_found(&self, i: usize) -> bool {
        self.found_at.get(i).is_some_and(Option::is_some)
    }

    /// Every hazard and decoy of `scene` (before a round starts).
    fn all(scene: &Scene) -> Round {
        Round::with(
            scene,
            vec![true; scene.hazards.len()],
            vec![true; scene.decoys.len()],
        )
    }

    /// Whether hazard `i` is in this round (before any round: all are).
    pub fn is_active(&self, i: usize) -> bool {
        self.active.get(i).copied().unwrap_or(true)
    }

    pub fn decoy_is_active(&self, i: usize) -> bool {
        self.decoy_active.get(i).copied().unwrap_or(true)
    }

    /// Hazards in this round.
    pub fn total(&self) -> usize {
        (0..self.found_at.len())
            .filter(|&i| self.is_active(i))
            .count()
    }

    pub fn all_found(&self) -> bool {
        self.total() > 0 && (0..self.found_at.len()).all(|i| !self.is_active(i) || self.is_found(i))
    }

    /// Taps that found nothing new: misses and decoys.
    pub fn wrong_taps(&self) -> u32 {
        (self.misses.len() + self.decoy_taps.len()) as u32
    }

    /// Each decoy tapped, once, in the order first tapped.
    pub fn decoys_tapped(&self) -> Vec<usize> {
        let mut seen = Vec::new();
        for &d in &self.decoy_taps {
            if !seen.contains(&d) {
                seen.push(d);
            }
        }
        seen
    }
}

/// What the gas detector shows in a shaft view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detector {
    pub reading: GasReading,
    pub alarms: Alarms,
    /// Milliseconds between beeps; `None` while quiet.
    pub beep_ms: Option<f64>,
    /// The shaft has been ventilated (the hazard whose fix that is was found).
    pub ventilated: bool,
}

/// What a tap landed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Hazard(usize),
    Decoy(usize),
}

pub struct Game {
    scene: Option<Scene>,
    /// The scene asked for (loading, loaded or failed).
    scene_id: String,
    load: LoadState,
    lang: Lang,
    screen: Screen,
    round: Round,
    /// The "give up?" question is showing.
    confirming_quit: bool,
    /// Hazard picked on the results screen.
    selected: Option<usize>,
    /// The results' picture shows every hazard put right.
    show_fixed: bool,
    /// The screen "How to play" returns to.
    help_from: Screen,
    /// Notices about the web address, shown on the title screen.
    notices: Vec<Notice>,
    /// The player's view of the scene.
    camera: Camera,
    /// Start leads to the scene picker (no `?scene=` in the address).
    picker: bool,
    catalogue: Option<Catalogue>,
    catalogue_load: LoadState,
    /// A scene was picked: start playing as soon as it has loaded.
    start_when_loaded: bool,
    /// Milliseconds since the game began, advanced by `Tick`; drives animations.
    clock_ms: f64,
    /// Which picture the camera shows: 0 the main one, `k + 1` the scene's view `k`.
    stage: usize,
    /// The main picture's camera, kept while the player is inside a view.
    main_camera: Option<Camera>,
    /// Where the torch shines (CSS pixels of the canvas), once the pointer or a
    /// finger has been over a dark view.
    torch: Option<Point>,
    /// When the player stepped into the view (game clock, ms): the wind's gusts count
    /// from here.
    entered_ms: f64,
    /// The gas detector is alarming.
    gas_alarm: bool,
    mode: Mode,
    /// `?time=`: the challenge's time in ms instead of the scene's default.
    time_ms: Option<f64>,
    /// `?seed=`: every round plays this seed; otherwise rounds draw from `seeds`.
    fixed_seed: Option<Seed>,
    seeds: Rng,
    /// `?mode=kiosk`: attract, walk-away, play together.
    kiosk: Option<Kiosk>,
    /// The round is played by a group together.
    team: bool,
    /// The hazard the attract demo is showing.
    demo_target: Option<usize>,
    /// `?hints=off`: no hints.
    hints: bool,
    /// `?answers=show`: every hazard outlined from the start.
    show_answers: bool,
    /// A host page paused the game.
    paused: bool,
    /// `?scene=a,b`: the scenes offered, in this order (empty: all).
    scene_list: Vec<String>,
    /// A host's start fixed the next round's seed.
    next_seed: Option<Seed>,
}

impl Game {
    pub fn new(lang: Lang) -> Game {
        Game {
            scene: None,
            scene_id: String::new(),
            load: LoadState::Idle,
            lang,
            screen: Screen::Title,
            round: Round::default(),
            confirming_quit: false,
            selected: None,
            show_fixed: false,
            help_from: Screen::Title,
            notices: Vec::new(),
            camera: Camera::fit(Size { w: 1.0, h: 1.0 }, Rect::new(0.0, 0.0, 1.0, 1.0)),
            picker: false,
            catalogue: None,
            catalogue_load: LoadState::Idle,
            start_when_loaded: false,
            clock_ms: 0.0,
            stage: 0,
            main_camera: None,
            torch: None,
            entered_ms: 0.0,
            gas_alarm: false,
            mode: Mode::default(),
            time_ms: None,
            fixed_seed: None,
            seeds: Rng::new(0x5eed),
            kiosk: None,
            team: false,
            demo_target: None,
            hints: true,
            show_answers: false,
            paused: false,
            scene_list: Vec::new(),
            next_seed: None,
        }
    }

    /// For lessons: hints on or off, every hazard outlined (a teacher's
    /// demonstration), and the scenes offered in order (`?scene=a,b`; empty: all).
    pub fn with_lesson(mut self, hints: bool, show_answers: bool, scenes: Vec<String>) -> Game {
        self.hints = hints;
        self.show_answers = show_answers;
        self.scene_list = scenes;
        self
    }

    /// Hints are offered (`?hints=off` turns them off).
    pub fn hints_on(&self) -> bool {
        self.hints
    }

    /// Every hazard not yet found is outlined (`?answers=show`).
    pub fn showing_answers(&self) -> bool {
        self.show_answers
    }

    /// With `?scene=a,b`: the scene after the one loaded, if any (kiosks go round
    /// their list on their own).
    pub fn next_scene(&self) -> Option<&str> {
        if self.kiosk.is_some() || self.scene_list.len() < 2 {
            return None;
        }
        let here = self.scene.as_ref()?;
        let at = self.scene_list.iter().position(|id| *id == here.id)?;
        self.scene_list.get(at + 1).map(String::as_str)
    }

    /// A host page has paused the game.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Kiosk mode: the game starts in attract, shows every scene in the catalogue in
    /// turn (just `only_scene` when given) and plays explore rounds.
    pub fn with_kiosk(mut self, options: KioskOptions, only_scene: Option<String>) -> Game {
        self.kiosk = Some(Kiosk::new(options, only_scene));
        self.mode = Mode::Explore;
        self.time_ms = None;
        self
    }

    pub fn kiosk(&self) -> Option<&Kiosk> {
        self.kiosk.as_ref()
    }

    /// The attract demo is running (kiosk mode, nobody playing).
    pub fn attracting(&self) -> bool {
        self.kiosk
            .as_ref()
            .is_some_and(|k| k.phase == Phase::Attract)
            && self.load == LoadState::Ready
            && self.in_round()
    }

    /// "Are you still playing?" is showing.
    pub fn asking_idle(&self) -> bool {
        self.kiosk
            .as_ref()
            .is_some_and(|k| matches!(k.phase, Phase::Asking { .. }))
    }

    /// The screen as the page and the automation hook name it: the game's screen,
    /// except `attract` while the demo runs and `idle` while "Are you still
    /// playing?" shows.
    pub fn screen_name(&self) -> &'static str {
        if self.attracting() {
            "attract"
        } else if self.asking_idle() {
            "idle"
        } else {
            self.screen.name()
        }
    }

    /// The round is played by a group together.
    pub fn team(&self) -> bool {
        self.team
    }

    /// Explore or challenge, and the challenge's time (`None`: the scene's default).
    pub fn with_mode(mut self, mode: Mode, time_ms: Option<f64>) -> Game {
        self.mode = mode;
        self.time_ms = time_ms.filter(|t| t.is_finite() && *t > 0.0);
        self
    }

    /// Rounds draw their seeds from `bits` (the web layer passes random bits); with a
    /// `fixed` seed (`?seed=`), every round plays that one.
    pub fn with_seeds(mut self, bits: u64, fixed: Option<Seed>) -> Game {
        self.seeds = Rng::new(bits);
        self.fixed_seed = fixed;
        self
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Challenge mode: the time allowed for this round, in ms.
    pub fn time_limit_ms(&self) -> Option<f64> {
        if self.mode != Mode::Challenge {
            return None;
        }
        let total = self.round.total() as f64;
        Some(
            self.time_ms
                .unwrap_or((total * CHALLENGE_PER_HAZARD_MS).max(CHALLENGE_MIN_MS)),
        )
    }

    /// Challenge mode: time left (ms), with the time misses and decoys cost taken off.
    pub fn time_left_ms(&self) -> Option<f64> {
        let limit = self.time_limit_ms()?;
        Some((limit - self.round.elapsed_ms - self.round.keeper.penalty_ms()).max(0.0))
    }

    /// A game whose Start button leads to the scene picker (no scene in the address).
    pub fn with_picker(mut self) -> Game {
        self.picker = true;
        self
    }

    pub fn picker(&self) -> bool {
        self.picker
    }

    pub fn catalogue(&self) -> Option<&Catalogue> {
        self.catalogue.as_ref()
    }

    pub fn catalogue_load(&self) -> &LoadState {
        &self.catalogue_load
    }

    /// A game that shows these notices about the web address on its title screen.
    pub fn with_notices(mut self, notices: Vec<Notice>) -> Game {
        self.notices = notices;
        self
    }

    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref()
    }

    pub fn scene_id(&self) -> &str {
        &self.scene_id
    }

    pub fn load(&self) -> &LoadState {
        &self.load
    }

    pub fn lang(&self) -> Lang {
        self.lang
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

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    pub fn camera(&self) -> &Camera {
        &self.camera
    }

    /// Whether Start can be pressed.
    pub fn can_start(&self) -> bool {
        self.screen == Screen::Title
            && (self.picker && self.load != LoadState::Loading
                || self.load == LoadState::Ready && self.scene.is_some())
    }

    /// The one entry point: does what `action` asks, if it makes sense on this
    /// screen, and returns what happened (nothing, when it did not).
    pub fn apply(&mut self, action: Action) -> Vec<Event> {
        let mut ev = Vec::new();
        if self.paused {
            match &action {
                Action::Resume => {
                    self.paused = false;
                    ev.push(Event::Resumed);
                    return ev;
                }
                // A host's new start goes on from the pause.
                Action::HostStart { .. } => {
                    self.paused = false;
                    ev.push(Event::Resumed);
                }
                Action::Tick { dt_ms } => {
                    // Time passes for the page's animations, not for the round.
                    if dt_ms.is_finite() {
                        self.clock_ms += dt_ms.clamp(0.0, MAX_STEP_MS);
                    }
                    return ev;
                }
                // Loads finish and the page keeps its size and language; every
                // input waits.
                Action::Loaded(_)
                | Action::LoadFailed { .. }
                | Action::CatalogueLoaded(_)
                | Action::CatalogueFailed { .. }
                | Action::Resize { .. }
                | Action::SetLang(_) => {}
                _ => return ev,
            }
        }
        if self.kiosk.is_some() && !self.kiosk_allows(&action, &mut ev) {
            return ev;
        }
        match action {
            Action::Load { scene_id } => self.request_load(scene_id, &mut ev),
            Action::Retry => {
                if matches!(self.load, LoadState::Failed(_)) {
                    self.request_load(self.scene_id.clone(), &mut ev);
                } else if self.screen == Screen::Select
                    && matches!(self.catalogue_load, LoadState::Failed(_))
                {
                    self.catalogue_load = LoadState::Loading;
                    ev.push(Event::CatalogueRequested);
                }
            }
            Action::CatalogueLoaded(c) => {
                if self.catalogue_load == LoadState::Loading {
                    ev.push(Event::CatalogueLoaded {
                        total: c.scenes.len(),
                    });
                    let c = self.ordered(*c);
                    if let Some(k) = &mut self.kiosk {
                        k.set_scenes(c.scenes.iter().map(|e| e.id.clone()).collect());
                    }
                    self.catalogue = Some(c);
                    self.catalogue_load = LoadState::Ready;
                    self.kiosk_load_current(&mut ev);
                }
            }
            Action::CatalogueFailed { message } => {
                if self.catalogue_load == LoadState::Loading {
                    self.catalogue_load = LoadState::Failed(message.clone());
                    ev.push(Event::CatalogueFailed { message });
                }
            }
            Action::PickScene { scene_id } => self.pick(scene_id, &mut ev),
            Action::Loaded(scene) => self.loaded(*scene, &mut ev),
            Action::LoadFailed { message } => {
                if self.load == LoadState::Loading {
                    self.load = LoadState::Failed(message.clone());
                    ev.push(Event::LoadFailed {
                        scene_id: self.scene_id.clone(),
                        message,
                    });
                    // The title says what went wrong and offers Try again.
                    if self.screen == Screen::Select {
                        self.screen = Screen::Title;
                    }
                }
            }
            Action::Start => self.start(&mut ev),
            Action::Tap { at, tolerance } => self.tap(at, tolerance, &mut ev),
            Action::CloseCard => self.close_card(&mut ev),
            Action::Hint => self.hint(&mut ev),
            Action::AskQuit => {
                if self.screen == Screen::Play && !self.confirming_quit {
                    self.confirming_quit = true;
                    ev.push(Event::QuitAsked);
                }
            }
            Action::CancelQuit => self.cancel_quit(&mut ev),
            Action::ConfirmQuit => {
                if self.confirming_quit && self.screen == Screen::Play {
                    self.confirming_quit = false;
                    self.end_round(EndReason::GaveUp, &mut ev);
                }
            }
            Action::Back => {
                if self.confirming_quit {
                    self.cancel_quit(&mut ev);
                } else if self.screen == Screen::Help {
                    self.screen = self.help_from;
                    ev.push(Event::HelpClosed);
                } else if self.screen == Screen::Select {
                    self.start_when_loaded = false;
                    self.show_title(&mut ev);
                } else {
                    self.close_card(&mut ev);
                }
            }
            Action::PlayAgain => {
                if self.screen == Screen::Results {
                    if self.kiosk.is_some() {
                        // A kiosk has no title screen: the same scene again, at once.
                        self.start_round(&mut ev);
                    } else {
                        self.show_title(&mut ev);
                    }
                }
            }
            Action::NextScene => {
                if let (Screen::Results, Some(next)) = (self.screen, self.next_scene()) {
                    let next = next.to_string();
                    self.host_start(Some(next), None, None, &mut ev);
                }
            }
            Action::ResetToTitle => {
                self.start_when_loaded = false;
                if self.in_round() {
                    self.confirming_quit = false;
                    self.end_round(EndReason::Abandoned, &mut ev);
                }
                if self.screen != Screen::Title {
                    self.show_title(&mut ev);
                }
                if self.camera.zoom != 1.0 {
                    self.camera.reset();
                    ev.push(self.view_changed());
                }
            }
            Action::SetLang(lang) => self.set_lang(lang, &mut ev),
            Action::ToggleLang => {
                let other = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                self.set_lang(other, &mut ev);
            }
            Action::ChooseResult(pick) => self.choose(pick, &mut ev),
            Action::ShowFixed(on) => {
                if self.screen == Screen::Results && self.show_fixed != on {
                    self.show_fixed = on;
                    ev.push(Event::FixedShown { on });
                }
            }
            Action::ShowHelp => {
                if matches!(self.screen, Screen::Title | Screen::Results) {
                    self.help_from = self.screen;
                    self.screen = Screen::Help;
                    ev.push(Event::HelpShown);
                }
            }
            Action::Print => {
                if self.screen == Screen::Results {
                    ev.push(Event::PrintRequested);
                }
            }
            Action::DismissNotice => {
                if self.screen == Screen::Title && !self.notices.is_empty() {
                    self.notices.remove(0);
                    ev.push(Event::NoticeDismissed);
                }
            }
            Action::Tick { dt_ms } => self.tick(dt_ms, &mut ev),
            Action::Resize { viewport } => {
                if viewport.w.is_finite()
                    && viewport.h.is_finite()
                    && viewport.w > 0.0
                    && viewport.h > 0.0
                {
                    self.camera.resize(viewport);
                    if let Some(c) = &mut self.main_camera {
                        c.resize(viewport);
                    }
                }
            }
            Action::Pan { dx, dy } => self.move_view(&mut ev, |c| {
                c.stop();
                c.pan_by(dx, dy)
            }),
            Action::Zoom { at, factor } => self.move_view(&mut ev, |c| {
                c.stop();
                c.zoom_at(at, factor)
            }),
            Action::ResetView => self.move_view(&mut ev, Camera::reset),
            Action::Fling { vx, vy } => {
                if self.scene.is_some() {
                    self.camera.fling(vx, vy);
                }
            }
            Action::DoubleTap { at } => self.double_tap(at, &mut ev),
            Action::EnterView { id } => {
                let stage = self.scene.as_ref().and_then(|s| s.view_stage(&id));
                if let Some(stage) = stage {
                    if self.screen == Screen::Play && !self.confirming_quit {
                        self.set_stage(stage, &mut ev);
                    }
                }
            }
            Action::LeaveView => {
                if self.screen == Screen::Play && !self.confirming_quit {
                    self.set_stage(0, &mut ev);
                }
            }
            Action::Aim { at } => self.aim(at, &mut ev),
            Action::Activity | Action::StillHere | Action::Resume => {}
            Action::Pause => {
                if !self.paused && self.kiosk.is_none() {
                    self.paused = true;
                    self.confirming_quit = false;
                    ev.push(Event::Paused);
                }
            }
            Action::HostStart {
                scene_id,
                mode,
                seed,
            } => self.host_start(scene_id, mode, seed, &mut ev),
            Action::KioskStart { team } => self.kiosk_start(team, &mut ev),
            Action::Answer { choice } => self.answer(choice, &mut ev),
            Action::SetMode(mode) => {
                if matches!(self.screen, Screen::Title | Screen::Select) && mode != self.mode {
                    self.mode = mode;
                    ev.push(Event::ModeChanged { mode });
                }
            }
        }
        ev
    }

    /// Shows stage `stage` (0: the main picture; else a view): the main picture's
    /// camera is kept while in a view and comes back unchanged; a view starts whole,
    /// then settles to a readable zoom, as a round does.
    fn set_stage(&mut self, stage: usize, ev: &mut Vec<Event>) {
        let Some(scene) = &self.scene else { return };
        if stage == self.stage || stage >= scene.stages() {
            return;
        }
        let left = scene.stage_view(self.stage).map(|v| v.id.clone());
        let entered = scene.stage_view(stage).map(|v| (v.id.clone(), v.kind));
        let viewport = self.camera.viewport;
        if self.stage == 0 {
            self.main_camera = Some(self.camera);
        }
        self.stage = stage;
        self.torch = None;
        self.entered_ms = self.clock_ms;
        if stage == 0 {
            self.camera = self
                .main_camera
                .take()
                .unwrap_or_else(|| Camera::fit(scene.size, viewport));
            self.camera.stop();
            self.camera.resize(viewport);
        } else {
            self.camera = Camera::fit(scene.stage_size(stage), viewport);
            let home = self.camera.home_zoom(SETTLE_ABOVE_ZOOM);
            // A look down from an edge shows the whole drop at once; a tall shaft
            // opens at its top, where the player looks in, close enough to read.
            let shaft = scene
                .stage_view(stage)
                .is_some_and(|v| v.kind == crate::view::ViewKind::Shaft);
            if home > 1.0 && shaft {
                let mut goal = self.camera;
                goal.zoom_at(viewport.center(), home);
                let (dx, dy) = goal.pan_to_center(Point::new(goal.center.x, 0.0));
                goal.pan_by(dx, dy);
                self.camera
                    .animate_to(goal.zoom, goal.center, SETTLE_DELAY_MS / 2.0);
            }
        }
        if let Some(id) = left {
            ev.push(Event::ViewLeft { id });
        }
        if let Some((id, kind)) = entered {
            ev.push(Event::ViewEntered { id, kind });
        }
        ev.push(self.view_changed());
        self.update_gas_alarm(ev);
    }

    /// The torch follows the pointer or finger in a dark view.
    fn aim(&mut self, at: Point, ev: &mut Vec<Event>) {
        if !(at.x.is_finite() && at.y.is_finite() && self.in_dark_view()) {
            return;
        }
        if self.torch == Some(at) {
            return;
        }
        self.torch = Some(at);
        let p = self.camera.to_scene(at);
        ev.push(Event::Aimed { x: p.x, y: p.y });
        self.update_gas_alarm(ev);
    }

    fn update_gas_alarm(&mut self, ev: &mut Vec<Event>) {
        let now = self.detector();
        let on = now.is_some_and(|d| d.alarms.any());
        if on != self.gas_alarm {
            self.gas_alarm = on;
            let (gases, depth_m) = now.map_or((Vec::new(), 0.0), |d| {
                let a = d.alarms;
                let names = [("o2", a.o2), ("h2s", a.h2s), ("co", a.co), ("ch4", a.ch4)]
                    .into_iter()
                    .filter(|(_, on)| *on)
                    .map(|(n, _)| n.to_string())
                    .collect();
                (names, d.reading.at_m)
            });
            ev.push(Event::GasAlarm { on, gases, depth_m });
        }
    }

    /// Back to the main picture without events (a new round, the title).
    fn leave_views(&mut self) {
        if let Some(c) = self.main_camera.take() {
            let viewport = self.camera.viewport;
            self.camera = c;
            self.camera.resize(viewport);
        }
        self.stage = 0;
        self.torch = None;
        self.gas_alarm = false;
    }

    /// Where the hint on screen points, in units of the picture on screen: around
    /// the hazard when it is in this picture, around the button into its view when
    /// that is on this picture; `None` otherwise (the way out is the back button).
    pub fn hint_spot(&self) -> Option<(Point, f64)> {
        let scene = self.scene.as_ref()?;
        let h = self
            .round
            .hint
            .filter(|h| h.step == HintStep::Circle && self.hint_active())?;
        let stage = scene.hazard_stage(h.hazard);
        if stage == self.stage {
            return Some(hint_circle(scene, h.hazard));
        }
        if self.stage == 0 {
            let v = scene.stage_view(stage)?;
            let r = scene.size.w.min(scene.size.h) * 0.08;
            return Some((v.entry, r));
        }
        None
    }

    /// The stage of the view whose marker is under `at` (CSS px) on the main picture.
    pub fn entry_at(&self, at: Point, tolerance: f64) -> Option<usize> {
        let scene = self.scene.as_ref()?;
        if self.stage != 0 {
            return None;
        }
        let reach = ENTRY_RADIUS_CSS + tolerance.clamp(0.0, 40.0);
        scene
            .views
            .iter()
            .position(|v| self.camera.to_screen(v.entry).distance(at) <= reach)
            .map(|k| k + 1)
    }

    /// The stage the camera shows: 0 the main picture, `k + 1` the scene's view `k`.
    pub fn stage(&self) -> usize {
        self.stage
    }

    /// The view the player is in, if any.
    pub fn view(&self) -> Option<&View> {
        self.scene.as_ref()?.stage_view(self.stage)
    }

    /// Whether the player is in a dark view (where only the torch lights the picture)
    /// during play.
    pub fn in_dark_view(&self) -> bool {
        self.view().is_some_and(|v| v.dark) && self.in_round()
    }

    /// Where the torch shines, in CSS pixels, in a dark view.
    pub fn torch(&self) -> Option<Point> {
        self.torch.filter(|_| self.in_dark_view())
    }

    /// What the gas detector reads, in a shaft view: at the torch's depth, or at the
    /// middle of the screen before the torch has moved. Readings are those after
    /// ventilation once the hazard whose fix is ventilation has been found.
    pub fn detector(&self) -> Option<Detector> {
        let view = self.view()?;
        let gas = view.gas.as_ref()?;
        if !self.in_round() {
            return None;
        }
        let probe = self
            .camera
            .to_scene(self.torch.unwrap_or_else(|| self.camera.viewport.center()));
        let depth_m = (probe.y / view.size.h).clamp(0.0, 1.0) * gas.depth_m;
        let ventilated = gas.ventilated_by.as_deref().is_some_and(|id| {
            self.scene
                .as_ref()
                .and_then(|s| s.hazard_index(id))
                .is_some_and(|i| self.round.is_found(i))
        });
        let profile = if ventilated { &gas.after } else { &gas.before };
        let reading = crate::view::reading_at(profile, depth_m);
        Some(Detector {
            reading,
            alarms: reading.alarms(),
            beep_ms: reading.beep_interval_ms(),
            ventilated,
        })
    }

    /// The wind's Beaufort force now, in an edge view.
    pub fn wind_force(&self) -> Option<f64> {
        let edge = self.view()?.edge.as_ref()?;
        Some(crate::view::wind_force(
            edge,
            (self.clock_ms - self.entered_ms) / 1000.0,
        ))
    }

    fn request_load(&mut self, scene_id: String, ev: &mut Vec<Event>) {
        if !matches!(self.screen, Screen::Title | Screen::Select) {
            return;
        }
        self.scene_id = scene_id.clone();
        self.load = LoadState::Loading;
        ev.push(Event::LoadRequested { scene_id });
    }

    fn loaded(&mut self, scene: Scene, ev: &mut Vec<Event>) {
        if self.load != LoadState::Loading
            || !matches!(self.base_screen(), Screen::Title | Screen::Select)
        {
            return;
        }
        self.round = Round::all(&scene);
        self.camera = Camera::fit(scene.size, self.camera.viewport);
        self.stage = 0;
        self.main_camera = None;
        self.torch = None;
        self.selected = None;
        self.load = LoadState::Ready;
        ev.push(Event::SceneLoaded {
            scene_id: scene.id.clone(),
            total: scene.round.map_or(scene.hazards.len(), |r| r.hazards),
        });
        self.scene = Some(scene);
        if std::mem::take(&mut self.start_when_loaded) {
            self.start_round(ev);
        } else if self
            .kiosk
            .as_ref()
            .is_some_and(|k| k.phase == Phase::Attract)
        {
            self.start_demo(ev);
        }
    }

    fn start(&mut self, ev: &mut Vec<Event>) {
        if !self.can_start() {
            return;
        }
        if self.picker {
            self.screen = Screen::Select;
            ev.push(Event::PickerShown);
            if matches!(self.catalogue_load, LoadState::Idle | LoadState::Failed(_)) {
                self.catalogue_load = LoadState::Loading;
                ev.push(Event::CatalogueRequested);
            }
            return;
        }
        self.start_round(ev);
    }

    /// A scene picked on the picker: play it now if it is the one loaded, else load
    /// it and play when it arrives.
    fn pick(&mut self, scene_id: String, ev: &mut Vec<Event>) {
        if self.screen != Screen::Select || self.load == LoadState::Loading {
            return;
        }
        if self
            .catalogue
            .as_ref()
            .and_then(|c| c.get(&scene_id))
            .is_none()
        {
            return;
        }
        ev.push(Event::ScenePicked {
            scene_id: scene_id.clone(),
        });
        self.play_scene(scene_id, ev);
    }

    /// Plays `scene_id`: now if it is the scene loaded, else as soon as it has loaded.
    fn play_scene(&mut self, scene_id: String, ev: &mut Vec<Event>) {
        let ready =
            self.load == LoadState::Ready && self.scene.as_ref().is_some_and(|s| s.id == scene_id);
        if ready {
            self.start_round(ev);
        } else {
            self.start_when_loaded = true;
            self.request_load(scene_id, ev);
        }
    }

    fn start_round(&mut self, ev: &mut Vec<Event>) {
        self.leave_views();
        let Some(scene) = &self.scene else { return };
        let seed = self
            .next_seed
            .take()
            .or(self.fixed_seed)
            .unwrap_or_else(|| Seed::from_bits(self.seeds.next_u64()));
        self.round = Round::new(scene, seed);
        self.screen = Screen::Play;
        self.confirming_quit = false;
        self.selected = None;
        self.show_fixed = false;
        self.notices.clear();
        // Show the whole scene first; where it is much smaller than the screen one
        // way (a portrait phone, a tall scene on a wide screen), then settle to a
        // readable zoom that fills the screen, which the player pans.
        self.camera.reset();
        let home = self.camera.home_zoom(SETTLE_ABOVE_ZOOM);
        if home > 1.0 {
            let c = self.camera.center;
            self.camera.animate_to(home, c, SETTLE_DELAY_MS);
        }
        ev.push(Event::RoundStarted {
            scene_id: scene.id.clone(),
            lang: self.lang,
            total: self.round.total(),
            mode: self.mode,
            seed: seed.code(),
            time_limit_ms: self.time_limit_ms(),
            team: self.team,
        });
    }

    fn tap(&mut self, at: Point, tolerance: f64, ev: &mut Vec<Event>) {
        if !(at.x.is_finite() && at.y.is_finite()) {
            return;
        }
        let p = self.camera.to_scene(at);
        let slop = self
            .camera
            .css_to_scene_len(if tolerance.is_finite() {
                tolerance
            } else {
                0.0
            })
            .max(0.0);
        if self.screen == Screen::Play && !self.confirming_quit {
            // In the dark the torch goes where the finger lands, before the tap counts.
            self.aim(at, ev);
        }
        let stage = self.stage;
        let Some(scene) = &self.scene else { return };
        match self.screen {
            Screen::Play if !self.confirming_quit => {}
            Screen::Results => {
                // Tapping a mark, or a marked hazard, on the results picture picks
                // its entry.
                let reach = MARK_CSS + tolerance.clamp(0.0, 40.0);
                let on_mark = (0..scene.hazards.len())
                    .filter(|&i| scene.hazard_stage(i) == stage && self.round.is_active(i))
                    .map(|i| {
                        let m = self
                            .camera
                            .to_screen(mark_point(scene.hazards[i].polygon()));
                        (i, m.distance(at))
                    })
                    .filter(|&(_, d)| d <= reach)
                    .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
                    .map(|(i, _)| i);
                if let Some(i) = on_mark.or_else(|| hit_test_in(scene, &self.round, stage, p, slop))
                {
                    if self.selected != Some(i) {
                        self.choose(Some(i), ev);
                    }
                }
                return;
            }
            _ => return,
        }
        let target = hit_target_in(scene, &self.round, stage, p, slop);
        // Nothing (new) to find here, but the marker of a view: step into it (hazards
        // and decoys not found come first, so a marker never hides one).
        let nothing_new = match target {
            None => true,
            Some(Target::Hazard(i)) => self.round.is_found(i),
            Some(Target::Decoy(_)) => false,
        };
        if nothing_new {
            if let Some(view) = self.entry_at(at, tolerance) {
                self.set_stage(view, ev);
                return;
            }
        }
        let now = self.round.elapsed_ms;
        let outcome = match target {
            Some(Target::Hazard(i)) if self.round.is_found(i) => Outcome::AlreadyFound,
            Some(Target::Hazard(i)) => Outcome::Find {
                hazard: i,
                severity: scene.hazards[i].severity,
            },
            Some(Target::Decoy(_)) => Outcome::Decoy,
            None => Outcome::Miss,
        };
        let verdict = self.round.keeper.tap(now, p, outcome);
        match target {
            Some(Target::Hazard(i)) if self.round.is_found(i) => ev.push(Event::AlreadyFound {
                id: scene.hazards[i].id.clone(),
            }),
            Some(Target::Hazard(i)) => {
                let h = &scene.hazards[i];
                self.round.found_at[i] = Some(self.clock_ms);
                self.round.found_play_ms[i] = Some(now);
                self.round.last_find_ms = now;
                if self.round.hint.is_some_and(|h| h.hazard == i) {
                    self.round.hint = None;
                }
                self.screen = Screen::Card(i);
                ev.push(Event::HazardFound {
                    id: h.id.clone(),
                    index: i,
                    time_ms: now,
                    found: self.round.found_count() as usize,
                    total: self.round.total(),
                    category: h.category,
                    severity: h.severity,
                    points: verdict.points,
                    window: verdict.window,
                    look_first: verdict.look_first,
                });
                // Finding the blower off ventilates the shaft: the readings change.
                self.update_gas_alarm(ev);
            }
            Some(Target::Decoy(i)) => {
                // Not a find: the note says why it is safe; it counts like a miss
                // for accuracy.
                self.round.decoy_taps.push(i);
                self.screen = Screen::Decoy(i);
                ev.push(Event::DecoyTapped {
                    id: scene.decoys[i].id.clone(),
                    index: i,
                    time_ms: now,
                });
            }
            None => {
                self.round.misses.push(Miss {
                    at: p,
                    t: self.clock_ms,
                    stage,
                });
                ev.push(Event::Miss {
                    x: p.x,
                    y: p.y,
                    time_ms: now,
                });
            }
        }
        if let Some(reason) = verdict.warning {
            let until_ms = self.round.keeper.look_first_until().unwrap_or(now);
            self.round.look_first_until = Some(until_ms);
            ev.push(Event::LookFirst { reason, until_ms });
        }
    }

    /// Closes the teaching card: its question comes next, if it has one not yet
    /// answered; then back to play, or to the results after the last find. Closes a
    /// decoy's note (back to play), or the question (answered or skipped).
    fn close_card(&mut self, ev: &mut Vec<Event>) {
        match self.screen {
            Screen::Decoy(i) => {
                let id = self
                    .scene
                    .as_ref()
                    .map_or(String::new(), |s| s.decoys[i].id.clone());
                self.screen = Screen::Play;
                ev.push(Event::NoteClosed { id });
            }
            Screen::Card(i) => {
                let id = self.hazard_id(i);
                ev.push(Event::CardClosed { id: id.clone() });
                let asks = self
                    .scene
                    .as_ref()
                    .is_some_and(|s| s.hazards[i].question.is_some());
                if asks && self.round.answers[i].is_none() {
                    self.screen = Screen::Question(i);
                    ev.push(Event::QuestionShown { id, index: i });
                } else {
                    self.back_to_play(ev);
                }
            }
            Screen::Question(i) => {
                ev.push(Event::QuestionClosed {
                    id: self.hazard_id(i),
                    answered: self.round.answers[i].is_some(),
                });
                self.back_to_play(ev);
            }
            _ => {}
        }
    }

    /// After a card or question: play on, or the results once everything is found.
    fn back_to_play(&mut self, ev: &mut Vec<Event>) {
        if self.round.all_found() {
            self.end_round(EndReason::AllFound, ev);
        } else {
            self.screen = Screen::Play;
        }
    }

    /// The player picks an answer to the open question: a right answer earns points
    /// (once); either way the question stays open with the explanations until closed.
    fn answer(&mut self, choice: usize, ev: &mut Vec<Event>) {
        let Screen::Question(i) = self.screen else {
            return;
        };
        if self.round.answers[i].is_some() {
            return;
        }
        let Some(q) = self
            .scene
            .as_ref()
            .and_then(|s| s.hazards[i].question.as_ref())
        else {
            return;
        };
        let Some(a) = q.answers.get(choice) else {
            return;
        };
        let right = a.right;
        self.round.answers[i] = Some(choice);
        let points = self.round.keeper.answer(i, right);
        ev.push(Event::QuestionAnswered {
            id: self.hazard_id(i),
            index: i,
            choice,
            right,
            points,
        });
    }

    /// Helps with one hazard not yet found, in two steps that each cost part of its
    /// points: first a text clue, then (asked again) a circle around roughly where it
    /// is. Nothing while not playing or while a circle still shows.
    fn hint(&mut self, ev: &mut Vec<Event>) {
        if self.screen != Screen::Play || self.confirming_quit || !self.hints {
            return;
        }
        let showing = self.round.hint.filter(|_| self.hint_active());
        if showing.is_some_and(|h| h.step == HintStep::Circle) {
            return;
        }
        let hazard = match showing {
            // The clue is up: the second step, for the same hazard.
            Some(h) => h.hazard,
            None => {
                let n = self.round.found_at.len();
                // Rotate through the hazards still hidden so repeated hints do not
                // always point at the same corner of the picture.
                let start = (self.round.hints_used as usize * 3) % n.max(1);
                let stage_of = |i: usize| self.scene.as_ref().map_or(0, |s| s.hazard_stage(i));
                let hidden = || {
                    (0..n)
                        .map(|k| (start + k) % n)
                        .filter(|&i| self.round.is_active(i) && !self.round.is_found(i))
                };
                // One in the picture on screen first; else one elsewhere (the hint
                // then points at the way there).
                let Some(hazard) = hidden()
                    .find(|&i| stage_of(i) == self.stage)
                    .or_else(|| hidden().next())
                else {
                    return;
                };
                hazard
            }
        };
        let step = match self.round.keeper.hint_step(hazard) {
            None => HintStep::Clue,
            Some(_) => HintStep::Circle,
        };
        self.round.keeper.hint(hazard, step);
        self.round.hints_used += 1;
        self.round.hint = Some(Hint {
            hazard,
            t: self.clock_ms,
            step,
        });
        ev.push(Event::HintShown {
            id: self.hazard_id(hazard),
            time_ms: self.round.elapsed_ms,
            step,
        });
    }

    fn cancel_quit(&mut self, ev: &mut Vec<Event>) {
        if std::mem::replace(&mut self.confirming_quit, false) {
            ev.push(Event::QuitCancelled);
        }
    }

    fn end_round(&mut self, reason: EndReason, ev: &mut Vec<Event>) {
        self.round.end = Some(reason);
        self.round.hint = None;
        let total = self.round.total();
        self.round.keeper.finish(self.round.elapsed_ms, total);
        self.screen = Screen::Results;
        self.show_fixed = false;
        // The results show the main picture (picking an entry from a view shows it).
        self.set_stage(0, ev);
        self.update_gas_alarm(ev);
        if let Some(summary) = self.summary() {
            ev.push(Event::RoundEnded {
                summary: Box::new(summary),
            });
        }
    }

    fn show_title(&mut self, ev: &mut Vec<Event>) {
        self.leave_views();
        self.screen = Screen::Title;
        self.selected = None;
        self.show_fixed = false;
        ev.push(Event::ReturnedToTitle);
    }

    fn set_lang(&mut self, lang: Lang, ev: &mut Vec<Event>) {
        if self.lang != lang {
            self.lang = lang;
            ev.push(Event::LanguageChanged { lang });
        }
    }

    fn choose(&mut self, pick: Option<usize>, ev: &mut Vec<Event>) {
        if self.screen != Screen::Results {
            return;
        }
        let total = self.scene.as_ref().map_or(0, |s| s.hazards.len());
        let pick = pick.filter(|&i| i < total && self.round.is_active(i));
        // Picking the same entry again clears the pick.
        let pick = if pick == self.selected { None } else { pick };
        if pick == self.selected {
            return;
        }
        self.selected = pick;
        ev.push(Event::ResultChosen {
            id: pick.map(|i| self.hazard_id(i)),
            index: pick,
        });
        // An entry from a view shows that view's picture, the others the main one.
        if let Some(stage) = pick.and_then(|i| Some(self.scene.as_ref()?.hazard_stage(i))) {
            self.set_stage(stage, ev);
        }
    }

    /// Kiosk mode's gate in front of every action: nothing but a start (and the
    /// language) reaches the attract demo; any touch answers "Are you still
    /// playing?" (and does nothing else); any touch while playing restarts the
    /// walk-away clock. False: the action was taken care of here.
    fn kiosk_allows(&mut self, action: &Action, ev: &mut Vec<Event>) -> bool {
        let input = is_input(action);
        let Some(k) = &mut self.kiosk else {
            return true;
        };
        match k.phase {
            Phase::Attract => match action {
                Action::KioskStart { .. } | Action::SetLang(_) | Action::ToggleLang => true,
                Action::DismissNotice => {
                    if !self.notices.is_empty() {
                        self.notices.remove(0);
                        ev.push(Event::NoticeDismissed);
                    }
                    false
                }
                // At start-up: fetch the list of scenes, then show the first.
                Action::Start => {
                    if self.catalogue_load == LoadState::Idle {
                        self.catalogue_load = LoadState::Loading;
                        ev.push(Event::CatalogueRequested);
                    }
                    false
                }
                Action::CatalogueFailed { .. } => {
                    // Without the list, `?scene=` still names a scene to show.
                    if let Some(only) = k.only_scene.clone() {
                        k.scenes = vec![only];
                        k.turn = 0;
                        self.kiosk_load_current(ev);
                    }
                    true
                }
                a => !is_input(a),
            },
            Phase::Asking { .. } => {
                if input || matches!(action, Action::StillHere) {
                    k.continue_playing();
                    ev.push(Event::IdleContinued);
                    false
                } else {
                    true
                }
            }
            Phase::Playing => {
                if input || matches!(action, Action::Aim { .. }) {
                    k.touched();
                }
                match action {
                    Action::ResetToTitle => {
                        if self.in_round() {
                            self.confirming_quit = false;
                            self.end_round(EndReason::Abandoned, ev);
                        }
                        self.back_to_attract(ev);
                        false
                    }
                    Action::KioskStart { .. } | Action::StillHere => false,
                    _ => true,
                }
            }
        }
    }

    /// The catalogue as `?scene=a,b` asks: those scenes in that order (the ones it
    /// has); all of them when the list names none it has.
    fn ordered(&self, mut c: Catalogue) -> Catalogue {
        if self.scene_list.len() < 2 {
            return c;
        }
        let picked: Vec<_> = self
            .scene_list
            .iter()
            .filter_map(|id| c.scenes.iter().find(|e| &e.id == id).cloned())
            .collect();
        if !picked.is_empty() {
            c.scenes = picked;
        }
        c
    }

    /// A host page's start: abandon any round, then play `scene_id` (or the scene
    /// loaded, or the first offered) in `mode` with `seed`.
    fn host_start(
        &mut self,
        scene_id: Option<String>,
        mode: Option<Mode>,
        seed: Option<Seed>,
        ev: &mut Vec<Event>,
    ) {
        if self.kiosk.is_some() {
            return;
        }
        let scene_id = scene_id
            .filter(|id| crate::scene::is_safe_name(id))
            .or_else(|| self.scene.as_ref().map(|s| s.id.clone()))
            .or_else(|| self.scene_list.first().cloned())
            .or_else(|| {
                self.catalogue
                    .as_ref()
                    .and_then(|c| c.scenes.first())
                    .map(|e| e.id.clone())
            });
        let Some(scene_id) = scene_id else { return };
        if self.load == LoadState::Loading {
            return;
        }
        if self.in_round() {
            self.confirming_quit = false;
            self.end_round(EndReason::Abandoned, ev);
        }
        if self.screen != Screen::Title {
            self.show_title(ev);
        }
        if let Some(m) = mode {
            if m != self.mode {
                self.mode = m;
                ev.push(Event::ModeChanged { mode: m });
            }
        }
        self.next_seed = seed;
        self.play_scene(scene_id, ev);
    }

    /// A round is being played (not its results).
    fn in_round(&self) -> bool {
        matches!(
            self.screen,
            Screen::Play | Screen::Card(_) | Screen::Decoy(_) | Screen::Question(_)
        )
    }

    /// A touch on the attract screen: the demo stops and a round starts in the scene
    /// on screen (as soon as it has loaded).
    fn kiosk_start(&mut self, team: bool, ev: &mut Vec<Event>) {
        let Some(k) = &mut self.kiosk else { return };
        if k.phase != Phase::Attract {
            return;
        }
        k.start_playing(team);
        self.team = team;
        self.demo_target = None;
        ev.push(Event::AttractEnded { team });
        if self.load == LoadState::Ready && self.scene.is_some() {
            self.screen = Screen::Title;
            self.start_round(ev);
        } else {
            self.start_when_loaded = true;
            self.kiosk_load_current(ev);
        }
    }

    /// Loads the kiosk's current scene unless it is loading or loaded.
    fn kiosk_load_current(&mut self, ev: &mut Vec<Event>) {
        let Some(id) = self
            .kiosk
            .as_ref()
            .and_then(|k| k.current_scene())
            .map(str::to_string)
        else {
            return;
        };
        if self.load == LoadState::Loading
            || (self.load == LoadState::Ready && self.scene.as_ref().is_some_and(|s| s.id == id))
        {
            return;
        }
        if !self.in_round() {
            self.screen = Screen::Title;
        }
        self.request_load(id, ev);
    }

    /// The attract demo starts in the scene loaded: a fresh round nobody plays.
    fn start_demo(&mut self, ev: &mut Vec<Event>) {
        self.leave_views();
        let Some(scene) = &self.scene else { return };
        let seed = Seed::from_bits(self.seeds.next_u64());
        self.round = Round::new(scene, seed);
        self.screen = Screen::Play;
        self.confirming_quit = false;
        self.selected = None;
        self.show_fixed = false;
        self.demo_target = None;
        self.camera.reset();
        let scene_id = scene.id.clone();
        if let Some(k) = &mut self.kiosk {
            k.demo = crate::kiosk::Demo::default();
        }
        ev.push(Event::AttractStarted { scene_id });
    }

    /// Back to attract: in the scene loaded, or the kiosk's current one once loaded.
    fn back_to_attract(&mut self, ev: &mut Vec<Event>) {
        if let Some(k) = &mut self.kiosk {
            k.attract();
        }
        self.team = false;
        self.start_when_loaded = false;
        self.confirming_quit = false;
        if self.load == LoadState::Ready && self.scene.is_some() {
            self.start_demo(ev);
        } else {
            self.leave_views();
            self.screen = Screen::Title;
            self.kiosk_load_current(ev);
        }
    }

    /// Nobody answered "Are you still playing?": the round ends unscored (its
    /// summary says `walkedAway`) and the kiosk goes back to attract.
    fn walk_away(&mut self, ev: &mut Vec<Event>) {
        if self.in_round() {
            self.end_round(EndReason::WalkedAway, ev);
        }
        ev.push(Event::WalkedAway);
        self.back_to_attract(ev);
    }

    /// Kiosk mode's share of a tick: the walk-away clock, retries after a failed
    /// load, and the attract demo.
    fn kiosk_tick(&mut self, dt: f64, ev: &mut Vec<Event>) {
        let Some(k) = &mut self.kiosk else { return };
        match k.tick(dt) {
            Some(Due::Ask(countdown_ms)) => ev.push(Event::IdleAsked { countdown_ms }),
            Some(Due::WalkAway) => {
                self.walk_away(ev);
                return;
            }
            None => {}
        }
        let Some(k) = &mut self.kiosk else { return };
        if k.phase != Phase::Attract {
            return;
        }
        let catalogue_failed = matches!(self.catalogue_load, LoadState::Failed(_));
        let load_failed = matches!(self.load, LoadState::Failed(_));
        if catalogue_failed || load_failed {
            k.failed_ms += dt;
            if k.failed_ms >= crate::kiosk::RETRY_MS {
                k.failed_ms = 0.0;
                if catalogue_failed && k.scenes.is_empty() {
                    self.catalogue_load = LoadState::Loading;
                    ev.push(Event::CatalogueRequested);
                } else if let Some(next) = k.next_scene() {
                    // Another scene may load where this one did not.
                    self.screen = Screen::Title;
                    self.request_load(next, ev);
                }
            }
            return;
        }
        k.failed_ms = 0.0;
        if !self.attracting() {
            return;
        }
        let settled = !self.camera.is_moving();
        let Some(k) = &mut self.kiosk else { return };
        if let Some(cue) = k.demo.advance(dt, settled) {
            self.demo_cue(cue, ev);
        }
    }

    /// Carries out the demo's next step, through the same taps and closes a
    /// player's input takes.
    fn demo_cue(&mut self, cue: DemoCue, ev: &mut Vec<Event>) {
        let Some(scene) = &self.scene else { return };
        match cue {
            DemoCue::LookAt => {
                let open: Vec<usize> = (0..scene.hazards.len())
                    .filter(|&i| {
                        scene.hazard_stage(i) == 0
                            && self.round.is_active(i)
                            && !self.round.is_found(i)
                    })
                    .collect();
                // Never the last one: the demo does not finish a round.
                if open.len() < 2 {
                    if let Some(k) = &mut self.kiosk {
                        k.demo.skip_to_overview();
                    }
                    return;
                }
                let i = open[(self.seeds.next_u64() % open.len() as u64) as usize];
                self.demo_target = Some(i);
                let at = scene.hazards[i].inside();
                let zoom = (self.camera.home_zoom(SETTLE_ABOVE_ZOOM) * 1.6)
                    .clamp(1.6, self.camera.max_zoom());
                self.camera.animate_to(zoom, at, 0.0);
            }
            DemoCue::Tap => {
                let Some(i) = self.demo_target.take() else {
                    return;
                };
                if self.screen != Screen::Play {
                    return;
                }
                let at = self.camera.to_screen(scene.hazards[i].inside());
                if self.camera.shows(at) {
                    self.tap(at, 0.0, ev);
                }
            }
            DemoCue::Close => {
                for _ in 0..3 {
                    if matches!(
                        self.screen,
                        Screen::Card(_) | Screen::Question(_) | Screen::Decoy(_)
                    ) {
                        self.close_card(ev);
                    }
                }
            }
            DemoCue::Overview => {
                let mut whole = self.camera;
                whole.reset();
                self.camera.animate_to(whole.zoom, whole.center, 0.0);
            }
            DemoCue::NextScene => {
                let current = scene.id.clone();
                let next = self.kiosk.as_mut().and_then(Kiosk::next_scene);
                match next {
                    Some(id) if id != current => {
                        self.screen = Screen::Title;
                        self.request_load(id, ev);
                    }
                    _ => self.start_demo(ev),
                }
            }
        }
    }

    fn tick(&mut self, dt_ms: f64, ev: &mut Vec<Event>) {
        let dt = if dt_ms.is_finite() {
            dt_ms.clamp(0.0, MAX_STEP_MS)
        } else {
            0.0
        };
        self.clock_ms += dt;
        if self.kiosk.is_some() {
            self.kiosk_tick(dt, ev);
        }
        if self.camera.is_moving() {
            self.camera.step(dt);
            if !self.camera.is_moving() {
                ev.push(self.view_changed());
            }
        }
        if self.screen == Screen::Play && !self.confirming_quit && !self.attracting() {
            self.round.elapsed_ms += dt;
            if self.time_left_ms() == Some(0.0) {
                self.end_round(EndReason::TimeUp, ev);
            }
        }
        if let Some(h) = self.round.hint {
            if !self.hint_active() {
                self.round.hint = None;
                ev.push(Event::HintEnded {
                    id: self.hazard_id(h.hazard),
                });
            }
        }
    }

    /// Zooms in where the player double-tapped (or back out when already close). On
    /// the play screen the first tap of the two was a miss: it is taken back.
    fn double_tap(&mut self, at: Point, ev: &mut Vec<Event>) {
        if self.scene.is_none() || !matches!(self.screen, Screen::Play | Screen::Results) {
            return;
        }
        if self.screen == Screen::Play && !self.confirming_quit {
            let near = self.camera.to_scene(at);
            let slop = self.camera.css_to_scene_len(DOUBLE_TAP_CSS);
            if let Some(m) = self.round.misses.last().copied() {
                if self.clock_ms - m.t <= DOUBLE_TAP_MS && m.at.distance(near) <= slop {
                    self.round.misses.pop();
                    self.round.keeper.forgive_miss();
                    ev.push(Event::MissForgiven {
                        x: m.at.x,
                        y: m.at.y,
                    });
                }
            }
        }
        // In to twice the resting zoom, or, already in, back to it; the view moves
        // over the next frames and `viewChanged` comes when it stops.
        let home = self.camera.home_zoom(SETTLE_ABOVE_ZOOM);
        let mut goal = self.camera;
        if self.camera.zoom >= (home * 1.9).min(self.camera.max_zoom()) - 0.01 {
            goal.zoom_at(at, home / self.camera.zoom);
        } else {
            goal.zoom_at(at, 2.0 * home / self.camera.zoom);
        }
        self.camera.animate_to(goal.zoom, goal.center, 0.0);
    }

    fn move_view(&mut self, ev: &mut Vec<Event>, f: impl FnOnce(&mut Camera)) {
        if self.scene.is_none() {
            return;
        }
        let before = self.camera;
        f(&mut self.camera);
        if self.camera != before {
            ev.push(self.view_changed());
        }
    }

    fn view_changed(&self) -> Event {
        Event::ViewChanged {
            x: self.camera.center.x,
            y: self.camera.center.y,
            zoom: self.camera.zoom,
        }
    }

    fn hazard_id(&self, i: usize) -> String {
        self.scene
            .as_ref()
            .and_then(|s| s.hazards.get(i))
            .map(|h| h.id.clone())
            .unwrap_or_default()
    }

    /// The hint still on screen (its clue or its circle), if any.
    pub fn hint_active(&self) -> bool {
        self.round.hint.is_some_and(|h| {
            let lasts = match h.step {
                HintStep::Clue => CLUE_MS,
                HintStep::Circle => HINT_MS,
            };
            self.clock_ms - h.t < lasts
        })
    }

    /// The score so far (or as the round ended), part by part.
    pub fn breakdown(&self) -> Breakdown {
        let r = &self.round;
        r.keeper.breakdown(r.elapsed_ms, r.total())
    }

    pub fn score(&self) -> Score {
        Score::from(&self.breakdown())
    }

    /// Finds ÷ taps; misses and decoys both count as wrong taps.
    pub fn accuracy(&self) -> Option<u32> {
        self.breakdown().accuracy
    }

    /// 1 to 3 stars for the round so far (see [`crate::scoring::stars`]).
    pub fn stars(&self) -> u8 {
        self.breakdown().stars
    }

    /// The challenge code of the round (the same round on another screen: `?seed=`).
    pub fn seed_code(&self) -> String {
        self.round.seed.code()
    }

    /// A "look first" pause is on: finds score nothing until it ends.
    pub fn looking_first(&self) -> bool {
        self.round
            .look_first_until
            .is_some_and(|t| self.round.elapsed_ms < t)
    }

    /// A quiet spell: no find for a while, so the hint button invites a press.
    pub fn hint_suggested(&self) -> bool {
        self.hints
            && self.screen == Screen::Play
            && !self.hint_active()
            && self.round.elapsed_ms - self.round.last_find_ms > HINT_QUIET_MS
    }

    /// The text clue on screen: the hazard it is for.
    pub fn clue(&self) -> Option<usize> {
        self.round
            .hint
            .filter(|h| h.step == HintStep::Clue && self.clock_ms - h.t < CLUE_MS)
            .map(|h| h.hazard)
    }

    /// The answer picked to hazard `i`'s question.
    pub fn answer_of(&self, i: usize) -> Option<usize> {
        self.round.answers.get(i).copied().flatten()
    }

    /// Ids of the decoys tapped, once each, in the order first tapped.
    pub fn decoy_ids(&self) -> Vec<&str> {
        let Some(scene) = &self.scene else {
            return Vec::new();
        };
        self.round
            .decoys_tapped()
            .into_iter()
            .map(|i| scene.decoys[i].id.as_str())
            .collect()
    }

    /// Bit `i` set: hazard `i` shows its fixed look (found, during play and on the
    /// results). Scenes have at most 64 hazards, so one word holds them all.
    pub fn fixed_mask(&self) -> u64 {
        if matches!(self.base_screen(), Screen::Title | Screen::Select) {
            return 0;
        }
        if self.showing_fixed() {
            // The results' "all put right": every hazard of the scene.
            let n = self.round.found_at.len().min(64);
            return (0..n).fold(0, |m, i| m | (1 << i));
        }
        // Hazards left out of this round are drawn done right from the start.
        self.round
            .found_at
            .iter()
            .enumerate()
            .filter(|(i, f)| (f.is_some() || !self.round.is_active(*i)) && *i < 64)
            .fold(0, |m, (i, _)| m | (1 << i))
    }

    /// Whether the results' picture shows every hazard put right (the before/after
    /// switch).
    pub fn showing_fixed(&self) -> bool {
        self.show_fixed && self.base_screen() == Screen::Results
    }

    /// The screen under "How to play" while it is open; otherwise the screen.
    pub fn base_screen(&self) -> Screen {
        match self.screen {
            Screen::Help => self.help_from,
            s => s,
        }
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

    /// The round so far (or as it ended), as everything that reports on it reads it.
    /// `None` before a scene is loaded.
    pub fn summary(&self) -> Option<RoundSummary> {
        let scene = self.scene.as_ref()?;
        let r = &self.round;
        let breakdown = self.breakdown();
        let mut found: Vec<(f64, usize)> = r
            .found_play_ms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.map(|t| (t, i)))
            .collect();
        found.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        Some(RoundSummary {
            scene_id: scene.id.clone(),
            lang: self.lang,
            end: r.end.unwrap_or(EndReason::Abandoned),
            score: Score::from(&breakdown),
            time_ms: r.elapsed_ms,
            accuracy: breakdown.accuracy,
            total: r.total(),
            found: found
                .into_iter()
                .map(|(t, i)| FoundItem {
                    id: scene.hazards[i].id.clone(),
                    time_ms: t,
                })
                .collect(),
            missed: scene
                .hazards
                .iter()
                .enumerate()
                .filter(|(i, _)| r.is_active(*i) && !r.is_found(*i))
                .map(|(_, h)| h.id.clone())
                .collect(),
            hints: r.hints_used,
            hinted: scene
                .hazards
                .iter()
                .enumerate()
                .filter(|(i, _)| r.keeper.hint_step(*i).is_some())
                .map(|(_, h)| h.id.clone())
                .collect(),
            misses: r.misses.len() as u32,
            decoys: self.decoy_ids().into_iter().map(String::from).collect(),
            decoy_taps: r.decoy_taps.len() as u32,
            mode: self.mode,
            seed: r.seed.code(),
            stars: breakdown.stars,
            questions_right: breakdown.questions_right,
            questions_asked: breakdown.questions_asked,
            team: self.team,
            breakdown,
        })
    }

    /// Whether the teaching card (or a decoy's note) goes on the left: it stays clear
    /// of what it explains, so when the hazard is on the right half of the view, the card is not.
    pub fn card_on_left(&self) -> bool {
        self.explained_on_screen()
            .is_some_and(|at| at.x > self.camera.viewport.center().x)
    }

    /// Whether the card goes at the top (on a portrait screen, where it spans the
    /// width): when what it explains is in the lower half of the view.
    pub fn card_on_top(&self) -> bool {
        self.explained_on_screen()
            .is_some_and(|at| at.y > self.camera.viewport.center().y)
    }

    /// Where the hazard or decoy the open card explains is, in CSS pixels.
    fn explained_on_screen(&self) -> Option<Point> {
        let inside = match (self.screen, &self.scene) {
            (Screen::Card(i) | Screen::Question(i), Some(s)) => s.hazards[i].inside(),
            (Screen::Decoy(i), Some(s)) => s.decoys[i].inside(),
            _ => return None,
        };
        Some(self.camera.to_screen(inside))
    }
}

/// Which hazard a tap at `p` lands on. Inside beats near; a hazard not yet found
/// beats one already found; among those, the smallest region wins (small things drawn
/// in front of big ones). Within `slop` of an outline counts as near.
pub fn hit_test(scene: &Scene, round: &Round, p: Point, slop: f64) -> Option<usize> {
    hit_test_in(scene, round, 0, p, slop)
}

/// [`hit_test`] among the hazards of stage `stage` (0: the main picture; see
/// [`Scene::stages`]).
pub fn hit_test_in(
    scene: &Scene,
    round: &Round,
    stage: usize,
    p: Point,
    slop: f64,
) -> Option<usize> {
    let here = |i: &usize| scene.hazard_stage(*i) == stage && round.is_active(*i);
    let rank = |i: usize| (round.is_found(i), geom::area(scene.hazards[i].polygon()));
    let inside = (0..scene.hazards.len())
        .filter(here)
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
        .filter(here)
        .map(|i| (i, geom::distance_to_outline(p, scene.hazards[i].polygon())))
        .filter(|&(_, d)| d <= slop)
        .min_by(|a, b| {
            (round.is_found(a.0), a.1)
                .partial_cmp(&(round.is_found(b.0), b.1))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(i, _)| i)
}

/// What a tap at `p` lands on, hazards and decoys alike. Inside beats near; among
/// those, a hazard not yet found beats a decoy, which beats a hazard already found;
/// then the smallest region (small things are drawn in front of big ones).
pub fn hit_target(scene: &Scene, round: &Round, p: Point, slop: f64) -> Option<Target> {
    hit_target_in(scene, round, 0, p, slop)
}

/// [`hit_target`] among the hazards and decoys of stage `stage`.
pub fn hit_target_in(
    scene: &Scene,
    round: &Round,
    stage: usize,
    p: Point,
    slop: f64,
) -> Option<Target> {
    let items = scene
        .hazards
        .iter()
        .enumerate()
        .filter(|(i, _)| scene.hazard_stage(*i) == stage && round.is_active(*i))
        .map(|(i, h)| {
            let rank = if round.is_found(i) { 2 } else { 0 };
            (Target::Hazard(i), rank, h.polygon())
        })
        .chain(
            scene
                .decoys
                .iter()
                .enumerate()
                .filter(|(i, _)| scene.decoy_stage(*i) == stage && round.decoy_is_active(*i))
                .map(|(i, d)| (Target::Decoy(i), 1, d.polygon())),
        );
    let mut best: Option<(bool, u8, f64, Target)> = None;
    for (target, rank, poly) in items {
        let key = if geom::contains(poly, p) {
            (false, rank, geom::area(poly))
        } else if slop > 0.0 {
            let d = geom::distance_to_outline(p, poly);
            if d > slop {
                continue;
            }
            (true, rank, d)
        } else {
            continue;
        };
        let better = match best {
            None => true,
            Some((o, r, v, _)) => (key.0, key.1, key.2)
                .partial_cmp(&(o, r, v))
                .is_some_and(|c| c.is_lt()),
        };
        if better {
            best = Some((key.0, key.1, key.2, target));
        }
    }
    best.map(|b| b.3)
}

/// Where the mark of a hazard or decoy goes on the results picture: the top middle
/// of its outline's bounds (scene units).
pub fn mark_point(poly: &[Point]) -> Point {
    let b = geom::bounds(poly);
    Point::new(b.x + b.w / 2.0, b.y)
}

/// The circle a hint draws for hazard `i`: it contains the hazard's interior point but
/// is not centred on it, so the player still has to look.
pub fn hint_circle(scene: &Scene, i: usize) -> (Point, f64) {
    let poly = scene.hazards[i].polygon();
    let b = geom::bounds(poly);
    let target = scene.hazards[i].inside();
    let size = scene.stage_size(scene.hazard_stage(i));
    let radius = (b.w.hypot(b.h) * 0.9).max(size.w.min(size.h) * 0.12);
    // Offset the centre by up to 40 % of the radius, in a direction fixed per hazard.
    let angle = (i as f64 * 2.399_963) % std::f64::consts::TAU;
    let off = radius * 0.4;
    let centre = Point::new(target.x + off * angle.cos(), target.y + off * angle.sin());
    (centre, radius)
}

/// Whether an action is somebody at the screen (a touch, a click, a key), as
/// opposed to the game's own clock, loads and the page's layout.
fn is_input(action: &Action) -> bool {
    !matches!(
        action,
        Action::Load { .. }
            | Action::Loaded(_)
            | Action::LoadFailed { .. }
            | Action::CatalogueLoaded(_)
            | Action::CatalogueFailed { .. }
            | Action::Tick { .. }
            | Action::Resize { .. }
            | Action::Aim { .. }
            | Action::KioskStart { .. }
            | Action::StillHere
    )
}
