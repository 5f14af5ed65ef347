// The digits page's variational panel ("Make new digits"): a VAE with a 2-number code
// (engine/vae-model.js) trained live in the panels' engine, which starts only when the reader
// presses Train, by a run session like every run (paused while the tab is hidden). It draws what
// the frames carry: the loss terms as two series, the decoder's grid over the prior, the test
// digits at their means, new digits on Generate, and the path between two picked digits.
import { Chart, LossHistory } from '../../core/chart.js';
import { setAttr, setProp, setText } from '../../core/dom.js';
import { DATA_MSG as MSG } from '../../engine/protocol.js';
import { EPOCHS, MILESTONES, SAMPLES } from '../../engine/vae-model.js';
import { GRID, GRID_GAP, PATH } from '../../engine/vae-prior.js';
import { startPanelSession } from '../panel-session.js';
import { TileView } from '../map/tiles.js';
import { createVaeMap } from './map.js';

const terms = (t) => `reconstruction ${t.reconstruction.toFixed(2)}, KL ${t.kl.toFixed(2)}`;

// The session's phases as the panel names them: asked for is running already.
const STATES = { loading: 'running', training: 'running' };
const stateOf = (p) => (p.session ? (STATES[p.session.phase] ?? p.session.phase) : 'idle');

/**
 * Mounts the panel on `root` (the #vae section of digits.html); `engine()`: the panels' engine
 * (started when first asked), `source`: the built-in digits (engine.loadData's). Nothing is
 * loaded until Train is pressed, or the handle's start(). `host`: where the run is published
 * (data-state and the rest, and the loss as data-loss) by an embed, which then says when it may
 * train (setActive); by default the panel, paused while the tab is hidden. Returns `{
 * start(play), play(), pause(), step(n), reset(), setActive(active) }`, the element's calls.
 */
export function mountVaePanel(root, { engine, source, host = null }) {
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
  // The panel: its elements and views, and its run. Every function below takes it.
  const p = {
    root,
    engine,
    source,
    ui,
    samplesText: ui.samplesCaption.textContent,
    chart: new Chart($('vae-curves')),
    grid: new TileView($('vae-manifold'), { rows: GRID, cols: GRID, gap: GRID_GAP }),
    samples: new TileView($('vae-samples'), { rows: 1, cols: SAMPLES, gap: 4, publish: true }),
    path: new TileView($('vae-path'), { rows: 1, cols: PATH, gap: 4, publish: true }),
    map: null, // below: its picks need the panel
    model: null,
    session: null, // once Train is pressed
    host,
    beta: Number(ui.beta.value),
    series: null,
    milestones: new Map(), // epoch -> { reconstruction, kl }
    picks: [],
  };
  p.map = createVaeMap($('vae-map'), {
    readout: $('vae-point'),
    onPicks: (picks) => onPicks(p, picks),
  });
  listenToControls(p);
  render(p);
  return {
    start: (play) => restart(p, play),
    play: () => (p.session ? p.session.play() : restart(p)),
    pause: () => p.session?.pause(),
    step: (n) => p.session?.step(n),
    reset: () => restart(p, false),
    setActive: (active) => p.session?.setActive(active),
  };
}

function listenToControls(p) {
  const { ui } = p;
  ui.train.addEventListener('click', () => {
    const state = stateOf(p);
    if (state === 'idle' || state === 'done') restart(p);
    else if (state === 'running') p.session.pause();
    else p.session.play();
  });
  ui.beta.addEventListener('input', () => {
    setText(ui.betaValue, ui.beta.value);
    setAttr(ui.beta, 'aria-valuetext', `beta ${ui.beta.value}`);
  });
  ui.beta.addEventListener('change', () => {
    p.beta = Number(ui.beta.value);
    if (p.session && stateOf(p) !== 'error') restart(p);
  });
  ui.generate.addEventListener('click', () =>
    p.model.request(MSG.SAMPLE, { run: p.session.run?.id }),
  );
}

// The model and its data set, asked of the engine at the first Train.
function start(p) {
  startPanelSession(p, 'vae', {
    draw: () => draw(p),
    render: () => render(p),
    restart: () => restart(p),
    started: (run, pending, previous, msg) => p.map.setLabels(msg.labels),
    frame: (run, msg) => onFrame(p, msg),
    halted: (msg) => fail(p, `Training stopped at epoch ${msg.epoch}: ${msg.message}`),
    fatal: (message) => fail(p, `The variational autoencoder could not run: ${message}`),
    message: (msg) => onMessage(p, msg),
  });
  p.engine().loadData('vae', p.source);
}

/**
 * A new model from epoch 0 with the current beta: nothing of the old one stays on show.
 * `play` false: it waits at epoch 0.
 */
