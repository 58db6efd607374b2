//! The overlay of the scene's views: a button for each view in a bar below the
//! picture (the picture itself shows a marker at the spot, which a tap also opens:
//! see the painter), the way back, the view's intro, the gas detector in a shaft
//! and the wind meter at an edge. Every reading the sound carries
//! (the detector's beep, the wind) is shown here too.

use super::dom::{button, el, set_text, show};
use crate::game::{Game, Screen};
use crate::i18n::{Lang, Strings};
use crate::view::{self, ViewKind};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

/// How long the intro of a view stays up (game clock, ms).
pub const INTRO_MS: f64 = 7000.0;

pub struct ViewUi {
    /// The overlay's root: it gets `in-view` while the player is in a view.
    root: Element,
    /// One per view of the scene, in the scene's order.
    entries: Vec<(String, HtmlButtonElement)>,
    holder: HtmlElement,
    back: HtmlButtonElement,
    intro: HtmlElement,
    intro_title: HtmlElement,
    intro_text: HtmlElement,
    detector: HtmlElement,
    det_rows: [(HtmlElement, HtmlElement); 4],
    det_depth: HtmlElement,
    det_state: HtmlElement,
    det_air: HtmlElement,
    det_title: HtmlElement,
    det_levels: HtmlElement,
    wind: HtmlElement,
    wind_title: HtmlElement,
    wind_force: HtmlElement,
    wind_bar: HtmlElement,
    wind_height: HtmlElement,
    wind_state: HtmlElement,
    /// Scene id and language the entry buttons were made for.
    made_for: Option<(String, Lang)>,
    /// Game clock when the current view was entered.
    entered_at: Option<(usize, f64)>,
    doc: Document,
}

impl ViewUi {
    pub fn build(doc: &Document, ui: &Element) -> Result<ViewUi, JsValue> {
        let d = doc;
        let holder = el(d, ui, "div", "view-entries", "view-entries")?;
        let back = button(d, ui, "view-back", "view-back", "view-leave")?;

        let intro = el(d, ui, "div", "view-intro", "view-intro")?;
        intro.set_attribute("role", "status")?;
        let intro_title = el(d, &intro, "strong", "", "")?;
        let intro_text = el(d, &intro, "span", "", "")?;

        let detector = el(d, ui, "div", "detector", "meter detector")?;
        detector.set_attribute("role", "group")?;
        let head = el(d, &detector, "div", "", "meter-head")?;
        let det_title = el(d, &head, "span", "", "meter-title")?;
        let det_state = el(d, &head, "span", "detector-state", "meter-state")?;
        // The readings are announced when the alarm changes, not at every move.
        det_state.set_attribute("role", "status")?;
        let row = |name: &str| -> Result<(HtmlElement, HtmlElement), JsValue> {
            let r = el(d, &detector, "div", &format!("gas-{name}"), "gas")?;
            let label = el(d, &r, "span", "", "gas-name")?;
            let value = el(d, &r, "span", "", "gas-value")?;
            Ok((label, value))
        };
        let det_rows = [row("o2")?, row("h2s")?, row("co")?, row("ch4")?];
        let det_depth = el(d, &detector, "div", "detector-depth", "meter-line")?;
        let det_air = el(d, &detector, "div", "detector-air", "meter-line")?;
        let det_levels = el(d, &detector, "div", "", "meter-note")?;

        let wind = el(d, ui, "div", "windmeter", "meter windmeter")?;
        wind.set_attribute("role", "group")?;
        let head = el(d, &wind, "div", "", "meter-head")?;
        let wind_title = el(d, &head, "span", "", "meter-title")?;
        let wind_state = el(d, &head, "span", "wind-state", "meter-state")?;
        wind_state.set_attribute("role", "status")?;
        let wind_force = el(d, &wind, "div", "wind-force", "wind-force")?;
        let track = el(d, &wind, "div", "", "wind-track")?;
        let wind_bar = el(d, &track, "div", "", "wind-bar")?;
        let wind_height = el(d, &wind, "div", "wind-height", "meter-line")?;

        for e in [&intro, &detector, &wind] {
            show(e, false);
        }
        show(&back, false);
        Ok(ViewUi {
            root: ui.clone(),
            entries: Vec::new(),
            holder,
            back,
            intro,
            intro_title,
            intro_text,
            detector,
            det_rows,
            det_depth,
            det_state,
            det_air,
            det_title,
            det_levels,
            wind,
            wind_title,
            wind_force,
            wind_bar,
            wind_height,
            wind_state,
            made_for: None,
            entered_at: None,
            doc: doc.clone(),
        })
    }

