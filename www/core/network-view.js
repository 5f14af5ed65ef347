// The network view, live: every hidden and latent unit a tile, layer by layer, as TensorFlow
// Playground draws its network. The first hidden layer's tiles show each unit's 64 incoming
// weights as an 8x8 image (what it looks for), the last hidden layer's its 64 outgoing ones
// (what it paints); lines between layers follow the inner weights; each tile's bar is its
// activation on the input, and a unit at 0 on every training image is marked dead. A click
// (or Enter) knocks a unit out of what is drawn and back in; a tap on a touch screen only reads
// a unit, and the button under the view knocks it out. The numbers all come with the
// worker's frame (`net`, from the core); this file only places and paints them. The words are
// network-card.js's, the arrow keys network-focus.js's.
import { denseLayout, layerWidths } from './architecture.js';
import { cssVar, watchCanvas } from './canvas.js';
import { el, setAttr, setProp, setText } from './dom.js';
import { knockOutText, layerName, legendText, unitCard } from './network-card.js';
import { drawLinks, drawSwatch, drawWeightImage, largest, parseHex } from './network-draw.js';
import { tileFocus } from './network-focus.js';

// While training, the weight images and lines are repainted every this many frames (the bars
// every frame): repainting some hundred canvases is most of a frame's time, and weights
// move slowly. A frame that ends or pauses training is always painted in full.
const PAINT_EVERY = 4;

/**
 * Builds the view in `container`. `onKnockOut(off)` gets one 0/1 per hidden and latent unit
 * (layer by layer) whenever the reader knocks a unit out or back in, or null for none.
 * Returns `{ setNetwork(options), draw(net, loss), knockOuts(), knockOut(units) }`.
 */
export function createNetworkView(container, { onKnockOut }) {
  const doc = container.ownerDocument;
  const { links, columnsBox, info, knock, legend, summary } = buildStage(container);
  let shape = null; // { widths, options, dense, columns: [[tile]], actAt }
  let off = new Uint8Array(0);
  let net = null; // the last frame's numbers
  let focused = null; // the tile the info line describes
  let centres = [];
  let frames = 0;
  let touch = false; // the last press was a finger's: it reads the unit, it does not knock it out
  const focus = tileFocus(columnsBox, () => shape.columns);

  // The neutral colour is the card's, read again only when the scheme or size changes: a style
  // read in every frame would force a style recalculation of the whole page.
  let zero = null;
  const zeroColour = () => parseHex(cssVar(container, '--card', '#ffffff'));
  watchCanvas(links, () => {
    zero = zeroColour();
    paintLinks();
  });
  // The tiles' centres are read when the observer reports, just after a layout, never forcing one.
  const layout = new ResizeObserver(() => measure());
  layout.observe(columnsBox);

  function wire(tile) {
    tile.button.addEventListener('pointerdown', (e) => (touch = e.pointerType === 'touch'));
    tile.button.addEventListener('click', (e) => {
      // A tap reads (a finger has no hover); Enter or Space (detail 0) and a mouse knock out.
      if (touch && e.detail > 0) describe(tile, true);
      else toggle(tile);
      touch = false;
    });
    tile.button.addEventListener('focus', () => describe(tile, true));
    tile.button.addEventListener('pointerenter', () => describe(tile, false));
  }

  function mark(tile, out) {
    off[tile.index] = out ? 1 : 0;
    setAttr(tile.button, 'aria-pressed', String(out));
    if (tile.button.classList.contains('off') !== out) tile.button.classList.toggle('off', out);
  }

  function toggle(tile) {
    mark(tile, !off[tile.index]);
    changed();
  }

  function changed() {
    onKnockOut(off.some((v) => v) ? Array.from(off) : null);
    // Its lines go with it, now rather than at the next frame's repaint.
    paintLinks();
    showInfo();
  }

  function describe(tile, byFocus) {
    focused = tile;
    if (byFocus) focus.moveStop(tile);
    showInfo();
  }

  // Tile centres relative to the stage, for the lines; again whenever the layout moves.
  function measure() {
    if (!shape) return;
    centres = tileCentres(links, shape.columns);
    paintLinks();
  }

  function paintLinks() {
    if (!shape || !net || centres.length !== shape.columns.length) return;
    zero ??= zeroColour();
    drawLinks(links, centres, linkKernels(shape, net.weights, off), zero);
  }

  function showInfo() {
    const state = focused && { knockedOut: Boolean(off[focused.index]), dead: focused.button.classList.contains('dead') };
    setText(info, unitCard(shape, net, focused, state));
    setProp(knock, 'hidden', !focused);
    if (focused) setText(knock, `${state.knockedOut ? 'Restore' : 'Knock out'} ${layerName(shape.options, focused.c).toLowerCase()} unit ${focused.u + 1}`);
  }

  knock.addEventListener('click', () => focused && toggle(focused));

  return {
    /** A new run's network (the core's resolved options): new tiles, nothing knocked out. */
    setNetwork(options) {
      shape = networkShape(options);
      off = new Uint8Array(shape.actAt.at(-1));
      focused = null;
      const columns = buildColumns(doc, shape, info.id);
      for (const tile of shape.columns.flat()) wire(tile);
      columnsBox.replaceChildren(...columns);
      focus.moveStop(shape.columns[0][0]);
      net = null;
      // New tiles, maybe in a box of the same size: observing afresh reports it all the same.
      centres = [];
      layout.unobserve(columnsBox);
      layout.observe(columnsBox);
    },
    /** The knocked-out units as [layer, unit] pairs, both from 1 (a link's `off=`). */
    knockOuts() {
      return shape ? shape.columns.flat().filter((t) => off[t.index]).map((t) => [t.c, t.u + 1]) : [];
    },
    /** Knocks out exactly `units` ([layer, unit] pairs from 1; those this network lacks are left out). */
    knockOut(units) {
      if (!shape) return;
      const wanted = new Set(units.map(([c, u]) => `${c}.${u}`));
      for (const tile of shape.columns.flat()) mark(tile, wanted.has(`${tile.c}.${tile.u + 1}`));
      changed();
    },
    /**
     * Paints a frame's `net` numbers, with `trainingLoss` (the frame's loss) for comparison;
     * `running`: more frames follow at once, so the weights may wait a few.
     */
    draw(frameNet, trainingLoss, running = false) {
      if (!shape || !frameNet) return;
      net = frameNet;
      zero ??= zeroColour();
      const full = !running || frames++ % PAINT_EVERY === 0;
      paintTiles(shape, net, zero, full);
      if (full) paintLinks();
      showInfo();
      setText(legend, legendText(shape));
      setText(summary, knockOutText(shape, off, net, trainingLoss));
    },
  };
}

