// www/core/picture.js in Node: which files are pictures (by their bytes), and pixels to 8x8
// ink values, checked against averages worked out by hand (the box filter's coverage weights,
// the inversion of a light background, the stretch of the levels, the margins of a wide image).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import {
  MAX_PICTURE_BYTES,
  pictureCells,
  pictureInput,
  pictureProblem,
  sniffPicture,
} from '../../www/core/picture.js';
import { decodeImage, encodeImage } from '../../www/core/urlstate.js';

const bytes = (text) => new TextEncoder().encode(text);

/** RGBA pixels of a width x height image filled with `background`, then `paint(x, y)` -> [r, g, b, a] or null. */
function image(width, height, background, paint = () => null) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set(paint(x, y) ?? background, 4 * (y * width + x));
  }
  return rgba;
}
const WHITE = [255, 255, 255, 255];
const BLACK = [0, 0, 0, 255];
const CLEAR = [0, 0, 0, 0];

/** 64 values, all 0 but `set` ({ index: value }). */
const cellsWith = (set) => Array.from({ length: 64 }, (_, i) => set[i] ?? 0);

function assertClose(actual, expected, label) {
  const wrong = expected.flatMap((e, i) =>
    Math.abs(actual[i] - e) > 1e-12 ? [`${i}: ${actual[i]} != ${e}`] : [],
  );
  assert.deepEqual(wrong, [], label);
}

describe('www/core/picture.js: which files are pictures', () => {
  test('PNG and JPEG by their signatures, SVG by its opening <svg> after any prolog', () => {
    assert.equal(
      sniffPicture(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)),
      'png',
    );
    assert.equal(sniffPicture(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)), 'jpeg');
    for (const svg of [
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with Inkscape -->\n<svg\n  width="8">',
      '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd" [<!ENTITY ns "a">]><SVG>',
    ]) {
      assert.equal(sniffPicture(bytes(svg)), 'svg', svg);
    }
    for (const other of [
      'a,b\n1,2\n',
      'hello',
      '<html><svg></svg></html>',
      'GIF89a',
      '<svgfoo>',
      '',
    ]) {
      assert.equal(sniffPicture(bytes(other)), null, other);
    }
    assert.equal(
      sniffPicture(Uint8Array.of(0x89, 0x50, 0x4e, 0x47)),
      null,
      'a PNG cut short of its signature',
    );
  });

  test('a refusal names the file and says what is accepted', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    assert.equal(pictureProblem({ name: 'four.png', size: 100 }, png), null);
    assert.equal(
      pictureProblem({ name: 'empty.png', size: 0 }, new Uint8Array()),
      'empty.png is empty: choose a PNG, JPEG or SVG image.',
    );
    assert.equal(
      pictureProblem({ name: 'huge.png', size: MAX_PICTURE_BYTES + 1 }, png),
      'huge.png is 10.0 MB: pictures up to 10.0 MB are accepted (a PNG, JPEG or SVG image).',
    );
    assert.equal(
      pictureProblem({ name: 'data.csv', size: 8, type: 'text/csv' }, bytes('a,b\n1,2\n')),
      'data.csv is not a PNG, JPEG or SVG image (the browser calls it text/csv): choose one of those, such as a photo or scan of a digit.',
    );
  });
});

