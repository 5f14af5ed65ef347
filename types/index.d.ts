// Types of the package's API (`import init, { Autoencoder } from 'tinyae'`), written out in full
// (not wasm-bindgen's generated declarations, whose arguments are `any` and which need
// `lib: esnext.disposable`): they hold with `tsc --strict` and a default `tsconfig` (es2022 +
// dom). tests/package/ checks them against the README's code and a file of misuses.

/** Numbers the API accepts wherever it takes images, codes or weights. */
export type Numbers = Float32Array | Float64Array | readonly number[];

/** A hidden layer's activation. */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'elu';

/** Denoising: fresh noise on every batch (gaussian: amount 0..10; mask: a probability 0..1). */
export interface Noise {
  type: 'gaussian' | 'mask';
  amount: number;
}

/**
 * The model's set-up (README, "Options"): every key optional, `undefined` taking the classic
 * model's value, so `{}` is the classic 64-16-4-16-64 model.
 */
export interface Options {
  /** Values per item, 1..4096: the input and output layers' width (default 64, an 8x8 image). */
  input?: number;
  /** 0 to 4 hidden widths, each 1..1024 (default [16]). */
  encoder?: readonly number[];
  /** Latent units, 1..256 (default 4). */
  latent?: number;
  /** 0 to 4 widths, each 1..1024 (default: the encoder's, mirrored). */
  decoder?: readonly number[];
  /** The hidden layers' activation (default 'relu'). */
  activation?: Activation;
  /** The latent layer's activation (default 'relu'). */
  latent_activation?: Activation;
  /** The output's activation (default 'sigmoid'). */
  output?: 'sigmoid' | 'linear';
  /** The loss (default 'mse'); binary_crossentropy needs a sigmoid output. */
  loss?: 'mse' | 'binary_crossentropy';
  /** The optimizer, with Keras's defaults and update forms (default 'adam'). */
  optimizer?: 'adam' | 'rmsprop' | 'sgd';
  /** > 0, finite (default: the optimizer's Keras default, adam/rmsprop 0.001, sgd 0.01). */
  learning_rate?: number;
  /** 0 <= m < 1, sgd only (default 0). */
  momentum?: number;
  /** L1 activity penalty on the latent, >= 0 (default 0). */
  l1?: number;
  /** A variational autoencoder (default false). */
  variational?: boolean;
  /** The KL term's weight, >= 0 (variational only; default 1). */
  beta?: number | null;
  /** Denoising (default null: off). */
  noise?: Noise | null;
  /** Images per minibatch, 1..65536 (default 32, as Keras `fit`). */
  batch_size?: number;
}

/** `options()`: every key, resolved. Passing it back builds the same model. */
export interface ResolvedOptions {
  readonly input: number;
  readonly encoder: number[];
  readonly latent: number;
  readonly decoder: number[];
  readonly activation: Activation;
  readonly latent_activation: Activation;
  readonly output: 'sigmoid' | 'linear';
  readonly loss: 'mse' | 'binary_crossentropy';
  readonly optimizer: 'adam' | 'rmsprop' | 'sgd';
  readonly learning_rate: number;
  readonly momentum: number;
  readonly l1: number;
  readonly variational: boolean;
  /** null unless variational. */
  readonly beta: number | null;
  /** null when off. */
  readonly noise: Noise | null;
  readonly batch_size: number;
}

/** A loss in its parts: `total` is what Keras reports. */
export interface LossTerms {
  readonly reconstruction: number;
  /** The L1 penalty, or `beta * kl` for a variational model. */
  readonly penalty: number;
  /** 0 but for a variational model. */
  readonly kl: number;
  readonly total: number;
}

/** What `survey(images)` returns. */
export interface Survey {
  /** Every image's code: n*latent values. */
  readonly codes: Float32Array;
  /** `evaluate` of the test images, to the bit. */
  readonly testError: number;
  /** The test images' MSE, whatever the loss. */
  readonly testMse: number;
}

