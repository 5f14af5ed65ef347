// The digits page's variational panel ("Make new digits"): a VAE with a 2-number code trained
// live in its own worker (vae-worker.js), which starts only when the reader presses Train. The
// panel asks for one chunk of training per animation frame and draws only when a frame has
// arrived: the loss terms as two series, the decoder's grid over the prior, the test digits at
// their means, new digits on Generate, and the path between two picked digits.
import { Chart, LossHistory } from '../core/chart.js';
import { setAttr, setProp, setText } from '../core/dom.js';
import { linkWorker } from '../core/worker-link.js';
import { TileView } from './tiles.js';
import { createVaeMap } from './vae-map.js';
import { EPOCHS, GRID, GRID_GAP, MILESTONES, PATH, SAMPLES, VAE_MSG as MSG } from './vae-protocol.js';

const terms = (t) => `reconstruction ${t.reconstruction.toFixed(2)}, KL ${t.kl.toFixed(2)}`;

/**
 * Mounts the panel on `root` (the #vae section of digits.html); `dataUrl`: the built-in digits,
 * `build`: the wasm build the page picked. Nothing is loaded until Train is pressed.
 */
export function mountVaePanel(root, { dataUrl, build }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const ui = {
    train: $('vae-train'),
    beta: $('vae-beta'),
    betaValue: $('vae-beta-value'),
    epoch: $('vae-epoch'),
    recon: $('vae-recon'),
    kl: $('vae-kl'),
    figures: $('vae-figures'),
    generate: $('vae-generate'),
    samplesCaption: $('vae-samples-caption'),
    pathCaption: $('vae-path-caption'),
    announce: $('vae-announce'),
  };
  // The panel: its elements and views, and where training is. Every function below takes it.
  const p = {
    root,
    dataUrl,
    build,
    ui,
    chart: new Chart($('vae-curves')),
    grid: new TileView($('vae-manifold'), { rows: GRID, cols: GRID, gap: GRID_GAP }),
    samples: new TileView($('vae-samples'), { rows: 1, cols: SAMPLES, gap: 4, publish: true }),
    path: new TileView($('vae-path'), { rows: 1, cols: PATH, gap: 4, publish: true }),
    map: null, // below: its picks need the panel
    link: null,
    phase: 'idle', // idle (never trained), running, paused, done, error
    run: 0,
    beta: Number(ui.beta.value),
    epoch: 0,
    waiting: false, // an advance is out: the next waits for its frame
    frame: null, // the newest frame, drawn at the next animation frame
    drawn: null, // the frame on screen
    queued: false,
    series: null,
    milestones: new Map(), // epoch -> { reconstruction, kl }
    picks: [],
  };
  p.map = createVaeMap($('vae-map'), { readout: $('vae-point'), onPicks: (picks) => onPicks(p, picks) });
  listenToControls(p);
  setPhase(p, 'idle');
}

function listenToControls(p) {
  const { ui } = p;
  ui.train.addEventListener('click', () => {
    if (p.phase === 'idle' || p.phase === 'done') return restart(p);
    setPhase(p, p.phase === 'running' ? 'paused' : 'running');
    schedule(p);
  });
  ui.beta.addEventListener('input', () => {
    setText(ui.betaValue, ui.beta.value);
    setAttr(ui.beta, 'aria-valuetext', `beta ${ui.beta.value}`);
  });
  ui.beta.addEventListener('change', () => {
    p.beta = Number(ui.beta.value);
    if (p.phase !== 'idle' && p.phase !== 'error') restart(p);
  });
  ui.generate.addEventListener('click', () => send(p, MSG.SAMPLE, { run: p.run }));
}

function setPhase(p, phase) {
  p.phase = phase;
  p.root.dataset.state = phase;
  const label = { running: 'Pause', done: 'Train again' }[phase] ?? 'Train';
  setText(p.ui.train, label);
  setProp(p.ui.train, 'disabled', phase === 'error');
  setProp(p.ui.generate, 'disabled', phase === 'idle' || phase === 'error' || !p.frame);
}

// The worker starts with the first message, so only once Train is pressed.
function send(p, type, fields) {
  if (!p.link) {
    const worker = new Worker(new URL('./vae-worker.js', import.meta.url), { type: 'module' });
    p.link = linkWorker(worker, p.build, 'vae-worker.js');
    p.link.listen((msg) => onMessage(p, msg));
  }
  p.link.send(type, fields);
}

/** A new model from epoch 0 with the current beta. */
function restart(p) {
  p.run += 1;
  p.epoch = 0;
  p.series = { reconstruction: new LossHistory(), kl: new LossHistory() };
  p.milestones.clear();
  p.map.clearPicks();
  onPicks(p, [], { quiet: true });
  p.samples.draw(null);
  p.root.dataset.beta = String(p.beta);
  send(p, MSG.RESET, { run: p.run, url: p.dataUrl, beta: p.beta });
  setPhase(p, 'running');
  showFigures(p);
  say(p, `Variational autoencoder: training from epoch 0 with beta ${p.beta}.`);
}

