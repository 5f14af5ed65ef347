// End to end, the digits mode on 100,000 images (issue 14): a CSV made from the shipped digits
// with noise loads and is named as such, and the page stays usable while it trains: the map
// keeps being redrawn with every point as new codes arrive, a hovered dot still shows its
// image (which stays in the worker), and the controls answer. How fast is bench-js/digits-large.mjs's
// business (it prints the figures); nothing here times anything.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { noisyDigitsCsv } from '../../scripts/digits.mjs';
import { launchBrowser, openPage, startSite } from './harness.mjs';
import { assertCleanLog } from './page-helpers.mjs';

const ROWS = 100_000;
const LOAD_TIMEOUT_MS = 60_000;

let site;
let browser;
before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** Redraws of the autoencoder's map (scatter.js writes data-points on each), counted in the page. */
function countRedraws(page) {
  return page.evaluate(() => {
    window.__redraws = 0;
    new MutationObserver(() => (window.__redraws += 1)).observe(document.getElementById('ae-map'), {
      attributes: true,
      attributeFilter: ['data-points'],
    });
  });
}

test('100,000 images: loaded and named, the map redrawn with every point, the controls answer', async () => {
  const { context, page, log } = await openPage(browser, site.origin, {
    viewport: { width: 1280, height: 900 },
  });
  try {
    await page.goto(`${site.url}digits.html#speed=max&epochs=10000`);
    await page.waitForFunction(() => document.body.dataset.state === 'training', null, {
      timeout: LOAD_TIMEOUT_MS,
    });
    const csv = noisyDigitsCsv(ROWS);
    await page.setInputFiles('#csv-file', {
      name: 'large.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.waitForFunction((n) => document.body.dataset.n === String(n), ROWS, {
      timeout: LOAD_TIMEOUT_MS,
    });
    assert.match(
      await page.textContent('#data-summary'),
      /^large\.csv: 100,000 images \(80,000 to train on, 20,000 held out to test\), values 0\.\.16 \(detected\), labelled\.$/,
    );

    // Training on it, and the map follows: every point drawn, redrawn as new codes arrive.
    await page.waitForFunction(
      (n) =>
        document.getElementById('ae-map').dataset.points === String(n) &&
        Number(document.getElementById('epoch').dataset.value) >= 1,
      ROWS,
      { timeout: LOAD_TIMEOUT_MS },
    );
    assert.equal(await page.getAttribute('#pca-map', 'data-points'), String(ROWS));
    assert.equal(await page.getAttribute('#ae-map', 'data-colors'), '10');
    await countRedraws(page);
    const epoch = Number(await page.getAttribute('#epoch', 'data-value'));
    await page.waitForFunction(
      (e) =>
        Number(document.getElementById('epoch').dataset.value) >= e + 3 && window.__redraws >= 3,
      epoch,
      { timeout: LOAD_TIMEOUT_MS },
    );
    assert.equal(await page.getAttribute('#ae-map', 'data-points'), String(ROWS));

    // A control answers mid-run: Pause stops training, Play resumes it.
    await page.click('#play');
    await page.waitForFunction(() => document.body.dataset.state === 'paused', null, {
      timeout: LOAD_TIMEOUT_MS,
    });
    const paused = Number(await page.getAttribute('#epoch', 'data-value'));
    await page.click('#play');
    await page.waitForFunction(
      (e) =>
        document.body.dataset.state === 'training' &&
        Number(document.getElementById('epoch').dataset.value) > e,
      paused,
      { timeout: LOAD_TIMEOUT_MS },
    );

    // Picking an image by number brings its pixels from the worker.
    await page.fill('#explore-index', '99999');
    await page.press('#explore-index', 'Enter');
    const last = Float32Array.from(
      csv.trimEnd().split('\n')[ROWS - 1].split(',').slice(0, 64),
      (v) => Number(v) / 16,
    );
    await page.waitForFunction(
      (want) => document.getElementById('explore-original').dataset.values === want,
      JSON.stringify(Array.from(last)),
      { timeout: LOAD_TIMEOUT_MS },
    );
    assert.match(
      await page.textContent('#explore-caption'),
      /^Image #99999, digit \d \((test|train)\)/,
    );
    assertCleanLog(log);
  } finally {
    await context.close();
  }
});
