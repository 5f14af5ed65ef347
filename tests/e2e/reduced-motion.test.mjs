// prefers-reduced-motion: reduce on the '4' page and in <tiny-autoencoder panels="full"> (the
// compact figure's is in element-api.test.mjs): the autoplayed run is computed at full speed and
// shown finished, to the core's loss, in a few frames where the chosen speed would take 200;
// Replay then trains at that speed, watched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { enforceCsp, useBrowser } from './harness.mjs';
import { assertCleanLog, coreRun, TRAINING_TIMEOUT_MS } from './page-helpers.mjs';

const env = useBrowser();

// Counts the changes of the epoch shown by `selector` (in the light DOM or a shadow root), from
// the start: each is one frame of the run drawn.
function countEpochFrames(page, host, selector) {
  return page.addInitScript(
    ({ host, selector }) => {
      window.__frames = 0;
      let last = null;
      const watch = () => {
        const root = host ? document.querySelector(host)?.shadowRoot : document;
        const epoch = root?.querySelector(selector)?.dataset.value;
        if (epoch !== undefined && epoch !== last && epoch !== '0') window.__frames++;
        last = epoch ?? last;
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    },
    { host, selector },
  );
}

/** The '4' page or the full element (`host`): finished at once, then a watched Replay. */
async function stillThenReplay(page, host) {
  const root = host ? `${host} ` : '';
  const state = () =>
    page.evaluate(
      (host) => (host ? document.querySelector(host) : document.body).dataset.state,
      host,
    );
  await page.waitForFunction(
    (host) => (host ? document.querySelector(host) : document.body).dataset.state === 'done',
    host,
    { timeout: TRAINING_TIMEOUT_MS },
  );
  const frames = await page.evaluate(() => window.__frames);
  // At 5 steps a frame the 1000 epochs would take 200 frames.
  assert.ok(frames < 50, `${frames} frames drawn`);
  assert.equal(
    Number(await page.locator(`${root}#loss`).getAttribute('data-value')),
    (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss,
  );
  assert.equal(
    await page.locator(`${root}#speed-value`).textContent(),
    '5 steps / frame',
    'the chosen speed stays',
  );
  await page.locator(`${root}#play`).click();
  await page.waitForFunction((host) => {
    const el = (host ? document.querySelector(host).shadowRoot : document).querySelector('#epoch');
    return Number(el.dataset.value) > 0;
  }, host);
  const epoch = Number(await page.locator(`${root}#epoch`).getAttribute('data-value'));
  assert.ok(epoch < 1000, `the replay is paced: epoch ${epoch}`);
  assert.equal(await state(), 'training');
}

test('the 4 page: the first run is shown finished, and Replay is watched', async () => {
  const { context, page, log } = await env.open({ reducedMotion: 'reduce' });
  try {
    await countEpochFrames(page, null, '#epoch');
    await page.goto(`${env.site.url}index.html`);
    await stillThenReplay(page, null);
    assertCleanLog(log);
  } finally {
    await context.close();
  }
});

test('<tiny-autoencoder panels="full" autoplay>, under the strict CSP: the same', async () => {
  const { context, page, log } = await env.open({ reducedMotion: 'reduce' });
  try {
    await enforceCsp(page);
    await countEpochFrames(page, '#still', '#epoch');
    await page.goto(`${env.site.url}tests/e2e/blog/scripted.html`);
    await page.evaluate(() => {
      const still = Object.assign(document.createElement('tiny-autoencoder'), { id: 'still' });
      for (const [name, value] of [
        ['panels', 'full'],
        ['seed', '78'],
        ['autoplay', ''],
      ])
        still.setAttribute(name, value);
      document.body.prepend(still);
    });
    await stillThenReplay(page, '#still');
    assertCleanLog(log);
  } finally {
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
});
