// The digits as 8x8 binary glyphs: the classic '4' the autoencoder learns by default, and nine
// companions drawn in the same thin-stroke style for the presets. The wasm core carries its own
// copy of the '4' as its default training set; the e2e test checks the two agree by comparing
// this one with the trained reconstruction.

/** Side of the square image, in pixels. */
export const SIZE = 8;

// One string per row, '#' = ink. The '4' is the article's, pixel for pixel.
const GLYPHS = [
  ['..###...', '.#...#..', '.#...#..', '.#...#..', '.#...#..', '.#...#..', '.#...#..', '..###...'],
  ['...#....', '..##....', '.#.#....', '...#....', '...#....', '...#....', '...#....', '.#####..'],
  ['..###...', '.#...#..', '.....#..', '....#...', '...#....', '..#.....', '.#......', '.#####..'],
  ['.####...', '.....#..', '.....#..', '..###...', '.....#..', '.....#..', '.....#..', '.####...'],
  ['...#....', '..##....', '.#.#....', '#..#....', '#####...', '...#....', '...#....', '...#....'],
  ['.#####..', '.#......', '.#......', '.####...', '.....#..', '.....#..', '.#...#..', '..###...'],
  ['..###...', '.#......', '.#......', '.####...', '.#...#..', '.#...#..', '.#...#..', '..###...'],
  ['.#####..', '.....#..', '....#...', '....#...', '...#....', '...#....', '..#.....', '..#.....'],
  ['..###...', '.#...#..', '.#...#..', '..###...', '.#...#..', '.#...#..', '.#...#..', '..###...'],
  ['..###...', '.#...#..', '.#...#..', '.#...#..', '..####..', '.....#..', '.....#..', '..###...'],
];

const toPixels = (rows) =>
  Object.freeze(rows.flatMap((row) => [...row].map((ch) => (ch === '#' ? 1 : 0))));

/** The digits 0-9, each SIZE*SIZE numbers, row-major, 1 = ink, 0 = background. */
export const DIGITS = Object.freeze(GLYPHS.map(toPixels));

/** The classic '4' as SIZE*SIZE numbers, row-major, 1 = ink, 0 = background. */
export const DIGIT_FOUR = DIGITS[4];

/** The digit 0-9 whose glyph `pixels` is exactly, or null for anything else. */
export function digitOf(pixels) {
  const found = DIGITS.findIndex((glyph) => glyph.every((v, i) => v === pixels[i]));
  return found < 0 ? null : found;
}
