// The note under the latent map: whether every unit is alive, and when one is dead (0 for every
// image), why, and what it does to the map: on its axis every dot sits on a line.
import { setAttr, setText } from '../core/dom.js';
import { numberWord } from '../core/format.js';

/** Keeps `note` in line with `update(dead, axes)`: dead, one boolean per unit; axes as the plane's ('pc' | 'i-j' | 'strip'). */
export function createMapNote(note) {
  return {
    update(dead, axes) {
      const which = dead.flatMap((d, i) => (d ? [i + 1] : []));
      const onAxis = axes === 'pc' ? [] : (axes === 'strip' ? '1' : axes).split('-').map(Number).filter((u) => dead[u - 1]);
      let text;
      if (which.length === 0) {
        text = dead.length === 1 ? 'The one unit is alive: it carries every code.' : `All ${numberWord(dead.length)} units are alive: each carries part of every code.`;
      } else {
        const units = which.length === 1 ? `Unit ${which[0]} is` : `Units ${which.join(' and ')} are`;
        text = `${units} dead: 0 for every image. A ReLU that never fires gets no gradient, so it never ` +
          `comes back: the codes have ${numberWord(dead.length - which.length)} numbers' worth of room. ` +
          (onAxis.length
            ? `That is why this map is a line: unit ${onAxis.join(' and ')} is 0 for every dot. `
            : `With unit ${which[0]} on an axis the map is a line. `) +
          'Try a new seed.';
      }
      setText(note, text);
      setAttr(note, 'data-dead', which.join(','));
      if (note.classList.contains('warn') !== which.length > 0) note.classList.toggle('warn');
    },
  };
}
