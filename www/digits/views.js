// What the digits page draws: the loss chart, the two maps and their hover cards, the explorer,
// the decoded grid, the gallery, the PCA figures and every sentence that names the code's size.
// It draws what it is given (a data set, a run, a frame); when to draw is the page's business
// (app.js, runs.js).
import { Chart } from '../core/chart.js';
import { setAttr, setProp, setText, setTextAll } from '../core/dom.js';
import { networkText } from '../core/architecture.js';
import { fmt, numberWord, numbersWords } from '../core/format.js';
import { createExplorer } from './explorer.js';
import { createHoverCard } from './hover-card.js';
import { renderLegend } from './legend.js';
import { createMapNote } from './map-note.js';
import { GRID } from '../engine/latent-plane.js';
import { ScatterMap } from './scatter.js';
import { TileView } from './tiles.js';
import { formatMse } from './verdict.js';

// The core's minibatch (Keras fit's default): an epoch is ceil(n / BATCH) steps.
const BATCH = 32;
const UNITS = {
  mse: 'Mean squared error per pixel.',
  binary_crossentropy: 'Binary cross-entropy per pixel: not the scale PCA is measured on, so its line is off; the box below compares test MSEs.',
  variational: 'Train: cross-entropy summed over the 64 pixels plus β times the KL term; test: the cross-entropy alone. The box below compares test MSEs with PCA.',
};

/**
 * The views in `root`. `on`: hover(map, index, x, y), pick(index), probe(z), describeTile(i)
 * (the grid tile's words) and galleryTip(i). Returns the drawing calls app.js makes.
 */
export function createViews(root, on) {
  const $ = (id) => root.querySelector(`#${id}`);
  const strip = (id) => new TileView($(id), { rows: 1, cols: 10, gap: 4, describe: on.galleryTip });
  const v = {
    curves: new Chart($('curves')),
    aeMap: new ScatterMap($('ae-map'), { onHover: (i, x, y) => on.hover('ae', i, x, y), onPick: on.pick }),
    pcaMap: new ScatterMap($('pca-map'), { onHover: (i, x, y) => on.hover('pca', i, x, y), onPick: on.pick }),
    cards: {
      ae: createHoverCard($('ae-map').parentElement, { id: 'ae-card', reconLabel: 'autoencoder' }),
      pca: createHoverCard($('pca-map').parentElement, { id: 'pca-card', reconLabel: 'PCA' }),
    },
    explorer: null,
    units: 0,
    manifold: new TileView($('manifold'), { rows: GRID, cols: GRID, gap: 2, describe: on.describeTile }),
    gallery: { original: strip('gallery-original'), ae: strip('gallery-ae'), pca: strip('gallery-pca'), noisy: strip('gallery-noisy'), denoised: strip('gallery-denoised') },
    mapNote: createMapNote($('map-note')),
  };

  /** The explorer with `units` sliders (made anew when the code's size changes). */
  function explorerFor(units) {
    if (units !== v.units) {
      $('code-sliders').replaceChildren();
      v.explorer = createExplorer(root, { units, onPick: on.pick, onProbe: on.probe });
      v.units = units;
    }
    return v.explorer;
  }
  explorerFor(4);

  return {
    ...v,
    get explorer() {
      return v.explorer;
    },

    /** A data set arrived (the worker's `dataset`): everything drawn from it alone. */
    dataset(msg) {
      for (const card of Object.values(v.cards)) card.hide();
      const counts = { 'n-train': msg.nTrain, 'n-test': msg.nTest, 'n-steps': Math.ceil(msg.nTrain / BATCH) };
      for (const [cls, value] of Object.entries(counts)) setTextAll(root, `.${cls}`, fmt(value));
      renderLegend($('legend'), msg.labels);
      for (const map of [v.aeMap, v.pcaMap]) {
        map.clear();
        map.setMarks({ hover: -1, selected: -1 });
      }
      v.pcaMap.setData({ positions: msg.pca.map, labels: msg.labels, xLabel: 'PC 1 of the images', yLabel: 'PC 2 of the images' });
      v.gallery.original.draw(msg.galleryPixels);
      v.gallery.ae.draw(null);
      v.manifold.draw(null);
      this.pca(msg.pca);
    },

    /** The PCA-k baseline (`{ k, testMse, trainMse, ratio, galleryRecon }`) the run is compared with. */
    pca(pca) {
      v.gallery.pca.draw(pca.galleryRecon);
      const kept = pca.ratio.reduce((a, b) => a + b, 0);
      const each = pca.k <= 8 ? ` (${pca.ratio.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')})` : '';
      const axes = pca.k === 1 ? 'one axis keeps' : `${numberWord(pca.k)} axes keep`;
      setText($('pca-note'), `Its ${axes} ${(kept * 100).toFixed(1)}% of the pixel variance${each}; train MSE ${formatMse(pca.trainMse)}.`);
      const mse = $('pca-mse');
      setText(mse, formatMse(pca.testMse));
      mse.dataset.value = String(pca.testMse);
      setTextAll(root, '.pca-k', `PCA-${pca.k}`);
    },

    /** A run of `config` began with a `latent`-number code; `noisy`: the gallery with its noise, or null. */
    network(config, latent, noisy) {
      explorerFor(latent);
      setTextAll(root, '.k-num', String(latent));
      setTextAll(root, '.k-numbers', numbersWords(latent));
      setTextAll(root, '.lr', String(config.learningRate));
      setTextAll(root, '.net-widths', networkText(config));
      const unit = config.variational ? 'variational' : config.loss;
      setText($('curves-unit'), UNITS[unit]);
      setProp($('key-pca'), 'hidden', unit !== 'mse');
      // The meters quote the loss: an MSE only when that is what the network trains on.
      setText($('train-label'), unit === 'mse' ? 'Train MSE' : 'Train loss');
      setText($('test-label'), unit === 'mse' ? 'Test MSE' : 'Test loss');
      for (const el of root.querySelectorAll('.noise-row')) setProp(el, 'hidden', !noisy);
      v.gallery.noisy.draw(noisy);
      v.gallery.denoised.draw(null);
      v.aeMap.clear();
    },

    /** The loss chart: train and test histories, PCA's line when the loss is its MSE. */
    chart(run, pcaMse) {
      v.curves.draw({
        series: [
          { history: run.train, name: 'train', color: ['--train', '#2f6fed'] },
          { history: run.test, name: 'test', color: ['--test', '#e8590c'], main: true },
        ],
        references: run.mseLoss ? [{ name: `PCA-${run.pca.k}`, value: pcaMse, color: ['--pca', '#7048e8'], dash: [6, 4] }] : [],
        target: run.target,
      });
    },

    /** The meters below the maps: the autoencoder's test MSE. */
    aeMse(testMse) {
      const el = $('ae-mse');
      setText(el, formatMse(testMse));
      setAttr(el, 'data-value', Number.isFinite(testMse) ? String(testMse) : null);
    },

    /** The words under the decoded grid: where its corners sit on the plane. */
    gridAxes(plane) {
      const [x0, x1, y0, y1] = plane.rect;
      setText($('grid-axes'), `Across: ${plane.xLabel} from ${x0.toFixed(2)} to ${x1.toFixed(2)}. ` +
        (plane.axes === 'strip' ? 'Up: the same code (a one-number code has no second axis).' : `Up: ${plane.yLabel} from ${y0.toFixed(2)} to ${y1.toFixed(2)}.`));
    },
  };
}
