// Types of `tinyae/element`: importing it registers <tiny-autoencoder>. Its attributes, methods,
// properties and events are its public API (README, "Embed it" and "Drive it from your post").

/** The attributes <tiny-autoencoder> reads (values as written in HTML). */
export interface TinyAutoencoderAttributes {
  /** A whole number, 0 to 2^53-1 (default 78; panels="map": 2). */
  seed?: `${number}`;
  /** A digit 0-9: the image to learn (default 4). */
  preset?: '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
  /** 16 hex digits: an 8x8 binary image (the page's link `input=`); wins over `preset`. */
  pixels?: string;
  /** 1 to 1,000,000 (default 1000). */
  epochs?: `${number}`;
  /** Adam steps per frame, or `max` (default 5). */
  speed?: '1' | '2' | '5' | '10' | '20' | '50' | '100' | 'max';
  /** Adam's learning rate (default 0.001). */
  'learning-rate'?: `${number}`;
  /** Present: trains on arrival. */
  autoplay?: '' | 'autoplay' | 'true' | 'false';
  /**
   * `compact` (default), `full` (the whole explorer), `map` (the data page's latent map) or
   * `generate` (its variational autoencoder's grid and Generate).
   */
  panels?: 'compact' | 'full' | 'map' | 'generate';
  /**
   * The data set of `panels="map"` (default digits); `generate` takes only `digits`, and the
   * compact and full views none.
   */
  data?: 'digits' | 'mnist' | 'quickdraw';
  /** A length (`420` is px, `30rem`): the box scrolls inside. */
  height?: string;
  /**
   * The controls to show, space-separated, the rest hidden: play, step, seed, learning-rate,
   * epochs, speed, epoch, loss, chart, draw, sliders, weights (default: all).
   */
  controls?: string;
  /** Overrides the reader's colour scheme. */
  theme?: 'light' | 'dark';
  /** Encoder hidden widths, 0 to 3 of 1-64 joined by `-` (`32-16`; empty: none; default `16`). */
  encoder?: string;
  /** Latent units, 1 to 16 (default 4). */
  latent?: `${number}`;
  /** Decoder hidden widths, as `encoder` (default `16`). */
  decoder?: string;
  /** Hidden layers' activation (default relu). */
  activation?: 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'elu';
  /** The latent layer's activation (default relu). */
  'latent-activation'?: 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'elu';
  /** The output's activation (default sigmoid). */
  output?: 'sigmoid' | 'linear';
  /** The loss (default mse); binary_crossentropy needs output="sigmoid". */
  loss?: 'mse' | 'binary_crossentropy';
  /** The optimizer (default adam). */
  optimizer?: 'adam' | 'rmsprop' | 'sgd';
  /** SGD's momentum, 0 <= m < 1 (default 0; sgd only). */
  momentum?: `${number}`;
  /** L1 activity penalty on the code, >= 0 (default 0). */
  l1?: `${number}`;
  /** Denoising: `none` (default), `gaussian:<0-10>` or `mask:<0-1>`. */
  noise?: string;
}

/** What the element publishes in `dataset` (data-state etc.). */
export type TinyAutoencoderState = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';

/** `detail` of the `statechange` event. */
export interface TinyAutoencoderStateChange {
  readonly state: TinyAutoencoderState;
  readonly previous: TinyAutoencoderState;
  readonly epoch: number;
  readonly loss: number | null;
}

/** `detail` of the `epoch` event (at most one per animation frame). */
export interface TinyAutoencoderEpoch {
  readonly epoch: number;
  readonly loss: number | null;
  readonly state: TinyAutoencoderState;
}

/** `detail` of the `done` event: the run reached its last epoch. */
export interface TinyAutoencoderDone {
  readonly epoch: number;
  readonly loss: number | null;
  readonly seed: number;
}

/** The element's events and their details. */
export interface TinyAutoencoderEventMap extends HTMLElementEventMap {
  statechange: CustomEvent<TinyAutoencoderStateChange>;
  epoch: CustomEvent<TinyAutoencoderEpoch>;
  done: CustomEvent<TinyAutoencoderDone>;
}

/** The <tiny-autoencoder> element. */
export declare class TinyAutoencoder extends HTMLElement {
  /** The attributes whose change restarts the element. */
  static readonly observedAttributes: readonly string[];
  /** Trains on to the last epoch; a finished run starts again. Starts the element if need be. */
  play(): void;
  /** Stops training; the run keeps its place. */
  pause(): void;
  /** Pauses, then trains `steps` more epochs (1 to 100,000; default 1); a RangeError otherwise. */
  step(steps?: number): void;
  /** Starts the run again from its seed, paused at epoch 0. */
  reset(): void;
  /** Epochs trained so far. */
  readonly epoch: number;
  /**
   * The training loss now (MSE; panels="map": the network's own, "generate": the VAE's), or
   * null before the first frame.
   */
  readonly loss: number | null;
  /** Where the run is. */
  readonly state: TinyAutoencoderState;
  /** The run's seed; setting it (like the attribute) restarts the element. */
  seed: number;
  addEventListener<K extends keyof TinyAutoencoderEventMap>(
    type: K,
    listener: (this: TinyAutoencoder, ev: TinyAutoencoderEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  setAttribute<K extends keyof TinyAutoencoderAttributes>(
    name: K,
    value: NonNullable<TinyAutoencoderAttributes[K]>,
  ): void;
  setAttribute(name: string, value: string): void;
  getAttribute<K extends keyof TinyAutoencoderAttributes>(name: K): string | null;
  getAttribute(name: string): string | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'tiny-autoencoder': TinyAutoencoder;
  }
}
