// What the page tests share: reading the page's published state, reading pixels back from its
// canvases, insisting on a clean log, and the numbers the core gives for the same run in Node
// (the release build the page serves), which the page must reproduce to the bit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBuild } from '../../scripts/load-build.mjs';
import { SIZE } from '../../www/core/digit.js';
import { REPO_ROOT } from './harness.mjs';

/** Long enough for the default, watchable run (about 200 frames) on a busy machine. */
export const TRAINING_TIMEOUT_MS = 60_000;

/** Waits until <body data-state> is one of `states`. */
export function waitForState(page, states = ['done', 'error'], timeout = TRAINING_TIMEOUT_MS) {
  return page.waitForFunction((s) => s.includes(document.body.dataset.state), states, { timeout });
}

/** What the page publishes in the DOM: state, error, build, kernels, seed, loss, epoch. */
export function published(page) {
  return page.evaluate(() => {
    const { state, error, build, kernels, seed } = document.body.dataset;
    return {
      state,
      error,
      build,
      kernels,
      seed: seed === undefined ? undefined : Number(seed),
      loss: Number(document.getElementById('loss').dataset.value),
      epoch: Number(document.getElementById('epoch').dataset.value),
    };
  });
}

/** Waits for the page to finish (or fail) and returns published(). */
export async function finalState(page) {
  await waitForState(page);
  return published(page);
}

/**
 * A canvas's data-values (what the page drew), as numbers. `host`: a selector for the
 * <tiny-autoencoder> whose shadow root holds the canvas (default: the page itself).
 */
export function drawnValues(page, id, host = null) {
  return page.evaluate(
    ({ id, host }) =>
      JSON.parse(
        (host ? document.querySelector(host).shadowRoot : document).getElementById(id).dataset
          .values,
      ),
    { id, host },
  );
}

/**
 * Brightness 0..1 at the centre of each cell of an n x n grid canvas, read back from the
 * canvas itself: what the user sees, not what the page meant to draw. `host` as drawnValues's.
 */
export function cellBrightness(page, id, n = SIZE, host = null) {
  return page.evaluate(
    ({ id, n, host }) => {
      const canvas = (host ? document.querySelector(host).shadowRoot : document).getElementById(id);
      const { width, height } = canvas;
      // Read from a fresh copy, once: repeated getImageData calls on the page's own canvas
      // make Chromium log a performance warning, which assertCleanLog would blame on the page.
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const ctx = copy.getContext('2d');
      ctx.drawImage(canvas, 0, 0);
      const { data } = ctx.getImageData(0, 0, width, height);
      const out = [];
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const x = Math.floor(((c + 0.5) * width) / n);
          const y = Math.floor(((r + 0.5) * height) / n);
          const i = 4 * (y * width + x);
          out.push((data[i] + data[i + 1] + data[i + 2]) / (3 * 255));
        }
      }
      return out;
    },
    { id, n, host },
  );
}

/** Fails unless `brightness` (one value per cell) is > 0.5 exactly where `glyph` has ink. */
export function assertShows(brightness, glyph, label) {
  const wrong = [];
  glyph.forEach((ink, i) => {
    if (ink ? !(brightness[i] > 0.5) : !(brightness[i] < 0.5)) {
      const [row, col] = [Math.floor(i / SIZE), i % SIZE];
      wrong.push(`(${row},${col}) ink=${ink} brightness=${brightness[i].toFixed(3)}`);
    }
  });
  assert.deepEqual(wrong, [], `${label}: cells that do not match the glyph`);
}

/** Fails if the page logged an error or warning, threw, or made a failed or foreign request. */
export function assertCleanLog(log) {
  assert.deepEqual(log.pageErrors, [], 'uncaught exceptions');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  // e.g. wasm-bindgen warns when the .wasm is not served as application/wasm.
  assert.deepEqual(log.consoleWarnings, [], 'console warnings');
  assert.deepEqual(log.failedRequests, [], 'failed requests');
  assert.deepEqual(log.foreignRequests, [], 'requests to other origins');
}

let core;
/**
 * The core's own result for a run, in Node with the release simd build:
 * `{ loss, weights, code }` after `epochs` Adam steps from `seed` on `input` at `learningRate`.
 */
