// <tiny-autoencoder>'s script API, in a post under the strict CSP (tests/e2e/blog/scripted.html):
// play/pause/step/reset, the epoch/loss/state/seed properties and the statechange/epoch/done
// events, on the compact figure and on the full explorer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { enforceCsp, useBrowser } from './harness.mjs';
import { assertCleanLog, coreRun, TRAINING_TIMEOUT_MS } from './page-helpers.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';

const env = useBrowser();
let session;
before(async () => {
  session = await env.open();
  await enforceCsp(session.page);
  await session.page.addInitScript(() => {
    window.__events = [];
    for (const type of ['statechange', 'epoch', 'done']) {
      document.addEventListener(
        type,
        (e) => window.__events.push({ id: e.target.id, type, detail: e.detail }),
        true,
      );
    }
  });
  await session.page.goto(`${env.site.url}tests/e2e/blog/scripted.html`);
});
env.cleanup = async () => {
  // The figures may still be fetching through the CSP route: let those go quietly.
  await session?.page.unrouteAll({ behavior: 'ignoreErrors' });
};

/** Waits until the element `id` has `epoch` (when given) and `state` (when given). */
const waitFor = (page, id, { epoch, state }) =>
  page.waitForFunction(
    ({ id, epoch, state }) => {
      const el = document.getElementById(id);
      return (
        (epoch === undefined || el.epoch === epoch) &&
        (state === undefined || el.state === state) &&
        el.loss !== null
      );
    },
    { id, epoch, state },
    { timeout: TRAINING_TIMEOUT_MS },
  );

test("scrolling to the paragraph steps the figure to epoch 200 and leaves it paused, at the core's loss", async () => {
  const { page } = session;
  await page.locator('#at-200').scrollIntoViewIfNeeded();
  await waitFor(page, 'fig', { epoch: 200, state: 'paused' });
  const fig = await page.evaluate(() => {
    const el = document.getElementById('fig');
    return { epoch: el.epoch, loss: el.loss, state: el.state, seed: el.seed };
  });
  assert.deepEqual(fig, {
    epoch: 200,
    loss: (await coreRun({ seed: 78, input: DIGIT_FOUR, epochs: 200 })).loss,
    state: 'paused',
    seed: 78,
  });
  const events = await page.evaluate(() => window.__events.filter((e) => e.id === 'fig'));
  assert.ok(
    events.some((e) => e.type === 'statechange' && e.detail.state === 'paused'),
    'a statechange to paused',
  );
  const last = events.filter((e) => e.type === 'epoch').at(-1);
  assert.equal(last?.detail.epoch, 200, 'the last epoch event says 200');
});

test('play() runs the figure to the end: one done event with the final loss; reset() starts over', async () => {
  const { page } = session;
  // It trains only while near the viewport: the reader is looking at it.
  await page.locator('#fig').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('fig').play());
  await waitFor(page, 'fig', { state: 'done' });
  const done = await page.evaluate(() =>
    window.__events.filter((e) => e.id === 'fig' && e.type === 'done'),
  );
  assert.equal(done.length, 1);
  assert.equal(done[0].detail.epoch, 1000);
  assert.equal(done[0].detail.loss, (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss);
  // Epoch events are throttled to animation frames: far fewer than the frames of training.
  const epochs = await page.evaluate(
    () => window.__events.filter((e) => e.id === 'fig' && e.type === 'epoch').length,
  );
  assert.ok(epochs >= 2 && epochs < 1000, `${epochs} epoch events`);

  await page.evaluate(() => document.getElementById('fig').reset());
  await waitFor(page, 'fig', { epoch: 0, state: 'paused' });
  await page.evaluate(() => document.getElementById('fig').step(5));
  await waitFor(page, 'fig', { epoch: 5 });
  assert.equal(
    await page.evaluate(() => document.getElementById('fig').loss),
    (await coreRun({ seed: 78, input: DIGIT_FOUR, epochs: 5 })).loss,
  );
});

