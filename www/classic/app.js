// The demo's wiring: one explicit state object, the views it feeds, and the worker it drives.
//
// A run is the seed's initial weights (or a file's) of the network the editor describes, trained
// on the input at the learning rate for the chosen epochs: exactly what the link records.
// Changing the input, seed, learning rate or network therefore starts a new run; more epochs extend the current one (training on is the same
// as having asked for more from the start). One exception, for exploring: while paused, a new
// input is only shown through the current model, and the new run waits for Play or Step.
//
// The page's state is published on the host element for tests and benchmarks:
// data-state = loading | training | paused | done | error, data-build, data-kernels, data-seed,
// data-run (the current run's number: it changes whenever a new run starts).
import { createArchEditor } from '../core/arch-editor.js';
import { fromCoreOptions, layerWidths, sameNetwork } from '../core/architecture.js';
import { createControls } from './controls.js';
import { digitOf, SIZE } from '../core/digit.js';
import { setAttr, setText } from '../core/dom.js';
import { GridView } from '../core/grid-view.js';
import { createLatentPanel } from './latent-panel.js';
import { Chart, LossHistory } from '../core/chart.js';
import { attachPainter } from './painter.js';
import { createPictureInput } from './picture-input.js';
import { createPresets } from './presets.js';
import { createNetworkView } from '../core/network-view.js';
import { MSG } from '../core/protocol.js';
import { DEFAULTS, describeLinkProblems, digitsTabHref, encodeImage, readState, sameRun, setting, stateHash } from '../core/urlstate.js';
import { createWeightsPanel } from './weights-panel.js';

// Link updates wait for a pause in painting: browsers throttle (and warn about) rapid
// history.replaceState calls.
const URL_DELAY_MS = 250;

const fmt = (n) => n.toLocaleString('en-US');

/**
 * Starts the demo inside `root` (the element holding index.html's markup, or a shadow root).
 * `host` carries the data-* state; `initial` is readState()'s result (its `problems` are
 * shown in #link-note, and their defaults run);
 * `worker` is startWorker()'s handle and `firstRun` the id of a run already asked of it with
 * initial.state (so training starts before this module has even loaded), or null; without
 * `autoplay` the first run waits for Play; `location`/`history` (the page's, or omitted) keep
 * the state in the URL hash.
 */
