// The digits page's link: its rows of the settings table (core/settings.js builds them as the
// '4' page's are built): the seed, epochs, speed, the map's axes, the learning rate, the
// network (core/architecture.js, with the variational mode) and the data set, so a link
// reproduces a run (the split is fixed). `?build=scalar` forces the fallback build. No DOM.
import {
  ARCH_DEFAULTS,
  ARCH_SETTINGS,
  archSettings,
  LIMITS,
  settleConflicts,
} from '../core/architecture.js';
import { VAE_DEFAULTS, VAE_SETTINGS } from '../core/vae-settings.js';
import { setting, tabHref } from '../core/urlstate.js';
import {
  oneOf,
  parseSeed,
  readSettings,
  row,
  SettingError,
  settingsHash,
  wholeNumber,
} from '../core/settings.js';

/** The epochs-per-frame choices, and 'max' (as many as fit in a frame). */
export const SPEEDS = Object.freeze([1, 2, 5, 10, 'max']);
export const MAX_EPOCHS = 10_000;
/** Seed 2 keeps all four units alive and passes PCA-4 within 100 epochs (tests/e2e/digits.test.mjs). */
export const DEFAULTS = Object.freeze({
  seed: 2,
  epochs: 300,
  speed: 1,
  axes: 'pc',
  learningRate: 0.001,
  ...ARCH_DEFAULTS,
  ...VAE_DEFAULTS,
  data: 'digits',
});

/**
 * The data sets the page offers (`data=` in the link): the 8x8 digits (or the reader's own file,
 * when this tab kept one: kept-data.js), and the two 28x28 sets of www/data/. `defaults`: what a
 * data set changes of the page's defaults (DEFAULTS, the digits'), applied when it is chosen.
 *
 * The network for 28x28 images, 784-64-2-64-784 with a linear code, was measured against 128
 * and 256 hidden units on MNIST (seed 2, 8,000 training images, Adam 0.001, batches of 32, Node,
 * the simd128 build, a busy 2-core machine): 15.0k, 8.6k and 3.2k samples/s; test MSE after 20
 * epochs 0.0457, 0.0452 and 0.0438 (PCA-2: 0.0555). Per second of training, which is what a
 * reader watches, 64 is ahead (20 of its epochs take as long as 11 of 128's, which reach
 * ~0.047). A 2-number code is mapped as it is; linear, so no unit of it can die.
 */
export const DATA_SETS = Object.freeze({
  digits: {
    label: 'the 1797 digits',
    title: '1797 handwritten digits',
    width: 64,
    noun: '8x8 digits',
    defaults: {},
  },
  mnist: {
    label: 'MNIST',
    title: '10,000 MNIST digits',
    width: 784,
    noun: 'MNIST digits (28x28)',
    defaults: { encoder: [64], decoder: [64], latent: 2, latentActivation: 'linear', epochs: 50 },
  },
  quickdraw: {
    label: 'Quick, Draw!',
    title: '2,000 Quick, Draw! drawings',
    width: 784,
    noun: 'drawings (28x28)',
    defaults: {
      encoder: [64],
      decoder: [64],
      latent: 2,
      latentActivation: 'linear',
      // Test MSE 0.0794 at 50 epochs, 0.0793 at 100, 0.0803 at 200: it learns the 1,600 by heart.
      epochs: 100,
    },
  },
});

/** The page's defaults for data set `data` (a key of DATA_SETS). */
export const defaultsFor = (data) =>
  Object.freeze({ ...DEFAULTS, ...DATA_SETS[data].defaults, data });

/**
 * The page's defaults for a data set as the engine describes it (`key`, `width`, `kind`): a
 * built-in set's own; for a reader's file, the digits' on 64-wide images, the 28x28 network on
 * wider images, and on a table (standardised, any sign) a linear output and a linear 2-number
 * code, 16 hidden units (64 past 64 columns).
 */
export function defaultsForData({ key, width, kind }) {
  if (key !== 'digits' || (kind !== 'table' && width === 64)) return defaultsFor(key);
  if (kind !== 'table') return { ...defaultsFor('digits'), ...DATA_SETS.mnist.defaults };
  const hidden = Object.freeze([width > 64 ? 64 : 16]);
  return {
    ...defaultsFor('digits'),
    encoder: hidden,
    decoder: hidden,
    latent: 2,
    latentActivation: 'linear',
    output: 'linear',
  };
}

