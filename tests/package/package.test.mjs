// The npm package as a developer gets it: `npm pack`, installed into a scratch project with no
// network, then (a) Node imports `tinyae` and trains to the native core's pinned bits, and
// `require()`s it; (b) the element module imports where there is no DOM; (c) a page with an
// import map and no bundler loads `tinyae` and `tinyae/element` in headless Chromium and trains;
// (d) tsc --strict, with a default tsconfig (es2022 + dom), accepts every JS code block of the
// README and a file that uses the types, and each misuse marked `@ts-expect-error` in bad.ts is
// an error. The bundlers: bundlers.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage, REPO_ROOT, startSite } from '../e2e/harness.mjs';
import { assertCleanLog, coreRun, TRAINING_TIMEOUT_MS } from '../e2e/page-helpers.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { scratchProject } from './scratch.mjs';

const HERE = path.join(REPO_ROOT, 'tests/package');
const TSC = path.join(REPO_ROOT, 'node_modules/.bin/tsc');
let scratch;
let tarball;

before(() => {
  ({ scratch, tarball } = scratchProject('package'));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `source` as a file `name` of the scratch project in Node; its stdout parsed as JSON. */
function runNode(name, source) {
  writeFileSync(path.join(scratch, name), source);
  return JSON.parse(execFileSync('node', [name], { cwd: scratch, encoding: 'utf8' }));
}

test('the tarball holds both builds, their glue and types, the element, its CSS, README and license', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const file of [
    'package/package.json',
    'package/README.md',
    'package/LICENSE',
    'package/www/pkg/simd/tinyae_bg.wasm',
    'package/www/pkg/simd/tinyae.js',
    'package/www/pkg/simd/tinyae.d.ts',
    'package/www/pkg/scalar/tinyae_bg.wasm',
    'package/www/pkg/scalar/tinyae.js',
    'package/www/pkg/scalar/tinyae.d.ts',
    // The element's: the compact build (the classic model alone).
    'package/www/pkg/compact-simd/tinyae_bg.wasm',
    'package/www/pkg/compact-simd/tinyae.js',
    'package/www/pkg/compact-scalar/tinyae_bg.wasm',
    'package/www/api.js',
    'package/www/api-node.js',
    'package/www/tiny-autoencoder.js',
    'package/www/embed/embed.css',
    'package/www/wasm-url.js',
    'package/www/start-worker.js',
    'package/www/core/simd.js',
    'package/www/core/given.js',
    // The engines the element's workers run (www/engine/).
    'package/www/engine/classic.js',
    'package/www/engine/protocol.js',
    'package/www/engine/classic-worker.js',
    'package/www/pkg/poster.svg',
    'package/types/index.d.ts',
    'package/types/element.d.ts',
  ]) {
    assert.ok(files.includes(file), `${file} is in the tarball`);
  }
  assert.ok(
    !files.some((f) => f.includes('/src/') || f.includes('/tests/') || f.endsWith('.rs')),
    'no sources or tests',
  );
});

/** The native run pinned in tests/fixtures/native_runs.txt: its f32 bits as hex words. */
function pinned(key) {
  const text = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/native_runs.txt'), 'utf8');
  return text
    .split('\n')
    .find((line) => line.startsWith(`${key} `))
    .split(' ')
    .slice(1);
}

test('Node: `import init, { Autoencoder } from "tinyae"` trains to the native core\'s bits', () => {
  // The classic pinned run of tests/common/mod.rs: seed 7, 10 x 100 steps on the '4'.
  const script = `
    import init, { Autoencoder, build, kernels } from 'tinyae';
    await init();
    const ae = new Autoencoder(7);
    const losses = Array.from({ length: 10 }, () => ae.train_step(100));
    const hex = (a) => Array.from(new Uint32Array(Float32Array.from(a).buffer), (b) => b.toString(16).padStart(8, '0'));
    console.log(JSON.stringify({ build, kernels: kernels(), losses: hex(losses), weights: hex(ae.get_weights()) }));
  `;
  const out = runNode('train.mjs', script);
  assert.equal(out.build, 'simd');
  assert.equal(out.kernels, 'simd128');
  assert.deepEqual(out.losses, pinned('classic_loss'));
  assert.deepEqual(out.weights, pinned('classic_final'));
});

