// The network's settings: widths, activations, loss, optimizer, L1 and noise, as rows of the
// settings table (urlstate.js appends them to SETTINGS), so the link, the element's attributes
// and the editor read and write them one way. Whether a model can be built from them is the
// core's call; this file only knows the limits it documents (README "Options") well enough to
// name them in a message, and the two combinations the editor prevents. Pure: no DOM, no wasm.
import { SIZE } from './digit.js';
import { oneOf, row, SettingError } from './settings.js';

export const ACTIVATIONS = Object.freeze(['relu', 'tanh', 'sigmoid', 'linear', 'elu']);
export const OUTPUTS = Object.freeze(['sigmoid', 'linear']);
export const LOSSES = Object.freeze(['mse', 'binary_crossentropy']);
export const OPTIMIZERS = Object.freeze(['adam', 'rmsprop', 'sgd']);
export const NOISE_TYPES = Object.freeze(['none', 'gaussian', 'mask']);
/** Values per item the core takes (its MAX_INPUT, README "Options"). */
export const MAX_INPUT = 4096;
// Past this many units a stepper doubles and halves (64, 128, 256, 512, 1024) instead of
// counting one by one: a thousand clicks to reach 1024 is no editor.
const STEP_FROM = 64;
/** The limits on 64-wide data (the '4', the 8x8 digits): hidden layers per side, units per hidden layer, latent units. */
export const LIMITS = Object.freeze({ layers: 3, width: 64, latent: 16, gaussian: 10, mask: 1 });
// On wider data, the core's own limits (src/options.rs MAX_HIDDEN_LAYERS, MAX_WIDTH,
// MAX_LATENT): a 784-wide image wants layers of hundreds of units.
const WIDE_LIMITS = /* @__PURE__ */ Object.freeze({
  ...LIMITS,
  layers: 4,
  width: 1024,
  latent: 256,
});

/**
 * The network limits for data of `inputWidth` values per item (a whole number 1 to MAX_INPUT):
 * `{ layers, width, latent, gaussian, mask }`. Up to 64 values, LIMITS, exactly as the pages
 * have always had them (3 hidden layers a side of 1 to 64 units, a latent of 1 to 16); wider,
 * the core's: 4 hidden layers a side of 1 to 1024 units, a latent of 1 to 256. Throws an Error
 * naming any other `inputWidth`.
 */
export function archLimits(inputWidth) {
  if (!(Number.isInteger(inputWidth) && inputWidth >= 1 && inputWidth <= MAX_INPUT)) {
    throw new Error(
      `archLimits: inputWidth must be a whole number from 1 to ${MAX_INPUT}, got ${JSON.stringify(inputWidth)}`,
    );
  }
  return inputWidth > STEP_FROM ? WIDE_LIMITS : LIMITS;
}

/** The width one step above `n`, at most `hi`: one unit more up to 64, then the next of 128, 256, 512, 1024. */
export function widthUp(n, hi) {
  if (n < STEP_FROM) return Math.min(n + 1, hi);
  let next = STEP_FROM * 2;
  while (next <= n) next *= 2;
  return Math.min(next, hi);
}

/** The width one step below `n` (at least 1): one unit less up to 64, else the largest of 64, 128, 256, 512 under `n`. */
export function widthDown(n) {
  if (n <= STEP_FROM) return Math.max(n - 1, 1);
  let below = STEP_FROM;
  while (below * 2 < n) below *= 2;
  return below;
}

/** The classic model of the Keras blog's first example, as the page has always trained it. */
export const ARCH_DEFAULTS = Object.freeze({
  encoder: Object.freeze([16]),
  decoder: Object.freeze([16]),
  latent: 4,
  activation: 'relu',
  latentActivation: 'relu',
  output: 'sigmoid',
  loss: 'mse',
  optimizer: 'adam',
  momentum: 0,
  l1: 0,
  noise: null,
});

// A preset: every network field (the classic ones unless given) and the learning rate.
const preset = (fields) => Object.freeze({ ...ARCH_DEFAULTS, learningRate: 0.001, ...fields });

