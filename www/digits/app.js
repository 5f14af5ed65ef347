// The digits page's wiring: one explicit state object, the views it feeds (views.js), the
// network editor, and the run session (core/session.js) that drives the worker. Training is
// paced by the page: one `advance` per animation frame and at most two waiting, so the worker
// never floods the page and a hidden tab stops training.
//
// A run is the seed's initial weights of the chosen network trained on the data set's train
// part for the chosen epochs: what the link records (with the speed and the map's axes). A new
// data set, seed, network or fewer epochs starts a new run; more epochs extend the current one.
//
// Published on the host for tests: data-state = loading | training | paused | done | error,
// data-build, data-kernels, data-seed, data-run, data-n (images in the data set), data-latent,
// data-error.
import { createArchEditor } from '../core/arch-editor.js';
import { VAE_PRESETS, VAE_SETTINGS } from '../core/vae-settings.js';
import { LossHistory } from '../core/chart.js';
import { DeadUnits } from '../core/dead-units.js';
import { saveText } from '../core/download.js';
import { setText } from '../core/dom.js';
import { fmt } from '../core/format.js';
import { RunSession } from '../core/session.js';
import { createControls } from './controls.js';
import { codesCsv } from './csv.js';
import { createDataPanel } from './data-panel.js';
import { createLink } from './link.js';
import { MSG, planeAxes } from './protocol.js';
import { gridPoint, imageTitle, statusText } from './status.js';
import { verdict, formatMse } from './verdict.js';
import { createViews } from './views.js';

// A unit 0 on every image for this many epochs is called dead (early on one may switch off and
// back on while Adam's momentum carries its weights).
const DEAD_AFTER_EPOCHS = 10;
// What a run fixes: every setting but how fast it is watched and along which axes.
const VIEW_ONLY = new Set(['speed', 'axes']);

/**
 * Starts the digits mode inside `root`. `initial` is readConfig()'s result (its `problems` shown);
 * `worker` is startDigitsWorker()'s handle, already asked for the built-in data as `firstData`
 * (or null: none); `dataUrl` is that data's URL, for switching back to it; `onData(source)` hears
 * of every data set loaded after the first ({ url } or { file }, as worker.loadData took it);
 * `onLatent(k)` of every run's code size.
 */
