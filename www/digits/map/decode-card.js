// Decode at the pointer: over empty space on the latent map, the decoder's picture of that very
// point of the code plane, live as the pointer moves (the map run backwards). One request is in
// flight at a time; the moves made meanwhile are dropped but the latest, asked for as soon as
// the answer lands, so a fast pointer never queues work in the engine. The card beside the
// pointer shows the picture and where it was decoded from; it publishes the answer's code and
// pixels (data-code, data-values) and the median time from pointer move to pixels
// (data-latency-ms, over the last LATENCY_KEPT answers) for the tests and the bench.
import { el as makeEl } from '../../core/dom.js';
import { itemShape, paintItem } from './thumbs.js';

// How many answers the median latency is taken over.
const LATENCY_KEPT = 200;

const pair = ([x, y]) => `(${x.toFixed(2)}, ${y.toFixed(2)})`;

/** The text for a decoded point [x, y] of the map. */
export const decodedText = (point) => `decoded from ${pair(point)}`;

/**
 * The card in `container` (the map's .tip-anchor); `request(point, id)` asks the engine to decode
 * map point [x, y]. Returns `{ point(p), answer(msg), reset(width), hide() }`.
 */
export function createDecodeCard(container, { request }) {
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
  let shape = itemShape(64);
  let ids = 0;
  let asked = null; // the request in flight: { id, time, source: the point asked for }
  let latest = null; // the latest point wanted meanwhile (null: none, or the pointer left)
  const latencies = [];

  const send = (p) => {
    asked = { id: ++ids, time: p.time, source: p };
    request([p.x, p.y], asked.id);
  };
  const place = ({ left, top }) => {
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const x = left + 16 + w > container.clientWidth ? Math.max(0, left - w - 16) : left + 16;
    card.style.left = `${x}px`;
    card.style.top = `${Math.min(Math.max(0, top - h / 2), Math.max(0, container.clientHeight - h))}px`;
  };

  return {
    /**
     * The pointer (or the keyboard's free cursor) is at `p` ({ x, y } on the map, `time` of the
     * move, `left`, `top`: where in the container), or null: gone.
     */
    point(p) {
      latest = p;
      if (!p) return void (card.hidden = true);
      if (!asked) send(p);
    },
    /** The engine's `decoded`: drawn if the pointer is still out on the map; then the latest move. */
    answer({ id, point, code, pixels }) {
      if (!asked || id !== asked.id) return;
      const done = asked;
      asked = null;
      if (latest && pixels) {
        if (image.width !== shape.side) image.width = image.height = shape.side;
        const ctx = image.getContext('2d');
        const picture = ctx.createImageData(shape.side, shape.side);
        paintItem(picture.data, shape.side, 0, 0, pixels, shape, [0, 1]);
        ctx.putImageData(picture, 0, 0);
        caption.textContent = decodedText(point);
        card.hidden = false;
        place(latest);
        card.dataset.code = JSON.stringify(Array.from(code));
        card.dataset.point = JSON.stringify(point);
        image.dataset.values = JSON.stringify(Array.from(pixels));
        latencies.push(performance.now() - done.time);
        if (latencies.length > LATENCY_KEPT) latencies.shift();
        card.dataset.latencyMs = median(latencies).toFixed(2);
        card.dataset.answers = String(Number(card.dataset.answers ?? 0) + 1);
      }
      if (latest && latest !== done.source) send(latest);
    },
    /** A new data set, rows `width` wide: nothing of the last one is shown. */
    reset(width) {
      shape = itemShape(width);
      latest = null;
      asked = null;
      card.hidden = true;
    },
    hide() {
      latest = null;
      card.hidden = true;
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
