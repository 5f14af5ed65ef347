// The one protocol between a page and an engine (a training worker): the '4' page's and the
// element's (engine/classic.js, one model) and the data page's (engine/data-worker.js, data
// sets and any number of models: the run, the k-curve's sixteen, the VAE). The page numbers
// runs, data sets and requests; the engine tags everything it sends with them, so the page can
// drop what belongs to something it replaced (core/session.js does for runs). In a data engine
// every model message also names its `model` (the page's id for it, e.g. 'run', 'kcurve', 'vae').
//
// page -> engine
//   load     { build }                 start importing that build's JS glue (sent first, at once)
//   module   { module }                the build's compiled WebAssembly.Module, or null: fetch it
//   data     { id, slot, source }      a data set into `slot` (source: { bytes, builtin } the
//                                      built-in .csv.gz as fetched by the page, or { file }, a
//                                      reader's CSV); answered by `dataset`, or `refused` with
//                                      the slot as it was. A slot's new data ends its models.
//   reset    { run, seed, options, target, ... }
//                                      a new model, built aside: answered by `started` (then a
//                                      frame) or `rejected`, which leaves the current run untouched.
//                                      Data engine: { model, kind, slot } too (the kind's fields:
//                                      engine/*-model.js); '4' engine: { data, weights? }
//   target   { target }                move the current run's end (never below its epoch)
//   advance  { run, epochs, paced? }   train on (`epochs` may be 'max': what fits in a chunk);
//                                      answered by one frame (cause 'advance'), even for a run
//                                      already replaced
//   view     { ... }                   what frames show; answered by a frame (cause 'view')
//   play     { mode }                  '4' engine: 'max' trains in chunks on its own; 'paced' on advance
//   pause    {}                        '4' engine: stop after the current chunk; answered by a frame
//   weights  { id }                    '4' engine: answered by `weights`
//   codes    { id }                    data engine's run: every image's code; answered by `codes`
//   sample   { run }                   data engine's VAE: new digits; answered by `samples`
//
// engine -> page
//   ready    { build, kernels }        the wasm is running: its build and kernels
//   dataset  { id, slot, ... }         a data set was loaded (engine/data.js datasetSummary)
//   refused  { id, slot, message }     it could not be: nothing changed
//   started  { run, seed, latent, ... }
//                                      a reset was accepted (`latent`: the model's code length)
//   rejected { run, field?, message, reason? }
//                                      a reset was refused: the previous run carries on;
//                                      `reason`: the message after the core's argument name
//   frame    { cause, run, epoch, target, running, ... }
//            the epoch is the core's own count; `cause` says what the frame answers; what else a
//            frame carries is its model's (engine/*-model.js, engine/classic.js); a frame with
//            no model yet is { cause, run, empty: true }
//   halted   { run, epoch, field?, message, reason? }
//                                      training failed (the loss stopped being finite): the
//                                      step was undone and play stopped
//   weights, codes, samples            the answers to those requests
//   fatal    { message }               the wasm could not be loaded, or an engine bug: nothing works

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
  DATASET: 'dataset',
  REFUSED: 'refused',
  SAMPLES: 'samples',
};
