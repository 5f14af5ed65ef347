// The map panel's wiring: one object (`d`) for the page's state and the parts that show it, the
// run session (core/session.js, its hooks in runs.js) and the reader's actions. A run is the
// seed's weights of the chosen network trained on the data set's train part for the chosen
// epochs, as the link records it: a new data set, seed, network or fewer epochs start a new run;
// more epochs extend it. The host publishes the session's data-* and data-n, data-latent.
import { createArchEditor } from '../../core/arch-editor.js';
import { coreOptions } from '../../core/architecture.js';
import { VAE_PRESETS, VAE_SETTINGS } from '../../core/vae-settings.js';
import { setText } from '../../core/dom.js';
import { watchPresence } from '../../core/presence.js';
import { RunSession } from '../../core/session.js';
import { createControls } from './controls.js';
import { createDecoder } from './decoder.js';
import { createDataPanel, dataLabel } from '../data-panel.js';
import { createLink } from '../link.js';
import { DATA_SETS } from '../config.js';
import { forgetData, keepData } from '../kept-data.js';
import { DATA_MSG as MSG } from '../../engine/protocol.js';
import { planeAxes } from '../../engine/latent-plane.js';
import { embedHooks } from './embed-hooks.js';
import { runHooks, startRun, VIEW_ONLY } from './runs.js';
import { gridPoint, imageTitle, statusText, verdict, createViews } from './views.js';

/**
 * Starts the digits mode inside `root`. `initial` is readConfig()'s result (its `problems` shown);
 * `host` publishes the run (data-state and the rest: the page's body, or the element of an
 * embed);
 * `engine` is startEngine()'s handle, already asked for the link's data (`first`, a source or
 * its promise; `builtin` is the digits' source, to switch back to) into its 'main' slot as
 * `firstData` (or null: none); `picker` is the data set picker (data-picker.js);
 * `onData(source, { width, kind })` hears of every data set the page shows (as engine.loadData
 * took it; kind 'images' or 'table');
 * `onLatent(k)` of every run's code size. `embedded`: an
 * embed's (host: the element), which says when training may happen (the handle's setActive)
 * and publishes the training loss as data-loss; else training waits while the tab is hidden.
 * `autoplay` false: the first run waits at epoch 0 for Play. Returns `{ state, session,
 * redraw() }` (redraw: the maps read their palette again).
 */
export function mountDigits(
  root,
  {
    host,
    initial,
    engine,
    firstData,
    first = null,
    builtin,
    picker,
    location = null,
    history = null,
    onData = () => {},
    onLatent = () => {},
    embedded = false,
    autoplay = true,
  },
) {
  const state = {
    config: { ...initial.config },
    data: null, // the `dataset` message of the current data set
    pendingData:
      firstData === null
        ? null
        : {
            id: firstData,
            label: DATA_SETS[initial.config.data].label,
            source: first,
            first: true,
          },
    explore: null, // index of the explorer's image
    probe: null, // the sliders' code, or null: the image's own
    hover: null, // { map, index }
    codesWanted: null, // id of the codes request a download waits for
    codesAsked: 0,
    notice: null,
  };
  // The run: the reader's network on the data in the engine's 'main' slot; two advances waiting,
  // so the engine always has work and never floods the page.
  const fields = (c) => ({ seed: c.seed, options: coreOptions(c), target: c.epochs });
  const worker = engine.model('run', 'digits', 'main', { window: 2, fields });
  const d = { state, host, win: host.ownerDocument.defaultView, engine, worker, onData, onLatent };
  d.$ = (id) => root.querySelector(`#${id}`);
  d.editorRev = 0;
  d.spoken = { run: null, phase: null, passed: false }; // what #announce said of the current run
  d.render = () => render(d);
  d.setConfig = (patch) => setConfig(d, patch);
  d.pick = (i) => pick(d, i);
  d.views = createViews(root, {
    hover: (map, i, x, y) => hover(d, map, i, x, y),
    pick: d.pick,
    probe: (z) => setProbe(d, z),
    describeTile: (i) => gridPoint(d.session.run?.frame?.plane, i),
    galleryTip: (i) => (state.data ? imageTitle(state.data, state.data.gallery[i]) : null),
    describe: (i) => imageTitle(state.data, i),
    images: (indices, id) => worker.request(MSG.IMAGES, { id, indices }),
    decode: (point) => d.decoder.decode(point),
    point: (p) => d.views.decoder.point(d.session.run ? p : null),
  });
  d.decoder = createDecoder(engine.build, { onWeights: () => d.views.decoder.refresh() });
  watchDecoding(d);
  d.session = new RunSession({
    host,
    worker,
    status: d.$('status'),
    speed: () => state.config.speed,
    on: embedHooks(d, runHooks(d), { autoplay, embedded }),
  });
  d.controls = createControls(root, {
    play: () => d.session.play(),
    pause: () => d.session.pause(),
    replay: () => startRun(d, state.config),
    newSeed: () => newSeed(d),
    seed: (seed) => startRun(d, { ...state.config, seed }),
    epochs: (epochs) => setEpochs(d, epochs),
    speed: (speed) => d.setConfig({ speed }),
    axes: (axes) => setAxes(d, axes),
  });
  const edited = (patch) => {
    d.editorRev += 1; // redrawn even if the run is refused: the field shows the value in use
    startRun(d, { ...state.config, ...patch });
  };
  d.editor = createArchEditor(d.$('arch-editor'), {
    presets: VAE_PRESETS,
    rows: VAE_SETTINGS,
    onChange: edited,
  });
  d.dataPanel = createDataPanel(root, {
    file: (file) => loadData(d, { file }, file.name),
    builtin: () => chooseData(d, 'digits'),
    download: () => downloadCodes(d),
  });
  d.builtin = builtin;
  d.picker = picker;
  picker.choose = (key) => chooseData(d, key);
  d.keep = (source) => keep(d, source);
  d.link = createLink(root, {
    host,
    location,
    history,
    current: () => state.config,
    follow: (next) => followLink(d, next),
  });

  d.session.listen();
  // Hidden, the tab trains nothing, at full speed too (where frames, not animation frames, pace).
  if (!embedded)
    watchPresence(host.ownerDocument.documentElement, (active) => d.session.setActive(active));
  d.link.problems(initial.problems ?? []);
  d.link.tab(state.config);
  worker.view({ axes: state.config.axes });
  d.render();
  // An embed's theme attribute changed: the maps read their palette again.
  const redraw = () => [d.views.aeMap, d.views.pcaMap].forEach((map) => map.restyle());
  return { state, session: d.session, redraw };
}

