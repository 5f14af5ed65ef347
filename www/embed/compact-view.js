// The compact embed: the input, its reconstruction and the 2x2 code, with Play/Pause, the epoch
// and the loss, on the same run session (core/session.js) as the page. The page's app.js does
// far more; this is what a post needs, and it stays small because all of it is in the embed's
// first download.
import { latentCaption, latentCells } from '../core/architecture.js';
import { watchCanvas } from '../core/canvas.js';
import { SIZE } from '../core/digit.js';
import { el, setAttr, setText } from '../core/dom.js';
import { fmt } from '../core/format.js';
import { drawColorBar, drawGrid, valueRange } from '../core/grid.js';
import { RunSession } from '../core/session.js';

const BUTTON = { training: ['pause', 'Pause'], done: ['replay', 'Replay'] };

/** The view's markup inside `parent`: its canvases, the toolbar's parts and the status line. */
function buildParts(parent) {
  const doc = parent.ownerDocument;
  const h = (tag, props, ...children) => el(doc, tag, props, ...children);
  const canvas = (id, label) =>
    h('canvas', {
      id,
      className: 'tae-img',
      width: 128,
      height: 128,
      role: 'img',
      'aria-label': label,
    });
  const figure = (image, caption) =>
    h('figure', { className: 'tae-panel' }, image, h('figcaption', {}, caption));
  const parts = {
    original: canvas('original', 'Original 8x8 image: the input'),
    reconstruction: canvas('reconstruction', 'Reconstructed 8x8 image'),
    latent: canvas('latent', 'Latent space representation (2x2)'),
    latentCaption: h('span', {}, 'Latent code (2x2)'),
    colorbar: h('canvas', {
      id: 'colorbar',
      className: 'tae-colorbar',
      width: 44,
      height: 128,
      role: 'img',
      'aria-label': 'Colour bar: black = the lowest latent value, white = the highest',
    }),
    label: h('span', {}, 'Play'),
    // Meters, not live regions (as an <output> would be): they change every frame.
    epoch: h('span', { className: 'tae-value tae-epoch' }),
    loss: h('span', { className: 'tae-value tae-loss' }, '–'),
    fill: h('div', {}),
    status: h('p', { className: 'tae-status error', role: 'status' }),
  };
  parts.button = h(
    'button',
    { type: 'button', className: 'tae-play', disabled: true },
    h('span', { className: 'tae-icon', 'aria-hidden': 'true' }),
    parts.label,
  );
  parent.append(
    h(
      'div',
      { className: 'tae-bar' },
      parts.button,
      h(
        'span',
        { className: 'tae-meter' },
        h('span', { className: 'tae-label' }, 'Epoch '),
        parts.epoch,
      ),
      h(
        'span',
        { className: 'tae-meter' },
        h('span', { className: 'tae-label' }, 'Loss '),
        parts.loss,
      ),
      h('div', { className: 'tae-progress', role: 'presentation' }, parts.fill),
    ),
    h(
      'div',
      { className: 'tae-panels' },
      figure(parts.original, 'Original'),
      figure(parts.reconstruction, 'Reconstruction'),
      figure(
        h('div', { className: 'tae-latent' }, parts.latent, parts.colorbar),
        parts.latentCaption,
      ),
    ),
    parts.status,
  );
  return parts;
}

/**
 * Builds the compact view inside `parent` and draws the input at once (no wasm needed).
 * `host` carries the published state (data-state, -epoch, -loss, -seed, -build, -kernels);
 * `config` is embedConfig()'s. Returns `{ start(worker), setActive(active), redraw(), play(),
 * pause(), step(steps), reset(), destroy() }`: nothing trains before start() hands it a
 * worker-client.js worker.
 */
