//! The seam between the game and everything that reacts to it: every player or host
//! action comes in as one [`Action`], and [`Game::apply`](crate::game::Game::apply)
//! answers with the [`Event`]s it caused, in order. The web layer only translates DOM
//! input into actions and hands each event to its subscribers (the overlay, the
//! painter, the loader, the automation log; later sound, kiosk, host pages).
//!
//! Events serialize (serde) to plain objects with a `type` field and camelCase names,
//! the same shape `hazardHunt.events()` returns and a host page will receive.

use crate::geom::{Point, Rect};
use crate::i18n::Lang;
use crate::scene::{Category, Scene, Severity};
use crate::score::Score;
use crate::scoring::{Breakdown, HintStep, LookFirst};
use serde::Serialize;

/// How a round is played.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// Untimed and without penalties shown: for young children and classes.
    #[default]
    Explore,
    /// Against the clock (`?time=`; by default 15 s a hazard, at least 90 s).
    Challenge,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Explore => "explore",
            Mode::Challenge => "challenge",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "explore" => Some(Mode::Explore),
            "challenge" => Some(Mode::Challenge),
            _ => None,
        }
    }
}

/// Everything a player, a host page or the browser can ask of the game.
#[derive(Clone, Debug)]
pub enum Action {
    /// Load the scene with this id (on the title screen, or at start-up).
    Load {
        scene_id: String,
    },
    /// The scene file and its pictures arrived and passed every check.
    Loaded(Box<Scene>),
    /// Loading failed; the message names the file and what is wrong.
    LoadFailed {
        message: String,
    },
    /// "Try again" after a failed load.
    Retry,
    /// Title → play (or, when the player picks the scene, → the scene picker).
    Start,
    /// The picker's list of scenes arrived.
    CatalogueLoaded(Box<crate::catalogue::Catalogue>),
    /// The list of scenes could not be loaded.
    CatalogueFailed {
        message: String,
    },
    /// A scene was picked on the picker: load it (if need be) and play.
    PickScene {
        scene_id: String,
    },
    /// A tap (or click) at `at`, in CSS pixels of the canvas; `tolerance` is how far
    /// outside an outline still counts (a fingertip is wider than a mouse pointer).
    Tap {
        at: Point,
        tolerance: f64,
    },
    /// Close the teaching card (or a decoy's note).
    CloseCard,
    /// Ask for a hint.
    Hint,
    /// "End round": ask first.
    AskQuit,
    /// "Keep looking".
    CancelQuit,
    /// "Yes, show the answers".
    ConfirmQuit,
    /// Escape (or a host's "back"): closes the question or the card.
    Back,
    /// Results → title.
    PlayAgain,
    /// Results → the next scene of a `?scene=a,b` list, at once.
    NextScene,
    /// Abandon whatever is going on and show the title (kiosk reset, host page).
    ResetToTitle,
    SetLang(Lang),
    /// The language switch in the header: the other language.
    ToggleLang,
    /// Pick a hazard on the results screen (`None`, or the picked one again, clears).
    ChooseResult(Option<usize>),
    /// The results' before/after switch: `true` shows the whole scene with every
    /// hazard put right (each one's fixed look), `false` the picture as the round
    /// left it.
    ShowFixed(bool),
    /// Open the "How to play" screen (from the title or the results); `Back` closes
    /// it.
    ShowHelp,
    /// The results' "Print" button: the web layer opens the browser's print dialog
    /// (a one-page handout of the results and lessons).
    Print,
    /// Close the first notice about the web address.
    DismissNotice,
    /// Time passed (milliseconds since the last frame).
    Tick {
        dt_ms: f64,
    },
    /// The page gave the scene a new box (CSS pixels of the canvas).
    Resize {
        viewport: Rect,
    },
    /// Drag the view by (dx, dy) CSS pixels.
    Pan {
        dx: f64,
        dy: f64,
    },
    /// Zoom by `factor` about `at` (CSS pixels of the canvas).
    Zoom {
        at: Point,
        factor: f64,
    },
    /// Show the whole scene again.
    ResetView,
    /// A drag let go while moving at (vx, vy) CSS px/ms: the view glides on.
    Fling {
        vx: f64,
        vy: f64,
    },
    /// Two taps in quick succession at `at` (CSS pixels): zoom in there, or back out
    /// when already close. The first tap's miss, if it was one, is forgiven.
    DoubleTap {
        at: Point,
    },
    /// Step into one of the scene's views ("look down the shaft"), by its id.
    EnterView {
        id: String,
    },
    /// Step back out of a view to the main picture.
    LeaveView,
    /// Pick answer `choice` (0, 1 or 2) to the open "What do you do now?" question.
    Answer {
        choice: usize,
    },
    /// Explore or challenge, chosen on the title screen.
    SetMode(Mode),
    /// The pointer or finger is at `at` (CSS pixels of the canvas): where the torch
    /// shines in a dark view.
    Aim {
        at: Point,
    },
    /// Kiosk mode: somebody touched the screen (anywhere, before whatever the touch
    /// does): the walk-away clock starts over.
    Activity,
    /// Kiosk mode: a touch on the attract screen starts a round; `team` when a
    /// family or a group plays it together.
    KioskStart {
        team: bool,
    },
    /// Kiosk mode: "Yes, still playing" on "Are you still playing?".
    StillHere,
    /// A host page (or an LMS) starts a round: the scene (default: the one loaded or
    /// the first offered), the mode and the challenge code, each optional. A round in
    /// progress is abandoned.
    HostStart {
        scene_id: Option<String>,
        mode: Option<Mode>,
        seed: Option<crate::seed::Seed>,
    },
    /// A host page pauses the game (the round's clock stops, input waits) …
    Pause,
    /// … and lets it go on.
    Resume,
}

