// A reader's table of any width (issue 27): a CSV or TSV of 2 to 4096 numeric columns, an
// optional header of names and an optional label column, read into what the engine trains on.
// A file of 64 or 65 columns is the 8x8 digits' layout and goes to csv.js as it always has;
// any other width is read here. Pure functions on strings, run in the worker and in Node.
//
// The label column: the one a header names `label` (or `class`, `target`), wherever it is; else
// a first or last column that holds words (on half its first rows or more); else, for one column
// more than a square (785 = 1 + 28x28), a first or last column of whole numbers 0-19; else none. Labels
// may be whole numbers 0-19 (kept as they are) or up to 20 distinct words (numbered in the order
// they first appear, and named by them).
//
// The values: a square number of columns (4, 9, ..., 784, 4096) whose values all lie in [0, 1]
// or [0, 255] is taken as images, scaled to [0, 1] by that range, and trained with a sigmoid
// output; anything else is a table, standardised per column (z = (x - mean) / sd over the rows,
// a constant column left at 0) and trained with a linear output, since its values have no
// common scale and may be negative.
import { fmt } from '../core/format.js';
import {
  DataError,
  fields as cellsOf,
  MAX_ROWS,
  MIN_ROWS,
  parsePixelCsv,
  PIXELS,
  separatorOf,
} from './csv.js';

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 4096;
/** Distinct labels a table may have: one colour each on the maps. */
export const MAX_LABELS = 20;
const LABEL_NAMES = /^(label|class|target)$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SNIFF_ROWS = 200;

const clip = (s) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

/**
 * Reads `text` (a whole CSV or TSV): `{ n, width, imageWidth, imageHeight, kind, pixels, labels,
 * hasLabels, labelColumn, names, columns, scale, header }`. `kind` 'images' (pixels in [0, 1],
 * `scale` the range they came in) or 'table' (standardised, `scale` null); `width` values per
 * row; `columns` the data columns' names from a header, or null. Throws a DataError naming the
 * row, the column and what is accepted.
 */
export function parseData(text) {
  const body = text.replace(/^\uFEFF/, '');
  // A file without a carriage return splits on one character: 15 times faster on 183 MB.
  const lines = body.includes('\r') ? body.split(/\r\n|\n|\r/) : body.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new DataError('the file is empty.');
  const separator = separatorOf(lines[first]);
  const count = cellsOf(lines[first], separator).length;
  if (count === PIXELS || count === PIXELS + 1) {
    const parsed = parsePixelCsv(text);
    return { ...parsed, width: PIXELS, imageWidth: 8, imageHeight: 8, kind: 'images' };
  }
  return parseTable(lines, first, separator);
}

