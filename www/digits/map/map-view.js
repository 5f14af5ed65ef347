// Which part of a map the canvas shows, and how a cursor walks it. A view is relative to the
// points' own range (the "fit", which scatter.js eases as the model trains): [u0, u1, v0, v1]
// in fractions of it, null for the whole. So a reader zoomed in on a corner keeps that corner
// while new frames grow or shrink the map, instead of being thrown back to the whole, or left
// staring at a spot the points have moved away from. Plain numbers in and out: no DOM.

/** Deepest zoom: the view's side as a share of the fit's, at least 1/MAX_ZOOM. */
export const MAX_ZOOM = 400;

/** From this zoom on, items are drawn as their images (or glyphs) instead of dots. */
export const IMAGE_ZOOM = 3;

/** How far one press of + or - (or a zoom button) zooms. */
export const ZOOM_STEP = 1.5;

/** The view's zoom: 1 for the whole map, 4 for a quarter of its side. */
export const zoomOf = (view) => (view ? 1 / (view[1] - view[0]) : 1);

/**
 * `view` zoomed by `factor` (> 1: in) about the point (u, v) of the fit (fractions, y up), which
 * stays where it is on the canvas; null once back out to the whole map.
 */
export function zoomAbout(view, factor, u, v) {
  const [u0, u1, v0, v1] = view ?? [0, 1, 0, 1];
  const zoom = Math.min(MAX_ZOOM, zoomOf(view) * factor);
  if (zoom <= 1 + 1e-9) return null;
  const shrink = 1 / zoom / (u1 - u0);
  return keepInside([
    u + (u0 - u) * shrink,
    u + (u1 - u) * shrink,
    v + (v0 - v) * shrink,
    v + (v1 - v) * shrink,
  ]);
}

/** `view` moved by (du, dv) fractions of the fit (the whole map does not move: null stays null). */
export function panBy(view, du, dv) {
  if (!view) return null;
  return keepInside([view[0] + du, view[1] + du, view[2] + dv, view[3] + dv]);
}

/** `view` moved as little as needed to show the point (u, v) of the fit with a `margin`. */
export function panTo(view, u, v, margin = 0.05) {
  if (!view) return null;
  const side = view[1] - view[0];
  const pad = side * margin;
  const du = Math.min(0, u - pad - view[0]) + Math.max(0, u + pad - view[1]);
  const dv = Math.min(0, v - pad - view[2]) + Math.max(0, v + pad - view[3]);
  return du || dv ? panBy(view, du, dv) : view;
}

// A view's centre stays on the fit, so the points can never be panned out of sight entirely.
function keepInside(view) {
  const side = view[1] - view[0];
  const cu = Math.min(1, Math.max(0, (view[0] + view[1]) / 2));
  const cv = Math.min(1, Math.max(0, (view[2] + view[3]) / 2));
  return [cu - side / 2, cu + side / 2, cv - side / 2, cv + side / 2];
}

/** The data range `view` shows of the fit `range` ([x0, x1, y0, y1]). */
export function viewRange(range, view) {
  if (!view) return range;
  const [x0, x1, y0, y1] = range;
  const sx = x1 - x0;
  const sy = y1 - y0;
  return [x0 + view[0] * sx, x0 + view[1] * sx, y0 + view[2] * sy, y0 + view[3] * sy];
}

/** The point (u, v) of the fit `range` at data point (x, y). */
export function fitPoint(range, x, y) {
  const [x0, x1, y0, y1] = range;
  return [(x - x0) / (x1 - x0 || 1), (y - y0) / (y1 - y0 || 1)];
}

/**
 * Up to `cap` of the items whose screen position (`screen`, CSS px, 2 per item) lies inside
 * `box` ([x0, x1, y0, y1]) grown by `reach`: all of them if they are few, else every k-th, so
 * the ones drawn spread over the view and stay the same while nothing moves.
 */
export function visibleItems(screen, box, reach, cap) {
  const [x0, x1, y0, y1] = box;
  const inside = [];
  for (let i = 0; i < screen.length / 2; i++) {
    const x = screen[2 * i];
    const y = screen[2 * i + 1];
    if (x >= x0 - reach && x <= x1 + reach && y >= y0 - reach && y <= y1 + reach) inside.push(i);
  }
  if (inside.length <= cap) return inside;
  const stride = inside.length / cap;
  return Array.from({ length: cap }, (_, k) => inside[Math.floor(k * stride)]);
}

/** The item nearest to (x, y), CSS px (`screen`: 2 per item); -1 for none. */
export function nearestTo(screen, x, y) {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < screen.length / 2; i++) {
    const d = (screen[2 * i] - x) ** 2 + (screen[2 * i + 1] - y) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** Arrow keys as screen directions (y grows downwards). */
export const KEY_DIRECTIONS = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The item to go to from item `from` in direction [dx, dy]: the closest within 45 degrees of it,
 * sideways distance counting double; `from` itself when there is none (the map's edge).
 */
export function stepFrom(screen, from, [dx, dy]) {
  const x0 = screen[2 * from];
  const y0 = screen[2 * from + 1];
  let best = from;
  let bestCost = Infinity;
  for (let i = 0; i < screen.length / 2; i++) {
    const ax = screen[2 * i] - x0;
    const ay = screen[2 * i + 1] - y0;
    const along = ax * dx + ay * dy;
    const across = Math.abs(ax * dy - ay * dx);
    if (i === from || along <= 0 || across > along) continue;
    const cost = along + 2 * across;
    if (cost < bestCost) [best, bestCost] = [i, cost];
  }
  return best;
}
