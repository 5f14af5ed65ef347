// A map's frame: the plot's outline, the axes' names and a few round-numbered ticks on each
// axis for the range drawn (which follows zoom and pan). Drawn in CSS pixels.
import { formatTick, niceTicks } from '../../core/grid.js';

/**
 * One axis's ticks: a mark and a label per tick whose position `at(t)` falls in `[lo, hi]`;
 * `place(p)` gives the mark's two ends and the label's anchor for position p.
 */
function drawTicks(ctx, { ticks, decimals }, at, [lo, hi], place) {
  for (const t of ticks) {
    const p = Math.round(at(t)) + 0.5;
    if (p < lo || p > hi) continue;
    const [from, to, label] = place(p);
    ctx.beginPath();
    ctx.moveTo(...from);
    ctx.lineTo(...to);
    ctx.stroke();
    ctx.fillText(formatTick(t, decimals), ...label);
  }
}

/**
 * The outline of `plot` ({ x, y, w, h }) and the axes' `names` ({ x, y }) on a canvas `h` CSS px
 * high, in `line` and `muted` colours; with a `range` ([x0, x1, y0, y1]) and its maps X, Y from
 * data to CSS px, the ticks too.
 */
export function drawFrame(ctx, { plot, h, names, line, muted, font, range = null, X, Y }) {
  ctx.font = font;
  ctx.strokeStyle = line;
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.x + 0.5, plot.y + 0.5, plot.w - 1, plot.h - 1);
  ctx.fillStyle = muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(names.x, plot.x + plot.w / 2, h - 4);
  ctx.save();
  ctx.translate(11, plot.y + plot.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(names.y, 0, 0);
  ctx.restore();
  if (!range) return;
  const [x0, x1, y0, y1] = range;
  ctx.textBaseline = 'top';
  drawTicks(
    ctx,
    niceTicks(x0, x1, Math.max(2, Math.floor(plot.w / 80))),
    X,
    [plot.x, plot.x + plot.w],
    (x) => [
      [x, plot.y + plot.h],
      [x, plot.y + plot.h + 4],
      [x, plot.y + plot.h + 6],
    ],
  );
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  drawTicks(
    ctx,
    niceTicks(y0, y1, Math.max(2, Math.floor(plot.h / 60))),
    Y,
    [plot.y, plot.y + plot.h],
    (y) => [
      [plot.x - 4, y],
      [plot.x, y],
      [plot.x - 6, y],
    ],
  );
}
