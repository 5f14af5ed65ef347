// What a zoomed map draws over its dots: past IMAGE_ZOOM, the items in view as their pictures
// (thumbs.js's atlas), at most IMAGE_CAP a frame, each framed in its label's colour, the hovered
// or picked ones on top; and the cross where the decoder reads a point the keyboard chose.
import { IMAGE_ZOOM, visibleItems } from './map-view.js';
import { IMAGE_CAP } from './thumbs.js';

/** A picture's side in CSS px at `zoom`: it grows as the reader zooms in, up to 56 px. */
export const pictureSize = (zoom) => Math.min(56, Math.round(8 + 4 * zoom));

/**
 * Past IMAGE_ZOOM, the items of `map` (a ScatterMap, as just stamped) in `plot` as their pictures
 * (those its cache has; the rest are asked for and stay dots until they come). Sets
 * map.picturing; returns how many were drawn.
 */
export function drawPictures(ctx, map, plot) {
  const { thumbs, screen } = map;
  map.picturing = Boolean(thumbs) && map.zoom >= IMAGE_ZOOM;
  if (!map.picturing) return 0;
  const size = pictureSize(map.zoom);
  const box = [plot.x, plot.x + plot.w, plot.y, plot.y + plot.h];
  const items = visibleItems(screen, box, size / 2, IMAGE_CAP);
  const missing = [];
  let drawn = 0;
  ctx.imageSmoothingEnabled = size < thumbs.shape.side;
  ctx.lineWidth = 1.5;
  for (const i of items) {
    const at = thumbs.slot(i);
    if (!at) {
      missing.push(i);
      continue;
    }
    const x = Math.round(screen[2 * i] - size / 2);
    const y = Math.round(screen[2 * i + 1] - size / 2);
    ctx.drawImage(thumbs.canvas, at[0], at[1], at[2], at[2], x, y, size, size);
    ctx.strokeStyle = map.colors[map.palette.palette[i]];
    ctx.strokeRect(x - 0.75, y - 0.75, size + 1.5, size + 1.5);
    drawn += 1;
  }
  if (missing.length) thumbs.want(missing);
  return drawn;
}

/**
 * Item `i` of `map` (hovered, under the cursor or picked) over the other pictures: its picture
 * again, on top, in a 2 px frame of `color` `pad` px outside it.
 */
export function drawPicked(ctx, map, i, color, pad) {
  const size = pictureSize(map.zoom);
  const x = Math.round(map.screen[2 * i] - size / 2);
  const y = Math.round(map.screen[2 * i + 1] - size / 2);
  const at = map.thumbs.slot(i);
  if (at) ctx.drawImage(map.thumbs.canvas, at[0], at[1], at[2], at[2], x, y, size, size);
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.strokeRect(x - pad, y - pad, size + 2 * pad, size + 2 * pad);
}

/** A small cross at (x, y): the point the decoder is reading. */
export function drawCross(ctx, x, y, color) {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x - 6, y);
  ctx.lineTo(x + 6, y);
  ctx.moveTo(x, y - 6);
  ctx.lineTo(x, y + 6);
  ctx.stroke();
}
