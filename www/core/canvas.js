// Canvas plumbing shared by the views: a backing store of exactly the device pixels the canvas
// covers (crisp squares at any devicePixelRatio or zoom), and a redraw whenever that size, the
// zoom or the colour scheme changes. No wasm, no document globals beyond the canvas's own.

// Device-pixel sizes seen by the ResizeObserver, which knows them exactly where
// clientWidth * devicePixelRatio can only guess (fractional ratios round either way).
const deviceSizes = new WeakMap();

/**
 * Sizes `canvas`'s backing store to its device-pixel box, clears it and returns
 * `{ ctx, width, height, scale }`: the size in device pixels and device pixels per CSS pixel.
 */
export function fitCanvas(canvas) {
  const scale = canvas.ownerDocument.defaultView?.devicePixelRatio || 1;
  const observed = deviceSizes.get(canvas);
  // clientWidth is 0 while the canvas is not laid out; keep the attribute size then.
  const width = observed?.width || Math.round((canvas.clientWidth || canvas.width) * scale) || 1;
  const height = observed?.height || Math.round((canvas.clientHeight || canvas.height) * scale) || 1;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height, scale: canvas.clientWidth ? width / canvas.clientWidth : scale };
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
  const plot = { x: pad.left, y: pad.top, w: Math.max(1, w - pad.left - pad.right), h: Math.max(1, h - pad.top - pad.bottom) };
  return { ctx, width, height, scale, w, h, plot };
}

/**
 * Calls `redraw()` whenever `canvas` changes size on screen, the zoom changes or the colour
 * scheme flips. Returns a function that stops watching (an embed taken off the page).
 */
export function watchCanvas(canvas, redraw) {
  const win = canvas.ownerDocument.defaultView;
  const observer = new ResizeObserver(([entry]) => {
    const box = entry.devicePixelContentBoxSize?.[0];
    if (box) deviceSizes.set(canvas, { width: box.inlineSize, height: box.blockSize });
    redraw();
  });
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
    scheme?.removeEventListener('change', onScheme);
  };
}

/** The value of CSS custom property `name` on `el` (e.g. '--accent'), trimmed, or `fallback`. */
export function cssVar(el, name, fallback) {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}
