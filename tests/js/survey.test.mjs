// The map's survey on a second core (issue 27): the survey instance (www/engine/survey-model.js)
// on a copy of a data set's rows shows, of the weights it is sent, exactly what the run's own
// engine shows of them (codes, map, grid, test MSE, to the bit); a surveyed run's paced frames
// carry its weights and no survey, its Steps and its end their own; and the page's join
// (www/digits/survey-join.js) sends the survey the newest frame's weights whenever it is idle
// (no sooner than SURVEY_EVERY_MS after the last), fills frames without a survey with the
// latest one, and drops answers older than what is shown or of another run.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadDigits } from '../../scripts/digits.mjs';
import { loadBuild } from '../../scripts/load-build.mjs';
import { datasetRows, prepareDataset, surveyDataset } from '../../www/engine/data.js';
import { createDigitsModel } from '../../www/engine/digits-model.js';
import { DATA_MSG, MSG } from '../../www/engine/protocol.js';
import { createSurveyModel } from '../../www/engine/survey-model.js';
import { createSurveyJoin, SURVEY_EVERY_MS } from '../../www/digits/survey-join.js';

let wasm;
let data;
const OPTIONS = { encoder: [16], latent: 4, decoder: [16] };

before(async () => {
  wasm = await loadBuild('simd');
  const { pixels, labels, n } = loadDigits();
  data = prepareDataset(wasm, { n, width: 64, pixels, labels, kind: 'images' }, null);
});

const run = (surveyed, target = 5) =>
  createDigitsModel(wasm, data, { run: 1, seed: 2, options: OPTIONS, target, surveyed });

describe('www/engine/survey-model.js', () => {
  test("the survey of a run's weights is the run's own survey, to the bit", () => {
    const trainer = run(true);
    trainer.advance({ epochs: 2, paced: false });
    const [own] = trainer.frame();
    assert.equal(own.surveyStep, own.step, 'a Step surveys its own model');
    const [paced] = run(true).frame(); // a fresh run's first frame has its survey
    assert.equal(paced.surveyStep, 0);

    const rows = datasetRows(data);
    assert.notEqual(rows.pixels.buffer, data.pixels.buffer, 'a copy, to hand over');
    const copy = surveyDataset(wasm, rows);
    const survey = createSurveyModel(wasm, copy, { run: 1, seed: 2, options: OPTIONS });
    assert.deepEqual(survey.frame()[0], { surveyStep: null, epoch: 0 }, 'nothing surveyed yet');
    survey.advance({ weights: own.weights, step: own.step, epoch: 2 });
    const [frame, transfer] = survey.frame();
    assert.equal(frame.surveyStep, own.step);
    for (const key of ['testMse', 'dead', 'top', 'bottom', 'grid'])
      assert.deepEqual(frame[key], own[key], key);
    assert.deepEqual(frame.plane, own.plane);
    assert.equal(frame.plane.positions.length, 2 * data.n);
    assert.deepEqual(transfer, [frame.plane.positions.buffer]);
    assert.equal(survey.frame()[0].surveyStep, null, 'each survey is sent once');

    survey.view({ axes: '1-2' });
    const [units] = survey.frame();
    const [{ codes }] = trainer.request({ type: DATA_MSG.CODES, id: 1 });
    assert.deepEqual(
      Array.from(units.plane.positions.subarray(0, 4)),
      [codes[0], codes[1], codes[4], codes[5]],
      'on two units, the map is their codes',
    );
  });

  test('a surveyed run: paced frames carry the weights and no survey; a Step and the end do', () => {
    const trainer = run(true, 3);
    trainer.frame();
    trainer.advance({ epochs: 1, paced: true });
    const [paced, transfer] = trainer.frame();
    assert.equal(paced.surveyStep, null);
    assert.equal(paced.plane, undefined);
    assert.equal(paced.weights.length, trainer.started().nParams);
    assert.ok(transfer.includes(paced.weights.buffer));
    trainer.advance({ epochs: 1, paced: false });
    const [stepped] = trainer.frame();
    assert.equal(stepped.surveyStep, stepped.step);
    while (trainer.epoch < 3) trainer.advance({ epochs: 1, paced: true });
    const [end] = trainer.frame();
    assert.equal(end.running, false);
    assert.equal(end.surveyStep, end.step, "the run's end shows its own model");
  });
});

