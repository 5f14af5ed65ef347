// Turns the bench's measurements into the printed table, the target check and the efficiency
// lines, and refreshes the results section of BENCHMARKS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { flops } from './workloads.mjs';

// A final loss further than this from tinyae simd's (relative) marks the entry as suspect: a
// different shuffle moves the digits' loss by a few percent, a wrong gradient by far more.
const LOSS_TOLERANCE = 0.25;

const fmt = (v, d = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pad = (s, n, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n));

/** Each entry's row: figures per workload, its ratio to tinyae simd in the same runtime. */
export function rows(report) {
  const out = [];
  for (const [runtime, byWorkload] of Object.entries(report.results)) {
    for (const [name, entry] of Object.entries(report.entries[runtime])) {
      const row = { runtime, name, label: entry.label, mode: entry.mode };
      for (const [wname, results] of Object.entries(byWorkload)) {
        const r = results[name],
          simd = results['tinyae-simd'];
        const samples = report.workloads[wname].samples;
        row[wname] = {
          ms: r.ms,
          samplesPerS: (samples / r.ms) * 1e3,
          finalLoss: r.finalLoss,
          vsSimd: r.ms / simd.ms,
          lossOk: Math.abs(r.finalLoss - simd.finalLoss) <= LOSS_TOLERANCE * simd.finalLoss,
        };
      }
      out.push(row);
    }
  }
  return out;
}

export function table(report) {
  const lines = [
    `${pad('entry', 42, true)} ${pad('runtime', 8, true)} | ${pad('classic ms', 11)} ${pad('final loss', 10)} ${pad('x simd', 8)} | ${pad('digits samples/s', 16)} ${pad('final loss', 10)} ${pad('x simd', 8)}`,
    '-'.repeat(124),
  ];
  for (const row of rows(report)) {
    const label = row.mode ? `${row.label} (${row.mode})` : row.label;
    const c = row.classic,
      d = row.digits;
    const loss = (w) => `${w.finalLoss.toExponential(2)}${w.lossOk ? ' ' : '!'}`;
    lines.push(
      `${pad(label, 42, true)} ${pad(row.runtime, 8, true)} | ${pad(fmt(c.ms, 2), 11)} ${pad(loss(c), 10)} ${pad(fmt(c.vsSimd, 2) + 'x', 8)} | ${pad(fmt(d.samplesPerS), 16)} ${pad(loss(d), 10)} ${pad(fmt(d.vsSimd, 2) + 'x', 8)}`,
    );
  }
  lines.push(
    '',
    `x simd: the entry's time over tinyae wasm simd128's in the same runtime, same work (higher = tinyae faster).`,
    `final loss: MSE over all the workload's images after training; "!" = more than ${LOSS_TOLERANCE * 100}% away from tinyae simd's.`,
  );
  return lines;
}

/** tinyae simd's GFLOP/s per runtime and workload, and its share of that runtime's ceiling. */
export function efficiency(report) {
  const lines = [];
  for (const [runtime, byWorkload] of Object.entries(report.results)) {
    const ceiling = report.ceiling[runtime];
    lines.push(
      `${runtime}: simd128 mul+add ceiling ${fmt(ceiling.gflops, 1)} GFLOP/s (${ceiling.chains} independent f32x4 chains)`,
    );
    for (const [wname, results] of Object.entries(byWorkload)) {
      const f = flops(report.workloads[wname]);
      const s = results['tinyae-simd'].ms / 1e3;
      const [mm, all] = [f.matmul / s / 1e9, f.withAdam / s / 1e9];
      lines.push(
        `  ${pad(wname, 8, true)} tinyae simd ${fmt(mm, 2)} GFLOP/s in matmuls, ${fmt(all, 2)} with Adam = ${fmt((100 * all) / ceiling.gflops, 1)}% of the ceiling`,
      );
    }
  }
  return lines;
}

