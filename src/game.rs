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
use crate::options::Notice;
use crate::scene::{Scene, Size};
use crate::score::{self, Score};
pub use crate::seam::{Action, EndReason, Event, FoundItem, RoundSummary};
use crate::view::{Alarms, GasReading, View};

/// How long a hint stays on screen.
pub const HINT_MS: f64 = 4000.0;
/// Longest frame step counted: a tab that slept does not add its sleep to the clock.
pub const MAX_STEP_MS: f64 = 250.0;
/// Two taps this close in time (game clock, ms) and place (CSS px) are a double tap.
pub const DOUBLE_TAP_MS: f64 = 350.0;
pub const DOUBLE_TAP_CSS: f64 = 30.0;
/// A round starts with the whole scene in view for this long (ms), then settles to a
/// zoom that fills the screen, when that is at least this much closer.
pub const SETTLE_DELAY_MS: f64 = 1200.0;
pub const SETTLE_ABOVE_ZOOM: f64 = 1.2;

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
    Results,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Title => "title",
            Screen::Select => "select",
            Screen::Play => "play",
            Screen::Card(_) => "card",
            Screen::Decoy(_) => "decoy",
            Screen::Results => "results",
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
}

impl Round {
    fn new(hazards: usize) -> Round {
        Round {
            found_at: vec![None; hazards],
            found_play_ms: vec![None; hazards],
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
        }
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
                    self.catalogue = Some(*c);
                    self.catalogue_load = LoadState::Ready;
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
                } else if self.screen == Screen::Select {
                    self.start_when_loaded = false;
                    self.show_title(&mut ev);
                } else {
                    self.close_card(&mut ev);
                }
            }
            Action::PlayAgain => {
                if self.screen == Screen::Results {
                    self.show_title(&mut ev);
                }
            }
            Action::ResetToTitle => {
                self.start_when_loaded = false;
                if matches!(
                    self.screen,
                    Screen::Play | Screen::Card(_) | Screen::Decoy(_)
                ) {
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
            if home > 1.0 {
                // A tall view (a shaft) opens at its top, where the player looks in.
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
        let h = self.round.hint.filter(|_| self.hint_active())?;
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
        self.view().is_some_and(|v| v.dark)
            && matches!(
                self.screen,
                Screen::Play | Screen::Card(_) | Screen::Decoy(_)
            )
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
        if !matches!(
            self.screen,
            Screen::Play | Screen::Card(_) | Screen::Decoy(_)
        ) {
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
        if self.load != LoadState::Loading || !matches!(self.screen, Screen::Title | Screen::Select)
        {
            return;
        }
        self.round = Round::new(scene.hazards.len());
        self.camera = Camera::fit(scene.size, self.camera.viewport);
        self.stage = 0;
        self.main_camera = None;
        self.torch = None;
        self.selected = None;
        self.load = LoadState::Ready;
        ev.push(Event::SceneLoaded {
            scene_id: scene.id.clone(),
            total: scene.hazards.len(),
        });
        self.scene = Some(scene);
        if std::mem::take(&mut self.start_when_loaded) {
            self.start_round(ev);
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
        self.round = Round::new(scene.hazards.len());
        self.screen = Screen::Play;
        self.confirming_quit = false;
        self.selected = None;
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
            total: scene.hazards.len(),
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
                // Tapping a marked hazard on the results picture picks its entry.
                if let Some(i) = hit_test_in(scene, &self.round, stage, p, slop) {
                    if self.selected != Some(i) {
                        self.choose(Some(i), ev);
                    }
                }
                return;
            }
            _ => return,
        }
        match hit_target_in(scene, &self.round, stage, p, slop) {
            Some(Target::Hazard(i)) if self.round.is_found(i) => ev.push(Event::AlreadyFound {
                id: scene.hazards[i].id.clone(),
            }),
            Some(Target::Hazard(i)) => {
                let h = &scene.hazards[i];
                self.round.found_at[i] = Some(self.clock_ms);
                self.round.found_play_ms[i] = Some(self.round.elapsed_ms);
                if self.round.hint.is_some_and(|h| h.hazard == i) {
                    self.round.hint = None;
                }
                self.screen = Screen::Card(i);
                ev.push(Event::HazardFound {
                    id: h.id.clone(),
                    index: i,
                    time_ms: self.round.elapsed_ms,
                    found: self.round.found_count() as usize,
                    total: scene.hazards.len(),
                    category: h.category,
                    severity: h.severity,
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
                    time_ms: self.round.elapsed_ms,
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
                    time_ms: self.round.elapsed_ms,
                });
            }
        }
    }

    /// Closes the teaching card (back to play, or to the results after the last
    /// find) or a decoy's note (back to play).
    fn close_card(&mut self, ev: &mut Vec<Event>) {
        if let Screen::Decoy(i) = self.screen {
            let id = self
                .scene
                .as_ref()
                .map_or(String::new(), |s| s.decoys[i].id.clone());
            self.screen = Screen::Play;
            ev.push(Event::NoteClosed { id });
            return;
        }
        let Screen::Card(i) = self.screen else { return };
        let id = self.hazard_id(i);
        ev.push(Event::CardClosed { id });
        if self.round.all_found() {
            self.end_round(EndReason::AllFound, ev);
        } else {
            self.screen = Screen::Play;
        }
    }

    /// Shows roughly where one hazard not yet found is; costs points. Nothing while
    /// not playing or while a hint still shows.
    fn hint(&mut self, ev: &mut Vec<Event>) {
        if self.screen != Screen::Play || self.confirming_quit || self.hint_active() {
            return;
        }
        let n = self.round.found_at.len();
        // Rotate through the hazards still hidden so repeated hints do not always
        // point at the same corner of the picture.
        let start = (self.round.hints_used as usize * 3) % n.max(1);
        let stage_of = |i: usize| self.scene.as_ref().map_or(0, |s| s.hazard_stage(i));
        let hidden = || {
            (0..n)
                .map(|k| (start + k) % n)
                .filter(|&i| !self.round.is_found(i))
        };
        // One in the picture on screen first; else one elsewhere (the hint then
        // points at the way there).
        let Some(hazard) = hidden()
            .find(|&i| stage_of(i) == self.stage)
            .or_else(|| hidden().next())
        else {
            return;
        };
        self.round.hints_used += 1;
        self.round.hint = Some(Hint {
            hazard,
            t: self.clock_ms,
        });
        ev.push(Event::HintShown {
            id: self.hazard_id(hazard),
            time_ms: self.round.elapsed_ms,
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
        self.screen = Screen::Results;
        // The results show the main picture (picking an entry from a view shows it).
        self.set_stage(0, ev);
        self.update_gas_alarm(ev);
        if let Some(summary) = self.summary() {
            ev.push(Event::RoundEnded { summary });
        }
    }

    fn show_title(&mut self, ev: &mut Vec<Event>) {
        self.leave_views();
        self.screen = Screen::Title;
        self.selected = None;
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
        let pick = pick.filter(|&i| i < total);
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

    fn tick(&mut self, dt_ms: f64, ev: &mut Vec<Event>) {
        let dt = if dt_ms.is_finite() {
            dt_ms.clamp(0.0, MAX_STEP_MS)
        } else {
            0.0
        };
        self.clock_ms += dt;
        if self.camera.is_moving() {
            self.camera.step(dt);
            if !self.camera.is_moving() {
                ev.push(self.view_changed());
            }
        }
        if self.screen == Screen::Play && !self.confirming_quit {
            self.round.elapsed_ms += dt;
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

    /// The hint still on screen, if any.
    pub fn hint_active(&self) -> bool {
        self.round
            .hint
            .is_some_and(|h| self.clock_ms - h.t < HINT_MS)
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

    /// Finds ÷ taps; misses and decoys both count as wrong taps.
    pub fn accuracy(&self) -> Option<u32> {
        score::accuracy_percent(self.round.found_count(), self.round.wrong_taps())
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
        if matches!(self.screen, Screen::Title | Screen::Select) {
            return 0;
        }
        self.round
            .found_at
            .iter()
            .enumerate()
            .filter(|(i, f)| f.is_some() && *i < 64)
            .fold(0, |m, (i, _)| m | (1 << i))
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
            score: self.score(),
            time_ms: r.elapsed_ms,
            accuracy: self.accuracy(),
            total: scene.hazards.len(),
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
                .filter(|(i, _)| !r.is_found(*i))
                .map(|(_, h)| h.id.clone())
                .collect(),
            hints: r.hints_used,
            misses: r.misses.len() as u32,
            decoys: self.decoy_ids().into_iter().map(String::from).collect(),
            decoy_taps: r.decoy_taps.len() as u32,
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
            (Screen::Card(i), Some(s)) => s.hazards[i].inside(),
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
    let here = |i: &usize| scene.hazard_stage(*i) == stage;
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
        .filter(|(i, _)| scene.hazard_stage(*i) == stage)
        .map(|(i, h)| {
            let rank = if round.is_found(i) { 2 } else { 0 };
            (Target::Hazard(i), rank, h.polygon())
        })
        .chain(
            scene
                .decoys
                .iter()
                .enumerate()
                .filter(|(i, _)| scene.decoy_stage(*i) == stage)
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