/**
 * Presets named after the Keras blog's examples ("Building Autoencoders in Keras"), scaled to
 * 8x8 images: each sets every network field and the learning rate. Marked pure, so a bundle
 * that never reads them (the compact element's) leaves them out.
 */
export const ARCH_PRESETS = /* @__PURE__ */ Object.freeze({
  classic: /* @__PURE__ */ preset({}),
  // "Adding a sparsity constraint": a wider ReLU code kept mostly at 0 by an L1 activity penalty.
  sparse: /* @__PURE__ */ preset({ latent: 16, l1: 0.001 }),
  // With its own seed: from the page's 78 three of its four latent units die on the '4' in the
  // first epochs (tests/js/page-modules.test.mjs); from 6 all four carry the image.
  deep: /* @__PURE__ */ preset({ encoder: [32, 16], decoder: [16, 32], seed: 6 }),
  // "Application to image denoising": Gaussian noise in, the clean image out, cross-entropy.
  denoising: /* @__PURE__ */ preset({
    loss: 'binary_crossentropy',
    noise: { type: 'gaussian', amount: 0.3 },
  }),
  // One linear layer each way with MSE: the code spans the same subspace as PCA's first axes.
  linear: /* @__PURE__ */ preset({
    encoder: [],
    decoder: [],
    latentActivation: 'linear',
    output: 'linear',
    learningRate: 0.01,
  }),
});

/** Labels for the preset buttons. */
export const PRESET_LABELS = Object.freeze({
  classic: 'classic',
  sparse: 'sparse',
  deep: 'deep',
  denoising: 'denoising',
  linear: 'linear (= PCA)',
  variational: 'variational',
});

const NETWORK_FIELDS = Object.keys(ARCH_DEFAULTS);

/** Whether `state`'s network is the classic one (any learning rate): the compact build's. */
export function classicNetwork(state) {
  return NETWORK_FIELDS.every((f) => JSON.stringify(ARCH_DEFAULTS[f]) === JSON.stringify(state[f]));
}

/**
 * The preset of `presets` whose every field (network, learning rate) `state` has, or null. A
 * preset's seed is where it starts, not part of it: a new seed keeps the preset.
 */
export function presetOf(state, presets = ARCH_PRESETS) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const found = Object.entries(presets).find(([, p]) =>
    Object.keys(p).every((f) => f === 'seed' || same(p[f], state[f])),
  );
  return found ? found[0] : null;
}

function wholeIn(setting, lo, hi, s) {
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!(n >= lo && n <= hi)) return null;
  return n;
}

/**
 * Hidden widths from text: '' (no hidden layer), '16' or '32-16': up to `limits.layers` widths
 * of 1 to `limits.width` (archLimits(); LIMITS, 64-wide data's, when left out).
 */
export function parseWidths(setting, limits = LIMITS) {
  return (text) => {
    const s = String(text).trim();
    const parts = s === '' ? [] : s.split(/[-,\s]+/);
    const widths = parts.map((p) => wholeIn(setting, 1, limits.width, p));
    if (parts.length > limits.layers || widths.includes(null)) {
      throw new SettingError(
        setting,
        `up to ${limits.layers} widths of 1 to ${limits.width} joined by "-" (e.g. 32-16), or empty for no hidden layer`,
        s,
      );
    }
    return Object.freeze(widths);
  };
}

/** The latent size from text: a whole number 1 to `limits.latent`. */
function parseLatent(limits) {
  return (text) => {
    const s = String(text).trim();
    const n = wholeIn('latent', 1, limits.latent, s);
    if (n === null)
      throw new SettingError('latent', `a whole number from 1 to ${limits.latent}`, s);
    return n;
  };
}

/** A parser of finite numbers that pass `ok`, else a SettingError stating `reason`. */
export function parseNumber(setting, reason, ok) {
  return (text) => {
    const s = String(text).trim();
    const n = s === '' ? NaN : Number(s);
    if (!Number.isFinite(n) || !ok(n)) throw new SettingError(setting, reason, s);
    return n;
  };
}

