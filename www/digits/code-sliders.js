// The explorer's sliders, one per latent unit. They show the picked image's code until the
// reader moves one; from then on they are the code the decoder draws, until "Snap back". The
// scale covers every code in the data set, so any image's code fits on it.
import { createSliderRows } from '../core/slider-rows.js';

/**
 * Builds `units` sliders and a snap button in `container`. `onProbe(z)` gets the values
 * when the reader moves a slider, and null on snap. Returns `{ update({ code, probe, dead, top }) }`.
 */
export function createCodeSliders(container, { units, onProbe }) {
  let range = 1;
  let signed = false;
  const sliders = createSliderRows(container, { units, snapLabel: "Snap back to the image's code", onProbe });

  return {
    /**
     * Shows `probe` when the reader holds the sliders, else `code`; flags the `dead` units;
     * `top` is the largest code size in the data set, `bottom` its smallest value (below 0:
     * the sliders run both ways); the scale grows to them, never shrinks under the reader's
     * finger.
     */
    update({ code, probe, dead, top, bottom = 0 }) {
      const shown = probe ?? code;
      const want = Math.max(1, Math.ceil(Math.max(top, -bottom, ...shown.map(Math.abs)) * 1.1));
      const below = bottom < 0 || Math.min(...shown) < 0;
      if (want > range || below !== signed || (probe === null && want < range / 2)) {
        range = want;
        signed = below;
        sliders.setRange(range, signed);
      }
      sliders.show(shown, probe, dead);
    },
  };
}
