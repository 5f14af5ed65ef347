// The data page on 28x28 data (issue 27's targets), in headless Chromium: MNIST and Quick, Draw!
// chosen in the picker, and CSVs made here (MNIST's digits, each copy shifted by a pixel and
// lightly noised, values 0..255 and a label column): 100,000 rows of 784 columns (~183 MB: the
// page refuses it, and the table says with what words) and 20,000 (~37 MB; the core takes at
// most 21,399 rows of 784 values in one call). For each, on a fresh page that trained the 8x8
// digits first: the time from the choice (the select's or the file input's change event) to
// the data set named (body data-n) and to the first map of it drawn with every point; then,
// training at the data set's default speed: the page's training rate (body data-step x batch
// over wall time) against the core's own rate for the same network in the same Chromium (a page
// that does nothing but train_step on as many rows), the maps of new codes a second, every
// point drawn (body data-maps), and all redraws of the map (the range glides between two), the longest main-thread task while loading and while training (PerformanceObserver
// 'longtask'), and decode at the pointer, move to pixels, median. Figures, not pass/fail: what
// one run saw, with the load average.
//
//   node bench-js/data-page.mjs [--seconds=8] [--sets=mnist,quickdraw,csv,csv20k] [--root=DIR]
//   (bench-js/digits-large.mjs runs it after its own table: benchDataPage)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/serve.mjs';
import { decodeDataset } from '../www/data/load-dataset.js';

const BATCH = 32;
const CSV_ROWS = 100_000;
// The default network the page picks for 28x28 images (digits/config.js DATA_SETS).
const NET = { encoder: [64], latent: 2, decoder: [64], latent_activation: 'linear', input: 784 };

/**
 * An init script (page.addInitScript) for the data page: in window.__dp, every long task, every
 * redraw of the latent map ([time, points, its data-draw-ms, its data-images]), every change of
 * the model's updates (body data-step: [time, step]) and of the data set (body data-n: time),
 * and the last change event (a file or a data set chosen: `chosen`), stamped by performance.now().
 */
export function instrument() {
  const seen = { longTasks: [], draws: [], steps: [], named: [], maps: [], chosen: null };
  window.__dp = seen;
  // The change event is when the page gets the choice; before it, the driver is still handing
  // a file over (its own long task, not the page's).
  document.addEventListener('change', () => (seen.chosen = performance.now()), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const { dataset } = r.target;
      if (r.target.id === 'ae-map')
        seen.draws.push([
          t,
          Number(dataset.points),
          Number(dataset.drawMs),
          Number(dataset.images),
        ]);
      else if (r.attributeName === 'data-step' && Number(dataset.step) !== seen.steps.at(-1)?.[1])
        seen.steps.push([t, Number(dataset.step)]);
      else if (r.attributeName === 'data-n') seen.named.push(t);
      else if (r.attributeName === 'data-maps') seen.maps.push(t);
    }
  }).observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ['data-points', 'data-step', 'data-n', 'data-maps'],
  });
}

const longest = (tasks, t0, t1) =>
  Math.max(0, ...tasks.filter((t) => t.start >= t0 && t.start < t1).map((t) => t.ms));

