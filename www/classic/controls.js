// The '4' page's controls: the shared toolbar (core/controls.js: play, new seed, the seed,
// learning-rate and epochs fields, the epoch meter) and its own: Step, the speed slider and the
// loss meter. Whether a number is usable is the model's call, and its verdict comes back
// through fieldError().
import { createToolbar } from '../core/controls.js';
import { setAttr, setProp, setText } from '../core/dom.js';
import { setting, SPEEDS } from '../core/urlstate.js';

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
  const speed = $('speed');
  const speedValue = $('speed-value');
  const loss = $('loss');
  const field = (name) => ({ row: setting('field', name), act: on[name] });
  const toolbar = createToolbar(root, {
    fields: { seed: field('seed'), learningRate: field('learningRate'), epochs: field('epochs') },
    on,
    enable: [$('step'), speed],
  });
  $('step').addEventListener('click', () => on.step());
  speed.addEventListener('input', () => {
    const s = SPEEDS[Number(speed.value)];
    speedValue.value = speedLabel(s);
    setAttr(speed, 'aria-valuetext', speedWords(s));
    on.speed(s);
  });

  return {
    /** Shows `view`: { phase, epoch, target, loss, seed, learningRate, epochs, speed, ready }. */
    render(view) {
      toolbar.render(view);
      setProp(speed, 'value', String(SPEEDS.indexOf(view.speed)));
      setText(speedValue, speedLabel(view.speed));
      setAttr(speed, 'aria-valuetext', speedWords(view.speed));
      setText(loss, view.loss === null ? '–' : view.loss.toExponential(3));
      // The exact float, for tests and benchmarks: the text is rounded for people.
      setAttr(loss, 'data-value', view.loss === null ? null : String(view.loss));
    },
    fieldError: toolbar.fieldError,
  };
}
