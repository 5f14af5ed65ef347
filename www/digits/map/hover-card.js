// The card that follows the pointer over a map: which image it is, the image itself, what the
// method rebuilt from its code, and the code. The title is known at once; the image (kept in
// the worker with the rest of the data), its reconstruction and its code come from the worker
// a moment later (fill), and the card never shows one image's pictures under another's title.
// Positioned with CSSOM properties (strict CSP).
import { el as makeEl } from '../../core/dom.js';
import { drawGrid } from '../../core/grid.js';
import { drawTiles } from './tiles.js';

/** A hover card inside `container` (a .tip-anchor); `reconLabel` names the rebuilt image. */
export function createHoverCard(container, { id, reconLabel }) {
  const doc = container.ownerDocument;
  const el = (tag, props, ...children) => makeEl(doc, tag, props, ...children);
  container.classList.add('tip-anchor');
  const title = el('p', { className: 'card-title' });
  const image = el('canvas', { className: 'card-image', width: 64, height: 64 });
  const recon = el('canvas', { className: 'card-image', width: 64, height: 64 });
  const code = el('p', { className: 'card-code' });
  const card = el(
    'div',
    { id, className: 'hover-card', hidden: true },
    title,
    el(
      'div',
      { className: 'card-images' },
      el('figure', {}, image, el('figcaption', {}, 'image')),
      el('figure', {}, recon, el('figcaption', {}, reconLabel)),
    ),
    code,
  );
  card.setAttribute('aria-hidden', 'true'); // the explorer below says the same, accessibly
  container.append(card);
  let index = -1;
  let shape = { width: 8, height: 8 };

  return {
    /** Images of `next` ({ width, height }) from now on: the data set's. */
    setShape(next) {
      shape = next;
    },
    /** Shows image `index` titled `text`, next to (x, y) in the container. */
    show({ index: i, text, x, y }) {
      const fresh = i !== index;
      index = i;
      card.dataset.index = String(i);
      title.textContent = text;
      if (fresh) {
        for (const canvas of [image, recon]) {
          canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
          delete canvas.dataset.values;
        }
        code.textContent = 'code …';
      }
      card.hidden = false;
      // Beside the dot, flipped to its left or above near the container's edges.
      const w = card.offsetWidth;
      const h = card.offsetHeight;
      const left = x + 14 + w > container.clientWidth ? Math.max(0, x - w - 14) : x + 14;
      const top = Math.min(Math.max(0, y - h / 2), Math.max(0, container.clientHeight - h));
      card.style.left = `${left}px`;
      card.style.top = `${top}px`;
    },
    /** The worker's answer for image `index`: its pixels, reconstruction and code (ignored if stale). */
    fill({ index: i, pixels, recon: values, code: z }) {
      // Also a frame of the data set before, landing after the new one's shape.
      if (i !== index || card.hidden || pixels.length !== shape.width * shape.height) return;
      if (shape.kind === 'table') {
        drawTiles(image, pixels, 1, 1, { shape });
        drawTiles(recon, values, 1, 1, { shape });
      } else {
        drawGrid(image, pixels, shape.height, shape.width);
        drawGrid(recon, values, shape.height, shape.width);
      }
      code.textContent = `code ${Array.from(z, (v) => v.toFixed(2)).join('  ')}`;
    },
    hide() {
      index = -1;
      card.hidden = true;
    },
  };
}
