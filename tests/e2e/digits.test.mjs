// End to end, the digits mode (digits.html): the data is fetched only by this page, once until the
// k-curve is scrolled to (its worker fetches its own copy); the autoencoder trains live to
// exactly the core's numbers (the same run in Node, to the bit) and beats PCA-4 on the held-out
// digits; the latent map shows ten colours, hovering a dot shows
// that digit, its reconstruction and its code, a click explores it; the codes download has a
// row per image; a bad CSV is refused with a message naming the row and leaves everything as it
// was; a good one is trained on. A dead unit makes a line and the page says why. Screenshots of
// the finished page, light and dark, wide and phone, under a strict CSP, go to test-results/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';
import { configHash, DEFAULTS, readConfig } from '../../www/digits/config.js';
import { VAE_PRESETS } from '../../www/core/vae-settings.js';
import { DIGITS } from '../../www/core/digit.js';
import { encodeImage, readState } from '../../www/core/urlstate.js';
import { enforceCsp, launchBrowser, openPage, screenshot, startSite } from './harness.mjs';
import { assertCleanLog, waitForState } from './page-helpers.mjs';

const DATA_PATH = '/data/digits.csv.gz';
const TEST = 360;

/** The core's own numbers for the page's default run, in Node with the simd build it serves. */
async function coreExpectations() {
  const core = await loadBuild('simd');
  const { pixels, labels, n } = loadDigits();
  const order = Array.from(core.split_indices(n, TEST, 0));
  const gather = (idx) => {
    const out = new Float32Array(idx.length * 64);
    idx.forEach((i, k) => out.set(pixels.subarray(i * 64, i * 64 + 64), k * 64));
    return out;
  };
  const test = gather(order.slice(0, TEST));
  const train = gather(order.slice(TEST));
  const pca = new core.Pca(train, 4);
  const ae = new core.Autoencoder(DEFAULTS.seed);
  ae.set_data(train);
  const perEpoch = Math.ceil(train.length / 64 / 32);
  for (let e = 0; e < DEFAULTS.epochs; e++) ae.train_step(perEpoch);
  const image = (i) => pixels.slice(i * 64, i * 64 + 64);
  return {
    n,
    pixels,
    labels,
    image,
    pcaMse: pca.reconstruction_mse(test),
    aeMse: ae.evaluate(test),
    codes: ae.encode(pixels),
    aeRecon: (i) => Array.from(ae.reconstruct(image(i))),
    pcaRecon: (i) => Array.from(pca.inverse_transform(pca.transform(image(i)))),
  };
}

/** Requests for the digits data the page has made so far. */
function dataRequests(page) {
  const seen = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith('/data/')) seen.push(new URL(req.url()).pathname);
  });
  return seen;
}

/**
 * The map canvas `id` read back: for each label colour of the palette (digits.css, as the page
 * computes it), how many pixels have exactly that colour and the client position of one of them.
 */
function mapColours(page, id) {
  return page.evaluate((id) => {
    const canvas = document.getElementById(id);
    // On screen, so the positions returned can be hovered and clicked.
    canvas.scrollIntoView({ block: 'center' });
    const probe = document.createElement('span');
    canvas.parentElement.append(probe);
    const palette = Array.from({ length: 10 }, (_, i) => {
      probe.className = `swatch label-${i}`;
      return getComputedStyle(probe).backgroundColor.match(/\d+/g).slice(0, 3).map(Number);
    });
    probe.remove();
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    copy.getContext('2d').drawImage(canvas, 0, 0);
    const { data } = copy.getContext('2d').getImageData(0, 0, copy.width, copy.height);
    const box = canvas.getBoundingClientRect();
    const counts = new Array(10).fill(0);
    const at = new Array(10).fill(null);
    const xs = [];
    for (let p = 0; p < data.length; p += 4) {
      const k = palette.findIndex(
        ([r, g, b]) => data[p] === r && data[p + 1] === g && data[p + 2] === b,
      );
      if (k < 0) continue;
      counts[k]++;
      const x = (p / 4) % copy.width;
      const y = Math.floor(p / 4 / copy.width);
      xs.push(x * (box.width / copy.width));
      // A pixel with a same-coloured neighbour on each side sits inside a dot, not on its rim.
      const inside = [4, -4, 4 * copy.width, -4 * copy.width].every(
        (d) =>
          data[p + d] === data[p] &&
          data[p + d + 1] === data[p + 1] &&
          data[p + d + 2] === data[p + 2],
      );
      if (inside && !at[k]) {
        at[k] = {
          x: box.left + (x + 0.5) * (box.width / copy.width),
          y: box.top + (y + 0.5) * (box.height / copy.height),
        };
      }
    }
    xs.sort((a, b) => a - b);
    return {
      counts,
      at,
      xSpread: xs.length ? xs[Math.floor(xs.length * 0.99)] - xs[Math.floor(xs.length * 0.01)] : 0,
    };
  }, id);
}

