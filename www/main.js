// Wiring: load the wasm, train the autoencoder a few steps per animation frame so the page
// stays responsive and the reconstruction visibly sharpens, then publish the final numbers.
// State for tests and scripts lives on <body data-state>: loading -> training -> done | error.
import { loadTinyae } from './bridge.js';
import { DIGIT_FOUR, SIZE } from './digit.js';
import { drawColorBar, drawGrid, valueRange } from './grid.js';

const DEFAULT_SEED = 42;
const EPOCHS = 1000;
// 50 steps cost a few milliseconds (3 ms simd, 6 ms scalar on a busy 2-core box): well inside
// a frame, and the whole run is 20 frames, short but long enough to see the digit emerge.
const STEPS_PER_FRAME = 50;
const LATENT_ROWS = 2;
const LATENT_COLS = 2;

const $ = (id) => document.getElementById(id);
const view = {
  original: $('original'),
  reconstruction: $('reconstruction'),
  latent: $('latent'),
  colorbar: $('colorbar'),
  epoch: $('epoch'),
  loss: $('loss'),
  status: $('status'),
};

function setState(state) {
  document.body.dataset.state = state;
}

function readOptions(search) {
  const params = new URLSearchParams(search);
  const raw = params.get('seed');
  const seed = raw === null || raw === '' ? DEFAULT_SEED : Number(raw);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`?seed= must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  // ?build=scalar forces the fallback build, to try it in a browser that has SIMD.
  return { seed, build: params.get('build') ?? undefined };
}

function showEpoch(epoch) {
  view.epoch.textContent = `${epoch} / ${EPOCHS}`;
  view.epoch.dataset.value = String(epoch);
}

function showLoss(loss) {
  view.loss.textContent = loss.toExponential(3);
  // The exact float, for tests: textContent is rounded for people.
  view.loss.dataset.value = String(loss);
}

function render(ae, input) {
  drawGrid(view.reconstruction, Array.from(ae.reconstruct(input)), SIZE, SIZE);
  const z = Array.from(ae.encode(input));
  // Scaled to the values present, as matplotlib's imshow does: the latent code has no fixed range.
  const { min, max } = valueRange(z);
  drawGrid(view.latent, z, LATENT_ROWS, LATENT_COLS, { min, max });
  drawColorBar(view.colorbar, min, max);
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

async function run() {
  setState('loading');
  drawGrid(view.original, DIGIT_FOUR, SIZE, SIZE);
  const options = readOptions(location.search);

  const { wasm, build } = await loadTinyae(options.build);
  document.body.dataset.build = build;
  // What the module itself says it runs, as a check on the file bridge.js picked.
  document.body.dataset.kernels = wasm.kernels();
  const ae = new wasm.Autoencoder(options.seed);
  document.body.dataset.seed = String(ae.seed);
  view.status.textContent = `Training with seed ${ae.seed} on the ${build} wasm build…`;

  const input = Float32Array.from(DIGIT_FOUR);
  setState('training');
  render(ae, input);
  // Number(): a u64 getter would arrive as a BigInt, which does not mix with number arithmetic.
  for (let epoch = Number(ae.epoch); epoch < EPOCHS; ) {
    await nextFrame();
    const loss = ae.train_step(Math.min(STEPS_PER_FRAME, EPOCHS - epoch));
    const next = Number(ae.epoch);
    // Guards against a core that stops counting epochs, which would spin here forever.
    if (!(next > epoch)) throw new Error(`training stalled at epoch ${epoch}`);
    epoch = next;
    showEpoch(epoch);
    showLoss(loss);
    render(ae, input);
  }

  showLoss(ae.loss());
  view.status.textContent = `Done: ${EPOCHS} epochs, seed ${ae.seed}, ${build} wasm build.`;
  setState('done');
}

run().catch((err) => {
  console.error(err);
  const hint = /import|fetch|module/i.test(String(err?.message))
    ? ' (has the wasm been built? run: bash scripts/build.sh)'
    : '';
  view.status.textContent = `Error: ${err?.message ?? err}${hint}`;
  view.status.classList.add('error');
  document.body.dataset.error = String(err?.message ?? err);
  setState('error');
});