/** The issue's targets: `[{ what, value, target, ok }]`. */
export function targets(report) {
  const out = [];
  const r = (runtime, w, name) => report.results[runtime]?.[w]?.[name];
  const sps = (runtime, w, name) => (report.workloads[w].samples / r(runtime, w, name).ms) * 1e3;
  for (const runtime of Object.keys(report.results)) {
    const simdMs = r(runtime, 'classic', 'tinyae-simd').ms;
    const bestMs = r(runtime, 'classic', 'tinyae-simd').msBest;
    out.push({
      what: `${runtime}: classic 1000 steps, tinyae simd`,
      value: `${fmt(simdMs, 2)} ms`,
      best: `${fmt(bestMs, 2)} ms`,
      target: '< 5 ms',
      ok: simdMs < 5,
    });
    const tf = r(runtime, 'classic', 'tfjs-wasm');
    if (tf)
      out.push({
        what: `${runtime}: classic, TF.js wasm time / tinyae simd`,
        value: `${fmt(tf.ms / simdMs, 1)}x`,
        target: '>= 50x',
        ok: tf.ms / simdMs >= 50,
      });
    const plain = r(runtime, 'classic', 'plain-js');
    out.push({
      what: `${runtime}: classic, plain JS time / tinyae simd`,
      value: `${fmt(plain.ms / simdMs, 1)}x`,
      target: '>= 3x',
      ok: plain.ms / simdMs >= 3,
    });
    const simdSps = sps(runtime, 'digits', 'tinyae-simd');
    const bestSps =
      (report.workloads.digits.samples / r(runtime, 'digits', 'tinyae-simd').msBest) * 1e3;
    out.push({
      what: `${runtime}: digits, tinyae simd samples/s`,
      value: fmt(simdSps),
      best: fmt(bestSps),
      target: '>= 1,000,000',
      ok: simdSps >= 1e6,
    });
    if (r(runtime, 'digits', 'tfjs-wasm')) {
      const x = simdSps / sps(runtime, 'digits', 'tfjs-wasm');
      out.push({
        what: `${runtime}: digits, tinyae simd / TF.js wasm samples/s`,
        value: `${fmt(x, 1)}x`,
        target: '>= 20x',
        ok: x >= 20,
      });
    }
    const x = simdSps / sps(runtime, 'digits', 'plain-js');
    out.push({
      what: `${runtime}: digits, tinyae simd / plain JS samples/s`,
      value: `${fmt(x, 1)}x`,
      target: '>= 5x',
      ok: x >= 5,
    });
  }
  const nav = report.navigation;
  if (nav && !nav.error) {
    // Issue 14: against the floor page timed in the same run (bench-js/floor/), not a fixed time.
    const done = nav.speedMax.doneMs / nav.floor.doneMs;
    out.push({
      what: 'chromium: index.html?speed=max done / the floor page done',
      value: `${fmt(done, 2)}x`,
      best: `${fmt(nav.speedMax.doneBestMs)} vs ${fmt(nav.floor.doneBestMs)} ms`,
      target: '<= 1.6x',
      ok: done <= 1.6,
    });
    const first = nav.default.firstFrameMs / nav.floor.doneMs;
    out.push({
      what: 'chromium: index.html first trained frame / the floor page done',
      value: `${fmt(first, 2)}x`,
      target: '<= 2x',
      ok: first <= 2,
    });
  }
  return out;
}

export function targetLines(report) {
  const lines = targets(report).map(
    (t) =>
      `${t.ok ? 'met    ' : 'MISSED '} ${pad(t.what, 66, true)} ${pad(t.value, 12)}  (target ${t.target}${t.best ? `; best run ${t.best}` : ''})`,
  );
  return [
    ...lines,
    'Judged on medians; the best run is the nearest to an idle machine (other work only adds time).',
  ];
}

export function navigationLines(report) {
  const nav = report.navigation;
  if (!nav) return [];
  if (nav.error)
    return [`Navigation to finished training: not measured, a page failed: ${nav.error}`];
  const ms = (v) => (v == null ? '-' : `${fmt(v)} ms`);
  const lines = [
    `Navigation to finished training: dist/ (as it ships) in headless Chromium from the local server, a fresh context (no cache) per run, medians of ${nav.default.reps}:`,
  ];
  for (const n of Object.values(nav)) {
    const first = n.firstFrameMs == null ? '' : `, first trained frame ${ms(n.firstFrameMs)}`;
    lines.push(
      `  ${pad(n.query, 24, true)} HTML ${ms(n.htmlMs)}, DOMContentLoaded ${ms(n.domContentLoadedMs)}, .wasm fetched ${ms(n.wasmFetchedMs)}, training starts ${ms(n.trainingMs)}${first}, done ${ms(n.doneMs)} (${ms(n.outsideMs)} seen from Playwright)`,
    );
  }
  lines.push(
    `  floor: ${nav.floor.query}, an empty page that compiles the compact simd build while its module worker loads, trains the 1000 steps there and draws the one frame it posts.`,
    ...(nav.static
      ? [
          `  static: ${nav.static.query}, the floor's script under index.html's own HTML and stylesheet (none of tinyae's UI): rendering the page's static content alone takes it to ${fmt(nav.static.doneMs / nav.floor.doneMs, 2)}x the floor.`,
        ]
      : []),
    `  ratios to the floor's done: index.html?speed=max done ${fmt(nav.speedMax.doneMs / nav.floor.doneMs, 2)}x, index.html first trained frame ${fmt(nav.default.firstFrameMs / nav.floor.doneMs, 2)}x (index.html trains at its default pace, a few steps per animation frame; done ${fmt(nav.default.doneMs / nav.floor.doneMs, 1)}x).`,
  );
  return lines;
}

/** Replaces section `name` of BENCHMARKS.md with `lines`, keeping the rest of the file. */
export function writeBenchmarksMd(file, lines, name = 'results') {
  const START = `<!-- bench:${name}:start (written by \`npm run bench\`; edits here are overwritten) -->`;
  const END = `<!-- bench:${name}:end -->`;
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = `# Benchmarks\n\n${START}\n${END}\n`;
  }
  const [before, rest] = text.split(START);
  const after = rest?.split(END)[1] ?? '\n';
  writeFileSync(file, `${before ?? ''}${START}\n${lines.join('\n')}\n${END}${after}`);
}
