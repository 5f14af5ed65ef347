// PCA's wide workload for `npm run bench` (bench-js/pca.mjs), shared by Node and the browser
// page so both time the same thing: Pca.fit_rows on 10,000 rows of 784 values, the 8x8 digits
// upscaled to 28x28 as tests/reference/pca_wide_reference.py makes them (bilinear in integers,
// a smoothstep, 8 bits), cycled, each level moved by -8..8 by an integer hash. No Node or DOM APIs.
import { median } from './workloads.mjs';

export const ROWS = 10_000;
export const COLUMNS = 784;
export const COMPONENTS = [2, 16, 64];

/** Source row below, weight (in 14ths) of the one above, and the one above, for output index r. */
const source = (r) => {
  const s = Math.min(Math.max(4 * r - 5, 0), 98);
  const lo = Math.floor(s / 14);
  return [lo, s - 14 * lo, Math.min(lo + 1, 7)];
};

/** ROWS x COLUMNS values in [0, 1] from `pixels` (n8 images of 64 values, k/16). */
export function wideDigits(pixels, n8) {
  const x = new Float32Array(ROWS * COLUMNS);
  for (let i = 0; i < ROWS; i++) {
    const base = (i % n8) * 64;
    const p = (y, c) => Math.round(pixels[base + y * 8 + c] * 16);
    for (let r = 0; r < 28; r++) {
      const [y0, wy, y1] = source(r);
      const row = (c) => p(y0, c) * (14 - wy) + p(y1, c) * wy;
      for (let c = 0; c < 28; c++) {
        const [x0, wx, x1] = source(c);
        const u = row(x0) * (14 - wx) + row(x1) * wx;
        const level = Math.floor((u * u * (3 * 3136 - 2 * u) * 255) / 3136 ** 3);
        const at = i * COLUMNS + r * 28 + c;
        const noise = ((Math.imul(at, 0x9e3779b1) >>> 0) % 17) - 8;
        x[at] = Math.min(255, Math.max(0, level + noise)) / 255;
      }
    }
  }
  return x;
}

/** `{ [k]: { ms, msAll } }`: fit_rows with each of COMPONENTS, a warm-up then `reps` timed fits. */
export function timeFits(build, x, reps) {
  const results = {};
  for (const k of COMPONENTS) {
    const runs = [];
    for (let r = 0; r <= reps; r++) {
      const start = performance.now();
      build.Pca.fit_rows(x, COLUMNS, k).free();
      if (r > 0) runs.push(performance.now() - start);
    }
    results[k] = { ms: median(runs), msAll: runs };
  }
  return results;
}
