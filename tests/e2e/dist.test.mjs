// End to end, dist/ as a static host serves it: built by scripts/dist.mjs into a blog's
// sub-path (/blog/demo/), the page, a compact embed in a post one level up (under the strict
// CSP), and the iframe alternative all work, and what Chromium fetches for the page and the
// embed is exactly what `npm run size` counts. The standalone file trains from file://.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildDist, STANDALONE } from '../../scripts/dist.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { visitFiles } from '../../scripts/size.mjs';
import { DIGIT_FOUR, DIGITS } from '../../www/core/digit.js';
import { DEFAULTS } from '../../www/core/urlstate.js';
import { enforceCsp, launchBrowser, openPage, REPO_ROOT } from './harness.mjs';
import {
  assertCleanLog,
  assertShows,
  cellBrightness,
  coreRun,
  finalState,
  TRAINING_TIMEOUT_MS,
} from './page-helpers.mjs';

const DEMO = 'blog/demo/';

const POST = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A post</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <script type="module" src="demo/www/tiny-autoencoder.js"></script>
</head>
<body>
  <p>The snippet from the README:</p>
  <tiny-autoencoder id="ae" seed="3" preset="7" epochs="500" speed="max" autoplay></tiny-autoencoder>
</body>
</html>
`;

const IFRAME_POST = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Another post</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
</head>
<body>
  <iframe src="demo/index.html?embed=1#speed=max" title="tinyae" loading="lazy" width="900" height="700"></iframe>
</body>
</html>
`;

/** Every file under `dir`, relative to it, posix separators. */
function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}`],
  );
}

/** The files `page` requests under /blog/demo/, relative to it (a directory as its index.html). */
function recordDemoRequests(page, origin) {
  const files = new Set();
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== origin || !url.pathname.startsWith(`/${DEMO}`)) return;
    const file = url.pathname.slice(DEMO.length + 1);
    files.add(file === '' || file.endsWith('/') ? `${file}index.html` : file);
  });
  return files;
}

describe('dist/, served under a sub-path', () => {
  let work; // a temporary site root: blog/post.html, blog/iframe.html and dist/ as blog/demo/
  let built;
  let server;
  let url;
  let browser;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'tinyae-dist-'));
    built = buildDist({ out: path.join(work, DEMO) });
    writeFileSync(path.join(work, 'blog', 'post.html'), POST);
    writeFileSync(path.join(work, 'blog', 'iframe.html'), IFRAME_POST);
    copyFileSync(
      path.join(REPO_ROOT, 'www', 'favicon.svg'),
      path.join(work, 'blog', 'favicon.svg'),
    );
    ({ server, url } = await startServer({ port: 0, root: work }));
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('holds the pages, the embed, both builds and the standalone file, and nothing else', () => {
    const files = listFiles(built.out).sort();
    assert.deepEqual(files, [...built.files].sort());
    for (const f of [
      'index.html',
      'www/tiny-autoencoder.js',
      'www/embed/embed.css',
      'www/engine/classic-worker.js',
      'www/pkg/simd/tinyae_bg.wasm',
      'www/pkg/scalar/tinyae_bg.wasm',
      'www/pkg/compact-simd/tinyae_bg.wasm',
      'www/pkg/compact-scalar/tinyae_bg.wasm',
      STANDALONE,
      'digits.html',
      'www/engine/data-worker.js',
      'data/digits.csv.gz',
    ]) {
      assert.ok(files.includes(f), f);
    }
    assert.ok(
      !files.some((f) => /^(tests|src|scripts|bench-js|benches)\//.test(f)),
      'only what the pages and the embed load',
    );
  });

  test("the page at /blog/demo/ trains to the core's loss and fetches what npm run size counts", async () => {
    const { context, page, log } = await openPage(browser, new URL(url).origin);
    try {
      const fetched = recordDemoRequests(page, new URL(url).origin);
      await page.goto(`${url}${DEMO}#speed=max`);
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.build, 'simd');
      assert.equal(result.loss, (await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR })).loss);
      assertShows(await cellBrightness(page, 'reconstruction'), DIGIT_FOUR, 'reconstruction');
      assert.deepEqual([...fetched].sort(), visitFiles('full page', built.out).sort());
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('a compact embed in a post at /blog/, under the strict CSP, trains and fetches what npm run size counts', async () => {
    const origin = new URL(url).origin;
    const { context, page, log } = await openPage(browser, origin);
    try {
      await enforceCsp(page);
      const fetched = recordDemoRequests(page, origin);
      await page.goto(`${url}blog/post.html`);
      await page.waitForFunction(
        () => ['done', 'error'].includes(document.getElementById('ae').dataset.state),
        null,
        { timeout: TRAINING_TIMEOUT_MS },
      );
      const { state, error, loss } = await page.evaluate(
        () => document.getElementById('ae').dataset,
      );
      assert.equal(state, 'done', error);
      assert.equal(Number(loss), (await coreRun({ seed: 3, input: DIGITS[7], epochs: 500 })).loss);
      assertShows(
        await cellBrightness(page, 'reconstruction', 8, '#ae'),
        DIGITS[7],
        'reconstruction',
      );
      // The compact embed never loads the explorer: the size budget's list is the whole visit.
      assert.deepEqual([...fetched].sort(), visitFiles('compact embed', built.out).sort());
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assertCleanLog(log);
    } finally {
      // The CSP route must stop before the context closes, or a late request (the favicon)
      // fails inside it after the test has ended.
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
    }
  });

  test("the iframe alternative: index.html?embed=1 trains without the page's own title", async () => {
    const { context, page, log } = await openPage(browser, new URL(url).origin);
    try {
      await page.goto(`${url}blog/iframe.html`);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      await frame.waitForFunction(
        () => ['done', 'error'].includes(document.body.dataset.state),
        null,
        { timeout: TRAINING_TIMEOUT_MS },
      );
      const shown = await frame.evaluate(() => ({
        state: document.body.dataset.state,
        active: document.body.dataset.active,
        loss: Number(document.getElementById('loss').dataset.value),
        intro: getComputedStyle(document.querySelector('.intro')).display,
      }));
      assert.deepEqual(shown, {
        state: 'done',
        active: 'true',
        loss: (await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR })).loss,
        intro: 'none',
      });
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('the standalone file, opened from file://, trains and draws (no server, no fetch)', async () => {
    // A file:// page's origin is opaque: every request it makes is to "null" or a data:/blob: URL.
    const { context, page, log } = await openPage(browser, 'null');
    try {
      const file = pathToFileURL(path.join(built.out, STANDALONE)).href;
      await page.goto(`${file}#speed=max`);
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.build, 'simd');
      assert.equal(result.kernels, 'simd128');
      assert.equal(result.loss, (await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR })).loss);
      assertShows(await cellBrightness(page, 'reconstruction'), DIGIT_FOUR, 'reconstruction');
      // The loss chart (250 points at full speed, protocol.js) and the explorer are there too.
      assert.equal(
        await page.evaluate(() => document.getElementById('losschart').dataset.points),
        '250',
      );
      assert.equal(await page.locator('#presets .preset').count(), 11);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test("the standalone file's scalar build gives the same run", async () => {
    const { context, page, log } = await openPage(browser, 'null');
    try {
      await page.goto(
        `${pathToFileURL(path.join(built.out, STANDALONE)).href}?build=scalar#speed=max`,
      );
      const result = await finalState(page);
      assert.equal(result.state, 'done', `page error: ${result.error}`);
      assert.equal(result.kernels, 'scalar');
      assert.equal(result.loss, (await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR })).loss);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });
});
