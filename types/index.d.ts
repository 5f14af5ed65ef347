// Types of the package's API (`import init, { Autoencoder } from 'tinyae'`). The classes'
// members come from wasm-bindgen's generated declarations of the build; what is declared here
// is what those cannot say: the optional constructor arguments and the package's own init().
import type {
  Autoencoder as AutoencoderMembers,
  InitInput,
  Pca as PcaMembers,
} from '../www/pkg/simd/tinyae.js';

export type { InitInput } from '../www/pkg/simd/tinyae.js';
export { kernels, split_indices } from '../www/pkg/simd/tinyae.js';

/** Numbers the API accepts wherever it takes images, codes or weights. */
export type Numbers = Float32Array | Float64Array | ArrayLike<number>;

/** The 64-16-4-16-64 autoencoder (Keras initialisation, Adam, MSE), trained in wasm. */
export interface Autoencoder extends AutoencoderMembers {}
export declare const Autoencoder: {
  /** A model from `seed` (a whole number, 0 to 2^53-1); without one a seed is drawn from crypto. */
  new (seed?: number): Autoencoder;
  readonly prototype: Autoencoder;
};

/** Principal component analysis of images or of rows of any width, as scikit-learn's `PCA` computes it. */
export interface Pca extends PcaMembers {}
export declare const Pca: {
  /** Fits `components` (1..=64, default 4) principal axes to n images (n*64 finite values). */
  new (x: Numbers, components?: number): Pca;
  /**
   * Fits `components` (1..=64, at most `columns` and n) principal axes to n rows of `columns`
   * values (1..=4096; x: n*columns finite values, n >= 2).
   */
  fit_rows(x: Numbers, columns: number, components: number): Pca;
  readonly prototype: Pca;
};

/**
 * What every refused call throws: an `Error` whose message names the value and what is
 * accepted, and whose `argument` names what was refused (the argument, e.g. "seed", "x",
 * "weights", "steps", or the option's key, e.g. "learning_rate", "noise"), so callers can point
 * at the right field without parsing the message.
 */
export interface TinyaeError extends Error {
  readonly argument: string;
}

/** What `init()` resolves to: the build that runs and its kernels. */
export interface Started {
  readonly build: 'simd' | 'scalar';
  readonly kernels: 'simd128' | 'scalar';
}

/** The build this engine runs: 'simd' where it compiles wasm SIMD, else 'scalar'. */
export declare const build: 'simd' | 'scalar';
/** The URL of that build's .wasm, beside its glue. */
export declare const wasmUrl: URL;

/**
 * Starts the wasm module (once; later calls resolve at once). With no argument it loads the
 * package's own .wasm (fetched in browsers, read from disk in Node).
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<Started>;
/** Starts the wasm module synchronously from its bytes or a compiled module (Node: no argument needed). */
export declare function initSync(input?: BufferSource | WebAssembly.Module): Started;
