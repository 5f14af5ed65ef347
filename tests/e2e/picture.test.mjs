// End to end, "Your own picture": a PNG or SVG chosen, dropped or pasted becomes an exact 8x8
// preview, and "Use it" makes it the input (the run on it is the core's run of those pixels, to
// the bit, and the link keeps it, greys too); a file that is not a picture is refused by name
// and leaves the drawing, the run and the link as they were; under the strict CSP a PNG still
// works and an SVG is refused, saying which directive it needs. On the '4' page and in
// <tiny-autoencoder panels="full">, whose pastes come only from inside it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIGITS } from '../../www/core/digit.js';
import { decodeImage, encodeImage } from '../../www/core/urlstate.js';
import { enforceCsp, screenshot, useBrowser } from './harness.mjs';
import {
  assertCleanLog,
  axeViolations,
  coreRun,
  drawnValues,
  finalState,
  hashParams,
} from './page-helpers.mjs';
import { glyphPng, glyphSvg, png } from './picture-files.mjs';

const SEVEN = glyphPng(DIGITS[7]);
// The 2 with its top four rows of cells half inked: greys 0.5 and 1 (0.5 is 8/15 in the link).
const HALF_TWO = glyphPng(
  DIGITS[2].map((v, i) => (i < 32 ? v / 2 : v)),
  4,
);
const HALF_TWO_GREYS = DIGITS[2].map((v, i) => (i < 32 ? v * (8 / 15) : v));

const CSP_REPORT = `Loading the image 'blob:' violates the following Content Security Policy directive: "default-src 'self'". Note that 'img-src' was not explicitly set, so 'default-src' is used as a fallback. The action has been blocked.`;

/** Hands `bytes` (a Buffer) to the page as a File named `name` by `how`: 'drop' on `selector`, or 'paste' at it. */
function deliver(page, how, selector, { name, type, bytes }) {
  return page.locator(selector).evaluate(
    (el, { how, name, type, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type }));
      if (how === 'paste')
        return el.dispatchEvent(
          new ClipboardEvent('paste', {
            clipboardData: dt,
            bubbles: true,
            composed: true,
            cancelable: true,
          }),
        );
      el.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
      return el.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    },
    { how, name, type, data: bytes.toString('base64') },
  );
}

const within = (host, id) => (host ? `${host} #${id}` : `#${id}`);

/** Waits for the 8x8 preview (in `host`'s shadow root, or the page) to show `values`. */
async function waitForPreview(page, values, host = null) {
  await page.locator(within(host, 'picture-preview')).waitFor({ state: 'visible' });
  await page.waitForFunction(
    ({ host, values }) => {
      const root = host ? document.querySelector(host).shadowRoot : document;
      return root.getElementById('picture-cells').dataset.values === JSON.stringify(values);
    },
    { host, values },
  );
}

