// End to end, the network editor on the digits page: each control makes exactly one new run with
// its options (read off the messages the page posts to the worker), the views follow the code's
// size (PCA-k beside a k-number code, k sliders, a strip for one number, the two units for two),
// the variational preset and its beta, the denoiser's noisy gallery row, and a link that
// reproduces the network. Screenshots of the presets, light and dark and on a phone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { coreOptions } from '../../www/core/architecture.js';
import { VAE_PRESETS } from '../../www/core/vae-settings.js';
import { DEFAULTS, readConfig } from '../../www/digits/config.js';
import { loadDigits } from '../../scripts/digits.mjs';
import { loadBuild } from '../../scripts/load-build.mjs';
import { splitImages } from '../../www/engine/data.js';
import { screenshot, useBrowser } from './harness.mjs';
import {
  assertCleanLog,
  axeViolations,
  oneRun as oneRunWithin,
  recordResets,
  resets,
  waitForState,
} from './page-helpers.mjs';

// A digits run takes longer than one on the '4' page: a minute at most, the link written after its pause.
const oneRun = (page, act) => oneRunWithin(page, act, { timeout: 60_000, settleMs: 400 });

const hashConfig = async (page) =>
  readConfig({ hash: await page.evaluate(() => window.location.hash) }).config;
const texts = (page, sel) => page.locator(sel).allTextContents();

describe('the digits page: the network editor', () => {
  const env = useBrowser();

  test('presets, units, latent size, beta: one run each, the views follow, the link rebuilds it', async () => {
    const { context, page, log } = await env.open({ viewport: { width: 1280, height: 900 } });
    try {
      await page.addInitScript(recordResets);
      await page.goto(`${env.site.url}digits.html#speed=max&epochs=5`);
      await waitForState(page, ['done']);
      let expected = { ...DEFAULTS, epochs: 5, speed: 'max' };

      // A wider code: PCA with as many axes beside it, as many sliders.
      let reset = await oneRun(page, () => page.click('[data-key="latent-more"]'));
      expected = { ...expected, latent: 5 };
      assert.deepEqual(reset.options, coreOptions(expected));
      assert.equal(await page.getAttribute('body', 'data-latent'), '5');
      assert.ok((await texts(page, '.pca-k')).every((t) => t === 'PCA-5'));
      assert.equal(await page.locator('#code-sliders input[type=range]').count(), 5);
      assert.deepEqual(await hashConfig(page), expected, 'the link records the network');
      // PCA-5's test MSE is the core's PCA of the same split, fitted here in Node.
      const wasm = await loadBuild('simd');
      const { pixels, n } = loadDigits();
      const { train, test: testPixels } = splitImages(wasm, pixels, n);
      const pca = new wasm.Pca(train, 5);
      const shown = Number(await page.getAttribute('#pca-mse', 'data-value'));
      assert.equal(shown, pca.reconstruction_mse(testPixels));

      await page.click('[data-preset="deep"]');
      await page.waitForFunction(
        () => document.body.dataset.latent === '4' && document.body.dataset.state === 'done',
      );
      expected = { ...expected, ...VAE_PRESETS.deep };

      // The variational preset: a VAE with a 2-number code, its map the two units themselves.
      reset = await oneRun(page, () => page.click('[data-preset="variational"]'));
      expected = { ...expected, ...VAE_PRESETS.variational };
      assert.deepEqual(reset.options, coreOptions(expected));
      assert.equal(reset.options.variational, true);
      assert.equal(await page.inputValue('#axes'), '1-2');
      assert.equal(await page.isDisabled('#axes'), true);
      assert.equal(await page.isHidden('#key-pca'), true, 'no PCA line on a cross-entropy chart');
      assert.match(await page.textContent('#curves-unit'), /KL/);
      assert.equal(await page.isDisabled('#arch-loss'), true, 'the VAE fixes its loss');
      assert.equal(await page.getAttribute('[data-preset="variational"]', 'aria-pressed'), 'true');
      await screenshot(page, 'digits-arch-variational');

      reset = await oneRun(page, async () => {
        await page.fill('#arch-beta', '0.5');
        await page.press('#arch-beta', 'Enter');
      });
      expected = { ...expected, beta: 0.5 };
      assert.equal(reset.options.beta, 0.5);
      assert.deepEqual(await hashConfig(page), expected);

      // The link alone rebuilds the network: a fresh page on it asks for the same options.
      const hash = await page.evaluate(() => window.location.hash);
      const again = await context.newPage();
      await again.addInitScript(recordResets);
      await again.goto(`${env.site.url}digits.html${hash}`);
      await waitForState(again, ['done']);
      assert.deepEqual((await resets(again))[0].options, coreOptions(expected));
      await again.close();

      // One number: a strip.
      reset = await oneRun(page, () => page.click('[data-key="latent-less"]'));
      assert.equal(reset.options.latent, 1);
      assert.equal(await page.inputValue('#axes'), 'strip');
      assert.match(await page.textContent('#grid-axes'), /one-number code/);
      assert.equal(await page.textContent('#explore-title'), 'One image, one number');
      assert.match(await page.textContent('#pca-note'), /^Its one axis keeps/);
      assert.match(
        await page.textContent('.map-panel:has(#pca-title) .explain'),
        /^PCA-1 codes each image as one number,/,
      );
      await screenshot(page, 'digits-arch-latent1');

      // The denoiser: a row of noisy test digits and what it makes of them.
      reset = await oneRun(page, () => page.click('[data-preset="denoising"]'));
      assert.deepEqual(reset.options.noise, { type: 'gaussian', amount: 0.3 });
      assert.equal(await page.isVisible('#gallery-noisy'), true);
      assert.equal(await page.isVisible('#gallery-denoised'), true);
      await page.locator('.gallery-panel').scrollIntoViewIfNeeded();
      await screenshot(page, 'digits-arch-denoising');
      assert.deepEqual(await axeViolations(page), []);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('a bad beta is refused in place and changes nothing; a phone fits the editor, light and dark', async () => {
    const { context, page, log } = await env.open({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await page.addInitScript(recordResets);
      await page.goto(
        `${env.site.url}digits.html#speed=max&epochs=5&vae=1&enc=64-32&dec=32-64&latent=2&lact=linear&loss=binary_crossentropy`,
      );
      await waitForState(page, ['done']);
      assert.equal((await resets(page))[0].options.variational, true);
      assert.equal(
        await page.textContent('#kcurve-k'),
        '2',
        "the k-curve's legend names this page's k, not 4",
      );
      const before = (await resets(page)).length;
      await page.fill('#arch-beta', '-2');
      await page.press('#arch-beta', 'Enter');
      await page.waitForSelector('#arch-error:not([hidden])');
      assert.match(await page.textContent('#arch-error'), /beta/i);
      assert.equal((await resets(page)).length, before, 'no run for a refused value');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no sideways scroll on a phone: ${width}px`);
      await page.locator('#arch-editor').scrollIntoViewIfNeeded();
      await screenshot(page, 'digits-arch-phone-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'digits-arch-phone-dark');
      assert.deepEqual(await axeViolations(page), []);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });
});
