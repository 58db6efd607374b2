//! Sound, synthesized with the Web Audio API (nothing to download): a quiet ambient bed
//! during a round, chosen by scene id, and short, gentle cues for a find, a miss, a
//! decoy, a hint and the end of a round. Every cue has a visible equivalent; sound only
//! adds to it.
//!
//! One `AudioContext`, created (or resumed) on the player's first gesture, as browsers
//! require. Where audio is missing or refused nothing is logged: the game is silent.
//! `?audio=off` never creates a context and hides the mute button; the player's mute
//! choice is remembered on the device (`localStorage`, versioned key, junk ignored) and
//! `?audio=` in the address wins over it.
//!
//! Cues are one oscillator and one gain each, disconnected when they end; the bed is a
//! looping noise buffer through filters, moved by a slow LFO.

use super::dom::bool_str;
use crate::game::{EndReason, Event};
use crate::options::AudioMode;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AudioBuffer, AudioContext, AudioContextState, AudioNode, AudioParam, AudioScheduledSourceNode,
    BiquadFilterNode, BiquadFilterType, Document, Element, GainNode, OscillatorType,
};

const KEY: &str = "hazard-hunt.audio.v1";
const VERSION: u32 = 1;
/// The whole game's loudness; cues and bed are set below it.
const MASTER: f32 = 0.5;
/// Seconds of looping noise for the bed.
const NOISE_S: f32 = 3.0;

