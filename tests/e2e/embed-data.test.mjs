// End to end, the data page's figures in a post (issue 27, "In a post": tests/e2e/blog/data.html,
// hostile CSS, served under the strict CSP): <tiny-autoencoder panels="map" data="digits">
// trains on the 1797 digits and draws every one on its map, answers hover (the image's card)
// and the pointer over empty space (the decoder's picture of that point), and takes the
// element's calls and sends its events; panels="generate" trains the VAE and its Generate
// draws eight new digits; none starts, nor fetches anything, before it nears the screen; a
// data set on the compact view, an unknown one, a 28x28 set for the generator and attributes
// the map does not take are refused in place, by name. One page for the whole story.
// Screenshots of both figures, light and dark.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { enforceCsp, launchBrowser, openPage, RESULTS_DIR, startSite } from './harness.mjs';
import { assertCleanLog } from './page-helpers.mjs';

let site;
let browser;
let context;
let page;
let log;
const requests = [];

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  ({ context, page, log } = await openPage(browser, site.origin, {
    viewport: { width: 900, height: 900 },
    colorScheme: 'light',
  }));
  await enforceCsp(page);
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  // The map's events, heard from the start.
  await page.addInitScript(() => {
    window.__events = [];
    document.addEventListener('DOMContentLoaded', () => {
      const map = document.getElementById('map');
      for (const type of ['statechange', 'epoch', 'done'])
        map.addEventListener(type, (e) => window.__events.push({ type, ...e.detail }));
    });
  });
  await page.goto(`${site.url}tests/e2e/blog/data.html`);
});
after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** Element `host`'s data-* attributes. */
const published = (host) => page.evaluate((h) => ({ ...document.getElementById(h).dataset }), host);
/** The data-* attributes of `selector` inside element `host`'s shadow root. */
const inside = (host, selector) =>
  page.evaluate(
    ([h, s]) => ({ ...document.getElementById(h).shadowRoot.querySelector(s).dataset }),
    [host, selector],
  );
const waitFor = (fn, arg, timeout = 30_000) => page.waitForFunction(fn, arg, { timeout });
/** The map's canvas box, as it looks, in test-results/NAME.png. */
const shot = (host, name) =>
  page.locator(`#${host}`).screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });

/**
 * Points of the map's plot (CSS px in the canvas) where a dot is drawn (`dot`: an opaque,
 * coloured pixel) or where nothing is drawn within 12 px (transparent only), a few, far apart.
 */
function spots(dot) {
  return page.evaluate((dot) => {
    const canvas = document.getElementById('map').shadowRoot.getElementById('ae-map');
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const scale = canvas.width / canvas.clientWidth;
    const at = (x, y) => 4 * (Math.round(y * scale) * copy.width + Math.round(x * scale));
    const coloured = (i) =>
      data[i + 3] === 255 &&
      Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) >
        80;
    const clear = (x, y) => {
      for (let dy = -12; dy <= 12; dy++)
        for (let dx = -12; dx <= 12; dx++) if (data[at(x + dx, y + dy) + 3] !== 0) return false;
      return true;
    };
    const found = [];
    // Inside the plot (scatter.js's margins: 46 left, 10 top, 10 right, 34 bottom).
    for (let y = 30; y < canvas.clientHeight - 50; y += 6)
      for (let x = 66; x < canvas.clientWidth - 30; x += 6)
        if (
          (dot ? coloured(at(x, y)) : clear(x, y)) &&
          found.every(([a, b]) => Math.hypot(a - x, b - y) > 60)
        )
          found.push([x, y]);
    return found.slice(0, 3);
  }, dot);
}

/** The map's pixel at [x, y] (CSS px in the canvas): [r, g, b, a]. */
function pixelAt([x, y]) {
  return page.evaluate(
    ([x, y]) => {
      const canvas = document.getElementById('map').shadowRoot.getElementById('ae-map');
      const scale = canvas.width / canvas.clientWidth;
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [canvas.width, canvas.height];
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(canvas, 0, 0);
      return [...ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data];
    },
    [x, y],
  );
}

test('panels="map": trains on the digits and draws every one, with its events', async () => {
  await waitFor(() => Number(document.getElementById('map').dataset.epoch) >= 10);
  const map = await published('map');
  assert.equal(map.n, '1797');
  assert.equal(map.latent, '4');
  assert.equal(map.seed, '2');
  assert.ok(Number(map.loss) > 0 && Number(map.loss) < 0.1, `loss ${map.loss}`);
  await waitFor(() => {
    const canvas = document.getElementById('map').shadowRoot.getElementById('ae-map');
    return canvas.dataset.points === '1797';
  });
  const events = await page.evaluate(() => window.__events);
  const states = events.filter((e) => e.type === 'statechange').map((e) => e.state);
  assert.deepEqual(states.slice(0, 2), ['loading', 'training']);
  assert.ok(events.some((e) => e.type === 'epoch' && e.epoch > 0));
  // The element's calls: pause, step, reset (paused at epoch 0), play.
  await page.evaluate(() => document.getElementById('map').pause());
  await waitFor(() => document.getElementById('map').state === 'paused');
  const at = Number((await published('map')).epoch);
  await page.evaluate(() => document.getElementById('map').step(3));
  await waitFor((e) => document.getElementById('map').epoch === e + 3, at);
  await page.evaluate(() => document.getElementById('map').reset());
  await waitFor(
    () =>
      document.getElementById('map').dataset.run === '2' &&
      document.getElementById('map').state === 'paused',
  );
  assert.equal((await published('map')).epoch, '0');
  await page.evaluate(() => document.getElementById('map').play());
  await waitFor(() => document.getElementById('map').epoch >= 2);
});

