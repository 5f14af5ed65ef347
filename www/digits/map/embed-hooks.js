// The map's run session hooks (runs.js's) with what the element's panels="map" adds
// (embed/data-view.js): a run that waits at epoch 0, for its reset() ("the run again from its
// seed, paused at epoch 0") and its first run without autoplay (runs.js starts every run
// playing, as the page wants), and the training loss published for its `loss` and events.

/**
 * `hooks` with a restart that keeps its word: a run asked for paused (a reset, or the first
 * without `autoplay`) is held as it starts, before any training is asked for. `embedded`: each
 * frame's training loss (the network's own, as the meter shows it) goes on the host as data-loss.
 */
export function embedHooks(d, hooks, { autoplay, embedded }) {
  let hold = !autoplay;
  return {
    ...hooks,
    restart({ play = true } = {}) {
      hold = !play;
      hooks.restart();
    },
    started(...args) {
      hooks.started(...args);
      if (hold) d.session.pause();
      hold = false;
    },
    frame(run, msg, before) {
      hooks.frame(run, msg, before);
      if (embedded && Number.isFinite(msg.trainLoss)) d.host.dataset.loss = String(msg.trainLoss);
    },
  };
}
