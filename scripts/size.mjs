#!/usr/bin/env node
// What a first visit downloads from dist/, file by file, raw, gzip (level 9) and brotli
// (quality 11), as a static host that precompresses would serve it; HTTP headers not counted.
// Two visits: the compact embed (the element, what it imports, its stylesheet, the worker and
// the build a SIMD browser fetches) and the full page; and what the page fetches on demand when
// a reader first asks for a .keras file (the Keras build), or a weights file or a picture.
// tests/e2e/dist.test.mjs checks the visits' lists against what Chromium really requests. The compact embed's budget is 40 kB gzip
// (1 kB = 1000 bytes); over it, this exits with status 1.
//
// README.md's size table is this output too, between its size-table markers: --readme rewrites
// it, and tests/js/size.test.mjs fails when it no longer matches.
//
//   node scripts/size.mjs [--dir DIR] [--readme]     (default: a fresh dist/ build in a temporary directory)
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildDist, ON_DEMAND } from './dist.mjs';
import { closure } from './module-graph.mjs';
import { DATASETS } from '../www/data/load-dataset.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The compact embed's first-visit budget, gzip bytes. */
export const BUDGET = 40_000;

/**
 * Each visit: module entries (their static imports follow) plus files fetched otherwise
 * (stylesheets, the page, the wasm). The worker is an entry: the browser starts it by URL (its
 * static imports bring the glue), and fetches only the SIMD build's .wasm: the compact build for
 * the compact element, the full one (any network) for the page.
 */
const VISITS = {
  'compact embed': {
    // Not the explorer's dynamic import: panels="full" only.
    modules: ['www/tiny-autoencoder.js', 'www/engine/compact-worker.js'],
    kinds: ['static'],
    files: ['www/embed/embed.css', 'www/pkg/compact-simd/tinyae_bg.wasm'],
  },
  'full page': {
    // main.js imports the UI (app.js) as soon as the worker is started; the UI the modules it
    // needs only when a reader asks for them (dist.mjs ON_DEMAND: the visits below).
    modules: ['www/classic/main.js', 'www/engine/classic-worker.js'],
    kinds: ['static', 'dynamic'],
    skip: ON_DEMAND,
    // The worker's glue is one of its static imports (bundled into it in dist/).
    files: [
      'index.html',
      'www/classic/boot.js',
      'www/core/style.css',
      'www/favicon.svg',
      'www/pkg/simd/tinyae_bg.wasm',
    ],
  },
  // Not in a first visit: what the page fetches more when a reader first downloads or loads a
  // .keras file (app.js imports keras-panel.js then; it imports the Keras build's glue).
  'Keras, on demand': {
    modules: ['www/classic/keras-panel.js'],
    kinds: ['static', 'dynamic'],
    files: ['www/pkg/keras/tinyae_bg.wasm'],
  },
  // Nor these: the weights file's format at the first Download or Load of weights, the
  // picture decoder and conversion at the first picture chosen, dropped or pasted, the network
  // view when its panel nears the screen.
  'weights file, picture, network view, on demand': {
    modules: ON_DEMAND.filter((file) => !/\/(keras-panel|data-view)\.js$/.test(file)),
    kinds: ['static', 'dynamic'],
    files: [],
  },
  // Nor this: the element's panels="map" or "generate" when it nears the screen (data-view.js),
  // with the data page's markup, styles, engine and full build, and the 8x8 digits (a 28x28
  // set is the data page's download: Data, below).
  'map or generate embed, on demand': {
    modules: ['www/embed/data-view.js', 'www/engine/data-worker.js'],
    kinds: ['static', 'dynamic'],
    files: [
      'digits.html',
      'www/core/style.css',
      'www/digits/digits.css',
      'www/digits/vae/vae.css',
      'www/embed/data.css',
      'data/digits.csv.gz',
      'www/pkg/simd/tinyae_bg.wasm',
    ],
  },
};

/**
 * The files of visit `name` (a key of VISITS: 'compact embed', 'full page', ...) in `root`: the
 * repository (the modules as written) or a dist/ (where BUNDLED entries hold their imports),
 * relative to it.
 */
export function visitFiles(name, root = REPO_ROOT) {
  const { modules, kinds, files, skip } = VISITS[name];
  return [...new Set([...closure(root, modules, kinds, skip), ...files])];
}

/** `{ raw, gzip, brotli }` byte counts of `bytes`. */
export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * Every visit measured from `dir` (a dist/, or the repository unbundled):
 * `{ [visit]: { files: [{ file, raw, gzip, brotli }], total } }`.
 */
