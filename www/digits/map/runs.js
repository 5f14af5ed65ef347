// The digits page's side of its run session (core/session.js): how a run is asked for, and what
// the page does with what the worker says: a data set loaded or refused, a run started or
// refused, its frames drawn, its end announced, the codes a download waits for. `d` is the page
// (panel.js): its state, views, controls, network editor, data panel and session.
import { LossHistory } from '../../core/chart.js';
import { DeadUnits } from '../../core/dead-units.js';
import { saveText } from '../../core/download.js';
import { setText } from '../../core/dom.js';
import { fmt, formatMse, milestoneText, unitNumbers, unitsAre } from '../../core/format.js';
import { codesCsv } from '../../engine/csv.js';
import { DATA_MSG as MSG } from '../../engine/protocol.js';
import { defaultsFor, defaultsForData, SETTINGS } from '../config.js';
import { dataLabel, fileName } from '../data-panel.js';

// A unit 0 on every image for this many epochs is called dead: early on one may switch off and
// back on while Adam's momentum carries its weights (seed 2 loses unit 2 for a few epochs).
// At the run's end it is decided whatever the count.
const DEAD_AFTER_EPOCHS = 50;

/** What a run fixes: every setting but how fast it is watched and along which axes. */
export const VIEW_ONLY = new Set(['speed', 'axes']);

/** Asks for a run of `config`, played at once; with no data set yet there is nothing to train. */
export function startRun(d, config) {
  if (d.state.data) d.session.start(config, { play: true });
}

/** The session's hooks for the digits page. */
export function runHooks(d) {
  const { state } = d;
  const messages = {
    [MSG.DATASET]: dataset,
    [MSG.REFUSED]: refused,
    [MSG.CODES]: codesArrived,
    [MSG.IMAGES]: (d, msg) => d.views.thumbs.fill(msg.id, msg.indices, msg.values),
  };
  return {
    draw: () => draw(d),
    render: () => d.render(),
    restart: () => startRun(d, state.config),
    started: (run, p, previous, msg) => started(d, run, p, msg),
    rejected: (msg, p) => rejected(d, msg, p),
    frame: (run, msg, before) => frame(d, run, msg, before),
    extended: (epochs) => d.setConfig({ epochs }),
    halted: (msg) => (state.notice = `Training stopped at epoch ${fmt(msg.epoch)}: ${msg.message}`),
    done: () => announce(d),
    message: (msg) => messages[msg.type]?.(d, msg),
    fatal: (message) => `${message} (has the wasm been built? run: bash scripts/build.sh)`,
  };
}

/** What a run keeps when the data set changes: the rest is the new data set's defaults. */
const KEPT_ACROSS_DATA = ['seed', 'speed'];

function dataset(d, msg) {
  const { state } = d;
  if (msg.id !== state.pendingData?.id) return;
  // The k-curve follows the page's data, and a file of the reader's is kept for this tab
  // (kept-data.js; the digits again forget it; the link's first data is kept already).
  const { source, first } = state.pendingData;
  d.onData(source, { width: msg.width, kind: msg.kind });
  if (!first) d.keep(source);
  // Another data set, or a file of another width or kind: its own defaults (a network of its
  // width, a linear output for a table), the seed and speed kept.
  const before = state.data;
  if (
    msg.key !== state.config.data ||
    (before && (before.width !== msg.width || before.kind !== msg.kind))
  ) {
    const keep = Object.fromEntries(KEPT_ACROSS_DATA.map((k) => [k, state.config[k]]));
    d.setConfig({ ...defaultsForData(msg), ...keep });
  }
  showPicked(d, msg);
  // The editor offers the layers this width needs (core/architecture.js archLimits).
  d.editor.setInputWidth(msg.width);
  Object.assign(state, { pendingData: null, data: msg, hover: null });
  d.decoder.dispose();
  d.session.drop();
  // The run first: its engine builds the model and its first map while the page draws the rest.
  startRun(d, state.config);
  d.host.dataset.n = String(msg.n);
  d.views.dataset(msg);
  d.pick(msg.gallery[0] ?? 0);
  d.render();
}

/** The picker shows data set `data` (a `dataset` message): a built-in set, or the reader's file. */
const showPicked = (d, data) => d.picker.show(data.key, fileName(data));

function refused(d, msg) {
  const { state } = d;
  if (msg.id !== state.pendingData?.id) return;
  const { label } = state.pendingData;
  state.pendingData = null;
  if (!state.data) return d.session.fail(`could not load the digits: ${msg.message}`);
  const current = dataLabel(state.data);
  // The picker goes back to what is still on show.
  showPicked(d, state.data);
  d.dataPanel.error(
    `Could not load ${label}: ${msg.message} Nothing changed: ${current} ${state.data.name ? 'is' : 'are'} still loaded.`,
  );
  d.render();
}

function started(d, run, p, msg) {
  d.state.notice = null;
  const { config } = p;
  // `positions`: the map's points from the latest frame that had them, until drawn.
  Object.assign(run, {
    positions: null,
    train: new LossHistory(),
    test: new LossHistory(),
    dead: new DeadUnits(DEAD_AFTER_EPOCHS),
    latent: msg.latent,
    options: msg.options,
    nParams: msg.nParams,
    pca: msg.pca,
    mseLoss: config.loss === 'mse' && !config.variational,
    sparse: config.l1 > 0,
  });
  const fixed = Object.fromEntries(Object.entries(config).filter(([k]) => !VIEW_ONLY.has(k)));
  d.setConfig(fixed);
  for (const field of ['seed', 'epochs']) d.controls.fieldError(field, null);
  d.editor.error(null);
  d.host.dataset.latent = String(msg.latent);
  d.views.network(d.state.config, msg.latent, msg.noisy);
  d.views.pca(msg.pca);
  d.controls.setLatent(msg.latent);
  d.onLatent(msg.latent);
}

