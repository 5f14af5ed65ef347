// The '4' page's status line and the core's messages in the page's words.
import { duration, fmt } from '../core/format.js';

/**
 * The status line for `session` (its phase, run and stale flag), `notice` (a message that
 * stands until the next run) and `build` (the wasm build's name, or '' before it is known).
 */
export function statusText({ session, notice, build }) {
  const { run, phase } = session;
  const built = build ? `, ${build} wasm build` : '';
  if (notice) return notice;
  if (!run) return 'Loading the WebAssembly module…';
  const from =
    run.source === 'file' ? `weights from ${run.fileName} (not in the link)` : `seed ${run.seed}`;
  if (session.stale)
    return 'Paused with a new input: shown through the current model. Play or Step trains a new run on it.';
  if (phase === 'training') return `Training ${from}${built}…`;
  if (phase === 'paused')
    return `Paused at epoch ${fmt(run.epoch)} of ${fmt(run.target)}, ${from}.`;
  if (phase === 'done') {
    const time = run.doneMs === null ? '' : ` in ${duration(run.doneMs)}`;
    return `Done: ${fmt(run.epoch)} epochs${time}, ${from}${built}.`;
  }
  return '';
}

// The reader's names for the fields the core names by its own (learning_rate, seed).
const LABELS = { learningRate: 'Learning rate', seed: 'Seed' };

/**
 * The core's refusal `{ field, message, reason }` as a sentence: "Learning rate must be …, got …."
 * (its `reason` after the field's label), or its own message where the page has no label for it.
 */
export function readable({ field, message, reason }) {
  const text = field in LABELS && reason ? `${LABELS[field]} ${reason}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
