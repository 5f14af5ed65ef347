// The compact embed: the input, its reconstruction and the 2x2 code, with Play/Pause, the epoch
// and the loss, driving one training worker. The page's app.js does far more; this is what a
// post needs, and it stays small because all of it is in the embed's first download.
import { latentCells } from '../core/architecture.js';
import { watchCanvas } from '../core/canvas.js';
import { SIZE } from '../core/digit.js';
import { setAttr, setText } from '../core/dom.js';
import { drawColorBar, drawGrid, valueRange } from '../core/grid.js';
import { MSG } from '../core/protocol.js';

const BUTTON = { training: ['pause', 'Pause'], done: ['replay', 'Replay'] };
const fmt = (n) => n.toLocaleString('en-US');

/**
 * Builds the compact view inside `parent` and draws the input at once (no wasm needed).
 * `host` carries the published state (data-state, -epoch, -loss, -seed, -build, -kernels);
 * `config` is embedConfig()'s. Returns `{ start(worker), setActive(active), redraw(), destroy() }`:
 * nothing trains before start() hands it a worker-client.js worker.
 */
export function createCompactView(parent, { host, config }) {
  const doc = parent.ownerDocument;
  const h = (tag, props, ...children) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'role' || k.startsWith('aria-')) el.setAttribute(k, v);
      else el[k] = v;
    }
    el.append(...children);
    return el;
  };
  const canvas = (id, label) => h('canvas', { id, className: 'tae-img', width: 128, height: 128, role: 'img', 'aria-label': label });
  const figure = (image, caption) => h('figure', { className: 'tae-panel' }, image, h('figcaption', {}, caption));

  const { state: run, autoplay } = config;
  const original = canvas('original', 'Original 8x8 image: the input');
  const reconstruction = canvas('reconstruction', 'Reconstructed 8x8 image');
  const latent = canvas('latent', 'Latent space representation (2x2)');
  const colorbar = h('canvas', { id: 'colorbar', className: 'tae-colorbar', width: 44, height: 128, role: 'img', 'aria-label': 'Colour bar: black = the lowest latent value, white = the highest' });
  const label = h('span', {}, 'Play');
  const button = h('button', { type: 'button', className: 'tae-play', disabled: true }, h('span', { className: 'tae-icon', 'aria-hidden': 'true' }), label);
  const epochOut = h('output', { className: 'tae-value tae-epoch' });
  const lossOut = h('output', { className: 'tae-value tae-loss' }, '–');
  const fill = h('div', {});
  const status = h('p', { className: 'tae-status error', role: 'status' });
  parent.append(
    h('div', { className: 'tae-bar' },
      button,
      h('span', { className: 'tae-meter' }, h('span', { className: 'tae-label' }, 'Epoch '), epochOut),
      h('span', { className: 'tae-meter' }, h('span', { className: 'tae-label' }, 'Loss '), lossOut),
      h('div', { className: 'tae-progress', role: 'presentation' }, fill)),
    h('div', { className: 'tae-panels' },
      figure(original, 'Original'),
      figure(reconstruction, 'Reconstruction'),
      figure(h('div', { className: 'tae-latent' }, latent, colorbar), 'Latent code (2x2)')),
    status,
  );

  let worker = null;
  let pending = null; // the run asked of the worker, until it starts
  let current = null; // the run whose frames are shown
  let frame = null; // its last frame
  let phase = 'idle';
  let playing = autoplay; // the reader's intent
  // prefers-reduced-motion: the autoplayed run is computed at full speed, so the reader sees the
  // finished figure at once; Replay (or play()) then shows it at the chosen speed.
  const still = autoplay && doc.defaultView.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  let speed = still ? 'max' : run.speed;
  let active = false; // near the viewport in a visible tab
  let tickInFlight = false;
  let frameRequested = false;

  const draws = [
    [original, () => drawGrid(original, run.input, SIZE, SIZE)],
    [reconstruction, () => frame && drawGrid(reconstruction, frame.recon, SIZE, SIZE)],
    [latent, () => {
      if (!frame) return;
      const { cells, rows, cols } = latentCells(frame.code);
      drawGrid(latent, cells, rows, cols, valueRange(frame.code));
    }],
    [colorbar, () => {
      if (!frame) return;
      const { min, max } = valueRange(frame.code);
      drawColorBar(colorbar, min, max);
    }],
  ];
  // Each redraws on resize, zoom and theme changes; the first call draws the input.
  const unwatch = draws.map(([c, draw]) => watchCanvas(c, draw));
  const draw = () => draws.forEach(([, d]) => d());

  button.addEventListener('click', () => {
    if (phase === 'training') return pause();
    playing = true;
    if (phase === 'done') newRun();
    else resume();
  });
  setPhase('idle');

  function setPhase(p) {
    phase = p;
    host.dataset.state = p;
    render();
  }

  function render() {
    const [icon, text] = BUTTON[phase] ?? ['play', 'Play'];
    setAttr(button, 'data-icon', icon);
    setText(label, text);
    button.disabled = current === null || phase === 'error';
    const epoch = frame?.epoch ?? 0;
    const target = frame?.target ?? run.epochs;
    setText(epochOut, `${fmt(epoch)} / ${fmt(target)}`);
    setText(lossOut, frame ? frame.loss.toExponential(3) : '–');
    fill.style.setProperty('--progress', String(Math.min(1, epoch / target)));
  }

  function newRun() {
    if (pending !== null || current !== null) speed = run.speed; // a replay is watched
    pending = worker.reset(run);
    tickInFlight = false;
    setText(status, '');
  }

  function resume() {
    if (current === null || !playing || phase === 'error' || (frame && frame.epoch >= frame.target)) return;
    setPhase('training');
    // Still 'training' while away (the reader asked for it): setActive(true) carries on.
    if (!active) return;
    worker.play(speed);
    requestFrame();
  }

  function pause() {
    playing = false;
    worker.pause();
    setPhase('paused');
  }

  function fail(message) {
    setPhase('error');
    host.dataset.error = message;
    setText(status, `Error: ${message}`);
  }

  // The model's own words on a learning rate that blew up; it stays as it was before the step.
  function halted(message) {
    playing = false;
    setText(status, `Training stopped: ${message}`);
    setPhase('paused');
  }

  function onMessage(msg) {
    switch (msg.type) {
      case MSG.READY:
        host.dataset.build = msg.build;
        host.dataset.kernels = msg.kernels;
        return;
      case MSG.STARTED:
        if (msg.run !== pending) return;
        current = msg.run;
        pending = null;
        frame = null;
        host.dataset.seed = String(msg.seed);
        if (playing) resume();
        else setPhase('paused');
        return;
      case MSG.FRAME:
        return onFrame(msg);
      case MSG.HALTED:
        return halted(msg.message);
      case MSG.REJECTED:
        // The core names its own setter (learning_rate); the reader typed the attribute.
        return fail(msg.field === 'learningRate' ? `learning-rate: ${msg.message.replace(/^learning_rate /, '')}` : msg.message);
      case MSG.FATAL:
        return fail(msg.message);
      default:
        return undefined;
    }
  }

  function onFrame(msg) {
    if (msg.run !== current) return;
    frame = msg;
    tickInFlight = false;
    host.dataset.epoch = String(msg.epoch);
    // The exact float, for tests; the text is rounded for people.
    host.dataset.loss = String(msg.loss);
    if (phase === 'training' && msg.epoch >= msg.target && !msg.running) {
      draw(); // now, not at the next animation frame: 'done' means the final picture is up
      return setPhase('done');
    }
    requestFrame();
  }

  function requestFrame() {
    if (frameRequested) return;
    frameRequested = true;
    doc.defaultView.requestAnimationFrame(() => {
      frameRequested = false;
      draw();
      render();
      if (phase !== 'training' || !active) return;
      // Paced play: one tick per frame, the next only once its answer is in.
      if (speed !== 'max' && !tickInFlight && frame && frame.epoch < frame.target) {
        tickInFlight = true;
        worker.tick(current, speed);
      }
      requestFrame();
    });
  }

  return {
    /** Hands over the training worker (worker-client.js) and asks it for the run. */
    start(w) {
      worker = w;
      setPhase('loading');
      newRun();
      worker.listen(onMessage);
    },
    /** false: off-screen or in a hidden tab, so training waits; true: it carries on. */
    setActive(on) {
      active = on;
      host.dataset.active = String(on);
      if (!worker || phase !== 'training') return;
      if (on) resume();
      else worker.pause();
    },
    /** Draws everything again (the theme changed). */
    redraw: draw,
    /** Trains on to the last epoch (a finished run starts again), as the Play button does. */
    play() {
      playing = true;
      if (phase === 'done') newRun();
      else resume();
    },
    /** Stops training after the current chunk. */
    pause() {
      if (phase === 'training') pause();
      else playing = false;
    },
    /** Pauses, then trains `steps` more epochs (the run's end moves on if need be). */
    step(steps) {
      if (!worker || current === null || phase === 'error') return;
      if (phase === 'training') pause();
      playing = false;
      if (frame && frame.epoch + steps > frame.target) worker.setTarget(frame.epoch + steps);
      worker.tick(current, steps);
      if (phase !== 'paused') setPhase('paused');
    },
    /** A fresh run from the seed, paused at epoch 0. */
    reset() {
      if (!worker) return;
      if (phase === 'training') pause();
      playing = false;
      frame = null;
      newRun();
    },
    /** Stops the worker and the canvas observers. */
    destroy() {
      unwatch.forEach((stop) => stop());
      worker?.terminate();
    },
  };
}