/// What is stored: exactly this, `{"version":1,"muted":true|false}`.
fn stored(muted: bool) -> String {
    format!("{{\"version\":{VERSION},\"muted\":{muted}}}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered mute choice, or `None` when nothing usable is stored: anything but
/// what this version writes (another version, junk) counts as nothing.
fn remembered() -> Option<bool> {
    let text = storage()?.get_item(KEY).ok()??;
    [true, false].into_iter().find(|&m| text == stored(m))
}

pub struct Audio {
    mode: AudioMode,
    muted: bool,
    ctx: Option<AudioContext>,
    master: Option<GainNode>,
    noise: Option<AudioBuffer>,
    /// The bed now playing: its sources, every node (to disconnect), its gain.
    bed: Option<(Vec<AudioScheduledSourceNode>, Vec<AudioNode>, GainNode)>,
    /// The scene whose bed belongs to the round under way.
    scene: Option<String>,
    /// `#mute` in the header.
    button: Option<Element>,
    /// Creating the context failed: stay silent, do not try again.
    failed: bool,
    /// Handles a refused `resume()`: does nothing.
    ignore: Closure<dyn FnMut(JsValue)>,
    /// The wind at a height (an edge view): its nodes and the gain the gusts move.
    wind: Option<(Vec<AudioScheduledSourceNode>, Vec<AudioNode>, GainNode)>,
    /// The player is in an edge view: the wind should blow.
    windy: bool,
    /// When the gas detector last beeped (frame time, ms).
    last_beep: f64,
}

impl Audio {
    /// `address`: the valid `?audio=` value, if any. Finds the mute button by its id.
    pub fn new(address: Option<AudioMode>, doc: &Document) -> Audio {
        let remembered = if address.is_some() {
            None
        } else {
            remembered()
        };
        let mode = AudioMode::resolve(address, remembered);
        // A browser without Web Audio: silent, and no button that would do nothing.
        let missing = !web_sys::window().is_some_and(|w| {
            js_sys::Reflect::has(&w, &JsValue::from_str("AudioContext")).unwrap_or(false)
        });
        let a = Audio {
            mode,
            muted: mode != AudioMode::On,
            ctx: None,
            master: None,
            noise: None,
            bed: None,
            scene: None,
            button: doc.get_element_by_id("mute"),
            failed: missing,
            ignore: Closure::new(|_| {}),
            wind: None,
            windy: false,
            last_beep: f64::NEG_INFINITY,
        };
        a.sync_button();
        a
    }

    /// What `hazardHunt.audio()` returns: `{state, muted, mode}`. `state` is `none` (no
    /// context yet, or `?audio=off`), `suspended`, `running` or `closed`; `mode` how
    /// sound started on this page (the address's `?audio=`, else on, or muted when the
    /// player muted it last time). Built by hand: a serde view costs more wasm.
    pub fn view(&self) -> JsValue {
        let state = match self.ctx.as_ref().map(|c| c.state()) {
            None => "none",
            Some(AudioContextState::Running) => "running",
            Some(AudioContextState::Closed) => "closed",
            Some(_) => "suspended",
        };
        let o = js_sys::Object::new();
        for (k, v) in [
            ("state", JsValue::from_str(state)),
            ("muted", JsValue::from_bool(self.muted)),
            ("mode", JsValue::from_str(self.mode.code())),
        ] {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
        }
        o.into()
    }

    fn sync_button(&self) {
        let Some(b) = &self.button else { return };
        super::dom::show(b, self.mode != AudioMode::Off && !self.failed);
        if b.get_attribute("aria-pressed").as_deref() == Some(bool_str(self.muted)) {
            return;
        }
        let _ = b.set_attribute("aria-pressed", bool_str(self.muted));
        // A speaker with sound waves, or crossed out.
        let mark = if self.muted {
            "M16 9l6 6M22 9l-6 6"
        } else {
            "M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
        };
        b.set_inner_html(&format!(
            "<svg viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\" \
             focusable=\"false\"><path fill=\"currentColor\" d=\"M3 9h4l5-4v14l-5-4H3z\"/>\
             <path d=\"{mark}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" \
             stroke-linecap=\"round\"/></svg>"
        ));
    }

    /// A pointer, key or click from the player: the moment a browser lets audio start.
    pub fn unlock(&mut self) {
        if self.mode == AudioMode::Off || self.failed {
            return;
        }
        if self.ctx.is_none() {
            match self.create() {
                Ok(()) => self.update_bed(),
                Err(_) => {
                    // No Web Audio here, or refused: silence, not an error.
                    self.failed = true;
                    self.ctx = None;
                    self.sync_button();
                    return;
                }
            }
        }
        let Some(ctx) = &self.ctx else { return };
        if ctx.state() == AudioContextState::Suspended {
            if let Ok(p) = ctx.resume() {
                // A refusal is not worth a console error (an unhandled rejection
                // would be one).
                let _ = p.catch(&self.ignore);
            }
        }
    }

    fn create(&mut self) -> Result<(), JsValue> {
        let ctx = AudioContext::new()?;
        let master = ctx.create_gain()?;
        master
            .gain()
            .set_value(if self.muted { 0.0 } else { MASTER });
        master.connect_with_audio_node(&ctx.destination())?;
        // White noise loops without a seam; filters give it its colour.
        let rate = ctx.sample_rate();
        let len = (rate * NOISE_S) as u32;
        let noise = ctx.create_buffer(1, len, rate)?;
        let mut seed: u32 = 0x9e37_79b9;
        let samples: Vec<f32> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed as f32 / u32::MAX as f32 * 2.0 - 1.0
            })
            .collect();
        noise.copy_to_channel(&samples, 0)?;
        self.ctx = Some(ctx);
        self.master = Some(master);
        self.noise = Some(noise);
        Ok(())
    }

    /// The mute button. Goes on the device's memory unless sound is off.
    pub fn toggle_mute(&mut self) {
        if self.mode == AudioMode::Off {
            return;
        }
        self.muted = !self.muted;
        self.sync_button();
        if let Some(s) = storage() {
            // Refused storage only means the choice is not remembered.
            let _ = s.set_item(KEY, &stored(self.muted));
        }
        if let (Some(ctx), Some(master)) = (&self.ctx, &self.master) {
            let target = if self.muted { 0.0 } else { MASTER };
            let _ = master
                .gain()
                .set_target_at_time(target, ctx.current_time(), 0.05);
        }
        self.update_bed();
    }

    /// Subscriber: the bed follows the round, cues follow what happened.
    pub fn on_event(&mut self, ev: &Event) {
        match ev {
            Event::RoundStarted { scene_id, .. } => {
                self.scene = Some(scene_id.clone());
                self.update_bed();
            }
            Event::RoundEnded { summary } => {
                self.scene = None;
                self.update_bed();
                match summary.end {
                    // C E G C: a little fanfare.
                    EndReason::AllFound => self.cue(
                        OscillatorType::Triangle,
                        &[
                            (0.0, 523.3, 0.3, 0.2),
                            (0.12, 659.3, 0.3, 0.2),
                            (0.24, 784.0, 0.3, 0.2),
                            (0.36, 1046.5, 0.9, 0.22),
                        ],
                    ),
                    // G up to C, calm.
                    EndReason::GaveUp | EndReason::TimeUp => self.cue(
                        OscillatorType::Sine,
                        &[(0.0, 392.0, 0.5, 0.16), (0.18, 523.3, 0.7, 0.16)],
                    ),
                    EndReason::Abandoned | EndReason::WalkedAway => {}
                }
            }
            Event::ReturnedToTitle | Event::AttractStarted { .. } => {
                self.scene = None;
                self.update_bed();
            }
            Event::ViewEntered { kind, .. } => {
                self.windy = *kind == crate::view::ViewKind::Edge;
                self.update_wind();
            }
            Event::ViewLeft { .. } => {
                self.windy = false;
                self.update_wind();
            }
            // The detector's alarm starts: two quick high tones (then it keeps beeping
            // at the pace the readings set, see `frame`).
            Event::GasAlarm { on: true, .. } => self.cue(
                OscillatorType::Square,
                &[(0.0, 2093.0, 0.09, 0.07), (0.12, 2093.0, 0.09, 0.07)],
            ),
            Event::HazardFound { .. } => {
                // C E G, quick and bright.
                self.cue(
                    OscillatorType::Triangle,
                    &[
                        (0.0, 523.3, 0.3, 0.22),
                        (0.08, 659.3, 0.3, 0.22),
                        (0.16, 784.0, 0.5, 0.22),
                    ],
                );
                self.vibrate();
            }
            // A soft low "bup", gliding down.
            Event::Miss { .. } => self.glide(300.0, 200.0, 0.18, 0.18),
            // Ding-dong: fine as it is.
            Event::DecoyTapped { .. } => self.cue(
                OscillatorType::Sine,
                &[(0.0, 784.0, 0.35, 0.16), (0.14, 659.3, 0.45, 0.16)],
            ),
            // A faint sparkle: A C# E.
            Event::HintShown { .. } => self.cue(
                OscillatorType::Sine,
                &[
                    (0.0, 880.0, 0.25, 0.08),
                    (0.06, 1108.7, 0.25, 0.08),
                    (0.12, 1318.5, 0.35, 0.08),
                ],
            ),
            _ => {}
        }
    }

    /// The context, when sound can be heard now.
    fn live(&self) -> Option<(&AudioContext, &GainNode)> {
        let ctx = self.ctx.as_ref()?;
        (!self.muted && ctx.state() == AudioContextState::Running)
            .then_some(())
            .and(self.master.as_ref().map(|m| (ctx, m)))
    }

    /// Notes `(delay s, Hz, length s, peak)`.
    fn cue(&self, wave: OscillatorType, notes: &[(f64, f32, f64, f32)]) {
        let Some((ctx, master)) = self.live() else {
            return;
        };
        let now = ctx.current_time() + 0.01;
        for &(delay, hz, len, peak) in notes {
            let _ = tone(ctx, master, wave, now + delay, hz, None, len, peak);
        }
    }

    fn glide(&self, from: f32, to: f32, len: f64, peak: f32) {
        if let Some((ctx, master)) = self.live() {
            let at = ctx.current_time() + 0.01;
            let _ = tone(
                ctx,
                master,
                OscillatorType::Sine,
                at,
                from,
                Some(to),
                len,
                peak,
            );
        }
    }

    /// A short buzz on phones that have one, when sound is wanted.
    fn vibrate(&self) {
        if self.mode == AudioMode::Off || self.muted {
            return;
        }
        let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
            return;
        };
        // Safari has no `vibrate`: calling it would throw.
        if js_sys::Reflect::has(&nav, &JsValue::from_str("vibrate")).unwrap_or(false) {
            nav.vibrate_with_duration(30);
        }
    }

    /// Once a frame: the gas detector beeps at the pace its readings set (faster near
    /// danger), and the wind at an edge gusts with the game's wind.
    pub fn frame(&mut self, now_ms: f64, beep_ms: Option<f64>, wind_force: Option<f64>) {
        if let Some(gap) = beep_ms {
            if now_ms - self.last_beep >= gap {
                self.last_beep = now_ms;
                self.cue(OscillatorType::Square, &[(0.0, 2637.0, 0.05, 0.05)]);
            }
        }
        if let (Some(force), Some((_, _, gain)), Some(ctx)) = (wind_force, &self.wind, &self.ctx) {
            // Force 4 is a breeze, force 8 a gale: louder with every step.
            let level = ((force - 3.0) / 5.0).clamp(0.05, 1.0) as f32;
            let _ = gain
                .gain()
                .set_target_at_time(level * 0.9, ctx.current_time(), 0.25);
        }
    }

    /// Starts or stops the wind: it blows in an edge view while sound is on.
    fn update_wind(&mut self) {
        let want = !self.muted && self.windy && self.scene.is_some() && self.ctx.is_some();
        if want == self.wind.is_some() {
            return;
        }
        if want {
            if let Ok(w) = self.start_wind() {
                self.wind = Some(w);
            }
        } else if let (Some(w), Some(ctx)) = (self.wind.take(), &self.ctx) {
            fade_out(ctx, w);
        }
    }

    /// A new graph on the context, with the master gain and the noise buffer (an
    /// error while there is no context yet).
    fn graph(&self) -> Result<(Graph<'_>, &GainNode, &AudioBuffer), JsValue> {
        let (Some(ctx), Some(master), Some(noise)) = (&self.ctx, &self.master, &self.noise) else {
            return Err(JsValue::NULL);
        };
        let b = Graph {
            ctx,
            sources: Vec::new(),
            nodes: Vec::new(),
        };
        Ok((b, master, noise))
    }

    #[allow(clippy::type_complexity)]
    fn start_wind(
        &self,
    ) -> Result<(Vec<AudioScheduledSourceNode>, Vec<AudioNode>, GainNode), JsValue> {
        let (mut b, master, noise) = self.graph()?;
        let ctx = b.ctx;
        let gust = b.gain(0.0, master)?;
        // Wind in the ears up high: a hollow band of noise whose pitch whistles up and
        // down with the gusts.
        let band = b.filter(BiquadFilterType::Bandpass, 700.0, 1.6, &gust)?;
        let src = ctx.create_buffer_source()?;
        src.set_buffer(Some(noise));
        src.set_loop(true);
        src.playback_rate().set_value(0.7);
        src.connect_with_audio_node(&band)?;
        b.sources.push(src.clone().into());
        b.nodes.push(src.into());
        b.lfo(0.23, 380.0, &band.frequency())?;
        for s in &b.sources {
            s.start()?;
        }
        Ok((b.sources, b.nodes, gust))
    }

    /// Starts or stops the bed: it plays during a round while sound is on.
    fn update_bed(&mut self) {
        let want = !self.muted && self.scene.is_some() && self.ctx.is_some();
        if want == self.bed.is_some() {
            return;
        }
        if want {
            if let Ok(bed) = self.start_bed() {
                self.bed = Some(bed);
            }
        } else if let (Some(bed), Some(ctx)) = (self.bed.take(), &self.ctx) {
            fade_out(ctx, bed);
        }
        self.update_wind();
    }

    #[allow(clippy::type_complexity)]
    fn start_bed(
        &self,
    ) -> Result<(Vec<AudioScheduledSourceNode>, Vec<AudioNode>, GainNode), JsValue> {
        let (mut b, master, noise) = self.graph()?;
        let ctx = b.ctx;
        // The bed fades in over two seconds.
        let now = ctx.current_time();
        let bed = b.gain(0.0, master)?;
        bed.gain().set_value_at_time(0.0, now)?;
        bed.gain().linear_ramp_to_value_at_time(1.0, now + 2.0)?;

        // (filter, Hz, Q, level, LFO Hz, how far the LFO moves the filter)
        let (kind, hz, q, level, lfo_hz, sweep) = match self.scene.as_deref() {
            // Street traffic above the manhole: a low rumble swelling as cars pass.
            Some("sewer") => (BiquadFilterType::Lowpass, 380.0, 0.6, 0.6, 0.08, 220.0),
            // Wind over the building site.
            Some("site") => (BiquadFilterType::Bandpass, 520.0, 0.8, 0.45, 0.11, 260.0),
            // Anywhere else: soft room tone.
            _ => (BiquadFilterType::Lowpass, 600.0, 0.5, 0.35, 0.07, 150.0),
        };
        let level_gain = b.gain(level, &bed)?;
        let filter = b.filter(kind, hz, q, &level_gain)?;
        let src = ctx.create_buffer_source()?;
        src.set_buffer(Some(noise));
        src.set_loop(true);
        src.connect_with_audio_node(&filter)?;
        b.sources.push(src.clone().into());
        b.nodes.push(src.into());
        // The slow LFO sweeps the filter (brighter, louder as a car passes) and swells
        // the level a little with it.
        b.lfo(lfo_hz, sweep, &filter.frequency())?;
        b.lfo(lfo_hz, level * 0.4, &level_gain.gain())?;

        if self.scene.as_deref() == Some("site") {
            // Distant machinery: a low engine hum with a slow diesel throb.
            let hum = b.gain(0.05, &bed)?;
            let soft = b.filter(BiquadFilterType::Lowpass, 220.0, 0.7, &hum)?;
            b.osc(OscillatorType::Sawtooth, 70.0, &soft)?;
            b.lfo(1.8, 0.025, &hum.gain())?;
        }
        for s in &b.sources {
            s.start()?;
        }
        Ok((b.sources, b.nodes, bed))
    }
}

