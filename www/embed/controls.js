// controls="...": which of the element's controls a focused figure shows (TensorFlow
// Playground's hide-parts idea). One table for both layouts: a control's name and the parts it
// stands for in the compact view and in the full explorer; a part left out is hidden.
import { SettingError } from '../core/settings.js';

/** name -> { compact, full }: selectors of the parts it shows (null: that layout has none). */
export const CONTROLS = Object.freeze({
  play: { compact: '.tae-play', full: '#play' },
  step: { compact: null, full: '#step' },
  seed: { compact: null, full: '#new-seed, .field:has(#seed)' },
  'learning-rate': { compact: null, full: '.field:has(#lr)' },
  epochs: { compact: null, full: '.field:has(#epochs)' },
  speed: { compact: null, full: '.field-speed' },
  epoch: { compact: '.tae-meter:has(.tae-epoch), .tae-progress', full: '.meter:has(#epoch)' },
  loss: { compact: '.tae-meter:has(.tae-loss)', full: '.meter:has(#loss)' },
  chart: { compact: null, full: '.chart-panel' },
  draw: { compact: null, full: '.panel:has(#presets)' },
  sliders: { compact: null, full: '.panel:has(#latent-sliders)' },
  weights: { compact: null, full: '.panel:has(#weights-file)' },
});

/** controls="play seed": the names, each one of CONTROLS (any order, spaces or commas). */
export function parseControls(text) {
  const names = text
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  for (const name of names) {
    if (!(name in CONTROLS))
      throw new SettingError('controls', `a list of ${Object.keys(CONTROLS).join(', ')}`, name);
  }
  return new Set(names);
}

/** Hides, under `root`, every part of `panels`' layout whose control is not in `shown`. */
export function hideControls(root, panels, shown) {
  for (const [name, parts] of Object.entries(CONTROLS)) {
    if (!parts[panels] || shown.has(name)) continue;
    for (const el of root.querySelectorAll(parts[panels])) el.hidden = true;
  }
}
