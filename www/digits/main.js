// The digits page's entry point. Its own imports are few and small on purpose: it reads the
// link, starts the worker (which compiles the wasm) and asks it for the data at once, and only
// then loads the UI modules, which arrive while the data downloads. The data is fetched here
// and nowhere else: the main page and its embed never pay for it.
import { readConfig } from './config.js';
import { startDigitsWorker } from './client.js';

// The project's own gzipped copy (53 KB), decompressed in the worker by DecompressionStream.
const DATA_URL = new URL('../../data/digits.csv.gz', import.meta.url).href;

// A value of the link that does not parse is named on the page, and its default runs.
const initial = readConfig(window.location);

const worker = startDigitsWorker(initial.build);
const firstData = worker.loadData({ url: DATA_URL });

const [{ mountDigits }, { mountKcurve }] = await Promise.all([import('./app.js'), import('./kcurve.js')]);
const kcurve = mountKcurve(document.getElementById('kcurve'), { build: worker.build, source: { url: DATA_URL }, latent: initial.config.latent });
mountDigits(document.getElementById('digits'), {
  onData: (source) => kcurve.setData(source),
  onLatent: (k) => kcurve.setLatent(k),
  host: document.body,
  initial,
  worker,
  firstData,
  dataUrl: DATA_URL,
  location: window.location,
  history: window.history,
});

// The variational panel: its own worker, started only when the reader presses its Train.
const { mountVaePanel } = await import('./vae-panel.js');
mountVaePanel(document.getElementById('vae'), { dataUrl: DATA_URL, build: worker.build });
