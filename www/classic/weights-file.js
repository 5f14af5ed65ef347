// The weights file: JSON with the architecture and the 2276 weights in Keras get_weights()
// order, flat. Reading also takes what Python writes most easily, the nested per-layer lists:
//   json.dump([w.tolist() for w in model.get_weights()], f)
// Pure functions (plus a download helper): no wasm, testable in Node.
import { shortestFloat } from '../core/format.js';

/** The network as the file records it: input width, then each Dense layer. */
export const ARCHITECTURE = Object.freeze({
  input: 64,
  layers: Object.freeze([
    { type: 'Dense', units: 16, activation: 'relu' },
    { type: 'Dense', units: 4, activation: 'relu' },
    { type: 'Dense', units: 16, activation: 'relu' },
    { type: 'Dense', units: 64, activation: 'sigmoid' },
  ]),
});

/** Shapes of the arrays Keras get_weights() returns, in order: each kernel [fan_in, fan_out], then its bias. */
export const SHAPES = Object.freeze(
  ARCHITECTURE.layers.flatMap((layer, i, layers) => {
    const fanIn = i === 0 ? ARCHITECTURE.input : layers[i - 1].units;
    return [[fanIn, layer.units], [layer.units]];
  }),
);

/** How many weights in all (2276). */
export const N_WEIGHTS = SHAPES.reduce((n, shape) => n + shape.reduce((a, b) => a * b, 1), 0);

const FORMAT = 'tinyae-weights';

/**
 * The file's text for `weights` (N_WEIGHTS numbers) and `meta` (seed, epochs, learningRate,
 * input, loss: whatever is known about how they were trained).
 */
export function weightsToJson(weights, meta = {}) {
  if (weights.length !== N_WEIGHTS) throw new Error(`expected ${N_WEIGHTS} weights, got ${weights.length}`);
  const file = {
    format: FORMAT,
    version: 1,
    architecture: ARCHITECTURE,
    order: 'keras get_weights(), flattened: each kernel [fan_in][fan_out] row-major, then its bias',
    shapes: SHAPES,
    ...meta,
    weights: Array.from(weights, (v) => shortestFloat(v)),
  };
  // Indented, but every list of plain numbers on one line (not 2276 lines of one number).
  const text = JSON.stringify(file, null, 2).replace(/\[[\d\s,.eE+-]*\]/g, (list) => list.replace(/\s+/g, ''));
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
      throw new Error(`${where} is ${token} (Python's json.dump writes that for a weight that is not a number): every weight must be a finite number; the training that saved it went wrong`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${where} must be a finite number, got ${JSON.stringify(value)?.slice(0, 20)}`);
    }
    out.push(value);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[0]) {
    const got = Array.isArray(value) ? `${value.length} entries` : JSON.stringify(value)?.slice(0, 20);
    throw new Error(`${where} must be a list of ${shape[0]}, got ${got}`);
  }
  value.forEach((v, i) => flattenShaped(v, shape.slice(1), `${where}[${i}]`, out));
}

/**
 * Reads a weights file's text: ours, or a bare list (flat, or nested as Keras get_weights()).
 * Returns `{ weights, meta }` (weights a Float32Array of N_WEIGHTS); throws a readable Error.
 */
export function weightsFromJson(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    try {
      doc = JSON.parse(text.replace(NON_FINITE, (_, before, token) => `${before}"\\u0000${token}"`));
    } catch {
      throw new Error(`not a JSON file (${err.message})`, { cause: err });
    }
  }
  const listed = Array.isArray(doc) ? doc : doc?.weights;
  if (!Array.isArray(listed)) throw new Error('no "weights" list in this file');
  if (!Array.isArray(doc) && doc.architecture) checkArchitecture(doc.architecture);

  const out = [];
  // Flat: no list inside the list (a stray string or null is then named by its index).
  if (!listed.some(Array.isArray)) {
    if (listed.length !== N_WEIGHTS) {
      throw new Error(`this model has ${N_WEIGHTS} weights; the file has ${listed.length}`);
    }
    flattenShaped(listed, [N_WEIGHTS], 'weights', out);
  } else {
    if (listed.length !== SHAPES.length) {
      throw new Error(`expected ${SHAPES.length} arrays (kernel and bias of 4 layers), got ${listed.length}`);
    }
    listed.forEach((array, i) => flattenShaped(array, SHAPES[i], `weights[${i}]`, out));
  }
  const meta = Array.isArray(doc) ? {} : Object.fromEntries(
    Object.entries(doc).filter(([k]) => ['seed', 'epochs', 'learningRate', 'input', 'loss'].includes(k)),
  );
  return { weights: Float32Array.from(out), meta };
}

function checkArchitecture(arch) {
  const mine = ARCHITECTURE.layers.map((l) => `${l.units} ${l.activation}`).join(', ');
  const theirs = Array.isArray(arch.layers)
    ? arch.layers.map((l) => `${l?.units} ${l?.activation}`).join(', ')
    : '?';
  if (arch.input !== ARCHITECTURE.input || theirs !== mine) {
    throw new Error(`the file is for another network (input ${arch.input}; ${theirs}), not ${ARCHITECTURE.input}; ${mine}`);
  }
}
