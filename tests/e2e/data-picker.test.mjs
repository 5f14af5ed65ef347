// End to end, the data page's data set picker (issue 27): a 28x28 set whose download fails is
// named and the digits and their run stay; MNIST chosen downloads with a progress bar, trains a
// model of its width (the epoch advances, the loss is finite), maps every one of its 10,000
// images, draws them at 28x28, its editor steps past 64 units, and the link carries it all, so a
// reload comes back to it; a download under way is cancelled by another choice; Quick, Draw!
// names its labels; a table of the reader's (5 columns,
// negative values, a text label) is standardised and trains, a hostile one is refused by row and
// column; a 784-column CSV (MNIST's layout) is read as 28x28 images, a ragged one refused; a
// data set file that is not one is named, the reader's file kept; while MNIST trains, the map
// is the survey engine's, the core's codes of the weights the page sent it. One browser and one
// page for the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadBuild } from '../../scripts/load-build.mjs';
import { decodeDataset } from '../../www/data/load-dataset.js';
import { useBrowser } from './harness.mjs';
import { assertCleanLog } from './page-helpers.mjs';

const env = useBrowser();

const SPECIES = ['setosa', 'versicolor', 'virginica'];
/** 150 rows of 5 measurements, some negative, and a species name last: an iris-like table. */
const TABLE = Array.from({ length: 150 }, (_, i) => {
  const s = i % 3;
  return [s + Math.sin(i), -2 * s + Math.cos(i), i / 10 - 7, 50 * s + (i % 5), -s, SPECIES[s]].join(
    ',',
  );
}).join('\n');

/** What the page shows of its data and run. */
const look = (page) =>
  page.evaluate(() => {
    const $ = (id) => document.getElementById(id);
    return {
      data: document.body.dataset.data,
      n: Number(document.body.dataset.n),
      chosen: $('data-set').value,
      points: Number($('ae-map').dataset.points),
      pcaPoints: Number($('pca-map').dataset.points),
      epoch: Number($('epoch').dataset.value),
      trainMse: $('train-mse').textContent,
      error: $('data-pick-error').hidden ? null : $('data-pick-error').textContent,
      hash: window.location.hash.slice(1),
      explored: JSON.parse($('explore-original').dataset.values ?? '[]').length,
      legend: [...document.querySelectorAll('#legend .legend-name')].map((e) => e.textContent),
      credit: [...document.querySelectorAll('.data-credit')].filter((e) => !e.hidden).length,
    };
  });

/**
 * An init script recording the run's reset, the last weights the page sent its survey engine
 * (by update) and the survey engine's latest map (its frames carry no losses) of weights seen.
 */
function recordSurveys() {
  const seen = { reset: null, weights: new Map(), frame: null };
  window.__survey = seen;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (msg, ...rest) {
    if (msg?.type === 'reset' && msg.kind === 'digits') seen.reset = msg;
    if (msg?.type === 'advance' && msg.weights) {
      seen.weights.set(msg.step, msg.weights.slice()); // a copy: the page hands them over
      if (seen.weights.size > 20) seen.weights.delete(seen.weights.keys().next().value);
    }
    return post.call(this, msg, ...rest);
  };
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        if (data?.plane?.positions && !data.trainLosses && seen.weights.has(data.surveyStep))
          seen.frame = { ...data, state: document.body.dataset.state };
      });
    }
  };
}

const mapped = (page, n) =>
  page.waitForFunction(
    (count) =>
      Number(document.getElementById('ae-map').dataset.points) === count &&
      Number(document.getElementById('epoch').dataset.value) >= 1,
    n,
    { timeout: 60_000 },
  );

