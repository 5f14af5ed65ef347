// The '4' page's worker: the messages of protocol-base.js and these.
//
// page -> worker
//   reset    { run, seed, options, data, target, weights? }
//                                      `options`: the core's constructor options, learning_rate
//                                      included (architecture.js); `data`: the training image
//                                      (64 pixels); `weights`: a file's
//   view     { input, probe }          what frames show: `input` reconstructed and encoded, and
//                                      `probe` (latent numbers, or null) decoded
//            { network }               true: frames carry `net` (the network view's numbers)
//            { run, off }              units of run `run` knocked out of what frames show (one
//                                      0/1 per hidden and latent unit, layer by layer), or null
//   play     { mode }                  'max': train in time-boxed chunks until the end or `pause`;
//                                      'paced': train only on `advance`
//   pause    {}                        stop after the current chunk; answered by a frame
//   weights  { id }                    answered by `weights`
//
// worker -> page
//   started  { run, seed, latent, nParams, options }
//                                      `options`: the core's resolved options()
//   rejected { run, field, message, reason }
//                                      `field`: seed, learningRate, options, input or weights
//   frame    { cause, run, epoch, target, loss, epochs, losses, recon, code, dataCode, decoded,
//              net, running, trainedMs }
//            `epochs`/`losses`: the loss history since the previous frame, as (end epoch, mean
//            training loss over the steps since the point before); `loss`: the MSE on the
//            training data now; `recon`/`code`: the view's input through the model;
//            `dataCode`: the training image's code (dead-unit watch); `decoded`: the probe
//            decoded, or null without one; `net` (only once asked for, else null):
//            { weights, acts, dataActs, offLoss, latentAt }: get_weights(), every layer's
//            outputs on the input with the knock-outs (then `recon` and `code` are theirs too),
//            the same on the training data without them, the training loss without the
//            knocked-out units (null without any), and where the code starts in `acts`;
//            `cause`: reset, view, target, advance, pause, chunk (full speed) or halted;
//            `trainedMs`: the worker's time from the run's first step
//   weights  { id, run, weights, epoch, loss }
import { BASE_MSG } from './protocol-base.js';

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
