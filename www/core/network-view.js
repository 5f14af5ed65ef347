// The network view, live: every hidden and latent unit a tile, layer by layer, as TensorFlow
// Playground draws its network. The first hidden layer's tiles show each unit's 64 incoming
// weights as an 8x8 image (what it looks for), the last hidden layer's its 64 outgoing ones
// (what it paints); lines between layers follow the inner weights; each tile's bar is its
// activation on the input, and a unit at 0 on every training image is marked dead. A click
// (or Enter) knocks a unit out of what is drawn and back in. The numbers all come with the
// worker's frame (`net`, from the core); this file only places and paints them.
import { denseLayout, layerWidths } from './architecture.js';
import { cssVar, watchCanvas } from './canvas.js';
import { setAttr, setText } from './dom.js';
import { drawLinks, drawSwatch, drawWeightImage, largest, parseHex } from './network-draw.js';
import { shortNumber } from './grid.js';

// While training, the weight images and lines are repainted every this many frames (the bars
// every frame): repainting some hundred canvases is most of a frame's time, and weights
// move slowly. A frame that ends or pauses training is always painted in full.
const PAINT_EVERY = 4;

const KEYS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/**
 * Builds the view in `container`. `onKnockOut(off)` gets one 0/1 per hidden and latent unit
 * (layer by layer) whenever the reader knocks a unit out or back in, or null for none.
 * Returns `{ setNetwork(options), draw(net, loss) }`.
 */
