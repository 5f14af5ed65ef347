// A map's zoom and pan by pointer and keys (the view itself: map-view.js, scatter.js's setView):
// the wheel (a trackpad's pinch arrives as a wheel with ctrlKey) zooms about the pointer, a drag
// pans a zoomed map, a double click goes back to every point (a wheel turned out at the whole
// map scrolls the page, as over anything else); + and - zoom about the view's
// centre and 0 goes back, for a focused map. A drag is not a click: it picks nothing.
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
    const side = press.view[1] - press.view[0];
    map.setView(panBy(press.view, (-dx / map.plot.w) * side, (dy / map.plot.h) * side));
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
