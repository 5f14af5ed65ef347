// "How many numbers do you need?": test error against the code's length k = 1..16, PCA-k's
// exact values beside sixteen autoencoders (engine/kcurve-model.js) trained in the panels'
// engine, the page's own k marked; on 28x28 images, five k for fewer epochs (kcurveScope). Nothing starts until the panel is on screen; its run
// session pauses while the tab is hidden; the live region speaks when training starts and when
// it ends, never in between. Finished curves are kept per variant, so flipping the select back
// shows them at once. Words and drawing only: the numbers come from the engine.
import { Chart, LossHistory } from '../../core/chart.js';
import { setText } from '../../core/dom.js';
import { watchPresence } from '../../core/presence.js';
import { K_MAX, kcurveScope, LANDED, WIDEST } from '../../engine/kcurve-model.js';
import { DATA_MSG as MSG } from '../../engine/protocol.js';
import { DEFAULTS } from '../config.js';
import { startPanelSession } from '../panel-session.js';
import { fmt, formatMse } from '../../core/format.js';

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
 * `pca`, `ae`: test MSEs at the scope's `ks` (kcurveScope's, with its `epochs`; the 8x8 digits'
 * unless given); `latent`: the page's own k.
 */
export function describeCurves({ pca, ae, variant, latent, scope = kcurveScope(64) }) {
  const { ks, epochs } = scope;
  const gap = ks.map((k, i) => ae[i] / pca[i] - 1);
  const at = (k) => gap[ks.indexOf(k)];
  if (variant === 'linear') {
    const worst = gap.reduce((w, g, i) => (Math.abs(g) > Math.abs(gap[w]) ? i : w), 0);
    const size = `${pct(Math.abs(gap[worst]))} at k = ${ks[worst]}`;
    const landed = Math.abs(gap[worst]) <= LANDED;
    const text = landed
      ? `The linear autoencoder lands on PCA: worst gap ${size}.`
      : `The linear autoencoder has not reached PCA after ${epochs} epochs: ${size} off.`;
    return { landed, gap: Math.abs(gap[worst]), text };
  }
  const wins = ks.filter((k) => at(k) < 0);
  const losses = ks.filter((k) => !(at(k) < 0));
  const i = ks.indexOf(latent);
  const here =
    i < 0
      ? `This page's k = ${latent} is not among them.`
      : `At this page's k = ${latent}: ${formatMse(ae[i])} against PCA's ${formatMse(pca[i])}.`;
  if (!wins.length)
    return {
      text: `PCA rebuilds the test images better at every k after ${epochs} epochs. ${here}`,
    };
  const best = wins.reduce((b, k) => (at(k) < at(b) ? k : b));
  // "x% lower" as the verdict says it: a share of the worse one's (PCA's) error.
  const beats = `The autoencoder beats PCA at k = ${ranges(wins)}, by up to ${pct(-at(best))} lower error (k = ${best})`;
  return {
    text: `${beats}${losses.length ? `; PCA is better at k = ${ranges(losses)}` : ''}. ${here}`,
  };
}

/**
 * Runs the panel `root` (digits.html's #kcurve) in `engine()`'s engine (started when first
 * asked) on the page's data, once the page has it; `latent` is the page's k. Returns `{
 * setData(source, { width, kind }), setLatent(k) }`: the page's data set (engine.loadData's
 * source, its width and kind) or its network's k changed.
 */
