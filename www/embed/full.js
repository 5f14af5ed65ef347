// panels="full": the page's explorer inside the element. The markup is index.html's own,
// fetched (one copy of it, never out of step with the page), and app.js runs it exactly as on
// the page, minus the link in the address bar. Loaded only when an embed asks for it.
import { mountDemo } from '../classic/app.js';
import { hideControls } from './controls.js';
import { addSheet, nameLandmarks, pagePart } from './markup.js';

const PAGE = new URL('../../index.html', import.meta.url);
const STYLE = new URL('../core/style.css', import.meta.url);

/** controls="...": name -> selector of the parts each control shows in the explorer. */
export const FULL_PARTS = Object.freeze({
  play: '#play',
  step: '#step',
  seed: '#new-seed, .field:has(#seed)',
  'learning-rate': '.field:has(#lr)',
  epochs: '.field:has(#epochs)',
  speed: '.field-speed',
  epoch: '.meter:has(#epoch)',
  loss: '.meter:has(#loss)',
  chart: '.chart-panel',
  draw: '.panel:has(#presets)',
  sliders: '.panel:has(#latent-sliders)',
  weights: '.panel:has(#weights-file)',
});

/**
 * Mounts the explorer in `box` (inside the element's shadow root) for `config` (embedConfig()'s),
 * on `worker`, which was asked for `firstRun` already. Resolves to mountDemo()'s handle.
 */
export async function mountFull(box, { host, config, worker, firstRun }) {
  const [root] = await Promise.all([
    pagePart(PAGE, 'tinyae', box.ownerDocument, 'the explorer'),
    addSheet(box, STYLE),
  ]);
  // A post has its own title, introduction and notes, and no use for the page's mode tabs.
  for (const el of root.querySelectorAll('.modes, .intro, .notes, noscript')) el.remove();
  nameLandmarks(root, host, 'explorer');
  box.replaceChildren(root);
  const view = mountDemo(root, {
    host,
    initial: { state: config.state },
    worker,
    firstRun,
    autoplay: config.autoplay,
  });
  if (config.controls) hideControls(root, FULL_PARTS, config.controls);
  return view;
}
