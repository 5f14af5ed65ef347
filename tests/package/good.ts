// Compiles under `tsc --strict`: the API and the element as the README shows them.
import init, { Autoencoder, Pca, build, initSync, kernels } from 'tinyae';
import type { Started } from 'tinyae';
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
  const pca = new Pca(new Float32Array(128), 1);
  const ratio: Float32Array = pca.explained_variance_ratio();
  const which: string = kernels() + build + started.kernels;
  const el: TinyAutoencoder | null = document.querySelector('tiny-autoencoder');
  el?.setAttribute('panels', 'full');
  const tag = document.createElement('tiny-autoencoder');
  tag.setAttribute('seed', '78');
  ae.free();
  return loss + epoch + ratio[0] + which.length;
}
