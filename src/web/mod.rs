//! The browser layer: the only code that touches the DOM. It translates DOM input
//! into [`Action`]s for [`Game::apply`] and hands every [`Event`] that comes back to
//! its subscribers, in this order:
//!
//! 1. the loader (`LoadRequested` → fetch the scene and its pictures),
//! 2. the painter (forgets its cached picture when a scene arrives),
//! 3. the overlay (the results panel scrolls a picked entry into view; a print
//!    request opens the browser's print dialog),
//! 4. the sound (`audio.rs`: cues, the ambient bed),
//!    and the classroom (`classroom.rs`: a finished round is kept for the teacher
//!    view, not in kiosk mode),
//! 5. the automation log (`hazardHunt.events()`, only with `?automation=1`),
//!
//! then brings the overlay and the canvas up to date from the game's state, so the
//! answer to any input is on screen in the next frame.
//!
//! JavaScript sees one opaque handle, [`App`], with read-only methods for tests.

mod audio;
mod classroom;
mod dom;
mod errors;
mod help;
mod host;
mod kiosk;
mod listen;
mod load;
mod minimap;
mod paint;
mod picker;
mod play;
mod results;
mod staff;
mod storage;
mod viewui;

use crate::game::{self, Action, Event, Game, Mode, Screen};
use crate::geom::{Point, Rect};
use crate::i18n::{Lang, Strings};
use crate::input::{Gesture, PointerKind, PointerTracker, Release};
use crate::options::Options;
use dom::Ui;
use listen::{FrameLoop, Listener};
use load::Sprites;
use paint::{Painter, View};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use storage::BestScores;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event as DomEvent, HtmlCanvasElement, HtmlElement, KeyboardEvent, PointerEvent,
    WheelEvent, Window,
};

pub(crate) fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

/// Logs a failure the player cannot see as a console error, so the browser tests
/// (which fail on any `console.error`) catch it.
fn report(what: &str, e: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(what), e);
}

/// Most events `hazardHunt.events()` keeps; the oldest go first past this, so a
/// kiosk left running with the hook on cannot grow without bound.
const EVENT_LOG_MAX: usize = 20_000;

/// Scenes kept loaded (with all their pictures) for the next time they are asked
/// for: a kiosk's demo goes from scene to scene all day long.
const SCENE_CACHE: usize = 4;

/// After a zoom the picture may be shown stretched for this long (ms) before it is
/// drawn sharp at the new scale.
const ZOOM_REST_MS: f64 = 150.0;

/// The running game, as JavaScript holds it. Dropping it (`app.free()`) removes every
/// listener and stops the frame loop.
#[wasm_bindgen]
pub struct App {
    shared: Rc<Shared>,
}

struct Shared {
    state: RefCell<State>,
    listeners: RefCell<Vec<Listener>>,
    frames: RefCell<Option<FrameLoop>>,
}

struct State {
    game: Game,
    strings: Strings,
    ui: Ui,
    painter: Painter,
    sprites: Sprites,
    tracker: PointerTracker,
    /// `?automation=1`: the shell exposes `window.hazardHunt` for tests.
    automation: bool,
    /// Every event since load (automation only), oldest first.
    log: Vec<Event>,
    /// A scene the loader should fetch once the state is no longer borrowed.
    pending_load: Option<String>,
    /// Scenes loaded whole before (their views' pictures too), newest last.
    scene_cache: Vec<(crate::scene::Scene, Sprites)>,
    /// The picker's catalogue should be fetched.
    pending_catalogue: bool,
    /// Best scores on this device (subscriber: finished rounds).
    best: BestScores,
    /// Sound (subscriber: cues and the ambient bed; the mute button).
    audio: audio::Audio,
    /// The sprites the picker's thumbnails draw.
    thumbs: Sprites,
    /// The small whole-scene view while zoomed in.
    minimap: minimap::Minimap,
    /// The buttons into the scene's views, the way back, the detector, the wind meter.
    views: viewui::ViewUi,
    /// The results screen.
    results: results::Results,
    /// "How to play".
    help: help::Help,
    /// The rounds kept for the teacher (subscriber), the teacher view (`?teacher=1`)
    /// and the title's link to the embed page.
    classroom: classroom::Classroom,
    /// The player asked to print: the dialog opens once the page shows the results.
    pending_print: bool,
    /// The question after each card, the hint's clue, "look first", the modes.
    play: play::PlayUi,
    /// Kiosk statistics (subscriber: finished rounds) and the staff screen.
    staff: staff::Staff,
    /// Kiosk mode's attract layer, "Are you still playing?", the leaderboard.
    kiosk: Option<kiosk::KioskUi>,
    /// The page around the game (an iframe's parent, an LMS): messages, commands,
    /// the full-screen button, "Paused".
    host: host::Host,
    last_ts: Option<f64>,
    /// The last tap (time, place), to tell a double tap.
    last_tap: Option<(f64, Point)>,
    /// When the view last zoomed (frame time, ms): until it rests the picture may be
    /// shown stretched.
    last_zoom_ts: f64,
    /// Something changed that the canvas does not show yet.
    dirty: bool,
    /// A tap on the picture was answered at once; the next frame shows that answer
    /// and leaves a changed fixed look (the hazard put right: part of the picture
    /// drawn again) to the frame after it, so the answer is not held back.
    answered: bool,
    was_animating: bool,
}

