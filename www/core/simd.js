// Which wasm build this engine can run. Apart from bridge.js (which names every build's files) so
// that the package's API (www/api.js) can pick a build without pulling in the element's files.

// (module (func (result v128) i32.const 0 i8x16.splat)): valid only where v128 exists.
// The bytes in rows, a row per wasm section, as the comments read them (not one per line).
// prettier-ignore
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
