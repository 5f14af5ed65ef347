// The "Keras code" panel's Python: the layers, settings and compile call of each option set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kerasCode } from '../../www/core/keras-code.js';
import { coreOptions } from '../../www/core/architecture.js';
import { DEFAULTS } from '../../www/core/urlstate.js';

// The page's default settings as the core takes them: the classic model.
const classic = coreOptions(DEFAULTS);

test('the classic network is the Keras example', () => {
  assert.equal(
    kerasCode(classic),
    [
      'import keras',
      '',
      'model = keras.Sequential([',
      '    keras.Input(shape=(64,)),',
      '    keras.layers.Dense(16, activation="relu"),',
      '    keras.layers.Dense(4, activation="relu"),  # the code',
      '    keras.layers.Dense(16, activation="relu"),',
      '    keras.layers.Dense(64, activation="sigmoid"),',
      '])',
      'model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss="mse")',
      '',
    ].join('\n'),
  );
});

test('noise, the L1 penalty and SGD with momentum are written as Keras layers and settings', () => {
  const code = kerasCode({
    ...classic,
    encoder: [],
    decoder: [],
    latent: 16,
    l1: 0.001,
    noise: { type: 'gaussian', amount: 1 },
    optimizer: 'sgd',
    learning_rate: 0.1,
    momentum: 0.9,
    loss: 'binary_crossentropy',
  });
  assert.match(code, /GaussianNoise\(1\.0\),\n\s{4}keras\.layers\.ReLU\(max_value=1\.0\)/);
  assert.match(
    code,
    /Dense\(16, activation="relu", activity_regularizer=keras\.regularizers\.L1\(0\.001\)\), {2}# the code\n\s{4}keras\.layers\.Dense\(64, activation="sigmoid"\)/,
  );
  assert.match(code, /SGD\(learning_rate=0\.1, momentum=0\.9\), loss="binary_crossentropy"/);
  assert.match(
    kerasCode({ ...classic, noise: { type: 'mask', amount: 0.25 } }),
    /Dropout\(0\.25\)/,
  );
});
