// A reader's table of any width (www/engine/table.js): images of a square width scaled to
// [0, 1], any other table standardised per column (checked against a two-pass mean and
// standard deviation computed here in float64), the label column found by name or as a first or
// last column of words, plain decimals read fast to the same bits as the full reader, and every
// refusal naming the row, the column and what is accepted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DataError } from '../../www/engine/csv.js';
import { MAX_COLUMNS, MAX_LABELS, parseData } from '../../www/engine/table.js';

const SPECIES = ['setosa', 'versicolor', 'virginica'];
/** `n` rows of 5 measurements, some negative, and a species name last: an iris-like table. */
const iris = (n = 30) =>
  Array.from({ length: n }, (_, i) =>
    [i * 0.5 - 3, (i % 7) - 2.5, Math.sin(i) * 10, 100 + i, -i, SPECIES[i % 3]].join(','),
  ).join('\n');

describe('www/engine/table.js', () => {
  test('a 5-column table with negative values and a text label: standardised, labels named', () => {
    const t = parseData(iris());
    assert.equal(t.kind, 'table');
    assert.equal(t.width, 5);
    assert.equal(t.n, 30);
    assert.equal(t.labelColumn, 6);
    assert.deepEqual(t.names, SPECIES);
    assert.deepEqual(Array.from(t.labels.slice(0, 4)), [0, 1, 2, 0]);
    assert.equal(t.scale, null);
    for (let c = 0; c < 5; c++) {
      const col = Array.from({ length: t.n }, (_, r) => t.pixels[r * 5 + c]);
      const mean = col.reduce((a, b) => a + b, 0) / t.n;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / t.n);
      assert.ok(Math.abs(mean) < 1e-6, `column ${c + 1} mean ${mean}`);
      assert.ok(Math.abs(sd - 1) < 1e-5, `column ${c + 1} sd ${sd}`);
    }
  });

  test('a header names the label column wherever it is; whole-number labels stay numbers', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i * 2},${i % 4},${-i}`);
    const t = parseData(`height,label,depth\n${rows.join('\n')}`);
    assert.equal(t.labelColumn, 2);
    assert.equal(t.names, null);
    assert.deepEqual(t.columns, ['height', 'depth']);
    assert.deepEqual(Array.from(t.labels.slice(0, 5)), [0, 1, 2, 3, 0]);
  });

  test("a ';' table's decimal commas are numbers, as in the digits' CSV (csv.js's cells)", () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},5;-${i},25;${i % 2 ? 'x' : 'y'}`);
    const t = parseData(`a;b;kind\n${rows.join('\n')}`);
    assert.equal(t.kind, 'table');
    assert.equal(t.width, 2);
    assert.equal(t.labelColumn, 3);
    assert.deepEqual(t.names, ['y', 'x']);
  });
  test('784 columns in [0, 255] are 28x28 images; one negative value makes them a table', () => {
    const row = (i, v = 0) => Array.from({ length: 784 }, (_, p) => (p === 0 ? v : (p * i) % 256));
    const images = parseData(Array.from({ length: 10 }, (_, i) => row(i).join(',')).join('\n'));
    assert.deepEqual([images.kind, images.imageWidth, images.imageHeight], ['images', 28, 28]);
    assert.equal(images.scale, 255);
    assert.ok(images.pixels.every((v) => v >= 0 && v <= 1));
    const table = parseData(Array.from({ length: 10 }, (_, i) => row(i, -i).join(',')).join('\n'));
    assert.equal(table.kind, 'table');
  });

  test("a label before 784 pixels and no header (Kaggle's MNIST layout, unnamed) is found", () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      [i % 3, ...Array.from({ length: 784 }, (_, p) => (p * (i + 1)) % 256)].join(','),
    );
    const t = parseData(rows.join('\n'));
    assert.deepEqual([t.kind, t.width, t.labelColumn, t.imageWidth], ['images', 784, 1, 28]);
    assert.deepEqual(Array.from(t.labels.slice(0, 4)), [0, 1, 2, 0]);
  });

  test('64 or 65 columns are still the 8x8 digits layout (csv.js)', () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      [...Array(64).fill(i * 1.5), i % 10].join(','),
    );
    const t = parseData(rows.join('\n'));
    assert.deepEqual(
      [t.width, t.imageWidth, t.kind, t.scale, t.labelColumn],
      [64, 8, 'images', 16, 65],
    );
  });

  test('plain decimals are read fast, to the same bits as the full reader reads them', () => {
    // Random decimals of up to 15 digits; the same file with a space after each comma (and a
    // quoted label) goes through the full reader: every value, label and range the same.
    let s = 7;
    const random = () => (s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 40 }, (_, r) => [
      ...Array.from({ length: 6 }, (_, c) =>
        (random() * 10 ** ((r + c) % 6)).toFixed((r * c) % 9).replace(/^0\./, r % 2 ? '.' : '0.'),
      ),
      SPECIES[r % 3],
    ]);
    const plain = parseData(rows.map((r) => r.join(',')).join('\n'));
    const full = parseData(rows.map((r) => r.join(', ').replace(/(\w+)$/, '"$1"')).join('\n'));
    assert.equal(plain.n, 40);
    assert.deepEqual(plain, full);
    const tsv = parseData(rows.map((r) => r.join('\t')).join('\r\n'));
    assert.deepEqual(tsv, plain);
  });

  test('every refusal names the row, the column and what is accepted', () => {
    const good = iris(12).split('\n');
    const cases = [
      ['1\n2\n3', /^row 1 has 1 columns: the page takes 2 to 4,096 columns of numbers/],
      [
        Array(MAX_COLUMNS + 1)
          .fill(1)
          .join(','),
        /^row 1 has 4097 columns: the page takes 2 to 4,096/,
      ],
      [
        [...good.slice(0, 5), good[5].replace(/^[^,]+/, 'abc'), ...good.slice(6)].join('\n'),
        /^row 6, column 1: "abc" is not a number \(text is read only as the label/,
      ],
      [
        [...good.slice(0, 3), '1,2', ...good.slice(4)].join('\n'),
        /^row 4 has 2 values, but row 1 has 6/,
      ],
      [
        [...good.slice(0, 2), good[2].replace(/,[^,]*$/, ','), ...good.slice(3)].join('\n'),
        /^row 3: the label \(column 6\) is empty/,
      ],
      [good.slice(0, 4).join('\n'), /^only 4 rows: at least 10 are needed/],
      [
        Array.from({ length: MAX_LABELS + 1 }, (_, i) => `${i},${-i},name${i}`).join('\n'),
        /^row 21: "name20" is label number 21 of column 3; the page colours at most 20/,
      ],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parseData(text),
        (err) => err instanceof DataError && message.test(err.message),
        `expected ${message}`,
      );
    }
  });
});
