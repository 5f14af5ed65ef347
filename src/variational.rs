//! The variational autoencoder (issue 12): keras.io/examples/generative/vae made Dense, as
//! KERAS.md's "Variational autoencoder" writes it. The encoder ends in two linear heads of
//! `latent` units, `z_mean` (the layout's latent layer) and `z_log_var` (`Layout::log_var`);
//! the decoder reads the sample `z = z_mean + exp(0.5 z_log_var) * eps`, `eps ~ N(0, 1)` per
//! image and unit. The loss is the example's: reconstruction = mean over the batch of the
//! binary cross-entropy (from the logits) summed over the item's values (64 pixels), plus beta times
//! kl = mean over the batch of sum over the units of -0.5 (1 + z_log_var - z_mean^2 - e^z_log_var).
//!
//! `eps` is an input here (`Buffers::eps`): the trainer fills it from the seeded generator, the
//! tests with the reference script's values.

use crate::dense::{dense_backward, dense_linear};
use crate::expf::exp;
use crate::network::{bce_sum_from_logits, Net, Terms, Workspace};
use crate::rng::Rng;

/// Fills `eps` with standard normal draws from `rng`, in pairs (an odd last one drops its twin).
pub fn draw_normals(eps: &mut [f32], rng: &mut Rng) {
    for pair in eps.chunks_mut(2) {
        let (a, b) = rng.normal_pair();
        pair[0] = a as f32;
        if let Some(second) = pair.get_mut(1) {
            *second = b as f32;
        }
    }
}

/// The `z_log_var` head. Only a variational net reaches this module (`Trainer` checks
/// `Net::beta`), and its layout always has the head.
fn head(net: &Net) -> crate::layout::Dense {
    net.layout.log_var.expect("a variational net has a z_log_var head")
}

/// A variational batch's buffers beside the network's `Workspace`, each `rows x latent` but
/// `back`; reused so that a training step allocates nothing.
#[derive(Clone, Debug)]
pub struct Buffers {
    rows: usize,
    /// The noise of the sample, filled by the caller before a pass.
    pub eps: Vec<f32>,
    /// The `z_mean` head's output.
    pub mean: Vec<f32>,
    /// The `z_log_var` head's output.
    pub log_var: Vec<f32>,
    d_log_var: Vec<f32>,
    /// dLoss/d(heads' input) through `z_log_var` (rows x the heads' fan-in).
    back: Vec<f32>,
}

impl Buffers {
    /// Buffers for batches of up to `rows` images of the variational `net`.
    pub fn for_net(net: &Net, rows: usize) -> Self {
        let latent = rows * net.layout.latent();
        let fan_in = net.layout.log_var.map_or(0, |d| d.fan_in);
        let zeros = || vec![0.0; latent];
        Buffers {
            rows,
            eps: zeros(),
            mean: zeros(),
            log_var: zeros(),
            d_log_var: zeros(),
            back: vec![0.0; rows * fan_in],
        }
    }

    /// The most images a batch may hold.
    pub fn rows(&self) -> usize {
        self.rows
    }
}

/// The forward pass of `n` images `x` with the noise in `buf.eps`: the heads into `buf`, the
/// sample `z` into the latent layer's output in `ws`, the decoder after it.
fn forward(net: &Net, params: &[f32], x: &[f32], n: usize, ws: &mut Workspace, buf: &mut Buffers) {
    let (layout, heads) = (&net.layout, net.layout.encoder - 1);
    let log_var_head = head(net);
    let k = n * layout.latent();
    net.forward_layers(params, x, n, ws, 0..heads, &[]);
    let h = if heads == 0 { x } else { &ws.acts[heads - 1][..n * layout.dims[heads]] };
    net.dense(params, heads, h, n, &mut buf.mean[..k]);
    dense_linear(log_var_head, params, h, n, &mut buf.log_var[..k]);
    let z = &mut ws.acts[heads][..k];
    for (((z, &m), &lv), &e) in z.iter_mut().zip(&buf.mean).zip(&buf.log_var).zip(&buf.eps) {
        *z = m + exp(0.5 * lv) * e;
    }
    net.forward_layers(params, x, n, ws, layout.encoder..layout.layers(), &[]);
}

