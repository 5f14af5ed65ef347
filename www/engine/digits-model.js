// The data page's run, as an engine model (data-worker.js): one Autoencoder of the reader's
// network on a data set's train part, trained in stretches, and what its frames carry. Built for
// 100,000 images: the pixels stay in the engine (the page gets one image when it shows one), a
// frame's codes and test error come from one core call (`survey`), and the map's positions are
// sent only when they change (and transferred, not copied).
//
// reset    { run, seed, options, target, surveyed? }   options: the core's (architecture.js
//          coreOptions); `surveyed`: a survey instance (survey-model.js) surveys the weights of
//          its paced frames, so a paced stretch only trains and its frame has no survey
// view     { axes?, explore?, probe?, hover?, decoding? }   the map's axes, the explorer's image
//          (index or null) and its slider code (null: the image's own), the hovered point
//          ({ map, index }), whether the page decodes points of the map (its frames then carry
//          the weights: the page decodes under the pointer itself, never waiting behind training)
// codes    { id }  answered by `codes` { id, run, epoch, codes }: every image's code (n*latent)
// images   { id, indices }  answered by `images` { id, indices, values }: those items' rows
// started  { latent, nParams, options, pca: { k, testMse, trainMse, ratio, galleryRecon }, noisy }
//          `options`: the core's own, every default filled in (the page's decoder copies them)
// frame    { step, epochs, trainLosses, testLosses, trainLoss, testLoss, samplesPerSec,
//            gallery, denoised, explore, hover, weights, surveyStep, and the survey's fields
//            testMse, dead, top, bottom, plane, grid (survey-model.js surveyFields) }
//          `surveyStep`: the update the survey's fields are of, null when the frame has none
//          (surveyed elsewhere: the page keeps the survey instance's latest)
//          `step`: updates so far (a paced frame may end mid-epoch); the losses since the last
//          frame (each epoch's mean minibatch loss, as Keras reports it, and the test error
//          after it); `testMse`: whatever the loss (what PCA is compared by); `dead`: per unit,
//          0 on every image; `plane`: { axes, xLabel, yLabel, positions, rect, basis },
//          `positions` (n*2) only once per model state and axes, `basis` { origin, u, v }: the
//          code at map point (x, y) is origin + x u + y v (on two units, the others at their
//          mean over the data; on the codes' principal axes, the rest at the mean code);
//          `weights`: the model's (get_weights), while the page decodes or a survey instance
//          surveys them; `grid`: GRID*GRID images decoded over
//          `rect`, row 0 at the top; `explore`: { index, pixels, recon, code, decoded };
//          `hover`: { map, index, pixels, recon, code }
import { DATA_MSG } from './protocol.js';
import { surveyFields, surveyViews } from './survey-model.js';

// Most rows one `images` request is answered with (the map draws 300 pictures at most).
const MAX_ROWS = 1024;

// The gallery's noise is one fixed draw, so its noisy digits stay put while the model learns.
const NOISE_SEED = 1;

