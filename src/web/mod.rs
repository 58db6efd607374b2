//! The browser layer: the only code that touches the DOM. It owns the canvas, the
//! HTML overlay, the event listeners and the frame loop, turns DOM events into calls
//! on [`Game`], and paints what the game says.
//!
//! JavaScript sees one opaque handle, [`App`], with two read-only methods for tests.

mod dom;
mod listen;
mod load;
mod paint;

use crate::camera::Camera;
use crate::game::{self, Game, Screen, Tap};
use crate::geom::{Point, Rect};
use crate::i18n::{Lang, Strings};
use crate::input::{PointerKind, PointerTracker, TapEvent};
use crate::options::{Notice, Options};
use dom::{LoadState, Ui};
use listen::{FrameLoop, Listener};
use load::Sprites;
use paint::{Painter, View};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, HtmlCanvasElement, HtmlElement, KeyboardEvent, PointerEvent, Window,
};

pub(crate) fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

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
    load: LoadState,
    camera: Camera,
    tracker: PointerTracker,
    notices: Vec<Notice>,
    /// The scene to load; `retry` asks the frame loop to load it again.
    scene_id: String,
    retry: bool,
    /// `?automation=1`: the shell exposes `window.hazardHunt` for tests.
    automation: bool,
    /// Hazard picked in the results list or picture.
    selected: Option<usize>,
    last_ts: Option<f64>,
    /// Something changed that the canvas does not show yet.
    dirty: bool,
    was_animating: bool,
}

/// Starts the game inside `root`. `query` is `location.search`.
#[wasm_bindgen]
pub fn start(root: HtmlElement, query: &str) -> Result<App, JsValue> {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash();
    }));
    let options = Options::from_query(query);
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("root is not in a document"))?;
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    canvas.set_id("scene");
    canvas.set_attribute("role", "img")?;
    root.append_child(&canvas)?;
    let ui = Ui::build(&doc, &root, &canvas)?;
    let painter = Painter::new(&doc, canvas.clone())?;
    let state = State {
        game: Game::new(options.lang),
        strings: Strings::builtin(),
        ui,
        painter,
        sprites: Sprites::new(),
        load: LoadState::Loading,
        camera: Camera::fit(
            crate::scene::Size { w: 1.0, h: 1.0 },
            Rect::new(0.0, 0.0, 1.0, 1.0),
        ),
        tracker: PointerTracker::default(),
        notices: options.notices.clone(),
        automation: options.automation,
        scene_id: options.scene.clone(),
        retry: false,
        selected: None,
        last_ts: None,
        dirty: true,
        was_animating: false,
    };
    let shared = Rc::new(Shared {
        state: RefCell::new(state),
        listeners: RefCell::new(Vec::new()),
        frames: RefCell::new(None),
    });
    shared.state.borrow_mut().refresh_ui()?;
    listen_all(&shared, &canvas)?;

    let weak = Rc::downgrade(&shared);
    *shared.frames.borrow_mut() = Some(FrameLoop::start(move |ts| {
        if let Some(s) = weak.upgrade() {
            let retry = s.state.borrow_mut().frame(ts);
            if let Some(id) = retry {
                spawn_load(Rc::downgrade(&s), id);
            }
        }
    })?);

    spawn_load(Rc::downgrade(&shared), options.scene);
    Ok(App { shared })
}

/// Loads the scene in the background; the result lands in `State::loaded`.
fn spawn_load(weak: Weak<Shared>, scene_id: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = load::load_scene(&scene_id).await;
        if let Some(s) = weak.upgrade() {
            s.state.borrow_mut().loaded(result);
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
}

#[derive(Serialize)]
struct HazardPoint<'a> {
    id: &'a str,
    x: f64,
    y: f64,
}

#[wasm_bindgen]
impl App {
    /// Whether the page was opened with `?automation=1`.
    pub fn automation(&self) -> bool {
        self.shared.state.borrow().automation
    }

    /// A snapshot of the game for tests: `{screen, lang, sceneId, found, total, score,
    /// misses, elapsedMs}`.
    pub fn state(&self) -> Result<JsValue, JsValue> {
        let st = self.shared.state.borrow();
        let g = &st.game;
        let view = StateView {
            screen: g.screen().name(),
            lang: g.lang.code(),
            scene_id: g.scene().map(|s| s.id.as_str()),
            found: g.found_ids(),
            total: g.scene().map_or(0, |s| s.hazards.len()),
            score: g.score().total,
            misses: g.round().misses.len(),
            elapsed_ms: g.round().elapsed_ms,
        };
        Ok(serde_wasm_bindgen::to_value(&view)?)
    }

