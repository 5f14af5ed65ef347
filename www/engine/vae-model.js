// The variational panel's model, as an engine model (data-worker.js): one variational
// Autoencoder with a 2-number code on the built-in digits' train part. Every picture a frame
// carries is one core call: the grid and a path are one `decode` each, the map one `encode` and
// one `encode_log_var` of the test part.
//
// reset    { run, beta }              a new model with `beta` (the seed and network fixed)
// view     { pair }                   the two test images to walk between ([a, b]) or null
// sample   { run }                    answered by `samples` { run, images }: SAMPLES new digits
// started  { labels }                 the test part's labels (Int8Array, test order)
// frame    { epochs, reconstruction, kl, grid, means, sigmas, path }
//          `epochs`/`reconstruction`/`kl`: each epoch since the previous frame and the loss
//          terms over the training images after it (loss_terms); `grid`: GRID*GRID images
//          decoded over the prior's quantiles, row 0 at the top; `means`/`sigmas`: each test
//          image's code mean and exp(0.5 log_var), 2 per image; `path`: PATH images decoded
//          from the line between the pair's means, or null
import { gridCodes, pathCodes } from './vae-prior.js';

/** The page's default seed (digits/config.js DEFAULTS.seed), for the figures the README quotes. */
export const VAE_SEED = 2;

/** The network: the Keras example's VAE made Dense, a 2-number code; the decoder mirrors it. */
export const VAE_OPTIONS = Object.freeze({
  variational: true,
  latent: 2,
  encoder: Object.freeze([64, 32]),
});

/** Where training stops. */
export const EPOCHS = 300;

/** Epochs whose terms the panel reports (and announces). */
export const MILESTONES = Object.freeze([100, 300]);

/** Images from one press of Generate. */
export const SAMPLES = 8;

/** Longest stretch of training between two frames, in ms (one epoch at least). */
const CHUNK_MS = 12;

const GRID_CODES = gridCodes();

/** A new VAE with `beta` on data set `data`, from epoch 0. */
export function createVaeModel(wasm, data, { run, beta }) {
  const ae = new wasm.Autoencoder(VAE_SEED, {
    ...VAE_OPTIONS,
    encoder: [...VAE_OPTIONS.encoder],
    beta,
  });
  ae.set_data(data.train);
  const stepsPerEpoch = Math.ceil(data.nTrain / ae.batch_size);
  let pair = null;
  let history = { epochs: [], reconstruction: [], kl: [] }; // since the last frame
  const epoch = () => Number(ae.epoch);
  // Notes the current epoch's loss terms over the training images for the next frame.
  const record = () => {
    const { reconstruction, kl } = ae.loss_terms();
    history.epochs.push(epoch());
    history.reconstruction.push(reconstruction);
    history.kl.push(kl);
  };
  record();
  return {
    run,
    get epoch() {
      return epoch();
    },
    started: () => ({
      seed: VAE_SEED,
      latent: 2,
      labels: Int8Array.from(data.testIdx, (i) => data.labels[i]),
    }),
    setTarget() {},
    view: (msg) => ('pair' in msg ? (pair = msg.pair) : undefined),
    /** At least one epoch, then as many more as fit in CHUNK_MS, never past EPOCHS. */
    advance() {
      if (epoch() >= EPOCHS) return;
      const deadline = performance.now() + CHUNK_MS;
      do {
        ae.train_step(stepsPerEpoch);
        record();
      } while (epoch() < EPOCHS && performance.now() < deadline);
    },
    request() {
      const images = ae.sample(SAMPLES);
      return [{ images }, [images.buffer]];
    },
    frame() {
      const means = ae.encode(data.test);
      const sigmas = ae.encode_log_var(data.test).map((v) => Math.exp(0.5 * v));
      const grid = ae.decode(GRID_CODES);
      const code = (i) => means.subarray(2 * i, 2 * i + 2);
      const path = pair ? ae.decode(pathCodes(code(pair[0]), code(pair[1]))) : null;
      const epochs = Float64Array.from(history.epochs);
      const reconstruction = Float32Array.from(history.reconstruction);
      const kl = Float32Array.from(history.kl);
      history = { epochs: [], reconstruction: [], kl: [] };
      const frame = {
        epoch: epoch(),
        target: EPOCHS,
        running: epoch() < EPOCHS,
        epochs,
        reconstruction,
        kl,
        grid,
        means,
        sigmas,
        path,
      };
      return [
        frame,
        [epochs, reconstruction, kl, grid, means, sigmas, ...(path ? [path] : [])].map(
          (a) => a.buffer,
        ),
      ];
    },
    free: () => ae.free(),
  };
}
