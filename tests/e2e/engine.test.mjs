// End to end, the data page's engines (www/engine/): the built-in digits are fetched once for
// the page's run, the k-curve and the VAE (the panels' engine gets the page's copy, not the
// network's), and every run on the page, the k-curve's and the VAE's too, waits while the tab is
// hidden and goes on when it is shown again (one run session for every trained thing).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, openPage, startSite } from './harness.mjs';
import { assertCleanLog } from './page-helpers.mjs';

const TIMEOUT_MS = 120_000;

// How far each run has come: the page's updates, the k-curve's slowest model, the VAE's epoch.
const progress = (page) =>
  page.evaluate(() => ({
    run: Number(document.body.dataset.step),
    kcurve: Number(document.getElementById('kcurve').dataset.epoch),
    vae: Number(document.getElementById('vae-epoch').dataset.value),
  }));

// The tab hidden or shown, as the page hears of it (a headless tab is always visible).
const setHidden = (page, hidden) =>
  page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (h ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

describe('digits.html: one engine design', () => {
  let site;
  let browser;
  let session;
  before(async () => {
    [site, browser] = await Promise.all([startSite(), launchBrowser()]);
    session = await openPage(browser, site.origin, { viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await session?.context.close();
    await browser?.close();
    await site?.close();
  });

  test('the data file is fetched once, for the run, the k-curve and the VAE', async () => {
    const { page, context } = session;
    const fetched = [];
    context.on('request', (req) => {
      if (new URL(req.url()).pathname.endsWith('/digits.csv.gz')) fetched.push(req.url());
    });
    await page.goto(`${site.url}digits.html`);
    await page.waitForFunction(
      () => Number(document.getElementById('epoch').dataset.value) >= 1,
      null,
      { timeout: TIMEOUT_MS },
    );
    await page.locator('#kcurve').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => Number(document.getElementById('kcurve').dataset.epoch) >= 1,
      null,
      { timeout: TIMEOUT_MS },
    );
    await page.locator('#vae').scrollIntoViewIfNeeded();
    await page.click('#vae-train');
    await page.waitForFunction(
      () => Number(document.getElementById('vae-epoch').dataset.value) >= 2,
      null,
      { timeout: TIMEOUT_MS },
    );
    assert.equal(fetched.length, 1, fetched.join('\n'));
  });

  test('hidden, every run waits; shown, every run goes on', async () => {
    const { page } = session;
    await page.selectOption('#speed', 'max');
    await setHidden(page, true);
    // What was asked before the tab went is answered; after that nothing moves.
    await page.waitForTimeout(800);
    const hidden = await progress(page);
    await page.waitForTimeout(1500);
    assert.deepEqual(await progress(page), hidden, 'nothing trains in a hidden tab');
    assert.equal(
      await page.evaluate(() => document.getElementById('kcurve').dataset.state),
      'training',
    );
    assert.equal(
      await page.evaluate(() => document.getElementById('vae').dataset.state),
      'running',
    );

    await setHidden(page, false);
    await page.waitForFunction(
      (h) => {
        const now = {
          run: Number(document.body.dataset.step),
          kcurve: Number(document.getElementById('kcurve').dataset.epoch),
          vae: Number(document.getElementById('vae-epoch').dataset.value),
        };
        return now.run > h.run && now.kcurve > h.kcurve && now.vae > h.vae;
      },
      hidden,
      { timeout: TIMEOUT_MS },
    );
    assertCleanLog(session.log);
  });
});
