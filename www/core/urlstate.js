// What a link carries: the run (seed, input, learning rate, epochs, the network: architecture.js)
// and how fast to watch it.
// Written to the hash so sharing never hits the server; read from the query too, so
// `?speed=max` and hand-written links work. Pure functions of strings: no DOM, testable in Node.
import { ARCH_DEFAULTS, ARCH_SETTINGS, settleConflicts } from './architecture.js';
import { DIGIT_FOUR, SIZE } from './digit.js';
import {
  describeLinkProblems,
  oneOf,
  parseSeed,
  readSettings,
  row,
  SettingError,
  settingsHash,
  wholeNumber,
} from './settings.js';

// Re-exported for the page's modules, which know urlstate.js (the bundler takes this form).
export { describeLinkProblems, parseSeed, SettingError };

/** Speeds on offer, slowest first: Adam steps per animation frame, or 'max' (as fast as it goes). */
export const SPEEDS = Object.freeze([1, 2, 5, 10, 20, 50, 100, 'max']);

/** Largest epoch count a run may ask for (a million: seconds at full speed, hours at 1/frame). */
export const MAX_EPOCHS = 1_000_000;

/**
 * The state a fresh page shows. Seed 78 keeps all four bottleneck units alive through its 1000
 * epochs on the '4' (seed 42, the usual choice, ends with one dead), so the story works.
 */
export const DEFAULTS = Object.freeze({
  seed: 78,
  learningRate: 0.001,
  epochs: 1000,
  speed: 5,
  input: DIGIT_FOUR,
  ...ARCH_DEFAULTS,
});

const HEX_DIGITS = (SIZE * SIZE) / 4;

/** Grey levels a link keeps above 0 (one hex digit a pixel): an input of k/15 values survives exactly. */
export const GREY_LEVELS = 15;

/**
 * An image (SIZE*SIZE values in [0, 1]) as hex, row-major: a binary one (every value 0 or 1, as
 * drawn) in 16 digits, 4 pixels a digit; any other (a picture's greys) in 64, one grey level
 * 0-f a pixel, rounded to the nearest k/GREY_LEVELS.
 */
export function encodeImage(pixels) {
  if (pixels.some((v) => v !== 0 && v !== 1)) {
    return Array.from(pixels, (v) =>
      Math.round(Math.min(1, Math.max(0, v)) * GREY_LEVELS).toString(16),
    ).join('');
  }
  let hex = '';
  for (let i = 0; i < pixels.length; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | pixels[i + b];
    hex += nibble.toString(16);
  }
  return hex;
}

/** The image `encodeImage` wrote, as SIZE*SIZE values (0/1, or k/15 greys); throws on anything else. */
export function decodeImage(hex) {
  const grey = typeof hex === 'string' && hex.length === SIZE * SIZE;
  if (
    typeof hex !== 'string' ||
    !new RegExp(`^([0-9a-f]{${HEX_DIGITS}}|[0-9a-f]{${SIZE * SIZE}})$`, 'i').test(hex)
  ) {
    throw new SettingError(
      'input',
      `${HEX_DIGITS} hex digits (8 rows of 8 pixels), or ${SIZE * SIZE} (a grey level 0-f a pixel)`,
      hex,
    );
  }
  if (grey) return [...hex].map((d) => parseInt(d, 16) / GREY_LEVELS);
  return [...hex].flatMap((d) => {
    const nibble = parseInt(d, 16);
    return [8, 4, 2, 1].map((bit) => (nibble & bit ? 1 : 0));
  });
}

/**
 * A learning rate from text: any finite number. Whether it is usable (> 0) is the model's call,
 * so the page shows the model's own message for a 0 or a negative.
 */
export function parseLearningRate(text) {
  const s = String(text).trim();
  const n = s === '' ? NaN : Number(s);
  if (!Number.isFinite(n)) {
    throw new SettingError('learning rate', 'a number such as 0.001', s);
  }
  return n;
}

/** An epoch count from text: a whole number 1..MAX_EPOCHS, thousands separators allowed. */
export const parseEpochs = wholeNumber('epochs', 1, MAX_EPOCHS, { separators: true });

/** A speed from text: one of SPEEDS ('max' or a number of steps per frame). */
export const parseSpeed = oneOf('speed', SPEEDS);

