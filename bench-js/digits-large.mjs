#!/usr/bin/env node
// The digits mode on a 100,000-row CSV (issue 14), in headless Chromium: how long the file takes
// to load (file chosen -> "100,000 images" on the page), the main thread's long tasks (> 50 ms,
// PerformanceObserver 'longtask') while it loads and while it trains at full speed, how often
// the latent map is redrawn and how often new codes arrive, the share of the main thread busy,
// and the training speed (the worker's train_step rate, and epochs x training images over wall
// time, which counts everything else a frame does). Then, still training, the map zoomed in
// until the images replace the dots: each redraw's time and how many images it drew, and
// decode at the pointer over empty space: the median from pointer move to pixels. The machine's
// load average is printed with them. Figures, not pass/fail. Then data-page.mjs's table: the
// page on MNIST, Quick, Draw! and a 100,000 x 784 CSV.
//
//   node bench-js/digits-large.mjs [--rows=100000] [--seconds=8]   (npm run bench runs it last)
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { noisyDigitsCsv } from '../scripts/digits.mjs';
import { startServer } from '../scripts/serve.mjs';
import { benchDataPage, openPage } from './data-page.mjs';

const option = (name, fallback) => {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : Number(arg.split('=')[1]);
};
const ROWS = option('rows', 100_000);
const SECONDS = option('seconds', 8);

// The page's own record of its long tasks, map redraws and updates (data-page.mjs instrument):
// window.__dp, with draws as [time, points, ms, images] and updates as [time, step].
const stamps = (rows) => rows.map((r) => r[0]);

const within = (stamps, t0, t1) => stamps.filter((t) => t >= t0 && t < t1).length;
const tasksWithin = (tasks, t0, t1) => tasks.filter((t) => t.start >= t0 && t.start < t1);
const summarise = (tasks) =>
  tasks.length
    ? `${tasks.length} (longest ${Math.max(...tasks.map((t) => t.ms)).toFixed(0)} ms)`
    : '0';

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};

/**
 * Zoomed in on the training map until it draws images: the redraws' median and worst time and
 * the images per redraw over `seconds`; then `moves` pointer moves over empty space, and the
 * decode card's median latency.
 */
async function zoomed(page, seconds, moves = 60) {
  const map = page.locator('#ae-map');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let k = 0; k < 12; k++) await page.mouse.wheel(0, -100);
  await page.waitForFunction(() => Number(document.getElementById('ae-map').dataset.images) > 0);
  const from = await page.evaluate(() => window.__dp.draws.length);
  await page.waitForTimeout(seconds * 1000);
  const seen = await page.evaluate(() => window.__dp);
  const ms = seen.draws.slice(from).map((d) => d[2]);
  await page.dblclick('#ae-map', { position: { x: 5, y: 5 } });
  // The plot's top-left corner (46, 10 px in) lies in the range's margin: no dot there.
  for (let k = 0; k < moves; k++) {
    await page.mouse.move(box.x + 52 + (k % 20), box.y + 16 + (k % 3));
    await page.waitForTimeout(25);
  }
  const card = await page.evaluate(() => ({ ...document.getElementById('decode-card').dataset }));
  return {
    redraws: ms.length,
    drawMs: median(ms),
    worstMs: Math.max(...ms),
    images: median(seen.draws.slice(from).map((d) => d[3])),
    decodeMs: Number(card.latencyMs),
    workMs: Number(card.workMs),
    answers: Number(card.shown),
  };
}

