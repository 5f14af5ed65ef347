//! The autoencoder's forward and backward passes over flat buffers: Dense layers as matmul
//! kernel calls. `Net` is any stack from options (activations, MSE or binary cross-entropy, an L1
//! activity penalty); the free functions are the classic model (ReLU, sigmoid output, MSE).

use std::ops::Range;

use crate::dense::{dense_backward, dense_linear, derivative, relu_backward};
use crate::kernels::{fast, Act, Strided};
use crate::layout::{Layout, DENSE, DIMS, LAYERS};

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

/// The loss the output is trained on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// Mean squared error.
    Mse,
    /// Binary cross-entropy from the logits of a sigmoid output, as Keras 3 on TensorFlow.
    BinaryCrossentropy,
}

/// A network from options: layout, an activation per layer, loss and L1 activity penalty on
/// the latent code.
#[derive(Clone, Debug, PartialEq)]
pub struct Net {
    /// Widths and parameter offsets.
    pub layout: Layout,
    /// The activation of each layer.
    pub acts: Vec<Act>,
    /// The loss.
    pub loss: Loss,
    /// L1 activity penalty weight on the latent layer's output (0: none).
    pub l1: f32,
    /// `Some(beta)`: a variational model (src/variational.rs trains it), beta weighing the KL term.
    pub beta: Option<f32>,
}

/// The parts of a loss as Keras reports it: `total = reconstruction + penalty`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Terms {
    /// MSE, or BCE for a sigmoid output trained with binary cross-entropy (a variational
    /// model's: BCE summed over the 64 pixels, mean over the batch).
    pub reconstruction: f32,
    /// What is added to it: the L1 activity penalty `l1 * sum(|z|) / batch`, or a variational
    /// model's `beta * kl` (0 without either).
    pub penalty: f32,
    /// A variational model's KL divergence from the prior, unweighted (0 for any other model).
    pub kl: f32,
}

impl Terms {
    /// The loss Keras reports: reconstruction plus penalty.
    pub fn total(&self) -> f32 {
        self.reconstruction + self.penalty
    }
}

impl Net {
    // What the model runs: in the compact build the classic model's constants (lib.rs
    // CLASSIC_ONLY), so the code for every other activation, loss and penalty compiles away.
    #[inline(always)]
    fn act(&self, l: usize) -> Act {
        if crate::CLASSIC_ONLY {
            activation(l)
        } else {
            self.acts[l]
        }
    }

    #[inline(always)]
    pub(crate) fn loss(&self) -> Loss {
        if crate::CLASSIC_ONLY {
            Loss::Mse
        } else {
            self.loss
        }
    }

    #[inline(always)]
    fn l1(&self) -> f32 {
        if crate::CLASSIC_ONLY {
            0.0
        } else {
            self.l1
        }
    }

    /// The classic model: 64-16-4-16-64, ReLU, sigmoid output, MSE, no penalty.
    pub fn classic() -> Self {
        Net {
            layout: Layout::classic(),
            acts: (0..LAYERS).map(activation).collect(),
            loss: Loss::Mse,
            l1: 0.0,
            beta: None,
        }
    }

    /// `out (n x fan_out) = input (n x fan_in) * kernel + bias` for layer `l`, no activation.
    pub(crate) fn dense(&self, params: &[f32], l: usize, input: &[f32], n: usize, out: &mut [f32]) {
        dense_linear(self.layout.dense[l], params, input, n, out);
    }

    /// Runs layers `layers` on `n` rows of `input` and returns the last layer's output.
    pub fn run(&self, params: &[f32], layers: Range<usize>, input: &[f32], n: usize) -> Vec<f32> {
        let mut current = input.to_vec();
        for l in layers {
            let mut next = vec![0.0; n * self.layout.dims[l + 1]];
            self.dense(params, l, &current, n, &mut next);
            fast::activate(&mut next, self.act(l));
            current = next;
        }
        current
    }

    /// The forward pass into `ws` (outputs of every layer, the output logits for BCE). `off`
    /// is empty, or holds a flag for each unit of layers `..last` (see `activations`): a
    /// flagged unit's output is held at 0.
    fn forward(&self, params: &[f32], x: &[f32], n: usize, ws: &mut Workspace, off: &[bool]) {
        self.forward_layers(params, x, n, ws, 0..self.layout.layers(), off);
    }

