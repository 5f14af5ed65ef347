// The wasm builds: their glue, and compiled modules shared by a page's embeds (their URLs are
// in ../wasm-url.js). Each kind ships twice, compiled with wasm SIMD and without, for browsers
// (or policies) that lack it: the full API (pkg/simd, pkg/scalar: PCA, options; the package
// and the digits mode) and the compact one, the classic model alone (pkg/compact-simd,
// pkg/compact-scalar; the compact element of the classic network, 44% of the bytes). The page
// only starts the .wasm download early (simd.js picks the build).

import { wasmUrl } from '../wasm-url.js';

export { wasmUrl };

const compiled = new Map();

/**
 * Fetches and compiles `build`'s .wasm (a WebAssembly.Module, which can be posted to a worker),
 * once per page: every embed on a page shares it. The page calls this while the worker script
 * is still loading, so the two overlap.
 */
export function compileBuild(build, compact = false) {
  const key = `${compact ? 'compact-' : ''}${build}`;
  if (!compiled.has(key)) compiled.set(key, WebAssembly.compileStreaming(fetch(wasmUrl(build, compact))));
  return compiled.get(key);
}

/**
 * `build`'s wasm-bindgen glue module (the full API), not yet initialised. The glue is the same
 * text for the simd and scalar builds of a kind (build.sh checks): only the .wasm differs.
 */
export function importGlue(build) {
  return build === 'simd' ? import('../pkg/simd/tinyae.js') : import('../pkg/scalar/tinyae.js');
}

/**
 * Loads and initialises `build` ('simd' | 'scalar'), from `module` (a compiled
 * WebAssembly.Module) when given, else by fetching the .wasm next to the glue.
 * Resolves to `{ wasm, build }`: the initialised module namespace and the build's name.
 */
export async function loadTinyae(build, module) {
  const wasm = await importGlue(build);
  // Without a module the glue finds tinyae_bg.wasm next to itself via import.meta.url.
  await wasm.default(module ? { module_or_path: module } : undefined);
  return { wasm, build };
}

/** `build`'s initialised glue (full API), for worker-loop.js's serveWorker `load`. */
export const loadFullGlue = (build, module) => loadTinyae(build, module ?? undefined).then(({ wasm }) => wasm);
