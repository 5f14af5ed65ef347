// The page's side of the survey on a second core (engine/survey-model.js): a run's frames come
// from the engine that trains it, its map from a survey instance in another engine, and this
// joins them into the one stream of frames a run session reads (core/session.js). Each frame
// of the run carries its weights; the newest are sent on to the survey instance whenever it has
// none in hand (a frame's weights that were never sent are dropped for newer ones), so the map
// shows the codes of the weights of the newest frame the survey could take, one survey behind
// the training at most, while training never waits on it. A frame of the run without a survey
// of its own (a paced stretch's) gets the latest survey's fields; a survey's answer comes to
// the session as a frame of cause 'survey' (the run's last frame with the survey's fields, no
// losses, its explorer and hover as they were: a frame the page has not drawn yet loses nothing). No DOM, no workers: `survey` is the survey model's handle (digits/client.js).
import { MSG } from '../engine/protocol.js';

/**
 * Least time between two surveys asked for, in ms: the map moves at most about 11 times a
 * second. On MNIST a survey takes ~30-60 ms of a core on a quiet 2-core machine; back to back
 * they would leave the page's main thread (which draws each one) and training to share one core.
 */
export const SURVEY_EVERY_MS = 90;

// The fields a survey gives a frame (survey-model.js surveyFields).
const FIELDS = ['testMse', 'dead', 'top', 'bottom', 'plane', 'grid'];
const pick = (msg) => Object.fromEntries(FIELDS.map((k) => [k, msg[k]]));

/**
 * The join for survey model handle `survey` ({ request(type, fields, transfer), view(fields) }).
 * Returns `{ started(run, surveyRun), view(fields), frame(msg), surveyed(msg) }`: `frame` and
 * `surveyed` take the run's engine's and the survey's messages and return what the session is
 * to hear (null: nothing).
 */
export function createSurveyJoin(
  survey,
  { now = () => performance.now(), later = (fn, ms) => setTimeout(fn, ms) } = {},
) {
  const surveyRuns = new Map(); // the run's id -> its survey model's run id
  let run = null; // the run the frames are of
  let shown = null; // { step, fields }: the newest survey the session has, of `run`
  let last = null; // the run's last frame, which a survey's answer is drawn into
  let waiting = null; // { weights, step, epoch } not yet sent: the newest frame's
  let asked = false; // a survey asked for and not yet answered
  let decoding = false; // the page decodes with the frames' weights (digits-model.js view)
  let sentAt = -Infinity; // when the last survey was asked for
  let timer = false; // a send() is due later
  let sentStep = null; // the update whose weights were sent last

  const send = () => {
    const surveyRun = surveyRuns.get(run);
    if (asked || timer || !waiting || surveyRun === undefined) return;
    const wait = sentAt + SURVEY_EVERY_MS - now();
    if (wait > 0) {
      timer = true;
      return later(() => {
        timer = false;
        send();
      }, wait);
    }
    const { weights, step, epoch } = waiting;
    waiting = null;
    asked = true;
    sentStep = step;
    sentAt = now();
    survey.request(MSG.ADVANCE, { run: surveyRun, weights, step, epoch }, [weights.buffer]);
  };

  // A survey's fields of update `step`, taken unless the session has a newer one.
  const take = (step, fields) => {
    if (shown && step < shown.step) return false;
    const plane = { ...fields.plane, positions: null };
    shown = { step, fields: { ...fields, plane } };
    return true;
  };

  return {
    /** Run `runId` was asked for, and its survey model as `surveyRun`. */
    started(runId, surveyRun) {
      surveyRuns.set(runId, surveyRun);
    },
    /** What the page set of the frames: the map's axes go to the survey too. */
    view(fields) {
      if ('decoding' in fields) decoding = fields.decoding;
      if ('axes' in fields) survey.view({ axes: fields.axes });
    },
    /** A message of the run's engine, as the session is to hear it. */
    frame(msg) {
      if (msg.type !== MSG.FRAME || msg.empty) return msg;
      if (msg.run !== run) {
        for (const id of surveyRuns.keys()) if (id < msg.run) surveyRuns.delete(id);
        [run, shown, waiting, sentStep] = [msg.run, null, null, null];
      }
      if (msg.surveyStep !== null) take(msg.surveyStep, pick(msg));
      else if (shown) Object.assign(msg, shown.fields);
      if (msg.weights) {
        // Weights already surveyed or on their way (a frame of a view, the run paused) wait not.
        if (msg.step !== waiting?.step && msg.step !== sentStep && msg.step !== shown?.step) {
          // The page's decoder keeps the frame's array: the survey gets a copy of it.
          const weights = decoding ? msg.weights.slice() : msg.weights;
          waiting = { weights, step: msg.step, epoch: msg.epoch };
        }
        if (!decoding) msg.weights = null;
      }
      last = msg;
      send();
      return msg;
    },
    /** A message of the survey's engine: a frame of the run's (cause 'survey'), or null. */
    surveyed(msg) {
      if (msg.type !== MSG.FRAME) return null;
      if (msg.cause === 'advance') asked = false;
      const fresh =
        !msg.empty &&
        msg.surveyStep !== null &&
        msg.run === surveyRuns.get(run) &&
        last &&
        take(msg.surveyStep, pick(msg));
      send();
      if (!fresh) return null;
      const none = new Float32Array(0);
      return {
        ...last,
        ...pick(msg),
        cause: 'survey',
        surveyStep: msg.surveyStep,
        epochs: new Float64Array(0),
        trainLosses: none,
        testLosses: none,
        weights: null,
      };
    },
  };
}
