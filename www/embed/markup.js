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
