// The '4' page's and the element's engine: owns the one Autoencoder and trains it off the main
// thread, so the page stays responsive at full speed. It only executes: what a run is and when
// to start one is the page's business (classic/app.js); the messages are protocol.js's, with
// these fields:
//   reset    { run, seed, options, data, target, weights?, checkpoint? }   `options`: the core's,
//            learning_rate included (architecture.js); `data`: the training image (64 pixels);
//            `weights`: a file's; `checkpoint`: a model's whole state as the Keras build's
//            checkpoint_parts() gives it (from a .keras file), which the run continues from
//            instead of the seed
//   view     { input, probe } | { network } | { run, off }    what frames show: `input`
//            reconstructed and encoded, `probe` (latent numbers, or null) decoded; `network`:
//            frames carry `net`; `off`: units of run `run` knocked out of what frames show (one
//            0/1 per hidden and latent unit, layer by layer), or null
//   started  { run, seed, latent, nParams, options }          `options`: the core's options()
//   rejected { run, field, message, reason }  `field`: seed, learningRate, options, input or weights
//   frame    { loss, epochs, losses, recon, code, dataCode, decoded, net, trainedMs }
//            `epochs`/`losses`: the loss history since the previous frame, as (end epoch, mean
//            training loss over the steps since the point before); `loss`: the MSE on the
//            training data now; `recon`/`code`: the view's input through the model; `dataCode`:
//            the training image's code (dead-unit watch); `decoded`: the probe decoded, or null;
//            `net` (only once asked for, else null): { weights, acts, dataActs, offLoss, latentAt }
//            (network-frame.js); `cause`: reset, view, target, advance, pause, chunk (full
//            speed) or halted; `trainedMs`: the engine's time from the run's first step
//   weights  { id, run, weights, epoch, loss, checkpoint }   asked with `checkpoint: true` (full
//            build): the model's checkpoint() too, for a .keras file
import { wasmUrl } from '../core/bridge.js';
import { messageOf, MSG, post, serveWorker } from './protocol.js';

/**
 * Loss-history points a full-speed run aims for: each point is the mean loss of
 * ceil(target / POINTS_PER_RUN) steps, which keeps the per-call overhead of `train_step` out of
 * the fast path while the chart still gets a point every few pixels.
 */
const POINTS_PER_RUN = 250;

/** Longest stretch of full-speed training between two frames, in ms: a frame's worth of work. */
const CHUNK_MS = 10;

// Everything the worker knows, in one place.
const state = {
  wasm: null,
  ae: null,
  run: 0,
  target: 0,
  epoch: 0,
  input: null, // Float32Array (one image): what frames reconstruct and encode
  data: null, // Float32Array (one image): what the model trains on
  probe: null, // Float32Array(latent) or null: what frames decode
  network: false, // frames carry the network view's numbers (`net`)
  off: null, // Float32Array(hidden units) of 0/1, or null: units knocked out of what frames show
  mode: null, // null (stopped) | 'max' | 'paced'
  looping: false, // a full-speed chunk is scheduled: another `play` must not start a second loop
  history: { epochs: [], losses: [] }, // since the last frame
};

// The build's kind (classic-worker.js: the full build; compact-worker.js: the compact one), and
// what gives the network view's numbers (network-frame.js, the full build's alone), set by the
// entry module before any message can arrive.
let compact = false;
let networkFrame = null;

/**
 * Serves the page over `init`/`ns` (a build's wasm-bindgen glue: its default export and its
 * namespace, or the exports the worker calls), compact or full; `network` (full only):
 * network-frame.js's networkFrame. The glue is the same text for a kind's simd and scalar builds
 * (build.sh checks), so given the build's module (or URL) it runs either.
 */
export function serveTraining(init, ns, compactBuild, network = null) {
  compact = compactBuild;
  networkFrame = network;
  serveWorker('worker', {
    load: (build, module) =>
      init({ module_or_path: module ?? wasmUrl(build, compact) }).then(() => ns),
    ready: (wasm) => (state.wasm = wasm),
    handle,
  });
}

