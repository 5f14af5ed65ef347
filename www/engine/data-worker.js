// The data page's engine: data sets, each parsed once (data.js), and models on them addressed by
// the page's ids (digits-model.js, kcurve-model.js, vae-model.js, survey-model.js). It only
// executes: what to train and when is the page's (core/session.js). The page runs three: one
// for its run, one surveying that run's map from its weights (on a copy of the first's rows),
// one for the k-curve and the VAE, so none queues behind another. Messages: protocol.js.
import { loadFullGlue } from '../core/bridge.js';
import { DataError } from './csv.js';
import {
  datasetRows,
  datasetSummary,
  freeDataset,
  prepareDataset,
  readSource,
  surveyDataset,
} from './data.js';
import { createDigitsModel } from './digits-model.js';
import { createKcurveModel } from './kcurve-model.js';
import { DATA_MSG, messageOf, MSG as ENGINE_MSG, post, serveWorker } from './protocol.js';
import { createSurveyModel } from './survey-model.js';
import { createVaeModel } from './vae-model.js';

const MSG = { ...ENGINE_MSG, ...DATA_MSG };
const KINDS = {
  digits: createDigitsModel,
  kcurve: createKcurveModel,
  vae: createVaeModel,
  survey: createSurveyModel,
};
// A model's own requests, and the kind of their answers.
const ANSWERS = {
  [MSG.CODES]: MSG.CODES,
  [MSG.SAMPLE]: MSG.SAMPLES,
  [MSG.IMAGES]: MSG.IMAGES,
};

let wasm = null;
let builtin = null; // the built-in digits, parsed once and kept: every slot that asks shares them
const slots = new Map(); // slot -> data set
const models = new Map(); // model id -> { slot, model }
const views = new Map(); // model id -> what its frames show: kept across its runs

serveWorker('engine', { load: loadFullGlue, ready: (w) => (wasm = w), handle });

async function handle(msg) {
  if (msg.type === MSG.DATA) return loadData(msg);
  if (msg.type === MSG.RESET) return reset(msg);
  const entry = models.get(msg.model);
  const model = entry?.model;
  switch (msg.type) {
    case MSG.TARGET:
      model?.setTarget(msg.target);
      return postFrame(msg.model, 'target');
    case MSG.ADVANCE:
      if (model && msg.run === model.run) advance(msg.model, model, msg);
      // Answered either way: the page waits for one frame per advance.
      return postFrame(msg.model, 'advance');
    case MSG.VIEW:
      views.set(msg.model, { ...views.get(msg.model), ...msg });
      model?.view(msg);
      return postFrame(msg.model, 'view');
    default: {
      const answer = ANSWERS[msg.type];
      if (!answer) throw new Error(`engine: unknown message ${JSON.stringify(msg.type)}`);
      if (!model) return post({ type: answer, model: msg.model, id: msg.id, run: 0, codes: null });
      const [fields, transfer] = model.request(msg);
      return post({ type: answer, model: msg.model, run: model.run, ...fields }, transfer);
    }
  }
}

async function loadData({ id, slot, source, rows }) {
  let data;
  try {
    if (source.rows) data = surveyDataset(wasm, source.rows);
    else if (source.builtin && builtin) data = builtin;
    else data = prepareDataset(wasm, await readSource(source), nameOf(source));
  } catch (err) {
    // A fetch or decompression failure is not the reader's fault: say so differently.
    const message =
      err instanceof DataError ? err.message : `could not read the data: ${messageOf(err)}`;
    return post({ type: MSG.REFUSED, id, slot, message, dataError: err instanceof DataError });
  }
  if (source.builtin) builtin = data;
  const old = slots.get(slot);
  slots.set(slot, data);
  // The slot's models trained on the old data: they end, and what they showed of it is forgotten.
  for (const [id, entry] of models) {
    if (entry.slot !== slot) continue;
    entry.model.free();
    models.delete(id);
    const { axes } = views.get(id) ?? {};
    views.set(id, axes ? { axes } : {});
  }
  if (old && old !== builtin && ![...slots.values()].includes(old)) freeDataset(old);
  if (source.rows) return post({ type: MSG.DATASET, id, slot, n: data.n, width: data.width });
  // `key`: the page's name for the data set (config.js DATA_SETS; a reader's file goes as digits).
  // `rows`: a copy of its rows for a survey instance, handed over.
  const copy = rows ? datasetRows(data) : null;
  post(
    {
      type: MSG.DATASET,
      id,
      slot,
      key: source.dataset ?? 'digits',
      ...datasetSummary(data),
      rows: copy,
    },
    copy ? [copy.pixels.buffer] : [],
  );
}

// A reader's file goes by its name, a built-in 28x28 set by its key (the page words it), the
// digits by none.
const nameOf = (source) => source.dataset ?? source.file?.name ?? null;

// A new model, built aside and swapped in only once the core has accepted everything, so a
// refused seed or option leaves the model's current run going.
function reset(msg) {
  const { model: id, kind, run, slot } = msg;
  const data = slots.get(slot);
  if (!data) return post({ type: MSG.REJECTED, model: id, run, message: 'no data is loaded' });
  let model;
  try {
    model = KINDS[kind](wasm, data, msg);
  } catch (err) {
    return post({
      type: MSG.REJECTED,
      model: id,
      run,
      field: err?.argument,
      message: messageOf(err),
      reason: err?.reason,
    });
  }
  models.get(id)?.model.free();
  models.set(id, { slot, model });
  model.view(views.get(id) ?? {});
  post({ type: MSG.STARTED, model: id, run, ...model.started() });
  postFrame(id, 'reset');
}

function advance(id, model, msg) {
  try {
    model.advance(msg);
  } catch (err) {
    // The core undid the failed call: the model is as it was before it.
    post({
      type: MSG.HALTED,
      model: id,
      run: model.run,
      epoch: model.epoch,
      message: messageOf(err),
    });
  }
}

function postFrame(id, cause) {
  const model = models.get(id)?.model;
  if (!model) return post({ type: MSG.FRAME, model: id, cause, run: 0, empty: true });
  const [fields, transfer] = model.frame();
  post({ type: MSG.FRAME, model: id, cause, run: model.run, ...fields }, transfer);
}
