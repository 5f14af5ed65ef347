// Numbers and times in words, one way for every face.

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

/** A small count in words ('zero', 'one' .. 'ten'), then in digits: "four units", "16 units". */
export const numberWord = (n) => WORDS[n] ?? String(n);

/** Items in a sentence: '1', '1 and 2', '1, 3 and 4'. */
export const listed = (items) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The numbers (from 1) of the units flagged in `dead`: [false, true, true] -> [2, 3]. */
export const unitNumbers = (dead) => dead.flatMap((d, i) => (d ? [i + 1] : []));

/** 'Unit 2 is', 'Units 1 and 3 are': the units numbered `which` as a sentence's subject. */
export const unitsAre = (which) =>
  which.length === 1 ? `Unit ${which[0]} is` : `Units ${listed(which)} are`;

/** 'The one unit is', 'Both units are', 'All four units are': n units, every one of them. */
export const everyUnit = (n) =>
  n === 1 ? 'The one unit is' : n === 2 ? 'Both units are' : `All ${numberWord(n)} units are`;

/** A count of numbers in words: 'one number', 'four numbers', '16 numbers'. */
export const numbersWords = (n) => `${numberWord(n)} number${n === 1 ? '' : 's'}`;

/**
 * A count for people: 1,000 (en-US grouping, as the settings' messages quote them). By hand,
 * not toLocaleString: a page's first call to it loads the locale data, ~30 ms of the first frame.
 */
export function fmt(n) {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A training time for people: '0.4 ms', '38 ms', '3.2 s' (never a rounded-away '0.00 s'). */
export function duration(ms) {
  if (ms < 10) return `${Math.max(ms, 0.1).toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The shortest decimal that reads back as the same float32 (files half the size, exact). */
export function shortestFloat(v) {
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}

/** An MSE as the pages print it: four significant digits, e.g. '0.03864'. */
export function formatMse(mse) {
  return Number.isFinite(mse) ? mse.toPrecision(4) : '–';
}

/** Samples per second, e.g. '1.31 M', '86.2 k'. */
export function formatRate(rate) {
  if (!(rate > 0)) return '–';
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)} M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)} k`;
  return rate.toFixed(0);
}

/**
 * A milestone for screen readers, between a run's start, pause and end (which are spoken
 * anyway): 'Epoch 500 of 1,000: loss 1.234e-3.' when a frame takes the run from `before` past
 * a multiple of `every` epochs short of its `target`, with `what` (its numbers); else null.
 * A few per run, never one per frame.
 */
export function milestoneText(before, epoch, target, every, what) {
  const passed = Math.floor(epoch / every) * every;
  return passed > before && passed > 0 && epoch < target
    ? `Epoch ${fmt(epoch)} of ${fmt(target)}: ${what}.`
    : null;
}
