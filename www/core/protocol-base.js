// What every training worker and its page say alike (the '4' worker's protocol.js and the
// digits worker's digits/protocol.js add their own kinds and fields to these).
//
// A *run* is one model trained towards `target` epochs. The page numbers runs; the worker tags
// everything it sends with the run it is about, so the page can drop what belongs to a run it
// replaced (core/session.js does).
//
// page -> worker
//   load     { build }                 start importing that build's JS glue (sent first, at once)
//   module   { module }                the build's compiled WebAssembly.Module, or null: fetch it
//   reset    { run, seed, target, ... }
//                                      a new model, built aside: answered by `started` (then a
//                                      frame) or `rejected`, which leaves the current run untouched
//   target   { target }                move the current run's end (never below its epoch)
//   advance  { run, epochs }           train `epochs` more; answered by one frame (cause 'advance'),
//                                      even for a run already replaced
//   view     { ... }                   what frames show; answered by a frame (cause 'view')
//
// worker -> page
//   ready    { build, kernels }        the wasm is running: its build and kernels
//   started  { run, seed, latent }     a reset was accepted (`latent`: the model's code length)
//   rejected { run, field?, message, reason? }
//                                      a reset was refused: the previous run carries on;
//                                      `reason`: the message after the core's argument name
//   frame    { cause, run, epoch, target, running, ... }
//            the epoch is the core's own count; `cause` says what the frame answers
//   halted   { run, epoch, field?, message, reason? }
//                                      training failed (the loss stopped being finite): the
//                                      step was undone and play stopped
//   fatal    { message }               the wasm could not be loaded, or a worker bug: nothing works

/** The message kinds above. */
export const BASE_MSG = Object.freeze({
  LOAD: 'load',
  MODULE: 'module',
  RESET: 'reset',
  TARGET: 'target',
  ADVANCE: 'advance',
  VIEW: 'view',
  READY: 'ready',
  STARTED: 'started',
  REJECTED: 'rejected',
  FRAME: 'frame',
  HALTED: 'halted',
  FATAL: 'fatal',
});
