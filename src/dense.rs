//! One Dense layer's steps over flat buffers with explicit shapes: the affine map, its
//! gradients and the back-propagated delta, and the activations' derivatives. Shared by the
//! layer stack (src/network.rs) and the variational heads (src/variational.rs).

use crate::kernels::{fast, Act, Strided};

/// Where one Dense layer's kernel and bias sit in the flat parameter buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dense {
    /// Inputs of the layer (rows of the kernel).
    pub fan_in: usize,
    /// Outputs of the layer (columns of the kernel).
    pub fan_out: usize,
    /// Offset of the kernel, `[fan_in][fan_out]` row-major.
    pub kernel: usize,
    /// Offset of the bias, `fan_out` values.
    pub bias: usize,
}

impl Dense {
    /// Offset just past this layer's bias.
    pub const fn end(&self) -> usize {
        self.bias + self.fan_out
    }
}

/// `out (n x fan_out) = input (n x fan_in) * kernel + bias` for Dense layer `d`.
pub(crate) fn dense_linear(d: Dense, params: &[f32], input: &[f32], n: usize, out: &mut [f32]) {
    let kernel = &params[d.kernel..d.bias];
    let bias = &params[d.bias..d.end()];
    fast::matmul(out, Strided::rows(input, d.fan_in), kernel, Some(bias), n, d.fan_in, d.fan_out);
}

/// The gradients of Dense layer `d` from `delta` (n x fan_out, dLoss/d(pre-activation)) and
/// its `input` (n x fan_in) into `grads` (the parameter layout): dW = input^T delta, db = the
/// column sums of delta; and `back` (n x fan_in) = delta W^T if asked for. `kernel_t` holds at
/// least fan_in x fan_out values.
#[allow(clippy::too_many_arguments)] // the shapes and buffers of one layer, all explicit
pub(crate) fn dense_backward(
    d: Dense,
    params: &[f32],
    input: &[f32],
    delta: &[f32],
    n: usize,
    grads: &mut [f32],
    kernel_t: &mut [f32],
    back: Option<&mut [f32]>,
) {
    let (kernel_grad, bias_grad) = grads[d.kernel..d.end()].split_at_mut(d.fan_in * d.fan_out);
    fast::matmul(kernel_grad, Strided::transposed(input, d.fan_in), delta, None, d.fan_in, n, d.fan_out);
    fast::matmul(bias_grad, Strided::ones(), delta, None, 1, n, d.fan_out);
    if let Some(back) = back {
        delta_times_kernel_t(d, &params[d.kernel..d.bias], delta, n, kernel_t, back);
    }
}

/// `back (n x fan_in) = delta (n x fan_out) W^T` for Dense layer `d` with kernel `w`, through
/// `scratch` (at least fan_in x fan_out values). The simd128 matmul wants its right factor
/// row-major, so something is transposed: W itself, or, when a batch is small beside the
/// layer (32 rows against 784 x 256), delta going in and `back^T = W delta^T` coming out.
/// Either way each element sums delta(i,p) * W(j,p) over p in order from -0.0, and
/// W(j,p) * delta(i,p) is the same product: the two give the same bits.
fn delta_times_kernel_t(d: Dense, w: &[f32], delta: &[f32], n: usize, scratch: &mut [f32], back: &mut [f32]) {
    let (fan_in, fan_out) = (d.fan_in, d.fan_out);
    // Rows under 16 would leave the matmul's 16-column panels of back^T partly empty.
    if n >= 16 && n * (fan_in + fan_out) < fan_in * fan_out {
        let (delta_t, back_t) = scratch[..n * (fan_in + fan_out)].split_at_mut(n * fan_out);
        fast::transpose(delta, n, fan_out, delta_t);
        fast::matmul(back_t, Strided::rows(w, fan_out), delta_t, None, fan_in, fan_out, n);
        fast::transpose(back_t, fan_in, n, back);
    } else {
        let kernel_t = &mut scratch[..fan_in * fan_out];
        fast::transpose(w, fan_in, fan_out, kernel_t);
        fast::matmul(back, Strided::rows(delta, fan_out), kernel_t, None, n, fan_out, fan_in);
    }
}

/// Multiplies `delta` in place by the derivative of `act`, written in terms of its output `y`.
pub(crate) fn derivative(act: Act, y: &[f32], delta: &mut [f32]) {
    for (d, &y) in delta.iter_mut().zip(y) {
        *d = match act {
            Act::Linear => *d,
            Act::Relu => {
                if y > 0.0 {
                    *d
                } else {
                    0.0
                }
            }
            Act::Sigmoid => *d * y * (1.0 - y),
            Act::Tanh => *d * (1.0 - y * y),
            Act::Elu => {
                if y > 0.0 {
                    *d
                } else {
                    *d * (y + 1.0)
                }
            }
        };
    }
}

/// `delta = back` where the layer's ReLU output `act` is positive, else 0.
pub(crate) fn relu_backward(back: &[f32], act: &[f32], delta: &mut [f32]) {
    for ((d, &b), &a) in delta.iter_mut().zip(back).zip(act) {
        *d = if a > 0.0 { b } else { 0.0 };
    }
}
