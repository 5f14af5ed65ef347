// The demo's wiring: one explicit object (`d`) for the page's settings and the parts that show
// them, the run session (core/session.js) that drives the worker, and the reader's actions.
//
// A run is the seed's initial weights (or a file's) of the network the editor describes, trained
// on the input at the learning rate for the chosen epochs: exactly what the link records.
// Changing the input, seed, learning rate or network therefore starts a new run; more epochs
// extend the current one (training on is the same as having asked for more from the start).
// One exception, for exploring: while paused, a new input is only shown through the current
// model, and the new run waits for Play or Step.
//
// The page's state is published on the host element for tests and benchmarks (session.js):
// data-state = loading | training | paused | done | error, data-build, data-kernels, data-seed,
// data-run (the current run's number: it changes whenever a new run starts).
import { createArchEditor } from '../core/arch-editor.js';
import { fromCoreOptions } from '../core/architecture.js';
import { setProp, setText } from '../core/dom.js';
import { RunSession } from '../core/session.js';
import { encodeImage, sameRun } from '../core/urlstate.js';
import { createControls } from './controls.js';
import { createLink, readKnockOuts } from './link.js';
import { runHooks, startRun } from './runs.js';
import { statusText } from './status.js';
import { createViews } from './views.js';
import { createWeightsPanel } from './weights-panel.js';

/**
 * Starts the demo inside `root` (the element holding index.html's markup, or a shadow root).
 * `host` carries the data-* state; `initial` is readState()'s result (its `problems` are
 * shown in #link-note, and their defaults run);
 * `worker` is startWorker()'s handle and `firstRun` the id of a run already asked of it with
 * initial.state (so training starts before this module has even loaded), or null; without
 * `autoplay` the first run waits for Play; `location`/`history` (the page's, or omitted) keep
 * the state in the URL hash.
 */