export function createNetworkView(container, { onKnockOut }) {
  const doc = container.ownerDocument;
  const el = (tag, className, ...children) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  };
  const links = el('canvas', 'net-links');
  links.setAttribute('aria-hidden', 'true');
  const columnsBox = el('div', 'net-columns');
  columnsBox.setAttribute('role', 'group');
  columnsBox.setAttribute('aria-label', 'Units of the network: arrow keys move, Enter or Space knocks a unit out or back in');
  const info = el('p', 'net-info explain');
  info.id = `${container.id || 'network'}-info`;
  const legend = el('p', 'net-legend explain');
  const summary = el('p', 'net-off explain');
  container.append(el('div', 'net-stage', links, columnsBox), legend, info, summary);

  let shape = null; // { widths, options, dense, columns: [[tile]], actAt }
  let off = new Uint8Array(0);
  let net = null; // the last frame's numbers
  let loss = null;
  let focused = null; // the tile the info line describes
  let current = null; // the tile with the tab stop
  let centres = [];
  let frames = 0;

  // The neutral colour is the card's, read again only when the scheme or size changes: a style
  // read in every frame would force a style recalculation of the whole page.
  let zero = null;
  watchCanvas(links, () => {
    zero = zeroColour();
    paintLinks();
  });
  new ResizeObserver(() => measure()).observe(columnsBox);

  function layerName(c) {
    const enc = shape.options.encoder.length;
    if (c <= enc) return `Encoder layer ${c}`;
    if (c === enc + 1) return 'Latent';
    return `Decoder layer ${c - enc - 1}`;
  }

  function tileFor(c, u, index) {
    const { columns, widths } = shape;
    const last = widths.length - 2;
    const image = c === 1 || c === last;
    const button = el('button', `net-tile${image ? ' net-image' : ''}`);
    button.type = 'button';
    button.tabIndex = -1;
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-label', `${layerName(c)}, unit ${u + 1}`);
    button.setAttribute('aria-describedby', info.id);
    Object.assign(button.dataset, { layer: String(c), unit: String(u) });
    const canvas = el('canvas');
    canvas.setAttribute('aria-hidden', 'true');
    const bar = el('span', 'net-bar');
    button.append(canvas, bar);
    const tile = { c, u, index, button, canvas, bar, kind: c === 1 ? 'in' : c === last ? 'out' : 'unit' };
    button.addEventListener('click', () => toggle(tile));
    button.addEventListener('focus', () => describe(tile, true));
    button.addEventListener('pointerenter', () => describe(tile, false));
    columns[c - 1].push(tile);
    return button;
  }

  function toggle(tile) {
    off[tile.index] = off[tile.index] ? 0 : 1;
    setAttr(tile.button, 'aria-pressed', String(Boolean(off[tile.index])));
    tile.button.classList.toggle('off', Boolean(off[tile.index]));
    onKnockOut(off.some((v) => v) ? Array.from(off) : null);
  }

  function describe(tile, byFocus) {
    focused = tile;
    if (byFocus) moveStop(tile);
    showInfo();
  }

  function moveStop(tile) {
    if (current) current.button.tabIndex = -1;
    current = tile;
    tile.button.tabIndex = 0;
  }

  columnsBox.addEventListener('keydown', (e) => {
    const move = KEYS[e.key];
    if (!move || !current) return;
    e.preventDefault();
    const { columns } = shape;
    const c = Math.max(0, Math.min(columns.length - 1, current.c - 1 + move[0]));
    const u = Math.max(0, Math.min(columns[c].length - 1, move[0] ? Math.round((current.u / Math.max(1, columns[current.c - 1].length - 1)) * (columns[c].length - 1)) : current.u + move[1]));
    columns[c][u].button.focus();
  });

  // Tile centres relative to the stage, for the lines; again whenever the layout moves.
  function measure() {
    if (!shape) return;
    const box = links.getBoundingClientRect();
    centres = shape.columns.map((tiles) => tiles.map(({ button }) => {
      const r = button.getBoundingClientRect();
      return { x: r.left + r.width / 2 - box.left, y: r.top + r.height / 2 - box.top };
    }));
    paintLinks();
  }

  function paintLinks() {
    if (!shape || !net || centres.length !== shape.columns.length) return;
    const { weights } = net;
    // Between column c and c + 1: Dense layer c's kernel.
    const kernels = shape.dense.slice(1, -1).map(({ kernel, bias, fanOut }) => ({
      weight: (i, j) => weights[kernel + i * fanOut + j],
      top: largest(weights, kernel, bias),
    }));
    zero ??= zeroColour();
    drawLinks(links, centres, kernels, zero);
  }

  const zeroColour = () => parseHex(cssVar(container, '--card', '#ffffff'));

  function tileWeights(tile) {
    const { dense, widths } = shape;
    const { weights } = net;
    if (tile.kind === 'in') {
      const { kernel, fanOut } = dense[0];
      return Array.from({ length: widths[0] }, (_, p) => weights[kernel + p * fanOut + tile.u]);
    }
    const { kernel, fanOut } = dense.at(-1);
    return weights.subarray(kernel + tile.u * fanOut, kernel + (tile.u + 1) * fanOut);
  }

  function paintTiles(images) {
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
        else if (images) drawWeightImage(tile.canvas, tileWeights(tile), imageTop, zero);
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

  function showInfo() {
    if (!focused || !net) return setText(info, 'Point at or focus a unit for its numbers; click it (or press Enter) to knock it out.');
    const tile = focused;
    const { dense, actAt } = shape;
    const layer = dense[tile.c - 1];
    const a = net.acts[actAt[tile.c - 1] + tile.u];
    const bias = net.weights[layer.bias + tile.u];
    const incoming = Array.from({ length: layer.fanIn }, (_, i) => [i, net.weights[layer.kernel + i * layer.fanOut + tile.u]]);
    incoming.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
    const from = (i) => (tile.c === 1 ? `pixel (row ${Math.floor(i / 8) + 1}, column ${(i % 8) + 1})` : `unit ${i + 1}`);
    const strongest = incoming.slice(0, 3).map(([i, w]) => `${from(i)} ${signed(w)}`).join(', ');
    const state = off[tile.index] ? ' Knocked out: held at 0.' : tile.button.classList.contains('dead') ? ' Dead: 0 on every training image.' : '';
    setText(info, `${layerName(tile.c)}, unit ${tile.u + 1}: activation ${shortNumber(a)}, bias ${signed(bias)}; strongest incoming weights: ${strongest}.${state}`);
  }

  function showSummary() {
    const names = shape.columns.flat().filter((t) => off[t.index]).map((t) => `${layerName(t.c).toLowerCase()} unit ${t.u + 1}`);
    const scales = shape.columns.filter((t) => t[0].kind !== 'unit').map((t) => `${t[0].kind === 'in' ? 'incoming' : 'outgoing'} weights of ${layerName(t[0].c).toLowerCase()}: ${signed(-t[0].imageTop)} (blue) to ${signed(t[0].imageTop)} (red)`);
    setText(legend, `Colour scales, one per layer, 0 = the background: ${scales.join('; ')}.`);
    setText(summary, names.length === 0 || net.offLoss === null ? '' : `Knocked out of the picture: ${names.join(', ')}. Training loss without ${names.length === 1 ? 'it' : 'them'}: ${shortNumber(net.offLoss)}, with: ${shortNumber(loss)}. Training itself goes on with every unit.`);
  }

  return {
    /** A new run's network (the core's resolved options): new tiles, nothing knocked out. */
    setNetwork(options) {
      const widths = layerWidths(options);
      const inner = widths.slice(1, -1);
      const actAt = inner.reduce((at, w) => [...at, at.at(-1) + w], [0]);
      shape = { widths, options, dense: denseLayout(widths), columns: inner.map(() => []), actAt };
      off = new Uint8Array(actAt.at(-1));
      focused = null;
      let index = 0;
      const columns = inner.map((w, i) => {
        const column = el('div', 'net-column');
        const act = i === shape.options.encoder.length ? options.latent_activation : options.activation;
        const grid = el('div', 'net-units');
        // At most 8 tiles high: a wide layer takes more columns, not the whole screen's height.
        grid.style.gridTemplateRows = `repeat(${Math.ceil(w / Math.ceil(w / 8))}, auto)`;
        for (let u = 0; u < w; u++) grid.append(tileFor(i + 1, u, index++));
        column.append(el('span', 'net-head', `${layerName(i + 1)}: ${w} ${act}`), grid);
        return column;
      });
      columnsBox.replaceChildren(...columns);
      moveStop(shape.columns[0][0]);
      net = null;
      measure();
    },
    /**
     * Paints a frame's `net` numbers, with `trainingLoss` (the frame's loss) for comparison;
     * `running`: more frames follow at once, so the weights may wait a few.
     */
    draw(frameNet, trainingLoss, running = false) {
      if (!shape || !frameNet) return;
      net = frameNet;
      loss = trainingLoss;
      zero ??= zeroColour();
      const full = !running || frames++ % PAINT_EVERY === 0;
      paintTiles(full);
      if (full) paintLinks();
      showInfo();
      showSummary();
    },
  };
}

const signed = (v) => `${v < 0 ? '\u2212' : '+'}${shortNumber(Math.abs(v))}`;