/// Fades a bed (or the wind) out, then stops it and lets go of every node.
fn fade_out(ctx: &AudioContext, bed: (Vec<AudioScheduledSourceNode>, Vec<AudioNode>, GainNode)) {
    let (sources, nodes, gain) = bed;
    let now = ctx.current_time();
    let g = gain.gain();
    let _ = g.cancel_scheduled_values(now);
    let _ = g.set_target_at_time(0.0, now, 0.2);
    for s in &sources {
        let _ = s.stop_with_when(now + 1.0);
    }
    if let Some(first) = sources.first() {
        let done = Closure::once_into_js(move || {
            for n in nodes {
                let _ = n.disconnect();
            }
        });
        first.set_onended(Some(done.unchecked_ref()));
    }
}

/// Builds the bed: every node it makes is kept (to disconnect), every source too (to
/// start and stop).
struct Graph<'a> {
    ctx: &'a AudioContext,
    sources: Vec<AudioScheduledSourceNode>,
    nodes: Vec<AudioNode>,
}

impl Graph<'_> {
    fn gain(&mut self, value: f32, to: &AudioNode) -> Result<GainNode, JsValue> {
        let g = self.ctx.create_gain()?;
        g.gain().set_value(value);
        g.connect_with_audio_node(to)?;
        self.nodes.push(g.clone().into());
        Ok(g)
    }

    fn filter(
        &mut self,
        kind: BiquadFilterType,
        hz: f32,
        q: f32,
        to: &AudioNode,
    ) -> Result<BiquadFilterNode, JsValue> {
        let f = self.ctx.create_biquad_filter()?;
        f.set_type(kind);
        f.frequency().set_value(hz);
        f.q().set_value(q);
        f.connect_with_audio_node(to)?;
        self.nodes.push(f.clone().into());
        Ok(f)
    }

    fn osc(&mut self, wave: OscillatorType, hz: f32, to: &AudioNode) -> Result<(), JsValue> {
        let o = self.ctx.create_oscillator()?;
        o.set_type(wave);
        o.frequency().set_value(hz);
        o.connect_with_audio_node(to)?;
        self.sources.push(o.clone().into());
        self.nodes.push(o.into());
        Ok(())
    }

    /// A sine LFO at `hz` moving `param` by ± `depth`.
    fn lfo(&mut self, hz: f32, depth: f32, param: &AudioParam) -> Result<(), JsValue> {
        let amount = self.ctx.create_gain()?;
        amount.gain().set_value(depth);
        amount.connect_with_audio_param(param)?;
        self.nodes.push(amount.clone().into());
        self.osc(OscillatorType::Sine, hz, &amount)
    }
}

