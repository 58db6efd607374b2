//! Event listeners and the animation frame loop, each owned by a value that
//! unsubscribes when dropped. Nothing here is `.forget()`-ed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// A DOM event listener, removed when this value is dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
    /// Added in the capture phase: removing it must say so.
    capture: bool,
}

impl Listener {
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        f: impl FnMut(Event) + 'static,
    ) -> Result<Listener, JsValue> {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
            capture: false,
        })
    }

    /// `new` with options: `passive: false` to be allowed to cancel a wheel or touch
    /// on the document, `capture` to hear an event before the page's own handlers.
    pub fn with_options(
        target: &EventTarget,
        kind: &'static str,
        options: &web_sys::AddEventListenerOptions,
        f: impl FnMut(Event) + 'static,
    ) -> Result<Listener, JsValue> {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            closure.as_ref().unchecked_ref(),
            options,
        )?;
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
            capture: options.get_capture().unwrap_or(false),
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.closure.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// A `requestAnimationFrame` loop: at most one frame in flight; dropping it cancels
/// the pending frame. The callback gets the frame timestamp in milliseconds.
pub struct FrameLoop {
    inner: Rc<FrameInner>,
}

type FrameCallback = Closure<dyn FnMut(f64)>;

struct FrameInner {
    closure: RefCell<Option<FrameCallback>>,
    pending: Cell<Option<i32>>,
}

impl FrameLoop {
    /// Starts calling `f` every frame until dropped.
    pub fn start(mut f: impl FnMut(f64) + 'static) -> Result<FrameLoop, JsValue> {
        let inner = Rc::new(FrameInner {
            closure: RefCell::new(None),
            pending: Cell::new(None),
        });
        let weak = Rc::downgrade(&inner);
        *inner.closure.borrow_mut() = Some(Closure::new(move |ts: f64| {
            let Some(inner) = weak.upgrade() else {
                return;
            };
            inner.pending.set(None);
            f(ts);
            // Ask for the next frame after the work, so a panic stops the loop.
            let _ = request(&inner);
        }));
        request(&inner)?;
        Ok(FrameLoop { inner })
    }
}

fn request(inner: &FrameInner) -> Result<(), JsValue> {
    let closure = inner.closure.borrow();
    let Some(cb) = closure.as_ref() else {
        return Ok(());
    };
    let id = super::window()?.request_animation_frame(cb.as_ref().unchecked_ref())?;
    inner.pending.set(Some(id));
    Ok(())
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        if let (Some(id), Ok(w)) = (self.inner.pending.take(), super::window()) {
            let _ = w.cancel_animation_frame(id);
        }
        // Break the closure's hold on itself.
        self.inner.closure.borrow_mut().take();
    }
}
