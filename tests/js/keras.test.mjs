// `.keras` files through the package's API in Node (www/api-node.js over the release builds,
// issue 23): `to_keras()` from the full build's model, through the Keras build it starts by
// itself; the file's zip entries, its config.json and every HDF5 dataset (read back by the
// Rust reader, which checks each one's path and shape against the config, then compared to the
// bit); the committed files Keras 3.15 wrote (tests/fixtures/keras/) read with the layers and
// predictions Keras gave; refusals named, with nothing made; and checkpoints resuming to the bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { Autoencoder, initKeras } from '../../www/api-node.js';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';
import { DIGIT_FOUR } from '../../www/core/digit.js';

await init();
const bits = (a) => [...new Uint32Array(Float32Array.from(a).buffer)];
const fixture = (name) => readFileSync(new URL(`../fixtures/keras/${name}.keras`, import.meta.url));
const expected = JSON.parse(
  readFileSync(new URL('../fixtures/keras/expected.json', import.meta.url), 'utf8'),
);
const digits = loadDigits().pixels;

/** A zip's entries as `{ name, method, data }`, from its central directory (APPNOTE 4.3.12). */
function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(
    view.getUint32(end, true),
    0x06054b50,
    'an end of central directory record, no comment',
  );
  const entries = [];
  for (let i = 0, at = view.getUint32(end + 16, true); i < view.getUint16(end + 10, true); i++) {
    assert.equal(view.getUint32(at, true), 0x02014b50);
    const [method, size, nameLength, extra, comment, local] = [10, 20, 28, 30, 32, 42].map((o) =>
      o === 20 || o === 42 ? view.getUint32(at + o, true) : view.getUint16(at + o, true),
    );
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({ name, method, data: bytes.subarray(start, start + size) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

test('to_keras() writes the zip Keras writes: stored entries, the Sequential config, and every weight and slot', () => {
  const ae = new Autoencoder(78);
  ae.train_step(300);
  const bytes = ae.to_keras();
  assert.ok(bytes instanceof Uint8Array);
  const entries = unzip(bytes);
  assert.deepEqual(
    entries.map((e) => [e.name, e.method]),
    [
      ['metadata.json', 0],
      ['config.json', 0],
      ['model.weights.h5', 0],
      ['tinyae.json', 0],
    ],
  );
  const text = (name) => new TextDecoder().decode(entries.find((e) => e.name === name).data);
  assert.equal(JSON.parse(text('metadata.json')).keras_version, '3.15.1');
  const config = JSON.parse(text('config.json'));
  assert.equal(config.class_name, 'Sequential');
  const layers = config.config.layers.map((l) => [
    l.class_name,
    l.config.units ?? l.config.batch_shape,
    l.config.activation,
  ]);
  assert.deepEqual(layers, [
    ['InputLayer', [null, 64], undefined],
    ['Dense', 16, 'relu'],
    ['Dense', 4, 'relu'],
    ['Dense', 16, 'relu'],
    ['Dense', 64, 'sigmoid'],
  ]);
  assert.equal(config.compile_config.loss, 'mse');
  assert.equal(config.compile_config.optimizer.class_name, 'Adam');
  assert.equal(config.compile_config.optimizer.config.learning_rate, 0.001);
  const h5 = entries.find((e) => e.name === 'model.weights.h5').data;
  assert.deepEqual(
    [...h5.subarray(0, 8)],
    [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a],
    'the HDF5 signature',
  );
  // Each kernel, bias and Adam slot is a contiguous little-endian float32 dataset: its bytes are
  // in the file as they are in the model, in Keras's order (layers' vars, then the optimizer's).
  const w = ae.get_weights();
  const find = (values, from = 0) =>
    Buffer.from(h5).indexOf(Buffer.from(values.buffer, values.byteOffset, values.byteLength), from);
  let last = -1;
  for (const [from, to] of [
    [0, 1024],
    [1024, 1040],
    [1040, 1104],
    [1104, 1108],
    [1108, 1172],
    [1172, 1188],
    [1188, 2212],
    [2212, 2276],
  ]) {
    const at = find(w.subarray(from, to));
    assert.ok(at > last, `weights ${from}..${to} in order`);
    last = at;
  }
  // Read back by the Rust reader (every dataset's path and shape checked against the config):
  // the whole state, slots, counters and generators, comes back to the bit.
  const back = Autoencoder.from_keras(bytes);
  assert.deepEqual([...back.checkpoint()], [...ae.checkpoint()]);
  back.free();
  ae.free();
});

test('the files Keras 3.15 wrote load with their layers, optimizer state and predictions', () => {
  for (const name of ['seed_untrained', 'seed_trained', 'sequential', 'sparse', 'deep']) {
    const e = expected[name];
    const ae = Autoencoder.from_keras(fixture(name));
    const o = ae.options();
    for (const [key, value] of Object.entries(e.options))
      assert.deepEqual(o[key], value, `${name}: ${key}`);
    assert.equal(ae.step, e.iterations, `${name}: Keras's iterations`);
    assert.equal(ae.epoch, 0, `${name}: no tinyae.json, so epoch 0`);
    const x = e.data === 'four' ? Float32Array.from(DIGIT_FOUR) : digits.subarray(0, 16 * 64);
    const y = ae.reconstruct(x);
    const diff = Math.max(...y.map((v, i) => Math.abs(v - e.predict[i])));
    assert.ok(diff < 1e-6, `${name}: predict within 1e-6 of Keras's, got ${diff}`);
    // The next full-batch step, as Keras's fit(batch_size=n, shuffle=False) took it.
    ae.set_data(x);
    ae.batch_size = x.length / 64;
    ae.train_step(1);
    const step = Math.max(...ae.get_weights().map((v, i) => Math.abs(v - e.next_weights[i])));
    assert.ok(step < 1e-5, `${name}: the next step within 1e-5 of Keras's, got ${step}`);
    ae.free();
  }
});

test('a file tinyae cannot run is refused naming the layer and what is accepted; nothing is made', () => {
  const kept = new Autoencoder(3);
  kept.train_step(10);
  const before = kept.checkpoint();
  assert.throws(
    () => Autoencoder.from_keras(fixture('conv')),
    (e) =>
      e instanceof Error &&
      e.argument === 'bytes' &&
      /Conv2D/.test(e.message) &&
      /Dense/.test(e.message),
  );
  assert.throws(
    () => Autoencoder.from_keras('model.keras'),
    (e) => e.argument === 'bytes' && /Uint8Array or an ArrayBuffer/.test(e.message),
  );
  assert.throws(() => Autoencoder.from_keras(new Uint8Array(10)), /not a \.keras file|zip/);
  const vae = new Autoencoder(1, { variational: true });
  assert.throws(() => vae.to_keras(), /variational model has no Keras equivalent/);
  vae.free();
  assert.deepEqual([...kept.checkpoint()], [...before], 'the model that was there is unchanged');
  kept.free();
});

test('Autoencoder.from_keras(a.to_keras()) then set_data(same) trains on to the bit, step and epoch carried', () => {
  const x = digits.subarray(0, 40 * 64);
  const sets = [
    {},
    {
      encoder: [32, 16],
      latent: 2,
      optimizer: 'rmsprop',
      noise: { type: 'gaussian', amount: 0.2 },
    },
    {
      encoder: [],
      latent: 16,
      l1: 0.001,
      optimizer: 'sgd',
      momentum: 0.9,
      learning_rate: 0.05,
      noise: { type: 'mask', amount: 0.25 },
    },
  ];
  for (const options of sets) {
    const a = new Autoencoder(5, options);
    a.set_data(x);
    a.batch_size = 8;
    a.train_step(13); // mid-epoch: the epoch's order must carry
    const b = Autoencoder.from_keras(a.to_keras());
    b.set_data(x);
    assert.ok(b instanceof Autoencoder);
    assert.deepEqual([b.step, b.epoch, b.batch_size, b.seed], [13, 2, 8, 5]);
    assert.deepEqual(b.options(), a.options());
    for (const steps of [1, 9, 90])
      assert.equal(
        b.train_step(steps),
        a.train_step(steps),
        `${JSON.stringify(options)}: ${steps} steps`,
      );
    assert.deepEqual(bits(b.get_weights()), bits(a.get_weights()));
    assert.deepEqual([b.step, b.epoch], [a.step, a.epoch]);
    assert.deepEqual([...b.checkpoint()], [...a.checkpoint()], 'the whole state');
    a.free();
    b.free();
  }
});

test('checkpoint() crosses builds exactly: read by the Keras build, resume()d from its parts; bad bytes refused by name', async () => {
  const [scalar, keras] = await Promise.all([loadBuild('scalar'), loadBuild('keras')]);
  const a = new Autoencoder(9, { optimizer: 'rmsprop', encoder: [16], latent: 3 });
  a.train_step(40);
  const read = keras.Autoencoder.from_checkpoint(a.checkpoint());
  const parts = read.checkpoint_parts();
  read.free();
  assert.deepEqual(Object.keys(parts), ['seed', 'options', 'weights', 'slots', 'words']);
  assert.equal(parts.slots.length, a.n_params, 'rmsprop keeps one slot per weight');
  const b = new scalar.Autoencoder(parts.seed, parts.options);
  b.resume(parts.weights, parts.slots, parts.words);
  assert.deepEqual(
    [...b.checkpoint()],
    [...a.checkpoint()],
    'the whole state, in the scalar build',
  );
  assert.equal(b.train_step(60), a.train_step(60));
  assert.deepEqual(bits(b.get_weights()), bits(a.get_weights()));
  assert.throws(
    () => Autoencoder.from_checkpoint(new Uint8Array([1, 2, 3])),
    (e) => e.argument === 'checkpoint' && /checkpoint\(\) returns/.test(e.message),
  );
  assert.throws(
    () => Autoencoder.from_checkpoint(a.checkpoint().subarray(0, 100)),
    (e) => e.argument === 'checkpoint' && /damaged: 100 bytes/.test(e.message),
  );
  a.free();
  b.free();
  await initKeras(); // started already by the calls above: resolves at once
});

test('resume() refuses parts that do not fit the model, and leaves it as it was', async () => {
  const keras = await loadBuild('keras');
  const a = new Autoencoder(4);
  a.set_data(digits.subarray(0, 8 * 64));
  a.batch_size = 3;
  a.train_step(30);
  const read = keras.Autoencoder.from_checkpoint(a.checkpoint());
  const { weights, slots, words } = read.checkpoint_parts();
  read.free();
  const b = new Autoencoder(4);
  b.train_step(5);
  const before = b.checkpoint();
  const refused = (args, argument, pattern) =>
    assert.throws(
      () => b.resume(...args),
      (e) => e.argument === argument && pattern.test(e.message),
      `${argument}: ${pattern}`,
    );
  refused([weights, slots, words.subarray(0, 13)], 'words', /at least 14 words, got 13/);
  refused([weights.subarray(1), slots, words], 'checkpoint', /the weights hold 2275 values/);
  refused([weights, slots.subarray(1), words], 'checkpoint', /2 arrays of 2276 finite numbers/);
  refused(['x', slots, words], 'weights', /Float32Array/);
  const order = Uint32Array.from(words);
  order[14] = order[15]; // the epoch's order repeats an index
  refused([weights, slots, order], 'checkpoint', /not a permutation/);
  const batch = Uint32Array.from(words);
  batch[12] = 0;
  refused([weights, slots, batch], 'checkpoint', /batch_size/);
  assert.deepEqual([...b.checkpoint()], [...before], 'the model is as it was');
  b.resume(weights, slots, words);
  assert.deepEqual([...b.checkpoint()], [...a.checkpoint()], 'and then takes the parts that fit');
  a.free();
  b.free();
});

test('only the Keras build has the Keras code and the checkpoint reader; the compact builds have no checkpoints', () => {
  for (const name of ['compact-simd', 'compact-scalar', 'simd', 'scalar', 'keras']) {
    const bytes = readFileSync(new URL(`../../www/pkg/${name}/tinyae_bg.wasm`, import.meta.url));
    const exports = new Set(
      WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name),
    );
    assert.equal(exports.has('autoencoder_to_keras'), name === 'keras', name);
    assert.equal(exports.has('autoencoder_from_keras'), name === 'keras', name);
    // The builds the pages load write checkpoints and resume from their parts; the reader of
    // the bytes is the Keras build's.
    assert.equal(exports.has('autoencoder_checkpoint'), !name.startsWith('compact'), name);
    assert.equal(exports.has('autoencoder_resume'), !name.startsWith('compact'), name);
    assert.equal(exports.has('autoencoder_from_checkpoint'), name === 'keras', name);
    assert.equal(exports.has('autoencoder_checkpoint_parts'), name === 'keras', name);
  }
});