export function createCompactView(parent, { host, config }) {
  const doc = parent.ownerDocument;
  const p = buildParts(parent);
  const { state: settings, autoplay } = config;
  // prefers-reduced-motion: the autoplayed run is computed at full speed, so the reader sees the
  // finished figure at once; Replay (or play()) then shows it at the chosen speed.
  const still =
    autoplay && doc.defaultView.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  let speed = still ? 'max' : settings.speed;
  let worker = null;
  let session = null; // once start() has a worker
  let active = false; // near the viewport in a visible tab, as last said
  const frame = () => session?.run?.frame ?? null;

  const draws = [
    [p.original, () => drawGrid(p.original, settings.input, SIZE, SIZE)],
    [p.reconstruction, () => frame() && drawGrid(p.reconstruction, frame().recon, SIZE, SIZE)],
    [
      p.latent,
      () => {
        if (!frame()) return;
        const { cells, rows, cols } = latentCells(frame().code);
        // Any latent size: the nearest grid, which the caption names.
        const grid = latentCaption(frame().code.length);
        setText(p.latentCaption, `Latent code (${grid})`);
        setAttr(p.latent, 'aria-label', `Latent space representation (${grid})`);
        drawGrid(p.latent, cells, rows, cols, valueRange(frame().code));
      },
    ],
    [
      p.colorbar,
      () => {
        if (!frame()) return;
        const { min, max } = valueRange(frame().code);
        drawColorBar(p.colorbar, min, max);
      },
    ],
  ];
  // Each redraws on resize, zoom and theme changes; the first call draws the input.
  const unwatch = draws.map(([c, draw]) => watchCanvas(c, draw));
  const draw = () => draws.forEach(([, d]) => d());

  function render() {
    const phase = session?.phase ?? 'idle';
    const [icon, text] = BUTTON[phase] ?? ['play', 'Play'];
    setAttr(p.button, 'data-icon', icon);
    setText(p.label, text);
    p.button.disabled = !session?.run || phase === 'error';
    const epoch = session?.run?.epoch ?? 0;
    const target = session?.run?.target ?? settings.epochs;
    setText(p.epoch, `${fmt(epoch)} / ${fmt(target)}`);
    setText(p.loss, frame() ? frame().loss.toExponential(3) : '–');
    p.fill.style.setProperty('--progress', String(Math.min(1, epoch / target)));
  }

  // A run of the element's settings; a replay is watched, so it goes at the chosen speed.
  function newRun({ play = session.playing, steps = 0 } = {}) {
    if (session.pending || session.run) speed = settings.speed;
    setText(p.status, '');
    session.start(settings, { play, steps });
  }

  p.button.addEventListener('click', () =>
    session.phase === 'training' ? session.pause() : session.play(),
  );
  host.dataset.state = 'idle';
  render();

  return {
    /** Hands over the training worker (worker-client.js) and asks it for the run. */
    start(w) {
      worker = w;
      session = new RunSession({
        host,
        worker,
        status: p.status,
        playing: autoplay,
        active,
        speed: () => speed,
        on: {
          draw,
          render,
          restart: newRun,
          // The core names its own setter (learning_rate); the reader typed the attribute.
          rejected: (msg) =>
            session.fail(
              msg.field === 'learningRate' ? `learning-rate: ${msg.reason}` : msg.message,
            ),
          // The model's own words on a learning rate that blew up; it stays as it was before the step.
          halted: (msg) => setText(p.status, `Training stopped: ${msg.message}`),
        },
      });
      newRun();
      session.listen();
    },
    /** false: off-screen or in a hidden tab, so training waits; true: it carries on. */
    setActive(on) {
      active = on;
      if (session) session.setActive(on);
      else host.dataset.active = String(on);
    },
    /** Draws everything again (the theme changed). */
    redraw: draw,
    /** Trains on to the last epoch (a finished run starts again), as the Play button does. */
    play: () => session?.play(),
    /** Stops training after the current chunk. */
    pause: () => session?.pause(),
    /** Pauses, then trains `steps` more epochs (the run's end moves on if need be). */
    step: (steps) => session?.step(steps),
    /** A fresh run from the seed, paused at epoch 0. */
    reset: () => session?.reset(),
    /** Stops the worker and the canvas observers. */
    destroy() {
      unwatch.forEach((stop) => stop());
      worker?.terminate();
    },
  };
}