    /// Runs `layers` into `ws.acts`, each reading the previous layer's output there (layer 0
    /// reads `x`), keeping the output layer's logits for BCE; `off` as in `forward`.
    pub(crate) fn forward_layers(
        &self,
        params: &[f32],
        x: &[f32],
        n: usize,
        ws: &mut Workspace,
        layers: Range<usize>,
        off: &[bool],
    ) {
        let last = self.layout.layers() - 1;
        let mut first_unit: usize = self.layout.dims[1..layers.start + 1].iter().sum();
        for l in layers {
            let (done, rest) = ws.acts.split_at_mut(l);
            let width = self.layout.dims[l + 1];
            let input = if l == 0 { x } else { &done[l - 1][..n * self.layout.dims[l]] };
            let out = &mut rest[0][..n * width];
            self.dense(params, l, input, n, out);
            if l == last && self.loss() == Loss::BinaryCrossentropy {
                ws.logits[..out.len()].copy_from_slice(out);
            }
            fast::activate(out, self.act(l));
            if l < last && !off.is_empty() {
                knock_out(out, &off[first_unit..first_unit + width]);
            }
            first_unit += width;
        }
    }

    /// Units that `off` flags: one per unit of every layer but the output, layer by layer.
    pub fn hidden_units(&self) -> usize {
        self.layout.dims[1..self.layout.layers()].iter().sum()
    }

    /// The outputs of every layer for `n` rows of `x`, layer after layer (`n x dims[l + 1]`
    /// each; the last is the reconstruction), with the units flagged in `off` (empty, or
    /// `hidden_units()` flags) held at 0: what the network draws without them.
    pub fn activations(&self, params: &[f32], x: &[f32], n: usize, off: &[bool]) -> Vec<f32> {
        let mut ws = Workspace::for_net(self, n);
        self.forward(params, x, n, &mut ws, off);
        (0..self.layout.layers()).flat_map(|l| ws.acts[l][..n * self.layout.dims[l + 1]].to_vec()).collect()
    }

    /// `evaluate` with the units flagged in `off` held at 0 (`off` as in `activations`).
    pub fn evaluate_without(&self, params: &[f32], x: &[f32], target: &[f32], n: usize, off: &[bool]) -> Terms {
        let mut ws = Workspace::for_net(self, n);
        self.forward(params, x, n, &mut ws, off);
        self.terms(&ws, target, n)
    }

    /// The loss terms of the forward pass in `ws` against the clean images `target`.
    fn terms(&self, ws: &Workspace, target: &[f32], n: usize) -> Terms {
        let (last, values) = (self.layout.layers() - 1, n * self.layout.input());
        let y = &ws.acts[last][..values];
        let reconstruction = match self.loss() {
            Loss::Mse => mse(y, target),
            Loss::BinaryCrossentropy => bce_from_logits(&ws.logits[..values], target),
        };
        let penalty = if self.l1() > 0.0 {
            let z = &ws.acts[self.layout.encoder - 1][..n * self.layout.latent()];
            let sum: f64 = z.iter().map(|v| v.abs() as f64).sum();
            (self.l1() as f64 * sum / n as f64) as f32
        } else {
            0.0
        };
        Terms { reconstruction, penalty, kl: 0.0 }
    }

    /// The loss terms of `n` inputs `x` reconstructed against `target` (no update).
    pub fn evaluate(&self, params: &[f32], x: &[f32], target: &[f32], n: usize) -> Terms {
        self.evaluate_without(params, x, target, n, &[])
    }

    /// The reconstruction error of `n` codes `z` decoded against `target` (n x input): the error
    /// `evaluate` gives for the images those codes came from, computed the same way, so equal to
    /// the bit, without running the encoder again. `loss`: the model's own, or MSE whatever it
    /// trains on (what PCA is compared by).
    pub fn decode_error(&self, params: &[f32], z: &[f32], target: &[f32], n: usize, loss: Loss) -> f32 {
        let last = self.layout.layers() - 1;
        let mut current = z.to_vec();
        for l in self.layout.encoder..=last {
            let mut next = vec![0.0; n * self.layout.dims[l + 1]];
            self.dense(params, l, &current, n, &mut next);
            if l == last && loss == Loss::BinaryCrossentropy {
                return bce_from_logits(&next, target);
            }
            fast::activate(&mut next, self.act(l));
            current = next;
        }
        mse(&current, target)
    }

