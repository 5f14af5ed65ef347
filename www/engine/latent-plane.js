// The plane the latent map shows and the decoded grid walks: two of the units, or the first
// two principal components of the codes, or for a one-number code a strip (fitted by the core's PCA, the one the images
// get). Both are an origin and two directions in code space, so a point of the map and a code
// to decode are the same thing either way. Plain arrays in and out, and the wasm module passed
// in (the worker runs it; the tests run it in Node).

/** Side of the decoded grid (the "manifold" picture), in images. */
export const GRID = 12;

/**
 * The plane a map of `latent` units shows for the reader's `axes` ('pc' or 'i-j'): with two
 * units the units themselves, with one a strip; a pair past the last unit falls back to 'pc'.
 */
export function planeAxes(axes, latent) {
  if (latent === 1) return 'strip';
  if (latent === 2) return '1-2';
  return axes === 'pc' || Number(axes.split('-')[1]) <= latent ? axes : 'pc';
}

/** What the map's axes are called for `axes` ('pc', 'i-j' or 'strip'). */
export function axesLabels(axes) {
  if (axes === 'pc') return { x: 'PC 1 of the codes', y: 'PC 2 of the codes' };
  if (axes === 'strip') return { x: 'unit 1', y: 'spread (no meaning)' };
  const [i, j] = axes.split('-');
  return { x: `unit ${i}`, y: `unit ${j}` };
}

/** The mean of each of the d columns of n codes. */
function columnMeans(codes, d) {
  const n = codes.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += codes[i * d + k];
  return Array.from(mean, (m) => m / n);
}

/**
 * The q-quantiles (0..1) of every `stride`-th value from `offset`, by selection in a copy: the
 * same values a sort gives, in linear time (sorting 100,000 twice a frame took 30 ms).
 */
function quantiles(values, stride, offset, qs) {
  const n = Math.floor(values.length / stride);
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) column[i] = values[i * stride + offset];
  return qs.map((q) => select(column, Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))));
}

