// The '4' page's pictures: the input (paintable, with the presets and the picture input), its
// reconstruction, the latent panel (the code, its sliders and dead units), the decoder's image
// of the sliders' code, the network view and the loss chart.
import { networkText } from '../core/architecture.js';
import { Chart } from '../core/chart.js';
import { digitOf, SIZE } from '../core/digit.js';
import { setTextAll } from '../core/dom.js';
import { numbersWords, numberWord } from '../core/format.js';
import { GridView } from '../core/grid-view.js';
import { createLatentPanel } from './latent-panel.js';
import { lazyNetworkView } from './network-panel.js';
import { attachPainter } from './painter.js';
import { createPictureInput } from './picture-input.js';
import { createPresets } from './presets.js';

const cell = (i) => `row ${Math.floor(i / SIZE) + 1}, column ${(i % SIZE) + 1}`;
// A picture's greys are named as such; the painter and the presets make only 0s and 1s.
const shade = (v) => ({ 1: 'ink (1)', 0: 'blank (0)' })[v] ?? `grey (${v.toFixed(2)})`;

/**
 * Builds the views found in `root`. `input()` is the image shown; `on` holds what the reader
 * does: input(pixels) (painted, picked or a picture), paintDone(), probe(z) (the sliders),
 * newSeed() (the dead-unit note's remedy), knockOut(off) (the network view's units). Returns
 * `{ showInput(), setNetwork(options), draw(view), knockOuts(), knockOut(units) }`.
 */
export function createViews(root, { input, on }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const original = new GridView($('original'), {
    rows: SIZE,
    cols: SIZE,
    describe: (i, v) => `${cell(i)}: ${shade(v)}`,
  });
  const pixelTip = (i, v) => `${cell(i)}: ${v.toFixed(3)}`;
  const reconstruction = new GridView($('reconstruction'), {
    rows: SIZE,
    cols: SIZE,
    describe: pixelTip,
  });
  const decoded = new GridView($('decoded'), { rows: SIZE, cols: SIZE, describe: pixelTip });
  const latent = createLatentPanel(root, {
    onProbe: (z) => on.probe(z),
    onNewSeed: () => on.newSeed(),
  });
  // The reconstruction says when it is drawn without some units (the network view's knock-outs).
  const reconCaption = $('reconstruction').closest('figure').querySelector('figcaption');
  const showKnockOuts = (off) => {
    const n = off ? off.filter(Boolean).length : 0;
    const text = `Reconstructed 8x8 image${n === 0 ? '' : `, with ${n === 1 ? 'one unit' : `${numberWord(n)} units`} knocked out`}`;
    reconCaption.textContent = text;
    $('reconstruction').setAttribute('aria-label', text);
  };
  const network = lazyNetworkView($('network-view'), {
    onKnockOut: (off) => {
      showKnockOuts(off);
      on.knockOut(off);
    },
  });
  const chart = new Chart($('losschart'));
  const caption = $('original-caption');
  const presets = createPresets($('presets'), { onPick: (pixels) => on.input(pixels) });
  attachPainter(original, {
    getPixels: input,
    onChange: (pixels) => on.input(pixels),
    onDone: () => on.paintDone(),
    announce: (text) => ($('announce').textContent = text),
  });
  // The picture last used, so the caption names it rather than calling it a drawing.
  let used = null; // { pixels, name }
  createPictureInput(root, {
    onUse: (pixels, name) => {
      used = { pixels: pixels.join(), name };
      on.input(pixels);
    },
  });

  return {
    /** Draws the input and names it (a preset's digit, the picture used, or the reader's drawing). */
    showInput() {
      const pixels = input();
      original.draw(pixels);
      const digit = digitOf(pixels);
      presets.setActive(digit);
      const picture =
        used?.pixels === pixels.join() ? `your picture, ${used.name}` : 'your drawing';
      caption.textContent =
        digit === null
          ? `Original 8x8 image: ${picture}`
          : `Original 8x8 image of digit '${digit}'`;
    },
    /**
     * A run of the network `options` (the core's options()) begins: the latent grid and its
     * sliders take its size (their scale starts small again unless the reader holds them), and
     * the network view its layers.
     */
    setNetwork(options) {
      latent.setUnits(options.latent, options.l1);
      // The words that name the network follow it: "one number", "64 → 32 → 2 → 32 → 64".
      setTextAll(root, '.k-numbers', numbersWords(options.latent));
      setTextAll(root, '.net-widths', networkText(options));
      // The chart's words name the loss this network trains on (and its L1 term, if any).
      const name = `${options.loss === 'binary_crossentropy' ? 'Binary cross-entropy' : 'Mean squared error'}${options.l1 > 0 ? ' plus the L1 penalty on the code' : ''}`;
      setTextAll(root, '.loss-name', name);
      network.setNetwork(options);
      showKnockOuts(null);
    },
    /** The network view's knocked-out units, [layer, unit] pairs from 1. */
    knockOuts: () => network.knockOuts(),
    /** Knocks out `units` ([layer, unit] pairs from 1), as clicks would: a link's `off=`. */
    knockOut: (units) => network.knockOut(units),
    /** `frame` (the worker's), the run's and the previous run's loss histories, its end, the probe and the dead units. */
    draw({ frame, history, previous, target, probe, dead }) {
      reconstruction.draw(frame.recon);
      latent.draw(frame.code, probe, dead);
      decoded.draw(frame.decoded ?? frame.recon);
      network.draw(frame.net, frame.loss, frame.running);
      chart.draw({
        series: [
          {
            history: previous,
            name: 'previous run',
            color: ['--ghost', '#999'],
            dash: [4, 3],
            width: 1.5,
          },
          { history, name: 'loss', color: ['--accent', '#2f6fed'], width: 1.5, main: true },
        ],
        target,
      });
    },
  };
}
