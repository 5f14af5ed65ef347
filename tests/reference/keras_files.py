"""`.keras` fixtures made by real Keras, for tinyae's reader (tests/keras_import.rs).

Each case builds a model with Keras 3, trains it a little (or not), saves it with
`model.save(path)` into tests/fixtures/keras/<name>.keras, then loads the file back in Keras,
records `model.predict(x)` and runs one more full-batch step
(`fit(x, x, batch_size=n, epochs=1, shuffle=False)`) and records the weights it gives.
tests/fixtures/keras/expected.json holds, per case: the options tinyae should read, the data,
the predictions, the optimizer's iterations and the weights after that step.

    /work/venv-tf/bin/python tests/reference/keras_files.py   (tensorflow-cpu 2.21.0, Keras 3.15)
"""
import gzip
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import keras

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "keras"
F32 = np.float32


def four():
    rows = ["00010000", "00110000", "01010000", "10010000",
            "11111000", "00010000", "00010000", "00010000"]
    return np.array([[float(c) for c in "".join(rows)]], dtype=F32)


def digits(n):
    with gzip.open(ROOT / "data" / "digits.csv.gz", "rt") as f:
        imgs = [[int(v) for v in line.split(",")[:64]] for line, _ in zip(f, range(n))]
    return (np.array(imgs, dtype=F32) / F32(16)).astype(F32)


def build_autoencoder():
    """The seed's own code: an 8x8x1 image through Dense 16-4-16-64 and back."""
    inputs = keras.Input(shape=(8, 8, 1))
    x = keras.layers.Flatten()(inputs)
    x = keras.layers.Dense(16, activation="relu")(x)
    encoded = keras.layers.Dense(4, activation="relu")(x)
    x = keras.layers.Dense(16, activation="relu")(encoded)
    x = keras.layers.Dense(64, activation="sigmoid")(x)
    outputs = keras.layers.Reshape((8, 8, 1))(x)
    return keras.Model(inputs, outputs)


def sequential(widths, acts, l1_at=None, l1=0.0):
    layers = [keras.Input(shape=(64,))]
    for i, (w, a) in enumerate(zip(widths, acts)):
        reg = keras.regularizers.l1(l1) if i == l1_at else None
        layers.append(keras.layers.Dense(w, activation=a, activity_regularizer=reg))
    return keras.Sequential(layers)


def case_seed(trained):
    keras.utils.set_random_seed(78)
    model = build_autoencoder()
    model.compile(optimizer="adam", loss="mse")
    x = four()
    if trained:
        model.fit(x.reshape(-1, 8, 8, 1), x.reshape(-1, 8, 8, 1), epochs=50, verbose=0)
    return model, x, {}


def case_sequential():
    keras.utils.set_random_seed(5)
    model = sequential([16, 4, 16, 64], ["relu", "relu", "relu", "sigmoid"])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mse")
    x = digits(16)
    model.fit(x, x, batch_size=8, epochs=5, shuffle=False, verbose=0)
    return model, x, {"optimizer": "rmsprop"}


def case_sparse():
    keras.utils.set_random_seed(7)
    model = sequential([16, 64], ["relu", "sigmoid"], l1_at=0, l1=0.001)
    model.compile(optimizer="adam", loss="mse")
    x = digits(16)
    model.fit(x, x, batch_size=16, epochs=20, shuffle=False, verbose=0)
    return model, x, {"encoder": [], "latent": 16, "decoder": [], "l1": 0.001}


def case_deep():
    keras.utils.set_random_seed(9)
    acts = ["tanh", "tanh", "linear", "tanh", "tanh", "sigmoid"]
    model = sequential([32, 16, 4, 16, 32, 64], acts)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss="binary_crossentropy")
    x = digits(16)
    model.fit(x, x, batch_size=16, epochs=10, shuffle=False, verbose=0)
    opts = {"encoder": [32, 16], "latent": 4, "decoder": [16, 32], "activation": "tanh",
            "latent_activation": "linear", "loss": "binary_crossentropy", "optimizer": "sgd",
            "learning_rate": 0.1, "momentum": 0.9}
    return model, x, opts


def conv():
    keras.utils.set_random_seed(1)
    inputs = keras.Input(shape=(8, 8, 1))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(inputs)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(64, activation="sigmoid")(x)
    model = keras.Model(inputs, keras.layers.Reshape((8, 8, 1))(x))
    model.compile(optimizer="adam", loss="mse")
    return model


def flat(arrays):
    return [float(v) for a in arrays for v in np.asarray(a, dtype=F32).ravel()]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    cases = {
        "seed_untrained": lambda: case_seed(False),
        "seed_trained": lambda: case_seed(True),
        "sequential": case_sequential,
        "sparse": case_sparse,
        "deep": case_deep,
    }
    expected = {"keras_version": keras.__version__}
    for name, make in cases.items():
        model, x, opts = make()
        path = OUT / f"{name}.keras"
        model.save(path)
        loaded = keras.saving.load_model(path)
        shape = (-1,) + tuple(loaded.input_shape[1:])
        xs = x.reshape(shape)
        pred = loaded.predict(xs, verbose=0)
        iterations = int(loaded.optimizer.iterations.numpy())
        loaded.fit(xs, xs, batch_size=x.shape[0], epochs=1, shuffle=False, verbose=0)
        expected[name] = {
            "options": opts,
            "data": "four" if x.shape[0] == 1 else f"digits{x.shape[0]}",
            "iterations": iterations,
            "predict": flat([pred]),
            "next_weights": flat(loaded.get_weights()),
        }
        print(f"{name}: {path.stat().st_size} bytes, iterations {iterations}")
    conv().save(OUT / "conv.keras")
    with open(OUT / "expected.json", "w") as f:
        json.dump(expected, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
