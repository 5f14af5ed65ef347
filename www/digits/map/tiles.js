// Many images on one canvas (8x8, 28x28: any shape): the gallery's rows and the decoded grid.
// One ImageData at one device pixel per image pixel, scaled up without smoothing, not fillRects:
// the grid is redrawn every frame while the model trains. Same grey scale as grid.js (black =
// 0, white = 1); plain numbers in, no wasm.
import { fitCanvas, watchCanvas } from '../../core/canvas.js';
import { createTooltip } from '../../core/tooltip.js';
import { itemShape, paintItem } from './thumbs.js';

/** The images' shape unless told: the 8x8 digits. A table's is `{ width, height: 1, kind: 'table' }`. */
export const SHAPE_8X8 = Object.freeze({ width: 8, height: 8 });

/** Writes a w x h image of `values` in [0, 1] as greys into `rgba` (`stride` pixels a row) at (x, y). */
function paintRect(rgba, stride, x, y, values, w, h) {
  for (let p = 0; p < w * h; p++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, values[p])));
    const o = 4 * ((y + Math.floor(p / w)) * stride + x + (p % w));
    rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
    rgba[o + 3] = 255;
  }
}

/**
 * Draws `images` (k*w*h values in [0, 1], row-major images of `shape` { width: w, height: h })
 * as a rows x cols table filling the canvas, `gap` CSS pixels apart, in reading order;
 * publishes the count as data-tiles. Returns the tiles' boxes in CSS pixels ([x, y, w, h]
 * each) for hit testing.
 */
export function drawTiles(canvas, images, rows, cols, { gap = 0, shape = SHAPE_8X8 } = {}) {
  const { width: w, height: h } = shape;
  const count = Math.min(rows * cols, Math.floor(images.length / (w * h)));
  const { ctx, width, height, scale } = fitCanvas(canvas);
  // A table's row is a glyph of bars (thumbs.js), its z-scores spanning TABLE_RANGE.
  const item = shape.kind === 'table' ? itemShape(shape) : null;
  const [tw, th] = item ? [item.side, item.side] : [w, h];
  const sheet = sheetFor(canvas, cols * tw, rows * th);
  const data = sheet.image.data;
  for (let t = 0; t < count; t++) {
    const values = images.subarray
      ? images.subarray(t * w * h, (t + 1) * w * h)
      : images.slice(t * w * h, (t + 1) * w * h);
    const x = (t % cols) * tw;
    const y = Math.floor(t / cols) * th;
    if (item) paintItem(data, cols * tw, x, y, values, item);
    else paintRect(data, cols * tw, x, y, values, w, h);
  }
  sheet.ctx.putImageData(sheet.image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  const gapPx = gap * scale;
  const tileW = (width - gapPx * (cols - 1)) / cols;
  const tileH = (height - gapPx * (rows - 1)) / rows;
  const boxes = [];
  for (let t = 0; t < count; t++) {
    const r = Math.floor(t / cols);
    const c = t % cols;
    // Whole device pixels, so every image pixel is a crisp square and tiles never overlap.
    const x0 = Math.round(c * (tileW + gapPx));
    const y0 = Math.round(r * (tileH + gapPx));
    const x1 = Math.round(c * (tileW + gapPx) + tileW);
    const y1 = Math.round(r * (tileH + gapPx) + tileH);
    ctx.drawImage(sheet.canvas, c * tw, r * th, tw, th, x0, y0, x1 - x0, y1 - y0);
    boxes.push([x0 / scale, y0 / scale, (x1 - x0) / scale, (y1 - y0) / scale]);
  }
  canvas.dataset.tiles = String(count);
  return boxes;
}

// One off-screen sheet per canvas, reused frame after frame.
const sheets = new WeakMap();
function sheetFor(canvas, w, h) {
  let sheet = sheets.get(canvas);
  if (!sheet || sheet.canvas.width !== w || sheet.canvas.height !== h) {
    const off = canvas.ownerDocument.createElement('canvas');
    off.width = w;
    off.height = h;
    const ctx = off.getContext('2d');
    sheet = { canvas: off, ctx, image: ctx.createImageData(w, h) };
    sheets.set(canvas, sheet);
  }
  return sheet;
}

/** The index of the box ([x, y, w, h], CSS px from the canvas's top-left) under (x, y), or -1. */
export function tileAt(boxes, x, y) {
  return boxes.findIndex(([bx, by, bw, bh]) => x >= bx && x < bx + bw && y >= by && y < by + bh);
}

/**
 * A rows x cols table of images on `canvas` that redraws itself on resize and theme changes and
 * words the tile under the pointer with `describe(index)` (null: no tooltip). `publish`: the
 * images also go to the canvas's data-values (JSON), as drawGrid's do, for a few small tables.
 */
export class TileView {
  constructor(canvas, { rows, cols, gap = 0, describe = null, publish = false }) {
    Object.assign(this, { canvas, rows, cols, gap, describe, publish });
    this.images = null;
    this.shape = SHAPE_8X8;
    this.boxes = [];
    watchCanvas(canvas, () => this.redraw());
    if (describe) {
      this.tip = createTooltip(canvas.parentElement);
      canvas.addEventListener('pointermove', (e) => {
        if (e.pointerType === 'touch') return;
        const box = canvas.getBoundingClientRect();
        const i = tileAt(this.boxes, e.clientX - box.left, e.clientY - box.top);
        const text = i >= 0 ? this.describe(i) : null;
        if (!text) return this.tip.hide();
        const anchor = canvas.parentElement.getBoundingClientRect();
        const [x, y, w] = this.boxes[i];
        this.tip.show(text, box.left - anchor.left + x + w / 2, box.top - anchor.top + y);
      });
      canvas.addEventListener('pointerleave', () => this.tip.hide());
    }
  }

  /** Images of `shape` ({ width, height }) from now on: the next draw's. */
  setShape(shape) {
    this.shape = shape;
  }

  /** Draws `images` (up to rows*cols of the shape's values) and keeps them for redraws; null clears. */
  draw(images) {
    this.images = images;
    if (this.publish)
      this.canvas.dataset.values = images ? JSON.stringify(Array.from(images)) : '[]';
    this.redraw();
  }

  redraw() {
    if (!this.images) {
      fitCanvas(this.canvas);
      this.boxes = [];
      this.canvas.dataset.tiles = '0';
      return;
    }
    const { gap, shape } = this;
    this.boxes = drawTiles(this.canvas, this.images, this.rows, this.cols, { gap, shape });
  }
}
