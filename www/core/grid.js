// Canvas drawing: a grid of values as grey squares (matplotlib's `gray` colormap, black = low,
// white = high) and the colour bar that explains it. Plain numbers in, pixels out: no wasm, no
// pointer handling (that is grid-view.js), so the compact embed can draw with this alone.
import { fitCanvas } from './canvas.js';

/** Smallest and largest of `values`, as `{ min, max }`. */
export function valueRange(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Grey level 0..255 of `v` on the scale [min, max], clamped; a flat scale maps to black. */
export function grayLevel(v, min, max) {
  const span = max - min;
  const t = span > 0 ? (v - min) / span : 0;
  return Math.round(255 * Math.min(1, Math.max(0, t)));
}

/** Device-pixel bounds [x0, y0, x1, y1] of cell (r, c) of a rows x cols grid filling width x height. */
export function cellRect(r, c, rows, cols, width, height) {
  // Edges snap to whole device pixels, so neighbouring cells neither overlap nor leave a seam
  // and every cell is one flat colour (the e2e test samples their centres).
  return [
    Math.round((c * width) / cols),
    Math.round((r * height) / rows),
    Math.round(((c + 1) * width) / cols),
    Math.round(((r + 1) * height) / rows),
  ];
}

/**
 * Draws `values` (rows*cols numbers, row-major) as rows x cols squares filling the canvas,
 * black at `min`, white at `max`, a value that is not a number (a square with no unit behind
 * it) left clear; also publishes them as the canvas's data-values (JSON).
 */
export function drawGrid(canvas, values, rows, cols, { min = 0, max = 1 } = {}) {
  if (values.length !== rows * cols) {
    throw new Error(`drawGrid: ${values.length} values for a ${rows}x${cols} grid`);
  }
  const { ctx, width, height } = fitCanvas(canvas);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [x0, y0, x1, y1] = cellRect(r, c, rows, cols, width, height);
      const v = values[r * cols + c];
      if (!Number.isFinite(v)) {
        ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
        continue;
      }
      const g = grayLevel(v, min, max);
      ctx.fillStyle = `rgb(${g}, ${g}, ${g})`;
      ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    }
  }
  canvas.dataset.values = JSON.stringify(Array.from(values));
  return { ctx, width, height };
}

/**
 * Draws a vertical colour bar for the scale [min, max] (white at the top, like matplotlib's),
 * with tick marks and labels to its right in the canvas's CSS `color`.
 */
export function drawColorBar(canvas, min, max) {
  const { ctx, width, height, scale } = fitCanvas(canvas);
  // From here on draw in CSS pixels: text and hairlines stay the same size at any zoom.
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const cssWidth = width / scale;
  const cssHeight = height / scale;
  const style = getComputedStyle(canvas);
  const fontSize = 11;
  // Inset top and bottom by half a label so the end labels are not clipped.
  const top = Math.ceil(fontSize / 2) + 1;
  const bottom = cssHeight - top;
  const barWidth = Math.min(16, cssWidth / 3);
  const y = (v) => bottom - ((v - min) / (max - min || 1)) * (bottom - top);

  const gradient = ctx.createLinearGradient(0, bottom, 0, top);
  gradient.addColorStop(0, 'rgb(0, 0, 0)');
  gradient.addColorStop(1, 'rgb(255, 255, 255)');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, top, barWidth, bottom - top);
  ctx.strokeStyle = style.color;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, top + 0.5, barWidth - 1, bottom - top - 1);

  ctx.fillStyle = style.color;
  ctx.font = `${fontSize}px ${style.fontFamily}`;
  ctx.textBaseline = 'middle';
  const { ticks, decimals } = niceTicks(min, max);
  for (const t of ticks) {
    const ty = Math.round(y(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(barWidth, ty);
    ctx.lineTo(barWidth + 4, ty);
    ctx.stroke();
    // At most the room beside the bar: a label too wide (2.304e9 at a huge learning rate) is
    // drawn narrower rather than cut at the canvas's edge.
    ctx.fillText(formatTick(t, decimals), barWidth + 6, ty, cssWidth - barWidth - 8);
  }
  canvas.dataset.min = String(min);
  canvas.dataset.max = String(max);
}

/**
 * Round-numbered ticks inside [min, max], at most about five, as matplotlib would place them;
 * when fewer than two fit, the ends themselves, so the bar always states the range it spans.
 */
export function niceTicks(min, max, target = 5) {
  const span = max - min;
  if (!(span > 0)) return { ticks: [min], decimals: 3 };
  const magnitude = 10 ** Math.floor(Math.log10(span / target));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= target);
  const ticks = [];
  // The 1e-9 slack keeps float error from dropping a tick that sits exactly on an end.
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
    ticks.push(k * step);
  }
  // Enough decimals to tell ticks apart: 0.2 needs one, 0.25 two.
  const decimals =
    Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) + (step / magnitude === 2.5 ? 1 : 0);
  if (ticks.length >= 2) return { ticks, decimals };
  return { ticks: [min, max], decimals: decimals + 1 };
}

// From here up a value is written as 2.30e9: a huge learning rate makes codes of billions,
// whose digits ran out of the colour bar and over the images next to the sliders.
const LARGE = 1e5;

/** A value in at most about 7 characters: 12.34, or 2.30e9 when large. */
export function shortNumber(v, decimals = 2) {
  if (Math.abs(v) < LARGE) return v.toFixed(decimals);
  return v.toExponential(2).replace('e+', 'e');
}

/** A tick label with `decimals` decimals (or 2.304e9 when large), never "-0". */
export function formatTick(t, decimals) {
  if (Math.abs(t) >= LARGE) return t.toExponential(3).replace('e+', 'e');
  const s = t.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
