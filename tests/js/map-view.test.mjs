// The map's view and cursor logic (www/digits/map/map-view.js) and its pictures' painting
// (thumbs.js), in Node: zoom keeps the point under the pointer where it is, pan keeps the points
// in reach, a view relative to the points' range follows the range, the cursor steps to the
// nearest item in a direction, a picture is the row's values as grey (square widths) or bars.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  fitPoint,
  MAX_ZOOM,
  nearestTo,
  panBy,
  panTo,
  stepFrom,
  viewRange,
  visibleItems,
  zoomAbout,
  zoomOf,
} from '../../www/digits/map/map-view.js';
import { itemShape, paintItem, ThumbCache } from '../../www/digits/map/thumbs.js';

const close = (a, b, eps = 1e-12) =>
  a.forEach((v, k) => assert.ok(Math.abs(v - b[k]) <= eps, `${a} vs ${b} at ${k}`));

describe('the view', () => {
  test('zooming about a point keeps that point at the same place in the view', () => {
    let view = null;
    for (const [factor, u, v] of [
      [2, 0.3, 0.7],
      [3, 0.35, 0.6],
      [1.5, 0.4, 0.62],
    ]) {
      const before = view ?? [0, 1, 0, 1];
      const at = [
        (u - before[0]) / (before[1] - before[0]),
        (v - before[2]) / (before[3] - before[2]),
      ];
      const zoomBefore = zoomOf(view);
      view = zoomAbout(view, factor, u, v);
      close([(u - view[0]) / (view[1] - view[0]), (v - view[2]) / (view[3] - view[2])], at);
      assert.ok(Math.abs(zoomOf(view) - zoomBefore * factor) < 1e-9);
    }
  });

  test('zooming out to the whole map gives null (every point), and depth is capped', () => {
    const view = zoomAbout(null, 4, 0.5, 0.5);
    assert.deepEqual(view, [0.375, 0.625, 0.375, 0.625]);
    assert.equal(zoomAbout(view, 1 / 4, 0.5, 0.5), null);
    assert.equal(zoomAbout(view, 1 / 8, 0.2, 0.9), null);
    assert.ok(Math.abs(zoomOf(zoomAbout(view, 1e6, 0.5, 0.5)) - MAX_ZOOM) < 1e-6);
  });

  test('panning moves the view but never its centre off the points', () => {
    const view = zoomAbout(null, 4, 0.5, 0.5);
    close(panBy(view, 0.1, -0.05), [0.475, 0.725, 0.325, 0.575]);
    close(panBy(view, 5, -5), [0.875, 1.125, -0.125, 0.125]);
    assert.equal(panBy(null, 0.1, 0.1), null);
    // panTo moves only as far as needed to bring a point in (with its margin), or not at all.
    assert.equal(panTo(view, 0.5, 0.5), view);
    const moved = panTo(view, 0.7, 0.5, 0);
    close(moved, [0.45, 0.7, 0.375, 0.625]);
  });

  test('a view is relative to the range: the same corner when the map grows', () => {
    const view = zoomAbout(null, 2, 0, 1); // the top-left quarter
    close(viewRange([-1, 1, -1, 1], view), [-1, 0, 0, 1]);
    close(viewRange([-10, 10, 0, 40], view), [-10, 0, 20, 40]);
    assert.deepEqual(viewRange([0, 1, 0, 1], null), [0, 1, 0, 1]);
    close(fitPoint([-10, 10, 0, 40], 0, 10), [0.5, 0.25]);
  });
});

describe('items in view and the cursor', () => {
  // Five items on screen (CSS px): a plus sign around (100, 100), and one far right.
  const screen = Float32Array.from([100, 100, 150, 100, 100, 40, 60, 110, 400, 300]);

  test('the items in view, all if few, else an even spread of `cap`', () => {
    assert.deepEqual(visibleItems(screen, [0, 200, 0, 200], 0, 10), [0, 1, 2, 3]);
    assert.deepEqual(visibleItems(screen, [0, 200, 0, 200], 0, 2), [0, 2]);
    assert.deepEqual(visibleItems(screen, [0, 390, 0, 290], 10, 10), [0, 1, 2, 3, 4]);
  });

  test('arrows step to the nearest item within 45 degrees; none: stay', () => {
    assert.equal(nearestTo(screen, 95, 95), 0);
    assert.equal(stepFrom(screen, 0, [1, 0]), 1);
    assert.equal(stepFrom(screen, 0, [0, -1]), 2);
    assert.equal(stepFrom(screen, 0, [-1, 0]), 3);
    assert.equal(stepFrom(screen, 0, [0, 1]), 0); // (60, 110) is 76 degrees off down: none
    assert.equal(stepFrom(screen, 1, [1, 0]), 4);
  });
});

describe('pictures', () => {
  test("an images' row is its square image; a table's row, of any width, a glyph", () => {
    assert.deepEqual(itemShape({ width: 8, height: 8 }), { kind: 'image', side: 8 });
    assert.deepEqual(itemShape({ width: 28, height: 28, kind: 'images' }), {
      kind: 'image',
      side: 28,
    });
    assert.equal(itemShape({ width: 5, height: 1, kind: 'table' }).kind, 'glyph');
    assert.equal(itemShape({ width: 4, height: 1, kind: 'table' }).kind, 'glyph');
  });

  test('an image is its values as grey, 0 black and 1 white, clamped', () => {
    const values = [0, 0.5, 1, 2];
    const rgba = new Uint8ClampedArray(2 * 2 * 4);
    paintItem(rgba, 2, 0, 0, values, itemShape({ width: 2, height: 2 }));
    assert.deepEqual(
      Array.from(rgba),
      [0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255],
    );
  });

  test('a glyph is a bar per value from the zero line, up for positive, down for negative', () => {
    const shape = { kind: 'glyph', side: 4 };
    const rgba = new Uint8ClampedArray(4 * 4 * 4);
    // Two values over four columns: [-1, 1] on a range of [-1, 1]: the zero line is row 2.
    paintItem(rgba, 4, 0, 0, [-1, 1], shape, [-1, 1]);
    const lit = (r, c) => rgba[4 * (r * 4 + c)] > 0;
    const column = (c) => [0, 1, 2, 3].map((r) => lit(r, c));
    assert.deepEqual(column(0), [false, false, true, true]);
    assert.deepEqual(column(1), [false, false, true, true]);
    assert.deepEqual(column(2), [true, true, true, false]);
    assert.deepEqual(column(3), [true, true, true, false]);
  });

  test('the cache asks once at a time, keeps the latest wish, drops stale answers', () => {
    const asked = [];
    const canvas = () => ({
      width: 0,
      height: 0,
      getContext: () => ({
        createImageData: (w, h) => ({ data: new Uint8ClampedArray(w * h * 4) }),
        putImageData: () => {},
      }),
    });
    const cache = new ThumbCache({ createElement: canvas }, (items, id) => asked.push([items, id]));
    cache.want([1, 2]);
    cache.want([3]);
    cache.want([4, 5]);
    assert.deepEqual(asked, [[[1, 2], 1]]);
    cache.fill(7, [9], new Float32Array(64)); // not the request in flight: dropped
    assert.equal(cache.slot(9), null);
    cache.fill(1, [1, 2], new Float32Array(128));
    assert.deepEqual(asked[1], [[4, 5], 2]);
    assert.deepEqual(cache.slot(1).slice(2), [8]);
    assert.notDeepEqual(cache.slot(1), cache.slot(2));
    cache.reset({ width: 8, height: 8 });
    assert.equal(cache.slot(1), null);
  });
});
