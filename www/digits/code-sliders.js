// The explorer's four sliders, one per latent unit. They show the picked image's code until the
// reader moves one; from then on they are the code the decoder draws, until "Snap back". The
// scale covers every code in the data set, so any image's code fits on it.
import { createSliderRows } from '../core/slider-rows.js';

/**
 * Builds `units` sliders and a snap button in `container`. `onProbe(z)` gets the four values
 * when the reader moves a slider, and null on snap. Returns `{ update({ code, probe, dead, top }) }`.
 */
export function createCodeSliders(container, { units, onProbe }) {
  let range = 1;
  const sliders = createSliderRows(container, { units, snapLabel: "Snap back to the image's code", onProbe });

  return {
    /**
     * Shows `probe` when the reader holds the sliders, else `code`; flags the `dead` units;
     * `top` is the largest code value in the data set (the scale grows to it, never shrinks
     * under the reader's finger).
     */
    update({ code, probe, dead, top }) {
      const shown = probe ?? code;
      const want = Math.max(1, Math.ceil(Math.max(top, ...shown) * 1.1));
      if (want > range || (probe === null && want < range / 2)) {
        range = want;
        sliders.setRange(range);
      }
      sliders.show(shown, probe, dead);
    },
  };
}
