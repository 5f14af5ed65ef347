// Decode at the pointer: over empty space on the latent map, the decoder's picture of that very
// point of the code plane, live as the pointer moves (the map run backwards), decoded at once by
// the page's copy of the model (decoder.js). The card beside the pointer shows the picture and
// where it was decoded from, and is decoded again as new weights come (a run in progress). It
// publishes the code and pixels (data-code, data-values, data-shown: how many were drawn) and
// the median time from pointer move to pixels (data-latency-ms, over the last LATENCY_KEPT
// moves; data-work-ms: the part spent here, decoding and drawing, the rest is the browser's
// wait to deliver the move) for the tests and the bench.
import { el as makeEl } from '../../core/dom.js';
import { itemShape, paintItem } from './thumbs.js';

// How many pointer moves the median latency is taken over.
const LATENCY_KEPT = 200;

const pair = ([x, y]) => `(${x.toFixed(2)}, ${y.toFixed(2)})`;

/** The text for a decoded point [x, y] of the map. */
export const decodedText = (point) => `decoded from ${pair(point)}`;

/**
 * The card in `container` (the map's .tip-anchor); `decode(point)` gives the code at map point
 * [x, y] and its pixels (or null: no model yet). Returns `{ point(p), refresh(), reset(shape) }`.
 */
export function createDecodeCard(container, { decode }) {
  const doc = container.ownerDocument;
  const el = (tag, props, ...children) => makeEl(doc, tag, props, ...children);
  const image = el('canvas', { className: 'card-image decoded-image', width: 8, height: 8 });
  const caption = el('p', { className: 'card-title' });
  const card = el(
    'div',
    { id: 'decode-card', className: 'hover-card', hidden: true },
    caption,
    image,
  );
  card.setAttribute('aria-hidden', 'true'); // the map's readout says it in words
  container.append(card);
  let shape = itemShape({ width: 8, height: 8 });
  const latencies = [];

  const place = ({ left, top }) => {
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const x = left + 16 + w > container.clientWidth ? Math.max(0, left - w - 16) : left + 16;
    card.style.left = `${x}px`;
    card.style.top = `${Math.min(Math.max(0, top - h / 2), Math.max(0, container.clientHeight - h))}px`;
  };

  let latest = null; // the point shown, or null
  // Decodes point `p` and shows it; `timed`: a pointer move, whose latency is kept.
  const show = (p, timed) => {
    const start = performance.now();
    const decoded = decode([p.x, p.y]);
    if (!decoded) return void (card.hidden = true);
    const { code, pixels } = decoded;
    if (image.width !== shape.side) image.width = image.height = shape.side;
    const ctx = image.getContext('2d');
    const picture = ctx.createImageData(shape.side, shape.side);
    paintItem(picture.data, shape.side, 0, 0, pixels, shape);
    ctx.putImageData(picture, 0, 0);
    caption.textContent = decodedText([p.x, p.y]);
    card.hidden = false;
    place(p);
    card.dataset.code = JSON.stringify(Array.from(code));
    card.dataset.point = JSON.stringify([p.x, p.y]);
    image.dataset.values = JSON.stringify(Array.from(pixels));
    card.dataset.shown = String(Number(card.dataset.shown ?? 0) + 1);
    if (!timed) return;
    const end = performance.now();
    latencies.push([end - p.time, end - start]);
    if (latencies.length > LATENCY_KEPT) latencies.shift();
    card.dataset.latencyMs = median(latencies.map((l) => l[0])).toFixed(2);
    card.dataset.workMs = median(latencies.map((l) => l[1])).toFixed(3);
  };

  return {
    /**
     * The pointer (or the keyboard's free cursor) is at `p` ({ x, y } on the map, `time` of the
     * move, `left`, `top`: where in the container), or null: gone.
     */
    point(p) {
      latest = p;
      if (!p) card.hidden = true;
      else show(p, true);
    },
    /** The model changed (new weights): the point shown is decoded again. */
    refresh() {
      if (latest) show(latest, false);
    },
    /** A new data set, of `next` (itemShape's argument): nothing of the last one is shown. */
    reset(next) {
      shape = itemShape(next);
      this.point(null);
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
