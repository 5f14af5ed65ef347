// The digits page's wiring: one explicit state object, the views it feeds, and the run session
// (core/session.js) that drives the worker. Training is paced by the page: one `advance` per
// animation frame and at most two waiting, so the worker never floods the page and a hidden tab
// stops training.
//
// A run is the seed's initial weights trained on the data set's train part for the chosen
// epochs: what the link records (with the speed and the map's axes). A new data set, seed or
// fewer epochs starts a new run; more epochs extend the current one.
//
// Published on the host for tests: data-state = loading | training | paused | done | error,
// data-build, data-kernels, data-seed, data-run, data-n (images in the data set), data-error.
import { setAttr, setProp, setText } from '../core/dom.js';
import { Chart, LossHistory } from '../core/chart.js';
import { DeadUnits } from '../core/dead-units.js';
import { fmt } from '../core/format.js';
import { RunSession } from '../core/session.js';
import { describeLinkProblems } from '../core/settings.js';
import { carriedKeys, configHash, fourTabHref, readConfig } from './config.js';
import { createControls } from './controls.js';
import { codesCsv } from './csv.js';
import { createDataPanel } from './data-panel.js';
import { saveText } from '../core/download.js';
import { createExplorer } from './explorer.js';
import { createHoverCard } from './hover-card.js';
import { renderLegend } from './legend.js';
import { createMapNote } from './map-note.js';
import { GRID, LATENT, MSG } from './protocol.js';
import { ScatterMap } from './scatter.js';
import { TileView } from './tiles.js';
import { formatMse, verdict } from './verdict.js';

// A unit 0 on every image for this many epochs is called dead (early on one may switch off and
// back on while Adam's momentum carries its weights).
const DEAD_AFTER_EPOCHS = 10;
// Browsers throttle (and warn about) rapid history.replaceState calls.
const URL_DELAY_MS = 250;
// The core's minibatch (Keras fit's default): an epoch is ceil(n / BATCH) Adam steps.
const BATCH = 32;

/**
 * Starts the digits mode inside `root`. `initial` is readConfig()'s result (its `problems` shown);
 * `worker` is startDigitsWorker()'s handle, already asked for the built-in data as `firstData`
 * (or null: none); `dataUrl` is that data's URL, for switching back to it; `onData(source)` hears
 * of every data set loaded after the first ({ url } or { file }, as worker.loadData took it).
 */