export function mountDigits(root, { host, initial, worker, firstData, dataUrl, location = null, history = null, onData = () => {}, onLatent = () => {} }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const win = host.ownerDocument.defaultView;
  const state = {
    config: { ...initial.config },
    data: null, // the `dataset` message of the current data set
    pendingData: firstData === null ? null : { id: firstData, label: 'the 1797 digits' },
    explore: null, // index of the explorer's image
    probe: null, // the sliders' code, or null: the image's own
    hover: null, // { map, index }
    codesWanted: null, // id of the codes request a download waits for
    notice: null,
  };
  const title = (i) => imageTitle(state.data, i);
  const views = createViews(root, {
    hover: (map, i, x, y) => hover(map, i, x, y),
    pick: (i) => pick(i),
    probe: (z) => setProbe(z),
    describeTile: (i) => gridPoint(session.run?.frame?.plane, i),
    galleryTip: (i) => (state.data ? title(state.data.gallery[i]) : null),
  });
  const session = new RunSession({
    host,
    worker,
    status: $('status'),
    speed: () => state.config.speed,
    on: {
      draw,
      render,
      restart: () => startRun(state.config),
      started,
      rejected,
      frame,
      extended: (epochs) => setConfig({ epochs }),
      halted: (msg) => (state.notice = `Training stopped at epoch ${fmt(msg.epoch)}: ${msg.message}`),
      done: announce,
      message: (msg) => ({ [MSG.DATASET]: dataset, [MSG.REFUSED]: refused, [MSG.CODES]: codesArrived })[msg.type]?.(msg),
      fatal: (message) => `${message} (has the wasm been built? run: bash scripts/build.sh)`,
    },
  });
  const controls = createControls(root, {
    play: () => session.play(),
    pause: () => session.pause(),
    replay: () => startRun(state.config),
    newSeed: () => startRun({ ...state.config, seed: win.crypto.getRandomValues(new Uint32Array(1))[0] }),
    seed: (seed) => startRun({ ...state.config, seed }),
    epochs: (epochs) => setEpochs(epochs),
    speed: (speed) => setConfig({ speed }),
    axes: (axes) => setAxes(axes),
  });
  const editor = createArchEditor($('arch-editor'), { presets: VAE_PRESETS, rows: VAE_SETTINGS, onChange: (patch) => startRun({ ...state.config, ...patch }) });
  const dataPanel = createDataPanel(root, {
    file: (file) => loadData({ file }, file.name),
    builtin: () => loadData({ url: dataUrl }, 'the 1797 digits'),
    download: () => downloadCodes(),
  });
  const link = createLink(root, { host, location, history, current: () => state.config, follow: (next) => followLink(next) });

  session.listen();
  link.problems(initial.problems ?? []);
  link.tab(state.config);
  worker.view({ axes: state.config.axes });
  render();
  return { state, session };

  // ---- actions -------------------------------------------------------------------------------

  function startRun(config) {
    if (state.data) session.start(config, { play: true });
  }

  function setConfig(patch) {
    state.config = { ...state.config, ...patch };
    link.save(state.config);
  }

  function setEpochs(epochs) {
    const { run } = session;
    // Fewer epochs than already trained: the shorter run has to be trained again.
    if (!run || epochs < run.epoch) return startRun({ ...state.config, epochs });
    session.extend(epochs);
  }

  function setAxes(axes) {
    setConfig({ axes });
    // Another quantity on the axes: the map starts afresh rather than gliding from the old one.
    views.aeMap.clear();
    worker.view({ axes });
  }

  function loadData(source, label) {
    dataPanel.error(null);
    state.pendingData = { id: worker.loadData(source), label, source };
    render();
  }

  // The codes live in the worker: asked for, and saved when they come (codesArrived).
  function downloadCodes() {
    if (session.run?.frame && state.data) state.codesWanted = worker.codes();
  }

  function codesArrived(msg) {
    const { run } = session;
    if (msg.id !== state.codesWanted || !msg.codes || msg.run !== run?.id) return;
    state.codesWanted = null;
    const base = (state.data.name ?? 'digits').replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-');
    saveText(host.ownerDocument, `tinyae-${base}-codes-seed${run.seed}-epoch${msg.epoch}.csv`, codesCsv(msg.codes, state.data.labels, run.latent));
  }

  /** The pointer is over dot `index` of map `map` (-1: none), at (x, y) in its box. */
  function hover(map, index, x, y) {
    views.cards[map === 'ae' ? 'pca' : 'ae'].hide();
    if (index < 0) views.cards[map].hide();
    else views.cards[map].show({ index, text: title(index), x, y });
    const next = index < 0 ? null : { map, index };
    if (state.hover?.map === next?.map && state.hover?.index === next?.index) return;
    state.hover = next;
    worker.view({ hover: next });
    // The same image is ringed on both maps: where a digit sits in one, and in the other.
    for (const m of [views.aeMap, views.pcaMap]) m.setMarks({ hover: next?.index ?? -1 });
  }

  /** Makes image `index` the explorer's input. */
  function pick(index) {
    Object.assign(state, { explore: index, probe: null });
    worker.view({ explore: index, probe: null });
    views.explorer.show({ index, title: title(index) });
    for (const m of [views.aeMap, views.pcaMap]) m.setMarks({ selected: index });
  }

  function setProbe(z) {
    state.probe = z;
    worker.view({ probe: z });
  }

  // ---- the worker's side -----------------------------------------------------------------------

  function dataset(msg) {
    if (msg.id !== state.pendingData?.id) return;
    // The k-curve follows the reader's data (it has the built-in digits already).
    if (state.pendingData.source) onData(state.pendingData.source);
    Object.assign(state, { pendingData: null, data: msg, hover: null });
    session.drop();
    host.dataset.n = String(msg.n);
    views.dataset(msg);
    pick(msg.gallery[0] ?? 0);
    startRun(state.config);
    render();
  }

  function refused(msg) {
    if (msg.id !== state.pendingData?.id) return;
    const { label } = state.pendingData;
    state.pendingData = null;
    if (!state.data) return session.fail(`could not load the digits: ${msg.message}`);
    const current = state.data.name ?? 'the 1797 digits';
    dataPanel.error(`Could not load ${label}: ${msg.message} Nothing changed: ${current} ${state.data.name ? 'is' : 'are'} still loaded.`);
    render();
  }

  function started(run, p, previous, msg) {
    state.notice = null;
    const { config } = p;
    // `positions`: the map's points from the latest frame that had them, until drawn.
    Object.assign(run, {
      positions: null,
      train: new LossHistory(),
      test: new LossHistory(),
      dead: new DeadUnits(DEAD_AFTER_EPOCHS),
      latent: msg.latent,
      nParams: msg.nParams,
      pca: msg.pca,
      mseLoss: config.loss === 'mse' && !config.variational,
    });
    const fixed = Object.fromEntries(Object.entries(config).filter(([k]) => !VIEW_ONLY.has(k)));
    setConfig(fixed);
    for (const field of ['seed', 'epochs']) controls.fieldError(field, null);
    editor.error(null);
    host.dataset.latent = String(msg.latent);
    views.network(state.config, msg.latent, msg.noisy);
    views.pca(msg.pca);
    controls.setLatent(msg.latent);
    onLatent(msg.latent);
  }

  function rejected(msg) {
    if (!session.run) return session.fail(`bad link: ${msg.message}`);
    if (msg.field && msg.field !== 'seed') editor.error(`The network was not changed: ${msg.message}. The current run carries on.`);
    else controls.fieldError('seed', `${msg.message}. The current run carries on.`);
  }

  function frame(run, msg) {
    // Kept until drawn: a later frame (a hover's) comes without them.
    if (msg.plane.positions) run.positions = msg.plane.positions;
    if (msg.epochs.length) {
      run.train.append(msg.epochs, msg.trainLosses);
      run.test.append(msg.epochs, msg.testLosses);
    }
    run.dead.update(msg.dead, msg.epoch, msg);
    if (msg.hover && msg.hover.index === state.hover?.index) views.cards[msg.hover.map].fill(msg.hover);
  }

  // ---- drawing -------------------------------------------------------------------------------

  function draw() {
    const { data } = state;
    const { run } = session;
    const f = run?.frame;
    if (!f || !data) return;
    const { plane } = f;
    // The map only when its points moved: restamping 100,000 of them is the page's dearest job.
    if (run.positions) {
      views.aeMap.setData({ positions: run.positions, labels: data.labels, xLabel: plane.xLabel, yLabel: plane.yLabel, rect: plane.rect });
      run.positions = null;
    }
    views.manifold.draw(f.grid);
    views.gallery.ae.draw(f.gallery);
    if (f.denoised) views.gallery.denoised.draw(f.denoised);
    views.chart(run, run.pca.testMse);
    views.gridAxes(plane);
    if (f.explore && f.explore.index === state.explore) {
      views.explorer.update({ ...f.explore, probe: state.probe, dead: run.dead.dead, top: f.top, bottom: f.bottom });
    }
    views.mapNote.update(run.dead.dead, plane.axes);
  }

  // Everything that is text.
  function render() {
    const { config, data } = state;
    const { run, phase } = session;
    const f = run?.frame;
    const latent = run?.latent ?? config.latent;
    controls.render({
      phase,
      ready: session.ready && Boolean(data),
      epoch: run?.epoch ?? 0,
      target: run?.target ?? config.epochs,
      rate: f?.samplesPerSec ?? NaN,
      train: f ? f.trainLoss : NaN,
      test: f ? f.testLoss : NaN,
      seed: config.seed,
      epochs: config.epochs,
      speed: config.speed,
      axes: planeAxes(config.axes, latent),
      dead: run?.dead.dead ?? [],
    });
    editor.render(config, run?.nParams);
    const testMse = f && f.epoch > 0 ? f.testMse : NaN;
    views.aeMse(testMse);
    const v = data && run ? verdict({ aeMse: testMse, pcaMse: run.pca.testMse, epoch: run.epoch, k: run.pca.k }) : null;
    if (v) {
      setText($('verdict'), v.text);
      $('verdict').dataset.winner = v.winner ?? '';
    }
    views.explorer.enable(data && phase !== 'error' ? data.n : 0);
    dataPanel.render({
      data,
      loading: state.pendingData && state.data ? state.pendingData.label : null,
      ready: session.ready && phase !== 'error',
      canDownload: Boolean(f && data),
    });
    if (phase !== 'error') setText($('status'), state.notice ?? statusText({ data, run, phase, build: host.dataset.build }));
  }

  function announce() {
    const { run } = session;
    if (!run?.frame) return;
    setText($('announce'), `Training done. Test error: autoencoder ${formatMse(run.frame.testMse)}, PCA-${run.pca.k} ${formatMse(run.pca.testMse)}.`);
  }

  // ---- the link --------------------------------------------------------------------------------

  // The link was edited by hand (or Back was pressed): `next` holds what differs and parsed.
  function followLink(next) {
    if ('speed' in next) state.config = { ...state.config, speed: next.speed };
    if ('axes' in next) setAxes(next.axes);
    const runFields = Object.keys(next).filter((k) => !VIEW_ONLY.has(k));
    if (runFields.length === 1 && runFields[0] === 'epochs') setEpochs(next.epochs);
    else if (runFields.length) startRun({ ...state.config, ...next });
    render();
  }
}
