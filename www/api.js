// The package's API (`import init, { Autoencoder } from 'tinyae'`): the simd128 build where the
// engine compiles wasm SIMD, else the scalar one. Both give the same numbers to the bit, so the
// choice is only speed. `init()` with no argument fetches the build's .wasm from beside its glue;
// Node has its own entry (api-node.js) that reads the file instead.
import { importGlue, pickBuild, wasmUrl as buildWasmUrl } from './core/bridge.js';

/** Which build this engine runs: 'simd' or 'scalar'. */
export const build = pickBuild();

const glue = await importGlue(build);

export const { Autoencoder, Pca, kernels, split_indices } = glue;

/** The URL of the chosen build's .wasm (for a `<link rel="preload">` or your own fetch). */
export const wasmUrl = buildWasmUrl(build);

/**
 * Initialises the wasm module once; later calls resolve at once. `input` is what
 * WebAssembly can start from: a URL or string, a Response (or a promise of one), the bytes
 * (ArrayBuffer or typed array) or a compiled WebAssembly.Module; omitted, `wasmUrl` is fetched.
 */
export default async function init(input) {
  await glue.default({ module_or_path: input ?? wasmUrl });
  return { build, kernels: glue.kernels() };
}

/** Initialises synchronously from the bytes or a compiled WebAssembly.Module. */
export function initSync(input) {
  if (input === undefined) throw new Error('initSync(input) needs the .wasm bytes or a WebAssembly.Module');
  glue.initSync({ module: input });
  return { build, kernels: glue.kernels() };
}
