// TensorFlow.js 4.22 in Node (pure JS, no tfjs-node): its `cpu` backend and its `wasm` backend,
// with the training code of bench-js/tfjs-train.mjs.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { trainer } from './tfjs-train.mjs';

export { MODES } from './tfjs-train.mjs';
export const version = tf.version.tfjs;

let ready = false;
async function init() {
  if (ready) return;
  // Emscripten's loader in Node reads the .wasm with fs from this directory: a file path, not
  // an http URL, so nothing is fetched.
  setWasmPaths(
    fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)),
  );
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

const train = trainer(tf);

/** bench-js/tfjs-train.mjs's `run`, once the backends are set up. */
export async function run(args) {
  await init();
  return train.run(args);
}

/** bench-js/tfjs-train.mjs's `chooseMode`, once the backends are set up. */
export async function chooseMode(args) {
  await init();
  return train.chooseMode(args);
}
