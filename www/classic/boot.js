// The '4' page's first script: classic, in <head> before the stylesheet and the module graph, so
// the training worker and the .wasm's download and compile start while the HTML is
// still arriving. www/classic/main.js then adopts both (core/worker-client.js takes them from
// window.__tinyaeBoot) and asks for the first run: the worker is ready by then. Self-contained
// (no imports: it runs before any module loads); the build is picked as core/simd.js picks it.
(() => {
  try {
    // (module (func (result v128) i32.const 0 i8x16.splat)): core/simd.js's SIMD probe.
    const probe = new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253,
      15, 11,
    ]);
    const simd = typeof WebAssembly === 'object' && WebAssembly.validate(probe);
    const build =
      new URLSearchParams(location.search).get('build') === 'scalar' || !simd ? 'scalar' : 'simd';
    const base = document.currentScript.src;
    const worker = new Worker(new URL('../engine/classic-worker.js', base), { type: 'module' });
    // What the worker says before main.js listens (engine/protocol.js linkWorker replays it).
    const early = [];
    worker.onmessage = ({ data }) => early.push(data);
    worker.onerror = (event) => {
      event.preventDefault();
      early.push({
        type: 'fatal',
        message: `the training worker failed to load: ${event.message || 'classic-worker.js'}`,
      });
    };
    worker.postMessage({ type: 'load', build });
    const wasm = new URL(`../pkg/${build}/tinyae_bg.wasm`, base);
    WebAssembly.compileStreaming(fetch(wasm)).then(
      (module) => worker.postMessage({ type: 'module', module }),
      () => worker.postMessage({ type: 'module', module: null }), // the worker fetches it itself
    );
    window.__tinyaeBoot = { worker, build, early };
  } catch {
    // Nothing started: main.js starts the worker itself.
  }
})();
