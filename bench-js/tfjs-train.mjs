// The tinyae model in TensorFlow.js, trained two ways, `model.fit` and a hand-written
// `optimizer.minimize` loop, so a driver can time the faster of the two. `tf` is passed in: Node
// imports the package (bench-js/tfjs.mjs), a page loads its browser bundle (bench-js/wide.html).
// No Node or DOM APIs here.

export const MODES = ['fit', 'minimize'];

/** The classic model: 64-16-4-16-64, ReLU, sigmoid output. */
export const CLASSIC = {
  dims: [64, 16, 4, 16, 64],
  activations: ['relu', 'relu', 'relu', 'sigmoid'],
};

/** `run(...)` for this `tf`, its backends set up by the caller. */
export function trainer(tf) {
  /** The kernels and biases, from tinyae's flat Keras-order weights. */
  function splitWeights(weights, dims) {
    const out = [];
    for (let l = 0, at = 0; l < dims.length - 1; l++) {
      const [fanIn, fanOut] = [dims[l], dims[l + 1]];
      out.push(tf.tensor2d(weights.subarray(at, at + fanIn * fanOut), [fanIn, fanOut]));
      at += fanIn * fanOut;
      out.push(tf.tensor1d(weights.subarray(at, at + fanOut)));
      at += fanOut;
    }
    return out;
  }

  function buildModel({ dims, activations }) {
    const model = tf.sequential();
    for (let l = 0; l < dims.length - 1; l++) {
      model.add(
        tf.layers.dense({
          ...(l === 0 ? { inputShape: [dims[0]] } : {}),
          units: dims[l + 1],
          activation: activations[l],
          kernelInitializer: 'glorotUniform',
          biasInitializer: 'zeros',
        }),
      );
    }
    return model;
  }

  const adam = () => tf.train.adam(0.001, 0.9, 0.999, 1e-7);

  /** Training with `model.fit` (shuffled epochs, last batch partial, as Keras). */
  async function trainFit(model, x, { batchSize, epochs }) {
    model.compile({ optimizer: adam(), loss: 'meanSquaredError' });
    const start = performance.now();
    const history = await model.fit(x, x, {
      batchSize,
      epochs,
      shuffle: true,
      verbose: 0,
      yieldEvery: 'never',
    });
    const ms = performance.now() - start;
    return { ms, loss: history.history.loss.at(-1) };
  }

  /** Training with `optimizer.minimize` over the model's own variables, batches by tf.gather. */
  function trainMinimize(model, x, { batchSize, epochs }, n) {
    const optimizer = adam();
    const vars = model.trainableWeights.map((w) => w.read());
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let last = 0;
    const start = performance.now();
    for (let e = 0; e < epochs; e++) {
      tf.util.shuffle(order);
      for (let b = 0; b < n; b += batchSize) {
        const cost = tf.tidy(() => {
          const batch =
            n <= batchSize
              ? x
              : tf.gather(x, tf.tensor1d(order.subarray(b, b + batchSize), 'int32'));
          return optimizer.minimize(
            () => tf.losses.meanSquaredError(batch, model.apply(batch)),
            true,
            vars,
          );
        });
        last = cost.dataSync()[0];
        cost.dispose();
      }
    }
    const ms = performance.now() - start;
    optimizer.dispose();
    return { ms, loss: last };
  }

  /**
   * Trains `net` (`{ dims, activations }`, the classic one unless given) from `weights` on the
   * items `pixels` for `epochs` epochs of `batchSize` on `backend` ('cpu' | 'wasm') by `mode`
   * ('fit' | 'minimize'). Resolves to `{ ms, loss, finalLoss }`: the training time only, the
   * last batch's loss, and the MSE over all the data afterwards.
   */
  async function run({ backend, mode, weights, pixels, batchSize, epochs, net = CLASSIC }) {
    await tf.setBackend(backend);
    const n = pixels.length / net.dims[0];
    const x = tf.tensor2d(pixels, [n, net.dims[0]]);
    const model = buildModel(net);
    const initial = splitWeights(weights, net.dims);
    model.setWeights(initial);
    tf.dispose(initial);
    const result =
      mode === 'fit'
        ? await trainFit(model, x, { batchSize, epochs })
        : trainMinimize(model, x, { batchSize, epochs }, n);
    const finalLoss = tf.tidy(() => tf.losses.meanSquaredError(x, model.predict(x)).dataSync()[0]);
    model.dispose();
    x.dispose();
    return { ...result, finalLoss };
  }

  /** `args.mode` unset: model.fit or optimizer.minimize, whichever trains a fifth of the items faster. */
  async function chooseMode(args) {
    const width = (args.net ?? CLASSIC).dims[0];
    const pixels = args.pixels.subarray(0, Math.ceil(args.pixels.length / width / 5) * width);
    const ms = {};
    for (const mode of MODES) {
      await run({ ...args, mode, pixels }); // warm-up
      ms[mode] = (await run({ ...args, mode, pixels })).ms;
    }
    return MODES.reduce((a, b) => (ms[a] <= ms[b] ? a : b));
  }

  return { run, chooseMode };
}
