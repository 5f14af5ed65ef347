// The toolbar both pages share: the play button (Pause, Play or Replay by the run's phase), the
// text fields (parsed by their row of the settings table, a value that does not parse explained
// next to its field, the one in use kept), the epoch meter and its progress bar. Each page adds
// its own speed control and meters (classic/controls.js, digits/map/controls.js).
import { setAttr, setProp, setText, showText } from './dom.js';
import { fmt } from './format.js';
import { SettingError } from './settings.js';

const PLAY_LABELS = {
  training: ['pause', 'Pause'],
  paused: ['play', 'Play'],
  done: ['replay', 'Replay'],
  loading: ['pause', 'Pause'],
  error: ['play', 'Play'],
};

/**
 * Wires the toolbar in `root`. `fields`: name -> { row (a settings row: parse, label), act(value) },
 * each with its input #<row.key> and its #<row.key>-error; `on`: play, pause, replay, newSeed;
 * `enable`: the page's own controls, usable when the fields are. Returns `{ fieldError(name,
 * message), render(view, blocked) }`.
 */
export function createToolbar(root, { fields: rows, on, enable = [] }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const play = $('play');
  const playLabel = play.querySelector('.label');
  const fields = Object.fromEntries(
    Object.entries(rows).map(([name, f]) => [
      name,
      { ...f, input: $(f.row.key), error: $(`${f.row.key}-error`) },
    ]),
  );
  const toEnable = [play, $('new-seed'), ...enable, ...Object.values(fields).map((f) => f.input)];
  const meters = { epoch: $('epoch'), progress: $('progress') };
  let phase = 'loading';
  const shown = {}; // the text last written into each field, so render() only writes changes

  const fieldError = (name, message) => {
    const f = fields[name];
    if (!f) return;
    showText(f.error, message);
    // "true", not "": an empty aria-invalid reads as false.
    setAttr(f.input, 'aria-invalid', message ? 'true' : null);
  };

  play.addEventListener('click', () => {
    if (phase === 'training') on.pause();
    else if (phase === 'done') on.replay();
    else on.play();
  });
  $('new-seed').addEventListener('click', () => on.newSeed());
  for (const [name, f] of Object.entries(fields)) {
    // Browsers fire change on Enter too: a keydown handler as well started a second run.
    f.input.addEventListener('change', () => {
      let value;
      try {
        value = f.row.parse(f.input.value);
      } catch (err) {
        if (!(err instanceof SettingError)) throw err;
        return fieldError(name, `${f.row.label}: ${err.rule}`);
      }
      fieldError(name, null);
      f.act(value);
    });
  }

  return {
    fieldError,
    /**
     * Shows `view`: { phase, ready, epoch, target } and each field's value by its name; a field
     * being edited or holding an error keeps the reader's text.
     */
    render(view) {
      phase = view.phase;
      const [icon, label] = PLAY_LABELS[phase];
      setAttr(play, 'data-icon', icon);
      setText(playLabel, label);
      const usable = view.ready && phase !== 'error';
      for (const el of toEnable) setProp(el, 'disabled', !usable);
      for (const [name, f] of Object.entries(fields)) {
        const text = f.row.format(view[name]);
        if (shown[name] === text) continue;
        const editing = f.input.matches(':focus') || f.input.hasAttribute('aria-invalid');
        if (editing && shown[name] !== undefined) continue;
        f.input.value = text;
        shown[name] = text;
      }
      setText(meters.epoch, `${fmt(view.epoch)} / ${fmt(view.target)}`);
      setAttr(meters.epoch, 'data-value', String(view.epoch));
      setAttr(meters.progress, 'aria-valuemax', String(view.target));
      setAttr(meters.progress, 'aria-valuenow', String(view.epoch));
      meters.progress.style.setProperty(
        '--progress',
        String(view.target ? Math.min(1, view.epoch / view.target) : 0),
      );
    },
  };
}
