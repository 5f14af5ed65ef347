// The latent code, whatever its size: the grid of squares (the nearest of 1x1, 1x2, 2x2, 2x4,
// 4x4, which its caption names), the sliders that move it and the dead-unit watch. The size
// comes with each run; a new size rebuilds the sliders.
import { latentCells, latentGrid } from '../core/architecture.js';
import { valueRange } from '../core/grid.js';
import { GridView } from '../core/grid-view.js';
import { createLatentSliders } from './latent-sliders.js';
import { setText } from '../core/dom.js';

// A latent unit at exactly 0 on the training image for this many epochs is flagged as dead
// (early on a unit may switch off and back on while the weights settle).
const DEAD_AFTER_EPOCHS = 100;

/** "2x2", or "2x4: 6 units, the last 2 squares empty". */
export function latentCaption(units) {
  const [rows, cols] = latentGrid(units);
  const empty = rows * cols - units;
  const grid = `${rows}x${cols}`;
  if (!empty) return grid;
  return `${grid}: ${units} unit${units === 1 ? '' : 's'}, the last ${empty === 1 ? 'square' : `${empty} squares`} empty`;
}

/**
 * Wires the latent grid, its caption and the sliders found in `root`. `onProbe(z)` and
 * `onNewSeed()` are the sliders'. Returns `{ setUnits(n), watch(frame, previousEpoch), draw(code,
 * probe), dead }`.
 */
export function createLatentPanel(root, { onProbe, onNewSeed }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const view = new GridView($('latent'), {
    rows: 2,
    cols: 2,
    describe: (i, v) => (Number.isFinite(v) ? `unit ${i + 1}: ${v.toFixed(3)}` : 'empty square: no unit'),
    colorbar: $('colorbar'),
  });
  const box = $('latent-sliders');
  const note = $('dead-note');
  let units = 0;
  let sliders = null;
  let deadSince = [];
  const dead = [];

  const panel = {
    dead,
    /** A run with `n` latent units begins: the grid, the captions and n sliders. */
    setUnits(n) {
      deadSince = new Array(n).fill(null);
      dead.length = 0;
      dead.push(...deadSince.map(() => false));
      if (n === units) return sliders.reset();
      units = n;
      [view.rows, view.cols] = latentGrid(n);
      const caption = `Latent space representation (${latentCaption(n)})`;
      $('latent').setAttribute('aria-label', caption);
      setText($('latent-caption'), caption);
      setText($('sliders-title'), n === 1 ? 'Move the latent number' : `Move the ${n} latent numbers`);
      box.replaceChildren();
      note.replaceChildren();
      sliders = createLatentSliders(box, { note, units: n, onProbe, onNewSeed });
    },
    /** Follows `frame.dataCode` (the training image's code) for units stuck at 0. */
    watch(frame, previousEpoch) {
      const over = frame.epoch >= frame.target;
      for (let i = 0; i < units; i++) {
        if (frame.dataCode[i] !== 0) deadSince[i] = null;
        else if (deadSince[i] === null) deadSince[i] = previousEpoch;
        const since = deadSince[i];
        dead[i] = since !== null && (frame.epoch - since >= DEAD_AFTER_EPOCHS || (over && frame.epoch > 0));
      }
    },
    /** Draws `code` (the input's) and the sliders, which show `probe` once the reader holds them. */
    draw(code, probe) {
      const { cells } = latentCells(code);
      // Scaled to the values present, as matplotlib's imshow does: the code has no fixed range.
      view.draw(cells, valueRange(code));
      sliders.update({ code: Array.from(code), probe, dead });
    },
  };
  return panel;
}
