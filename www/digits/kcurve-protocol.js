// The k-curve's messages, between its panel (kcurve.js) and its own worker (kcurve-worker.js),
// and the two autoencoders it trains for every latent size k. A worker of its own, so the
// sixteen models never queue behind (or hold up) the page's run in the digits worker.
//
// page -> worker
//   load, module                       as every training worker (core/worker-link.js)
//   data     { id, source }            `source`: { url } (the built-in .csv.gz) or { file } (the
//                                      reader's CSV); split as the page splits it, PCA-k fitted
//                                      for every k; answered by `pca` or `refused`
//   run      { run, variant, seed }    train VARIANTS[variant] with latent k = 1..K_MAX on the
//                                      current data, one epoch each in turn; replaces any run
//
// worker -> page
//   ready, fatal                       as every training worker
//   pca      { id, nTrain, nTest, pca } `pca`: Float64Array(K_MAX), PCA-k's test MSE at [k - 1]
//   refused  { id, message }           the data could not be used; the previous data stays
//   progress { run, epochs, ae }       `epochs`: Uint16Array(K_MAX), each model's epochs so far;
//                                      `ae`: Float64Array(K_MAX), its test MSE after them
//   halted   { run, k, message }       model k's training failed (undone by the core); the run stops

export const KMSG = Object.freeze({
  LOAD: 'load',
  MODULE: 'module',
  DATA: 'data',
  RUN: 'run',
  READY: 'ready',
  FATAL: 'fatal',
  PCA: 'pca',
  REFUSED: 'refused',
  PROGRESS: 'progress',
  HALTED: 'halted',
});

/** Latent sizes 1..K_MAX (the core's largest latent). */
export const K_MAX = 16;

/** Epochs each model trains for: where the page's ReLU model has passed PCA-4 (README). */
export const EPOCHS = 100;

/**
 * The two autoencoders, 64-16-k-16-64 both. `relu` is the page's own model and training (Adam
 * 0.001, batches of 32). `linear` has every activation linear (and MSE, the default loss), the
 * network that learns PCA's subspace; a larger step and batch take it there within the same
 * epochs (measured on the digits: within 1.5% of PCA-k's test error for every k by 100).
 */
export const VARIANTS = Object.freeze({
  relu: { options: { learning_rate: 0.001 }, batch: 32 },
  linear: { options: { activation: 'linear', latent_activation: 'linear', output: 'linear', learning_rate: 0.01 }, batch: 64 },
});

/** The linear model "lands on PCA" when every k's test error is within this share of PCA-k's. */
export const LANDED = 0.02;
