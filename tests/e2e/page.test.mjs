// End to end: the page loads the wasm from its own origin, trains the default autoencoder to
// convergence in Chromium, and draws a reconstruction that is recognisably the '4'.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIGIT_FOUR, SIZE } from '../../www/digit.js';
import { launchBrowser, openPage, screenshot, startSite } from './harness.mjs';

const TRAINING_TIMEOUT_MS = 60_000;

/** Waits for the page to finish (or fail) and returns what it published in the DOM. */
async function finalState(page) {
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, {
    timeout: TRAINING_TIMEOUT_MS,
  });
  return page.evaluate(() => {
    const { state, error, build, kernels, seed } = document.body.dataset;
    return {
      state,
      error,
      build,
      kernels,
      seed,
      loss: Number(document.getElementById('loss').dataset.value),
      epoch: Number(document.getElementById('epoch').dataset.value),
    };
  });
}

/**
 * Brightness 0..1 at the centre of each cell of an n x n grid canvas, read back from the
 * canvas itself: what the user sees, not what the page meant to draw.
 */
function cellBrightness(page, id, n) {
  return page.evaluate(
    ({ id, n }) => {
      const canvas = document.getElementById(id);
      const { width, height } = canvas;
      // One readback for the whole canvas: a getImageData per cell makes Chromium log a
      // performance warning, which assertCleanLog would then blame on the page.
      const { data } = canvas.getContext('2d').getImageData(0, 0, width, height);
      const out = [];
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const x = Math.floor(((c + 0.5) * width) / n);
          const y = Math.floor(((r + 0.5) * height) / n);
          const i = 4 * (y * width + x);
          out.push((data[i] + data[i + 1] + data[i + 2]) / (3 * 255));
        }
      }
      return out;
    },
    { id, n },
  );
}

function assertCleanLog(log) {
  assert.deepEqual(log.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  // e.g. wasm-bindgen warns when the .wasm is not served as application/wasm.
  assert.deepEqual(log.consoleWarnings, [], 'console warnings');
  assert.deepEqual(log.failedRequests, [], 'failed requests');
  assert.deepEqual(log.foreignRequests, [], 'requests to other origins');
}

function assertShowsFour(brightness, label) {
  const wrong = [];
  DIGIT_FOUR.forEach((ink, i) => {
    if (ink ? !(brightness[i] > 0.5) : !(brightness[i] < 0.5)) {
      const [row, col] = [Math.floor(i / SIZE), i % SIZE];
      wrong.push(`(${row},${col}) ink=${ink} brightness=${brightness[i].toFixed(3)}`);
    }
  });
  assert.deepEqual(wrong, [], `${label}: cells that do not match the '4'`);
}

describe('index.html', () => {
  let site;
  let browser;
  let simdLoss; // set by the simd test, for the scalar one to compare with

  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('trains the default seed to a clean 4 on the simd build', async () => {
    // deviceScaleFactor 2 exercises the HiDPI path of the canvas views.
    const { context, page, log } = await openPage(browser, site.origin, {
      viewport: { width: 1100, height: 720 },
      deviceScaleFactor: 2,
    });
    try {
      await page.goto(site.url);
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.build, 'simd', 'Chromium has wasm SIMD: the simd build should run');
      assert.equal(result.kernels, 'simd128');
      assert.equal(result.epoch, 1000);
      assert.ok(result.loss < 1e-3, `final loss ${result.loss} should be below 1e-3`);
      simdLoss = result.loss;

      const visible = await page.evaluate(() => document.getElementById('loss').textContent);
      assert.equal(visible, result.loss.toExponential(3));

      assertShowsFour(await cellBrightness(page, 'original', SIZE), 'original');
      assertShowsFour(await cellBrightness(page, 'reconstruction', SIZE), 'reconstruction');

      // The latent view is scaled to its own range: the smallest value black, the largest white,
      // and the colour bar labels that same range.
      const latent = await page.evaluate(() => {
        const values = JSON.parse(document.getElementById('latent').dataset.values);
        const { min, max } = document.getElementById('colorbar').dataset;
        return { values, min: Number(min), max: Number(max) };
      });
      assert.equal(latent.values.length, 4);
      assert.equal(latent.min, Math.min(...latent.values));
      assert.equal(latent.max, Math.max(...latent.values));
      const latentBrightness = await cellBrightness(page, 'latent', 2);
      const argmin = latent.values.indexOf(latent.min);
      const argmax = latent.values.indexOf(latent.max);
      if (latent.max > latent.min) {
        assert.ok(latentBrightness[argmin] < 0.01, `lowest cell not black: ${latentBrightness}`);
        assert.ok(latentBrightness[argmax] > 0.99, `highest cell not white: ${latentBrightness}`);
      }

      const file = await screenshot(page, 'page');
      console.log(`screenshot ${file}: seed ${result.seed}, loss ${result.loss}`);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('the scalar fallback build trains too', async () => {
    const { context, page, log } = await openPage(browser, site.origin);
    try {
      await page.goto(`${site.url}?build=scalar`);
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.build, 'scalar');
      assert.equal(result.kernels, 'scalar');
      assert.ok(result.loss < 1e-3, `final loss ${result.loss} should be below 1e-3`);
      // The SIMD kernels keep the scalar order of operations, so the two builds agree to the bit.
      if (simdLoss !== undefined) assert.equal(result.loss, simdLoss);
      assertShowsFour(await cellBrightness(page, 'reconstruction', SIZE), 'reconstruction');
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('a bad ?seed= is reported on the page, not swallowed', async () => {
    const { context, page } = await openPage(browser, site.origin);
    try {
      await page.goto(`${site.url}?seed=banana`);
      const result = await finalState(page);
      assert.equal(result.state, 'error');
      assert.match(result.error, /seed/);
      assert.match(await page.textContent('#status'), /seed/);
    } finally {
      await context.close();
    }
  });
});
