// One run session for every face (the '4' page, the digits mode, the compact element): what a
// run is and how it starts, pauses, steps, extends and ends, what the worker's answers mean,
// and the animation-frame loop that draws and paces training. Faces only say what to draw.
//
// A run is one model the worker trains towards `target` epochs. The session asks for it with
// start() (pending until the worker answers `started` or `rejected`, so a refused seed leaves
// the current run untouched), follows the current run's frames and drops any other's. It keeps
// the reader's intent (`playing`) apart from whether training may happen now (`active`: near
// the viewport in a visible tab), and `stale` (paused after an input changed) makes the next
// Play or Step start a run instead of going on.
//
// Published on `host`: data-state (loading | training | paused | done | error), data-build,
// data-kernels, data-seed, data-run, data-epoch, data-loss, data-active and data-error.
import { MSG } from './protocol.js';

/**
 * The session for `worker` (a worker client: reset, advance, setTarget, listen, and play/pause
 * when its `pacing.ownLoop` says it trains on its own at 'max'). `speed()` is the face's speed
 * ('max' or steps per frame); `status` the element an error is written to. `on` holds the
 * face's side, every hook optional but draw and render:
 *   draw(), render()        the current frame onto the views (only after one came in); the text
 *   restart({ play, steps })  a new run of the face's settings (Play after the end or when
 *                           stale, Step when stale, reset)
 *   started(run, pending, previous)  a run became current; `pending` holds what start() had
 *   rejected(msg, pending), halted(msg)  the worker refused a run (the current one carries
 *                           on) or stopped training on a diverging loss (the model is as before)
 *   frame(run, msg, previousEpoch), done(run)  a frame of the current run; its end, drawn
 *   extended(target)        the run's end moved on (a Step past it): the face records it
 *   ready(msg), message(msg)  the wasm runs; a message of the face's own kinds
 *   animationFrame()        at each animation frame, before drawing; true asks for another
 *   fatal(message)          the text for a worker that cannot run (default: as is)
 */
