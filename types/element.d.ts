// Types of `tinyae/element`: importing it registers <tiny-autoencoder>. The attributes are its
// public API (README, "Embed it"); the run's state is published as data-* attributes on the tag.

/** The attributes <tiny-autoencoder> reads (values as written in HTML). */
export interface TinyAutoencoderAttributes {
  /** A whole number, 0 to 2^53-1 (default 78). */
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
  /** `compact` (default) or `full` (the whole explorer). */
  panels?: 'compact' | 'full';
  /** A length (`420` is px, `30rem`): the box scrolls inside. */
  height?: string;
  /** Overrides the reader's colour scheme. */
  theme?: 'light' | 'dark';
}

/** What the element publishes in `dataset` (data-state etc.). */
export type TinyAutoencoderState = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';

/** The <tiny-autoencoder> element. */
export declare class TinyAutoencoder extends HTMLElement {
  /** The attributes whose change restarts the element. */
  static readonly observedAttributes: readonly string[];
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