async function measure(page, cdp, csv) {
  const now = () => page.evaluate(() => performance.now());
  const nTrain = ROWS - Math.ceil(ROWS * 0.2);
  await page.setInputFiles('#csv-file', {
    name: 'large.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.waitForFunction(
    (n) =>
      document.body.dataset.n === String(n) &&
      document
        .getElementById('data-summary')
        .textContent.includes(`${n.toLocaleString('en-US')} images`),
    ROWS,
    { timeout: 60_000, polling: 'raf' },
  );
  const t1 = await now();
  const t0 = await page.evaluate(() => window.__dp.chosen);
  // Training on the new data: from its first frame on the map, for SECONDS.
  await page.waitForFunction(
    (n) =>
      document.getElementById('ae-map').dataset.points === String(n) &&
      Number(document.getElementById('epoch').dataset.value) >= 1,
    ROWS,
    { timeout: 60_000 },
  );
  const epoch = () => page.evaluate(() => Number(document.getElementById('epoch').dataset.value));
  const busy = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const [t2, e2, b2] = [await now(), await epoch(), await busy()];
  await page.waitForTimeout(SECONDS * 1000);
  const [t3, e3, b3] = [await now(), await epoch(), await busy()];
  const seen = await page.evaluate(() => window.__dp);
  const draws = stamps(seen.draws);
  const rate = await page.evaluate(() => document.getElementById('rate').textContent);
  const sec = (t3 - t2) / 1000;
  return {
    loadMs: t1 - t0,
    // Up to the first trained frame on the new data: the maps drawn for it are part of loading.
    loadTasks: tasksWithin(seen.longTasks, t0, t2),
    trainTasks: tasksWithin(seen.longTasks, t2, t3),
    drawsPerSec: within(draws, t2, t3) / sec,
    drawMs: median(seen.draws.filter(([t]) => t >= t2 && t < t3).map((d) => d[2])),
    framesPerSec: within(stamps(seen.steps), t2, t3) / sec,
    busyShare: (b3 - b2) / sec,
    coreRate: rate,
    wallRate: ((e3 - e2) * nTrain) / sec,
    zoom: await zoomed(page, 4),
  };
}

const csv = noisyDigitsCsv(ROWS);
const root = fileURLToPath(new URL('..', import.meta.url));
const { server, url } = await startServer({ port: 0, root });
const browser = await launchChromium();
try {
  const { context, page, errors } = await openPage(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(new URL('digits.html#speed=max&epochs=10000', url).href);
  await page.waitForFunction(() => document.body.dataset.state === 'training', null, {
    timeout: 60_000,
  });
  const r = await measure(page, cdp, csv);
  const mb = (Buffer.byteLength(csv) / 1024 / 1024).toFixed(1);
  const rows = [
    ['rows (CSV size)', `${ROWS.toLocaleString('en-US')} (${mb} MB)`],
    ['load: file chosen -> "N images" shown', `${(r.loadMs / 1000).toFixed(2)} s`],
    ['long tasks > 50 ms loading, to the first frame', summarise(r.loadTasks)],
    [`long tasks > 50 ms in ${SECONDS} s of training`, summarise(r.trainTasks)],
    ['frames of new codes per second', r.framesPerSec.toFixed(1)],
    ['map redraws per second (every point)', r.drawsPerSec.toFixed(1)],
    ['a redraw of the whole map, median', `${r.drawMs.toFixed(1)} ms`],
    ['main thread busy while training', `${(r.busyShare * 100).toFixed(0)}%`],
    ['training, train_step rate (page meter)', r.coreRate],
    ['training, epochs x train images / wall', `${(r.wallRate / 1e6).toFixed(2)} M samples/s`],
    [
      'zoomed in, images: redraw median / worst',
      `${r.zoom.drawMs.toFixed(1)} / ${r.zoom.worstMs.toFixed(1)} ms (${r.zoom.redraws} redraws, ${r.zoom.images} images each)`,
    ],
    [
      'decode at pointer: move -> pixels, median',
      `${r.zoom.decodeMs.toFixed(1)} ms (${r.zoom.workMs.toFixed(2)} ms decoding and drawing; ${r.zoom.answers} drawn, training)`,
    ],
    ['load average (1 min) during the run', os.loadavg()[0].toFixed(1)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(
    `\nDigits mode, ${ROWS.toLocaleString('en-US')} rows, speed max, Chromium ${browser.version()}`,
  );
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  if (errors.length) console.log(`  page reported: ${errors.join(' | ')}`);
  await context.close();
  // Issue 27's targets: MNIST, Quick, Draw! and a 100,000 x 784 CSV (data-page.mjs).
  await benchDataPage(browser, url, { seconds: SECONDS });
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}