function handle(msg) {
  switch (msg.type) {
    case MSG.RESET:
      return reset(msg);
    case MSG.VIEW:
      if (msg.input) state.input = Float32Array.from(msg.input);
      if ('probe' in msg) state.probe = msg.probe ? Float32Array.from(msg.probe) : null;
      if ('network' in msg) state.network = msg.network;
      // A knock-out names units of one run's network: one sent for a run since replaced is dropped.
      if ('off' in msg && msg.run === state.run)
        state.off = msg.off ? Float32Array.from(msg.off) : null;
      return postFrame('view');
    case MSG.TARGET:
      state.target = Math.max(state.epoch, msg.target);
      return postFrame('target');
    case MSG.PLAY:
      state.mode = msg.mode;
      if (msg.mode === 'max' && !state.looping) fullSpeed();
      return;
    case MSG.ADVANCE:
      // An advance for a run already replaced is stale: training the new one would skip its
      // start. Answered either way, since the page counts one frame per advance.
      if (msg.run === state.run) train(msg.epochs, 1);
      return postFrame('advance');
    case MSG.PAUSE:
      state.mode = null;
      return postFrame('pause');
    case MSG.WEIGHTS:
      return post({
        type: MSG.WEIGHTS,
        id: msg.id,
        run: state.run,
        weights: Array.from(state.ae.get_weights()),
        epoch: state.epoch,
        loss: state.ae.loss(),
        checkpoint: msg.checkpoint && !compact ? state.ae.checkpoint() : undefined,
      });
    default:
      throw new Error(`worker: unknown message ${JSON.stringify(msg.type)}`);
  }
}

// A new model from a seed and options (and maybe weights): built aside and swapped in only once
// every setter has accepted its value, so a refused seed, option or file leaves the old run going.
function reset({ run, seed, options, data, target, weights, checkpoint }) {
  let ae;
  let field = 'options';
  try {
    // The compact build is the classic network alone: it takes the learning rate by its setter.
    // A checkpoint's model goes on from where it was (its data's place in the epoch kept by
    // set_data when the data are the same), at the page's learning rate.
    const c = checkpoint;
    ae = new state.wasm.Autoencoder(c?.seed ?? seed, compact ? undefined : (c?.options ?? options));
    if (c) ae.resume(c.weights, c.slots, c.words);
    field = 'learningRate';
    if (compact || checkpoint) ae.learning_rate = options.learning_rate;
    field = 'input';
    ae.set_data(data);
    field = 'weights';
    if (weights) ae.set_weights(weights);
  } catch (err) {
    ae?.free();
    const message = messageOf(err);
    return post({
      type: MSG.REJECTED,
      run,
      field: ae ? field : constructorField(err?.argument),
      message,
      reason: err?.reason,
    });
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
  post({
    type: MSG.STARTED,
    run,
    seed: ae.seed,
    latent: ae.latent,
    nParams: ae.n_params,
    options: compact ? null : ae.options(),
  });
  postFrame('reset');
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
      // The core's own count (one image, so each step is an epoch): never re-derived here.
      state.epoch = Number(ae.epoch);
      left -= n;
      history.epochs.push(state.epoch);
      history.losses.push(loss);
    }
    state.trainSpan = [state.trainSpan?.[0] ?? start, performance.now()];
  } catch (err) {
    // The core undid the failed call: the model is as it was before it.
    state.mode = null;
    state.epoch = Number(ae.epoch);
    postFrame('halted');
    post({
      type: MSG.HALTED,
      run: state.run,
      epoch: state.epoch,
      field: constructorField(err?.argument),
      message: messageOf(err),
      reason: err?.reason,
    });
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
  if (trained) postFrame('chunk');
  if (state.mode === 'max') {
    state.looping = true;
    yieldChannel.port2.postMessage(null);
  }
}

function postFrame(cause) {
  const { ae, input, probe, history } = state;
  if (!ae) return;
  const epochs = Float64Array.from(history.epochs);
  const losses = Float32Array.from(history.losses);
  state.history = { epochs: [], losses: [] };
  const net = state.network && networkFrame ? networkFrame(state) : null;
  // With the network view, its one pass gives the reconstruction and the code too, and they
  // are the knocked-out network's: knock-outs change what is drawn, never the training.
  const code = net ? net.acts.slice(net.latentAt, net.latentAt + ae.latent) : ae.encode(input);
  const frame = {
    type: MSG.FRAME,
    cause,
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
  post(frame, [
    epochs.buffer,
    losses.buffer,
    ...(net ? [net.weights.buffer, net.acts.buffer, net.dataActs.buffer] : []),
  ]);
}