/** A new run on data set `data`: throws what the core refuses (err.argument: the field). */
export function createDigitsModel(wasm, data, { run, seed, options, target, surveyed = false }) {
  // The model's input is the data's width, whatever the page's options say.
  const ae = new wasm.Autoencoder(seed, { ...options, input: data.width });
  try {
    ae.set_data(data.train);
  } catch (err) {
    ae.free();
    throw err;
  }
  const s = {
    ae,
    data,
    run,
    target,
    epoch: 0,
    stepsPerEpoch: Math.ceil(data.nTrain / ae.batch_size),
    tally: newTally(), // the current epoch so far, and the updates' pace
    axes: 'pc',
    explore: null, // index of the explorer's image, or null
    probe: null, // Float32Array(latent) from the sliders, or null: the image's own code
    hover: null, // { map: 'ae' | 'pca', index } or null
    decoding: false, // frames carry the weights (the page decodes map points)
    surveyed, // a survey instance (survey-model.js) surveys the paced frames' weights
    gallery: null, // the gallery through the model: { step, gallery, denoised }
    history: { epochs: [], train: [], test: [] }, // since the last frame
    trainLoss: NaN,
    testLoss: NaN,
    testMse: NaN, // the test MSE whatever the loss: what PCA is compared by
    noisy: options?.noise ? ae.corrupt(data.galleryPixels, NOISE_SEED) : null,
    rate: 0, // samples per second of train_step, smoothed
    plane: null, // the last map, whose axis signs the next one keeps
    cache: null, // what depends only on (update, axes): reused by hover and explorer frames
    sent: null, // the cache key whose positions the page has
  };
  const width = data.width;
  const image = (index) => data.pixels.subarray(index * width, (index + 1) * width);

  // What depends only on the model and the axes: every code and the test error (one core
  // call), the map and the decoded grid.
  function views() {
    const key = `${ae.step}:${s.axes}`;
    if (s.cache?.key !== key) {
      const t0 = performance.now();
      s.cache = { key, ...surveyViews(wasm, ae, data.images, s.axes, s.plane) };
      s.plane = s.cache.plane;
      // What a frame's survey costs: a paced stretch trains at least SURVEY_RATIO times as long.
      s.surveyMs = performance.now() - t0;
    }
    return s.cache;
  }
  // The gallery through the model, and what the denoiser makes of its noisy copies (a fixed
  // draw, new each run): ten images, redone once per model state.
  function gallery() {
    if (s.gallery?.step !== ae.step) {
      s.gallery = {
        step: ae.step,
        gallery: ae.reconstruct(data.galleryPixels),
        denoised: s.noisy ? ae.reconstruct(s.noisy) : null,
      };
    }
    return s.gallery;
  }
  ({ testError: s.testLoss, testMse: s.testMse } = views());

  return {
    run,
    get epoch() {
      return s.epoch;
    },
    // PCA with as many axes as the code has numbers: the page's baseline for this network.
    started: () => startedFields(ae, data, s.noisy),
    setTarget: (target) => (s.target = Math.max(s.epoch, target)),
    /** A stretch of training; throws what a diverging step throws, undone by the core. */
    advance({ epochs, paced }) {
      try {
        trainStretch(s, { epochs, paced }, views);
      } finally {
        s.epoch = Number(ae.epoch);
      }
    },
    view(msg) {
      for (const key of ['axes', 'explore', 'hover', 'decoding']) if (key in msg) s[key] = msg[key];
      if ('probe' in msg) s.probe = msg.probe ? Float32Array.from(msg.probe) : null;
    },
    /** A request of the page's (codes, images): its answer's fields and what to hand over. */
    request(msg) {
      if (msg.type === DATA_MSG.IMAGES) return rows(data, width, msg);
      // Every image's code, for the page's download; one copy, handed over.
      const codes = views().codes.slice();
      return [{ id: msg.id, epoch: s.epoch, codes }, [codes.buffer]];
    },
    frame() {
      // A paced stretch leaves the survey to the survey instance (s.surveyed): the frame then
      // has none of its own, and the page shows that instance's latest (after the first).
      const fresh = !s.surveyed || s.sent === null || s.cache?.key === `${ae.step}:${s.axes}`;
      const v = fresh ? views() : null;
      const epochs = Float64Array.from(s.history.epochs);
      const trainLosses = Float32Array.from(s.history.train);
      const testLosses = Float32Array.from(s.history.test);
      s.history = { epochs: [], train: [], test: [] };
      // The positions go once per model state and axes, handed over (the engine has no more use
      // for them); the rest is small and copied, since a hover frame sends it again.
      const positions = v && s.sent !== v.key;
      if (v) s.sent = v.key;
      const { gallery: shown, denoised } = gallery();
      const frame = {
        epoch: s.epoch,
        step: Number(ae.step),
        target: s.target,
        running: s.epoch < s.target,
        epochs,
        trainLosses,
        testLosses,
        trainLoss: s.trainLoss,
        testLoss: s.testLoss,
        samplesPerSec: s.rate,
        gallery: shown,
        denoised,
        explore: explored(ae, s, image),
        hover: hovered(data, ae, s, image),
        // The survey instance surveys these weights; the page's decoder decodes with them.
        weights: s.decoding || s.surveyed ? ae.get_weights() : null,
        surveyStep: v ? Number(ae.step) : null,
        ...(v ? surveyFields(v, positions) : {}),
      };
      const transfer = [epochs, trainLosses, testLosses];
      if (positions) transfer.push(v.positions);
      if (frame.weights) transfer.push(frame.weights);
      return [frame, transfer.map((a) => a.buffer)];
    },
    free: () => ae.free(),
  };
}

