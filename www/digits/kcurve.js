// "How many numbers do you need?": test error against the code's length k = 1..16, PCA-k's
// exact values beside sixteen autoencoders trained in a worker of their own (kcurve-worker.js),
// the page's own k marked. Nothing starts until the panel is on screen; the live region speaks
// when training starts and when it ends, never in between. Finished curves are kept per
// variant, so flipping the select back shows them at once. Words and drawing only: the numbers
// come from the worker.
import { Chart, LossHistory } from '../core/chart.js';
import { setText } from '../core/dom.js';
import { watchPresence } from '../core/presence.js';
import { linkWorker } from '../core/worker-link.js';
import { DEFAULTS } from './config.js';
import { EPOCHS, K_MAX, KMSG, LANDED } from './kcurve-protocol.js';
import { formatMse } from './verdict.js';

const KS = Array.from({ length: K_MAX }, (_, i) => i + 1);
const AE_COLOR = ['--test', '#e8590c'];
const pct = (share) => `${(share * 100).toFixed(1)}%`;

/** Whole numbers, increasing, as runs: [1, 2, 3, 5, 7, 8] -> '1–3, 5, 7–8'. */
export function ranges(ks) {
  const out = [];
  for (let i = 0; i < ks.length; i++) {
    let j = i;
    while (j + 1 < ks.length && ks[j + 1] === ks[j] + 1) j++;
    out.push(j > i ? `${ks[i]}–${ks[j]}` : String(ks[i]));
    i = j;
  }
  return out.join(', ');
}

/**
 * What the finished curves say: for the linear model, whether it landed on PCA (every k within
 * LANDED of PCA-k) and its worst gap; for the ReLU one, where it beats PCA and by how much.
 * `pca`, `ae`: test MSEs at [k - 1]; `latent`: the page's own k.
 */
export function describeCurves({ pca, ae, variant, latent }) {
  const gap = KS.map((k) => ae[k - 1] / pca[k - 1] - 1);
  if (variant === 'linear') {
    const worst = gap.reduce((w, g, i) => (Math.abs(g) > Math.abs(gap[w]) ? i : w), 0);
    const size = `${pct(Math.abs(gap[worst]))} at k = ${worst + 1}`;
    return Math.abs(gap[worst]) <= LANDED
      ? { landed: true, gap: Math.abs(gap[worst]), text: `The linear autoencoder lands on PCA: worst gap ${size}.` }
      : { landed: false, gap: Math.abs(gap[worst]), text: `The linear autoencoder has not reached PCA after ${EPOCHS} epochs: ${size} off.` };
  }
  const wins = KS.filter((k) => gap[k - 1] < 0);
  const losses = KS.filter((k) => !(gap[k - 1] < 0));
  const here = `At this page's k = ${latent}: ${formatMse(ae[latent - 1])} against PCA's ${formatMse(pca[latent - 1])}.`;
  if (!wins.length) return { text: `PCA rebuilds the test images better at every k after ${EPOCHS} epochs. ${here}` };
  const best = wins.reduce((b, k) => (gap[k - 1] < gap[b - 1] ? k : b));
  // "x% lower" as the verdict says it: a share of the worse one's (PCA's) error.
  const beats = `The autoencoder beats PCA at k = ${ranges(wins)}, by up to ${pct(-gap[best - 1])} lower error (k = ${best})`;
  return { text: `${beats}${losses.length ? `; PCA is better at k = ${ranges(losses)}` : ''}. ${here}` };
}

/**
 * Runs the panel `root` (digits.html's #kcurve) with `build`'s wasm on `source` ({ url } or
 * { file }); `latent` is the page's k. Returns `{ setData(source), setLatent(k) }`: the page's
 * data set or its network's k changed.
 */
export function mountKcurve(root, { build, source, latent }) {
  const $ = (id) => root.querySelector(`#${id}`);
  // The panel: its elements, the page's k and data, and where the curves are. Every function
  // below takes it.
  const p = {
    root,
    build,
    latent,
    note: $('kcurve-note'),
    progress: $('kcurve-progress'),
    link: null,
    source,
    nextId: 1, // for data sets and runs alike
    pendingData: null, // id of the data set asked for
    data: null, // { pca } of the current one
    results: new Map(), // variant -> { epochs, ae }: finished curves on the current data
    run: null, // id of the run training now
    variant: $('kcurve-variant').value,
    epochs: null, // Uint16Array(K_MAX): epochs each model has trained, or null: none yet
    ae: null, // Float64Array(K_MAX): their test MSEs
    phase: 'waiting', // 'loading' | 'training' | 'done' | 'error'
    chart: new Chart($('kcurve-chart'), { xMin: 1, xTicks: [1, 2, 4, 6, 8, 10, 12, 14, 16], xText: (k) => `k = ${k}` }),
  };
  $('kcurve-variant').addEventListener('change', (e) => {
    p.variant = e.target.value;
    startRun(p);
  });
  const stopWatching = watchPresence(root, (active) => {
    if (!active || p.link) return;
    stopWatching();
    start(p);
  });
  render(p);
  return {
    setData: (next) => setData(p, next),
    setLatent: (next) => setLatent(p, next),
  };
}

