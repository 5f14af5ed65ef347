// The map's dots as one bitmap: a disc of a few pixels per dot, written straight into an
// ImageData the size of the canvas and put on an offscreen canvas, which the map draws in one
// drawImage. 100,000 dots take a few milliseconds this way, where as many arc() calls take
// longer than a training step.
import { colorIndex } from './palette.js';

/** Offscreen stamps of a set of dots, kept between redraws (scatter.js draws rings over them). */
export class DotLayer {
  constructor(doc) {
    this.doc = doc;
    this.canvas = null;
    this.image = null;
    this.words = null;
  }

  /**
   * Stamps a disc of `radius` device px, in colour `packed[palette[i]]`, at each dot i's device
   * position (`screen`: CSS px, times `scale`), keeping inside `box` ([x0, x1, y0, y1], device
   * px, end exclusive); the layer is `width` x `height`.
   */
  stamp({ screen, palette, packed, width, height, scale, box, radius }) {
    if (this.canvas?.width !== width || this.canvas?.height !== height) {
      this.canvas = this.doc.createElement('canvas');
      this.canvas.width = width;
      this.canvas.height = height;
      this.image = this.canvas.getContext('2d').createImageData(width, height);
      this.words = new Uint32Array(this.image.data.buffer);
    }
    const { words } = this;
    words.fill(0);
    const reach = Math.ceil(radius);
    const dxs = [];
    const dys = [];
    for (let dy = -reach; dy <= reach; dy++) {
      for (let dx = -reach; dx <= reach; dx++) {
        if (dx * dx + dy * dy <= radius * radius) (dxs.push(dx), dys.push(dy));
      }
    }
    // Each disc as offsets into the words: a dot clear of the box's edges needs no checks.
    const line = Int32Array.from(dxs, (dx, k) => dys[k] * width + dx);
    const [x0, x1, y0, y1] = box;
    const n = palette.length;
    for (let i = 0; i < n; i++) {
      const cx = Math.round(screen[2 * i] * scale);
      const cy = Math.round(screen[2 * i + 1] * scale);
      const word = packed[palette[i]];
      if (cx - reach >= x0 && cx + reach < x1 && cy - reach >= y0 && cy + reach < y1) {
        const at = cy * width + cx;
        for (let k = 0; k < line.length; k++) words[at + line[k]] = word;
      } else if (cx + reach >= x0 && cx - reach < x1 && cy + reach >= y0 && cy - reach < y1) {
        for (let k = 0; k < dxs.length; k++) {
          const x = cx + dxs[k];
          const y = cy + dys[k];
          if (x >= x0 && x < x1 && y >= y0 && y < y1) words[y * width + x] = word;
        }
      }
    }
    this.canvas.getContext('2d').putImageData(this.image, 0, 0);
  }
}

/** Each label's palette index (Uint8Array), and how many palette entries they use. */
export function paletteOf(labels) {
  // Plain loops: Uint8Array.from with a mapping function and a Set of the result took 10-14 ms
  // on 100,000 labels, twice (both maps) in the task that receives a data set.
  const palette = new Uint8Array(labels.length);
  const seen = new Uint8Array(256);
  let used = 0;
  for (let i = 0; i < labels.length; i++) {
    const c = colorIndex(labels[i]);
    palette[i] = c;
    if (!seen[c]) {
      seen[c] = 1;
      used += 1;
    }
  }
  return { palette, used };
}

/** The colours as opaque RGBA words in the platform's byte order, for writing into ImageData. */
export function packColors(canvas, colors) {
  const probe = canvas.ownerDocument.createElement('canvas');
  probe.width = probe.height = 1;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  const words = new Uint32Array(colors.length);
  const bytes = new Uint8ClampedArray(words.buffer);
  colors.forEach((color, i) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    bytes.set([r, g, b, 255], i * 4);
  });
  return words;
}
