// The k-curve, as an engine model (data-worker.js): sixteen autoencoders (latent 1..16) of one
// variant on a data set's train part, trained one epoch each in turn, so the whole curve takes
// shape at once and every k finishes together; PCA-k's exact test error beside them.
//
// reset    { run, variant, seed }     VARIANTS[variant] with latent k = 1..K_MAX
// started  { pca, nTrain, nTest }     `pca`: Float64Array(K_MAX), PCA-k's test MSE at [k - 1]
// frame    { kEpochs, ae }            `kEpochs`: Uint16Array(K_MAX), each model's epochs so far
//                                     (`epoch`: the fewest); `ae`: Float64Array(K_MAX), its test
//                                     MSE after them

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

/** The sixteen models of `variant` on data set `data`. */
export function createKcurveModel(wasm, data, { run, variant, seed }) {
  const { options, batch } = VARIANTS[variant];
  const models = [];
  for (let k = 1; k <= K_MAX; k++) {
    const ae = new wasm.Autoencoder(seed, { ...options, latent: k, input: data.width });
    models.push(ae);
    ae.batch_size = batch;
    ae.set_data(data.train);
  }
  const stepsPerEpoch = Math.ceil(data.nTrain / batch);
  const epochs = new Uint16Array(K_MAX);
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
      latent: K_MAX,
      pca: Float64Array.from({ length: K_MAX }, (_, i) => data.pcaOf(i + 1).summary.testMse),
    }),
    setTarget() {},
    view() {},
    /** Round robin, every model one epoch and then every model again, for a chunk of time. */
    advance() {
      const deadline = performance.now() + CHUNK_MS;
      const trained = new Set();
      try {
        while (epochs[next] < EPOCHS && performance.now() < deadline) {
          models[next].train_step(stepsPerEpoch);
          epochs[next] += 1;
          trained.add(next);
          next = (next + 1) % K_MAX;
        }
      } catch (err) {
        err.message = `Training the autoencoder with k = ${next + 1} failed: ${err.message}`;
        throw err;
      } finally {
        for (const i of trained) ae[i] = models[i].evaluate(data.test);
      }
    },
    frame: () => [
      {
        epoch: fewest(),
        target: EPOCHS,
        running: fewest() < EPOCHS,
        kEpochs: epochs.slice(),
        ae: ae.slice(),
      },
      [],
    ],
    free: () => models.forEach((m) => m.free()),
  };
}
