// The '4' page's Keras side (issue 23), end to end in Chromium: "Download .keras" writes the
// run's model exactly (its checkpoint equal, byte for byte, to the package's own run of the same
// seed); a .keras file made by the seed's Keras code, chosen or dropped, rebuilds the editor and
// the network view to it and trains on from Keras's state, step for step as the package does;
// a file for data of another width is refused, saying so, with the page's model unchanged; the
// "Keras code" panel shows the network's Python and Copy puts it on the clipboard; axe-core finds
// nothing. Nothing of this is fetched before it is used. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import init, { Autoencoder } from '../../www/api-node.js';
import { DIGIT_FOUR } from '../../www/core/digit.js';
import { DEFAULTS } from '../../www/core/urlstate.js';
import { screenshot, useBrowser } from './harness.mjs';
import {
  assertCleanLog,
  axeViolations,
  finalState,
  hashParams,
  published,
  showNetwork,
} from './page-helpers.mjs';

await init();
const fixture = (name) => readFileSync(new URL(`../fixtures/keras/${name}.keras`, import.meta.url));

describe('index.html: .keras files and the Keras code', () => {
  const env = useBrowser();

  /** The page at `hash`, trained to the end, with what it fetched. */
  async function open(hash = '#speed=max') {
    const session = await env.open({
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    session.fetched = [];
    session.page.on('request', (req) => session.fetched.push(new URL(req.url()).pathname));
    await session.page.goto(`${env.site.url}${hash}`);
    const result = await finalState(session.page);
    assert.equal(result.state, 'done', `page error: ${result.error}`);
    return session;
  }

  /** Chooses `file` ({ name, buffer }) with "Load .keras…"; resolves once the page has answered. */
  async function choose(page, file) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('#load-keras'),
    ]);
    await chooser.setFiles({ mimeType: 'application/octet-stream', ...file });
  }

  const runOf = (page) => page.evaluate(() => Number(document.body.dataset.run));
  const newRun = (page, run) =>
    page.waitForFunction(
      (r) =>
        Number(document.body.dataset.run) !== r &&
        document.body.dataset.state === 'paused' &&
        Number.isFinite(Number(document.getElementById('loss').dataset.value)),
      run,
    );
  /** Tiles per layer of the network view. */
  const viewLayers = async (page) => {
    await showNetwork(page);
    return page.evaluate(() => {
      const counts = [];
      for (const b of document.querySelectorAll('#network-view [data-layer]'))
        counts[Number(b.dataset.layer)] = (counts[Number(b.dataset.layer)] ?? 0) + 1;
      return counts.filter(Boolean);
    });
  };

  test('Download .keras: the trained model, exactly; nothing Keras is fetched before', async () => {
    const { context, page, log, fetched } = await open();
    try {
      assert.ok(
        !fetched.some((p) => /keras/.test(p)),
        `a first visit fetches nothing of Keras: ${fetched.filter((p) => /keras/.test(p))}`,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download-keras'),
      ]);
      assert.equal(download.suggestedFilename(), `tinyae-seed${DEFAULTS.seed}-epoch1000.keras`);
      const bytes = new Uint8Array(await readFile(await download.path()));
      assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip');
      // The page's run is the package's run of the same seed: the file holds all of it.
      const ae = new Autoencoder(DEFAULTS.seed);
      ae.train_step(1000);
      const loaded = Autoencoder.from_keras(bytes);
      assert.deepEqual(
        [...loaded.checkpoint()],
        [...ae.checkpoint()],
        "weights, Adam's state, generators and counters",
      );
      assert.deepEqual([loaded.step, loaded.epoch], [1000, 1000]);
      ae.free();
      loaded.free();
      assert.match(await page.textContent('#weights-status'), /keras\.saving\.load_model/);
      assert.ok(
        fetched.includes('/www/pkg/keras/tinyae_bg.wasm'),
        'the Keras build, once asked for',
      );
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test("a .keras file of the seed's Keras code: the page rebuilds to it and trains on from Keras's state", async () => {
    const { context, page, log } = await open('#speed=max&enc=32&latent=2&dec=32');
    try {
      assert.deepEqual(await viewLayers(page), [32, 2, 32]);
      const run = await runOf(page);
      await choose(page, { name: 'seed_trained.keras', buffer: fixture('seed_trained') });
      await newRun(page, run);
      assert.match(await page.textContent('#weights-status'), /Loaded seed_trained\.keras/);
      // The editor, the link and the network view follow the file's network: 64-16-4-16-64.
      assert.deepEqual(await viewLayers(page), [16, 4, 16]);
      assert.equal(await page.textContent('.n-params'), '2276');
      assert.match(
        await page.textContent('#arch-params'),
        /2,276 weights and biases \(the classic preset\)/,
      );
      await page.waitForFunction(() => !/enc=32/.test(location.hash));
      const hash = await hashParams(page);
      assert.deepEqual([hash.enc, hash.latent, hash.dec], ['16', '4', '16']);
      // Keras's model, as Keras saved it after 50 epochs: its loss, then one more step as the package takes it.
      const ae = Autoencoder.from_keras(fixture('seed_trained'));
      ae.set_data(DIGIT_FOUR);
      assert.equal((await published(page)).loss, ae.loss());
      await page.click('#step');
      await page.waitForFunction(
        () => Number(document.getElementById('epoch').dataset.value) === 1,
      );
      ae.train_step(1);
      assert.equal(
        (await published(page)).loss,
        ae.loss(),
        "the step after loading is Keras's state trained on",
      );
      ae.free();
      await screenshot(page, 'keras-loaded-seed');
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test('a .keras file dropped on the page, even on the input image, loads too: the deep one, 64-32-16-4-16-32-64', async () => {
    const { context, page, log } = await open();
    try {
      const run = await runOf(page);
      const bytes = [...fixture('deep')];
      await page.evaluate((b) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(b)], 'deep.keras'));
        // Where a picture would be taken: the .keras file passes it by, to the page.
        const image = document.getElementById('original');
        image.dispatchEvent(
          new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
        image.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }, bytes);
      await newRun(page, run);
      assert.deepEqual(await viewLayers(page), [32, 16, 4, 16, 32]);
      await page.waitForFunction(() => /enc=32-16/.test(location.hash));
      const hash = await hashParams(page);
      assert.deepEqual(
        [hash.enc, hash.act, hash.lact, hash.opt, hash.loss],
        ['32-16', 'tanh', 'linear', 'sgd', 'binary_crossentropy'],
      );
      const ae = Autoencoder.from_keras(fixture('deep'));
      assert.equal(await page.textContent('.n-params'), String(ae.n_params));
      ae.free();
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test("a file for data of another width is refused, saying so, and the page's model is unchanged", async () => {
    const { context, page, log } = await open();
    try {
      const model = async () => ({
        run: await runOf(page),
        ...(await published(page)),
        weights: await page.textContent('.n-params'),
      });
      const before = await model();
      const wide = new Autoencoder(1, { input: 784, encoder: [32], latent: 2 });
      const buffer = Buffer.from(wide.to_keras());
      wide.free();
      await choose(page, { name: 'mnist.keras', buffer });
      await page.waitForFunction(() => !document.getElementById('weights-error').hidden);
      const error = await page.textContent('#weights-error');
      assert.match(error, /mnist\.keras/);
      assert.match(error, /784 values wide/);
      assert.match(error, /64 wide/);
      await choose(page, { name: 'conv.keras', buffer: fixture('conv') });
      await page.waitForFunction(() =>
        /conv\.keras/.test(document.getElementById('weights-error').textContent),
      );
      assert.match(await page.textContent('#weights-error'), /Conv2D/);
      assert.deepEqual(await model(), before);
      await screenshot(page, 'keras-refused');
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });

  test("the Keras code panel shows the network's Python, Copy copies it, and axe finds nothing", async () => {
    const { context, page, log } = await open('#speed=max&latent=16&l1=0.001&enc=');
    try {
      await page.click('#keras-code summary');
      await page.waitForFunction(
        () => document.querySelector('#keras-code code').textContent.length > 0,
      );
      const code = await page.textContent('#keras-code code');
      assert.match(code, /^import keras\n/);
      assert.match(code, /keras\.Input\(shape=\(64,\)\)/);
      assert.match(
        code,
        /Dense\(16, activation="relu", activity_regularizer=keras\.regularizers\.L1\(0\.001\)\)/,
      );
      assert.match(code, /Dense\(64, activation="sigmoid"\)/);
      assert.match(
        code,
        /model\.compile\(optimizer=keras\.optimizers\.Adam\(learning_rate=0\.001\), loss="mse"\)/,
      );
      await page.click('#copy-keras-code');
      await page.waitForFunction(() =>
        /Copied/.test(document.getElementById('weights-status').textContent),
      );
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
      // A new network while the panel is open: its code follows.
      const run = await runOf(page);
      await page.goto(`${env.site.url}#speed=max&enc=32-16`);
      await page.waitForFunction((r) => Number(document.body.dataset.run) !== r, run);
      await page.waitForFunction(() =>
        /Dense\(32/.test(document.querySelector('#keras-code code').textContent),
      );
      await page.locator('#keras-code').scrollIntoViewIfNeeded();
      await screenshot(page, 'keras-code');
      assert.deepEqual(await axeViolations(page), []);
      assertCleanLog(log);
    } finally {
      await context.close();
    }
  });
});