export function mountKcurve(root, { engine, latent }) {
  const $ = (id) => root.querySelector(`#${id}`);
  // The panel: its elements, the page's k and data, and where the curves are. Every function
  // below takes it.
  const p = {
    root,
    engine,
    latent,
    note: $('kcurve-note'),
    progress: $('kcurve-progress'),
    kNow: $('kcurve-k'), // the legend's "this page's k"
    session: null, // once on screen
    model: null,
    source: null, // the page's data, once it has some
    wide: false, // too wide for the curve: the panel says so and trains nothing
    scope: kcurveScope(64), // the ks and epochs it trains on the page's data
    pendingData: null, // id of the data set asked for
    pca: null, // Float64Array: PCA-k's test MSEs on the current data, one per k of the scope
    results: new Map(), // variant -> { kEpochs, ae }: finished curves on the current data
    kept: false, // the curve shown is a kept one, not the session's run
    error: false,
    variant: $('kcurve-variant').value,
    kEpochs: null, // Uint16Array: epochs each model has trained, or null: none yet
    ae: null, // Float64Array: their test MSEs
    chart: new Chart($('kcurve-chart'), {
      xMin: 1,
      xTicks: [1, 2, 4, 6, 8, 10, 12, 14, 16],
      xText: (k) => `k = ${k}`,
    }),
  };
  $('kcurve-variant').addEventListener('change', (e) => {
    p.variant = e.target.value;
    startRun(p);
  });
  const stopWatching = watchPresence(root, (active) => {
    if (!active || p.session) return;
    stopWatching();
    start(p);
  });
  render(p);
  return {
    setData: (next, shape) => setData(p, next, shape),
    setLatent: (next) => setLatent(p, next),
  };
}

function start(p) {
  startPanelSession(p, 'kcurve', {
    draw: () => {}, // render() draws: the chart is small
    render: () => render(p),
    frame: (run, msg) =>
      p.session.pending || p.wide || Object.assign(p, { kEpochs: msg.kEpochs, ae: msg.ae }),
    started: (run, pending, previous, msg) => (p.pca = msg.pca),
    done: () => finish(p),
    halted: (msg) => fail(p, msg.message),
    fatal: (message) => fail(p, `The k-curve could not run: ${message}`),
    message: (msg) => onData(p, msg),
  });
  if (p.source && !p.wide) sendData(p);
}

function setData(p, next, { width, kind }) {
  p.source = next;
  p.wide = width > WIDEST || kind === 'table';
  p.scope = kcurveScope(width);
  p.results.clear();
  setScopeWords(p, width);
  if (p.wide) {
    // Whatever was training stops: it was on the data the page has left.
    if (p.session?.phase === 'training') p.session.pause();
    Object.assign(p, { pca: null, ae: null, kEpochs: null, kept: false, pendingData: null });
    const why =
      kind === 'table'
        ? `a table (its models rebuild images through a sigmoid; a standardised table needs a linear output)`
        : `images of ${fmt(width)} values, whose models would take minutes to train on this page`;
    setText(
      p.note,
      `The curve trains on images of up to ${fmt(WIDEST)} values (28x28), and this is ${why}. The 8x8 digits or MNIST show it.`,
    );
    return render(p);
  }
  setText(p.note, '');
  if (p.session) sendData(p);
  else render(p);
}

function setLatent(p, next) {
  if (next === p.latent) return;
  p.latent = next;
  if (p.root.dataset.state === 'done') finish(p);
  else render(p);
}

function sendData(p) {
  p.pendingData = p.engine().loadData('kcurve', p.source);
  Object.assign(p, { kept: false, error: false });
  p.session.drop();
  render(p);
}

function onData(p, msg) {
  if (msg.id !== p.pendingData) return;
  p.pendingData = null;
  if (msg.type === MSG.REFUSED)
    return fail(p, `The k-curve could not use this data: ${msg.message}`);
  if (msg.type !== MSG.DATASET) return;
  p.results.clear();
  startRun(p);
}

function startRun(p) {
  if (!p.session || p.pendingData || p.error || p.wide) return;
  const kept = p.results.get(p.variant);
  p.kept = Boolean(kept);
  p.kEpochs = kept?.kEpochs ?? new Uint16Array(p.scope.ks.length);
  p.ae = kept?.ae ?? null;
  if (kept) {
    // The run going on (another variant's) stops; its curve was not finished, so not kept.
    if (p.session.phase === 'training') p.session.pause();
    return finish(p);
  }
  const { ks, epochs } = p.scope;
  p.session.start({ variant: p.variant, seed: DEFAULTS.seed, epochs }, { play: true });
  setText(p.note, `Training ${ks.length} autoencoders, k = ${kList(ks)}, ${epochs} epochs each…`);
  render(p);
}

