// The loss curve: every recorded point of a run on a log scale, with the previous run drawn
// faintly behind for comparison. Plain numbers in, pixels out; no wasm.
import { cssVar, fitCanvas, watchCanvas } from './canvas.js';
import { niceTicks } from './grid.js';
import { createTooltip } from './tooltip.js';

// Losses are MSEs of pixels in [0, 1]: never above 1. Below, the axis reaches at least 1e-4
// and further as the run gets there; 0 (a perfect fit) is drawn at the floor.
const TOP = 1;
const FLOOR = 1e-12;

/** A run's loss history: growable (epoch, loss) pairs, epochs increasing. */
export class LossHistory {
  constructor() {
    this.epochs = new Float64Array(1024);
    this.losses = new Float32Array(1024);
    this.length = 0;
    this.min = Infinity;
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
    for (const l of losses) if (l > 0 && l < this.min) this.min = l;
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

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const decadeLabel = (k) => `10${[...String(k)].map((ch) => SUPERSCRIPT[ch]).join('')}`;

/** The loss chart on `canvas`: call draw({ current, previous, target }) with LossHistory objects. */
export class LossChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.data = { current: null, previous: null, target: 1 };
    this.hoverEpoch = null;
    this.tip = createTooltip(canvas.parentElement);
    this.cachedStyle = null;
    // Resizes, zooms and theme flips come through here: the colours are read again after them.
    watchCanvas(canvas, () => {
      this.cachedStyle = null;
      this.redraw();
    });
    canvas.addEventListener('pointermove', (e) => this.hover(e));
    canvas.addEventListener('pointerleave', () => {
      this.hoverEpoch = null;
      this.tip.hide();
      this.redraw();
    });
  }

  /** Draws `current` (and `previous`, faint) against an epoch axis reaching at least `target`. */
  draw({ current, previous = null, target }) {
    this.data = { current, previous, target };
    this.redraw();
  }

  redraw() {
    const { canvas } = this;
    const { current, previous, target } = this.data;
    const { ctx, width, height, scale } = fitCanvas(canvas);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    const w = width / scale;
    const h = height / scale;
    const { colors, font } = this.style();
    const pad = { left: 40, right: 10, top: 8, bottom: 22 };
    const plot = { x: pad.left, y: pad.top, w: Math.max(1, w - pad.left - pad.right), h: Math.max(1, h - pad.top - pad.bottom) };

    const runs = [previous, current].filter((r) => r?.length);
    const xMax = Math.max(target || 1, ...runs.map((r) => r.lastEpoch));
    const lowest = Math.min(1e-4, ...runs.map((r) => r.min));
    const yMinExp = Math.floor(Math.log10(Math.max(FLOOR, lowest)));
    const yMaxExp = Math.log10(TOP);
    const xOf = (epoch) => plot.x + (epoch / xMax) * plot.w;
    const yOf = (loss) => {
      const t = (Math.log10(Math.max(FLOOR, loss)) - yMinExp) / (yMaxExp - yMinExp);
      return plot.y + (1 - Math.min(1, Math.max(0, t))) * plot.h;
    };
    this.geometry = { plot, xMax, xOf, yOf };

    ctx.font = font;
    ctx.lineWidth = 1;
    // Decade lines, labelled; fewer labels when the decades crowd together.
    const decades = yMaxExp - yMinExp;
    const every = Math.max(1, Math.ceil(decades / Math.max(1, Math.floor(plot.h / 18))));
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let k = yMinExp; k <= yMaxExp; k++) {
      const y = Math.round(yOf(10 ** k)) + 0.5;
      ctx.strokeStyle = colors.grid;
      ctx.beginPath();
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.w, y);
      ctx.stroke();
      if ((yMaxExp - k) % every === 0) {
        ctx.fillStyle = colors.text;
        ctx.fillText(decadeLabel(k), plot.x - 6, y);
      }
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const { ticks } = niceTicks(0, xMax, Math.max(2, Math.floor(plot.w / 70)));
    for (const t of ticks) {
      if (t !== Math.round(t)) continue;
      const x = Math.round(xOf(t)) + 0.5;
      ctx.strokeStyle = colors.grid;
      ctx.beginPath();
      ctx.moveTo(x, plot.y + plot.h);
      ctx.lineTo(x, plot.y + plot.h + 4);
      ctx.stroke();
      ctx.fillStyle = colors.text;
      const label = (t + 0).toLocaleString('en-US'); // + 0: no "-0"
      // Labels at the ends stay whole: shifted inwards rather than clipped.
      const half = ctx.measureText(label).width / 2;
      ctx.fillText(label, Math.min(w - half - 1, Math.max(half + 1, x)), plot.y + plot.h + 6);
    }

    if (previous?.length) this.plotRun(ctx, previous, colors.ghost, [4, 3]);
    if (current?.length) this.plotRun(ctx, current, colors.line, []);

    if (this.hoverEpoch !== null && current?.length) {
      const i = current.nearest(this.hoverEpoch);
      ctx.fillStyle = colors.line;
      ctx.beginPath();
      ctx.arc(xOf(current.epochs[i]), yOf(current.losses[i]), 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }

    canvas.dataset.points = String(current?.length ?? 0);
    if (current?.length) {
      const last = current.length - 1;
      canvas.setAttribute(
        'aria-label',
        `Loss curve, log scale: ${current.losses[0].toExponential(2)} at epoch ${current.epochs[0]}, ` +
          `${current.losses[last].toExponential(2)} at epoch ${current.epochs[last]}`,
      );
    }
  }

  /** The colours and font, from CSS; read once, not on every frame of a run. */
  style() {
    if (!this.cachedStyle) {
      const { canvas } = this;
      const computed = getComputedStyle(canvas);
      this.cachedStyle = {
        font: `11px ${computed.fontFamily}`,
        colors: {
          text: cssVar(canvas, '--muted', computed.color),
          grid: cssVar(canvas, '--line', '#ccc'),
          line: cssVar(canvas, '--accent', '#2f6fed'),
          ghost: cssVar(canvas, '--ghost', '#999'),
        },
      };
    }
    return this.cachedStyle;
  }

  /** One run's polyline; where points are denser than pixels, each column's min-max span. */
  plotRun(ctx, run, color, dash) {
    const { xOf, yOf } = this.geometry;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
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
      const x = Math.round(xOf(run.epochs[i]) * 2) / 2;
      const y = yOf(run.losses[i]);
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
    ctx.restore();
  }

  hover(e) {
    const { current } = this.data;
    if (!current?.length || !this.geometry) return;
    const box = this.canvas.getBoundingClientRect();
    const { plot, xMax } = this.geometry;
    const epoch = ((e.clientX - box.left - plot.x) / plot.w) * xMax;
    const i = current.nearest(epoch);
    this.hoverEpoch = current.epochs[i];
    this.redraw();
    const anchor = this.canvas.parentElement.getBoundingClientRect();
    const { xOf, yOf } = this.geometry;
    this.tip.show(
      `epoch ${current.epochs[i].toLocaleString('en-US')}: loss ${current.losses[i].toExponential(3)}`,
      box.left - anchor.left + xOf(current.epochs[i]),
      box.top - anchor.top + yOf(current.losses[i]),
    );
  }
}
