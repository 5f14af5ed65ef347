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
  const from = run.source === 'file' ? `weights from ${run.fileName} (not in the link)` : `seed ${run.seed}`;
  if (session.stale) return 'Paused with a new input: shown through the current model. Play or Step trains a new run on it.';
  if (phase === 'training') return `Training ${from}${built}…`;
  if (phase === 'paused') return `Paused at epoch ${fmt(run.epoch)} of ${fmt(run.target)}, ${from}.`;
  if (phase === 'done') {
    const time = run.doneMs === null ? '' : ` in ${duration(run.doneMs)}`;
    return `Done: ${fmt(run.epoch)} epochs${time}, ${from}${built}.`;
  }
  return '';
}

/** The core's message made to read as a sentence: "learning_rate must …" -> "Learning rate must …." */
export function readable(message) {
  const text = message.replace(/^learning_rate/, 'Learning rate').replace(/^seed/, 'Seed');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