export function mountDemo(root, { host, initial, worker, firstRun = null, autoplay = true, location = null, history = null }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const win = host.ownerDocument.defaultView;

  // Everything that changes, in one place.
  const state = {
    phase: 'loading', // loading | training | paused | done | error
    ready: false, // the wasm is running
    config: { ...initial.state }, // seed, learningRate, epochs, speed, input, the network: what the link says
    playing: autoplay, // the reader's intent: train whenever there is training left
    // prefers-reduced-motion: the autoplayed first run is computed at full speed and shown
    // finished, as the compact figure does; Replay, any later run or a new speed is watched.
    still: autoplay && Boolean(win.matchMedia?.('(prefers-reduced-motion: reduce)').matches),
    suspended: false, // off-screen or in a background tab: training waits, whatever the intent
    run: null, // { id, seed, source, fileName, epoch, target, frame, history, doneMs, interrupted }
    previous: null, // the last run's LossHistory, drawn faintly
    stale: false, // paused and the input changed: the next Play or Step starts a run on it
    inputChanged: false, // playing and the input changed: the next animation frame starts a run
    pending: null, // { id, config, field, play, step, weights, fileName, fresh }: a run awaiting the worker
    loaded: null, // { weights, fileName }: a file's weights, every run's start until the reader picks a seed
    notice: null, // a message for the status line, until the next run starts
    probe: null, // the latent numbers the reader set with the sliders, or null: follow the input
    tickInFlight: false,
    frameRequested: false,
    urlTimer: null,
  };

  // Views.
  const original = new GridView($('original'), {
    rows: SIZE,
    cols: SIZE,
    describe: (i, v) => `row ${Math.floor(i / SIZE) + 1}, column ${(i % SIZE) + 1}: ${{ 1: 'ink (1)', 0: 'blank (0)' }[v] ?? `grey (${v.toFixed(2)})`}`,
  });
  const pixelTip = (i, v) => `row ${Math.floor(i / SIZE) + 1}, column ${(i % SIZE) + 1}: ${v.toFixed(3)}`;
  const reconstruction = new GridView($('reconstruction'), { rows: SIZE, cols: SIZE, describe: pixelTip });
  const decoded = new GridView($('decoded'), { rows: SIZE, cols: SIZE, describe: pixelTip });
  const chart = new Chart($('losschart'));
  const status = $('status');
  const caption = $('original-caption');

  const controls = createControls(root, {
    play: () => play(),
    pause: () => pause(),
    replay: () => startRun(state.config, { play: true }),
    step: () => step(),
    newSeed: () => newSeed(),
    seed: (seed) => startRun({ ...state.config, seed }, { field: 'seed', seeded: true }),
    learningRate: (learningRate) => startRun({ ...state.config, learningRate }, { field: 'learningRate' }),
    epochs: (epochs) => setEpochs(epochs),
    speed: (speed) => setSpeed(speed),
  });
  const presets = createPresets($('presets'), { onPick: (pixels) => setInput(pixels) });
  const latent = createLatentPanel(root, { onProbe: (z) => setProbe(z), onNewSeed: () => newSeed() });
  // A change of network is a new run from the seed (a loaded file's weights fit only its own).
  const editor = createArchEditor($('arch-editor'), {
    onChange: (patch) => startRun({ ...(state.pending?.config ?? state.config), ...patch }, { field: 'options', seeded: true }),
  });
  // Knock-outs are the view's alone: the worker draws without those units and trains with all.
  const network = createNetworkView($('network-view'), { onKnockOut: (off) => worker.view({ run: state.run.id, off }) });
  worker.view({ network: true });
  const fieldError = (field, message) => (field === 'options' ? editor.error(message) : controls.fieldError(field, message));
  attachPainter(original, {
    getPixels: () => state.config.input,
    onChange: (pixels) => setInput(pixels),
    onDone: () => flushUrl(),
    announce: (text) => ($('announce').textContent = text),
  });
  createPictureInput(root, { onUse: (pixels) => setInput(pixels) });
  const weightsPanel = createWeightsPanel(root, {
    current: () => savedWeights(),
    // A file for another network rebuilds the page to it: its options become the run's.
    onLoad: (weights, fileName, options) => {
      if (state.playing) pause();
      const config = options ? { ...state.config, ...fromCoreOptions(options) } : state.config;
      startRun(config, { play: false, weights: Array.from(weights), fileName, fresh: true });
    },
  });

  showInput();
  editor.render(state.config, null);
  showLinkProblems(initial.problems ?? []);
  if (firstRun === null) startRun(state.config, { play: autoplay });
  else state.pending = { id: firstRun, config: state.config, field: null, play: autoplay, step: false };
  // Only now: what the worker said while this module loaded may already answer that run.
  worker.listen(onMessage);
  if (location) win.addEventListener('hashchange', followLink);
  render();
  return {
    /** Stops the worker and lets go of the page: for an embed that leaves the document. */
    destroy() {
      if (location) win.removeEventListener('hashchange', followLink);
      win.clearTimeout(state.urlTimer);
      worker.terminate();
    },
    /** false: the demo is off-screen or its tab hidden, so training waits; true: it carries on. */
    setActive(active) {
      if (state.suspended === !active) return;
      state.suspended = !active;
      host.dataset.active = String(active);
      if (!active) worker.pause();
      else if (state.phase === 'training') resume();
    },
    // The element's script API (tiny-autoencoder.js): the toolbar's own actions.
    play,
    pause,
    /** Pauses, then trains `steps` more epochs, one Step at a time. */
    step(steps) {
      for (let i = 0; i < steps; i++) step();
    },
    /** A fresh run of the current settings, paused at epoch 0. */
    reset() {
      pause();
      startRun(state.config, { play: false });
    },
  };

  // ---- actions -------------------------------------------------------------------------------

  /**
   * Asks the worker for a new run; it becomes current when the worker accepts it. It starts from
   * the loaded file's weights, if any, unless the reader picked a seed (`seeded`).
   */
  function startRun(config, options = {}) {
    const { field = null, play: playAfter = state.playing, step: stepAfter = false, seeded = false, fresh = false } = options;
    let { weights, fileName } = options;
    if (!weights && !seeded && state.loaded) ({ weights, fileName } = state.loaded);
    const id = worker.reset(config, weights);
    state.pending = { id, config, field, play: playAfter, step: stepAfter, weights, fileName, fresh };
  }

  function play() {
    state.playing = true;
    if (state.stale) return startRun(state.config, { play: true });
    if (state.run && state.run.epoch >= state.run.target) return startRun(state.config, { play: true });
    resume();
  }

  // Sets the worker going on the current run at the current speed.
  function resume() {
    const { run } = state;
    if (!run || !state.playing || run.epoch >= run.target || state.phase === 'error') return;
    setPhase('training');
    // Still 'training' while suspended (the reader asked for it); setActive(true) starts it.
    if (state.suspended) return;
    worker.play(pace());
    requestFrame();
  }

  // The speed training goes at: the reader's, unless the first run is shown finished.
  function pace() {
    return state.still ? 'max' : state.config.speed;
  }

  function pause() {
    state.playing = false;
    if (state.run) state.run.interrupted = true;
    worker.pause();
    if (state.phase === 'training') setPhase('paused');
    render();
  }

  function step() {
    if (state.playing) pause();
    // A run finished by hand has no training time to report.
    if (state.run) state.run.interrupted = true;
    if (state.stale) return startRun(state.config, { play: false, step: true });
    const { run } = state;
    if (!run) return;
    // Stepping past the end asks for one epoch more, which the link then records.
    if (run.epoch >= run.target) setEpochs(run.epoch + 1, { resumeAfter: false });
    worker.tick(run.id, 1);
  }

  function newSeed() {
    const seed = win.crypto.getRandomValues(new Uint32Array(1))[0];
    startRun({ ...state.config, seed }, { field: 'seed', play: true, seeded: true });
  }

  function setEpochs(epochs, { resumeAfter = true } = {}) {
    const { run } = state;
    // Fewer epochs than already trained: the shorter run has to be trained again.
    if (!run || epochs < run.epoch) return startRun({ ...state.config, epochs }, { field: 'epochs' });
    state.config = { ...state.config, epochs };
    // Extending a finished run: its clock would count the wait, so it reports no time.
    if (run.epoch >= run.target && epochs > run.target) run.interrupted = true;
    run.target = epochs;
    worker.setTarget(epochs);
    saveUrl();
    if (resumeAfter && state.phase === 'done' && state.playing && !state.stale) resume();
    else if (state.phase === 'done' && run.epoch < epochs) setPhase('paused');
    render();
  }

  function setSpeed(speed) {
    state.still = false;
    state.config = { ...state.config, speed };
    saveUrl();
    if (state.phase === 'training') resume();
  }

  function setInput(pixels) {
    state.config = { ...state.config, input: pixels };
    showInput();
    saveUrl();
    if (state.phase === 'error' || !state.run) return;
    if (state.playing) {
      // Coalesced: a drag across several cells in one frame makes one run, not several.
      state.inputChanged = true;
      requestFrame();
    } else {
      state.stale = true;
      worker.view({ input: pixels });
      render();
    }
  }

  function setProbe(z) {
    state.probe = z;
    worker.view({ probe: z });
  }

  // The link was edited by hand (or Back was pressed): apply what differs; a value that does
  // not parse is named, and the one in use stays.
  function followLink() {
    const { state: parsed, problems } = readState({ search: location.search, hash: location.hash });
    showLinkProblems(problems);
    const c = state.config;
    const bad = new Set(problems.map((p) => setting('key', p.key).field));
    const next = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, bad.has(k) ? c[k] : v]));
    const runChanged = !sameRun(next, c);
    if (next.speed !== c.speed) setSpeed(next.speed);
    if (runChanged) {
      state.config = { ...state.config, input: next.input };
      showInput();
      startRun({ ...next, speed: state.config.speed }, { play: true, seeded: next.seed !== c.seed });
    } else if (next.epochs !== c.epochs) {
      setEpochs(next.epochs);
    }
  }

  // ---- the worker's side -----------------------------------------------------------------------

  function onMessage(msg) {
    switch (msg.type) {
      case MSG.READY:
        state.ready = true;
        host.dataset.build = msg.build;
        // What the module itself says it runs, as a check on the file bridge.js picked.
        host.dataset.kernels = msg.kernels;
        return render();
      case MSG.STARTED:
        return started(msg);
      case MSG.REJECTED:
        return rejected(msg);
      case MSG.FRAME:
        return frame(msg);
      case MSG.HALTED:
        state.playing = false;
        setPhase('paused');
        // The core's message says what happened and what to do; the model is as it was.
        fieldError('learningRate', `Training stopped at epoch ${fmt(msg.epoch)}: ${readable(msg.message)}`);
        return render();
      case MSG.FATAL:
        return fail(`${msg.message} (has the wasm been built? run: bash scripts/build.sh)`);
      default:
        return undefined;
    }
  }

  function started(msg) {
    const p = state.pending;
    if (!p || p.id !== msg.run) return;
    state.pending = null;
    state.notice = null;
    if (state.run?.history.length) state.previous = state.run.history;
    if (state.run) state.still = false;
    state.run = {
      id: msg.run,
      seed: msg.seed,
      source: p.fileName ? 'file' : 'seed',
      fileName: p.fileName ?? null,
      epoch: 0,
      target: p.config.epochs,
      frame: null,
      history: new LossHistory(),
      options: msg.options, // the core's resolved options(): what a saved file records
      doneMs: null, // set when the run plays to its end without a pause or a Step
      interrupted: false,
    };
    // Speed is not part of a run, and the input may have moved on while the worker was busy:
    // for both, the newest wins (and a newer input makes another run, or a stale one).
    const before = state.config;
    const newerInput = state.config.input !== p.config.input;
    state.config = { ...p.config, speed: state.config.speed, input: state.config.input };
    state.playing = p.play;
    state.stale = newerInput && !p.play;
    state.inputChanged = newerInput && p.play;
    if (state.stale) worker.view({ input: state.config.input });
    state.tickInFlight = false;
    for (const field of ['seed', 'learningRate', 'epochs', 'options']) fieldError(field, null);
    if (state.probe?.length !== p.config.latent) setProbe(null);
    latent.setUnits(p.config.latent);
    editor.render(state.config, msg.nParams);
    network.setNetwork(msg.options);
    host.dataset.seed = String(msg.seed);
    host.dataset.run = String(msg.run);
    const dropped = !p.fileName && state.loaded ? state.loaded.fileName : null;
    state.loaded = p.fileName ? { weights: p.weights, fileName: p.fileName } : null;
    if (p.fresh) weightsPanel.loaded(p.fileName, sameNetwork(before, state.config) ? null : layerWidths(state.config).join('-'));
    if (dropped) weightsPanel.seeded(msg.seed, dropped);
    saveUrl();
    if (p.step) worker.tick(msg.run, 1);
    if (state.playing) resume();
    else setPhase('paused');
  }

  function rejected(msg) {
    const p = state.pending;
    if (!p || p.id !== msg.run) return;
    state.pending = null;
    // The link's own run cannot start: say why where the reader looks, and run the default.
    if (!state.run && msg.field in DEFAULTS && p.config[msg.field] !== DEFAULTS[msg.field]) {
      const note = $('link-note');
      if (note) {
        note.hidden = false;
        setText(note, `Bad link: ${readable(msg.message)} The page uses the default (${DEFAULTS[msg.field]}) instead.`);
      }
      return startRun({ ...p.config, [msg.field]: DEFAULTS[msg.field] }, { play: p.play });
    }
    if (!state.run) return fail(`bad link: ${readable(msg.message)}`);
    const field = p.field ?? (msg.field === 'input' ? null : msg.field);
    const message = `${readable(msg.message)} The current run carries on.`;
    if (p.fresh) {
      weightsPanel.refused(p.fileName, msg.message);
    } else if (field) {
      fieldError(field, message);
    } else {
      state.notice = message;
    }
    render();
  }

  function frame(msg) {
    const { run } = state;
    if (!run || msg.run !== run.id) return;
    const previousEpoch = run.epoch;
    run.frame = msg;
    run.epoch = msg.epoch;
    host.dataset.epoch = String(msg.epoch);
    host.dataset.loss = String(msg.loss);
    run.target = msg.target;
    if (msg.losses.length) run.history.append(msg.epochs, msg.losses);
    state.tickInFlight = false;
    latent.watch(msg, previousEpoch);
    const finished = msg.epoch >= msg.target && !msg.running;
    if (finished && (state.phase === 'training' || (state.phase === 'paused' && !state.stale))) {
      run.doneMs = run.interrupted ? null : msg.trainedMs;
      // Drawn now, not at the next animation frame: 'done' means the final picture is up.
      draw();
      setPhase('done');
      render();
      return;
    }
    requestFrame();
  }

  // ---- drawing -------------------------------------------------------------------------------

  function requestFrame() {
    if (state.frameRequested) return;
    state.frameRequested = true;
    win.requestAnimationFrame(() => {
      state.frameRequested = false;
      onAnimationFrame();
    });
  }

  function onAnimationFrame() {
    if (state.inputChanged && !state.pending) {
      state.inputChanged = false;
      startRun(state.config);
    }
    draw();
    render();
    // Paced play: one tick per frame, and the next only once its answer is in.
    const { run } = state;
    const training = state.phase === 'training' && !state.suspended;
    if (training && pace() !== 'max' && !state.tickInFlight && !state.pending
        && run && run.epoch < run.target) {
      state.tickInFlight = true;
      worker.tick(run.id, state.config.speed);
    }
    if (training || state.inputChanged) requestFrame();
  }

  function draw() {
    const f = state.run?.frame;
    if (!f) return;
    reconstruction.draw(f.recon);
    latent.draw(f.code, state.probe);
    decoded.draw(f.decoded ?? f.recon);
    network.draw(f.net, f.loss, f.running);
    chart.draw({
      series: [
        { history: state.previous, name: 'previous run', color: ['--ghost', '#999'], dash: [4, 3], width: 1.5 },
        { history: state.run.history, name: 'loss', color: ['--accent', '#2f6fed'], width: 1.5, main: true },
      ],
      target: state.run.target,
    });
  }

  function showInput() {
    original.draw(state.config.input);
    const digit = digitOf(state.config.input);
    presets.setActive(digit);
    caption.textContent = digit === null ? 'Original 8x8 image: your drawing' : `Original 8x8 image of digit '${digit}'`;
  }

  // Everything that is text: controls, meters, status.
  function render() {
    const { run, config, phase } = state;
    controls.render({
      phase,
      ready: state.ready,
      epoch: run?.epoch ?? 0,
      target: run?.target ?? config.epochs,
      loss: run?.frame ? run.frame.loss : null,
      seed: config.seed,
      learningRate: config.learningRate,
      epochs: config.epochs,
      speed: config.speed,
    });
    weightsPanel.setEnabled(state.ready && phase !== 'error' && Boolean(run));
    if (phase !== 'error') setText(status, statusText());
  }

  function statusText() {
    const { run, phase } = state;
    const build = host.dataset.build ? `, ${host.dataset.build} wasm build` : '';
    if (state.notice) return state.notice;
    if (!run) return 'Loading the WebAssembly module…';
    const from = run.source === 'file' ? `weights from ${run.fileName} (not in the link)` : `seed ${run.seed}`;
    if (state.stale) return 'Paused with a new input: shown through the current model. Play or Step trains a new run on it.';
    if (phase === 'training') return `Training ${from}${build}…`;
    if (phase === 'paused') return `Paused at epoch ${fmt(run.epoch)} of ${fmt(run.target)}, ${from}.`;
    if (phase === 'done') {
      const time = run.doneMs === null ? '' : ` in ${duration(run.doneMs)}`;
      return `Done: ${fmt(run.epoch)} epochs${time}, ${from}${build}.`;
    }
    return '';
  }

  function setPhase(phase) {
    state.phase = phase;
    host.dataset.state = phase;
  }

  // What in the link could not be used, at the top where the reader looks (the embed has no note).
  function showLinkProblems(problems) {
    const note = $('link-note');
    const text = describeLinkProblems(problems);
    host.dataset.linkProblems = problems.map((p) => p.key).join(' ');
    if (!note) return;
    note.hidden = !text;
    setText(note, text ?? '');
  }

  function fail(message) {
    setPhase('error');
    host.dataset.error = message;
    status.textContent = `Error: ${message}`;
    status.classList.add('error');
    render();
  }

  // ---- the link --------------------------------------------------------------------------------

  function saveUrl() {
    if (!location) return;
    // The digits tab takes the seed and the drawing along (and the digits tab brings them back).
    const tab = root.querySelector('nav.modes a[href^="digits.html"]');
    if (tab) setAttr(tab, 'href', digitsTabHref(state.config));
    win.clearTimeout(state.urlTimer);
    state.urlTimer = win.setTimeout(flushUrl, URL_DELAY_MS);
  }

  function flushUrl() {
    if (!location || !state.run) return;
    win.clearTimeout(state.urlTimer);
    const hash = stateHash(state.config);
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
  }

  // ---- weights ---------------------------------------------------------------------------------

  // The current weights as the panel saves them: named and described by the run they came from.
  async function savedWeights() {
    const { weights, epoch, loss } = await worker.weights();
    const { run, config } = state;
    const fromSeed = run.source === 'seed';
    return {
      weights,
      options: run.options,
      name: fromSeed ? `tinyae-seed${run.seed}-epoch${epoch}.json` : `tinyae-epoch${epoch}.json`,
      meta: {
        ...(fromSeed ? { seed: run.seed } : { loadedFrom: run.fileName }),
        epochs: epoch,
        learningRate: config.learningRate,
        input: encodeImage(config.input),
        loss,
      },
    };
  }
}

/** A training time for people: '0.4 ms', '38 ms', '3.2 s' (never a rounded-away '0.00 s'). */
export function duration(ms) {
  if (ms < 10) return `${Math.max(ms, 0.1).toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The core's message made to read as a sentence: "learning_rate must …" -> "Learning rate must …." */
function readable(message) {
  const text = message.replace(/^learning_rate/, 'Learning rate').replace(/^seed/, 'Seed');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
