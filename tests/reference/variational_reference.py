"""Reference fixture for tinyae's variational mode (issue 12), generated with real Keras.

Each case builds the Keras example's VAE (keras.io/examples/generative/vae) made Dense: an
encoder Model 64 -> hidden... -> (z_mean, z_log_var) and a decoder Model latent -> hidden... ->
64 logits, under keras.utils.set_random_seed. Its train step is the example's, with the noise
`eps` supplied (drawn here with NumPy, written to the fixture) instead of drawn inside:

    z = z_mean + exp(0.5 z_log_var) * eps
    reconstruction = mean over the batch of sum over the 64 pixels of binary cross-entropy
                     (from the logits, as KERAS.md says Keras 3 on TensorFlow computes it)
    kl = mean over the batch of sum over units of -0.5 (1 + z_log_var - z_mean^2 - e^z_log_var)
    loss = reconstruction + beta kl;  Adam on encoder + decoder weights

It records the initial weights (encoder.get_weights() + decoder.get_weights(): tinyae's
order), every step's eps and terms (before that step's update), the first step's gradients and
the final weights, in tests/fixtures/keras_variational.json. It also replays every case with a
float32 NumPy port of the math and asserts that it agrees with Keras.

    python3 -m venv venv-tf && venv-tf/bin/pip install tensorflow-cpu==2.21.0
    venv-tf/bin/python tests/reference/variational_reference.py
"""
import gzip
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import tensorflow as tf
import keras

ROOT = Path(__file__).resolve().parents[2]
F32 = np.float32
OUT = ROOT / "tests" / "fixtures" / "keras_variational.json"

CASES = [  # (name, encoder, latent, decoder, activation, beta, images, seed, steps)
    ("relu_16_latent2", [16], 2, [16], "relu", 1.0, 32, 1, 60),
    ("tanh_24_12_latent3_beta0.5", [24, 12], 3, [12], "tanh", 0.5, 16, 2, 60),
    ("heads_on_pixels_beta0", [], 2, [8], "elu", 0.0, 8, 3, 30),
]
LR = 0.001


def digits(n):
    with gzip.open(ROOT / "data" / "digits.csv.gz", "rt") as f:
        imgs = [[int(v) for v in line.split(",")[:64]] for line, _ in zip(f, range(n))]
    return (np.array(imgs, dtype=F32) / F32(16)).astype(F32)


# ---------------------------------------------------------------- Keras

def keras_models(encoder, latent, decoder, act, seed):
    keras.utils.set_random_seed(seed)
    x = keras.Input(shape=(64,))
    h = x
    for w in encoder:
        h = keras.layers.Dense(w, activation=act)(h)
    z_mean = keras.layers.Dense(latent, name="z_mean")(h)
    z_log_var = keras.layers.Dense(latent, name="z_log_var")(h)
    enc = keras.Model(x, [z_mean, z_log_var])
    z = keras.Input(shape=(latent,))
    h = z
    for w in decoder:
        h = keras.layers.Dense(w, activation=act)(h)
    logits = keras.layers.Dense(64)(h)  # the sigmoid is applied through the loss's from_logits
    dec = keras.Model(z, logits)
    return enc, dec


def keras_run(case, x, eps_steps):
    name, encoder, latent, decoder, act, beta, _, seed, _ = case
    enc, dec = keras_models(encoder, latent, decoder, act, seed)
    init = [w.astype(F32).copy() for w in enc.get_weights() + dec.get_weights()]
    weights = enc.trainable_weights + dec.trainable_weights
    opt = keras.optimizers.Adam(learning_rate=LR)
    terms, first_grads = [], None
    for eps in eps_steps:
        with tf.GradientTape() as tape:
            z_mean, z_log_var = enc(x)
            z = z_mean + tf.exp(0.5 * z_log_var) * eps
            logits = dec(z)
            bce = keras.losses.binary_crossentropy(x[..., None], logits[..., None], from_logits=True)
            reconstruction = tf.reduce_mean(tf.reduce_sum(bce, axis=1))
            kl = -0.5 * (1 + z_log_var - tf.square(z_mean) - tf.exp(z_log_var))
            kl = tf.reduce_mean(tf.reduce_sum(kl, axis=1))
            loss = reconstruction + beta * kl
        grads = tape.gradient(loss, weights)
        if first_grads is None:
            first_grads = [g.numpy().astype(F32) for g in grads]
        opt.apply_gradients(zip(grads, weights))
        terms.append((float(reconstruction), float(kl), float(loss)))
    final = [w.astype(F32).copy() for w in enc.get_weights() + dec.get_weights()]
    return init, terms, first_grads, final


