// The page's side of a data engine (engine/data-worker.js): numbers its data sets and gives each
// model on it (the run, the k-curve, the VAE) a handle with what core/session.js asks of a
// worker. Answers go to the model they name, or to the models on the slot they name; `ready`
// and `fatal` to all. An engine started with a survey has a second one beside it (the same
// script): every data set's rows are handed on to it from the first, once, and each 'digits'
// model (the run) is surveyed there while it trains here (engine/survey-model.js,
// survey-join.js), so the map's survey takes the second core and training keeps the first.
import { pickBuild } from '../core/simd.js';
import { DATA_MSG, linkWorker, MSG as ENGINE_MSG } from '../engine/protocol.js';
import { newDataWorker } from './engine-worker.js';
import { createSurveyJoin } from './survey-join.js';

const MSG = { ...ENGINE_MSG, ...DATA_MSG };

/**
 * Starts an engine for `prefer`'s build ('scalar' or undefined: the best available), and with
 * `survey`, its survey engine. Commands may be sent at once (the engine queues them); what it
 * says is kept until a model listens.
 */
export function startEngine(prefer, { survey = false } = {}) {
  const build = pickBuild(prefer);
  const worker = newDataWorker();
  const link = linkWorker(worker, build, 'data-worker.js');
  const surveyor = survey ? startEngine(build) : null;
  const listeners = new Map(); // model id -> { slot, onMessage }
  const kept = new Map(); // model id or slot -> messages no one listened to yet
  const toAll = []; // ready, fatal: said once, heard by every model, later ones too
  let nextData = 1;
  // Messages go in the order asked, a data message's once its bytes have come.
  let sending = Promise.resolve();
  const send = (type, fields, transfer) =>
    (sending = sending.then(() => link.send(type, fields, transfer)));
  const route = (msg) => {
    if (msg.rows) {
      // The data set's rows, for the survey engine (handed over: the page never reads them).
      surveyor.loadData(msg.slot, { rows: msg.rows });
      delete msg.rows;
    }
    if (msg.model === undefined && msg.slot === undefined) {
      toAll.push(msg);
      for (const l of listeners.values()) l.onMessage(msg);
      return;
    }
    const to = msg.model ?? msg.slot;
    const heard = [...listeners].filter(
      ([id, l]) => id === to || (msg.model === undefined && l.slot === to),
    );
    if (!heard.length) kept.set(to, [...(kept.get(to) ?? []), msg]);
    for (const [, l] of heard) l.onMessage(msg);
  };
  link.listen(route);

  return {
    build,
    /**
     * Loads `source` ({ bytes, builtin } or { file }, or a promise of one; a survey engine's:
     * { rows }) into data slot `slot`; returns its id. A promise that fails is refused as the
     * engine refuses what it cannot read.
     */
    loadData(slot, source) {
      const id = nextData++;
      sending = sending
        .then(() => source)
        .then(
          (s) =>
            link.send(
              MSG.DATA,
              { id, slot, source: s, rows: Boolean(surveyor) },
              s.rows ? [s.rows.pixels.buffer] : [],
            ),
          (err) =>
            route({
              type: MSG.REFUSED,
              id,
              slot,
              message: `could not read the data: ${err?.message ?? err}`,
            }),
        );
      return id;
    },
    /**
     * A model `id` of `kind` on data slot `slot`: its handle. `fields(config)`: what a reset
     * sends for a session's config; `window`: advances a session keeps waiting at most.
     */
    model(id, kind, slot, { fields = (config) => config, window = 1 } = {}) {
      let nextRun = 1;
      // The run is surveyed on the survey engine, by a model of the same id there.
      const watch = surveyor && kind === 'digits' ? surveyor.model(id, 'survey', slot) : null;
      const join = watch ? createSurveyJoin(watch) : null;
      return {
        listen(onMessage) {
          const hear = join ? (msg) => onMessage(join.frame(msg)) : onMessage;
          listeners.set(id, { slot, onMessage: hear });
          for (const msg of [...toAll, ...(kept.get(id) ?? []), ...(kept.get(slot) ?? [])])
            hear(msg);
          kept.delete(id);
          kept.delete(slot);
          watch?.listen((msg) => {
            const frame = join.surveyed(msg);
            if (frame) onMessage(frame);
          });
        },
        reset(config) {
          const run = nextRun++;
          send(MSG.RESET, { ...fields(config), model: id, kind, slot, run, surveyed: !!join });
          join?.started(run, watch.reset(fields(config)));
          return run;
        },
        setTarget: (target) => send(MSG.TARGET, { model: id, target }),
        /** `epochs` more (or 'max': a chunk's worth) of run `run`; `paced`: the session's loop. */
        advance: (run, epochs, paced = false) =>
          send(MSG.ADVANCE, { model: id, run, epochs, paced }),
        /** The session asks for every stretch, 'max' ones too, and keeps `window` waiting. */
        pacing: { window, ownLoop: false },
        view(fields) {
          send(MSG.VIEW, { model: id, ...fields });
          join?.view(fields);
        },
        /** Sends a request of the model's own (codes, sample); the answer comes as a message. */
        request: (type, fields, transfer) => send(type, { model: id, ...fields }, transfer),
      };
    },
    terminate() {
      worker.terminate();
      surveyor?.terminate();
    },
  };
}
