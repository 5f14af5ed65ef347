// The messages between the page and the training worker, in one place so both sides agree.
//
// A *run* is one model: the seed's initial weights (or weights from a file), trained on `data`
// at `learningRate` towards `target` epochs. The page numbers runs; the worker tags everything
// it sends with the run it is about, so the page can drop what belongs to a run it replaced.
//
// page -> worker
//   load     { build }                 start importing that build's JS glue (sent first, at once)
//   module   { module }                the build's compiled WebAssembly.Module, or null: fetch it
//   reset    { run, seed, learningRate, data, target, weights? }
//                                      replace the model; answered by `started` or `rejected`
//   view     { input, probe }          what frames show: `input` reconstructed and encoded, and
//                                      `probe` (4 numbers, or null) decoded; answered by a frame
//   target   { target }                move the current run's end (only ever further on)
//   play     { mode }                  'max': train in time-boxed chunks until the end or `pause`;
//                                      'paced': train only on `advance`
//   advance  { run, epochs }           train `epochs` more (paced play, or a Step); answered by
//                                      one frame (cause 'advance')
//   pause    {}                        stop after the current chunk; answered by a frame
//   weights  { id }                    answered by `weights`
//
// worker -> page
//   ready    { build, kernels }        the wasm is running
//   started  { run, seed }             a reset was accepted; frames of `run` follow
//   rejected { run, field, message }   a reset was refused (bad seed, learning rate, weights):
//                                      the previous run carries on untouched
//   frame    { cause, run, epoch, target, loss, epochs, losses, recon, code, dataCode, decoded, running }
//            `epochs`/`losses`: the loss history since the previous frame, as (end epoch, mean
//            training loss over the steps since the point before); `loss`: the MSE on the
//            training data now; `recon`/`code`: the view's input through the model;
//            `dataCode`: the training image's code (dead-unit watch); `decoded`: the probe
//            decoded, or null without one; `cause`: what it answers (reset, view, target,
//            advance, pause, chunk, halted)
//   halted   { run, epoch, message }   training failed (the loss stopped being finite); the
//                                      step was undone and play stopped
//   weights  { id, run, weights, epoch, loss }
//   fatal    { message }               the wasm could not be loaded: nothing works

/** Message type names, shared by the page and the worker. */
export const MSG = Object.freeze({
  LOAD: 'load',
  MODULE: 'module',
  RESET: 'reset',
  VIEW: 'view',
  TARGET: 'target',
  PLAY: 'play',
  ADVANCE: 'advance',
  PAUSE: 'pause',
  WEIGHTS: 'weights',
  READY: 'ready',
  STARTED: 'started',
  REJECTED: 'rejected',
  FRAME: 'frame',
  HALTED: 'halted',
  FATAL: 'fatal',
});

/** Units in the bottleneck: the length of a code and of a probe. */
export const LATENT = 4;

/**
 * Loss-history points a full-speed run aims for: each point is the mean loss of
 * ceil(target / POINTS_PER_RUN) steps, which keeps the per-call overhead of `train_step` out of
 * the fast path while the chart still gets a point every few pixels.
 */
export const POINTS_PER_RUN = 250;

/** Longest stretch of full-speed training between two frames, in ms: a frame's worth of work. */
export const CHUNK_MS = 10;
