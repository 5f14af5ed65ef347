// The explorer: one image, what the autoencoder rebuilds from its code, and what the decoder
// draws from four sliders the reader can move. An image is picked by clicking a dot (app.js) or,
// from the keyboard, by its number here (arrow keys step through the data set).
import { setAttr, setProp, setText } from '../core/dom.js';
import { GridView } from '../core/grid-view.js';
import { createCodeSliders } from './code-sliders.js';

const pixelTip = (i, v) => `row ${Math.floor(i / 8) + 1}, column ${(i % 8) + 1}: ${v.toFixed(3)}`;

/**
 * Wires the explorer's markup in `root`. `onPick(index)` asks for image `index` (the page calls
 * show() back), `onProbe(z)` gets the sliders' code (null: back to the image's own).
 * Returns `{ show({ index, title }), update({ pixels, recon, code, decoded, probe, dead, top }), enable(n) }`.
 */
export function createExplorer(root, { units, onPick, onProbe }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const original = new GridView($('explore-original'), { rows: 8, cols: 8, describe: pixelTip });
  const recon = new GridView($('explore-recon'), { rows: 8, cols: 8, describe: pixelTip });
  const decoded = new GridView($('explore-decoded'), { rows: 8, cols: 8, describe: pixelTip });
  const sliders = createCodeSliders($('code-sliders'), { units, onProbe });
  const caption = $('explore-caption');
  const field = $('explore-index');
  let index = null;
  let count = 0;

  const apply = () => {
    const text = field.value.trim();
    if (/^\d+$/.test(text) && Number(text) < count) {
      if (Number(text) !== index) onPick(Number(text));
    } else {
      field.value = index === null ? '' : String(index);
    }
  };
  field.addEventListener('change', apply);
  field.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') apply();
    const step = { ArrowUp: 1, ArrowDown: -1 }[e.key];
    if (step && count) {
      e.preventDefault();
      onPick((((index ?? 0) + step) % count + count) % count);
    }
  });

  return {
    /** Image `index` is the input now; its pixels and reconstruction follow (update). */
    show({ index: i, title }) {
      index = i;
      setText(caption, `${title}: the image, what the autoencoder rebuilds from its code, and what the decoder draws from the four sliders.`);
      setAttr(caption, 'data-index', String(i));
      setProp(field, 'value', String(i));
    },
    /** The worker's answer for the current image: it, its reconstruction, code, the sliders' decoding. */
    update({ pixels, recon: r, code, decoded: d, probe, dead, top }) {
      original.draw(pixels);
      recon.draw(r);
      decoded.draw(d);
      sliders.update({ code: Array.from(code), probe, dead, top });
    },
    /** A data set of `n` images is loaded (0: none, the field is off). */
    enable(n) {
      count = n;
      setProp(field, 'disabled', n === 0);
    },
  };
}
