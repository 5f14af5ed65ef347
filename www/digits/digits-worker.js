// The digits mode's worker: owns the data set (dataset.js) and the one Autoencoder, trains it
// off the main thread and sends the page what to draw. It only executes: when to train and what
// to show is the page's business (app.js); the messages are documented in protocol.js.
//
// Built for 100,000 images: the pixels stay here (the page gets one image when it shows one),
// a frame's codes and test error come from one core call (`survey`), and the map's positions
// are sent only when they change (and transferred, not copied).
import { loadFullGlue } from '../core/bridge.js';
import { messageOf, post, serveWorker } from '../core/worker-loop.js';
import { DataError } from './csv.js';
import { fetchCsvText, freeDataset, pcaOf, prepareDataset, readFileText } from './dataset.js';
import { codeStats, latentPlane, latticeCodes } from './latent-plane.js';
import { GRID, MSG, planeAxes } from './protocol.js';
import { newTally, trainStretch } from './stretch.js';

// The gallery's noise is one fixed draw, so its noisy digits stay put while the model learns.
const NOISE_SEED = 1;

// Everything the worker knows, in one place.
const state = {
  wasm: null,
  data: null, // prepareDataset()'s result: the current data set
  builtin: null, // the built-in digits' text, kept so switching back costs no second download
  ae: null,
  run: 0,
  target: 0,
  epoch: 0,
  stepsPerEpoch: 1,
  tally: newTally(), // the current epoch so far, and the updates' pace (stretch.js)
  axes: 'pc',
  explore: null, // index of the explorer's image, or null
  probe: null, // Float32Array(latent) from the sliders, or null: the image's own code
  hover: null, // { map: 'ae' | 'pca', index } or null
  history: { epochs: [], train: [], test: [] }, // since the last frame
  trainLoss: NaN,
  testLoss: NaN,
  testMse: NaN, // the test MSE whatever the loss: what PCA is compared by
  noisy: null, // the gallery's images with the model's noise on, or null
  rate: 0, // samples per second of train_step, smoothed
  plane: null, // the last map, whose axis signs the next one keeps
  cache: null, // what depends only on (run, update, axes): reused by hover and explorer frames
  sent: null, // the cache key whose positions the page has
};

serveWorker('digits worker', { load: loadFullGlue, ready: (wasm) => (state.wasm = wasm), handle });

async function handle(msg) {
  switch (msg.type) {
    case MSG.DATA:
      return loadData(msg);
    case MSG.RESET:
      return reset(msg);
    case MSG.TARGET:
      state.target = Math.max(state.epoch, msg.target);
      return postFrame('target');
    case MSG.ADVANCE:
      if (msg.run === state.run) advance(msg.epochs, msg.paced);
      // Answered either way: the page waits for one frame per advance.
      return postFrame('advance');
    case MSG.CODES:
      return sendCodes(msg.id);
    case MSG.VIEW:
      if ('axes' in msg) state.axes = msg.axes;
      if ('explore' in msg) state.explore = msg.explore;
      if ('probe' in msg) state.probe = msg.probe ? Float32Array.from(msg.probe) : null;
      if ('hover' in msg) state.hover = msg.hover;
      return postFrame('view');
    default:
      throw new Error(`digits worker: unknown message ${JSON.stringify(msg.type)}`);
  }
}

async function loadData({ id, url, file }) {
  let data;
  try {
    let text;
    if (url) text = state.builtin ??= await fetchCsvText(url);
    else text = await readFileText(file);
    data = prepareDataset(state.wasm, text, url ? null : file.name);
  } catch (err) {
    // A fetch or decompression failure is not the reader's fault: say so differently.
    const message = err instanceof DataError ? err.message : `could not read the data: ${messageOf(err)}`;
    return post({ type: MSG.REFUSED, id, message, dataError: err instanceof DataError });
  }
  if (state.data) freeDataset(state.data);
  state.ae?.free();
  Object.assign(state, { data, ae: null, epoch: 0, target: 0, explore: null, probe: null, hover: null, cache: null });
  // PCA-4, the classic code's baseline, until a run's `started` brings its own k's.
  const pca = pcaOf(state.wasm, data, 4).summary;
  // No pixels: cloning 25.6 MB of them to the page would cost it two long tasks.
  post({
    type: MSG.DATASET,
    id,
    name: data.name,
    n: data.n,
    nTrain: data.nTrain,
    nTest: data.nTest,
    scale: data.scale,
    hasLabels: data.hasLabels,
    labelColumn: data.labelColumn,
    labels: data.labels.slice(),
    isTest: data.isTest.slice(),
    gallery: data.gallery,
    galleryPixels: data.galleryPixels.slice(),
    pca: { ...pca, map: data.map.slice(), galleryRecon: pca.galleryRecon.slice() },
  });
}

