// The Python that builds and compiles a network in Keras 3: what the page's "Keras code" panel
// shows for the current options (the core's names, README "Options"). The same layers, names
// and settings `to_keras()` writes into config.json (src/keras/config.rs), so the two agree.
// Pure: no DOM, no wasm.

const py = (v) => (Number.isInteger(v) ? `${v}.0` : String(v));

/** Python source for `options` (core form: encoder, latent, decoder, activation, ..., noise). */
export function kerasCode(o) {
  const width = o.input ?? 64;
  const decoder = o.decoder ?? [...o.encoder].reverse();
  const lines = [
    'import keras',
    '',
    'model = keras.Sequential([',
    `    keras.Input(shape=(${width},)),`,
  ];
  if (o.noise?.type === 'gaussian') {
    lines.push(
      `    keras.layers.GaussianNoise(${py(o.noise.amount)}),`,
      '    keras.layers.ReLU(max_value=1.0),  # tinyae clips the noisy input to [0, 1]',
    );
  } else if (o.noise?.type === 'mask') {
    lines.push(
      `    keras.layers.Dropout(${py(o.noise.amount)}),  # masking noise (Keras also rescales what it keeps)`,
    );
  }
  const dense = (units, act, extra = '', note = '') =>
    lines.push(`    keras.layers.Dense(${units}, activation="${act}"${extra}),${note}`);
  for (const w of o.encoder) dense(w, o.activation);
  const l1 = o.l1 > 0 ? `, activity_regularizer=keras.regularizers.L1(${py(o.l1)})` : '';
  dense(o.latent, o.latent_activation, l1, '  # the code');
  for (const w of decoder) dense(w, o.activation);
  dense(width, o.output);
  lines.push('])');
  const lr = o.learning_rate ?? (o.optimizer === 'sgd' ? 0.01 : 0.001);
  const optimizer = {
    adam: `keras.optimizers.Adam(learning_rate=${py(lr)})`,
    rmsprop: `keras.optimizers.RMSprop(learning_rate=${py(lr)})`,
    sgd: `keras.optimizers.SGD(learning_rate=${py(lr)}${o.momentum ? `, momentum=${py(o.momentum)}` : ''})`,
  }[o.optimizer ?? 'adam'];
  lines.push(`model.compile(optimizer=${optimizer}, loss="${o.loss ?? 'mse'}")`, '');
  return lines.join('\n');
}
