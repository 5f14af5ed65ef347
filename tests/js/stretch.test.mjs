// The digits worker's stretches of training (www/engine/digits-model.js) on the real core, with a
// clock the test drives (each update "takes" a fixed time), so where a paced stretch stops is
// exact: Step trains whole epochs; a paced stretch on a long epoch stops at PACED_MS, mid-epoch,
// and the next finishes it; slicing an epoch leaves the weights exactly as one call would, and
// its loss is the mean of all its updates.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDigits } from '../../scripts/digits.mjs';
import { loadBuild } from '../../scripts/load-build.mjs';
import {
  CHUNK_MS,
  newTally,
  PACED_MS,
  SURVEY_RATIO,
  trainStretch,
} from '../../www/engine/digits-model.js';

const MS_PER_STEP = 0.5;
const BATCH = 4;
const realPerformance = globalThis.performance;
let clock = 0;
let wasm;
let data;

before(async () => {
  wasm = await loadBuild('simd');
  const { pixels, n } = loadDigits();
  const nTest = 359;
  data = { nTrain: n - nTest, train: pixels.slice(nTest * 64), test: pixels.slice(0, nTest * 64) };
  Object.defineProperty(globalThis, 'performance', {
    value: { now: () => clock },
    configurable: true,
  });
});
after(() =>
  Object.defineProperty(globalThis, 'performance', { value: realPerformance, configurable: true }),
);

/** A model whose every update moves the test's clock on by MS_PER_STEP. */
function model(seed = 3) {
  const ae = new wasm.Autoencoder(seed, undefined);
  ae.batch_size = BATCH;
  ae.set_data(data.train);
  const train = ae.train_step.bind(ae);
  ae.train_step = (steps) => {
    clock += steps * MS_PER_STEP;
    return train(steps);
  };
  return ae;
}

/** The worker's state for `ae`, as engine/digits-model.js keeps it, training towards `target`. */
function workerState(ae, target) {
  return {
    ae,
    data,
    target,
    stepsPerEpoch: Math.ceil(data.nTrain / BATCH),
    tally: newTally(),
    epoch: 0,
    rate: 0,
    history: { epochs: [], train: [], test: [] },
    trainLoss: NaN,
    testLoss: NaN,
    testMse: NaN,
  };
}

const survey = (state) => () => ({ testError: state.ae.evaluate(data.test), testMse: -1 });

describe('www/engine/digits-model.js', () => {
  test('a Step trains whole epochs, the losses those of one call per epoch, to the bit', () => {
    const state = workerState(model(), 10);
    const twin = model();
    trainStretch(state, { epochs: 2, paced: false }, survey(state));
    const losses = [twin.train_step(state.stepsPerEpoch), twin.train_step(state.stepsPerEpoch)];
    assert.equal(state.epoch, 2);
    assert.deepEqual(state.history.epochs, [2 - 1, 2]);
    assert.deepEqual(state.history.train, losses);
    assert.deepEqual(state.history.test, [state.history.test[0], twin.evaluate(data.test)]);
    assert.equal(state.testMse, -1, "the last epoch is measured by the frame's survey");
    assert.deepEqual(state.ae.get_weights(), twin.get_weights());
  });

  test('a dear survey lengthens a paced stretch: training keeps SURVEY_RATIO times its time', () => {
    const state = { ...workerState(model(), 10), surveyMs: 40 };
    const start = clock;
    trainStretch(state, { epochs: 1, paced: true }, survey(state));
    const elapsed = clock - start;
    assert.ok(
      elapsed >= SURVEY_RATIO * 40 && elapsed < SURVEY_RATIO * 40 + 64 * MS_PER_STEP,
      `${elapsed} ms`,
    );
  });

  test('a paced stretch on a long epoch stops at PACED_MS, mid-epoch; the next one finishes it', () => {
    const state = workerState(model(), 10);
    const spe = state.stepsPerEpoch;
    assert.ok(spe * MS_PER_STEP > 2 * PACED_MS, 'an epoch here is longer than two paced frames');
    const start = clock;
    trainStretch(state, { epochs: 1, paced: true }, survey(state));
    const elapsed = clock - start;
    assert.ok(
      elapsed >= PACED_MS && elapsed < PACED_MS + 64 * MS_PER_STEP,
      `stopped after ${elapsed} ms`,
    );
    assert.equal(state.epoch, 0);
    assert.equal(state.history.epochs.length, 0, 'no epoch is over');
    assert.ok(state.tally.steps > 0 && state.tally.steps < spe);
    assert.equal(Number(state.ae.step), state.tally.steps);

    while (state.epoch < 1) trainStretch(state, { epochs: 1, paced: true }, survey(state));
    assert.equal(Number(state.ae.step), spe, 'the epoch ended where it ends, not a step past it');
    assert.deepEqual(state.history.epochs, [1]);
    assert.equal(state.tally.steps, 0);
    // The same updates as one call: the weights to the bit, the loss the mean of the updates'.
    const twin = model();
    const whole = twin.train_step(spe);
    assert.deepEqual(state.ae.get_weights(), twin.get_weights());
    assert.ok(Math.abs(state.trainLoss - whole) <= 1e-6 * whole, `${state.trainLoss} vs ${whole}`);
  });

  test('a Step after a paced stretch ends the epoch in progress: one more epoch, not more', () => {
    const state = workerState(model(), 10);
    trainStretch(state, { epochs: 'max', paced: true }, survey(state));
    assert.ok(state.tally.steps > 0);
    trainStretch(state, { epochs: 1, paced: false }, survey(state));
    assert.equal(state.epoch, 1);
    assert.equal(Number(state.ae.step), state.stepsPerEpoch);
  });

  test('at full speed on short epochs, whole ones for about CHUNK_MS; never past the target', () => {
    const state = workerState(model(), 1000);
    const ae = state.ae;
    ae.batch_size = 1438; // one update an epoch
    state.stepsPerEpoch = 1;
    const start = clock;
    trainStretch(state, { epochs: 'max', paced: true }, survey(state));
    assert.equal(state.epoch, Math.ceil(CHUNK_MS / MS_PER_STEP));
    assert.ok(clock - start >= CHUNK_MS);
    state.target = state.epoch + 3;
    trainStretch(state, { epochs: 'max', paced: true }, survey(state));
    assert.equal(state.epoch, state.target);
    assert.equal(state.history.epochs.at(-1), state.target);
  });
});
