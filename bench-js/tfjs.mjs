// The same model in TensorFlow.js 4.22 (pure JS, no tfjs-node): its `cpu` backend and its
// `wasm` backend, trained two ways, `model.fit` and a hand-written `optimizer.minimize` loop, so
// the driver can time the faster of the two for each backend.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';

export const version = tf.version.tfjs;
export const MODES = ['fit', 'minimize'];

const DIMS = [64, 16, 4, 16, 64];

let ready = false;
async function init() {
  if (ready) return;
  // Emscripten's loader in Node reads the .wasm with fs from this directory: a file path, not
  // an http URL, so nothing is fetched.
  setWasmPaths(fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  // Production mode skips TF.js's per-op debug checks: the fastest configuration it offers.
  tf.enableProdMode();
  await tf.setBackend('wasm');
  ready = true;
}

/** Which of its .wasm binaries the wasm backend runs: `{ simd, threads }`. */
export async function wasmFlavour() {
  await init();
  return {
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

/** The kernels and biases, from tinyae's flat Keras-order weights. */
function splitWeights(weights) {
  const out = [];
  for (let l = 0, at = 0; l < DIMS.length - 1; l++) {
    const [fanIn, fanOut] = [DIMS[l], DIMS[l + 1]];
    out.push(tf.tensor2d(weights.subarray(at, at + fanIn * fanOut), [fanIn, fanOut]));
    at += fanIn * fanOut;
    out.push(tf.tensor1d(weights.subarray(at, at + fanOut)));
    at += fanOut;
  }
  return out;
}

function buildModel() {
  const model = tf.sequential();
  for (let l = 0; l < DIMS.length - 1; l++) {
    model.add(tf.layers.dense({
      ...(l === 0 ? { inputShape: [DIMS[0]] } : {}),
      units: DIMS[l + 1],
      activation: l === DIMS.length - 2 ? 'sigmoid' : 'relu',
      kernelInitializer: 'glorotUniform',
      biasInitializer: 'zeros',
    }));
  }
  return model;
}

const adam = () => tf.train.adam(0.001, 0.9, 0.999, 1e-7);

/** Training with `model.fit` (shuffled epochs, last batch partial, as Keras). */
async function trainFit(model, x, { batchSize, epochs }) {
  model.compile({ optimizer: adam(), loss: 'meanSquaredError' });
  const start = performance.now();
  const history = await model.fit(x, x, { batchSize, epochs, shuffle: true, verbose: 0, yieldEvery: 'never' });
  const ms = performance.now() - start;
  return { ms, loss: history.history.loss.at(-1) };
}

/** Training with `optimizer.minimize` over the model's own variables, batches by tf.gather. */
function trainMinimize(model, x, { batchSize, epochs }, n) {
  const optimizer = adam();
  const vars = model.trainableWeights.map((w) => w.read());
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let last = 0;
  const start = performance.now();
  for (let e = 0; e < epochs; e++) {
    tf.util.shuffle(order);
    for (let b = 0; b < n; b += batchSize) {
      const cost = tf.tidy(() => {
        const batch = n <= batchSize ? x : tf.gather(x, tf.tensor1d(order.subarray(b, b + batchSize), 'int32'));
        return optimizer.minimize(() => tf.losses.meanSquaredError(batch, model.apply(batch)), true, vars);
      });
      last = cost.dataSync()[0];
      cost.dispose();
    }
  }
  const ms = performance.now() - start;
  optimizer.dispose();
  return { ms, loss: last };
}

/**
 * Trains from `weights` on n images `pixels` for `epochs` epochs of `batchSize` on `backend`
 * ('cpu' | 'wasm') by `mode` ('fit' | 'minimize'). Resolves to `{ ms, loss, finalLoss }`: the
 * training time only, the last batch's loss, and the MSE over all the data afterwards.
 */
export async function run({ backend, mode, weights, pixels, batchSize, epochs }) {
  await init();
  await tf.setBackend(backend);
  const n = pixels.length / DIMS[0];
  const x = tf.tensor2d(pixels, [n, DIMS[0]]);
  const model = buildModel();
  const initial = splitWeights(weights);
  model.setWeights(initial);
  tf.dispose(initial);
  const result = mode === 'fit'
    ? await trainFit(model, x, { batchSize, epochs })
    : trainMinimize(model, x, { batchSize, epochs }, n);
  const finalLoss = tf.tidy(() => tf.losses.meanSquaredError(x, model.predict(x)).dataSync()[0]);
  model.dispose();
  x.dispose();
  return { ...result, finalLoss };
}
