// The release builds (wasm-opt'd, as the page ships them) seen from plain JS in Node: real
// Error objects for bad input, naming the argument, and the simd128 and scalar builds, full and
// compact, training to the same bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuild } from '../../scripts/load-build.mjs';
import { loadDigits } from '../../scripts/digits.mjs';

const builds = {
  simd: await loadBuild('simd'),
  scalar: await loadBuild('scalar'),
  'compact-simd': await loadBuild('compact-simd'),
  'compact-scalar': await loadBuild('compact-scalar'),
};

test('each build runs the kernels it is named for', () => {
  for (const [name, build] of Object.entries(builds)) assert.equal(build.kernels(), name.endsWith('simd') ? 'simd128' : 'scalar', name);
});

test('the compact builds are the classic model alone: no PCA, no split, no options', () => {
  for (const name of ['compact-simd', 'compact-scalar']) {
    const { Autoencoder, Pca, split_indices: split } = builds[name];
    assert.equal(Pca, undefined, name);
    assert.equal(split, undefined, name);
    assert.throws(() => new Autoencoder(1, { latent: 2 }), (e) => e.argument === 'options' && /takes no options/.test(e.message));
    const ae = new Autoencoder(1, null);
    assert.equal(ae.get_weights().length, 2276);
    // Only what the compact element's worker (www/engine/classic.js over the compact build) calls.
    for (const gone of ['evaluate', 'options', 'evaluate_terms', 'loss_terms', 'activations', 'survey']) assert.equal(ae[gone], undefined, gone);
    for (const gone of ['batch_size', 'step']) assert.equal(Object.getOwnPropertyDescriptor(Autoencoder.prototype, gone), undefined, gone);
    assert.deepEqual([ae.n_params, ae.latent], [2276, 4]);
    ae.free();
  }
});

test('the classic run is the same to the bit in all four builds', () => {
  const runs = Object.values(builds).map(({ Autoencoder }) => {
    const ae = new Autoencoder(78);
    const loss = ae.train_step(1000);
    const w = new Uint32Array(ae.get_weights().buffer);
    const code = ae.encode(ae.reconstruct(new Float32Array(64).fill(0.5)));
    ae.free();
    return { loss, w: [...w], code: [...code] };
  });
  for (const run of runs.slice(1)) assert.deepEqual(run, runs[0]);
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
  // And names what it refused as a property, in every build.
  for (const [name, { Autoencoder }] of Object.entries(builds)) {
    const other = new Autoencoder(1);
    const argument = (call) => {
      try {
        call();
      } catch (e) {
        return e.argument;
      }
      return 'no error';
    };
    assert.deepEqual([
      argument(() => new Autoencoder(-5)),
      argument(() => other.train_step(0)),
      argument(() => other.reconstruct(new Float32Array(10))),
      argument(() => other.decode([1, 2, 3])),
      argument(() => other.set_data(new Float32Array(64).fill(3))),
      argument(() => { other.learning_rate = 'fast'; }),
      argument(() => other.set_weights(new Float32Array(5))),
    ], ['seed', 'steps', 'x', 'z', 'pixels', 'learning_rate', 'weights'], name);
    other.free();
  }
  assert.deepEqual(ae.get_weights(), before);
  assert.equal(ae.learning_rate, Math.fround(0.001));
  assert.equal(ae.batch_size, 32);
  assert.ok(Number.isFinite(ae.train_step(10)));
  ae.free();
});