# ---------------------------------------------------------------- NumPy port (float32)

def act_fwd(name, a):
    if name == "relu":
        return np.maximum(a, F32(0))
    if name == "tanh":
        return np.tanh(a)
    if name == "elu":
        return np.where(a > 0, a, np.expm1(np.minimum(a, F32(0)))).astype(F32)
    raise ValueError(name)


def act_grad(name, a, y):
    if name == "relu":
        return (a > 0).astype(F32)
    if name == "tanh":
        return F32(1) - y * y
    return np.where(a > 0, F32(1), y + F32(1)).astype(F32)


def np_step(case, p, x, eps):
    """(reconstruction, kl, loss) and the gradients, p in Keras order."""
    _, encoder, _, decoder, act, beta, _, _, _ = case
    ne, nd = len(encoder), len(decoder)
    B = F32(x.shape[0])
    hs, as_ = [x], []
    for i in range(ne):
        a = (hs[-1] @ p[2 * i] + p[2 * i + 1]).astype(F32)
        as_.append(a)
        hs.append(act_fwd(act, a))
    h = hs[-1]
    m = (h @ p[2 * ne] + p[2 * ne + 1]).astype(F32)
    lv = (h @ p[2 * ne + 2] + p[2 * ne + 3]).astype(F32)
    sd = np.exp(F32(0.5) * lv)
    z = m + sd * eps
    ds, das = [z], []
    base = 2 * ne + 4
    for j in range(nd):
        a = (ds[-1] @ p[base + 2 * j] + p[base + 2 * j + 1]).astype(F32)
        das.append(a)
        ds.append(act_fwd(act, a))
    logits = (ds[-1] @ p[-2] + p[-1]).astype(F32)
    bce = np.maximum(logits, F32(0)) - logits * x + np.log1p(np.exp(-np.abs(logits)))
    rec = F32(np.sum(bce, dtype=F32) / B)
    kl = F32(np.sum(F32(-0.5) * (F32(1) + lv - m * m - np.exp(lv)), dtype=F32) / B)
    loss = F32(rec + F32(beta) * kl)
    g = [None] * len(p)
    delta = ((F32(1) / (F32(1) + np.exp(-logits)) - x) / B).astype(F32)
    g[-2], g[-1] = (ds[-1].T @ delta).astype(F32), delta.sum(0)
    back = (delta @ p[-2].T).astype(F32)
    for j in range(nd - 1, -1, -1):
        delta = back * act_grad(act, das[j], ds[j + 1])
        g[base + 2 * j], g[base + 2 * j + 1] = (ds[j].T @ delta).astype(F32), delta.sum(0)
        back = (delta @ p[base + 2 * j].T).astype(F32)
    w = F32(beta) / B
    dm = back + w * m
    dlv = back * eps * F32(0.5) * sd + w * F32(0.5) * (np.exp(lv) - F32(1))
    g[2 * ne], g[2 * ne + 1] = (h.T @ dm).astype(F32), dm.sum(0)
    g[2 * ne + 2], g[2 * ne + 3] = (h.T @ dlv).astype(F32), dlv.sum(0)
    back = (dm @ p[2 * ne].T + dlv @ p[2 * ne + 2].T).astype(F32)
    for i in range(ne - 1, -1, -1):
        delta = back * act_grad(act, as_[i], hs[i + 1])
        g[2 * i], g[2 * i + 1] = (hs[i].T @ delta).astype(F32), delta.sum(0)
        back = (delta @ p[2 * i].T).astype(F32)
    return (float(rec), float(kl), float(loss)), g