impl Drop for Audio {
    fn drop(&mut self) {
        // Closing a context that is not closed yet does not fail.
        if let Some(ctx) = self.ctx.take() {
            let _ = ctx.close();
        }
    }
}

/// One note: quick attack, gentle exponential fade; both nodes let go when it ends.
#[allow(clippy::too_many_arguments)]
fn tone(
    ctx: &AudioContext,
    out: &GainNode,
    wave: OscillatorType,
    at: f64,
    hz: f32,
    glide_to: Option<f32>,
    len: f64,
    peak: f32,
) -> Result<(), JsValue> {
    let osc = ctx.create_oscillator()?;
    osc.set_type(wave);
    let f = osc.frequency();
    f.set_value_at_time(hz, at)?;
    if let Some(to) = glide_to {
        f.exponential_ramp_to_value_at_time(to, at + len)?;
    }
    let env = ctx.create_gain()?;
    let g = env.gain();
    g.set_value_at_time(0.0, at)?;
    g.linear_ramp_to_value_at_time(peak, at + 0.015)?;
    g.exponential_ramp_to_value_at_time(0.0001, at + len)?;
    osc.connect_with_audio_node(&env)?;
    env.connect_with_audio_node(out)?;
    osc.start_with_when(at)?;
    osc.stop_with_when(at + len + 0.02)?;
    let (o, e) = (osc.clone(), env);
    let done = Closure::once_into_js(move || {
        let _ = o.disconnect();
        let _ = e.disconnect();
    });
    osc.set_onended(Some(done.unchecked_ref()));
    Ok(())
}
