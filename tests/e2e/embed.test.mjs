// End to end, <tiny-autoencoder> in a blog post (tests/e2e/blog/post.html: hostile CSS, served
// here under the strict CSP the README promises): each embed trains its own run to the core's
// loss, the post's CSS and the embeds' never touch, a typo is reported in place, nothing is
// added to `window`, and an embed far below the fold does nothing until scrolled to and pauses
// when scrolled away or its tab is hidden.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIGIT_FOUR, DIGITS } from '../../www/core/digit.js';
import { decodeImage } from '../../www/core/urlstate.js';
import { enforceCsp, launchBrowser, openPage, screenshot, startSite } from './harness.mjs';
import {
  assertCleanLog,
  assertShows,
  cellBrightness,
  coreRun,
  TRAINING_TIMEOUT_MS,
} from './page-helpers.mjs';

/** An embed's published state (its data-* attributes), numbers as numbers. */
function embed(page, id) {
  return page.evaluate((id) => {
    const { state, error, active, build, kernels, seed, epoch, loss } =
      document.getElementById(id).dataset;
    const num = (v) => (v === undefined ? undefined : Number(v));
    return {
      state,
      error,
      active,
      build,
      kernels,
      seed: num(seed),
      epoch: num(epoch),
      loss: num(loss),
    };
  }, id);
}

/** Waits for embed `id`'s data-state to be one of `states`. */
function waitForEmbed(page, id, states = ['done', 'error']) {
  return page.waitForFunction(
    ({ id, states }) => states.includes(document.getElementById(id)?.dataset.state),
    { id, states },
    { timeout: TRAINING_TIMEOUT_MS },
  );
}

/** Waits until embed `id` has trained past epoch `epoch`. */
function waitForEpoch(page, id, epoch) {
  return page.waitForFunction(
    ({ id, epoch }) => Number(document.getElementById(id).dataset.epoch) > epoch,
    { id, epoch },
    { timeout: 10_000 },
  );
}

// What the post's own elements look like, by the computed styles that its CSS sets and ours
// might have touched; compared with the same post loaded without the embed module.
function hostStyles() {
  const props = [
    'color',
    'background-color',
    'font-family',
    'font-size',
    'font-style',
    'line-height',
    'letter-spacing',
    'text-transform',
    'margin-top',
    'padding-top',
    'border-top-style',
    'border-top-color',
    'display',
    'filter',
    'box-sizing',
  ];
  const selectors = [
    'html',
    'body',
    'h1',
    '.lede',
    'h2',
    '#lookalike',
    '#lookalike .tae-play',
    '#lookalike canvas',
    '#lookalike figure',
    '#lookalike figcaption',
  ];
  return Object.fromEntries(
    selectors.map((sel) => {
      const style = getComputedStyle(document.querySelector(sel));
      const box = sel === '#lookalike canvas' ? ` ${style.width}x${style.height}` : '';
      return [sel, props.map((p) => style.getPropertyValue(p)).join(' | ') + box];
    }),
  );
}

