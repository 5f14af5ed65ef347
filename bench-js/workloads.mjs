// The two workloads and the measuring loop, shared by the Node driver and the browser page so
// both time exactly the same thing. No Node or DOM APIs here.
import { DIGIT_FOUR } from '../www/core/digit.js';

export const SEED = 1;
export const BATCH = 32;
export const CLASSIC_STEPS = 1000;
export const DIGITS_EPOCHS = 10;

// FLOPs counted per trained sample: 2 per multiply-add of the four Dense layers' forward matmuls
// (64*16 + 16*4 + 4*16 + 16*64 = 2176 MACs), of their kernel gradients (2176 again) and of the
// input gradients of layers 2-4 (16*4 + 4*16 + 16*64 = 1152). Biases, activations and the loss
// are left out (~1% more).
export const MATMUL_FLOPS_PER_SAMPLE = 2 * (2176 + 2176 + 1152);
// Adam per parameter per step, as src/kernels adam() does it: m (sub, mul, add),
// v (mul, sub, mul, add), w (mul, sqrt, add, div, sub), sqrt and div counted as one each.
export const ADAM_FLOPS_PER_PARAM = 12;
export const N_PARAMS = 2276;

/** `{ classic, digits }`: each `{ pixels, n, epochs, steps, samples, label }`. */
export function workloads(digits) {
  const four = Float32Array.from(DIGIT_FOUR);
  const batchesPerEpoch = Math.ceil(digits.n / BATCH);
  return {
    classic: {
      pixels: four,
      n: 1,
      epochs: CLASSIC_STEPS,
      steps: CLASSIC_STEPS,
      samples: CLASSIC_STEPS,
      label: `the '4', ${CLASSIC_STEPS} steps (batch 1)`,
    },
    digits: {
      pixels: digits.pixels,
      n: digits.n,
      epochs: DIGITS_EPOCHS,
      steps: DIGITS_EPOCHS * batchesPerEpoch,
      samples: DIGITS_EPOCHS * digits.n,
      label: `${digits.n} digits, batch ${BATCH}, shuffled, ${DIGITS_EPOCHS} epochs (${DIGITS_EPOCHS * batchesPerEpoch} steps)`,
    },
  };
}

/** FLOPs of training `workload` once: matmuls only, and with Adam. */
export function flops(workload) {
  const matmul = workload.samples * MATMUL_FLOPS_PER_SAMPLE;
  return { matmul, withAdam: matmul + workload.steps * N_PARAMS * ADAM_FLOPS_PER_PARAM };
}

/** tinyae's initial (Glorot-uniform, seeded) weights: every other entry starts from them. */
export function initialWeights(build) {
  const ae = new build.Autoencoder(SEED);
  const w = ae.get_weights();
  ae.free();
  return w;
}

/** One tinyae training run: `{ ms, loss, finalLoss }` (mean batch loss, then MSE on all data). */
export function runTinyae(build, workload) {
  const ae = new build.Autoencoder(SEED);
  // The compact build has no batch_size: its batch is Keras's 32, which BATCH is.
  if (Object.getOwnPropertyDescriptor(build.Autoencoder.prototype, 'batch_size'))
    ae.batch_size = BATCH;
  else if (BATCH !== 32) throw new Error('the compact build trains batches of 32');
  ae.set_data(workload.pixels);
  const start = performance.now();
  const loss = ae.train_step(workload.steps);
  const ms = performance.now() - start;
  const finalLoss = ae.loss();
  ae.free();
  return { ms, loss, finalLoss };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times `entries` (`{ name, run(workload) -> {ms, finalLoss}, reps }`) on one workload: a
 * warm-up run each, then rounds that run every entry still short of its reps in turn, so a
 * slow period of the machine hits all of them. Resolves to `{ [name]: { ms, msBest, msAll, finalLoss } }`.
 */
export async function measure(entries, workload, { onRun } = {}) {
  for (const e of entries) await e.run(workload);
  const runs = Object.fromEntries(entries.map((e) => [e.name, []]));
  const rounds = Math.max(...entries.map((e) => e.reps));
  for (let r = 0; r < rounds; r++) {
    for (const e of entries) {
      if (r >= e.reps) continue;
      const result = await e.run(workload);
      runs[e.name].push(result);
      onRun?.(e.name, result);
    }
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      {
        ms: median(rs.map((r) => r.ms)),
        // Other work on a shared machine only ever adds time: the best run bounds what the code does.
        msBest: Math.min(...rs.map((r) => r.ms)),
        msAll: rs.map((r) => r.ms),
        finalLoss: median(rs.map((r) => r.finalLoss)),
      },
    ]),
  );
}
