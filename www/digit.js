// The classic binary '4' the autoencoder learns by default. The wasm core carries its own copy
// as its default training set; this one is only for display, and the e2e test checks the two
// agree by comparing it with the trained reconstruction.

/** Side of the square image, in pixels. */
export const SIZE = 8;

const ROWS = [
  '00010000',
  '00110000',
  '01010000',
  '10010000',
  '11111000',
  '00010000',
  '00010000',
  '00010000',
];

/** The '4' as SIZE*SIZE numbers, row-major, 1 = ink, 0 = background. */
export const DIGIT_FOUR = Object.freeze(ROWS.flatMap((row) => [...row].map(Number)));
