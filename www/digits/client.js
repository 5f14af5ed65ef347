// The page's side of the digits worker: starts it (overlapping the .wasm download with the
// worker script's), numbers data sets and runs, and turns the protocol (protocol.js) into calls.
import { coreOptions } from '../core/architecture.js';
import { pickBuild } from '../core/simd.js';
import { linkWorker } from '../core/worker-link.js';
import { MSG } from './protocol.js';

/**
 * Starts the worker for `prefer`'s build ('scalar' or undefined: the best available). Commands
 * may be sent at once (the worker queues them); what it says is kept until listen() attaches a
 * handler, so the UI modules can load meanwhile.
 */
export function startDigitsWorker(prefer) {
  const build = pickBuild(prefer);
  const worker = new Worker(new URL('./digits-worker.js', import.meta.url), { type: 'module' });
  let nextRun = 1;
  let nextData = 1;
  let nextCodes = 1;
  const { send, listen } = linkWorker(worker, build, 'digits-worker.js');

  return {
    build,
    listen,
    /** Loads the built-in data (`{ url }`) or a CSV (`{ file }`); returns the data set's id. */
    loadData(source) {
      const id = nextData++;
      send(MSG.DATA, { id, ...source });
      return id;
    },
    /** A new model from `config`'s seed and network on the current data; returns the run's id. */
    reset(config) {
      const run = nextRun++;
      send(MSG.RESET, { run, seed: config.seed, options: coreOptions(config), target: config.epochs });
      return run;
    },
    setTarget: (target) => send(MSG.TARGET, { target }),
    /**
     * Trains `epochs` more epochs (or 'max': a frame's worth) of run `run`; one frame answers.
     * `paced` (the page's loop): at most PACED_MS of it, mid-epoch if need be.
     */
    advance: (run, epochs, paced = false) => send(MSG.ADVANCE, { run, epochs, paced }),
    /** The page asks for every stretch, 'max' ones too, and keeps two waiting at most. */
    pacing: { window: 2, ownLoop: false },
    /** Asks for every image's code (answered by a `codes` message); returns the request's id. */
    codes() {
      const id = nextCodes++;
      send(MSG.CODES, { id });
      return id;
    },
    /** Sets what frames show: any of `axes`, `explore`, `probe`, `hover`. */
    view: (fields) => send(MSG.VIEW, fields),
    terminate: () => worker.terminate(),
  };
}
