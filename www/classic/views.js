// The '4' page's pictures: the input (paintable, with the presets), its reconstruction, the
// code with its colour bar, the decoder's image of the sliders' code, and the loss chart.
import { digitOf, SIZE } from '../core/digit.js';
import { valueRange } from '../core/grid.js';
import { GridView } from '../core/grid-view.js';
import { LossChart } from '../core/losschart.js';
import { createLatentSliders } from './latent-sliders.js';
import { attachPainter } from './painter.js';
import { createPresets } from './presets.js';

const cell = (i) => `row ${Math.floor(i / SIZE) + 1}, column ${(i % SIZE) + 1}`;

/**
 * Builds the views found in `root`. `units` is the code's length; `input()` the image shown;
 * `on` holds what the reader does: input(pixels) (painted or picked), paintDone(), probe(z)
 * (the sliders), newSeed() (the dead-unit note's remedy). Returns `{ showInput(), draw(view),
 * resetSliders() }`.
 */
export function createViews(root, { units, input, on }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const original = new GridView($('original'), {
    rows: SIZE,
    cols: SIZE,
    describe: (i, v) => `${cell(i)}: ${v > 0.5 ? 'ink (1)' : 'blank (0)'}`,
  });
  const pixelTip = (i, v) => `${cell(i)}: ${v.toFixed(3)}`;
  const reconstruction = new GridView($('reconstruction'), { rows: SIZE, cols: SIZE, describe: pixelTip });
  const decoded = new GridView($('decoded'), { rows: SIZE, cols: SIZE, describe: pixelTip });
  // The classic code is drawn as the article draws it: a 2x2 image.
  const latent = new GridView($('latent'), {
    rows: 2,
    cols: units / 2,
    describe: (i, v) => `unit ${i + 1}: ${v.toFixed(3)}`,
    colorbar: $('colorbar'),
  });
  const chart = new LossChart($('losschart'));
  const caption = $('original-caption');
  const presets = createPresets($('presets'), { onPick: (pixels) => on.input(pixels) });
  const sliders = createLatentSliders($('latent-sliders'), {
    note: $('dead-note'),
    units,
    onProbe: (z) => on.probe(z),
    onNewSeed: () => on.newSeed(),
  });
  attachPainter(original, {
    getPixels: input,
    onChange: (pixels) => on.input(pixels),
    onDone: () => on.paintDone(),
    announce: (text) => ($('announce').textContent = text),
  });

  return {
    /** Draws the input and names it (a preset's digit, or the reader's drawing). */
    showInput() {
      const pixels = input();
      original.draw(pixels);
      const digit = digitOf(pixels);
      presets.setActive(digit);
      caption.textContent = digit === null ? 'Original 8x8 image: your drawing' : `Original 8x8 image of digit '${digit}'`;
    },
    /** `frame` (the worker's), the run's and the previous run's loss histories, its end, the probe and the dead units. */
    draw({ frame, history, previous, target, probe, dead }) {
      reconstruction.draw(frame.recon);
      // Scaled to the values present, as matplotlib's imshow does: the code has no fixed range.
      latent.draw(frame.code, valueRange(frame.code));
      decoded.draw(frame.decoded ?? frame.recon);
      chart.draw({ current: history, previous, target });
      sliders.update({ code: Array.from(frame.code), probe, dead });
    },
    /** A new run: the sliders' scale starts small again (unless the reader holds them). */
    resetSliders: () => sliders.reset(),
  };
}
