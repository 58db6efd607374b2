//! Plane geometry in scene units: points, rectangles and simple polygons.
//!
//! Hazard regions are polygons (convex or concave, not self-intersecting). Points on an
//! edge count as inside, so a tap exactly on an outline is a find.

use serde::{Deserialize, Serialize};

/// A point in scene units (or CSS pixels, where a caller says so).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies wholly inside (edges included).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// The part both cover, if any.
    pub fn intersection(&self, other: &Rect) -> Option<Rect> {
        let (x, y) = (self.x.max(other.x), self.y.max(other.y));
        let (r, b) = (
            self.right().min(other.right()),
            self.bottom().min(other.bottom()),
        );
        (r > x && b > y).then(|| Rect::new(x, y, r - x, b - y))
    }
}

/// Tolerance for "on the edge", in the polygon's own units.
const EDGE_EPS: f64 = 1e-9;

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

/// Iterates over the edges of a closed polygon.
fn edges(poly: &[Point]) -> impl Iterator<Item = (Point, Point)> + '_ {
    poly.iter()
        .copied()
        .zip(poly.iter().copied().cycle().skip(1))
}

/// Distance from `p` to the outline of `poly` (0 on the outline).
pub fn distance_to_outline(p: Point, poly: &[Point]) -> f64 {
    edges(poly)
        .map(|(a, b)| distance_to_segment(p, a, b))
        .fold(f64::INFINITY, f64::min)
}

/// Whether `p` is inside `poly` or on its outline (even-odd rule, so concave
/// polygons work).
pub fn contains(poly: &[Point], p: Point) -> bool {
    if poly.len() < 3 {
        return false;
    }
    distance_to_outline(p, poly) <= EDGE_EPS || odd_crossings(poly, p)
}

/// Whether a ray from `p` to the right crosses the outline an odd number of times.
fn odd_crossings(poly: &[Point], p: Point) -> bool {
    let mut inside = false;
    for (a, b) in edges(poly) {
        if (a.y > p.y) != (b.y > p.y) {
            let x_cross = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if p.x < x_cross {
                inside = !inside;
            }
        }
    }
    inside
}

/// Signed area (positive when the vertices run clockwise in screen coordinates).
pub fn signed_area(poly: &[Point]) -> f64 {
    edges(poly).map(|(a, b)| a.x * b.y - b.x * a.y).sum::<f64>() / 2.0
}

/// Absolute area.
pub fn area(poly: &[Point]) -> f64 {
    signed_area(poly).abs()
}

/// Bounding box of a non-empty polygon.
pub fn bounds(poly: &[Point]) -> Rect {
    let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
    let (mut x1, mut y1) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in poly {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// Whether any two non-adjacent edges cross (a "bow-tie" polygon).
pub fn self_intersects(poly: &[Point]) -> bool {
    let n = poly.len();
    if n < 4 {
        return false;
    }
    let es: Vec<(Point, Point)> = edges(poly).collect();
    for i in 0..n {
        for j in (i + 2)..n {
            if i == 0 && j == n - 1 {
                continue; // adjacent through the closing edge
            }
            if segments_cross(es[i].0, es[i].1, es[j].0, es[j].1) {
                return true;
            }
        }
    }
    false
}

fn orient(a: Point, b: Point, c: Point) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

/// A point well inside the polygon (not merely on its edge), for markers and for
/// tests that need somewhere to click: of the centroid and the midpoints of the
/// horizontal spans across the polygon, the one farthest from the outline.
pub fn interior_point(poly: &[Point]) -> Point {
    let c = centroid(poly);
    // The distance to the outline if `p` is inside (as `contains` decides), else -1;
    // one pass over the edges for the distance, not two.
    let score = |p: Point| {
        if poly.len() < 3 {
            return -1.0;
        }
        let d = distance_to_outline(p, poly);
        if d <= EDGE_EPS || odd_crossings(poly, p) {
            d
        } else {
            -1.0
        }
    };
    span_midpoints(poly)
        .into_iter()
        .chain(std::iter::once(c))
        .map(|p| (score(p), p))
        .fold((f64::NEG_INFINITY, c), |best, cand| {
            if cand.0 > best.0 {
                cand
            } else {
                best
            }
        })
        .1
}

/// Area centroid; falls back to the vertex mean for degenerate polygons.
pub fn centroid(poly: &[Point]) -> Point {
    let a = signed_area(poly);
    if a.abs() < EDGE_EPS {
        let n = poly.len().max(1) as f64;
        let (sx, sy) = poly
            .iter()
            .fold((0.0, 0.0), |(sx, sy), p| (sx + p.x, sy + p.y));
        return Point::new(sx / n, sy / n);
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for (p, q) in edges(poly) {
        let cross = p.x * q.y - q.x * p.y;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
    }
    Point::new(cx / (6.0 * a), cy / (6.0 * a))
}

fn span_midpoints(poly: &[Point]) -> Vec<Point> {
    let b = bounds(poly);
    const LINES: usize = 15;
    let mut out = Vec::new();
    for i in 1..=LINES {
        let y = b.y + b.h * i as f64 / (LINES + 1) as f64;
        let mut xs: Vec<f64> = edges(poly)
            .filter(|(a, c)| (a.y > y) != (c.y > y))
            .map(|(a, c)| a.x + (y - a.y) * (c.x - a.x) / (c.y - a.y))
            .collect();
        xs.sort_by(f64::total_cmp);
        out.extend(
            xs.chunks_exact(2)
                .map(|pair| Point::new((pair[0] + pair[1]) / 2.0, y)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poly(pts: &[(f64, f64)]) -> Vec<Point> {
        pts.iter().map(|&(x, y)| Point::new(x, y)).collect()
    }

    #[test]
    fn widest_span_is_inside_u_shape() {
        // A "U": the centroid falls in the notch, outside the shape.
        let u = poly(&[
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 100.0),
            (90.0, 100.0),
            (90.0, 0.0),
            (100.0, 0.0),
            (100.0, 110.0),
            (0.0, 110.0),
        ]);
        let p = interior_point(&u);
        assert!(contains(&u, p));
        assert!(distance_to_outline(p, &u) > 1.0);
    }
}
