// A small floating label for "what is under the pointer" on the canvas views. It lives inside
// the view's own container (so it works in a shadow root) and is positioned with CSSOM
// properties, which a strict style-src CSP allows where a style attribute would not be.

/** A tooltip inside `container` (made a positioning context): `{ show(text, x, y), hide() }`, x/y in px from its top-left. */
export function createTooltip(container) {
  container.classList.add('tip-anchor');
  const tip = container.ownerDocument.createElement('div');
  tip.className = 'tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true'); // the views have their own accessible descriptions
  container.append(tip);
  return {
    show(text, x, y) {
      tip.textContent = text;
      tip.hidden = false;
      // Kept inside the container, flipping to the left of the pointer near the right edge.
      const flip = x + tip.offsetWidth + 12 > container.clientWidth;
      tip.style.left = `${flip ? Math.max(0, x - tip.offsetWidth - 8) : x + 12}px`;
      tip.style.top = `${Math.max(0, y - tip.offsetHeight - 8)}px`;
    },
    hide() {
      tip.hidden = true;
    },
  };
}