/** The k-th smallest value of `a` (reordered in place): Hoare's quickselect. */
function select(a, k) {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    // lo..j hold values <= pivot, i..hi values >= pivot, and anything between equals it.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * The map for `codes` (n*d) seen along `axes`, with the core's `wasm` module: `{ axes, xLabel,
 * yLabel, positions (n*2), rect: [x0, x1, y0, y1], basis: { origin, u, v } }`. `rect` spans the
 * middle 98% of the points on each axis (what the grid decodes); `basis` maps a map point
 * (x, y) to the code origin + x u + y v. For 'pc' each axis's largest entry is positive (as
 * for the images' PCA), or, given `previous` (the last frame's plane), its sign is kept, so
 * the map does not flip over between frames when an eigenvector comes out negated.
 */
export function latentPlane(wasm, codes, axes, { d = 4, previous = null } = {}) {
  const plane = { pc: principalPlane, strip: stripPlane }[axes] ?? unitPlane;
  const { positions, origin, u, v } = plane(codes, d, { wasm, previous, axes });
  const [x0, x1] = spread(quantiles(positions, 2, 0, [0.01, 0.99]));
  const [y0, y1] = spread(quantiles(positions, 2, 1, [0.01, 0.99]));
  const labels = axesLabels(axes);
  return {
    axes,
    xLabel: labels.x,
    yLabel: labels.y,
    positions,
    rect: [x0, x1, y0, y1],
    basis: { origin, u, v },
  };
}

/** The codes' first two principal axes: `{ positions, origin, u, v }`. */
function principalPlane(codes, d, { wasm, previous }) {
  const pca = wasm.Pca.fit_rows(codes, d, 2);
  try {
    const axes = pca.components();
    const positions = pca.transform(codes);
    const prev = previous?.axes === 'pc' ? previous.basis : null;
    const basis = [axes.slice(0, d), axes.slice(d, 2 * d)].map((w, k) => {
      if (!prev || dot(prev[k === 0 ? 'u' : 'v'], w) >= 0) return Array.from(w);
      for (let p = k; p < positions.length; p += 2) positions[p] = -positions[p];
      return Array.from(w, (x) => -x);
    });
    return { positions, origin: Array.from(pca.mean()), u: basis[0], v: basis[1] };
  } finally {
    pca.free();
  }
}

/** Two of the units as the axes ('i-j'): `{ positions, origin, u, v }`. */
function unitPlane(codes, d, { axes }) {
  const n = codes.length / d;
  const [i, j] = axes.split('-').map((k) => Number(k) - 1);
  // The other units at their mean: the grid shows what the two chosen ones do on their own.
  const origin = columnMeans(codes, d).map((m, k) => (k === i || k === j ? 0 : m));
  const positions = new Float32Array(n * 2);
  for (let p = 0; p < n; p++) {
    positions[2 * p] = codes[p * d + i];
    positions[2 * p + 1] = codes[p * d + j];
  }
  return { positions, origin, u: unit(d, i), v: unit(d, j) };
}

/**
 * A one-number code along x, each point lifted by a fixed pseudo-random height in [0, 1) so
 * the dots do not pile on one line: `{ positions, origin, u, v }` (v is 0: up means nothing).
 */
function stripPlane(codes) {
  const n = codes.length;
  const positions = new Float32Array(n * 2);
  for (let p = 0; p < n; p++) {
    positions[2 * p] = codes[p];
    // Knuth's multiplicative hash: the same height for an image in every frame.
    positions[2 * p + 1] = (Math.imul(p + 1, 2654435761) >>> 0) / 2 ** 32;
  }
  return { positions, origin: [0], u: [1], v: [0] };
}

/**
 * The codes of a g x g lattice over `plane.rect`, row-major, row 0 at the top (the largest y),
 * as a map is read: g*g*d values, ready to decode.
 */
export function latticeCodes(plane, g, d = 4) {
  const [x0, x1, y0, y1] = plane.rect;
  const out = new Float32Array(g * g * d);
  for (let r = 0; r < g; r++) {
    const y = y1 - ((r + 0.5) / g) * (y1 - y0);
    for (let c = 0; c < g; c++) {
      const x = x0 + ((c + 0.5) / g) * (x1 - x0);
      out.set(planeCode(plane.basis, [x, y], d), (r * g + c) * d);
    }
  }
  return out;
}

/** The code at point `point` ([x, y]) of a plane's `basis`: origin + x u + y v (d numbers). */
export function planeCode({ origin, u, v }, [x, y], d) {
  const code = new Float32Array(d);
  for (let k = 0; k < d; k++) code[k] = origin[k] + x * u[k] + y * v[k];
  return code;
}

/**
 * What a frame says of n codes (n*d) besides the map: `{ dead, top, bottom }`, which of the d
 * units are 0 for every code (a dead ReLU), and the largest and smallest value (0 among them:
 * a code starts from nothing). One indexed pass: on 100,000 codes a for-of loop took 3-11 ms.
 */
export function codeStats(codes, d = 4) {
  const alive = new Array(d).fill(false);
  let top = 0;
  let bottom = 0;
  for (let i = 0; i < codes.length; i++) {
    const v = codes[i];
    if (v === 0) continue;
    alive[i % d] = true;
    if (v > top) top = v;
    else if (v < bottom) bottom = v;
  }
  return { dead: alive.map((a) => !a), top, bottom };
}

function spread([lo, hi]) {
  // A dead unit puts every point at 0: still a range to draw and to decode across.
  return hi - lo > 1e-6 ? [lo, hi] : [lo, lo + 1];
}

function dot(a, b) {
  return a.reduce((s, x, k) => s + x * b[k], 0);
}

function unit(d, i) {
  return Array.from({ length: d }, (_, k) => (k === i ? 1 : 0));
}
