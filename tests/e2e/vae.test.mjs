// End to end, the digits page's variational panel: nothing is loaded until Train is pressed;
// then it trains live to exactly the core's numbers (the same run in Node, to the bit: the loss
// terms after 100 and 300 epochs, the manifold grid, Generate's digits, the interpolation's
// ends), the grid's images differ, each Generate gives new digits, the map is keyboard usable,
// a new beta starts again, axe-core finds nothing and the log stays clean. Screenshots of the
// panel (light, dark, phone) go to test-results/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';
import { EPOCHS, MILESTONES, SAMPLES, VAE_OPTIONS, VAE_SEED } from '../../www/engine/vae-model.js';
import { GRID, GRID_GAP, gridCodes } from '../../www/engine/vae-prior.js';
import { launchBrowser, openPage, RESULTS_DIR, startSite } from './harness.mjs';
import { assertCleanLog, axeViolations } from './page-helpers.mjs';

const TEST = 360;
const RUN_TIMEOUT_MS = 240_000;

/** The core's own run of the panel's model, in Node with the simd build the page serves. */
async function coreRun() {
  const core = await loadBuild('simd');
  const { pixels, n } = loadDigits();
  const order = Array.from(core.split_indices(n, TEST, 0));
  const gather = (idx) => {
    const out = new Float32Array(idx.length * 64);
    idx.forEach((i, k) => out.set(pixels.subarray(i * 64, i * 64 + 64), k * 64));
    return out;
  };
  const test = gather(order.slice(0, TEST));
  const ae = new core.Autoencoder(VAE_SEED, {
    ...VAE_OPTIONS,
    encoder: [...VAE_OPTIONS.encoder],
    beta: 1,
  });
  ae.set_data(gather(order.slice(TEST)));
  const perEpoch = Math.ceil((n - TEST) / ae.batch_size);
  const terms = {};
  for (let e = 1; e <= EPOCHS; e++) {
    ae.train_step(perEpoch);
    if (MILESTONES.includes(e)) {
      const { reconstruction, kl } = ae.loss_terms();
      terms[e] = { reconstruction, kl };
    }
  }
  const image = (i) => test.slice(i * 64, i * 64 + 64);
  return {
    terms,
    grid: Array.from(ae.decode(gridCodes())),
    decodedMean: (i) => Array.from(ae.decode(ae.encode(image(i)))),
    samples: [Array.from(ae.sample(SAMPLES)), Array.from(ae.sample(SAMPLES))],
  };
}

/**
 * Brightness 0..1 at the centre of each pixel of each 8x8 tile of a rows x cols table drawn by
 * tiles.js with `gap` CSS px between tiles, read back from the canvas itself: one array of 64
 * per tile. The tiles' boxes are worked out as drawTiles places them.
 */
function tileBrightness(page, id, rows, cols, gap) {
  return page.evaluate(
    ({ id, rows, cols, gap }) => {
      const canvas = document.getElementById(id);
      const { width, height } = canvas;
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const ctx = copy.getContext('2d');
      ctx.drawImage(canvas, 0, 0);
      const { data } = ctx.getImageData(0, 0, width, height);
      const gapPx = gap * (width / canvas.clientWidth);
      const tileW = (width - gapPx * (cols - 1)) / cols;
      const tileH = (height - gapPx * (rows - 1)) / rows;
      const span = (k, size) => [
        Math.round(k * (size + gapPx)),
        Math.round(k * (size + gapPx) + size),
      ];
      return Array.from({ length: rows * cols }, (_, t) => {
        const [x0, x1] = span(t % cols, tileW);
        const [y0, y1] = span(Math.floor(t / cols), tileH);
        return Array.from({ length: 64 }, (_, p) => {
          const x = Math.floor(x0 + ((p % 8) + 0.5) * ((x1 - x0) / 8));
          const y = Math.floor(y0 + (Math.floor(p / 8) + 0.5) * ((y1 - y0) / 8));
          const i = 4 * (y * width + x);
          return (data[i] + data[i + 1] + data[i + 2]) / (3 * 255);
        });
      });
    },
    { id, rows, cols, gap },
  );
}

const panel = (page) =>
  page.evaluate(() => ({
    state: document.getElementById('vae').dataset.state,
    epoch: Number(document.getElementById('vae-epoch').dataset.value),
    reconstruction: Number(document.getElementById('vae-recon').dataset.value),
    kl: Number(document.getElementById('vae-kl').dataset.value),
    points: Number(document.getElementById('vae-curves').dataset.points),
  }));
