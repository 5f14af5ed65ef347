// The messages between the digits page and its worker, in one place so both sides agree.
//
// The worker owns the data set (parsed, split, PCA fitted) and the one model; the page owns
// what to show and when to train. A *data set* is numbered by the page, a *run* (a model from a
// seed, trained on the data set's train part towards `target` epochs) too; the worker tags what
// it sends with them, so the page can drop answers about something it has replaced.
//
// page -> worker
//   load     { build }                 start importing that build's JS glue (sent first, at once)
//   module   { module }                the compiled WebAssembly.Module, or null: fetch it
//   data     { id, url } | { id, file }
//                                      load the built-in digits (a .csv.gz URL) or a CSV File;
//                                      answered by `dataset`, or by `refused` with the old data
//                                      set (and run) left exactly as they were
//   reset    { run, seed, learningRate, target }
//                                      a new model on the current data set; `started` or
//                                      `rejected` answers, then a frame
//   target   { target }                move the current run's end
//   advance  { run, epochs }           train `epochs` more (a number, or 'max': as many as fit in
//                                      CHUNK_MS), answered by one frame (cause 'advance')
//   view     { axes?, explore?, probe?, hover? }
//                                      what frames show: the map's axes (AXES), the explorer's
//                                      image (an index or null), its slider code (4 numbers or
//                                      null: the image's own), the hovered point ({ map: 'ae' |
//                                      'pca', index } or null); answered by a frame (cause 'view')
//   codes    { id }                    every image's code, for the download; answered by `codes`
//
// worker -> page
//   ready    { build, kernels }        the wasm is running
//   dataset  { id, name, n, nTrain, nTest, scale, hasLabels, labels, isTest, gallery,
//              galleryPixels, pca: { testMse, trainMse, ratio, map, galleryRecon } }
//            no pixels (up to 25.6 MB): the page gets an image with the frame that shows it;
//            `labels`: Int8Array, -1 = none; `isTest`: Uint8Array;
//            `gallery`: indices of the test images shown side by side; `pca.map`: every
//            image's first two PCA coordinates (n*2)
//   refused  { id, message }           the data could not be loaded; nothing changed
//   started  { run, seed }
//   rejected { run, message }          a reset was refused (a bad seed): nothing changed
//   frame    { cause, run, epoch, target, running, epochs, trainLosses, testLosses, trainLoss,
//              testLoss, samplesPerSec, dead, top, plane, grid, gallery, explore, hover }
//            `epochs`/`trainLosses`/`testLosses`: the history since the previous frame (mean
//            training loss of each epoch's minibatches, as Keras reports it, and the test MSE
//            after it); `dead`: per unit, 0 on every image; `top`: the largest code value;
//            `plane`: { axes, xLabel, yLabel, positions, rect: [x0, x1, y0, y1] } the map,
//            `positions` (n*2) only in the first frame of a model state and axes (else null:
//            the page's are current); `grid`: GRID*GRID decoded images over `rect`, row 0 at
//            the top; `gallery`: the gallery's reconstructions; `explore`: { index, pixels,
//            recon, code, decoded } or null; `hover`: { map, index, pixels, recon, code } or null
//   codes    { id, run, epoch, codes } every image's code (n*4), or codes null: no model yet
//   halted   { run, epoch, message }   training failed; play stopped, the model is as before
//   fatal    { message }               the wasm or the data could not be loaded: nothing works

/** Message type names, shared by the page and the worker. */
export const MSG = Object.freeze({
  LOAD: 'load',
  MODULE: 'module',
  DATA: 'data',
  RESET: 'reset',
  TARGET: 'target',
  ADVANCE: 'advance',
  VIEW: 'view',
  CODES: 'codes',
  READY: 'ready',
  DATASET: 'dataset',
  REFUSED: 'refused',
  STARTED: 'started',
  REJECTED: 'rejected',
  FRAME: 'frame',
  HALTED: 'halted',
  FATAL: 'fatal',
});

/** Units in the bottleneck. */
export const LATENT = 4;

/** Side of the decoded grid (the "manifold" picture), in images. */
export const GRID = 12;

/** Longest stretch of full-speed training between two frames, in ms. */
export const CHUNK_MS = 12;

/** The map's axes: the codes' first two principal components, or two of the four units. */
export const AXES = Object.freeze(['pc', '1-2', '1-3', '1-4', '2-3', '2-4', '3-4']);

/** Share of the images held out for testing (1797 -> 360, as the Rust tests split them). */
export const TEST_SHARE = 0.2;

/** Seed of the fixed train/test split (`split_indices(n, test, SPLIT_SEED)`). */
export const SPLIT_SEED = 0;
