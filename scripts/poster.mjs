// The element's static poster: the finished classic run (seed 78, 1000 epochs on the '4') as an
// SVG of its three panels, for hosts that strip scripts (the element's light-DOM fallback). The
// numbers come from the release build, trained here in Node, so the poster is the run a reader
// would see; the grey levels are the page's own (grid.js).
//
//   node scripts/poster.mjs [out.svg]      (default www/pkg/poster.svg, shipped with the builds)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIGIT_FOUR } from '../www/core/digit.js';
import { grayLevel, valueRange } from '../www/core/grid.js';
import { DEFAULTS } from '../www/core/urlstate.js';
import { loadBuild } from './load-build.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CELL = 16; // px per pixel of the 8x8 panels
const PANEL = 8 * CELL;
const GAP = 24;
const CAPTION = 22;

/** `values` (rows x cols, row-major) as grey <rect>s in a PANEL-sized square at x. */
function grid(values, rows, cols, x, { min = 0, max = 1 } = {}) {
  const w = PANEL / cols;
  const h = PANEL / rows;
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const g = grayLevel(values[r * cols + c], min, max);
      cells.push(
        `<rect x="${x + c * w}" y="${r * h}" width="${w}" height="${h}" fill="rgb(${g},${g},${g})"/>`,
      );
    }
  }
  return cells.join('');
}

/** The poster's SVG text for the classic run of `seed`. */
export async function posterSvg(seed = DEFAULTS.seed, epochs = DEFAULTS.epochs) {
  const { Autoencoder } = await loadBuild('simd');
  const ae = new Autoencoder(seed);
  const x = Float32Array.from(DIGIT_FOUR);
  ae.train_step(epochs);
  const recon = ae.reconstruct(x);
  const code = ae.encode(x);
  const loss = ae.loss();
  ae.free();
  const width = 3 * PANEL + 2 * GAP;
  const captions = ['Original', 'Reconstruction', 'Latent code (2x2)'];
  const label =
    `tinyae: an 8x8 '4', its reconstruction after ${epochs.toLocaleString('en-US')} epochs ` +
    `(MSE ${loss.toExponential(2)}) and the 2x2 latent code it passes through`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${PANEL + CAPTION}" width="${width}" ` +
    `height="${PANEL + CAPTION}" role="img" aria-label="${label}"><title>${label}</title>` +
    grid(DIGIT_FOUR, 8, 8, 0) +
    grid(recon, 8, 8, PANEL + GAP) +
    grid(code, 2, 2, 2 * (PANEL + GAP), valueRange(code)) +
    captions
      .map(
        (text, i) =>
          `<text x="${i * (PANEL + GAP) + PANEL / 2}" y="${PANEL + CAPTION - 5}" ` +
          `text-anchor="middle" font-family="system-ui, sans-serif" font-size="14" fill="#555">${text}</text>`,
      )
      .join('') +
    '</svg>\n'
  );
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'www/pkg/poster.svg'));
  writeFileSync(out, await posterSvg());
  console.log(`[poster] ${path.relative(REPO_ROOT, out)}`);
}
