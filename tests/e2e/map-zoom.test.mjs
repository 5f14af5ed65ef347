// End to end, the latent map read closely and run backwards (issue 27), on one page of the
// digits: the wheel zooms about the pointer (the axes' range narrows around it, every point is
// still drawn; at the whole map the wheel scrolls the page); past the zoom level the items are drawn as their
// images (black-backed 8x8 pictures on the canvas, where dots leave none); pointing at empty
// space decodes that point, and the picture is the core's own `decode` of that code (the same
// run trained in Node, to the bit), the code being the point on units 1 and 2 with the other
// units at the data's mean; the arrow keys walk a cursor from image to image and the polite
// readout names each, once per key press; two fingers pinch and one pans on a touch screen; a
// zoomed view stays zoomed while the run goes on.
// Screenshots, light and dark, zoomed out and in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';
import { DEFAULTS } from '../../www/digits/config.js';
import path from 'node:path';
import { launchBrowser, openPage, RESULTS_DIR, startSite } from './harness.mjs';
import { assertCleanLog, waitForState } from './page-helpers.mjs';

const EPOCHS = 100;
const TEST = 360;
const PAD = { left: 46, top: 10, right: 10, bottom: 34 }; // scatter.js's margins

let site;
let browser;
let page;
let context;
let log;
before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  ({ context, page, log } = await openPage(browser, site.origin, {
    viewport: { width: 1280, height: 1000 },
  }));
  await page.addInitScript(defineReadBack);
  await page.goto(`${site.url}digits.html#epochs=${EPOCHS}&axes=1-2`);
  await waitForState(page, ['done']);
  await page.locator('#ae-map').scrollIntoViewIfNeeded();
  await settled();
});
after(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** The page's run, in Node: the same seed, split and epochs; the model and every image's code. */
async function coreRun() {
  const core = await loadBuild('simd');
  const { pixels, n } = loadDigits();
  const order = Array.from(core.split_indices(n, TEST, 0));
  const train = new Float32Array((n - TEST) * 64);
  order.slice(TEST).forEach((i, k) => train.set(pixels.subarray(i * 64, i * 64 + 64), k * 64));
  const ae = new core.Autoencoder(DEFAULTS.seed);
  ae.set_data(train);
  const perEpoch = Math.ceil(train.length / 64 / 32);
  for (let e = 0; e < EPOCHS; e++) ae.train_step(perEpoch);
  return { ae, codes: ae.encode(pixels), n };
}

/** The map's box, as it looks, in test-results/NAME.png. */
const shot = (name) =>
  page
    .locator('.map-box')
    .first()
    .screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });

const dataset = (sel) => page.evaluate((s) => ({ ...document.querySelector(s).dataset }), sel);
const range = async () => (await dataset('#ae-map')).range.split(' ').map(Number);

/** Once the map's range has stopped gliding (it eases on to the last frame's points). */
async function settled() {
  let last = null;
  for (let k = 0; k < 40; k++) {
    const now = (await dataset('#ae-map')).range;
    if (now && now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
  throw new Error('the map kept moving');
}

/** Pixels of the map's plot area that are pure black: an image's background, never a dot's. */
function blackPixels() {
  return page.evaluate((pad) => {
    const canvas = document.getElementById('ae-map');
    const scale = canvas.width / canvas.clientWidth;
    const x0 = Math.ceil((pad.left + 2) * scale);
    const y0 = Math.ceil((pad.top + 2) * scale);
    const w = Math.floor(canvas.width - x0 - (pad.right + 2) * scale);
    const h = Math.floor(canvas.height - y0 - (pad.bottom + 2) * scale);
    const data = window.readBack(canvas).getImageData(x0, y0, w, h).data;
    let black = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0 && data[i + 3] === 255) black++;
    return black;
  }, PAD);
}

/** An init script: window.readBack(canvas), a copy of it to read pixels from (no GPU readback warnings). */
function defineReadBack() {
  window.readBack = (canvas) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, 0, 0);
    return ctx;
  };
}

/**
 * Points of the plot (CSS px in the canvas) with nothing drawn within 12 px (transparent pixels
 * only: dots, pictures and lines are opaque), far apart: where the pointer is over no dot.
 */
function emptySpots() {
  return page.evaluate((pad) => {
    const canvas = document.getElementById('ae-map');
    const scale = canvas.width / canvas.clientWidth;
    const data = window.readBack(canvas).getImageData(0, 0, canvas.width, canvas.height).data;
    const clear = (x, y) => {
      for (let dy = -12; dy <= 12; dy++)
        for (let dx = -12; dx <= 12; dx++) {
          const px = Math.round((x + dx) * scale);
          const py = Math.round((y + dy) * scale);
          if (data[4 * (py * canvas.width + px) + 3] !== 0) return false;
        }
      return true;
    };
    const spots = [];
    for (let y = pad.top + 14; y < canvas.clientHeight - pad.bottom - 14; y += 8)
      for (let x = pad.left + 14; x < canvas.clientWidth - pad.right - 14; x += 8)
        if (clear(x, y) && spots.every(([sx, sy]) => Math.hypot(sx - x, sy - y) > 60))
          spots.push([x, y]);
    return spots.slice(0, 3);
  }, PAD);
}