/** What `train_epochs_async` reports after each epoch. */
export interface EpochProgress {
  /** Epochs done by this call so far (1 after the first). */
  readonly done: number;
  /** Epochs this call trains. */
  readonly epochs: number;
  /** The model's epochs completed. */
  readonly epoch: number;
  /** That epoch's mean loss, as Keras `fit` reports it. */
  readonly loss: number;
}

/** A Dense autoencoder (Keras initialisation, Adam, MSE by default), trained in wasm. */
export declare class Autoencoder {
  /**
   * A model from `seed` (a whole number, 0 to 2^53-1; without one a seed is drawn from crypto)
   * and `options` (keys left out take the classic model's values).
   */
  constructor(seed?: number | null, options?: Options);
  /** The resolved options: every key. */
  options(): ResolvedOptions;
  /** The number of weights (2276 for the classic model). */
  readonly n_params: number;
  /** Units in the latent code (4 for the classic model). */
  readonly latent: number;
  /** The seed in use. */
  readonly seed: number;
  /** `steps` (1..100000, default 1) optimizer updates; their mean loss. */
  train_step(steps?: number): number;
  /**
   * Trains `epochs` (default 1) whole passes over the training data, as Keras `fit(epochs=...)`
   * (ceil(n / batch_size) steps each); each epoch's mean loss, as Keras reports it.
   */
  train_epochs(epochs?: number): Float32Array;
  /** train_epochs, yielding to the event loop between epochs; `onEpoch` after each. */
  train_epochs_async(epochs?: number, onEpoch?: (progress: EpochProgress) => void): Promise<Float32Array>;
  /** Reconstructions of n images (n*64 values in [0, 1]): n*64 values. */
  reconstruct(x: Numbers): Float32Array;
  /** Latent codes of n images: n*latent values (a variational model: the means). */
  encode(x: Numbers): Float32Array;
  /** A variational model's log-variances of n images: n*latent values. */
  encode_log_var(x: Numbers): Float32Array;
  /** Images decoded from n codes (n*latent values): n*64 values. */
  decode(z: Numbers): Float32Array;
  /** A variational model's images from `n` (1..10000, default 1) draws of the prior. */
  sample(n?: number): Float32Array;
  /** The reconstruction error of n images, without an update. */
  evaluate(x: Numbers): number;
  /** `evaluate(x)` in its parts. */
  evaluate_terms(x: Numbers): LossTerms;
  /** Every layer's outputs for n images, with the units flagged in `off` held at 0. */
  activations(x: Numbers, off?: Numbers | null): Float32Array;
  /** `evaluate_terms(x)` with the units flagged in `off` held at 0. */
  evaluate_terms_without(x: Numbers, off?: Numbers | null): LossTerms;
  /** A denoising model's noise on n images, from a generator fixed by `seed`. */
  corrupt(x: Numbers, seed: number): Float32Array;
  /** Every image's code and the test part's errors, in one call. */
  survey(images: ImageSet): Survey;
  /** Trains on these n images (n*64 values in [0, 1]) from now on. */
  set_data(pixels: Numbers): void;
  /** The optimizer's learning rate, as set (adam, rmsprop 0.001; sgd 0.01 by default). */
  learning_rate: number;
  /** Images per minibatch, 1..65536 (default 32). */
  batch_size: number;
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer updates made. */
  readonly step: number;
  /** The loss over the training data as Keras reports it, without an update. */
  loss(): number;
  /** `loss()` in its parts. */
  loss_terms(): LossTerms;
  /** The `n_params` weights in Keras `get_weights()` order, flattened. */
  get_weights(): Float32Array;
  /** Loads `n_params` weights in that order; resets the optimizer's state. */
  set_weights(w: Numbers): void;
  /**
   * The model's whole state as bytes: seed, options, weights, optimizer state, generators,
   * counters and place in the epoch (for a worker to post, or to keep and resume from).
   */
  checkpoint(): Uint8Array;
  /**
   * The model a `checkpoint()` describes; the next `set_data` of the same data keeps its place
   * in the epoch. The checkpoint's reader is the Keras build's: `await initKeras()` once (Node
   * starts it by itself).
   */
  static from_checkpoint(checkpoint: Uint8Array): Autoencoder;
  /**
   * Puts this model, made with a checkpoint's `seed` and `options`, at the checkpoint's state:
   * the other parts of the Keras build's `checkpoint_parts()` (what `from_checkpoint` and
   * `from_keras` do). Every part is checked first; a refusal leaves the model as it was.
   */
  resume(weights: Numbers, slots: Numbers, words: Uint32Array): void;
  /**
   * The bytes of a `.keras` file of the model, for `keras.saving.load_model` (README, "Keras
   * files"). Needs the Keras build: `await initKeras()` once (Node starts it by itself).
   */
  to_keras(): Uint8Array;
  /**
   * A model from a `.keras` file's bytes: any Dense autoencoder tinyae can run, with the
   * optimizer's state, and with tinyae's checkpoint entry its generators and counters. Needs
   * the Keras build, as `to_keras` does.
   */
  static from_keras(bytes: Uint8Array | ArrayBuffer): Autoencoder;
  /** Releases the model's wasm memory; the object is unusable after. */
  free(): void;
}

