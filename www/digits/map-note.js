// The note under the latent map: whether every unit is alive, and when one is dead (0 for every
// image), why, and what it does to the map: on its axis every dot sits on a line.
import { setAttr, setText } from '../core/dom.js';
import { everyUnit, listed, numberWord } from '../core/format.js';

/**
 * Keeps `note` in line with `update(dead, axes, sparse)`: dead, one boolean per unit; axes as the
 * plane's ('pc' | 'i-j' | 'strip'); sparse, an L1 penalty on the code (silent units are its point).
 */
export function createMapNote(note) {
  return {
    update(dead, axes, sparse = false) {
      const which = dead.flatMap((d, i) => (d ? [i + 1] : []));
      const onAxis = axes === 'pc' ? [] : (axes === 'strip' ? '1' : axes).split('-').map(Number).filter((u) => dead[u - 1]);
      const units = which.length === 1 ? `Unit ${which[0]} is` : `Units ${listed(which)} are`;
      const line = onAxis.length === 0 ? ''
        : `That is why this map is a line: ${onAxis.length === 1 ? 'unit' : 'units'} ${listed(onAxis)} ${onAxis.length === 1 ? 'is' : 'are'} 0 for every dot. `;
      let text;
      if (which.length === 0) {
        text = `${everyUnit(dead.length)} alive: ${dead.length === 1 ? 'it carries every code' : 'each carries part of every code'}.`;
      } else if (sparse) {
        text = `${units} silent: 0 for every image, the L1 penalty's point (a sparse code). ${line}`;
      } else {
        text = `${units} dead: 0 for every image. A ReLU that never fires gets no gradient, so it never ` +
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
