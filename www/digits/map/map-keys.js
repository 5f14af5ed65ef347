// The latent map from the keyboard (the map is focusable): the arrow keys walk a cursor from
// item to item, to the nearest one in that direction on screen (items are what a reader is
// looking for; a step in code space would mostly land between them); Shift with an arrow moves
// a free point instead, a twentieth of the view's side at a time, and the decoder draws that
// point, as it does under the pointer; Enter picks the cursor's item for the explorer; + and -
// zoom (zoom.js); Escape leaves the cursor. Each key press says, once, in the polite `readout`,
// what the cursor is on. A cursor that leaves a zoomed view pans the view after it.
import { setText } from '../../core/dom.js';
import { fitPoint, KEY_DIRECTIONS, nearestTo, panTo, stepFrom } from './map-view.js';
import { decodedText } from './decode-card.js';

// A Shift+arrow moves the free point by this share of the view's side.
const FREE_STEP = 0.05;

/**
 * Wires the keys on `map` (a ScatterMap). `describe(i)`: item i in words; `pick(i)`: make it the
 * explorer's; `point(p)`: decode map point p ({ x, y, time, left, top }; null: stop).
 */
export function attachMapKeys(map, { readout, describe, pick, point }) {
  const { canvas } = map;
  let cursor = -1; // the item the cursor is on, or -1
  let free = null; // the free point [x, y] (Shift+arrows), or null

  // A cursor at map point (x, y) is kept in view: a zoomed view pans after it.
  const follow = (x, y) => {
    const view = panTo(map.view, ...fitPoint(map.range, x, y));
    if (view !== map.view) {
      map.setView(view);
      map.redraw();
    }
  };
  const toItem = (i) => {
    const stayed = i === cursor;
    cursor = i;
    free = null;
    const [x, y] = [map.positions[2 * i], map.positions[2 * i + 1]];
    follow(x, y);
    map.setMarks({ point: null });
    point(null);
    map.hovered = -2; // shown again even if the pointer left it there
    map.hoverAt(i);
    const words = `${describe(i)}, at ${pairText(x, y)}.`;
    setText(readout, stayed ? `No other image that way: still ${words}` : words);
  };
  const toPoint = (x, y, time) => {
    free = [x, y];
    cursor = -1;
    follow(x, y);
    map.hoverAt(-1);
    map.setMarks({ point: free });
    const [left, top] = map.anchorOf(x, y);
    point({ x, y, time, left, top });
    setText(readout, `Between the images: the decoder's picture, ${decodedText(free)}.`);
  };
  const leave = () => {
    cursor = -1;
    free = null;
    map.hoverAt(-1);
    map.setMarks({ point: null });
    point(null);
  };

  canvas.addEventListener('keydown', (e) => {
    if (!map.screen || !map.range || e.altKey || e.ctrlKey || e.metaKey) return;
    const dir = KEY_DIRECTIONS[e.key];
    if (dir && e.shiftKey) {
      const s = map.shown;
      const [x, y] =
        free ??
        (cursor >= 0
          ? [map.positions[2 * cursor], map.positions[2 * cursor + 1]]
          : [(s[0] + s[1]) / 2, (s[2] + s[3]) / 2]);
      const step = FREE_STEP * (s[1] - s[0]);
      toPoint(
        x + dir[0] * step,
        y - dir[1] * ((step * (s[3] - s[2])) / (s[1] - s[0])),
        e.timeStamp,
      );
    } else if (dir) {
      const { screen, plot } = map;
      toItem(
        cursor < 0
          ? nearestTo(screen, plot.x + plot.w / 2, plot.y + plot.h / 2)
          : stepFrom(screen, cursor, dir),
      );
    } else if ((e.key === 'Enter' || e.key === ' ') && cursor >= 0) {
      pick(cursor);
    } else if (e.key === 'Escape' && (cursor >= 0 || free)) {
      leave();
      setText(readout, 'Left the cursor.');
    } else {
      return;
    }
    e.preventDefault();
  });
  canvas.addEventListener('blur', leave);
}

const pairText = (x, y) => `(${x.toFixed(2)}, ${y.toFixed(2)})`;
