// What the map panel draws, words included: the loss chart, the two maps and their hover cards,
// the explorer, the decoded grid, the gallery, the PCA figures, the status line, the verdict and
// the note on dead units. It draws what it is given; when is the page's business (panel.js, runs.js).
import { Chart } from '../../core/chart.js';
import { setAttr, setProp, setText, setTextAll } from '../../core/dom.js';
import { layerWidths } from '../../core/architecture.js';
import {
  everyUnit,
  fmt,
  formatMse,
  listed,
  numberWord,
  numbersWords,
  unitNumbers,
  unitsAre,
} from '../../core/format.js';
import { createDecodeCard } from './decode-card.js';
import { createExplorer } from './explorer.js';
import { createHoverCard } from './hover-card.js';
import { renderLegend } from './legend.js';
import { GRID } from '../../engine/latent-plane.js';
import { attachMapKeys } from './map-keys.js';
import { ZOOM_STEP } from './map-view.js';
import { ScatterMap } from './scatter.js';
import { ThumbCache } from './thumbs.js';
import { TileView } from './tiles.js';
import { dataWords, itemWords } from '../data-panel.js';

// The core's minibatch (Keras fit's default): an epoch is ceil(n / BATCH) steps.
const BATCH = 32;
const UNITS = {
  mse: 'Mean squared error per pixel.',
  binary_crossentropy:
    'Binary cross-entropy per pixel: not the scale PCA is measured on, so its line is off; the box below compares test MSEs.',
  variational:
    'Train: cross-entropy summed over the 64 pixels plus β times the KL term; test: the cross-entropy alone. The box below compares test MSEs with PCA.',
};

/** The panel's drawing objects over `$` (the panel's element by id), made once. */
function drawers($, on) {
  const strip = (id) => new TileView($(id), { rows: 1, cols: 10, gap: 4, describe: on.galleryTip });
  // Both maps show the same items: their pictures are fetched once.
  const thumbs = new ThumbCache($('ae-map').ownerDocument, on.images);
  const map = (name) =>
    new ScatterMap($(`${name}-map`), {
      onHover: (...at) => on.hover(name, ...at),
      onPick: on.pick,
      onPoint: name === 'ae' ? on.point : null,
      thumbs,
    });
  const card = (name, reconLabel) =>
    createHoverCard($(`${name}-map`).parentElement, { id: `${name}-card`, reconLabel });
  const aeMap = map('ae');
  attachMapKeys(aeMap, {
    readout: $('map-readout'),
    describe: on.describe,
    pick: on.pick,
    point: on.point,
  });
  const zoom = { 'zoom-in': ZOOM_STEP, 'zoom-out': 1 / ZOOM_STEP, 'zoom-reset': null };
  for (const [id, factor] of Object.entries(zoom))
    $(id).addEventListener('click', () => (factor ? aeMap.zoomBy(factor) : aeMap.setView(null)));
  return {
    curves: new Chart($('curves')),
    thumbs,
    decoder: createDecodeCard($('ae-map').parentElement, { decode: on.decode }),
    aeMap,
    pcaMap: map('pca'),
    cards: { ae: card('ae', 'autoencoder'), pca: card('pca', 'PCA') },
    explorer: null,
    units: 0,
    shape: { width: 8, height: 8 }, // the data set's images
    width: 64, // values per image
    manifold: new TileView($('manifold'), {
      rows: GRID,
      cols: GRID,
      gap: 2,
      describe: on.describeTile,
    }),
    gallery: Object.fromEntries(
      ['original', 'ae', 'pca', 'noisy', 'denoised'].map((g) => [g, strip(`gallery-${g}`)]),
    ),
    mapNote: createMapNote($('map-note')),
  };
}

/**
 * The views in `root`. `on`: hover(map, index, x, y), pick(index), probe(z), describeTile(i)
 * (the grid tile's words), galleryTip(i), describe(i) (an item in words), images(indices, id)
 * (a request to the engine), decode(point) (the code and pixels at a map point, or null) and
 * point(p) (a map point to show decoded, or null). Returns the drawing calls panel.js makes.
 */
