// Canvas plumbing shared by the views: a backing store of exactly the device pixels the canvas
// covers (crisp squares at any devicePixelRatio or zoom), and a redraw whenever that size, the
// zoom or the colour scheme changes. No wasm, no document globals beyond the canvas's own.

// What the ResizeObserver of watchCanvas() saw: the box in device pixels, which it knows exactly
// where clientWidth * devicePixelRatio can only guess (fractional ratios round either way), and
// in CSS pixels. A watched canvas is sized from this alone, never by reading the layout: each
// such read after another canvas's resize forces a layout of the whole page, and a page's
// first frame draws some fifty canvases. A watched canvas its observer has not reported yet
// maps to null.
const boxes = new WeakMap();

/**
 * Sizes `canvas`'s backing store to its device-pixel box, clears it and returns
 * `{ ctx, width, height, scale }`: the size in device pixels and device pixels per CSS pixel.
 * A watched canvas its observer has not reported yet keeps its attribute size: the observer's
 * first report, before the next paint, redraws it.
 */
export function fitCanvas(canvas) {
  const ratio = canvas.ownerDocument.defaultView?.devicePixelRatio || 1;
  const box = boxes.has(canvas) ? boxes.get(canvas) : layoutBox(canvas, ratio);
  // A canvas that is not laid out (0 x 0) keeps its attribute size too.
  const width = box?.width || canvas.width || 1;
  const height = box?.height || canvas.height || 1;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height, scale: box?.cssWidth ? width / box.cssWidth : ratio };
}

// An unwatched canvas's box (a hover card's, drawn once when shown), read from the layout.
function layoutBox(canvas, ratio) {
  const cssWidth = canvas.clientWidth;
  return {
    width: Math.round(cssWidth * ratio),
    height: Math.round(canvas.clientHeight * ratio),
    cssWidth,
  };
}

/**
 * fitCanvas() for a chart drawn in CSS pixels: its `{ ctx, width, height, scale }` plus the size
 * `w`, `h` in CSS pixels and `plot`, the frame `{ x, y, w, h }` inside the margins `pad`
 * ({ left, right, top, bottom }). The context is set to draw in CSS pixels.
 */
export function fitPlot(canvas, pad) {
  const { ctx, width, height, scale } = fitCanvas(canvas);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const w = width / scale;
  const h = height / scale;
  const plot = {
    x: pad.left,
    y: pad.top,
    w: Math.max(1, w - pad.left - pad.right),
    h: Math.max(1, h - pad.top - pad.bottom),
  };
  return { ctx, width, height, scale, w, h, plot };
}

/**
 * Calls `redraw()` whenever `canvas` changes size on screen, the zoom changes or the colour
 * scheme flips. Returns a function that stops watching (an embed taken off the page).
 */
export function watchCanvas(canvas, redraw) {
  const win = canvas.ownerDocument.defaultView;
  const observer = new ResizeObserver(([entry]) => {
    const css = entry.contentBoxSize?.[0];
    const device = entry.devicePixelContentBoxSize?.[0];
    const cssWidth = css?.inlineSize ?? entry.contentRect.width;
    const cssHeight = css?.blockSize ?? entry.contentRect.height;
    const ratio = win?.devicePixelRatio || 1;
    // Safari has no device-pixel-content-box: its best guess is the CSS box times the ratio.
    boxes.set(canvas, {
      width: device?.inlineSize ?? Math.round(cssWidth * ratio),
      height: device?.blockSize ?? Math.round(cssHeight * ratio),
      cssWidth,
    });
    redraw();
  });
  boxes.set(canvas, null);
  try {
    observer.observe(canvas, { box: 'device-pixel-content-box' });
  } catch {
    observer.observe(canvas); // Safari has no device-pixel-content-box
  }
  const scheme = win?.matchMedia('(prefers-color-scheme: dark)');
  const onScheme = () => redraw();
  scheme?.addEventListener('change', onScheme);
  return () => {
    observer.disconnect();
    boxes.delete(canvas);
    scheme?.removeEventListener('change', onScheme);
  };
}

/** The value of CSS custom property `name` on `el` (e.g. '--accent'), trimmed, or `fallback`. */
export function cssVar(el, name, fallback) {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}