describe('www/core/picture.js: pixels to 8x8 ink', () => {
  test('an 8x8 black-on-white drawing of the 4 is the 4: light background, so dark is ink', () => {
    const rgba = image(8, 8, WHITE, (x, y) => (DIGIT_FOUR[y * 8 + x] ? BLACK : null));
    const { cells, inverted, blank } = pictureCells(rgba, 8, 8);
    assert.deepEqual(cells, DIGIT_FOUR);
    assert.equal(inverted, true);
    assert.equal(blank, false);
    // White on black, as the page draws it, is taken as it is.
    const light = pictureCells(
      image(8, 8, BLACK, (x, y) => (DIGIT_FOUR[y * 8 + x] ? WHITE : null)),
      8,
      8,
    );
    assert.deepEqual(light.cells, DIGIT_FOUR);
    assert.equal(light.inverted, false);
  });

  test('16x16: each cell the mean of its 2x2 pixels, stretched so the most inked cell is 1', () => {
    // Cell (0,0): 2 of 4 pixels black; cell (0,1): 1 of 4; cell (7,7): all 4.
    const black = new Set(['0,0', '1,1', '3,1', '14,14', '15,14', '14,15', '15,15']);
    const { cells, inverted } = pictureCells(
      image(16, 16, WHITE, (x, y) => (black.has(`${x},${y}`) ? BLACK : null)),
      16,
      16,
    );
    assert.equal(inverted, true);
    assertClose(cells, cellsWith({ 0: 0.5, 1: 0.25, 63: 1 }), 'cells');
    // Greys keep the link's 16 levels (7.5/15 and 3.75/15 round to 8/15 and 4/15); binary cuts at the threshold.
    assert.deepEqual(pictureInput(cells), cellsWith({ 0: 8 / 15, 1: 4 / 15, 63: 1 }));
    assert.deepEqual(pictureInput(cells, 0.5), cellsWith({ 0: 1, 63: 1 }));
    assert.deepEqual(pictureInput(cells, 0.2), cellsWith({ 0: 1, 1: 1, 63: 1 }));
  });

  test('12x12: a cell is 1.5 pixels wide, and a pixel on its edge counts by the area inside', () => {
    // Pixel (0,0) lies wholly in cell (0,0); pixel (1,1) spans [1,2) x [1,2), a quarter of it in
    // each of cells (0,0), (0,1), (1,0), (1,1). Cell (0,0): (1 + 0.25) / 2.25; the others 0.25 / 2.25,
    // which is 0.2 of the most inked.
    const { cells } = pictureCells(
      image(12, 12, WHITE, (x, y) => (x === y && x < 2 ? BLACK : null)),
      12,
      12,
    );
    assertClose(cells, cellsWith({ 0: 1, 1: 0.2, 8: 0.2, 9: 0.2 }), 'cells');
  });

  test('a wide picture is centred in a square, its margins the background (a stroke on the edge does not sway it)', () => {
    // 16x8, white on black: the square is 16x16 with the image in rows 4-11, so its top-left
    // 2x2 pixels are cell (2,0). Three of them are on the border, where black is the median.
    const rgba = image(16, 8, BLACK, (x, y) => (x < 2 && y < 2 ? WHITE : null));
    const { cells, inverted } = pictureCells(rgba, 16, 8);
    assert.equal(inverted, false);
    assert.deepEqual(cells, cellsWith({ 16: 1 }));
    // Tall, black on white: 8 wide, 16 high, so columns 4-11 of the square, cells (r, 2..5).
    const tall = pictureCells(
      image(8, 16, WHITE, (x, y) => (x === 0 && y >= 14 ? BLACK : null)),
      8,
      16,
    );
    assertClose(tall.cells, cellsWith({ 58: 1 }), 'tall');
  });

  test('transparency is composited over white: half-transparent black is half ink', () => {
    const rgba = image(8, 8, CLEAR, (x, y) => (y === 3 ? [0, 0, 0, x === 2 ? 255 : 51] : null));
    const { cells, inverted } = pictureCells(rgba, 8, 8);
    assert.equal(inverted, true);
    assertClose(
      cells,
      Array.from({ length: 64 }, (_, i) => (i >= 24 && i < 32 ? (i === 26 ? 1 : 0.2) : 0)),
      'cells',
    );
  });

  test('a picture smaller than 8x8 covers several cells a pixel', () => {
    // 2x2, one black pixel: each pixel is 4x4 cells. The border is all four pixels, median white.
    const { cells } = pictureCells(
      image(2, 2, WHITE, (x, y) => (x + y === 0 ? BLACK : null)),
      2,
      2,
    );
    assert.deepEqual(
      cells,
      Array.from({ length: 64 }, (_, i) => (Math.floor(i / 8) < 4 && i % 8 < 4 ? 1 : 0)),
    );
  });

  test('a flat picture is blank: all 0, and said so', () => {
    for (const fill of [WHITE, BLACK, [128, 128, 128, 255], CLEAR]) {
      const { cells, blank, flat } = pictureCells(image(10, 7, fill), 10, 7);
      assert.equal(blank, true);
      assert.equal(flat, true, 'one colour');
      assert.deepEqual(cells, cellsWith({}));
    }
  });

  test('a long thin strip with a small digit in it: blank at 8x8, but not one flat colour', () => {
    // 2000 x 50, a 6 x 6 black mark: in a 2000-pixel square a cell is 250 pixels wide, and the
    // mark darkens one cell by 36 / 62,500 of a grey level: less than 1/255.
    const { blank, flat } = pictureCells(
      image(2000, 50, WHITE, (x, y) => (x >= 100 && x < 106 && y >= 20 && y < 26 ? BLACK : null)),
      2000,
      50,
    );
    assert.equal(blank, true);
    assert.equal(flat, false);
  });
});

describe("www/core/urlstate.js: a picture's greys in the link", () => {
  test('grey levels k/15 survive the link exactly, as 64 hex digits; binary images keep their 16', () => {
    const greys = Array.from({ length: 64 }, (_, i) => (i % 16) / 15);
    const hex = encodeImage(greys);
    assert.equal(hex, '0123456789abcdef'.repeat(4));
    assert.deepEqual(decodeImage(hex), greys);
    assert.deepEqual(decodeImage(hex.toUpperCase()), greys);
    assert.equal(encodeImage(DIGIT_FOUR), '10305090f8101010');
    assert.throws(
      () => decodeImage('0'.repeat(63)),
      /16 hex digits \(8 rows of 8 pixels\), or 64 \(a grey level 0-f a pixel\)/,
    );
  });
});
