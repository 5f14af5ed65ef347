// Starts the training worker: the page's only `new Worker` of the element and the '4' page (the
// data page's engine starts the same way: digits/engine-worker.js). At
// the package's root, like wasm-url.js (which says why), and apart from it: the worker imports
// that one, and a worker whose graph held this module would be bundled into itself.

// One blob: bootstrap per worker script.
const bootstrap = {};
/**
 * Browsers start workers only from the page's own origin: from elsewhere, a same-origin blob:
 * module imports the real worker script, which the CDN serves with CORS (`worker-src blob:`
 * under a CSP). One blob per page, kept: every embed's worker starts from it.
 */
function bootstrapWorker(script) {
  bootstrap[script] ??= URL.createObjectURL(
    new Blob([`import ${JSON.stringify(script)};`], { type: 'text/javascript' }),
  );
  return new Worker(bootstrap[script], { type: 'module' });
}

/**
 * The worker `script` (its resolved URL) as `make()` starts it, with `new Worker(new URL(path,
 * import.meta.url), { type: 'module' })` and a literal path, the way bundlers recognise (Vite
 * and webpack bundle the worker; dist.mjs and size.mjs see it). The browser refuses,
 * synchronously, a script from another origin (these files served by a CDN): then the blob:
 * bootstrap. No other use of import.meta.url: webpack writes the build machine's file: path in
 * place of a bare one.
 */
export function startWorkerScript(script, make) {
  // Firefox does not throw for another origin's script: its worker fails later, with an error
  // event. So another http(s) origin goes to the bootstrap first. (A bundler may resolve to a
  // file: path at build time; the page's own origin serves those files.)
  if (!/^https?:/.test(script) || new URL(script).origin === location.origin) {
    try {
      return make();
    } catch (err) {
      if (err?.name !== 'SecurityError') throw err;
    }
  }
  return bootstrapWorker(script);
}

/** The training worker, the compact element's or the full one. */
export function newWorker(compact) {
  return startWorkerScript(
    compact
      ? import.meta.resolve('./engine/compact-worker.js')
      : import.meta.resolve('./engine/classic-worker.js'),
    () =>
      compact
        ? new Worker(new URL('./engine/compact-worker.js', import.meta.url), { type: 'module' })
        : new Worker(new URL('./engine/classic-worker.js', import.meta.url), { type: 'module' }),
  );
}