const values = (page, id) =>
  page.evaluate((id) => JSON.parse(document.getElementById(id).dataset.values ?? '[]'), id);
const tile = (images, k) => images.slice(k * 64, k * 64 + 64);

describe('digits.html: the variational panel', () => {
  let site;
  let browser;
  let expected;
  let session;
  const requests = [];

  before(async () => {
    [site, browser, expected] = await Promise.all([startSite(), launchBrowser(), coreRun()]);
    session = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    });
    session.page.on('request', (req) => {
      if (new URL(req.url()).pathname.startsWith('/data/')) requests.push(req.url());
    });
  });
  after(async () => {
    await session?.context.close();
    await browser?.close();
    await site?.close();
  });

  test("loads nothing until Train, then trains to the core's numbers: both terms, KL > 0", async (t) => {
    const { page } = session;
    await page.goto(`${site.url}digits.html`);
    await page.waitForFunction(() => document.getElementById('vae').dataset.state === 'idle');
    await page.waitForFunction(() => document.body.dataset.state !== 'loading', null, {
      timeout: 60_000,
    });
    assert.equal(requests.length, 1, 'only the page itself has fetched the digits');
    assert.equal(await page.isDisabled('#vae-generate'), true);
    // Before Train: a line says what will come, not some 900 px of empty charts.
    assert.deepEqual(
      await page.evaluate(() => ({
        placeholder: document.querySelector('.vae-placeholder').checkVisibility(),
        charts: [...document.querySelectorAll('#vae canvas')].filter((c) => c.checkVisibility())
          .length,
      })),
      { placeholder: true, charts: 0 },
    );

    await page.click('#vae-train');
    await page.waitForFunction(
      () => Number(document.getElementById('vae-epoch').dataset.value) >= 5,
      null,
      { timeout: 60_000 },
    );
    const mid = await panel(page);
    assert.ok(['running', 'done'].includes(mid.state), mid.state);
    assert.ok(
      Number.isFinite(mid.reconstruction) && mid.reconstruction > 0,
      `reconstruction ${mid.reconstruction}`,
    );
    assert.ok(mid.kl > 0, `KL ${mid.kl} after ${mid.epoch} epochs`);
    assert.ok(mid.points >= 5, `${mid.points} points on the chart`);
    assert.equal(
      await page.isVisible('.vae-placeholder'),
      false,
      'the placeholder gives way to the charts',
    );
    assert.equal(
      await page.textContent('#vae-train'),
      mid.state === 'running' ? 'Pause' : 'Train again',
    );

    await page.waitForFunction(
      () => document.getElementById('vae').dataset.state === 'done',
      null,
      { timeout: RUN_TIMEOUT_MS },
    );
    const end = await panel(page);
    assert.equal(end.epoch, EPOCHS);
    assert.equal(end.points, EPOCHS + 1, 'a point per epoch, and epoch 0');
    const shown = await page.evaluate(() => ({
      terms: JSON.parse(document.getElementById('vae-figures').dataset.terms),
      text: document.getElementById('vae-figures').textContent,
      announced: document.getElementById('vae-announce').textContent,
    }));
    t.diagnostic(`the panel: ${shown.text}`);
    assert.deepEqual(
      shown.terms,
      expected.terms,
      'the loss terms after 100 and 300 epochs, as the core gives them',
    );
    assert.equal(end.kl, expected.terms[EPOCHS].kl);
    assert.match(
      shown.text,
      /after 100 epochs reconstruction \d+\.\d\d, KL \d+\.\d\d; after 300 epochs/,
    );
    assert.match(shown.announced, /300 epochs: reconstruction/);
  });

  test("the manifold grid shows the core's decodes over the prior's quantiles, all different", async () => {
    const { page } = session;
    const images = await tileBrightness(page, 'vae-manifold', GRID, GRID, GRID_GAP);
    images.forEach((img, k) =>
      img.forEach((v, p) => {
        const want = expected.grid[k * 64 + p];
        assert.ok(
          Math.abs(v - want) <= 1 / 255 + 1e-6,
          `grid image ${k}, pixel ${p}: drawn ${v}, core ${want}`,
        );
      }),
    );
    let closest = Infinity;
    for (let i = 0; i < images.length; i++) {
      for (let j = i + 1; j < images.length; j++) {
        closest = Math.min(
          closest,
          images[i].reduce((sum, v, p) => sum + Math.abs(v - images[j][p]), 0),
        );
      }
    }
    assert.ok(closest > 0, 'two grid images are the same');
  });

  test('Generate gives new digits from the prior on each press', async () => {
    const { page } = session;
    const pressed = [];
    for (let k = 0; k < 2; k++) {
      const before = await page.getAttribute('#vae-samples', 'data-values');
      await page.click('#vae-generate');
      await page.waitForFunction(
        (b) => document.getElementById('vae-samples').dataset.values !== b,
        before,
      );
      pressed.push(await values(page, 'vae-samples'));
    }
    assert.equal(pressed[0].length, SAMPLES * 64);
    assert.notDeepEqual(pressed[0], pressed[1]);
    assert.deepEqual(
      pressed,
      expected.samples.map((s) => Array.from(Float32Array.from(s))),
    );
  });

  test('the map works from the keyboard, and two picks give the path between their means', async () => {
    const { page } = session;
    await page.focus('#vae-map');
    await page.keyboard.press('ArrowRight');
    const first = await page.textContent('#vae-point');
    assert.match(
      first,
      /^digit \d, test image \d+: mean \(-?\d+\.\d\d, -?\d+\.\d\d\), σ \(\d+\.\d\d, \d+\.\d\d\)$/,
    );
    assert.equal(await page.textContent('.tip-anchor:has(#vae-map) > .tip'), first);
    await page.keyboard.press('Enter');
    for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowDown');
    assert.notEqual(await page.textContent('#vae-point'), first, 'the cursor moved');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.getElementById('vae-path').dataset.pair &&
        JSON.parse(document.getElementById('vae-path').dataset.values ?? '[]').length,
    );
    const pair = (await page.getAttribute('#vae-path', 'data-pair')).split(',').map(Number);
    const path = await values(page, 'vae-path');
    assert.equal(path.length, 8 * 64);
    assert.deepEqual(
      tile(path, 0),
      Array.from(Float32Array.from(expected.decodedMean(pair[0]))),
      'the path starts at decode(mean) of the first pick',
    );
    assert.deepEqual(
      tile(path, 7),
      Array.from(Float32Array.from(expected.decodedMean(pair[1]))),
      "and ends at the second's",
    );
    assert.match(
      await page.textContent('#vae-path-caption'),
      /^From digit \d, test image \d+ to digit \d, test image \d+/,
    );
  });

  test('axe-core finds nothing; screenshots light, dark and at phone width', async () => {
    const { page } = session;
    assert.deepEqual(await axeViolations(page), []);
    const shoot = async (name) =>
      page.locator('#vae').screenshot({ path: `${RESULTS_DIR}/${name}.png` });
    await shoot('vae-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await shoot('vae-dark');
    assert.deepEqual(await axeViolations(page), [], 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await shoot('vae-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('a new beta starts again from epoch 0, and the log stays clean', async () => {
    const { page } = session;
    await page.focus('#vae-beta');
    await page.keyboard.press('ArrowRight'); // 1 -> 1.25: one change event, one restart
    await page.waitForFunction(() => document.getElementById('vae').dataset.beta === '1.25');
    assert.equal(await page.getAttribute('#vae-beta', 'aria-valuetext'), 'beta 1.25');
    // Generate was pressed on the old model: its digits' caption goes with them (issue 24, item 10).
    assert.match(await page.textContent('#vae-samples-caption'), /^Generate decodes 8 codes/);
    await page.waitForFunction(
      () => {
        const epoch = Number(document.getElementById('vae-epoch').dataset.value);
        return (
          epoch > 0 &&
          epoch < 300 &&
          Number(document.getElementById('vae-curves').dataset.points) === epoch + 1
        );
      },
      null,
      { timeout: 60_000 },
    );
    assert.equal((await panel(page)).state, 'running');
    assert.equal(
      await page.getAttribute('#vae-path', 'data-pair'),
      null,
      'the picks belonged to the old model',
    );
    await page.click('#vae-train');
    assert.equal(await page.textContent('#vae-train'), 'Train');
    assertCleanLog(session.log);
  });
});
