// Reads the project's copy of the 8x8 digits (data/digits.csv.gz; attribution in
// data/README.md) in Node: pixels scaled to [0, 1] and labels.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** `{ pixels: Float32Array(n*64), labels: Uint8Array(n), n }`. */
export function loadDigits() {
  const rows = gunzipSync(readFileSync(new URL('../data/digits.csv.gz', import.meta.url)))
    .toString('utf8')
    .trim()
    .split('\n');
  const pixels = new Float32Array(rows.length * 64);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    const values = row.split(',').map(Number);
    for (let p = 0; p < 64; p++) pixels[i * 64 + p] = values[p] / 16;
    labels[i] = values[64];
  });
  return { pixels, labels, n: rows.length };
}

/**
 * A CSV of `rows` images made from the digits (cycled) with seeded noise of up to +-2 on the
 * 0..16 scale, clamped, each row labelled: a large data set whose map still has ten clusters.
 * Whole numbers keep it small (~10 MB for 100,000 rows).
 */
export function noisyDigitsCsv(rows, seed = 1) {
  const { pixels, labels, n } = loadDigits();
  let s = seed >>> 0;
  // Mulberry32: a tiny seeded generator, so every run makes the same file.
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const lines = new Array(rows);
  const cells = new Array(65);
  for (let r = 0; r < rows; r++) {
    const i = r % n;
    for (let p = 0; p < 64; p++) {
      const v = Math.round(pixels[i * 64 + p] * 16 + (random() * 4 - 2));
      cells[p] = Math.min(16, Math.max(0, v));
    }
    cells[64] = labels[i];
    lines[r] = cells.join(',');
  }
  return `${lines.join('\n')}\n`;
}
