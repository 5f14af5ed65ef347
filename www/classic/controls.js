// The training controls: play/pause/replay, step, new seed, the seed, learning-rate, epochs and
// speed fields, and the epoch and loss meters. Text fields are parsed here and a value that
// does not parse is explained next to its field; whether a number is usable is the model's
// call, and its verdict comes back through fieldError().
import { setAttr, setProp, setText } from '../core/dom.js';
import { fmt } from '../core/format.js';
import { setting, SettingError, SPEEDS } from '../core/urlstate.js';

const PLAY_LABELS = {
  training: ['pause', 'Pause'],
  paused: ['play', 'Play'],
  done: ['replay', 'Replay'],
  loading: ['pause', 'Pause'],
  error: ['play', 'Play'],
};

/** Words for a speed: '5 steps / frame', 'as fast as possible'. */
export function speedLabel(speed) {
  if (speed === 'max') return 'as fast as possible';
  return `${speed} step${speed === 1 ? '' : 's'} / frame`;
}

/** What the speed slider says to a screen reader: '5 steps per frame', 'as fast as possible'. */
const speedWords = (speed) => speedLabel(speed).replace(' / ', ' per ');

/**
 * Wires the controls found in `root`. `on` holds the actions: play, pause, replay, step,
 * newSeed, seed(n), learningRate(x), epochs(n), speed(s). Returns `{ render(view), fieldError(field, message) }`.
 */
export function createControls(root, on) {
  const $ = (id) => root.querySelector(`#${id}`);
  const play = $('play');
  // Parsed and named by the settings table (urlstate.js), as the link and the element are.
  const fields = {
    seed: { input: $('seed'), error: $('seed-error'), act: on.seed },
    learningRate: { input: $('lr'), error: $('lr-error'), act: on.learningRate },
    epochs: { input: $('epochs'), error: $('epochs-error'), act: on.epochs },
  };
  for (const [name, f] of Object.entries(fields)) Object.assign(f, { parse: setting('field', name).parse, label: setting('field', name).label });
  const speed = $('speed');
  const speedValue = $('speed-value');
  const epoch = $('epoch');
  const progress = $('progress');
  const loss = $('loss');
  const playLabel = play.querySelector('.label');
  const controlsToEnable = [play, $('step'), $('new-seed'), speed, ...Object.values(fields).map((f) => f.input)];
  let phase = 'loading';
  const shown = {}; // the values last written into the fields, so render() only writes changes

  const fieldError = (name, message) => {
    const f = fields[name];
    if (!f) return;
    setProp(f.error, 'hidden', !message);
    setText(f.error, message ?? '');
    // "true", not "": an empty aria-invalid reads as false.
    setAttr(f.input, 'aria-invalid', message ? 'true' : null);
  };

  play.addEventListener('click', () => {
    if (phase === 'training') on.pause();
    else if (phase === 'done') on.replay();
    else on.play();
  });
  $('step').addEventListener('click', () => on.step());
  $('new-seed').addEventListener('click', () => on.newSeed());

  for (const [name, f] of Object.entries(fields)) {
    f.input.addEventListener('change', () => {
      let value;
      try {
        value = f.parse(f.input.value);
      } catch (err) {
        if (!(err instanceof SettingError)) throw err;
        return fieldError(name, `${f.label}: ${err.rule}`);
      }
      fieldError(name, null);
      f.act(value);
    });
    // No keydown handler for Enter: browsers fire change on Enter themselves (and a second
    // one from here started a second run).
  }
  speed.addEventListener('input', () => {
    const s = SPEEDS[Number(speed.value)];
    speedValue.value = speedLabel(s);
    setAttr(speed, 'aria-valuetext', speedWords(s));
    on.speed(s);
  });

  return {
    /**
     * Shows `view`: { phase, epoch, target, loss, seed, learningRate, epochs, speed, ready }.
     * A field being edited or holding an error keeps the reader's text.
     */
    render(view) {
      phase = view.phase;
      const [icon, label] = PLAY_LABELS[phase];
      setAttr(play, 'data-icon', icon);
      setText(playLabel, label);
      const usable = view.ready && phase !== 'error';
      for (const el of controlsToEnable) setProp(el, 'disabled', !usable);
      for (const [name, f] of Object.entries(fields)) {
        const text = String(view[name]);
        if (shown[name] === text) continue;
        const editing = f.input.matches(':focus') || f.input.hasAttribute('aria-invalid');
        if (editing && shown[name] !== undefined) continue;
        f.input.value = text;
        shown[name] = text;
      }
      setProp(speed, 'value', String(SPEEDS.indexOf(view.speed)));
      setText(speedValue, speedLabel(view.speed));
      setAttr(speed, 'aria-valuetext', speedWords(view.speed));

      setText(epoch, `${fmt(view.epoch)} / ${fmt(view.target)}`);
      setAttr(epoch, 'data-value', String(view.epoch));
      setAttr(progress, 'aria-valuemax', String(view.target));
      setAttr(progress, 'aria-valuenow', String(view.epoch));
      progress.style.setProperty('--progress', String(Math.min(1, view.epoch / view.target)));
      setText(loss, view.loss === null ? '–' : view.loss.toExponential(3));
      // The exact float, for tests and benchmarks: the text is rounded for people.
      setAttr(loss, 'data-value', view.loss === null ? null : String(view.loss));
    },
    fieldError,
  };
}