function rejected(d, msg, p) {
  d.editorRev += 1;
  if (!d.session.run) {
    // The link's own run: a value only the model refuses is named with the link's others, and
    // its default runs.
    const row = SETTINGS.find((r) => r.core === msg.field);
    const defaults = defaultsFor(p.config.data);
    if (!row || row.format(p.config[row.field]) === row.format(defaults[row.field]))
      return d.session.fail(`bad link: ${msg.message}`);
    d.link.addProblem({
      key: row.key,
      got: row.format(p.config[row.field]),
      rule: msg.reason ?? msg.message,
    });
    return startRun(d, { ...p.config, [row.field]: defaults[row.field] });
  }
  if (msg.field && msg.field !== 'seed')
    d.editor.error(`The network was not changed: ${msg.message}. The current run carries on.`);
  else d.controls.fieldError('seed', `${msg.message}. The current run carries on.`);
}

// Spoken every this many epochs while a run is watched (at 1 a frame, one every 3.3 s).
const MILESTONE_EPOCHS = 200;

function frame(d, run, msg, before) {
  // Kept until drawn: a later frame (a hover's) comes without them.
  if (msg.plane.positions) run.positions = msg.plane.positions;
  if (msg.epochs.length) {
    run.train.append(msg.epochs, msg.trainLosses);
    run.test.append(msg.epochs, msg.testLosses);
  }
  run.dead.update(msg.dead, msg.epoch, msg);
  d.decoder.update(run, msg);
  if (msg.hover && msg.hover.index === d.state.hover?.index)
    d.views.cards[msg.hover.map].fill(msg.hover);
  // A milestone for screen readers (the start, a pause, the verdict and the end are panel.js's).
  const text =
    d.session.phase === 'training' &&
    d.state.config.speed !== 'max' &&
    milestoneText(
      before,
      msg.epoch,
      msg.target,
      MILESTONE_EPOCHS,
      `test error ${formatMse(msg.testMse)}`,
    );
  if (text) setText(d.$('announce'), text);
}

// The download's codes (panel.js asked for them): saved if they are still the current run's.
function codesArrived(d, msg) {
  const { state } = d;
  const { run } = d.session;
  if (msg.id !== state.codesWanted || !msg.codes || msg.run !== run?.id) return;
  state.codesWanted = null;
  const base = (state.data.name ?? 'digits').replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-');
  saveText(
    d.host.ownerDocument,
    `tinyae-${base}-codes-seed${run.seed}-epoch${msg.epoch}.csv`,
    codesCsv(msg.codes, state.data.labels, run.latent),
  );
}

function draw(d) {
  const { data } = d.state;
  const { run } = d.session;
  const { views } = d;
  const f = run?.frame;
  if (!f || !data) return;
  const { plane } = f;
  // The map only when its points moved: restamping 100,000 of them is the page's dearest job.
  if (run.positions) {
    views.aeMap.setData({
      positions: run.positions,
      labels: data.labels,
      xLabel: plane.xLabel,
      yLabel: plane.yLabel,
      rect: plane.rect,
    });
    run.positions = null;
    // How many maps of new codes were drawn, for the bench (bench-js/data-page.mjs).
    d.host.dataset.maps = String(Number(d.host.dataset.maps ?? 0) + 1);
  }
  // Frames come faster than surveys, and a survey's frame is the run's last one with a new map
  // (survey-join.js): what each drew is drawn once.
  const drawn = run.drawn ?? {};
  if (drawn.grid !== f.grid) {
    views.manifold.draw(f.grid);
    views.gridAxes(plane);
  }
  if (drawn.gallery !== f.gallery) {
    views.gallery.ae.draw(f.gallery);
    if (f.denoised) views.gallery.denoised.draw(f.denoised);
  }
  const chart = `${run.train.length}:${run.target}`;
  if (drawn.chart !== chart) views.chart(run, run.pca.testMse);
  run.drawn = { grid: f.grid, gallery: f.gallery, chart, explore: f.explore };
  if (f.explore && f.explore !== drawn.explore && f.explore.index === d.state.explore) {
    views.explorer.update({
      ...f.explore,
      probe: d.state.probe,
      dead: run.dead.dead,
      top: f.top,
      bottom: f.bottom,
    });
  }
  views.mapNote.update(run.dead.dead, plane.axes, run.sparse);
}

function announce(d) {
  const { run } = d.session;
  if (!run?.frame) return;
  // The dead units' verdict, decided now the run is over, goes with it.
  const which = unitNumbers(run.dead.dead);
  const dead = which.length ? ` ${unitsAre(which)} ${run.sparse ? 'silent' : 'dead'}.` : '';
  const errors = `autoencoder ${formatMse(run.frame.testMse)}, PCA-${run.pca.k} ${formatMse(run.pca.testMse)}`;
  setText(d.$('announce'), `Training done. Test error: ${errors}.${dead}`);
}