test('bad arguments throw a RangeError naming what is accepted; read-only properties stay put', async () => {
  const { page } = session;
  const result = await page.evaluate(() => {
    const el = document.getElementById('fig');
    const errors = [0, 1.5, -2, '3', 200_000].map((n) => {
      try {
        el.step(n);
        return null;
      } catch (err) {
        return `${err.name}: ${err.message}`;
      }
    });
    const before = el.epoch;
    try {
      el.epoch = 999;
    } catch {
      // a getter-only property throws in strict code; either way it must not change
    }
    return { errors, epoch: el.epoch, before };
  });
  for (const message of result.errors)
    assert.match(message ?? '', /^RangeError: .*steps must be a whole number from 1 to 100,000/);
  assert.equal(result.epoch, result.before);
});

test('the full explorer takes the same calls: step(3) then play() to the end', async () => {
  const { page, log } = session;
  await page.locator('#full').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('full').step(3));
  await waitFor(page, 'full', { epoch: 3, state: 'paused' });
  assert.equal(
    await page.evaluate(() => document.getElementById('full').loss),
    (await coreRun({ seed: 7, input: DIGIT_FOUR, epochs: 3 })).loss,
  );
  await page.evaluate(() => document.getElementById('full').play());
  await waitFor(page, 'full', { state: 'done' });
  assert.equal(await page.evaluate(() => document.getElementById('full').epoch), 1000);
  assertCleanLog(log);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
});

test('prefers-reduced-motion: the autoplayed figure is shown finished at once, and Replay animates it', async () => {
  const { page, context } = await env.open({ reducedMotion: 'reduce' });
  try {
    await page.addInitScript(() => {
      window.__epochs = 0;
      document.addEventListener('epoch', (e) => e.target.id === 'calm' && window.__epochs++, true);
    });
    await page.goto(`${env.site.url}tests/e2e/blog/scripted.html`);
    await page.locator('#calm').scrollIntoViewIfNeeded();
    // The explorer above then loads its markup and pushes the figure out of view, where it
    // waits (on a busy machine before it is done): once the explorer is up, look again.
    await page.waitForFunction(() =>
      ['paused', 'training', 'done'].includes(document.getElementById('full').dataset.state),
    );
    await page.locator('#calm').scrollIntoViewIfNeeded();
    await waitFor(page, 'calm', { epoch: 1000, state: 'done' });
    // At 5 steps a frame the run would take 200 frames; computed at full speed it takes a few.
    const frames = await page.evaluate(() => window.__epochs);
    assert.ok(frames < 50, `${frames} epoch events`);
    assert.equal(
      await page.evaluate(() => document.getElementById('calm').loss),
      (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss,
    );
    // The explorer above may have grown meanwhile: look at the figure again, then replay it.
    await page.locator('#calm').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('calm').play());
    await waitFor(page, 'calm', { state: 'training' });
    await page.waitForFunction(() => document.getElementById('calm').epoch > 0);
    const epoch = await page.evaluate(() => document.getElementById('calm').epoch);
    assert.ok(epoch < 1000, `the replay is paced: epoch ${epoch}`);
  } finally {
    await context.close();
  }
});

test('controls="..." shows only the named controls, in both layouts; an unknown name is refused by name', async () => {
  const { page } = session;
  await page.locator('#focused').scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    document.getElementById('focused').shadowRoot.querySelector('#play'),
  );
  const shown = await page.evaluate(() => {
    const visible = (root, sel) =>
      [...root.querySelectorAll(sel)].filter((el) => el.checkVisibility()).length;
    const compact = document.getElementById('only-play').shadowRoot;
    const full = document.getElementById('focused').shadowRoot;
    return {
      compact: {
        play: visible(compact, '.tae-play'),
        meters: visible(compact, '.tae-meter'),
        progress: visible(compact, '.tae-progress'),
      },
      full: {
        play: visible(full, '#play'),
        seed: visible(full, '#seed'),
        newSeed: visible(full, '#new-seed'),
        step: visible(full, '#step'),
        lr: visible(full, '#lr'),
        chart: visible(full, '.chart-panel'),
        weights: visible(full, '#download'),
        image: visible(full, '#reconstruction'),
      },
      typo: document.getElementById('typo').dataset.error,
    };
  });
  assert.deepEqual(shown.compact, { play: 1, meters: 0, progress: 0 });
  assert.deepEqual(shown.full, {
    play: 1,
    seed: 1,
    newSeed: 1,
    step: 0,
    lr: 0,
    chart: 0,
    weights: 0,
    image: 1,
  });
  assert.match(shown.typo, /controls: must be a list of play, step, seed, .*got "sed"/);
});
