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
  for (const [name, build] of Object.entries(builds))
    assert.equal(build.kernels(), name.endsWith('simd') ? 'simd128' : 'scalar', name);
});

test('the compact builds are the classic model alone: no PCA, no split, no options', () => {
  for (const name of ['compact-simd', 'compact-scalar']) {
    const { Autoencoder, Pca, split_indices: split } = builds[name];
    assert.equal(Pca, undefined, name);
    assert.equal(split, undefined, name);
    assert.throws(
      () => new Autoencoder(1, { latent: 2 }),
      (e) => e.argument === 'options' && /takes no options/.test(e.message),
    );
    const ae = new Autoencoder(1, null);
    assert.equal(ae.get_weights().length, 2276);
    // Only what the compact element's worker (www/engine/classic.js over the compact build) calls.
    for (const gone of [
      'evaluate',
      'options',
      'evaluate_terms',
      'loss_terms',
      'activations',
      'survey',
    ])
      assert.equal(ae[gone], undefined, gone);
    for (const gone of ['batch_size', 'step'])
      assert.equal(Object.getOwnPropertyDescriptor(Autoencoder.prototype, gone), undefined, gone);
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
    // Every message names the value as given, and its type.
    [
      () => ae.train_step('10'),
      /^steps must be a whole number from 1 to 100000, got the string "10"$/,
    ],
    [
      () => new builds.simd.Autoencoder(2 ** 53),
      /^seed must be a whole number from 0 to 9007199254740991, got the number 9007199254740992$/,
    ],
    [
      () => {
        ae.batch_size = 1e12;
      },
      /^batch_size must be a whole number from 1 to 65536, got the number 1000000000000$/,
    ],
    [
      () => ae.reconstruct(new Uint8Array(64)),
      /^x must be a Float32Array, a Float64Array or an Array of numbers, got a Uint8Array$/,
    ],
    [() => ae.reconstruct(null), /got null$/],
    [
      () => ae.train_epochs(0),
      /^epochs must be a whole number from 1 to 100000, got the number 0$/,
    ],
    [
      () => new builds.simd.Autoencoder(1, { batch_size: '8' }),
      /^option batch_size must be a whole number from 1 to 65536, got the string "8"$/,
    ],
    [() => ae.reconstruct(new Float32Array(10)), /x must hold n\*64 values/],
    [() => ae.reconstruct({ length: 64 }), /x must be a Float32Array.*, got an object$/],
    [() => ae.reconstruct(undefined), /x must be a Float32Array/],
    [() => ae.encode(new Array(64).fill(NaN)), /x\[0\] is NaN/],
    [() => ae.decode([1, 2, 3]), /z must hold n\*4/],
    [() => ae.set_data(new Float32Array(64).fill(3)), /pixels\[0\] is 3/],
    [
      () => {
        ae.learning_rate = -1;
      },
      /learning_rate/,
    ],
    [
      () => {
        ae.learning_rate = 'fast';
      },
      /learning_rate must be a number/,
    ],
    [
      () => {
        ae.batch_size = 0;
      },
      /batch_size/,
    ],
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
    assert.deepEqual(
      [
        argument(() => new Autoencoder(-5)),
        argument(() => other.train_step(0)),
        argument(() => other.reconstruct(new Float32Array(10))),
        argument(() => other.decode([1, 2, 3])),
        argument(() => other.set_data(new Float32Array(64).fill(3))),
        argument(() => {
          other.learning_rate = 'fast';
        }),
        argument(() => other.set_weights(new Float32Array(5))),
      ],
      ['seed', 'steps', 'x', 'z', 'pixels', 'learning_rate', 'weights'],
      name,
    );
    other.free();
  }
  assert.deepEqual(ae.get_weights(), before);
  // The learning rate as set, as options() reports it (not its f32, 0.0010000000474974513).
  assert.equal(ae.learning_rate, 0.001);
  assert.equal(ae.batch_size, 32);
  assert.ok(Number.isFinite(ae.train_step(10)));
  ae.free();
});

test('batch_size is an option, and options() gives it back', () => {
  const { Autoencoder } = builds.simd;
  const ae = new Autoencoder(3, { batch_size: 10, learning_rate: 0.003 });
  assert.equal(ae.batch_size, 10);
  assert.equal(ae.learning_rate, 0.003);
  assert.equal(ae.options().batch_size, 10);
  ae.batch_size = 7;
  const options = ae.options();
  assert.equal(options.batch_size, 7);
  // options() is the whole set-up: passed back, it builds the same model, batch size included.
  const again = new Autoencoder(3, options);
  assert.deepEqual(again.options(), options);
  assert.equal(new Autoencoder(3).options().batch_size, 32);
  ae.free();
  again.free();
});

test('train_epochs(n) runs Keras fit epochs: ceil(n / batch_size) steps each, the batch-weighted mean loss', () => {
  const { pixels } = loadDigits();
  const { Autoencoder } = builds.simd;
  const data = pixels.subarray(0, 100 * 64); // 100 images in batches of 32: 32, 32, 32, 4
  const byEpochs = new Autoencoder(5, { batch_size: 32 });
  byEpochs.set_data(data);
  const losses = byEpochs.train_epochs(3);
  assert.ok(losses instanceof Float32Array && losses.length === 3);
  assert.equal(byEpochs.epoch, 3);
  assert.equal(byEpochs.step, 12);
  // The same run, a step at a time, and Keras's Mean tracker in float32: total += loss * size.
  const bySteps = new Autoencoder(5, { batch_size: 32 });
  bySteps.set_data(data);
  const keras = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    let total = 0;
    let count = 0;
    for (const size of [32, 32, 32, 4]) {
      total = Math.fround(total + Math.fround(bySteps.train_step(1) * size));
      count += size;
    }
    keras.push(Math.fround(total / count));
  }
  assert.deepEqual([...losses], keras);
  assert.deepEqual(byEpochs.get_weights(), bySteps.get_weights());
  // From the middle of an epoch, the first "epoch" is the rest of it.
  bySteps.train_step(1);
  bySteps.train_epochs(1);
  assert.equal(bySteps.step, 16);
  assert.equal(bySteps.epoch, 4);
  byEpochs.free();
  bySteps.free();
});