function parseTable(lines, first, separator) {
  const firstCells = cellsOf(lines[first], separator);
  const header = !firstCells.some((c) => NUMBER.test(c)) ? firstCells : null;
  const width = firstCells.length;
  const start = header ? first + 1 : first;
  const labelColumn = labelColumnOf(lines.slice(start), separator, header, width);
  const columns = width - (labelColumn === null ? 0 : 1);
  if (columns < MIN_COLUMNS || columns > MAX_COLUMNS) {
    throw new DataError(
      `row ${first + 1} has ${width} columns${labelColumn === null ? '' : ' with the label'}: the page takes ${MIN_COLUMNS} to ${fmt(MAX_COLUMNS)} columns of numbers (64, the 8x8 digits, or any other width), plus an optional label column.`,
    );
  }
  // Every value straight into the pixels (f32, as Float32Array.from would round them), the
  // range from the values as read; the file's lines bound the rows.
  const pixels = new Float32Array(Math.min(lines.length - start, MAX_ROWS) * columns);
  const range = { min: Infinity, max: -Infinity, at: 0 };
  const raw = [];
  const names = new Map();
  const plain = separator === ';' ? null : separator.charCodeAt(0);
  for (let i = start; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const row = i + 1;
    // Most files hold plain decimals only: read without splitting (53 s -> a few for 100,000 x
    // 784); any other line goes through the full reader, which names what is wrong.
    let label =
      plain === null ? undefined : plainRow(lines[i], plain, width, labelColumn, pixels, range);
    if (label === undefined) {
      const cells = cellsOf(lines[i], separator);
      if (cells.length !== width) {
        const other = header ? `the header (row ${first + 1})` : `row ${first + 1}`;
        throw new DataError(
          `row ${row} has ${cells.length} values, but ${other} has ${width}: every row needs the same columns.`,
        );
      }
      label = labelColumn === null ? null : cells[labelColumn - 1];
      if (raw.length < MAX_ROWS) readCells(cells, row, labelColumn, pixels, range);
    }
    if (raw.length >= MAX_ROWS)
      throw new DataError(
        `more than ${fmt(MAX_ROWS)} rows (row ${row}): the page takes at most ${fmt(MAX_ROWS)}.`,
      );
    raw.push(labelColumn === null ? null : label);
    if (labelColumn !== null) labelOf(names, label, row, labelColumn);
  }
  const n = raw.length;
  if (n === 0) throw new DataError('the file has a header but no rows of numbers.');
  if (n < MIN_ROWS)
    throw new DataError(
      `only ${n} row${n === 1 ? '' : 's'}: at least ${MIN_ROWS} are needed (a fifth is held out for testing).`,
    );
  const { min, max } = range;
  const side = Math.round(Math.sqrt(columns));
  const scale = min >= 0 && side * side === columns ? [1, 255].find((s) => max <= s) : undefined;
  if (scale) for (let i = 0; i < pixels.length; i++) pixels[i] /= scale;
  else standardise(pixels, columns);
  const numeric = [...names.keys()].every((k) => /^\d+$/.test(k) && Number(k) < MAX_LABELS);
  const labels = Int8Array.from(raw, (l) => (l === null ? -1 : numeric ? Number(l) : names.get(l)));
  return {
    n,
    width: columns,
    pixels: pixels.length === n * columns ? pixels : pixels.slice(0, n * columns),
    imageWidth: scale ? side : columns,
    imageHeight: scale ? side : 1,
    kind: scale ? 'images' : 'table',
    labels,
    hasLabels: labelColumn !== null,
    labelColumn,
    names: labelColumn === null || numeric ? null : [...names.keys()],
    columns: header ? header.filter((_, c) => c + 1 !== labelColumn) : null,
    scale: scale ?? null,
    header: Boolean(header),
  };
}

/** The cells of `row` (not the label column's), checked, into `pixels` at `range.at`. */
function readCells(cells, row, labelColumn, pixels, range) {
  for (let c = 0; c < cells.length; c++) {
    if (c + 1 === labelColumn) continue;
    const cell = cells[c];
    const where = `row ${row}, column ${c + 1}`;
    if (cell === '') throw new DataError(`${where} is empty: every value needs a number.`);
    if (!NUMBER.test(cell))
      throw new DataError(
        `${where}: "${clip(cell)}" is not a number (text is read only as the label: the first or last column, or one a header names "label").`,
      );
    const v = Number(cell);
    if (!Number.isFinite(v)) throw new DataError(`${where}: ${clip(cell)} is too large.`);
    noteValue(v, pixels, range);
  }
}

function noteValue(v, pixels, range) {
  if (v > range.max) range.max = v;
  if (v < range.min) range.min = v;
  pixels[range.at++] = v;
}

const [ZERO, NINE, POINT] = ['0', '9', '.'].map((c) => c.charCodeAt(0));

/**
 * Reads `line`, `width` cells of plain decimals (digits and at most one point: no sign, space,
 * quote or exponent) split by the character `sep`, into `pixels` at `range.at`, but the label
 * column's (1-based, or null), whose cell it returns (null: none), and notes them in `range`.
 * Returns undefined, `range` untouched, for any other line: the full reader reads that one. A
 * value is its digits over a power of ten, both exact below 2^53, so the one correctly rounded
 * division gives what Number() gives.
 */
