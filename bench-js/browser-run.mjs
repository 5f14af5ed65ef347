// Drives headless Chromium for `npm run bench`: serves the repo with scripts/serve.mjs, runs
// bench-js/browser.html (tinyae's workloads in the page), then serves a fresh dist/ (what ships:
// scripts/dist.mjs) with the floor page (bench-js/floor/) beside it and times index.html, the
// floor and the floor under index.html's static content (static-floor.mjs) from navigation to
// the finished training.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../scripts/chromium.mjs';
import { buildDist } from '../scripts/dist.mjs';
import { startServer } from '../scripts/serve.mjs';
import { fileURLToPath } from 'node:url';
import { measureNavigation } from './navigation.mjs';
import { writeStaticFloor } from './static-floor.mjs';

/** The pages timed, each a path under the dist/ root. */
export const NAVIGATIONS = Object.freeze({
  floor: 'bench/floor/index.html',
  static: 'bench/static/index.html',
  default: 'index.html',
  speedMax: 'index.html?speed=max',
});

const BENCH_TIMEOUT_MS = 10 * 60_000;

/** `{ browser: version, bench: window.benchResults, navigation }`. */
export async function runBrowser({ reps, navigationReps }) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { server, url } = await startServer({ port: 0, root });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(new URL(`bench-js/browser.html?reps=${reps}`, url).href);
    await page.waitForFunction(() => document.body.dataset.state !== 'running', null, {
      timeout: BENCH_TIMEOUT_MS,
      polling: 1000,
    });
    const bench = await page.evaluate(
      () => window.benchResults ?? { error: document.body.dataset.error },
    );
    if (bench.error || errors.length)
      throw new Error(`browser bench failed: ${bench.error ?? errors.join('\n')}`);
    await context.close();
    // ?speed=max asks for training at full speed (www/classic/main.js). The page is not this
    // bench's: if it breaks, report that and keep the other figures.
    const site = mkdtempSync(path.join(tmpdir(), 'tinyae-bench-site-'));
    let dist = null;
    try {
      buildDist({ out: site });
      cpSync(path.join(root, 'bench-js', 'floor'), path.join(site, 'bench', 'floor'), {
        recursive: true,
      });
      writeStaticFloor(site);
      dist = await startServer({ port: 0, root: site });
      const navigation = await measureNavigation(
        browser,
        dist.url,
        NAVIGATIONS,
        navigationReps,
      ).catch((err) => ({ error: String(err?.message ?? err).split('\n')[0] }));
      return { browser: `Chromium ${browser.version()}`, bench, navigation };
    } finally {
      dist?.server.closeAllConnections();
      dist?.server.close();
      rmSync(site, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}