    /// For tests: a point inside each hazard not yet found, in CSS pixels of the page.
    #[wasm_bindgen(js_name = hazardPoints)]
    pub fn hazard_points(&self) -> Result<JsValue, JsValue> {
        let st = self.shared.state.borrow();
        let Some(scene) = st.game.scene() else {
            return Ok(js_sys::Array::new().into());
        };
        let offset = st.painter.canvas.get_bounding_client_rect();
        let points: Vec<HazardPoint> = scene
            .hazards
            .iter()
            .enumerate()
            .filter(|(i, _)| !st.game.round().is_found(*i))
            .map(|(_, h)| {
                let p = st.camera.to_screen(h.inside());
                HazardPoint {
                    id: &h.id,
                    x: p.x + offset.left(),
                    y: p.y + offset.top(),
                }
            })
            .collect();
        Ok(serde_wasm_bindgen::to_value(&points)?)
    }
}

fn listen_all(shared: &Rc<Shared>, canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
    let mut ls = Vec::new();
    // Every handler holds the shared state weakly, so dropping `App` frees it all.
    let on = |f: fn(&mut State, Event)| {
        let weak: Weak<Shared> = Rc::downgrade(shared);
        move |e: Event| {
            if let Some(s) = weak.upgrade() {
                // A handler that fires while another holds the state (focus events
                // during a DOM update) is skipped rather than panicking.
                if let Ok(mut st) = s.state.try_borrow_mut() {
                    f(&mut st, e);
                }
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
        "pointercancel",
        on(State::pointer_cancel),
    )?);
    ls.push(Listener::new(canvas, "contextmenu", |e: Event| {
        e.prevent_default()
    })?);
    let ui_root = shared.state.borrow().ui.root.clone();
    ls.push(Listener::new(&ui_root, "click", on(State::click))?);
    ls.push(Listener::new(
        window()?.as_ref(),
        "keydown",
        on(State::key),
    )?);
    *shared.listeners.borrow_mut() = ls;
    Ok(())
}

impl State {
    fn loaded(&mut self, result: Result<(crate::scene::Scene, Sprites), String>) {
        match result {
            Ok((scene, sprites)) => {
                self.sprites = sprites;
                self.game.set_scene(scene);
                self.painter.invalidate();
                self.load = LoadState::Ready;
            }
            Err(msg) => {
                // Not console.error: the page handles this and tells the player.
                web_sys::console::warn_1(&JsValue::from_str(&msg));
                self.load = LoadState::Failed(msg);
            }
        }
        self.after_change();
    }

    fn refresh_ui(&mut self) -> Result<(), JsValue> {
        // The card goes on the left when the hazard it explains is on the right.
        let card_on_left = match (self.game.screen(), self.game.scene()) {
            (Screen::Card(i), Some(s)) => {
                let at = self.camera.to_screen(s.hazards[i].inside());
                at.x > self.camera.viewport.center().x
            }
            _ => false,
        };
        self.ui.sync(
            &self.game,
            &self.strings,
            &self.load,
            &self.notices,
            self.selected,
            card_on_left,
        )
    }

    /// After anything the player did: update the overlay and repaint at once, so the
    /// answer is on screen in the next frame.
    fn after_change(&mut self) {
        self.dirty = true;
        if let Err(e) = self.refresh_ui() {
            web_sys::console::warn_1(&e);
        }
        self.layout();
        self.paint();
    }

    /// Sizes the backing store and places the camera from the CSS layout.
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
        let camera = match self.game.scene() {
            Some(s) => Camera::fit(s.size, viewport),
            None => self.camera,
        };
        let moved = camera != self.camera;
        self.camera = camera;
        resized || moved
    }

    fn paint(&mut self) {
        let view = View {
            game: &self.game,
            sprites: &self.sprites,
            camera: self.camera,
            selected: self.selected,
        };
        if let Err(e) = self.painter.paint(&view) {
            web_sys::console::warn_1(&e);
        }
        self.dirty = false;
    }

    /// One animation frame. Returns a scene id when a new load should start.
    fn frame(&mut self, ts: f64) -> Option<String> {
        let dt = self.last_ts.map_or(0.0, |last| ts - last);
        self.last_ts = Some(ts);
        self.game.tick(dt);
        let changed = self.layout();
        if let Err(e) = self.refresh_ui() {
            web_sys::console::warn_1(&e);
        }
        let animating = paint::animating(&self.game);
        if self.dirty || changed || animating || self.was_animating {
            self.paint();
        }
        self.was_animating = animating;
        std::mem::take(&mut self.retry).then(|| self.scene_id.clone())
    }

    fn pointer_pos(&self, e: &PointerEvent) -> Point {
        let r = self.painter.canvas.get_bounding_client_rect();
        Point::new(
            f64::from(e.client_x()) - r.left(),
            f64::from(e.client_y()) - r.top(),
        )
    }

    fn pointer_down(&mut self, e: Event) {
        let Ok(e) = e.dyn_into::<PointerEvent>() else {
            return;
        };
        if e.button() > 0 {
            return; // right or middle mouse button
        }
        e.prevent_default();
        let kind = PointerKind::from_dom(&e.pointer_type());
        let at = self.pointer_pos(&e);
        self.tracker.down(e.pointer_id(), at, kind, e.is_primary());
    }

    fn pointer_up(&mut self, e: Event) {
        let Ok(e) = e.dyn_into::<PointerEvent>() else {
            return;
        };
        let at = self.pointer_pos(&e);
        if let Some(tap) = self.tracker.up(e.pointer_id(), at) {
            self.tap(tap);
        }
    }

    fn pointer_cancel(&mut self, e: Event) {
        if let Ok(e) = e.dyn_into::<PointerEvent>() {
            self.tracker.cancel(e.pointer_id());
        }
    }

    fn tap(&mut self, tap: TapEvent) {
        let p = self.camera.to_scene(tap.at);
        let slop = self.camera.css_to_scene_len(tap.kind.hit_slop_css());
        match self.game.screen() {
            Screen::Play => {
                if self.game.tap(p, slop) == Tap::Ignored {
                    return;
                }
            }
            Screen::Results => {
                // Tapping a marked hazard on the results picture opens its entry.
                let Some(scene) = self.game.scene() else {
                    return;
                };
                let hit = game::hit_test(scene, self.game.round(), p, slop);
                if hit.is_none() {
                    return;
                }
                self.selected = hit;
                self.after_change();
                self.reveal_selected();
                return;
            }
            _ => return,
        }
        self.after_change();
    }

    fn reveal_selected(&self) {
        let Some(i) = self.selected else { return };
        let Some(h) = self.game.scene().and_then(|s| s.hazards.get(i)) else {
            return;
        };
        let sel = format!("#res-list li[data-hazard=\"{}\"]", h.id);
        if let Ok(Some(li)) = self.ui.root.query_selector(&sel) {
            li.scroll_into_view();
        }
    }

    fn click(&mut self, e: Event) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(button)) = target.closest("[data-action]") else {
            return;
        };
        let action = button.get_attribute("data-action").unwrap_or_default();
        let g = &mut self.game;
        match action.as_str() {
            "lang-zh" => g.lang = Lang::Zh,
            "lang-en" => g.lang = Lang::En,
            "lang-toggle" => {
                g.lang = match g.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
            "start" => {
                if g.start() {
                    self.selected = None;
                    self.notices.clear();
                }
            }
            "hint" => {
                g.hint();
            }
            "give-up" => {
                g.request_quit();
            }
            "confirm-no" => {
                g.cancel_quit();
            }
            "confirm-yes" => {
                g.confirm_quit();
            }
            "card-close" => {
                g.close_card();
            }
            "play-again" => {
                g.play_again();
            }
            "retry" => {
                if !matches!(self.load, LoadState::Failed(_)) {
                    return;
                }
                self.load = LoadState::Loading;
                self.retry = true;
            }
            "notice-close" => {
                if !self.notices.is_empty() {
                    self.notices.remove(0);
                }
            }
            "select" => {
                let i = Ui::selected_index(&button);
                self.selected = if self.selected == i { None } else { i };
            }
            _ => return,
        }
        self.after_change();
    }

    fn key(&mut self, e: Event) {
        let Ok(e) = e.dyn_into::<KeyboardEvent>() else {
            return;
        };
        if e.key() != "Escape" {
            return;
        }
        let handled = if self.game.confirming_quit() {
            self.game.cancel_quit()
        } else {
            self.game.close_card()
        };
        if handled {
            e.prevent_default();
            self.after_change();
        }
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
