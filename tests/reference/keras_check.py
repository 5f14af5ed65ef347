"""Loads the `.keras` files tinyae exports in real Keras and checks them (run by hand; its
output is quoted in the README's Tests section):

    cargo run --release --features keras --example keras_export -- /tmp/tinyae-keras
    /work/venv-tf/bin/python tests/reference/keras_check.py /tmp/tinyae-keras

For each file: `keras.saving.load_model(path)` with no custom objects; `model.predict(x)`
against tinyae's `reconstruct(x)` (to 1e-6); then, for the models without noise, one more
full-batch step (`fit(x, x, batch_size=n, epochs=1, shuffle=False)`) against the weights
tinyae's next full-batch step gives (to 1e-5). h5py also lists every dataset (path, shape).
"""
import io
import json
import os
import sys
import zipfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import h5py
import numpy as np
import keras

F32 = np.float32


def main(folder):
    folder = Path(folder)
    cases = json.loads((folder / "cases.json").read_text())
    worst = {"predict": 0.0, "step": 0.0}
    ok = True
    for name, c in cases.items():
        path = folder / f"{name}.keras"
        with zipfile.ZipFile(path) as z:
            h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
            datasets = []
            h5.visititems(lambda k, v: datasets.append(k) if isinstance(v, h5py.Dataset) else None)
        model = keras.saving.load_model(path)
        n = c["n"]
        x = np.array(c["x"], dtype=F32).reshape(n, -1)
        pred = model.predict(x, verbose=0)
        dp = float(np.max(np.abs(pred - np.array(c["predict"], dtype=F32).reshape(pred.shape))))
        worst["predict"] = max(worst["predict"], dp)
        line = f"{name}: {len(datasets)} datasets, {len(model.layers)} layers, " \
               f"optimizer {type(model.optimizer).__name__} at iteration {int(model.optimizer.iterations.numpy())}, " \
               f"predict max diff {dp:.2e}"
        ok &= dp <= 1e-6
        if not c["noise"]:
            model.fit(x, x, batch_size=n, epochs=1, shuffle=False, verbose=0)
            w = np.concatenate([v.ravel() for v in model.get_weights()])
            ds = float(np.max(np.abs(w - np.array(c["next_weights"], dtype=F32))))
            worst["step"] = max(worst["step"], ds)
            line += f", next step max diff {ds:.2e}"
            ok &= ds <= 1e-5
        print(line)
    print(f"worst: predict {worst['predict']:.2e} (bound 1e-6), next step {worst['step']:.2e} (bound 1e-5):",
          "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1])