export function mountDigits(root, { host, initial, worker, firstData, dataUrl, location = null, history = null, onData = () => {} }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const doc = host.ownerDocument;
  const win = doc.defaultView;

  // Everything that changes, in one place (the run's part is the session's).
  const state = {
    config: { ...initial.config },
    data: null, // the `dataset` message of the current data set
    pendingData: firstData === null ? null : { id: firstData, label: 'the 1797 digits' },
    explore: null, // index of the explorer's image
    probe: null, // the sliders' code, or null: the image's own
    hover: null, // { map, index }
    codesWanted: null, // id of the codes request a download waits for
    urlTimer: null,
    notice: null,
  };

  // Views.
  const curves = new Chart($('curves'));
  const aeMap = new ScatterMap($('ae-map'), { onHover: (i, x, y) => hover('ae', i, x, y), onPick: (i) => pick(i) });
  const pcaMap = new ScatterMap($('pca-map'), { onHover: (i, x, y) => hover('pca', i, x, y), onPick: (i) => pick(i) });
  const cards = {
    ae: createHoverCard($('ae-map').parentElement, { id: 'ae-card', reconLabel: 'autoencoder' }),
    pca: createHoverCard($('pca-map').parentElement, { id: 'pca-card', reconLabel: 'PCA-4' }),
  };
  const explorer = createExplorer(root, { units: LATENT, onPick: (i) => pick(i), onProbe: (z) => setProbe(z) });
  const manifold = new TileView($('manifold'), { rows: GRID, cols: GRID, gap: 2, describe: (i) => gridPoint(i) });
  const galleryTip = (i) => (state.data ? imageTitle(state.data.gallery[i]) : null);
  const gallery = {
    original: new TileView($('gallery-original'), { rows: 1, cols: 10, gap: 4, describe: galleryTip }),
    ae: new TileView($('gallery-ae'), { rows: 1, cols: 10, gap: 4, describe: galleryTip }),
    pca: new TileView($('gallery-pca'), { rows: 1, cols: 10, gap: 4, describe: galleryTip }),
  };
  const mapNote = createMapNote($('map-note'));

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
      extended: (epochs) => {
        state.config = { ...state.config, epochs };
        saveUrl();
      },
      halted: (msg) => (state.notice = `Training stopped at epoch ${fmt(msg.epoch)}: ${msg.message}`),
      done: announce,
      message: (msg) => {
        if (msg.type === MSG.DATASET) dataset(msg);
        else if (msg.type === MSG.REFUSED) refused(msg);
        else if (msg.type === MSG.CODES) codesArrived(msg);
      },
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
    speed: (speed) => {
      state.config = { ...state.config, speed };
      saveUrl();
    },
    axes: (axes) => setAxes(axes),
  });
  const dataPanel = createDataPanel(root, {
    file: (file) => loadData({ file }, file.name),
    builtin: () => loadData({ url: dataUrl }, 'the 1797 digits'),
    download: () => downloadCodes(),
  });

  session.listen();
  showLinkProblems(initial.problems ?? []);
  const carried = location ? carriedKeys(location.hash) : {};
  updateTab();
  worker.view({ axes: state.config.axes });
  if (location) win.addEventListener('hashchange', () => followLink());
  render();
  return { state, session };

  // ---- actions -------------------------------------------------------------------------------

  function startRun(config) {
    if (state.data) session.start(config, { play: true });
  }

  function setEpochs(epochs) {
    const { run } = session;
    // Fewer epochs than already trained: the shorter run has to be trained again.
    if (!run || epochs < run.epoch) return startRun({ ...state.config, epochs });
    session.extend(epochs);
  }

  function setAxes(axes) {
    state.config = { ...state.config, axes };
    // Another quantity on the axes: the map starts afresh rather than gliding from the old one.
    aeMap.clear();
    worker.view({ axes });
    saveUrl();
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
    const { data } = state;
    const { run } = session;
    if (msg.id !== state.codesWanted || !msg.codes || msg.run !== run?.id) return;
    state.codesWanted = null;
    const base = (data.name ?? 'digits').replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-');
    saveText(doc, `tinyae-${base}-codes-seed${run.seed}-epoch${msg.epoch}.csv`, codesCsv(msg.codes, data.labels, LATENT));
  }

  /** The pointer is over dot `index` of map `map` (-1: none), at (x, y) in its box. */
  function hover(map, index, x, y) {
    const other = map === 'ae' ? 'pca' : 'ae';
    cards[other].hide();
    if (index < 0) {
      cards[map].hide();
      return setHover(null);
    }
    cards[map].show({ index, text: imageTitle(index), x, y });
    setHover({ map, index });
  }

  function setHover(next) {
    const cur = state.hover;
    if (cur?.map === next?.map && cur?.index === next?.index) return;
    state.hover = next;
    worker.view({ hover: next });
    // The same image is ringed on both maps: where a digit sits in one, and in the other.
    const marks = { hover: next?.index ?? -1 };
    aeMap.setMarks(marks);
    pcaMap.setMarks(marks);
  }

  /** Makes image `index` the explorer's input. */
  function pick(index) {
    state.explore = index;
    state.probe = null;
    worker.view({ explore: index, probe: null });
    explorer.show({ index, title: imageTitle(index) });
    aeMap.setMarks({ selected: index });
    pcaMap.setMarks({ selected: index });
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
    state.pendingData = null;
    state.data = msg;
    session.drop();
    state.hover = null;
    cards.ae.hide();
    cards.pca.hide();
    host.dataset.n = String(msg.n);
    // The counts the page's sentences quote follow the data set (a file has its own).
    const counts = { 'n-train': msg.nTrain, 'n-test': msg.nTest, 'n-steps': Math.ceil(msg.nTrain / BATCH) };
    for (const [cls, value] of Object.entries(counts)) {
      for (const el of root.querySelectorAll(`.${cls}`)) setText(el, String(value));
    }
    renderLegend($('legend'), msg.labels);
    aeMap.clear();
    aeMap.setMarks({ hover: -1, selected: -1 });
    pcaMap.clear();
    pcaMap.setMarks({ hover: -1, selected: -1 });
    pcaMap.setData({ positions: msg.pca.map, labels: msg.labels, xLabel: 'PC 1 of the images', yLabel: 'PC 2 of the images' });
    gallery.original.draw(msg.galleryPixels);
    gallery.pca.draw(msg.pca.galleryRecon);
    gallery.ae.draw(null);
    manifold.draw(null);
    const kept = msg.pca.ratio.reduce((a, b) => a + b, 0);
    setText($('pca-note'), `Its four axes keep ${(kept * 100).toFixed(1)}% of the pixel variance ` +
      `(${msg.pca.ratio.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')}); train MSE ${formatMse(msg.pca.trainMse)}.`);
    const pcaMse = $('pca-mse');
    setText(pcaMse, formatMse(msg.pca.testMse));
    pcaMse.dataset.value = String(msg.pca.testMse);
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

  function started(run, p) {
    state.notice = null;
    // `positions`: the map's points from the latest frame that had them, until drawn.
    Object.assign(run, { positions: null, train: new LossHistory(), test: new LossHistory(), dead: new DeadUnits(DEAD_AFTER_EPOCHS) });
    state.config = { ...state.config, seed: p.config.seed, epochs: p.config.epochs };
    for (const field of ['seed', 'epochs']) controls.fieldError(field, null);
    aeMap.clear();
    saveUrl();
  }

  function rejected(msg) {
    if (!session.run) return session.fail(`bad link: ${msg.message}`);
    controls.fieldError('seed', `${msg.message}. The current run carries on.`);
  }

  function frame(run, msg) {
    // Kept until drawn: a later frame (a hover's) comes without them.
    if (msg.plane.positions) run.positions = msg.plane.positions;
    if (msg.epochs.length) {
      run.train.append(msg.epochs, msg.trainLosses);
      run.test.append(msg.epochs, msg.testLosses);
    }
    run.dead.update(msg.dead, msg.epoch, msg);
    if (msg.hover && msg.hover.index === state.hover?.index) cards[msg.hover.map].fill(msg.hover);
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
      aeMap.setData({ positions: run.positions, labels: data.labels, xLabel: plane.xLabel, yLabel: plane.yLabel, rect: plane.rect });
      run.positions = null;
    }
    manifold.draw(f.grid);
    gallery.ae.draw(f.gallery);
    curves.draw({
      series: [
        { history: run.train, name: 'train', color: ['--train', '#2f6fed'] },
        { history: run.test, name: 'test', color: ['--test', '#e8590c'], main: true },
      ],
      references: [{ name: 'PCA-4', value: data.pca.testMse, color: ['--pca', '#7048e8'], dash: [6, 4] }],
      target: run.target,
    });
    const [x0, x1, y0, y1] = plane.rect;
    setText($('grid-axes'), `Across: ${plane.xLabel} from ${x0.toFixed(2)} to ${x1.toFixed(2)}. ` +
      `Up: ${plane.yLabel} from ${y0.toFixed(2)} to ${y1.toFixed(2)}.`);
    if (f.explore && f.explore.index === state.explore) {
      explorer.update({ ...f.explore, probe: state.probe, dead: run.dead.dead, top: f.top });
    }
    mapNote.update(run.dead.dead, state.config.axes);
  }

  // Everything that is text.
  function render() {
    const { config, data } = state;
    const { run, phase } = session;
    const f = run?.frame;
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
      axes: config.axes,
      dead: run?.dead.dead ?? [],
    });
    const aeMse = $('ae-mse');
    const testMse = f && f.epoch > 0 ? f.testLoss : NaN;
    setText(aeMse, formatMse(testMse));
    setAttr(aeMse, 'data-value', Number.isFinite(testMse) ? String(testMse) : null);
    const v = data ? verdict({ aeMse: testMse, pcaMse: data.pca.testMse, epoch: run?.epoch ?? 0 }) : null;
    if (v) {
      setText($('verdict'), v.text);
      setAttr($('verdict'), 'data-winner', v.winner ?? '');
    }
    explorer.enable(data && phase !== 'error' ? data.n : 0);
    dataPanel.render({
      data,
      loading: state.pendingData && state.data ? state.pendingData.label : null,
      ready: session.ready && phase !== 'error',
      canDownload: Boolean(f && data),
    });
    if (phase !== 'error') setText($('status'), statusText());
  }

  function statusText() {
    const { data } = state;
    const { run, phase } = session;
    if (state.notice) return state.notice;
    if (!data) return 'Loading the WebAssembly module and the digits…';
    if (!run) return `Starting a run on ${data.name ?? 'the digits'}…`;
    const build = host.dataset.build ? `, ${host.dataset.build} wasm build` : '';
    const on = `seed ${run.seed}, ${fmt(data.nTrain)} training images`;
    if (phase === 'training') return `Training ${on}${build}…`;
    if (phase === 'paused') return `Paused at epoch ${fmt(run.epoch)} of ${fmt(run.target)}, ${on}.`;
    if (phase === 'done') {
      const time = run.doneMs === null ? '' : ` in ${(run.doneMs / 1000).toFixed(1)} s`;
      return `Done: ${fmt(run.epoch)} epochs${time}, ${on}${build}.`;
    }
    return '';
  }

  function announce() {
    const f = session.run?.frame;
    if (!f) return;
    setText($('announce'), `Training done. Test error: autoencoder ${formatMse(f.testLoss)}, PCA-4 ${formatMse(state.data.pca.testMse)}.`);
  }

  // ---- words and data ----------------------------------------------------------------------

  function imageTitle(index) {
    const { labels, isTest } = state.data;
    const label = labels[index] >= 0 ? `, digit ${labels[index]}` : '';
    return `Image #${index}${label} (${isTest[index] ? 'test' : 'train'})`;
  }

  /** Where grid tile `i` sits on the map's plane. */
  function gridPoint(i) {
    const plane = session.run?.frame?.plane;
    if (!plane) return null;
    const [x0, x1, y0, y1] = plane.rect;
    const x = x0 + (((i % GRID) + 0.5) / GRID) * (x1 - x0);
    const y = y1 - ((Math.floor(i / GRID) + 0.5) / GRID) * (y1 - y0);
    return `${plane.xLabel} ${x.toFixed(2)}, ${plane.yLabel} ${y.toFixed(2)}`;
  }

  // ---- the link --------------------------------------------------------------------------------

  // The link was edited by hand (or Back was pressed): apply what differs.
  function followLink() {
    const { config: parsed, problems } = readConfig({ search: location.search, hash: location.hash });
    showLinkProblems(problems);
    const c = state.config;
    // A value that does not parse is named, and the one in use stays.
    const bad = new Set(problems.map((p) => p.key));
    const next = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, bad.has(k) ? c[k] : v]));
    if (next.speed !== c.speed) state.config = { ...state.config, speed: next.speed };
    if (next.axes !== c.axes) setAxes(next.axes);
    if (next.seed !== c.seed) startRun({ ...state.config, seed: next.seed, epochs: next.epochs });
    else if (next.epochs !== c.epochs) setEpochs(next.epochs);
    render();
  }

  // What in the link could not be used, above the chart where the reader looks.
  function showLinkProblems(problems) {
    const text = describeLinkProblems(problems);
    host.dataset.linkProblems = problems.map((p) => p.key).join(' ');
    setProp($('link-note'), 'hidden', !text);
    setText($('link-note'), text ?? '');
  }

  // The tab to the '4' takes the seed and the '4' page's own keys back with it.
  function updateTab() {
    const tab = root.querySelector('nav.modes a[href^="index.html"]');
    if (tab) tab.setAttribute('href', fourTabHref(state.config, carried));
  }

  function saveUrl() {
    if (!location) return;
    updateTab();
    win.clearTimeout(state.urlTimer);
    state.urlTimer = win.setTimeout(() => {
      const hash = configHash(state.config, carried);
      if (hash !== location.hash) history.replaceState(history.state, '', hash);
    }, URL_DELAY_MS);
  }
}

