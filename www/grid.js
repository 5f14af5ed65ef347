// Canvas views: a grid of values as grey squares (matplotlib's `gray` colormap, black = low,
// white = high) and the colour bar that explains it. They take plain numbers and know nothing
// of the wasm, so any source of arrays can drive them.
import { cssVar, fitCanvas, watchCanvas } from './canvas.js';
import { createTooltip } from './tooltip.js';

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
function cellRect(r, c, rows, cols, width, height) {
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
 * black at `min`, white at `max`; also publishes them as the canvas's data-values (JSON).
 */
export function drawGrid(canvas, values, rows, cols, { min = 0, max = 1 } = {}) {
  if (values.length !== rows * cols) {
    throw new Error(`drawGrid: ${values.length} values for a ${rows}x${cols} grid`);
  }
  const { ctx, width, height } = fitCanvas(canvas);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [x0, y0, x1, y1] = cellRect(r, c, rows, cols, width, height);
      const g = grayLevel(values[r * cols + c], min, max);
      ctx.fillStyle = `rgb(${g}, ${g}, ${g})`;
      ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    }
  }
  canvas.dataset.values = JSON.stringify(Array.from(values));
  return { ctx, width, height };
}

/**
 * A grid of values on a canvas that redraws itself on resize and theme changes, shows the value
 * under the pointer, and can outline one cell (the painter's cursor). `describe(index, value)`
 * words a cell for the tooltip; `colorbar` (a canvas) gets the colour bar of every range drawn.
 */
export class GridView {
  constructor(canvas, { rows, cols, describe, colorbar = null }) {
    Object.assign(this, { canvas, rows, cols, describe, colorbar });
    this.values = null;
    this.range = { min: 0, max: 1 };
    this.highlight = -1;
    this.tip = createTooltip(canvas.parentElement);
    watchCanvas(canvas, () => this.redraw());
    if (colorbar) watchCanvas(colorbar, () => this.redraw());
    canvas.addEventListener('pointermove', (e) => {
      // A finger is painting, not asking: tooltips only follow a mouse or a pen.
      if (e.pointerType === 'touch' || !this.values) return;
      this.showTip(this.cellAt(e.clientX, e.clientY));
    });
    canvas.addEventListener('pointerleave', () => this.tip.hide());
  }

  /** Draws `values` on the scale `range` ({ min, max }, default 0..1) and keeps them for redraws. */
  draw(values, range = { min: 0, max: 1 }) {
    this.values = Array.from(values);
    this.range = range;
    this.redraw();
  }

  /** Paints the kept values again (sizes and colours may have changed). */
  redraw() {
    if (!this.values) return;
    const { rows, cols, canvas, highlight } = this;
    const { ctx, width, height } = drawGrid(canvas, this.values, rows, cols, this.range);
    if (highlight >= 0) {
      const [x0, y0, x1, y1] = cellRect(Math.floor(highlight / cols), highlight % cols, rows, cols, width, height);
      const line = Math.max(2, Math.round(width / 96));
      ctx.strokeStyle = cssVar(canvas, '--accent', '#2f6fed');
      ctx.lineWidth = line;
      ctx.strokeRect(x0 + line / 2, y0 + line / 2, x1 - x0 - line, y1 - y0 - line);
    }
    if (this.colorbar) drawColorBar(this.colorbar, this.range.min, this.range.max);
  }

  /** Outlines cell `index` (-1: none). */
  setHighlight(index) {
    if (index === this.highlight) return;
    this.highlight = index;
    this.redraw();
  }

  /** The index of the cell under client coordinates (x, y), or -1 outside the grid. */
  cellAt(x, y) {
    const box = this.canvas.getBoundingClientRect();
    const c = Math.floor(((x - box.left) / box.width) * this.cols);
    const r = Math.floor(((y - box.top) / box.height) * this.rows);
    return r >= 0 && r < this.rows && c >= 0 && c < this.cols ? r * this.cols + c : -1;
  }

  /** Shows the tooltip for cell `index` next to it (-1 hides it). */
  showTip(index) {
    if (index < 0 || !this.values) return this.tip.hide();
    const { canvas, rows, cols } = this;
    const anchor = canvas.parentElement.getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    const x = box.left - anchor.left + ((index % cols) + 0.5) * (box.width / cols);
    const y = box.top - anchor.top + Math.floor(index / cols) * (box.height / rows);
    this.tip.show(this.describe(index, this.values[index]), x, y);
  }
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
    ctx.fillText(formatTick(t, decimals), barWidth + 6, ty);
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

/** A tick label with `decimals` decimals, never "-0". */
export function formatTick(t, decimals) {
  const s = t.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
