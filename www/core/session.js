// One run session for every trained thing (the '4' page's, the digits mode's, the k-curve, the
// VAE, the compact element): how a run starts, pauses, steps, extends and ends, what the engine's
// answers mean, and the animation-frame loop that draws and paces training. Faces only draw.
//
// A run is one model the worker trains towards `target` epochs, asked for with start() and
// pending until the worker answers `started` or `rejected` (a refused seed leaves the current
// run untouched); other runs' frames are dropped. The reader's intent (`playing`) is kept apart
// from whether training may happen now (`active`). Published on `host`: data-state (loading |
// training | paused | done | error), data-build, -kernels, -seed, -run, -epoch, -step (updates
// made, for a face whose frames may end mid-epoch), -loss, -active and -error.
import { MSG } from '../engine/protocol.js';

/**
 * The session for `worker` (a worker client: reset, advance, setTarget, listen, and play/pause
 * when `pacing.ownLoop` says it trains on its own at 'max'). `speed()`: the face's speed now;
 * `status`: where an error is written (or null). `on`: the face's side, all optional but draw
 * and render:
 *   draw(), render()  the current frame onto the views (once one came in); the text
 *   restart({ play, steps })  a new run of the face's settings (Play at the end or when stale,
 *     Step when stale, reset)
 *   started(run, pending, previous, msg)  a run became current: what start() had, the worker's word
 *   rejected(msg, pending), halted(msg)  a run refused (the current one carries on); training
 *     stopped on a diverging loss (the model is as before)
 *   frame(run, msg, previousEpoch), done(run)  a frame of the current run; its end, drawn
 *   extended(target)  the run's end moved on (a Step past it); ready(msg), message(msg)  the
 *     wasm runs; a message of the face's own kinds; fatal(message)  the text for a dead worker
 *   animationFrame()  at each animation frame, before drawing; true asks for another
 */
export class RunSession {
  #host;
  #win;
  #worker;
  #speed;
  #status;
  #on;
  #phase = 'loading';
  #ready = false;
  #playing;
  #active;
  /** Paused with a newer input: the next Play or Step starts a run on it (the face sets it). */
  stale = false;
  #run = null; // { id, seed, epoch, target, frame, startedAt, doneMs, interrupted } and the face's own
  #pending = null; // { id, config, play, steps, ... }: a run asked of the worker, not yet started
  #inFlight = 0; // advances sent and not yet answered
  #dirty = false; // a frame arrived since the last draw
  #frameRequested = false;

