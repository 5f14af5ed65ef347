#!/usr/bin/env node
// Speed of the configurable core (issue 10) in Node, release builds: the classic model (which
// must not get slower), and a wider net (64-64-32-8-32-64-64) on the digits, each in samples/s
// and GFLOP/s against the simd128 ceiling measured in the same run. With BEFORE=<dir of an
// older www/pkg/simd> the classic model of that build is timed in the same rounds, for a
// before/after ratio taken in one run.
//
//   node bench-js/variants.mjs            (npm run bench runs it after bench.mjs)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBuild } from '../scripts/load-build.mjs';
import { loadDigits } from '../scripts/digits.mjs';
import { simdCeiling } from './ceiling.mjs';
import { ADAM_FLOPS_PER_PARAM, BATCH, measure, SEED, workloads } from './workloads.mjs';

const WIDE = { encoder: [64, 32], latent: 8 };
const REPS = 7;

/** Matmul FLOPs per trained sample of a Dense stack with these widths (see workloads.mjs). */
function matmulFlopsPerSample(widths) {
  let forward = 0;
  let input = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    forward += widths[l] * widths[l + 1];
    if (l > 0) input += widths[l] * widths[l + 1];
  }
  return 2 * (2 * forward + input);
}

function runner(build, options) {
  return (workload) => {
    const ae = options ? new build.Autoencoder(SEED, options) : new build.Autoencoder(SEED);
    ae.batch_size = BATCH;
    ae.set_data(workload.pixels);
    const start = performance.now();
    ae.train_step(workload.steps);
    const ms = performance.now() - start;
    const result = { ms, finalLoss: ae.loss(), params: ae.n_params ?? 2276 };
    ae.free();
    return result;
  };
}

async function loadFrom(dir) {
  const glue = await import(pathToFileURL(path.join(dir, 'tinyae.js')).href);
  glue.initSync({ module: readFileSync(path.join(dir, 'tinyae_bg.wasm')) });
  return glue;
}

const simd = await loadBuild('simd');
const scalar = await loadBuild('scalar');
const before = process.env.BEFORE ? await loadFrom(path.resolve(process.env.BEFORE)) : null;
const work = workloads(loadDigits());
const ceiling = await simdCeiling();
const widths = [64, ...WIDE.encoder, WIDE.latent, ...[...WIDE.encoder].reverse(), 64];
const wideParams = new simd.Autoencoder(SEED, WIDE).n_params;

const rows = [];
const report = (label, workload, results, perSample, params) => {
  for (const [name, r] of Object.entries(results)) {
    const flops = workload.samples * perSample + workload.steps * params * ADAM_FLOPS_PER_PARAM;
    const gflops = flops / (r.ms * 1e6);
    rows.push({
      label,
      name,
      ms: r.ms,
      best: r.msBest,
      samples: workload.samples / (r.ms / 1000),
      gflops,
      ofCeiling: gflops / ceiling.gflops,
      loss: r.finalLoss,
    });
  }
};

const classicEntries = [
  { name: 'simd128', run: runner(simd), reps: REPS },
  { name: 'scalar', run: runner(scalar), reps: REPS },
  ...(before ? [{ name: 'simd128 before', run: runner(before), reps: REPS }] : []),
];
report(
  'classic 64-16-4-16-64, the 4, 1000 steps',
  work.classic,
  await measure(classicEntries, work.classic),
  matmulFlopsPerSample([64, 16, 4, 16, 64]),
  2276,
);
report(
  'classic on the digits, 10 epochs',
  work.digits,
  await measure(classicEntries, work.digits),
  matmulFlopsPerSample([64, 16, 4, 16, 64]),
  2276,
);
const wideEntries = [
  { name: 'simd128', run: runner(simd, WIDE), reps: REPS },
  { name: 'scalar', run: runner(scalar, WIDE), reps: 3 },
];
report(
  `wide ${widths.join('-')} (${wideParams} params) on the digits, 10 epochs`,
  work.digits,
  await measure(wideEntries, work.digits),
  matmulFlopsPerSample(widths),
  wideParams,
);

console.log(`simd128 ceiling in Node: ${ceiling.gflops.toFixed(1)} GFLOP/s`);
console.log(
  '| workload | build | median ms | best ms | samples/s | GFLOP/s | of ceiling | final loss |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.name} | ${r.ms.toFixed(2)} | ${r.best.toFixed(2)} | ${Math.round(r.samples).toLocaleString('en-US')} | ${r.gflops.toFixed(2)} | ${(100 * r.ofCeiling).toFixed(0)}% | ${r.loss.toExponential(3)} |`,
  );
}