test('panels="map": hover shows the image, the pointer over empty space decodes that point, the theme recolours', async () => {
  // Paused, and the map still (it eases on to a frame's points): dots stay where they are seen.
  await page.evaluate(() => document.getElementById('map').pause());
  let range = null;
  for (let k = 0; k < 40 && range !== (range = (await inside('map', '#ae-map')).range); k++)
    await page.waitForTimeout(200);
  const box = await page.locator('#map >> #ae-map').boundingBox();
  const [dot] = await spots(true);
  assert.ok(dot, 'a dot on the map');
  await page.mouse.move(box.x + dot[0], box.y + dot[1]);
  await waitFor(() => {
    const card = document.getElementById('map').shadowRoot.getElementById('ae-card');
    return card && !card.hidden && card.dataset.index !== undefined;
  });
  assert.match(
    await page.locator('#map >> #ae-card').textContent(),
    /Image #\d+, digit \d \((test|train)\)/,
  );
  const empty = await spots(false);
  assert.ok(empty.length >= 2, 'empty space on the map');
  const seen = [];
  for (const [x, y] of empty.slice(0, 2)) {
    const shown = Number((await inside('map', '#decode-card')).shown ?? 0);
    await page.mouse.move(box.x + x, box.y + y);
    await waitFor(
      (n) =>
        Number(
          document.getElementById('map').shadowRoot.getElementById('decode-card').dataset.shown ??
            0,
        ) > n,
      shown,
    );
    const card = await inside('map', '#decode-card');
    assert.equal(JSON.parse(card.code).length, 4);
    const values = JSON.parse((await inside('map', '#decode-card canvas')).values);
    assert.equal(values.length, 64);
    assert.ok(values.every((v) => v >= 0 && v <= 1));
    assert.match(await page.locator('#map >> #decode-card').textContent(), /^decoded from \(/);
    seen.push(values);
  }
  assert.notDeepEqual(seen[0], seen[1]);
  await page.mouse.move(box.x - 20, box.y - 20);
  await shot('map', 'embed-data-map-light');
  // theme="dark" on the tag: the paused map draws the same dot in the dark palette at once.
  const light = await pixelAt(dot);
  await page.evaluate(() => document.getElementById('map').setAttribute('theme', 'dark'));
  await page.waitForTimeout(100);
  const dark = await pixelAt(dot);
  assert.notDeepEqual(dark, light);
  await page.evaluate(() => document.getElementById('map').removeAttribute('theme'));
  await page.waitForTimeout(100);
  assert.deepEqual(await pixelAt(dot), light);
});

test('panels="generate": starts only near the screen, trains, and Generate draws new digits', async () => {
  // Far below the fold: not started, and the digits fetched once, for the map.
  assert.equal((await published('gen')).state, 'idle');
  assert.equal((await published('bad-extra')).state, 'idle');
  const fetched = () => requests.filter((p) => p === '/data/digits.csv.gz').length;
  assert.equal(fetched(), 1);
  await page.locator('#gen').scrollIntoViewIfNeeded();
  await waitFor(() => document.getElementById('gen').epoch >= 20);
  await page.locator('#gen >> #vae-generate').click();
  await waitFor(() => {
    const strip = document.getElementById('gen').shadowRoot.getElementById('vae-samples');
    return JSON.parse(strip.dataset.values ?? '[]').length === 8 * 64;
  });
  assert.equal(fetched(), 2);
  assert.ok(Number((await published('gen')).loss) > 0);
  const values = JSON.parse((await inside('gen', '#vae-samples')).values);
  assert.ok(values.every((v) => v >= 0 && v <= 1));
  assert.ok(Math.max(...values) - Math.min(...values) > 0.5, 'digits, not a blank');
  await shot('gen', 'embed-data-generate-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await shot('gen', 'embed-data-generate-dark');
  await page.locator('#map').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await shot('map', 'embed-data-map-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('bad attributes are refused in place, each by name, with what is accepted', async () => {
  const said = async (id) => {
    const { state, error } = await published(id);
    assert.equal(state, 'error', id);
    const shown = await page.evaluate(
      (h) => document.getElementById(h).shadowRoot.querySelector('.tae-status.error').textContent,
      id,
    );
    assert.equal(shown, error, id);
    return error;
  };
  // A bad value, at once, wherever the tag is.
  assert.equal(
    await said('bad-compact'),
    'tiny-autoencoder data: only panels="map" and panels="generate" take a data set, not "compact"',
  );
  assert.equal(
    await said('bad-data'),
    'tiny-autoencoder data: must be one of digits, mnist, quickdraw, got "cifar"',
  );
  // What a figure does not take, once it nears the screen and its module knows.
  await page.locator('#bad-extra').scrollIntoViewIfNeeded();
  await waitFor(() => document.getElementById('bad-extra').state === 'error');
  assert.equal(
    await said('bad-generate'),
    'tiny-autoencoder: data: panels="generate" trains on the 8x8 digits only, got "quickdraw"',
  );
  assert.equal(
    await said('bad-extra'),
    'tiny-autoencoder: preset: panels="map" takes only data, seed, autoplay, height, theme; ' +
      'controls: panels="map" takes only data, seed, autoplay, height, theme',
  );
});

test('under the strict CSP, from its own files only, with nothing logged', async () => {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assertCleanLog(log);
  // The map no one scrolled to fetched nothing: not its module's data, not the drawings.
  assert.equal((await published('far')).state, 'idle');
  assert.ok(!requests.some((p) => p.endsWith('/quickdraw.bin.gz')));
});