/** The '4' page's settings table (settings.js row()), the network's rows last. */
export const SETTINGS = Object.freeze([
  row('seed', 'seed', 'Seed', parseSeed, { core: 'seed' }),
  row('input', 'input', 'Input', decodeImage, { format: encodeImage, attribute: 'pixels' }),
  row('learningRate', 'lr', 'Learning rate', parseLearningRate, { core: 'learning_rate' }),
  row('epochs', 'epochs', 'Epochs', parseEpochs),
  row('speed', 'speed', 'Speed', parseSpeed),
  ...ARCH_SETTINGS,
]);

/** The row of SETTINGS whose `by` (field, key or attribute) is `name`. */
export const setting = (by, name) => SETTINGS.find((s) => s[by] === name);

/**
 * The state a page at `search` + `hash` (as in `location`) should show: DEFAULTS overridden by
 * the query, then by the hash. Also `build` ('simd' | 'scalar' | undefined), a testing switch
 * that only the query holds, and `problems`: each value that did not parse, `{ key, got,
 * reason }` (its default stands in), for describeLinkProblems().
 */
export function readState({ search = '', hash = '' } = {}) {
  const { state, query, problems } = readSettings(SETTINGS, DEFAULTS, { search, hash });
  const build = query.get('build') ?? undefined;
  return { state, build, problems: [...problems, ...settleConflicts(state, SETTINGS, DEFAULTS)] };
}

/** Whether `a` and `b` are the same run: every setting but the epochs and the speed alike. */
export function sameRun(a, b) {
  return SETTINGS.every(
    (s) =>
      s.field === 'epochs' || s.field === 'speed' || s.format(a[s.field]) === s.format(b[s.field]),
  );
}

// The mode tabs' memory (issue 24 item 6): each page remembers its last link for this browser
// tab (sessionStorage: per tab, kept across its pages), and the tab to the other page is that
// page's remembered link with only the keys the two pages share in meaning laid over it from
// the page being left. So a round trip by the tabs keeps each page's own settings (the two use
// `epochs` and `speed` differently) and still carries the seed, the network and the rate.
const STORE_KEY = 'tinyae-link:';

/** Remembers `hash` as the link of `page` ('index.html' | 'digits.html'); nothing where storage is refused. */
export function rememberLink(win, page, hash) {
  try {
    win.sessionStorage.setItem(STORE_KEY + page, hash);
  } catch {
    // A sandboxed frame: the tabs carry only the shared keys, as before.
  }
}

/** The link `page` last had in this browser tab ('' if none, or storage is refused). */
export function recalledLink(win, page) {
  try {
    return win.sessionStorage.getItem(STORE_KEY + page) ?? '';
  } catch {
    return '';
  }
}

/**
 * The tab link to `page`: its `remembered` hash with `shared` laid over it ([key, text] sets
 * the key; [key, null] drops it, so that page's default stands). When a key set changes what
 * was remembered, the keys in `runBound` (bound to the remembered run) are dropped too.
 */
export function tabHref(page, remembered, shared, runBound = []) {
  const params = new URLSearchParams(remembered.replace(/^#/, ''));
  let changed = false;
  for (const [key, text] of shared) {
    if (text !== null && params.get(key) !== text) changed = true;
    if (text === null) params.delete(key);
    else params.set(key, text);
  }
  if (changed) for (const key of runBound) params.delete(key);
  const hash = String(params);
  return hash ? `${page}#${hash}` : page;
}

/**
 * The digits tab's link from the '4' page: the digits page's `remembered` link (rememberLink)
 * with what the two pages share laid over it: the seed if the reader chose one (each mode has
 * its own default), the learning rate, the network (unless the digits page shows a variational
 * one, its own), and the '4' page's drawing, which the digits page keeps and hands back.
 */
export function digitsTabHref(state, remembered = '') {
  const variational = new URLSearchParams(remembered.replace(/^#/, '')).get('vae') === '1';
  const shared = [
    ['seed', state.seed !== DEFAULTS.seed ? String(state.seed) : null],
    ['input', encodeImage(state.input)],
    ['lr', String(state.learningRate)],
    ...(variational ? [] : ARCH_SETTINGS.map((row) => [row.key, row.format(state[row.field])])),
  ];
  return tabHref('digits.html', remembered, shared);
}

/** The hash (with its '#') that makes readState give back `state`: every field, written out. */
export function stateHash(state) {
  return settingsHash(SETTINGS, state);
}
