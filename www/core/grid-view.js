// A grid view for the page: a grid.js drawing that redraws itself on resize and theme changes,
// shows the value under the pointer, and can outline one cell (the painter's cursor).
import { cssVar, watchCanvas } from './canvas.js';
import { cellRect, drawColorBar, drawGrid } from './grid.js';
import { createTooltip } from './tooltip.js';

/**
 * A grid of values on a canvas, kept for redraws. `describe(index, value)` words a cell for the
 * tooltip; `colorbar` (a canvas) gets the colour bar of every range drawn.
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
      const [x0, y0, x1, y1] = cellRect(
        Math.floor(highlight / cols),
        highlight % cols,
        rows,
        cols,
        width,
        height,
      );
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
