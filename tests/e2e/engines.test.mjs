// Every browser a post's readers come with: the same stories as the Chromium tests, shortened,
// in Firefox (firefox-esr over WebDriver BiDi) and in WebKit (WebKitGTK, Safari's engine, over
// WebDriver; tests/e2e/engines.mjs). In each: the '4' page trains to the core's bits (what
// Chromium shows, page.test.mjs), a picture can be used, the editor and the network view work,
// the digits page trains and draws its map, and a post trains under the strict CSP, with the
// element from its own origin and from another. Screenshots go to test-results/engine-*.png.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIGIT_FOUR, DIGITS } from '../../www/core/digit.js';
import { ENGINE_BINARIES, launchFirefox, launchWebKit } from './engines.mjs';
import { startSite, STRICT_CSP } from './harness.mjs';
import { coreRun } from './page-helpers.mjs';
import { glyphPng } from './picture-files.mjs';

const LAUNCH = { firefox: launchFirefox, webkit: launchWebKit };
const TIMEOUT = 90_000;

let site; // the repository, plain
let strict; // the repository under the strict CSP, with CORS: a same-origin post and a CDN
let post; // a post on another origin that takes the element from `strict`
let postDir;

before(async () => {
  site = await startSite();
  strict = await startSite({
    headers: { 'Content-Security-Policy': STRICT_CSP, 'Access-Control-Allow-Origin': '*' },
  });
  postDir = mkdtempSync(path.join(tmpdir(), 'tinyae-engines-'));
  writeFileSync(
    path.join(postDir, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A post with the figure from another origin</title>
<link rel="icon" href="${strict.url}www/favicon.svg">
<script type="module" src="${strict.url}www/tiny-autoencoder.js"></script></head>
<body><main><tiny-autoencoder id="compact" seed="78" speed="max" autoplay></tiny-autoencoder></main></body></html>`,
  );
  const cdn = strict.origin;
  post = await startSite({
    root: postDir,
    headers: {
      'Content-Security-Policy': `default-src 'self' ${cdn}; script-src 'self' ${cdn} 'wasm-unsafe-eval'; style-src 'self' ${cdn}; worker-src blob: ${cdn}`,
    },
  });
});

after(async () => {
  await Promise.all([site?.close(), strict?.close(), post?.close()]);
  if (postDir) rmSync(postDir, { recursive: true, force: true });
});

const done = (id) =>
  ['done', 'error'].includes(
    id ? document.getElementById(id)?.dataset.state : document.body.dataset.state,
  );
const bodyState = () => ({
  ...document.body.dataset,
  loss: document.getElementById('loss').dataset.value,
  epoch: document.getElementById('epoch').dataset.value,
});

for (const engine of ['firefox', 'webkit']) {
  const missing =
    !existsSync(ENGINE_BINARIES[engine]) &&
    `${ENGINE_BINARIES[engine]} is not installed (scripts/setup.sh installs it)`;
  describe(`in ${engine}`, { skip: missing }, () => {
    let b;
    before(async () => {
      b = await LAUNCH[engine]();
    });
    after(async () => {
      await b?.close();
    });

    test("the '4' page trains to the core's bits, and a picture can be used", async () => {
      await b.goto(`${site.url}index.html#speed=max`);
      await b.waitFor(done, null, TIMEOUT);
      const shown = await b.evaluate(bodyState);
      const expected = await coreRun({ seed: 78, input: DIGIT_FOUR });
      assert.equal(shown.state, 'done', shown.error);
      assert.equal(shown.kernels, 'simd128');
      assert.equal(Number(shown.epoch), 1000);
      assert.equal(Number(shown.loss), expected.loss, 'the loss, to the bit');
      assert.equal(
        await b.evaluate(() => document.getElementById('loss').textContent),
        expected.loss.toExponential(3),
      );
      await b.screenshot(`engine-${engine}-page`);

      // A PNG of a '7', handed to the file input as a reader's choice would be.
      const run = shown.run;
      await b.evaluate(
        ({ data }) => {
          const input = document.getElementById('picture-file');
          const dt = new DataTransfer();
          dt.items.add(
            new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'seven.png', {
              type: 'image/png',
            }),
          );
          input.files = dt.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        { data: glyphPng(DIGITS[7]).toString('base64') },
      );
      await b.waitFor(
        (values) => document.getElementById('picture-cells')?.dataset.values === values,
        JSON.stringify(DIGITS[7]),
        TIMEOUT,
      );
      await b.evaluate(() => document.getElementById('picture-use').click());
      await b.waitFor(
        (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
        run,
        TIMEOUT,
      );
      const seven = await b.evaluate(bodyState);
      assert.equal(Number(seven.loss), (await coreRun({ seed: 78, input: DIGITS[7] })).loss);
      await b.screenshot(`engine-${engine}-picture`);
    });

    test('the editor and the network view: the deep preset trains, its tiles show, a knock-out reads', async () => {
      await b.goto(`${site.url}index.html#speed=max`);
      await b.waitFor(done, null, TIMEOUT);
      const run = await b.evaluate(() => document.body.dataset.run);
      await b.evaluate(() => document.querySelector('[data-preset="deep"]').click());
      await b.waitFor(
        (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
        run,
        TIMEOUT,
      );
      // The network view is fetched as it nears the screen.
      await b.evaluate(() => document.querySelector('.net-panel').scrollIntoView());
      await b.waitFor(() => document.querySelectorAll('.net-tile').length > 0, null, TIMEOUT);
      const view = await b.evaluate(() => ({
        state: document.body.dataset.state,
        loss: Number(document.getElementById('loss').dataset.value),
        tiles: document.querySelectorAll('.net-tile').length,
        drawn: [...document.querySelectorAll('.net-tile .net-face')].filter((c) => c.dataset.values)
          .length,
      }));
      assert.equal(view.state, 'done');
      assert.ok(Number.isFinite(view.loss) && view.loss < 0.05, `loss ${view.loss}`);
      assert.equal(view.tiles, 32 + 16 + 4 + 16 + 32);
      assert.ok(view.drawn >= 64, `${view.drawn} weight tiles drawn`);
      await b.evaluate(() =>
        document.querySelector('.net-tile[data-layer="3"][data-unit="0"]').click(),
      );
      await b.waitFor(
        () =>
          /^Knocked out of the picture: latent unit 1\./.test(
            document.querySelector('.net-off')?.textContent ?? '',
          ),
        null,
        TIMEOUT,
      );
      // The view draws once on screen (content-visibility: auto skips it until then).
      await b.evaluate(() => document.querySelector('.net-panel').scrollIntoView());
      await b.waitFor(
        () =>
          new Promise((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))),
          ),
        null,
        TIMEOUT,
      );
      await b.screenshot(`engine-${engine}-network`, { fullPage: false });
    });

    test('the digits page trains and draws its map', async () => {
      await b.goto(`${site.url}digits.html#epochs=20`);
      await b.waitFor(done, null, TIMEOUT);
      const shown = await b.evaluate(() => ({
        state: document.body.dataset.state,
        epoch: document.getElementById('epoch').dataset.value,
        test: document.getElementById('test-mse').textContent,
        map: { ...document.getElementById('ae-map').dataset },
      }));
      assert.equal(shown.state, 'done');
      assert.equal(shown.epoch, '20');
      assert.match(shown.test, /^0\.0\d+/);
      assert.equal(shown.map.points, '1797');
      assert.equal(shown.map.colors, '10');
      await b.screenshot(`engine-${engine}-digits`);
    });

    test('a post under the strict CSP trains its elements, served from its own origin and from another', async () => {
      await b.goto(`${strict.url}tests/e2e/blog/two-full.html`);
      await b.waitFor(
        () =>
          ['narrow', 'wide'].every((id) =>
            ['done', 'error'].includes(document.getElementById(id).dataset.state),
          ),
        null,
        TIMEOUT,
      );
      const full = await b.evaluate(() =>
        ['narrow', 'wide'].map((id) => ({
          state: document.getElementById(id).state,
          loss: document.getElementById(id).loss,
        })),
      );
      assert.deepEqual(full, [
        { state: 'done', loss: (await coreRun({ seed: 78, input: DIGIT_FOUR, epochs: 200 })).loss },
        { state: 'done', loss: (await coreRun({ seed: 5, input: DIGIT_FOUR, epochs: 200 })).loss },
      ]);
      await b.screenshot(`engine-${engine}-post`);

      await b.goto(post.url);
      await b.waitFor(
        () => ['done', 'error'].includes(document.getElementById('compact')?.dataset.state),
        null,
        TIMEOUT,
      );
      const compact = await b.evaluate(() => ({ ...document.getElementById('compact').dataset }));
      assert.equal(compact.state, 'done', compact.error);
      assert.equal(Number(compact.loss), (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss);
      await b.screenshot(`engine-${engine}-cross-origin`);
      assert.deepEqual(b.errors, [], 'errors in the console');
    });
  });
}
