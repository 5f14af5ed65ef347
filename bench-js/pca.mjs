#!/usr/bin/env node
// `npm run bench`: PCA of wide rows, Pca.fit_rows on 10,000 x 784 (bench-js/pca-workload.mjs)
// with 2, 16 and 64 components, in Node and in headless Chromium, both release builds. Medians
// of a few fits after a warm-up; prints ms (wall time: on a busy machine, more than the fit's own).
//
//   node bench-js/pca.mjs [--reps=3] [--no-browser]
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { loadBuild } from '../scripts/load-build.mjs';
import { loadDigits } from '../scripts/digits.mjs';
import { startServer } from '../scripts/serve.mjs';
import { COLUMNS, COMPONENTS, ROWS, timeFits, wideDigits } from './pca-workload.mjs';

const arg = (name) =>
  process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const REPS = Number(arg('reps')?.split('=')[1] ?? 3);

const digits = loadDigits();
const loadBefore = os.loadavg();
const x = wideDigits(digits.pixels, digits.n);
const results = { node: {} };
for (const name of ['simd', 'scalar'])
  results.node[name] = timeFits(await loadBuild(name), x, REPS);

if (!arg('no-browser')) {
  const { server, url } = await startServer({
    port: 0,
    root: fileURLToPath(new URL('..', import.meta.url)),
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(new URL('bench-js/pca.html', url).href);
    await page.waitForFunction(() => typeof window.pcaBench === 'function');
    const run = await page.evaluate(
      ([p, n, reps]) => window.pcaBench(p, n, reps),
      [Array.from(digits.pixels), digits.n, REPS],
    );
    results.chromium = { simd: run.simd, scalar: run.scalar };
    results.browser = `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}

const cell = (r) => `${r.ms.toFixed(0).padStart(6)} ms`;
const lines = [
  `PCA: Pca.fit_rows on ${ROWS.toLocaleString('en-US')} x ${COLUMNS} (the digits at 28x28, cycled, +-8 levels of noise), median of ${REPS} fits after a warm-up`,
  `load average before/after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
  `${'components'.padEnd(12)}${['node simd', 'node scalar', ...(results.chromium ? ['chromium simd', 'chromium scalar'] : [])].map((h) => h.padStart(16)).join('')}`,
  ...COMPONENTS.map(
    (k) =>
      `${String(k).padEnd(12)}${[
        results.node.simd,
        results.node.scalar,
        ...(results.chromium ? [results.chromium.simd, results.chromium.scalar] : []),
      ]
        .map((r) => cell(r[k]).padStart(16))
        .join('')}`,
  ),
];
console.log(lines.join('\n'));
