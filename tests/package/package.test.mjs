// The npm package as a developer gets it: `npm pack`, installed into a scratch project with no
// network, then (a) Node imports `tinyae` and trains to the native core's pinned bits, (b) a page
// with an import map and no bundler loads `tinyae` and `tinyae/element` in headless Chromium and
// trains, (c) tsc --strict accepts a file that uses the types and rejects one that misuses them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openPage, REPO_ROOT, startSite } from '../e2e/harness.mjs';
import { assertCleanLog, coreRun, TRAINING_TIMEOUT_MS } from '../e2e/page-helpers.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';

const HERE = path.join(REPO_ROOT, 'tests/package');
const TSC = path.join(REPO_ROOT, 'node_modules/.bin/tsc');
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
let scratch;
let tarball;

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'tinyae-package-'));
  // The wasm is built by now (scripts/test.sh builds before the JS tests): no prepack rebuild.
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: REPO_ROOT });
  tarball = path.join(scratch, `tinyae-${version}.tgz`);
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], { cwd: scratch });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds both builds, their glue and types, the element, its CSS, README and license', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const file of [
    'package/package.json', 'package/README.md', 'package/LICENSE',
    'package/www/pkg/simd/tinyae_bg.wasm', 'package/www/pkg/simd/tinyae.js', 'package/www/pkg/simd/tinyae.d.ts',
    'package/www/pkg/scalar/tinyae_bg.wasm', 'package/www/pkg/scalar/tinyae.js', 'package/www/pkg/scalar/tinyae.d.ts',
    // The element's: the compact build (the classic model alone).
    'package/www/pkg/compact-simd/tinyae_bg.wasm', 'package/www/pkg/compact-simd/tinyae.js',
    'package/www/pkg/compact-scalar/tinyae_bg.wasm',
    'package/www/api.js', 'package/www/api-node.js', 'package/www/tiny-autoencoder.js', 'package/www/embed/embed.css',
    'package/www/core/worker.js', 'package/www/pkg/poster.svg', 'package/types/index.d.ts', 'package/types/element.d.ts',
  ]) {
    assert.ok(files.includes(file), `${file} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.includes('/src/') || f.includes('/tests/') || f.endsWith('.rs')), 'no sources or tests');
});

/** The native run pinned in tests/fixtures/native_runs.txt: its f32 bits as hex words. */
function pinned(key) {
  const text = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/native_runs.txt'), 'utf8');
  return text.split('\n').find((line) => line.startsWith(`${key} `)).split(' ').slice(1);
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
  writeFileSync(path.join(scratch, 'train.mjs'), script);
  const out = JSON.parse(execFileSync('node', ['train.mjs'], { cwd: scratch, encoding: 'utf8' }));
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
  writeFileSync(path.join(scratch, 'sync.mjs'), script);
  const out = JSON.parse(execFileSync('node', ['sync.mjs'], { cwd: scratch, encoding: 'utf8' }));
  assert.deepEqual(out, { epoch: 3, scalar: 'scalar' });
});

test('a page with an import map and no bundler runs `tinyae` and `tinyae/element` from node_modules', async () => {
  writeFileSync(path.join(scratch, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>tinyae from npm</title>
<script type="importmap">{"imports": {
  "tinyae": "./node_modules/tinyae/www/api.js",
  "tinyae/element": "./node_modules/tinyae/www/tiny-autoencoder.js"}}</script>
<script type="module" src="./main.js"></script></head>
<body><main><p id="api">loading</p>
<tiny-autoencoder id="demo" seed="78" speed="max" autoplay></tiny-autoencoder></main></body></html>`);
  writeFileSync(path.join(scratch, 'main.js'), `import init, { Autoencoder } from 'tinyae';
import 'tinyae/element';
await init();
const ae = new Autoencoder(7);
ae.train_step(1000);
document.getElementById('api').textContent = String(ae.loss());
`);
  const site = await startSite({ root: scratch });
  const browser = await launchBrowser();
  try {
    const { page, log } = await openPage(browser, site.origin);
    await page.goto(site.url);
    await page.waitForFunction(() => document.getElementById('demo')?.dataset.state === 'done', null, {
      timeout: TRAINING_TIMEOUT_MS,
    });
    const apiLoss = Number(await page.textContent('#api'));
    const embedLoss = Number(await page.evaluate(() => document.getElementById('demo').dataset.loss));
    assert.equal(apiLoss, (await coreRun({ seed: 7, input: DIGIT_FOUR })).loss);
    assert.equal(embedLoss, (await coreRun({ seed: 78, input: DIGIT_FOUR })).loss);
    assertCleanLog(log);
  } finally {
    await browser.close();
    await site.close();
  }
});

/** Runs the project's tsc --strict on one file copied into the scratch project. */
function tsc(name) {
  copyFileSync(path.join(HERE, name), path.join(scratch, name));
  const flags = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', 'esnext,dom', name];
  return spawnSync(TSC, flags, { cwd: scratch, encoding: 'utf8' });
}

test('tsc --strict accepts the documented use of the API and the element', () => {
  const run = tsc('good.ts');
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('tsc --strict rejects each misuse of the API and the element', () => {
  const run = tsc('bad.ts');
  assert.notEqual(run.status, 0);
  const lines = new Set([...run.stdout.matchAll(/bad\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  const source = readFileSync(path.join(HERE, 'bad.ts'), 'utf8').split('\n');
  const misuses = ['const started: string', "Autoencoder('42')", 'train_stepp', 'const y: string', 'const seed: string', 'const epochs: number', "step('3')", 'el.epoch = 5', 'nonsense'];
  for (const misuse of misuses) {
    const line = source.findIndex((l) => l.includes(misuse)) + 1;
    assert.ok(lines.has(line), `line ${line} (${misuse}) is an error:\n${run.stdout}`);
  }
});
