// The 28x28 data sets' loader (www/data/load-dataset.js) in the three engines readers come with:
// Chromium, Firefox ESR and WebKitGTK each fetch quickdraw.bin.gz from the dev server with its
// progress, decompress it with their own DecompressionStream('gzip') and decode it to the values
// Node decodes; a download cut short is refused by name in each.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeDataset } from '../../www/data/load-dataset.js';
import { ENGINE_BINARIES, launchFirefox, launchWebKit } from './engines.mjs';
import { launchBrowser, REPO_ROOT, startSite } from './harness.mjs';

/** Chromium through Playwright, with the two methods the other engines' drivers have. */
async function launchChromium() {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return {
    goto: (url) => page.goto(url),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    close: () => browser.close(),
  };
}

const LAUNCH = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };

/** In the page: the loader's result, summed, and its refusal of the file cut in half. */
async function loadInPage() {
  const { decodeDataset: decode, loadDataset } = await import('/www/data/load-dataset.js');
  const events = [];
  const set = await loadDataset('quickdraw', { onProgress: (e) => events.push(e) });
  let sum = 0;
  for (const v of set.pixels) sum += v;
  const bytes = new Uint8Array(await (await fetch('/www/data/quickdraw.bin.gz')).arrayBuffer());
  const refusal = await decode(bytes.subarray(0, bytes.length >> 1), 'quickdraw.bin.gz').then(
    () => 'decoded',
    (e) => e.message,
  );
  const last = (phase) => events.filter((e) => e.phase === phase).at(-1);
  return {
    stream: typeof DecompressionStream,
    rows: set.rows,
    names: set.names,
    labels: Array.from(set.labels),
    sum,
    download: last('download'),
    decode: last('decode'),
    refusal,
  };
}

let site;
before(async () => {
  site = await startSite();
});
after(() => site?.close());

const file = path.join(REPO_ROOT, 'www/data/quickdraw.bin.gz');

for (const engine of Object.keys(LAUNCH)) {
  const missing =
    engine !== 'chromium' &&
    !existsSync(ENGINE_BINARIES[engine]) &&
    `${ENGINE_BINARIES[engine]} is not installed (scripts/setup.sh installs it)`;
  describe(`in ${engine}`, { skip: missing }, () => {
    let b;
    before(async () => {
      b = await LAUNCH[engine]();
    });
    after(() => b?.close());

    test('quickdraw.bin.gz downloads with its progress and decodes to what Node decodes; half of it is refused', async () => {
      const gz = new Uint8Array(readFileSync(file));
      const expected = await decodeDataset(gz, 'quickdraw.bin.gz');
      let expectedSum = 0;
      for (const v of expected.pixels) expectedSum += v;
      await b.goto(`${site.url}www/data/NOTICE.md`);
      const got = await b.evaluate(loadInPage);
      assert.equal(got.stream, 'function');
      assert.equal(got.rows, expected.rows);
      assert.deepEqual(got.names, expected.names);
      assert.deepEqual(got.labels, Array.from(expected.labels));
      assert.equal(got.sum, expectedSum, 'the pixels, summed in the same order');
      assert.deepEqual(got.download, { phase: 'download', loaded: gz.length, total: gz.length });
      assert.equal(got.decode.loaded, got.decode.total);
      assert.match(
        got.refusal,
        /^quickdraw\.bin\.gz is truncated or corrupt: its gzip data do not decompress/,
      );
    });
  });
}