export function createViews(root, on) {
  const $ = (id) => root.querySelector(`#${id}`);
  const v = drawers($, on);

  /** The explorer with `units` sliders (made anew when the code's size changes). */
  function explorerFor(units) {
    if (units !== v.units) {
      $('code-sliders').replaceChildren();
      v.explorer = createExplorer(root, { units, onPick: on.pick, onProbe: on.probe });
      v.explorer.setShape(v.shape);
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
      v.shape = {
        width: msg.imageWidth,
        height: msg.imageHeight,
        kind: msg.kind,
        names: msg.columns,
      };
      v.width = msg.width;
      v.words = itemWords(msg);
      for (const card of Object.values(v.cards)) {
        card.hide();
        card.setShape(v.shape);
      }
      for (const tiles of [v.manifold, ...Object.values(v.gallery)]) tiles.setShape(v.shape);
      v.explorer.setShape(v.shape);
      v.thumbs.reset(v.shape);
      v.decoder.reset(v.shape);
      const counts = {
        'n-train': msg.nTrain,
        'n-test': msg.nTest,
        'n-steps': Math.ceil(msg.nTrain / BATCH),
      };
      for (const [cls, value] of Object.entries(counts)) setTextAll(root, `.${cls}`, fmt(value));
      renderLegend($('legend'), msg.labels, msg.names);
      dataWords(root, msg);
      for (const map of [v.aeMap, v.pcaMap]) {
        map.clear();
        map.setMarks({ hover: -1, selected: -1 });
      }
      v.pcaMap.setData({
        positions: msg.pca.map,
        labels: msg.labels,
        xLabel: `PC 1 of the ${v.words.images}`,
        yLabel: `PC 2 of the ${v.words.images}`,
      });
      v.gallery.original.draw(msg.galleryPixels);
      v.gallery.ae.draw(null);
      v.manifold.draw(null);
      this.pca(msg.pca);
    },

    /** The PCA-k baseline (`{ k, testMse, trainMse, ratio, galleryRecon }`) the run is compared with. */
    pca(pca) {
      v.gallery.pca.draw(pca.galleryRecon);
      const kept = pca.ratio.reduce((a, b) => a + b, 0);
      const each =
        pca.k <= 8 ? ` (${pca.ratio.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')})` : '';
      const axes = pca.k === 1 ? 'one axis keeps' : `${numberWord(pca.k)} axes keep`;
      setText(
        $('pca-note'),
        `Its ${axes} ${(kept * 100).toFixed(1)}% of the ${v.words?.pixel ?? 'pixel'} variance${each}; train MSE ${formatMse(pca.trainMse)}.`,
      );
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
      // The data's width at both ends (architecture.js writes the '4''s 64).
      const widths = layerWidths(config);
      widths[0] = widths[widths.length - 1] = v.width;
      setTextAll(root, '.net-widths', widths.join('\u00a0\u2192\u00a0'));
      const unit = config.variational ? 'variational' : config.loss;
      setText($('curves-unit'), UNITS[unit].replaceAll('pixel', v.words?.pixel ?? 'pixel'));
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
        references: run.mseLoss
          ? [{ name: `PCA-${run.pca.k}`, value: pcaMse, color: ['--pca', '#7048e8'], dash: [6, 4] }]
          : [],
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
      setText(
        $('grid-axes'),
        `Across: ${plane.xLabel} from ${x0.toFixed(2)} to ${x1.toFixed(2)}. ` +
          (plane.axes === 'strip'
            ? 'Up: the same code (a one-number code has no second axis).'
            : `Up: ${plane.yLabel} from ${y0.toFixed(2)} to ${y1.toFixed(2)}.`),
      );
    },
  };
}

/** The status line for the run `run` of the session in `phase`, on `data` with wasm `build`. */
export function statusText({ data, run, phase, build }) {
  if (!data) return 'Loading the WebAssembly module and the digits…';
  if (!run) return `Starting a run on ${data.name ?? 'the digits'}…`;
  const on = `seed ${run.seed}, ${fmt(data.nTrain)} training images`;
  const with_ = build ? `, ${build} wasm build` : '';
  if (phase === 'training') return `Training ${on}${with_}…`;
  if (phase === 'paused') return `Paused at epoch ${fmt(run.epoch)} of ${fmt(run.target)}, ${on}.`;
  if (phase === 'done') {
    const time = run.doneMs === null ? '' : ` in ${(run.doneMs / 1000).toFixed(1)} s`;
    return `Done: ${fmt(run.epoch)} epochs${time}, ${on}${with_}.`;
  }
  return '';
}