/** A CSV of `rows` 28x28 images (0..255, MNIST's shifted and noised) and a label, on disk. */
export function wideCsv(mnist, rows, file) {
  let s = 1;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const lines = ['label,' + Array.from({ length: 784 }, (_, i) => `p${i}`).join(',')];
  const cells = new Array(785);
  for (let r = 0; r < rows; r++) {
    const i = r % mnist.rows;
    const shift = Math.floor(r / mnist.rows) % 3; // 0, 1 or 2 pixels to the right
    cells[0] = mnist.labels[i];
    for (let p = 0; p < 784; p++) {
      const x = p % 28;
      const v = x >= shift ? mnist.pixels[i * 784 + p - shift] * 255 : 0;
      cells[p + 1] = v > 0 ? Math.min(255, Math.round(v + random() * 8)) : 0;
    }
    lines.push(cells.join(','));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The core's own rate for the page's network on `rows` rows, in a page that does only that. */
async function coreRate(browser, url, { set, rows, seconds }) {
  const page = await browser.newPage();
  try {
    await page.goto(new URL('www/data/NOTICE.md', url).href);
    return await page.evaluate(
      async ({ set, rows, net, seconds, batch }) => {
        const wasm = await import('/www/pkg/simd/tinyae.js');
        await wasm.default();
        const { loadDataset } = await import('/www/data/load-dataset.js');
        const source = set.startsWith('csv') ? null : await loadDataset(set);
        const x = new Float32Array(rows * 784);
        for (let i = 0; i < x.length; i++)
          x[i] = source ? source.pixels[i % source.pixels.length] : Math.random();
        const ae = new wasm.Autoencoder(2, net);
        ae.set_data(x);
        ae.train_step(64); // warm
        const rates = [];
        const end = performance.now() + seconds * 1000;
        while (performance.now() < end) {
          const t0 = performance.now();
          ae.train_step(100);
          rates.push((100 * batch * 1000) / (performance.now() - t0));
        }
        ae.free();
        rates.sort((a, b) => a - b);
        return rates[rates.length >> 1];
      },
      { set, rows, net: NET, seconds, batch: BATCH },
    );
  } finally {
    await page.close();
  }
}

/** Decode at the pointer over empty space while training: the card's median latency. */
async function decodeLatency(page, moves = 60) {
  const map = page.locator('#ae-map');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  // The plot's top-left corner (46, 10 px in) lies in the range's margin: no dot there.
  for (let k = 0; k < moves; k++) {
    await page.mouse.move(box.x + 52 + (k % 20), box.y + 16 + (k % 3));
    await page.waitForTimeout(25);
  }
  await page.mouse.move(0, 0);
  const card = await page.evaluate(() => ({ ...document.getElementById('decode-card').dataset }));
  return { ms: Number(card.latencyMs), shown: Number(card.shown ?? 0) };
}

/** A new page of `browser`, instrumented, that collects what the page reports as errors. */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => ['error', 'warning'].includes(msg.type()) && errors.push(msg.text()));
  await page.addInitScript(instrument);
  return { context, page, errors };
}

/** One data set on a fresh page: `choose(page)` picks it; `n` is its rows. */
async function measureSet(browser, url, { name, n, choose, seconds }) {
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(new URL('digits.html', url).href);
    await page.waitForFunction(() => document.body.dataset.state === 'training', null, {
      timeout: 60_000,
    });
    await page.waitForTimeout(500);
    await choose(page);
    // Its first map, or a refusal (the page's words for it are the figure then).
    await page.waitForFunction(
      (n) =>
        window.__dp.draws.some(([t, points]) => points === n && t > window.__dp.chosen) ||
        !document.getElementById('data-error').hidden,
      n,
      { timeout: 300_000, polling: 200 },
    );
    const refused = await page.evaluate(() => {
      const box = document.getElementById('data-error');
      return box.hidden ? null : box.textContent;
    });
    if (refused) return { name, refused, errors };
    const first = await page.evaluate(
      (n) => window.__dp.draws.find(([t, points]) => points === n && t > window.__dp.chosen)[0],
      n,
    );
    // Training: from the first update on the new data, for `seconds`.
    await page.waitForFunction(() => Number(document.body.dataset.step) > 0, null, {
      timeout: 120_000,
    });
    const t2 = await page.evaluate(() => performance.now());
    await page.waitForTimeout(seconds * 1000);
    const seen = await page.evaluate(() => window.__dp);
    const t3 = await page.evaluate(() => performance.now());
    const sec = (t3 - t2) / 1000;
    // The updates shown at each end of the window, over all of it (a frame's survey included).
    const stepAt = (t) => seen.steps.findLast(([at]) => at <= t)?.[1] ?? 0;
    const updates = stepAt(t3) - stepAt(t2);
    const draws = seen.draws.filter(([t, points]) => t >= t2 && t < t3 && points === n);
    const maps = seen.maps.filter((t) => t >= t2 && t < t3);
    const decode = await decodeLatency(page);
    return {
      name,
      firstMapMs: first - seen.chosen,
      namedMs: seen.named.find((t) => t > seen.chosen) - seen.chosen,
      pageRate: (updates * BATCH) / sec,
      mapHz: maps.length / sec,
      redrawHz: draws.length / sec,
      loadTaskMs: longest(seen.longTasks, seen.chosen, t2),
      trainTaskMs: longest(seen.longTasks, t2, t3),
      decodeMs: decode.ms,
      errors,
    };
  } finally {
    await context.close();
  }
}

