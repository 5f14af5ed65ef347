// A stretch of training in the digits worker: what one `advance` trains before its frame. Whole
// epochs as asked, except that a paced stretch (the page's training loop, not a Step) ends
// after PACED_MS, mid-epoch if need be: an epoch of 80,000 images takes ~75 ms, and with the
// frame's survey on top the map would move less than 10 times a second. The epoch goes on in
// the next stretch, and its loss is the mean of all its updates, as Keras reports it.
//
// It works on the run's state (digits-model.js): reads ae, data, target, stepsPerEpoch;
// keeps tally (the current epoch so far and the updates' pace), epoch, rate, trainLoss,
// testLoss, testMse and the history since the last frame.

/** Longest stretch of full-speed training between two frames, in ms. */
export const CHUNK_MS = 12;

/**
 * Longest stretch of paced training between two frames, in ms, however long an epoch is: on
 * 100,000 images the frame's survey and map take ~35 ms more, and an epoch (~75 ms) now pays
 * two of them, so the map moves 12-13 times a second while training keeps about half the
 * worker's time (whole epochs: ~9 times a second, two thirds).
 */
export const PACED_MS = 55;

const now = () => performance.now();

/** A new model's tally: no updates of its first epoch yet, their pace not yet measured. */
export const newTally = () => ({ steps: 0, sum: 0, calls: 0, msPerStep: 0 });

/**
 * Trains `epochs` more (or, for 'max', as many as fit in CHUNK_MS), never past the target; a
 * `paced` stretch stops at PACED_MS. `survey()` measures the model as the frame will draw it
 * (digits-model.js views): the last epoch's test error comes from it, one call. Throws
 * what the core throws (a diverging update: the model is as it was before that call).
 */
export function trainStretch(state, { epochs, paced }, survey) {
  const start = now();
  const deadline = epochs === 'max' ? start + CHUNK_MS : Infinity;
  const cutoff = paced ? start + PACED_MS : Infinity;
  let left = epochs === 'max' ? Infinity : epochs;
  while (state.epoch < state.target && left > 0) {
    const remaining = state.stepsPerEpoch - state.tally.steps;
    const loss = trainSteps(state, Math.min(remaining, stepsBefore(state.tally, cutoff)));
    if (state.tally.steps < state.stepsPerEpoch) {
      if (now() >= cutoff) return;
      continue;
    }
    left -= 1;
    const last = state.epoch >= state.target || left <= 0 || now() >= Math.min(deadline, cutoff);
    endEpoch(state, loss, last ? survey : null);
    if (last) return;
  }
}

/** How many updates fit before `cutoff`, going by the last ones' pace (at least one). */
function stepsBefore(tally, cutoff) {
  if (cutoff === Infinity) return Infinity;
  // Before any was timed, a first handful measures them.
  if (!tally.msPerStep) return 64;
  return Math.max(1, Math.floor((cutoff - now()) / tally.msPerStep));
}

/** `steps` updates, counted into the current epoch; returns their mean loss. */
function trainSteps(state, steps) {
  const { ae, data, tally } = state;
  const t0 = now();
  const loss = ae.train_step(steps);
  const ms = now() - t0;
  tally.steps += steps;
  tally.sum += loss * steps;
  tally.calls += 1;
  state.epoch = Number(ae.epoch);
  if (ms > 0) {
    const perStep = ms / steps;
    tally.msPerStep = tally.msPerStep ? 0.8 * tally.msPerStep + 0.2 * perStep : perStep;
    const rate = (data.nTrain * 1000) / (perStep * state.stepsPerEpoch);
    state.rate = state.rate ? 0.9 * state.rate + 0.1 * rate : rate;
  }
  return loss;
}

/**
 * An epoch is over: its mean loss (the one call's own when a call trained it whole, to the
 * bit) and its test error go into the history, the error from `survey` when given (the
 * stretch's last epoch), else from evaluate.
 */
function endEpoch(state, loss, survey) {
  const { ae, data, tally } = state;
  state.trainLoss = tally.calls === 1 ? loss : Math.fround(tally.sum / tally.steps);
  state.tally = { ...newTally(), msPerStep: tally.msPerStep };
  if (survey) ({ testError: state.testLoss, testMse: state.testMse } = survey());
  else state.testLoss = ae.evaluate(data.test);
  const { history } = state;
  history.epochs.push(state.epoch);
  history.train.push(state.trainLoss);
  history.test.push(state.testLoss);
}
