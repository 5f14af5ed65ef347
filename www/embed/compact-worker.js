// The compact element's training worker: the same worker (core/worker-main.js) over the compact
// build, the classic network alone, which is all the compact figure trains.
import initGlue, * as glue from '../pkg/compact-simd/tinyae.js';
import { useGlue } from '../core/worker-main.js';

useGlue(initGlue, glue, true);
