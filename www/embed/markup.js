// The pages' own markup and stylesheets for the element's larger views (full.js: index.html's
// explorer; data-view.js: digits.html's map and generator), fetched when such a view starts:
// one copy of them, never out of step with the page, and nothing of them in the compact view.

/**
 * Element `id` of the page at `url` (named `what` in an error), as a plain <div> with its
 * attributes and children, adopted by `doc`: a post has its own <main>, so the part is a block,
 * not a second main landmark. Rejects naming the URL when the page does not load.
 */
export async function pagePart(url, id, doc, what) {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`${what}'s markup did not load: ${url} gave HTTP ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const part = page.getElementById(id);
  const root = doc.createElement('div');
  for (const { name, value } of part.attributes) root.setAttribute(name, value);
  root.append(...doc.adoptNode(part).childNodes);
  return root;
}

/**
 * Stylesheet `href` in the shadow root that holds `box`, before the element's own (embed.css
 * has the last word): a <link>, as `style-src 'self'` allows. Resolves once it loaded (or failed).
 */
export function addSheet(box, href) {
  const link = Object.assign(box.ownerDocument.createElement('link'), { rel: 'stylesheet', href });
  return new Promise((resolve) => {
    link.onload = link.onerror = resolve;
    box.getRootNode().prepend(link);
  });
}

/**
 * With more than one of `host`'s kind (its panels attribute) in the post, each one's landmarks
 * (Training controls, Loss, ...) get its number, "explorer 2" (`noun` 2), so a screen reader's
 * list of them tells them apart.
 */
export function nameLandmarks(root, host, noun) {
  const panels = (el) => el.getAttribute('panels')?.trim().toLowerCase();
  const same = [...host.ownerDocument.querySelectorAll('tiny-autoencoder')].filter(
    (el) => panels(el) === panels(host),
  );
  if (same.length < 2) return;
  const name = `${noun} ${same.indexOf(host) + 1}`;
  const tag = Object.assign(root.ownerDocument.createElement('span'), {
    id: 'tae-figure-name',
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
