// The only module that knows where the wasm builds are. Each kind ships twice, compiled with
// wasm SIMD and without, for browsers (or policies) that lack it: the full API (pkg/simd,
// pkg/scalar: PCA, options; the package and the digits mode) and the compact one, the classic
// model alone (pkg/compact-simd, pkg/compact-scalar; the compact element of the classic
// network, 44% of the bytes). The page only picks the build and starts the .wasm download early.

// (module (func (result v128) i32.const 0 i8x16.splat)): valid only where v128 exists.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: [] -> [v128]
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: i32.const 0; i8x16.splat; end
]);

/** Whether this engine can compile wasm SIMD (v128) instructions. */
export function simdSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The build to run: 'scalar' when asked for or when SIMD is missing, else 'simd'. */
export function pickBuild(prefer) {
  return prefer === 'scalar' || !simdSupported() ? 'scalar' : 'simd';
}

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
 * The URL of `build`'s .wasm, the full one or the `compact` one. Resolved when asked, not at
 * load: the worker imports this module too, and a worker made from a Blob (the standalone
 * file) has no base URL to resolve against. Literal URLs, not a template, so static tooling
 * can still see every file.
 */
export function wasmUrl(build, compact = false) {
  if (compact) {
    return build === 'simd'
      ? new URL('../pkg/compact-simd/tinyae_bg.wasm', import.meta.url)
      : new URL('../pkg/compact-scalar/tinyae_bg.wasm', import.meta.url);
  }
  return build === 'simd'
    ? new URL('../pkg/simd/tinyae_bg.wasm', import.meta.url)
    : new URL('../pkg/scalar/tinyae_bg.wasm', import.meta.url);
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
