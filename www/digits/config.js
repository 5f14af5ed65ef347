// The digits page's link: seed, epochs, speed and the map's axes live in the hash, so a link
// reproduces a run (the data set, the split and the learning rate are fixed); `?build=scalar`
// forces the fallback build. Parsing and writing only, no DOM.
import { readParams, SettingError } from '../core/settings.js';
import { AXES } from './protocol.js';

/** The epochs-per-frame choices, and 'max' (as many as fit in a frame). */
export const SPEEDS = Object.freeze([1, 2, 5, 10, 'max']);
export const MAX_EPOCHS = 10_000;
export const MAX_SEED = 2 ** 53 - 1;
/** Seed 2 keeps all four units alive and passes PCA-4 within 100 epochs (tests/e2e/digits.test.mjs). */
export const DEFAULTS = Object.freeze({ seed: 2, epochs: 300, speed: 1, axes: 'pc', learningRate: 0.001 });

/** A seed from text: a whole number 0..2^53-1. */
export function parseSeed(text) {
  const s = String(text).trim();
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n > MAX_SEED) {
    throw new SettingError('seed', `a whole number from 0 to 2^53-1 (${MAX_SEED})`, String(text).trim());
  }
  return n;
}

/** Epochs from text: a whole number 1..MAX_EPOCHS (thousands separators allowed). */
export function parseEpochs(text) {
  const s = String(text).trim().replace(/[,_\s]/g, '');
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < 1 || n > MAX_EPOCHS) {
    throw new SettingError('epochs', `a whole number from 1 to ${MAX_EPOCHS.toLocaleString('en-US')}`, String(text).trim());
  }
  return n;
}

export function parseSpeed(text) {
  const s = String(text).trim().toLowerCase();
  const found = SPEEDS.find((v) => String(v) === s);
  if (found === undefined) throw new SettingError('speed', `one of ${SPEEDS.join(', ')}`, String(text).trim());
  return found;
}

export function parseAxes(text) {
  const s = String(text).trim().toLowerCase();
  if (!AXES.includes(s)) throw new SettingError('axes', `one of ${AXES.join(', ')}`, String(text).trim());
  return s;
}

const PARSERS = { seed: parseSeed, epochs: parseEpochs, speed: parseSpeed, axes: parseAxes };

/**
 * `{ config, build, problems }` from a location's search and hash (the hash wins). A value that
 * does not parse keeps its default and is listed in `problems` ({ key, got, reason }, for
 * describeLinkProblems); unknown parameters are ignored.
 */
export function readConfig({ search = '', hash = '' } = {}) {
  const query = new URLSearchParams(search);
  const { state: config, problems } = readParams([query, new URLSearchParams(hash.replace(/^#/, ''))], DEFAULTS, PARSERS);
  const build = query.get('build') === 'scalar' ? 'scalar' : undefined;
  return { config, build, problems };
}

/** The '4' page's keys, kept as they came in the hash so its tab takes the drawing back. */
export const CARRIED = Object.freeze(['input', 'lr']);

/** `carried` (CARRIED key -> text) as read from a hash: what the tab back to the '4' carries. */
export function carriedKeys(hash = '') {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return Object.fromEntries(CARRIED.filter((k) => params.has(k)).map((k) => [k, params.get(k)]));
}

/** The hash for `config`: '#seed=2&epochs=300&speed=1&axes=pc', then the `carried` keys. */
export function configHash({ seed, epochs, speed, axes }, carried = {}) {
  return `#${new URLSearchParams({ seed, epochs, speed, axes, ...carried })}`;
}

/**
 * The '4' page's tab link from here: the seed (unless it is this page's default, which the
 * '4' page has its own of) and the keys carried through, so the seed and the drawing survive.
 */
export function fourTabHref(config, carried = {}) {
  const params = new URLSearchParams(carried);
  if (config.seed !== DEFAULTS.seed) params.set('seed', String(config.seed));
  const hash = String(params);
  return hash ? `index.html#${hash}` : 'index.html';
}
