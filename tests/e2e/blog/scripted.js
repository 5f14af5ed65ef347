// The README's example: a paragraph that, scrolled to, steps the figure to its epoch.
const figure = document.getElementById('fig');
const paragraph = document.getElementById('at-200');
new IntersectionObserver(([entry], observer) => {
  if (!entry.isIntersecting) return;
  observer.disconnect();
  figure.step(Number(paragraph.dataset.epoch) - figure.epoch);
}).observe(paragraph);
