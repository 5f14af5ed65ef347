// Drawing on the input grid: click or drag to paint (dragging from an inked cell erases), or
// use the keyboard: arrows move a cursor, Space or Enter flips the cell, Delete erases it.
// Works on a GridView (grid-view.js) and plain 0/1 arrays; the model never hears of it directly.

const KEY_MOVES = {
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
};

/**
 * Makes `view` (a GridView of 0/1 pixels) paintable. `getPixels()` returns the current image;
 * `onChange(pixels)` gets every edit; `onDone()` follows the end of a stroke or key press;
 * `announce(text)` speaks what the keyboard did (an aria-live region).
 */
export function attachPainter(
  view,
  { getPixels, onChange, onDone = () => {}, announce = () => {} },
) {
  const { canvas, rows, cols } = view;
  let stroke = null; // { pointerId, ink, last } while a pointer is down
  let cursor = 0;

  const paint = (index, ink) => {
    const pixels = Array.from(getPixels());
    if (index < 0 || pixels[index] === ink) return;
    pixels[index] = ink;
    onChange(pixels);
  };
  const describe = (index) => {
    const ink = getPixels()[index] > 0.5;
    return `row ${Math.floor(index / cols) + 1}, column ${(index % cols) + 1}: ${ink ? 'ink' : 'blank'}`;
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || stroke) return;
    const index = view.cellAt(e.clientX, e.clientY);
    if (index < 0) return;
    e.preventDefault(); // no text selection, no focus-scroll jump; focus comes next
    canvas.focus({ preventScroll: true });
    canvas.setPointerCapture(e.pointerId);
    stroke = { pointerId: e.pointerId, ink: getPixels()[index] > 0.5 ? 0 : 1, last: index };
    cursor = index;
    paint(index, stroke.ink);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!stroke || e.pointerId !== stroke.pointerId) return;
    // Coalesced events catch the cells a fast drag skips between two frames.
    for (const ev of e.getCoalescedEvents?.() ?? [e]) {
      const index = view.cellAt(ev.clientX, ev.clientY);
      if (index < 0 || index === stroke.last) continue;
      stroke.last = index;
      cursor = index;
      paint(index, stroke.ink);
    }
  });
  const endStroke = (e) => {
    if (!stroke || e.pointerId !== stroke.pointerId) return;
    stroke = null;
    onDone();
  };
  canvas.addEventListener('pointerup', endStroke);
  canvas.addEventListener('pointercancel', endStroke);

  canvas.addEventListener('focus', () => {
    // Only the keyboard needs the outline; a click already shows where it is.
    if (!stroke) view.setHighlight(cursor);
  });
  canvas.addEventListener('blur', () => {
    view.setHighlight(-1);
    view.tip.hide();
  });
  canvas.addEventListener('keydown', (e) => {
    let handled = true;
    const r = Math.floor(cursor / cols);
    const c = cursor % cols;
    if (e.key in KEY_MOVES) {
      const [dr, dc] = KEY_MOVES[e.key];
      cursor =
        Math.min(rows - 1, Math.max(0, r + dr)) * cols + Math.min(cols - 1, Math.max(0, c + dc));
    } else if (e.key === 'Home') {
      cursor = r * cols;
    } else if (e.key === 'End') {
      cursor = r * cols + cols - 1;
    } else if (e.key === ' ' || e.key === 'Enter') {
      paint(cursor, getPixels()[cursor] > 0.5 ? 0 : 1);
      onDone();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      paint(cursor, 0);
      onDone();
    } else {
      handled = false;
    }
    if (!handled) return;
    e.preventDefault();
    view.setHighlight(cursor);
    view.showTip(cursor);
    announce(describe(cursor));
  });
}