function restart(p, play = true) {
  if (!p.session) start(p);
  p.series = { reconstruction: new LossHistory(), kl: new LossHistory() };
  p.milestones.clear();
  p.map.clearPicks();
  onPicks(p, []);
  p.samples.draw(null);
  setText(p.ui.samplesCaption, p.samplesText);
  p.root.dataset.beta = String(p.beta);
  p.session.start({ beta: p.beta, epochs: EPOCHS }, { play });
  showFigures(p);
  say(p, `Variational autoencoder: training from epoch 0 with beta ${p.beta}.`);
  render(p);
}

function onMessage(p, msg) {
  if (msg.type === MSG.SAMPLES && msg.run === p.session.run?.id) {
    p.samples.draw(msg.images);
    setText(
      p.ui.samplesCaption,
      `${SAMPLES} new digits, decoded from codes drawn from N(0, 1) at epoch ${p.session.run.epoch}. Press Generate again for others.`,
    );
  }
  if (msg.type === MSG.REFUSED)
    p.session.fail(fail(p, `The variational autoencoder could not run: ${msg.message}`));
}

function fail(p, message) {
  setText(p.ui.figures, message);
  say(p, message);
  return message;
}

function onFrame(p, msg) {
  p.series.reconstruction.append(msg.epochs, msg.reconstruction);
  p.series.kl.append(msg.epochs, msg.kl);
  // An embed's `loss`: the model's own, reconstruction plus beta times KL, after the last epoch.
  const last = msg.epochs.length - 1;
  if (p.host && last >= 0)
    p.host.dataset.loss = String(msg.reconstruction[last] + p.beta * msg.kl[last]);
  msg.epochs.forEach((epoch, k) => {
    if (!MILESTONES.includes(epoch) || p.milestones.has(epoch)) return;
    const t = { reconstruction: msg.reconstruction[k], kl: msg.kl[k] };
    p.milestones.set(epoch, t);
    showFigures(p);
    say(p, `Variational autoencoder, ${epoch} epochs: ${terms(t)}.`);
  });
}

function showFigures(p) {
  const { figures } = p.ui;
  const done = [...p.milestones].map(([epoch, t]) => `after ${epoch} epochs ${terms(t)}`);
  setText(
    figures,
    done.length
      ? `Over the training digits, ${done.join('; ')}.`
      : 'Changing β starts again from epoch 0.',
  );
  figures.dataset.terms = JSON.stringify(Object.fromEntries(p.milestones));
}

function render(p) {
  const state = stateOf(p);
  p.root.dataset.state = state;
  setText(p.ui.train, { running: 'Pause', done: 'Train again' }[state] ?? 'Train');
  setProp(p.ui.train, 'disabled', state === 'error');
  setProp(
    p.ui.generate,
    'disabled',
    state === 'idle' || state === 'error' || !p.session?.run?.frame,
  );
}

function draw(p) {
  const f = p.session.run?.frame;
  if (!f) return;
  p.chart.draw({
    series: [
      {
        history: p.series.reconstruction,
        name: 'reconstruction',
        color: ['--vae-recon', '#2f6fed'],
        main: true,
      },
      { history: p.series.kl, name: 'KL', color: ['--vae-kl', '#e8590c'] },
    ],
    target: EPOCHS,
  });
  p.grid.draw(f.grid);
  p.map.draw(f.means, f.sigmas);
  if (p.picks.length === 2 && f.path) p.path.draw(f.path);
  const { ui, series } = p;
  setText(ui.epoch, `${f.epoch} / ${EPOCHS}`);
  ui.epoch.dataset.value = String(f.epoch);
  const last = series.reconstruction.length - 1;
  if (last < 0) return;
  setText(ui.recon, series.reconstruction.losses[last].toFixed(2));
  setText(ui.kl, series.kl.losses[last].toFixed(2));
  ui.kl.dataset.value = String(series.kl.losses[last]);
  ui.recon.dataset.value = String(series.reconstruction.losses[last]);
}

function onPicks(p, picks) {
  p.picks = picks;
  const { name } = p.map;
  if (picks.length === 2) {
    setText(
      p.ui.pathCaption,
      `From ${name(picks[0])} to ${name(picks[1])}: the decoder at ${PATH} codes along the straight line between their means, ends included.`,
    );
  } else {
    p.path.draw(null);
    setText(
      p.ui.pathCaption,
      picks.length
        ? `Picked ${name(picks[0])}; pick a second digit.`
        : `Pick two digits on the map to see the ${PATH} decodes along the straight line between their means.`,
    );
  }
  setAttr(p.path.canvas, 'data-pair', picks.length === 2 ? picks.join(',') : null);
  p.model?.view({ pair: picks.length === 2 ? picks : null });
}

function say(p, text) {
  // Milestones only: start, 100 and 300 epochs, a restart, a failure.
  setText(p.ui.announce, text);
}
