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

/**
 * The colour of `v` on the scale -top..top: `zero` at 0, the diverging ends at ±top, as
 * [r, g, b], or written into `out` at `at` (an image's pixels: no array per pixel).
 */
export function diverging(v, top, zero, out = [0, 0, 0], at = 0) {
  const t = top > 0 ? Math.max(-1, Math.min(1, v / top)) : 0;
  const dark = zero[0] + zero[1] + zero[2] < 384;
  const end = t < 0 ? (dark ? NEGATIVE_ON_DARK : NEGATIVE) : dark ? POSITIVE_ON_DARK : POSITIVE;
  const a = Math.abs(t);
  for (let i = 0; i < 3; i++) out[at + i] = Math.round(zero[i] + (end[i] - zero[i]) * a);
  return out;
}

/** The largest |v| of `values` at `indices` (a scale shared by a layer's tiles). */
export function largest(values, start, end) {
  let top = 0;
  for (let i = start; i < end; i++) top = Math.max(top, Math.abs(values[i]));
  return top;
}

/**
 * Paints the weight images, `images` ({ values: 64 numbers row-major, top }), one under the
 * other on `atlas` (8 px wide, a detached canvas: drawFaces() copies from it), in diverging
 * colours on -top..top.
 */
export function fillAtlas(atlas, images, zero) {
  const height = SIZE * Math.max(1, images.length);
  if (atlas.width !== SIZE || atlas.height !== height)
    Object.assign(atlas, { width: SIZE, height });
  const ctx = atlas.getContext('2d');
  const image = ctx.createImageData(SIZE, height);
  const { data } = image;
  images.forEach(({ values, top }, k) => {
    for (let i = 0; i < SIZE * SIZE; i++) {
      const at = 4 * (k * SIZE * SIZE + i);
      diverging(values[i], top, zero, data, at);
      data[at + 3] = 255;
    }
  });
  ctx.putImageData(image, 0, 0);
}

/**
 * Paints every tile's face and bar on one `canvas` laid over the tiles: `faces` holds, per tile,
 * its `face` and `bar` boxes (CSS px, relative to the canvas), its `alpha` (a knocked-out or
 * dead tile fades, as the CSS fades its button), `level` (the bar's length, 0..1) and either
 * `image` (its row in `atlas`, fillAtlas()'s) or `colour` ([r, g, b]); `ink` is the bars'
 * colour. One canvas for the whole view: a canvas per tile is a compositor layer each, and
 * those made every frame's work grow with the network (some 650 layers at 64-64-64).
 */
export function drawFaces(canvas, faces, atlas, ink) {
  const { ctx, scale } = fitCanvas(canvas);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.imageSmoothingEnabled = false;
  const bars = `rgb(${ink.join(', ')})`;
  for (const { face, bar, alpha, level, image, colour } of faces) {
    ctx.globalAlpha = alpha;
    if (image >= 0)
      ctx.drawImage(atlas, 0, image * SIZE, SIZE, SIZE, face.x, face.y, face.w, face.h);
    else {
      ctx.fillStyle = `rgb(${colour.join(', ')})`;
      ctx.fillRect(face.x, face.y, face.w, face.h);
    }
    ctx.fillStyle = bars;
    ctx.fillRect(bar.x, bar.y, bar.w * level, bar.h);
  }
  ctx.globalAlpha = 1;
}

// Lines are drawn in this many strengths per sign, one path each: a stroke per line costs
// tens of milliseconds a frame for the deep preset's thousand lines on a software canvas.
const BINS = 6;
// At most this many lines between two layers, the strongest: 64 units to 64 are 4,096 lines,
// which cost some 200 ms to rasterise on a software canvas (a frame's work growing with the
// network), and drawn all at once they are a blot; the strongest show what connects to what.
const MOST_LINES = 128;
// How finely the cut is placed (in strength, 0..1, relative to the layer's largest weight).
const CUT_STEPS = 64;

/**
 * The strength (|w| / top, 0..1) below which the lines of `kernel` ({ weight, top }, `n` x `m`)
 * are left out: the hairs under 0.05 always, and more when there are over MOST_LINES, so that
 * at most about MOST_LINES of the strongest remain (a histogram's cut, not a sort).
 */
export function lineCut({ weight, top }, n, m) {
  const floor = 0.05;
  if (n * m <= MOST_LINES || !(top > 0)) return floor;
  const counts = new Uint32Array(CUT_STEPS + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++)
      counts[Math.min(CUT_STEPS, Math.floor((Math.abs(weight(i, j)) / top) * CUT_STEPS))]++;
  }
  let kept = 0;
  for (let k = CUT_STEPS; k > 0; k--) {
    kept += counts[k];
    if (kept > MOST_LINES) return Math.max(floor, (k + 1) / CUT_STEPS);
  }
  return floor;
}

/**
 * Draws the links between consecutive columns of tiles on `canvas`: `columns` holds each
 * column's tile centres (CSS px, relative to the canvas), `kernels` each pair's weights as
 * `(i, j) => w` with its largest |w|. Width and colour follow the weight; between wide layers
 * only the strongest (lineCut()). Returns how many lines it drew.
 */
export function drawLinks(canvas, columns, kernels, zero) {
  const { ctx, scale } = fitCanvas(canvas);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const paths = Array.from({ length: 2 * BINS }, () => new Path2D());
  let drawn = 0;
  kernels.forEach((kernel, c) => {
    const { weight, top } = kernel;
    const from = columns[c];
    const to = columns[c + 1];
    const cut = lineCut(kernel, from.length, to.length);
    for (let i = 0; i < from.length; i++) {
      for (let j = 0; j < to.length; j++) {
        const w = weight(i, j);
        const a = top > 0 ? Math.abs(w) / top : 0;
        if (a < cut) continue; // a hair of a line: noise in the picture, and time in the frame
        const path = paths[(w < 0 ? BINS : 0) + Math.min(BINS - 1, Math.floor(a * BINS))];
        path.moveTo(from[i].x, from[i].y);
        path.lineTo(to[j].x, to[j].y);
        drawn++;
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
  return drawn;
}