/** What `started` says of a new model `ae` on `data`, its gallery's noisy copies `noisy`. */
function startedFields(ae, data, noisy) {
  const { seed, latent, n_params: nParams } = ae;
  return { seed, latent, nParams, options: ae.options(), pca: data.pcaOf(latent).summary, noisy };
}

/** The rows of the items `indices` asks for (up to MAX_ROWS of them, in the data set). */
function rows(data, width, { id, indices }) {
  const items = indices.filter((i) => Number.isInteger(i) && i >= 0 && i < data.n);
  const kept = items.slice(0, MAX_ROWS);
  const values = new Float32Array(kept.length * width);
  kept.forEach((i, k) => values.set(data.pixels.subarray(i * width, (i + 1) * width), k * width));
  return [{ id, indices: kept, values }, [values.buffer]];
}

/** The explorer's image through the model (the sliders' code decoded instead, if any). */
function explored(ae, s, image) {
  if (s.explore === null || s.explore >= s.data.n) return null;
  const x = image(s.explore);
  const recon = ae.reconstruct(x);
  return {
    index: s.explore,
    pixels: x.slice(),
    recon,
    code: ae.encode(x),
    decoded: s.probe ? ae.decode(s.probe) : recon,
  };
}

/** The hovered image through the model, or through PCA-k (the run's baseline) on the PCA map. */
function hovered(data, ae, s, image) {
  if (!s.hover || s.hover.index >= data.n) return null;
  const { map, index } = s.hover;
  const x = image(index);
  if (map !== 'pca')
    return { map, index, pixels: x.slice(), code: ae.encode(x), recon: ae.reconstruct(x) };
  const { fit } = data.pcaOf(ae.latent);
  const code = fit.transform(x);
  return { map, index, pixels: x.slice(), code, recon: fit.inverse_transform(code) };
}

// ---- a stretch of training: what one `advance` trains before its frame ------------------------
// Whole epochs as asked, except that a paced stretch (the page's loop, not a Step) ends after
// PACED_MS, mid-epoch if need be: an epoch of 80,000 images takes ~75 ms, and with the frame's
// survey on top the map would move less than 10 times a second. The epoch goes on in the next
// stretch, and its loss is the mean of all its updates, as Keras reports it.

/** Longest stretch of full-speed training between two frames, in ms. */
export const CHUNK_MS = 12;

/**
 * Longest stretch of paced training between two frames, in ms, however long an epoch is: on
 * 100,000 images the frame's survey and map take ~35 ms more, and an epoch (~75 ms) now pays
 * two of them, so the map moves 12-13 times a second while training keeps about half the
 * worker's time (whole epochs: ~9 times a second, two thirds).
 */
export const PACED_MS = 55;

/**
 * A paced stretch surveyed elsewhere (`surveyed`) lasts this long, in ms: its frames then come
 * about 10 times a second, as often as the survey instance is asked for a map (digits/
 * survey-join.js SURVEY_EVERY_MS). Each frame costs the page a redraw of what it shows (the
 * gallery, the explorer, the chart and the words); at 55 ms stretches the page's main thread
 * took a third more of the machine's two cores than the map needs.
 */
export const SURVEYED_MS = 100;

/**
 * A paced stretch lasts at least this many times the last frame's survey, so training keeps two
 * thirds of the worker whatever the survey costs: on MNIST (10,000 images of 784 values) a
 * survey takes 150-300 ms, and after 55 ms stretches training had a sixth of the time (3 epochs
 * in 15 s); the map then moves about once a second. On 100,000 8x8 images (a ~35 ms survey) the
 * stretches grow from 55 to ~70 ms; on the 1797 digits they stay at PACED_MS.
 */
