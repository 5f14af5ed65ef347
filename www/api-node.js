// The package's API in Node: the same module as in browsers (api.js), except that with no
// argument `init()`, `initSync()` and `initKeras()` read the .wasm from the package's own files,
// since Node's fetch() cannot load file: URLs, and that the Keras build starts by itself, from
// its file, the first time `to_keras()`, `Autoencoder.from_keras()` or `from_checkpoint()` needs it.
import { readFileSync } from 'node:fs';
import browserInit, { initSync as browserInitSync, wasmUrl } from './api.js';
import { initKeras as browserInitKeras, kerasWasmUrl, startKerasWith } from './keras-build.js';
import * as kerasGlue from './pkg/keras/tinyae.js';

startKerasWith(() => {
  kerasGlue.initSync({ module: readFileSync(kerasWasmUrl) });
  return kerasGlue;
});

/** Starts the Keras build; with no `input`, from the package's own file (to_keras() does it by itself). */
export function initKeras(input) {
  return browserInitKeras(input ?? readFileSync(kerasWasmUrl));
}

export {
  Autoencoder,
  ImageSet,
  Pca,
  build,
  kernels,
  pixels,
  split_indices,
  wasmUrl,
} from './api.js';

/** Initialises the wasm module; with no `input`, from the package's own .wasm file. */
export default function init(input) {
  return browserInit(input ?? readFileSync(wasmUrl));
}

/** Initialises synchronously; with no `input`, from the package's own .wasm file. */
export function initSync(input) {
  return browserInitSync(input ?? readFileSync(wasmUrl));
}
