// The items' own pictures, for a map zoomed in far enough to show them in place of dots, for
// the decoded point's card, the gallery and the grid (tiles.js): a row of images' pixels drawn
// as its square image (64 -> 8x8, 784 -> 28x28), a table's row as a glyph of bars, one per
// value in the columns' order, over TABLE_RANGE. The pixels live in the engine (up to 100,000
// rows): the map asks for those it shows, one request in flight at a time, and keeps what came
// in an atlas, one canvas whose slots scatter.js draws from with drawImage, the least recently
// drawn given up first.
import { grayLevel } from '../../core/grid.js';

/** Most items drawn as pictures in one frame: past it, every k-th of those in view. */
export const IMAGE_CAP = 300;

// A glyph's side in pixels (bars are at least one pixel wide: wider rows share columns).
const GLYPH = 24;
// The zero line's grey under a column whose value rounds to it.
const AXIS = 80;
// Slots per side of the atlas: 1,024 pictures kept, three times the cap.
const ATLAS = 32;

/** What a table's glyphs span: its values are z-scores (table.js), most within 3 of 0. */
export const TABLE_RANGE = Object.freeze([-3, 3]);

/**
 * How a row of a data set of `shape` ({ width, height, kind }: its images' sides, or kind
 * 'table') is drawn: `{ kind: 'image', side }` for square images, else `{ kind: 'glyph', side }`,
 * a bar chart `side` pixels square (a table's row, whatever its width).
 */
export function itemShape({ width, height, kind }) {
  return kind !== 'table' && width === height
    ? { kind: 'image', side: width }
    : { kind: 'glyph', side: GLYPH };
}

/**
 * Writes `values` (one row) as RGBA into `rgba` (an ImageData's bytes, `stride` pixels a row)
 * at (x, y), drawn as `shape` (itemShape's) says; `range` [lo, hi] is what a glyph's bars span
 * (an image is grey from 0, black, to 1, white, as the page's other pictures).
 */
export function paintItem(rgba, stride, x, y, values, shape, range = TABLE_RANGE) {
  const { side } = shape;
  const put = (r, c, g) => {
    const o = 4 * ((y + r) * stride + x + c);
    rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
    rgba[o + 3] = 255;
  };
  if (shape.kind === 'image') {
    for (let p = 0; p < side * side; p++)
      put(Math.floor(p / side), p % side, grayLevel(values[p], 0, 1));
    return;
  }
  // Bars up from the zero line (or the bottom, when every value is positive), in a light grey
  // on black, as an image's ink; where a value is 0 the zero line shows dim, as an axis, so a
  // glyph's near-zero columns do not read as a drawn line.
  const [lo, hi] = range;
  const span = hi - lo || 1;
  const base = Math.round((side - 1) * (1 - (Math.min(hi, Math.max(lo, 0)) - lo) / span));
  const n = values.length;
  for (let c = 0; c < side; c++) {
    const k = Math.min(n - 1, Math.floor((c * n) / side));
    const top = Math.round((side - 1) * (1 - (Math.min(hi, Math.max(lo, values[k])) - lo) / span));
    const [r0, r1] = top < base ? [top, base] : [base, top];
    for (let r = 0; r < side; r++)
      put(r, c, r0 === r1 && r === base ? AXIS : r >= r0 && r <= r1 ? 230 : 0);
  }
}

/** Pictures of items, fetched from the engine with `request(items, id)` and kept in an atlas. */
export class ThumbCache {
  constructor(doc, request) {
    this.doc = doc;
    this.request = request;
    this.listeners = new Set(); // called when pictures came (the maps redraw)
    this.ids = 0; // requests so far: an answer names its request, kept across data sets
    this.reset({ width: 8, height: 8 });
  }

  /** A new data set, of `shape` (itemShape's argument): everything kept is forgotten. */
  reset(shape) {
    this.shape = itemShape(shape);
    this.slots = new Map(); // item -> slot number, least recently drawn first
    this.free = Array.from({ length: ATLAS * ATLAS }, (_, k) => ATLAS * ATLAS - 1 - k);
    this.asked = 0; // the id of the request in flight (0: none); a late answer is dropped
    this.wanted = null; // the latest items wanted while one was in flight
    const side = this.shape.side;
    this.canvas ??= this.doc.createElement('canvas');
    this.canvas.width = this.canvas.height = ATLAS * side;
    this.ctx = this.canvas.getContext('2d');
  }

  /** Item `i`'s picture in the atlas, as [sx, sy, side] (and marked as just used), or null. */
  slot(i) {
    const k = this.slots.get(i);
    if (k === undefined) return null;
    this.slots.delete(i);
    this.slots.set(i, k);
    const { side } = this.shape;
    return [(k % ATLAS) * side, Math.floor(k / ATLAS) * side, side];
  }

  /**
   * Asks for the pictures of `items` not kept yet, as `request(items, id)`; while a request is
   * in flight only the latest items wanted are kept, for when it is answered.
   */
  want(items) {
    const missing = items.filter((i) => !this.slots.has(i));
    if (!missing.length) return;
    if (this.asked) {
      this.wanted = missing;
      return;
    }
    this.asked = ++this.ids;
    this.request(missing, this.asked);
  }

  /**
   * The engine's answer to request `id`: `values` (one row per item of `items`; null: none, the
   * run was replaced); then the next request. An answer for a forgotten data set is dropped.
   */
  fill(id, items, values) {
    if (id !== this.asked) return;
    this.asked = 0;
    if (values) this.keep(items, values);
    const next = this.wanted;
    this.wanted = null;
    if (next) this.want(next);
    for (const listener of this.listeners) listener();
  }

  keep(items, values) {
    const width = values.length / Math.max(1, items.length);
    const { side } = this.shape;
    items.forEach((item, j) => {
      if (this.slots.has(item)) return;
      if (!this.free.length) {
        const [oldest, k] = this.slots.entries().next().value;
        this.slots.delete(oldest);
        this.free.push(k);
      }
      const k = this.free.pop();
      this.slots.set(item, k);
      const image = this.ctx.createImageData(side, side);
      const row = values.subarray(j * width, (j + 1) * width);
      paintItem(image.data, side, 0, 0, row, this.shape);
      this.ctx.putImageData(image, (k % ATLAS) * side, Math.floor(k / ATLAS) * side);
    });
  }
}