// The lines' canvas under the columns' box, then the legend, the info line with its knock-out
// button (what a tap cannot do on a touch screen) and the summary.
function buildStage(container) {
  const doc = container.ownerDocument;
  const links = el(doc, 'canvas', { className: 'net-links', 'aria-hidden': 'true' });
  const columnsBox = el(doc, 'div', { className: 'net-columns', role: 'group',
    'aria-label': 'Units of the network: arrow keys move, Enter or Space knocks a unit out or back in' });
  const info = el(doc, 'p', { className: 'net-info explain', id: `${container.id || 'network'}-info` });
  const legend = el(doc, 'p', { className: 'net-legend explain' });
  const knock = el(doc, 'button', { type: 'button', className: 'net-knock', hidden: true });
  const summary = el(doc, 'p', { className: 'net-off explain' });
  container.append(el(doc, 'div', { className: 'net-stage' }, links, columnsBox), legend, info, knock, summary);
  return { links, columnsBox, info, knock, legend, summary };
}

// The widths, where each Dense layer's numbers lie, and where each inner column's activations
// start; `columns` is filled with tiles by buildColumns().
function networkShape(options) {
  const widths = layerWidths(options);
  const inner = widths.slice(1, -1);
  const actAt = inner.reduce((at, w) => [...at, at.at(-1) + w], [0]);
  return { widths, options, dense: denseLayout(widths), columns: inner.map(() => []), actAt };
}

// One column per inner layer, headed by its name, width and activation; a tile per unit.
function buildColumns(doc, shape, infoId) {
  const { widths, options } = shape;
  let index = 0;
  return widths.slice(1, -1).map((w, i) => {
    const act = i === options.encoder.length ? options.latent_activation : options.activation;
    const grid = el(doc, 'div', { className: 'net-units' });
    // At most 8 tiles high: a wide layer takes more columns, not the whole screen's height.
    grid.style.setProperty('--rows', String(Math.ceil(w / Math.ceil(w / 8))));
    for (let u = 0; u < w; u++) grid.append(buildTile(doc, shape, i + 1, u, index++, infoId));
    const head = el(doc, 'span', { className: 'net-head' }, `${layerName(options, i + 1)}: ${w} ${act}`);
    return el(doc, 'div', { className: 'net-column' }, head, grid);
  });
}