export function mountDemo(
  root,
  { host, initial, worker, firstRun = null, autoplay = true, location = null, history = null },
) {
  const status = root.querySelector('#status');
  const win = host.ownerDocument.defaultView;
  const d = {
    win,
    root,
    worker,
    config: { ...initial.state }, // seed, learningRate, epochs, speed, input, the network: what the link says
    // prefers-reduced-motion: the autoplayed first run is computed at full speed and shown
    // finished, as the compact figure does; Replay, any later run or a new speed is watched.
    still: autoplay && Boolean(win.matchMedia?.('(prefers-reduced-motion: reduce)').matches),
    build: '', // the wasm build's name, once it runs
    previous: null, // the last run's LossHistory, drawn faintly
    inputChanged: false, // playing and the input changed: the next animation frame starts a run
    loaded: null, // { weights | checkpoint, fileName }: a file's model, every run's start until the reader picks a seed
    linkedOff: location ? readKnockOuts(location.hash) : [], // the link's knock-outs, for its first run
    notice: null, // a message for the status line, until the next run starts
    probe: null, // the latent numbers the reader set with the sliders, or null: follow the input
    spokenPhase: null, // the phase #run-announce last spoke
  };
  d.render = () => render(d, status);
  d.setProbe = (z) => setProbe(d, z);
  d.views = createViews(root, {
    input: () => d.config.input,
    on: {
      input: (pixels) => setInput(d, pixels),
      paintDone: () => d.link.flush(),
      probe: d.setProbe,
      newSeed: () => newSeed(d),
      // Knock-outs are the view's alone: the worker draws without those units and trains with all.
      knockOut: (off) => {
        worker.view({ run: d.session.run.id, off });
        d.link.save();
      },
    },
  });
  worker.view({ network: true });
  d.link = createLink(root, {
    host,
    location,
    history,
    config: () => d.config,
    hasRun: () => Boolean(d.session.run),
    knockOuts: () => d.views.knockOuts(),
    onEdit: () => followLink(d),
  });
  d.controls = createControls(root, {
    play: () => d.session.play(),
    pause: () => d.session.pause(),
    replay: () => startRun(d, d.config, { play: true }),
    step: () => d.session.step(1),
    newSeed: () => newSeed(d),
    seed: (seed) => startRun(d, { ...d.config, seed }, { field: 'seed', seeded: true }),
    learningRate: (learningRate) =>
      startRun(d, { ...d.config, learningRate }, { field: 'learningRate' }),
    epochs: (epochs) => setEpochs(d, epochs),
    speed: (speed) => setSpeed(d, speed),
  });
  // A change of network is a new run from the seed (a loaded file's weights fit only its own).
  d.editor = createArchEditor(root.querySelector('#arch-editor'), {
    onChange: (patch) =>
      startRun(
        d,
        { ...(d.session.pending?.config ?? d.config), ...patch },
        { field: 'options', seeded: true },
      ),
  });
  d.fieldError = (field, message) =>
    field === 'options' ? d.editor.error(message) : d.controls.fieldError(field, message);
  // A file for another network rebuilds the page to it: its options become the run's.
  d.weightsPanel = createWeightsPanel(root, {
    current: () => savedWeights(d),
    onLoad: (weights, fileName, options) => {
      if (d.session.playing) d.session.pause();
      const config = options ? { ...d.config, ...fromCoreOptions(options) } : d.config;
      startRun(d, config, { play: false, weights: Array.from(weights), fileName, fresh: true });
    },
  });
  wireKeras(d);
  // The speed training goes at: the reader's, unless the first run is shown finished.
  const speed = () => (d.still ? 'max' : d.config.speed);
  d.session = new RunSession({ host, worker, status, playing: autoplay, speed, on: runHooks(d) });

  d.views.showInput();
  d.editor.render(d.config, null);
  d.link.showProblems(initial.problems ?? []);
  if (firstRun === null) startRun(d, d.config, { play: autoplay });
  else d.session.expect(firstRun, d.config, { play: autoplay });
  // Only now: what the worker said while this module loaded may already answer that run.
  d.session.listen();
  d.render();
  return {
    /** Stops the worker and lets go of the page: for an embed that leaves the document. */
    destroy() {
      d.link.destroy();
      worker.terminate();
    },
    /** false: the demo is off-screen or its tab hidden, so training waits; true: it carries on. */
    setActive: (active) => d.session.setActive(active),
    // The element's script API (tiny-autoencoder.js): the toolbar's own actions.
    play: () => d.session.play(),
    pause: () => d.session.pause(),
    /** Pauses, then trains `steps` more epochs, one Step at a time. */
    step(steps) {
      for (let i = 0; i < steps; i++) d.session.step(1);
    },
    /** A fresh run of the current settings, paused at epoch 0. */
    reset: () => d.session.reset(),
  };
}

// .keras files and the Keras code (issue 23): keras-panel.js, and the Keras wasm build it loads,
// come on first use (dist/ keeps them out of the page's bundle: a first visit does not fetch
// them). The element's explorer has the same markup, so the same panel.
function wireKeras(d) {
  const panel = () => import('./keras-panel.js');
  const k = {
    root: d.root,
    current: () => savedWeights(d, true),
    options: () => d.session.run?.options,
    // A file's model goes on from where it stopped: its epochs count on from the file's.
    onLoad: ({ checkpoint, options, epoch }, fileName) => {
      if (d.session.playing) d.session.pause();
      const epochs = epoch >= d.config.epochs ? epoch + d.config.epochs : d.config.epochs;
      startRun(
        d,
        { ...d.config, ...fromCoreOptions(options), epochs },
        { play: false, checkpoint, fileName, fresh: true },
      );
    },
  };
  // Where the module cannot load (the single-file page opened from disk), the panel says so.
  const failed = (err) => {
    const error = d.root.querySelector('#weights-error');
    setProp(error, 'hidden', false);
    setText(
      error,
      `The Keras part of the page did not load (${err.message}); it needs the page served over http(s).`,
    );
  };
  const on = (id, type, action) =>
    d.root
      .querySelector(`#${id}`)
      ?.addEventListener(type, (e) => panel().then((m) => m[action](e, k), failed));
  on('download-keras', 'click', 'download');
  on('load-keras', 'click', 'choose');
  on('keras-file', 'change', 'chosen');
  on('keras-code', 'toggle', 'code');
  on('copy-keras-code', 'click', 'copy');
  // A .keras file dropped anywhere on the page (the picture's drop zones let it pass). Files
  // are let drop, so that one the page does not take is not opened in place of the page.
  if (!d.root.querySelector('#download-keras')) return;
  d.root.addEventListener(
    'dragover',
    (e) => e.dataTransfer?.types.includes('Files') && e.preventDefault(),
  );
  d.root.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file?.name.endsWith('.keras')) return;
    e.preventDefault();
    panel().then((m) => m.read(file, k), failed);
  });
  // An open code panel follows the network.
  d.networkChanged = () => {
    const code = d.root.querySelector('#keras-code');
    if (code?.open) panel().then((m) => m.code(null, k));
  };
}

