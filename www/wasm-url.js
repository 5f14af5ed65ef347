// Where each wasm build's .wasm is (bridge.js's `wasmUrl`). At the package's root, with the
// element (tiny-autoencoder.js), api.js and start-worker.js, so that every URL the page side
// resolves is written from one directory: a bundler that leaves `new URL(path,
// import.meta.url)` alone (esbuild, Rollup without a plugin) then finds every file in a copy of
// this directory beside the bundle (README, "Use with a bundler").

/**
 * The URL of `build`'s .wasm, the full one or the `compact` one. Resolved when asked, not at
 * load: the worker imports this module too, and a worker made from a Blob (the standalone
 * file) has no base URL to resolve against. Literal URLs, not a template, so bundlers and
 * static tooling see every file.
 */
export function wasmUrl(build, compact = false) {
  if (compact) {
    return build === 'simd'
      ? new URL('./pkg/compact-simd/tinyae_bg.wasm', import.meta.url)
      : new URL('./pkg/compact-scalar/tinyae_bg.wasm', import.meta.url);
  }
  return build === 'simd'
    ? new URL('./pkg/simd/tinyae_bg.wasm', import.meta.url)
    : new URL('./pkg/scalar/tinyae_bg.wasm', import.meta.url);
}