/// The loss terms of the pass in `ws` and `buf` against the clean images `target`.
fn terms(net: &Net, ws: &Workspace, buf: &Buffers, target: &[f32], n: usize) -> Terms {
    let beta = net.beta.unwrap_or(1.0);
    let k = n * net.layout.latent();
    let reconstruction = (bce_sum_from_logits(&ws.logits[..n * net.layout.input()], target) / n as f64) as f32;
    let kl_sum: f64 =
        buf.mean[..k].iter().zip(&buf.log_var[..k]).map(|(&m, &lv)| (-0.5 * (1.0 + lv - m * m - exp(lv))) as f64).sum();
    let kl = (kl_sum / n as f64) as f32;
    Terms { reconstruction, penalty: beta * kl, kl }
}

/// The loss terms of `n` images `x` against `target` with the noise `eps` (n x latent); no update.
pub fn evaluate(net: &Net, params: &[f32], x: &[f32], target: &[f32], eps: &[f32], n: usize) -> Terms {
    let mut ws = Workspace::for_net(net, n);
    let mut buf = Buffers::for_net(net, n);
    buf.eps.copy_from_slice(eps);
    forward(net, params, x, n, &mut ws, &mut buf);
    terms(net, &ws, &buf, target, n)
}

/// One forward and backward pass on `n` items `x (n x input)` against `target` (the clean
/// images) with the noise in `buf.eps`: fills `ws.grads` with the gradient of the batch loss
/// (reconstruction + beta kl) and returns its terms.
pub fn gradients(
    net: &Net,
    params: &[f32],
    x: &[f32],
    target: &[f32],
    n: usize,
    ws: &mut Workspace,
    buf: &mut Buffers,
) -> Terms {
    let values = n * net.layout.input();
    assert!(
        n >= 1 && n <= ws.rows() && n <= buf.rows && x.len() == values && target.len() == x.len(),
        "variational gradients: batch does not fit"
    );
    forward(net, params, x, n, ws, buf);
    let out = terms(net, ws, buf, target, n);
    let (layout, heads) = (&net.layout, net.layout.encoder - 1);
    let last = layout.layers() - 1;
    // From the logits: d/da of the per-image sum, mean over the batch = (sigmoid(a) - x) / n.
    let count = n as f32;
    let y = &ws.acts[last][..values];
    for ((d, &y), &x) in ws.deltas[last][..values].iter_mut().zip(y).zip(target) {
        *d = (y - x) / count;
    }
    // The decoder, down to dLoss/dz in the deltas of the z_mean layer (linear: dz as it is).
    net.backward(params, x, n, ws, layout.encoder..last + 1, None);
    let k = n * layout.latent();
    let beta = net.beta.unwrap_or(1.0);
    sampling_backward(
        &buf.mean[..k],
        &buf.log_var[..k],
        &buf.eps[..k],
        beta / count,
        &mut ws.deltas[heads][..k],
        &mut buf.d_log_var[..k],
    );
    let log_var_head = head(net);
    let h = if heads == 0 { x } else { &ws.acts[heads - 1][..n * layout.dims[heads]] };
    let back = (heads > 0).then(|| &mut buf.back[..n * log_var_head.fan_in]);
    dense_backward(log_var_head, params, h, &buf.d_log_var[..k], n, &mut ws.grads, &mut ws.kernel_t, back);
    let added = (heads > 0).then(|| &buf.back[..n * log_var_head.fan_in]);
    net.backward(params, x, n, ws, 0..heads + 1, added);
    out
}

/// Through the sample and the KL term: `delta` holds dLoss/dz on entry and dLoss/dz_mean on
/// return (dz + w m, w = beta / batch); `d_log_var` gets dz eps 0.5 e^(0.5 lv) + w 0.5 (e^lv - 1).
fn sampling_backward(mean: &[f32], log_var: &[f32], eps: &[f32], w: f32, delta: &mut [f32], d_log_var: &mut [f32]) {
    for ((((d, dlv), &m), &lv), &e) in delta.iter_mut().zip(d_log_var.iter_mut()).zip(mean).zip(log_var).zip(eps) {
        let dz = *d;
        *d = dz + w * m;
        *dlv = dz * e * 0.5 * exp(0.5 * lv) + w * (0.5 * (exp(lv) - 1.0));
    }
}

/// The log-variances (n x latent) of `n` images `x`: the `z_log_var` head's output.
pub fn encode_log_var(net: &Net, params: &[f32], x: &[f32], n: usize) -> Vec<f32> {
    let heads = net.layout.encoder - 1;
    let log_var_head = head(net);
    let h = net.run(params, 0..heads, x, n);
    let mut out = vec![0.0; n * log_var_head.fan_out];
    dense_linear(log_var_head, params, &h, n, &mut out);
    out
}
