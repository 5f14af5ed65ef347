// The weights file: JSON with the network's options (the core's resolved `options()`), its
// architecture and its weights in Keras get_weights() order, flat. Reading also takes what
// Python writes most easily, the nested per-layer lists (then the classic network is assumed):
//   json.dump([w.tolist() for w in model.get_weights()], f)
// Pure functions (plus a download helper): no wasm, testable in Node.
import { ARCH_DEFAULTS, archLimits, coreOptions, layerWidths } from '../core/architecture.js';
import { shortestFloat } from '../core/format.js';

/** The classic network's options as the core resolves them (what a file without options is for). */
const CLASSIC = Object.freeze(coreOptions({ ...ARCH_DEFAULTS, learningRate: 0.001 }));

/** The network as the file records it: input width, then each Dense layer. */
export function architectureOf(options) {
  const widths = layerWidths(options);
  const enc = options.encoder.length;
  const act = (l) =>
    l === widths.length - 2
      ? options.output
      : l === enc
        ? options.latent_activation
        : options.activation;
  return {
    input: widths[0],
    layers: widths.slice(1).map((units, l) => ({ type: 'Dense', units, activation: act(l) })),
  };
}

/** Shapes of the arrays Keras get_weights() returns, in order: each kernel [fan_in, fan_out], then its bias. */
export function shapesOf(options) {
  const widths = layerWidths(options);
  return widths.slice(1).flatMap((units, l) => [[widths[l], units], [units]]);
}

const count = (shapes) => shapes.reduce((n, shape) => n + shape.reduce((a, b) => a * b, 1), 0);

/** The classic network's architecture, shapes and weight count (2276). */
export const ARCHITECTURE = Object.freeze(architectureOf(CLASSIC));
export const SHAPES = Object.freeze(shapesOf(CLASSIC));
export const N_WEIGHTS = count(SHAPES);

const FORMAT = 'tinyae-weights';
// 1: weights and the classic architecture; 2: the network's options too. A newer file may mean
// something this page would misread, so it is refused rather than guessed at.
const VERSIONS = [1, 2];

/**
 * The file's text for `weights` of the network `options` (the core's options(); the classic
 * one if left out) and `meta` (seed, epochs, learningRate, input, loss: whatever is known
 * about how they were trained).
 */
export function weightsToJson(weights, meta = {}, options = CLASSIC) {
  const shapes = shapesOf(options);
  if (weights.length !== count(shapes))
    throw new Error(`expected ${count(shapes)} weights, got ${weights.length}`);
  const file = {
    format: FORMAT,
    version: 2,
    options,
    architecture: architectureOf(options),
    order: 'keras get_weights(), flattened: each kernel [fan_in][fan_out] row-major, then its bias',
    shapes,
    ...meta,
    weights: Array.from(weights, (v) => shortestFloat(v)),
  };
  // Indented, but every list of plain numbers on one line (not 2276 lines of one number).
  const text = JSON.stringify(file, null, 2).replace(/\[[\d\s,.eE+-]*\]/g, (list) =>
    list.replace(/\s+/g, ''),
  );
  return `${text}\n`;
}

/** Flattens `value` (nested arrays of numbers) following `shape`; throws naming `where`. */
// Python's json.dump writes a weight that is not a number as a bare NaN or Infinity, which is
// not JSON: read as these markers, so the message can name the weight.
const NON_FINITE = /([[,:]\s*)(NaN|-?Infinity)(?=\s*[\],}])/g;
const MARK = '\u0000';

