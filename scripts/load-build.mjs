// Loads a release build (www/pkg/<name>/) into Node, as the page loads it in a browser:
// the same wasm-bindgen glue, given the module bytes directly instead of fetching them.
import { readFileSync } from 'node:fs';

/** The `simd` or `scalar` build's exports, initialised. */
export async function loadBuild(name) {
  const dir = new URL(`../www/pkg/${name}/`, import.meta.url);
  const glue = await import(new URL('tinyae.js', dir));
  glue.initSync({ module: readFileSync(new URL('tinyae_bg.wasm', dir)) });
  return glue;
}
