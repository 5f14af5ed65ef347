// A map's zoom and pan by pointer and keys (the view itself: map-view.js, scatter.js's setView):
// the wheel (a trackpad's pinch arrives as a wheel with ctrlKey) zooms about the pointer, a drag
// pans a zoomed map, a double click goes back to every point (a wheel turned out at the whole
// map scrolls the page, as over anything else); two fingers pinch and one pans a zoomed map on a
// touch screen; + and - zoom about the view's centre and 0 goes back, for a focused map. A drag is not a click: it picks nothing.
import { panBy, ZOOM_STEP } from './map-view.js';

// Wheel deltas to zoom factors: a notch of a mouse wheel (100 px) zooms by about 1.2, a pinch
// (ctrlKey; small deltas) as fast as the fingers move.
const WHEEL = 0.0018;
const PINCH = 0.01;
// Pointer travel (CSS px) from which a press is a drag, not a click.
const DRAG_FROM = 3;

/** Wires zoom and pan on `map` (a ScatterMap) for the pointer, the wheel and the keys. */
export function attachZoom(map) {
  const { canvas } = map;
  canvas.addEventListener(
    'wheel',
    (e) => {
      const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const factor = Math.exp(-e.deltaY * lines * (e.ctrlKey ? PINCH : WHEEL));
      // Out past the whole map there is nothing to zoom: the wheel scrolls the page on.
      if (!map.range || (!map.view && factor <= 1)) return;
      e.preventDefault();
      map.zoomBy(factor, e.clientX, e.clientY);
    },
    { passive: false },
  );
  // Moves the view by (dx, dy) CSS pixels of the plot, as a drag does.
  const pan = (view, dx, dy) => {
    const side = view[1] - view[0];
    return panBy(view, (-dx / map.plot.w) * side, (dy / map.plot.h) * side);
  };
  const panPixels = (dx, dy) => map.view && map.plot && map.setView(pan(map.view, dx, dy));
  let press = null; // { x, y, view } where a drag started
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || e.pointerType === 'touch' || !map.view) return;
    press = { x: e.clientX, y: e.clientY, view: map.view };
    map.dragged = false;
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!press || !map.plot) return;
    const dx = e.clientX - press.x;
    const dy = e.clientY - press.y;
    if (!map.dragging && Math.hypot(dx, dy) < DRAG_FROM) return;
    if (!map.dragging) {
      map.dragging = true;
      map.dragged = true;
      map.hoverAt(-1);
      map.onPoint?.(null);
    }
    map.setView(pan(press.view, dx, dy));
  });
  const release = () => {
    press = null;
    map.dragging = false;
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);
  // The click that ends a drag comes after pointerup: it is told apart by `dragged`, then reset.
  canvas.addEventListener('click', () => setTimeout(() => (map.dragged = false)), true);
  canvas.addEventListener('dblclick', () => map.setView(null));
  attachTouch(map, panPixels);
  canvas.addEventListener('keydown', (e) => {
    if (e.altKey || e.metaKey || !map.range) return;
    const act = {
      '+': () => map.zoomBy(ZOOM_STEP),
      '=': () => map.zoomBy(ZOOM_STEP),
      '-': () => map.zoomBy(1 / ZOOM_STEP),
      0: () => map.setView(null),
    }[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  });
}

/**
 * Touch on `map` (`panPixels(dx, dy)` moves its view as a drag does): two fingers pinch about their midpoint and move the view with it; one finger
 * pans a zoomed map. On the whole map one finger scrolls the page, as anywhere else (scatter.js
 * sets the canvas's touch-action by its view).
 */
function attachTouch(map, panPixels) {
  const { canvas } = map;
  const fingers = new Map(); // pointerId -> [clientX, clientY]
  let pinch = null; // the two fingers' last { d: distance, x, y: midpoint }
  const spread = () => {
    const [[ax, ay], [bx, by]] = fingers.values();
    return { d: Math.hypot(ax - bx, ay - by), x: (ax + bx) / 2, y: (ay + by) / 2 };
  };
  canvas.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'touch' || !map.range) return;
    fingers.set(e.pointerId, [e.clientX, e.clientY]);
    canvas.setPointerCapture(e.pointerId);
    pinch = fingers.size === 2 ? spread() : null;
  });
  canvas.addEventListener('pointermove', (e) => {
    const last = fingers.get(e.pointerId);
    if (!last) return;
    fingers.set(e.pointerId, [e.clientX, e.clientY]);
    if (pinch && fingers.size === 2) {
      const now = spread();
      if (pinch.d > 0 && now.d > 0) map.zoomBy(now.d / pinch.d, now.x, now.y);
      panPixels(now.x - pinch.x, now.y - pinch.y);
      pinch = now;
    } else if (fingers.size === 1) panPixels(e.clientX - last[0], e.clientY - last[1]);
  });
  const lift = (e) => {
    fingers.delete(e.pointerId);
    pinch = fingers.size === 2 ? spread() : null;
  };
  canvas.addEventListener('pointerup', lift);
  canvas.addEventListener('pointercancel', lift);
}
