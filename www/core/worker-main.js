// The training worker: owns the one Autoencoder and trains it off the main thread, so the page
// stays responsive at full speed. It only executes: what a run is and when to start one is the
// page's business (app.js); the messages are documented in protocol.js.
import { wasmUrl } from './bridge.js';
import { CHUNK_MS, MSG, POINTS_PER_RUN } from './protocol.js';

// Everything the worker knows, in one place.
const state = {
  wasm: null,
  ae: null,
  run: 0,
  target: 0,
  epoch: 0,
  input: null, // Float32Array(64): what frames reconstruct and encode
  data: null, // Float32Array(64): what the model trains on
  probe: null, // Float32Array(latent) or null: what frames decode
  network: false, // frames carry the network view's numbers (`net`)
  off: null, // Float32Array(hidden units) of 0/1, or null: units knocked out of what frames show
  mode: null, // null (stopped) | 'max' | 'paced'
  looping: false, // a full-speed chunk is scheduled: another `play` must not start a second loop
  history: { epochs: [], losses: [] }, // since the last frame
};

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);

// `load` starts the glue import at once; `module` arrives when the page has compiled the .wasm.
// Every other message waits for both, in arrival order.
// The glue (worker.js: the full build's; embed/compact-worker.js: the compact one's), set by the
// entry module before any message can arrive. Both builds' glue is the same text for simd and
// scalar (build.sh checks), so given the build's module (or URL) it runs either.
let initGlue;
let glue;
let compact;

/** Which wasm-bindgen glue this worker runs: `init` its default export, `ns` its namespace. */
export function useGlue(init, ns, compactBuild) {
  [initGlue, glue, compact] = [init, ns, compactBuild];
}

let build;
let gotModule;
const moduleArrived = new Promise((resolve) => (gotModule = resolve));
let gotBuild;
const buildArrived = new Promise((resolve) => (gotBuild = resolve));
const ready = buildArrived
  .then((b) => ((build = b), moduleArrived))
  .then((module) => initGlue({ module_or_path: module ?? wasmUrl(build, compact) }))
  .then(() => {
    state.wasm = glue;
    post({ type: MSG.READY, build, kernels: glue.kernels() });
  });
ready.catch((err) => post({ type: MSG.FATAL, message: String(err?.message ?? err) }));

self.onmessage = ({ data: msg }) => {
  if (msg.type === MSG.LOAD) return gotBuild(msg.build);
  if (msg.type === MSG.MODULE) return gotModule(msg.module);
  ready.then(
    () => {
      try {
        handle(msg);
      } catch (err) {
        // A bug, not bad input (the core's refusals are answered as `rejected` or `halted`):
        // loud, so it is seen and fixed rather than lost in the worker.
        console.error(err);
        post({ type: MSG.FATAL, message: `worker: ${err?.message ?? err}` });
      }
    },
    () => {}, // a failed load was reported as fatal already
  );
};

function handle(msg) {
  switch (msg.type) {
    case MSG.RESET:
      return reset(msg);
    case MSG.VIEW:
      if (msg.input) state.input = Float32Array.from(msg.input);
      if ('probe' in msg) state.probe = msg.probe ? Float32Array.from(msg.probe) : null;
      if ('network' in msg) state.network = msg.network;
      // A knock-out names units of one run's network: one sent for a run since replaced is dropped.
      if ('off' in msg && msg.run === state.run) state.off = msg.off ? Float32Array.from(msg.off) : null;
      return postFrame();
    case MSG.TARGET:
      state.target = Math.max(state.epoch, msg.target);
      return postFrame();
    case MSG.PLAY:
      state.mode = msg.mode;
      if (msg.mode === 'max' && !state.looping) fullSpeed();
      return;
    case MSG.TICK:
      // A tick for a run already replaced is stale: training the new one would skip its start.
      // Answered either way, since the page waits for one frame per tick.
      if (msg.run === state.run) train(msg.steps, 1);
      return postFrame();
    case MSG.PAUSE:
      state.mode = null;
      return postFrame();
    case MSG.WEIGHTS:
      return post({
        type: MSG.WEIGHTS,
        id: msg.id,
        run: state.run,
        weights: Array.from(state.ae.get_weights()),
        epoch: state.epoch,
        loss: state.ae.loss(),
      });
    default:
      throw new Error(`worker: unknown message ${JSON.stringify(msg.type)}`);
  }
}

