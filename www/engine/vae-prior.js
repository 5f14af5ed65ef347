// Where the variational panel asks its decoder to draw: the codes of the manifold grid and of an
// interpolation. This is layout, like the plot's axes, not model math: which points of the code
// plane to look at. The decoding itself is the core's (one `decode` call per picture).

/** Side of the manifold grid, in images, and the gap between them (CSS px). */
export const GRID = 15;
export const GRID_GAP = 2;

/** Images along one interpolation. */
export const PATH = 8;

/**
 * Φ⁻¹(p), the standard normal's quantile, at p = 0.05, 0.05 + 0.9/14, ..., 0.95 (GRID = 15
 * evenly spaced levels, NumPy's linspace(0.05, 0.95, 15)), as the Keras example spaces its grid
 * by norm.ppf. A fixed table, to 7 decimals, from Python's statistics.NormalDist().inv_cdf: a
 * page needs these 15 numbers, not a quantile function.
 */
export const QUANTILES = Object.freeze([
  -1.6448536, -1.204047, -0.920823, -0.6971414, -0.5039654, -0.3280721, -0.1618442, 0, 0.1618442,
  0.3280721, 0.5039654, 0.6971414, 0.920823, 1.204047, 1.6448536,
]);

/**
 * The grid's GRID*GRID codes (z1, z2), row by row from the top: z1 grows to the right and z2
 * upwards, as the Keras example draws it (its grid_y reversed).
 */
export function gridCodes() {
  if (QUANTILES.length !== GRID)
    throw new Error(`vae-prior: ${QUANTILES.length} quantiles for a grid of ${GRID}`);
  const z = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      z[2 * (r * GRID + c)] = QUANTILES[c];
      z[2 * (r * GRID + c) + 1] = QUANTILES[GRID - 1 - r];
    }
  }
  return z;
}

/**
 * PATH codes evenly along the straight line from code `a` to code `b` (2 numbers each), both
 * ends included, so the first and last decode to exactly what `a` and `b` decode to.
 */
export function pathCodes(a, b) {
  const z = new Float32Array(PATH * 2);
  for (let k = 0; k < PATH; k++) {
    const t = k / (PATH - 1);
    for (let d = 0; d < 2; d++) z[2 * k + d] = k === PATH - 1 ? b[d] : a[d] + (b[d] - a[d]) * t;
  }
  return z;
}
