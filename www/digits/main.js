// The digits page's entry point. Its own imports are few and small on purpose: it reads the
// link, starts the engine (which compiles the wasm), fetches the data and hands it over at
// once, and only then loads the UI modules, which arrive while the data downloads. The data is
// fetched here (or by the picker, data-picker.js, when the reader chooses another set), once,
// and nowhere else: the main page and its embed never pay for it, and the k-curve's and the
// VAE's engine gets the same bytes.
import { DATA_SETS, readConfig } from './config.js';
import { startEngine } from './client.js';
import { createDataPicker } from './data-picker.js';
import { keptData } from './kept-data.js';

// The project's own gzipped copy (53 KB), decompressed in the engine by DecompressionStream.
const DATA_URL = new URL('../../data/digits.csv.gz', import.meta.url).href;

// A value of the link that does not parse is named on the page, and its default runs.
const initial = readConfig(window.location);

// The run trains in one engine, and its map is surveyed in a second (client.js).
const engine = startEngine(initial.build, { survey: true });
const builtin = fetch(DATA_URL).then((response) => {
  if (!response.ok) throw new Error(`could not fetch ${DATA_URL}: HTTP ${response.status}`);
  return response.arrayBuffer().then((bytes) => ({ bytes, builtin: true }));
});
const picker = createDataPicker(document.getElementById('digits'));
const { data } = initial.config;
picker.show(data);
// A 28x28 set the link names; else the reader's own CSV when this tab loaded one before
// (kept-data.js), else the digits. A 28x28 set that cannot be fetched leaves the digits.
const first =
  data === 'digits'
    ? keptData().then((file) => (file ? { file } : builtin))
    : picker.fetch(data).catch((err) => {
        picker.show('digits');
        picker.error(
          `Could not load ${DATA_SETS[data].label}: ${err.message}. The 1797 digits are shown instead.`,
        );
        return builtin;
      });
const firstData = engine.loadData('main', first);

// The k-curve and the VAE share a second engine (the same script), started when the first of
// them needs it, so the page's run never waits behind their models.
let panels = null;
const panelEngine = () => (panels ??= startEngine(engine.build));

const [{ mountDigits }, { mountKcurve }] = await Promise.all([
  import('./map/panel.js'),
  import('./kcurve/panel.js'),
]);
const kcurve = mountKcurve(document.getElementById('kcurve'), {
  engine: panelEngine,
  latent: initial.config.latent,
});
mountDigits(document.getElementById('digits'), {
  onData: (source, shape) => kcurve.setData(source, shape),
  onLatent: (k) => kcurve.setLatent(k),
  host: document.body,
  initial,
  engine,
  firstData,
  first,
  builtin,
  picker,
  location: window.location,
  history: window.history,
});

// The variational panel: its model starts only when the reader presses its Train.
const { mountVaePanel } = await import('./vae/panel.js');
mountVaePanel(document.getElementById('vae'), { engine: panelEngine, source: builtin });
