// The '4' page's Keras side (issue 23): "Download .keras", "Load .keras…" (or a .keras file
// dropped on the weights panel) and the "Keras code" panel. app.js imports this module on first
// use; it loads the Keras wasm build (www/pkg/keras: the full API with .keras files, 108 kB
// gzip) on first use too. The model stays in the training worker: a download asks it for the
// model's checkpoint (its whole state, exact) and the Keras build writes that as a .keras file;
// a loaded file becomes the parts of a checkpoint (checkpoint_parts()) that the worker's next
// run resume()s from. Nothing is rebuilt or retrained, so what is saved and loaded trains on to
// the bit.
import { setProp, setText } from '../core/dom.js';
import { saveText } from '../core/download.js';
import { kerasCode } from '../core/keras-code.js';
import { checkOptions } from './weights-file.js';

/** The values in one item of the page's data: an 8x8 image. */
const PAGE_WIDTH = 64;

let loading = null;
/** The Keras build's glue, started once. */
function kerasBuild() {
  loading ??= import('../pkg/keras/tinyae.js').then(async (glue) => {
    await glue.default({ module_or_path: new URL('../pkg/keras/tinyae_bg.wasm', import.meta.url) });
    return glue;
  });
  return loading;
}

const status = (k, text) => setText(k.root.querySelector('#weights-status'), text);
function showError(k, message) {
  const error = k.root.querySelector('#weights-error');
  setProp(error, 'hidden', !message);
  setText(error, message ?? '');
}

// The actions app.js wires. `k`: { root, current, options, onLoad }: `current()` resolves to the
// run's `{ checkpoint, name, ... }`, `options()` is the run's core options, `onLoad({ checkpoint,
// options, epoch }, fileName)` starts a run from a file's model.

/** "Download .keras": the run's model, exactly as it is now, as a .keras file. */
export async function download(_event, k) {
  showError(k, null);
  try {
    const [{ Autoencoder }, run] = await Promise.all([kerasBuild(), k.current()]);
    const model = Autoencoder.from_checkpoint(run.checkpoint);
    let bytes;
    try {
      bytes = model.to_keras();
    } finally {
      model.free();
    }
    const name = run.name.replace(/\.json$/, '.keras');
    saveText(k.root.ownerDocument ?? k.root, name, bytes, 'application/octet-stream');
    status(k, `Saved ${name}: keras.saving.load_model("${name}") opens it.`);
  } catch (err) {
    showError(k, `.keras: ${err.message}`);
  }
}

/**
 * A .keras file's model as `{ checkpoint (its parts), options, epoch }`, if this page can train it (64
 * values per item, a network its editor builds); else throws saying why. Nothing on the page
 * changes either way.
 */
async function readCheckpoint(file) {
  const { Autoencoder } = await kerasBuild();
  const model = Autoencoder.from_keras(new Uint8Array(await file.arrayBuffer()));
  let loaded;
  try {
    loaded = { checkpoint: model.checkpoint_parts(), options: model.options(), epoch: model.epoch };
  } finally {
    model.free();
  }
  const { input } = loaded.options;
  if (input !== PAGE_WIDTH) {
    throw new Error(
      `its model is for data ${input} values wide, and this page's data are ${PAGE_WIDTH} wide (one 8x8 image); the page's model is unchanged`,
    );
  }
  checkOptions(loaded.options);
  return loaded;
}

/** Reads a chosen or dropped .keras file into the page, or says why not. */
export async function read(file, k) {
  showError(k, null);
  let loaded;
  try {
    loaded = await readCheckpoint(file);
  } catch (err) {
    return showError(k, `${file.name}: ${err.message}`);
  }
  k.onLoad(loaded, file.name);
}

/** "Load .keras…": opens the file chooser. */
export const choose = (_event, k) => k.root.querySelector('#keras-file').click();

/** The chooser's file. */
export function chosen(event, k) {
  const file = event.target.files?.[0];
  event.target.value = ''; // choosing the same file again is a new choice
  if (file) read(file, k);
}

/** The "Keras code" panel opened (or the network changed while open): the current network's code. */
export function code(_event, k) {
  const panel = k.root.querySelector('#keras-code');
  const options = k.options();
  if (panel.open && options) setText(panel.querySelector('code'), kerasCode(options));
}

/** Copies the code; where the clipboard is refused, selects it for the reader to copy. */
export async function copy(_event, k) {
  const text = k.root.querySelector('#keras-code code');
  try {
    await navigator.clipboard.writeText(text.textContent);
    status(k, 'Copied the Keras code.');
  } catch {
    const doc = k.root.ownerDocument ?? k.root;
    doc.getSelection?.()?.selectAllChildren(text);
    status(
      k,
      'The clipboard is not available here: the code is selected, press Ctrl+C (or Cmd+C) to copy it.',
    );
  }
}
