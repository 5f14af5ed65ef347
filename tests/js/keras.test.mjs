// `.keras` files through the release builds' JS API (issue 23): a checkpoint that resumes to
// the bit in both full builds, the same bytes from both, refusals as named Errors, and the
// compact builds left without the Keras code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';

const builds = { simd: await loadBuild('simd'), scalar: await loadBuild('scalar') };
const bits = (a) => [...new Uint32Array(Float32Array.from(a).buffer)];

test('from_keras(to_keras()) then set_data of the same data trains on to the bit', () => {
  const x = loadDigits().pixels.subarray(0, 40 * 64);
  for (const [name, { Autoencoder }] of Object.entries(builds)) {
    const options = { encoder: [32, 16], latent: 2, optimizer: 'rmsprop', noise: { type: 'gaussian', amount: 0.2 } };
    const a = new Autoencoder(5, options);
    a.set_data(x);
    a.batch_size = 8;
    a.train_step(13); // mid-epoch: the epoch's order must carry
    const bytes = a.to_keras();
    assert.ok(bytes instanceof Uint8Array && bytes[0] === 0x50 && bytes[1] === 0x4b, `${name}: a zip`);
    const b = Autoencoder.from_keras(bytes);
    b.set_data(x);
    assert.deepEqual([b.step, b.epoch, b.batch_size, b.seed], [a.step, a.epoch, a.batch_size, a.seed], name);
    assert.deepEqual(b.options(), a.options(), name);
    for (const steps of [1, 9, 90]) assert.equal(b.train_step(steps), a.train_step(steps), `${name}: ${steps} steps`);
    assert.deepEqual(bits(b.get_weights()), bits(a.get_weights()), name);
    assert.deepEqual([b.step, b.epoch], [a.step, a.epoch], name);
    a.free();
    b.free();
  }
});

test('both builds write the same bytes, and read what Keras wrote', () => {
  const files = Object.values(builds).map(({ Autoencoder }) => {
    const ae = new Autoencoder(78);
    ae.train_step(200);
    const bytes = ae.to_keras();
    ae.free();
    return [...bytes];
  });
  assert.deepEqual(files[0], files[1]);
  const seed = readFileSync(new URL('../fixtures/keras/seed_trained.keras', import.meta.url));
  const ae = builds.simd.Autoencoder.from_keras(seed);
  assert.deepEqual([ae.options().encoder, ae.options().latent, ae.step], [[16], 4, 50]);
  ae.free();
});

test('a file tinyae cannot run throws an Error naming it, and bad bytes are refused', () => {
  const { Autoencoder } = builds.simd;
  const conv = readFileSync(new URL('../fixtures/keras/conv.keras', import.meta.url));
  assert.throws(() => Autoencoder.from_keras(conv), (e) => e.argument === 'bytes' && /is a Conv2D/.test(e.message));
  assert.throws(() => Autoencoder.from_keras('model.keras'), (e) => e.argument === 'bytes' && /Uint8Array or an ArrayBuffer/.test(e.message));
  assert.throws(() => Autoencoder.from_keras(new Uint8Array(10)), /not a \.keras file/);
  const vae = new Autoencoder(1, { variational: true, loss: 'binary_crossentropy', latent_activation: 'linear' });
  assert.throws(() => vae.to_keras(), /variational model has no Keras equivalent/);
  vae.free();
});

test('the compact builds have no Keras code', async () => {
  for (const name of ['compact-simd', 'compact-scalar']) {
    const { Autoencoder } = await loadBuild(name);
    assert.equal(Autoencoder.from_keras, undefined, name);
    assert.equal(Autoencoder.prototype.to_keras, undefined, name);
  }
});
