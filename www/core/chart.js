// The loss chart of both pages: any number of series of (epoch, value) on a log scale against
// epochs, each with its colour and dash, horizontal reference lines (a value to beat), vertical
// marks, and a hover that marks the nearest epoch and says every series' value there. The '4'
// page draws its run and the previous one faintly; the digits mode train, test and PCA-4's
// line, and its k-curve error against the code's length instead of epochs (the x options).
// Plain numbers in, pixels out; no wasm.
import { cssVar, fitPlot, watchCanvas } from './canvas.js';
import { fmt } from './format.js';
import { niceTicks } from './grid.js';
import { createTooltip } from './tooltip.js';

const PAD = { left: 46, right: 12, top: 8, bottom: 22 };
// Round values for a log axis spanning a few decades: 1, 2, 3, 5 of each.
const MANTISSAS = [1, 2, 3, 5];
// Past this many decades the axis is labelled at powers of ten only.
const MANTISSA_DECADES = 2.5;
// 0 (a perfect fit) has no logarithm: it is drawn at the floor of the axis.
const FLOOR = 1e-12;

/** A series' history: growable (epoch, value) pairs, epochs increasing. */
export class LossHistory {
  constructor() {
    this.epochs = new Float64Array(1024);
    this.losses = new Float32Array(1024);
    this.length = 0;
    this.min = Infinity; // the smallest value above 0
    this.max = 0;
  }

  /** Appends the points of one frame (`epochs` and `losses`, same length). */
  append(epochs, losses) {
    const need = this.length + epochs.length;
    if (need > this.epochs.length) {
      const size = Math.max(need, this.epochs.length * 2);
      const grow = (old, Type) => {
        const next = new Type(size);
        next.set(old.subarray(0, this.length));
        return next;
      };
      this.epochs = grow(this.epochs, Float64Array);
      this.losses = grow(this.losses, Float32Array);
    }
    this.epochs.set(epochs, this.length);
    this.losses.set(losses, this.length);
    this.length = need;
    for (const l of losses) {
      if (l > 0 && l < this.min) this.min = l;
      if (l > this.max) this.max = l;
    }
  }

  /** The last epoch recorded (0 when empty). */
  get lastEpoch() {
    return this.length ? this.epochs[this.length - 1] : 0;
  }

  /** Index of the point nearest to `epoch`, or -1 when empty. */
  nearest(epoch) {
    if (!this.length) return -1;
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.epochs[mid] < epoch) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && epoch - this.epochs[lo - 1] < this.epochs[lo] - epoch ? lo - 1 : lo;
  }
}

const SUPERSCRIPT = {
  '-': '⁻',
  0: '⁰',
  1: '¹',
  2: '²',
  3: '³',
  4: '⁴',
  5: '⁵',
  6: '⁶',
  7: '⁷',
  8: '⁸',
  9: '⁹',
};
const decadeLabel = (k) => `10${[...String(k)].map((ch) => SUPERSCRIPT[ch]).join('')}`;
const formatValue = (v) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));

/**
 * Ticks for a log axis from lo to hi (> 0): `{ value, label }`, at 1, 2, 3, 5 of each decade
 * over a few decades, at powers of ten (every `step`-th, for `room` labels at most) beyond.
 */
export function logTicks(lo, hi, room = Infinity) {
  const out = [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  if (Math.log10(hi / lo) <= MANTISSA_DECADES) {
    for (let k = first; k <= last; k++) {
      for (const m of MANTISSAS) {
        const t = Number((m * 10 ** k).toPrecision(3));
        if (t >= lo * 0.999 && t <= hi * 1.001) out.push({ value: t, label: String(t) });
      }
    }
    return out;
  }
  const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(1, room)));
  for (let k = last; k >= first; k -= step)
    if (10 ** k >= lo * 0.999 && 10 ** k <= hi * 1.001)
      out.push({ value: 10 ** k, label: decadeLabel(k) });
  return out;
}

/**
 * The chart on `canvas`. draw({ series, references, marks, target }): `series` drawn in order,
 * each `{ history (LossHistory), name, color: [CSS property, fallback], dash, width, dots,
 * main }` (`dots`: a dot on every point; the main one is what the hover follows and
 * data-points counts); `references`: `{ name, value, color, dash }` lines across; `marks`:
 * `{ at, color, dash }` lines up at x = `at`; the x axis reaches at least `target`. Options:
 * the x axis's start (`xMin`), fixed tick values (`xTicks`) and how an x reads (`xText`).
 */