// ---- the reader's actions ------------------------------------------------------------------

function setConfig(d, patch) {
  d.state.config = { ...d.state.config, ...patch };
  d.link.save(d.state.config);
}

function newSeed(d) {
  startRun(d, { ...d.state.config, seed: d.win.crypto.getRandomValues(new Uint32Array(1))[0] });
}

function setEpochs(d, epochs) {
  const { run } = d.session;
  // Fewer epochs than already trained: the shorter run has to be trained again.
  if (!run || epochs < run.epoch) return startRun(d, { ...d.state.config, epochs });
  d.session.extend(epochs);
}

function setAxes(d, axes) {
  setConfig(d, { axes });
  // Another quantity on the axes: the map starts afresh rather than gliding from the old one.
  d.views.aeMap.clear();
  d.worker.view({ axes });
}

function loadData(d, source, label) {
  d.dataPanel.error(null);
  d.picker.error(null);
  d.picker.cancel();
  d.state.pendingData = { id: d.engine.loadData('main', source), label, source };
  d.render();
}

/**
 * The reader picked data set `key` (config.js DATA_SETS): the digits at once, a 28x28 set once
 * its file has come (a download under way is cancelled). One that cannot be fetched is named,
 * and the data and the run on show stay as they were.
 */
function chooseData(d, key) {
  const { label } = DATA_SETS[key];
  if (key === 'digits') return loadData(d, d.builtin, label);
  d.picker.error(null);
  d.picker.fetch(key).then(
    (source) => loadData(d, source, label),
    (err) => {
      if (err?.name === 'AbortError') return;
      const now = d.state.data ? dataLabel(d.state.data) : 'nothing';
      d.picker.error(
        `Could not load ${label}: ${err.message}. Nothing changed: the page still shows ${now}.`,
      );
    },
  );
}

// A file the engine took is kept for this tab; if the browser will not keep it, the reader is
// told that leaving the page loses it. The built-in digits forget it. The summary's data-kept
// says which, once stored (for tests: storing takes a moment).
function keep(d, source) {
  const summary = d.$('data-summary');
  delete summary.dataset.kept;
  if (!source.file) return forgetData().then(() => (summary.dataset.kept = 'false'));
  const name = source.file.name;
  return keepData(source.file).then((reason) => {
    summary.dataset.kept = String(!reason);
    if (reason)
      d.dataPanel.error(
        `${name} is loaded, but the browser would not keep it for this tab (${reason}): leaving the page loses it.`,
      );
  });
}

// The codes live in the engine: asked for, and saved when they come (runs.js's codesArrived).
function downloadCodes(d) {
  if (!d.session.run?.frame || !d.state.data) return;
  d.state.codesWanted = ++d.state.codesAsked;
  d.worker.request(MSG.CODES, { id: d.state.codesWanted });
}