test('the picker: a failed download keeps the digits; MNIST trains at 28x28, in the link and after a reload; Quick, Draw! names its labels', async () => {
  const { context, page, log } = await env.open({ viewport: { width: 1200, height: 900 } });
  try {
    await page.addInitScript(recordSurveys);
    await page.goto(`${env.site.url}digits.html`);
    await mapped(page, 1797);

    // A download that fails: said by name, and the digits' run goes on.
    await page.route('**/quickdraw.bin.gz', (route) => route.abort());
    await page.selectOption('#data-set', 'quickdraw');
    await page.waitForFunction(() => !document.getElementById('data-pick-error').hidden);
    const failed = await look(page);
    assert.match(
      failed.error,
      /Could not load Quick, Draw!: quickdraw\.bin\.gz: the download failed/,
    );
    assert.match(failed.error, /the page still shows the 1797 digits/);
    assert.equal(failed.chosen, 'digits');
    assert.equal(failed.n, 1797);
    await page.unroute('**/quickdraw.bin.gz');
    // The browser's own line for the aborted request; nothing else may be logged.
    log.consoleErrors.splice(0);
    log.failedRequests.splice(0);

    // MNIST: the progress bar's values, as the reader's assistive technology hears them.
    await page.evaluate(() => {
      const bar = document.getElementById('data-progress');
      window.__progress = [];
      new MutationObserver(() => window.__progress.push(Number(bar.ariaValueNow))).observe(bar, {
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.selectOption('#data-set', 'mnist');
    await mapped(page, 10_000);
    const mnist = await look(page);
    assert.equal(mnist.error, null);
    assert.equal(mnist.data, 'mnist');
    assert.equal(mnist.pcaPoints, 10_000);
    assert.ok(Number.isFinite(Number(mnist.trainMse)), `train MSE ${mnist.trainMse}`);
    assert.equal(mnist.explored, 784, 'the explorer draws a 28x28 image');
    assert.equal(mnist.credit, 1);
    const progress = await page.evaluate(() => window.__progress);
    assert.equal(Math.max(...progress), 100, `progress ${progress}`);
    assert.equal(await page.locator('#data-progress').isHidden(), true);
    // The link: the data set and its network (784-64-2-64-784, config.js DATA_SETS).
    await page.waitForFunction(() => /data=mnist/.test(window.location.hash));
    const hash = new URLSearchParams((await look(page)).hash);
    assert.equal(hash.get('enc'), '64');
    assert.equal(hash.get('latent'), '2');

    // While it trains, the map is the survey engine's: its points are the core's codes (here,
    // in Node) of the very weights the page sent it, and the run's engine trained on past them.
    await page.waitForFunction(() => window.__survey.frame?.surveyStep > 0);
    const survey = await page.evaluate(() => {
      const { reset, frame, weights } = window.__survey;
      const { seed, options, surveyed } = reset;
      return {
        seed,
        options,
        surveyed,
        state: frame.state,
        step: frame.surveyStep,
        now: Number(document.body.dataset.step),
        weights: Array.from(weights.get(frame.surveyStep)),
        positions: Array.from(frame.plane.positions),
      };
    });
    assert.equal(survey.surveyed, true);
    assert.equal(survey.state, 'training');
    assert.ok(survey.now > survey.step, `trained on to ${survey.now} past ${survey.step}`);
    const wasm = await loadBuild('simd');
    const ae = new wasm.Autoencoder(survey.seed, { ...survey.options, input: 784 });
    ae.set_weights(Float32Array.from(survey.weights));
    const digits = await decodeDataset(
      readFileSync(new URL('../../www/data/mnist.bin.gz', import.meta.url)),
      'mnist.bin.gz',
    );
    assert.deepEqual(Float32Array.from(survey.positions), ae.encode(digits.pixels));

    // The k-curve, scoped to 28x28: five k, 20 epochs each, PCA-k beside them.
    await page.locator('#kcurve').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => document.getElementById('kcurve').dataset.pca.split(',').length === 5,
      null,
      { timeout: 60_000 },
    );
    assert.equal(
      await page.textContent('#kcurve-note'),
      'Training 5 autoencoders, k = 1, 2, 4, 8 and 16, 20 epochs each…',
    );
    assert.match(await page.textContent('#kcurve .kcurve-net'), /^784-16-k-16-784$/);

    // Hover and decode on 28x28 images, by keyboard as by pointer: the cursor's image in the
    // hover card, then a free point decoded into a 28x28 picture.
    await page.focus('#ae-map');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() =>
      /^Image #\d+/.test(document.getElementById('map-readout').textContent),
    );
    await page.waitForFunction(
      () => document.getElementById('ae-card').dataset.index !== undefined,
    );
    await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForFunction(() => !document.getElementById('decode-card').hidden);
    assert.match(await page.textContent('#map-readout'), /decoded from \(/);
    assert.equal(await page.getAttribute('#decode-card canvas', 'width'), '28');
    await page.keyboard.press('Escape');

    // The editor offers the widths 784 values need: 64 doubles to 128 (archLimits).
    await page.click('[data-key="encoder-0-more"]');
    await page.waitForFunction(() => /enc=128&/.test(window.location.hash));
    await mapped(page, 10_000);

    await page.reload();
    await mapped(page, 10_000);
    const back = await look(page);
    assert.equal(back.data, 'mnist');
    assert.equal(back.chosen, 'mnist');
    assert.equal(back.n, 10_000);
    assert.equal(new URLSearchParams(back.hash).get('enc'), '128');

    // Another choice while a download is under way cancels it: Quick, Draw! held back, the
    // digits chosen meanwhile, and Quick, Draw! never replaces them.
    await page.route('**/quickdraw.bin.gz', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => {});
    });
    await page.selectOption('#data-set', 'quickdraw');
    await page.waitForFunction(() => !document.getElementById('data-progress').hidden);
    await page.selectOption('#data-set', 'digits');
    await mapped(page, 1797);
    await page.waitForTimeout(2000);
    const kept = await look(page);
    assert.deepEqual([kept.data, kept.n, kept.error], ['digits', 1797, null]);
    await page.unroute('**/quickdraw.bin.gz');
    // The cancelled request, as the browser logs it.
    log.failedRequests.splice(0);
    log.consoleErrors.splice(0);

    await page.selectOption('#data-set', 'quickdraw');
    await mapped(page, 2000);
    const drawn = await look(page);
    assert.equal(drawn.legend.length, 20);
    assert.ok(drawn.legend.includes('cat'), drawn.legend.join(', '));

    // A table of the reader's: 5 measurements, some negative, and a species name. A hostile
    // one first: refused by row and column, and Quick, Draw! stays.
    const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    const table = TABLE.split('\n');
    table[7] = table[7].replace(/^[^,]+/, 'oops');
    await page.setInputFiles('#csv-file', file('bad.csv', table.join('\n')));
    await page.waitForFunction(() => !document.getElementById('data-error').hidden);
    assert.match(
      await page.textContent('#data-error'),
      /Could not load bad\.csv: row 8, column 1: "oops" is not a number .*Nothing changed/,
    );
    assert.equal((await look(page)).n, 2000);
    await page.setInputFiles('#csv-file', file('iris.csv', TABLE));
    await mapped(page, 150);
    const own = await look(page);
    assert.equal(own.pcaPoints, 150);
    assert.ok(Number.isFinite(Number(own.trainMse)), `train MSE ${own.trainMse}`);
    assert.deepEqual(own.legend, ['setosa', 'versicolor', 'virginica']);
    assert.equal(own.explored, 5, "the explorer draws the row's 5 values");
    assert.match(
      await page.textContent('#data-summary'),
      /iris\.csv: 150 rows of 5 numbers .*taken as a table, not images .*standardised .*linear output; labels from column 6 \(3 names\)/,
    );
    await page.waitForFunction(() => /&out=linear&/.test(window.location.hash));
    // A reader's file is no built-in set: the picker names it, no data set's credit stands for
    // it, and the captions speak of rows of values, not images of pixels.
    const words = await page.evaluate(() => ({
      picked: document.querySelector('#data-set option:checked').textContent,
      credits: [...document.querySelectorAll('.data-credit')].filter((e) => !e.hidden).length,
      gallery: document.getElementById('gallery-title').textContent,
      pca: document.getElementById('pca-note').textContent,
    }));
    assert.equal(words.picked, 'Your file: iris.csv');
    assert.equal(words.credits, 0);
    assert.match(words.gallery, /^Test rows, rebuilt/);
    assert.match(words.pca, /% of the value variance/);

    // MNIST's CSV layout, a label then 784 pixels of 0..255: a hostile copy first (row 5 one
    // value short), refused by row and count with the table kept; then 300 rows, read as 28x28
    // images and mapped.
    const mnistCsv = Array.from({ length: 300 }, (_, i) =>
      [
        i % 10,
        ...Array.from({ length: 784 }, (_, p) => ((p * ((i % 10) + 3) + i) % 17 < 5 ? 255 : 0)),
      ].join(','),
    );
    const short = [...mnistCsv];
    short[4] = short[4].replace(/,\d+$/, '');
    await page.setInputFiles('#csv-file', file('short.csv', short.join('\n')));
    await page.waitForFunction(() =>
      /short\.csv/.test(document.getElementById('data-error').textContent),
    );
    assert.match(
      await page.textContent('#data-error'),
      /Could not load short\.csv: row 5 has 784 values, but row 1 has 785.*Nothing changed/,
    );
    assert.equal((await look(page)).n, 150);
    await page.setInputFiles('#csv-file', file('mnist.csv', mnistCsv.join('\n')));
    await mapped(page, 300);
    const wide = await look(page);
    assert.equal(wide.explored, 784);
    assert.match(
      await page.textContent('#data-summary'),
      /taken as 28x28 images.*labels from column 1/,
    );

    // A data set file that is not one (a proxy's error page, say): named, and the file stays.
    await page.route('**/mnist.bin.gz', (route) =>
      route.fulfill({ status: 200, body: '<html>Service unavailable</html>' }),
    );
    await page.selectOption('#data-set', 'mnist');
    await page.waitForFunction(() =>
      /mnist\.bin\.gz/.test(document.getElementById('data-error').textContent),
    );
    const refused = await look(page);
    assert.match(
      await page.textContent('#data-error'),
      /Could not load MNIST: .*mnist\.bin\.gz is not a data set tinyae can read: it does not start with "TAED".*Nothing changed: mnist\.csv is still loaded/,
    );
    assert.deepEqual([refused.n, refused.chosen], [300, 'file']);
    await page.unroute('**/mnist.bin.gz');
    assertCleanLog(log);
  } finally {
    await context.close();
  }
});