/** Noise from text: 'none', or 'gaussian:0.3' (amount 0..10), or 'mask:0.2' (0..1). */
export function parseNoise(text) {
  const s = String(text).trim().toLowerCase();
  if (s === 'none' || s === '') return null;
  const [type, amountText = ''] = s.split(':');
  const top = LIMITS[type];
  const amount = amountText === '' ? NaN : Number(amountText);
  if (!top || !(amount >= 0 && amount <= top)) {
    throw new SettingError(
      'noise',
      `none, gaussian:<amount 0 to ${LIMITS.gaussian}> or mask:<share 0 to ${LIMITS.mask}> (e.g. gaussian:0.3)`,
      String(text).trim(),
    );
  }
  return Object.freeze({ type, amount });
}

export const formatNoise = (noise) => (noise ? `${noise.type}:${noise.amount}` : 'none');
const formatWidths = (widths) => widths.join('-');

const parseMomentum = parseNumber(
  'momentum',
  'a number from 0 up to (not including) 1',
  (n) => n >= 0 && n < 1,
);
const parseL1 = parseNumber('l1', 'a number >= 0 such as 0.001', (n) => n >= 0);
// A network row: the core's option name is the field's in snake case.
const arch = (field, key, label, parse, format = String) =>
  row(field, key, label, parse, {
    format,
    core: field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  });

// The network's rows for `limits`: only the widths' and the latent's parsers depend on them.
const networkRows = (limits) =>
  Object.freeze([
    arch('encoder', 'enc', 'Encoder', parseWidths('encoder', limits), formatWidths),
    arch('latent', 'latent', 'Latent units', parseLatent(limits)),
    arch('decoder', 'dec', 'Decoder', parseWidths('decoder', limits), formatWidths),
    arch('activation', 'act', 'Hidden activation', oneOf('activation', ACTIVATIONS)),
    arch('latentActivation', 'lact', 'Latent activation', oneOf('latent activation', ACTIVATIONS)),
    arch('output', 'out', 'Output', oneOf('output', OUTPUTS)),
    arch('loss', 'loss', 'Loss', oneOf('loss', LOSSES)),
    arch('optimizer', 'opt', 'Optimizer', oneOf('optimizer', OPTIMIZERS)),
    arch('momentum', 'mom', 'Momentum', parseMomentum),
    arch('l1', 'l1', 'L1 sparsity', parseL1),
    arch('noise', 'noise', 'Noise', parseNoise, formatNoise),
  ]);

/** The network's rows of the settings table on 64-wide data (urlstate.js's SETTINGS, the element's attributes). */
export const ARCH_SETTINGS = networkRows(LIMITS);
let wideRows = null;

/**
 * The network's rows of a settings table for data of `inputWidth` values per item (settings.js
 * row(); archLimits() bounds the widths and the latent): what a page's link and fields parse.
 * ARCH_SETTINGS up to 64 values; one table, made once, for wider data.
 */
export function archSettings(inputWidth = 64) {
  const limits = archLimits(inputWidth);
  return limits === LIMITS ? ARCH_SETTINGS : (wideRows ??= networkRows(limits));
}

/**
 * What the editor prevents, as `{ field, reason }` for each field of `state` that clashes with
 * another (the field named is the one to put back): cross-entropy needs a sigmoid output,
 * momentum is SGD's alone, and a variational model the Keras example's heads and loss.
 */
export function conflicts(state) {
  const out = [];
  if (state.loss === 'binary_crossentropy' && state.output !== 'sigmoid') {
    out.push({
      field: 'loss',
      reason:
        'mse with a linear output (binary_crossentropy compares probabilities, so it needs output=sigmoid)',
    });
  }
  if (
    state.variational &&
    (state.loss !== 'binary_crossentropy' ||
      state.output !== 'sigmoid' ||
      state.latentActivation !== 'linear')
  ) {
    out.push({
      field: 'variational',
      reason:
        '0 unless loss=binary_crossentropy, out=sigmoid and lact=linear (the Keras VAE: linear z_mean and z_log_var heads, cross-entropy summed over the pixels)',
    });
  }
  if (state.momentum !== 0 && state.optimizer !== 'sgd') {
    out.push({
      field: 'momentum',
      reason: '0 unless the optimizer is sgd (adam and rmsprop have no momentum term)',
    });
  }
  return out;
}