/** 'Image #12, digit 3 (test)' ('…, cat (test)' where labels have names): image `index` of `data`. */
export function imageTitle(data, index) {
  const { labels, isTest, names } = data;
  const name = names?.[labels[index]];
  const named = name && !/^\d+$/.test(name) ? name : `digit ${labels[index]}`;
  const label = labels[index] >= 0 ? `, ${named}` : '';
  return `Image #${index}${label} (${isTest[index] ? 'test' : 'train'})`;
}

/** Where tile `i` of the decoded grid sits on the map's `plane` (null: no plane yet). */
export function gridPoint(plane, i) {
  if (!plane) return null;
  const [x0, x1, y0, y1] = plane.rect;
  const x = x0 + (((i % GRID) + 0.5) / GRID) * (x1 - x0);
  const y = y1 - ((Math.floor(i / GRID) + 0.5) / GRID) * (y1 - y0);
  return plane.axes === 'strip'
    ? `${plane.xLabel} ${x.toFixed(2)}`
    : `${plane.xLabel} ${x.toFixed(2)}, ${plane.yLabel} ${y.toFixed(2)}`;
}

/**
 * Which method reconstructs the test images better now: `{ winner: 'ae' | 'pca' | 'tie' | null,
 * text }`, from the two test MSEs (the autoencoder's is NaN before it has trained). One short
 * sentence: it is rewritten every frame, in a box of fixed height.
 */
export function verdict({ aeMse, pcaMse, epoch, k = 4 }) {
  if (!Number.isFinite(pcaMse)) return { winner: null, text: 'Fitting PCA…' };
  if (!Number.isFinite(aeMse) || epoch === 0) {
    return { winner: null, text: `Not trained yet: PCA-${k}'s test error is the one to beat.` };
  }
  // As a share of the loser's error (never 0 unless both are): "x% lower" is then at most 100%.
  const worse = Math.max(aeMse, pcaMse);
  const gap = worse === 0 ? 0 : (aeMse - pcaMse) / worse;
  const pct = `${Math.abs(gap * 100).toFixed(Math.abs(gap) < 0.01 ? 1 : 0)}%`;
  if (Math.abs(gap) < 0.0005)
    return { winner: 'tie', text: 'The two are level on the test images right now.' };
  if (gap < 0)
    return {
      winner: 'ae',
      text: `The autoencoder is better right now: ${pct} lower test error than PCA-${k}.`,
    };
  return {
    winner: 'pca',
    text: `PCA-${k} is better right now: ${pct} lower test error than the autoencoder.`,
  };
}

/**
 * Keeps `note` in line with `update(dead, axes, sparse)`: dead, one boolean per unit; axes as the
 * plane's ('pc' | 'i-j' | 'strip'); sparse, an L1 penalty on the code (silent units are its point).
 */
export function createMapNote(note) {
  return {
    update(dead, axes, sparse = false) {
      const which = unitNumbers(dead);
      const onAxis =
        axes === 'pc'
          ? []
          : (axes === 'strip' ? '1' : axes)
              .split('-')
              .map(Number)
              .filter((u) => dead[u - 1]);
      const units = unitsAre(which);
      const line =
        onAxis.length === 0
          ? ''
          : `That is why this map is a line: ${onAxis.length === 1 ? 'unit' : 'units'} ${listed(onAxis)} ${onAxis.length === 1 ? 'is' : 'are'} 0 for every dot. `;
      let text;
      if (which.length === 0) {
        text = `${everyUnit(dead.length)} alive: ${dead.length === 1 ? 'it carries every code' : 'each carries part of every code'}.`;
      } else if (sparse) {
        text = `${units} silent: 0 for every image, the L1 penalty's point (a sparse code). ${line}`;
      } else {
        text =
          `${units} dead: 0 for every image. A ReLU that never fires gets no gradient, so it never ` +
          `comes back: the codes have ${numberWord(dead.length - which.length)} numbers' worth of room. ` +
          (line || `With unit ${which[0]} on an axis the map is a line. `) +
          'Try a new seed.';
      }
      setText(note, text.trim());
      setAttr(note, 'data-dead', which.join(','));
      const warn = which.length > 0 && !sparse;
      if (note.classList.contains('warn') !== warn) note.classList.toggle('warn');
    },
  };
}
