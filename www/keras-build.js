// The Keras build (www/pkg/keras: the full API with .keras files both ways and the checkpoint's
// reader, more than twice the model's own wasm), which the package's `to_keras()`,
// `Autoencoder.from_keras()` and `Autoencoder.from_checkpoint()` go through (api.js). Kept apart
// and started only when asked for: `initKeras()` fetches it; Node's entry (api-node.js) starts
// it from the package's file on first use. A model crosses between the two builds exactly: there
// as its checkpoint(), back as the parts of one (checkpoint_parts(), resume()), so nothing is
// retrained or rounded on the way.

const started = { glue: null, startSync: null };

/** The Keras build's .wasm. */
export const kerasWasmUrl = new URL('./pkg/keras/tinyae_bg.wasm', import.meta.url);

/**
 * Starts the Keras build, once (later calls resolve at once), from `input` (what init() takes:
 * a URL, a Response, the bytes or a WebAssembly.Module), or else its .wasm fetched.
 */
export async function initKeras(input) {
  if (started.glue) return;
  const glue = await import('./pkg/keras/tinyae.js');
  await glue.default({ module_or_path: await (input ?? kerasWasmUrl) });
  started.glue = glue;
}

/** Where the build can be started synchronously (Node), how: `() => glue`, started. */
export function startKerasWith(startSync) {
  started.startSync = startSync;
}

/** The started Keras build's glue, for `what` (the call that needs it); else what to do. */
export function kerasGlue(what) {
  if (!started.glue && started.startSync) started.glue = started.startSync();
  if (!started.glue) {
    throw new Error(
      `tinyae: ${what} needs the Keras build: call \`await initKeras()\` once before (it fetches pkg/keras/tinyae_bg.wasm)`,
    );
  }
  return started.glue;
}
