// The digits page's worker: the messages of core/protocol-base.js and these.
//
// The worker owns the data set (parsed, split, PCA fitted) and the one model; the page owns
// what to show and when to train. A *data set* is numbered by the page, as runs are (a model
// from a seed, trained on the data set's train part); the worker tags what it sends with them.
//
// page -> worker
//   data     { id, url } | { id, file }
//                                      load the built-in digits (a .csv.gz URL) or a CSV File;
//                                      answered by `dataset`, or by `refused` with the old data
//                                      set (and run) left exactly as they were
//   reset    { run, seed, options, target }
//                                      a new model (options: the core's, architecture.js
//                                      coreOptions) on the current data set
//   advance  { run, epochs, paced? }   `epochs` may be 'max': as many as fit in CHUNK_MS; a
//                                      `paced` one (the page's loop, not a Step) ends after
//                                      PACED_MS, mid-epoch if need be (stretch.js)
//   view     { axes?, explore?, probe?, hover? }
//                                      what frames show: the map's axes ('pc', 'i-j'), the explorer's
//                                      image (an index or null), its slider code (null: the
//                                      image's own), the hovered point ({ map: 'ae' | 'pca',
//                                      index } or null)
//   codes    { id }                    every image's code, for the download; answered by `codes`
//
// worker -> page
//   dataset  { id, name, n, nTrain, nTest, scale, hasLabels, labelColumn, labels, isTest, gallery,
//              galleryPixels, pca: { k, testMse, trainMse, ratio, map, galleryRecon } }
//            no pixels (up to 25.6 MB): the page gets an image with the frame that shows it;
//            `labels`: Int8Array, -1 = none; `isTest`: Uint8Array;
//            `gallery`: indices of the test images shown side by side; `pca.map`: every
//            image's first two PCA coordinates (n*2); `pca` is PCA-4 (a run's own PCA-k comes
//            with `started`)
//   refused  { id, message }           the data could not be loaded; nothing changed
//   started  { run, seed, latent, nParams, pca: { k, testMse, trainMse, ratio, galleryRecon },
//              noisy }                 a run began: its PCA-k (k = latent) baseline and, for a
//                                      denoiser, the gallery's noisy copies (else null)
//   rejected { run, field?, message }  a bad seed or option (field: the core's argument name), or
//                                      no data loaded
//   frame    { cause, run, epoch, step, target, running, epochs, trainLosses, testLosses, trainLoss,
//              testLoss, testMse, samplesPerSec, dead, top, bottom, plane, grid, gallery,
//              denoised, explore, hover }
//            `step`: the model's updates so far (a paced frame may end mid-epoch);
//            `epochs`/`trainLosses`/`testLosses`: the history since the previous frame (mean
//            training loss of each epoch's minibatches, as Keras reports it, and the test
//            error after it, both in the loss's units); `testMse`: the test MSE whatever the
//            loss (what PCA is compared by); `dead`: per unit, 0 on every image; `top`/`bottom`: the largest and
//            smallest code value; `denoised`: the noisy gallery reconstructed, or null;
//            `plane`: { axes, xLabel, yLabel, positions, rect: [x0, x1, y0, y1] } the map,
//            `positions` (n*2) only in the first frame of a model state and axes (else null:
//            the page's are current); `grid`: GRID*GRID decoded images over `rect`, row 0 at
//            the top; `gallery`: the gallery's reconstructions; `explore`: { index, pixels,
//            recon, code, decoded } or null; `hover`: { map, index, pixels, recon, code } or
//            null; before any run, { cause, run, empty: true }
//   codes    { id, run, epoch, codes } every image's code (n*latent), or codes null: no model yet
import { BASE_MSG } from '../core/protocol-base.js';

/** Message type names, shared by the page and the worker. */
export const MSG = Object.freeze({
  ...BASE_MSG,
  DATA: 'data',
  CODES: 'codes',
  DATASET: 'dataset',
  REFUSED: 'refused',
});

/** Side of the decoded grid (the "manifold" picture), in images. */
export const GRID = 12;

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
 * The plane a map of `latent` units shows for the reader's `axes` ('pc' or 'i-j'): with two
 * units the units themselves, with one a strip; a pair past the last unit falls back to 'pc'.
 */
export function planeAxes(axes, latent) {
  if (latent === 1) return 'strip';
  if (latent === 2) return '1-2';
  return axes === 'pc' || Number(axes.split('-')[1]) <= latent ? axes : 'pc';
}

/** Share of the images held out for testing (1797 -> 360, as the Rust tests split them). */
export const TEST_SHARE = 0.2;

/** Seed of the fixed train/test split (`split_indices(n, test, SPLIT_SEED)`). */
export const SPLIT_SEED = 0;
