// DOM writes that skip values already there. The views are updated every animation frame
// while training; writing an unchanged text or attribute still invalidates style and layout.

/** Sets `el`'s text to `text` unless it already is. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** setText() on every element under `root` that matches `selector` (the words a page repeats). */
export function setTextAll(root, selector, text) {
  for (const el of root.querySelectorAll(selector)) setText(el, text);
}

/** Sets attribute `name` of `el` to `value` (a string; null removes it) unless it already is. */
export function setAttr(el, name, value) {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

/** Sets property `name` of `el` (value, disabled, hidden, ...) unless it already holds `value`. */
export function setProp(el, name, value) {
  if (el[name] !== value) el[name] = value;
}

/** Shows `text` in `el`, or hides `el` when there is none (null or ''). */
export function showText(el, text) {
  setProp(el, 'hidden', !text);
  setText(el, text ?? '');
}

/**
 * A new `tag` element of `doc` with `props` (properties such as className or width; `role`
 * and `aria-*` become attributes) and `children` (nodes or text).
 */
export function el(doc, tag, props = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'role' || name.startsWith('aria-')) node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children);
  return node;
}
