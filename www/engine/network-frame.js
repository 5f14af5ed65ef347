// The network view's numbers, for the full build's training worker (worker.js hands it to
// engine/classic.js): the compact build has none of these calls, and its worker bundle leaves
// this module out.

/**
 * What the network view draws, from the core: the weights (Keras order), every layer's outputs
 * on the input with the knock-outs, the same on the training data without them (dead units),
 * and, with knock-outs, the training loss without those units (`offLoss`, else null).
 * `{ ae, input, data, off }`: the worker's model, its view's image, the training data and the
 * knocked-out units (or null).
 */
export function networkFrame({ ae, input, data, off }) {
  return {
    weights: ae.get_weights(),
    acts: ae.activations(input, off ?? undefined),
    dataActs: ae.activations(data),
    offLoss: off?.some((v) => v) ? ae.evaluate_terms_without(data, off).total : null,
    // Where the code starts in `acts`: after the encoder's hidden units.
    latentAt: ae.options().encoder.reduce((a, b) => a + b, 0),
  };
}
