// The training worker of the '4' page and the full element: the full build's glue, imported
// statically so that the worker's whole graph loads at once (engine/classic.js is the worker),
// with the network view's numbers, which only this build gives. It names the two exports the
// worker calls, not the glue's namespace, so the bundle leaves out the rest (Pca, ImageSet and
// their helpers).
import initGlue, { Autoencoder, kernels } from '../pkg/simd/tinyae.js';
import { networkFrame } from './network-frame.js';
import { serveTraining } from './classic.js';

serveTraining(initGlue, { Autoencoder, kernels }, false, networkFrame);
