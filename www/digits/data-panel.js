// The data panel: which data set is loaded (its size, split, detected scale), loading a CSV of
// one's own or going back to the digits, downloading the codes, and what went wrong with a file.
import { setAttr, setProp, setText, setTextAll, showText } from '../core/dom.js';
import { onFilePicked } from '../core/download.js';
import { fmt } from '../core/format.js';
import { scaleLabel } from '../engine/csv.js';
import { DATA_SETS } from './config.js';

/** What the page calls the data set of a `dataset` message: 'MNIST', 'the 1797 digits', a file's name. */
export function dataLabel(data) {
  if (data.key && data.key !== 'digits') return DATA_SETS[data.key].label;
  return data.name ?? DATA_SETS.digits.label;
}

/** Words for a data set as the `dataset` message describes it. */
export function describeData(data) {
  if (data.key && data.key !== 'digits') {
    const classes = data.names.length;
    return `${dataLabel(data)}: ${fmt(data.n)} images of ${data.imageWidth}x${data.imageHeight} pixels (${fmt(data.nTrain)} to train on, ${fmt(data.nTest)} held out to test), grey levels 0..255 scaled to [0, 1], ${classes} labels${classes > 10 ? ` (${data.names.join(', ')})` : ''}.`;
  }
  if (data.width && data.width !== 64) return describeFile(data);
  const what = data.name
    ? `${data.name}: ${fmt(data.n)} images`
    : `The built-in handwritten digits: ${fmt(data.n)} images`;
  // A label before the pixels (Kaggle's MNIST layout) is said, so a misread file shows.
  const labels = !data.hasLabels
    ? 'no labels'
    : data.labelColumn === 1
      ? 'labelled (the label read from column 1, before the pixels)'
      : 'labelled';
  return `${what} (${fmt(data.nTrain)} to train on, ${fmt(data.nTest)} held out to test), values ${scaleLabel(data.scale)} (detected), ${labels}.`;
}

/** The reader's file's name when data set `msg` (a `dataset` message) is one, else null. */
export const fileName = (msg) => (msg.key === 'digits' && msg.name) || null;

/**
 * What the page calls data set `msg`'s items (digits.html's `.w-*` words, written for the 8x8
 * digits): a table's are rows of values, not images of pixels; Quick, Draw!'s are drawings.
 */
export function itemWords(msg) {
  const table = msg.kind === 'table';
  const file = fileName(msg) !== null;
  return {
    image: table ? 'row' : 'image',
    'an-image': table ? 'a row' : 'an image',
    images: table ? 'rows' : 'images',
    pixel: table ? 'value' : 'pixel',
    digit: table ? 'row' : msg.key === 'quickdraw' ? 'drawing' : file ? 'image' : 'digit',
    digits: table ? 'rows' : msg.key === 'quickdraw' ? 'drawings' : file ? 'images' : 'digits',
  };
}

/** The words that name data set `msg` (a `dataset` message) in `root`: its title, size, PCA. */
export function dataWords(root, msg) {
  const set = DATA_SETS[msg.key];
  for (const [cls, word] of Object.entries(itemWords(msg))) {
    for (const el of root.querySelectorAll(`.w-${cls}`))
      setText(el, /^[A-Z]/.test(el.textContent) ? word[0].toUpperCase() + word.slice(1) : word);
  }
  // A reader's file goes by its name.
  setText(root.querySelector('#data-heading'), fileName(msg) ?? set.title);
  setTextAll(root, '.data-noun', fileName(msg) ? `rows of ${msg.name}` : set.noun);
  setTextAll(root, '.lede-train', String(msg.nTrain));
  setTextAll(root, '.lede-test', String(msg.nTest));
  const w = msg.width;
  setTextAll(
    root,
    '.pca-how',
    w === 64
      ? 'the 64x64 covariance and its eigenvectors'
      : `the leading axes of the ${w}x${w} covariance, by seeded subspace iteration`,
  );
}

/** Words for a reader's file of another width than 64: what the page took it for, and why. */
function describeFile(data) {
  const split = `${fmt(data.nTrain)} to train on, ${fmt(data.nTest)} held out to test`;
  const labels = data.hasLabels
    ? `labels from column ${data.labelColumn}${data.names ? ` (${data.names.length} names)` : ''}`
    : 'no labels (a header naming a column "label", or a first or last column of words, gives them)';
  if (data.kind === 'images') {
    return `${data.name}: ${fmt(data.n)} rows of ${fmt(data.width)} values (${split}), taken as ${data.imageWidth}x${data.imageHeight} images: a square number of columns, every value in ${scaleLabel(data.scale)}, scaled to [0, 1] and rebuilt through a sigmoid output; ${labels}.`;
  }
  return `${data.name}: ${fmt(data.n)} rows of ${fmt(data.width)} numbers (${split}), taken as a table, not images (${Math.round(Math.sqrt(data.width)) ** 2 === data.width ? 'values outside [0, 255] or below 0' : 'not a square number of columns'}): each column standardised to mean 0 and standard deviation 1, so no one unit of measure outweighs the rest, and rebuilt through a linear output; ${labels}. Each row is drawn as bars, one per column in order, from -3 to 3.`;
}

/**
 * Wires the panel in `root`. `on`: file(File), builtin(), download(). Returns
 * `{ render({ data, loading, canDownload }), error(message | null) }`.
 */
export function createDataPanel(root, on) {
  const $ = (id) => root.querySelector(`#${id}`);
  const load = $('load-csv');
  const builtin = $('use-builtin');
  const download = $('download-codes');
  const summary = $('data-summary');
  const errorBox = $('data-error');

  onFilePicked($('csv-file'), on.file, load);
  builtin.addEventListener('click', () => on.builtin());
  download.addEventListener('click', () => on.download());

  return {
    render({ data, loading, ready, canDownload }) {
      if (loading) setText(summary, `Loading ${loading}…`);
      else if (data) setText(summary, describeData(data));
      if (data) {
        setAttr(summary, 'data-n', String(data.n));
        setAttr(summary, 'data-scale', String(data.scale));
        setAttr(summary, 'data-name', data.name ?? 'digits');
        setAttr(summary, 'data-width', String(data.width));
      }
      setProp(load, 'disabled', !ready || Boolean(loading));
      setProp(builtin, 'hidden', !data?.name || data.key !== 'digits');
      setProp(builtin, 'disabled', !ready || Boolean(loading));
      setProp(download, 'disabled', !canDownload);
    },
    error: (message) => showText(errorBox, message),
  };
}
