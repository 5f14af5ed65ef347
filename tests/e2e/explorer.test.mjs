// End to end, the explorer: drawing the input (mouse, drag, keyboard, presets), the latent
// sliders, links that reproduce a run, a responsive main thread at full speed, readable
// messages for bad input, dead units, and the weights file. Every run the page finishes is
// checked against the core's own run of the same state, in Node, to the bit.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { DIGIT_FOUR, DIGITS, SIZE } from '../../www/core/digit.js';
import { DEFAULTS, encodeImage } from '../../www/core/urlstate.js';
import { N_WEIGHTS } from '../../www/classic/weights-file.js';
import { useBrowser } from './harness.mjs';
import {
  assertCleanLog,
  assertShows,
  cellBrightness,
  coreRun,
  drawnValues,
  finalState,
  published,
  waitForState,
} from './page-helpers.mjs';

/** The page's current run number (data-run). */
const runOf = (page) => page.evaluate(() => Number(document.body.dataset.run));

/** Waits for a run other than `run` to finish, and returns published(). */
async function nextRunDone(page, run) {
  await page.waitForFunction(
    (run) =>
      Number(document.body.dataset.run) !== run &&
      ['done', 'error'].includes(document.body.dataset.state),
    run,
    { timeout: 30_000 },
  );
  return published(page);
}

/** Clicks the centre of cell (row, col) of the 8x8 input grid, scrolling it into view first. */
async function clickCell(page, row, col) {
  const grid = page.locator('#original');
  const box = await grid.boundingBox();
  await grid.click({
    position: { x: ((col + 0.5) * box.width) / SIZE, y: ((row + 0.5) * box.height) / SIZE },
  });
}

/** Viewport coordinates of the centre of cell (row, col) of the input grid, scrolled into view. */
async function cellPoint(page, row, col) {
  await page.locator('#original').scrollIntoViewIfNeeded();
  const box = await page.locator('#original').boundingBox();
  return {
    x: box.x + ((col + 0.5) * box.width) / SIZE,
    y: box.y + ((row + 0.5) * box.height) / SIZE,
  };
}

