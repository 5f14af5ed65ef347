// The page's entry point. Its own imports are few and small on purpose: it reads the link,
// starts the worker (which fetches and compiles the wasm) and asks for the first run at once,
// and only then loads the UI modules, which arrive while the worker is already training.
// The state is published on <body data-state> (loading -> training -> done, or paused, or
// error) for tests and benchmarks; the link is kept in the URL hash.
//
// ?embed=1 is the page inside another's iframe: no title or notes of its own (the post has
// them), and training only while the frame is on screen in a visible tab.
import { watchPresence } from '../core/presence.js';
import { readState } from '../core/urlstate.js';
import { startWorker } from '../core/worker-client.js';

const embedded = new URLSearchParams(window.location.search).get('embed') === '1';
if (embedded) document.documentElement.dataset.embed = '';

// A value of the link that does not parse is named on the page, and its default runs.
const initial = readState(window.location);

const worker = startWorker(initial.build);
const firstRun = worker.reset(initial.state);
if (!embedded) worker.play(initial.state.speed);

// One task boundary before the UI mounts: the browser starts the worker thread (and resolves
// the .wasm compile for it) in a task of this thread, and the mount would hold it up ~40 ms.
await new Promise((resolve) => setTimeout(resolve));
const { mountDemo } = await import('./app.js');
const demo = mountDemo(document.getElementById('tinyae'), {
  host: document.body,
  initial,
  worker,
  firstRun,
  location: window.location,
  history: window.history,
});
// The first call says whether the frame is in view; until then the run waits.
if (embedded && demo) {
  demo.setActive(false);
  watchPresence(document.documentElement, (active) => demo.setActive(active));
}
