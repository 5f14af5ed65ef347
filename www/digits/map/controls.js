// The digits page's controls: the shared toolbar (core/controls.js: play, new seed, the seed and
// epochs fields, the epoch meter) and its own: the speed, the map's axes, and the meters
// (samples/s, train and test MSE).
import { createToolbar } from '../../core/controls.js';
import { setAttr, setProp, setText } from '../../core/dom.js';
import { axesFor, parseSpeed, SETTINGS } from '../config.js';
import { formatMse, formatRate } from '../../core/format.js';

/**
 * Wires the controls in `root`. `on`: play, pause, replay, newSeed, seed(n), epochs(n),
 * speed(s), axes(a). Returns `{ render(view), fieldError(name, message), setLatent(k) }`.
 */
export function createControls(root, on) {
  const $ = (id) => root.querySelector(`#${id}`);
  const speed = $('speed');
  const axes = $('axes');
  const meters = { rate: $('rate'), train: $('train-mse'), test: $('test-mse') };
  const field = (name) => ({ row: SETTINGS.find((r) => r.field === name), act: on[name] });
  const toolbar = createToolbar(root, {
    fields: { seed: field('seed'), epochs: field('epochs') },
    on,
    enable: [speed, axes],
  });
  let fixedPlane = false; // a code of one or two numbers: the map's axes are the units
  let last = null; // the view last shown
  // Escape puts a field back to the value in use.
  root.addEventListener('keydown', (e) => {
    const name = { seed: 'seed', epochs: 'epochs' }[e.target.id];
    if (e.key !== 'Escape' || !name || !last) return;
    e.target.value = String(last[name]);
    toolbar.fieldError(name, null);
  });
  speed.addEventListener('change', () => on.speed(parseSpeed(speed.value)));
  axes.addEventListener('change', () => on.axes(axes.value));

  const meter = (el, value) => {
    setText(el, formatMse(value));
    setAttr(el, 'data-value', Number.isFinite(value) ? String(value) : null);
  };

  return {
    fieldError: toolbar.fieldError,
    /** The run's code has `k` numbers: the axes on offer are its units' (1-2 only for two, a strip for one). */
    setLatent(k) {
      const values = k === 1 ? ['strip'] : axesFor(k);
      if (values.join() === [...axes.options].map((o) => o.value).join()) return;
      const doc = root.ownerDocument;
      const label = (v) =>
        ({ pc: 'first two principal components', strip: 'unit 1 (a strip)' })[v] ??
        v
          .split('-')
          .map((u) => `unit ${u}`)
          .join(' \u00d7 ');
      axes.replaceChildren(
        ...values.map((v) =>
          Object.assign(doc.createElement('option'), { value: v, textContent: label(v) }),
        ),
      );
      fixedPlane = k <= 2;
    },
    /** Brings everything in line with `view`: { phase, ready, epoch, target, rate, train, test, seed, epochs, speed, axes, dead }. */
    render(view) {
      last = view;
      toolbar.render(view);
      if (fixedPlane) setProp(axes, 'disabled', true);
      setText(meters.rate, formatRate(view.rate));
      meter(meters.train, view.train);
      meter(meters.test, view.test);
      setProp(speed, 'value', String(view.speed));
      setProp(axes, 'value', view.axes);
      // A dead unit is named in the chooser: that map would be a line.
      for (const option of axes.options) {
        const base = option.dataset.base ?? (option.dataset.base = option.textContent);
        const units = option.value === 'pc' ? [] : option.value.split('-').map(Number);
        const dead = units.filter((u) => view.dead[u - 1]);
        setText(option, dead.length ? `${base} (unit ${dead.join(', ')} dead)` : base);
      }
    },
  };
}
