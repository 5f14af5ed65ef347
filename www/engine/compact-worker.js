// The compact element's training worker: the same worker (engine/classic.js) over the compact
// build, the classic network alone, which is all the compact figure trains. It names the two
// exports the worker calls, not the glue's namespace, so the bundle leaves out the rest
// (initSync, pixels and their helpers).
import initGlue, { Autoencoder, kernels } from '../pkg/compact-simd/tinyae.js';
import { serveTraining } from './classic.js';

serveTraining(initGlue, { Autoencoder, kernels }, true);