/// Starts the game inside `root`. `query` is `location.search`.
#[wasm_bindgen]
pub fn start(root: HtmlElement, query: &str) -> Result<App, JsValue> {
    let options = Options::from_query(query);
    // Record every panic; in kiosk mode show "Restarting…" and reload.
    errors::install_panic_hook(options.kiosk.is_some());
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("root is not in a document"))?;
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    canvas.set_id("scene");
    canvas.set_attribute("role", "img")?;
    root.append_child(&canvas)?;
    let ui = Ui::build(&doc, &root, &canvas)?;
    let minimap = minimap::Minimap::build(&doc, &ui.root)?;
    let views = viewui::ViewUi::build(&doc, &ui.root)?;
    let results = results::Results::build(&doc, &ui.root)?;
    let title_panel = doc
        .get_element_by_id("title")
        .ok_or_else(|| JsValue::from_str("no #title"))?;
    let help = help::Help::build(
        &doc,
        &ui.root,
        &title_panel,
        doc.get_element_by_id("title-status").as_ref(),
    )?;
    let mut classroom = classroom::Classroom::build(
        &doc,
        &ui.root,
        &title_panel,
        doc.get_element_by_id("title-status").as_ref(),
        options.kiosk.is_none(),
        options.teacher,
        options.kiosk.is_none() && !options.embed,
    )?;
    if options.teacher {
        classroom.open_at_start();
    }
    let play = play::PlayUi::build(&doc, &ui.root)?;
    let painter = Painter::new(&doc, canvas.clone())?.with_motion(options.motion);
    let host = host::Host::build(&doc, &ui.root, options.embed, options.parent_origin.clone())?;
    let kiosk_ui = match &options.kiosk {
        Some(k) => Some(kiosk::KioskUi::build(
            &doc,
            &ui.root,
            k.board,
            k.hide_cursor,
        )?),
        None => None,
    };
    // A kiosk starts in the language last chosen on it, unless the address says.
    let lang = match (&options.kiosk, options.lang_given) {
        (Some(_), false) => kiosk::remembered_lang().unwrap_or(options.lang),
        _ => options.lang,
    };
    // Each round draws its hazards by a seed; `?seed=` fixes it.
    let bits =
        (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64 ^ (js_sys::Date::now() as u64);
    let game = Game::new(lang)
        .with_notices(options.notices.clone())
        .with_mode(options.mode, options.time_s.map(|s| f64::from(s) * 1000.0))
        .with_seeds(bits, options.seed);
    let game = game.with_lesson(options.hints, options.show_answers, options.scenes.clone());
    // One scene in the address: straight to it; none or a list: the picker.
    let one_scene = options.scene.clone().filter(|_| options.scenes.len() == 1);
    let game = if one_scene.is_none() {
        game.with_picker()
    } else {
        game
    };
    let staff = staff::Staff::build(
        &doc,
        options.kiosk.is_some(),
        options.kiosk.as_ref().and_then(|k| k.staff_code.clone()),
        options.lang,
    )?;
    let game = match &options.kiosk {
        Some(k) => game.with_kiosk(k.clone(), one_scene.clone()),
        None => game,
    };
    let state = State {
        staff,
        game,
        strings: Strings::builtin(),
        ui,
        painter,
        sprites: Sprites::new(),
        tracker: PointerTracker::default(),
        automation: options.automation,
        log: Vec::new(),
        pending_load: None,
        scene_cache: Vec::new(),
        pending_catalogue: false,
        best: BestScores::load(),
        audio: audio::Audio::new(options.audio, &doc),
        thumbs: Sprites::new(),
        minimap,
        views,
        results,
        help,
        classroom,
        pending_print: false,
        play,
        kiosk: kiosk_ui,
        host,
        last_ts: None,
        last_tap: None,
        last_zoom_ts: f64::NEG_INFINITY,
        dirty: true,
        answered: false,
        was_animating: false,
    };
    let shared = Rc::new(Shared {
        state: RefCell::new(state),
        listeners: RefCell::new(Vec::new()),
        frames: RefCell::new(None),
    });
    listen_all(&shared, &canvas)?;

    let weak = Rc::downgrade(&shared);
    *shared.frames.borrow_mut() = Some(FrameLoop::start(move |ts| {
        if let Some(s) = weak.upgrade() {
            s.state.borrow_mut().frame(ts);
            load_pending(&s);
        }
    })?);

    if options.kiosk.is_some() {
        // The kiosk fetches its list of scenes and shows the first in attract.
        shared.state.borrow_mut().dispatch(Action::Start);
        let locks = kiosk::lock_down(&doc)?;
        shared.listeners.borrow_mut().extend(locks);
    } else if let Some(scene_id) = one_scene {
        {
            shared
                .state
                .borrow_mut()
                .dispatch(Action::Load { scene_id });
        }
    } else {
        shared.state.borrow_mut().after_change();
    }
    load_pending(&shared);
    {
        let st = shared.state.borrow();
        st.host.ready(st.game.lang(), options.scene.as_deref());
    }
    Ok(App { shared })
}

