// A scratch project with the npm package installed as a developer gets it: `npm pack`, then
// `npm install` of the tarball with no network. Shared by the package and bundler tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../e2e/harness.mjs';

/** Packs the repository and installs the tarball into a new scratch project; returns both paths. */
export function scratchProject(name) {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const scratch = mkdtempSync(path.join(tmpdir(), `tinyae-${name}-`));
  // The wasm is built by now (scripts/test.sh builds before the JS tests): no prepack rebuild.
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], {
    cwd: REPO_ROOT,
  });
  const tarball = path.join(scratch, `tinyae-${version}.tgz`);
  writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], {
    cwd: scratch,
  });
  return { scratch, tarball };
}