// Unit `u` of column `c` (`index`: its place among all inner units), added to shape.columns.
function buildTile(doc, shape, c, u, index, infoId) {
  const last = shape.widths.length - 2;
  const canvas = el(doc, 'canvas', { 'aria-hidden': 'true' });
  const bar = el(doc, 'span', { className: 'net-bar' });
  const button = el(doc, 'button', { className: `net-tile${c === 1 || c === last ? ' net-image' : ''}`, type: 'button', tabIndex: -1,
    'aria-pressed': 'false', 'aria-label': `${layerName(shape.options, c)}, unit ${u + 1}`, 'aria-describedby': infoId }, canvas, bar);
  Object.assign(button.dataset, { layer: String(c), unit: String(u) });
  const tile = { c, u, index, button, canvas, bar, kind: c === 1 ? 'in' : c === last ? 'out' : 'unit' };
  shape.columns[c - 1].push(tile);
  return button;
}

function tileCentres(links, columns) {
  const box = links.getBoundingClientRect();
  return columns.map((tiles) => tiles.map(({ button }) => {
    const r = button.getBoundingClientRect();
    return { x: r.left + r.width / 2 - box.left, y: r.top + r.height / 2 - box.top };
  }));
}

// Between column c and c + 1: Dense layer c's kernel. A line into or out of a knocked-out
// unit (`off`) carries nothing into the picture: it is left out, as its tile fades.
function linkKernels(shape, weights, off) {
  return shape.dense.slice(1, -1).map(({ kernel, bias, fanOut }, c) => {
    const [from, to] = [shape.actAt[c], shape.actAt[c + 1]];
    return {
      weight: (i, j) => (off[from + i] || off[to + j] ? 0 : weights[kernel + i * fanOut + j]),
      top: largest(weights, kernel, bias),
    };
  });
}

// The 64 weights an image tile shows: a first-layer unit's incoming, a last-layer unit's outgoing.
function tileWeights(shape, net, tile) {
  const { dense, widths } = shape;
  const { weights } = net;
  if (tile.kind === 'in') {
    const { kernel, fanOut } = dense[0];
    return Array.from({ length: widths[0] }, (_, p) => weights[kernel + p * fanOut + tile.u]);
  }
  const { kernel, fanOut } = dense.at(-1);
  return weights.subarray(kernel + tile.u * fanOut, kernel + (tile.u + 1) * fanOut);
}

// Every tile's swatch or (with `images`) weight image, its bar and whether it is dead; each
// image column keeps its scale (imageTop) for the legend.
function paintTiles(shape, net, zero, images) {
  const { columns, dense, actAt, widths } = shape;
  const units = actAt.at(-1);
  const rows = net.dataActs.length / (units + widths.at(-1));
  columns.forEach((tiles, i) => {
    const c = i + 1;
    const at = actAt[i];
    const top = largest(net.acts, at, at + tiles.length);
    const imageTop = tiles[0].kind === 'in' ? largest(net.weights, dense[0].kernel, dense[0].bias)
      : largest(net.weights, dense.at(-1).kernel, dense.at(-1).bias);
    for (const tile of tiles) {
      const a = net.acts[at + tile.u];
      if (tile.kind === 'unit') drawSwatch(tile.canvas, a, top, zero);
      else if (images) drawWeightImage(tile.canvas, tileWeights(shape, net, tile), imageTop, zero);
      const scale = `scaleX(${top > 0 ? (Math.abs(a) / top).toFixed(2) : 0})`;
      if (tile.bar.style.transform !== scale) tile.bar.style.transform = scale;
      tile.button.dataset.activation = String(a);
      let dead = rows > 0;
      for (let r = 0; r < rows && dead; r++) dead = net.dataActs[r * widths[c] + at * rows + tile.u] === 0;
      if (tile.button.classList.contains('dead') !== dead) tile.button.classList.toggle('dead', dead);
    }
    if (tiles[0].kind !== 'unit') tiles[0].imageTop = imageTop;
  });
}
