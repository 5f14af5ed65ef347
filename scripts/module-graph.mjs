// What the page's files refer to, found by reading them: ES module imports (static and
// dynamic), `new URL('...', import.meta.url)` (workers, stylesheets, wasm), and an HTML page's
// script and link tags. dist.mjs copies what this finds and size.mjs
// measures it. Only relative references count; the patterns are the ones this repo writes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Either quote and esbuild's minified spacing (`import{a}from"../x.js"`): dist/'s bundles and
// the modules it minifies file by file (those loaded on demand) are esbuild's output; static
// imports as written here otherwise (dist/ bundles have none left).
const STATIC =
  /(?:^|[;\s}])(?:import|export)\s*(?:[\w*$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+\s*|\{[^}]*\}\s*)?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm;
// A bundler's hint may come first: import(/* webpackIgnore: true */ './x.js').
const DYNAMIC = /\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const URL_REF = /\bnew URL\(\s*['"]([^'":]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
const HTML_REF = /<(?:script|link)\b[^>]*?\s(?:src|href)="([^"#?:]+)"/g;

/**
 * The references in `file` (a path relative to `root`, posix separators), as
 * `[{ kind: 'static' | 'dynamic' | 'url' | 'html', path }]`, each path relative to `root`.
 */
export function referencesOf(root, file) {
  const text = readFileSync(path.join(root, file), 'utf8');
  const dir = path.posix.dirname(file);
  const refs = [];
  const add = (kind, spec) =>
    refs.push({ kind, path: path.posix.normalize(path.posix.join(dir, spec)) });
  if (file.endsWith('.html')) {
    for (const m of text.matchAll(HTML_REF)) add('html', m[1]);
  } else if (/\.m?js$/.test(file)) {
    for (const m of text.matchAll(STATIC)) add('static', m[1]);
    for (const m of text.matchAll(DYNAMIC)) add('dynamic', m[1]);
    for (const m of text.matchAll(URL_REF)) add('url', m[1]);
  }
  return refs;
}

/**
 * Every file reachable from `entries` through references of the given `kinds` (all of them by
 * default), entries included, in the order found, but `skip`'s (modules loaded on demand) and
 * what only they reach. Throws when a reference names a missing file.
 */
export function closure(root, entries, kinds = ['static', 'dynamic', 'url', 'html'], skip = []) {
  const seen = new Set();
  const visit = (file, from) => {
    if (seen.has(file) || skip.includes(file)) return;
    if (!existsSync(path.join(root, file))) {
      throw new Error(
        `${from ?? 'entry'} refers to ${file}, which does not exist${file.includes('/pkg/') ? ' (run: bash scripts/build.sh)' : ''}`,
      );
    }
    seen.add(file);
    for (const ref of referencesOf(root, file)) if (kinds.includes(ref.kind)) visit(ref.path, file);
  };
  for (const entry of entries) visit(entry, null);
  return [...seen];
}