describe('index.html: the explorer', () => {
  const env = useBrowser();
  let session; // { context, page, log } of the current test

  /** A fresh page at `hash`, finished; its log is checked clean when the test ends. */
  async function open(hash = '#speed=max', options = {}) {
    session = await env.open({ viewport: { width: 1280, height: 900 }, ...options });
    await session.page.goto(`${env.site.url}${hash}`);
    const result = await finalState(session.page);
    assert.equal(result.state, 'done', `page error: ${result.error}`);
    return session.page;
  }
  async function close({ clean = true } = {}) {
    const s = session;
    session = null;
    if (!s) return;
    try {
      if (clean) assertCleanLog(s.log);
    } finally {
      await s.context.close();
    }
  }

  test('clicking a pixel paints it, retrains on the new input, and the reconstruction follows', async () => {
    try {
      const page = await open();
      const run = await runOf(page);
      await clickCell(page, 0, 7);
      const input = [...DIGIT_FOUR];
      input[7] = 1;
      assert.deepEqual(await drawnValues(page, 'original'), input);
      assert.match(await page.textContent('#original-caption'), /your drawing/);

      const result = await nextRunDone(page, run);
      assert.equal(result.loss, (await coreRun({ seed: DEFAULTS.seed, input })).loss);
      assertShows(await cellBrightness(page, 'reconstruction'), input, 'reconstruction');
      await page.waitForFunction(
        (hex) => location.hash.includes(`input=${hex}`),
        encodeImage(input),
      );

      // Clicking it again erases it.
      const again = await runOf(page);
      await clickCell(page, 0, 7);
      assert.deepEqual(await drawnValues(page, 'original'), DIGIT_FOUR);
      await nextRunDone(page, again);
      assertShows(
        await cellBrightness(page, 'reconstruction'),
        DIGIT_FOUR,
        'reconstruction after erasing',
      );
    } finally {
      await close();
    }
  });

  test('dragging paints a stroke, and the keyboard paints too', async () => {
    try {
      const page = await open();
      const from = await cellPoint(page, 7, 5);
      const to = await cellPoint(page, 7, 7);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
      const painted = [...DIGIT_FOUR];
      painted[61] = painted[62] = painted[63] = 1;
      assert.deepEqual(await drawnValues(page, 'original'), painted);

      // Keyboard: the grid is focusable; arrows move a cursor and Space flips the cell under it.
      await page.focus('#original');
      for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowUp');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Space');
      const keyed = [...painted];
      keyed[4] = 1; // row 0, column 4
      assert.deepEqual(await drawnValues(page, 'original'), keyed);
      assert.match(await page.textContent('#announce'), /row 1, column 5: ink/);
      await page.keyboard.press('Delete');
      assert.deepEqual(await drawnValues(page, 'original'), painted);

      await page.waitForFunction(() => document.body.dataset.state === 'done');
      const result = await published(page);
      assert.equal(result.loss, (await coreRun({ seed: DEFAULTS.seed, input: painted })).loss);
    } finally {
      await close();
    }
  });

  test('a preset loads its glyph, and the model learns it', async () => {
    try {
      const page = await open();
      for (const digit of [7, 0]) {
        const run = await runOf(page);
        await page.click(`.preset[data-digit="${digit}"]`);
        assert.deepEqual(await drawnValues(page, 'original'), DIGITS[digit]);
        assert.equal(
          await page.textContent('#original-caption'),
          `Original 8x8 image of digit '${digit}'`,
        );
        assert.equal(
          await page.getAttribute(`.preset[data-digit="${digit}"]`, 'aria-pressed'),
          'true',
        );
        const result = await nextRunDone(page, run);
        assert.equal(
          result.loss,
          (await coreRun({ seed: DEFAULTS.seed, input: DIGITS[digit] })).loss,
        );
        assertShows(
          await cellBrightness(page, 'reconstruction'),
          DIGITS[digit],
          `reconstruction of ${digit}`,
        );
      }
    } finally {
      await close();
    }
  });

  test('the ten digit glyphs are distinct and each is learned by the default seed', async () => {
    // Legible presets: no two glyphs alike, and each reconstructs cleanly in 1000 epochs.
    const keys = new Set(DIGITS.map((g) => g.join('')));
    assert.equal(keys.size, 10);
    for (const [digit, glyph] of DIGITS.entries()) {
      const ink = glyph.filter(Boolean).length;
      assert.ok(ink >= 8 && ink <= 24, `digit ${digit} has ${ink} ink pixels`);
      const { loss } = await coreRun({ seed: DEFAULTS.seed, input: glyph });
      assert.ok(loss < 1e-3, `digit ${digit}: loss ${loss}`);
    }
  });

  test("a latent slider drives the decoder; snap returns to the input's code", async () => {
    try {
      const page = await open();
      const recon = await drawnValues(page, 'reconstruction');
      assert.deepEqual(
        await drawnValues(page, 'decoded'),
        recon,
        'sliders follow the input at first',
      );
      assert.equal(await page.isDisabled('.snap'), true);

      // Unit 1 to 0: the image loses what that unit carried.
      await page.focus('#latent-sliders-z1');
      await page.keyboard.press('Home');
      await page.waitForFunction(
        (recon) =>
          JSON.parse(document.getElementById('decoded').dataset.values).some(
            (v, i) => Math.abs(v - recon[i]) > 0.05,
          ),
        recon,
      );
      const moved = await drawnValues(page, 'decoded');
      assert.notDeepEqual(moved, recon);
      assert.deepEqual(
        await drawnValues(page, 'reconstruction'),
        recon,
        'the reconstruction itself is untouched',
      );
      assert.equal(await page.isDisabled('.snap'), false);

      await page.click('.snap');
      await page.waitForFunction(
        (recon) => document.getElementById('decoded').dataset.values === JSON.stringify(recon),
        recon,
      );
      assert.equal(await page.isDisabled('.snap'), true);
    } finally {
      await close();
    }
  });

  test('a link with state reproduces the seed, input and final loss, also after reload', async () => {
    try {
      const state = { seed: 123, input: DIGITS[7], learningRate: 0.003, epochs: 500 };
      const hash = `#seed=123&input=${encodeImage(DIGITS[7])}&lr=0.003&epochs=500&speed=max`;
      const page = await open(hash);
      const expected = await coreRun(state);
      for (const when of ['first load', 'reload']) {
        const result = await published(page);
        assert.equal(result.seed, 123, when);
        assert.equal(result.epoch, 500, when);
        assert.equal(result.loss, expected.loss, when);
        assert.deepEqual(await drawnValues(page, 'original'), DIGITS[7], when);
        assert.equal(await page.inputValue('#lr'), '0.003', when);
        assert.equal(await page.inputValue('#epochs'), '500', when);
        if (when === 'first load') {
          await page.reload();
          await finalState(page);
        }
      }

      // Editing the link by hand (or going Back) applies it without a reload.
      const run = await runOf(page);
      await page.evaluate(() => {
        location.hash = location.hash.replace('seed=123', 'seed=124');
      });
      const edited = await nextRunDone(page, run);
      assert.equal(edited.seed, 124);
      assert.equal(edited.loss, (await coreRun({ ...state, seed: 124 })).loss);
    } finally {
      await close();
    }
  });

  test('what the sender did is what the receiver of the link sees', async () => {
    let link;
    let sent;
    try {
      const page = await open();
      await page.click('.preset[data-digit="3"]');
      await clickCell(page, 7, 7);
      await page.fill('#lr', '0.002');
      await page.press('#lr', 'Enter');
      const sentInput = [...DIGITS[3]];
      sentInput[63] = 1;
      // The link is written once painting pauses: wait for it to hold the last change.
      await page.waitForFunction(
        (hex) =>
          location.hash.includes('lr=0.002') &&
          location.hash.includes(`input=${hex}`) &&
          document.body.dataset.state === 'done',
        encodeImage(sentInput),
      );
      sent = { ...(await published(page)), input: await drawnValues(page, 'original') };
      link = await page.evaluate(() => location.href);
    } finally {
      await close();
    }
    try {
      session = await env.open();
      await session.page.goto(link);
      const got = await finalState(session.page);
      assert.equal(got.seed, sent.seed);
      assert.equal(got.loss, sent.loss);
      assert.deepEqual(await drawnValues(session.page, 'original'), sent.input);
      const expectedInput = [...DIGITS[3]];
      expectedInput[63] = 1;
      assert.deepEqual(sent.input, expectedInput);
      assert.equal(
        got.loss,
        (await coreRun({ seed: sent.seed, input: expectedInput, learningRate: 0.002 })).loss,
      );
    } finally {
      await close();
    }
  });

  test('the main thread stays responsive while training at full speed', async () => {
    try {
      session = await env.open({ viewport: { width: 1280, height: 900 } });
      const { page } = session;
      // A million epochs at full speed: seconds of training in the worker.
      await page.goto(`${env.site.url}#speed=max&epochs=1000000`);
      await page.waitForFunction(
        () => Number(document.getElementById('epoch').dataset.value) > 2000,
      );
      await page.evaluate(() => {
        window.__clickDelay = null;
        document.getElementById('play').addEventListener(
          'click',
          (e) => {
            window.__clickDelay = performance.now() - e.timeStamp;
          },
          { capture: true },
        );
      });
      const before = await published(page);
      assert.equal(before.state, 'training', 'still training when the click comes');
      await page.click('#play'); // Pause
      await page.waitForFunction(() => document.body.dataset.state === 'paused', null, {
        timeout: 2000,
      });
      const delay = await page.evaluate(() => window.__clickDelay);
      // "Within a frame or two" (33 ms), with some slack for a busy shared machine.
      assert.ok(delay < 50, `the click waited ${delay} ms`);

      // Paused means paused: the chunk under way when the click came still lands (on a busy
      // machine its frame can come well after the click), then the epoch stays put.
      let paused = await published(page);
      for (let i = 0; i < 10; i++) {
        await page.waitForTimeout(300);
        const now = await published(page);
        if (now.epoch === paused.epoch) break;
        paused = now;
      }
      await page.waitForTimeout(500);
      assert.equal((await published(page)).epoch, paused.epoch, 'no training after the pause');
      assert.ok(paused.epoch > before.epoch && paused.epoch < 1_000_000);

      // Training again at full speed, the page keeps drawing frames.
      await page.click('#play');
      const gaps = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const out = [];
            let last = performance.now();
            const end = last + 500;
            const tick = (now) => {
              out.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(tick);
              else resolve(out);
            };
            requestAnimationFrame(tick);
          }),
      );
      assert.equal((await published(page)).state, 'training', 'trained throughout the measurement');
      const sorted = [...gaps].sort((a, b) => a - b);
      const p90 = sorted[Math.floor(sorted.length * 0.9)];
      console.log(
        `full speed: click handled ${delay.toFixed(1)} ms after its input event; ` +
          `${gaps.length} frames in 0.5 s, 90th percentile gap ${p90.toFixed(1)} ms`,
      );
      assert.ok(
        gaps.length >= 10,
        `only ${gaps.length} animation frames in half a second of training`,
      );
    } finally {
      await close();
    }
  });

  test('the Done line times the training itself, and a run finished by Step gives no time', async () => {
    try {
      const page = await open('#speed=max');
      const done = await page.textContent('#status');
      assert.match(done, /^Done: 1,000 epochs in \d+(\.\d)? (ms|s), seed 78/);
      assert.doesNotMatch(done, /in 0\.0+ (ms|s)/);
      await page.click('#step');
      await page.waitForFunction(
        () =>
          document.getElementById('epoch').dataset.value === '1001' &&
          document.body.dataset.state === 'done',
      );
      assert.match(await page.textContent('#status'), /^Done: 1,001 epochs, seed 78/);
    } finally {
      await close();
    }
  });

  test("on a 360 px phone nothing scrolls sideways, and a field's error never covers the status line", async () => {
    try {
      const page = await open('#speed=max', { viewport: { width: 360, height: 800 } });
      const overflow = () =>
        page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.equal(await overflow(), 0);
      const status = await page.locator('#status').boundingBox();
      for (const [id, bad] of [
        ['epochs', '0'],
        ['lr', 'fast'],
        ['seed', 'x'],
      ]) {
        await page.fill(`#${id}`, bad);
        await page.press(`#${id}`, 'Enter');
        const bubble = await page.locator(`#${id}-error`).boundingBox();
        assert.ok(
          bubble.y + bubble.height <= status.y || bubble.y >= status.y + status.height,
          `${id}'s error covers the status line`,
        );
        assert.ok(
          bubble.x >= 0 && bubble.x + bubble.width <= 360,
          `${id}'s error runs off the screen`,
        );
        assert.equal(await overflow(), 0);
      }
    } finally {
      await close();
    }
  });

  test('Enter in a field starts one run, not two', async () => {
    try {
      const page = await open('#epochs=50&speed=max');
      for (const [id, value] of [
        ['seed', '9'],
        ['lr', '0.002'],
        ['epochs', '20'],
      ]) {
        const before = await runOf(page);
        await page.fill(`#${id}`, value);
        await page.press(`#${id}`, 'Enter');
        await page.locator('#play').focus(); // and the blur after it
        await page.waitForFunction(
          (run) =>
            Number(document.body.dataset.run) !== run && document.body.dataset.state === 'done',
          before,
        );
        await page.waitForTimeout(300);
        assert.equal(await runOf(page), before + 1, `${id}: one run`);
      }
    } finally {
      await close();
    }
  });

  test('bad input in a field is explained next to it, and the model keeps working', async () => {
    try {
      const page = await open();
      const before = { ...(await published(page)), run: await runOf(page) };

      await page.fill('#lr', '0');
      await page.press('#lr', 'Enter');
      const error = page.locator('#lr-error');
      await error.waitFor({ state: 'visible' });
      assert.match(
        await error.textContent(),
        /Learning rate must be a finite number > 0 \(e\.g\. 0\.001\), got 0\. The current run carries on\./,
      );
      assert.equal(await page.getAttribute('#lr', 'aria-invalid'), 'true');
      const still = { ...(await published(page)), run: await runOf(page) };
      assert.deepEqual(still, before, 'the refused value changed nothing');

      await page.fill('#lr', 'fast');
      await page.press('#lr', 'Enter');
      assert.match(
        await error.textContent(),
        /Learning rate: must be a number such as 0\.001, got "fast"/,
      );
      await page.fill('#epochs', '0');
      await page.press('#epochs', 'Enter');
      assert.match(
        await page.textContent('#epochs-error'),
        /Epochs: must be a whole number from 1 to 1,000,000, got "0"/,
      );
      await page.fill('#seed', '-5');
      await page.press('#seed', 'Enter');
      assert.match(await page.textContent('#seed-error'), /Seed: must be a whole number/);

      // Still working: a good value clears the message and trains a new run.
      await page.fill('#lr', '0.01');
      await page.press('#lr', 'Enter');
      const result = await nextRunDone(page, before.run);
      assert.equal(result.state, 'done');
      assert.equal(await error.isVisible(), false);
      assert.equal(
        result.loss,
        (await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR, learningRate: 0.01 })).loss,
      );

      // A learning rate the model accepts but cannot train with: stopped, explained, undone.
      const run = await runOf(page);
      await page.fill('#lr', '1e20');
      await page.press('#lr', 'Enter');
      await page.waitForFunction((run) => Number(document.body.dataset.run) !== run, run);
      await error.waitFor({ state: 'visible' });
      assert.match(
        await error.textContent(),
        /Training stopped at epoch \d+: training diverged \(NaN appeared\)/,
      );
      assert.equal((await published(page)).state, 'paused');
    } finally {
      await close();
    }
  });

  test('a dead latent unit is flagged, explained, and a new seed is offered', async () => {
    try {
      // Seed 42 (the usual choice) ends its 1000 epochs on the '4' with unit 2 at exactly 0.
      const page = await open('#seed=42&speed=max');
      assert.equal((await coreRun({ seed: 42, input: DIGIT_FOUR })).code[1], 0);
      assert.equal(await page.getAttribute('#latent-sliders', 'data-dead'), '2');
      assert.match(await page.textContent('#dead-note'), /Unit 2 is dead/);
      assert.equal(await page.isVisible('.slider-row:nth-child(2) .badge'), true);
      const run = await runOf(page);
      await page.click('#dead-note button');
      const result = await nextRunDone(page, run);
      assert.notEqual(result.seed, 42);
      await page.waitForFunction((seed) => location.hash.includes(`seed=${seed}&`), result.seed);
    } finally {
      await close();
    }
  });

  test('weights download as Keras-ordered JSON and load back', async () => {
    let file;
    let text; // the downloaded file, loaded next into a page with another seed
    const expected = await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR });
    try {
      const page = await open();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download'),
      ]);
      assert.equal(download.suggestedFilename(), `tinyae-seed${DEFAULTS.seed}-epoch1000.json`);
      file = await download.path();
      const doc = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(doc.format, 'tinyae-weights');
      assert.deepEqual(
        doc.architecture.layers.map((l) => l.units),
        [16, 4, 16, 64],
      );
      assert.equal(doc.weights.length, N_WEIGHTS);
      // Written short, read back exact: each number is the float32 the model holds.
      assert.deepEqual(doc.weights.map(Math.fround), expected.weights);
      assert.equal(doc.seed, DEFAULTS.seed);
      assert.equal(doc.epochs, 1000);
      text = await readFile(file, 'utf8');
    } finally {
      await close();
    }
    try {
      const page = await open('#seed=5&speed=max');
      const run = await runOf(page);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#load')]);
      await chooser.setFiles({
        name: 'trained.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      // The new run is announced before its first frame carries the loss: wait for both.
      await page.waitForFunction(
        (run) =>
          Number(document.body.dataset.run) !== run &&
          document.body.dataset.state === 'paused' &&
          Number.isFinite(Number(document.getElementById('loss').dataset.value)),
        run,
      );
      const result = await published(page);
      assert.equal(
        result.loss,
        expected.loss,
        'the loaded weights reconstruct the 4 exactly as trained',
      );
      assertShows(
        await cellBrightness(page, 'reconstruction'),
        DIGIT_FOUR,
        'reconstruction from loaded weights',
      );
      assert.match(await page.textContent('#weights-status'), /Loaded trained\.json/);
      assert.match(
        await page.textContent('#status'),
        /weights from trained\.json \(not in the link\)/,
      );

      // A file that is not weights is refused, with the reason, and nothing changes.
      const [again] = await Promise.all([page.waitForEvent('filechooser'), page.click('#load')]);
      await again.setFiles({
        name: 'short.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"weights":[1,2,3]}'),
      });
      await page.locator('#weights-error').waitFor({ state: 'visible' });
      assert.match(
        await page.textContent('#weights-error'),
        /short\.json: this model has 2276 weights; the file has 3/,
      );
      assert.equal((await published(page)).loss, expected.loss);
    } finally {
      await close();
    }
  });

  test('loaded weights stay the starting point of every run until a seed is picked, and the panel says so', async () => {
    const trained = await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR });
    const { weightsToJson } = await import('../../www/classic/weights-file.js');
    try {
      const page = await open('#seed=5&speed=max');
      let run = await runOf(page);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#load')]);
      await chooser.setFiles({
        name: 'trained.json',
        mimeType: 'application/json',
        buffer: Buffer.from(weightsToJson(trained.weights)),
      });
      const pausedAt = async (run) => {
        await page.waitForFunction(
          (run) =>
            Number(document.body.dataset.run) !== run &&
            document.body.dataset.state === 'paused' &&
            Number.isFinite(Number(document.getElementById('loss').dataset.value)),
          run,
        );
        return published(page);
      };
      await pausedAt(run);
      // A new learning rate restarts the run: from the file's weights, not from seed 5.
      run = await runOf(page);
      await page.fill('#lr', '0.002');
      await page.press('#lr', 'Enter');
      const relearned = await pausedAt(run);
      assert.equal(relearned.loss, trained.loss, 'the new run starts from the loaded weights');
      assert.match(await page.textContent('#status'), /weights from trained\.json/);
      assert.match(
        await page.textContent('#weights-status'),
        /Loaded trained\.json: every run starts from these weights/,
      );
      // A preset, then Step: still the file's weights.
      run = await runOf(page);
      await page.click('#presets button[data-digit="4"]');
      await page.click('#step');
      await page.waitForFunction((run) => Number(document.body.dataset.run) !== run, run);
      assert.match(await page.textContent('#status'), /weights from trained\.json/);
      // Picking a seed is the one way back, and the panel says the file is no longer used.
      run = await runOf(page);
      await page.fill('#seed', '6');
      await page.press('#seed', 'Enter');
      await page.waitForFunction((run) => Number(document.body.dataset.run) !== run, run);
      await page.waitForFunction(() =>
        /seed 6/.test(document.getElementById('status').textContent),
      );
      assert.match(
        await page.textContent('#weights-status'),
        /seed 6; trained\.json is no longer used/,
      );
    } finally {
      await close();
    }
  });

  test('paused, a new input shows what the current model makes of it; Step starts a run on it', async () => {
    try {
      session = await env.open({ viewport: { width: 1280, height: 900 } });
      const { page } = session;
      await page.goto(`${env.site.url}#speed=1`);
      await page.waitForFunction(() => Number(document.getElementById('epoch').dataset.value) >= 3);
      await page.click('#play'); // Pause
      await waitForState(page, ['paused']);
      await page.waitForTimeout(100); // a tick already sent may still land
      const run = await runOf(page);
      const { epoch } = await published(page);

      await page.click('.preset[data-digit="1"]');
      await page.waitForFunction(() =>
        /Paused with a new input/.test(document.getElementById('status').textContent),
      );
      assert.equal(await runOf(page), run, 'no new run while paused');
      assert.equal((await published(page)).epoch, epoch);

      await page.click('#step');
      await page.waitForFunction((run) => Number(document.body.dataset.run) !== run, run);
      await page.waitForFunction(
        () => Number(document.getElementById('epoch').dataset.value) === 1,
      );
      assert.equal((await published(page)).state, 'paused');
      assert.equal(
        (await published(page)).loss,
        (await coreRun({ seed: DEFAULTS.seed, input: DIGITS[1], epochs: 1 })).loss,
      );

      // Play, then switch from 1 step per frame to full speed: same run, same result.
      await page.click('#play');
      await page.focus('#speed');
      await page.keyboard.press('End');
      const result = await finalState(page);
      assert.equal(result.epoch, 1000);
      assert.equal(result.loss, (await coreRun({ seed: DEFAULTS.seed, input: DIGITS[1] })).loss);
      await page.waitForFunction(() => location.hash.includes('speed=max'));
    } finally {
      await close();
    }
  });

  test("more epochs continue the run; the result is a longer run's", async () => {
    try {
      const page = await open();
      const run = await runOf(page);
      await page.fill('#epochs', '1500');
      await page.press('#epochs', 'Enter');
      await page.waitForFunction(
        () =>
          Number(document.getElementById('epoch').dataset.value) === 1500 &&
          document.body.dataset.state === 'done',
      );
      assert.equal(await runOf(page), run, 'the same run, continued');
      const result = await published(page);
      assert.equal(
        result.loss,
        (await coreRun({ seed: DEFAULTS.seed, input: DIGIT_FOUR, epochs: 1500 })).loss,
      );
      assert.equal(
        await page.evaluate(() => document.getElementById('losschart').dataset.points > 0),
        true,
      );
    } finally {
      await close();
    }
  });
});
