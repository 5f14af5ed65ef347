// The release builds (wasm-opt'd, as the page ships them) seen from plain JS in Node: real
// Error objects for bad input, and the simd128 and scalar builds training to the same bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';

const builds = { simd: await loadBuild('simd'), scalar: await loadBuild('scalar') };

test('each build runs the kernels it is named for', () => {
  assert.equal(builds.simd.kernels(), 'simd128');
  assert.equal(builds.scalar.kernels(), 'scalar');
});

test('simd128 and scalar builds train to bit-identical weights', () => {
  const { pixels } = loadDigits();
  const weights = Object.values(builds).map(({ Autoencoder }) => {
    const ae = new Autoencoder(42);
    ae.set_data(pixels.subarray(0, 200 * 64));
    ae.batch_size = 32;
    const loss = ae.train_step(300);
    assert.ok(loss < 0.1, `mean loss ${loss}`);
    const w = ae.get_weights();
    ae.free();
    return new Uint32Array(w.buffer);
  });
  assert.deepEqual(weights[0], weights[1]);
});

test('bad input throws an Error naming the argument; the model keeps working', () => {
  const ae = new builds.simd.Autoencoder(1);
  ae.train_step(5);
  const before = ae.get_weights();
  const cases = [
    [() => ae.train_step(0), /steps/],
    [() => ae.train_step(-3), /steps must be a whole number/],
    [() => ae.train_step('10'), /steps must be a number/],
    [() => ae.reconstruct(new Float32Array(10)), /x must hold n\*64 values/],
    [() => ae.reconstruct({ length: 64 }), /x must be a Float32Array/],
    [() => ae.reconstruct(undefined), /x must be a Float32Array/],
    [() => ae.encode(new Array(64).fill(NaN)), /x\[0\] is NaN/],
    [() => ae.decode([1, 2, 3]), /z must hold n\*4/],
    [() => ae.set_data(new Float32Array(64).fill(3)), /pixels\[0\] is 3/],
    [() => { ae.learning_rate = -1; }, /learning_rate/],
    [() => { ae.learning_rate = 'fast'; }, /learning_rate must be a number/],
    [() => { ae.batch_size = 0; }, /batch_size/],
    [() => ae.set_weights(new Float32Array(5)), /2276/],
    [() => new builds.simd.Autoencoder(-5), /seed/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (e) => e instanceof Error && message.test(e.message), String(message));
  }
  assert.deepEqual(ae.get_weights(), before);
  assert.equal(ae.learning_rate, Math.fround(0.001));
  assert.equal(ae.batch_size, 32);
  assert.ok(Number.isFinite(ae.train_step(10)));
  ae.free();
});
