// The variational panel's model and the messages between the panel (vae-panel.js) and its own
// worker (vae-worker.js), in one place so both sides agree. The panel has a worker of its own so
// it never waits behind the page's autoencoder, and so readers who never press Train pay nothing.
//
// page -> worker
//   load     { build }                 start importing that build's JS glue (sent first, at once)
//   module   { module }                the compiled WebAssembly.Module, or null: fetch it
//   reset    { run, url, beta }        a new model (fetching the digits at `url` the first time);
//                                      answered by `dataset` (the first time), then a frame
//   advance  { run }                   train on (at least one epoch, about CHUNK_MS of them, never
//                                      past EPOCHS); answered by one frame (cause 'advance')
//   pair     { pair }                  the two test images to walk between ([a, b], indices into
//                                      the test part) or null; answered by a frame (cause 'pair')
//   sample   { run }                   new digits from the prior; answered by `samples`
//
// worker -> page
//   ready    { build }                 the wasm is running
//   dataset  { labels, nTrain }        the test part's labels (Int8Array, test order)
//   frame    { cause, run, epoch, epochs, reconstruction, kl, grid, means, sigmas, path }
//            `epochs`/`reconstruction`/`kl`: each epoch since the previous frame and the loss
//            terms over the training images after it (loss_terms); `grid`: GRID*GRID images
//            decoded over the prior's quantiles, row 0 at the top; `means`/`sigmas`: each test
//            image's code mean and exp(0.5 log_var), 2 per image; `path`: PATH images decoded
//            from the line between the pair's means, or null
//   samples  { run, images }           SAMPLES images decoded from z ~ N(0, 1)
//   halted   { run, epoch, message }   training failed; the model is as it was before
//   fatal    { message }               the wasm or the data could not be loaded

/** Message type names, shared by the panel and its worker. */
export const VAE_MSG = Object.freeze({
  LOAD: 'load',
  MODULE: 'module',
  RESET: 'reset',
  ADVANCE: 'advance',
  PAIR: 'pair',
  SAMPLE: 'sample',
  READY: 'ready',
  DATASET: 'dataset',
  FRAME: 'frame',
  SAMPLES: 'samples',
  HALTED: 'halted',
  FATAL: 'fatal',
});

/** The page's default seed (config.js DEFAULTS.seed), for the figures the README quotes. */
export const VAE_SEED = 2;

/** The network: the Keras example's VAE made Dense, a 2-number code; the decoder mirrors it. */
export const VAE_OPTIONS = Object.freeze({ variational: true, latent: 2, encoder: Object.freeze([64, 32]) });

/** Where training stops. */
export const EPOCHS = 300;

/** Epochs whose terms the panel reports (and announces). */
export const MILESTONES = Object.freeze([100, 300]);

/** Side of the manifold grid, in images, and the gap between them (CSS px). */
export const GRID = 15;
export const GRID_GAP = 2;

/** Images from one press of Generate, and along one interpolation. */
export const SAMPLES = 8;
export const PATH = 8;

/** Longest stretch of training between two frames, in ms (one epoch at least). */
export const CHUNK_MS = 12;