export async function coreRun({ seed, input, learningRate = 0.001, epochs = 1000 }) {
  core ??= await loadBuild('simd');
  const ae = new core.Autoencoder(seed);
  try {
    ae.learning_rate = learningRate;
    const x = Float32Array.from(input);
    ae.set_data(x);
    for (let left = epochs; left > 0; left -= 100_000) ae.train_step(Math.min(left, 100_000));
    return {
      loss: ae.loss(),
      weights: Array.from(ae.get_weights()),
      code: Array.from(ae.encode(x)),
    };
  } finally {
    ae.free();
  }
}

/** The page's hash parameters as an object. */
export function hashParams(page) {
  return page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
}

// axe-core's rules: WCAG 2.0/2.1/2.2 A and AA, and its best practices.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core's violations on `page`: one line per rule and node. */
export async function axeViolations(page) {
  await page.addScriptTag({
    content: readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'),
  });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    TAGS,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`,
    ),
  );
}

/**
 * An init script (page.addInitScript) recording every `reset` the page posts, as the worker
 * receives it; not a survey model's (the data page's copy of its run on its second engine).
 */
export function recordResets() {
  window.__resets = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (msg, ...rest) {
    if (msg?.type === 'reset' && msg.kind !== 'survey') window.__resets.push(structuredClone(msg));
    return post.call(this, msg, ...rest);
  };
}

/** The resets recordResets has seen so far. */
export const resets = (page) => page.evaluate(() => window.__resets);

/**
 * Does `act`, waits (up to `timeout` ms) for the run it starts to finish and `settleMs` more
 * for the link, which is written after a short pause, and returns the one reset it made.
 */
export async function oneRun(page, act, { timeout = 30_000, settleMs = 300 } = {}) {
  const before = (await resets(page)).length;
  const run = await page.evaluate(() => Number(document.body.dataset.run));
  await act();
  await page.waitForFunction(
    (run) => Number(document.body.dataset.run) > run && document.body.dataset.state === 'done',
    run,
    { timeout },
  );
  await page.waitForTimeout(settleMs);
  const made = (await resets(page)).slice(before);
  assert.equal(made.length, 1, `one new run, not ${made.length}`);
  return made[0];
}

/**
 * Records, in window.__live, every change of text of a live region (what a screen reader would
 * speak): aria-live, role status/alert/log and <output> (a status by default), but for those
 * marked aria-live="off"; in the document and in every <tiny-autoencoder>'s shadow root. Each
 * entry is "<id or class>: <text>". Call before page.goto.
 */
export function recordLiveRegions(page) {
  return page.addInitScript(() => {
    const LIVE = ['[aria-live]', '[role="status"]', '[role="alert"]', '[role="log"]', 'output']
      .map((s) => `${s}:not([aria-live="off"])`)
      .join(', ');
    window.__live = [];
    const last = new Map();
    const watched = new WeakSet();
    const record = (records) => {
      for (const { target } of records) {
        const region = (target.nodeType === 1 ? target : target.parentElement)?.closest(LIVE);
        if (!region) continue;
        const text = region.textContent.trim();
        if ((last.get(region) ?? '') !== text)
          window.__live.push(`${region.id || region.className}: ${text}`);
        last.set(region, text);
      }
    };
    const watch = (root) => {
      if (watched.has(root)) return;
      watched.add(root);
      for (const region of root.querySelectorAll(LIVE)) last.set(region, region.textContent.trim());
      new MutationObserver(record).observe(root, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    };
    document.addEventListener('DOMContentLoaded', () => {
      watch(document);
      // Shadow roots appear (and are refilled) as the elements start.
      setInterval(() => {
        for (const host of document.querySelectorAll('tiny-autoencoder'))
          if (host.shadowRoot) watch(host.shadowRoot);
      }, 20);
    });
  });
}

/** Scrolls the '4' page's network view near the screen (it is fetched then) and waits for its tiles. */
export async function showNetwork(page) {
  await page.locator('.net-panel').scrollIntoViewIfNeeded();
  await page.waitForSelector('.net-tile');
}
