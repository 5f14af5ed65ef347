// Whether a demo should be working: near the viewport, in a tab that is showing. Embeds use it
// to start only when a reader scrolls to them and to pause while off-screen or hidden.

/**
 * Calls `onChange(active)` whenever `el` comes within `margin` of the viewport or leaves it, or
 * its tab is shown or hidden; `active` is "near and showing". The first call comes once the
 * browser has measured `el`. Returns a function that stops watching.
 */
export function watchPresence(el, onChange, { margin = '200px' } = {}) {
  const doc = el.ownerDocument;
  let near = false;
  let last = null;
  const update = () => {
    const active = near && doc.visibilityState === 'visible';
    if (active !== last) onChange((last = active));
  };
  const observer = new IntersectionObserver(
    (entries) => {
      near = entries[entries.length - 1].isIntersecting;
      update();
    },
    { rootMargin: margin },
  );
  observer.observe(el);
  doc.addEventListener('visibilitychange', update);
  return () => {
    observer.disconnect();
    doc.removeEventListener('visibilitychange', update);
  };
}
