// The npm package under each bundler the README names, with the configuration it shows for
// each and no more: a page that imports `tinyae` and `tinyae/element` and starts a worker of its
// own that imports `tinyae`, built by Vite, webpack 5, esbuild and Rollup, served from the
// build's output and opened in headless Chromium: the API, the element and the worker
// train to the native core's losses, the console stays clean, and no file of the build holds
// the build machine's paths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, startSite } from '../e2e/harness.mjs';
import { assertCleanLog, coreRun, TRAINING_TIMEOUT_MS } from '../e2e/page-helpers.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { scratchProject } from './scratch.mjs';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>tinyae, bundled</title>
<script type="module" src="./main.js"></script></head>
<body><main><p id="api">loading</p><p id="worker">loading</p>
<tiny-autoencoder id="demo" seed="78" speed="max" autoplay></tiny-autoencoder></main></body></html>
`;

// The developer's code: the README's first example, the element, and a worker of their own.
const MAIN = `import init, { Autoencoder } from 'tinyae';
import 'tinyae/element';

init().then(() => {
  const ae = new Autoencoder(7);
  ae.train_step(1000);
  document.getElementById('api').textContent = String(ae.loss());
});
const worker = new Worker(new URL('./my-worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => {
  document.getElementById('worker').textContent = String(data);
};
worker.postMessage(7);
`;

const WORKER = `import init, { Autoencoder } from 'tinyae';

self.onmessage = async ({ data: seed }) => {
  await init();
  const ae = new Autoencoder(seed);
  ae.train_step(1000);
  self.postMessage(ae.loss());
};
`;

let scratch;
let src;

before(() => {
  ({ scratch } = scratchProject('bundlers'));
  src = path.join(scratch, 'src');
  mkdirSync(src);
  writeFileSync(path.join(src, 'index.html'), PAGE);
  writeFileSync(path.join(src, 'main.js'), MAIN);
  writeFileSync(path.join(src, 'my-worker.js'), WORKER);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** What esbuild and Rollup need besides the bundle: the package's files beside it (README). */
function copyPackageFiles(dist) {
  cpSync(path.join(scratch, 'node_modules/tinyae/www'), dist, { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), PAGE);
}

// Each as the README shows it.
const BUNDLERS = {
  async vite(dist) {
    const { build } = await import('vite');
    await build({
      root: src,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: dist, emptyOutDir: true },
    });
  },
  async webpack(dist) {
    const { default: webpack } = await import('webpack');
    const stats = await new Promise((resolve, reject) => {
      webpack(
        { mode: 'production', context: scratch, entry: './src/main.js', output: { path: dist } },
        (err, s) => (err ? reject(err) : resolve(s)),
      );
    });
    assert.ok(!stats.hasErrors() && !stats.hasWarnings(), stats.toString('errors-warnings'));
    writeFileSync(path.join(dist, 'index.html'), PAGE);
  },
  async esbuild(dist) {
    const { build } = await import('esbuild');
    await build({
      absWorkingDir: scratch,
      entryPoints: ['src/main.js', 'src/my-worker.js'],
      bundle: true,
      format: 'esm',
      outdir: dist,
      logLevel: 'silent',
    });
    copyPackageFiles(dist);
  },
  async rollup(dist) {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const bundle = await rollup({
      input: [path.join(src, 'main.js'), path.join(src, 'my-worker.js')],
      plugins: [nodeResolve()],
      onwarn: (w) => assert.fail(String(w)),
    });
    await bundle.write({ dir: dist, format: 'es' });
    await bundle.close();
    copyPackageFiles(dist);
  },
};

/** Every file under `dir` (relative paths). */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

for (const [name, bundle] of Object.entries(BUNDLERS)) {
  test(`${name}: the API, the element and a worker of one's own train in the built page`, async () => {
    const dist = path.join(scratch, `dist-${name}`);
    await bundle(dist);
    for (const file of filesUnder(dist).filter((f) => /\.(js|css|html)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      assert.ok(
        !text.includes('file://') && !text.includes(scratch),
        `${path.relative(dist, file)} holds a build machine path`,
      );
    }
    // Served from a directory below the site's root, where a URL resolved against the wrong
    // module misses; but Vite's, whose default `base` is the site's root.
    const site = await startSite({ root: name === 'vite' ? dist : scratch });
    try {
      const { page, log } = await openPage(browser, site.origin);
      const base = name === 'vite' ? `${site.origin}/` : `${site.origin}/dist-${name}/`;
      const outside = [];
      page
        .context()
        .on(
          'request',
          (req) =>
            /^(blob|data):/.test(req.url()) ||
            req.url().startsWith(base) ||
            outside.push(req.url()),
        );
      await page.goto(`${base}index.html`);
      await page.waitForFunction(
        () =>
          document.getElementById('demo')?.dataset.state === 'done' &&
          !['loading'].includes(document.getElementById('api').textContent) &&
          !['loading'].includes(document.getElementById('worker').textContent),
        null,
        { timeout: TRAINING_TIMEOUT_MS },
      );
      const [apiLoss, workerLoss, embedLoss] = await page.evaluate(() => [
        Number(document.getElementById('api').textContent),
        Number(document.getElementById('worker').textContent),
        Number(document.getElementById('demo').dataset.loss),
      ]);
      const seven = (await coreRun({ seed: 7, input: DIGIT_FOUR })).loss;
      assert.equal(apiLoss, seven);
      assert.equal(workerLoss, seven);
      assert.equal(embedLoss, (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss);
      assertCleanLog(log);
      assert.deepEqual(outside, [], 'every file comes from the build');
    } finally {
      await site.close();
    }
  });
}
