// Must NOT compile under `tsc --strict`: each line below misuses the package's types.
import init, { Autoencoder } from 'tinyae';

export async function misuse(): Promise<void> {
  const started: string = await init();
  const ae = new Autoencoder('42');
  ae.train_stepp(10);
  const y: string = ae.reconstruct(new Float32Array(64));
  const seed: string = ae.seed;
  const el = document.createElement('tiny-autoencoder');
  const epochs: number = el.getAttribute('epochs');
  el.step('3');
  el.epoch = 5;
  el.addEventListener('done', (e) => e.detail.nonsense);
  void started;
  void y;
  void seed;
  void epochs;
}