describe('your own picture', () => {
  const env = useBrowser();
  let session;
  async function open(url, { csp = false } = {}) {
    session = await env.open({ viewport: { width: 1280, height: 1000 }, colorScheme: 'light' });
    if (csp) await enforceCsp(session.page);
    await session.page.goto(`${env.site.url}${url}`);
    return session.page;
  }
  // `cspRefusal`: the browser refused one blob: image, and says so itself, once in the console
  // and once as a failed request; the log is otherwise clean.
  async function close({ cspRefusal = false } = {}) {
    const s = session;
    session = null;
    if (!s) return;
    const blob = (lines) => lines.map((line) => line.replace(/blob:[^'\s]+/, 'blob:'));
    try {
      assert.deepEqual(blob(s.log.consoleErrors), cspRefusal ? [CSP_REPORT] : []);
      assert.deepEqual(blob(s.log.failedRequests), cspRefusal ? ['blob: csp'] : []);
      assertCleanLog({ ...s.log, consoleErrors: [], failedRequests: [] });
    } finally {
      await s.context.close();
    }
  }

  test('the 4 page: a chosen PNG is previewed, then "Use it" trains on exactly its 8x8 version', async () => {
    const page = await open('index.html#speed=max');
    try {
      await finalState(page);
      const run = await page.evaluate(() => document.body.dataset.run);
      await page
        .locator('#picture-file')
        .setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: SEVEN });
      await waitForPreview(page, DIGITS[7]);
      assert.match(
        await page.locator('#picture-status').textContent(),
        /seven\.png read \(dark on light, so dark is ink\)/,
      );
      assert.equal(
        await page.evaluate(() => document.body.dataset.run),
        run,
        'a preview alone starts nothing',
      );
      assert.deepEqual(await drawnValues(page, 'original'), DIGITS[4]);
      assert.deepEqual(await axeViolations(page), [], 'axe, with the preview shown');
      await screenshot(page, 'picture-page-preview');

      await page.locator('#picture-use').click();
      await page.waitForFunction(
        (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
        run,
      );
      assert.deepEqual(await drawnValues(page, 'original'), DIGITS[7]);
      assert.equal(
        await page.locator('#original-caption').textContent(),
        "Original 8x8 image of digit '7'",
      );
      const { loss } = await coreRun({ seed: 78, input: DIGITS[7] });
      assert.equal(Number(await page.locator('#loss').getAttribute('data-value')), loss);
      await page.waitForFunction(
        (hex) => location.hash.includes(`input=${hex}`),
        encodeImage(DIGITS[7]),
      );
    } finally {
      await close();
    }
  });

  test('the 4 page: greys and the threshold, and a link that keeps the greys', async () => {
    const page = await open('index.html#speed=max');
    try {
      await finalState(page);
      await page
        .locator('#picture-file')
        .setInputFiles({ name: 'half-two.png', mimeType: 'image/png', buffer: HALF_TWO });
      await waitForPreview(page, HALF_TWO_GREYS);
      assert.equal(
        await page.locator('#picture-threshold').isDisabled(),
        true,
        'greys: no threshold',
      );
      await page.locator('#picture-binary').check();
      await waitForPreview(page, DIGITS[2]);
      await page.locator('#picture-threshold').fill('60');
      await waitForPreview(
        page,
        DIGITS[2].map((v, i) => (i < 32 ? 0 : v)),
      );
      assert.match(await page.locator('#picture-threshold').getAttribute('aria-valuetext'), /^60%/);
      await page.locator('#picture-binary').uncheck();
      await page.locator('#picture-use').click();
      await page.waitForFunction(() =>
        document.getElementById('original').dataset.values.includes('0.5333'),
      );
      const hex = encodeImage(HALF_TWO_GREYS);
      assert.equal(hex.length, 64);
      await page.waitForFunction((hex) => location.hash.includes(`input=${hex}`), hex);
      assert.deepEqual(decodeImage((await hashParams(page)).input), HALF_TWO_GREYS);
      // The link reproduces it: a fresh page at that hash trains on the same greys.
      const link = await page.evaluate(() => location.hash);
      await close();
      const again = await open(`index.html${link}`);
      const reloaded = await finalState(again);
      assert.deepEqual(await drawnValues(again, 'original'), HALF_TWO_GREYS);
      assert.equal(reloaded.loss, (await coreRun({ seed: 78, input: HALF_TWO_GREYS })).loss);
    } finally {
      await close();
    }
  });

  test('the 4 page: dropped on the input image, pasted on the page (not into a text field), and an SVG', async () => {
    const page = await open('index.html#speed=max');
    try {
      await finalState(page);
      await deliver(page, 'drop', '#original', {
        name: 'seven.png',
        type: 'image/png',
        bytes: SEVEN,
      });
      await waitForPreview(page, DIGITS[7]);
      const pasted = { name: 'image.png', type: 'image/png', bytes: glyphPng(DIGITS[3]) };
      assert.equal(
        await deliver(page, 'paste', '#seed', pasted),
        true,
        "a paste into the seed field is the field's",
      );
      await deliver(page, 'paste', 'body', pasted);
      await waitForPreview(page, DIGITS[3]);
      await page.locator('#picture-file').setInputFiles({
        name: 'one.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from(glyphSvg(DIGITS[1])),
      });
      await waitForPreview(page, DIGITS[1]);
    } finally {
      await close();
    }
  });

  test('the 4 page: a file that is not a picture is refused by name; the drawing, the run and the link stay', async () => {
    const page = await open('index.html#speed=max&input=0000001818000000');
    try {
      await finalState(page);
      await page
        .locator('#picture-file')
        .setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: SEVEN });
      await waitForPreview(page, DIGITS[7]);
      await page.waitForFunction(() => location.hash.includes('seed=')); // the link written out in full
      const before = await page.evaluate(() => ({
        run: document.body.dataset.run,
        hash: location.hash,
      }));
      const refusals = [
        [
          { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('a 4\n') },
          /^notes\.txt is not a PNG, JPEG or SVG image \(the browser calls it text\/plain\)/,
        ],
        [
          { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2,3\n') },
          /^data\.csv is not a PNG, JPEG or SVG image/,
        ],
        [
          { name: 'broken.png', mimeType: 'image/png', buffer: SEVEN.subarray(0, 60) },
          /^broken\.png starts like a PNG but could not be decoded/,
        ],
        [
          { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
          /^empty\.png is empty: choose a PNG, JPEG or SVG image\.$/,
        ],
        [
          {
            name: 'huge.png',
            mimeType: 'image/png',
            buffer: Buffer.concat([SEVEN, Buffer.alloc(11 * 1024 * 1024)]),
          },
          /^huge\.png is 11\.0 MB: pictures up to 10\.0 MB are accepted/,
        ],
        [
          {
            name: 'bad.svg',
            mimeType: 'image/svg+xml',
            buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'),
          },
          /^bad\.svg starts like an SVG but is not valid SVG\.$/,
        ],
        [
          {
            name: 'bare.svg',
            mimeType: 'image/svg+xml',
            buffer: Buffer.from('<svg><rect/></svg>'),
          },
          /^bare\.svg starts like an SVG but is not valid SVG \(its <svg> needs xmlns="http:\/\/www\.w3\.org\/2000\/svg"\)\.$/,
        ],
      ];
      for (const [file, message] of refusals) {
        await page.locator('#picture-file').setInputFiles(file);
        await page.waitForFunction(
          (name) => document.getElementById('picture-error').textContent.startsWith(name),
          file.name,
        );
        assert.match(await page.locator('#picture-error').textContent(), message);
        assert.equal(await page.locator('#picture-error').isVisible(), true);
        assert.deepEqual(
          await drawnValues(page, 'original'),
          decodeImage('0000001818000000'),
          `${file.name}: the drawing`,
        );
        assert.deepEqual(
          await drawnValues(page, 'picture-cells'),
          DIGITS[7],
          `${file.name}: the preview`,
        );
        assert.deepEqual(
          await page.evaluate(() => ({ run: document.body.dataset.run, hash: location.hash })),
          before,
          `${file.name}: the run and link`,
        );
      }
      await screenshot(page, 'picture-page-refused');
      // A good one clears the message.
      await page.locator('#picture-file').setInputFiles({
        name: 'one.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from(glyphSvg(DIGITS[1])),
      });
      await waitForPreview(page, DIGITS[1]);
      assert.equal(await page.locator('#picture-error').isHidden(), true);
    } finally {
      await close();
    }
  });

  test('<tiny-autoencoder panels="full"> under the strict CSP: PNG by choice, drop and paste from inside only; SVG refused naming img-src blob:', async () => {
    const page = await open('tests/e2e/blog/post.html', { csp: true });
    try {
      await page.locator('#d').scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => document.getElementById('d').dataset.state === 'done',
        null,
        { timeout: 60_000 },
      );
      await page
        .locator('#d #picture-file')
        .setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: SEVEN });
      await waitForPreview(page, DIGITS[7], '#d');
      await page.locator('#d #picture-use').click();
      await page.waitForFunction(
        (seven) =>
          document.getElementById('d').shadowRoot.getElementById('original').dataset.values ===
          seven,
        JSON.stringify(DIGITS[7]),
      );
      assert.deepEqual(await drawnValues(page, 'original', '#d'), DIGITS[7]);

      const three = { name: 'image.png', type: 'image/png', bytes: glyphPng(DIGITS[3]) };
      assert.equal(
        await deliver(page, 'paste', 'h1', three),
        true,
        "a paste on the post is the post's",
      );
      await deliver(page, 'drop', '#d #original', {
        name: 'nine.png',
        type: 'image/png',
        bytes: glyphPng(DIGITS[9]),
      });
      await waitForPreview(page, DIGITS[9], '#d');
      await deliver(page, 'paste', '#d #picture-use', three);
      await waitForPreview(page, DIGITS[3], '#d');

      await page.locator('#d #picture-file').setInputFiles({
        name: 'one.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from(glyphSvg(DIGITS[1])),
      });
      await page.waitForFunction(() =>
        document
          .getElementById('d')
          .shadowRoot.getElementById('picture-error')
          .textContent.startsWith('one.svg'),
      );
      assert.match(
        await page.locator('#d #picture-error').textContent(),
        /^one\.svg is an SVG, and this page's Content-Security-Policy does not let the browser draw one \(it needs img-src blob:\): PNG and JPEG pictures work\.$/,
      );
      assert.deepEqual(
        await drawnValues(page, 'picture-cells', '#d'),
        DIGITS[3],
        'the preview stays',
      );
      assert.deepEqual(await drawnValues(page, 'original', '#d'), DIGITS[7], 'the input stays');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), ['img-src: blob']);
      await page.locator('#d').screenshot({ path: 'test-results/picture-element.png' });
    } finally {
      await close({ cspRefusal: true });
    }
  });

  test('a photo-like picture, bigger than the 2048 px drawn: grey noisy paper and a thin stroke come out as clean ink', async () => {
    const page = await open('index.html#speed=max');
    try {
      await finalState(page);
      // 2400 px square, 300 px a cell; paper around 200/255, and in each of the 7's cells a
      // stroke at 60/255 over its middle third only (a ninth of the cell).
      const noise = (x, y) => ((x * 7 + y * 13) % 11) - 5;
      const photo = png(2400, 2400, (x, y) => {
        const inCell = (v) => v % 300 >= 100 && v % 300 < 200;
        const g =
          (DIGITS[7][Math.floor(y / 300) * 8 + Math.floor(x / 300)] && inCell(x) && inCell(y)
            ? 60
            : 200) + noise(x, y);
        return [g, g, g, 255];
      });
      await page
        .locator('#picture-file')
        .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
      await page.locator('#picture-preview').waitFor({ state: 'visible' });
      await page.locator('#picture-binary').check();
      await waitForPreview(page, DIGITS[7]);
      const greys = await drawnValues(page, 'picture-cells');
      await page.locator('#picture-binary').uncheck();
      const shades = await drawnValues(page, 'picture-cells');
      assert.ok(
        shades.every((v, i) => (DIGITS[7][i] ? v > 14 / 15 - 1e-9 : v < 1 / 15 + 1e-9)),
        `greys: ${shades}`,
      );
      assert.deepEqual(greys, DIGITS[7]);
    } finally {
      await close();
    }
  });
});
