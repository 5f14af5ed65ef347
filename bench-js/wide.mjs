#!/usr/bin/env node
// The wide workloads of issue 26: 784-256-2-256-784 (ReLU) and 784-50-50-2-50-50-784 (tanh),
// sigmoid output, MSE, Adam, batch 32, one epoch over 10,000 28x28 items, from the same initial
// weights: tinyae's simd128 build against TensorFlow.js 4.22's wasm backend in Node, then both
// again in headless Chromium (bench-js/wide.html), each with the simd128 ceiling measured in
// the same runtime. Also what a 784-1024-256-1024-784 model trained in batches of 256 costs in
// wasm memory. Prints one table.
//
//   node bench-js/wide.mjs [--reps=5] [--tfjs-reps=3] [--no-browser] [--no-write]   (npm run bench runs it)
// Without --no-write it rewrites the wide section of BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { loadBuild } from '../scripts/load-build.mjs';
import { loadDigits } from '../scripts/digits.mjs';
import { startServer } from '../scripts/serve.mjs';
import { simdCeiling } from './ceiling.mjs';
import { writeBenchmarksMd } from './report.mjs';
import * as tfjs from './tfjs.mjs';
import {
  BIG,
  bigModelMemory,
  EPOCHS,
  NETS,
  ROWS,
  runTinyaeWide,
  wideFlops,
  wideItems,
  wideWeights,
} from './wide-workloads.mjs';
import { BATCH, measure } from './workloads.mjs';

const option = (name, fallback) => {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : arg.includes('=') ? Number(arg.split('=')[1]) : true;
};
const REPS = option('reps', 5);
const TFJS_REPS = option('tfjs-reps', 3);
const progress = (line) => process.stderr.write(`[wide] ${line}\n`);

/** `{ ceiling, results: { [net]: { tinyae, tfjs, mode } }, memory }` in Node. */
async function inNode(pixels) {
  const simd = await loadBuild('simd');
  const ceiling = await simdCeiling();
  const results = {};
  for (const [key, net] of Object.entries(NETS)) {
    const weights = wideWeights(simd, net);
    progress(`${net.label}: choosing model.fit or minimize for TF.js wasm`);
    const mode = await tfjs.chooseMode({
      backend: 'wasm',
      weights,
      pixels,
      batchSize: BATCH,
      epochs: EPOCHS,
      net,
    });
    progress(`${net.label}: timing (TF.js ${mode})`);
    const entries = [
      { name: 'tinyae', run: () => runTinyaeWide(simd, net, pixels), reps: REPS },
      {
        name: 'tfjs',
        run: () =>
          tfjs.run({
            backend: 'wasm',
            mode,
            weights,
            pixels,
            batchSize: BATCH,
            epochs: EPOCHS,
            net,
          }),
        reps: TFJS_REPS,
      },
    ];
    results[key] = {
      ...(await measure(entries, null, {
        onRun: (name, r) => progress(`  ${name} ${r.ms.toFixed(0)} ms`),
      })),
      mode,
    };
  }
  // A second instance of the build, its own memory: what the big model alone grows it to.
  const dir = new URL('../www/pkg/simd/', import.meta.url);
  const fresh = await import(new URL('tinyae.js?memory', dir));
  const { memory } = fresh.initSync({ module: readFileSync(new URL('tinyae_bg.wasm', dir)) });
  return { ceiling, results, memory: bigModelMemory(fresh, memory, pixels) };
}

/** The same in headless Chromium, from bench-js/wide.html. */
async function inChromium() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { server, url } = await startServer({ port: 0, root });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(new URL(`bench-js/wide.html?reps=${REPS}&tfjs-reps=${TFJS_REPS}`, url).href);
    await page.waitForFunction(() => document.body.dataset.state !== 'running', null, {
      timeout: 30 * 60_000,
      polling: 1000,
    });
    const out = await page.evaluate(
      () => window.benchResults ?? { error: document.body.dataset.error },
    );
    if (out.error || errors.length)
      throw new Error(`wide bench page failed: ${out.error ?? errors.join('\n')}`);
    return { ...out, browser: `Chromium ${browser.version()}` };
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}

