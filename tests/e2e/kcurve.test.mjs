// End to end, the digits page's "How many numbers do you need?" panel: nothing starts until it
// is scrolled to; then its PCA-k values are the core's own (PCA fitted in Node on the same
// split, to the bit), its autoencoders are the core's runs (the same model trained in Node, to
// the bit), the curve falls with k, and its live region speaks twice: when training starts and
// when it ends. The linear model lands on PCA within the stated gap; flipping back shows the
// kept curve at once; the reader's own CSV is followed. axe-clean, and a clean log.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';
import { DEFAULTS } from '../../www/digits/config.js';
import { EPOCHS, K_MAX, LANDED, VARIANTS } from '../../www/engine/kcurve-model.js';
import { launchBrowser, openPage, RESULTS_DIR, startSite } from './harness.mjs';
import { assertCleanLog, axeViolations } from './page-helpers.mjs';

const TIMEOUT_MS = 240_000;
const REPORTED = [1, 2, 4, 8, 16];
const shot = (name) => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return { path: path.join(RESULTS_DIR, `${name}.png`) };
};

let core;
/** The page's split of n images (`pixels`): 20% held out by the core's seeded shuffle. */
function split(pixels, n) {
  const nTest = Math.ceil(n * 0.2);
  const order = Array.from(core.split_indices(n, nTest, 0));
  const gather = (idx) => {
    const out = new Float32Array(idx.length * 64);
    idx.forEach((i, j) => out.set(pixels.subarray(i * 64, i * 64 + 64), j * 64));
    return out;
  };
  return { test: gather(order.slice(0, nTest)), train: gather(order.slice(nTest)) };
}

/** PCA-k's test MSE for k = 1..K_MAX, computed here, independently of the page. */
function pcaCurve({ train, test }) {
  return Array.from({ length: K_MAX }, (_, i) => {
    const pca = new core.Pca(train, i + 1);
    const mse = pca.reconstruction_mse(test);
    pca.free();
    return mse;
  });
}

/** Test MSE of the k-curve's model `variant` with latent k after EPOCHS epochs, in Node. */
function aeAt({ train, test }, variant, k) {
  const { options, batch } = VARIANTS[variant];
  const ae = new core.Autoencoder(DEFAULTS.seed, { ...options, latent: k });
  ae.batch_size = batch;
  ae.set_data(train);
  for (let e = 0; e < EPOCHS; e++) ae.train_step(Math.ceil(train.length / 64 / batch));
  const mse = ae.evaluate(test);
  ae.free();
  return mse;
}

const panel = (page) =>
  page.evaluate(() => {
    const { state, variant, pca, ae, done, gap } = document.getElementById('kcurve').dataset;
    const numbers = (s) => (s ? s.split(',').map(Number) : []);
    return {
      state,
      variant,
      pca: numbers(pca),
      ae: numbers(ae),
      done: Number(done),
      gap: Number(gap),
      note: document.getElementById('kcurve-note').textContent,
    };
  });

const finished = (page, variant) =>
  page.waitForFunction(
    (v) => {
      const { state, variant: shown } = document.getElementById('kcurve').dataset;
      return shown === v && (state === 'done' || state === 'error');
    },
    variant,
    { timeout: TIMEOUT_MS },
  );

