// The one protocol between a page and an engine (a training worker), and both ends of it: the
// page's (linkWorker) and the engine's (serveWorker). Engines: the '4' page's and the element's
// (classic.js, one model) and the data page's (data-worker.js: data sets and any number of
// models, each message naming its `model`). The page numbers runs, data sets and requests; the
// engine tags what it sends with them, so the page can drop what belongs to something replaced.
//
// page -> engine
//   load { build }, module { module }   the build to import, then its compiled module (or null)
//   data     { id, slot, source, rows? }   a data set into `slot` ({ bytes, builtin } or
//                                      { file }, or a survey engine's { rows }: another engine's
//                                      copy); answered by `dataset` (with `rows` asked: a copy of
//                                      its rows, handed over), or `refused` with the slot as it was
//   reset    { run, seed, options, target, ... }   a new model, built aside: answered by
//                                      `started` (then a frame) or `rejected`, which leaves the
//                                      current run untouched. Data engine: { model, kind, slot }
//   target   { target }                move the current run's end (never below its epoch)
//   advance  { run, epochs, paced? }   train on (`epochs` may be 'max': what fits in a chunk);
//                                      answered by one frame (cause 'advance'), even for a
//                                      replaced run. A survey model's: { run, weights, step }
//   view     { ... }                   what frames show; answered by a frame (cause 'view')
//   play { mode }, pause, weights { id }   '4' engine: its own loop at 'max'; its weights
//   codes { id }, sample { run }        data engine: every image's code; the VAE's new digits
//   images { id, indices }             data engine: some items' rows (the map's pictures)
//
// engine -> page
//   ready { build, kernels }   dataset { id, slot, ... }   refused { id, slot, message }
//   started { run, seed, latent, ... }   rejected { run, field?, message, reason? }
//   frame { cause, run, epoch, target, running, ... } (the model's fields; no model yet:
//     { cause, run, empty: true })   halted { run, epoch, message, ... } (a diverging step,
//     undone)   weights, codes, samples, images (the answers)   fatal { message } (nothing works)
import { compileBuild } from '../core/bridge.js';

/** The message kinds above that every engine speaks. */
export const MSG = Object.freeze({
  LOAD: 'load',
  MODULE: 'module',
  RESET: 'reset',
  TARGET: 'target',
  ADVANCE: 'advance',
  VIEW: 'view',
  PLAY: 'play',
  PAUSE: 'pause',
  WEIGHTS: 'weights',
  READY: 'ready',
  STARTED: 'started',
  REJECTED: 'rejected',
  FRAME: 'frame',
  HALTED: 'halted',
  FATAL: 'fatal',
});

/** The data engine's own kinds (apart, so the '4' page's bundles leave them out). */
export const DATA_MSG = {
  DATA: 'data',
  CODES: 'codes',
  SAMPLE: 'sample',
  IMAGES: 'images',
  DATASET: 'dataset',
  REFUSED: 'refused',
  SAMPLES: 'samples',
};

// ---- the page's end ------------------------------------------------------------------------

/**
 * Sends `worker` (script `name`, for messages) the `build` and its compiled module (bridge.js),
 * unless `started` (what classic/boot.js sent already; `started.early`: what the worker said
 * since). `take(msg)` may claim a reply before it is delivered (return true); what comes before
 * listen() is kept for it. Returns `{ send, listen }`.
 */
export function linkWorker(
  worker,
  build,
  name,
  { take = () => false, compact = false, started = null } = {},
) {
  let listener = null;
  const early = [];
  const deliver = (msg) => (listener ? listener(msg) : early.push(msg));
  worker.onmessage = ({ data }) => {
    if (!take(data)) deliver(data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    deliver({
      type: MSG.FATAL,
      message: `the training worker failed to load: ${event.message || name}`,
    });
  };
  if (started) {
    for (const data of started.early.splice(0)) if (!take(data)) deliver(data);
  } else {
    worker.postMessage({ type: MSG.LOAD, build });
    compileBuild(build, compact).then(
      (module) => worker.postMessage({ type: MSG.MODULE, module }),
      // The worker's own fetch gives the better error (and works where compileStreaming is missing).
      () => worker.postMessage({ type: MSG.MODULE, module: null }),
    );
  }
  return {
    send: (type, fields = {}, transfer = []) => worker.postMessage({ type, ...fields }, transfer),
    listen(onMessage) {
      listener = onMessage;
      for (const msg of early.splice(0)) onMessage(msg);
    },
  };
}

// ---- the engine's end ----------------------------------------------------------------------

/** Posts `msg` to the page, handing over the buffers in `transfer`. */
export const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);

/** An error's message, or whatever was thrown, as text. */
export const messageOf = (err) => String(err?.message ?? err);

/**
 * Serves the page: `load(build, module)` resolves to the initialised glue, `ready(wasm)` once it
 * runs (then `ready` is posted), and `handle(msg)` (maybe async) for every later message, one at
 * a time in arrival order (a data file may take a moment to parse; nothing may overtake it).
 * `name` tells a worker bug's source.
 */
export function serveWorker(name, { load, ready, handle }) {
  let gotBuild;
  let gotModule;
  const buildArrived = new Promise((resolve) => (gotBuild = resolve));
  const moduleArrived = new Promise((resolve) => (gotModule = resolve));
  const loaded = Promise.all([buildArrived, moduleArrived])
    .then(([build, module]) => Promise.all([load(build, module), build]))
    .then(([wasm, build]) => {
      ready(wasm);
      post({ type: MSG.READY, build, kernels: wasm.kernels() });
    });
  let failed = false;
  loaded.catch((err) => {
    failed = true;
    post({ type: MSG.FATAL, message: messageOf(err) });
  });
  let queue = loaded.catch(() => {});

  self.onmessage = ({ data: msg }) => {
    if (msg.type === MSG.LOAD) return gotBuild(msg.build);
    if (msg.type === MSG.MODULE) return gotModule(msg.module);
    // After a failed load (reported once, above) there is nothing to run the messages on.
    queue = queue
      .then(() => (failed ? undefined : handle(msg)))
      .catch((err) => {
        // A bug, not bad input (the core's refusals are `rejected` or `halted`): loud.
        console.error(err);
        post({ type: MSG.FATAL, message: `${name}: ${messageOf(err)}` });
      });
  };
}
