// The element's static poster (scripts/poster.mjs): the finished classic run's three panels as
// SVG, with the release build's numbers in the page's grey levels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posterSvg } from '../../scripts/poster.mjs';
import { loadBuild } from '../../scripts/load-build.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { grayLevel } from '../../www/core/grid.js';

test('the poster draws the input, the finished reconstruction and the code of seed 78', async () => {
  const svg = await posterSvg(78, 1000);
  const greys = [...svg.matchAll(/fill="rgb\((\d+),\1,\1\)"/g)].map((m) => Number(m[1]));
  assert.equal(greys.length, 64 + 64 + 4);
  const { Autoencoder } = await loadBuild('simd');
  const ae = new Autoencoder(78);
  ae.train_step(1000);
  const recon = ae.reconstruct(Float32Array.from(DIGIT_FOUR));
  ae.free();
  assert.deepEqual(
    greys.slice(0, 64),
    DIGIT_FOUR.map((v) => grayLevel(v, 0, 1)),
  );
  assert.deepEqual(
    greys.slice(64, 128),
    Array.from(recon, (v) => grayLevel(v, 0, 1)),
  );
  assert.match(
    svg,
    /^<svg [^>]*role="img" aria-label="tinyae: an 8x8 '4', its reconstruction after 1,000 epochs \(MSE [\d.]+e-\d+\)/,
  );
  assert.match(svg, /<title>tinyae: /);
});
