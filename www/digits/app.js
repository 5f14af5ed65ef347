// The digits page's wiring: one explicit state object, the views it feeds and the worker it
// drives. Training is paced by the page: one `advance` per animation frame and at most two
// waiting, so the worker never floods the page and a hidden tab stops training.
//
// A run is the seed's initial weights trained on the data set's train part for the chosen
// epochs: what the link records (with the speed and the map's axes). A new data set, seed or
// fewer epochs starts a new run; more epochs extend the current one.
//
// Published on the host for tests: data-state = loading | training | paused | done | error,
// data-build, data-kernels, data-seed, data-run, data-n (images in the data set), data-error.
import { setAttr, setProp, setText } from '../core/dom.js';
import { Chart, LossHistory } from '../core/chart.js';
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
const fmt = (n) => n.toLocaleString('en-US');
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

  // Everything that changes, in one place.
  const state = {
    phase: 'loading',
    ready: false,
    config: { ...initial.config },
    playing: true, // the reader's intent: train whenever there is training left
    data: null, // the `dataset` message of the current data set
    pendingData: firstData === null ? null : { id: firstData, label: 'the 1797 digits' },
    run: null, // { id, seed, epoch, target, frame, positions, train, test, startedAt, doneMs, deadSince, dead }
    pendingRun: null, // { id, config }
    explore: null, // index of the explorer's image
    probe: null, // the sliders' code, or null: the image's own
    hover: null, // { map, index }
    codesWanted: null, // id of the codes request a download waits for
    inFlight: 0, // advances sent and not yet answered
    frameRequested: false,
    dirty: false,
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

  const controls = createControls(root, {
    play: () => play(),
    pause: () => pause(),
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

  worker.listen(onMessage);
  showLinkProblems(initial.problems ?? []);
  const carried = location ? carriedKeys(location.hash) : {};
  updateTab();
  worker.view({ axes: state.config.axes });
  if (location) win.addEventListener('hashchange', () => followLink());
  render();
  return { state };

  // ---- actions -------------------------------------------------------------------------------

  function startRun(config) {
    if (!state.data) return;
    const id = worker.reset(config);
    state.pendingRun = { id, config };
    state.playing = true;
  }

  function play() {
    state.playing = true;
    const { run } = state;
    if (run && run.epoch >= run.target) return startRun(state.config);
    resume();
  }

  function resume() {
    const { run } = state;
    if (!run || !state.playing || run.epoch >= run.target || state.phase === 'error') return;
    setPhase('training');
    requestFrame();
  }

  function pause() {
    state.playing = false;
    // Its clock would count the pause: a run paused on the way reports no time.
    if (state.run) state.run.interrupted = true;
    if (state.phase === 'training') setPhase('paused');
    render();
  }

  function setEpochs(epochs) {
    const { run } = state;
    // Fewer epochs than already trained: the shorter run has to be trained again.
    if (!run || epochs < run.epoch) return startRun({ ...state.config, epochs });
    state.config = { ...state.config, epochs };
    run.target = epochs;
    worker.setTarget(epochs);
    saveUrl();
    if (state.phase === 'done' && run.epoch < epochs) {
      if (state.playing) resume();
      else setPhase('paused');
    }
    render();
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
    if (state.run?.frame && state.data) state.codesWanted = worker.codes();
  }

  function codesArrived(msg) {
    const { run, data } = state;
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

  function onMessage(msg) {
    switch (msg.type) {
      case MSG.READY:
        state.ready = true;
        host.dataset.build = msg.build;
        host.dataset.kernels = msg.kernels;
        return render();
      case MSG.DATASET:
        return dataset(msg);
      case MSG.REFUSED:
        return refused(msg);
      case MSG.STARTED:
        return started(msg);
      case MSG.REJECTED:
        return rejected(msg);
      case MSG.FRAME:
        return frame(msg);
      case MSG.CODES:
        return codesArrived(msg);
      case MSG.HALTED:
        state.playing = false;
        setPhase('paused');
        state.notice = `Training stopped at epoch ${fmt(msg.epoch)}: ${msg.message}`;
        return render();
      case MSG.FATAL:
        return fail(`${msg.message} (has the wasm been built? run: bash scripts/build.sh)`);
      default:
        return undefined;
    }
  }

  function dataset(msg) {
    if (msg.id !== state.pendingData?.id) return;
    // The k-curve follows the reader's data (it has the built-in digits already).
    if (state.pendingData.source) onData(state.pendingData.source);
    state.pendingData = null;
    state.data = msg;
    state.run = null;
    if (state.phase !== 'error') setPhase('loading');
    state.pendingRun = null;
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
    if (!state.data) return fail(`could not load the digits: ${msg.message}`);
    const current = state.data.name ?? 'the 1797 digits';
    dataPanel.error(`Could not load ${label}: ${msg.message} Nothing changed: ${current} ${state.data.name ? 'is' : 'are'} still loaded.`);
    render();
  }

  function started(msg) {
    const p = state.pendingRun;
    if (!p || p.id !== msg.run) return;
    state.pendingRun = null;
    state.notice = null;
    state.run = {
      id: msg.run,
      seed: msg.seed,
      epoch: 0,
      target: p.config.epochs,
      frame: null,
      train: new LossHistory(),
      test: new LossHistory(),
      startedAt: win.performance.now(),
      doneMs: null,
      deadSince: new Array(LATENT).fill(null),
      dead: new Array(LATENT).fill(false),
    };
    state.config = { ...state.config, seed: p.config.seed, epochs: p.config.epochs };
    state.inFlight = 0;
    for (const field of ['seed', 'epochs']) controls.fieldError(field, null);
    host.dataset.seed = String(msg.seed);
    host.dataset.run = String(msg.run);
    aeMap.clear();
    saveUrl();
    if (state.playing) resume();
    else setPhase('paused');
  }

  function rejected(msg) {
    const p = state.pendingRun;
    if (!p || p.id !== msg.run) return;
    state.pendingRun = null;
    if (!state.run) return fail(`bad link: ${msg.message}`);
    controls.fieldError('seed', `${msg.message}. The current run carries on.`);
    render();
  }

  function frame(msg) {
    if (msg.cause === 'advance') state.inFlight = Math.max(0, state.inFlight - 1);
    const { run } = state;
    if (msg.empty || !run || msg.run !== run.id) return;
    run.frame = msg;
    // Kept until drawn: a later frame (a hover's) comes without them.
    if (msg.plane.positions) run.positions = msg.plane.positions;
    run.epoch = msg.epoch;
    run.target = msg.target;
    if (msg.epochs.length) {
      run.train.append(msg.epochs, msg.trainLosses);
      run.test.append(msg.epochs, msg.testLosses);
    }
    watchDeadUnits(run, msg);
    if (msg.hover && msg.hover.index === state.hover?.index) cards[msg.hover.map].fill(msg.hover);
    state.dirty = true;
    if (msg.epoch >= msg.target && state.phase === 'training') {
      run.doneMs = run.interrupted ? null : win.performance.now() - run.startedAt;
      // Drawn now, not at the next animation frame: 'done' means the final picture is up.
      draw();
      setPhase('done');
      announce();
      render();
      return;
    }
    // Full speed: the next chunk at once, so the worker never idles waiting for a frame.
    if (state.config.speed === 'max') maybeAdvance();
    requestFrame();
  }

  function watchDeadUnits(run, msg) {
    const over = msg.epoch >= msg.target && msg.epoch > 0;
    for (let i = 0; i < LATENT; i++) {
      if (!msg.dead[i]) run.deadSince[i] = null;
      else if (run.deadSince[i] === null) run.deadSince[i] = msg.epoch;
      const since = run.deadSince[i];
      run.dead[i] = since !== null && (msg.epoch - since >= DEAD_AFTER_EPOCHS || over);
    }
  }

  // ---- drawing -------------------------------------------------------------------------------

  function requestFrame() {
    if (state.frameRequested) return;
    state.frameRequested = true;
    win.requestAnimationFrame(() => {
      state.frameRequested = false;
      onAnimationFrame();
    });
  }

  function onAnimationFrame() {
    // Only what a frame changed: between frames there is nothing new to write.
    if (state.dirty) {
      draw();
      render();
    }
    maybeAdvance();
    if (state.phase === 'training') requestFrame();
  }

  // Two advances at most in the worker's queue: it always has the next one at hand (no idle
  // round trip per frame), and a slow device is never flooded.
  function maybeAdvance() {
    const { run } = state;
    if (state.phase === 'training' && run && state.inFlight < 2 && !state.pendingRun && run.epoch < run.target) {
      state.inFlight += 1;
      worker.advance(run.id, state.config.speed);
    }
  }

  function draw() {
    state.dirty = false;
    const { run, data } = state;
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
      explorer.update({ ...f.explore, probe: state.probe, dead: run.dead, top: f.top });
    }
    mapNote.update(run.dead, state.config.axes);
  }

  // Everything that is text.
  function render() {
    const { run, config, phase, data } = state;
    const f = run?.frame;
    controls.render({
      phase,
      ready: state.ready && Boolean(data),
      epoch: run?.epoch ?? 0,
      target: run?.target ?? config.epochs,
      rate: f?.samplesPerSec ?? NaN,
      train: f ? f.trainLoss : NaN,
      test: f ? f.testLoss : NaN,
      seed: config.seed,
      epochs: config.epochs,
      speed: config.speed,
      axes: config.axes,
      dead: run?.dead ?? new Array(LATENT).fill(false),
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
      ready: state.ready && phase !== 'error',
      canDownload: Boolean(f && data),
    });
    if (phase !== 'error') setText($('status'), statusText());
  }

  function statusText() {
    const { run, phase, data } = state;
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
    const f = state.run?.frame;
    if (!f) return;
    setText($('announce'), `Training done. Test error: autoencoder ${formatMse(f.testLoss)}, PCA-4 ${formatMse(state.data.pca.testMse)}.`);
  }

  function setPhase(phase) {
    state.phase = phase;
    host.dataset.state = phase;
  }

  function fail(message) {
    setPhase('error');
    host.dataset.error = message;
    const status = $('status');
    status.textContent = `Error: ${message}`;
    status.classList.add('error');
    render();
  }

  // ---- words and data ----------------------------------------------------------------------

  function imageTitle(index) {
    const { labels, isTest } = state.data;
    const label = labels[index] >= 0 ? `, digit ${labels[index]}` : '';
    return `Image #${index}${label} (${isTest[index] ? 'test' : 'train'})`;
  }

  /** Where grid tile `i` sits on the map's plane. */
  function gridPoint(i) {
    const plane = state.run?.frame?.plane;
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

