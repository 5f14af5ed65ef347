// One slider per latent unit. They follow the input's code until the reader moves one; from
// then on they *are* the code, and the decoder draws what those numbers mean. A button
// snaps them back. Units stuck at 0 (dead ReLUs) are flagged, with what that means.
import { setAttr, setProp, setText } from '../core/dom.js';
import { everyUnit, numberWord as words, unitNumbers, unitsAre } from '../core/format.js';
import { createSliderRows } from '../core/slider-rows.js';

/**
 * Builds `units` sliders and the snap button inside `container`, and the dead-unit note inside
 * `note` (an element of its own, so the page can place it). `onProbe(z)` gets the values
 * whenever the reader moves a slider, and null on snap; `onNewSeed()` is the note's remedy.
 * Returns `{ update({ code, probe, dead }), reset() }`.
 */
export function createLatentSliders(container, { note, units, onProbe, onNewSeed }) {
  const doc = container.ownerDocument;
  let range = 1;
  let signed = false; // a code below 0 was seen: the sliders run from -range
  let following = true;
  const sliders = createSliderRows(container, {
    units,
    snapLabel: "Snap to the input's code",
    onProbe,
  });
  const noteText = doc.createElement('span');
  const remedy = Object.assign(doc.createElement('button'), {
    type: 'button',
    className: 'link-button',
    hidden: true,
    textContent: 'Try a new seed',
  });
  remedy.addEventListener('click', () => onNewSeed());
  note.append(noteText, ' ', remedy);
  note.setAttribute('aria-live', 'polite');

  return {
    /**
     * Shows `code` (the input's code) or, when the reader has taken over, `probe`; marks the
     * units flagged in `dead` (booleans). `sparse`: the network has an L1 penalty on its code,
     * whose point is to leave units silent: no fault, and no new seed to offer.
     */
    update({ code, probe, dead, sparse = false }) {
      following = probe === null;
      const shown = probe ?? code;
      // The scale only grows within a run, so a slider never jumps under the reader's finger.
      const top = Math.max(...shown.map(Math.abs), ...code.map(Math.abs));
      const below = signed || Math.min(...shown, ...code) < 0;
      if (top > range * 0.9 || below !== signed) {
        range = Math.max(range, Math.ceil(top * 1.25));
        signed = below;
        sliders.setRange(range, signed);
      }
      sliders.show(shown, probe, dead);
      const which = unitNumbers(dead);
      setAttr(container, 'data-dead', which.join(','));
      setProp(remedy, 'hidden', which.length === 0 || sparse);
      const named = unitsAre(which);
      setText(
        noteText,
        which.length === 0
          ? `${everyUnit(units)} alive: ${units === 1 ? 'it carries' : 'each carries part of'} the image.`
          : sparse
            ? `${named} silent (0 on the training image): the L1 penalty's point, a sparse code that ` +
              `says the image with ${which.length === units ? 'no unit at all' : `the other ${words(units - which.length)}`}.`
            : `${named} dead: a ReLU stuck at 0 on the training image gets no gradient, so it stays ` +
              `off and the image must squeeze through the other ${words(units - which.length)}.` +
              `${units <= 4 ? ` Common with only ${words(units)} units.` : ''}`,
      );
      const warn = which.length > 0 && !sparse;
      if (note.classList.contains('warn') !== warn) note.classList.toggle('warn');
    },
    /** Back to the smallest scale for a new run, unless the reader holds the sliders. */
    reset() {
      if (!following) return;
      range = 1;
      signed = false;
      sliders.setRange(range, signed);
    },
  };
}