/** Where the page's main blocks are, to compare over time (no layout jump while training). */
function layoutBoxes(page) {
  return page.evaluate(() =>
    [
      '.toolbar',
      '.chart-panel',
      '#legend',
      '#ae-map',
      '#pca-map',
      '.compare',
      '#manifold',
      '.gallery-panel',
      '.data-panel',
      '#status',
    ].map((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return `${sel} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    }),
  );
}

const dataset = (page) => page.evaluate(() => ({ ...document.body.dataset }));

describe('digits.html: 1797 digits, a live latent map, and PCA beside it', () => {
  let site;
  let browser;
  let expected;

  before(async () => {
    [site, browser, expected] = await Promise.all([
      startSite(),
      launchBrowser(),
      coreExpectations(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  describe('one visit, watched to the end', () => {
    let session;
    let requests;
    before(async () => {
      session = await openPage(browser, site.origin, { viewport: { width: 1280, height: 900 } });
      requests = dataRequests(session.page);
    });
    after(async () => {
      await session?.context.close();
    });

    test("trains live, at the default pace, to the core's numbers, and beats PCA-4 on the test digits", async () => {
      const { page } = session;
      await page.goto(`${site.url}digits.html`);
      // Watchable: caught mid-run, one epoch per frame, with a growing curve.
      await page.waitForFunction(
        () => Number(document.getElementById('epoch').dataset.value) >= 3,
        null,
        { timeout: 30_000 },
      );
      const mid = await page.evaluate(() => ({
        state: document.body.dataset.state,
        epoch: Number(document.getElementById('epoch').dataset.value),
      }));
      assert.equal(mid.state, 'training');
      assert.ok(
        mid.epoch > 0 && mid.epoch < DEFAULTS.epochs,
        `caught mid-run at epoch ${mid.epoch}`,
      );
      const boxesMid = await layoutBoxes(page);

      await waitForState(page);
      const body = await dataset(page);
      assert.equal(body.state, 'done', `page error: ${body.error}`);
      assert.equal(body.build, 'simd');
      assert.equal(body.kernels, 'simd128');
      assert.equal(body.seed, String(DEFAULTS.seed));
      assert.equal(body.n, '1797');
      assert.equal(await page.getAttribute('#epoch', 'data-value'), String(DEFAULTS.epochs));
      assert.deepEqual(await layoutBoxes(page), boxesMid, 'layout changed during training');

      // The same numbers as the core's own run: the page shows the real thing.
      const shown = await page.evaluate(() => ({
        pca: Number(document.getElementById('pca-mse').dataset.value),
        pcaText: document.getElementById('pca-mse').textContent,
        ae: Number(document.getElementById('ae-mse').dataset.value),
        test: Number(document.getElementById('test-mse').dataset.value),
        verdict: document.getElementById('verdict').textContent,
        winner: document.getElementById('verdict').dataset.winner,
        curve: Number(document.getElementById('curves').dataset.points),
      }));
      assert.equal(shown.pca, expected.pcaMse);
      assert.equal(shown.pcaText, expected.pcaMse.toPrecision(4));
      assert.equal(shown.ae, expected.aeMse);
      assert.equal(shown.test, expected.aeMse);
      assert.ok(
        expected.aeMse < expected.pcaMse,
        `core: AE ${expected.aeMse} vs PCA ${expected.pcaMse}`,
      );
      assert.equal(shown.winner, 'ae');
      assert.match(shown.verdict, /autoencoder is better right now/);
      assert.equal(shown.curve, DEFAULTS.epochs, 'a test-loss point per epoch');

      // Fetched once, by this page, from its own origin.
      assert.deepEqual(requests, [DATA_PATH]);
      assert.equal(
        await page.getAttribute('nav.modes a[href^="index.html"]', 'aria-current'),
        null,
      );
      assert.equal(
        await page.getAttribute('nav.modes a[href^="digits.html"]', 'aria-current'),
        'page',
      );
      assert.match(
        (await page.textContent('.attribution')).replace(/\s+/g, ' '),
        /E\. Alpaydin and C\. Kaynak \(1998\), UCI Machine Learning Repository, licensed CC BY 4\.0/,
      );
      assertCleanLog(session.log);
    });

    test('the map shows every image in ten colours, with a legend', async () => {
      const { page } = session;
      await page.waitForFunction(() => document.getElementById('ae-map').dataset.points === '1797');
      const map = await page.evaluate(() => ({ ...document.getElementById('ae-map').dataset }));
      assert.equal(map.points, '1797');
      assert.equal(map.colors, '10');
      const seen = await mapColours(page, 'ae-map');
      seen.counts.forEach((count, label) =>
        assert.ok(count > 20, `label ${label}: ${count} pixels of its colour`),
      );
      const pca = await mapColours(page, 'pca-map');
      pca.counts.forEach((count, label) =>
        assert.ok(count > 20, `PCA map, label ${label}: ${count} pixels`),
      );
      assert.equal(await page.getAttribute('#legend', 'data-labels'), '10');
      assert.equal(await page.textContent('#legend li:first-child'), '0178');
      assert.equal(await page.getAttribute('#map-note', 'data-dead'), '');
    });

    test('hovering a dot shows that digit, its reconstruction and its code; a click explores it', async () => {
      const { page } = session;
      const { at } = await mapColours(page, 'ae-map');
      await page.mouse.move(at[3].x, at[3].y);
      const card = page.locator('#ae-card');
      await card.waitFor({ state: 'visible' });
      const index = Number(await card.getAttribute('data-index'));
      assert.ok(index >= 0 && index < expected.n);
      assert.match(
        await card.locator('.card-title').textContent(),
        new RegExp(`^Image #${index}, digit ${expected.labels[index]} \\((test|train)\\)$`),
      );
      const [image, recon] = await card.locator('canvas').all();
      // The image (the data stays in the worker), its reconstruction and code come from the
      // worker a moment later: the core's, exactly.
      await page.waitForFunction(
        () => document.querySelectorAll('#ae-card canvas')[1].dataset.values,
        null,
        { timeout: 5000 },
      );
      assert.deepEqual(
        JSON.parse(await image.getAttribute('data-values')),
        Array.from(expected.image(index)),
      );
      assert.deepEqual(
        JSON.parse(await recon.getAttribute('data-values')),
        expected.aeRecon(index),
      );
      const code = Array.from(expected.codes.slice(index * 4, index * 4 + 4), (v) =>
        v.toFixed(2),
      ).join('  ');
      assert.equal(await card.locator('.card-code').textContent(), `code ${code}`);

      await page.mouse.click(at[3].x, at[3].y);
      await page.waitForFunction(
        (i) => document.getElementById('explore-caption').dataset.index === String(i),
        index,
      );
      await page.waitForFunction(
        (want) => document.getElementById('explore-original').dataset.values === want,
        JSON.stringify(Array.from(expected.image(index))),
        { timeout: 5000 },
      );
      await page.waitForFunction(
        (want) => document.getElementById('explore-recon').dataset.values === want,
        JSON.stringify(expected.aeRecon(index)),
        { timeout: 5000 },
      );

      // The keyboard's way in: the image number, and the arrow keys from there.
      assert.equal(await page.inputValue('#explore-index'), String(index));
      await page.fill('#explore-index', '42');
      await page.press('#explore-index', 'Enter');
      await page.press('#explore-index', 'ArrowUp');
      await page.waitForFunction(
        () => document.getElementById('explore-caption').dataset.index === '43',
      );
      await page.waitForFunction(
        (want) => document.getElementById('explore-original').dataset.values === want,
        JSON.stringify(Array.from(expected.image(43))),
        { timeout: 5000 },
      );
      assert.match(
        await page.textContent('#explore-caption'),
        new RegExp(`^Image #43, digit ${expected.labels[43]} `),
      );

      // The PCA map's card: the same digit, rebuilt by PCA-4.
      const pcaDots = await mapColours(page, 'pca-map');
      await page.mouse.move(pcaDots.at[7].x, pcaDots.at[7].y);
      const pcaCard = page.locator('#pca-card');
      await pcaCard.waitFor({ state: 'visible' });
      assert.equal(await card.isVisible(), false, 'one card at a time');
      const j = Number(await pcaCard.getAttribute('data-index'));
      assert.match(
        await pcaCard.locator('.card-title').textContent(),
        new RegExp(`digit ${expected.labels[j]} `),
      );
      await page.waitForFunction(
        () => document.querySelectorAll('#pca-card canvas')[1].dataset.values,
        null,
        { timeout: 5000 },
      );
      const pcaRecon = JSON.parse(
        await pcaCard.locator('canvas').nth(1).getAttribute('data-values'),
      );
      assert.deepEqual(pcaRecon, expected.pcaRecon(j));
      await page.mouse.move(0, 0);
      await pcaCard.waitFor({ state: 'hidden' });
      assertCleanLog(session.log);
    });

    test("the codes download has a row per image: index, label, z1..z4, the core's codes", async () => {
      const { page } = session;
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download-codes'),
      ]);
      assert.match(download.suggestedFilename(), /^tinyae-digits-codes-seed2-epoch300\.csv$/);
      const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
      assert.equal(lines[0], 'index,label,z1,z2,z3,z4');
      assert.equal(lines.length, 1 + 1797);
      lines.slice(1).forEach((line, i) => {
        const cells = line.split(',');
        assert.equal(cells[0], String(i));
        assert.equal(cells[1], String(expected.labels[i]));
        const z = Float32Array.from(cells.slice(2).map(Number));
        assert.deepEqual(z, expected.codes.slice(i * 4, i * 4 + 4), `codes of row ${i}`);
      });
    });

    test('a bad CSV gets a message naming the row and the problem, and nothing changes', async () => {
      const { page } = session;
      const before = {
        body: await dataset(page),
        summary: await page.textContent('#data-summary'),
      };
      const good = (label) => [...Array.from({ length: 64 }, (_, i) => i % 17), label].join(',');
      const bad = {
        'short.csv': [good(1), good(2), good(3).split(',').slice(1).join(',')].join('\n'),
        'words.csv': [good(1), good(2).replace(/^0,/, 'zero,')].join('\n'),
        'labels.csv': [good(1), good(12)].join('\n'),
        'bright.csv': Array.from({ length: 12 }, (_, i) =>
          good(i % 10).replace(/^0,/, i === 4 ? '300,' : '0,'),
        ).join('\n'),
      };
      const messages = {
        'short.csv':
          /^Could not load short\.csv: row 3 has 64 values, but row 1 has 65: every row needs the same columns\. Nothing changed: the 1797 digits are still loaded\.$/,
        'words.csv': /^Could not load words\.csv: row 2, column 1: "zero" is not a number\./,
        'labels.csv':
          /^Could not load labels\.csv: row 2: the label \(column 65\) must be a whole number from 0 to 9, not "12"\./,
        'bright.csv': /^Could not load bright\.csv: row 5, column 1: 300 is above 255/,
      };
      for (const [name, text] of Object.entries(bad)) {
        await page.setInputFiles('#csv-file', {
          name,
          mimeType: 'text/csv',
          buffer: Buffer.from(text),
        });
        await page.waitForFunction(
          (n) => document.getElementById('data-error').textContent.includes(n),
          name,
        );
        assert.match(await page.textContent('#data-error'), messages[name]);
        assert.equal(await page.isVisible('#data-error'), true);
      }
      // The previous data, run and picture are all still there.
      assert.deepEqual(await dataset(page), before.body);
      assert.equal(await page.textContent('#data-summary'), before.summary);
      assert.equal(await page.getAttribute('#ae-map', 'data-points'), '1797');
      assertCleanLog(session.log);
    });

    test('your own CSV: scale detected and shown, trained on, its codes downloadable; back to the digits without a second download', async () => {
      const { page } = session;
      // The k-curve starts when its panel is scrolled to, on the page's copy of the digits (no
      // fetch of its own): done here, so the one request below is the page's, whatever scrolls.
      await page.locator('#kcurve').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.getElementById('kcurve').dataset.pca !== '', null, {
        timeout: 60_000,
      });
      const runBefore = (await dataset(page)).run;
      // 50 digits on the 0..255 scale, with a header line, as a spreadsheet would save them.
      const header = [...Array.from({ length: 64 }, (_, i) => `pixel${i}`), 'digit'].join(',');
      const body = Array.from({ length: 50 }, (_, i) =>
        [...Array.from(expected.image(i), (v) => Math.round(v * 255)), expected.labels[i]].join(
          ',',
        ),
      );
      await page.selectOption('#speed', 'max');
      await page.setInputFiles('#csv-file', {
        name: 'mine.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...body].join('\r\n')),
      });
      await page.waitForFunction(
        (run) =>
          document.body.dataset.n === '50' &&
          document.body.dataset.run !== run &&
          document.body.dataset.state === 'done',
        runBefore,
        { timeout: 60_000 },
      );
      assert.equal(await page.isVisible('#data-error'), false, 'the old error is gone');
      assert.match(
        await page.textContent('#data-summary'),
        /^mine\.csv: 50 images \(40 to train on, 10 held out to test\), values 0\.\.255 \(detected\), labelled\.$/,
      );
      assert.equal(await page.getAttribute('#data-summary', 'data-scale'), '255');
      // The maps redraw at the next animation frame.
      await page.waitForFunction(() =>
        ['ae-map', 'pca-map'].every((id) => document.getElementById(id).dataset.points === '50'),
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download-codes'),
      ]);
      assert.match(download.suggestedFilename(), /^tinyae-mine-codes-seed2-epoch300\.csv$/);
      const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
      assert.equal(lines.length, 51);

      await page.click('#use-builtin');
      await page.waitForFunction(
        () => document.body.dataset.n === '1797' && document.body.dataset.state === 'done',
        null,
        { timeout: 60_000 },
      );
      assert.deepEqual(
        requests,
        [DATA_PATH],
        'one download for the page and the k-curve, none on switching back',
      );
      assert.equal(await page.isVisible('#use-builtin'), false);
      assertCleanLog(session.log);
    });
  });

  test('a dead unit: the map on its axis collapses onto a line, and the page says why', async () => {
    // Seed 1 loses unit 1 on these digits in its first epoch (0 for every image from then on).
    const { context, page, log } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      await page.goto(`${site.url}digits.html#seed=1&epochs=30&speed=max&axes=1-2`);
      await waitForState(page);
      assert.equal((await dataset(page)).state, 'done');
      assert.equal(await page.getAttribute('#map-note', 'data-dead'), '1');
      assert.match(
        await page.textContent('#map-note'),
        /^Unit 1 is dead: 0 for every image\. .*no gradient.*That is why this map is a line: unit 1 is 0 for every dot\./,
      );
      assert.equal(
        await page.evaluate(() => document.getElementById('map-note').classList.contains('warn')),
        true,
      );
      assert.match(await page.textContent('#axes option[value="1-2"]'), /unit 1 dead/);
      const { xSpread } = await mapColours(page, 'ae-map');
      assert.ok(
        xSpread < 8,
        `the dots should sit on one vertical line; they spread over ${xSpread}px`,
      );
      assert.match(await page.textContent('.code-sliders .slider-row.dead'), /unit 1.*dead/);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('the scalar fallback build trains the same run, to the bit', async () => {
    const core = await loadBuild('scalar');
    const { context, page, log } = await openPage(browser, site.origin);
    try {
      await page.goto(`${site.url}digits.html?build=scalar#speed=max&epochs=20`);
      await waitForState(page);
      const body = await dataset(page);
      assert.equal(body.state, 'done', `page error: ${body.error}`);
      assert.equal(body.build, 'scalar');
      assert.equal(body.kernels, 'scalar');
      // The core's scalar build, in Node, on the same split: the same test MSE after 20 epochs.
      const order = Array.from(core.split_indices(expected.n, TEST, 0));
      const gather = (idx) => Float32Array.from(idx.flatMap((i) => Array.from(expected.image(i))));
      const ae = new core.Autoencoder(DEFAULTS.seed);
      ae.set_data(gather(order.slice(TEST)));
      for (let e = 0; e < 20; e++) ae.train_step(45);
      assert.equal(
        Number(await page.getAttribute('#test-mse', 'data-value')),
        ae.evaluate(gather(order.slice(0, TEST))),
      );
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('a bad link names every bad value above the fold, runs the defaults, and a fixed link is followed', async () => {
    const { context, page } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      await page.goto(`${site.url}digits.html#seed=banana&axes=9&epochs=5&speed=max`);
      await waitForState(page, ['done']);
      const note = page.locator('#link-note');
      assert.ok(await note.isVisible());
      const text = await note.textContent();
      assert.match(text, /^Bad link: seed="banana" \(must be a whole number from 0 to 2\^53-1/);
      assert.match(text, /axes="9" \(must be pc, or two units i-j with 1 <= i < j <= 16/);
      assert.match(text, /defaults for those instead/);
      const box = await note.boundingBox();
      assert.ok(box.y + box.height <= 900, `the note is on the first screen (y ${box.y})`);
      assert.equal(await page.getAttribute('body', 'data-seed'), '2', 'the default seed runs');
      assert.doesNotMatch(await page.textContent('#status'), /Loading/);
      // Mending the link by hand is followed, and the note goes.
      const run = await page.getAttribute('body', 'data-run');
      await page.evaluate(() => {
        window.location.hash = '#seed=3&epochs=5&speed=max&axes=pc';
      });
      await page.waitForFunction(
        (run) => document.body.dataset.run !== run && document.body.dataset.state === 'done',
        run,
      );
      assert.equal(await page.getAttribute('body', 'data-seed'), '3');
      assert.equal(await note.isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('a bad link names the values only the model refuses too, beside the others', async () => {
    const { context, page } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      await page.goto(`${site.url}digits.html#seed=abc&lr=-1&epochs=5&speed=max`);
      await waitForState(page, ['done']);
      const text = await page.textContent('#link-note');
      assert.match(text, /^Bad link: seed="abc" \(must be a whole number/);
      assert.match(text, /lr="-1" \(must be/);
      assert.equal(await page.getAttribute('body', 'data-link-problems'), 'seed lr');
      assert.equal(await page.getAttribute('body', 'data-seed'), '2', 'the default seed runs');
    } finally {
      await context.close();
    }
  });

  test('the main page does not download the digits; its tab switches to this mode, which does, once', async (t) => {
    const { context, page, log } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      const requests = dataRequests(page);
      await page.goto(`${site.url}#speed=max`, { waitUntil: 'networkidle' });
      assert.deepEqual(requests, []);
      const tab = page.locator('a[href^="digits.html"]');
      if ((await tab.count()) === 0) return t.skip('index.html has no link to digits.html yet');
      await tab.first().click();
      await page.waitForURL(/digits\.html/);
      await waitForState(page, ['training', 'done']);
      assert.deepEqual(requests, [DATA_PATH]);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('the mode tabs carry the seed and the drawing there and back', async () => {
    const { context, page } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    const seven = encodeImage(DIGITS[7]);
    try {
      await page.goto(`${site.url}#seed=5&input=${seven}&lr=0.002&epochs=20&speed=max`);
      await waitForState(page, ['done']);
      await page.click('nav.modes a[href^="digits.html"]');
      await page.waitForURL(/digits\.html/);
      await waitForState(page, ['training', 'done']);
      assert.equal(await page.getAttribute('body', 'data-seed'), '5', 'the seed came along');
      await page.waitForFunction(() => /input=/.test(window.location.hash));
      await page.click('nav.modes a[href^="index.html"]');
      await page.waitForURL(/index\.html/);
      await waitForState(page, ['done', 'training', 'paused']);
      assert.equal(await page.getAttribute('body', 'data-seed'), '5');
      const { state } = readState(await page.evaluate(() => ({ hash: window.location.hash })));
      assert.equal(encodeImage(state.input), seven, 'the drawing came back');
      assert.equal(state.learningRate, 0.002);
    } finally {
      await context.close();
    }
  });

  test('an edited network and learning rate survive the tabs and Back, even a tab taken at once', async () => {
    const { context, page } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      await page.goto(`${site.url}#enc=32&latent=8&epochs=20&speed=max`);
      await waitForState(page, ['done']);
      const run = await page.getAttribute('body', 'data-run');
      await page.fill('#lr', '0.003');
      await page.press('#lr', 'Enter');
      await page.waitForFunction((r) => document.body.dataset.run !== r, run);
      // At once: before the hash's own delayed write.
      await page.click('nav.modes a[href^="digits.html"]');
      await page.waitForURL(/digits\.html/);
      await waitForState(page, ['training', 'done']);
      assert.equal(await page.getAttribute('body', 'data-latent'), '8', 'the network came along');
      await page.goBack();
      await page.waitForURL(/index\.html|\/#/);
      await waitForState(page, ['done', 'training', 'paused']);
      const { state } = readState(await page.evaluate(() => ({ hash: window.location.hash })));
      assert.equal(state.learningRate, 0.003, 'Back brings the learning rate back');
      assert.deepEqual([...state.encoder, state.latent], [32, 8], 'and the network');
      assert.equal(await page.inputValue('#lr'), '0.003');
    } finally {
      await context.close();
    }
  });

  test("a loaded CSV, the network and the learning rate survive the '4' tab, Back and the digits tab; the digits again forget the file", async () => {
    const { context, page, log } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    try {
      await page.goto(`${site.url}digits.html#epochs=20&speed=max&lr=0.003&enc=32&latent=3&dec=32`);
      await waitForState(page, ['done']);
      // 50 images on the 0..16 scale, no labels.
      const rows = Array.from({ length: 50 }, (_, r) =>
        Array.from({ length: 64 }, (_, p) => (r * 7 + p * 3) % 17).join(','),
      );
      await page.setInputFiles('#csv-file', {
        name: 'mine.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(rows.join('\n')),
      });
      await page.waitForFunction(
        () => document.body.dataset.n === '50' && document.body.dataset.state === 'done',
        null,
        { timeout: 60_000 },
      );
      await page.waitForFunction(
        () => document.getElementById('data-summary').dataset.kept === 'true',
      );
      const kept = async (how) => {
        await page.waitForURL(/digits\.html/);
        await page.waitForFunction(
          () => document.body.dataset.n === '50' && document.body.dataset.state === 'done',
          null,
          { timeout: 60_000 },
        );
        assert.match(await page.textContent('#data-summary'), /^mine\.csv: 50 images /, how);
        const { hash } = await page.evaluate(() => ({ hash: window.location.hash }));
        assert.match(hash, /(^#|&)lr=0\.003(&|$)/, `${how}: the learning rate`);
        assert.equal(await page.getAttribute('body', 'data-latent'), '3', `${how}: the network`);
      };
      await page.click('nav.modes a[href^="index.html"]');
      await page.waitForURL(/index\.html/);
      await waitForState(page, ['done', 'training', 'paused']);
      await page.goBack();
      await kept('Back');
      await page.click('nav.modes a[href^="index.html"]');
      await page.waitForURL(/index\.html/);
      await waitForState(page, ['done', 'training', 'paused']);
      await page.click('nav.modes a[href^="digits.html"]');
      await kept('the digits tab');
      // Back to the digits: a reload brings the digits, not the file.
      await page.click('#use-builtin');
      await page.waitForFunction(
        () =>
          document.body.dataset.n === '1797' &&
          document.getElementById('data-summary').dataset.kept === 'false',
        null,
        { timeout: 60_000 },
      );
      await page.reload();
      await page.waitForFunction(
        () =>
          document.body.dataset.n === '1797' &&
          ['training', 'done'].includes(document.body.dataset.state),
        null,
        { timeout: 60_000 },
      );
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test("each page's own settings survive a round trip by the tabs: the digits' epochs, speed, axes and VAE, the '4''s epochs and speed", async () => {
    const { context, page, log } = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
    });
    const hashOf = () => page.evaluate(() => window.location.hash);
    try {
      await page.goto(`${site.url}#epochs=20&speed=100`);
      await waitForState(page, ['done']);
      const own = { ...DEFAULTS, ...VAE_PRESETS.variational, latent: 3, beta: 2, axes: '1-3' };
      await page.goto(`${site.url}digits.html${configHash({ ...own, epochs: 30, speed: 1 })}`);
      await waitForState(page, ['training', 'done']);
      // Set on the page, and the tab taken at once (before the hash's delayed write).
      await page.selectOption('#speed', 'max');
      await page.click('nav.modes a[href^="index.html"]');
      await page.waitForURL(/index\.html/);
      await waitForState(page, ['done', 'training', 'paused']);
      const four = readState({ hash: await hashOf() }).state;
      assert.deepEqual(
        [four.epochs, four.speed],
        [20, 100],
        "the '4' keeps its own epochs and speed",
      );
      await page.click('nav.modes a[href^="digits.html"]');
      await page.waitForURL(/digits\.html/);
      await waitForState(page, ['training', 'done']);
      const { config, problems } = readConfig({ hash: await hashOf() });
      assert.deepEqual(problems, []);
      assert.deepEqual(
        [config.epochs, config.speed, config.axes, config.variational, config.beta],
        [30, 'max', '1-3', true, 2],
        'the digits keep their epochs, speed, axes, VAE switch and beta',
      );
      assert.deepEqual([config.encoder, config.latent], [own.encoder, 3], 'and the VAE network');
      assert.equal(await page.inputValue('#epochs'), '30');
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  // One training per screen size; the dark picture is the same page after the scheme flips
  // (which also shows that every view redraws in the new colours).
  // The phone run is paced (2 epochs a frame) so it can be caught mid-run: on a narrow screen
  // more text wraps, and nothing may move while training there either.
  for (const [name, { hash, ...options }] of Object.entries({
    digits: { hash: '#speed=max', viewport: { width: 1280, height: 900 } },
    'digits-phone': {
      hash: '#speed=2',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    },
  })) {
    test(`screenshots at the end of training, light and dark, under a strict CSP: ${name}`, async () => {
      const { context, page, log } = await openPage(browser, site.origin, {
        ...options,
        colorScheme: 'light',
      });
      try {
        await enforceCsp(page);
        await page.goto(`${site.url}digits.html${hash}`);
        let boxesMid = null;
        if (hash === '#speed=2') {
          await page.waitForFunction(
            () => Number(document.getElementById('epoch').dataset.value) >= 3,
            null,
            { timeout: 30_000 },
          );
          boxesMid = await layoutBoxes(page);
        }
        await waitForState(page);
        if (boxesMid)
          assert.deepEqual(await layoutBoxes(page), boxesMid, 'layout changed during training');
        assert.equal((await dataset(page)).state, 'done');
        assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
        // The map's range eases for a few frames after the last one: let it settle.
        await page.waitForTimeout(400);
        console.log(`screenshot ${await screenshot(page, `${name}-light`)}`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForTimeout(400);
        console.log(`screenshot ${await screenshot(page, `${name}-dark`)}`);
        assertCleanLog(log);
      } finally {
        await context.close();
      }
    });
  }
});
