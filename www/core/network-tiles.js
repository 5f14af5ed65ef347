// The network view's tiles (network-view.js): the network's shape, a button per unit built
// into its column, where each one's face and bar lie, and what a frame's numbers (`net`, from
// the core) say about each: its activation, whether it is dead, its weight image. No drawing:
// network-draw.js paints what these read.
import { denseLayout, layerWidths } from './architecture.js';
import { el, setAttr } from './dom.js';
import { layerName } from './network-card.js';
import { largest } from './network-draw.js';

// The widths, where each Dense layer's numbers lie, and where each inner column's activations
// start; `columns` is filled with tiles by buildColumns().
export function networkShape(options) {
  const widths = layerWidths(options);
  const inner = widths.slice(1, -1);
  const actAt = inner.reduce((at, w) => [...at, at.at(-1) + w], [0]);
  return {
    widths,
    options,
    dense: denseLayout(widths),
    columns: inner.map(() => []),
    actAt,
    images: 0,
  };
}

// One column per inner layer, headed by its name, width and activation; a tile per unit.
export function buildColumns(doc, shape, infoId) {
  const { widths, options } = shape;
  let index = 0;
  return widths.slice(1, -1).map((w, i) => {
    const act = i === options.encoder.length ? options.latent_activation : options.activation;
    const grid = el(doc, 'div', { className: 'net-units' });
    // At most 8 tiles high: a wide layer takes more columns, not the whole screen's height.
    grid.style.setProperty('--rows', String(Math.ceil(w / Math.ceil(w / 8))));
    for (let u = 0; u < w; u++) grid.append(buildTile(doc, shape, i + 1, u, index++, infoId));
    const head = el(
      doc,
      'span',
      { className: 'net-head' },
      `${layerName(options, i + 1)}: ${w} ${act}`,
    );
    return el(doc, 'div', { className: 'net-column' }, head, grid);
  });
}

// Unit `u` of column `c` (`index`: its place among all inner units), added to shape.columns;
// an image tile's `image` is its row in the atlas (-1 for a swatch). Its face and bar are
// placeholders the canvas over the tiles paints.
function buildTile(doc, shape, c, u, index, infoId) {
  const last = shape.widths.length - 2;
  const face = el(doc, 'span', { className: 'net-face' });
  const bar = el(doc, 'span', { className: 'net-bar' });
  const button = el(
    doc,
    'button',
    {
      className: `net-tile${c === 1 || c === last ? ' net-image' : ''}`,
      type: 'button',
      tabIndex: -1,
      'aria-pressed': 'false',
      'aria-label': `${layerName(shape.options, c)}, unit ${u + 1}`,
      'aria-describedby': infoId,
    },
    face,
    bar,
  );
  Object.assign(button.dataset, { layer: String(c), unit: String(u) });
  const kind = c === 1 ? 'in' : c === last ? 'out' : 'unit';
  const tile = {
    c,
    u,
    index,
    button,
    face,
    bar,
    kind,
    image: kind === 'unit' ? -1 : shape.images++,
  };
  shape.columns[c - 1].push(tile);
  return button;
}

export function tileCentres(links, columns) {
  const box = links.getBoundingClientRect();
  return columns.map((tiles) =>
    tiles.map(({ button }) => {
      const r = button.getBoundingClientRect();
      return { x: r.left + r.width / 2 - box.left, y: r.top + r.height / 2 - box.top };
    }),
  );
}

// Each tile's face and bar boxes, relative to `canvas` (CSS px), as faceBox and barBox.
export function placeTiles(canvas, columns) {
  const box = canvas.getBoundingClientRect();
  const at = (node) => {
    const r = node.getBoundingClientRect();
    return { x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height };
  };
  for (const tile of columns.flat())
    Object.assign(tile, { faceBox: at(tile.face), barBox: at(tile.bar) });
}

// Between column c and c + 1: Dense layer c's kernel. A line into or out of a knocked-out
// unit (`off`) carries nothing into the picture: it is left out, as its tile fades.
export function linkKernels(shape, weights, off) {
  return shape.dense.slice(1, -1).map(({ kernel, bias, fanOut }, c) => {
    const [from, to] = [shape.actAt[c], shape.actAt[c + 1]];
    return {
      weight: (i, j) => (off[from + i] || off[to + j] ? 0 : weights[kernel + i * fanOut + j]),
      top: largest(weights, kernel, bias),
    };
  });
}

// The 64 weights an image tile shows: a first-layer unit's incoming, a last-layer unit's outgoing.
export function tileWeights(shape, net, tile) {
  const { dense, widths } = shape;
  const { weights } = net;
  if (tile.kind === 'in') {
    const { kernel, fanOut } = dense[0];
    return Array.from({ length: widths[0] }, (_, p) => weights[kernel + p * fanOut + tile.u]);
  }
  const { kernel, fanOut } = dense.at(-1);
  return weights.subarray(kernel + tile.u * fanOut, kernel + (tile.u + 1) * fanOut);
}

// Every tile's activation `a`, its layer's largest `top` and whether it is `dead`; each image
// column keeps its scale (imageTop) for the legend and the atlas.
export function readTiles(shape, net) {
  const { columns, dense, actAt, widths } = shape;
  const units = actAt.at(-1);
  const rows = net.dataActs.length / (units + widths.at(-1));
  columns.forEach((tiles, i) => {
    const c = i + 1;
    const at = actAt[i];
    const top = largest(net.acts, at, at + tiles.length);
    const imageTop =
      tiles[0].kind === 'in'
        ? largest(net.weights, dense[0].kernel, dense[0].bias)
        : largest(net.weights, dense.at(-1).kernel, dense.at(-1).bias);
    for (const tile of tiles) {
      let dead = rows > 0;
      for (let r = 0; r < rows && dead; r++)
        dead = net.dataActs[r * widths[c] + at * rows + tile.u] === 0;
      Object.assign(tile, { a: net.acts[at + tile.u], top, dead, imageTop });
    }
  });
}

// What the tiles show, in the DOM: whether each is dead (its dashed border), and `exact` (when
// training stops: tests read them, and writing some 8,000 numbers as text each time the images
// are repainted would cost a running frame more than its painting) each one's activation and
// each image's 64 weights as data-values, as grid.js publishes its grids.
export function publishTiles(shape, net, exact) {
  for (const tile of shape.columns.flat()) {
    if (tile.button.classList.contains('dead') !== tile.dead)
      tile.button.classList.toggle('dead', tile.dead);
    if (!exact) continue;
    setAttr(tile.button, 'data-activation', String(tile.a));
    if (tile.image >= 0)
      tile.face.dataset.values = JSON.stringify(Array.from(tileWeights(shape, net, tile)));
  }
}
