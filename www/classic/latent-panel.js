// The latent code, whatever its size: the grid of squares (the nearest of 1x1, 1x2, 2x2, 2x4,
// 4x4, which its caption names) and the sliders that move it, with the run's dead units (its
// DeadUnits watch, core/dead-units.js). The size comes with each run; a new size rebuilds the
// sliders.
import { latentCaption, latentCells, latentGrid } from '../core/architecture.js';
import { valueRange } from '../core/grid.js';
import { GridView } from '../core/grid-view.js';
import { createLatentSliders } from './latent-sliders.js';
import { setText } from '../core/dom.js';

/**
 * Wires the latent grid, its caption and the sliders found in `root`. `onProbe(z)` and
 * `onNewSeed()` are the sliders'. Returns `{ setUnits(n), draw(code, probe, dead) }`.
 */
export function createLatentPanel(root, { onProbe, onNewSeed }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const view = new GridView($('latent'), {
    rows: 2,
    cols: 2,
    describe: (i, v) =>
      Number.isFinite(v) ? `unit ${i + 1}: ${v.toFixed(3)}` : 'empty square: no unit',
    colorbar: $('colorbar'),
  });
  const box = $('latent-sliders');
  const note = $('dead-note');
  let units = 0;
  let sparse = false; // an L1 penalty on the code: silent units are its point, not a fault
  let sliders = null;

  return {
    /** A run with `n` latent units (an L1 penalty on them if `l1` > 0) begins: the grid, the captions and n sliders. */
    setUnits(n, l1 = 0) {
      sparse = l1 > 0;
      if (n === units) return sliders.reset();
      units = n;
      [view.rows, view.cols] = latentGrid(n);
      const caption = `Latent space representation (${latentCaption(n)})`;
      $('latent').setAttribute('aria-label', caption);
      setText($('latent-caption'), caption);
      setText(
        $('sliders-title'),
        n === 1 ? 'Move the latent number' : `Move the ${n} latent numbers`,
      );
      box.replaceChildren();
      note.replaceChildren();
      sliders = createLatentSliders(box, { note, units: n, onProbe, onNewSeed });
    },
    /**
     * Draws `code` (the input's) and the sliders, which show `probe` once the reader holds
     * them, and flag the units `dead` names.
     */
    draw(code, probe, dead) {
      const { cells } = latentCells(code);
      // Scaled to the values present, as matplotlib's imshow does: the code has no fixed range.
      view.draw(cells, valueRange(code));
      sliders.update({ code: Array.from(code), probe, dead, sparse });
    },
  };
}
