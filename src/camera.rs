//! Where the scene sits on the screen. The camera maps scene units to CSS pixels and
//! back; the web layer multiplies by devicePixelRatio only when it paints.
//!
//! Today the camera fits the whole scene into the viewport ("contain"). Pan and zoom
//! will change `scale` and `origin` here and nowhere else.

use crate::geom::{Point, Rect};
use crate::scene::Size;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The part of the page the scene may use, in CSS pixels.
    pub viewport: Rect,
    /// CSS pixels per scene unit.
    pub scale: f64,
    /// Where the scene's (0, 0) lands, in CSS pixels.
    pub origin: Point,
}

impl Camera {
    /// The largest scale at which the whole scene fits in `viewport`, centred.
    pub fn fit(scene: Size, viewport: Rect) -> Camera {
        let scale = if scene.w > 0.0 && scene.h > 0.0 {
            (viewport.w / scene.w).min(viewport.h / scene.h).max(1e-6)
        } else {
            1.0
        };
        let origin = Point::new(
            viewport.x + (viewport.w - scene.w * scale) / 2.0,
            viewport.y + (viewport.h - scene.h * scale) / 2.0,
        );
        Camera {
            viewport,
            scale,
            origin,
        }
    }

    /// CSS pixels → scene units.
    pub fn to_scene(&self, p: Point) -> Point {
        Point::new(
            (p.x - self.origin.x) / self.scale,
            (p.y - self.origin.y) / self.scale,
        )
    }

    /// Scene units → CSS pixels.
    pub fn to_screen(&self, p: Point) -> Point {
        Point::new(
            self.origin.x + p.x * self.scale,
            self.origin.y + p.y * self.scale,
        )
    }

    /// A distance in CSS pixels expressed in scene units.
    pub fn css_to_scene_len(&self, css: f64) -> f64 {
        css / self.scale
    }

    /// The scene rectangle on screen.
    pub fn scene_on_screen(&self, scene: Size) -> Rect {
        Rect::new(
            self.origin.x,
            self.origin.y,
            scene.w * self.scale,
            scene.h * self.scale,
        )
    }
}
