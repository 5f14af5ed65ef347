// Reading images from a CSV and writing codes to one. Pure functions on strings, so the parser
// runs in the worker (a large file never blocks the page) and in Node for the tests.
//
// A data file has 64 pixel values per row (row-major 8x8, top-left first), optionally with a
// label 0-9 after them or, as Kaggle's MNIST files have it, before them (labelColumn), and
// optionally a header line first: a line with no number in it (a line with
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

/** A line's cells, unquoted and trimmed (a `;` file's decimal commas read as points). */
export function fields(line, separator) {
  // Spreadsheets quote fields now and then; a number in quotes is still a number.
  const cells = line.split(separator).map((f) =>
    f
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
  return separator === ';' ? cells.map((c) => c.replace(/^([+-]?\d*),(\d+)$/, '$1.$2')) : cells;
}

// How many data rows decide where a 65-column file's label is.
const SNIFF_ROWS = 200;
const LABEL = /^\d$/;

/**
 * Where the label of a 65-column file is: column 1 or 65 (1-based), from the header's names
 * ("label" first or last) or else from the first rows. A label column holds whole numbers 0-9
 * (nine in ten of them at least: a typo is then refused by its row) and more than one of them
 * (a border pixel of digits is 0 throughout). When both ends look like that, the one that is
 * all labels, or else has more different ones, is it; a tie is refused, saying how to tell.
 */
function labelColumnOf(lines, separator, headerCells) {
  const named = headerCells?.map((c) => c.toLowerCase());
  if (named?.[0] === 'label') return 1;
  if (named?.at(-1) === 'label') return PIXELS + 1;
  const ends = [
    { column: 1, good: 0, seen: new Set() },
    { column: PIXELS + 1, good: 0, seen: new Set() },
  ];
  let rows = 0;
  for (const line of lines) {
    if (rows === SNIFF_ROWS) break;
    if (line.trim() === '') continue;
    const cells = fields(line, separator);
    if (cells.length !== PIXELS + 1) continue;
    rows++;
    for (const end of ends) {
      const cell = cells[end.column - 1];
      if (LABEL.test(cell)) {
        end.good++;
        end.seen.add(cell);
      }
    }
  }
  const [first, last] = ends.map((end) =>
    end.good >= 0.9 * rows && end.seen.size > 1 ? end : null,
  );
  if (!first || !last) return (first ?? last ?? ends[1]).column;
  if (first.good !== last.good) return (first.good > last.good ? first : last).column;
  if (first.seen.size !== last.seen.size)
    return (first.seen.size > last.seen.size ? first : last).column;
  throw new DataError(
    `columns 1 and ${PIXELS + 1} both hold only whole numbers 0-9, so either could be the label: ` +
      'name it in a header line ("label" as the first or the last column\'s name) to say which.',
  );
}

/**
 * Parses `text` (a whole CSV file). Returns `{ n, pixels, labels, hasLabels, labelColumn, scale, header }`:
 * pixels as n*64 values in [0, 1] (divided by the detected scale), labels as an Int8Array (-1
 * when the file has none), labelColumn 1 or 65 (null without labels). Throws a DataError naming
 * the row and the problem otherwise.
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
  let labelColumn = null; // 1-based: 1 or 65, decided with the header or the first row of numbers
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
      if (width === PIXELS + 1) labelColumn = labelColumnOf(lines.slice(i + 1), separator, cells);
      continue;
    }
    if (!width) {
      checkWidth(cells.length, row, '', separator);
      width = cells.length;
      widthRow = row;
      if (width === PIXELS + 1) labelColumn = labelColumnOf(lines.slice(i), separator, null);
    } else if (cells.length !== width) {
      const other = header ? `the header (row ${widthRow})` : `row ${widthRow}`;
      throw new DataError(
        `row ${row} has ${cells.length} values, but ${other} has ${width}: every row needs the same columns.`,
      );
    }
    if (labels.length >= MAX_ROWS) {
      throw new DataError(
        `more than ${fmt(MAX_ROWS)} images (row ${row}): the page takes at most ${fmt(MAX_ROWS)}.`,
      );
    }
    // Pixel c is cell c + skip: 1 when the label comes first.
    const skip = labelColumn === 1 ? 1 : 0;
    for (let c = 0; c < PIXELS; c++) {
      const cell = cells[c + skip];
      const where = `row ${row}, column ${c + skip + 1}`;
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
    if (labelColumn !== null) {
      const cell = cells[labelColumn - 1];
      if (!/^\d+$/.test(cell) || Number(cell) > 9) {
        const where =
          labelColumn === 1 ? 'column 1, before the 64 pixels' : `column ${labelColumn}`;
        throw new DataError(
          `row ${row}: the label (${where}) must be a whole number from 0 to 9, not "${clip(cell)}".`,
        );
      }
      labels.push(Number(cell));
    } else {
      labels.push(-1);
    }
  }
  const n = labels.length;
  if (n === 0) {
    throw new DataError(
      header ? 'the file has a header but no rows of numbers.' : 'the file is empty.',
    );
  }
  if (n < MIN_ROWS) {
    throw new DataError(
      `only ${n} image${n === 1 ? '' : 's'}: at least ${MIN_ROWS} are needed (a fifth is held out for testing).`,
    );
  }
  const scale = SCALES.find((s) => max <= s);
  if (scale === undefined) {
    throw new DataError(
      `${maxAt}: ${max} is above 255, the largest scale understood (values in [0, 1], 0..16 or 0..255).`,
    );
  }
  const pixels = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) pixels[i] = values[i] / scale;
  return {
    n,
    pixels,
    labels: Int8Array.from(labels),
    hasLabels: labelColumn !== null,
    labelColumn,
    scale,
    header,
  };
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
  if (codes.length !== n * units)
    throw new Error(`codesCsv: ${codes.length} values for ${n} codes of ${units}`);
  const head = ['index', 'label', ...Array.from({ length: units }, (_, k) => `z${k + 1}`)].join(
    ',',
  );
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
