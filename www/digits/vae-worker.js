// The variational panel's worker: the built-in digits, split as the page splits them, and one
// variational Autoencoder trained on the training part, a chunk of epochs per `advance`. Every
// picture it sends is one core call: the grid and a path are one `decode` each, the map one
// `encode` and one `encode_log_var` of the test part. Messages: vae-protocol.js.
import { loadTinyae } from '../core/bridge.js';
import { fetchCsvText, splitImages } from './dataset.js';
import { parsePixelCsv } from './csv.js';
import { gridCodes, pathCodes } from './vae-prior.js';
import { CHUNK_MS, EPOCHS, SAMPLES, VAE_MSG as MSG, VAE_OPTIONS, VAE_SEED } from './vae-protocol.js';

const state = {
  wasm: null,
  data: null, // { train, test, labels (of the test part), nTrain }
  ae: null,
  run: 0,
  stepsPerEpoch: 1,
  pair: null, // [a, b]: test indices, or null
  history: { epochs: [], reconstruction: [], kl: [] }, // since the last frame
};
const GRID_CODES = gridCodes();

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);
const messageOf = (err) => String(err?.message ?? err);

// `load` starts the glue import at once; `module` arrives when the page has compiled the .wasm.
// Every other message waits for both and is handled in arrival order.
let gotBuild;
let gotModule;
const ready = Promise.all([new Promise((r) => (gotBuild = r)), new Promise((r) => (gotModule = r))])
  .then(([build, module]) => loadTinyae(build, module ?? undefined))
  .then(({ wasm, build }) => {
    state.wasm = wasm;
    post({ type: MSG.READY, build });
  });
let failed = false;
ready.catch((err) => {
  failed = true;
  post({ type: MSG.FATAL, message: messageOf(err) });
});
let queue = ready.catch(() => {});

self.onmessage = ({ data: msg }) => {
  if (msg.type === MSG.LOAD) return gotBuild(msg.build);
  if (msg.type === MSG.MODULE) return gotModule(msg.module);
  queue = queue
    .then(() => (failed ? undefined : handle(msg)))
    .catch((err) => {
      failed = true;
      post({ type: MSG.FATAL, message: `variational worker: ${messageOf(err)}` });
    });
};

async function handle(msg) {
  switch (msg.type) {
    case MSG.RESET:
      return reset(msg);
    case MSG.ADVANCE:
      if (msg.run === state.run) advance();
      return postFrame('advance'); // answered either way: the panel waits for one frame per advance
    case MSG.PAIR:
      state.pair = msg.pair;
      return postFrame('pair');
    case MSG.SAMPLE: {
      const images = state.ae.sample(SAMPLES);
      return post({ type: MSG.SAMPLES, run: state.run, images }, [images.buffer]);
    }
    default:
      throw new Error(`unknown message ${JSON.stringify(msg.type)}`);
  }
}

async function loadDigits(url) {
  const { n, pixels, labels } = parsePixelCsv(await fetchCsvText(url));
  const { testIdx, train, test } = splitImages(state.wasm, pixels, n);
  state.data = { train, test, labels: Int8Array.from(testIdx, (i) => labels[i]), nTrain: n - testIdx.length };
  post({ type: MSG.DATASET, labels: state.data.labels.slice(), nTrain: state.data.nTrain });
}

/** A new model with `beta` (the seed and network fixed), from epoch 0. */
async function reset({ run, url, beta }) {
  if (!state.data) await loadDigits(url);
  const ae = new state.wasm.Autoencoder(VAE_SEED, { ...VAE_OPTIONS, encoder: [...VAE_OPTIONS.encoder], beta });
  ae.set_data(state.data.train);
  state.ae?.free();
  Object.assign(state, {
    ae,
    run,
    stepsPerEpoch: Math.ceil(state.data.nTrain / ae.batch_size),
    pair: null,
    history: { epochs: [], reconstruction: [], kl: [] },
  });
  record();
  postFrame('reset');
}

/** Notes the current epoch's loss terms over the training images for the next frame. */
function record() {
  const { reconstruction, kl } = state.ae.loss_terms();
  const h = state.history;
  h.epochs.push(Number(state.ae.epoch));
  h.reconstruction.push(reconstruction);
  h.kl.push(kl);
}

/** At least one epoch, then as many more as fit in CHUNK_MS, never past EPOCHS. */
function advance() {
  const { ae } = state;
  const deadline = performance.now() + CHUNK_MS;
  try {
    do {
      ae.train_step(state.stepsPerEpoch);
      record();
    } while (Number(ae.epoch) < EPOCHS && performance.now() < deadline);
  } catch (err) {
    // The core undid the failed call: the model is as it was before it.
    post({ type: MSG.HALTED, run: state.run, epoch: Number(ae.epoch), message: messageOf(err) });
  }
}

function postFrame(cause) {
  const { ae, data, pair } = state;
  if (!ae) return;
  const means = ae.encode(data.test);
  const logVars = ae.encode_log_var(data.test);
  const sigmas = logVars.map((v) => Math.exp(0.5 * v));
  const grid = ae.decode(GRID_CODES);
  let path = null;
  if (pair) {
    const code = (i) => means.subarray(2 * i, 2 * i + 2);
    path = ae.decode(pathCodes(code(pair[0]), code(pair[1])));
  }
  const h = state.history;
  const epochs = Float64Array.from(h.epochs);
  const reconstruction = Float32Array.from(h.reconstruction);
  const kl = Float32Array.from(h.kl);
  state.history = { epochs: [], reconstruction: [], kl: [] };
  const buffers = [epochs, reconstruction, kl, grid, means, sigmas, ...(path ? [path] : [])].map((a) => a.buffer);
  post(
    { type: MSG.FRAME, cause, run: state.run, epoch: Number(ae.epoch), epochs, reconstruction, kl, grid, means, sigmas, path },
    buffers,
  );
}
