// The label legend: one swatch per label present, with how many images carry it. The swatches
// take their colour from a class (digits.css), not a style attribute, so a strict CSP allows it.
import { LABELS } from './palette.js';

/**
 * Fills `list` (a <ul>) with the labels in `labels` (Int8Array, -1 = none) and their counts,
 * each named by `names` (a data set's label names) or as a digit.
 */
export function renderLegend(list, labels, names = null) {
  const doc = list.ownerDocument;
  const counts = new Array(LABELS + 1).fill(0);
  for (const l of labels) counts[l >= 0 && l < LABELS ? l : LABELS]++;
  const items = [];
  counts.forEach((count, c) => {
    if (!count) return;
    const swatch = doc.createElement('span');
    swatch.className = `swatch label-${c < LABELS ? c : 'none'}`;
    const name = doc.createElement('span');
    name.className = 'legend-name';
    name.textContent = c < LABELS ? (names?.[c] ?? String(c)) : 'no label';
    const n = doc.createElement('span');
    n.className = 'legend-count';
    n.textContent = String(count);
    const li = doc.createElement('li');
    li.title = `${c < LABELS ? (names?.[c] ?? `digit ${c}`) : 'no label'}: ${count} images`;
    li.append(swatch, name, n);
    items.push(li);
  });
  list.replaceChildren(...items);
  list.dataset.labels = String(items.length);
}
