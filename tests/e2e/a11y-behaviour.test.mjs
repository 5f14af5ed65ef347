// What a screen reader and a keyboard get on the '4' page: sliders that say their value in
// words, live regions that speak milestones (started, paused, done) and not every frame, and
// focus that stays put after "Snap" and "New seed".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser } from './harness.mjs';
import { recordLiveRegions, waitForState } from './page-helpers.mjs';

describe('index.html for screen readers and keyboards', () => {
  const env = useBrowser();

  /** Opens `path` (index.html`hash` by default) recording every text change of its live regions in window.__live. */
  async function open(hash = '', path = 'index.html') {
    const session = await env.open({ viewport: { width: 1280, height: 900 } });
    await recordLiveRegions(session.page);
    await session.page.goto(`${env.site.url}${path}${hash}`);
    return session;
  }

  test("live regions speak a run's milestones, not its frames", async () => {
    const { context, page } = await open('#epochs=2000&speed=5');
    try {
      await page.waitForFunction(
        () => Number(document.getElementById('epoch').dataset.value) >= 200,
      );
      await page.click('#play'); // pause
      await waitForState(page, ['paused']);
      await page.click('#play');
      await waitForState(page);
      const live = await page.evaluate(() => window.__live);
      // Hundreds of frames went by: started, paused, started again, a milestone every 500
      // epochs, done, and a note or two.
      const milestones = live.filter((t) => t.startsWith('run-announce: Epoch'));
      assert.deepEqual(
        milestones.map((t) => t.replace(/: loss \d\.\d{3}e-?\d+\.$/, '')),
        [
          'run-announce: Epoch 500 of 2,000',
          'run-announce: Epoch 1,000 of 2,000',
          'run-announce: Epoch 1,500 of 2,000',
        ],
        live.join('\n'),
      );
      assert.ok(
        live.length - milestones.length <= 6,
        `${live.length} live-region changes:\n${live.join('\n')}`,
      );
      assert.equal(
        live.filter((t) => t.startsWith('run-announce: Paused')).length,
        1,
        live.join('\n'),
      );
      assert.match(live.at(-1), /^run-announce: Done: 2,000 epochs/, live.join('\n'));
      assert.deepEqual(
        live.filter((t) => t.startsWith('status:')),
        [],
        'the status line is shown, not spoken',
      );
    } finally {
      await context.close();
    }
  });

  test('the digits page: meters are not live regions, milestones are spoken once', async () => {
    const { context, page } = await open('#epochs=120', 'digits.html');
    try {
      await page.waitForFunction(
        () => Number(document.getElementById('epoch').dataset.value) >= 30,
        null,
        { timeout: 60_000 },
      );
      await page.click('#play'); // pause
      await waitForState(page, ['paused']);
      await page.click('#play');
      await waitForState(page);
      await page.waitForTimeout(500); // a note decided after the run settles lands here
      const live = await page.evaluate(() => window.__live);
      // The data set once, then the one voice: started, paused, started again, the verdict
      // when the autoencoder passes PCA, done.
      assert.ok(live.length <= 7, `${live.length} live-region changes:\n${live.join('\n')}`);
      const spoken = live.filter((t) => t.startsWith('announce:'));
      assert.ok(spoken.length <= 5, spoken.join('\n'));
      assert.match(spoken[0], /^announce: Training seed 2/);
      assert.ok(
        spoken.some((t) => t.startsWith('announce: Paused at epoch')),
        live.join('\n'),
      );
      assert.match(spoken.at(-1), /^announce: Training done\. Test error: /);
      // A dead-unit verdict is not announced and then withdrawn, and the meters are silent.
      assert.deepEqual(
        live.filter((t) => !/^(announce|data-summary):/.test(t)),
        [],
        live.join('\n'),
      );
    } finally {
      await context.close();
    }
  });

  test('the full element: one status for its milestones, meters silent', async () => {
    const { context, page } = await open('', 'tests/e2e/blog/two-full.html');
    try {
      await page.waitForFunction(
        () =>
          ['done', 'error'].includes(document.getElementById('narrow').dataset.state) &&
          ['done', 'error'].includes(document.getElementById('wide').dataset.state),
        null,
        { timeout: 60_000 },
      );
      const live = await page.evaluate(() => window.__live);
      // Two elements, each: started, done, perhaps a note: no frame-by-frame meter.
      assert.ok(live.length <= 10, `${live.length} live-region changes:\n${live.join('\n')}`);
      assert.equal(
        live.filter((t) => /^(epoch|loss|slider-value)/.test(t)).length,
        0,
        live.join('\n'),
      );
    } finally {
      await context.close();
    }
  });

  test('sliders say their value in words', async () => {
    const { context, page } = await open();
    try {
      await waitForState(page);
      assert.equal(await page.getAttribute('#speed', 'aria-valuetext'), '5 steps per frame');
      await page.focus('#speed');
      await page.keyboard.press('End');
      assert.equal(await page.getAttribute('#speed', 'aria-valuetext'), 'as fast as possible');
      await page.keyboard.press('Home');
      assert.equal(await page.getAttribute('#speed', 'aria-valuetext'), '1 step per frame');
      const text = await page.getAttribute('#latent-sliders-z1', 'aria-valuetext');
      const shown = await page.textContent('#latent-sliders .slider-value');
      assert.equal(text, `unit 1: ${shown}`);
    } finally {
      await context.close();
    }
  });

  test('focus stays on "New seed" and on "Snap" after they act', async () => {
    const { context, page } = await open();
    try {
      await waitForState(page);
      await page.focus('#new-seed');
      await page.keyboard.press('Enter');
      await waitForState(page, ['training', 'done']);
      await waitForState(page);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-seed');

      // End, then Home: one of them moves the slider whatever the new seed's unit 1 holds (a dead unit sits at 0).
      await page.focus('#latent-sliders-z1');
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      await page.waitForFunction(
        () =>
          !document
            .querySelector('#latent-sliders .snap')
            .matches('[aria-disabled="true"], :disabled'),
      );
      await page.focus('#latent-sliders .snap');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() =>
        document
          .querySelector('#latent-sliders .snap')
          .matches('[aria-disabled="true"], :disabled'),
      );
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'snap');
    } finally {
      await context.close();
    }
  });
});
