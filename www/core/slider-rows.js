// The rows of latent sliders both explorers show (the '4' page's and the digits page's): one
// range input per unit with its value and a "dead" badge, and a button that snaps them back.
// What scale they use and what else they say is each explorer's own.
import { el as makeEl, setAttr, setProp, setText } from './dom.js';
import { shortNumber } from './grid.js';

/**
 * Builds `units` slider rows and a snap button labelled `snapLabel` in `container`.
 * `onProbe(z)` gets the values when the reader moves a slider, and null on snap.
 * Returns `{ setRange(max, signed), show(shown, probe, dead) }`.
 */
export function createSliderRows(container, { units, snapLabel, onProbe }) {
  const doc = container.ownerDocument;
  const el = (tag, props, ...children) => makeEl(doc, tag, props, ...children);
  const rows = Array.from({ length: units }, (_, i) => {
    const id = `${container.id || 'latent'}-z${i + 1}`;
    const input = el('input', { type: 'range', id, min: '0', max: '1', step: 'any', value: '0' });
    // A meter, not a live region (an <output> is one by default): it changes every frame,
    // and the slider's aria-valuetext already says it when the reader is on it.
    const output = el(
      'output',
      { htmlFor: id, className: 'slider-value', 'aria-live': 'off' },
      '0.00',
    );
    const badge = el('span', { className: 'badge', hidden: true }, 'dead');
    const row = el(
      'div',
      { className: 'slider-row' },
      el('label', { htmlFor: id }, `unit ${i + 1}`),
      input,
      output,
      badge,
    );
    input.addEventListener('input', () => onProbe(rows.map((r) => Number(r.input.value))));
    return { row, input, output, badge };
  });
  // aria-disabled, not disabled: a disabled button drops the focus of whoever just pressed it.
  const snap = el('button', { type: 'button', className: 'snap' }, snapLabel);
  snap.setAttribute('aria-disabled', 'true');
  snap.addEventListener('click', () => {
    if (snap.getAttribute('aria-disabled') !== 'true') onProbe(null);
  });
  container.append(...rows.map((r) => r.row), snap);

  return {
    /** Sets every slider's ends: 0..max, or -max..max for codes that go below 0 (tanh, linear). */
    setRange(max, signed = false) {
      for (const r of rows) {
        r.input.max = String(max);
        r.input.min = String(signed ? -max : 0);
      }
    },
    /**
     * Shows `shown` (a value per unit); moves the thumbs only while the reader is not holding the
     * sliders (`probe` null); flags the units marked in `dead` (booleans).
     */
    show(shown, probe, dead) {
      rows.forEach((r, i) => {
        if (probe === null && !r.input.matches(':active'))
          setProp(r.input, 'value', String(shown[i]));
        setText(r.output, shortNumber(shown[i]));
        setAttr(r.input, 'aria-valuetext', `unit ${i + 1}: ${shortNumber(shown[i])}`);
        setProp(r.badge, 'hidden', !dead[i]);
        if (r.row.classList.contains('dead') !== dead[i]) r.row.classList.toggle('dead', dead[i]);
      });
      setAttr(snap, 'aria-disabled', String(probe === null));
    },
  };
}
