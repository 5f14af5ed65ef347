// Reads the project's copy of the 8x8 digits (data/digits.csv.gz; attribution in
// data/README.md) in Node: pixels scaled to [0, 1] and labels.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** `{ pixels: Float32Array(n*64), labels: Uint8Array(n), n }`. */
export function loadDigits() {
  const rows = gunzipSync(readFileSync(new URL('../data/digits.csv.gz', import.meta.url)))
    .toString('utf8').trim().split('\n');
  const pixels = new Float32Array(rows.length * 64);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    const values = row.split(',').map(Number);
    for (let p = 0; p < 64; p++) pixels[i * 64 + p] = values[p] / 16;
    labels[i] = values[64];
  });
  return { pixels, labels, n: rows.length };
}