    /// Brings the view overlay up to date; cheap when nothing changed (called every
    /// frame: the buttons ride on the picture, the readings follow the torch).
    pub fn sync(&mut self, game: &Game, strings: &Strings) -> Result<(), JsValue> {
        let lang = game.lang();
        let t = |k| strings.get(k, lang);
        let scene = game.scene();
        let playing = matches!(game.screen(), Screen::Play) && !game.confirming_quit();
        let during_round = matches!(
            game.screen(),
            Screen::Play | Screen::Card(_) | Screen::Decoy(_) | Screen::Question(_)
        );

        // The entry buttons, made again for a new scene or language.
        let want = scene.map(|s| (s.id.clone(), lang));
        if want != self.made_for {
            self.holder.set_inner_html("");
            self.entries.clear();
            if let Some(s) = scene {
                for v in &s.views {
                    let b = button(&self.doc, &self.holder, "", "view-entry", "view-enter")?;
                    b.set_attribute("data-view", &v.id)?;
                    b.set_attribute("data-kind", v.kind.name())?;
                    let icon = el(&self.doc, &b, "span", "", "view-icon")?;
                    icon.set_attribute("aria-hidden", "true")?;
                    let label = el(&self.doc, &b, "span", "", "view-label")?;
                    set_text(&label, v.title.get(lang));
                    self.entries.push((v.id.clone(), b));
                }
            }
            self.made_for = want;
        }
        let stage = game.stage();
        for (k, (_, b)) in self.entries.iter().enumerate() {
            let v = scene.and_then(|s| s.views.get(k));
            show(b, playing && stage == 0 && v.is_some());
            // A hint pointing into this view makes its button glow too.
            let hinted = v.is_some_and(|v| game.hint_spot().is_some_and(|(c, _)| c == v.entry));
            b.class_list().toggle_with_force("hinted", hinted)?;
        }

        let view = game.view();
        show(&self.back, playing && view.is_some());
        // The ways in and out sit in a bar below the picture, so nothing hides under
        // them.
        let bar = scene.is_some_and(|s| !s.views.is_empty()) && during_round;
        self.root.class_list().toggle_with_force("view-bar", bar)?;
        if let Some(v) = view {
            set_text(
                &self.back,
                t(match v.kind {
                    ViewKind::Shaft => "view.back_up",
                    ViewKind::Edge => "view.back_away",
                }),
            );
            // A hint for a hazard outside this view: the way out glows.
            let hint_elsewhere =
                game.hint_active() && game.clue().is_none() && game.hint_spot().is_none();
            self.back
                .class_list()
                .toggle_with_force("hinted", hint_elsewhere)?;
        }

        // The intro, for a few seconds after stepping in.
        match (view, self.entered_at) {
            (Some(_), Some((s, _))) if s == stage => {}
            (Some(_), _) => self.entered_at = Some((stage, game.clock_ms())),
            (None, _) => self.entered_at = None,
        }
        let intro_on = view.is_some()
            && playing
            && self
                .entered_at
                .is_some_and(|(_, t0)| game.clock_ms() - t0 < INTRO_MS);
        show(&self.intro, intro_on);
        if let (true, Some(v)) = (intro_on, view) {
            set_text(&self.intro_title, v.title.get(lang));
            set_text(&self.intro_text, v.intro.get(lang));
        }

        // The gas detector.
        // On the play screen only: a card or question open needs the room.
        let det = game.detector().filter(|_| playing);
        show(&self.detector, det.is_some());
        if let Some(d) = det {
            let r = d.reading;
            set_text(&self.det_title, t("detector.title"));
            let rows = [
                ("O₂", format!("{:.1} %VOL", r.o2), d.alarms.o2),
                ("H₂S", format!("{:.0} ppm", r.h2s), d.alarms.h2s),
                ("CO", format!("{:.0} ppm", r.co), d.alarms.co),
                ("CH₄", format!("{:.0} %LEL", r.ch4), d.alarms.ch4),
            ];
            for ((label, value), (name, text, alarm)) in self.det_rows.iter().zip(rows) {
                set_text(label, name);
                set_text(value, &text);
                if let Some(row) = label.parent_element() {
                    row.class_list().toggle_with_force("alarm", alarm)?;
                }
            }
            let depth = format!("{:.1}", r.at_m);
            set_text(
                &self.det_depth,
                &strings.fill("detector.depth", lang, &[("m", &depth)]),
            );
            set_text(
                &self.det_state,
                t(if d.alarms.any() {
                    "detector.alarm"
                } else {
                    "detector.ok"
                }),
            );
            set_text(
                &self.det_air,
                t(if d.ventilated {
                    "detector.ventilated"
                } else {
                    "detector.not_ventilated"
                }),
            );
            set_text(&self.det_levels, t("detector.levels"));
            let cl = self.detector.class_list();
            cl.toggle_with_force("alarm", d.alarms.any())?;
            // The light blinks with the beep: as fast, and there with the sound off.
            let beep = d
                .beep_ms
                .map_or(String::new(), |ms| format!("{:.0}ms", ms.max(100.0)));
            set_style(&self.detector, "--beep", &beep)?;
            cl.toggle_with_force("beeping", d.beep_ms.is_some())?;
        }

        // The wind meter.
        let edge = view.and_then(|v| v.edge.as_ref()).filter(|_| during_round);
        show(&self.wind, edge.is_some());
        if let (Some(e), Some(force)) = (edge, game.wind_force()) {
            set_text(&self.wind_title, t("wind.title"));
            let n = force.round().to_string();
            set_text(
                &self.wind_force,
                &strings.fill("wind.force", lang, &[("n", &n)]),
            );
            let h = format!("{:.0}", e.height_m);
            set_text(
                &self.wind_height,
                &strings.fill("wind.height", lang, &[("m", &h)]),
            );
            let strong = force.round() >= view::NO_WORK_FROM_FORCE;
            set_text(
                &self.wind_state,
                t(if strong { "wind.stop" } else { "wind.ok" }),
            );
            self.wind.class_list().toggle_with_force("alarm", strong)?;
            let width = format!("{:.0}%", (force / 12.0 * 100.0).clamp(0.0, 100.0));
            set_style(&self.wind_bar, "width", &width)?;
        }
        Ok(())
    }
}

/// Sets one CSS property when it differs (an empty value removes it).
fn set_style(e: &HtmlElement, name: &str, value: &str) -> Result<(), JsValue> {
    let style = e.style();
    if style.get_property_value(name)? != value {
        if value.is_empty() {
            style.remove_property(name)?;
        } else {
            style.set_property(name, value)?;
        }
    }
    Ok(())
}