function flattenShaped(value, shape, where, out) {
  if (shape.length === 0) {
    if (typeof value === 'string' && value.startsWith(MARK)) {
      const token = value.slice(1);
      throw new Error(
        `${where} is ${token} (Python's json.dump writes that for a weight that is not a number): every weight must be a finite number; the training that saved it went wrong`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(
        `${where} must be a finite number, got ${JSON.stringify(value)?.slice(0, 20)}`,
      );
    }
    out.push(value);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[0]) {
    const got = Array.isArray(value)
      ? `${value.length} entries`
      : JSON.stringify(value)?.slice(0, 20);
    throw new Error(`${where} must be a list of ${shape[0]}, got ${got}`);
  }
  value.forEach((v, i) => flattenShaped(v, shape.slice(1), `${where}[${i}]`, out));
}

/**
 * Reads a weights file's text: ours, or a bare list (flat, or nested as Keras get_weights()).
 * Returns `{ weights, meta, options }` (weights a Float32Array; options the file's network, or
 * null for a file that names none: the classic one); throws a readable Error.
 */
export function weightsFromJson(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    try {
      doc = JSON.parse(
        text.replace(NON_FINITE, (_, before, token) => `${before}"\\u0000${token}"`),
      );
    } catch {
      throw new Error(`not a JSON file (${err.message})`, { cause: err });
    }
  }
  const listed = Array.isArray(doc) ? doc : doc?.weights;
  if (!Array.isArray(listed)) throw new Error('no "weights" list in this file');
  // Whether the core can build the file's network is its call, when the page asks it to.
  const options =
    !Array.isArray(doc) && doc.options && typeof doc.options === 'object' ? doc.options : null;
  if (!options && !Array.isArray(doc) && doc.architecture) checkArchitecture(doc.architecture);
  if (!Array.isArray(doc) && 'version' in doc && !VERSIONS.includes(doc.version)) {
    throw new Error(
      `its "version" is ${JSON.stringify(doc.version)}; this page reads versions ${VERSIONS.join(' and ')} of ${FORMAT} files (a newer tinyae may have written it)`,
    );
  }
  if (options) checkOptions(options);
  const shapes = shapesOf(options ?? CLASSIC);
  const total = count(shapes);
  const layers = shapes.length / 2;

  const out = [];
  // Flat: no list inside the list (a stray string or null is then named by its index).
  if (!listed.some(Array.isArray)) {
    if (listed.length !== total) {
      throw new Error(
        `${options ? 'its network' : 'this model'} has ${total} weights; the file has ${listed.length}`,
      );
    }
    flattenShaped(listed, [total], 'weights', out);
  } else {
    if (listed.length !== shapes.length) {
      throw new Error(
        `expected ${shapes.length} arrays (kernel and bias of ${layers} layers), got ${listed.length}`,
      );
    }
    listed.forEach((array, i) => flattenShaped(array, shapes[i], `weights[${i}]`, out));
  }
  const meta = Array.isArray(doc)
    ? {}
    : Object.fromEntries(
        Object.entries(doc).filter(([k]) =>
          ['seed', 'epochs', 'learningRate', 'input', 'loss'].includes(k),
        ),
      );
  return { weights: Float32Array.from(out), meta, options };
}

/**
 * The file's network, as far as the weights' shapes depend on it, against a page whose data are
 * `inputWidth` values per item (64 on the '4' page) and archLimits() for them: each bad value
 * named with its limit.
 */
export function checkOptions(options, inputWidth = 64) {
  const widths = (w) => Array.isArray(w) && w.every(Number.isInteger);
  if (!(widths(options.encoder) && widths(options.decoder) && Number.isInteger(options.latent))) {
    throw new Error(
      'its "options" do not describe a network: they need encoder and decoder lists of widths and a latent size, as the page saves them',
    );
  }
  const limits = archLimits(inputWidth);
  const bad = [];
  if (options.input !== undefined && options.input !== inputWidth)
    bad.push(`input is ${options.input} (this page's data are ${inputWidth} values wide)`);
  if (options.latent < 1 || options.latent > limits.latent)
    bad.push(`latent is ${options.latent} (1 to ${limits.latent})`);
  for (const side of ['encoder', 'decoder']) {
    const w = options[side];
    if (w.length > limits.layers || w.some((n) => n < 1 || n > limits.width)) {
      bad.push(
        `${side} is [${w.join(', ')}] (up to ${limits.layers} widths of 1 to ${limits.width})`,
      );
    }
  }
  if (options.variational !== undefined && options.variational !== false) {
    bad.push(
      `variational is ${JSON.stringify(options.variational)} (a variational network is the digits page's; this one trains plain autoencoders)`,
    );
  }
  if (bad.length)
    throw new Error(`its "options" ask for a network this page cannot build: ${bad.join('; ')}`);
}

function checkArchitecture(arch) {
  const mine = ARCHITECTURE.layers.map((l) => `${l.units} ${l.activation}`).join(', ');
  const theirs = Array.isArray(arch.layers)
    ? arch.layers.map((l) => `${l?.units} ${l?.activation}`).join(', ')
    : '?';
  if (arch.input !== ARCHITECTURE.input || theirs !== mine) {
    throw new Error(
      `the file is for another network (input ${arch.input}; ${theirs}), not ${ARCHITECTURE.input}; ${mine}`,
    );
  }
}
