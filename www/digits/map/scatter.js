// A map of codes: every image a dot coloured by its label, on two axes. The axes follow the
// points with an eased range, so a map that grows or shrinks as the model trains glides
// instead of jumping. Hover and click find the nearest dot. Plain arrays in, no wasm.
//
// The dots are stamped into one ImageData (a few pixels each) and put on the canvas at once:
// thousands of arc() or drawImage() calls cost more than the whole training step on a phone.
// Stamping 100,000 dots is still the page's dearest job, so it happens only when the points
// or their range move: new points ease the range on by the time since the last redraw, it
// glides on by itself only once they stop coming, and a hover ring is drawn over the stamps
// kept from last time. All redraws go through one animation frame.
//
// A reader may zoom and pan (zoom.js wires the pointer and the keys): the view is kept relative
// to the points' range (map-view.js), so new frames do not throw it back. Zoomed in past
// IMAGE_ZOOM, the items in view are drawn as their pictures (thumbs.js), up to IMAGE_CAP a frame.
import { cssVar, fitPlot, watchCanvas } from '../../core/canvas.js';
import { DotLayer, packColors, paletteOf } from './dots.js';
import { drawFrame } from './map-axes.js';
import { easeRange, paddedRange } from './map-range.js';
import { fitPoint, viewRange, zoomAbout, zoomOf } from './map-view.js';
import { labelColors } from './palette.js';
import { drawCross, drawPicked, drawPictures, pictureSize } from './pictures.js';
import { attachZoom } from './zoom.js';

// The left margin fits a tick label like "-10.5" clear of the rotated axis name.
const PAD = { left: 46, right: 10, top: 10, bottom: 34 };
// How far (CSS px) the pointer may be from a dot and still pick it.
const PICK_RADIUS = 9;
const FRAME_MS = 1000 / 60;
// Points that stop coming for this long are taken to be still: the range glides on by itself.
const SETTLE_MS = 150;
// From this many dots, a new data set's first stamp gets an animation frame of its own.
const HOLD_FROM = 20_000;

