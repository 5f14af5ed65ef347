//! The autoencoder's forward and backward passes over flat buffers: Dense layers as matmul
//! kernel calls, ReLU everywhere but the sigmoid output, MSE loss.

use std::ops::Range;

use crate::kernels::{fast, Act, Strided};
use crate::layout::{DENSE, DIMS, LAYERS, N_PARAMS, PIXELS};

/// The activation of layer `l`: ReLU, but sigmoid on the output layer.
pub fn activation(l: usize) -> Act {
    if l == LAYERS - 1 {
        Act::Sigmoid
    } else {
        Act::Relu
    }
}

/// `out (n x fan_out) = act(input (n x fan_in) * kernel + bias)` for layer `l`.
pub fn dense_forward(params: &[f32], l: usize, input: &[f32], n: usize, out: &mut [f32]) {
    let d = DENSE[l];
    let kernel = &params[d.kernel..d.bias];
    let bias = &params[d.bias..d.end()];
    fast::matmul(out, Strided::rows(input, d.fan_in), kernel, Some(bias), n, d.fan_in, d.fan_out);
    fast::activate(out, activation(l));
}

/// Runs layers `layers` on `n` rows of `input` and returns the last layer's output.
/// `0..2` encodes, `2..4` decodes, `0..4` reconstructs.
pub fn run(params: &[f32], layers: Range<usize>, input: &[f32], n: usize) -> Vec<f32> {
    let mut current = input.to_vec();
    for l in layers {
        let mut next = vec![0.0; n * DIMS[l + 1]];
        dense_forward(params, l, &current, n, &mut next);
        current = next;
    }
    current
}

/// Buffers for one batch of up to `rows` images, reused so that a training step allocates
/// nothing.
#[derive(Clone, Debug)]
pub struct Workspace {
    rows: usize,
    /// Output of each layer, `rows x DIMS[l + 1]`.
    acts: [Vec<f32>; LAYERS],
    /// dLoss/d(pre-activation) of each layer, `rows x DIMS[l + 1]`.
    deltas: [Vec<f32>; LAYERS],
    /// dLoss/d(input) of a layer before the ReLU mask, and a transposed kernel.
    back: Vec<f32>,
    kernel_t: Vec<f32>,
    /// dLoss/d(parameter), in the parameter layout.
    pub grads: Vec<f32>,
}

impl Workspace {
    /// Buffers for batches of up to `rows` images.
    pub fn new(rows: usize) -> Self {
        let per_layer = |l: usize| vec![0.0; rows * DIMS[l + 1]];
        let widest = DIMS.iter().max().copied().unwrap_or(0);
        Workspace {
            rows,
            acts: std::array::from_fn(per_layer),
            deltas: std::array::from_fn(per_layer),
            back: vec![0.0; rows * widest],
            kernel_t: vec![0.0; DENSE.iter().map(|d| d.fan_in * d.fan_out).max().unwrap_or(0)],
            grads: vec![0.0; N_PARAMS],
        }
    }

    /// The most images a batch may hold.
    pub fn rows(&self) -> usize {
        self.rows
    }
}

/// One forward and backward pass on `n` images `x (n x 64)`: fills `ws.grads` with the
/// gradient of the batch MSE and returns that MSE.
pub fn gradients(params: &[f32], x: &[f32], n: usize, ws: &mut Workspace) -> f32 {
    assert!(n >= 1 && n <= ws.rows && x.len() == n * PIXELS, "gradients: batch does not fit");
    for l in 0..LAYERS {
        let (done, rest) = ws.acts.split_at_mut(l);
        let input = if l == 0 { x } else { &done[l - 1][..n * DIMS[l]] };
        dense_forward(params, l, input, n, &mut rest[0][..n * DIMS[l + 1]]);
    }
    let loss = output_delta(&ws.acts[LAYERS - 1][..n * PIXELS], x, &mut ws.deltas[LAYERS - 1][..n * PIXELS]);
    for l in (0..LAYERS).rev() {
        let d = DENSE[l];
        let (lower, upper) = ws.deltas.split_at_mut(l);
        let delta = &upper[0][..n * d.fan_out];
        let input = if l == 0 { x } else { &ws.acts[l - 1][..n * d.fan_in] };
        let (kernel_grad, bias_grad) = ws.grads[d.kernel..d.end()].split_at_mut(d.fan_in * d.fan_out);
        // dW = input^T * delta; db = the column sums of delta.
        fast::matmul(kernel_grad, Strided::transposed(input, d.fan_in), delta, None, d.fan_in, n, d.fan_out);
        fast::matmul(bias_grad, Strided::ones(), delta, None, 1, n, d.fan_out);
        if l == 0 {
            break;
        }
        // d(input) = delta * W^T, through the previous layer's ReLU.
        let kernel_t = &mut ws.kernel_t[..d.fan_in * d.fan_out];
        fast::transpose(&params[d.kernel..d.bias], d.fan_in, d.fan_out, kernel_t);
        let back = &mut ws.back[..n * d.fan_in];
        fast::matmul(back, Strided::rows(delta, d.fan_out), kernel_t, None, n, d.fan_out, d.fan_in);
        relu_backward(back, input, &mut lower[l - 1][..n * d.fan_in]);
    }
    loss
}

/// Mean squared error of `y` against `x`, summed in f64 so the order barely matters.
pub fn mse(y: &[f32], x: &[f32]) -> f32 {
    let sum: f64 = y.iter().zip(x).map(|(y, x)| ((y - x) * (y - x)) as f64).sum();
    (sum / y.len() as f64) as f32
}

/// MSE of `y` against `x`, and dLoss/d(pre-sigmoid) into `delta`.
fn output_delta(y: &[f32], x: &[f32], delta: &mut [f32]) -> f32 {
    // d(mean((y - x)^2))/dy = 2 (y - x) / len, then through the sigmoid: * y (1 - y).
    let scale = 2.0 / y.len() as f32;
    for ((d, &y), &x) in delta.iter_mut().zip(y).zip(x) {
        *d = (y - x) * scale * y * (1.0 - y);
    }
    mse(y, x)
}

/// `delta = back` where the layer's ReLU output `act` is positive, else 0.
fn relu_backward(back: &[f32], act: &[f32], delta: &mut [f32]) {
    for ((d, &b), &a) in delta.iter_mut().zip(back).zip(act) {
        *d = if a > 0.0 { b } else { 0.0 };
    }
}

/// MSE of the reconstruction of `n` images `x` (no update).
pub fn loss(params: &[f32], x: &[f32], n: usize) -> f32 {
    mse(&run(params, 0..LAYERS, x, n), x)
}