function newSeed(d) {
  const seed = d.win.crypto.getRandomValues(new Uint32Array(1))[0];
  startRun(d, { ...d.config, seed }, { field: 'seed', play: true, seeded: true });
}

function setEpochs(d, epochs) {
  const { run } = d.session;
  // Fewer epochs than already trained: the shorter run has to be trained again.
  if (!run || epochs < run.epoch) return startRun(d, { ...d.config, epochs }, { field: 'epochs' });
  d.session.extend(epochs);
}

function setSpeed(d, speed) {
  d.still = false;
  d.config = { ...d.config, speed };
  d.link.save();
  d.session.speedChanged();
}

function setInput(d, pixels) {
  d.config = { ...d.config, input: pixels };
  d.views.showInput();
  d.link.save();
  if (d.session.phase === 'error' || !d.session.run) return;
  if (d.session.playing) {
    // Coalesced: a drag across several cells in one frame makes one run, not several.
    d.inputChanged = true;
    d.session.requestFrame();
  } else {
    d.session.stale = true;
    d.worker.view({ input: pixels });
    d.render();
  }
}

function setProbe(d, z) {
  d.probe = z;
  d.worker.view({ probe: z });
}

// The link was edited by hand (or Back was pressed): apply what differs.
function followLink(d) {
  const c = d.config;
  const next = d.link.read();
  const runChanged = !sameRun(next, c);
  if (next.speed !== c.speed) setSpeed(d, next.speed);
  if (runChanged) {
    d.config = { ...d.config, input: next.input };
    d.views.showInput();
    startRun(d, { ...next, speed: d.config.speed }, { play: true, seeded: next.seed !== c.seed });
  } else if (next.epochs !== c.epochs) {
    setEpochs(d, next.epochs);
  }
}

// Everything that is text: controls, meters, status.
function render(d, status) {
  const { session, config } = d;
  const { run, phase } = session;
  d.controls.render({
    phase,
    ready: session.ready,
    epoch: run?.epoch ?? 0,
    target: run?.target ?? config.epochs,
    loss: run?.frame ? run.frame.loss : null,
    seed: config.seed,
    learningRate: config.learningRate,
    epochs: config.epochs,
    speed: config.speed,
  });
  d.weightsPanel.setEnabled(session.ready && phase !== 'error' && Boolean(run));
  if (phase !== 'error') setText(status, statusText({ session, notice: d.notice, build: d.build }));
  // #status is shown, not spoken: frames rewrite it (a pause's last frame lands after the pause).
  // #run-announce speaks each new phase once, as the status said it then (milestones: runs.js;
  // #announce is the painter's, which a run's end must not cut short).
  if (phase !== d.spokenPhase && session.run) {
    d.spokenPhase = phase;
    if (phase !== 'loading') setText(d.root.querySelector('#run-announce'), status.textContent);
  }
}

// The current weights as the panel saves them: named and described by the run they came from.
async function savedWeights(d, checkpoint = false) {
  const { weights, epoch, loss, checkpoint: state } = await d.worker.weights(checkpoint);
  const { run } = d.session;
  const fromSeed = run.source === 'seed';
  return {
    weights,
    checkpoint: state,
    options: run.options,
    name: fromSeed ? `tinyae-seed${run.seed}-epoch${epoch}.json` : `tinyae-epoch${epoch}.json`,
    meta: {
      ...(fromSeed ? { seed: run.seed } : { loadedFrom: run.fileName }),
      epochs: epoch,
      learningRate: d.config.learningRate,
      input: encodeImage(d.config.input),
      loss,
    },
  };
}