def np_run(case, init, x, eps_steps):
    params = [q.copy() for q in init]
    m1 = [np.zeros_like(q) for q in params]
    m2 = [np.zeros_like(q) for q in params]
    terms, first = [], None
    for t, eps in enumerate(eps_steps, start=1):
        tr, grads = np_step(case, params, x, eps)
        first = grads if first is None else first
        terms.append(tr)
        alpha = F32(LR) * np.sqrt(F32(1) - F32(0.999) ** F32(t)) / (F32(1) - F32(0.9) ** F32(t))
        for q, g, m, v in zip(params, grads, m1, m2):
            m += (g - m) * F32(1 - 0.9)
            v += (g * g - v) * F32(1 - 0.999)
            q -= (m * alpha) / (np.sqrt(v) + F32(1e-7))
    return terms, first, params


# ---------------------------------------------------------------- fixture

def fnum(v):
    return repr(float(np.float32(v)))


def farr(vals):
    return "[" + ", ".join(fnum(v) for v in np.asarray(vals, dtype=F32).ravel()) + "]"


def flat(arrays):
    return np.concatenate([np.asarray(a, dtype=F32).ravel() for a in arrays])


def main():
    out = []
    for case in CASES:
        name, encoder, latent, decoder, act, beta, images, seed, steps = case
        x = digits(images)
        noise = np.random.default_rng(100 + seed)
        eps_steps = [noise.standard_normal((images, latent)).astype(F32) for _ in range(steps)]
        init, terms, grads, final = keras_run(case, x, eps_steps)
        np_terms, np_grads, np_final = np_run(case, init, x, eps_steps)
        rel = max(abs(a - b) / max(abs(b), 1e-30) for s, t in zip(np_terms, terms) for a, b in zip(s, t))
        gscale = float(np.max(np.abs(flat(grads))))
        gdiff = float(np.max(np.abs(flat(np_grads) - flat(grads)))) / gscale
        wdiff = float(np.max(np.abs(flat(np_final) - flat(final))))
        print(f"{name:28s}: loss {terms[0][2]:.5g} -> {terms[-1][2]:.5g} (kl {terms[-1][1]:.4g}); numpy vs "
              f"keras: terms {rel:.2g} relative, first gradients {gdiff:.2g} of the largest, weights {wdiff:.2g}")
        assert rel < 1e-4 and gdiff < 1e-5 and wdiff < 1e-5, f"{name}: the NumPy port disagrees with Keras"
        options = {"encoder": encoder, "latent": latent, "decoder": decoder, "activation": act, "beta": beta}
        out.append("  {" + f'"name": {json.dumps(name)}, "options": {json.dumps(options)}, '
                   + f'"learning_rate": {LR}, "steps": {steps},\n'
                   + f'   "x": {farr(x)},\n'
                   + f'   "eps": {farr(np.stack(eps_steps))},\n'
                   + f'   "initial_weights": {farr(flat(init))},\n'
                   + f'   "reconstruction": {farr([t[0] for t in terms])},\n'
                   + f'   "kl": {farr([t[1] for t in terms])},\n'
                   + f'   "loss": {farr([t[2] for t in terms])},\n'
                   + f'   "first_gradients": {farr(flat(grads))},\n'
                   + f'   "final_weights": {farr(flat(final))}' + "}")
    text = ("{" + f'"keras": {json.dumps(keras.__version__)}, "tensorflow": {json.dumps(tf.__version__)},\n'
            + ' "cases": [\n' + ",\n".join(out) + "\n]}\n")
    json.loads(text)
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
