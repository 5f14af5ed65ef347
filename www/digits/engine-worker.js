// Starts the data page's engine (engine/data-worker.js) as start-worker.js starts the training
// worker: from another origin (the element's panels="map" or "generate" served by a CDN) through
// the blob: bootstrap. Apart from start-worker.js, which the element imports: a bundler that
// met this `new Worker` there would build the data engine, and name its 28x28 data sets, in
// every build of the element.
import { startWorkerScript } from '../start-worker.js';

/** A new data engine worker. */
export function newDataWorker() {
  return startWorkerScript(
    import.meta.resolve('../engine/data-worker.js'),
    () => new Worker(new URL('../engine/data-worker.js', import.meta.url), { type: 'module' }),
  );
}
