#!/usr/bin/env node
// Assembles dist/ for any static host: the page, the <tiny-autoencoder> module and everything
// they load (found by reading them, see module-graph.mjs), with the same relative URLs, so it
// works under any sub-path. JS and CSS lose their comments and indentation on the way
// (strip.mjs; V8 parses every result), which is most of the embed's size budget; the rest is
// copied as is. Plus tinyae-standalone.html: the page as one
// file that runs when opened from disk, where browsers fetch nothing and start no module
// workers: its modules inlined (bundle.mjs), the worker a classic one made from a Blob, the
// wasm a data: URL, the CSS a <style>.
//
//   node scripts/dist.mjs [--out DIR] [--no-strip]     (default: dist/; needs www/pkg: scripts/build.sh)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './bundle.mjs';
import { closure } from './module-graph.mjs';
import { stripCss, stripJs } from './strip.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What dist/ is built from: the page and the embed; the rest is what they refer to. */
export const ENTRIES = Object.freeze(['index.html', 'digits.html', 'www/tiny-autoencoder.js']);
/** The single-file page's name in dist/. */
export const STANDALONE = 'tinyae-standalone.html';

// A string literal that is safe inside an inline <script>: no "</script", no "<!--".
const jsString = (text) => JSON.stringify(text).replaceAll('<', '\\u003c');

function replaceOnce(text, pattern, replacement, what) {
  const count = text.split(pattern).length - 1;
  if (count !== 1) throw new Error(`dist: expected one ${what} in index.html, found ${count}`);
  return text.replace(pattern, () => replacement);
}

/** index.html as a single self-contained file (see the top of this file). */
export function standalonePage(root = REPO_ROOT) {
  const read = (file, encoding = 'utf8') => readFileSync(path.join(root, file), encoding);
  const wasm = (build) => `data:application/wasm;base64,${read(`www/pkg/${build}/tinyae_bg.wasm`, 'base64')}`;
  const worker = bundle(root, 'www/worker.js', { classic: true });
  const script = bundle(root, 'www/main.js', {
    // The page never loads the glue itself; the worker does.
    skip: (file) => file.includes('/pkg/'),
    replace: {
      'www/bridge.js': [
        ["new URL('./pkg/simd/tinyae_bg.wasm', import.meta.url)", JSON.stringify(wasm('simd'))],
        ["new URL('./pkg/scalar/tinyae_bg.wasm', import.meta.url)", JSON.stringify(wasm('scalar'))],
      ],
      'www/worker-client.js': [[
        "new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })",
        `new Worker(URL.createObjectURL(new Blob([${jsString(worker)}], { type: 'text/javascript' })))`,
      ]],
    },
  });
  const css = read('www/style.css');
  if (/<\/script|<!--/i.test(script)) throw new Error('dist: the inlined script holds "</script" or "<!--"');
  if (/<\/style/i.test(css)) throw new Error('dist: style.css holds "</style"');

  // Its comments are about the served page (preloads, why the favicon is a file): not this one.
  let html = read('index.html').replace(/[ \t]*<!--[\s\S]*?-->\n/g, '');
  html = replaceOnce(html, '<link rel="icon" href="www/favicon.svg" type="image/svg+xml">',
    `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(read('www/favicon.svg'))}" type="image/svg+xml">`, 'favicon link');
  html = replaceOnce(html, '<link rel="stylesheet" href="www/style.css">', `<style>\n${css}</style>`, 'stylesheet link');
  html = replaceOnce(html, '<script type="module" src="www/main.js"></script>', `<script type="module">\n${script}\n</script>`, 'main.js script');
  // The digits mode needs a server (a worker and its data): the single file is the '4' alone.
  html = html.replace(/[ \t]*<nav class="modes"[\s\S]*?<\/nav>\n\n?/, '');
  // Nothing to preload: it is all here.
  html = html.replace(/[ \t]*<link rel="modulepreload"[^>]*>\n/g, '');
  if (/\s(?:src|href)="(?!data:|#)/.test(html)) throw new Error('dist: the standalone page still refers to a file');
  return html;
}

/** `file`'s text as dist/ ships it: stripped JS (checked by V8) and CSS, or null to copy as is. */
function shipped(root, file) {
  const source = readFileSync(path.join(root, file), 'utf8');
  if (file.endsWith('.css')) return stripCss(source);
  if (!file.endsWith('.js')) return null;
  const js = stripJs(source);
  const check = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: js, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`dist: ${file} no longer parses once stripped:\n${check.stderr}`);
  return js;
}

/**
 * Writes dist/ (or `out`) afresh from `root`, stripping JS and CSS unless `strip` is false.
 * Returns `{ out, files }`: the files written, relative to `out`.
 */
export function buildDist({ root = REPO_ROOT, out = path.join(root, 'dist'), strip = true } = {}) {
  const target = path.resolve(out);
  if (path.relative(target, root) === '' || !path.relative(target, root).startsWith('..')) {
    throw new Error(`dist: refusing to replace ${target}, which holds the repository`);
  }
  const files = closure(root, ENTRIES);
  const standalone = standalonePage(root);
  rmSync(target, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    const text = strip ? shipped(root, file) : null;
    if (text === null) copyFileSync(path.join(root, file), path.join(target, file));
    else writeFileSync(path.join(target, file), text);
  }
  writeFileSync(path.join(target, STANDALONE), standalone);
  return { out: target, files: [...files, STANDALONE] };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const flag = process.argv.indexOf('--out');
  try {
    const { out, files } = buildDist({
      ...(flag >= 0 ? { out: process.argv[flag + 1] } : {}),
      strip: !process.argv.includes('--no-strip'),
    });
    console.log(`[dist] ${files.length} files in ${path.relative(process.cwd(), out) || '.'}/ (run npm run size for their sizes)`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