/// What happened, in the order it happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Event {
    /// The picker's list of scenes should be fetched.
    CatalogueRequested,
    CatalogueLoaded {
        total: usize,
    },
    CatalogueFailed {
        message: String,
    },
    /// The picker opened.
    PickerShown,
    ScenePicked {
        scene_id: String,
    },
    /// A scene file should be fetched (the web layer's loader does it).
    LoadRequested {
        scene_id: String,
    },
    SceneLoaded {
        scene_id: String,
        total: usize,
    },
    LoadFailed {
        scene_id: String,
        message: String,
    },
    RoundStarted {
        scene_id: String,
        lang: Lang,
        /// Played by a group together (kiosk mode's "Play together").
        team: bool,
        total: usize,
        mode: Mode,
        /// The challenge code that plays this same round again (`?seed=`).
        seed: String,
        /// Challenge mode: the time allowed, in ms.
        time_limit_ms: Option<f64>,
    },
    /// A hazard was found `time_ms` into the round (play time).
    HazardFound {
        id: String,
        index: usize,
        time_ms: f64,
        found: usize,
        total: usize,
        category: Category,
        severity: Severity,
        /// What the find earned (severity and speed), before its question and hints.
        points: u32,
        /// Its speed window, 5 (quickest) to 1.
        window: Option<u32>,
        /// Found during a "look first" pause: it scores nothing.
        look_first: bool,
    },
    /// A tap on a hazard already found: neither a find nor a miss.
    AlreadyFound {
        id: String,
    },
    /// A tap on a decoy: done right, not a hazard; counts like a miss for accuracy.
    DecoyTapped {
        id: String,
        index: usize,
        time_ms: f64,
    },
    /// The decoy's note was closed.
    NoteClosed {
        id: String,
    },
    /// A tap that found nothing, at (x, y) in scene units.
    Miss {
        x: f64,
        y: f64,
        time_ms: f64,
    },
    HintShown {
        id: String,
        time_ms: f64,
        /// First a text clue, then a circle.
        step: HintStep,
    },
    /// The "What do you do now?" question of a hazard just found is open.
    QuestionShown {
        id: String,
        index: usize,
    },
    QuestionAnswered {
        id: String,
        index: usize,
        choice: usize,
        right: bool,
        points: u32,
    },
    /// Taps came too fast or in a sweep: "Look first, then tap"; finds score nothing
    /// until `until_ms` (round clock).
    LookFirst {
        reason: LookFirst,
        until_ms: f64,
    },
    /// The question was closed, answered or skipped.
    QuestionClosed {
        id: String,
        answered: bool,
    },
    ModeChanged {
        mode: Mode,
    },
    HintEnded {
        id: String,
    },
    CardClosed {
        id: String,
    },
    QuitAsked,
    QuitCancelled,
    /// The round is over (everything found, given up, or abandoned for the title).
    RoundEnded {
        summary: Box<RoundSummary>,
    },
    ReturnedToTitle,
    LanguageChanged {
        lang: Lang,
    },
    /// A hazard was picked on the results screen (`None`: the pick was cleared).
    ResultChosen {
        id: Option<String>,
        index: Option<usize>,
    },
    NoticeDismissed,
    /// The results' picture shows every hazard put right (`on`), or the round as it
    /// was left.
    FixedShown {
        on: bool,
    },
    /// The "How to play" screen opened.
    HelpShown,
    /// The "How to play" screen closed, back to where it was opened.
    HelpClosed,
    /// The player asked to print the results (the handout).
    PrintRequested,
    /// A miss was taken back: it was the first half of a double tap.
    MissForgiven {
        x: f64,
        y: f64,
    },
    /// The player stepped into a view; the camera now shows its picture.
    ViewEntered {
        id: String,
        kind: crate::view::ViewKind,
    },
    /// The player stepped back out to the main picture.
    ViewLeft {
        id: String,
    },
    /// The torch moved to (x, y), in units of the view's picture.
    Aimed {
        x: f64,
        y: f64,
    },
    /// The gas detector's alarm started (`on`) or stopped; `gases` names the readings
    /// past their alarm level (`o2`, `h2s`, `co`, `ch4`).
    GasAlarm {
        on: bool,
        gases: Vec<String>,
        depth_m: f64,
    },
    /// Kiosk mode: the attract demo started (or moved on to `scene_id`).
    AttractStarted {
        scene_id: String,
    },
    /// Kiosk mode: a touch ended the demo; a round starts.
    AttractEnded {
        team: bool,
    },
    /// Kiosk mode: nobody touched the screen for the idle time; "Are you still
    /// playing?" counts down from `countdown_ms`.
    IdleAsked {
        countdown_ms: f64,
    },
    /// Somebody answered "Are you still playing?": play on.
    IdleContinued,
    /// Nobody answered: the round is forgotten and the kiosk goes back to attract.
    WalkedAway,
    /// The host page paused the game.
    Paused,
    /// The host page let it go on.
    Resumed,
    /// The player's view moved: centre (scene units) and zoom.
    ViewChanged {
        x: f64,
        y: f64,
        zoom: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EndReason {
    AllFound,
    GaveUp,
    /// Left for the title mid-round (kiosk reset, host page).
    Abandoned,
    /// Challenge mode: the time ran out.
    TimeUp,
    /// Kiosk mode: nobody answered "Are you still playing?".
    WalkedAway,
}

/// A hazard found, and when.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundItem {
    pub id: String,
    /// Play time when it was found, in milliseconds.
    pub time_ms: f64,
}

