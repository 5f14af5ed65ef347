// `npm run bench`: trains the release builds in Node and prints wall time, steps/s and
// samples/s for (1) the classic '4', 1000 steps, and (2) the 1797 digits, batch 32, 5 epochs,
// interleaving the builds and taking medians over repetitions.
import { loadBuild } from '../scripts/load-build.mjs';
import { loadDigits } from '../scripts/digits.mjs';

const REPS = 7;
const builds = { simd: await loadBuild('simd'), scalar: await loadBuild('scalar') };
const digits = loadDigits();
const EPOCHS = 5;
const digitSteps = EPOCHS * Math.ceil(digits.n / 32);

const workloads = {
  classic: { steps: 1000, samples: 1000, setup: () => {} },
  digits: { steps: digitSteps, samples: EPOCHS * digits.n, setup: (ae) => ae.set_data(digits.pixels) },
};

function once(build, workload) {
  const ae = new build.Autoencoder(1);
  workload.setup(ae);
  const start = performance.now();
  const loss = ae.train_step(workload.steps);
  const ms = performance.now() - start;
  ae.free();
  return { ms, loss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const results = {};
for (const [wname, workload] of Object.entries(workloads)) {
  for (const name of Object.keys(builds)) once(builds[name], workload); // warm-up
  const runs = Object.fromEntries(Object.keys(builds).map((n) => [n, []]));
  for (let r = 0; r < REPS; r++) {
    for (const name of Object.keys(builds)) runs[name].push(once(builds[name], workload));
  }
  results[wname] = Object.fromEntries(Object.entries(runs).map(([name, rs]) => {
    const ms = median(rs.map((r) => r.ms));
    return [name, { ms, stepsPerS: workload.steps / ms * 1e3, samplesPerS: workload.samples / ms * 1e3, loss: rs[0].loss }];
  }));
}

const fmt = (v, d = 0) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`tinyae bench, Node ${process.version}, ${REPS} reps, medians`);
console.log(`classic: the '4', 1000 steps (batch 1); digits: ${digits.n} images, batch 32, ${EPOCHS} epochs (${digitSteps} steps)\n`);
console.log('workload  build    wall ms    steps/s     samples/s  mean loss  simd speed-up');
for (const [wname, byBuild] of Object.entries(results)) {
  for (const [name, r] of Object.entries(byBuild)) {
    const ratio = byBuild.scalar.ms / r.ms;
    console.log(`${wname.padEnd(9)} ${name.padEnd(6)} ${fmt(r.ms, 2).padStart(9)} ${fmt(r.stepsPerS).padStart(10)} ${fmt(r.samplesPerS).padStart(13)}  ${r.loss.toExponential(3).padStart(9)}  ${name === 'simd' ? ratio.toFixed(2) + 'x' : ''}`);
  }
}
