// One script from an ES module graph, for where modules cannot be fetched: a page opened from
// file:// and a worker made from a Blob. Each module becomes an async function that returns
// its exports and runs once, on first use; imports become calls to it. It handles the forms
// this repo writes (named and namespace imports, `export function|class|const|let`,
// `export { a as b }`, import('./literal.js')) and throws on anything else, so a new form
// fails the build instead of the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { referencesOf } from './module-graph.mjs';

const IMPORT = /^import\s+(?:([\w$]+)\s+from\s+|\*\s+as\s+([\w$]+)\s+from\s+|\{([^}]*)\}\s*from\s+)?'(\.{1,2}\/[^']+)';?/gm;
const EXPORT_DECL = /^export\s+(?:(?:async\s+)?function\*?|class|const|let)\s+([\w$]+)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?/gm;
const DYNAMIC = /\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

const resolve = (file, spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
// `a as b` -> [a, b]
const names = (list) => list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
  const [local, exported = local] = s.split(/\s+as\s+/);
  return [local, exported];
});

/**
 * The module at `file` (relative to `root`) as a function body returning its exports.
 * `replace`: [[text, replacement]] applied first, each text found exactly once;
 * `skip(path)`: dynamic imports left out of the bundle (they reject if ever called).
 */
function wrapModule(root, file, { replace = [], skip, classic }) {
  let src = readFileSync(path.join(root, file), 'utf8');
  for (const [text, replacement] of replace) {
    const count = src.split(text).length - 1;
    if (count !== 1) throw new Error(`bundle: ${file} holds ${JSON.stringify(text)} ${count} times, not once`);
    src = src.replace(text, () => replacement);
  }
  const exports = [];
  src = src.replace(IMPORT, (_, def, ns, list, spec) => {
    const load = `(await __load(${JSON.stringify(resolve(file, spec))}))`;
    if (def) return `const ${def} = ${load}.default;`;
    if (ns) return `const ${ns} = ${load};`;
    if (list !== undefined) return `const { ${names(list).map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${load};`;
    return `${load};`;
  });
  src = src.replace(EXPORT_DECL, (match, name) => {
    exports.push([name, name]);
    return match.replace(/^export\s+/, '');
  });
  src = src.replace(EXPORT_LIST, (_, list) => {
    exports.push(...names(list));
    return '';
  });
  src = src.replace(DYNAMIC, (_, spec) => {
    const target = resolve(file, spec);
    return skip(target) ? `Promise.reject(new Error(${JSON.stringify(`${target} is not in this bundle`)}))` : `__load(${JSON.stringify(target)})`;
  });
  if (classic) src = src.replaceAll('import.meta.url', 'self.location.href');
  const left = src.match(/^\s*(?:import|export)\b(?!\.meta).*/m);
  if (left) throw new Error(`bundle: ${file}: cannot inline ${JSON.stringify(left[0].trim())}`);
  const result = exports.map(([local, exported]) => (local === exported ? local : `${exported}: ${local}`)).join(', ');
  return `${src}\nreturn { ${result} };`;
}

/**
 * The module graph from `entry` (relative to `root`) as one script that runs it. `classic`: a
 * classic script (no import.meta; for a Blob worker), else the body of a module script.
 * `replace`: { file: [[text, replacement]] }; `skip(path)`: dynamic imports to leave out.
 */
export function bundle(root, entry, { replace = {}, skip = () => false, classic = false } = {}) {
  const order = [];
  const visiting = new Set();
  const visit = (file) => {
    if (order.includes(file)) return;
    if (visiting.has(file)) throw new Error(`bundle: import cycle through ${file}`);
    visiting.add(file);
    for (const ref of referencesOf(root, file)) {
      if (ref.kind === 'static' || (ref.kind === 'dynamic' && !skip(ref.path))) visit(ref.path);
    }
    visiting.delete(file);
    order.push(file);
  };
  visit(entry);
  const defs = order.map((file) => {
    const body = wrapModule(root, file, { replace: replace[file] ?? [], skip, classic });
    return `${JSON.stringify(file)}: async () => {\n${body}\n},`;
  });
  const unused = Object.keys(replace).filter((f) => !order.includes(f));
  if (unused.length) throw new Error(`bundle: replacements for files not in the graph: ${unused.join(', ')}`);
  return [
    ...(classic ? ["'use strict';"] : []),
    `// ${order.length} modules from ${entry}, inlined by scripts/bundle.mjs.`,
    'const __defs = {',
    ...defs,
    '};',
    'const __done = {};',
    'const __load = (file) => (__done[file] ??= __defs[file]());',
    classic ? `__load(${JSON.stringify(entry)});` : `await __load(${JSON.stringify(entry)});`,
  ].join('\n');
}