/**
 * Puts back the default (from `defaults`) of each field of `state` (in place) that clashes with
 * another, as the editor would never let it: a `{ key, got, reason }` for each, in `table`'s
 * keys, as readParams reports a bad value.
 */
export function settleConflicts(state, table, defaults) {
  return conflicts(state).map(({ field, reason }) => {
    const row = table.find((s) => s.field === field);
    const got = row.format(state[field]);
    state[field] = defaults[field];
    return { key: row.key, got, reason };
  });
}

/** Whether `a` and `b` describe the same network (every row of ARCH_SETTINGS alike). */
export const sameNetwork = (a, b) =>
  ARCH_SETTINGS.every((s) => s.format(a[s.field]) === s.format(b[s.field]));

// A copy of a setting's value that the caller may keep (arrays and the noise are objects).
const copy = (v) => (v && typeof v === 'object' ? structuredClone(v) : v);

/** The options object the core's constructor takes for `state` (README "Options"): by the rows' `core` names. */
export function coreOptions(state) {
  const options = Object.fromEntries(ARCH_SETTINGS.map((s) => [s.core, copy(state[s.field])]));
  options.learning_rate = state.learningRate;
  // Only a variational model takes a beta (the core refuses one without it).
  return state.variational ? { ...options, variational: true, beta: state.beta } : options;
}

/** The state's network fields from the core's resolved `options()` (a weights file's record). */
export function fromCoreOptions(o) {
  const fields = ARCH_SETTINGS.map((s) => [
    s.field,
    o[s.core] && typeof o[s.core] === 'object' ? Object.freeze(copy(o[s.core])) : o[s.core],
  ]);
  return { ...Object.fromEntries(fields), learningRate: o.learning_rate };
}

/** Layer widths input to output, e.g. [64, 16, 4, 16, 64]. */
export const layerWidths = (state) => [
  SIZE * SIZE,
  ...state.encoder,
  state.latent,
  ...state.decoder,
  SIZE * SIZE,
];

/** The layer widths as a page writes them: '64 → 16 → 4 → 16 → 64', kept on one line. */
export const networkText = (state) => layerWidths(state).join('\u00a0\u2192\u00a0');

/**
 * Where each Dense layer sits in get_weights()'s flat list for `widths` (layerWidths()): `{
 * fanIn, fanOut, kernel, bias }`, the kernel `[fanIn][fanOut]` row-major, then the bias, as
 * Keras flattens them (README "The JS API").
 */
export function denseLayout(widths) {
  let at = 0;
  return widths.slice(1).map((fanOut, l) => {
    const fanIn = widths[l];
    const layer = { fanIn, fanOut, kernel: at, bias: at + fanIn * fanOut };
    at = layer.bias + fanOut;
    return layer;
  });
}

/**
 * A code of any length as the squares of its latentGrid(): `{ cells, rows, cols }`, the
 * squares past the last unit NaN (drawn empty).
 */
export function latentCells(code) {
  const [rows, cols] = latentGrid(code.length);
  const cells = Array.from({ length: rows * cols }, (_, i) => (i < code.length ? code[i] : NaN));
  return { cells, rows, cols };
}

/** The nearest grid of the series 1x1, 1x2, 2x2, 2x4, 4x4 that holds `n` units: [rows, cols]. */
export function latentGrid(n) {
  let rows = 1;
  let cols = 1;
  while (rows * cols < n) {
    if (cols === rows) cols *= 2;
    else rows *= 2;
  }
  return [rows, cols];
}

/** "2x2", or "2x4: 6 units, the last 2 squares empty". */
export function latentCaption(units) {
  const [rows, cols] = latentGrid(units);
  const empty = rows * cols - units;
  const grid = `${rows}x${cols}`;
  if (!empty) return grid;
  return `${grid}: ${units} unit${units === 1 ? '' : 's'}, the last ${empty === 1 ? 'square' : `${empty} squares`} empty`;
}