/// Starts the load the loader subscriber asked for, if any. The result comes back
/// as `Action::Loaded` or `Action::LoadFailed`.
fn load_pending(shared: &Rc<Shared>) {
    if shared.state.borrow_mut().classroom.take_names_wanted() {
        let played = shared.state.borrow().classroom.scenes_played();
        let weak = Rc::downgrade(shared);
        wasm_bindgen_futures::spawn_local(async move {
            // The teacher view's names: the catalogue's scenes, then any other played.
            let catalogue: Vec<String> = match load::load_catalogue().await {
                Ok(c) => c.scenes.into_iter().map(|e| e.id).collect(),
                Err(m) => {
                    web_sys::console::warn_1(&JsValue::from_str(&m));
                    Vec::new()
                }
            };
            let mut names = classroom::Names::default();
            // Fetched in this order: the summary's ties go by it.
            let more = played.into_iter().filter(|p| !catalogue.contains(p));
            for id in catalogue.iter().cloned().chain(more.collect::<Vec<_>>()) {
                match load::load_scene_file(&id).await {
                    Ok(scene) => names.add(&scene),
                    Err(m) => web_sys::console::warn_1(&JsValue::from_str(&m)),
                }
            }
            if let Some(s) = weak.upgrade() {
                let mut st = s.state.borrow_mut();
                st.classroom.set_names(names);
                st.refresh_ui();
            }
        });
    }
    if std::mem::take(&mut shared.state.borrow_mut().pending_catalogue) {
        let weak = Rc::downgrade(shared);
        wasm_bindgen_futures::spawn_local(async move {
            let result = load::load_catalogue().await;
            let Some(s) = weak.upgrade() else { return };
            let names: Vec<String> = match &result {
                Ok(c) => c
                    .scenes
                    .iter()
                    .flat_map(|e| e.thumb.sprite_names())
                    .map(String::from)
                    .collect(),
                Err(_) => Vec::new(),
            };
            s.state.borrow_mut().dispatch(match result {
                Ok(c) => Action::CatalogueLoaded(Box::new(c)),
                Err(message) => {
                    web_sys::console::warn_1(&JsValue::from_str(&message));
                    Action::CatalogueFailed { message }
                }
            });
            load_pending(&s);
            if names.is_empty() {
                return;
            }
            // The thumbnails' few sprites; a card without its picture still works.
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            match load::load_sprites(&refs).await {
                Ok(sprites) => {
                    if let Some(s) = weak.upgrade() {
                        let mut st = s.state.borrow_mut();
                        st.thumbs = sprites;
                        st.ui.picker.sprites_ready();
                        st.refresh_ui();
                    }
                }
                Err(message) => web_sys::console::warn_1(&JsValue::from_str(&message)),
            }
        });
    }
    let Some(scene_id) = shared.state.borrow_mut().pending_load.take() else {
        return;
    };
    let cached = {
        let st = shared.state.borrow();
        st.scene_cache
            .iter()
            .find(|(scene, _)| scene.id == scene_id)
            .cloned()
    };
    if let Some(hit) = cached {
        shared.state.borrow_mut().loaded(Ok(hit));
        load_pending(shared);
        return;
    }
    let weak = Rc::downgrade(shared);
    wasm_bindgen_futures::spawn_local(async move {
        let result = load::load_scene(&scene_id).await;
        // A scene without views is whole now; one with views once they arrive.
        if let (Ok((scene, sprites)), Some(s)) = (&result, weak.upgrade()) {
            if scene.views.is_empty() {
                s.state
                    .borrow_mut()
                    .remember_scene(scene.clone(), sprites.clone());
            }
        }
        // The views' pictures follow in the background: the scene plays at once.
        let views = result
            .as_ref()
            .ok()
            .filter(|(scene, _)| !scene.views.is_empty())
            .map(|(scene, _)| scene.clone());
        if let Some(s) = weak.upgrade() {
            s.state.borrow_mut().loaded(result);
            load_pending(&s);
        }
        let Some(scene) = views else { return };
        let more = load::view_sprites(&scene).await;
        if let Some(s) = weak.upgrade() {
            let mut st = s.state.borrow_mut();
            // Only if the same scene is still the one loaded.
            if st.game.scene().is_some_and(|g| g.id == scene.id) {
                match more {
                    Ok(sprites) => {
                        st.sprites.extend(sprites);
                        let whole = st.sprites.clone();
                        st.remember_scene(scene.clone(), whole);
                        st.painter.forget();
                        st.minimap.forget();
                        st.dirty = true;
                    }
                    Err(message) => {
                        web_sys::console::warn_1(&JsValue::from_str(&message));
                    }
                }
            }
        }
    });
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StateView<'a> {
    screen: &'static str,
    lang: &'static str,
    scene_id: Option<&'a str>,
    found: Vec<&'a str>,
    total: usize,
    score: u32,
    misses: usize,
    elapsed_ms: f64,
    camera: CameraView,
    /// Ids of the decoys tapped this round, once each.
    decoys: Vec<&'a str>,
    /// The scene's ambient motion is on (`?motion=`, the reduced-motion setting).
    motion: bool,
    /// The view the player is in (`null`: the main picture).
    view: Option<&'a str>,
    /// Where the torch shines in a dark view, CSS pixels of the page.
    torch: Option<XY>,
    /// The gas detector in a shaft view.
    detector: Option<DetectorView>,
    /// Stars of the round so far (or as it ended), 1 to 3.
    stars: u8,
    /// The round's challenge code (`?seed=` plays it again).
    seed: String,
    /// The results' picture shows every hazard put right (the before/after switch).
    fixed_shown: bool,
    /// The wind's Beaufort force in an edge view.
    wind: Option<f64>,
    /// Kiosk mode (`null` otherwise).
    kiosk: Option<KioskView>,
    /// The page around the game paused it.
    paused: bool,
    /// The teacher view (`?teacher=1`) is open over the game.
    teacher: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KioskView {
    /// `attract`, `playing` or `asking`.
    phase: &'static str,
    /// Whole seconds left on "Are you still playing?" (`null` unless it shows).
    countdown_s: Option<u32>,
    /// The round is played by a group together.
    team: bool,
    /// Milliseconds since the last touch, while playing.
    quiet_ms: f64,
    idle_ms: f64,
}

#[derive(Serialize)]
struct XY {
    x: f64,
    y: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetectorView {
    depth_m: f64,
    o2: f64,
    h2s: f64,
    co: f64,
    ch4: f64,
    alarm: bool,
    alarms: crate::view::Alarms,
    /// Milliseconds between beeps (`null`: quiet).
    beep_ms: Option<f64>,
    ventilated: bool,
}

#[derive(Serialize)]
struct CameraView {
    x: f64,
    y: f64,
    zoom: f64,
    /// Still gliding or animating.
    moving: bool,
}

#[derive(Serialize)]
struct HazardPoint<'a> {
    id: &'a str,
    x: f64,
    y: f64,
    visible: bool,
    /// The view it is in (`null`: the main picture).
    view: Option<&'a str>,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(&ser)?)
}

#[wasm_bindgen]
impl App {
    /// Whether the page was opened with `?automation=1`.
    pub fn automation(&self) -> bool {
        self.shared.state.borrow().automation
    }

    /// A snapshot of the game for tests: `{screen, lang, sceneId, found, total, score,
    /// misses, elapsedMs, camera: {x, y, zoom}}`.
    pub fn state(&self) -> Result<JsValue, JsValue> {
        let st = self.shared.state.borrow();
        let g = &st.game;
        let cam = g.camera();
        let view = StateView {
            screen: g.screen_name(),
            lang: g.lang().code(),
            scene_id: g.scene().map(|s| s.id.as_str()),
            found: g.found_ids(),
            total: g.round().total(),
            score: g.score().total,
            misses: g.round().misses.len(),
            elapsed_ms: g.round().elapsed_ms,
            camera: CameraView {
                x: cam.center.x,
                y: cam.center.y,
                zoom: cam.zoom,
                moving: cam.is_moving(),
            },
            decoys: g.decoy_ids(),
            motion: st.painter.motion(),
            view: g.view().map(|v| v.id.as_str()),
            torch: g.torch().map(|p| {
                let r = st.painter.canvas.get_bounding_client_rect();
                XY {
                    x: p.x + r.left(),
                    y: p.y + r.top(),
                }
            }),
            detector: g.detector().map(|d| DetectorView {
                depth_m: d.reading.at_m,
                o2: d.reading.o2,
                h2s: d.reading.h2s,
                co: d.reading.co,
                ch4: d.reading.ch4,
                alarm: d.alarms.any(),
                alarms: d.alarms,
                beep_ms: d.beep_ms,
                ventilated: d.ventilated,
            }),
            wind: g.wind_force(),
            stars: g.stars(),
            seed: g.seed_code(),
            fixed_shown: g.showing_fixed(),
            paused: g.paused(),
            teacher: st.classroom.is_open(),
            kiosk: g.kiosk().map(|k| KioskView {
                phase: match k.phase {
                    crate::kiosk::Phase::Attract => "attract",
                    crate::kiosk::Phase::Playing => "playing",
                    crate::kiosk::Phase::Asking { .. } => "asking",
                },
                countdown_s: k.countdown_left_s(),
                team: g.team(),
                quiet_ms: k.quiet_ms(),
                idle_ms: k.idle_ms(),
            }),
        };
        to_js(&view)
    }

    /// For tests: a point inside each hazard not yet found, in CSS pixels of the page
    /// at the current camera; `visible` is false for points outside the view.
    #[wasm_bindgen(js_name = hazardPoints)]
    pub fn hazard_points(&self) -> Result<JsValue, JsValue> {
        let st = self.shared.state.borrow();
        let g = &st.game;
        let Some(scene) = g.scene() else {
            return Ok(js_sys::Array::new().into());
        };
        let items = scene
            .hazards
            .iter()
            .enumerate()
            .filter(|(i, _)| g.round().is_active(*i) && !g.round().is_found(*i))
            .map(|(i, h)| (h.id.as_str(), h.inside(), scene.hazard_stage(i)));
        to_js(&st.points(items))
    }

    /// For tests: a point inside each decoy (things done right), same shape as
    /// `hazardPoints()`.
    #[wasm_bindgen(js_name = decoyPoints)]
    pub fn decoy_points(&self) -> Result<JsValue, JsValue> {
        let st = self.shared.state.borrow();
        let Some(scene) = st.game.scene() else {
            return Ok(js_sys::Array::new().into());
        };
        let round = st.game.round();
        let items = scene
            .decoys
            .iter()
            .enumerate()
            .filter(|(i, _)| round.decoy_is_active(*i))
            .map(|(i, d)| (d.id.as_str(), d.inside(), scene.decoy_stage(i)));
        to_js(&st.points(items))
    }

    /// For tests: the marks on the results picture, `[{id, kind, x, y, visible}]`:
    /// `kind` is `found`, `missed` or `decoy` (a decoy tapped), the point is the
    /// mark's centre in CSS pixels of the page (a click there picks its hazard).
    /// Empty on every other screen.
    pub fn marks(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct MarkView<'a> {
            id: &'a str,
            kind: &'static str,
            x: f64,
            y: f64,
            visible: bool,
        }
        let st = self.shared.state.borrow();
        let g = &st.game;
        let (Some(scene), Screen::Results) = (g.scene(), g.screen()) else {
            return Ok(js_sys::Array::new().into());
        };
        let round = g.round();
        let mut kinds = Vec::new();
        let mut items = Vec::new();
        for (i, h) in scene.hazards.iter().enumerate() {
            if round.is_active(i) {
                kinds.push(if round.is_found(i) { "found" } else { "missed" });
                let at = game::mark_point(h.polygon());
                items.push((h.id.as_str(), at, scene.hazard_stage(i)));
            }
        }
        for i in round.decoys_tapped() {
            let d = &scene.decoys[i];
            kinds.push("decoy");
            items.push((
                d.id.as_str(),
                game::mark_point(d.polygon()),
                scene.decoy_stage(i),
            ));
        }
        let marks: Vec<MarkView> = st
            .points(items.into_iter())
            .into_iter()
            .zip(kinds)
            .map(|(p, kind)| MarkView {
                id: p.id,
                kind,
                x: p.x,
                y: p.y,
                visible: p.visible,
            })
            .collect();
        to_js(&marks)
    }

    /// For tests: where the marker of each view sits on the main picture, `[{id, x, y,
    /// visible}]` in CSS pixels of the page (not visible inside a view or off screen),
    /// for a real click on it.
    #[wasm_bindgen(js_name = viewPoints)]
    pub fn view_points(&self) -> Result<JsValue, JsValue> {
        let st = self.shared.state.borrow();
        let Some(scene) = st.game.scene() else {
            return Ok(js_sys::Array::new().into());
        };
        // The markers are on the main picture (stage 0).
        let items = scene.views.iter().map(|v| (v.id.as_str(), v.entry, 0));
        to_js(&st.points(items))
    }

    /// For tests: brings the hazard or decoy `id` to the middle of the view (as far as
    /// the scene's edges allow) through the same camera action a drag uses, so a test
    /// can then click it with a real mouse event. False for an unknown id.
    #[wasm_bindgen(js_name = lookAt)]
    pub fn look_at(&self, id: &str) -> bool {
        let mut st = self.shared.state.borrow_mut();
        let Some(scene) = st.game.scene() else {
            return false;
        };
        let at = scene
            .hazards
            .iter()
            .enumerate()
            .find(|(_, h)| h.id == id)
            .map(|(i, h)| (h.inside(), scene.hazard_stage(i)))
            .or_else(|| {
                scene
                    .decoys
                    .iter()
                    .enumerate()
                    .find(|(_, d)| d.id == id)
                    .map(|(i, d)| (d.inside(), scene.decoy_stage(i)))
            });
        let Some((at, stage)) = at else { return false };
        if stage != st.game.stage() {
            // Into its view (or back out), as the buttons on screen do.
            let to = st
                .game
                .scene()
                .and_then(|s| s.stage_view(stage))
                .map(|v| v.id.clone());
            match to {
                Some(id) => st.dispatch(Action::EnterView { id }),
                None => st.dispatch(Action::LeaveView),
            };
            if st.game.stage() != stage {
                return false;
            }
            // No settling glide: the test clicks right away.
            let cam = *st.game.camera();
            if cam.is_moving() {
                st.dispatch(Action::Pan { dx: 0.0, dy: 0.0 });
            }
        }
        let (dx, dy) = st.game.camera().pan_to_center(at);
        st.dispatch(Action::Pan { dx, dy });
        true
    }

    /// The scenes the picker offers: `[{id, category, total}]` (empty until the
    /// picker has loaded its list).
    pub fn scenes(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct SceneInfo<'a> {
            id: &'a str,
            category: crate::scene::Category,
            total: usize,
        }
        let st = self.shared.state.borrow();
        let list: Vec<SceneInfo> = st.game.catalogue().map_or(Vec::new(), |c| {
            c.scenes
                .iter()
                .map(|e| SceneInfo {
                    id: &e.id,
                    category: e.category,
                    total: e.total,
                })
                .collect()
        });
        to_js(&list)
    }

    /// For tests: the sound, `{state: none|suspended|running|closed, muted, mode:
    /// on|muted|off}`, read from the real `AudioContext`.
    pub fn audio(&self) -> JsValue {
        self.shared.state.borrow().audio.view()
    }

    /// For tests: the index of the right answer to the open question (`null` when no
    /// question is open), so a test can answer right or wrong on purpose.
    #[wasm_bindgen(js_name = rightAnswer)]
    pub fn right_answer(&self) -> Option<usize> {
        let st = self.shared.state.borrow();
        let Screen::Question(i) = st.game.screen() else {
            return None;
        };
        st.game
            .scene()?
            .hazards
            .get(i)?
            .question
            .as_ref()?
            .answers
            .iter()
            .position(|a| a.right)
    }

    /// For tests: the rounds kept in this browser for the teacher view, oldest first,
    /// as stored (`[{at, scene, lang, mode, end, score, stars, timeMs, total, found,
    /// missed, hints, questionsRight, questionsAsked, seed}]`); read-only.
    pub fn rounds(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&classroom::load_log().rounds_json())
    }

    /// A page script (an LMS adapter in the same page) hears every message a host
    /// page is sent: `{source, type, version, …}` (see README, "Host pages").
    #[wasm_bindgen(js_name = onMessage)]
    pub fn on_message(&self, f: js_sys::Function) {
        self.shared.state.borrow_mut().host.listen(f);
    }

    /// For tests and reviewers: every event since the page loaded, oldest first, as
    /// plain objects `{type, ...}` (the names a host page will receive).
    pub fn events(&self) -> Result<JsValue, JsValue> {
        to_js(&self.shared.state.borrow().log)
    }
}

