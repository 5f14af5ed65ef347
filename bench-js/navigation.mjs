// Time from navigation to the page's finished training (index.html, <body data-state="done">),
// end to end in headless Chromium: a fresh context (no cache) per run. The page stamps each
// data-state change, and the first trained frame (#epoch's data-value leaving 0), with
// performance.now(), whose zero is the navigation's start.
import { median } from './workloads.mjs';

function stampStates() {
  const stamps = {};
  window.__stateStamps = stamps;
  let settle;
  window.__settled = new Promise((resolve) => (settle = resolve));
  new MutationObserver(() => {
    const state = document.body?.dataset.state;
    if (state && !(state in stamps)) stamps[state] = performance.now();
    if (state === 'done' || state === 'error') settle();
    const epoch = document.getElementById('epoch')?.dataset.value;
    if (epoch && epoch !== '0' && !('firstFrame' in stamps)) stamps.firstFrame = performance.now();
  }).observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ['data-state', 'data-value'],
  });
}

async function once(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(stampStates);
    const start = performance.now();
    // Nothing of Playwright's runs in the page while it loads: waitForFunction would inject its
    // script (~30 ms of the main thread) and poll every frame, in the middle of the start-up timed.
    await page.goto(url, { waitUntil: 'commit' });
    await page.evaluate(() => window.__settled);
    const outside = performance.now() - start;
    const seen = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return {
        stamps: window.__stateStamps,
        state: document.body.dataset.state,
        error: document.body.dataset.error,
        html: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        wasm: wasm?.responseEnd ?? null,
      };
    });
    if (seen.state !== 'done')
      throw new Error(`${url} ended in state ${seen.state}: ${seen.error}`);
    const { html, domContentLoaded, wasm, stamps } = seen;
    return {
      html,
      domContentLoaded,
      wasm,
      training: stamps.training ?? null,
      firstFrame: stamps.firstFrame ?? null,
      done: stamps.done,
      outside,
    };
  } finally {
    await context.close();
  }
}

/**
 * For each variant (`{ name: path and query under baseUrl }`), runs alternating with the others: medians of
 * where the time goes: the HTML, DOMContentLoaded (the module graph is fetched one import level
 * at a time), the .wasm, the start of training, and done.
 */
export async function measureNavigation(browser, baseUrl, variants, reps) {
  const runs = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < reps; r++) {
    for (const [name, query] of Object.entries(variants))
      runs[name].push(await once(browser, new URL(query, baseUrl).href));
  }
  const med = (rs, key) => (rs.some((x) => x[key] == null) ? null : median(rs.map((x) => x[key])));
  return Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      {
        query: variants[name],
        reps,
        htmlMs: med(rs, 'html'),
        domContentLoadedMs: med(rs, 'domContentLoaded'),
        wasmFetchedMs: med(rs, 'wasm'),
        trainingMs: med(rs, 'training'),
        firstFrameMs: med(rs, 'firstFrame'),
        doneMs: med(rs, 'done'),
        doneBestMs: Math.min(...rs.map((x) => x.done)),
        outsideMs: med(rs, 'outside'),
        runs: rs,
      },
    ]),
  );
}
