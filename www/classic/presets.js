// The digit presets: one button per glyph of digit.js, each showing its 8x8 image, plus Clear.
import { watchCanvas } from '../core/canvas.js';
import { DIGITS, SIZE } from '../core/digit.js';
import { drawGrid } from '../core/grid.js';

/**
 * Fills `container` with the preset buttons. `onPick(pixels, digit)` gets a copy of the glyph
 * (digit null for Clear). Returns `{ setActive(digit) }` to mark the digit the input shows.
 */
export function createPresets(container, { onPick }) {
  const doc = container.ownerDocument;
  const buttons = DIGITS.map((glyph, digit) => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'preset';
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-label', `Digit ${digit}`);
    button.dataset.digit = String(digit);
    const canvas = doc.createElement('canvas');
    canvas.className = 'glyph';
    canvas.width = canvas.height = 2 * SIZE;
    canvas.setAttribute('aria-hidden', 'true');
    const label = doc.createElement('span');
    label.textContent = String(digit);
    button.append(canvas, label);
    watchCanvas(canvas, () => drawGrid(canvas, glyph, SIZE, SIZE));
    button.addEventListener('click', () => onPick([...glyph], digit));
    return button;
  });
  const clear = doc.createElement('button');
  clear.type = 'button';
  clear.className = 'preset preset-clear';
  clear.textContent = 'Clear';
  clear.addEventListener('click', () => onPick(new Array(SIZE * SIZE).fill(0), null));
  container.append(...buttons, clear);

  return {
    setActive(digit) {
      buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(i === digit)));
    },
  };
}
