// The baseline a thin JS demo would write instead of shipping wasm: tinyae's math (64-16-4-16-64,
// ReLU/sigmoid, MSE, Keras's Adam) in plain JavaScript on Float32Arrays. Loops run batch-major
// over each Dense layer's [fan_in][fan_out] kernel; every buffer is made up front, so a step
// allocates nothing. Sums are kept in JS numbers (f64) and stored as f32.

const DIMS = [64, 16, 4, 16, 64];
const LAYERS = DIMS.length - 1;
const PIXELS = DIMS[0];

/** Where each layer's kernel and bias sit in the flat Keras-order parameter buffer. */
const DENSE = [];
for (let l = 0, at = 0; l < LAYERS; l++) {
  const fanIn = DIMS[l],
    fanOut = DIMS[l + 1];
  DENSE.push({ fanIn, fanOut, kernel: at, bias: at + fanIn * fanOut });
  at += fanIn * fanOut + fanOut;
}
export const N_PARAMS = DENSE[LAYERS - 1].bias + DIMS[LAYERS];

/** mulberry32: a seeded shuffle, so runs repeat. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class PlainAutoencoder {
  /** `weights`: 2276 values in Keras get_weights() order (tinyae's get_weights()). */
  constructor(weights, { batchSize = 32, learningRate = 0.001, seed = 1 } = {}) {
    if (weights.length !== N_PARAMS) throw new Error(`weights must hold ${N_PARAMS} values`);
    this.params = Float32Array.from(weights);
    this.grads = new Float32Array(N_PARAMS);
    this.m = new Float32Array(N_PARAMS);
    this.v = new Float32Array(N_PARAMS);
    this.t = 0;
    this.beta1t = 1;
    this.beta2t = 1;
    this.learningRate = learningRate;
    this.batchSize = batchSize;
    this.random = rng(seed);
    this.setData(new Float32Array(PIXELS));
  }

  setData(pixels) {
    this.data = Float32Array.from(pixels);
    this.n = pixels.length / PIXELS;
    this.order = Uint32Array.from({ length: this.n }, (_, i) => i);
    this.cursor = 0;
    const rows = Math.min(this.batchSize, this.n);
    this.batch = new Float32Array(rows * PIXELS);
    this.acts = DIMS.slice(1).map((d) => new Float32Array(rows * d));
    this.deltas = DIMS.slice(1).map((d) => new Float32Array(rows * d));
  }

  /** `steps` Adam updates on shuffled minibatches (last one of an epoch partial); mean loss. */
  train(steps) {
    let total = 0;
    for (let s = 0; s < steps; s++) {
      const n = this.nextBatch();
      total += this.gradients(this.batch, n);
      this.adam();
    }
    return total / steps;
  }

  /** MSE over all the training data, no update. */
  loss() {
    const rows = this.acts[0].length / DIMS[1];
    let sum = 0;
    for (let start = 0; start < this.n; start += rows) {
      const n = Math.min(rows, this.n - start);
      const x = this.data.subarray(start * PIXELS, (start + n) * PIXELS);
      this.forward(x, n);
      const y = this.acts[LAYERS - 1];
      for (let j = 0; j < n * PIXELS; j++) sum += (y[j] - x[j]) ** 2;
    }
    return sum / (this.n * PIXELS);
  }

  nextBatch() {
    const { order, n } = this;
    if (this.cursor === 0) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    const start = this.cursor,
      end = Math.min(start + this.batchSize, n);
    for (let r = start; r < end; r++) {
      this.batch.set(
        this.data.subarray(order[r] * PIXELS, (order[r] + 1) * PIXELS),
        (r - start) * PIXELS,
      );
    }
    this.cursor = end === n ? 0 : end;
    return end - start;
  }

  forward(x, n) {
    const w = this.params;
    let input = x;
    for (let l = 0; l < LAYERS; l++) {
      const { fanIn, fanOut, kernel, bias } = DENSE[l];
      const out = this.acts[l];
      const sigmoid = l === LAYERS - 1;
      for (let i = 0; i < n; i++) {
        for (let o = 0; o < fanOut; o++) {
          let s = w[bias + o];
          for (let p = 0; p < fanIn; p++) s += input[i * fanIn + p] * w[kernel + p * fanOut + o];
          out[i * fanOut + o] = sigmoid ? 1 / (1 + Math.exp(-s)) : s > 0 ? s : 0;
        }
      }
      input = out;
    }
  }

  /** Forward and backward on `n` rows of `x`: fills this.grads, returns the batch MSE. */
  gradients(x, n) {
    this.forward(x, n);
    const w = this.params,
      g = this.grads;
    const y = this.acts[LAYERS - 1],
      top = this.deltas[LAYERS - 1];
    const scale = 2 / (n * PIXELS);
    let sum = 0;
    for (let j = 0; j < n * PIXELS; j++) {
      const e = y[j] - x[j];
      sum += e * e;
      top[j] = e * scale * y[j] * (1 - y[j]);
    }
    g.fill(0);
    for (let l = LAYERS - 1; l >= 0; l--) {
      const { fanIn, fanOut, kernel, bias } = DENSE[l];
      const delta = this.deltas[l];
      const input = l === 0 ? x : this.acts[l - 1];
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < fanIn; p++) {
          const a = input[i * fanIn + p];
          for (let o = 0; o < fanOut; o++) g[kernel + p * fanOut + o] += a * delta[i * fanOut + o];
        }
        for (let o = 0; o < fanOut; o++) g[bias + o] += delta[i * fanOut + o];
      }
      if (l === 0) break;
      // d(input) through the previous layer's ReLU: zero where it did not fire.
      const below = this.deltas[l - 1];
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < fanIn; p++) {
          if (input[i * fanIn + p] <= 0) {
            below[i * fanIn + p] = 0;
            continue;
          }
          let s = 0;
          for (let o = 0; o < fanOut; o++) s += delta[i * fanOut + o] * w[kernel + p * fanOut + o];
          below[i * fanIn + p] = s;
        }
      }
    }
    return sum / (n * PIXELS);
  }

  /** Keras's Adam (lr 0.001, 0.9, 0.999, eps 1e-7) in Keras's update form. */
  adam() {
    const { params: w, grads: g, m, v } = this;
    this.t++;
    this.beta1t *= 0.9;
    this.beta2t *= 0.999;
    const alpha = (this.learningRate * Math.sqrt(1 - this.beta2t)) / (1 - this.beta1t);
    for (let i = 0; i < N_PARAMS; i++) {
      m[i] += (g[i] - m[i]) * 0.1;
      v[i] += (g[i] * g[i] - v[i]) * 0.001;
      w[i] -= (m[i] * alpha) / (Math.sqrt(v[i]) + 1e-7);
    }
  }
}