export class Chart {
  constructor(canvas, { xMin = 0, xTicks = null, xText = (e) => `epoch ${fmt(e)}` } = {}) {
    this.canvas = canvas;
    this.label = canvas.getAttribute('aria-label') ?? 'Loss by epoch, log scale';
    this.x = { min: xMin, ticks: xTicks, text: xText };
    this.data = { series: [], references: [], marks: [], target: 1 };
    this.hoverEpoch = null;
    this.tip = createTooltip(canvas.parentElement);
    this.colors = new Map();
    // Resizes, zooms and theme flips come through here: the colours are read again after them.
    watchCanvas(canvas, () => {
      this.colors.clear();
      this.redraw();
    });
    canvas.addEventListener('pointermove', (e) => this.hover(e));
    canvas.addEventListener('pointerleave', () => {
      this.hoverEpoch = null;
      this.tip.hide();
      this.redraw();
    });
  }

  draw({ series, references = [], marks = [], target = 1 }) {
    const finite = (list, key) => list.filter((r) => Number.isFinite(r[key]));
    this.data = {
      series: series.filter((s) => s.history),
      references: finite(references, 'value'),
      marks: finite(marks, 'at'),
      target,
    };
    this.redraw();
  }

  /** A [CSS property, fallback] colour, read once per theme. */
  color([property, fallback]) {
    if (!this.colors.has(property))
      this.colors.set(property, cssVar(this.canvas, property, fallback));
    return this.colors.get(property);
  }

  redraw() {
    const { canvas } = this;
    const { ctx, w, plot } = fitPlot(canvas, PAD);
    const { series, references, marks, target } = this.data;
    const drawn = series.filter((s) => s.history.length);
    const values = [
      ...drawn.flatMap((s) => [s.history.min, s.history.max]),
      ...references.map((r) => r.value),
    ].filter((v) => v > 0 && Number.isFinite(v));
    // The range snaps to tenths of a decade, so it moves in steps rather than every frame.
    const lo = values.length
      ? 10 ** (Math.floor(Math.log10(Math.max(FLOOR, Math.min(...values))) * 10) / 10)
      : 0.01;
    const hi = values.length ? 10 ** (Math.ceil(Math.log10(Math.max(...values)) * 10) / 10) : 1;
    const yMax = hi > lo ? hi : lo * 10;
    const xMax = Math.max(target, ...drawn.map((s) => s.history.lastEpoch), 1);
    const xMin = this.x.min;
    const X = (e) => plot.x + ((e - xMin) / Math.max(1e-9, xMax - xMin)) * plot.w;
    const Y = (v) => {
      const t =
        (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(yMax) - Math.log10(lo));
      return plot.y + (1 - Math.min(1, Math.max(0, t))) * plot.h;
    };
    this.geometry = { plot, X, Y, xMax };
    this.drawAxes(ctx, { lo, yMax, w });
    for (const r of references) this.line(ctx, plot.x, Y(r.value), plot.x + plot.w, Y(r.value), r);
    for (const m of marks) this.line(ctx, X(m.at), plot.y, X(m.at), plot.y + plot.h, m);
    for (const s of drawn) this.plotSeries(ctx, s);
    this.drawHover(ctx, drawn);
    const main = drawn.find((s) => s.main)?.history;
    canvas.dataset.points = String(main?.length ?? 0);
    if (main?.length) {
      const last = main.length - 1;
      const at = (i) => `${formatValue(main.losses[i])} at ${this.x.text(main.epochs[i])}`;
      canvas.setAttribute('aria-label', `${this.label}: ${at(0)}, ${at(last)}`);
    }
  }

