// The digits page's toolbar: play/pause/replay, new seed, the seed and epochs fields, the speed
// and the map's axes, and the meters (epoch, samples/s, train and test MSE). Text fields are
// parsed here and a value that does not parse is explained next to its field.
import { setAttr, setProp, setText } from '../core/dom.js';
import { fmt } from '../core/format.js';
import { axesFor, parseEpochs, parseSeed, parseSpeed } from './config.js';
import { formatMse, formatRate } from './verdict.js';

const PLAY = {
  training: ['pause', 'Pause'],
  paused: ['play', 'Play'],
  done: ['replay', 'Replay'],
  loading: ['pause', 'Pause'],
  error: ['play', 'Play'],
};

/**
 * Wires the controls in `root`. `on`: play, pause, replay, newSeed, seed(n), epochs(n),
 * speed(s), axes(a). Returns `{ render(view), fieldError(name, message), setLatent(k) }`.
 */
export function createControls(root, on) {
  const $ = (id) => root.querySelector(`#${id}`);
  const play = $('play');
  const playLabel = play.querySelector('.label');
  const fields = {
    seed: { input: $('seed'), error: $('seed-error'), parse: parseSeed, act: on.seed },
    epochs: { input: $('epochs'), error: $('epochs-error'), parse: parseEpochs, act: on.epochs },
  };
  const speed = $('speed');
  const axes = $('axes');
  const meters = { epoch: $('epoch'), progress: $('progress'), rate: $('rate'), train: $('train-mse'), test: $('test-mse') };
  const toEnable = [play, $('new-seed'), speed, axes, ...Object.values(fields).map((f) => f.input)];
  let phase = 'loading';
  let fixedPlane = false; // a code of one or two numbers: the map's axes are the units
  const shown = {};

  const fieldError = (name, message) => {
    const f = fields[name];
    if (!f) return;
    f.error.hidden = !message;
    f.error.textContent = message ?? '';
    f.input.toggleAttribute('aria-invalid', Boolean(message));
  };

  play.addEventListener('click', () => {
    if (phase === 'training') on.pause();
    else if (phase === 'done') on.replay();
    else on.play();
  });
  $('new-seed').addEventListener('click', () => on.newSeed());
  for (const [name, f] of Object.entries(fields)) {
    const apply = () => {
      let value;
      try {
        value = f.parse(f.input.value);
      } catch (err) {
        return fieldError(name, `${err.message[0].toUpperCase()}${err.message.slice(1)}.`);
      }
      fieldError(name, null);
      // Enter then blur fires twice for one edit: the second must not start another run.
      if (value === shown[name]) return;
      shown[name] = value;
      f.act(value);
    };
    f.input.addEventListener('change', apply);
    f.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') apply();
      if (e.key === 'Escape') {
        f.input.value = String(shown[name] ?? '');
        fieldError(name, null);
      }
    });
  }
  speed.addEventListener('change', () => on.speed(parseSpeed(speed.value)));
  axes.addEventListener('change', () => on.axes(axes.value));

  return {
    fieldError,
    /** The run's code has `k` numbers: the axes on offer are its units' (1-2 only for two, a strip for one). */
    setLatent(k) {
      const values = k === 1 ? ['strip'] : axesFor(k);
      if (values.join() === [...axes.options].map((o) => o.value).join()) return;
      const doc = root.ownerDocument;
      const label = (v) => ({ pc: 'first two principal components', strip: 'unit 1 (a strip)' })[v] ?? v.split('-').map((u) => `unit ${u}`).join(' \u00d7 ');
      axes.replaceChildren(...values.map((v) => Object.assign(doc.createElement('option'), { value: v, textContent: label(v) })));
      fixedPlane = k <= 2;
    },
    /** Brings everything in line with `view`: { phase, ready, epoch, target, rate, train, test, seed, epochs, speed, axes, dead }. */
    render(view) {
      phase = view.phase;
      const [icon, label] = PLAY[phase];
      setAttr(play, 'data-icon', icon);
      setText(playLabel, label);
      for (const el of toEnable) setProp(el, 'disabled', !view.ready || phase === 'error' || (el === axes && fixedPlane));
      setText(meters.epoch, `${fmt(view.epoch)} / ${fmt(view.target)}`);
      setAttr(meters.epoch, 'data-value', String(view.epoch));
      setAttr(meters.progress, 'aria-valuenow', String(view.epoch));
      setAttr(meters.progress, 'aria-valuemax', String(view.target));
      meters.progress.style.setProperty('--progress', String(view.target ? view.epoch / view.target : 0));
      setText(meters.rate, formatRate(view.rate));
      setText(meters.train, formatMse(view.train));
      setAttr(meters.train, 'data-value', Number.isFinite(view.train) ? String(view.train) : null);
      setText(meters.test, formatMse(view.test));
      setAttr(meters.test, 'data-value', Number.isFinite(view.test) ? String(view.test) : null);
      for (const name of ['seed', 'epochs']) {
        // A field the reader is typing in keeps what they typed.
        const f = fields[name];
        if (shown[name] !== view[name] && root.ownerDocument.activeElement !== f.input) {
          f.input.value = String(view[name]);
          shown[name] = view[name];
        }
      }
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
