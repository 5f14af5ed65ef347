// The network view's words: a unit's card (the info line on hover or focus), the colour scales'
// legend and what knocking units out costs. Text only: the numbers are the worker's frame
// (`net`), the tiles and the network's shape network-view.js's.
import { shortNumber } from './grid.js';

/** The name of column `c` (1-based: the encoder's layers, the latent, the decoder's) of `options`. */
export function layerName(options, c) {
  const enc = options.encoder.length;
  if (c <= enc) return `Encoder layer ${c}`;
  if (c === enc + 1) return 'Latent';
  return `Decoder layer ${c - enc - 1}`;
}

/**
 * The info line for `tile` of `shape` in frame `net` (`state`: { knockedOut, dead }), or the
 * prompt when no unit is pointed at or focused or no frame came in yet.
 */
export function unitCard(shape, net, tile, state) {
  if (!tile || !net)
    return 'Point at or focus a unit for its numbers; click it (or press Enter) to knock it out.';
  const { dense, actAt } = shape;
  const layer = dense[tile.c - 1];
  const a = net.acts[actAt[tile.c - 1] + tile.u];
  const bias = net.weights[layer.bias + tile.u];
  const incoming = Array.from({ length: layer.fanIn }, (_, i) => [
    i,
    net.weights[layer.kernel + i * layer.fanOut + tile.u],
  ]);
  incoming.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
  const from = (i) =>
    tile.c === 1 ? `pixel (row ${Math.floor(i / 8) + 1}, column ${(i % 8) + 1})` : `unit ${i + 1}`;
  const strongest = incoming
    .slice(0, 3)
    .map(([i, w]) => `${from(i)} ${signed(w)}`)
    .join(', ');
  const note = state.knockedOut
    ? ' Knocked out: held at 0.'
    : state.dead
      ? ' Dead: 0 on every training image.'
      : '';
  return `${layerName(shape.options, tile.c)}, unit ${tile.u + 1}: activation ${shortNumber(a)}, bias ${signed(bias)}; strongest incoming weights: ${strongest}.${note}`;
}

/** The colour scales of `shape`'s weight images, from each image column's `imageTop`. */
export function legendText(shape) {
  const scales = shape.columns
    .filter((t) => t[0].kind !== 'unit')
    .map(
      (t) =>
        `${t[0].kind === 'in' ? 'incoming' : 'outgoing'} weights of ${layerName(shape.options, t[0].c).toLowerCase()}: ${signed(-t[0].imageTop)} (blue) to ${signed(t[0].imageTop)} (red)`,
    );
  return `Colour scales, one per layer, 0 = the background: ${scales.join('; ')}.`;
}

/**
 * Which units `off` knocks out and the loss without them (`net.offLoss`) and with (`loss`), at
 * the toolbar's precision (1.730e-5: two decimals would say 0.00); '' for none.
 */
export function knockOutText(shape, off, net, loss) {
  const names = shape.columns
    .flat()
    .filter((t) => off[t.index])
    .map((t) => `${layerName(shape.options, t.c).toLowerCase()} unit ${t.u + 1}`);
  if (names.length === 0 || net.offLoss === null) return '';
  return `Knocked out of the picture: ${names.join(', ')}. Training loss without ${names.length === 1 ? 'it' : 'them'}: ${net.offLoss.toExponential(3)}, with: ${loss.toExponential(3)}. Training itself goes on with every unit.`;
}

const signed = (v) => `${v < 0 ? '\u2212' : '+'}${shortNumber(Math.abs(v))}`;
