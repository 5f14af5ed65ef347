// panels="full": the page's explorer inside the element. The markup is index.html's own,
// fetched (one copy of it, never out of step with the page), and app.js runs it exactly as on
// the page, minus the link in the address bar. Loaded only when an embed asks for it.
import { mountDemo } from '../classic/app.js';

const PAGE = new URL('../../index.html', import.meta.url);

/**
 * Mounts the explorer in `box` (inside the element's shadow root) for `config` (embedConfig()'s),
 * on `worker`, which was asked for `firstRun` already. Resolves to mountDemo()'s handle.
 */
export async function mountFull(box, { host, config, worker, firstRun }) {
  const response = await fetch(PAGE);
  if (!response.ok)
    throw new Error(`the explorer's markup did not load: ${PAGE} gave HTTP ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const main = page.getElementById('tinyae');
  // A post has its own title, introduction and notes, and no use for the page's mode tabs.
  for (const el of main.querySelectorAll('.modes, .intro, .notes, noscript')) el.remove();
  // The post has its own <main>: here the explorer is a plain block, not a second main landmark.
  const root = box.ownerDocument.createElement('div');
  for (const { name, value } of main.attributes) root.setAttribute(name, value);
  root.append(...box.ownerDocument.adoptNode(main).childNodes);
  nameLandmarks(root, host);
  box.replaceChildren(root);
  return mountDemo(root, {
    host,
    initial: { state: config.state },
    worker,
    firstRun,
    autoplay: config.autoplay,
  });
}

/**
 * With more than one explorer in the post, each one's landmarks (Training controls, Loss, ...)
 * get its number, "explorer 2", so a screen reader's list of them tells the two apart.
 */
function nameLandmarks(root, host) {
  const full = [...host.ownerDocument.querySelectorAll('tiny-autoencoder')].filter(
    (el) => el.getAttribute('panels')?.trim().toLowerCase() === 'full',
  );
  if (full.length < 2) return;
  const name = `explorer ${full.indexOf(host) + 1}`;
  const tag = Object.assign(root.ownerDocument.createElement('span'), {
    id: 'tae-explorer-name',
    hidden: true,
    textContent: `(${name})`,
  });
  root.append(tag);
  for (const section of root.querySelectorAll('section[aria-label]')) {
    section.setAttribute('aria-label', `${section.getAttribute('aria-label')} (${name})`);
  }
  for (const section of root.querySelectorAll('section[aria-labelledby]')) {
    section.setAttribute('aria-labelledby', `${section.getAttribute('aria-labelledby')} ${tag.id}`);
  }
}