export { parseSeed };
export const parseEpochs = wholeNumber('epochs', 1, MAX_EPOCHS, { separators: true });
export const parseSpeed = oneOf('speed', SPEEDS);

/** The map's axes: 'pc' (the codes' first two principal components) or two units 'i-j', i < j. */
export function parseAxes(text) {
  const s = String(text).trim().toLowerCase();
  const m = /^(\d+)-(\d+)$/.exec(s);
  if (
    s !== 'pc' &&
    !(m && Number(m[1]) >= 1 && Number(m[1]) < Number(m[2]) && Number(m[2]) <= LIMITS.latent)
  ) {
    throw new SettingError(
      'axes',
      `pc, or two units i-j with 1 <= i < j <= ${LIMITS.latent} (e.g. 1-2)`,
      String(text).trim(),
    );
  }
  return s;
}

/**
 * The digits page's settings, one row each (field, the core's name, link key, label, parse,
 * format): the seed's and the learning rate's are the '4' page's rows, its epochs and speed
 * have its own limits.
 */
const tableFor = (width) =>
  Object.freeze([
    setting('field', 'seed'),
    row('epochs', 'epochs', 'Epochs', parseEpochs),
    row('speed', 'speed', 'Speed', parseSpeed),
    row('axes', 'axes', 'Axes', parseAxes),
    setting('field', 'learningRate'),
    ...archSettings(width),
    ...VAE_SETTINGS,
    row('data', 'data', 'Data', oneOf('data', Object.keys(DATA_SETS))),
  ]);

export const SETTINGS = tableFor(64);
let wideSettings = null;

/** The settings table for data set `data`: its network rows take the limits of its width. */
export const settingsFor = (data) =>
  DATA_SETS[data].width === 64 ? SETTINGS : (wideSettings ??= tableFor(DATA_SETS[data].width));

/** The axes a map of `latent` units can have: 'pc' and the pairs of units (up to unit 6). */
export function axesFor(latent) {
  const top = Math.min(latent, 6);
  const pairs = [];
  for (let i = 1; i <= top; i++) for (let j = i + 1; j <= top; j++) pairs.push(`${i}-${j}`);
  return latent > 2 ? ['pc', ...pairs] : pairs;
}

/**
 * `{ config, build, problems }` from a location's search and hash (the hash wins). A value that
 * does not parse, or clashes with another, keeps its default and is listed in `problems` ({
 * key, got, reason }, for describeLinkProblems); unknown parameters are ignored.
 */
export function readConfig({ search = '', hash = '' } = {}) {
  // The data set first: what the link leaves out is that data set's default.
  const { data } = readSettings(SETTINGS, DEFAULTS, { search, hash }).state;
  const defaults = defaultsFor(data);
  const table = settingsFor(data);
  const { state: config, query, problems } = readSettings(table, defaults, { search, hash });
  const build = query.get('build') === 'scalar' ? 'scalar' : undefined;
  return { config, build, problems: [...problems, ...settleConflicts(config, table, defaults)] };
}

/** The '4' page's key, kept as it came in the hash so its tab takes the drawing back. */
export const CARRIED = Object.freeze(['input']);

/** `carried` (CARRIED key -> text) as read from a hash: what the tab back to the '4' carries. */
export function carriedKeys(hash = '') {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return Object.fromEntries(CARRIED.filter((k) => params.has(k)).map((k) => [k, params.get(k)]));
}

/** The hash for `config`: every setting, then the `carried` keys. */
export function configHash(config, carried = {}) {
  return settingsHash(SETTINGS, config, carried);
}

/**
 * The '4' page's tab link from here: the '4' page's `remembered` link (urlstate.js rememberLink) with what
 * the two modes share laid over it (the seed if the reader chose one, the learning rate, a
 * network the '4' page can train: not a variational one) and the `carried` keys, so its own
 * epochs, speed and knock-outs stay (the knock-outs only while its network does).
 */
export function fourTabHref(config, carried = {}, remembered = '') {
  const shared = [
    ...Object.entries(carried),
    ['seed', config.seed !== DEFAULTS.seed ? String(config.seed) : null],
    ['lr', setting('field', 'learningRate').format(config.learningRate)],
    // Not a network for another data set's width, nor a variational one.
    ...(config.variational || config.data !== 'digits'
      ? []
      : ARCH_SETTINGS.map((row) => [row.key, row.format(config[row.field])])),
  ];
  return tabHref('index.html', remembered, shared, ['off']);
}