/** n images kept in wasm memory, and which are held out for testing (for `survey`). */
export declare class ImageSet {
  /** `pixels`: n*width finite values; `test`: the held-out items' indices, each below n. */
  constructor(pixels: Numbers, test: Uint32Array | readonly number[], width?: number);
  /** The number of items. */
  readonly n: number;
  /** Values per item (default 64). */
  readonly width: number;
  free(): void;
}

/** Principal component analysis, as scikit-learn's `PCA` computes it. */
export declare class Pca {
  /** Fits `components` (1..=64, default 4) axes to n images (n*64 finite values, n >= 2). */
  constructor(x: Numbers, components?: number);
  /** Fits `components` (1..=64, at most `columns` and n) axes to n rows of `columns` (1..=4096) values. */
  static fit_rows(x: Numbers, columns: number, components: number): Pca;
  readonly n_components: number;
  components(): Float32Array;
  explained_variance_ratio(): Float32Array;
  explained_variance(): Float32Array;
  mean(): Float32Array;
  transform(x: Numbers): Float32Array;
  inverse_transform(z: Numbers): Float32Array;
  reconstruction_mse(x: Numbers): number;
  free(): void;
}

/** `"simd128"` or `"scalar"`: the kernels the running build uses. */
export declare function kernels(): 'simd128' | 'scalar';
/** 64: the values in one image. */
export declare function pixels(): number;
/** A seeded train/test split of n images: a shuffle of 0..n whose first `test` are the test set. */
export declare function split_indices(n: number, test: number, seed: number): Uint32Array;

/**
 * What every refused call throws: an `Error` whose message names the value as given and its
 * type, and what is accepted, and whose `argument` names what was refused (the argument, e.g.
 * "seed", "x", "weights", "steps", or the option's key, e.g. "learning_rate", "noise").
 */
export interface TinyaeError extends Error {
  readonly argument: string;
  /** The message without the argument's name in front, when it starts with it. */
  readonly reason?: string;
}

/** What `init()` resolves to: the build that runs and its kernels. */
export interface Started {
  readonly build: 'simd' | 'scalar';
  readonly kernels: 'simd128' | 'scalar';
}

/** What `init()` can start from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The build this engine runs: 'simd' where it compiles wasm SIMD, else 'scalar'. */
export declare const build: 'simd' | 'scalar';
/** The URL of that build's .wasm. */
export declare const wasmUrl: URL;

/**
 * Starts the wasm module (once; later calls resolve at once). With no argument it loads the
 * package's own .wasm (fetched in browsers, read from disk in Node).
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<Started>;
/** Starts the wasm module synchronously from its bytes or a compiled module (Node: no argument needed). */
export declare function initSync(input?: BufferSource | WebAssembly.Module): Started;
/**
 * Starts the Keras build that `to_keras()` and `Autoencoder.from_keras()` need (once; later
 * calls resolve at once). With no argument it loads the package's own file (fetched in browsers;
 * in Node it is read from disk, and the first call that needs it starts it by itself).
 */
export declare function initKeras(input?: InitInput | Promise<InitInput>): Promise<void>;
