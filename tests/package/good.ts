// Compiles under `tsc --strict` with a default tsconfig (es2022 + dom): the API and the element
// as the README shows them, with the types each call gives back.
import init, { Autoencoder, ImageSet, Pca, build, initKeras, initSync, kernels, pixels, split_indices } from 'tinyae';
import type { EpochProgress, LossTerms, Options, ResolvedOptions, Started, Survey, TinyaeError } from 'tinyae';
import 'tinyae/element';
import type { TinyAutoencoder } from 'tinyae/element';

export async function main(): Promise<number> {
  const started: Started = await init();
  initSync(new Uint8Array(0));
  const options: Options = { encoder: [32, 16], latent: 2, activation: 'tanh', optimizer: 'rmsprop', batch_size: 64 };
  const ae = new Autoencoder(42, options);
  const seeded = new Autoencoder();
  const vae = new Autoencoder(2, { variational: true, noise: { type: 'mask', amount: 0.3 } });
  const loss: number = ae.train_step(1000) + ae.train_step();
  const epochs: Float32Array = ae.train_epochs(3);
  const later: Float32Array = await ae.train_epochs_async(2, (p: EpochProgress) => console.log(p.done, p.loss));
  const y: Float32Array = ae.reconstruct(new Float32Array(64));
  const z: Float32Array = ae.encode([0, 0.5, 1]);
  ae.decode(z);
  vae.sample(16);
  vae.sample();
  ae.activations(y);
  ae.learning_rate = 0.01;
  ae.batch_size = 16;
  const resolved: ResolvedOptions = ae.options();
  await initKeras();
  await initKeras(new URL('https://example.com/tinyae_bg.wasm'));
  const file: Uint8Array = ae.to_keras();
  const loaded: Autoencoder = Autoencoder.from_keras(file);
  Autoencoder.from_keras(file.buffer as ArrayBuffer).free();
  const saved: Uint8Array = loaded.checkpoint();
  const resumed: Autoencoder = Autoencoder.from_checkpoint(saved);
  resumed.set_data(new Float32Array(64));
  const same = new Autoencoder(ae.seed, resolved);
  const terms: LossTerms = ae.loss_terms();
  const epoch: number = ae.epoch + seeded.seed + ae.step + terms.reconstruction + resolved.latent;
  const split: Uint32Array = split_indices(10, 2, 0);
  const images = new ImageSet(new Float32Array(10 * pixels()), split.subarray(0, 2));
  const survey: Survey = ae.survey(images);
  try {
    ae.set_weights([1, 2]);
  } catch (e) {
    const named: string = (e as TinyaeError).argument;
    console.log(named, (e as TinyaeError).message);
  }
  const pca = new Pca(new Float32Array(128), 1);
  const rows = Pca.fit_rows(survey.codes, 2, 1);
  const ratio: Float32Array = pca.explained_variance_ratio();
  const which: string = kernels() + build + started.kernels;
  const el: TinyAutoencoder | null = document.querySelector('tiny-autoencoder');
  el?.setAttribute('panels', 'full');
  const tag = document.createElement('tiny-autoencoder');
  tag.setAttribute('seed', '78');
  tag.addEventListener('done', (e) => console.log(e.detail.loss, e.detail.seed));
  tag.addEventListener('epoch', (e) => tag.epoch < 200 || tag.pause() || e.detail.epoch);
  tag.step(200 - tag.epoch);
  tag.play();
  tag.reset();
  const state: string = tag.state;
  tag.seed = 7;
  for (const model of [ae, seeded, vae, same]) model.free();
  images.free();
  rows.free();
  return loss + epoch + epochs[0] + later[0] + ratio[0] + which.length + state.length + survey.testMse;
}
