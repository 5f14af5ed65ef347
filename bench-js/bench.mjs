// `npm run bench`: trains the same 64-16-4-16-64 autoencoder (same initial weights, Adam, MSE,
// batch 32) on two workloads, (1) classic: the '4', 1000 steps, and (2) digits: the 1797 8x8
// digits, 10 shuffled epochs, with tinyae's release builds (wasm simd128 and scalar), plain JS
// (bench-js/plain.mjs) and TensorFlow.js 4.22 (cpu and wasm backends), interleaved in one Node
// process, medians over repetitions; then tinyae and plain JS again in headless Chromium, and
// the page's navigation-to-done time. Prints one table and writes bench-js/results.json and the
// results section of BENCHMARKS.md.
//
//   node bench-js/bench.mjs [--reps=7] [--tfjs-reps=3] [--nav-reps=7] [--no-browser] [--no-tfjs] [--no-write]
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { loadBuild } from '../scripts/load-build.mjs';
import { loadDigits } from '../scripts/digits.mjs';
import { runBrowser } from './browser-run.mjs';
import { simdCeiling } from './ceiling.mjs';
import { PlainAutoencoder } from './plain.mjs';
import {
  efficiency,
  navigationLines,
  table,
  targetLines,
  targets,
  writeBenchmarksMd,
} from './report.mjs';
import {
  BATCH,
  initialWeights,
  MATMUL_FLOPS_PER_SAMPLE,
  ADAM_FLOPS_PER_PARAM,
  measure,
  runTinyae,
  SEED,
  workloads,
} from './workloads.mjs';

const option = (name, fallback) => {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : arg.includes('=') ? Number(arg.split('=')[1]) : true;
};
const REPS = option('reps', 7);
// TF.js takes seconds per run; three runs pin its median well enough for a 20-50x comparison.
const TFJS_REPS = option('tfjs-reps', 3);
const NAV_REPS = option('nav-reps', 7);
const progress = (line) => process.stderr.write(`[bench] ${line}\n`);

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const field = (name) => cpuinfo.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1];
  return {
    cpu: `${field('model name')} (family ${field('cpu family')}, model ${field('model')})`,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
  };
}

const builds = {
  simd: await loadBuild('simd'),
  scalar: await loadBuild('scalar'),
  'compact-simd': await loadBuild('compact-simd'),
};
const weights = initialWeights(builds.simd);
const work = workloads(loadDigits());
const loadBefore = os.loadavg();

function plainRun(workload) {
  const ae = new PlainAutoencoder(weights, { batchSize: BATCH, seed: SEED });
  ae.setData(workload.pixels);
  const start = performance.now();
  const loss = ae.train(workload.steps);
  const ms = performance.now() - start;
  return { ms, loss, finalLoss: ae.loss() };
}

const tfjs = option('no-tfjs', false) ? null : await import('./tfjs.mjs');
const flavour = tfjs ? await tfjs.wasmFlavour() : null;
const tfjsLabel = (backend) =>
  `TF.js ${tfjs.version} ${backend}${backend === 'wasm' ? ` (${flavour.simd ? 'simd' : 'no simd'}${flavour.threads ? ', threads' : ''})` : ''}`;
const tfjsRun = (backend, mode, workload) =>
  tfjs.run({
    backend,
    mode,
    weights,
    pixels: workload.pixels,
    batchSize: BATCH,
    epochs: workload.epochs,
  });

/** model.fit or optimizer.minimize, whichever trains a fifth of the workload faster. */
async function chooseMode(backend, workload) {
  const trial = { ...workload, epochs: Math.max(1, Math.round(workload.epochs / 5)) };
  for (const mode of tfjs.MODES) await tfjsRun(backend, mode, trial); // warm-up
  const trialMs = {};
  for (const mode of tfjs.MODES) trialMs[mode] = (await tfjsRun(backend, mode, trial)).ms;
  const mode = tfjs.MODES.reduce((a, b) => (trialMs[a] <= trialMs[b] ? a : b));
  return { mode, trialMs };
}

