// Compiles under `tsc --strict`: the API and the element as the README shows them.
import init, { Autoencoder, Pca, build, initSync, kernels } from 'tinyae';
import type { Started, TinyaeError } from 'tinyae';
import 'tinyae/element';
import type { TinyAutoencoder } from 'tinyae/element';

export async function main(): Promise<number> {
  const started: Started = await init();
  initSync(new Uint8Array(0));
  const ae = new Autoencoder(42);
  const seeded = new Autoencoder();
  const loss: number = ae.train_step(1000);
  const y: Float32Array = ae.reconstruct(new Float32Array(64));
  const z: Float32Array = ae.encode(y);
  ae.decode(z);
  ae.learning_rate = 0.01;
  const epoch: number = ae.epoch + seeded.seed;
  try {
    ae.set_weights([1, 2]);
  } catch (e) {
    const named: string = (e as TinyaeError).argument;
    console.log(named, (e as TinyaeError).message);
  }
  const pca = new Pca(new Float32Array(128), 1);
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
  ae.free();
  return loss + epoch + ratio[0] + which.length + state.length;
}