    /// One forward and backward pass on `n` items `x (n x input)` reconstructed against
    /// `target` (the clean images; `x` itself without noise): fills `ws.grads` with the
    /// gradient of the batch loss and returns its terms.
    pub fn gradients(&self, params: &[f32], x: &[f32], target: &[f32], n: usize, ws: &mut Workspace) -> Terms {
        let values = n * self.layout.input();
        assert!(
            n >= 1 && n <= ws.rows && x.len() == values && target.len() == x.len(),
            "gradients: batch does not fit"
        );
        self.forward(params, x, n, ws, &[]);
        let terms = self.terms(ws, target, n);
        let last = self.layout.layers() - 1;
        let y = &ws.acts[last][..values];
        let out_delta = &mut ws.deltas[last][..values];
        match (self.loss(), self.act(last)) {
            (Loss::Mse, Act::Sigmoid) => {
                output_delta(y, target, out_delta);
            }
            (Loss::Mse, act) => {
                let scale = 2.0 / y.len() as f32;
                for ((d, &y), &x) in out_delta.iter_mut().zip(y).zip(target) {
                    *d = (y - x) * scale;
                }
                derivative(act, y, out_delta);
            }
            (Loss::BinaryCrossentropy, _) => {
                // From the logits: d/da = (sigmoid(a) - x) / N.
                let count = y.len() as f32;
                for ((d, &y), &x) in out_delta.iter_mut().zip(y).zip(target) {
                    *d = (y - x) / count;
                }
            }
        }
        self.backward(params, x, n, ws, 0..last + 1, None);
        terms
    }

    /// Back-propagates `ws.deltas[layers.end - 1]` (dLoss/d(pre-activation) of the top layer)
    /// down through `layers`, filling their gradients and, unless `layers` starts at 0,
    /// `ws.deltas[layers.start - 1]`. `added` (n x fan_in of the top layer) joins dLoss/d(input)
    /// of the top layer: a variational encoder's second head feeds the same hidden layer.
    pub(crate) fn backward(
        &self,
        params: &[f32],
        x: &[f32],
        n: usize,
        ws: &mut Workspace,
        layers: Range<usize>,
        added: Option<&[f32]>,
    ) {
        let l1_grad = self.l1() / n as f32;
        let top = layers.end - 1;
        for l in layers.rev() {
            let d = self.layout.dense[l];
            let (lower, upper) = ws.deltas.split_at_mut(l);
            let delta = &upper[0][..n * d.fan_out];
            let input = if l == 0 { x } else { &ws.acts[l - 1][..n * d.fan_in] };
            let back = (l > 0).then(|| &mut ws.back[..n * d.fan_in]);
            dense_backward(d, params, input, delta, n, &mut ws.grads, &mut ws.kernel_t, back);
            if l == 0 {
                break;
            }
            let back = &mut ws.back[..n * d.fan_in];
            if let (true, Some(added)) = (l == top, added) {
                for (b, &a) in back.iter_mut().zip(added) {
                    *b += a;
                }
            }
            if l == self.layout.encoder && self.l1() > 0.0 {
                // The activity penalty's gradient, l1 sign(z) / batch, joins dLoss/dz.
                for (b, &z) in back.iter_mut().zip(input) {
                    if z > 0.0 {
                        *b += l1_grad;
                    } else if z < 0.0 {
                        *b -= l1_grad;
                    }
                }
            }
            let lower = &mut lower[l - 1][..n * d.fan_in];
            if self.act(l - 1) == Act::Relu {
                relu_backward(back, input, lower);
            } else {
                lower.copy_from_slice(back);
                derivative(self.act(l - 1), input, lower);
            }
        }
    }
}

/// Binary cross-entropy from logits `a` against targets `x`, as Keras computes it:
/// mean(max(a, 0) - a x + ln(1 + e^-|a|)), with our portable exp and ln1p, summed in f64.
pub fn bce_from_logits(a: &[f32], x: &[f32]) -> f32 {
    (bce_sum_from_logits(a, x) / a.len() as f64) as f32
}

