// The page's end of a training worker, for both pages' clients (worker-client.js and
// digits/client.js): the build's .wasm is compiled here while the worker script loads, and what
// the worker says before the UI listens is kept for it.
import { compileBuild } from './bridge.js';
import { MSG } from '../engine/protocol.js';

/**
 * Sends `worker` (a script named `name`, for messages) the `build` and its compiled module, the
 * full one or the `compact` one (bridge.js), unless `started` (what www/classic/boot.js sent it
 * already; `started.early`: what the worker said since). `take(msg)` may claim a reply before
 * it is delivered (return true). Returns `{ send, listen }`.
 */
export function linkWorker(worker, build, name, { take = () => false, compact = false, started = null } = {}) {
  let listener = null;
  const early = [];
  const deliver = (msg) => (listener ? listener(msg) : early.push(msg));
  worker.onmessage = ({ data }) => {
    if (!take(data)) deliver(data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    deliver({ type: MSG.FATAL, message: `the training worker failed to load: ${event.message || name}` });
  };
  if (started) {
    for (const data of started.early.splice(0)) if (!take(data)) deliver(data);
  } else {
    worker.postMessage({ type: MSG.LOAD, build });
    compileBuild(build, compact).then(
      (module) => worker.postMessage({ type: MSG.MODULE, module }),
      // The worker's own fetch gives the better error (and works where compileStreaming is missing).
      () => worker.postMessage({ type: MSG.MODULE, module: null }),
    );
  }
  return {
    send: (type, fields = {}) => worker.postMessage({ type, ...fields }),
    /** Hands everything the worker said so far, and from now on, to `onMessage(msg)`. */
    listen(onMessage) {
      listener = onMessage;
      for (const msg of early.splice(0)) onMessage(msg);
    },
  };
}