describe('<tiny-autoencoder> in a blog post with hostile CSS and a strict CSP', () => {
  let site;
  let browser;
  let session; // { context, page, log }: one page for the whole story, in order
  const wasmRequests = [];

  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
    session = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    });
    const { page } = session;
    await enforceCsp(page);
    await page.addInitScript(() => {
      window.__embedTest = { globals: Object.getOwnPropertyNames(window) };
    });
    page.on(
      'request',
      (req) => req.url().endsWith('.wasm') && wasmRequests.push(new URL(req.url()).pathname),
    );
    await page.goto(`${site.url}tests/e2e/blog/post.html`);
  });

  after(async () => {
    await session?.context.close();
    await browser?.close();
    await site?.close();
  });

  test("two compact embeds side by side: each renders and trains its own run to the core's loss", async () => {
    const { page } = session;
    await waitForEmbed(page, 'a');
    const a = await embed(page, 'a');
    assert.equal(a.state, 'done', `a: ${a.error}`);
    assert.equal(a.build, 'simd');
    assert.equal(a.kernels, 'simd128');
    assert.equal(a.seed, 78);
    assert.equal(a.epoch, 1000);
    assert.equal(a.loss, (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss);
    assertShows(await cellBrightness(page, 'original', 8, '#a'), DIGIT_FOUR, 'a: original');
    assertShows(
      await cellBrightness(page, 'reconstruction', 8, '#a'),
      DIGIT_FOUR,
      'a: reconstruction',
    );

    // b has no autoplay: it loaded, shows its untrained model and waits for Play.
    await waitForEmbed(page, 'b', ['paused']);
    const waiting = await embed(page, 'b');
    assert.equal(waiting.epoch, 0);
    assertShows(await cellBrightness(page, 'original', 8, '#b'), DIGITS[2], 'b: original');
    await page.locator('#b .tae-play').click();
    await waitForEmbed(page, 'b');
    const b = await embed(page, 'b');
    assert.equal(b.state, 'done', `b: ${b.error}`);
    assert.equal(b.seed, 7);
    assert.equal(b.epoch, 400);
    assert.equal(b.loss, (await coreRun({ seed: 7, input: DIGITS[2], epochs: 400 })).loss);
    assert.notEqual(b.loss, a.loss);
    // One worker per embed near the viewport: a, b and the full explorer d (not c, far below).
    assert.equal(page.workers().length, 3);
    await screenshot(page, 'embed-post');
  });

  test('panels="full" runs the page\'s explorer inside the embed, in a box of the asked height', async () => {
    const { page } = session;
    await waitForEmbed(page, 'd');
    const d = await embed(page, 'd');
    assert.equal(d.state, 'done', `d: ${d.error}`);
    const shown = await page.evaluate(() => {
      const root = document.getElementById('d').shadowRoot;
      const box = root.querySelector('.tae');
      return {
        loss: Number(root.getElementById('loss').dataset.value),
        epoch: Number(root.getElementById('epoch').dataset.value),
        presets: root.querySelectorAll('#presets .preset').length,
        sliders: root.querySelectorAll('#latent-sliders input[type=range]').length,
        intro: root.querySelectorAll('.intro, .notes').length,
        height: box.getBoundingClientRect().height,
        scrolls: box.scrollHeight > box.clientHeight,
      };
    });
    assert.equal(shown.epoch, 300);
    assert.equal(shown.loss, (await coreRun({ seed: 5, input: DIGIT_FOUR, epochs: 300 })).loss);
    assert.equal(shown.presets, 11);
    assert.equal(shown.sliders, 4);
    assert.equal(shown.intro, 0, "the page's own title and notes are left out");
    assert.equal(shown.height, 720);
    assert.ok(shown.scrolls, 'the explorer scrolls inside its 720px box');
    assertShows(
      await cellBrightness(page, 'reconstruction', 8, '#d'),
      DIGIT_FOUR,
      'd: reconstruction',
    );
  });

  test('a bad attribute is reported in the embed, naming the attribute', async () => {
    const e = await embed(session.page, 'e');
    assert.equal(e.state, 'error');
    assert.match(e.error, /^tiny-autoencoder seed: must be a whole number/);
    const text = await session.page.locator('#e .tae-status').textContent();
    assert.equal(text, e.error);
  });

  test("the post's CSS does not reach into the embeds, and theirs does not reach out", async () => {
    const { page } = session;
    const inside = await page.evaluate(() => {
      const pick = (id, sel, props) => {
        const style = getComputedStyle(document.getElementById(id).shadowRoot.querySelector(sel));
        return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
      };
      return {
        box: pick('a', '.tae', [
          'font-style',
          'font-size',
          'text-transform',
          'letter-spacing',
          'word-spacing',
          'text-align',
          'color',
          'background-color',
        ]),
        font: getComputedStyle(document.getElementById('a').shadowRoot.querySelector('.tae'))
          .fontFamily,
        button: pick('a', '.tae-play', ['background-color', 'border-top-style', 'font-size']),
        canvas: pick('a', '#original', ['display', 'width', 'height', 'filter']),
        panels: pick('a', '.tae-panels', ['display', 'background-color']),
        dark: pick('b', '.tae', ['color', 'background-color']),
      };
    });
    assert.deepEqual(inside.box, {
      'font-style': 'normal',
      'font-size': '15px',
      'text-transform': 'none',
      'letter-spacing': 'normal',
      'word-spacing': '0px',
      'text-align': 'start',
      color: 'rgb(29, 31, 35)',
      'background-color': 'rgb(255, 255, 255)',
    });
    assert.match(inside.font, /^system-ui/);
    // The post's --tae-accent is the one way in, and it works.
    assert.deepEqual(inside.button, {
      'background-color': 'rgb(194, 24, 91)',
      'border-top-style': 'solid',
      'font-size': '13.125px',
    });
    assert.deepEqual(inside.canvas, {
      display: 'block',
      width: '144px',
      height: '144px',
      filter: 'none',
    });
    assert.deepEqual(inside.panels, { display: 'flex', 'background-color': 'rgba(0, 0, 0, 0)' });
    // theme="dark" in a light page.
    assert.deepEqual(inside.dark, {
      color: 'rgb(230, 232, 235)',
      'background-color': 'rgb(27, 30, 36)',
    });

    // The same post without the embed module (its request refused): the post as its CSS made it.
    const bare = await openPage(browser, site.origin, {
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    });
    try {
      await bare.page.route('**/tiny-autoencoder.js', (route) => route.abort());
      await bare.page.goto(`${site.url}tests/e2e/blog/post.html`, { waitUntil: 'load' });
      assert.deepEqual(
        await page.evaluate(hostStyles),
        await bare.page.evaluate(hostStyles),
        "the post's own elements changed",
      );
    } finally {
      await bare.context.close();
    }
  });

  test('an embed far below the fold does nothing until scrolled to, and pauses when away', async () => {
    const { page } = session;
    const idle = await embed(page, 'c');
    assert.equal(idle.state, 'idle');
    assert.equal(idle.epoch, undefined);
    assert.equal(page.workers().length, 3, 'no worker for c yet');

    await page.locator('#c').scrollIntoViewIfNeeded();
    await waitForEmbed(page, 'c', ['training']);
    await waitForEpoch(page, 'c', 5);
    assert.equal(page.workers().length, 4);
    assertShows(
      await cellBrightness(page, 'original', 8, '#c'),
      decodeImage('3c42424242423c00'),
      'c: original',
    );

    // Scrolled away: training stops (after the tick already asked for), and resumes on return.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => document.getElementById('c').dataset.active === 'false');
    const stopped = await settledEpoch(page, 'c');
    assert.equal(
      (await embed(page, 'c')).state,
      'training',
      'still meant to train: it is waiting, not paused by the reader',
    );
    await page.locator('#c').scrollIntoViewIfNeeded();
    await waitForEpoch(page, 'c', stopped);

    // A hidden tab (emulated: headless tabs never hide): the same.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => 'hidden',
      });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForFunction(() => document.getElementById('c').dataset.active === 'false');
    const hidden = await settledEpoch(page, 'c');
    await page.evaluate(() => {
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitForEpoch(page, 'c', hidden);
  });

  test('changing an attribute restarts the embed with the new run', async () => {
    const { page } = session;
    // On screen already when the attribute changes: the new run must not wait for a scroll.
    await page.locator('#a').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('a').dataset.active === 'true');
    await page.evaluate(() => document.getElementById('a').setAttribute('seed', '5'));
    await page.waitForFunction(
      () => {
        const { seed, state } = document.getElementById('a').dataset;
        return seed === '5' && state === 'done';
      },
      null,
      { timeout: TRAINING_TIMEOUT_MS },
    );
    assert.equal(
      (await embed(page, 'a')).loss,
      (await coreRun({ seed: 5, input: DIGIT_FOUR })).loss,
    );
  });

  test('theme and learning-rate are checked, and the message says the attribute as written', async () => {
    const { page } = session;
    const state = () => page.evaluate(() => ({ ...document.getElementById('a').dataset }));
    await page.evaluate(() => document.getElementById('a').setAttribute('theme', 'purple'));
    await page.waitForFunction(() => document.getElementById('a').dataset.state === 'error');
    assert.match(
      (await state()).error,
      /^tiny-autoencoder theme: must be light or dark .*got "purple"$/,
    );
    // Mended, it comes back.
    await page.evaluate(() => document.getElementById('a').setAttribute('theme', 'dark'));
    await waitForEmbed(page, 'a', ['done', 'paused', 'training']);
    // A learning rate the model refuses is named as the attribute, not as the core's learning_rate.
    await page.evaluate(() => document.getElementById('a').setAttribute('learning-rate', '0'));
    await waitForEmbed(page, 'a', ['error']);
    const { error } = await state();
    assert.match(error, /^learning-rate: must be/);
    assert.doesNotMatch(error, /learning_rate/);
    await page.evaluate(() => {
      const a = document.getElementById('a');
      a.removeAttribute('learning-rate');
      a.removeAttribute('theme');
    });
    await waitForEmbed(page, 'a', ['done', 'paused', 'training']);
  });

  test('no console errors, no CSP violations, nothing added to window, one wasm download for all', async () => {
    const { page, log } = session;
    // Each embed has its own worker and model, but they share the compiled module of their
    // kind: the compact figures the compact build, the full ones (any network) the full build.
    assert.deepEqual([...wasmRequests].sort(), [
      '/www/pkg/compact-simd/tinyae_bg.wasm',
      '/www/pkg/simd/tinyae_bg.wasm',
    ]);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    const added = await page.evaluate(() => {
      const before = new Set(window.__embedTest.globals);
      return Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
    });
    // Only the test's own.
    assert.deepEqual(
      added.filter((name) => name !== '__embedTest'),
      [],
    );
    assertCleanLog(log);
  });
});

/** Embed `id`'s epoch once it has stopped moving (a tick in flight may land first). */
async function settledEpoch(page, id) {
  let epoch = (await embed(page, id)).epoch;
  for (;;) {
    await page.waitForTimeout(400);
    const now = (await embed(page, id)).epoch;
    if (now === epoch) return now;
    epoch = now;
  }
}