function plainRow(line, sep, width, labelColumn, pixels, range) {
  let { at, min, max } = range;
  let label = null;
  let i = 0;
  for (let c = 1; c <= width; c++, i++) {
    const from = i;
    if (c === labelColumn) {
      while (i < line.length && line.charCodeAt(i) !== sep) i++;
      label = line.slice(from, i);
      // Spaces or quotes round a label: the full reader takes them off.
      if (!label || label.trim() !== label || label.includes('"')) return undefined;
    } else {
      let v = 0;
      let ten = 1;
      let point = false;
      for (; i < line.length; i++) {
        const ch = line.charCodeAt(i);
        if (ch >= ZERO && ch <= NINE) {
          v = v * 10 + (ch - ZERO);
          if (point) ten *= 10;
        } else if (ch === POINT && !point) point = true;
        else break;
      }
      const digits = i - from - (point ? 1 : 0);
      if (digits === 0 || digits > 15 || (i < line.length && line.charCodeAt(i) !== sep))
        return undefined;
      v /= ten;
      if (v > max) max = v;
      if (v < min) min = v;
      pixels[at++] = v;
    }
    if (c === width) {
      if (i < line.length) return undefined;
      Object.assign(range, { at, min, max });
      return label;
    }
  }
  return undefined;
}

/** The label column (1-based) or null: named by the header, else a first or last text column. */
function labelColumnOf(lines, separator, header, width) {
  const named = header?.findIndex((h) => LABEL_NAMES.test(h)) ?? -1;
  if (named >= 0) return named + 1;
  // Rows with a word in them, per column: the first or last column with words in at least
  // half the rows (the more of the two) holds the labels; a stray word elsewhere is a typo.
  const words = new Map();
  let rows = 0;
  for (const line of lines) {
    if (rows === SNIFF_ROWS) break;
    if (line.trim() === '') continue;
    rows++;
    cellsOf(line, separator).forEach(
      (c, i) => c !== '' && !NUMBER.test(c) && words.set(i + 1, (words.get(i + 1) ?? 0) + 1),
    );
  }
  const [first, last] = [words.get(1) ?? 0, words.get(width) ?? 0];
  if (Math.max(first, last) >= rows / 2 && first !== last) return first > last ? 1 : width;
  return imageLabelColumn(lines, separator, width);
}

/**
 * Images with a whole-number label before or after the pixels and no header (Kaggle's MNIST
 * layout without its names): one more column than a square, and the first (or else the last)
 * column holds only whole numbers below MAX_LABELS, more than one of them. Else null.
 */
function imageLabelColumn(lines, separator, width) {
  const side = Math.round(Math.sqrt(width - 1));
  if (side < 2 || side * side !== width - 1) return null;
  const rows = lines.filter((l) => l.trim() !== '').slice(0, SNIFF_ROWS);
  const labelLike = (column) => {
    const seen = new Set(rows.map((l) => cellsOf(l, separator)[column - 1]));
    return seen.size > 1 && [...seen].every((c) => /^\d+$/.test(c) && Number(c) < MAX_LABELS);
  };
  if (labelLike(1)) return 1;
  return labelLike(width) ? width : null;
}

/** Notes label `cell` of `row`, refusing one past MAX_LABELS distinct labels. */
function labelOf(names, cell, row, column) {
  if (cell === '') throw new DataError(`row ${row}: the label (column ${column}) is empty.`);
  if (names.has(cell)) return;
  if (names.size === MAX_LABELS)
    throw new DataError(
      `row ${row}: "${clip(cell)}" is label number ${MAX_LABELS + 1} of column ${column}; the page colours at most ${MAX_LABELS} (is it a label? a header naming another column "label" says which is).`,
    );
  names.set(cell, names.size);
}

/** z-scores per column of `x` (rows of `width`), in place: constant columns become 0. */
function standardise(x, width) {
  const n = x.length / width;
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let r = 0; r < n; r++) sum += x[r * width + c];
    const mean = sum / n;
    let sq = 0;
    for (let r = 0; r < n; r++) sq += (x[r * width + c] - mean) ** 2;
    const sd = Math.sqrt(sq / n) || 1;
    for (let r = 0; r < n; r++) x[r * width + c] = (x[r * width + c] - mean) / sd;
  }
}
