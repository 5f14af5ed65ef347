// The only module that touches the wasm build. Two builds ship: one compiled with wasm SIMD,
// one without, for browsers (or policies) that lack it. Everything else gets the module object.

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

/**
 * Loads and initialises the fastest build this browser can run, or the one named by `prefer`
 * ('simd' | 'scalar'; asking for simd without support still gets scalar).
 * Resolves to `{ wasm, build }`: the initialised module namespace and the build's name.
 */
export async function loadTinyae(prefer) {
  const build = prefer === 'scalar' || !simdSupported() ? 'scalar' : 'simd';
  // Literal specifiers, not a template, so static tooling can still see both imports.
  const wasm = build === 'simd'
    ? await import('./pkg/simd/tinyae.js')
    : await import('./pkg/scalar/tinyae.js');
  // No argument: the glue finds tinyae_bg.wasm next to itself via import.meta.url.
  await wasm.default();
  return { wasm, build };
}
