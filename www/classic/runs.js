// The '4' page's side of its run session (core/session.js): how a run is asked for (a loaded
// file's weights stand in for the seed's until the reader picks a seed), and what the page
// does when the worker starts, refuses or halts one. `d` is the demo (app.js): its settings,
// views, controls, architecture editor and session.
import { layerWidths, sameNetwork } from '../core/architecture.js';
import { LossHistory } from '../core/chart.js';
import { DeadUnits } from '../core/dead-units.js';
import { setTextAll } from '../core/dom.js';
import { fmt, milestoneText } from '../core/format.js';
import { DEFAULTS, setting } from '../core/urlstate.js';
import { readable } from './status.js';

// A latent unit at exactly 0 on the training image for this many epochs is flagged as dead
// (early on a unit may switch off and back on while the weights settle).
const DEAD_AFTER_EPOCHS = 100;
// Spoken every this many epochs while a run is watched (at 5 a frame, one every 1.7 s).
const MILESTONE_EPOCHS = 500;

/**
 * Asks for a run of `config`. It starts from the loaded file's weights, if any, unless the
 * reader picked a seed (`seeded`); `field` names the control whose change asked for it, for
 * a refusal; `fresh` marks a file's weights just loaded; `play`/`steps` say what follows.
 */
export function startRun(d, config, options = {}) {
  const { seeded = false, ...extra } = options;
  if (!extra.weights && !extra.checkpoint && !seeded && d.loaded) Object.assign(extra, d.loaded);
  d.session.start(config, extra);
}

/** The session's hooks for the '4' page. */
export function runHooks(d) {
  return {
    draw: () => draw(d),
    render: () => d.render(),
    restart: (options) => startRun(d, d.config, options),
    started: (run, p, previous, msg) => started(d, run, p, previous, msg),
    rejected: (msg, p) => rejected(d, msg, p),
    frame: (run, msg, previousEpoch) => {
      if (msg.losses.length) run.history.append(msg.epochs, msg.losses);
      run.dead.update(
        Array.from(msg.dataCode, (v) => v === 0),
        previousEpoch,
        msg,
      );
      speakMilestone(d, previousEpoch, msg);
    },
    extended: (epochs) => {
      d.config = { ...d.config, epochs };
      d.link.save();
    },
    // The core's message says what happened and what to do; the model is as it was.
    halted: (msg) =>
      d.fieldError('learningRate', `Training stopped at epoch ${fmt(msg.epoch)}: ${readable(msg)}`),
    ready: (msg) => (d.build = msg.build),
    fatal: (message) => `${message} (has the wasm been built? run: bash scripts/build.sh)`,
    // A drag across several cells in one frame makes one run, not several.
    animationFrame() {
      if (d.inputChanged && !d.session.pending) {
        d.inputChanged = false;
        startRun(d, d.config);
      }
      return d.inputChanged;
    },
  };
}

// A watched run's milestones, in #run-announce: at full speed (or shown finished) a run is over
// too soon for them, and its start and end are spoken anyway.
function speakMilestone(d, before, msg) {
  if (d.session.phase !== 'training' || d.still || d.config.speed === 'max') return;
  const text = milestoneText(
    before,
    msg.epoch,
    msg.target,
    MILESTONE_EPOCHS,
    `loss ${msg.loss.toExponential(3)}`,
  );
  if (text) d.root.querySelector('#run-announce').textContent = text;
}

function draw(d) {
  const { run } = d.session;
  if (!run?.frame) return;
  d.views.draw({
    frame: run.frame,
    history: run.history,
    previous: d.previous,
    target: run.target,
    probe: d.probe,
    dead: run.dead.dead,
  });
}

function started(d, run, p, previous, msg) {
  d.notice = null;
  if (previous?.history.length) d.previous = previous.history;
  // Only the first run is shown finished under reduced motion: any later one is watched.
  if (previous) d.still = false;
  Object.assign(run, {
    source: p.fileName ? 'file' : 'seed',
    fileName: p.fileName ?? null,
    options: msg.options, // the core's resolved options(): what a saved file records
    history: new LossHistory(),
    dead: new DeadUnits(DEAD_AFTER_EPOCHS),
  });
  // Speed is not part of a run, and the input may have moved on while the worker was busy:
  // for both, the newest wins (and a newer input makes another run, or a stale one).
  const before = d.config;
  const newerInput = d.config.input !== p.config.input;
  d.config = { ...p.config, speed: d.config.speed, input: d.config.input };
  d.session.stale = newerInput && !p.play;
  d.inputChanged = newerInput && p.play;
  if (d.session.stale) d.worker.view({ input: d.config.input });
  for (const field of ['seed', 'learningRate', 'epochs', 'options']) d.fieldError(field, null);
  // A probe of another code length means nothing to this network.
  if (d.probe && d.probe.length !== msg.latent) d.setProbe(null);
  d.views.setNetwork(msg.options);
  // The link's knock-outs belong to the run it describes: the first one.
  if (d.linkedOff.length) d.views.knockOut(d.linkedOff.splice(0));
  d.editor.render(d.config, msg.nParams);
  // The weights panel counts this network's numbers, not the classic one's.
  setTextAll(d.root, '.n-params', String(msg.nParams));
  const dropped = !p.fileName && d.loaded ? d.loaded.fileName : null;
  d.loaded = p.fileName
    ? { weights: p.weights, checkpoint: p.checkpoint, fileName: p.fileName }
    : null;
  if (p.fresh)
    d.weightsPanel.loaded(
      p.fileName,
      sameNetwork(before, d.config) ? null : layerWidths(d.config).join('-'),
    );
  if (dropped) d.weightsPanel.seeded(run.seed, dropped);
  d.link.save();
  d.networkChanged?.(msg.options);
}

function rejected(d, msg, p) {
  // The link's own run cannot start: say why where the reader looks, and run the default.
  // Named with every other bad value of the link, not instead of them.
  if (!d.session.run && msg.field in DEFAULTS && p.config[msg.field] !== DEFAULTS[msg.field]) {
    const row = setting('field', msg.field);
    d.link.addProblem({
      key: row.key,
      got: row.format(p.config[msg.field]),
      rule: msg.reason ?? msg.message,
    });
    return startRun(d, { ...p.config, [msg.field]: DEFAULTS[msg.field] }, { play: p.play });
  }
  if (!d.session.run) return d.session.fail(`bad link: ${readable(msg)}`);
  const field = p.field ?? (msg.field === 'input' ? null : msg.field);
  const message = `${readable(msg)} The current run carries on.`;
  if (p.fresh) d.weightsPanel.refused(p.fileName, msg.message);
  else if (field) d.fieldError(field, message);
  else d.notice = message;
}
