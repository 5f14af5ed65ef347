// Train and test loss on one chart, with PCA-4's test MSE as a dashed line to beat: where the
// test curve dips under it, the autoencoder has become the better compressor. Log scale, so
// the early fall and the late crawl both show. Plain numbers in (LossHistory), pixels out.
import { cssVar, fitCanvas, watchCanvas } from '../core/canvas.js';
import { niceTicks } from '../core/grid.js';
import { createTooltip } from '../core/tooltip.js';

const PAD = { left: 46, right: 12, top: 8, bottom: 22 };
// Round values for the log axis: 1, 2, 3, 5 of each decade.
const MANTISSAS = [1, 2, 3, 5];

/** Log-axis ticks between lo and hi (> 0). */
export function logTicks(lo, hi) {
  const out = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of MANTISSAS) {
      const t = m * 10 ** k;
      if (t >= lo * 0.999 && t <= hi * 1.001) out.push(Number(t.toPrecision(3)));
    }
  }
  return out;
}

export class LossCurves {
  constructor(canvas) {
    this.canvas = canvas;
    this.data = null;
    this.hoverEpoch = null;
    this.tip = createTooltip(canvas.parentElement);
    this.style = null;
    watchCanvas(canvas, () => {
      this.style = null;
      this.redraw();
    });
    canvas.addEventListener('pointermove', (e) => this.hover(e));
    canvas.addEventListener('pointerleave', () => {
      this.hoverEpoch = null;
      this.tip.hide();
      this.redraw();
    });
  }

  /** `train`, `test`: LossHistory (or null); `pca`: PCA-4's test MSE; `target`: the x-axis end. */
  draw({ train, test, pca, target }) {
    this.data = { train, test, pca, target };
    this.redraw();
  }

  colors() {
    if (!this.style) {
      const { canvas } = this;
      const computed = getComputedStyle(canvas);
      this.style = {
        font: `11px ${computed.fontFamily}`,
        text: cssVar(canvas, '--muted', computed.color),
        grid: cssVar(canvas, '--line', '#ccc'),
        train: cssVar(canvas, '--train', '#2f6fed'),
        test: cssVar(canvas, '--test', '#e8590c'),
        pca: cssVar(canvas, '--pca', '#7048e8'),
      };
    }
    return this.style;
  }

  redraw() {
    const { canvas } = this;
    const { ctx, width, height, scale } = fitCanvas(canvas);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    const w = width / scale;
    const h = height / scale;
    const c = this.colors();
    const plot = { x: PAD.left, y: PAD.top, w: Math.max(1, w - PAD.left - PAD.right), h: Math.max(1, h - PAD.top - PAD.bottom) };
    const { train = null, test = null, pca = NaN, target = 1 } = this.data ?? {};
    const runs = [train, test].filter((r) => r?.length);
    const values = runs.flatMap((r) => [r.min, maxOf(r)]);
    if (Number.isFinite(pca)) values.push(pca);
    const positive = values.filter((v) => v > 0 && Number.isFinite(v));
    // The range snaps to tenths of a decade, so it moves in steps rather than every frame.
    const lo = positive.length ? 10 ** (Math.floor(Math.log10(Math.min(...positive)) * 10) / 10) : 0.01;
    const hi = positive.length ? 10 ** (Math.ceil(Math.log10(Math.max(...positive)) * 10) / 10) : 0.1;
    const yMax = hi > lo ? hi : lo * 10;
    const xMax = Math.max(target, ...runs.map((r) => r.lastEpoch), 1);
    const X = (e) => plot.x + (e / xMax) * plot.w;
    const Y = (v) => {
      const t = (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(yMax) - Math.log10(lo));
      return plot.y + (1 - Math.min(1, Math.max(0, t))) * plot.h;
    };
    this.geometry = { plot, X, Y, xMax };

    ctx.font = c.font;
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of logTicks(lo, yMax)) {
      const y = Math.round(Y(t)) + 0.5;
      ctx.strokeStyle = c.grid;
      ctx.beginPath();
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.w, y);
      ctx.stroke();
      ctx.fillStyle = c.text;
      ctx.fillText(String(t), plot.x - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of niceTicks(0, xMax, Math.max(2, Math.floor(plot.w / 70))).ticks) {
      if (t !== Math.round(t)) continue;
      const x = Math.round(X(t)) + 0.5;
      ctx.strokeStyle = c.grid;
      ctx.beginPath();
      ctx.moveTo(x, plot.y + plot.h);
      ctx.lineTo(x, plot.y + plot.h + 4);
      ctx.stroke();
      ctx.fillStyle = c.text;
      const label = (t + 0).toLocaleString('en-US');
      const half = ctx.measureText(label).width / 2;
      ctx.fillText(label, Math.min(w - half - 1, Math.max(half + 1, x)), plot.y + plot.h + 6);
    }
    if (Number.isFinite(pca)) {
      const y = Y(pca);
      ctx.save();
      ctx.strokeStyle = c.pca;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(plot.x, y);
      ctx.lineTo(plot.x + plot.w, y);
      ctx.stroke();
      ctx.restore();
    }
    if (train?.length) plotRun(ctx, train, X, Y, c.train);
    if (test?.length) plotRun(ctx, test, X, Y, c.test);
    if (this.hoverEpoch !== null && test?.length) {
      const i = test.nearest(this.hoverEpoch);
      const x = X(test.epochs[i]);
      ctx.strokeStyle = c.text;
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, plot.y);
      ctx.lineTo(Math.round(x) + 0.5, plot.y + plot.h);
      ctx.stroke();
    }
    canvas.dataset.points = String(test?.length ?? 0);
  }

  hover(e) {
    const { test, train } = this.data ?? {};
    if (!test?.length || !this.geometry) return;
    const box = this.canvas.getBoundingClientRect();
    const { plot, xMax, X } = this.geometry;
    const epoch = ((e.clientX - box.left - plot.x) / plot.w) * xMax;
    const i = test.nearest(epoch);
    this.hoverEpoch = test.epochs[i];
    this.redraw();
    const anchor = this.canvas.parentElement.getBoundingClientRect();
    this.tip.show(
      `epoch ${test.epochs[i]}: train ${train.losses[i].toPrecision(4)}, test ${test.losses[i].toPrecision(4)}`,
      box.left - anchor.left + X(test.epochs[i]),
      box.top - anchor.top + plot.y + 12,
    );
  }
}

function maxOf(run) {
  let m = 0;
  for (let i = 0; i < run.length; i++) if (run.losses[i] > m) m = run.losses[i];
  return m;
}

function plotRun(ctx, run, X, Y, color) {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.75;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  for (let i = 0; i < run.length; i++) {
    const x = X(run.epochs[i]);
    const y = Y(run.losses[i]);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
  ctx.restore();
}