fn listen_all(shared: &Rc<Shared>, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
    let mut ls = Vec::new();
    // Every handler holds the shared state weakly, so dropping `App` frees it all.
    let on = |f: fn(&mut State, DomEvent)| {
        let weak: Weak<Shared> = Rc::downgrade(shared);
        move |e: DomEvent| {
            if let Some(s) = weak.upgrade() {
                // A handler that fires while another holds the state (focus events
                // during a DOM update) is skipped rather than panicking.
                if let Ok(mut st) = s.state.try_borrow_mut() {
                    f(&mut st, e);
                } else {
                    return;
                }
                load_pending(&s);
            }
        }
    };
    ls.push(Listener::new(
        canvas,
        "pointerdown",
        on(State::pointer_down),
    )?);
    ls.push(Listener::new(canvas, "pointerup", on(State::pointer_up))?);
    ls.push(Listener::new(
        canvas,
        "pointermove",
        on(State::pointer_move),
    )?);
    ls.push(Listener::new(
        canvas,
        "pointercancel",
        on(State::pointer_cancel),
    )?);
    ls.push(Listener::new(canvas, "wheel", on(State::wheel))?);
    ls.push(Listener::new(canvas, "contextmenu", |e: DomEvent| {
        e.prevent_default()
    })?);
    // After a finger lifts, the browser sends a click to whatever is under it by
    // then: a card that a find just opened there would close at once. The canvas
    // handles its own taps, so no click comes of a touch that began on it.
    ls.push(Listener::new(canvas, "touchend", |e: DomEvent| {
        // After a drag the browser no longer lets it be cancelled (and says so).
        if e.cancelable() {
            e.prevent_default()
        }
    })?);
    let ui_root = shared.state.borrow().ui.root.clone();
    let mini = shared.state.borrow().minimap.canvas.clone();
    ls.push(Listener::new(
        &mini,
        "pointerdown",
        on(State::minimap_pointer),
    )?);
    ls.push(Listener::new(
        &mini,
        "pointermove",
        on(State::minimap_pointer),
    )?);
    ls.push(Listener::new(&ui_root, "click", on(State::click))?);
    ls.push(Listener::new(
        window()?.as_ref(),
        "keydown",
        on(State::key),
    )?);
    // Commands from the page around the game (it checks who sent them).
    ls.push(Listener::new(
        window()?.as_ref(),
        "message",
        on(|st, e| {
            if let Some(a) = host::message_event(&e).and_then(|m| st.host.command(m)) {
                st.dispatch(a);
            }
        }),
    )?);
    let doc = canvas
        .owner_document()
        .ok_or_else(|| JsValue::from_str("canvas is not in a document"))?;
    ls.push(Listener::new(
        doc.as_ref(),
        "fullscreenchange",
        on(|st, _| st.refresh_ui()),
    )?);
    // A kiosk's walk-away clock starts over at any touch or key, wherever it lands.
    if shared.state.borrow().kiosk.is_some() {
        for kind in ["pointerdown", "keydown"] {
            ls.push(Listener::new(
                window()?.as_ref(),
                kind,
                on(|st, _| {
                    st.dispatch(Action::Activity);
                }),
            )?);
        }
    }
    // Browsers let sound start only inside a player's gesture.
    for kind in ["pointerdown", "pointerup", "keydown", "click"] {
        ls.push(Listener::new(
            window()?.as_ref(),
            kind,
            on(|st, _| st.audio.unlock()),
        )?);
    }
    *shared.listeners.borrow_mut() = ls;
    Ok(())
}

