#!/usr/bin/env node
// Assembles dist/ for any static host: the page, the <tiny-autoencoder> module and everything
// they load (found by reading them, see module-graph.mjs), with the same relative URLs, so it
// works under any sub-path. The '4' page's script, the element and the training worker ship
// bundled (BUNDLED: each with its static imports, the page's with its UI too, the worker's with
// the wasm glue), so a first visit fetches 3 scripts, not 23 modules one import level at a time;
// every other JS module and stylesheet is minified file by file by esbuild (the element's full
// explorer, loaded on demand, and the digits mode); the rest is copied as is. Plus tinyae-standalone.html: the page as one file that runs when opened from
// disk, where browsers fetch nothing and start no module workers: its modules bundled into one
// script by esbuild, the worker a classic one made from a Blob, the wasm a data: URL, the CSS a
// <style>.
//
//   node scripts/dist.mjs [--out DIR] [--no-minify]     (default: dist/; needs www/pkg: scripts/build.sh)
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync, transformSync } from 'esbuild';
import { closure } from './module-graph.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What dist/ is built from: the page and the embed; the rest is what they refer to. */
export const ENTRIES = Object.freeze(['index.html', 'digits.html', 'www/tiny-autoencoder.js']);
/** The poster of the finished classic run, as build.sh writes it. */
export const POSTER = 'www/pkg/poster.svg';
/**
 * The entries dist/ ships as one bundle each, at the entry's own path. What stays outside a
 * bundle: the .wasm glue of the full builds and the element's explorer (dynamic imports, by
 * URL), and what `new URL(..., import.meta.url)` names (the worker, stylesheets, the .wasm).
 */
export const BUNDLED = Object.freeze([
  'www/classic/main.js',
  'www/tiny-autoencoder.js',
  'www/engine/classic-worker.js',
  'www/engine/compact-worker.js',
]);
/** The single-file page's name in dist/. */
export const STANDALONE = 'tinyae-standalone.html';

// A string literal that is safe inside an inline <script>: no "</script", no "<!--".
const jsString = (text) => JSON.stringify(text).replaceAll('<', '\\u003c');

function replaceOnce(text, pattern, replacement, what) {
  const count = text.split(pattern).length - 1;
  if (count !== 1) throw new Error(`dist: expected one ${what} in index.html, found ${count}`);
  return text.replace(pattern, () => replacement);
}

/** `text` with each [pattern, replacement] of `pairs` applied, each pattern found exactly once. */
function replaceEach(text, pairs, file) {
  for (const [pattern, replacement] of pairs) {
    const count = text.split(pattern).length - 1;
    if (count !== 1)
      throw new Error(`dist: ${file} holds ${JSON.stringify(pattern)} ${count} times, not once`);
    text = text.replace(pattern, () => replacement);
  }
  return text;
}

/**
 * The module graph from `entry` (relative to `dir`) as one minified script, by esbuild:
 * `classic` an IIFE for a Blob worker (no import.meta there: its URL is the worker's), else the
 * body of a module script.
 */
export function bundleScript(dir, entry, { classic = false } = {}) {
  const result = buildSync({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: classic ? 'iife' : 'esm',
    ...(classic ? { define: { 'import.meta.url': 'self.location.href' } } : {}),
    logLevel: 'silent',
  });
  if (result.warnings.length)
    throw new Error(
      `dist: esbuild warns about ${entry}: ${result.warnings.map((w) => w.text).join('; ')}`,
    );
  return result.outputFiles[0].text;
}

