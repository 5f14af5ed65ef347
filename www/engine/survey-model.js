// The map's survey on a second core: a model of an engine (data-worker.js) that trains nothing.
// It holds a copy of the run's network and the data set's rows (the run's engine sends them
// once, digits-model.js `rows`), takes the run's weights as they come (`advance { weights,
// step }`: set_weights, then one core call encodes every item) and answers with what a frame
// draws of the codes. The page's client (digits/client.js) sends it the weights of the newest
// frame whenever it is idle, so the run's engine only trains and the map follows at the pace
// one core can survey. `surveyViews` is what either engine computes of a survey.
//
// reset    { run, seed, options }   the run's network (the same seed: its first weights)
// view     { axes }                 the map's axes (the run's own; surveyed again at once)
// advance  { weights, step, epoch }  the run's weights after `step` updates (`epoch`: its epoch)
// frame    { surveyStep, epoch, testMse, dead, top, bottom, plane, grid }  as digits-model.js's
//          frame has them (`plane.positions` once per survey), of the weights of update
//          `surveyStep`; nothing new since the last frame: { surveyStep: null }
import { codeStats, GRID, latentPlane, latticeCodes, planeAxes } from './latent-plane.js';

/**
 * What a frame shows of model `ae`'s survey of `images` (an ImageSet) with the map's `axes`,
 * `previous`: the last plane, whose axis signs are kept. The core's `wasm` module fits the
 * codes' plane. `{ codes, testError, testMse, dead, top, bottom, positions, plane, grid }`.
 */
export function surveyViews(wasm, ae, images, axes, previous) {
  const { codes, testError, testMse } = ae.survey(images);
  const plane = latentPlane(wasm, codes, planeAxes(axes, ae.latent), { d: ae.latent, previous });
  const { positions, ...fields } = plane; // axes, xLabel, yLabel, rect, basis
  return {
    codes,
    testError,
    testMse,
    ...codeStats(codes, ae.latent),
    positions,
    plane: fields,
    grid: ae.decode(latticeCodes(plane, GRID, ae.latent)),
  };
}

/** The fields of `v` (surveyViews') a frame carries, its positions only if `withPositions`. */
export function surveyFields(v, withPositions) {
  const { testMse, dead, top, bottom, plane, grid } = v;
  return {
    testMse,
    dead,
    top,
    bottom,
    plane: { ...plane, positions: withPositions ? v.positions : null },
    grid,
  };
}

/** A survey model for data set `data` (with `images`): throws what the core refuses. */
export function createSurveyModel(wasm, data, { run, seed, options }) {
  const ae = new wasm.Autoencoder(seed, { ...options, input: data.width });
  const s = { axes: 'pc', step: null, epoch: 0, views: null, plane: null, fresh: false };
  const survey = () => {
    s.views = surveyViews(wasm, ae, data.images, s.axes, s.plane);
    s.plane = { ...s.views.plane, positions: null };
    s.fresh = true;
  };
  return {
    run,
    get epoch() {
      return s.epoch;
    },
    started: () => ({ seed, latent: ae.latent }),
    setTarget() {},
    /** New weights: surveyed at once. */
    advance({ weights, step, epoch }) {
      ae.set_weights(weights);
      Object.assign(s, { step, epoch });
      survey();
    },
    view(msg) {
      if (!('axes' in msg) || msg.axes === s.axes) return;
      s.axes = msg.axes;
      if (s.step !== null) survey();
    },
    request: () => [{}, []],
    frame() {
      if (!s.fresh) return [{ surveyStep: null, epoch: s.epoch }, []];
      s.fresh = false;
      const fields = surveyFields(s.views, true);
      const transfer = fields.plane.positions ? [fields.plane.positions.buffer] : [];
      // Handed over: a later frame of the same survey would need them again, and none comes.
      s.views.positions = null;
      return [{ surveyStep: s.step, epoch: s.epoch, ...fields }, transfer];
    },
    free: () => ae.free(),
  };
}
