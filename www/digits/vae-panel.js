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
  const chart = new Chart($('vae-curves'));
  const grid = new TileView($('vae-manifold'), { rows: GRID, cols: GRID, gap: GRID_GAP });
  const samples = new TileView($('vae-samples'), { rows: 1, cols: SAMPLES, gap: 4, publish: true });
  const path = new TileView($('vae-path'), { rows: 1, cols: PATH, gap: 4, publish: true });
  const s = {
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
  const map = createVaeMap($('vae-map'), { readout: $('vae-point'), onPicks });

  function setPhase(phase) {
    s.phase = phase;
    root.dataset.state = phase;
    const label = { running: 'Pause', done: 'Train again' }[phase] ?? 'Train';
    setText(ui.train, label);
    setProp(ui.train, 'disabled', phase === 'error');
    setProp(ui.generate, 'disabled', phase === 'idle' || phase === 'error' || !s.frame);
  }

  function send(type, fields) {
    if (!s.link) {
      const worker = new Worker(new URL('./vae-worker.js', import.meta.url), { type: 'module' });
      s.link = linkWorker(worker, build, 'vae-worker.js');
      s.link.listen(onMessage);
    }
    s.link.send(type, fields);
  }

  /** A new model from epoch 0 with the current beta. */
  function restart() {
    s.run += 1;
    s.epoch = 0;
    s.series = { reconstruction: new LossHistory(), kl: new LossHistory() };
    s.milestones.clear();
    map.clearPicks();
    onPicks([], { quiet: true });
    samples.draw(null);
    root.dataset.beta = String(s.beta);
    send(MSG.RESET, { run: s.run, url: dataUrl, beta: s.beta });
    setPhase('running');
    showFigures();
    say(`Variational autoencoder: training from epoch 0 with beta ${s.beta}.`);
  }

  function onMessage(msg) {
    switch (msg.type) {
      case MSG.DATASET:
        return map.setLabels(msg.labels);
      case MSG.FRAME:
        return onFrame(msg);
      case MSG.SAMPLES:
        if (msg.run !== s.run) return;
        samples.draw(msg.images);
        return setText(ui.samplesCaption, `${SAMPLES} new digits, decoded from codes drawn from N(0, 1) at epoch ${s.epoch}. Press Generate again for others.`);
      case MSG.HALTED:
        if (msg.run !== s.run) return;
        setPhase('paused');
        return fail(`Training stopped at epoch ${msg.epoch}: ${msg.message}`);
      case MSG.FATAL:
        setPhase('error');
        return fail(`The variational autoencoder could not run: ${msg.message}`);
      default:
        return undefined; // ready: nothing to show until the first frame
    }
  }

  function fail(message) {
    setText(ui.figures, message);
    say(message);
  }

  function onFrame(msg) {
    if (msg.cause === 'advance') s.waiting = false;
    if (msg.run === s.run) {
      s.series.reconstruction.append(msg.epochs, msg.reconstruction);
      s.series.kl.append(msg.epochs, msg.kl);
      noteMilestones(msg);
      s.epoch = msg.epoch;
      s.frame = msg;
      if (s.epoch >= EPOCHS && s.phase === 'running') setPhase('done');
      else setPhase(s.phase); // Generate is usable from the first frame
    }
    schedule();
  }

  function noteMilestones({ epochs, reconstruction, kl }) {
    epochs.forEach((epoch, k) => {
      if (!MILESTONES.includes(epoch) || s.milestones.has(epoch)) return;
      const t = { reconstruction: reconstruction[k], kl: kl[k] };
      s.milestones.set(epoch, t);
      showFigures();
      say(`Variational autoencoder, ${epoch} epochs: ${terms(t)}.`);
    });
  }

  function showFigures() {
    const done = [...s.milestones].map(([epoch, t]) => `after ${epoch} epochs ${terms(t)}`);
    setText(ui.figures, done.length ? `Over the training digits, ${done.join('; ')}.` : 'Changing β starts again from epoch 0.');
    ui.figures.dataset.terms = JSON.stringify(Object.fromEntries(s.milestones));
  }

  function schedule() {
    if (s.queued) return;
    s.queued = true;
    root.ownerDocument.defaultView.requestAnimationFrame(() => {
      s.queued = false;
      draw();
      if (s.phase === 'running' && !s.waiting && s.epoch < EPOCHS) {
        s.waiting = true;
        send(MSG.ADVANCE, { run: s.run });
      }
    });
  }

  function draw() {
    const f = s.frame;
    if (!f || f === s.drawn) return;
    s.drawn = f;
    chart.draw({
      series: [
        { history: s.series.reconstruction, name: 'reconstruction', color: ['--vae-recon', '#2f6fed'], main: true },
        { history: s.series.kl, name: 'KL', color: ['--vae-kl', '#e8590c'] },
      ],
      target: EPOCHS,
    });
    grid.draw(f.grid);
    map.draw(f.means, f.sigmas);
    if (s.picks.length === 2 && f.path) path.draw(f.path);
    setText(ui.epoch, `${f.epoch} / ${EPOCHS}`);
    ui.epoch.dataset.value = String(f.epoch);
    const last = s.series.reconstruction.length - 1;
    if (last >= 0) {
      setText(ui.recon, s.series.reconstruction.losses[last].toFixed(2));
      setText(ui.kl, s.series.kl.losses[last].toFixed(2));
      ui.kl.dataset.value = String(s.series.kl.losses[last]);
      ui.recon.dataset.value = String(s.series.reconstruction.losses[last]);
    }
  }

  function onPicks(picks, { quiet = false } = {}) {
    s.picks = picks;
    const { name } = map;
    if (picks.length === 2) {
      setText(ui.pathCaption, `From ${name(picks[0])} to ${name(picks[1])}: the decoder at ${PATH} codes along the straight line between their means, ends included.`);
    } else {
      path.draw(null);
      setText(ui.pathCaption, picks.length
        ? `Picked ${name(picks[0])}; pick a second digit.`
        : `Pick two digits on the map to see the ${PATH} decodes along the straight line between their means.`);
    }
    setAttr($('vae-path'), 'data-pair', picks.length === 2 ? picks.join(',') : null);
    if (!quiet) send(MSG.PAIR, { pair: picks.length === 2 ? picks : null });
  }

  function say(text) {
    // Milestones only: start, 100 and 300 epochs, a restart, a failure.
    setText(ui.announce, text);
  }

  ui.train.addEventListener('click', () => {
    if (s.phase === 'idle' || s.phase === 'done') return restart();
    setPhase(s.phase === 'running' ? 'paused' : 'running');
    schedule();
  });
  ui.beta.addEventListener('input', () => {
    setText(ui.betaValue, ui.beta.value);
    setAttr(ui.beta, 'aria-valuetext', `beta ${ui.beta.value}`);
  });
  ui.beta.addEventListener('change', () => {
    s.beta = Number(ui.beta.value);
    if (s.phase !== 'idle' && s.phase !== 'error') restart();
  });
  ui.generate.addEventListener('click', () => send(MSG.SAMPLE, { run: s.run }));
  setPhase('idle');
}