function finish(p) {
  p.results.set(p.variant, { kEpochs: p.kEpochs, ae: p.ae });
  p.kept = true;
  const said = describeCurves({
    pca: p.pca,
    ae: p.ae,
    variant: p.variant,
    latent: p.latent,
    scope: p.scope,
  });
  p.root.dataset.gap = said.gap === undefined ? '' : String(said.gap);
  setText(p.note, said.text);
  render(p);
}

function fail(p, message) {
  p.error = true;
  setText(p.note, message);
  render(p);
  return message;
}

/** What the panel says it is doing: waiting, loading, training, done or error. */
function phaseOf(p) {
  if (p.error) return 'error';
  if (p.wide) return 'off';
  if (!p.session) return 'waiting';
  if (p.kept) return 'done';
  if (p.pendingData || p.session.pending || !p.session.run) return 'loading';
  return p.session.phase === 'done' ? 'done' : 'training';
}

function render(p) {
  const { pca, ae, kEpochs, root } = p;
  const { ks, epochs } = p.scope;
  const trained = (i) => kEpochs?.[i] >= epochs;
  p.chart.draw({
    series: [
      {
        history: curve(ks, pca, () => true),
        name: 'PCA-k',
        color: ['--pca', '#7048e8'],
        dash: [6, 4],
        dots: true,
        main: true,
      },
      {
        history: curve(ks, ae, (i) => !trained(i)),
        name: 'autoencoder (training)',
        color: AE_COLOR,
        dash: [2, 3],
        width: 1.25,
      },
      { history: curve(ks, ae, trained), name: 'autoencoder', color: AE_COLOR, dots: true },
    ],
    marks: [{ at: p.latent, color: ['--muted', '#888'], dash: [4, 3], width: 1 }],
    target: K_MAX,
  });
  const phase = phaseOf(p);
  root.dataset.state = phase;
  root.dataset.variant = p.variant;
  setText(p.kNow, String(p.latent));
  // For tests and tools: every k's value, full precision, and how many k have finished.
  root.dataset.pca = pca ? Array.from(pca).join(',') : '';
  root.dataset.ae = ae ? Array.from(ae).join(',') : '';
  root.dataset.done = String(ks.filter((k, i) => trained(i)).length);
  setText(p.progress, progressText(phase, kEpochs, epochs));
}

function progressText(phase, kEpochs, epochs) {
  if (phase === 'waiting') return 'Starts when this panel is on screen.';
  if (phase === 'loading') return 'Fitting PCA-k for every k…';
  if (phase === 'training')
    return `Training: epoch ${Math.min(...kEpochs)} of ${epochs} for every k.`;
  if (phase === 'done') return `Trained ${epochs} epochs for every k.`;
  if (phase === 'off') return 'Not run on this data set.';
  return '';
}

/** The points of `values` (one per k of `ks`) whose index passes `keep`, as a chart series. */
function curve(ks, values, keep) {
  if (!values) return null;
  const shown = ks.flatMap((k, i) => (keep(i) && Number.isFinite(values[i]) ? [i] : []));
  const history = new LossHistory();
  history.append(
    shown.map((i) => ks[i]),
    shown.map((i) => values[i]),
  );
  return history;
}

/** The ks as the note says them: "1 to 16" when they run, else "1, 2, 4, 8 and 16". */
const kList = (ks) =>
  ks.length === ks.at(-1) ? `1 to ${ks.length}` : `${ks.slice(0, -1).join(', ')} and ${ks.at(-1)}`;

/** The panel's own words for the scope on data `width` values wide: its network, ks, epochs. */
function setScopeWords(p, width) {
  const { ks, epochs } = p.scope;
  setText(p.root.querySelector('.kcurve-net'), `${width}-16-k-16-${width}`);
  setText(p.root.querySelector('.kcurve-ks'), `k = ${kList(ks)}`);
  setText(p.root.querySelector('.kcurve-epochs'), String(epochs));
}
