// End to end, the story on load: the page loads the wasm from its own origin, trains the
// default autoencoder live (watchably, in a worker) to the loss the core reaches, and draws a
// reconstruction that is recognisably the '4', with four live latent units. Screenshots of the
// finished page, light and dark, wide and phone-sized, go to test-results/.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { DEFAULTS, encodeImage } from '../../www/core/urlstate.js';
import { screenshot, useBrowser } from './harness.mjs';
import {
  assertCleanLog,
  assertShows,
  cellBrightness,
  coreRun,
  finalState,
  hashParams,
  published,
  waitForState,
} from './page-helpers.mjs';

describe('index.html: the story on load', () => {
  const env = useBrowser();
  let expected; // the core's own run of the defaults
  before(async () => {
    expected = await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR });
  });

  test('the default seed keeps all four latent units alive (the story needs them)', () => {
    assert.equal(expected.code.length, 4);
    for (const [i, z] of expected.code.entries()) assert.ok(z > 0.5, `unit ${i + 1} is ${z}`);
  });

  test("trains the default run live to the core's loss and draws a clean 4 (simd)", async () => {
    // deviceScaleFactor 2 exercises the HiDPI path of the canvas views.
    const { context, page, log } = await env.open({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 2,
    });
    try {
      await page.goto(env.site.url);
      // Watchable: the page is seen mid-run, with a partial epoch count and a growing curve.
      await waitForState(page, ['training', 'done', 'error']);
      await page.waitForFunction(() => Number(document.getElementById('epoch').dataset.value) > 0);
      const mid = await page.evaluate(() => ({
        state: document.body.dataset.state,
        epoch: Number(document.getElementById('epoch').dataset.value),
        points: Number(document.getElementById('losschart').dataset.points),
      }));
      assert.equal(mid.state, 'training');
      assert.ok(mid.epoch > 0 && mid.epoch < 1000, `caught mid-run at epoch ${mid.epoch}`);
      assert.equal(mid.points, mid.epoch, 'one loss point per epoch at watchable speeds');
      const boxesMid = await layoutBoxes(page);

      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.build, 'simd', 'Chromium has wasm SIMD: the simd build should run');
      assert.equal(result.kernels, 'simd128');
      assert.equal(result.seed, DEFAULTS.seed);
      assert.equal(result.epoch, 1000);
      // The same run as the core's, to the bit: the page shows the real thing.
      assert.equal(result.loss, expected.loss);
      assert.ok(result.loss < 1e-3, `final loss ${result.loss} should be below 1e-3`);
      const visible = await page.evaluate(() => document.getElementById('loss').textContent);
      assert.equal(visible, result.loss.toExponential(3));
      assert.equal(
        await page.evaluate(() => document.getElementById('losschart').dataset.points),
        '1000',
      );

      assertShows(await cellBrightness(page, 'original'), DIGIT_FOUR, 'original');
      assertShows(await cellBrightness(page, 'reconstruction'), DIGIT_FOUR, 'reconstruction');

      // The latent view is scaled to its own range: the smallest value black, the largest white,
      // and the colour bar labels that same range.
      const latent = await page.evaluate(() => {
        const values = JSON.parse(document.getElementById('latent').dataset.values);
        const { min, max } = document.getElementById('colorbar').dataset;
        return { values, min: Number(min), max: Number(max) };
      });
      assert.deepEqual(latent.values, expected.code);
      assert.equal(latent.min, Math.min(...latent.values));
      assert.equal(latent.max, Math.max(...latent.values));
      const latentBrightness = await cellBrightness(page, 'latent', 2);
      assert.ok(
        latentBrightness[latent.values.indexOf(latent.min)] < 0.01,
        `lowest cell not black: ${latentBrightness}`,
      );
      assert.ok(
        latentBrightness[latent.values.indexOf(latent.max)] > 0.99,
        `highest cell not white: ${latentBrightness}`,
      );
      // No dead unit is flagged for the default seed.
      assert.equal(await page.getAttribute('#latent-sliders', 'data-dead'), '');

      // Nothing moved between mid-run and the end: no layout jump while training.
      assert.deepEqual(await layoutBoxes(page), boxesMid, 'layout changed during training');

      // The link records the run in use.
      await page.waitForFunction(() => location.hash.includes('seed='));
      assert.deepEqual(await hashParams(page), {
        seed: String(DEFAULTS.seed),
        input: encodeImage(DIGIT_FOUR),
        lr: '0.001',
        epochs: '1000',
        speed: String(DEFAULTS.speed),
        // The classic network, every option written out.
        enc: '16',
        latent: '4',
        dec: '16',
        act: 'relu',
        lact: 'relu',
        out: 'sigmoid',
        loss: 'mse',
        opt: 'adam',
        mom: '0',
        l1: '0',
        noise: 'none',
      });
      await hoverShowsValue(page);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('the scalar fallback build gives the same run, to the bit', async () => {
    const { context, page, log } = await env.open();
    try {
      await page.goto(`${env.site.url}?build=scalar#speed=max`);
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.build, 'scalar');
      assert.equal(result.kernels, 'scalar');
      assert.equal(result.loss, expected.loss);
      assertShows(await cellBrightness(page, 'reconstruction'), DIGIT_FOUR, 'reconstruction');
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('a bad link names every bad value at the top, runs the defaults, and a fixed link is followed', async () => {
    const { context, page } = await env.open();
    try {
      await page.goto(`${env.site.url}?seed=banana#lr=fast&epochs=50&speed=max`);
      const result = await finalState(page);
      assert.equal(result.state, 'done');
      assert.equal(result.seed, 78, 'the default seed stands in');
      assert.equal(result.epoch, 50, 'the good values are kept');
      const note = page.locator('#link-note');
      assert.ok(await note.isVisible());
      assert.match(
        await note.textContent(),
        /^Bad link: seed="banana" \(must be a whole number.*lr="fast" \(must be a number such as 0\.001\)/,
      );
      assert.equal(await page.isDisabled('#play'), false, 'the controls work');
      const run = await page.getAttribute('body', 'data-run');
      await page.evaluate(() => {
        window.location.hash = '#seed=5&epochs=50&speed=max';
      });
      await page.waitForFunction(
        (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
        run,
      );
      assert.equal((await published(page)).seed, 5);
      assert.equal(await note.isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('a bad link names every bad value, the ones only the model refuses too', async () => {
    const { context, page } = await env.open();
    try {
      await page.goto(`${env.site.url}#seed=abc&lr=-1&epochs=50&speed=max`);
      const result = await finalState(page);
      assert.equal(result.state, 'done');
      assert.equal(result.seed, 78, 'the default seed stands in');
      const text = await page.textContent('#link-note');
      assert.match(text, /^Bad link: seed="abc" \(must be a whole number/);
      assert.match(text, /lr="-1" \(must be/);
      assert.equal(await page.getAttribute('body', 'data-link-problems'), 'seed lr');
    } finally {
      await context.close();
    }
  });

  test('runs under a strict CSP, as an embed in a blog post would', async () => {
    const { context, page, log } = await env.open();
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    try {
      await page.route('**/*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': csp },
        });
      });
      await page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
        });
      });
      await page.goto(`${env.site.url}#speed=max`);
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assertCleanLog(log);
    } finally {
      // A request still being routed (the favicon, late on a busy machine) must not outlive the test.
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
    }
  });

  for (const [name, options] of Object.entries({
    'page-light': { viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
    'page-dark': { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
    'phone-light': {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'light',
    },
    'phone-dark': {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'dark',
    },
  })) {
    test(`screenshot of the finished page: ${name}`, async () => {
      const { context, page, log } = await env.open(options);
      try {
        await page.goto(`${env.site.url}#speed=max`);
        const result = await finalState(page);
        assert.equal(result.state, 'done', `page error: ${result.error}`);
        // Nothing sticks out sideways (a phone would scroll horizontally).
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
        const file = await screenshot(page, name);
        console.log(`screenshot ${file}`);
        assertCleanLog(log);
      } finally {
        await context.close();
      }
    });
  }
});

/** Where the page's main blocks are, to compare over time. */
function layoutBoxes(page) {
  return page.evaluate(() =>
    [
      '.toolbar',
      '.story',
      '#original',
      '#reconstruction',
      '#latent',
      '#losschart',
      '.explorer',
      '#decoded',
      '#status',
      '.notes',
    ].map((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return `${sel} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    }),
  );
}

/** Hovering a reconstruction cell shows its value. */
async function hoverShowsValue(page) {
  const box = await page.locator('#reconstruction').boundingBox();
  // Row 5, column 1 (0-based 4, 0): ink in the '4'.
  await page.mouse.move(box.x + box.width / 16, box.y + (4.5 * box.height) / 8);
  const tip = page.locator('.canvas-box:has(#reconstruction) .tip');
  await tip.waitFor({ state: 'visible' });
  const values = await page.evaluate(() =>
    JSON.parse(document.getElementById('reconstruction').dataset.values),
  );
  assert.equal(await tip.textContent(), `row 5, column 1: ${values[32].toFixed(3)}`);
}
