// Shared set-up for the browser tests: the repo's own static server on a free port, and
// Debian's Chromium driven by playwright-core, with a log of what each page did on the network
// and the console so tests can insist that nothing went wrong quietly.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium } from '../../scripts/chromium.mjs';

/** The repository's root directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where tests leave screenshots and other artefacts (git-ignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/**
 * Serves `root` (the repo's, unless given) on 127.0.0.1 at a free port, with `headers` on every
 * response: `{ url, origin, close() }`.
 */
export async function startSite({ root = REPO_ROOT, headers } = {}) {
  const { server, url } = await startServer({ port: 0, root, headers });
  return {
    url,
    origin: new URL(url).origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Launches headless Chromium. */
export const launchBrowser = launchChromium;

/**
 * The site and Chromium for the enclosing suite (node:test's before and after hooks): `env.site`
 * and `env.browser` once its tests run, `env.open(contextOptions)` openPage on the site (once
 * both are up), and
 * `env.cleanup`, if a test file sets it, run before both close.
 */
export function useBrowser() {
  let started;
  // node 20 runs a file's top-level before hooks at once, not in turn: open() waits for this one.
  const ready = new Promise((resolve) => (started = resolve));
  const env = {
    open: (options) => ready.then(() => openPage(env.browser, env.site.origin, options)),
  };
  before(async () => {
    env.site = await startSite();
    env.browser = await launchBrowser();
    started();
  });
  after(async () => {
    await env.cleanup?.();
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/**
 * Opens a fresh page (own context, so no cache or storage is shared between tests) that records
 * its console errors and warnings, uncaught exceptions, failed or >= 400 responses, and requests
 * to any origin but `origin`. Resolves to `{ context, page, log }`; close the context when done.
 */
export async function openPage(browser, origin, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const log = {
    consoleErrors: [],
    consoleWarnings: [],
    pageErrors: [],
    failedRequests: [],
    foreignRequests: [],
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
    if (msg.type() === 'warning') log.consoleWarnings.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err)));
  page.on('requestfailed', (req) => {
    // A reload aborts the favicon's request in flight: the browser's, not a failure of the page.
    if (req.url().endsWith('/favicon.svg') && req.failure()?.errorText === 'net::ERR_ABORTED')
      return;
    log.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) log.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    // data: and blob: URLs never leave the page.
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin) log.foreignRequests.push(req.url());
  });
  return { context, page, log };
}

/** The policy the embed promises to work under (README, "Embed it"). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Serves every response to `page` with `policy` as its Content-Security-Policy header, as a
 * strict site would, and records the document's violations in window.__cspViolations.
 */
export async function enforceCsp(page, policy = STRICT_CSP) {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': policy },
    });
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
