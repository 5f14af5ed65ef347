// Bug 11: README.md's size table is npm run size's output, not a copy that drifts. The table
// between its markers must equal what size.mjs measures on a fresh dist/ build.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildDist } from '../../scripts/dist.mjs';
import { measure, readmeTable, withTable } from '../../scripts/size.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test("README.md's size table matches npm run size on the current build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tinyae-size-test-'));
  try {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const expected = withTable(readme, readmeTable(measure(buildDist({ out: dir }).out)));
    assert.ok(
      readme === expected,
      "README.md's size table is stale: run `node scripts/size.mjs --readme`",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