  constructor({ host, worker, speed, status = null, playing = true, active = true, on }) {
    [this.#host, this.#worker, this.#speed, this.#status, this.#on] = [
      host,
      worker,
      speed,
      status,
      on,
    ];
    this.#win = host.ownerDocument.defaultView;
    [this.#playing, this.#active] = [playing, active];
    host.dataset.state = this.#phase;
  }

  get phase() {
    return this.#phase;
  }
  get ready() {
    return this.#ready;
  }
  get run() {
    return this.#run;
  }
  get pending() {
    return this.#pending;
  }
  get playing() {
    return this.#playing;
  }

  /** Starts handing the worker's messages (those it kept, then the rest) to the session. */
  listen = () => this.#worker.listen((msg) => this.#onMessage(msg));

  /** Asks for a run of `config` (seed, learningRate, epochs, ...); `extra` rides along to started(). */
  start(config, extra = {}) {
    this.expect(this.#worker.reset(config, extra.weights, extra.checkpoint), config, extra);
  }

  /** A run already asked of the worker as `id` (before this session existed) is the next one. */
  expect(id, config, { play = this.#playing, steps = 0, ...extra } = {}) {
    this.#pending = { ...extra, id, config, play, steps };
  }

  play() {
    this.#playing = true;
    if (this.stale || this.#runOver()) return this.#on.restart?.({ play: true });
    this.#resume();
  }

  pause() {
    this.#playing = false;
    // Its clock would count the pause: a run paused on the way reports no time.
    if (this.#run) this.#run.interrupted = true;
    if (this.#worker.pacing.ownLoop) this.#worker.pause();
    if (this.#phase === 'training') this.#setPhase('paused');
    else this.#on.render();
  }

  /** Pauses, then trains `steps` more epochs (moving the run's end if need be). */
  step(steps = 1) {
    if (this.#phase === 'error') return;
    if (this.#playing || this.#phase === 'training') this.pause();
    if (this.#run) this.#run.interrupted = true;
    if (this.stale) return this.#on.restart?.({ play: false, steps });
    const run = this.#run;
    if (!run) return;
    if (run.epoch + steps > run.target) this.extend(run.epoch + steps, { resumeAfter: false });
    this.#worker.advance(run.id, steps);
  }

  /** Moves the current run's end on to `target` (at least its epoch): training on to it. */
  extend(target, { resumeAfter = true } = {}) {
    const run = this.#run;
    // Extending a finished run: its clock would count the wait, so it reports no time.
    if (this.#runOver() && target > run.target) run.interrupted = true;
    run.target = target;
    this.#worker.setTarget(target);
    this.#on.extended?.(target);
    if (this.#phase === 'done' && run.epoch < target) {
      if (resumeAfter && this.#playing && !this.stale) this.#resume();
      else this.#setPhase('paused');
    }
    this.#on.render();
  }

  /** Pauses, and asks for a fresh run of the current settings, paused at epoch 0. */
  reset() {
    this.pause();
    this.#on.restart?.({ play: false });
  }

  /** The current run and any pending one are gone (the data they were on was replaced). */
  drop() {
    this.#run = null;
    this.#pending = null;
    if (this.#phase !== 'error') this.#setPhase('loading');
  }

  /** false: off-screen or in a hidden tab, so training waits; true: it carries on. */
  setActive(nearby) {
    this.#host.dataset.active = String(nearby);
    if (this.#active === nearby) return;
    this.#active = nearby;
    if (this.#phase !== 'training') return;
    if (nearby) this.#resume();
    else if (this.#worker.pacing.ownLoop) this.#worker.pause();
  }

  /** The speed changed: a worker training on its own hears of it. */
  speedChanged() {
    if (this.#phase === 'training') this.#resume();
  }

  fail(message) {
    this.#host.dataset.error = message;
    if (this.#status) this.#status.textContent = `Error: ${message}`;
    this.#status?.classList.add('error');
    this.#setPhase('error');
  }

  /** Draws and renders at the next animation frame, and paces training while it goes on. */
  requestFrame() {
    if (this.#frameRequested) return;
    this.#frameRequested = true;
    this.#win.requestAnimationFrame(() => {
      this.#frameRequested = false;
      const more = this.#on.animationFrame?.();
      // The next stretch is asked for first: the worker trains it while this frame draws.
      this.#pace();
      // Only what a frame changed: between frames there is nothing new (100,000 images' text too).
      if (this.#dirty) {
        this.#draw();
        this.#on.render();
      }
      if ((this.#phase === 'training' && this.#active) || more) this.requestFrame();
    });
  }

  #setPhase(phase) {
    this.#phase = phase;
    this.#host.dataset.state = phase;
    this.#on.render();
  }

  #runOver() {
    return this.#run !== null && this.#run.epoch >= this.#run.target;
  }

  // Training goes on, if there is any left and the reader wants it; while away it waits.
  #resume() {
    if (!this.#run || !this.#playing || this.#runOver() || this.#phase === 'error') return;
    this.#setPhase('training');
    if (!this.#active) return;
    if (this.#worker.pacing.ownLoop) this.#worker.play(this.#speed());
    // The first stretch at once, not after the next animation frame has drawn the last one.
    this.#pace();
    this.requestFrame();
  }

  #draw() {
    this.#dirty = false;
    this.#on.draw();
  }

  // Paced training: the next stretch once fewer than the worker's window are unanswered, so it
  // always has work at hand and a slow device is never flooded (an own loop at 'max': no asking).
  #pace() {
    const run = this.#run;
    if (this.#phase !== 'training' || !this.#active || this.#pending || !run || this.#runOver())
      return;
    const speed = this.#speed();
    const { window, ownLoop } = this.#worker.pacing;
    if ((speed === 'max' && ownLoop) || this.#inFlight >= window) return;
    this.#inFlight += 1;
    this.#worker.advance(run.id, speed, true); // paced: a model may end its stretch mid-epoch
  }

  #onMessage(msg) {
    const on = this.#on;
    switch (msg.type) {
      case MSG.READY:
        this.#ready = true;
        this.#host.dataset.build = msg.build;
        // What the module itself says it runs, as a check on the file bridge.js picked.
        this.#host.dataset.kernels = msg.kernels;
        on.ready?.(msg);
        return on.render();
      case MSG.STARTED:
        return this.#started(msg);
      case MSG.REJECTED:
        return this.#rejected(msg);
      case MSG.FRAME:
        return this.#frame(msg);
      case MSG.HALTED:
        this.#playing = false;
        on.halted?.(msg);
        return this.#setPhase('paused');
      case MSG.FATAL:
        return this.fail(on.fatal ? on.fatal(msg.message) : msg.message);
      default:
        return on.message?.(msg);
    }
  }

  #started(msg) {
    const p = this.#pending;
    if (!p || p.id !== msg.run) return;
    const previous = this.#run;
    this.#pending = null;
    this.#inFlight = 0;
    this.stale = false;
    this.#playing = p.play;
    this.#run = {
      id: msg.run,
      seed: msg.seed,
      epoch: 0,
      target: p.config.epochs,
      frame: null,
      startedAt: this.#win.performance.now(),
      doneMs: null, // set when the run plays to its end without a pause or a Step
      interrupted: false,
    };
    this.#host.dataset.seed = String(msg.seed);
    this.#host.dataset.run = String(msg.run);
    this.#on.started?.(this.#run, p, previous, msg);
    if (p.steps) this.#worker.advance(msg.run, p.steps);
    if (this.#playing) this.#resume();
    else this.#setPhase('paused');
  }

  #rejected(msg) {
    const p = this.#pending;
    if (!p || p.id !== msg.run) return;
    this.#pending = null;
    this.#on.rejected?.(msg, p);
    if (this.#phase !== 'error') this.#on.render();
  }

  #frame(msg) {
    if (msg.cause === 'advance') this.#inFlight = Math.max(0, this.#inFlight - 1);
    const run = this.#run;
    if (msg.empty || !run || msg.run !== run.id) return;
    const previousEpoch = run.epoch;
    run.frame = msg;
    run.epoch = msg.epoch;
    run.target = msg.target;
    this.#host.dataset.epoch = String(msg.epoch);
    // The exact float, for tests; the text is rounded for people.
    if ('loss' in msg) this.#host.dataset.loss = String(msg.loss);
    if ('step' in msg) this.#host.dataset.step = String(msg.step);
    this.#on.frame?.(run, msg, previousEpoch);
    this.#dirty = true;
    // A survey's frame (digits/survey-join.js) only redraws the map of the run's last one.
    const finished = msg.cause !== 'survey' && msg.epoch >= msg.target && !msg.running;
    if (finished && (this.#phase === 'training' || (this.#phase === 'paused' && !this.stale))) {
      // The worker's clock when it has one: a run trained before the face loaded is timed too.
      run.doneMs = run.interrupted
        ? null
        : (msg.trainedMs ?? this.#win.performance.now() - run.startedAt);
      // Drawn now, not at the next animation frame: 'done' means the final picture is up.
      this.#draw();
      this.#setPhase('done');
      this.#on.done?.(run);
      return;
    }
    // Full speed driven by the page: the next stretch at once, so the worker never idles.
    if (!this.#worker.pacing.ownLoop && this.#speed() === 'max') this.#pace();
    this.requestFrame();
  }
}