export function createSession({ host, worker, speed, status, playing = true, active = true, on }) {
  const win = host.ownerDocument.defaultView;
  const { window: inFlightCap, ownLoop } = worker.pacing;
  const s = {
    phase: 'loading',
    ready: false,
    playing,
    active,
    stale: false,
    run: null, // { id, seed, epoch, target, frame, startedAt, doneMs, interrupted } and the face's own
    pending: null, // { id, config, play, steps, ... }: a run asked of the worker, not yet started
    inFlight: 0, // advances sent and not yet answered
    dirty: false, // a frame arrived since the last draw
    frameRequested: false,
  };
  host.dataset.state = s.phase;

  function setPhase(phase) {
    s.phase = phase;
    host.dataset.state = phase;
    on.render();
  }

  /** Asks for a run of `config` (seed, learningRate, epochs, ...); `extra` rides along to started(). */
  function start(config, extra = {}) {
    expect(worker.reset(config, extra.weights), config, extra);
  }

  /** A run already asked of the worker as `id` (before this session existed) is the next one. */
  function expect(id, config, { play = s.playing, steps = 0, ...extra } = {}) {
    s.pending = { ...extra, id, config, play, steps };
  }

  function runOver() {
    return s.run !== null && s.run.epoch >= s.run.target;
  }

  function play() {
    s.playing = true;
    if (s.stale || runOver()) return on.restart?.({ play: true });
    resume();
  }

  // Training goes on, if there is any left and the reader wants it; while away it waits.
  function resume() {
    if (!s.run || !s.playing || runOver() || s.phase === 'error') return;
    setPhase('training');
    if (!s.active) return;
    if (ownLoop) worker.play(speed());
    requestFrame();
  }

  function pause() {
    s.playing = false;
    // Its clock would count the pause: a run paused on the way reports no time.
    if (s.run) s.run.interrupted = true;
    if (ownLoop) worker.pause();
    if (s.phase === 'training') setPhase('paused');
    else on.render();
  }

  /** Pauses, then trains `steps` more epochs (moving the run's end if need be). */
  function step(steps = 1) {
    if (s.phase === 'error') return;
    if (s.playing || s.phase === 'training') pause();
    if (s.run) s.run.interrupted = true;
    if (s.stale) return on.restart?.({ play: false, steps });
    const { run } = s;
    if (!run) return;
    if (run.epoch + steps > run.target) extend(run.epoch + steps, { resumeAfter: false });
    worker.advance(run.id, steps);
  }

  /** Moves the current run's end on to `target` (at least its epoch): training on to it. */
  function extend(target, { resumeAfter = true } = {}) {
    const { run } = s;
    // Extending a finished run: its clock would count the wait, so it reports no time.
    if (runOver() && target > run.target) run.interrupted = true;
    run.target = target;
    worker.setTarget(target);
    on.extended?.(target);
    if (s.phase === 'done' && run.epoch < target) {
      if (resumeAfter && s.playing && !s.stale) resume();
      else setPhase('paused');
    }
    on.render();
  }

  /** Pauses, and asks for a fresh run of the current settings, paused at epoch 0. */
  function reset() {
    pause();
    on.restart?.({ play: false });
  }

  /** The current run and any pending one are gone (the data they were on was replaced). */
  function drop() {
    s.run = null;
    s.pending = null;
    if (s.phase !== 'error') setPhase('loading');
  }

  /** false: off-screen or in a hidden tab, so training waits; true: it carries on. */
  function setActive(nearby) {
    host.dataset.active = String(nearby);
    if (s.active === nearby) return;
    s.active = nearby;
    if (s.phase !== 'training') return;
    if (nearby) resume();
    else if (ownLoop) worker.pause();
  }

  function fail(message) {
    host.dataset.error = message;
    status.textContent = `Error: ${message}`;
    status.classList.add('error');
    setPhase('error');
  }

  // ---- the worker's answers ------------------------------------------------------------------

  function onMessage(msg) {
    switch (msg.type) {
      case MSG.READY:
        s.ready = true;
        host.dataset.build = msg.build;
        // What the module itself says it runs, as a check on the file bridge.js picked.
        host.dataset.kernels = msg.kernels;
        on.ready?.(msg);
        return on.render();
      case MSG.STARTED:
        return started(msg);
      case MSG.REJECTED:
        return rejected(msg);
      case MSG.FRAME:
        return frame(msg);
      case MSG.HALTED:
        s.playing = false;
        on.halted?.(msg);
        return setPhase('paused');
      case MSG.FATAL:
        return fail(on.fatal ? on.fatal(msg.message) : msg.message);
      default:
        return on.message?.(msg);
    }
  }

  function started(msg) {
    const p = s.pending;
    if (!p || p.id !== msg.run) return;
    const previous = s.run;
    s.pending = null;
    s.inFlight = 0;
    s.stale = false;
    s.playing = p.play;
    s.run = {
      id: msg.run,
      seed: msg.seed,
      epoch: 0,
      target: p.config.epochs,
      frame: null,
      startedAt: win.performance.now(),
      doneMs: null, // set when the run plays to its end without a pause or a Step
      interrupted: false,
    };
    host.dataset.seed = String(msg.seed);
    host.dataset.run = String(msg.run);
    on.started?.(s.run, p, previous);
    if (p.steps) worker.advance(msg.run, p.steps);
    if (s.playing) resume();
    else setPhase('paused');
  }

  function rejected(msg) {
    const p = s.pending;
    if (!p || p.id !== msg.run) return;
    s.pending = null;
    on.rejected?.(msg, p);
    if (s.phase !== 'error') on.render();
  }

  function frame(msg) {
    if (msg.cause === 'advance') s.inFlight = Math.max(0, s.inFlight - 1);
    const { run } = s;
    if (msg.empty || !run || msg.run !== run.id) return;
    const previousEpoch = run.epoch;
    run.frame = msg;
    run.epoch = msg.epoch;
    run.target = msg.target;
    host.dataset.epoch = String(msg.epoch);
    // The exact float, for tests; the text is rounded for people.
    if ('loss' in msg) host.dataset.loss = String(msg.loss);
    on.frame?.(run, msg, previousEpoch);
    s.dirty = true;
    const finished = msg.epoch >= msg.target && !msg.running;
    if (finished && (s.phase === 'training' || (s.phase === 'paused' && !s.stale))) {
      // The worker's clock when it has one: a run trained before the face loaded is timed too.
      run.doneMs = run.interrupted ? null : (msg.trainedMs ?? win.performance.now() - run.startedAt);
      // Drawn now, not at the next animation frame: 'done' means the final picture is up.
      draw();
      setPhase('done');
      on.done?.(run);
      return;
    }
    // Full speed driven by the page: the next stretch at once, so the worker never idles.
    if (!ownLoop && speed() === 'max') pace();
    requestFrame();
  }

  // ---- animation frames ----------------------------------------------------------------------

  function requestFrame() {
    if (s.frameRequested) return;
    s.frameRequested = true;
    win.requestAnimationFrame(() => {
      s.frameRequested = false;
      const more = on.animationFrame?.();
      if (s.dirty) draw();
      on.render();
      pace();
      if ((s.phase === 'training' && s.active) || more) requestFrame();
    });
  }

  function draw() {
    s.dirty = false;
    on.draw();
  }

  // Paced training: the next stretch once fewer than the worker's window are unanswered, so it
  // always has work at hand and a slow device is never flooded. At 'max' a worker with its own
  // loop needs no asking.
  function pace() {
    const { run } = s;
    if (s.phase !== 'training' || !s.active || s.pending || !run || runOver()) return;
    const now = speed();
    if ((now === 'max' && ownLoop) || s.inFlight >= inFlightCap) return;
    s.inFlight += 1;
    worker.advance(run.id, now);
  }

  return {
    get phase() { return s.phase; },
    get ready() { return s.ready; },
    get run() { return s.run; },
    get pending() { return s.pending; },
    get playing() { return s.playing; },
    get stale() { return s.stale; },
    /** Paused with a newer input: the next Play or Step starts a run on it. */
    set stale(value) { s.stale = value; },
    /** Starts handing the worker's messages (those it kept, then the rest) to the session. */
    listen: () => worker.listen(onMessage),
    start,
    expect,
    play,
    pause,
    step,
    extend,
    reset,
    drop,
    setActive,
    fail,
    /** The speed changed: a worker training on its own hears of it. */
    speedChanged() {
      if (s.phase === 'training') resume();
    },
    requestFrame,
  };
}