// A new model from a seed and options (and maybe weights): built aside and swapped in only once
// every setter has accepted its value, so a refused seed, option or file leaves the old run going.
function reset({ run, seed, options, data, target, weights }) {
  let ae;
  let field = 'options';
  try {
    // The compact build is the classic network alone: it takes the learning rate by its setter.
    ae = new state.wasm.Autoencoder(seed, compact ? undefined : options);
    field = 'learningRate';
    if (compact) ae.learning_rate = options.learning_rate;
    field = 'input';
    ae.set_data(data);
    field = 'weights';
    if (weights) ae.set_weights(weights);
  } catch (err) {
    ae?.free();
    const message = String(err?.message ?? err);
    return post({ type: MSG.REJECTED, run, field: ae ? field : constructorField(err?.argument), message });
  }
  state.ae?.free();
  Object.assign(state, {
    ae,
    run,
    target,
    epoch: Number(ae.epoch),
    data: Float32Array.from(data),
    input: Float32Array.from(data),
    off: null, // a knock-out names units of the network it was made on
    mode: null,
    history: { epochs: [], losses: [] },
    trainSpan: null, // [first, last] performance.now() of this run's training, for its time
  });
  post({ type: MSG.STARTED, run, seed: ae.seed, nParams: ae.n_params, options: compact ? null : ae.options() });
  postFrame();
}

// The page's field for the argument the constructor (or the learning-rate setter) refused.
function constructorField(argument) {
  if (argument === 'seed') return 'seed';
  if (argument === 'learning_rate') return 'learningRate';
  return 'options';
}

/**
 * Trains up to `steps` epochs (never past the target), `grain` steps per recorded loss point.
 * Returns whether it trained; a training error stops play and is reported as `halted`.
 */
function train(steps, grain) {
  const { ae, history } = state;
  let left = Math.min(steps, state.target - state.epoch);
  if (!(left > 0)) return false;
  const start = performance.now();
  try {
    while (left > 0) {
      const n = Math.min(grain, left);
      const loss = ae.train_step(n);
      state.epoch += n;
      left -= n;
      history.epochs.push(state.epoch);
      history.losses.push(loss);
    }
    state.trainSpan = [state.trainSpan?.[0] ?? start, performance.now()];
  } catch (err) {
    // The core undid the failed call: the model is as it was before it.
    state.mode = null;
    state.epoch = Number(ae.epoch);
    postFrame();
    post({ type: MSG.HALTED, run: state.run, epoch: state.epoch, message: String(err?.message ?? err) });
    return false;
  }
  return true;
}

// Full speed: time-boxed chunks, a frame after each, and a yield between them so `pause` and
// new inputs get in. A MessageChannel yields without setTimeout's 4 ms clamp.
const yieldChannel = new MessageChannel();
yieldChannel.port1.onmessage = () => {
  state.looping = false;
  fullSpeed();
};

function fullSpeed() {
  if (state.mode !== 'max') return;
  const grain = Math.max(1, Math.ceil(state.target / POINTS_PER_RUN));
  const deadline = performance.now() + CHUNK_MS;
  let trained = false;
  while (state.mode === 'max' && state.epoch < state.target && performance.now() < deadline) {
    // Several grains between clock reads: performance.now() is not free either.
    if (!train(grain * 4, grain)) break;
    trained = true;
  }
  if (state.epoch >= state.target) state.mode = null;
  if (trained) postFrame();
  if (state.mode === 'max') {
    state.looping = true;
    yieldChannel.port2.postMessage(null);
  }
}

function postFrame() {
  const { ae, input, probe, history } = state;
  if (!ae) return;
  const epochs = Float64Array.from(history.epochs);
  const losses = Float32Array.from(history.losses);
  state.history = { epochs: [], losses: [] };
  const net = state.network ? networkFrame() : null;
  // With the network view, its one pass gives the reconstruction and the code too, and they
  // are the knocked-out network's: knock-outs change what is drawn, never the training.
  const code = net ? net.acts.slice(net.latentAt, net.latentAt + ae.latent) : ae.encode(input);
  const frame = {
    type: MSG.FRAME,
    run: state.run,
    epoch: state.epoch,
    target: state.target,
    loss: ae.loss(),
    epochs,
    losses,
    recon: net ? net.acts.slice(-input.length) : ae.reconstruct(input),
    code,
    net,
    dataCode: ae.encode(state.data),
    decoded: probe && probe.length === ae.latent ? ae.decode(probe) : null,
    running: state.mode !== null && state.epoch < state.target,
    // Wall time from the run's first training step to its latest: the worker's clock, so a run
    // trained before the page's UI had loaded is timed too.
    trainedMs: state.trainSpan ? state.trainSpan[1] - state.trainSpan[0] : 0,
  };
  post(frame, [epochs.buffer, losses.buffer, ...(net ? [net.weights.buffer, net.acts.buffer, net.dataActs.buffer] : [])]);
}

/**
 * What the network view draws, from the core: the weights (Keras order), every layer's outputs
 * on the input with the knock-outs, the same on the training data without them (dead units),
 * and, with knock-outs, the training loss without those units (`offLoss`, else null).
 */
function networkFrame() {
  const { ae, input, data, off } = state;
  return {
    weights: ae.get_weights(),
    acts: ae.activations(input, off ?? undefined),
    dataActs: ae.activations(data),
    offLoss: off?.some((v) => v) ? ae.evaluate_terms_without(data, off).total : null,
    // Where the code starts in `acts`: after the encoder's hidden units.
    latentAt: ae.options().encoder.reduce((a, b) => a + b, 0),
  };
}