export class ScatterMap {
  /**
   * `onHover(index, x, y)` gets the dot under the pointer (-1: none; x, y: the dot's position in
   * CSS px within the canvas's parent), `onPick(index)` a clicked dot; `onPoint(point)` the
   * pointer over empty space ({ x, y } in the map's units, time: the event's), or null.
   * `thumbs`: a ThumbCache to draw pictures from past IMAGE_ZOOM (null: dots only).
   */
  constructor(
    canvas,
    { onHover = () => {}, onPick = () => {}, onPoint = null, thumbs = null } = {},
  ) {
    Object.assign(this, { canvas, onHover, onPick, onPoint, thumbs });
    this.view = null; // the part of the range shown (map-view.js), null: all of it
    this.picturing = false; // items drawn as pictures (the last redraw was past IMAGE_ZOOM)
    this.dragging = false; // a drag is panning the view (zoom.js)
    this.dragged = false; // the press that ends now was a drag, not a click
    this.plot = null; // the plot's box in CSS px, as last drawn
    this.positions = null;
    this.labels = null;
    this.names = { x: '', y: '' };
    this.rect = null; // an area to outline (the decoded grid's), or null
    this.range = null; // [x0, x1, y0, y1] as drawn
    this.goal = null; // the range the points ask for
    this.marks = { hover: -1, selected: -1, point: null }; // point: [x, y], a decoded spot
    this.screen = null; // each dot's CSS-pixel position, for picking
    this.colors = null; // CSS strings, and the same packed as RGBA words for the stamps
    this.packed = null;
    this.layer = new DotLayer(canvas.ownerDocument);
    this.palette = null; // each dot's palette index, and how many entries are used
    this.stamped = null; // what the layer's stamps were drawn for: { positions, range, width, height }
    this.queued = false;
    this.held = false; // a new data set's dots wait for the next frame
    this.easedAt = null; // when the range last moved (an animation frame's time)
    this.gliding = false;
    this.settleTimer = null;
    this.hovered = -1;
    watchCanvas(canvas, () => this.restyle());
    canvas.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'touch' || this.dragging) return;
      const i = this.nearest(e.clientX, e.clientY);
      this.hoverAt(i);
      const at = i < 0 && this.onPoint ? this.dataAt(e.clientX, e.clientY) : null;
      const anchor = this.canvas.parentElement.getBoundingClientRect();
      const [left, top] = [e.clientX - anchor.left, e.clientY - anchor.top];
      this.onPoint?.(at && { x: at[0], y: at[1], time: e.timeStamp, left, top });
    });
    canvas.addEventListener('pointerleave', () => {
      this.hoverAt(-1);
      this.onPoint?.(null);
    });
    canvas.addEventListener('click', (e) => {
      const i = this.nearest(e.clientX, e.clientY);
      if (i >= 0 && !this.dragged) this.onPick(i);
    });
    thumbs?.listeners.add(() => this.invalidate());
    attachZoom(this);
  }

  /** The drawn range as the view shows it ([x0, x1, y0, y1]), or null before any points. */
  get shown() {
    return this.range && viewRange(this.range, this.view);
  }

  /** How far the view is zoomed in: 1 shows every point. */
  get zoom() {
    return zoomOf(this.view);
  }

  /** The map's point under (clientX, clientY) as [x, y], or null outside the plot. */
  dataAt(clientX, clientY) {
    const { plot, shown } = this;
    if (!plot || !shown) return null;
    const box = this.canvas.getBoundingClientRect();
    const fx = (clientX - box.left - plot.x) / plot.w;
    const fy = 1 - (clientY - box.top - plot.y) / plot.h;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return null;
    return [shown[0] + fx * (shown[1] - shown[0]), shown[2] + fy * (shown[3] - shown[2])];
  }

  /** Where the map's point (x, y) is drawn, as [left, top] in CSS px within the canvas's parent. */
  anchorOf(x, y) {
    const { plot, shown } = this;
    const anchor = this.canvas.parentElement.getBoundingClientRect();
    const box = this.canvas.getBoundingClientRect();
    return [
      box.left - anchor.left + plot.x + ((x - shown[0]) / (shown[1] - shown[0] || 1)) * plot.w,
      box.top -
        anchor.top +
        plot.y +
        plot.h -
        ((y - shown[2]) / (shown[3] - shown[2] || 1)) * plot.h,
    ];
  }

  /** Zooms by `factor` (> 1: in) about the point under (clientX, clientY), or the view's centre. */
  zoomBy(factor, clientX = null, clientY = null) {
    if (!this.range) return;
    const at = clientX === null ? null : this.dataAt(clientX, clientY);
    const s = this.shown;
    const [u, v] = fitPoint(this.range, ...(at ?? [(s[0] + s[1]) / 2, (s[2] + s[3]) / 2]));
    this.setView(zoomAbout(this.view, factor, u, v));
  }

  /** Shows `view` (map-view.js's; null: every point) and says so on the canvas (data-zoom). */
  setView(view) {
    this.view = view;
    this.canvas.dataset.zoom = this.zoom.toFixed(2);
    // Zoomed, a finger pans the map (zoom.js); on the whole map it scrolls the page. Pinching
    // zooms the map, never the page, either way.
    this.canvas.style.touchAction = view ? 'none' : 'pan-x pan-y';
    this.invalidate();
  }

  /** New dots: `positions` (n*2), `labels` (n, -1 = none), the axes' names, an area to outline. */
  setData({ positions, labels, xLabel, yLabel, rect = null }) {
    this.positions = positions;
    if (labels !== this.labels) {
      this.palette = paletteOf(labels);
      // A new data set: its dots wait one frame, the page lays out its new text in this one
      // (100,000 stamped in the same frame made it a 50-60 ms long task).
      this.held = labels.length >= HOLD_FROM;
    }
    this.labels = labels;
    this.names = { x: xLabel, y: yLabel };
    this.rect = rect;
    this.goal = paddedRange(positions);
    if (!this.range) this.range = this.goal.slice();
    this.gliding = false;
    this.invalidate();
  }

  /** Forgets the dots and the range (a new data set or axes): the next setData starts afresh. */
  clear() {
    this.positions = null;
    this.range = null;
    this.setView(null);
    this.goal = null;
    this.screen = null;
    this.stamped = null;
    this.invalidate();
  }

  /** Rings dot `hover` and dot `selected` (-1: none; or a list: the variational panel's two picks). */
  setMarks(marks) {
    this.marks = { ...this.marks, ...marks };
    this.invalidate();
  }

  hoverAt(index) {
    if (index === this.hovered) return;
    this.hovered = index;
    if (index < 0 || !this.screen) return this.onHover(-1, 0, 0);
    const anchor = this.canvas.parentElement.getBoundingClientRect();
    const box = this.canvas.getBoundingClientRect();
    this.onHover(
      index,
      box.left - anchor.left + this.screen[2 * index],
      box.top - anchor.top + this.screen[2 * index + 1],
    );
  }

  /** Redraws at the next animation frame (once, however many changes came before it). */
  invalidate() {
    if (this.queued) return;
    this.queued = true;
    const win = this.canvas.ownerDocument.defaultView;
    win.requestAnimationFrame((time) => {
      this.queued = false;
      if (this.held) {
        this.held = false;
        return this.invalidate();
      }
      const eased = this.ease(time);
      this.redraw();
      if (eased) return;
      if (this.gliding) return this.invalidate();
      win.clearTimeout(this.settleTimer);
      this.settleTimer = win.setTimeout(() => {
        this.settleTimer = null;
        this.gliding = true;
        this.easedAt = null; // from where it is, a frame at a time: no jump after the pause
        this.invalidate();
      }, SETTLE_MS);
    });
  }

  /** Moves the drawn range towards the points' own, by the time since it last moved; true once it is there. */
  ease(time) {
    const dt = this.easedAt === null ? FRAME_MS : Math.min(time - this.easedAt, 30 * FRAME_MS);
    this.easedAt = time;
    return !this.range || !this.goal || easeRange(this.range, this.goal, dt / FRAME_MS);
  }

  /** Whether the drawn map is final: no easing or redraw pending. */
  get settled() {
    return !this.queued && this.settleTimer === null;
  }

  nearest(clientX, clientY) {
    const { screen: s, plot } = this;
    if (!s) return -1;
    const box = this.canvas.getBoundingClientRect();
    const x = clientX - box.left;
    const y = clientY - box.top;
    // Outside the plot nothing is drawn (a zoomed map's items there are clipped away).
    if (x < plot.x || x > plot.x + plot.w || y < plot.y || y > plot.y + plot.h) return -1;
    let best = -1;
    // Over pictures, anywhere on one picks it.
    const reach = this.picturing ? Math.max(PICK_RADIUS, pictureSize(this.zoom) / 2) : PICK_RADIUS;
    let bestD = reach * reach;
    for (let i = 0; i < s.length / 2; i++) {
      const d = (s[2 * i] - x) ** 2 + (s[2 * i + 1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Reads the palette again and redraws: a resize, the OS's or an embed's theme changed. */
  restyle() {
    this.colors = null;
    this.packed = null;
    this.stamped = null;
    this.redraw();
  }

  redraw() {
    const { canvas } = this;
    const start = performance.now();
    const { ctx, width, height, scale, w, h, plot } = fitPlot(canvas, PAD);
    const style = getComputedStyle(canvas);
    this.colors ??= labelColors(canvas);
    this.plot = plot;
    const muted = cssVar(canvas, '--muted', style.color);
    const frame = {
      plot,
      h,
      names: this.names,
      line: cssVar(canvas, '--line', '#ccc'),
      muted,
      font: `11px ${style.fontFamily}`,
    };
    if (!this.positions || !this.range) {
      drawFrame(ctx, frame);
      canvas.dataset.points = '0';
      canvas.dataset.colors = '0';
      return;
    }
    const shown = this.shown;
    const [x0, x1, y0, y1] = shown;
    const X = (v) => plot.x + ((v - x0) / (x1 - x0 || 1)) * plot.w;
    const Y = (v) => plot.y + plot.h - ((v - y0) / (y1 - y0 || 1)) * plot.h;
    drawFrame(ctx, { ...frame, range: shown, X, Y });

    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x + 1, plot.y + 1, plot.w - 2, plot.h - 2);
    ctx.clip();
    if (this.rect) {
      // The decoded grid's area: the map and the grid are the same plane.
      const [rx0, rx1, ry0, ry1] = this.rect;
      ctx.setLineDash([4, 4]);
      ctx.strokeStyle = muted;
      ctx.strokeRect(X(rx0), Y(ry1), X(rx1) - X(rx0), Y(ry0) - Y(ry1));
      ctx.setLineDash([]);
    }
    const { positions, labels } = this;
    const n = labels.length;
    const s = this.stamped;
    const same =
      s &&
      s.positions === positions &&
      s.width === width &&
      s.height === height &&
      s.range.every((v, k) => v === shown[k]);
    if (!same) {
      const screen = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        screen[2 * i] = X(positions[2 * i]);
        screen[2 * i + 1] = Y(positions[2 * i + 1]);
      }
      this.screen = screen;
      this.packed ??= packColors(canvas, this.colors);
      const box = [
        Math.ceil((plot.x + 1) * scale),
        Math.floor((plot.x + plot.w - 1) * scale),
        Math.ceil((plot.y + 1) * scale),
        Math.floor((plot.y + plot.h - 1) * scale),
      ];
      const radius = (w < 360 ? 2 : 2.5) * scale;
      this.layer.stamp({
        screen,
        palette: this.palette.palette,
        packed: this.packed,
        width,
        height,
        scale,
        box,
        radius,
      });
      this.stamped = { positions, range: shown.slice(), width, height };
    }
    const { screen } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer.canvas, 0, 0);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    canvas.dataset.images = String(drawPictures(ctx, this, plot));
    const ring = (i, color, r) => {
      if (i < 0 || i >= n) return;
      if (this.picturing) return drawPicked(ctx, this, i, color, r - 3);
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(screen[2 * i], screen[2 * i + 1], r, 0, 2 * Math.PI);
      ctx.stroke();
    };
    for (const i of [this.marks.selected].flat()) ring(i, cssVar(canvas, '--accent', '#2f6fed'), 7);
    ring(this.marks.hover, style.color, 5.5);
    if (this.marks.point)
      drawCross(ctx, X(this.marks.point[0]), Y(this.marks.point[1]), style.color);
    ctx.restore();
    // How long this redraw took (before data-points, which observers count redraws by).
    canvas.dataset.drawMs = (performance.now() - start).toFixed(2);
    canvas.dataset.points = String(n);
    canvas.dataset.colors = String(this.palette.used);
    canvas.dataset.range = shown.map((v) => v.toPrecision(6)).join(' ');
  }
}