// A new model on the current data: built aside and swapped in only once every setter has
// accepted its value, so a refused seed leaves the old run going.
function reset({ run, seed, options, target }) {
  if (!state.data) return post({ type: MSG.REJECTED, run, message: 'no data is loaded' });
  let ae;
  try {
    ae = new state.wasm.Autoencoder(seed, options);
    ae.set_data(state.data.train);
  } catch (err) {
    ae?.free();
    return post({ type: MSG.REJECTED, run, field: err.argument, message: messageOf(err) });
  }
  state.ae?.free();
  Object.assign(state, {
    ae,
    run,
    target,
    epoch: 0,
    stepsPerEpoch: Math.ceil(state.data.nTrain / ae.batch_size),
    tally: newTally(),
    history: { epochs: [], train: [], test: [] },
    trainLoss: NaN,
    rate: 0,
    plane: null,
    cache: null,
  });
  const noisy = options?.noise ? ae.corrupt(state.data.galleryPixels, NOISE_SEED) : null;
  state.noisy = noisy;
  const views = modelViews();
  state.testLoss = views.testError;
  state.testMse = views.testMse;
  // PCA with as many axes as the code has numbers: the page's baseline for this network.
  const pca = pcaOf(state.wasm, state.data, ae.latent).summary;
  post({ type: MSG.STARTED, run, seed: ae.seed, latent: ae.latent, nParams: ae.n_params, pca, noisy });
  postFrame('reset');
}

/** A stretch of training (stretch.js); a diverging step halts the run, the model as before it. */
function advance(epochs, paced) {
  if (!state.ae) return;
  try {
    trainStretch(state, { epochs, paced }, modelViews);
  } catch (err) {
    // The core undid the failed call: the model is as it was before it.
    state.epoch = Number(state.ae.epoch);
    post({ type: MSG.HALTED, run: state.run, epoch: state.epoch, message: messageOf(err) });
  }
}

function image(index) {
  const width = state.wasm.pixels();
  return state.data.pixels.subarray(index * width, (index + 1) * width);
}

/**
 * What depends only on the model and the axes: every code and the test error (one core call),
 * the map and the decoded grid.
 */
function modelViews() {
  const { ae, data, run, axes } = state;
  const key = `${run}:${ae.step}:${axes}`;
  if (state.cache?.key !== key) {
    const { codes, testError, testMse } = ae.survey(data.images);
    const plane = latentPlane(state.wasm, codes, planeAxes(axes, ae.latent), { d: ae.latent, previous: state.plane });
    state.plane = plane;
    state.cache = {
      key,
      codes,
      testError,
      testMse,
      ...codeStats(codes, ae.latent),
      positions: plane.positions,
      plane: { axes: plane.axes, xLabel: plane.xLabel, yLabel: plane.yLabel, rect: plane.rect },
      grid: ae.decode(latticeCodes(plane, GRID, ae.latent)),
      gallery: ae.reconstruct(data.galleryPixels),
      // What the denoiser makes of the gallery's noisy copies (a fixed draw, new each run).
      denoised: state.noisy ? ae.reconstruct(state.noisy) : null,
    };
  }
  return state.cache;
}

/** Every image's code, for the page's download; one copy, handed over. */
function sendCodes(id) {
  if (!state.ae) return post({ type: MSG.CODES, id, run: state.run, codes: null });
  const codes = modelViews().codes.slice();
  post({ type: MSG.CODES, id, run: state.run, epoch: state.epoch, codes }, [codes.buffer]);
}

function postFrame(cause) {
  const { ae, data } = state;
  if (!ae) return post({ type: MSG.FRAME, cause, run: state.run, empty: true });
  const views = modelViews();
  let explore = null;
  if (state.explore !== null && state.explore < data.n) {
    const x = image(state.explore);
    const recon = ae.reconstruct(x);
    explore = {
      index: state.explore,
      pixels: x.slice(),
      recon,
      code: ae.encode(x),
      decoded: state.probe ? ae.decode(state.probe) : recon,
    };
  }
  let hover = null;
  if (state.hover && state.hover.index < data.n) {
    const { map, index } = state.hover;
    const x = image(index);
    if (map === 'pca') {
      // Rebuilt by PCA-k, the run's baseline.
      const { fit } = pcaOf(state.wasm, data, ae.latent);
      const code = fit.transform(x);
      hover = { map, index, pixels: x.slice(), code, recon: fit.inverse_transform(code) };
    } else {
      hover = { map, index, pixels: x.slice(), code: ae.encode(x), recon: ae.reconstruct(x) };
    }
  }
  const epochs = Float64Array.from(state.history.epochs);
  const trainLosses = Float32Array.from(state.history.train);
  const testLosses = Float32Array.from(state.history.test);
  state.history = { epochs: [], train: [], test: [] };
  // The positions go once per model and axes, handed over (the worker has no more use for
  // them); the rest is small and copied, since a hover frame sends it again.
  const fresh = state.sent !== views.key;
  state.sent = views.key;
  const positions = fresh ? views.positions : null;
  post(
    {
      type: MSG.FRAME,
      cause,
      run: state.run,
      epoch: state.epoch,
      step: Number(ae.step),
      target: state.target,
      running: state.epoch < state.target,
      epochs,
      trainLosses,
      testLosses,
      trainLoss: state.trainLoss,
      testLoss: state.testLoss,
      testMse: state.testMse,
      samplesPerSec: state.rate,
      dead: views.dead,
      top: views.top,
      bottom: views.bottom,
      plane: { ...views.plane, positions },
      grid: views.grid,
      gallery: views.gallery,
      denoised: views.denoised,
      explore,
      hover,
    },
    [epochs.buffer, trainLosses.buffer, testLosses.buffer, ...(positions ? [positions.buffer] : [])],
  );
}