/** A fake survey handle that records what the join sends it. */
function fakeSurvey() {
  const sent = [];
  const views = [];
  return {
    sent,
    views,
    request: (type, fields, transfer) => sent.push({ type, ...fields, transfer }),
    view: (fields) => views.push(fields),
  };
}

const weights = (v) => Float32Array.of(v, v);
const trained = (step, fields = {}) => ({
  type: MSG.FRAME,
  cause: 'advance',
  run: 1,
  step,
  epoch: 0,
  weights: weights(step),
  surveyStep: null,
  ...fields,
});
const surveyFields = (step, tag) => ({
  testMse: tag,
  dead: [false],
  top: 1,
  bottom: 0,
  grid: Float32Array.of(tag),
  plane: { axes: 'pc', positions: Float32Array.of(tag, tag), basis: {}, rect: [0, 1, 0, 1] },
  surveyStep: step,
});

describe('www/digits/survey-join.js', () => {
  test('the newest weights go to the survey when it is idle; the map is the newest survey', () => {
    const survey = fakeSurvey();
    let clock = 0;
    const due = [];
    const join = createSurveyJoin(survey, { now: () => clock, later: (fn) => due.push(fn) });
    join.started(1, 7);
    const first = join.frame(trained(0, surveyFields(0, 0.5)));
    assert.equal(first.testMse, 0.5, "a frame's own survey is shown");
    assert.equal(first.weights, null, 'no weights for the page unless it decodes');
    assert.equal(survey.sent.length, 0, 'weights surveyed already are not surveyed again');
    join.frame(trained(5));
    assert.equal(survey.sent.length, 1);
    assert.deepEqual(
      { ...survey.sent[0], weights: Array.from(survey.sent[0].weights) },
      {
        type: MSG.ADVANCE,
        run: 7,
        weights: [5, 5],
        step: 5,
        epoch: 0,
        transfer: [survey.sent[0].weights.buffer],
      },
    );

    // While it surveys, frames keep the last survey, and only the newest weights wait.
    const later = join.frame(trained(10));
    assert.equal(later.testMse, 0.5);
    assert.equal(later.plane.positions, null, "a survey's points are drawn once");
    join.frame(trained(20));
    assert.equal(survey.sent.length, 1);

    // Its answer is a frame of the run's, and the newest weights go out when the time has come.
    clock = SURVEY_EVERY_MS / 2;
    const answer = join.surveyed({
      type: MSG.FRAME,
      cause: 'advance',
      run: 7,
      ...surveyFields(5, 0.25),
    });
    assert.equal(answer.cause, 'survey');
    assert.equal(answer.step, 20, "drawn into the run's last frame");
    assert.equal(answer.testMse, 0.25);
    assert.equal(answer.epochs.length, 0, 'no losses twice');
    assert.equal(survey.sent.length, 1, `not within ${SURVEY_EVERY_MS} ms of the last`);
    clock = SURVEY_EVERY_MS;
    due.shift()();
    assert.deepEqual(
      survey.sent.map((m) => m.step),
      [5, 20],
    );
    join.frame(trained(20)); // a frame of a view: the same weights
    join.surveyed({ type: MSG.FRAME, cause: 'advance', run: 7, ...surveyFields(20, 0.2) });
    assert.equal(survey.sent.length, 2, 'weights on their way are not sent twice');

    // An older survey than the one shown, and another run's, are dropped.
    join.frame(trained(30, surveyFields(30, 0.125)));
    const stale = { type: MSG.FRAME, cause: 'advance', run: 7, ...surveyFields(20, 1) };
    assert.equal(join.surveyed(stale), null);
    assert.equal(join.frame(trained(31)).testMse, 0.125);
    assert.equal(
      join.surveyed({ type: MSG.FRAME, cause: 'advance', run: 6, ...surveyFields(40, 1) }),
      null,
    );
    assert.equal(join.surveyed({ type: MSG.READY }), null);
  });

  test('while the page decodes, it keeps the weights and the survey gets a copy', () => {
    const survey = fakeSurvey();
    const join = createSurveyJoin(survey, { now: () => 0, later: () => {} });
    join.started(1, 1);
    join.view({ decoding: true, axes: '1-2' });
    assert.deepEqual(survey.views, [{ axes: '1-2' }]);
    join.frame(trained(0, surveyFields(0, 0.5)));
    const frame = join.frame(trained(1));
    assert.deepEqual(Array.from(frame.weights), [1, 1]);
    assert.notEqual(survey.sent[0].weights.buffer, frame.weights.buffer);
  });
});
