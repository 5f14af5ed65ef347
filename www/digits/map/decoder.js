// The page's own copy of the run's model, for decode at the pointer. Asking the engine would
// put each pointer move behind the training stretches it has queued (tens of ms); a copy here
// decodes in microseconds, on the same wasm build and the same weights, so the picture is the
// engine's decode to the bit. While the reader points at the map the engine's frames carry the
// weights (digits-model.js, view { decoding }); the wasm is instantiated here the first time,
// from the module the page compiled for its engine.
import { compileBuild, loadFullGlue } from '../../core/bridge.js';
import { planeCode } from '../../engine/latent-plane.js';

/**
 * A decoder for `build`'s wasm; `onWeights()` hears when new weights are in (what is shown may
 * be decoded again). Returns `{ update(run, frame), decode(point), dispose() }`.
 */
export function createDecoder(build, { onWeights = () => {} } = {}) {
  let glue = null;
  let loading = null;
  let model = null;
  let modelRun = null; // the run `model` was made for
  let latest = null; // { run, weights } not yet set into a model
  let plane = null; // { basis, latent }: where map points are in code space

  const apply = () => {
    if (!glue || !latest) return;
    const { run, weights } = latest;
    latest = null;
    if (modelRun !== run) {
      model?.free();
      model = new glue.Autoencoder(run.seed, run.options);
      modelRun = run;
    }
    model.set_weights(weights);
    onWeights();
  };

  return {
    /** A frame of run `run` ({ seed, options, latent }): its plane and, while decoding, weights. */
    update(run, frame) {
      plane = { basis: frame.plane.basis, latent: run.latent };
      if (!frame.weights) return;
      latest = { run, weights: frame.weights };
      if (glue) return apply();
      loading ??= compileBuild(build)
        .then((module) => loadFullGlue(build, module))
        .then((wasm) => {
          glue = wasm;
          apply();
        });
    },
    /** The code at map point [x, y] and its decoded pixels, or null before any weights came. */
    decode(point) {
      if (!model || !plane || model.latent !== plane.latent) return null;
      const code = planeCode(plane.basis, point, plane.latent);
      return { code, pixels: model.decode(code) };
    },
    /** Forgets the model (a new data set: its weights are not the next run's). */
    dispose() {
      model?.free();
      model = modelRun = latest = plane = null;
    },
  };
}
