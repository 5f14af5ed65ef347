// The data set picker: which data the page trains on (the 8x8 digits, MNIST or Quick, Draw!),
// the download of a 28x28 set with its progress, and whose data it is. It fetches the compact
// file once (data/load-dataset.js fetchDataset) and hands its bytes on: each engine decodes
// them (engine/data.js). Choosing again while one downloads cancels that download; one that
// fails is named, and the data on show stays. What a choice does to the run is the page's.
import { setAttr, setProp, setText, showText } from '../core/dom.js';
import { fetchDataset } from '../data/load-dataset.js';
import { DATA_SETS } from './config.js';

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Wires the picker in `root` (digits.html's #data-set and what follows it). `choose(key)` is
 * called when the reader picks a data set (set later: the page's). Returns `{ fetch(key),
 * show(key), error(message | null), set choose(fn) }`.
 */
export function createDataPicker(root) {
  const $ = (id) => root.querySelector(`#${id}`);
  const select = $('data-set');
  const bar = $('data-progress');
  const words = $('data-progress-text');
  const errorBox = $('data-pick-error');
  let shown = select.value;
  let download = null; // { key, controller } while a file downloads
  let choose = () => {};
  select.addEventListener('change', () => choose(select.value));

  const progress = (key, { loaded, total }) => {
    setProp(bar, 'hidden', false);
    const share = total ? Math.min(1, loaded / total) : 0;
    setAttr(bar, 'aria-valuenow', String(Math.round(share * 100)));
    setAttr(bar, 'aria-valuetext', total ? `${mb(loaded)} of ${mb(total)}` : mb(loaded));
    bar.style.setProperty('--progress', String(share));
    setText(
      words,
      `Downloading ${DATA_SETS[key].label}: ${total ? `${mb(loaded)} of ${mb(total)}` : mb(loaded)}`,
    );
  };
  const idle = () => {
    setProp(bar, 'hidden', true);
    setText(words, '');
  };

  const picker = {
    set choose(fn) {
      choose = fn;
    },
    /**
     * Downloads data set `key` (mnist, quickdraw), cancelling one under way: resolves to the
     * engine's source `{ dataset, file, bytes }`; rejects with the loader's Error, or an
     * AbortError when another choice cancelled it.
     */
    fetch(key) {
      download?.controller.abort();
      const controller = new AbortController();
      const mine = { key, controller };
      download = mine;
      progress(key, { loaded: 0, total: null });
      const done = () => {
        if (download === mine) {
          download = null;
          idle();
        }
      };
      return fetchDataset(key, {
        signal: controller.signal,
        onProgress: (p) => download === mine && progress(key, p),
      }).then(
        ({ file, bytes }) => {
          done();
          return { dataset: key, file, bytes: bytes.buffer };
        },
        (err) => {
          done();
          throw err;
        },
      );
    },
    /** Cancels a download under way (the reader chose the digits or a file meanwhile). */
    cancel() {
      download?.controller.abort();
      download = null;
      idle();
    },
    /**
     * Data set `key` is the one on show (`file`: the name of the reader's file it came from, or
     * null): selected, and its credit line shown; a reader's file shows as "Your file" and under
     * no built-in set's credit or notes.
     */
    show(key, file = null) {
      shown = file ? 'file' : key;
      if (file) setText($('data-set').querySelector('option[value="file"]'), `Your file: ${file}`);
      setProp(select, 'value', shown);
      // Its credit line, and the page's words that hold for one data set only.
      for (const words of root.querySelectorAll('[data-for]'))
        setProp(words, 'hidden', words.dataset.for !== shown);
      root.ownerDocument.body.dataset.data = key;
    },
    /** A download that failed (message) or none (null); the select goes back to what is shown. */
    error(message) {
      showText(errorBox, message);
      if (message) setProp(select, 'value', shown);
    },
  };
  return picker;
}
