// The k-curve, as an engine model (data-worker.js): an autoencoder of one variant for each code
// length k of the data's scope (kcurveScope: sixteen on the 8x8 digits, five on 28x28 images) on
// a data set's train part, trained one epoch each in turn, so the whole curve takes shape at once
// and every k finishes together; PCA-k's exact test error beside them.
//
// reset    { run, variant, seed }     VARIANTS[variant] with latent k for each k of the scope
// started  { pca, nTrain, nTest }     `pca`: Float64Array, PCA-k's test MSE at the scope's ks
// frame    { kEpochs, ae }            `kEpochs`: Uint16Array, each model's epochs so far
//                                     (`epoch`: the fewest); `ae`: Float64Array, its test MSE
//                                     after them, both in the scope's order of ks

/** The longest code the curve trains: 16 numbers, an 8x8 image's quarter. */
export const K_MAX = 16;

/** Epochs each model trains for: where the page's ReLU model has passed PCA-4 (README). */
export const EPOCHS = 100;

/** The widest images the curve trains on: 28x28. */
export const WIDEST = 784;

/**
 * What the curve trains on images `width` values wide: `{ ks, epochs }`, the code lengths and
 * each model's epochs. Up to 64 values (the 8x8 digits), every k = 1..K_MAX for EPOCHS epochs;
 * wider, up to WIDEST, five k for 20 epochs: five 784-16-k-16-784 models on MNIST's 8,000
 * training images took 13-24 s in Node and 57 s in the page beside its own run (a 2-core
 * machine at load 9), where sixteen for 100 epochs would take many minutes; by 20 epochs the
 * ReLU ones beat PCA at k = 1 to 8.
 */
export function kcurveScope(width) {
  return width <= 64
    ? { ks: Array.from({ length: K_MAX }, (_, i) => i + 1), epochs: EPOCHS }
    : { ks: [1, 2, 4, 8, 16], epochs: 20 };
}

/**
 * The two autoencoders, 64-16-k-16-64 both. `relu` is the page's own model and training (Adam
 * 0.001, batches of 32). `linear` has every activation linear (and MSE, the default loss), the
 * network that learns PCA's subspace; a larger step and batch take it there within the same
 * epochs (measured on the digits: within 1.5% of PCA-k's test error for every k by 100).
 */
export const VARIANTS = Object.freeze({
  relu: { options: { learning_rate: 0.001 }, batch: 32 },
  linear: {
    options: {
      activation: 'linear',
      latent_activation: 'linear',
      output: 'linear',
      learning_rate: 0.01,
    },
    batch: 64,
  },
});

/** The linear model "lands on PCA" when every k's test error is within this share of PCA-k's. */
export const LANDED = 0.02;

// Training between two frames: the engine's other model (the VAE) waits no longer than this.
const CHUNK_MS = 30;

/** The models of `variant` on data set `data`, one for each k of its scope. */
export function createKcurveModel(wasm, data, { run, variant, seed }) {
  const { options, batch } = VARIANTS[variant];
  const { ks, epochs: target } = kcurveScope(data.width);
  const models = ks.map((k) => {
    const ae = new wasm.Autoencoder(seed, { ...options, latent: k, input: data.width });
    ae.batch_size = batch;
    ae.set_data(data.train);
    return ae;
  });
  const stepsPerEpoch = Math.ceil(data.nTrain / batch);
  const epochs = new Uint16Array(ks.length);
  const ae = Float64Array.from(models, (m) => m.evaluate(data.test));
  let next = 0;
  const fewest = () => Math.min(...epochs);
  return {
    run,
    get epoch() {
      return fewest();
    },
    started: () => ({
      seed,
      latent: ks.at(-1),
      pca: Float64Array.from(ks, (k) => data.pcaOf(k).summary.testMse),
    }),
    setTarget() {},
    view() {},
    /** Round robin, every model one epoch and then every model again, for a chunk of time. */
    advance() {
      const deadline = performance.now() + CHUNK_MS;
      const trained = new Set();
      try {
        while (epochs[next] < target && performance.now() < deadline) {
          models[next].train_step(stepsPerEpoch);
          epochs[next] += 1;
          trained.add(next);
          next = (next + 1) % ks.length;
        }
      } catch (err) {
        err.message = `Training the autoencoder with k = ${ks[next]} failed: ${err.message}`;
        throw err;
      } finally {
        for (const i of trained) ae[i] = models[i].evaluate(data.test);
      }
    },
    frame: () => [
      {
        epoch: fewest(),
        target,
        running: fewest() < target,
        kEpochs: epochs.slice(),
        ae: ae.slice(),
      },
      [],
    ],
    free: () => models.forEach((m) => m.free()),
  };
}