test('zoom narrows the range about the pointer, keeps every point, and images replace dots', async () => {
  await settled();
  const whole = await range();
  assert.equal((await dataset('#ae-map')).points, '1797');
  assert.equal(await blackPixels(), 0);
  await shot('map-zoomed-out-light');
  const box = await page.locator('#ae-map').boundingBox();
  // The pointer at 40% across the plot and 40% down: that point of the map stays under it.
  const fx = 0.4;
  const fy = 0.4;
  const px = box.x + PAD.left + fx * (box.width - PAD.left - PAD.right);
  const py = box.y + PAD.top + fy * (box.height - PAD.top - PAD.bottom);
  const under = [whole[0] + fx * (whole[1] - whole[0]), whole[3] - fy * (whole[3] - whole[2])];
  await page.mouse.move(px, py);
  for (let k = 0; k < 6; k++) await page.mouse.wheel(0, -100);
  await page.waitForFunction(() => Number(document.getElementById('ae-map').dataset.zoom) > 2.5);
  await page.waitForTimeout(200);
  const zoomed = await range();
  const zoom = Number((await dataset('#ae-map')).zoom);
  assert.ok(Math.abs((whole[1] - whole[0]) / (zoomed[1] - zoomed[0]) - zoom) < 0.01 * zoom);
  const at = [zoomed[0] + fx * (zoomed[1] - zoomed[0]), zoomed[3] - fy * (zoomed[3] - zoomed[2])];
  for (const k of [0, 1]) assert.ok(Math.abs(at[k] - under[k]) < 2e-3 * (whole[1] - whole[0]));
  assert.equal((await dataset('#ae-map')).points, '1797');

  // Deeper: pictures, fetched from the engine, drawn in place of dots (black 8x8 backgrounds).
  for (let k = 0; k < 4; k++) await page.mouse.wheel(0, -100);
  await page.waitForFunction(() => Number(document.getElementById('ae-map').dataset.images) > 20);
  assert.ok((await blackPixels()) > 2000);
  await page.mouse.move(box.x + 2, box.y + 2); // away, so no card hides the pictures
  await shot('map-zoomed-in-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await shot('map-zoomed-in-dark');

  // A drag pans (the range moves by the drag, its width kept); a double click shows everything.
  const before = await range();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const panned = await range();
  assert.ok(panned[0] < before[0]);
  assert.ok(Math.abs(panned[1] - panned[0] - (before[1] - before[0])) < 1e-3);
  await page.dblclick('#ae-map', { position: { x: 5, y: 5 } });
  await page.waitForFunction(() => document.getElementById('ae-map').dataset.zoom === '1.00');
  assert.equal(await blackPixels(), 0);
  await shot('map-zoomed-out-dark');
  // At the whole map, a wheel turned out scrolls the page, as over anything else.
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 100);
  await page.waitForFunction((y) => window.scrollY > y, scrolled);
  assert.equal((await dataset('#ae-map')).zoom, '1.00');
  await page.locator('#ae-map').scrollIntoViewIfNeeded();
  await page.emulateMedia({ colorScheme: 'light' });
});

test('pointing at empty space decodes that point: the core decode of the plane code', async (t) => {
  const { ae, codes, n } = await coreRun();
  // The other units at their mean over the data set, as the page's plane holds them.
  const mean = [2, 3].map((k) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += codes[i * 4 + k];
    return Math.fround(s / n);
  });
  const box = await page.locator('#ae-map').boundingBox();
  const spots = await emptySpots();
  assert.ok(spots.length >= 3);
  const seen = [];
  for (const [x, y] of spots) {
    const answers = Number((await dataset('#decode-card')).shown ?? 0);
    await page.mouse.move(box.x + x, box.y + y);
    await page.waitForFunction(
      (a) => Number(document.getElementById('decode-card').dataset.shown ?? 0) > a,
      answers,
    );
    const card = await dataset('#decode-card');
    const point = JSON.parse(card.point);
    const code = JSON.parse(card.code);
    const values = JSON.parse((await dataset('#decode-card canvas')).values);
    assert.deepEqual(code, [Math.fround(point[0]), Math.fround(point[1]), ...mean]);
    assert.deepEqual(values, Array.from(ae.decode(Float32Array.from(code))));
    assert.equal(await page.isVisible('#decode-card'), true);
    assert.match(
      await page.textContent('#decode-card'),
      /^decoded from \(-?\d+\.\d\d, -?\d+\.\d\d\)/,
    );
    seen.push(values);
  }
  assert.notDeepEqual(seen[0], seen[1]);
  assert.notDeepEqual(seen[1], seen[2]);
  await shot('map-decode-light');
  await page.mouse.move(box.x + spots[0][0], box.y + spots[0][1]); // the view may have scrolled
  // Moves about an empty spot: what the median from move to pixels is (printed, not asserted).
  for (let k = 0; k < 40; k++) {
    await page.mouse.move(box.x + spots[0][0] + (k % 10) - 5, box.y + spots[0][1]);
    await page.waitForTimeout(20);
  }
  const { latencyMs, workMs } = await dataset('#decode-card');
  t.diagnostic(`decode at pointer: median ${latencyMs} ms from the move, ${workMs} ms of it ours`);
  await page.mouse.move(box.x + 2, box.y + 2);
  ae.free();
});

