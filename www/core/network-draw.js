// Drawing for the network view, from plain numbers: a diverging colour scale (blue below 0,
// red above, the card's own colour at 0), 8x8 weight images and the lines between layers.
// No DOM beyond the canvases it is given; which weights go where is network-view.js's.
import { fitCanvas } from './canvas.js';
import { SIZE } from './digit.js';

const NEGATIVE = [33, 102, 172]; // ColorBrewer RdBu's ends
const POSITIVE = [178, 24, 43];
// On a dark card those ends are dark too (about 2.5:1 against it): RdBu's lighter pair there,
// over 4.5:1, so a strong weight stands out in either scheme.
const NEGATIVE_ON_DARK = [67, 147, 195];
const POSITIVE_ON_DARK = [214, 96, 77];

/** `#rrggbb` as [r, g, b] (the neutral colour comes from CSS); a grey for anything else. */
export function parseHex(text) {
  const m = /^#([0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return [128, 128, 128];
  const n = parseInt(m[1], 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/** The colour of `v` on the scale -top..top: `zero` at 0, the diverging ends at ±top. */
export function diverging(v, top, zero) {
  const t = top > 0 ? Math.max(-1, Math.min(1, v / top)) : 0;
  const dark = zero[0] + zero[1] + zero[2] < 384;
  const end = t < 0 ? (dark ? NEGATIVE_ON_DARK : NEGATIVE) : (dark ? POSITIVE_ON_DARK : POSITIVE);
  const a = Math.abs(t);
  return zero.map((z, i) => Math.round(z + (end[i] - z) * a));
}

/** The largest |v| of `values` at `indices` (a scale shared by a layer's tiles). */
export function largest(values, start, end) {
  let top = 0;
  for (let i = start; i < end; i++) top = Math.max(top, Math.abs(values[i]));
  return top;
}

/**
 * Paints `values` (64, row-major) on an 8x8 `canvas` in diverging colours on -top..top and
 * publishes them as its data-values, as grid.js does for the page's other grids.
 */
export function drawWeightImage(canvas, values, top, zero) {
  if (canvas.width !== SIZE) Object.assign(canvas, { width: SIZE, height: SIZE });
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(SIZE, SIZE);
  for (let i = 0; i < SIZE * SIZE; i++) {
    const [r, g, b] = diverging(values[i], top, zero);
    image.data.set([r, g, b, 255], 4 * i);
  }
  ctx.putImageData(image, 0, 0);
  canvas.dataset.values = JSON.stringify(Array.from(values));
}

/** Paints a one-pixel `canvas` the colour of activation `a` on -top..top. */
export function drawSwatch(canvas, a, top, zero) {
  if (canvas.width !== 1) Object.assign(canvas, { width: 1, height: 1 });
  const ctx = canvas.getContext('2d');
  const [r, g, b] = diverging(a, top, zero);
  ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
  ctx.fillRect(0, 0, 1, 1);
}

// Lines are drawn in this many strengths per sign, one path each: a stroke per line costs
// tens of milliseconds a frame for the deep preset's thousand lines on a software canvas.
const BINS = 6;

/**
 * Draws the links between consecutive columns of tiles on `canvas`: `columns` holds each
 * column's tile centres (CSS px, relative to the canvas), `kernels` each pair's weights as
 * `(i, j) => w` with its largest |w|. Width and colour follow the weight.
 */
export function drawLinks(canvas, columns, kernels, zero) {
  const { ctx, scale } = fitCanvas(canvas);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const paths = Array.from({ length: 2 * BINS }, () => new Path2D());
  kernels.forEach(({ weight, top }, c) => {
    const from = columns[c];
    const to = columns[c + 1];
    for (let i = 0; i < from.length; i++) {
      for (let j = 0; j < to.length; j++) {
        const w = weight(i, j);
        const a = top > 0 ? Math.abs(w) / top : 0;
        if (a < 0.05) continue; // a hair of a line: noise in the picture, and time in the frame
        const path = paths[(w < 0 ? BINS : 0) + Math.min(BINS - 1, Math.floor(a * BINS))];
        path.moveTo(from[i].x, from[i].y);
        path.lineTo(to[j].x, to[j].y);
      }
    }
  });
  paths.forEach((path, k) => {
    const a = ((k % BINS) + 0.5) / BINS;
    const [r, g, b] = diverging(k < BINS ? a : -a, 1, zero);
    ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, ${0.25 + 0.6 * a})`;
    ctx.lineWidth = 0.5 + 2.5 * a;
    ctx.stroke(path);
  });
}
