// The '4' page's Keras side (issue 23): "Download .keras", "Load .keras…" (or a .keras file
// dropped on the weights panel) and the "Keras code" panel. app.js imports this module on first
// use, and it loads the full wasm build (its to_keras / from_keras; the page trains on the
// compact one) and keras-code.js on first use too. The model's state lives in the training worker, so a download rebuilds the
// network from the run's options and weights: the file holds the architecture, the weights and
// the compiled optimizer, with the optimizer's state starting afresh (README "Keras files").
import { loadFullGlue, pickBuild } from '../core/bridge.js';
import { setProp, setText } from '../core/dom.js';
import { saveText } from '../core/download.js';

const fullApi = (() => {
  let loading = null;
  return () => (loading ??= loadFullGlue(pickBuild(new URLSearchParams(location.search).get('build'))));
})();

const status = (k, text) => setText(k.root.querySelector('#weights-status'), text);
function showError(k, message) {
  const error = k.root.querySelector('#weights-error');
  setProp(error, 'hidden', !message);
  setText(error, message ?? '');
}

// The actions app.js wires (each loads this module on first use). `k`: { root, current, onLoad }:
// `current()` resolves to the run's `{ weights, options, name, meta: { seed } }`, `onLoad(weights,
// fileName, options)` takes a file's model as the weights panel's Load does.

/** "Download .keras": the run's network and weights as a .keras file. */
export async function download(_event, k) {
  showError(k, null);
  try {
    const [{ Autoencoder }, run] = await Promise.all([fullApi(), k.current()]);
    const ae = new Autoencoder(run.meta?.seed ?? 0, run.options);
    ae.set_weights(run.weights);
    const bytes = ae.to_keras();
    ae.free();
    const name = run.name.replace(/\.json$/, '.keras');
    saveText(k.root.ownerDocument ?? k.root, name, bytes, 'application/zip');
    status(k, `Saved ${name}: keras.saving.load_model("${name}") opens it.`);
  } catch (err) {
    showError(k, `.keras: ${err.message}`);
  }
}

/** Reads a chosen or dropped .keras file into the page, or says why not. */
export async function read(file, k) {
  showError(k, null);
  try {
    const { Autoencoder } = await fullApi();
    const ae = Autoencoder.from_keras(new Uint8Array(await file.arrayBuffer()));
    const [weights, options] = [ae.get_weights(), ae.options()];
    ae.free();
    k.onLoad(weights, file.name, options);
  } catch (err) {
    showError(k, `${file.name}: ${err.message}`);
  }
}

/** "Load .keras…": opens the file chooser. */
export const choose = (_event, k) => k.root.querySelector('#keras-file').click();

/** The chooser's file. */
export function chosen(event, k) {
  const file = event.target.files?.[0];
  event.target.value = ''; // choosing the same file again is a new choice
  if (file) read(file, k);
}

/** The "Keras code" panel opened (or the network changed while open): the current code. */
export async function code(_event, k) {
  const panel = k.root.querySelector('#keras-code');
  if (!panel.open) return;
  const [{ kerasCode }, { Autoencoder }, run] = await Promise.all([import('../core/keras-code.js'), fullApi(), k.current()]);
  // The core's resolved options (the compact build's runs record none: the classic network).
  const ae = new Autoencoder(0, run.options);
  setText(panel.querySelector('code'), kerasCode(ae.options()));
  ae.free();
}

/** Copies the code. */
export async function copy(_event, k) {
  await navigator.clipboard?.writeText(k.root.querySelector('#keras-code code').textContent);
  status(k, 'Copied the Keras code.');
}