test('the arrow keys walk from image to image, each said once, and Escape leaves', async () => {
  await page.evaluate(() => {
    window.__said = [];
    const readout = document.getElementById('map-readout');
    new MutationObserver(() => window.__said.push(readout.textContent)).observe(readout, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await page.focus('#ae-map');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  const said = await page.evaluate(() => window.__said);
  assert.equal(said.length, 2);
  for (const line of said) assert.match(line, /Image #\d+, digit \d \((test|train)\), at \(/);
  // The hover card shows the cursor's image.
  const index = said[1].match(/#(\d+)/)[1];
  await page.waitForFunction((i) => document.getElementById('ae-card').dataset.index === i, index);
  // Shift+arrow leaves the images for a point, decoded as under the pointer.
  await page.keyboard.press('Shift+ArrowLeft');
  await page.waitForFunction(() => !document.getElementById('decode-card').hidden);
  await page.keyboard.press('Escape');
  const all = await page.evaluate(() => window.__said);
  assert.equal(all.length, 4);
  assert.match(all[2], /decoded from \(/);
  assert.equal(all[3], 'Left the cursor.');
  assert.equal(await page.isHidden('#decode-card'), true);
});

test('touch: two fingers pinch about their midpoint, one pans a zoomed map; unzoomed, a finger still scrolls the page (touch-action)', async () => {
  await page.click('#zoom-reset');
  await settled();
  const whole = await range();
  assert.equal((await dataset('#ae-map')).zoom, '1.00');
  const touchAction = () => page.$eval('#ae-map', (c) => c.style.touchAction);
  assert.equal(await touchAction(), 'pan-x pan-y');
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map(([x, y], id) => ({ x, y, id })),
    });
  const box = await page.locator('#ae-map').boundingBox();
  const cx = box.x + PAD.left + 0.5 * (box.width - PAD.left - PAD.right);
  const cy = box.y + PAD.top + 0.5 * (box.height - PAD.top - PAD.bottom);
  // Fingers 40 px apart spread to 120: three times closer, about their midpoint.
  await touch('touchStart', [
    [cx - 20, cy],
    [cx + 20, cy],
  ]);
  for (let s = 1; s <= 8; s++)
    await touch('touchMove', [
      [cx - 20 - 5 * s, cy],
      [cx + 20 + 5 * s, cy],
    ]);
  await touch('touchEnd', []);
  const zoom = Number((await dataset('#ae-map')).zoom);
  assert.ok(Math.abs(zoom - 3) < 0.05, `zoom ${zoom}`);
  const pinched = await range();
  const mid = (r) => [(r[0] + r[1]) / 2, (r[2] + r[3]) / 2];
  for (const k of [0, 1])
    assert.ok(Math.abs(mid(pinched)[k] - mid(whole)[k]) < 0.01 * (whole[1] - whole[0]));
  assert.equal(await touchAction(), 'none');
  // One finger 60 px to the right: the map follows it, its width kept.
  await touch('touchStart', [[cx, cy]]);
  for (let s = 1; s <= 6; s++) await touch('touchMove', [[cx + 10 * s, cy]]);
  await touch('touchEnd', []);
  const panned = await range();
  assert.ok(panned[0] < pinched[0]);
  assert.ok(Math.abs(panned[1] - panned[0] - (pinched[1] - pinched[0])) < 1e-3);
  await cdp.detach();
  await page.click('#zoom-reset');
  assert.equal(await touchAction(), 'pan-x pan-y');
});

test('a zoomed view survives the frames of a run going on', async () => {
  await page.click('#zoom-reset');
  for (let k = 0; k < 4; k++) await page.click('#zoom-in');
  const zoom = (await dataset('#ae-map')).zoom;
  assert.ok(Number(zoom) > 4);
  await page.evaluate(() => {
    window.__redraws = 0;
    new MutationObserver(() => (window.__redraws += 1)).observe(document.getElementById('ae-map'), {
      attributes: true,
      attributeFilter: ['data-points'],
    });
  });
  // More epochs: the run goes on, and each frame brings the map's points anew.
  await page.fill('#epochs', String(EPOCHS + 40));
  await page.press('#epochs', 'Enter');
  await page.waitForFunction(
    (e) => Number(document.getElementById('epoch').dataset.value) >= e && window.__redraws >= 5,
    EPOCHS + 20,
  );
  assert.equal((await dataset('#ae-map')).zoom, zoom);
  assert.ok(Number((await dataset('#ae-map')).images) > 0);
  assertCleanLog(log);
});
