// controls="...": which of the element's controls a focused figure shows (TensorFlow
// Playground's hide-parts idea): a control's name and the parts it stands for in each layout; a
// part left out is hidden. The compact view's parts are here; the full explorer's are full.js's
// (FULL_PARTS), which only panels="full" loads.
import { SettingError } from '../core/settings.js';

/** Every control's name, in the order the README lists them. */
export const CONTROLS = Object.freeze(
  'play step seed learning-rate epochs speed epoch loss chart draw sliders weights'.split(' '),
);

/** name -> selector of the parts it shows in the compact view (only these three). */
export const COMPACT_PARTS = Object.freeze({
  play: '.tae-play',
  epoch: '.tae-meter:has(.tae-epoch), .tae-progress',
  loss: '.tae-meter:has(.tae-loss)',
});

/** controls="play seed": the names, each one of CONTROLS (any order, spaces or commas). */
export function parseControls(text) {
  const names = text
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  for (const name of names) {
    if (!CONTROLS.includes(name))
      throw new SettingError('controls', `a list of ${CONTROLS.join(', ')}`, name);
  }
  return new Set(names);
}

/** Hides, under `root`, every part of `parts` (name -> selector) whose control is not in `shown`. */
export function hideControls(root, parts, shown) {
  for (const [name, selector] of Object.entries(parts)) {
    if (shown.has(name)) continue;
    for (const el of root.querySelectorAll(selector)) el.hidden = true;
  }
}