/** index.html as a single self-contained file (see the top of this file). */
export function standalonePage(root = REPO_ROOT) {
  const read = (file, encoding = 'utf8') => readFileSync(path.join(root, file), encoding);
  const wasm = (build) =>
    `data:application/wasm;base64,${read(`www/pkg/${build}/tinyae_bg.wasm`, 'base64')}`;
  // esbuild reads a copy of www/, where the page's few file references are made inline.
  const work = mkdtempSync(path.join(tmpdir(), 'tinyae-standalone-'));
  let script;
  try {
    cpSync(path.join(root, 'www'), path.join(work, 'www'), { recursive: true });
    const edit = (file, pairs) => {
      const at = path.join(work, file);
      writeFileSync(at, replaceEach(readFileSync(at, 'utf8'), pairs, file));
    };
    const worker = bundleScript(work, 'www/engine/classic-worker.js', { classic: true });
    edit('www/wasm-url.js', [
      ["new URL('./pkg/simd/tinyae_bg.wasm', import.meta.url)", JSON.stringify(wasm('simd'))],
      ["new URL('./pkg/scalar/tinyae_bg.wasm', import.meta.url)", JSON.stringify(wasm('scalar'))],
      // The page (its architecture editor) runs the full build; the compact one is the element's.
      ["new URL('./pkg/compact-simd/tinyae_bg.wasm', import.meta.url)", 'null'],
      ["new URL('./pkg/compact-scalar/tinyae_bg.wasm', import.meta.url)", 'null'],
    ]);
    edit('www/core/bridge.js', [
      // The page never loads the glue itself; the worker does.
      ["import('../pkg/simd/tinyae.js')", "Promise.reject(new Error('the glue is in the worker'))"],
      [
        "import('../pkg/scalar/tinyae.js')",
        "Promise.reject(new Error('the glue is in the worker'))",
      ],
    ]);
    // Nor a Keras build: the panel says so when asked.
    edit('www/classic/app.js', [
      [
        "import('./keras-panel.js')",
        "Promise.reject(new Error('the single file has no Keras build'))",
      ],
    ]);
    edit('www/start-worker.js', [
      [
        "new Worker(new URL('./engine/classic-worker.js', import.meta.url), { type: 'module' })",
        `new Worker(URL.createObjectURL(new Blob([${jsString(worker)}], { type: 'text/javascript' })))`,
      ],
    ]);
    script = bundleScript(work, 'www/classic/main.js');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const css = transformSync(read('www/core/style.css'), { loader: 'css', minify: true }).code;
  if (/<\/script|<!--/i.test(script))
    throw new Error('dist: the inlined script holds "</script" or "<!--"');
  if (/<\/style/i.test(css)) throw new Error('dist: style.css holds "</style"');

  // Its comments are about the served page (preloads, why the favicon is a file): not this one.
  let html = read('index.html').replace(/[ \t]*<!--[\s\S]*?-->\n/g, '');
  html = replaceOnce(
    html,
    '<link rel="icon" href="www/favicon.svg" type="image/svg+xml">',
    `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(read('www/favicon.svg'))}" type="image/svg+xml">`,
    'favicon link',
  );
  html = replaceOnce(
    html,
    '<link rel="stylesheet" href="www/core/style.css">',
    `<style>\n${css}</style>`,
    'stylesheet link',
  );
  html = replaceOnce(
    html,
    '<script type="module" src="www/classic/main.js"></script>',
    `<script type="module">\n${script}\n</script>`,
    'main.js script',
  );
  // The digits mode needs a server (a worker and its data): the single file is the '4' alone.
  html = html.replace(/[ \t]*<nav class="modes"[\s\S]*?<\/nav>\n\n?/, '');
  // The head script starts the worker from its file: here the bundle does it.
  html = html.replace(/[ \t]*<script src="www\/classic\/boot.js"><\/script>\n/, '');
  // Nothing to preload: it is all here.
  html = html.replace(/[ \t]*<link rel="modulepreload"[^>]*>\n/g, '');
  if (/\s(?:src|href)="(?!data:|#)/.test(html))
    throw new Error('dist: the standalone page still refers to a file');
  return html;
}

/** `spec` relative to directory `from` as a module specifier: './x' or '../x' (posix). */
function specifier(from, to) {
  const rel = path.posix.relative(from, to);
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/** Every .js file under `dir`, relative to it (posix). */
function jsFiles(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? jsFiles(dir, `${prefix}${e.name}/`)
      : e.name.endsWith('.js')
        ? [`${prefix}${e.name}`]
        : [],
  );
}

// What a bundle leaves as imports of their own files: the full builds' glue (bridge.js loadFullGlue: loaded
// on demand, by build) and the element's explorer (esbuild's patterns match the specifiers as
// written). The training worker takes its glue in: it imports it statically, and one file
// fewer to fetch is one round trip less before the worker can train.
const GLUE = ['*/simd/tinyae.js', '*/scalar/tinyae.js'];
const EXPLORER = ['*/embed/full.js'];
/**
 * The '4' page's modules that come only when a reader asks for what they do (dynamic imports
 * the page's bundle leaves out, so a first visit does not fetch them): the Keras panel (and the
 * Keras build it loads), the weights file's format (Download / Load), the picture decoder and
 * conversion (a picture chosen, dropped or pasted). size.mjs counts them on demand, not in the
 * first visit.
 */
export const ON_DEMAND = Object.freeze([
  // The element's panels="map" and "generate": the data page's modules, none in its bundle.
  'www/embed/data-view.js',
  'www/classic/keras-panel.js',
  'www/classic/weights-file.js',
  'www/core/picture-decode.js',
  'www/core/picture.js',
  'www/core/network-view.js',
]);
const onDemand = ON_DEMAND.map((file) => `*/${path.posix.basename(file)}`);
const keptOut = (file) =>
  file === 'www/engine/classic-worker.js' ? EXPLORER : [...GLUE, ...EXPLORER, ...onDemand];
// The dynamic imports a bundle leaves as they are, their specifiers rewritten for its place.
const KEPT = ['simd/tinyae', 'scalar/tinyae', 'embed/full'].concat(
  ON_DEMAND.map((file) => path.posix.basename(file, '.js')),
);
const KEPT_IMPORT = new RegExp(
  String.raw`\bimport\(\s*(?:/\*[^*]*\*/\s*)?'(\.{1,2}/(?:[^']*/)?(?:${KEPT.join('|')})\.js)'\s*\)`,
  'g',
);

/**
 * Entry `file` (one of BUNDLED) bundled as dist/ ships it, minified, at the entry's own path.
 * esbuild reads a copy of www/ in which the URLs each module makes from its `import.meta.url`,
 * and the imports left out of the bundle, are rewritten for the bundle's place.
 */
function bundled(root, file) {
  const outDir = path.posix.dirname(file);
  const work = mkdtempSync(path.join(tmpdir(), 'tinyae-bundle-'));
  try {
    cpSync(path.join(root, 'www'), path.join(work, 'www'), { recursive: true });
    for (const js of jsFiles(work, 'www/')) {
      const dir = path.posix.dirname(js);
      const moved = (spec) => JSON.stringify(specifier(outDir, path.posix.join(dir, spec)));
      const text = readFileSync(path.join(work, js), 'utf8');
      const edited = text
        .replace(
          /\bnew URL\(\s*'([^':]+)'\s*,\s*import\.meta\.url\s*\)/g,
          (_, spec) => `new URL(${moved(spec)}, import.meta.url)`,
        )
        .replace(KEPT_IMPORT, (_, spec) => `import(${moved(spec)})`);
      if (edited !== text) writeFileSync(path.join(work, js), edited);
    }
    const result = buildSync({
      absWorkingDir: work,
      entryPoints: [file],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      external: keptOut(file),
      // Every Object.freeze in www/ freezes a fresh value it returns: one whose value goes unused
      // (the element needs no network presets) can go too, which esbuild cannot know by itself.
      pure: ['Object.freeze'],
      logLevel: 'silent',
    });
    if (result.warnings.length)
      throw new Error(
        `dist: esbuild warns about ${file}: ${result.warnings.map((w) => w.text).join('; ')}`,
      );
    return result.outputFiles[0].text;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `file`'s text as dist/ ships it: bundled, minified by esbuild, or null to copy as is. */
function shipped(root, file) {
  if (BUNDLED.includes(file)) return bundled(root, file);
  // The page's module preloads are for the unbundled modules: its bundle needs none. Its
  // comments and indentation are for the source's readers (0.4 kB gzip of a first visit):
  // whitespace between tags renders as one space either way, and the page's one <pre> is empty
  // until the Keras panel fills it.
  if (file === 'index.html') {
    const html = readFileSync(path.join(root, file), 'utf8');
    if (/<textarea|<pre\b[^>]*>(?:<code>)?[^<]/.test(html))
      throw new Error('dist: index.html holds preformatted text, whose indentation would go');
    return html
      .replace(/[ \t]*<link rel="modulepreload"[^>]*>\n/g, '')
      .replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '')
      .replace(/\n[ \t]+/g, '\n');
  }
  const loader = file.endsWith('.css') ? 'css' : file.endsWith('.js') ? 'js' : null;
  if (loader === null) return null;
  const source = readFileSync(path.join(root, file), 'utf8');
  return transformSync(source, {
    loader,
    minify: true,
    format: loader === 'js' ? 'esm' : undefined,
    sourcefile: file,
  }).code;
}

/**
 * Writes dist/ (or `out`) afresh from `root`, minifying JS and CSS unless `minify` is false.
 * Returns `{ out, files }`: the files written, relative to `out`.
 */
export function buildDist({ root = REPO_ROOT, out = path.join(root, 'dist'), minify = true } = {}) {
  const target = path.resolve(out);
  if (path.relative(target, root) === '' || !path.relative(target, root).startsWith('..')) {
    throw new Error(`dist: refusing to replace ${target}, which holds the repository`);
  }
  const files = closure(root, ENTRIES);
  const standalone = standalonePage(root);
  rmSync(target, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    const text =
      minify || BUNDLED.includes(file) || file === 'index.html' ? shipped(root, file) : null;
    if (text === null) copyFileSync(path.join(root, file), path.join(target, file));
    else writeFileSync(path.join(target, file), text);
  }
  writeFileSync(path.join(target, STANDALONE), standalone);
  // The element's fallback picture for hosts that strip scripts (scripts/poster.mjs, built with the wasm).
  copyFileSync(path.join(root, POSTER), path.join(target, POSTER));
  return { out: target, files: [...files, STANDALONE, POSTER] };
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const flag = process.argv.indexOf('--out');
  try {
    const { out, files } = buildDist({
      ...(flag >= 0 ? { out: process.argv[flag + 1] } : {}),
      minify: !process.argv.includes('--no-minify'),
    });
    console.log(
      `[dist] ${files.length} files in ${path.relative(process.cwd(), out) || '.'}/ (run npm run size for their sizes)`,
    );
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
