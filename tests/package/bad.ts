// Misuses of the package's types: each line after a `@ts-expect-error` must be an error under
// `tsc --strict`, and tsc fails on a `@ts-expect-error` that has nothing to expect, so a
// misuse that starts to compile fails the test. The file as a whole must compile.
import init, { Autoencoder, ImageSet, Pca, initKeras, kernels } from 'tinyae';
import type { Options } from 'tinyae';
import 'tinyae/element';

export async function misuse(): Promise<void> {
  // @ts-expect-error init() resolves to { build, kernels }, not a string
  const started: string = await init();
  // @ts-expect-error the seed is a number
  const ae = new Autoencoder('42');
  // @ts-expect-error no such method
  ae.train_stepp(10);
  // @ts-expect-error steps is a number
  ae.train_step('10');
  // @ts-expect-error images are numbers, not a string
  ae.reconstruct('hello');
  // @ts-expect-error the runtime refuses a Uint8Array: the type does too
  ae.reconstruct(new Uint8Array(64));
  // @ts-expect-error reconstruct gives a Float32Array
  const y: string = ae.reconstruct(new Float32Array(64));
  // @ts-expect-error the learning rate is a number
  ae.learning_rate = 'fast';
  // @ts-expect-error seed is read-only
  ae.seed = 3;
  // @ts-expect-error a typo in a loss term
  const terms = ae.loss_terms().reconstrution;
  // @ts-expect-error a typo in an option
  const latent = ae.options().latnet;
  // @ts-expect-error an option that does not exist
  const typo: Options = { latnt: 2 };
  // @ts-expect-error an activation that does not exist
  new Autoencoder(1, { activation: 'gelu' });
  // @ts-expect-error a noise type that does not exist
  new Autoencoder(1, { noise: { type: 'salt', amount: 0.1 } });
  // @ts-expect-error widths are numbers
  new Autoencoder(1, { encoder: ['32'] });
  // @ts-expect-error train_epochs gives a Float32Array of losses
  const one: number = ae.train_epochs(2);
  // @ts-expect-error to_keras gives the file's bytes, not a string
  const keras: string = ae.to_keras();
  // @ts-expect-error from_keras takes bytes, not a path
  Autoencoder.from_keras('model.keras');
  // @ts-expect-error from_keras is static
  ae.from_keras(new Uint8Array(0));
  // @ts-expect-error a checkpoint is bytes, not an object
  Autoencoder.from_checkpoint({ weights: [] });
  // @ts-expect-error resume takes the weights, the slots and the words
  ae.resume(new Float32Array(0));
  // @ts-expect-error initKeras resolves to nothing
  const kerasStarted: string = await initKeras();
  // @ts-expect-error survey takes an ImageSet
  ae.survey(new Float32Array(64));
  // @ts-expect-error the test indices are whole numbers, not images
  new ImageSet(new Float32Array(64), 'first');
  // @ts-expect-error kernels() is one of two names
  const which: 'avx' = kernels();
  // @ts-expect-error Pca's components is a number
  new Pca(new Float32Array(128), '2');
  // @ts-expect-error weights are numbers
  ae.set_weights(['0.5']);
  // @ts-expect-error the progress callback gets an object, not a number
  await ae.train_epochs_async(2, (loss: number) => loss);
  const el = document.createElement('tiny-autoencoder');
  // @ts-expect-error getAttribute gives a string or null
  const epochs: number = el.getAttribute('epochs');
  // @ts-expect-error step takes a number
  el.step('3');
  // @ts-expect-error epoch is read-only
  el.epoch = 5;
  // @ts-expect-error no such field in the done event's detail
  el.addEventListener('done', (e) => e.detail.nonsense);
  void [started, y, terms, latent, typo, one, which, epochs];
}