const pickSet = (key) => async (page) => {
  await page.selectOption('#data-set', key);
};
const pickFile = (file) => async (page) => {
  await page.setInputFiles('#csv-file', file);
};

/**
 * Measures each of `sets` (mnist, quickdraw, csv) with `browser` on the page served at `url`;
 * prints the table and returns the rows.
 */
export async function benchDataPage(
  browser,
  url,
  { seconds = 8, sets = ['mnist', 'quickdraw', 'csv', 'csv20k'] } = {},
) {
  const mnist = await decodeDataset(
    readFileSync(new URL('../www/data/mnist.bin.gz', import.meta.url)),
    'mnist.bin.gz',
  );
  const plan = {
    mnist: { name: 'MNIST', n: 10_000, choose: pickSet('mnist') },
    quickdraw: { name: 'Quick, Draw!', n: 2_000, choose: pickSet('quickdraw') },
    csv: { name: '100,000 x 784 CSV', n: CSV_ROWS },
    // The most rows of 784 values the core takes in one call (src/data.rs MAX_CALL_VALUES).
    csv20k: { name: '20,000 x 784 CSV', n: 20_000 },
  };
  const results = [];
  for (const key of sets) {
    const set = { ...plan[key], seconds };
    if (key.startsWith('csv')) {
      const file = path.join(os.tmpdir(), `tinyae-bench-${process.pid}.csv`);
      wideCsv(mnist, set.n, file);
      Object.assign(set, { file, choose: pickFile(file) });
    }
    const load = os.loadavg()[0];
    const r = await measureSet(browser, url, set).finally(() => set.file && rmSync(set.file));
    const nTrain = set.n - Math.ceil(set.n * 0.2);
    if (!r.refused)
      r.coreRate = await coreRate(browser, url, { set: key, rows: nTrain, seconds: 4 });
    r.load = (load + os.loadavg()[0]) / 2;
    results.push(r);
    process.stderr.write(`[bench] data page ${set.name}: ${JSON.stringify(r)}\n`);
  }
  printTable(results, browser.version());
  return results;
}

function printTable(results, version) {
  const f = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '-');
  const rows = [
    ['first map after the choice', (r) => `${f(r.firstMapMs / 1000, 2)} s`],
    ['  of which: data set named', (r) => `${f(r.namedMs / 1000, 2)} s`],
    ['training rate in the page', (r) => `${f(r.pageRate / 1000, 1)}k/s`],
    ["the core's own rate (same network)", (r) => `${f(r.coreRate / 1000, 1)}k/s`],
    ['page / core', (r) => `${f((100 * r.pageRate) / r.coreRate)}%`],
    ['maps of new codes per second, every point', (r) => f(r.mapHz, 1)],
    ['  map redraws per second (new codes, gliding)', (r) => f(r.redrawHz, 1)],
    ['longest main-thread task, loading', (r) => `${f(r.loadTaskMs)} ms`],
    ['longest main-thread task, training', (r) => `${f(r.trainTaskMs)} ms`],
    ['decode at pointer, median', (r) => `${f(r.decodeMs, 1)} ms`],
    ['load average (1 min)', (r) => f(r.load, 1)],
  ];
  const head = ['', ...results.map((r) => r.name)];
  console.log(`\nThe data page on 28x28 data, Chromium ${version}`);
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const [label, cell] of rows)
    console.log(`| ${[label, ...results.map((r) => (r.refused ? '-' : cell(r)))].join(' | ')} |`);
  for (const r of results) if (r.refused) console.log(`  ${r.name}: refused: ${r.refused}`);
  for (const r of results) if (r.errors.length) console.log(`  ${r.name}: ${r.errors.join(' | ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) =>
    process.argv
      .slice(2)
      .find((a) => a.startsWith(`--${name}=`))
      ?.split('=')[1];
  const root = arg('root') ?? fileURLToPath(new URL('..', import.meta.url));
  const { server, url } = await startServer({ port: 0, root });
  const browser = await launchChromium();
  try {
    await benchDataPage(browser, url, {
      seconds: Number(arg('seconds') ?? 8),
      sets: arg('sets')?.split(',') ?? undefined,
    });
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}