impl State {
    /// Scene points as page CSS pixels at the current camera, for the test hook.
    /// Items as `(id, point, stage)`: where each is on the page now; one in another
    /// picture (the main one or a view) is not visible.
    fn points<'a>(
        &'a self,
        items: impl Iterator<Item = (&'a str, Point, usize)>,
    ) -> Vec<HazardPoint<'a>> {
        let offset = self.painter.canvas.get_bounding_client_rect();
        let cam = self.game.camera();
        let stage = self.game.stage();
        let scene = self.game.scene();
        items
            .map(|(id, at, s)| {
                let p = cam.to_screen(at);
                HazardPoint {
                    id,
                    x: p.x + offset.left(),
                    y: p.y + offset.top(),
                    visible: s == stage && cam.shows(p),
                    view: scene.and_then(|sc| sc.stage_view(s)).map(|v| v.id.as_str()),
                }
            })
            .collect()
    }

    /// The one way anything reaches the game: apply the action, hand its events to
    /// the subscribers, then show the result.
    fn dispatch(&mut self, action: Action) -> bool {
        let events = self.game.apply(action);
        if events.is_empty() {
            return false;
        }
        for ev in &events {
            // 1. Loader.
            match ev {
                Event::LoadRequested { scene_id } => self.pending_load = Some(scene_id.clone()),
                Event::CatalogueRequested => self.pending_catalogue = true,
                _ => {}
            }
            self.best.on_event(ev);
            self.classroom.on_event(ev);
            self.staff.on_event(ev, &self.game);
            // 2. Painter.
            self.painter.on_event(ev);
            // 3. Overlay.
            self.results.on_event(ev);
            if let Event::PrintRequested = ev {
                self.pending_print = true;
            }
            if let Some(k) = &mut self.kiosk {
                k.on_event(ev);
            }
            self.host.on_event(ev);
            // 4. Sound: silent while the kiosk's demo plays itself.
            let demo = self.game.attracting()
                && !matches!(ev, Event::RoundEnded { .. } | Event::AttractStarted { .. });
            if !demo {
                self.audio.on_event(ev);
            }
        }
        // 5. Automation log.
        if self.automation {
            self.log.extend(events);
            if self.log.len() > EVENT_LOG_MAX {
                let extra = self.log.len() - EVENT_LOG_MAX;
                self.log.drain(..extra);
            }
        }
        self.after_change();
        if std::mem::take(&mut self.pending_print) && self.kiosk.is_none() {
            print_later(self.automation);
        }
        true
    }

    /// Keeps a scene loaded whole for next time (at most `SCENE_CACHE`).
    fn remember_scene(&mut self, scene: crate::scene::Scene, sprites: Sprites) {
        self.scene_cache.retain(|(s, _)| s.id != scene.id);
        self.scene_cache.push((scene, sprites));
        if self.scene_cache.len() > SCENE_CACHE {
            self.scene_cache.remove(0);
        }
    }

    fn loaded(&mut self, result: Result<(crate::scene::Scene, Sprites), String>) {
        match result {
            Ok((scene, sprites)) => {
                self.sprites = sprites;
                self.dispatch(Action::Loaded(Box::new(scene)));
            }
            Err(message) => {
                // A warning, not an error: the page handles this and tells the player.
                web_sys::console::warn_1(&JsValue::from_str(&message));
                self.dispatch(Action::LoadFailed { message });
            }
        }
    }

    fn refresh_ui(&mut self) {
        if let Err(e) = self
            .ui
            .sync(&self.game, &self.strings, &self.best, &self.thumbs)
        {
            report("Hazard Hunt: updating the page failed:", &e);
        }
        if let Err(e) = self.play.sync(&self.game, &self.strings) {
            report("Hazard Hunt: updating the question or hints failed:", &e);
        }
        if let Err(e) = self.views.sync(&self.game, &self.strings) {
            report("Hazard Hunt: updating the view's overlay failed:", &e);
        }
        if let Err(e) = self.results.sync(&self.game, &self.strings) {
            report("Hazard Hunt: updating the results failed:", &e);
        }
        if let Err(e) = self.help.sync(&self.game, &self.strings) {
            report("Hazard Hunt: updating \"How to play\" failed:", &e);
        }
        if let Err(e) = self.classroom.sync(&self.game, &self.strings) {
            report("Hazard Hunt: updating the teacher view failed:", &e);
        }
        if let Err(e) = self.host.sync(&self.game, &self.strings) {
            report(
                "Hazard Hunt: updating the full-screen button or pause failed:",
                &e,
            );
        }
        if let Some(k) = &mut self.kiosk {
            if let Err(e) = k.sync(&self.game, &self.strings) {
                report("Hazard Hunt: updating the kiosk's screens failed:", &e);
            }
        }
    }

    /// After anything the player did: update the overlay and repaint at once, so the
    /// answer is on screen in the next frame.
    fn after_change(&mut self) {
        self.dirty = true;
        self.refresh_ui();
        self.layout();
        self.paint_now(true);
    }

    /// Sizes the backing store and gives the camera the box CSS gives the scene.
    /// True when either changed.
    fn layout(&mut self) -> bool {
        let Ok(w) = window() else { return false };
        let dpr = w.device_pixel_ratio().clamp(0.5, 4.0);
        let canvas_box = self.painter.canvas.get_bounding_client_rect();
        let resized = self
            .painter
            .fit_backing_store(canvas_box.width(), canvas_box.height(), dpr);
        let stage = self.ui.stage.get_bounding_client_rect();
        let viewport = Rect::new(
            stage.left() - canvas_box.left(),
            stage.top() - canvas_box.top(),
            stage.width().max(1.0),
            stage.height().max(1.0),
        );
        let before = *self.game.camera();
        if before.viewport != viewport {
            // The environment, not the player: no events, but the camera keeps its
            // zoom and centre through the same path as every other input.
            self.game.apply(Action::Resize { viewport });
        }
        resized || *self.game.camera() != before
    }

    /// Paints the canvas. `quick`: answering an input (or in the frame that first
    /// shows the answer), so a changed fixed look waits for a later frame (the canvas
    /// stays dirty until then).
    fn paint_now(&mut self, quick: bool) {
        let now = self.last_ts.unwrap_or(0.0);
        let view = View {
            game: &self.game,
            sprites: &self.sprites,
            defer_fixed_looks: quick,
            moving: self.game.camera().is_moving()
                || self.tracker.pressed() > 0
                || now - self.last_zoom_ts < ZOOM_REST_MS,
        };
        if let Err(e) = self.painter.paint(&view) {
            report("Hazard Hunt: painting the scene failed:", &e);
        }
        let dpr = window().map_or(1.0, |w| w.device_pixel_ratio().clamp(0.5, 4.0));
        if let Err(e) = self
            .minimap
            .sync(&self.game, &self.strings, &self.sprites, dpr, quick)
        {
            report("Hazard Hunt: painting the minimap failed:", &e);
        }
        self.dirty = self.painter.pending(&self.game);
    }

    /// One animation frame.
    fn frame(&mut self, ts: f64) {
        let dt = self.last_ts.map_or(0.0, |last| ts - last);
        self.last_ts = Some(ts);
        let beep = self.game.detector().and_then(|d| d.beep_ms);
        self.audio.frame(ts, beep, self.game.wind_force());
        if self.dispatch(Action::Tick { dt_ms: dt }) {
            // dispatch already repainted.
            self.was_animating = paint::animating(&self.game);
            return;
        }
        let changed = self.layout();
        // The running clock in the header changes without any event.
        self.refresh_ui();
        let animating = paint::animating(&self.game)
            || self.game.camera().is_moving()
            || self.painter.animates(&self.game);
        let quick = std::mem::take(&mut self.answered);
        if self.dirty || changed || animating || self.was_animating {
            self.paint_now(quick);
        }
        self.was_animating = animating;
    }

    fn pointer_pos(&self, x: i32, y: i32) -> Point {
        let r = self.painter.canvas.get_bounding_client_rect();
        Point::new(f64::from(x) - r.left(), f64::from(y) - r.top())
    }

    fn pointer_down(&mut self, e: DomEvent) {
        let Ok(e) = e.dyn_into::<PointerEvent>() else {
            return;
        };
        if e.button() > 0 {
            return; // right or middle mouse button
        }
        e.prevent_default();
        // Keep receiving this pointer's events even if it leaves the canvas (over
        // the header, off the window), so its release is never lost.
        let _ = self.painter.canvas.set_pointer_capture(e.pointer_id());
        let kind = PointerKind::from_dom(&e.pointer_type());
        let at = self.pointer_pos(e.client_x(), e.client_y());
        if e.is_primary() && self.game.in_dark_view() {
            self.dispatch(Action::Aim { at });
        }
        self.tracker
            .down(e.pointer_id(), at, kind, e.is_primary(), e.time_stamp());
    }

    /// Dragging pans, two fingers pinch: the same camera actions as everything else.
    fn pointer_move(&mut self, e: DomEvent) {
        let Ok(e) = e.dyn_into::<PointerEvent>() else {
            return;
        };
        let at = self.pointer_pos(e.client_x(), e.client_y());
        if e.is_primary() && self.game.in_dark_view() {
            // The torch follows the finger, or the mouse while it hovers.
            self.dispatch(Action::Aim { at });
        }
        if self.tracker.pressed() == 0 {
            return;
        }
        let gesture = self.tracker.moved(e.pointer_id(), at, e.time_stamp());
        if !self.view_moves() {
            return;
        }
        match gesture {
            Gesture::None => {}
            Gesture::Pan { dx, dy } => {
                self.dispatch(Action::Pan { dx, dy });
            }
            Gesture::Pinch { at, factor, dx, dy } => {
                self.last_zoom_ts = self.last_ts.unwrap_or(0.0);
                self.dispatch(Action::Zoom { at, factor });
                self.dispatch(Action::Pan { dx, dy });
            }
        }
    }

    /// A press or drag on the minimap moves the view there (the camera action a drag
    /// uses).
    fn minimap_pointer(&mut self, e: DomEvent) {
        let Ok(e) = e.dyn_into::<PointerEvent>() else {
            return;
        };
        if e.type_() == "pointermove" && e.buttons() == 0 {
            return;
        }
        e.prevent_default();
        if e.type_() == "pointerdown" {
            let _ = self.minimap.canvas.set_pointer_capture(e.pointer_id());
        }
        let Some(p) =
            self.minimap
                .scene_point(&self.game, f64::from(e.client_x()), f64::from(e.client_y()))
        else {
            return;
        };
        let (dx, dy) = self.game.camera().pan_to_center(p);
        self.dispatch(Action::Pan { dx, dy });
    }

    /// Whether the picture can be moved on this screen.
    fn view_moves(&self) -> bool {
        matches!(
            self.game.screen(),
            Screen::Play
                | Screen::Results
                | Screen::Card(_)
                | Screen::Decoy(_)
                | Screen::Question(_)
        )
    }

    fn pointer_up(&mut self, e: DomEvent) {
        let Ok(e) = e.dyn_into::<PointerEvent>() else {
            return;
        };
        let at = self.pointer_pos(e.client_x(), e.client_y());
        let t = e.time_stamp();
        match self.tracker.up(e.pointer_id(), at, t) {
            Release::Tap(tap) => {
                // A second tap close by, soon after the first: a double tap.
                let double = self.last_tap.is_some_and(|(t0, p0)| {
                    t - t0 <= game::DOUBLE_TAP_MS && p0.distance(tap.at) <= game::DOUBLE_TAP_CSS
                });
                if double {
                    self.last_tap = None;
                    self.dispatch(Action::DoubleTap { at: tap.at });
                } else {
                    self.last_tap = Some((t, tap.at));
                    // The next frame shows the answer (the card, the burst); a hazard
                    // put right in the picture waits for the frame after it.
                    self.answered = self.dispatch(Action::Tap {
                        at: tap.at,
                        tolerance: tap.kind.hit_slop_css(),
                    });
                }
            }
            Release::Fling { vx, vy } if self.view_moves() => {
                self.dispatch(Action::Fling { vx, vy });
            }
            _ => {}
        }
    }

    fn pointer_cancel(&mut self, e: DomEvent) {
        if let Ok(e) = e.dyn_into::<PointerEvent>() {
            self.tracker.cancel(e.pointer_id());
        }
    }

    /// The mouse wheel (or a touchpad's two-finger scroll) zooms about the pointer.
    fn wheel(&mut self, e: DomEvent) {
        let Ok(e) = e.dyn_into::<WheelEvent>() else {
            return;
        };
        if !matches!(self.game.screen(), Screen::Play | Screen::Results) {
            return;
        }
        e.prevent_default();
        // deltaMode: 0 pixels, 1 lines, 2 pages.
        let unit = match e.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let dy = (e.delta_y() * unit).clamp(-400.0, 400.0);
        let at = self.pointer_pos(e.client_x(), e.client_y());
        self.last_zoom_ts = self.last_ts.unwrap_or(0.0);
        self.dispatch(Action::Zoom {
            at,
            factor: (-dy * 0.002).exp(),
        });
    }

    fn click(&mut self, e: DomEvent) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("[data-action]") else {
            return;
        };
        let code = button.get_attribute("data-action");
        if let Some(a) = code.as_deref().filter(|a| a.starts_with("teacher-")) {
            let lang = self.game.lang();
            if self
                .classroom
                .click(a, lang, &self.strings, self.automation)
            {
                self.after_change();
            }
            return;
        }
        let action = match code.as_deref() {
            Some("lang-zh") => Action::SetLang(Lang::Zh),
            Some("lang-en") => Action::SetLang(Lang::En),
            Some("lang-toggle") => Action::ToggleLang,
            Some("start") => Action::Start,
            Some("hint") => Action::Hint,
            Some("give-up") => Action::AskQuit,
            Some("confirm-no") => Action::CancelQuit,
            Some("confirm-yes") => Action::ConfirmQuit,
            Some("card-close") | Some("note-close") => Action::CloseCard,
            Some("play-again") => Action::PlayAgain,
            Some("next-scene") => Action::NextScene,
            Some("retry") => Action::Retry,
            Some("notice-close") => Action::DismissNotice,
            Some("select") => Action::ChooseResult(results::selected_index(&button)),
            Some("show-fixed") => Action::ShowFixed(results::fixed_choice(&button)),
            Some("print") => Action::Print,
            Some("help") => Action::ShowHelp,
            Some("pick") => match picker::Picker::picked(&button) {
                Some(scene_id) => Action::PickScene { scene_id },
                None => return,
            },
            Some("back") => Action::Back,
            Some("view-enter") => match button.get_attribute("data-view") {
                Some(id) => Action::EnterView { id },
                None => return,
            },
            Some("view-leave") => Action::LeaveView,
            Some("answer") => match play::PlayUi::choice(&button) {
                Some(choice) => Action::Answer { choice },
                None => return,
            },
            Some("question-close") => Action::CloseCard,
            Some("mode-explore") => Action::SetMode(Mode::Explore),
            Some("mode-challenge") => Action::SetMode(Mode::Challenge),
            Some("kiosk-start") => Action::KioskStart { team: false },
            Some("kiosk-team") => Action::KioskStart { team: true },
            Some("still-here") => Action::StillHere,
            Some("fullscreen") => return self.host.toggle_fullscreen(),
            Some(a) if a.starts_with("board-") => {
                if let Some(k) = &mut self.kiosk {
                    if k.board_button(a, &button) {
                        self.after_change();
                    }
                }
                return;
            }
            Some("minimap-toggle") => {
                self.minimap.toggle();
                self.after_change();
                return;
            }
            // Not game state: the web layer's own toggle.
            Some("mute") => return self.audio.toggle_mute(),
            _ => return,
        };
        self.dispatch(action);
    }

    fn key(&mut self, e: DomEvent) {
        let Ok(e) = e.dyn_into::<KeyboardEvent>() else {
            return;
        };
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return; // the browser's own shortcuts (its page zoom among them)
        }
        let vp = self.game.camera().viewport;
        let step = 0.2 * vp.w.min(vp.h);
        if e.key() == "Escape" && (self.staff.escape() || self.classroom.escape()) {
            self.after_change();
            return;
        }
        let action = match e.key().as_str() {
            "Escape" => Action::Back,
            // Arrows and + / − move the picture while playing.
            _ if self.game.screen() != Screen::Play => return,
            "ArrowLeft" => Action::Pan { dx: step, dy: 0.0 },
            "ArrowRight" => Action::Pan { dx: -step, dy: 0.0 },
            "ArrowUp" => Action::Pan { dx: 0.0, dy: step },
            "ArrowDown" => Action::Pan { dx: 0.0, dy: -step },
            "+" | "=" => Action::Zoom {
                at: vp.center(),
                factor: 1.25,
            },
            "-" | "_" => Action::Zoom {
                at: vp.center(),
                factor: 0.8,
            },
            _ => return,
        };
        if self.dispatch(action) {
            e.prevent_default();
        }
    }
}

