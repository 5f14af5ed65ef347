// Picture files for the picture tests, made here: PNG bytes written with node:zlib (no image
// library), and SVG text, each of a glyph whose 8x8 conversion is known exactly.
import { crc32, deflateSync } from 'node:zlib';
import { SIZE } from '../../www/core/digit.js';

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A width x height RGBA PNG; `paint(x, y)` gives each pixel's [r, g, b, a]. */
export function png(width, height, paint) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits a channel, RGBA, deflate, no filter, not interlaced
  const rows = Buffer.alloc(height * (1 + 4 * width));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(paint(x, y), y * (1 + 4 * width) + 1 + 4 * x);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * `glyph` (64 values: 1 ink, 0 blank, or a fraction: that share of the cell's rows inked) as a
 * black-on-white PNG of `scale` x `scale` pixels a cell.
 */
export function glyphPng(glyph, scale = 5) {
  return png(SIZE * scale, SIZE * scale, (x, y) => {
    const cell = Math.floor(y / scale) * SIZE + Math.floor(x / scale);
    const ink = y % scale < glyph[cell] * scale;
    return ink ? [0, 0, 0, 255] : [255, 255, 255, 255];
  });
}

/** `glyph` (64 values of 0 and 1) as an SVG of black squares on nothing (transparent), sized `side`. */
export function glyphSvg(glyph, side = 80) {
  const squares = glyph.flatMap((ink, i) =>
    ink ? [`<rect x="${i % SIZE}" y="${Math.floor(i / SIZE)}" width="1" height="1"/>`] : [],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" width="${side}" height="${side}">${squares.join('')}</svg>\n`;
}