progress('simd128 ceiling in Node');
const ceiling = { node: await simdCeiling() };
const entries = { node: {} };
const results = { node: {} };
const tfjsModes = {};
for (const [wname, workload] of Object.entries(work)) {
  const list = [
    {
      name: 'tinyae-simd',
      label: 'tinyae wasm simd128',
      run: (w) => runTinyae(builds.simd, w),
      reps: REPS,
    },
    {
      name: 'tinyae-scalar',
      label: 'tinyae wasm scalar',
      run: (w) => runTinyae(builds.scalar, w),
      reps: REPS,
    },
    // The page's and the element's build: the same kernels, the classic model's constants.
    {
      name: 'tinyae-compact-simd',
      label: 'tinyae wasm simd128 compact',
      run: (w) => runTinyae(builds['compact-simd'], w),
      reps: REPS,
    },
    { name: 'plain-js', label: 'plain JS (bench-js/plain.mjs)', run: plainRun, reps: REPS },
  ];
  if (tfjs) {
    for (const backend of ['wasm', 'cpu']) {
      progress(`${wname}: choosing model.fit or minimize for TF.js ${backend}`);
      const choice = await chooseMode(backend, workload);
      tfjsModes[`${backend}/${wname}`] = choice;
      list.push({
        name: `tfjs-${backend}`,
        label: tfjsLabel(backend),
        mode: choice.mode,
        run: (w) => tfjsRun(backend, choice.mode, w),
        reps: TFJS_REPS,
      });
    }
  }
  progress(`${wname}: ${workload.label}`);
  results.node[wname] = await measure(list, workload, {
    onRun: (name, r) => progress(`  ${name} ${r.ms.toFixed(2)} ms`),
  });
  for (const e of list) {
    const prev = entries.node[e.name];
    const mode = prev?.mode && prev.mode !== e.mode ? `${prev.mode} / ${e.mode}` : e.mode;
    entries.node[e.name] = { label: e.label, ...(mode ? { mode } : {}) };
  }
}

let navigation = null;
let browser = null;
if (!option('no-browser', false)) {
  progress(
    'headless Chromium: tinyae and plain JS in bench-js/browser.html, then index.html navigations',
  );
  const run = await runBrowser({ reps: REPS, navigationReps: NAV_REPS });
  browser = run.browser;
  ceiling.chromium = run.bench.ceiling;
  results.chromium = run.bench.results;
  entries.chromium = {
    'tinyae-simd': { label: 'tinyae wasm simd128' },
    'tinyae-scalar': { label: 'tinyae wasm scalar' },
    'plain-js': { label: 'plain JS (bench-js/plain.mjs)' },
  };
  navigation = run.navigation;
}

const report = {
  date: new Date().toISOString(),
  machine: { ...machine(), loadAverage: { before: loadBefore, after: os.loadavg() } },
  browser,
  tfjs: tfjs ? tfjs.version : null,
  reps: { tinyaeAndPlain: REPS, tfjs: TFJS_REPS, navigation: NAV_REPS },
  flopsCounted: {
    matmulPerSample: MATMUL_FLOPS_PER_SAMPLE,
    adamPerParamPerStep: ADAM_FLOPS_PER_PARAM,
  },
  workloads: Object.fromEntries(Object.entries(work).map(([k, { pixels, ...w }]) => [k, w])),
  ceiling,
  entries,
  tfjsModes,
  results,
  navigation,
};
report.targets = targets(report);

const m = report.machine;
const lines = [
  `tinyae bench, ${report.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}${browser ? `, ${browser}` : ''}${report.tfjs ? `, TF.js ${report.tfjs}` : ''}`,
  `load average before/after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${m.loadAverage.after.map((l) => l.toFixed(2)).join(' ')} (2 cores shared with other work)`,
  `classic: ${work.classic.label}; digits: ${work.digits.label}.`,
  `Same initial weights (tinyae's Glorot-uniform draw for seed ${SEED}), Adam(0.001, 0.9, 0.999, 1e-7), MSE. Medians of ${REPS} runs (TF.js: ${TFJS_REPS}) after a warm-up, entries interleaved.`,
  ...(tfjs
    ? [
        `TF.js trains with ${Object.entries(tfjsModes)
          .map(([k, v]) => `${k} ${v.mode}`)
          .join(
            ', ',
          )} (the faster of model.fit and optimizer.minimize on a trial; production mode).`,
      ]
    : []),
  '',
  ...table(report),
  '',
  `FLOPs counted per sample: ${MATMUL_FLOPS_PER_SAMPLE} (2 per multiply-add: forward of the 4 layers, kernel gradients of the 4, input gradients of layers 2-4); Adam ${ADAM_FLOPS_PER_PARAM} per parameter per step.`,
  ...efficiency(report),
  '',
  ...navigationLines(report),
  ...(navigation ? [''] : []),
  'Targets:',
  ...targetLines(report),
];
console.log(lines.join('\n'));

if (!option('no-write', false)) {
  writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  writeBenchmarksMd(new URL('../BENCHMARKS.md', import.meta.url), ['```', ...lines, '```']);
  progress('wrote bench-js/results.json and the results section of BENCHMARKS.md');
}
