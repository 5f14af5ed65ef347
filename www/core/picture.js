// A picture made into the page's input: what kind of file it is (by its bytes, not its name),
// and its pixels averaged down to 8x8 ink values. Pure functions of bytes and numbers: no DOM,
// testable in Node (picture-decode.js turns a File into the pixels these take).
//
// The page's images are ink = 1, drawn white on black. A scan or photo of a digit is usually
// the other way round, dark ink on light paper, so the image's background decides: the median
// of its border pixels (a stroke that touches the edge does not sway it), and if that is
// light, dark is ink. Then each of the 8x8 cells is the exact area average of the pixels it
// covers (a box filter, each source pixel weighted by how much of it falls in the cell), the
// image fitted into a square and centred, the margins filled with the background. Last, the
// levels are stretched so the least inked cell is 0 and the most inked 1: grey paper becomes
// blank, and a pen stroke, which covers only part of each 8x8 cell, does not come out faint.
import { SIZE } from './digit.js';
import { GREY_LEVELS } from './urlstate.js';

/** What the picture input takes, as the file chooser's `accept` and for messages. */
export const PICTURE_TYPES = Object.freeze(['image/png', 'image/jpeg', 'image/svg+xml']);
export const PICTURE_KINDS = 'a PNG, JPEG or SVG image';
/** Largest file read (10 MB): a phone photo is 2-5 MB; more is not a picture of a digit. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;
/** How many of a file's first bytes sniffPicture() needs (an SVG may open with a long comment). */
export const SNIFF_BYTES = 16 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
// An optional byte-order mark, XML declaration, comments and doctype (with its internal subset,
// as Illustrator writes it), then the <svg> element. (-{2}, not two dashes: the standalone page
// inlines this file in a <script>, where an HTML comment opener would break it.)
const SVG_START =
  /^\uFEFF?\s*(<\?xml[\s\S]*?\?>\s*)?(<!-{2}[\s\S]*?-{2}>\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i;

/** 'png', 'jpeg' or 'svg' for a file whose first bytes (a Uint8Array) are those of one, else null. */
export function sniffPicture(bytes) {
  const starts = (sig) => sig.every((b, i) => bytes[i] === b);
  if (starts(PNG)) return 'png';
  if (starts(JPEG)) return 'jpeg';
  return SVG_START.test(new TextDecoder().decode(bytes.subarray(0, SNIFF_BYTES))) ? 'svg' : null;
}

const megabytes = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Why a file of `size` bytes called `name`, whose first bytes are `bytes`, cannot be a picture
 * (a sentence naming it and what is accepted), or null if it may be: then sniffPicture() says
 * which kind.
 */
export function pictureProblem({ name, size, type = '' }, bytes) {
  if (size === 0) return `${name} is empty: choose ${PICTURE_KINDS}.`;
  if (size > MAX_PICTURE_BYTES) {
    return `${name} is ${megabytes(size)}: pictures up to ${megabytes(MAX_PICTURE_BYTES)} are accepted (${PICTURE_KINDS}).`;
  }
  if (sniffPicture(bytes)) return null;
  const called = type ? ` (the browser calls it ${type})` : '';
  return `${name} is not ${PICTURE_KINDS}${called}: choose one of those, such as a photo or scan of a digit.`;
}

/**
 * The picture as SIZE x SIZE ink values in [0, 1], row-major, from its RGBA pixels (`rgba`,
 * width * height * 4 bytes, as ImageData holds them). Alpha is composited over white.
 * Returns `{ cells, inverted, blank, flat }`: inverted = the background was light, so dark counted
 * as ink; blank = the cells are all alike, and all 0; flat = so is the picture itself (one
 * colour), where a blank picture that is not flat has ink too small to show at 8x8.
 */
export function pictureCells(rgba, width, height) {
  // Luminance 0..1 (Rec. 601 weights on the sRGB values, as most greyscale conversions).
  const lum = new Float64Array(width * height);
  for (let i = 0; i < lum.length; i++) {
    const a = rgba[4 * i + 3] / 255;
    const y = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    lum[i] = a * y + (1 - a);
  }
  const background = borderMedian(lum, width, height);
  const inverted = background > 0.5;
  const ink = inverted ? lum.map((y) => 1 - y) : lum;
  const paper = inverted ? 1 - background : background;

  // The image centred in a side x side square; each cell is `cell` source pixels wide.
  const side = Math.max(width, height);
  const cell = side / SIZE;
  const wx = coverage(width, (side - width) / 2, cell);
  const wy = coverage(height, (side - height) / 2, cell);
  const sums = new Float64Array(SIZE * SIZE);
  const covered = new Float64Array(SIZE * SIZE);
  const row = new Float64Array(SIZE);
  const rowCover = new Float64Array(SIZE);
  for (let y = 0; y < height; y++) {
    row.fill(0);
    rowCover.fill(0);
    for (let x = 0; x < width; x++) {
      for (const [c, w] of wx[x]) {
        row[c] += w * ink[y * width + x];
        rowCover[c] += w;
      }
    }
    for (const [r, w] of wy[y]) {
      for (let c = 0; c < SIZE; c++) {
        sums[r * SIZE + c] += w * row[c];
        covered[r * SIZE + c] += w * rowCover[c];
      }
    }
  }
  // What the image does not cover (the margins of a tall or wide one) is background.
  const area = cell * cell;
  const averages = Array.from(sums, (s, i) => (s + (area - covered[i]) * paper) / area);
  const low = Math.min(...averages);
  const span = Math.max(...averages) - low;
  // Less than one grey step of 255 from cell to cell is the paper's own noise, not ink.
  const blank = span < 1 / 255;
  const cells = averages.map((v) => (blank ? 0 : (v - low) / span));
  let [least, most] = [Infinity, -Infinity];
  for (const v of ink) [least, most] = [Math.min(least, v), Math.max(most, v)];
  return { cells, inverted, blank, flat: most - least < 1 / 255 };
}

/**
 * The input the page trains on from pictureCells()'s `cells`: binary ink (1 where a cell is at
 * least `threshold`, else 0), or with threshold null the greys, rounded to the k/15 levels the
 * link keeps (urlstate.js), so a link reproduces them exactly.
 */
export function pictureInput(cells, threshold = null) {
  if (threshold === null) return cells.map((v) => Math.round(v * GREY_LEVELS) / GREY_LEVELS);
  return cells.map((v) => (v >= threshold ? 1 : 0));
}

// Median of the outermost rows and columns (each pixel once).
function borderMedian(lum, width, height) {
  const border = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y === 0 || y === height - 1 || x === 0 || x === width - 1)
        border.push(lum[y * width + x]);
    }
  }
  border.sort((a, b) => a - b);
  const mid = border.length >> 1;
  return border.length % 2 ? border[mid] : (border[mid - 1] + border[mid]) / 2;
}

// For each of `length` source pixels starting at `offset` in the square, the cells it overlaps
// and by how much: [[cell, overlap], ...] (a pixel spans at most a few cells).
function coverage(length, offset, cell) {
  return Array.from({ length }, (_, p) => {
    const start = offset + p;
    const out = [];
    for (let c = Math.floor(start / cell); c < SIZE && c * cell < start + 1; c++) {
      const overlap = Math.min(start + 1, (c + 1) * cell) - Math.max(start, c * cell);
      if (overlap > 0) out.push([c, overlap]);
    }
    return out;
  });
}
