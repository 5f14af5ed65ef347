// Reading images from a CSV and writing codes to one. Pure functions on strings, so the parser
// runs in the worker (a large file never blocks the page) and in Node for the tests.
//
// A data file has 64 pixel values per row (row-major 8x8, top-left first), optionally followed
// by a label 0-9, and optionally a header line first: a line with no number in it (a line with
// some numbers and a typo is refused, naming the cell). Commas, semicolons (then a comma in a
// number is a decimal comma, as European spreadsheets write) or tabs separate the values, as
// the first line shows. The scale is whatever the largest value
// allows: [0, 1], 0..16 (the UCI digits) or 0..255 (8-bit greys). Rows are counted as lines
// of the file, header included, so a message's row number is the line an editor shows.
import { fmt, shortestFloat } from '../core/format.js';

export const PIXELS = 64;
export const MAX_ROWS = 100_000;
export const MAX_BYTES = 64 * 1024 * 1024;
/** Fewer rows leave nothing to learn from once a fifth is held out. */
export const MIN_ROWS = 10;
/** The scales a file may be in, smallest first: the first that holds its largest value wins. */
export const SCALES = Object.freeze([1, 16, 255]);

/** A file that cannot be used; the message says where and why, for the reader. */
export class DataError extends Error {}

// Plain decimal numbers only: Number() would also take '', '0x1f' and 'Infinity'.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Words for a scale: '[0, 1]', '0..16', '0..255'. */
export function scaleLabel(scale) {
  return scale === 1 ? '[0, 1]' : `0..${scale}`;
}

/** The separator the file uses, from its first line: a tab, a semicolon, or a comma. */
export function separatorOf(line) {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

function fields(line, separator) {
  // Spreadsheets quote fields now and then; a number in quotes is still a number.
  const cells = line.split(separator).map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
  return separator === ';' ? cells.map((c) => c.replace(/^([+-]?\d*),(\d+)$/, '$1.$2')) : cells;
}

/**
 * Parses `text` (a whole CSV file). Returns `{ n, pixels, labels, hasLabels, scale, header }`:
 * pixels as n*64 values in [0, 1] (divided by the detected scale), labels as an Int8Array (-1
 * when the file has none). Throws a DataError naming the row and the problem otherwise.
 */
export function parsePixelCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const values = [];
  const labels = [];
  let width = 0;
  let widthRow = 0;
  let header = false;
  let max = -Infinity;
  let maxAt = '';
  let separator = null;
  for (let i = 0; i < lines.length; i++) {
    const row = i + 1;
    if (lines[i].trim() === '') continue;
    separator ??= separatorOf(lines[i]);
    const cells = fields(lines[i], separator);
    if (!width && !header && !cells.some((c) => NUMBER.test(c))) {
      // A first line of names is a header: it still says how many columns to expect.
      header = true;
      checkWidth(cells.length, row, 'a header of', separator);
      width = cells.length;
      widthRow = row;
      continue;
    }
    if (!width) {
      checkWidth(cells.length, row, '', separator);
      width = cells.length;
      widthRow = row;
    } else if (cells.length !== width) {
      const other = header ? `the header (row ${widthRow})` : `row ${widthRow}`;
      throw new DataError(
        `row ${row} has ${cells.length} values, but ${other} has ${width}: every row needs the same columns.`,
      );
    }
    if (labels.length >= MAX_ROWS) {
      throw new DataError(`more than ${fmt(MAX_ROWS)} images (row ${row}): the page takes at most ${fmt(MAX_ROWS)}.`);
    }
    for (let c = 0; c < PIXELS; c++) {
      const cell = cells[c];
      const where = `row ${row}, column ${c + 1}`;
      if (cell === '') throw new DataError(`${where} is empty: every pixel needs a number.`);
      if (!NUMBER.test(cell)) throw new DataError(`${where}: "${clip(cell)}" is not a number.`);
      const v = Number(cell);
      if (!Number.isFinite(v)) throw new DataError(`${where}: ${clip(cell)} is too large.`);
      if (v < 0) throw new DataError(`${where}: ${cell} is negative; pixel values start at 0.`);
      if (v > max) {
        max = v;
        maxAt = where;
      }
      values.push(v);
    }
    if (width === PIXELS + 1) {
      const cell = cells[PIXELS];
      if (!/^\d+$/.test(cell) || Number(cell) > 9) {
        throw new DataError(
          `row ${row}: the label (column ${PIXELS + 1}) must be a whole number from 0 to 9, not "${clip(cell)}".`,
        );
      }
      labels.push(Number(cell));
    } else {
      labels.push(-1);
    }
  }
  const n = labels.length;
  if (n === 0) {
    throw new DataError(header ? 'the file has a header but no rows of numbers.' : 'the file is empty.');
  }
  if (n < MIN_ROWS) {
    throw new DataError(`only ${n} image${n === 1 ? '' : 's'}: at least ${MIN_ROWS} are needed (a fifth is held out for testing).`);
  }
  const scale = SCALES.find((s) => max <= s);
  if (scale === undefined) {
    throw new DataError(
      `${maxAt}: ${max} is above 255, the largest scale understood (values in [0, 1], 0..16 or 0..255).`,
    );
  }
  const pixels = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) pixels[i] = values[i] / scale;
  return { n, pixels, labels: Int8Array.from(labels), hasLabels: width === PIXELS + 1, scale, header };
}

const SEPARATOR_NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

function checkWidth(count, row, what, separator) {
  if (count === PIXELS || count === PIXELS + 1) return;
  const has = what ? `${what} ${count} columns` : `${count} value${count === 1 ? '' : 's'}`;
  throw new DataError(
    `row ${row} has ${has} separated by ${SEPARATOR_NAMES[separator]}; expected ${PIXELS} pixel values, optionally followed by a label (${PIXELS + 1}).`,
  );
}

function clip(s) {
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}

/**
 * The codes of every image as CSV: a header `index,label,z1..zk`, then one row per image in
 * the data's order (index from 0; the label empty when there is none).
 */
export function codesCsv(codes, labels, units = 4) {
  const n = labels.length;
  if (codes.length !== n * units) throw new Error(`codesCsv: ${codes.length} values for ${n} codes of ${units}`);
  const head = ['index', 'label', ...Array.from({ length: units }, (_, k) => `z${k + 1}`)].join(',');
  const rows = new Array(n + 1);
  rows[0] = head;
  for (let i = 0; i < n; i++) {
    let row = `${i},${labels[i] >= 0 ? labels[i] : ''}`;
    // A float32 printed with the digits that tell it apart, not the double's 17.
    for (let k = 0; k < units; k++) row += `,${shortest(codes[i * units + k])}`;
    rows[i + 1] = row;
  }
  return `${rows.join('\n')}\n`;
}

/** The shortest decimal that reads back as the same float32, as text. */
export function shortest(v) {
  return String(shortestFloat(v));
}
