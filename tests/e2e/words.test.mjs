// Words on the '4' page that misled (issue 24, item 13), in the page: an empty noise amount is
// named as what was typed (not the link's "mask:"), and a picture that was used is named in the
// input's caption (not "your drawing").
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DIGITS } from '../../www/core/digit.js';
import { useBrowser } from './harness.mjs';
import { waitForState } from './page-helpers.mjs';
import { glyphPng } from './picture-files.mjs';

const env = useBrowser();
let session;
before(async () => {
  session = await env.open({ viewport: { width: 1280, height: 900 } });
  await session.page.goto(`${env.site.url}index.html#speed=max&epochs=50&noise=mask:0.2`);
  await waitForState(session.page, ['done']);
});
env.cleanup = () => session?.context.close();

test('an empty noise amount is refused as what was typed', async () => {
  const { page } = session;
  await page.fill('#arch-noise-amount', '');
  await page.press('#arch-noise-amount', 'Enter');
  assert.equal(
    await page.locator('#arch-error').textContent(),
    'Noise amount must be a number from 0 to 1, got "". The current run carries on.',
  );
});

test('a used picture is named in the caption, not called a drawing', async () => {
  const { page } = session;
  // Half-inked greys: no preset's digit, so the caption must name the picture.
  const greys = glyphPng(
    DIGITS[2].map((v, i) => (i < 32 ? v / 2 : v)),
    4,
  );
  const run = await page.evaluate(() => document.body.dataset.run);
  await page
    .locator('#picture-file')
    .setInputFiles({ name: 'half-two.png', mimeType: 'image/png', buffer: greys });
  await page.locator('#picture-preview').waitFor({ state: 'visible' });
  await page.locator('#picture-use').click();
  await page.waitForFunction(
    (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
    run,
  );
  assert.equal(
    await page.locator('#original-caption').textContent(),
    'Original 8x8 image: your picture, half-two.png',
  );
});