export const SURVEY_RATIO = 2;

const now = () => performance.now();

/** A new model's tally: no updates of its first epoch yet, their pace not yet measured. */
export const newTally = () => ({ steps: 0, sum: 0, calls: 0, msPerStep: 0 });

/**
 * Trains `epochs` more (or, for 'max', as many as fit in CHUNK_MS), never past the target; a
 * `paced` stretch stops at PACED_MS, or SURVEY_RATIO times `state.surveyMs` if longer, or,
 * `state.surveyed` (a survey instance surveys the paced frames: no survey here but the run's
 * last epoch's), at SURVEYED_MS.
 * `survey()` measures the model as the frame will draw it (digits-model.js views): the last
 * epoch's test error comes from it, one call. Throws what the core throws (a diverging update:
 * the model is as it was before that call).
 */
export function trainStretch(state, { epochs, paced }, survey) {
  const start = now();
  const deadline = epochs === 'max' ? start + CHUNK_MS : Infinity;
  // Surveyed elsewhere, a paced stretch neither waits on the survey nor makes one (but the
  // run's last epoch's, so its end shows its own model).
  const elsewhere = paced && state.surveyed;
  const paceMs = elsewhere ? SURVEYED_MS : Math.max(PACED_MS, SURVEY_RATIO * (state.surveyMs ?? 0));
  const cutoff = paced ? start + paceMs : Infinity;
  let left = epochs === 'max' ? Infinity : epochs;
  while (state.epoch < state.target && left > 0) {
    const remaining = state.stepsPerEpoch - state.tally.steps;
    const loss = trainSteps(state, Math.min(remaining, stepsBefore(state.tally, cutoff)));
    if (state.tally.steps < state.stepsPerEpoch) {
      if (now() >= cutoff) return;
      continue;
    }
    left -= 1;
    const last = state.epoch >= state.target || left <= 0 || now() >= Math.min(deadline, cutoff);
    endEpoch(state, loss, last && (!elsewhere || state.epoch >= state.target) ? survey : null);
    if (last) return;
  }
}

/** How many updates fit before `cutoff`, going by the last ones' pace (at least one). */
function stepsBefore(tally, cutoff) {
  if (cutoff === Infinity) return Infinity;
  // Before any was timed, a first handful measures them.
  if (!tally.msPerStep) return 64;
  return Math.max(1, Math.floor((cutoff - now()) / tally.msPerStep));
}

/** `steps` updates, counted into the current epoch; returns their mean loss. */
function trainSteps(state, steps) {
  const { ae, data, tally } = state;
  const t0 = now();
  const loss = ae.train_step(steps);
  const ms = now() - t0;
  tally.steps += steps;
  tally.sum += loss * steps;
  tally.calls += 1;
  state.epoch = Number(ae.epoch);
  if (ms > 0) {
    const perStep = ms / steps;
    tally.msPerStep = tally.msPerStep ? 0.8 * tally.msPerStep + 0.2 * perStep : perStep;
    const rate = (data.nTrain * 1000) / (perStep * state.stepsPerEpoch);
    state.rate = state.rate ? 0.9 * state.rate + 0.1 * rate : rate;
  }
  return loss;
}

/**
 * An epoch is over: its mean loss (the one call's own when a call trained it whole, to the
 * bit) and its test error go into the history, the error from `survey` when given (the
 * stretch's last epoch), else from evaluate.
 */
function endEpoch(state, loss, survey) {
  const { ae, data, tally } = state;
  state.trainLoss = tally.calls === 1 ? loss : Math.fround(tally.sum / tally.steps);
  state.tally = { ...newTally(), msPerStep: tally.msPerStep };
  if (survey) ({ testError: state.testLoss, testMse: state.testMse } = survey());
  else state.testLoss = ae.evaluate(data.test);
  const { history } = state;
  history.epochs.push(state.epoch);
  history.train.push(state.trainLoss);
  history.test.push(state.testLoss);
}
