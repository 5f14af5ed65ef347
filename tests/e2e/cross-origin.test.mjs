// The element served from another origin than the post, as from a CDN: one loopback server has
// the post, another the package's files with `Access-Control-Allow-Origin: *`. Both the compact
// and the full element train to the core's loss with no console errors, under a strict CSP that
// names the CDN and allows the blob: worker bootstrap; the data page's map (panels="map") starts
// its engine the same way and trains on the digits it fetched from the CDN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { enforceCsp, launchBrowser, openPage, startSite } from './harness.mjs';
import { assertCleanLog, coreRun, TRAINING_TIMEOUT_MS } from './page-helpers.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';

let postDir;
let post;
let cdn;
let browser;

before(async () => {
  cdn = await startSite({ headers: { 'Access-Control-Allow-Origin': '*' } });
  postDir = mkdtempSync(path.join(tmpdir(), 'tinyae-post-'));
  writeFileSync(
    path.join(postDir, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="${cdn.url}www/favicon.svg">
<title>A post with the figure from a CDN</title>
<script type="module" src="${cdn.url}www/tiny-autoencoder.js"></script></head>
<body><main>
<tiny-autoencoder id="compact" seed="78" speed="max" autoplay></tiny-autoencoder>
<tiny-autoencoder id="full" seed="7" epochs="300" speed="max" panels="full" autoplay></tiny-autoencoder>
<tiny-autoencoder id="map" panels="map" autoplay></tiny-autoencoder>
</main></body></html>`,
  );
  post = await startSite({ root: postDir });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await post?.close();
  await cdn?.close();
  rmSync(postDir, { recursive: true, force: true });
});

test("compact and full elements from another origin train to the core's loss under a strict CSP", async () => {
  const cdnOrigin = cdn.origin;
  const { page, log } = await openPage(browser, post.origin);
  // What the README asks of a post that loads the element from a CDN: the worker starts from a
  // blob: and its modules are worker requests, so worker-src names both.
  const policy =
    `default-src 'self' ${cdnOrigin}; script-src 'self' ${cdnOrigin} 'wasm-unsafe-eval'; ` +
    `style-src 'self' ${cdnOrigin}; worker-src blob: ${cdnOrigin}`;
  await enforceCsp(page, policy);
  await page.goto(post.url);
  for (const id of ['compact', 'full']) {
    await page.waitForFunction(
      (id) => ['done', 'error'].includes(document.getElementById(id)?.dataset.state),
      id,
      {
        timeout: TRAINING_TIMEOUT_MS,
      },
    );
  }
  const shown = await page.evaluate(() =>
    Object.fromEntries(
      ['compact', 'full'].map((id) => {
        const el = document.getElementById(id);
        return [
          id,
          { state: el.dataset.state, error: el.dataset.error, epoch: el.epoch, loss: el.loss },
        ];
      }),
    ),
  );
  assert.deepEqual(shown.compact, {
    state: 'done',
    error: undefined,
    epoch: 1000,
    loss: (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss,
  });
  assert.deepEqual(shown.full, {
    state: 'done',
    error: undefined,
    epoch: 300,
    loss: (await coreRun({ seed: 7, input: DIGIT_FOUR, epochs: 300 })).loss,
  });
  // The map's engine, its markup and the digits, from the CDN too.
  await page.locator('#map').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById('map').epoch >= 5);
  assert.equal(await page.evaluate(() => document.getElementById('map').dataset.n), '1797');
  // Everything but the post itself came from the CDN.
  log.foreignRequests = log.foreignRequests.filter((url) => !url.startsWith(cdn.url));
  assertCleanLog(log);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
