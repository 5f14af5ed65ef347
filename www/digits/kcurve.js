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
export function mountKcurve(root, { build, source, latent: k }) {
  let latent = k;
  const $ = (id) => root.querySelector(`#${id}`);
  const state = {
    link: null,
    source,
    pendingData: null, // id of the data set asked for
    data: null, // { pca } of the current one
    results: new Map(), // variant -> { epochs, ae }: finished curves on the current data
    run: null, // id of the run training now
    variant: $('kcurve-variant').value,
    epochs: null, // Uint16Array(K_MAX): epochs each model has trained, or null: none yet
    ae: null, // Float64Array(K_MAX): their test MSEs
    phase: 'waiting', // 'loading' | 'training' | 'done' | 'error'
  };
  let nextId = 1;
  const chart = new Chart($('kcurve-chart'), { xMin: 1, xTicks: [1, 2, 4, 6, 8, 10, 12, 14, 16], xText: (k) => `k = ${k}` });
  $('kcurve-variant').addEventListener('change', (e) => {
    state.variant = e.target.value;
    startRun();
  });
  const stopWatching = watchPresence(root, (active) => {
    if (!active || state.link) return;
    stopWatching();
    start();
  });
  render();
  return {
    setData,
    setLatent(next) {
      if (next === latent) return;
      latent = next;
      if (state.phase === 'done') finish();
      else render();
    },
  };

  function start() {
    const worker = new Worker(new URL('./kcurve-worker.js', import.meta.url), { type: 'module' });
    state.link = linkWorker(worker, build, 'kcurve-worker.js');
    state.link.listen(onMessage);
    sendData();
  }

  function setData(next) {
    state.source = next;
    if (state.link) sendData();
  }

  function sendData() {
    // What the current run still sends is about the old data: dropped from here on.
    state.run = null;
    state.pendingData = nextId++;
    state.link.send(KMSG.DATA, { id: state.pendingData, source: state.source });
    setPhase('loading');
  }

  function startRun() {
    if (!state.data) return;
    const kept = state.results.get(state.variant);
    state.run = kept ? null : nextId++;
    state.epochs = kept?.epochs ?? new Uint16Array(K_MAX);
    state.ae = kept?.ae ?? null;
    if (kept) return finish();
    state.link.send(KMSG.RUN, { run: state.run, variant: state.variant, seed: DEFAULTS.seed });
    setText($('kcurve-note'), `Training ${K_MAX} autoencoders, k = 1 to ${K_MAX}, ${EPOCHS} epochs each…`);
    setPhase('training');
  }

  function onMessage(msg) {
    switch (msg.type) {
      case KMSG.PCA:
        if (msg.id !== state.pendingData) return;
        state.pendingData = null;
        state.data = { pca: msg.pca };
        state.results.clear();
        return startRun();
      case KMSG.REFUSED:
        if (msg.id !== state.pendingData) return;
        state.pendingData = null;
        return fail(`The k-curve could not use this data: ${msg.message}`);
      case KMSG.PROGRESS:
        if (msg.run !== state.run) return;
        state.epochs = msg.epochs;
        state.ae = msg.ae;
        if (state.epochs.every((e) => e >= EPOCHS)) return finish();
        return render();
      case KMSG.HALTED:
        if (msg.run !== state.run) return;
        return fail(`Training the autoencoder with k = ${msg.k} failed: ${msg.message}`);
      case KMSG.FATAL:
        return fail(`The k-curve could not run: ${msg.message}`);
      default:
    }
  }

  function finish() {
    state.run = null;
    state.results.set(state.variant, { epochs: state.epochs, ae: state.ae });
    const said = describeCurves({ pca: state.data.pca, ae: state.ae, variant: state.variant, latent });
    root.dataset.gap = said.gap === undefined ? '' : String(said.gap);
    setText($('kcurve-note'), said.text);
    setPhase('done');
  }

  function fail(message) {
    state.run = null;
    setText($('kcurve-note'), message);
    setPhase('error');
  }

  function setPhase(phase) {
    state.phase = phase;
    render();
  }

  function render() {
    const { data, ae, epochs } = state;
    const trained = (i) => epochs?.[i] >= EPOCHS;
    chart.draw({
      series: [
        { history: curve(data?.pca, () => true), name: 'PCA-k', color: ['--pca', '#7048e8'], dash: [6, 4], dots: true, main: true },
        { history: curve(ae, (i) => !trained(i)), name: 'autoencoder (training)', color: AE_COLOR, dash: [2, 3], width: 1.25 },
        { history: curve(ae, trained), name: 'autoencoder', color: AE_COLOR, dots: true },
      ],
      marks: [{ at: latent, color: ['--muted', '#888'], dash: [4, 3], width: 1 }],
      target: K_MAX,
    });
    root.dataset.state = state.phase;
    root.dataset.variant = state.variant;
    // For tests and tools: every k's value, full precision, and how many k have finished.
    root.dataset.pca = data ? Array.from(data.pca).join(',') : '';
    root.dataset.ae = ae ? Array.from(ae).join(',') : '';
    root.dataset.done = String(KS.filter((k) => trained(k - 1)).length);
    setText($('kcurve-progress'), progressText());
  }

  function progressText() {
    if (state.phase === 'waiting') return 'Starts when this panel is on screen.';
    if (state.phase === 'loading') return 'Fitting PCA-k for every k…';
    if (state.phase === 'training') return `Training: epoch ${Math.min(...state.epochs)} of ${EPOCHS} for every k.`;
    if (state.phase === 'done') return `Trained ${EPOCHS} epochs for every k.`;
    return '';
  }
}

/** The points of `values` (at [k - 1]) whose index passes `keep`, as a chart series. */
function curve(values, keep) {
  if (!values) return null;
  const ks = KS.filter((k) => keep(k - 1) && Number.isFinite(values[k - 1]));
  const history = new LossHistory();
  history.append(ks, ks.map((k) => values[k - 1]));
  return history;
}
