// An engine's end of core/worker-link.js, for every engine (the '4' one and the data one): `load` starts the glue import
// at once and `module` arrives when the page has compiled the .wasm; every other message waits
// for both and is handled in arrival order, one at a time (a data file may take a moment to
// parse, and nothing may overtake it).
import { MSG } from './protocol.js';

/** Posts `msg` to the page, handing over the buffers in `transfer`. */
export const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);

/** An error's message, or whatever was thrown, as text. */
export const messageOf = (err) => String(err?.message ?? err);

/**
 * Serves the page: `load(build, module)` resolves to the initialised glue (each worker says
 * which glue it runs, so a bundle holds only that one), `ready(wasm)` once it runs (then `ready`
 * is posted), and `handle(msg)` (maybe async) for each message after. `name` tells a worker
 * bug's source.
 */
export function serveWorker(name, { load, ready, handle }) {
  let gotBuild;
  let gotModule;
  const buildArrived = new Promise((resolve) => (gotBuild = resolve));
  const moduleArrived = new Promise((resolve) => (gotModule = resolve));
  const loaded = Promise.all([buildArrived, moduleArrived])
    .then(([build, module]) => Promise.all([load(build, module), build]))
    .then(([wasm, build]) => {
      ready(wasm);
      post({ type: MSG.READY, build, kernels: wasm.kernels() });
    });
  let failed = false;
  loaded.catch((err) => {
    failed = true;
    post({ type: MSG.FATAL, message: messageOf(err) });
  });
  let queue = loaded.catch(() => {});

  self.onmessage = ({ data: msg }) => {
    if (msg.type === MSG.LOAD) return gotBuild(msg.build);
    if (msg.type === MSG.MODULE) return gotModule(msg.module);
    // After a failed load (reported once, above) there is nothing to run the messages on.
    queue = queue
      .then(() => (failed ? undefined : handle(msg)))
      .catch((err) => {
        // A bug, not bad input (the core's refusals are answered as `rejected` or `halted`):
        // loud, so it is seen and fixed rather than lost in the worker.
        console.error(err);
        post({ type: MSG.FATAL, message: `${name}: ${messageOf(err)}` });
      });
  };
}
