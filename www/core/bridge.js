// The wasm builds, each kind twice (with wasm SIMD and without, for browsers or policies that
// lack it): the full API (pkg/simd, pkg/scalar: PCA, options; the package and the data page)
// and the compact one, the classic model alone (pkg/compact-*: the compact element, 44% of the
// bytes). Their URLs are in ../wasm-url.js; simd.js picks the build.
import { wasmUrl } from '../wasm-url.js';

export { wasmUrl };

const compiled = new Map();

/**
 * `build`'s .wasm, fetched and compiled once per page (every embed shares it) into a
 * WebAssembly.Module a worker can be sent: the page asks while the worker script loads.
 */
export function compileBuild(build, compact = false) {
  const key = `${compact ? 'compact-' : ''}${build}`;
  if (!compiled.has(key))
    compiled.set(key, WebAssembly.compileStreaming(fetch(wasmUrl(build, compact))));
  return compiled.get(key);
}

/**
 * `build`'s full-API glue, initialised from `module` (a compiled WebAssembly.Module) or, without
 * one, from the .wasm next to it. The glue is the same text for both builds (build.sh checks).
 */
export async function loadFullGlue(build, module) {
  const wasm = await (build === 'simd'
    ? import('../pkg/simd/tinyae.js')
    : import('../pkg/scalar/tinyae.js'));
  await wasm.default(module ? { module_or_path: module } : undefined);
  return wasm;
}