test('Node: initSync() needs no argument and the raw builds are importable', () => {
  const script = `
    import { initSync, Autoencoder } from 'tinyae';
    import initScalar, { kernels } from 'tinyae/scalar';
    import { readFileSync } from 'node:fs';
    initSync();
    const ae = new Autoencoder(7);
    ae.train_step(3);
    initScalar({ module_or_path: readFileSync(new URL(import.meta.resolve('tinyae/scalar/tinyae_bg.wasm'))) })
      .then(() => console.log(JSON.stringify({ epoch: ae.epoch, scalar: kernels() })));
  `;
  const out = runNode('sync.mjs', script);
  assert.deepEqual(out, { epoch: 3, scalar: 'scalar' });
});

test('a page with an import map and no bundler runs `tinyae` and `tinyae/element` from node_modules', async () => {
  writeFileSync(
    path.join(scratch, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>tinyae from npm</title>
<script type="importmap">{"imports": {
  "tinyae": "./node_modules/tinyae/www/api.js",
  "tinyae/element": "./node_modules/tinyae/www/tiny-autoencoder.js"}}</script>
<script type="module" src="./main.js"></script></head>
<body><main><p id="api">loading</p>
<tiny-autoencoder id="demo" seed="78" speed="max" autoplay></tiny-autoencoder></main></body></html>`,
  );
  writeFileSync(
    path.join(scratch, 'main.js'),
    `import init, { Autoencoder } from 'tinyae';
import 'tinyae/element';
await init();
const ae = new Autoencoder(7);
ae.train_step(1000);
document.getElementById('api').textContent = String(ae.loss());
`,
  );
  const site = await startSite({ root: scratch });
  const browser = await launchBrowser();
  try {
    const { page, log } = await openPage(browser, site.origin);
    await page.goto(site.url);
    await page.waitForFunction(
      () => document.getElementById('demo')?.dataset.state === 'done',
      null,
      {
        timeout: TRAINING_TIMEOUT_MS,
      },
    );
    const apiLoss = Number(await page.textContent('#api'));
    const embedLoss = Number(
      await page.evaluate(() => document.getElementById('demo').dataset.loss),
    );
    assert.equal(apiLoss, (await coreRun({ seed: 7, input: DIGIT_FOUR })).loss);
    assert.equal(embedLoss, (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss);
    assertCleanLog(log);
  } finally {
    await browser.close();
    await site.close();
  }
});

test('Node: `require("tinyae")` works (no top-level await), and so does `require("tinyae/element")`', () => {
  const out = runNode(
    'require.cjs',
    `
    const tinyae = require('tinyae');
    const { TinyAutoencoder } = require('tinyae/element');
    tinyae.initSync();
    const ae = new tinyae.Autoencoder(7);
    const loss = ae.train_step(10);
    console.log(JSON.stringify({ init: typeof tinyae.default, loss, pixels: tinyae.pixels(), element: typeof TinyAutoencoder }));
  `,
  );
  assert.deepEqual(
    { ...out, loss: Number.isFinite(out.loss) },
    { init: 'function', loss: true, pixels: 64, element: 'function' },
  );
});

test('Node: importing `tinyae/element` where there is no DOM registers nothing and throws nothing', () => {
  const out = runNode(
    'element.mjs',
    `
    const { TinyAutoencoder } = await import('tinyae/element');
    console.log(JSON.stringify({ element: typeof TinyAutoencoder, customElements: typeof customElements }));
  `,
  );
  assert.deepEqual(out, { element: 'function', customElements: 'undefined' });
});

test('Node: the API says what to do before init(), after free(), and with epochs', async () => {
  const out = runNode(
    'edges.mjs',
    `
    import init, { Autoencoder, ImageSet, kernels, pixels } from 'tinyae';
    const message = (f) => { try { f(); return 'no error'; } catch (e) { return e.message; } };
    const early = [message(() => new Autoencoder(1)), message(() => kernels())];
    await init();
    const ae = new Autoencoder(7, { batch_size: 16 });
    const set = new ImageSet(new Float32Array(2 * pixels()).fill(0.5), new Uint32Array([1]));
    const progress = [];
    const losses = await ae.train_epochs_async(3, (p) => progress.push(p));
    const refused = await ae.train_epochs_async(0).catch((e) => e.message);
    const state = { learning_rate: ae.learning_rate, batch_size: ae.options().batch_size, epoch: ae.epoch, n: set.n };
    ae.free();
    const late = [message(() => ae.train_step(1)), message(() => ae.epoch), message(() => { ae.learning_rate = 0.1; })];
    console.log(JSON.stringify({ early, late, losses: [...losses], progress, refused, state }));
  `,
  );
  assert.deepEqual(out.early, [
    'tinyae: call `await init()` (or initSync()) before new Autoencoder(): the wasm module is not started yet',
    'tinyae: call `await init()` (or initSync()) before kernels(): the wasm module is not started yet',
  ]);
  assert.deepEqual(out.late, [
    'tinyae: this Autoencoder was freed (free() was called), so train_step cannot be used; make a new Autoencoder',
    'tinyae: this Autoencoder was freed (free() was called), so epoch cannot be used; make a new Autoencoder',
    'tinyae: this Autoencoder was freed (free() was called), so learning_rate cannot be used; make a new Autoencoder',
  ]);
  assert.equal(out.refused, 'epochs must be a whole number from 1, got the number 0');
  // The '4' alone, in batches of 16: an epoch is one step.
  assert.deepEqual(out.state, { learning_rate: 0.001, batch_size: 16, epoch: 3, n: 2 });
  assert.deepEqual(
    out.progress,
    out.losses.map((loss, i) => ({ done: i + 1, epochs: 3, epoch: i + 1, loss })),
  );
});

/** The JS code blocks of the README, each as a module of its own. */
function readmeBlocks() {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

test("tsc --strict with a default tsconfig (es2022 + dom): the README's code, good.ts, and bad.ts's misuses are errors", () => {
  const blocks = readmeBlocks();
  assert.ok(blocks.length >= 4, `the README's js blocks: ${blocks.length}`);
  const files = blocks.map((code, i) => {
    const name = `readme-${i + 1}.ts`;
    // A block that uses the API without importing it (the options examples) gets the import,
    // and the images it names (x, digits, rows) are declared.
    const imports = /from 'tinyae'/.test(code)
      ? ''
      : "import init, { Autoencoder, ImageSet, Pca, kernels, pixels } from 'tinyae';\n";
    const declared = ['x', 'digits', 'rows'].filter(
      (v) => new RegExp(`\\b${v}\\b`).test(code) && !new RegExp(`const ${v}\\b`).test(code),
    );
    const declare = declared.length
      ? `declare const ${declared.map((v) => `${v}: Float32Array`).join(', ')};\n`
      : '';
    writeFileSync(path.join(scratch, name), `${imports}${declare}${code}export {};\n`);
    return name;
  });
  for (const name of ['good.ts', 'bad.ts']) {
    copyFileSync(path.join(HERE, name), path.join(scratch, name));
    files.push(name);
  }
  writeFileSync(
    path.join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        lib: ['es2022', 'dom'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
      },
      files,
    }),
  );
  const run = spawnSync(TSC, ['-p', '.'], { cwd: scratch, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  // Each misuse is an error: tsc reports a @ts-expect-error above a line that compiles (TS2578).
  const expected = readFileSync(path.join(HERE, 'bad.ts'), 'utf8').match(
    /@ts-expect-error/g,
  ).length;
  assert.ok(expected >= 25, `bad.ts holds ${expected} misuses`);
});
