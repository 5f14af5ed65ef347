// The explorer's four sliders, one per latent unit. They show the picked image's code until the
// reader moves one; from then on they are the code the decoder draws, until "Snap back". The
// scale covers every code in the data set, so any image's code fits on it.
import { setProp, setText } from '../dom.js';

/**
 * Builds `units` sliders and a snap button in `container`. `onProbe(z)` gets the four values
 * when the reader moves a slider, and null on snap. Returns `{ update({ code, probe, dead, top }) }`.
 */
export function createCodeSliders(container, { units, onProbe }) {
  const doc = container.ownerDocument;
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(doc.createElement(tag), props);
    node.append(...children);
    return node;
  };
  let range = 1;
  const rows = Array.from({ length: units }, (_, i) => {
    const id = `${container.id}-z${i + 1}`;
    const input = el('input', { type: 'range', id, min: '0', max: '1', step: 'any', value: '0' });
    const output = el('output', { htmlFor: id, className: 'slider-value' }, '0.00');
    const badge = el('span', { className: 'badge', hidden: true }, 'dead');
    const row = el('div', { className: 'slider-row' }, el('label', { htmlFor: id }, `unit ${i + 1}`), input, output, badge);
    input.addEventListener('input', () => onProbe(rows.map((r) => Number(r.input.value))));
    return { row, input, output, badge };
  });
  const snap = el('button', { type: 'button', className: 'snap', disabled: true }, "Snap back to the image's code");
  snap.addEventListener('click', () => onProbe(null));
  container.append(...rows.map((r) => r.row), snap);

  return {
    /**
     * Shows `probe` when the reader holds the sliders, else `code`; flags the `dead` units;
     * `top` is the largest code value in the data set (the scale grows to it, never shrinks
     * under the reader's finger).
     */
    update({ code, probe, dead, top }) {
      const shown = probe ?? code;
      const want = Math.max(1, Math.ceil(Math.max(top, ...shown) * 1.1));
      if (want > range || (probe === null && want < range / 2)) {
        range = want;
        for (const r of rows) r.input.max = String(range);
      }
      rows.forEach((r, i) => {
        if (probe === null && !r.input.matches(':active')) setProp(r.input, 'value', String(shown[i]));
        setText(r.output, shown[i].toFixed(2));
        setProp(r.badge, 'hidden', !dead[i]);
        if (r.row.classList.contains('dead') !== dead[i]) r.row.classList.toggle('dead', dead[i]);
      });
      setProp(snap, 'disabled', probe === null);
    },
  };
}