const fmt = (v, d = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mib = (bytes) => `${fmt(bytes)} bytes (${fmt(bytes / 2 ** 20, 1)} MiB)`;

/** The table's rows for one runtime. */
function rows(runtime, run) {
  return Object.entries(run.results).map(([key, r]) => {
    const net = NETS[key];
    const f = wideFlops(net);
    const sps = (ms) => ((ROWS * EPOCHS) / ms) * 1e3;
    const share = (flops, ms) => `${fmt((100 * flops) / (ms * 1e6) / run.ceiling.gflops, 0)}%`;
    const shares = (ms) => `${share(f.computed, ms)} / ${share(f.perWeight, ms)}`;
    return `| ${net.label} | ${runtime} | ${fmt(sps(r.tinyae.ms))} | ${fmt(sps(r.tfjs.ms))} (${r.mode}) | ${fmt(r.tfjs.ms / r.tinyae.ms, 1)}x | ${fmt(f.computed / (r.tinyae.ms * 1e6), 1)} | ${shares(r.tinyae.ms)} | ${shares(r.tinyae.msBest)} | ${fmt(run.ceiling.gflops, 1)} | ${r.tinyae.finalLoss.toExponential(2)} / ${r.tfjs.finalLoss.toExponential(2)} |`;
  });
}

const digits = loadDigits();
const pixels = wideItems(digits.pixels, digits.n);
const loadBefore = os.loadavg();
progress('Node');
const node = await inNode(pixels);
const page = option('no-browser', false)
  ? null
  : (progress('headless Chromium'), await inChromium());
const loadAfter = os.loadavg();

const lines = [
  `Wide workloads (issue 26): one epoch over 10,000 28x28 items (the digits scaled up), batch ${BATCH}, Adam, MSE, sigmoid output, same initial weights; medians of ${REPS} runs (TF.js ${TFJS_REPS}) after a warm-up.`,
  `Node ${process.version}${page ? `, ${page.browser}` : ''}, TF.js ${tfjs.version} wasm; load average before/after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (2 cores shared with other work)`,
  '',
  '| network | runtime | tinyae simd128 samples/s | TF.js wasm samples/s | tinyae / TF.js | tinyae GFLOP/s | of the simd128 ceiling (computed / 6 per weight) | the same, best run | ceiling GFLOP/s | final loss tinyae / TF.js |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows('Node', node),
  ...(page ? rows('Chromium', page) : []),
  '',
  'GFLOP/s counts what training computes (forward and kernel gradient of every layer, input gradient of all but the first) plus Adam (12 per parameter per step); "6 per weight" counts the first layer\'s input gradient too, as the issue states its target. The ceiling is the best of its short bursts, so "best run" (the fastest of the tinyae runs, each a whole epoch) is the like-for-like share on a shared machine; the medians are the target\'s measure.',
  `Memory, ${BIG.label} (${fmt(node.memory.params)} parameters), batch ${BIG.batch}, ${BIG.steps} steps on the 10,000 items, in a fresh instance of the simd128 build:`,
  `  Node: wasm memory ${mib(node.memory.bytesBefore)} before, ${mib(node.memory.bytesAfter)} after`,
  ...(page
    ? [
        `  Chromium: wasm memory ${mib(page.memory.bytesBefore)} before, ${mib(page.memory.bytesAfter)} after`,
      ]
    : []),
];
console.log(lines.join('\n'));
if (!option('no-write', false)) {
  writeBenchmarksMd(new URL('../BENCHMARKS.md', import.meta.url), ['```', ...lines, '```'], 'wide');
  progress('wrote the wide section of BENCHMARKS.md');
}
