// The package's API in Node: the same module as in browsers (api.js), except that with no
// argument `init()` and `initSync()` read the .wasm from the package's own files, since Node's
// fetch() cannot load file: URLs.
import { readFileSync } from 'node:fs';
import browserInit, { initSync as browserInitSync, wasmUrl } from './api.js';

export { Autoencoder, ImageSet, Pca, build, kernels, pixels, split_indices, wasmUrl } from './api.js';

/** Initialises the wasm module; with no `input`, from the package's own .wasm file. */
export default function init(input) {
  return browserInit(input ?? readFileSync(wasmUrl));
}

/** Initialises synchronously; with no `input`, from the package's own .wasm file. */
export function initSync(input) {
  return browserInitSync(input ?? readFileSync(wasmUrl));
}