/// The sum, in f64, of the terms `bce_from_logits` averages.
pub fn bce_sum_from_logits(a: &[f32], x: &[f32]) -> f64 {
    a.iter()
        .zip(x)
        .map(|(&a, &x)| {
            let t = crate::expf::exp(-a.abs()) as f64;
            (a.max(0.0) as f64) - a as f64 * x as f64 + crate::expf::ln1p(t)
        })
        .sum()
}

/// Sets to 0 the columns of `out` (rows of `off.len()` units) that `off` flags.
fn knock_out(out: &mut [f32], off: &[bool]) {
    for row in out.chunks_exact_mut(off.len()) {
        for (v, &o) in row.iter_mut().zip(off) {
            if o {
                *v = 0.0;
            }
        }
    }
}

/// Buffers for one batch of up to `rows` images, reused so that a training step allocates
/// nothing.
#[derive(Clone, Debug)]
pub struct Workspace {
    rows: usize,
    /// Output of each layer, `rows x dims[l + 1]`.
    pub(crate) acts: Vec<Vec<f32>>,
    /// dLoss/d(pre-activation) of each layer, `rows x dims[l + 1]`.
    pub(crate) deltas: Vec<Vec<f32>>,
    /// dLoss/d(input) of a layer before the activation's derivative, and a transposed kernel.
    pub(crate) back: Vec<f32>,
    pub(crate) kernel_t: Vec<f32>,
    /// The output layer's logits (binary cross-entropy only).
    pub(crate) logits: Vec<f32>,
    /// dLoss/d(parameter), in the parameter layout.
    pub grads: Vec<f32>,
}

impl Workspace {
    /// Buffers for batches of up to `rows` images of the classic model.
    pub fn new(rows: usize) -> Self {
        Workspace::for_net(&Net::classic(), rows)
    }

    /// Buffers for batches of up to `rows` images of `net`.
    pub fn for_net(net: &Net, rows: usize) -> Self {
        let layout = &net.layout;
        let per_layer = |l: usize| vec![0.0; rows * layout.dims[l + 1]];
        let widest = layout.widest();
        let logits = if net.loss == Loss::BinaryCrossentropy { rows * layout.input() } else { 0 };
        Workspace {
            rows,
            acts: (0..layout.layers()).map(per_layer).collect(),
            deltas: (0..layout.layers()).map(per_layer).collect(),
            back: vec![0.0; rows * widest],
            kernel_t: vec![0.0; layout.dense.iter().map(|d| d.fan_in * d.fan_out).max().unwrap_or(0)],
            logits: vec![0.0; logits],
            grads: vec![0.0; layout.n_params],
        }
    }

    /// The most images a batch may hold.
    pub fn rows(&self) -> usize {
        self.rows
    }
}

/// One forward and backward pass of the classic model on `n` images `x (n x 64)`: fills
/// `ws.grads` with the gradient of the batch MSE and returns that MSE.
pub fn gradients(params: &[f32], x: &[f32], n: usize, ws: &mut Workspace) -> f32 {
    Net::classic().gradients(params, x, x, n, ws).reconstruction
}

/// Mean squared error of `y` against `x`, summed in f64 so the order barely matters.
pub fn mse(y: &[f32], x: &[f32]) -> f32 {
    let sum: f64 = y.iter().zip(x).map(|(y, x)| ((y - x) * (y - x)) as f64).sum();
    (sum / y.len() as f64) as f32
}

/// dLoss/d(pre-sigmoid) of the MSE of `y` against `x` into `delta`.
fn output_delta(y: &[f32], x: &[f32], delta: &mut [f32]) {
    // d(mean((y - x)^2))/dy = 2 (y - x) / len, then through the sigmoid: * y (1 - y).
    let scale = 2.0 / y.len() as f32;
    for ((d, &y), &x) in delta.iter_mut().zip(y).zip(x) {
        *d = (y - x) * scale * y * (1.0 - y);
    }
}

/// MSE of the reconstruction of `n` images `x` (no update).
pub fn loss(params: &[f32], x: &[f32], n: usize) -> f32 {
    mse(&run(params, 0..LAYERS, x, n), x)
}