export function measure(dir = REPO_ROOT) {
  const result = {};
  for (const name of Object.keys(VISITS)) {
    const files = visitFiles(name, dir)
      .map((file) => ({ file, ...sizes(readFileSync(path.join(dir, file))) }))
      .sort((a, b) => b.gzip - a.gzip);
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
    result[name] = { files, total };
  }
  return result;
}

/** A visit's heading: 'full page, first visit'; the on-demand one as it is named. */
const visitTitle = (name) => (name.includes('on demand') ? name : `${name}, first visit`);

function table(name, { files, total }) {
  const kb = (n) => (n / 1000).toFixed(1).padStart(7);
  const share = (n) => `${((100 * n) / total.gzip).toFixed(0).padStart(3)}%`;
  const width = Math.max(...files.map((f) => f.file.length), 5);
  const lines = [
    `${visitTitle(name)}, kB (1000 bytes)`,
    `  ${'file'.padEnd(width)}     raw    gzip  brotli  of gzip`,
  ];
  for (const f of files)
    lines.push(
      `  ${f.file.padEnd(width)} ${kb(f.raw)} ${kb(f.gzip)} ${kb(f.brotli)}    ${share(f.gzip)}`,
    );
  lines.push(
    `  ${`total (${files.length} files)`.padEnd(width)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`,
  );
  return lines.join('\n');
}

/** The built 28x28 data sets (scripts/datasets.mjs), fetched only when the data page picks one. */
function datasetSizes() {
  const files = Object.values(DATASETS).map((file) => {
    const size = statSync(path.join(REPO_ROOT, 'www/data', file), { throwIfNoEntry: false })?.size;
    return `${file} ${size === undefined ? 'not built (node scripts/datasets.mjs)' : `${(size / 1000).toFixed(1)} kB`}`;
  });
  return `data sets, fetched only when chosen (gzip as built): ${files.join(', ')}`;
}

export const README_START = '<!-- size-table: written by `node scripts/size.mjs --readme` -->';
export const README_END = '<!-- /size-table -->';

/** The README's table of `result` (from measure()): each visit's biggest files and its total. */
export function readmeTable(result) {
  const kb = (n) => (n / 1000).toFixed(1);
  const lines = [];
  for (const [name, { files, total }] of Object.entries(result)) {
    lines.push(`| ${visitTitle(name)} | raw | gzip | brotli |`, '|---|---:|---:|---:|');
    const big = files.filter((f) => f.gzip >= 0.05 * total.gzip);
    const rest = files.filter((f) => !big.includes(f));
    for (const f of big)
      lines.push(`| \`${f.file}\` | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
    const sum = (k) => rest.reduce((a, f) => a + f[k], 0);
    if (rest.length)
      lines.push(
        `| ${rest.length} more files | ${kb(sum('raw'))} | ${kb(sum('gzip'))} | ${kb(sum('brotli'))} |`,
      );
    lines.push(
      `| **total, ${files.length} files** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`,
      '',
    );
  }
  return lines.join('\n');
}

/** `readme` (README.md's text) with the table between the markers replaced by `table`. */
export function withTable(readme, table) {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('size: README.md lacks the size-table markers');
  return `${readme.slice(0, start + README_START.length)}\n${table}${readme.slice(end)}`;
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const flag = process.argv.indexOf('--dir');
  const temp = flag >= 0 ? null : mkdtempSync(path.join(tmpdir(), 'tinyae-size-'));
  try {
    const dir = temp ? buildDist({ out: temp }).out : path.resolve(process.argv[flag + 1]);
    const result = measure(dir);
    console.log(
      Object.entries(result)
        .map(([name, r]) => table(name, r))
        .join('\n\n'),
    );
    // For comparison: the same files as they are in the repository, unminified.
    const source = measure(REPO_ROOT);
    console.log(
      `\nunminified (the repository's files): ${Object.entries(source)
        .map(([name, r]) => `${name} ${(r.total.gzip / 1000).toFixed(1)} kB gzip`)
        .join(', ')}`,
    );
    const { gzip } = result['compact embed'].total;
    const over = gzip - BUDGET;
    console.log(
      `\ncompact embed: ${gzip} bytes gzip, budget ${BUDGET}: ${over > 0 ? `OVER by ${over} bytes` : `within, ${-over} bytes to spare`}`,
    );
    if (over > 0) process.exitCode = 1;
    console.log(`\n${datasetSizes()}`);
    if (process.argv.includes('--readme')) {
      const file = path.join(REPO_ROOT, 'README.md');
      writeFileSync(file, withTable(readFileSync(file, 'utf8'), readmeTable(result)));
      console.log('README.md: size table rewritten');
    }
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