function onMessage(p, msg) {
  switch (msg.type) {
    case MSG.DATASET:
      return p.map.setLabels(msg.labels);
    case MSG.FRAME:
      return onFrame(p, msg);
    case MSG.SAMPLES:
      if (msg.run !== p.run) return;
      p.samples.draw(msg.images);
      return setText(p.ui.samplesCaption, `${SAMPLES} new digits, decoded from codes drawn from N(0, 1) at epoch ${p.epoch}. Press Generate again for others.`);
    case MSG.HALTED:
      if (msg.run !== p.run) return;
      setPhase(p, 'paused');
      return fail(p, `Training stopped at epoch ${msg.epoch}: ${msg.message}`);
    case MSG.FATAL:
      setPhase(p, 'error');
      return fail(p, `The variational autoencoder could not run: ${msg.message}`);
    default:
      return undefined; // ready: nothing to show until the first frame
  }
}

function fail(p, message) {
  setText(p.ui.figures, message);
  say(p, message);
}

function onFrame(p, msg) {
  if (msg.cause === 'advance') p.waiting = false;
  if (msg.run === p.run) {
    p.series.reconstruction.append(msg.epochs, msg.reconstruction);
    p.series.kl.append(msg.epochs, msg.kl);
    noteMilestones(p, msg);
    p.epoch = msg.epoch;
    p.frame = msg;
    if (p.epoch >= EPOCHS && p.phase === 'running') setPhase(p, 'done');
    else setPhase(p, p.phase); // Generate is usable from the first frame
  }
  schedule(p);
}

function noteMilestones(p, { epochs, reconstruction, kl }) {
  epochs.forEach((epoch, k) => {
    if (!MILESTONES.includes(epoch) || p.milestones.has(epoch)) return;
    const t = { reconstruction: reconstruction[k], kl: kl[k] };
    p.milestones.set(epoch, t);
    showFigures(p);
    say(p, `Variational autoencoder, ${epoch} epochs: ${terms(t)}.`);
  });
}

function showFigures(p) {
  const { figures } = p.ui;
  const done = [...p.milestones].map(([epoch, t]) => `after ${epoch} epochs ${terms(t)}`);
  setText(figures, done.length ? `Over the training digits, ${done.join('; ')}.` : 'Changing β starts again from epoch 0.');
  figures.dataset.terms = JSON.stringify(Object.fromEntries(p.milestones));
}

function schedule(p) {
  if (p.queued) return;
  p.queued = true;
  p.root.ownerDocument.defaultView.requestAnimationFrame(() => {
    p.queued = false;
    draw(p);
    if (p.phase === 'running' && !p.waiting && p.epoch < EPOCHS) {
      p.waiting = true;
      send(p, MSG.ADVANCE, { run: p.run });
    }
  });
}

function draw(p) {
  const f = p.frame;
  if (!f || f === p.drawn) return;
  p.drawn = f;
  p.chart.draw({
    series: [
      { history: p.series.reconstruction, name: 'reconstruction', color: ['--vae-recon', '#2f6fed'], main: true },
      { history: p.series.kl, name: 'KL', color: ['--vae-kl', '#e8590c'] },
    ],
    target: EPOCHS,
  });
  p.grid.draw(f.grid);
  p.map.draw(f.means, f.sigmas);
  if (p.picks.length === 2 && f.path) p.path.draw(f.path);
  showReadouts(p, f.epoch);
}

function showReadouts(p, epoch) {
  const { ui, series } = p;
  setText(ui.epoch, `${epoch} / ${EPOCHS}`);
  ui.epoch.dataset.value = String(epoch);
  const last = series.reconstruction.length - 1;
  if (last < 0) return;
  setText(ui.recon, series.reconstruction.losses[last].toFixed(2));
  setText(ui.kl, series.kl.losses[last].toFixed(2));
  ui.kl.dataset.value = String(series.kl.losses[last]);
  ui.recon.dataset.value = String(series.reconstruction.losses[last]);
}

// `quiet`: the picks were cleared for a new model, which has no path to send.
function onPicks(p, picks, { quiet = false } = {}) {
  p.picks = picks;
  const { name } = p.map;
  if (picks.length === 2) {
    setText(p.ui.pathCaption, `From ${name(picks[0])} to ${name(picks[1])}: the decoder at ${PATH} codes along the straight line between their means, ends included.`);
  } else {
    p.path.draw(null);
    setText(p.ui.pathCaption, picks.length
      ? `Picked ${name(picks[0])}; pick a second digit.`
      : `Pick two digits on the map to see the ${PATH} decodes along the straight line between their means.`);
  }
  setAttr(p.path.canvas, 'data-pair', picks.length === 2 ? picks.join(',') : null);
  if (!quiet) send(p, MSG.PAIR, { pair: picks.length === 2 ? picks : null });
}

function say(p, text) {
  // Milestones only: start, 100 and 300 epochs, a restart, a failure.
  setText(p.ui.announce, text);
}
