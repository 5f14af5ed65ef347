// The wide workloads (issue 26), shared by the Node driver (bench-js/wide.mjs) and the page
// (bench-js/wide.html): 28x28 items made from the 8x8 digits, the two networks, their FLOPs, and
// one tinyae run. No Node or DOM APIs here.
import { ADAM_FLOPS_PER_PARAM, BATCH, SEED } from './workloads.mjs';

export const SIDE = 28;
export const ROWS = 10_000;
export const EPOCHS = 1;

/** The networks: tinyae's options and the same stack for TF.js. */
export const NETS = {
  relu: {
    label: '784-256-2-256-784 ReLU',
    options: { input: SIDE * SIDE, encoder: [256], latent: 2 },
    dims: [784, 256, 2, 256, 784],
    activations: ['relu', 'relu', 'relu', 'sigmoid'],
  },
  // ConvNetJS's MNIST autoencoder: tanh layers, a linear 2-unit code.
  tanh: {
    label: '784-50-50-2-50-50-784 tanh',
    options: {
      input: SIDE * SIDE,
      encoder: [50, 50],
      latent: 2,
      activation: 'tanh',
      latent_activation: 'linear',
    },
    dims: [784, 50, 50, 2, 50, 50, 784],
    activations: ['tanh', 'tanh', 'linear', 'tanh', 'tanh', 'sigmoid'],
  },
};

/** The memory check: 784-1024-256-1024-784 trained in batches of 256. */
export const BIG = {
  label: '784-1024-256-1024-784',
  options: { input: SIDE * SIDE, encoder: [1024], latent: 256 },
  batch: 256,
  steps: 5,
};

/**
 * `rows` items of 28x28 values in [0, 1]: the digits (`pixels`, n x 64) cycled, each scaled up
 * bilinearly (pixel centres aligned), so the data has the digits' structure at MNIST's size.
 */
export function wideItems(pixels, n, rows = ROWS) {
  const out = new Float32Array(rows * SIDE * SIDE);
  const src = (s) => Math.min(7, Math.max(0, ((s + 0.5) * 8) / SIDE - 0.5));
  for (let r = 0; r < rows; r++) {
    const img = pixels.subarray((r % n) * 64, (r % n) * 64 + 64);
    for (let y = 0; y < SIDE; y++) {
      const sy = src(y),
        y0 = Math.floor(sy),
        y1 = Math.min(7, y0 + 1),
        fy = sy - y0;
      for (let x = 0; x < SIDE; x++) {
        const sx = src(x),
          x0 = Math.floor(sx),
          x1 = Math.min(7, x0 + 1),
          fx = sx - x0;
        const top = img[y0 * 8 + x0] * (1 - fx) + img[y0 * 8 + x1] * fx;
        const bottom = img[y1 * 8 + x0] * (1 - fx) + img[y1 * 8 + x1] * fx;
        out[(r * SIDE + y) * SIDE + x] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/**
 * FLOPs of one epoch of `net`: `computed` counts what training does (2 per multiply-add of
 * every layer's forward and kernel gradient, and of the input gradient of every layer but the
 * first, which nothing needs) plus Adam; `perWeight` counts 6 per weight for every layer, as
 * issue 26 states its target, plus Adam.
 */
export function wideFlops(net, rows = ROWS) {
  let weights = 0,
    params = 0;
  for (let l = 0; l + 1 < net.dims.length; l++) {
    weights += net.dims[l] * net.dims[l + 1];
    params += (net.dims[l] + 1) * net.dims[l + 1];
  }
  const firstLayer = net.dims[0] * net.dims[1];
  const adam = Math.ceil(rows / BATCH) * params * ADAM_FLOPS_PER_PARAM;
  return {
    computed: rows * (6 * weights - 2 * firstLayer) + adam,
    perWeight: rows * 6 * weights + adam,
    params,
  };
}

/** tinyae's initial (seeded) weights for `net`, which TF.js starts from too. */
export function wideWeights(build, net) {
  const ae = new build.Autoencoder(SEED, net.options);
  const w = ae.get_weights();
  ae.free();
  return w;
}

/** One epoch of tinyae on `pixels`: `{ ms, finalLoss }`. */
export function runTinyaeWide(build, net, pixels) {
  const ae = new build.Autoencoder(SEED, net.options);
  ae.batch_size = BATCH;
  ae.set_data(pixels);
  const start = performance.now();
  ae.train_step(EPOCHS * Math.ceil(pixels.length / net.dims[0] / BATCH));
  const ms = performance.now() - start;
  const finalLoss = ae.loss();
  ae.free();
  return { ms, finalLoss };
}

/**
 * The big model trained for a few batches of 256 in a fresh instance of a build (`fresh`:
 * its glue's exports; `memory`: its wasm memory): `{ params, bytesBefore, bytesAfter, loss }`.
 */
export function bigModelMemory(fresh, memory, pixels) {
  const bytesBefore = memory.buffer.byteLength;
  const ae = new fresh.Autoencoder(SEED, BIG.options);
  ae.batch_size = BIG.batch;
  ae.set_data(pixels);
  const loss = ae.train_step(BIG.steps);
  const out = { params: ae.n_params, bytesBefore, bytesAfter: memory.buffer.byteLength, loss };
  ae.free();
  return out;
}
