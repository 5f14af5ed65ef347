// The page's side of the training worker: starts it, overlaps the .wasm download with the
// worker script's, numbers the runs, and turns the message protocol (protocol.js) into calls.
import { coreOptions } from './architecture.js';
import { pickBuild } from './simd.js';
import { linkWorker, MSG } from '../engine/protocol.js';
import { newWorker } from '../start-worker.js';

/**
 * Starts the worker for `prefer`'s build ('simd' | 'scalar' | undefined: the best available)
 * and returns its handle. Call as early as possible: the wasm is fetched and compiled here,
 * alongside the worker script, and commands can be sent at once (the worker queues them).
 * What the worker says is kept until listen() attaches a handler, so the UI can load meanwhile.
 * `compact`: the classic network alone will be trained (the compact element's default), so the
 * compact build suffices; otherwise the full build, which takes any network.
 */
export function startWorker(prefer, { compact = false } = {}) {
  const build = pickBuild(prefer);
  // The '4' page's head script (www/classic/boot.js) may have started it already: taken once.
  const started =
    globalThis.__tinyaeBoot?.build === build && !compact ? globalThis.__tinyaeBoot : null;
  if (globalThis.__tinyaeBoot) {
    if (!started) globalThis.__tinyaeBoot.worker.terminate();
    delete globalThis.__tinyaeBoot;
  }
  const worker = started?.worker ?? newWorker(compact);
  let nextRun = 1;
  let nextWeightsId = 1;
  const weightRequests = new Map();
  // Weights replies answer a promise of weights(); everything else goes to the listener.
  const take = (data) => {
    if (data.type !== MSG.WEIGHTS) return false;
    weightRequests.get(data.id)?.(data);
    weightRequests.delete(data.id);
    return true;
  };
  const { send, listen } = linkWorker(worker, build, 'classic-worker.js', {
    take,
    compact,
    started,
  });

  return {
    build,
    listen,
    /**
     * Asks for a new run: `config` { seed, learningRate, input, epochs, and the network's
     * fields (architecture.js) } and maybe `weights` (n_params) or a `checkpoint` (a model's
     * whole state, engine/classic.js) to start from. Returns the run's id; `started` or
     * `rejected` answers with it.
     */
    reset(config, weights, checkpoint) {
      const run = nextRun++;
      send(MSG.RESET, {
        run,
        seed: config.seed,
        options: coreOptions(config),
        data: config.input,
        target: config.epochs,
        weights,
        checkpoint,
      });
      return run;
    },
    /** Sets what frames show: `input` (64 pixels) and/or `probe` (4 numbers or null). */
    view: (fields) => send(MSG.VIEW, fields),
    /** Moves the current run's last epoch further on. */
    setTarget: (target) => send(MSG.TARGET, { target }),
    /** Starts training at `speed`: 'max' runs on its own, a number of steps waits for advance(). */
    play: (speed) => send(MSG.PLAY, { mode: speed === 'max' ? 'max' : 'paced' }),
    /** Trains `epochs` more epochs of run `run`, answered by one frame (cause 'advance'). */
    advance: (run, epochs) => send(MSG.ADVANCE, { run, epochs }),
    /** At 'max' the worker trains on its own until paused; paced, one advance at a time. */
    pacing: { window: 1, ownLoop: true },
    pause: () => send(MSG.PAUSE),
    /**
     * The current weights: resolves to `{ run, weights, epoch, loss }`, and asked with
     * `checkpoint` true (the full build), `checkpoint`: the model's whole state too.
     */
    weights(checkpoint) {
      const id = nextWeightsId++;
      send(MSG.WEIGHTS, { id, checkpoint });
      return new Promise((resolve) => weightRequests.set(id, resolve));
    },
    terminate: () => worker.terminate(),
  };
}
