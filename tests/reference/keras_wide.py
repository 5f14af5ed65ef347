"""Keras fixtures for wide inputs (issue 26): model.fit on a 784-wide, a 5-wide and a 300-wide
autoencoder, with the pinned Keras 3.15 / TensorFlow 2.21.

Each case is full-batch training (batch = every row, shuffle=False, one step per epoch) from
initial weights made by a recipe both sides can run (`recipe_weights`: Glorot-uniform limits,
draws from splitmix64, every operation exact or correctly rounded, so Rust rebuilds the same
bits instead of the fixture storing 200,000 numbers). The file holds the data and Keras's final
weights as base64 of little-endian float32 (exact, 5.3 characters a number), and the per-epoch
losses model.fit reported. It also runs the same model in float64 from the same weights and
records how far Keras's float32 losses and weights drift from that exact run: the noise floor
any float32 implementation is measured against.

    /work/venv-tf/bin/python tests/reference/keras_wide.py [case ...]

writes tests/fixtures/keras_wide_<case>.json (tests/keras_wide.rs reads them).
"""
import base64
import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import tensorflow as tf
import keras

ROOT = Path(__file__).resolve().parents[2]
F32 = np.float32
MASK = (1 << 64) - 1


# ---------------------------------------------------------------- the weights' recipe

def splitmix64(state):
    """The next (state, output) of splitmix64 (Vigna), on 64-bit unsigned integers."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def recipe_weights(dims, seed):
    """Keras order (kernel [fan_in][fan_out] row-major, then bias, layer by layer): each kernel
    weight is float32((2 u - 1) * limit) in float64, u = (draw >> 40) / 2^24 (exact), limit =
    sqrt(6 / (fan_in + fan_out)) (correctly rounded); biases 0."""
    state = seed
    out = []
    for fan_in, fan_out in zip(dims, dims[1:]):
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        k = np.empty(fan_in * fan_out, dtype=F32)
        for i in range(k.size):
            state, r = splitmix64(state)
            k[i] = F32((2.0 * ((r >> 40) / 16777216.0) - 1.0) * limit)
        out += [k.reshape(fan_in, fan_out), np.zeros(fan_out, dtype=F32)]
    return out


# ---------------------------------------------------------------- the data

def digits28(n):
    """The first n 8x8 digits (tests/fixtures/digits.txt, values / 16) scaled to 28x28 by
    bilinear interpolation with the corners aligned (pixel i of 28 samples 8x8 position
    i * 7 / 27)."""
    words = (ROOT / "tests" / "fixtures" / "digits.txt").read_text().split("\n")
    pixels = next(l for l in words if l.startswith("pixels ")).split()[1:]
    imgs = np.array([int(v) for v in pixels[: n * 64]], dtype=np.float64).reshape(n, 8, 8) / 16.0
    pos = np.arange(28) * 7.0 / 27.0
    lo = np.minimum(np.floor(pos).astype(int), 6)
    f = pos - lo
    rows = imgs[:, lo, :] * (1 - f)[None, :, None] + imgs[:, lo + 1, :] * f[None, :, None]
    out = rows[:, :, lo] * (1 - f)[None, None, :] + rows[:, :, lo + 1] * f[None, None, :]
    return out.reshape(n, 784).astype(F32)


def table5(n):
    """n rows of 5 correlated measurements (two hidden factors, a nonlinear one, noise),
    standardised per column: mean 0, standard deviation 1, negative values."""
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(2, n))
    noise = rng.normal(scale=0.3, size=(n, 5))
    cols = np.stack([a, 0.8 * a + 0.6 * b, b, a * b, np.exp(0.5 * a)], axis=1) + noise
    cols = (cols - cols.mean(0)) / cols.std(0)
    return cols.astype(F32)


def embed300(n):
    """n unit-length 300-vectors, like sentence embeddings: 12 topics' directions mixed with
    noise, then normalised (values about +-0.06, both signs)."""
    rng = np.random.default_rng(300)
    topics = rng.normal(size=(12, 300))
    mix = rng.dirichlet(np.full(12, 0.3), size=n)
    v = mix @ topics + rng.normal(scale=0.4, size=(n, 300))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(F32)


CASES = {  # name: (tinyae options, data, initial-weight seed, epochs)
    "784": ({"input": 784, "encoder": [128], "latent": 2}, lambda: digits28(150), 784, 40),
    "table5": ({"input": 5, "encoder": [16], "latent": 2, "activation": "tanh",
                "latent_activation": "linear", "output": "linear", "learning_rate": 0.01},
               lambda: table5(400), 5, 200),
    "300": ({"input": 300, "encoder": [128], "latent": 16, "latent_activation": "linear",
             "output": "linear"}, lambda: embed300(256), 300, 100),
}


# ---------------------------------------------------------------- Keras

def dims_of(o):
    return [o["input"], *o["encoder"], o["latent"], *reversed(o["encoder"]), o["input"]]


def keras_fit(o, x, init, epochs, dtype):
    """model.fit from `init` in `dtype`: (losses, final weights as float64 arrays)."""
    keras.config.set_floatx(dtype)
    try:
        acts = ([o.get("activation", "relu")] * len(o["encoder"]) + [o.get("latent_activation", "relu")]
                + [o.get("activation", "relu")] * len(o["encoder"]) + [o.get("output", "sigmoid")])
        layers = [keras.Input(shape=(o["input"],), dtype=dtype)]
        layers += [keras.layers.Dense(u, activation=a, dtype=dtype) for u, a in zip(dims_of(o)[1:], acts)]
        model = keras.Sequential(layers)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=o.get("learning_rate", 0.001)), loss="mse")
        model.set_weights([w.astype(dtype) for w in init])
        h = model.fit(x.astype(dtype), x.astype(dtype), batch_size=x.shape[0], epochs=epochs,
                      shuffle=False, verbose=0)
        return [float(v) for v in h.history["loss"]], [np.asarray(w, dtype=np.float64) for w in model.get_weights()]
    finally:
        keras.config.set_floatx("float32")


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode()


def flat(ws):
    return np.concatenate([w.ravel() for w in ws])


def main():
    for name in sys.argv[1:] or CASES:
        opts, data, seed, epochs = CASES[name]
        x = data()
        init = recipe_weights(dims_of(opts), seed)
        losses, final = keras_fit(opts, x, init, epochs, "float32")
        losses64, final64 = keras_fit(opts, x, init, epochs, "float64")
        drift_loss = max(abs(a - b) / abs(b) for a, b in zip(losses, losses64))
        drift_weight = float(np.max(np.abs(flat(final) - flat(final64))))
        print(f"{name}: {x.shape[0]}x{x.shape[1]}, {flat(init).size} weights, loss {losses[0]:.6g} -> "
              f"{losses[-1]:.6g}; Keras float32 vs float64: loss {drift_loss:.3g} relative, weight {drift_weight:.3g}")
        doc = {"keras": keras.__version__, "tensorflow": tf.__version__, "name": name, "options": opts,
               "rows": int(x.shape[0]), "batch_size": int(x.shape[0]), "epochs": epochs,
               "weights_seed": seed, "losses": [float(F32(v)) for v in losses],
               "keras_f64_losses": losses64, "keras_f64_drift": {"loss": drift_loss, "weight": drift_weight},
               "x_f32_base64": b64(x), "final_weights_f32_base64": b64(flat(final))}
        path = ROOT / "tests" / "fixtures" / f"keras_wide_{name}.json"
        path.write_text(json.dumps(doc) + "\n")
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
