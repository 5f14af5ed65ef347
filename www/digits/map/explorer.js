// The explorer: one image, what the autoencoder rebuilds from its code, and what the decoder
// draws from four sliders the reader can move. An image is picked by clicking a dot (panel.js) or,
// from the keyboard, by its number here (arrow keys step through the data set).
import { setAttr, setProp, setText } from '../../core/dom.js';
import { GridView } from '../../core/grid-view.js';
import { createSliderRows } from '../../core/slider-rows.js';

/**
 * Wires the explorer's markup in `root`. `onPick(index)` asks for image `index` (the page calls
 * show() back), `onProbe(z)` gets the sliders' code (null: back to the image's own).
 * Returns `{ show({ index, title }), update({ pixels, recon, code, decoded, probe, dead, top }), enable(n) }`.
 */
export function createExplorer(root, { units, onPick, onProbe }) {
  const $ = (id) => root.querySelector(`#${id}`);
  let cols = 8;
  let columns = null; // a table's column names (or numbers): the tooltip says which
  let range = { min: 0, max: 1 };
  const pixelTip = (i, v) =>
    columns
      ? `${columns[i]}: ${v.toFixed(3)} (z-score)`
      : `row ${Math.floor(i / cols) + 1}, column ${(i % cols) + 1}: ${v.toFixed(3)}`;
  const view = (id) => new GridView($(id), { rows: 8, cols: 8, describe: pixelTip });
  const grids = [view('explore-original'), view('explore-recon'), view('explore-decoded')];
  const [original, recon, decoded] = grids;
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
      onPick(((((index ?? 0) + step) % count) + count) % count);
    }
  });

  return {
    /** Image `index` is the input now; its pixels and reconstruction follow (update). */
    show({ index: i, title }) {
      index = i;
      setText(
        caption,
        `${title}: the image, what the autoencoder rebuilds from its code, and what the decoder draws from the code's sliders.`,
      );
      setAttr(caption, 'data-index', String(i));
      setProp(field, 'value', String(i));
    },
    /** The worker's answer for the current image: it, its reconstruction, code, the sliders' decoding. */
    update({ pixels, recon: r, code, decoded: d, probe, dead, top }) {
      // A frame of the data set before (it may land after the new one's shape): not drawn.
      if (pixels.length !== original.rows * original.cols) return;
      original.draw(pixels, range);
      recon.draw(r, range);
      decoded.draw(d, range);
      sliders.update({ code: Array.from(code), probe, dead, top });
    },
    /** Images of `shape` ({ width, height, kind?, names? }) from now on: the data set's. */
    setShape({ width, height, kind, names }) {
      cols = width;
      columns =
        kind === 'table'
          ? (names ?? Array.from({ length: width }, (_, c) => `column ${c + 1}`))
          : null;
      range = kind === 'table' ? { min: -3, max: 3 } : { min: 0, max: 1 };
      // What they showed was of the old shape: a redraw (a resize) must not paint it on the new.
      for (const grid of grids) Object.assign(grid, { rows: height, cols: width, values: null });
    },
    /** A data set of `n` images is loaded (0: none, the field is off). */
    enable(n) {
      count = n;
      setProp(field, 'disabled', n === 0);
    },
  };
}

// The explorer's sliders, one per latent unit. They show the picked image's code until the
// reader moves one; from then on they are the code the decoder draws, until "Snap back". The
// scale covers every code in the data set, so any image's code fits on it.

/**
 * Builds `units` sliders and a snap button in `container`. `onProbe(z)` gets the values
 * when the reader moves a slider, and null on snap. Returns `{ update({ code, probe, dead, top }) }`.
 */
export function createCodeSliders(container, { units, onProbe }) {
  let range = 1;
  let signed = false;
  const sliders = createSliderRows(container, {
    units,
    snapLabel: "Snap back to the image's code",
    onProbe,
  });

  return {
    /**
     * Shows `probe` when the reader holds the sliders, else `code`; flags the `dead` units;
     * `top` is the largest code size in the data set, `bottom` its smallest value (below 0:
     * the sliders run both ways); the scale grows to them, never shrinks under the reader's
     * finger.
     */
    update({ code, probe, dead, top, bottom = 0 }) {
      const shown = probe ?? code;
      const want = Math.max(1, Math.ceil(Math.max(top, -bottom, ...shown.map(Math.abs)) * 1.1));
      const below = bottom < 0 || Math.min(...shown) < 0;
      if (want > range || below !== signed || (probe === null && want < range / 2)) {
        range = want;
        signed = below;
        sliders.setRange(range, signed);
      }
      sliders.show(shown, probe, dead);
    },
  };
}
