// The training worker of the '4' page and the full element: the full build's glue, imported
// statically so that the worker's whole graph loads at once (worker-main.js is the worker).
import initGlue, * as glue from '../pkg/simd/tinyae.js';
import { useGlue } from './worker-main.js';

useGlue(initGlue, glue, false);
