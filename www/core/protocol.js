// The '4' page's worker: the messages of protocol-base.js and these.
//
// page -> worker
//   reset    { run, seed, learningRate, data, target, weights? }
//                                      `data`: the training image (64 pixels); `weights`: a file's
//   view     { input, probe }          what frames show: `input` reconstructed and encoded, and
//                                      `probe` (a code, or null) decoded
//   play     { mode }                  'max': train in time-boxed chunks until the end or `pause`;
//                                      'paced': train only on `advance`
//   pause    {}                        stop after the current chunk; answered by a frame
//   weights  { id }                    answered by `weights`
//
// worker -> page
//   rejected { run, field, message }   `field`: seed, learningRate, input or weights
//   frame    { cause, run, epoch, target, loss, epochs, losses, recon, code, dataCode, decoded,
//              running, trainedMs }
//            `epochs`/`losses`: the loss history since the previous frame, as (end epoch, mean
//            training loss over the steps since the point before); `loss`: the MSE on the
//            training data now; `recon`/`code`: the view's input through the model;
//            `dataCode`: the training image's code (dead-unit watch); `decoded`: the probe
//            decoded, or null without one; `cause`: reset, view, target, advance, pause, chunk
//            (full speed) or halted; `trainedMs`: the worker's time from the run's first step
//   weights  { id, run, weights, epoch, loss }
import { BASE_MSG } from './protocol-base.js';

export { LATENT } from './protocol-base.js';

/** Message type names, shared by the page and the worker. */
export const MSG = Object.freeze({
  ...BASE_MSG,
  PLAY: 'play',
  PAUSE: 'pause',
  WEIGHTS: 'weights',
});

/**
 * Loss-history points a full-speed run aims for: each point is the mean loss of
 * ceil(target / POINTS_PER_RUN) steps, which keeps the per-call overhead of `train_step` out of
 * the fast path while the chart still gets a point every few pixels.
 */
export const POINTS_PER_RUN = 250;

/** Longest stretch of full-speed training between two frames, in ms: a frame's worth of work. */
export const CHUNK_MS = 10;
