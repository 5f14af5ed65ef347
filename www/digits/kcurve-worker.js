// The k-curve's worker: the data split as the page splits it, PCA-k's exact test error for
// every k, and sixteen autoencoders (latent 1..16) trained one epoch each in turn, so the whole
// curve takes shape at once and every k finishes together. Training runs in short chunks with
// a break between them, where a new run or data set gets in. Messages: kcurve-protocol.js.
import { loadFullGlue } from '../core/bridge.js';
import { messageOf, post, serveWorker } from '../core/worker-loop.js';
import { DataError, parsePixelCsv } from './csv.js';
import { fetchCsvText, readFileText, splitImages } from './dataset.js';
import { EPOCHS, K_MAX, KMSG, VARIANTS } from './kcurve-protocol.js';

// Training between two progress messages: short enough for a new run to start at once, long
// enough that the page redraws a handful of times a second, not on every epoch.
const CHUNK_MS = 60;

const state = {
  wasm: null,
  data: null, // { train, test, nTrain }
  builtin: null, // the built-in digits' text, kept so switching back costs no second download
  run: null, // the id of the run training now, or null
  models: [], // its Autoencoders, latent k at [k - 1]
};

const now = () => performance.now();
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

serveWorker('k-curve worker', { load: loadFullGlue, ready: (wasm) => (state.wasm = wasm), handle });

function handle(msg) {
  if (msg.type === KMSG.DATA) return loadData(msg);
  if (msg.type === KMSG.RUN) return startRun(msg);
  throw new Error(`unknown message ${JSON.stringify(msg.type)}`);
}

async function loadData({ id, source }) {
  let data;
  let pca;
  try {
    // Its own fetch of the built-in digits (the page's worker keeps its copy to itself): the
    // browser's cache answers it as the server allows.
    const text = source.url ? (state.builtin ??= await fetchCsvText(source.url)) : await readFileText(source.file);
    const { n, pixels } = parsePixelCsv(text);
    const { trainIdx, testIdx, train, test } = splitImages(state.wasm, pixels, n);
    data = { train, test, nTrain: trainIdx.length, nTest: testIdx.length };
    pca = pcaErrors(train, test);
  } catch (err) {
    const message = err instanceof DataError ? err.message : `could not read the data: ${messageOf(err)}`;
    return post({ type: KMSG.REFUSED, id, message });
  }
  stopRun();
  state.data = data;
  post({ type: KMSG.PCA, id, nTrain: data.nTrain, nTest: data.nTest, pca });
}

/** PCA-k's test MSE for k = 1..K_MAX: fitted on the train part, each by the core. */
function pcaErrors(train, test) {
  const out = new Float64Array(K_MAX);
  for (let k = 1; k <= K_MAX; k++) {
    const pca = new state.wasm.Pca(train, k);
    try {
      out[k - 1] = pca.reconstruction_mse(test);
    } finally {
      pca.free();
    }
  }
  return out;
}

function stopRun() {
  for (const ae of state.models) ae.free();
  state.models = [];
  state.run = null;
}

function startRun({ run, variant, seed }) {
  stopRun();
  if (!state.data) return;
  const { options, batch } = VARIANTS[variant];
  for (let k = 1; k <= K_MAX; k++) {
    const ae = new state.wasm.Autoencoder(seed, { ...options, latent: k });
    ae.batch_size = batch;
    ae.set_data(state.data.train);
    state.models.push(ae);
  }
  state.run = run;
  // Not awaited: the queue moves on, and the next message (a new run, new data) ends this one.
  train(run, Math.ceil(state.data.nTrain / batch)).catch((err) => post({ type: KMSG.FATAL, message: `k-curve worker: ${messageOf(err)}` }));
}

async function train(run, stepsPerEpoch) {
  const { models, data } = state;
  const epochs = new Uint16Array(K_MAX);
  const ae = Float64Array.from(models, (m) => m.evaluate(data.test));
  let next = 0;
  while (state.run === run) {
    const deadline = now() + CHUNK_MS;
    const trained = new Set();
    while (epochs[next] < EPOCHS && now() < deadline) {
      try {
        models[next].train_step(stepsPerEpoch);
      } catch (err) {
        post({ type: KMSG.HALTED, run, k: next + 1, message: messageOf(err) });
        return stopRun();
      }
      epochs[next] += 1;
      trained.add(next);
      // Round robin: every model one epoch, then every model again.
      next = (next + 1) % K_MAX;
    }
    for (const i of trained) ae[i] = models[i].evaluate(data.test);
    post({ type: KMSG.PROGRESS, run, epochs: epochs.slice(), ae: ae.slice() });
    if (epochs[next] >= EPOCHS) return stopRun();
    await nextTask();
  }
}
