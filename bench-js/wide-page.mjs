// The wide workloads in a browser page (bench-js/wide.html): tinyae simd128 against TF.js's
// wasm backend, the simd128 ceiling, and the big model's memory, as bench-js/wide.mjs does in
// Node. Publishes window.benchResults and <body data-state="done">.
import * as simd from '../www/pkg/simd/tinyae.js';
import { simdCeiling } from './ceiling.mjs';
import { fetchDigits, publish } from './page.mjs';
import { trainer } from './tfjs-train.mjs';
import {
  bigModelMemory,
  EPOCHS,
  NETS,
  runTinyaeWide,
  wideItems,
  wideWeights,
} from './wide-workloads.mjs';
import { BATCH, measure } from './workloads.mjs';

const log = (line) => {
  document.getElementById('log').textContent += `\n${line}`;
};
const { tf } = window;

async function main() {
  const params = new URLSearchParams(location.search);
  const reps = Number(params.get('reps') ?? 5);
  const tfjsReps = Number(params.get('tfjs-reps') ?? 3);
  await simd.default();
  tf.wasm.setWasmPaths(
    new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).href,
  );
  tf.enableProdMode();
  await tf.setBackend('wasm');
  const train = trainer(tf);
  const digits = await fetchDigits();
  const pixels = wideItems(digits.pixels, digits.n);
  const ceiling = await simdCeiling();
  log(`simd128 ceiling ${ceiling.gflops.toFixed(1)} GFLOP/s`);
  const results = {};
  for (const [key, net] of Object.entries(NETS)) {
    const weights = wideWeights(simd, net);
    const args = { backend: 'wasm', weights, pixels, batchSize: BATCH, epochs: EPOCHS, net };
    const mode = await train.chooseMode(args);
    const entries = [
      { name: 'tinyae', run: () => runTinyaeWide(simd, net, pixels), reps },
      { name: 'tfjs', run: () => train.run({ ...args, mode }), reps: tfjsReps },
    ];
    results[key] = { ...(await measure(entries, null)), mode };
    log(`${key}: ${JSON.stringify(results[key])}`);
  }
  // A second instance of the build (its own module and memory): the big model alone.
  const fresh = await import('../www/pkg/simd/tinyae.js?memory');
  const { memory } = await fresh.default();
  return { ceiling, results, memory: bigModelMemory(fresh, memory, pixels) };
}

publish(main());
