// End to end, the network view: its tiles are the weights the core reports (the same run in
// Node, to the bit), a knock-out changes the reconstruction and not the weights or the
// training, the keyboard reaches and toggles every unit, and the main thread's time per frame
// while it trains at the default speed, measured with the Long Animation Frames API and printed;
// at the largest network the editor offers no main-thread task takes over 50 ms and Pause
// holds at once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { denseLayout } from '../../www/core/architecture.js';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { openPage, screenshot, useBrowser } from './harness.mjs';
import {
  assertCleanLog,
  coreRun,
  drawnValues,
  showNetwork,
  waitForState,
} from './page-helpers.mjs';

// The largest network the editor offers: 3 hidden layers of 64 a side, 16 latent units.
const LARGEST = 'enc=64-64-64&latent=16&dec=64-64-64';

/** The median and 95th percentile of `values`, and its largest. */
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) };
}

const tileValues = (page, layer) =>
  page.evaluate(
    (layer) =>
      [...document.querySelectorAll(`.net-tile[data-layer="${layer}"] .net-face`)].map((c) =>
        JSON.parse(c.dataset.values),
      ),
    layer,
  );

describe('the network view', () => {
  const env = useBrowser();

  test("tiles are the core's weights; a knock-out changes the picture, not the weights", async () => {
    const { context, page, log } = await env.open({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${env.site.url}index.html#speed=max`);
    await waitForState(page, ['done']);
    await showNetwork(page);
    const { weights } = await coreRun({ seed: 78, input: DIGIT_FOUR });
    const [first, , , last] = denseLayout([64, 16, 4, 16, 64]);
    const incoming = await tileValues(page, 1);
    assert.equal(incoming.length, 16);
    incoming.forEach((values, u) =>
      assert.deepEqual(
        values,
        values.map((_, p) => weights[first.kernel + p * 16 + u]),
        `unit ${u + 1} looks for`,
      ),
    );
    const outgoing = await tileValues(page, 3);
    outgoing.forEach((values, u) =>
      assert.deepEqual(
        values,
        weights.slice(last.kernel + u * 64, last.kernel + (u + 1) * 64),
        `unit ${u + 1} paints`,
      ),
    );

    const recon = await drawnValues(page, 'reconstruction');
    const loss = await page.evaluate(() => document.body.dataset.loss);
    await page.click('.net-tile[data-layer="2"][data-unit="0"]');
    await page.waitForFunction(
      (before) => document.getElementById('reconstruction').dataset.values !== before,
      JSON.stringify(recon),
    );
    assert.notDeepEqual(
      await drawnValues(page, 'reconstruction'),
      recon,
      'the reconstruction without latent unit 1',
    );
    assert.match(
      await page.locator('.net-off').textContent(),
      /^Knocked out of the picture: latent unit 1\. Training loss without it: /,
    );
    assert.equal(
      await page.evaluate(() => document.body.dataset.loss),
      loss,
      "the training loss is the model's",
    );
    assert.deepEqual(await tileValues(page, 1), incoming, 'no weight moved');
    assert.equal(
      Number(
        await page.getAttribute('.net-tile[data-layer="2"][data-unit="0"]', 'data-activation'),
      ),
      0,
      'held at 0',
    );

    // The keyboard: one tab stop, arrows move, Enter restores the unit.
    await page.focus('.net-tile[data-layer="2"][data-unit="0"]');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.unit), '1');
    assert.match(
      await page.locator('.net-info').textContent(),
      /^Latent, unit 2: activation [\d.]+, bias [−+][\d.]+; strongest incoming weights: unit \d+ /,
    );
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (before) => document.getElementById('reconstruction').dataset.values === before,
      JSON.stringify(recon),
    );
    assert.equal(await page.locator('.net-off').textContent(), '');
    assertCleanLog(log);
    await context.close();
  });

  test("a knock-out reads: the losses at the toolbar's precision, its lines fade, the reconstruction says so; a tap reads a unit", async () => {
    const { context, page, log } = await env.open({
      viewport: { width: 1200, height: 900 },
      hasTouch: true,
    });
    await page.goto(`${env.site.url}index.html#speed=max`);
    await waitForState(page, ['done']);
    await showNetwork(page);
    const inked = () =>
      page.evaluate(() => {
        // Read from a copy: repeated reads of the page's own canvas make Chromium warn.
        const canvas = document.querySelector('.net-links');
        const copy = Object.assign(document.createElement('canvas'), {
          width: canvas.width,
          height: canvas.height,
        });
        copy.getContext('2d').drawImage(canvas, 0, 0);
        const { data } = copy.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) n += data[i] > 0 ? 1 : 0;
        return n;
      });
    await page.locator('.net-panel').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('.net-links').dataset.lines);
    const drawn = await page.evaluate(() =>
      Number(document.querySelector('.net-links').dataset.lines),
    );
    const lines = await inked();
    // A tap (a finger has no hover) reads the unit; the button under the view knocks it out.
    await page.tap('.net-tile[data-layer="1"][data-unit="0"]');
    assert.equal(
      await page.getAttribute('.net-tile[data-layer="1"][data-unit="0"]', 'aria-pressed'),
      'false',
      'a tap does not knock out',
    );
    assert.match(
      await page.locator('.net-info').textContent(),
      /^Encoder layer 1, unit 1: activation /,
    );
    assert.equal(
      await page.locator('.net-knock').textContent(),
      'Knock out encoder layer 1 unit 1',
    );
    await page.click('.net-knock');
    assert.equal(
      await page.getAttribute('.net-tile[data-layer="1"][data-unit="0"]', 'aria-pressed'),
      'true',
    );
    assert.equal(await page.locator('.net-knock').textContent(), 'Restore encoder layer 1 unit 1');
    await page.waitForFunction(() => document.querySelector('.net-off').textContent !== '');
    const toolbar = await page.locator('#loss').textContent();
    assert.match(
      await page.locator('.net-off').textContent(),
      new RegExp(
        `^Knocked out of the picture: encoder layer 1 unit 1\\. Training loss without it: \\d\\.\\d{3}e[-+]?\\d+, with: ${toolbar.replace(/[.+-]/g, '\\$&')}\\.`,
      ),
    );
    assert.equal(
      await page.locator('figure:has(#reconstruction) figcaption').textContent(),
      'Reconstructed 8x8 image, with one unit knocked out',
    );
    const faded = await inked();
    assert.ok(
      faded < lines,
      `its 4 lines out and 16 in are gone: ${lines} inked pixels, then ${faded}`,
    );
    const left = await page.evaluate(() =>
      Number(document.querySelector('.net-links').dataset.lines),
    );
    assert.ok(left < drawn, `${drawn} lines drawn, then ${left}`);
    // The link records the knock-out, and opening it knocks the same unit out of the same run.
    await page.waitForFunction(() => location.hash.endsWith('&off=1.1'));
    const linked = await context.newPage();
    await linked.goto(page.url());
    await linked.waitForFunction(
      () =>
        document
          .querySelector('.net-tile[data-layer="1"][data-unit="0"]')
          ?.getAttribute('aria-pressed') === 'true',
    );
    assert.equal(
      await linked.evaluate(
        () => document.querySelectorAll('.net-tile[aria-pressed="true"]').length,
      ),
      1,
    );
    await page.click('.net-knock');
    assert.equal(
      await page.locator('figure:has(#reconstruction) figcaption').textContent(),
      'Reconstructed 8x8 image',
    );
    await page.waitForFunction(() => !location.hash.includes('off='));
    assertCleanLog(log);
    await context.close();
  });

  test('on a 360 px phone the widest network fits: layers stacked, every tile on screen, arrows cross layers', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, log } = await openPage(env.browser, env.site.origin, {
        viewport: { width: 360, height: 800 },
        isMobile: true,
        hasTouch: true,
        colorScheme,
      });
      await page.goto(`${env.site.url}index.html#speed=max&enc=64-64-64&latent=16&dec=64-64-64`);
      await waitForState(page, ['done'], { timeout: 60_000 });
      await showNetwork(page);
      const fit = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        tiles: document.querySelectorAll('.net-tile').length,
        offScreen: [...document.querySelectorAll('.net-tile')].filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < 0 || r.right > window.innerWidth;
        }).length,
      }));
      assert.deepEqual(fit, { overflow: 0, tiles: 6 * 64 + 16, offScreen: 0 });
      // Stacked layers: Down goes to the next layer, Right to the next unit.
      await page.focus('.net-tile[data-layer="1"][data-unit="0"]');
      await page.keyboard.press('ArrowRight');
      assert.deepEqual(
        await page
          .evaluate(() => ({ ...document.activeElement.dataset }))
          .then(({ layer, unit }) => [layer, unit]),
        ['1', '1'],
      );
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.layer), '2');
      await screenshot(page, `network-phone-wide-${colorScheme}`);
      assertCleanLog(log);
      await context.close();
    }
  });

  test('the largest network the editor offers: no main-thread task over 50 ms, Pause holds at once', async () => {
    const { context, page, log } = await env.open({ viewport: { width: 1200, height: 900 } });
    await page.addInitScript(() => {
      // The browser's long tasks (wall time), every animation frame with the epoch it showed,
      // and when the Pause press was made and when the page took it.
      window.__long = [];
      new PerformanceObserver((list) =>
        window.__long.push(...list.getEntries().map((e) => e.duration)),
      ).observe({ type: 'longtask' });
      window.__frames = [];
      const tick = (t) => {
        window.__frames.push({ t, epoch: document.getElementById('epoch')?.dataset.value });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      document.addEventListener(
        'pointerdown',
        (e) => {
          if (e.target.closest?.('#play'))
            window.__press = { at: e.timeStamp, taken: performance.now() };
        },
        true,
      );
    });
    await page.goto(`${env.site.url}index.html#${LARGEST}`);
    await waitForState(page, ['training']);
    // The view on screen, its worst case: every tile and line painted.
    await showNetwork(page);
    const from = Number(await page.evaluate(() => document.getElementById('epoch').dataset.value));
    // The main thread's tasks, with their CPU time: on a shared machine a task's wall time also
    // counts the waits for a core, which are not the page's work.
    await env.browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
    await page.evaluate(() => (window.__long = []));
    await page.waitForFunction(
      (from) => Number(document.getElementById('epoch').dataset.value) >= from + 250,
      from,
      { timeout: 60_000 },
    );
    const { traceEvents } = JSON.parse((await env.browser.stopTracing()).toString());
    const mains = new Set(
      traceEvents
        .filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain')
        .map((e) => `${e.pid}.${e.tid}`),
    );
    const tasks = traceEvents
      .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}.${e.tid}`))
      .map((e) => e.tdur / 1000);
    const long = await page.evaluate(() => window.__long);
    const gaps = await page.evaluate(() =>
      window.__frames
        .slice(-120)
        .map((f, i, all) => (i ? f.t - all[i - 1].t : 0))
        .slice(1),
    );
    const cpu = spread(tasks);
    const frame = spread(gaps);
    console.log(
      `${LARGEST}: ${tasks.length} main-thread tasks, CPU median ${cpu.median.toFixed(2)} ms, max ${cpu.max.toFixed(1)} ms; ` +
        `frame gaps median ${frame.median.toFixed(1)} ms, p95 ${frame.p95.toFixed(1)} ms; long tasks (wall): ${long.map((d) => d.toFixed(0)).join(', ') || 'none'}`,
    );
    assert.ok(tasks.length > 100, `${tasks.length} tasks traced`);
    assert.ok(cpu.max < 50, `a main-thread task took ${cpu.max.toFixed(1)} ms of CPU`);

    // Pause: the epoch moves on in at most one more frame (the stretch already asked of the worker).
    await page.click('#play');
    await page.waitForFunction(
      () =>
        window.__press && window.__frames.filter((f) => f.t > window.__press.taken).length >= 10,
    );
    const pause = await page.evaluate(() => {
      const after = window.__frames.filter((f) => f.t > window.__press.taken);
      return {
        state: document.body.dataset.state,
        waited: window.__frames.filter((f) => f.t > window.__press.at && f.t < window.__press.taken)
          .length,
        moved: after.filter((f, i) => i > 0 && f.epoch !== after[i - 1].epoch).length,
        ms: window.__press.taken - window.__press.at,
      };
    });
    console.log(
      `Pause taken ${pause.ms.toFixed(0)} ms after the press, ${pause.waited} frames drawn meanwhile; the epoch moved in ${pause.moved} frames after`,
    );
    assert.equal(pause.state, 'paused');
    assert.ok(pause.waited <= 1, `${pause.waited} frames were drawn before the press was taken`);
    assert.ok(pause.moved <= 1, `the epoch moved in ${pause.moved} frames after Pause`);
    assertCleanLog(log);
    await context.close();
  });

  test('main-thread time per frame at the default speed, classic and deep (printed)', async () => {
    for (const hash of ['', '#enc=32-16&dec=16-32']) {
      const { context, page, log } = await env.open({ viewport: { width: 1200, height: 900 } });
      await page.addInitScript(() => {
        window.__frames = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__frames.push(e.duration);
        }).observe({ type: 'long-animation-frame', buffered: true });
        // Every animation frame's callbacks, timed: LoAF reports only frames over 50 ms.
        const raf = window.requestAnimationFrame.bind(window);
        window.__work = [];
        window.requestAnimationFrame = (cb) =>
          raf((t) => {
            const start = performance.now();
            cb(t);
            window.__work.push(performance.now() - start);
          });
      });
      await page.goto(`${env.site.url}index.html${hash}`);
      await waitForState(page, ['done']);
      const { work, long } = await page.evaluate(() => ({
        work: window.__work,
        long: window.__frames,
      }));
      const sorted = [...work].sort((a, b) => a - b);
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      console.log(
        `frame work ${hash || 'classic'}: ${work.length} frames, median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms; long animation frames (> 50 ms): ${long.length}`,
      );
      // Figures, not a timed assertion (machines are noisy): the run drew frame after frame.
      assert.ok(work.length > 10, `${work.length} animation frames ran callbacks`);
      assertCleanLog(log);
      await context.close();
    }
  });
});