/// Opens the browser's print dialog (the print stylesheet makes the results a
/// one-page handout) once the current input has been handled: `print()` blocks the
/// page while its dialog is open. Never with `?automation=1`, where a test cannot
/// close a browser dialog: the `printRequested` event says it was asked.
fn print_later(automation: bool) {
    if automation {
        return;
    }
    let Ok(w) = window() else { return };
    let print = Closure::once_into_js(|| {
        if let Ok(w) = window() {
            if let Err(e) = w.print() {
                report("Hazard Hunt: printing failed:", &e);
            }
        }
    });
    if let Err(e) = w.set_timeout_with_callback(print.unchecked_ref()) {
        report("Hazard Hunt: printing failed:", &e);
    }
}

/// Replaces the page with a calm message after a crash (a bug in the game). The link
/// reloads the page; it works even though the game's code can no longer run.
fn show_crash() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let Ok(div) = doc.create_element("div") else {
        return;
    };
    div.set_id("crash");
    div.set_attribute("role", "alert").ok();
    div.set_inner_html(
        "<h2 lang=\"zh-CN\">出了点问题</h2><h2 lang=\"en\">Something went wrong</h2>\
         <p><a class=\"primary big\" href=\"\">重新开始 · Start again</a></p>",
    );
    if let Ok(Some(a)) = div.query_selector("a") {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        a.set_attribute("href", &href).ok();
    }
    body.append_child(&div).ok();
}