  drawAxes(ctx, { lo, yMax, w }) {
    const { plot, X, Y, xMax } = this.geometry;
    const text = this.color(['--muted', getComputedStyle(this.canvas).color]);
    const grid = { color: ['--line', '#ccc'], width: 1 };
    ctx.font = `11px ${getComputedStyle(this.canvas).fontFamily}`;
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of logTicks(lo, yMax, Math.floor(plot.h / 18))) {
      const y = Math.round(Y(t.value)) + 0.5;
      this.line(ctx, plot.x, y, plot.x + plot.w, y, grid);
      ctx.fillStyle = text;
      ctx.fillText(t.label, plot.x - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of this.x.ticks ??
      niceTicks(this.x.min, xMax, Math.max(2, Math.floor(plot.w / 70))).ticks) {
      if (t !== Math.round(t)) continue;
      const x = Math.round(X(t)) + 0.5;
      this.line(ctx, x, plot.y + plot.h, x, plot.y + plot.h + 4, grid);
      ctx.fillStyle = text;
      const label = fmt(t);
      // Labels at the ends stay whole: shifted inwards rather than clipped.
      const half = ctx.measureText(label).width / 2;
      ctx.fillText(label, Math.min(w - half - 1, Math.max(half + 1, x)), plot.y + plot.h + 6);
    }
  }

  /** A straight line from (x0, y0) to (x1, y1) in a series' or reference's colour, dash, width. */
  line(ctx, x0, y0, x1, y1, { color, dash = [], width = 1.5 }) {
    ctx.save();
    ctx.strokeStyle = this.color(color);
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    ctx.restore();
  }

  /** One series' polyline; where points are denser than pixels, each column's min-max span. */
  plotSeries(ctx, { history: run, color, dash = [], width = 1.75, dots = false }) {
    const { X, Y } = this.geometry;
    ctx.save();
    ctx.strokeStyle = this.color(color);
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.setLineDash(dash);
    ctx.beginPath();
    let column = null;
    let lo = 0;
    let hi = 0;
    let last = 0;
    const flush = () => {
      if (column === null) return;
      ctx.lineTo(column, lo);
      ctx.lineTo(column, hi);
      ctx.lineTo(column, last);
    };
    for (let i = 0; i < run.length; i++) {
      const x = Math.round(X(run.epochs[i]) * 2) / 2;
      const y = Y(run.losses[i]);
      if (i === 0) ctx.moveTo(x, y);
      if (x !== column) {
        flush();
        column = x;
        lo = hi = y;
        ctx.lineTo(x, y);
      }
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
      last = y;
    }
    flush();
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    for (let i = 0; dots && i < run.length; i++)
      this.dot(ctx, X(run.epochs[i]), Y(run.losses[i]), 3);
    ctx.restore();
  }

  dot(ctx, x, y, r) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
  }

  /** The hovered epoch: a line across and a dot on each series there. */
  drawHover(ctx, drawn) {
    if (this.hoverEpoch === null) return;
    const { plot, X, Y } = this.geometry;
    const x = Math.round(X(this.hoverEpoch)) + 0.5;
    this.line(ctx, x, plot.y, x, plot.y + plot.h, { color: ['--muted', '#888'], width: 1 });
    for (const s of drawn) {
      const i = s.history.nearest(this.hoverEpoch);
      if (s.history.epochs[i] !== this.hoverEpoch) continue; // a run that ended before it
      ctx.fillStyle = this.color(s.color);
      this.dot(ctx, X(s.history.epochs[i]), Y(s.history.losses[i]), 3.5);
    }
  }

  hover(e) {
    const { series, references } = this.data;
    const main = series.find((s) => s.main && s.history.length)?.history;
    if (!main || !this.geometry) return;
    const box = this.canvas.getBoundingClientRect();
    const { plot, xMax, X, Y } = this.geometry;
    const i = main.nearest(
      this.x.min + ((e.clientX - box.left - plot.x) / plot.w) * (xMax - this.x.min),
    );
    const epoch = main.epochs[i];
    this.hoverEpoch = epoch;
    this.redraw();
    const at = (h) => h.nearest(epoch);
    const parts = [
      ...series
        .filter((s) => s.name && s.history.length && s.history.epochs[at(s.history)] === epoch)
        .map((s) => `${s.name} ${formatValue(s.history.losses[at(s.history)])}`),
      ...references.filter((r) => r.name).map((r) => `${r.name} ${formatValue(r.value)}`),
    ];
    const anchor = this.canvas.parentElement.getBoundingClientRect();
    this.tip.show(
      `${this.x.text(epoch)}: ${parts.join(', ')}`,
      box.left - anchor.left + X(epoch),
      box.top - anchor.top + Y(main.losses[i]),
    );
  }
}