function start(p) {
  const worker = new Worker(new URL('./kcurve-worker.js', import.meta.url), { type: 'module' });
  p.link = linkWorker(worker, p.build, 'kcurve-worker.js');
  p.link.listen((msg) => onMessage(p, msg));
  sendData(p);
}

function setData(p, next) {
  p.source = next;
  if (p.link) sendData(p);
}

function setLatent(p, next) {
  if (next === p.latent) return;
  p.latent = next;
  if (p.phase === 'done') finish(p);
  else render(p);
}

function sendData(p) {
  // What the current run still sends is about the old data: dropped from here on.
  p.run = null;
  p.pendingData = p.nextId++;
  p.link.send(KMSG.DATA, { id: p.pendingData, source: p.source });
  setPhase(p, 'loading');
}

function startRun(p) {
  if (!p.data) return;
  const kept = p.results.get(p.variant);
  p.run = kept ? null : p.nextId++;
  p.epochs = kept?.epochs ?? new Uint16Array(K_MAX);
  p.ae = kept?.ae ?? null;
  if (kept) return finish(p);
  p.link.send(KMSG.RUN, { run: p.run, variant: p.variant, seed: DEFAULTS.seed });
  setText(p.note, `Training ${K_MAX} autoencoders, k = 1 to ${K_MAX}, ${EPOCHS} epochs each…`);
  setPhase(p, 'training');
}

function onMessage(p, msg) {
  switch (msg.type) {
    case KMSG.PCA:
      if (msg.id !== p.pendingData) return;
      p.pendingData = null;
      p.data = { pca: msg.pca };
      p.results.clear();
      return startRun(p);
    case KMSG.REFUSED:
      if (msg.id !== p.pendingData) return;
      p.pendingData = null;
      return fail(p, `The k-curve could not use this data: ${msg.message}`);
    case KMSG.PROGRESS:
      if (msg.run !== p.run) return;
      p.epochs = msg.epochs;
      p.ae = msg.ae;
      if (p.epochs.every((e) => e >= EPOCHS)) return finish(p);
      return render(p);
    case KMSG.HALTED:
      if (msg.run !== p.run) return;
      return fail(p, `Training the autoencoder with k = ${msg.k} failed: ${msg.message}`);
    case KMSG.FATAL:
      return fail(p, `The k-curve could not run: ${msg.message}`);
    default:
  }
}

function finish(p) {
  p.run = null;
  p.results.set(p.variant, { epochs: p.epochs, ae: p.ae });
  const said = describeCurves({ pca: p.data.pca, ae: p.ae, variant: p.variant, latent: p.latent });
  p.root.dataset.gap = said.gap === undefined ? '' : String(said.gap);
  setText(p.note, said.text);
  setPhase(p, 'done');
}

function fail(p, message) {
  p.run = null;
  setText(p.note, message);
  setPhase(p, 'error');
}

function setPhase(p, phase) {
  p.phase = phase;
  render(p);
}

function render(p) {
  const { data, ae, epochs, root } = p;
  const trained = (i) => epochs?.[i] >= EPOCHS;
  p.chart.draw({
    series: [
      { history: curve(data?.pca, () => true), name: 'PCA-k', color: ['--pca', '#7048e8'], dash: [6, 4], dots: true, main: true },
      { history: curve(ae, (i) => !trained(i)), name: 'autoencoder (training)', color: AE_COLOR, dash: [2, 3], width: 1.25 },
      { history: curve(ae, trained), name: 'autoencoder', color: AE_COLOR, dots: true },
    ],
    marks: [{ at: p.latent, color: ['--muted', '#888'], dash: [4, 3], width: 1 }],
    target: K_MAX,
  });
  root.dataset.state = p.phase;
  root.dataset.variant = p.variant;
  // For tests and tools: every k's value, full precision, and how many k have finished.
  root.dataset.pca = data ? Array.from(data.pca).join(',') : '';
  root.dataset.ae = ae ? Array.from(ae).join(',') : '';
  root.dataset.done = String(KS.filter((k) => trained(k - 1)).length);
  setText(p.progress, progressText(p));
}

function progressText({ phase, epochs }) {
  if (phase === 'waiting') return 'Starts when this panel is on screen.';
  if (phase === 'loading') return 'Fitting PCA-k for every k…';
  if (phase === 'training') return `Training: epoch ${Math.min(...epochs)} of ${EPOCHS} for every k.`;
  if (phase === 'done') return `Trained ${EPOCHS} epochs for every k.`;
  return '';
}

/** The points of `values` (at [k - 1]) whose index passes `keep`, as a chart series. */
function curve(values, keep) {
  if (!values) return null;
  const ks = KS.filter((k) => keep(k - 1) && Number.isFinite(values[k - 1]));
  const history = new LossHistory();
  history.append(ks, ks.map((k) => values[k - 1]));
  return history;
}
