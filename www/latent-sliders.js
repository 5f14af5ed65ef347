// One slider per latent unit. They follow the input's code until the reader moves one; from
// then on they *are* the code, and the decoder draws what those four numbers mean. A button
// snaps them back. Units stuck at 0 (dead ReLUs) are flagged, with what that means.
import { setAttr, setProp, setText } from './dom.js';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

/**
 * Builds `units` sliders and the snap button inside `container`, and the dead-unit note inside
 * `note` (an element of its own, so the page can place it). `onProbe(z)` gets the values
 * whenever the reader moves a slider, and null on snap; `onNewSeed()` is the note's remedy.
 * Returns `{ update({ code, probe, dead }), reset() }`.
 */
export function createLatentSliders(container, { note, units, onProbe, onNewSeed }) {
  const doc = container.ownerDocument;
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(doc.createElement(tag), props);
    node.append(...children);
    return node;
  };
  let range = 1;
  let following = true;

  const rows = Array.from({ length: units }, (_, i) => {
    const id = `${container.id || 'latent'}-z${i + 1}`;
    const input = el('input', { type: 'range', id, min: '0', max: String(range), step: 'any', value: '0' });
    const output = el('output', { htmlFor: id, className: 'slider-value' }, '0.00');
    const badge = el('span', { className: 'badge', hidden: true }, 'dead');
    const row = el('div', { className: 'slider-row' }, el('label', { htmlFor: id }, `unit ${i + 1}`), input, output, badge);
    input.addEventListener('input', () => onProbe(rows.map((r) => Number(r.input.value))));
    return { row, input, output, badge };
  });
  const snap = el('button', { type: 'button', className: 'snap', disabled: true }, "Snap to the input's code");
  snap.addEventListener('click', () => onProbe(null));
  const noteText = el('span');
  const remedy = el('button', { type: 'button', className: 'link-button', hidden: true }, 'Try a new seed');
  remedy.addEventListener('click', () => onNewSeed());
  note.append(noteText, ' ', remedy);
  note.setAttribute('aria-live', 'polite');
  container.append(...rows.map((r) => r.row), snap);

  return {
    /**
     * Shows `code` (the input's code) or, when the reader has taken over, `probe`; marks the
     * units flagged in `dead` (booleans).
     */
    update({ code, probe, dead }) {
      following = probe === null;
      const shown = probe ?? code;
      // The scale only grows within a run, so a slider never jumps under the reader's finger.
      const top = Math.max(...shown, ...code);
      if (top > range * 0.9) {
        range = Math.max(1, Math.ceil(top * 1.25));
        for (const r of rows) r.input.max = String(range);
      }
      rows.forEach((r, i) => {
        if (probe === null && !r.input.matches(':active')) setProp(r.input, 'value', String(shown[i]));
        setText(r.output, shown[i].toFixed(2));
        setProp(r.badge, 'hidden', !dead[i]);
        if (r.row.classList.contains('dead') !== dead[i]) r.row.classList.toggle('dead', dead[i]);
      });
      setProp(snap, 'disabled', probe === null);
      const which = dead.flatMap((d, i) => (d ? [i + 1] : []));
      setAttr(container, 'data-dead', which.join(','));
      setProp(remedy, 'hidden', which.length === 0);
      setText(noteText, which.length === 0
        ? `All ${WORDS[units]} units are alive: each carries part of the image.`
        : `${which.length === 1 ? `Unit ${which[0]} is` : `Units ${which.join(' and ')} are`} dead: ` +
          `a ReLU stuck at 0 on the training image gets no gradient, so it stays off and the image ` +
          `must squeeze through the other ${WORDS[units - which.length]}. Common with only ${WORDS[units]} units.`);
      if (note.classList.contains('warn') !== which.length > 0) note.classList.toggle('warn');
    },
    /** Back to the smallest scale for a new run, unless the reader holds the sliders. */
    reset() {
      if (!following) return;
      range = 1;
      for (const r of rows) r.input.max = String(range);
    },
  };
}
