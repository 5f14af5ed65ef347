// The other browser engines, behind one small interface for tests/e2e/engines.test.mjs:
// Firefox (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi, and WebKit
// (Debian's WebKitGTK, Safari's engine) through its classic W3C WebDriver server,
// WebKitWebDriver, under xvfb-run (its MiniBrowser needs a display), with plain fetch.
// Each driver: { name, errors, goto(url), evaluate(fn, arg), waitFor(fn, arg, timeout), screenshot(name, options), close() },
// `fn` a function run in the page (async allowed) whose result must be JSON.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { RESULTS_DIR } from './harness.mjs';

/** The executables each engine needs, for a skip message when one is missing. */
export const ENGINE_BINARIES = {
  firefox: '/usr/bin/firefox-esr',
  webkit: '/usr/bin/WebKitWebDriver',
};

async function saveScreenshot(name, png) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await writeFile(file, png);
  return file;
}

/** Polls `evaluate(fn, arg)` until it is truthy; throws after `timeout` ms naming `fn`. */
async function poll(evaluate, fn, arg, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${fn}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Firefox ESR, headless, over WebDriver BiDi. */
export async function launchFirefox({ width = 1200, height = 900 } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: ENGINE_BINARIES.firefox,
    headless: true,
  });
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  const evaluate = (fn, arg) => page.evaluate(fn, arg);
  return {
    name: 'firefox',
    errors,
    goto: (url) => page.goto(url),
    evaluate,
    waitFor: (fn, arg, timeout = 60_000) => poll(evaluate, fn, arg, timeout),
    // The whole page, or with `fullPage` false what is on screen (WebDriver's only view).
    screenshot: async (name, { fullPage = true } = {}) =>
      saveScreenshot(name, await page.screenshot({ fullPage })),
    close: () => browser.close(),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** WebKitGTK's MiniBrowser through WebKitWebDriver, on a virtual display. */
export async function launchWebKit({ width = 1200, height = 900 } = {}) {
  const port = await freePort();
  // Its own process group, so closing ends xvfb-run, Xvfb, the driver and the browser together.
  const driver = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1600x1200x24', ENGINE_BINARIES.webkit, `--port=${port}`],
    { stdio: 'ignore', detached: true },
  );
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, route, body) => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const json = await res.json();
    if (json.value?.error)
      throw new Error(`WebKitWebDriver ${route}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  let session;
  try {
    await poll(
      async () =>
        fetch(`${base}/status`).then(
          (r) => r.ok,
          () => false,
        ),
      'WebKitWebDriver /status',
      null,
      30_000,
    );
    ({ sessionId: session } = await call('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation'] } } },
    }));
    await call('POST', `/session/${session}/window/rect`, { width, height });
  } catch (err) {
    process.kill(-driver.pid);
    throw err;
  }
  const at = (route) => `/session/${session}${route}`;
  // One async script for every call: errors come back as values, so the message survives.
  const evaluate = async (fn, arg) => {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn})(arguments[0])).then((value) => done({ value }), (err) => done({ error: String(err?.stack ?? err) }));`;
    const out = await call('POST', at('/execute/async'), { script, args: [arg ?? null] });
    if (out.error) throw new Error(`in WebKit: ${out.error}`);
    return out.value;
  };
  return {
    name: 'webkit',
    errors: [],
    goto: (url) => call('POST', at('/url'), { url }),
    evaluate,
    waitFor: (fn, arg, timeout = 60_000) => poll(evaluate, fn, arg, timeout),
    screenshot: async (name) =>
      saveScreenshot(name, Buffer.from(await call('GET', at('/screenshot')), 'base64')),
    close: async () => {
      await call('DELETE', at('')).catch(() => {});
      try {
        process.kill(-driver.pid);
      } catch {
        // already gone
      }
    },
  };
}