/** The pointer is over dot `index` of map `map` (-1: none), at (x, y) in its box. */
function hover(d, map, index, x, y) {
  const { state, views } = d;
  views.cards[map === 'ae' ? 'pca' : 'ae'].hide();
  if (index < 0) views.cards[map].hide();
  else views.cards[map].show({ index, text: imageTitle(state.data, index), x, y });
  const next = index < 0 ? null : { map, index };
  if (state.hover?.map === next?.map && state.hover?.index === next?.index) return;
  state.hover = next;
  d.worker.view({ hover: next });
  // The same image is ringed on both maps: where a digit sits in one, and in the other.
  for (const m of [views.aeMap, views.pcaMap]) m.setMarks({ hover: next?.index ?? -1 });
}

// While the pointer is on the latent map or the map has the focus, the engine's frames carry the
// weights, for the page's decoder (decode at the pointer, or at the keyboard's point).
function watchDecoding(d) {
  const map = d.$('ae-map');
  const held = { pointer: false, focus: false };
  const hold = (key, on) => {
    const before = held.pointer || held.focus;
    held[key] = on;
    if ((held.pointer || held.focus) !== before) d.worker.view({ decoding: !before });
  };
  map.addEventListener('pointerenter', () => hold('pointer', true));
  map.addEventListener('pointerleave', () => hold('pointer', false));
  map.addEventListener('focus', () => hold('focus', true));
  map.addEventListener('blur', () => hold('focus', false));
}

/** Makes image `index` the explorer's input. */
function pick(d, index) {
  const { views } = d;
  Object.assign(d.state, { explore: index, probe: null });
  d.worker.view({ explore: index, probe: null });
  views.explorer.show({ index, title: imageTitle(d.state.data, index) });
  for (const m of [views.aeMap, views.pcaMap]) m.setMarks({ selected: index });
}

function setProbe(d, z) {
  d.state.probe = z;
  d.worker.view({ probe: z });
}

// The link was edited by hand (or Back was pressed): `next` holds what differs and parsed.
function followLink(d, next) {
  if ('speed' in next) d.state.config = { ...d.state.config, speed: next.speed };
  if ('axes' in next) setAxes(d, next.axes);
  const runFields = Object.keys(next).filter((k) => !VIEW_ONLY.has(k));
  if (runFields.length === 1 && runFields[0] === 'epochs') setEpochs(d, next.epochs);
  else if (runFields.length) startRun(d, { ...d.state.config, ...next });
  d.render();
}

// ---- the text ------------------------------------------------------------------------------

// Everything that is text.
function render(d) {
  const { state, session, $ } = d;
  const { config, data } = state;
  const { run, phase } = session;
  const f = run?.frame;
  const latent = run?.latent ?? config.latent;
  d.controls.render({
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
  // The editor and the data panel change with a run or a data set, not with a frame.
  if (changed(d, 'editor', [config, run?.nParams, d.editorRev]))
    d.editor.render(config, run?.nParams);
  const testMse = f && f.epoch > 0 ? f.testMse : NaN;
  d.views.aeMse(testMse);
  const v =
    data && run
      ? verdict({ aeMse: testMse, pcaMse: run.pca.testMse, epoch: run.epoch, k: run.pca.k })
      : null;
  if (v) {
    setText($('verdict'), v.text);
    $('verdict').dataset.winner = v.winner ?? '';
  }
  d.views.explorer.enable(data && phase !== 'error' ? data.n : 0);
  const panel = {
    data,
    loading: state.pendingData && state.data ? state.pendingData.label : null,
    ready: session.ready && phase !== 'error',
    canDownload: Boolean(f && data),
  };
  if (changed(d, 'dataPanel', Object.values(panel))) d.dataPanel.render(panel);
  if (phase !== 'error')
    setText(
      $('status'),
      state.notice ?? statusText({ data, run, phase, build: d.host.dataset.build }),
    );
  speak(d, run, phase, v);
}

// Whether `values` differ from those last seen under `key` (which they become).
function changed(d, key, values) {
  d.last ??= {};
  const same =
    d.last[key]?.length === values.length && values.every((v, i) => Object.is(v, d.last[key][i]));
  d.last[key] = values;
  return !same;
}

/**
 * The page's one polite voice, #announce: a run that starts, pauses or fails, and the verdict
 * when the autoencoder first passes PCA; its end is runs.js's (with the test errors). #status
 * is shown but not spoken: it is rewritten as the frames land (epoch 47, then 48, on a pause).
 */
function speak(d, run, phase, v) {
  const { spoken } = d;
  if (run !== spoken.run) Object.assign(spoken, { run, passed: false });
  if (phase !== spoken.phase) {
    spoken.phase = phase;
    if (['training', 'paused', 'error'].includes(phase))
      setText(d.$('announce'), d.$('status').textContent);
  }
  if (phase === 'training' && v?.winner === 'ae' && !spoken.passed) {
    spoken.passed = true;
    setText(d.$('announce'), v.text);
  }
}
