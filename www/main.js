// The page's entry point. Its own imports are few and small on purpose: it reads the link,
// starts the worker (which fetches and compiles the wasm) and asks for the first run at once,
// and only then loads the UI modules, which arrive while the worker is already training.
// The state is published on <body data-state> (loading -> training -> done, or paused, or
// error) for tests and benchmarks; the link is kept in the URL hash.
import { readState } from './urlstate.js';
import { startWorker } from './worker-client.js';

let initial;
try {
  initial = readState(window.location);
} catch (err) {
  // The demo still comes up (showing the defaults' input) but reports the broken link.
  initial = { ...readState(), error: err.message };
}

const worker = startWorker(initial.build);
let firstRun = null;
if (!initial.error) {
  firstRun = worker.reset(initial.state);
  worker.play(initial.state.speed);
}

const { mountDemo } = await import('./app.js');
mountDemo(document.getElementById('tinyae'), {
  host: document.body,
  initial,
  worker,
  firstRun,
  location: window.location,
  history: window.history,
});
