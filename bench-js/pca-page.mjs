// The browser side of bench-js/pca.mjs: both release builds, and a function the driver calls
// with the 8x8 digits (the workload is made here, as in Node).
import * as simd from '../www/pkg/simd/tinyae.js';
import * as scalar from '../www/pkg/scalar/tinyae.js';
import { timeFits, wideDigits } from './pca-workload.mjs';

const ready = Promise.all([simd.default(), scalar.default()]);

window.pcaBench = async (pixels, n8, reps) => {
  await ready;
  const x = wideDigits(pixels, n8);
  return {
    userAgent: navigator.userAgent,
    simd: timeFits(simd, x, reps),
    scalar: timeFits(scalar, x, reps),
  };
};
