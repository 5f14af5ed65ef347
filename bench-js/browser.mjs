// The tinyae part of `npm run bench` inside a browser page (with plain JS as the baseline a
// page would otherwise run): the same workloads and measuring loop as in Node, plus the simd128
// ceiling of this engine. Publishes window.benchResults and <body data-state="done">.
import * as simd from '../www/pkg/simd/tinyae.js';
import * as scalar from '../www/pkg/scalar/tinyae.js';
import { simdCeiling } from './ceiling.mjs';
import { fetchDigits, publish } from './page.mjs';
import { PlainAutoencoder } from './plain.mjs';
import { BATCH, initialWeights, measure, runTinyae, SEED, workloads } from './workloads.mjs';

const log = (line) => {
  document.getElementById('log').textContent += `\n${line}`;
};

async function main() {
  const reps = Number(new URLSearchParams(location.search).get('reps') ?? 7);
  await Promise.all([simd.default(), scalar.default()]);
  const weights = initialWeights(simd);
  const plain = (workload) => {
    const ae = new PlainAutoencoder(weights, { batchSize: BATCH, seed: SEED });
    ae.setData(workload.pixels);
    const start = performance.now();
    const loss = ae.train(workload.steps);
    const ms = performance.now() - start;
    return { ms, loss, finalLoss: ae.loss() };
  };
  const entries = [
    { name: 'tinyae-simd', run: (w) => runTinyae(simd, w), reps },
    { name: 'tinyae-scalar', run: (w) => runTinyae(scalar, w), reps },
    { name: 'plain-js', run: plain, reps },
  ];
  const ceiling = await simdCeiling();
  log(`simd128 ceiling ${ceiling.gflops.toFixed(1)} GFLOP/s`);
  const results = {};
  for (const [name, workload] of Object.entries(workloads(await fetchDigits()))) {
    results[name] = await measure(entries, workload);
    log(`${name}: ${JSON.stringify(results[name])}`);
  }
  return {
    userAgent: navigator.userAgent,
    kernels: simd.kernels(),
    crossOriginIsolated,
    reps,
    ceiling,
    results,
  };
}

publish(main());