/// One round, as the results screen, a host page, an LMS, a teacher's CSV and the
/// organisers' statistics read it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundSummary {
    pub scene_id: String,
    pub lang: Lang,
    pub end: EndReason,
    pub score: Score,
    /// Play time (cards and questions excluded), in milliseconds.
    pub time_ms: f64,
    /// Finds ÷ taps as a whole percentage; `None` when the player never tapped.
    pub accuracy: Option<u32>,
    pub total: usize,
    /// In the order they were found.
    pub found: Vec<FoundItem>,
    /// In scene order.
    pub missed: Vec<String>,
    pub hints: u32,
    /// Every hazard a hint pointed at, found or not, in scene order.
    pub hinted: Vec<String>,
    pub misses: u32,
    /// Decoys tapped, once each, in the order first tapped.
    pub decoys: Vec<String>,
    /// Every tap on a decoy (they lower accuracy like misses).
    pub decoy_taps: u32,
    pub mode: Mode,
    /// The challenge code of this round.
    pub seed: String,
    /// 1 to 3.
    pub stars: u8,
    pub questions_right: u32,
    pub questions_asked: u32,
    /// Played by a group together (kiosk mode's "Play together").
    pub team: bool,
    /// Every part of the score, find by find.
    pub breakdown: Breakdown,
}
