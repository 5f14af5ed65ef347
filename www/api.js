// The package's API (`import init, { Autoencoder } from 'tinyae'`): the simd128 build where the
// engine compiles wasm SIMD, else the scalar one. Both give the same numbers to the bit and their
// glue is the same text (build.sh checks), so one glue is imported, statically (no top-level
// await: a worker of one's own and `require()` can load this module), and only the chosen
// build's .wasm is fetched. Its two URLs are written as `new URL(path, import.meta.url)` so that
// bundlers emit both files; nothing here names the element's files. Node has its own entry
// (api-node.js) that reads the file instead.
import initGlue, * as glue from './pkg/simd/tinyae.js';
import { given } from './core/given.js';
import { kerasGlue } from './keras-build.js';
import { pickBuild } from './core/simd.js';

/** Which build this engine runs: 'simd' or 'scalar'. */
export const build = pickBuild();

/** The URL of the chosen build's .wasm (for a `<link rel="preload">` or your own fetch). */
export const wasmUrl =
  build === 'simd'
    ? new URL('./pkg/simd/tinyae_bg.wasm', import.meta.url)
    : new URL('./pkg/scalar/tinyae_bg.wasm', import.meta.url);

let started = false;

/** Throws what to do when `what` is used before init() has run. */
function needStarted(what) {
  if (!started)
    throw new Error(
      `tinyae: call \`await init()\` (or initSync()) before ${what}: the wasm module is not started yet`,
    );
}

/**
 * The glue's class with its constructor checking that init() ran, and each method and accessor
 * checking that the object was not freed (the glue would say "null pointer passed to rust").
 * Mutates the glue's prototype: every object of the class, however made, gets the checks.
 */
function checked(Class) {
  const name = Class.name;
  for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(Class.prototype))) {
    if (key === 'constructor' || key.startsWith('__')) continue;
    // A second free() does nothing (the glue's would throw).
    if (key === 'free') {
      Object.defineProperty(Class.prototype, key, {
        ...d,
        value: function free() {
          if (this.__wbg_ptr) d.value.call(this);
        },
      });
      continue;
    }
    const guard = (f) =>
      f &&
      function (...args) {
        if (!this.__wbg_ptr)
          throw new Error(
            `tinyae: this ${name} was freed (free() was called), so ${key} cannot be used; make a new ${name}`,
          );
        return f.apply(this, args);
      };
    const wrapped =
      'value' in d ? { value: guard(d.value) } : { get: guard(d.get), set: guard(d.set) };
    Object.defineProperty(Class.prototype, key, { ...d, ...wrapped });
  }
  const Checked = class extends Class {
    constructor(...args) {
      needStarted(`new ${name}()`);
      super(...args);
    }

    // What the glue makes itself (Pca.fit_rows's result) is one too.
    static [Symbol.hasInstance](value) {
      return value instanceof Class;
    }
  };
  // Static factories (Pca.fit_rows) check too; the glue's own (__wrap) are left as they are.
  for (const key of Object.getOwnPropertyNames(Class)) {
    if (typeof Class[key] !== 'function' || key.startsWith('__')) continue;
    Object.defineProperty(Checked, key, {
      value: (...args) => (needStarted(`${name}.${key}()`), Class[key](...args)),
    });
  }
  return Object.defineProperty(Checked, 'name', { value: name });
}

/** A glue function that says "call init() first" instead of failing inside the glue. */
const checkedFn =
  (f) =>
  (...args) => {
    needStarted(`${f.name}()`);
    return f(...args);
  };

// .keras files both ways and checkpoints' bytes read, through the Keras build (keras-build.js,
// where the checkpoint's reader is): a model goes there as its checkpoint(), and comes back as
// the parts of one, which a model of this build made from their seed and options resume()s
// from. Exact both ways, and the Keras build is freed of the model at once.
glue.Autoencoder.prototype.to_keras = function to_keras() {
  const model = kerasGlue('to_keras()').Autoencoder.from_checkpoint(this.checkpoint());
  try {
    return model.to_keras();
  } finally {
    model.free();
  }
};

/** The Keras build's `model` (freed) as a model of this build, to the bit. */
function fromKerasBuild(model) {
  let parts;
  try {
    parts = model.checkpoint_parts();
  } finally {
    model.free();
  }
  const ae = new glue.Autoencoder(parts.seed, parts.options);
  try {
    ae.resume(parts.weights, parts.slots, parts.words);
  } catch (err) {
    ae.free();
    throw err;
  }
  return ae;
}
glue.Autoencoder.from_keras = (bytes) =>
  fromKerasBuild(kerasGlue('Autoencoder.from_keras()').Autoencoder.from_keras(bytes));
glue.Autoencoder.from_checkpoint = (bytes) =>
  fromKerasBuild(kerasGlue('Autoencoder.from_checkpoint()').Autoencoder.from_checkpoint(bytes));

export const Autoencoder = checked(glue.Autoencoder);

/**
 * `train_epochs(epochs)` one epoch per task, so a page stays responsive while a large set
 * trains: `onEpoch({ done, epochs, epoch, loss })` after each epoch. Resolves to the epochs'
 * losses. A diverging epoch is undone (the ones before it stay) and rejects.
 */
glue.Autoencoder.prototype.train_epochs_async = async function trainEpochsAsync(
  epochs = 1,
  onEpoch = undefined,
) {
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw Object.assign(new Error(`epochs must be a whole number from 1, got ${given(epochs)}`), {
      argument: 'epochs',
    });
  }
  const losses = new Float32Array(epochs);
  for (let done = 1; done <= epochs; done++) {
    [losses[done - 1]] = this.train_epochs(1);
    onEpoch?.({ done, epochs, epoch: this.epoch, loss: losses[done - 1] });
    if (done < epochs) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return losses;
};
export const Pca = checked(glue.Pca);
export const ImageSet = checked(glue.ImageSet);
export const kernels = checkedFn(glue.kernels);
export const pixels = checkedFn(glue.pixels);
export const split_indices = checkedFn(glue.split_indices);

/**
 * Initialises the wasm module once; later calls resolve at once. `input` is what
 * WebAssembly can start from: a URL or string, a Response (or a promise of one), the bytes
 * (ArrayBuffer or typed array) or a compiled WebAssembly.Module; omitted, `wasmUrl` is fetched.
 */
export default async function init(input) {
  await initGlue({ module_or_path: input ?? wasmUrl });
  started = true;
  return { build, kernels: glue.kernels() };
}

/**
 * Starts the Keras build that `to_keras()` and `Autoencoder.from_keras()` need (once; later
 * calls resolve at once): from `input` as init() takes it, or its .wasm fetched.
 */
export { initKeras } from './keras-build.js';

/** Initialises synchronously from the bytes or a compiled WebAssembly.Module. */
export function initSync(input) {
  if (input === undefined)
    throw new Error('initSync(input) needs the .wasm bytes or a WebAssembly.Module');
  glue.initSync({ module: input });
  started = true;
  return { build, kernels: glue.kernels() };
}
