// The plane the latent map shows and the decoded grid walks: two of the four units, or the
// first two principal components of the codes. Both are an origin and two directions in code
// space, so a point of the map and a code to decode are the same thing either way. Plain
// arrays in and out (the worker runs it; the tests run it in Node).

/** What the map's axes are called for `axes` ('pc' or 'i-j'). */
export function axesLabels(axes) {
  if (axes === 'pc') return { x: 'PC 1 of the codes', y: 'PC 2 of the codes' };
  const [i, j] = axes.split('-');
  return { x: `unit ${i}`, y: `unit ${j}` };
}

/**
 * Eigen-decomposition of a symmetric d x d matrix (row-major) by cyclic Jacobi rotations.
 * Returns `{ values, vectors }`, largest value first; vectors[k] is the k-th unit eigenvector.
 * The codes have four dimensions: a textbook solver is exact and instant at that size.
 */
export function symmetricEigen(matrix, d) {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) (i === j ? (scale += a[i * d + j] ** 2) : (off += a[i * d + j] ** 2));
    }
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => a[y * d + y] - a[x * d + x]);
  return {
    values: order.map((k) => a[k * d + k]),
    vectors: order.map((k) => Array.from({ length: d }, (_, r) => v[r * d + k])),
  };
}

/** Mean (d) and sample covariance (d x d, row-major) of n codes of d values. */
export function meanAndCovariance(codes, d) {
  const n = codes.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += codes[i * d + k];
  for (let k = 0; k < d; k++) mean[k] /= n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const da = codes[i * d + a] - mean[a];
      for (let b = a; b < d; b++) cov[a * d + b] += da * (codes[i * d + b] - mean[b]);
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= Math.max(1, n - 1);
      cov[b * d + a] = cov[a * d + b];
    }
  }
  return { mean: Array.from(mean), cov };
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
 * The map for `codes` (n*d) seen along `axes`: `{ axes, xLabel, yLabel, positions (n*2),
 * rect: [x0, x1, y0, y1], basis: { origin, u, v } }`. `rect` spans the middle 98% of the points
 * on each axis (what the grid decodes); `basis` maps a map point (x, y) to the code origin +
 * x u + y v. For 'pc', `previous` (the last frame's plane) keeps each axis's sign, so the map
 * does not flip over between frames when an eigenvector comes out negated.
 */
export function latentPlane(codes, axes, d = 4, previous = null) {
  const n = codes.length / d;
  const { mean, cov } = meanAndCovariance(codes, d);
  let origin;
  let u;
  let v;
  if (axes === 'pc') {
    const { vectors } = symmetricEigen(cov, d);
    [u, v] = vectors;
    const prev = previous?.axes === 'pc' ? previous.basis : null;
    if (prev && dot(prev.u, u) < 0) u = u.map((x) => -x);
    if (prev && dot(prev.v, v) < 0) v = v.map((x) => -x);
    if (!prev) {
      // A first frame has nothing to follow: make each axis's largest entry positive.
      u = largestPositive(u);
      v = largestPositive(v);
    }
    origin = mean;
  } else {
    const [i, j] = axes.split('-').map((k) => Number(k) - 1);
    u = unit(d, i);
    v = unit(d, j);
    // The other units at their mean: the grid shows what the two chosen ones do on their own.
    origin = mean.map((m, k) => (k === i || k === j ? 0 : m));
  }
  const positions = new Float32Array(n * 2);
  for (let p = 0; p < n; p++) {
    let x = 0;
    let y = 0;
    for (let k = 0; k < d; k++) {
      const c = codes[p * d + k] - origin[k];
      x += c * u[k];
      y += c * v[k];
    }
    positions[2 * p] = x;
    positions[2 * p + 1] = y;
  }
  const [x0, x1] = spread(quantiles(positions, 2, 0, [0.01, 0.99]));
  const [y0, y1] = spread(quantiles(positions, 2, 1, [0.01, 0.99]));
  const labels = axesLabels(axes);
  return { axes, xLabel: labels.x, yLabel: labels.y, positions, rect: [x0, x1, y0, y1], basis: { origin, u, v } };
}

/**
 * The codes of a g x g lattice over `plane.rect`, row-major, row 0 at the top (the largest y),
 * as a map is read: g*g*d values, ready to decode.
 */
export function latticeCodes(plane, g, d = 4) {
  const [x0, x1, y0, y1] = plane.rect;
  const { origin, u, v } = plane.basis;
  const out = new Float32Array(g * g * d);
  for (let r = 0; r < g; r++) {
    const y = y1 - ((r + 0.5) / g) * (y1 - y0);
    for (let c = 0; c < g; c++) {
      const x = x0 + ((c + 0.5) / g) * (x1 - x0);
      for (let k = 0; k < d; k++) out[(r * g + c) * d + k] = origin[k] + x * u[k] + y * v[k];
    }
  }
  return out;
}

/** Which of the d units are 0 for every one of the n codes (a dead ReLU). */
export function deadUnits(codes, d = 4) {
  const alive = new Array(d).fill(false);
  for (let i = 0; i < codes.length; i++) if (codes[i] !== 0) alive[i % d] = true;
  return alive.map((a) => !a);
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

function largestPositive(w) {
  const big = w.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
  return big < 0 ? w.map((x) => -x) : w;
}