describe('digits.html: how many numbers do you need?', () => {
  let site;
  let browser;
  let session;
  let digits;
  before(async () => {
    core = await loadBuild('simd');
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
    session = await openPage(browser, site.origin, { viewport: { width: 1280, height: 900 } });
    const { pixels, n } = loadDigits();
    digits = split(pixels, n);
  });
  after(async () => {
    await session?.context.close();
    await browser?.close();
    await site?.close();
  });

  test('waits off screen; scrolled to, it draws PCA-k as the core computes it and the autoencoders the core trains', async () => {
    const { page } = session;
    await page.goto(`${site.url}digits.html`);
    await page.waitForFunction(
      () => Number(document.getElementById('epoch').dataset.value) >= 1,
      null,
      { timeout: 60_000 },
    );
    assert.equal((await panel(page)).state, 'waiting', 'nothing runs below the fold');
    // Everything the live region says, from here on.
    await page.evaluate(() => {
      window.__said = [];
      const note = document.getElementById('kcurve-note');
      new MutationObserver(() => window.__said.push(note.textContent)).observe(note, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.locator('#kcurve').scrollIntoViewIfNeeded();
    await finished(page, 'relu');
    const shown = await panel(page);
    assert.equal(shown.state, 'done', shown.note);
    assert.equal(shown.done, K_MAX);

    assert.deepEqual(shown.pca, pcaCurve(digits), "PCA-k: the core's numbers");
    for (const k of [1, 4])
      assert.equal(shown.ae[k - 1], aeAt(digits, 'relu', k), `AE-${k}: the core's run`);
    assert.ok(shown.ae.every((v) => v > 0 && Number.isFinite(v)));
    assert.ok(shown.ae[0] > shown.ae[K_MAX - 1], 'a longer code rebuilds better');
    assert.equal(await page.getAttribute('#kcurve-chart', 'data-points'), String(K_MAX));
    assert.match(
      shown.note,
      /^The autoencoder beats PCA at k = [\d–, ]+, by up to \d+\.\d% lower error \(k = \d+\)/,
    );
    assert.match(shown.note, /At this page's k = 4: 0\.\d+ against PCA's 0\.03864\.$/);
    const said = await page.evaluate(() => window.__said);
    assert.deepEqual(
      said,
      [`Training ${K_MAX} autoencoders, k = 1 to ${K_MAX}, ${EPOCHS} epochs each…`, shown.note],
      'the live region speaks at the start and at the end only',
    );
    console.log(
      `relu: ${REPORTED.map((k) => `k=${k} PCA ${shown.pca[k - 1].toPrecision(4)} AE ${shown.ae[k - 1].toPrecision(4)}`).join('; ')}`,
    );
    await page.locator('#kcurve').screenshot(shot('kcurve-relu'));
  });

  test('the linear autoencoder lands on PCA, and says so with its worst gap; flipping back is instant', async () => {
    const { page } = session;
    const relu = await panel(page);
    await page.selectOption('#kcurve-variant', 'linear');
    await finished(page, 'linear');
    const shown = await panel(page);
    assert.equal(shown.state, 'done', shown.note);
    assert.deepEqual(shown.pca, relu.pca, 'the same PCA-k');
    assert.equal(shown.ae[15], aeAt(digits, 'linear', 16), "AE-16: the core's run");
    const gaps = shown.ae.map((v, i) => Math.abs(v / shown.pca[i] - 1));
    const worst = gaps.indexOf(Math.max(...gaps));
    assert.ok(gaps[worst] <= LANDED, `worst gap ${gaps[worst]} at k = ${worst + 1}`);
    assert.equal(shown.gap, gaps[worst]);
    assert.equal(
      shown.note,
      `The linear autoencoder lands on PCA: worst gap ${(gaps[worst] * 100).toFixed(1)}% at k = ${worst + 1}.`,
    );
    console.log(
      `linear: ${REPORTED.map((k) => `k=${k} PCA ${shown.pca[k - 1].toPrecision(4)} AE ${shown.ae[k - 1].toPrecision(4)}`).join('; ')}`,
    );
    await page.locator('#kcurve').screenshot(shot('kcurve-linear'));

    // The ReLU curve was kept: back at once, without training again.
    await page.selectOption('#kcurve-variant', 'relu');
    const back = await panel(page);
    assert.equal(back.state, 'done');
    assert.deepEqual(back.ae, relu.ae);
    assert.deepEqual(await axeViolations(page), []);
    assertCleanLog(session.log);
  });

  test("the reader's own CSV: the curve follows it", async () => {
    const { page } = session;
    const { pixels, labels } = loadDigits();
    const rows = Array.from({ length: 60 }, (_, i) =>
      [
        ...Array.from(pixels.subarray(i * 64, i * 64 + 64), (v) => Math.round(v * 16)),
        labels[i],
      ].join(','),
    );
    await page.setInputFiles('#csv-file', {
      name: 'mine.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await page.waitForFunction(
      () =>
        document.getElementById('kcurve').dataset.pca.split(',').length === 16 &&
        document.body.dataset.n === '60' &&
        document.getElementById('kcurve').dataset.state === 'done',
      null,
      { timeout: TIMEOUT_MS },
    );
    const shown = await panel(page);
    assert.deepEqual(shown.pca, pcaCurve(split(pixels.slice(0, 60 * 64), 60)));
    assert.equal(shown.done, K_MAX);
    assertCleanLog(session.log);
  });
});
