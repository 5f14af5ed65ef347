// The page's own HTML and stylesheet driven by the floor's script (bench-js/floor/): what
// rendering index.html's static content costs on top of the floor, before any of tinyae's UI
// runs. Written into a served dist/ copy by `npm run bench` (browser-run.mjs) as
// bench/static/index.html, beside the floor it borrows the script and the worker from.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FLOOR = new URL('./floor/', import.meta.url);

/** Writes `site`/bench/static/ from `site`/index.html (dist's) and the floor's script. */
export function writeStaticFloor(site) {
  const floor = readFileSync(new URL('index.html', FLOOR), 'utf8');
  const open = floor.indexOf('<script type="module">');
  const script = floor.slice(open, floor.indexOf('</script>', open) + '</script>'.length);
  const page = readFileSync(path.join(site, 'index.html'), 'utf8');
  const html = page
    .replace(/<script src="www\/classic\/boot\.js"><\/script>/, script)
    .replace(/<script type="module" src="www\/classic\/main\.js"><\/script>/, '')
    .replaceAll('href="www/', 'href="../../www/')
    // The floor draws its frame on the first canvas.
    .replace(/<body([^>]*)>/, '<body$1>\n<canvas width="8" height="8"></canvas>');
  if (html === page || html.includes('main.js') || !html.includes(script)) {
    throw new Error(
      'static floor: index.html no longer has the boot.js and main.js tags it replaces',
    );
  }
  const dir = path.join(site, 'bench', 'static');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), html);
  copyFileSync(new URL('worker.js', FLOOR), path.join(dir, 'worker.js'));
}
