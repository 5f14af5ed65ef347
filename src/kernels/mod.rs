//! The compute kernels and their dispatch. `scalar` is the reference; `simd128` is the wasm
//! fast path, chosen at compile time. Both perform the same operations in the same order for
//! every output element (no fused multiply-add, no reassociation), so they agree to the bit.

pub mod scalar;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128;

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub use scalar as fast;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use simd128 as fast;

/// Which kernel path this build runs: "simd128" or "scalar".
pub const PATH: &str = if cfg!(all(target_arch = "wasm32", target_feature = "simd128")) { "simd128" } else { "scalar" };

/// A read-only matrix addressed by strides: element (i, p) is `data[i * row + p * col]`.
/// Strides let one kernel read a matrix or its transpose without copying it.
#[derive(Clone, Copy, Debug)]
pub struct Strided<'a> {
    /// The elements.
    pub data: &'a [f32],
    /// Distance between rows.
    pub row: usize,
    /// Distance between columns.
    pub col: usize,
}

impl<'a> Strided<'a> {
    /// A row-major matrix with `cols` columns.
    pub fn rows(data: &'a [f32], cols: usize) -> Self {
        Strided { data, row: cols, col: 1 }
    }

    /// The transpose of a row-major matrix with `cols` columns.
    pub fn transposed(data: &'a [f32], cols: usize) -> Self {
        Strided { data, row: 1, col: cols }
    }

    /// A matrix of ones: multiplying by it sums the rows of the other factor.
    pub fn ones() -> Self {
        Strided { data: &[1.0], row: 0, col: 0 }
    }

    /// Element (i, p).
    #[inline(always)]
    pub fn at(&self, i: usize, p: usize) -> f32 {
        self.data[i * self.row + p * self.col]
    }

    /// Panics unless every element of an `n x k` view lies inside `data` (a caller's bug).
    pub fn check(&self, n: usize, k: usize) {
        if n > 0 && k > 0 {
            assert!((n - 1) * self.row + (k - 1) * self.col < self.data.len(), "Strided out of bounds");
        }
    }
}

/// An activation, applied in place after a matmul. (Fused into the matmul's stores it saved
/// no measurable time, and its copies in every unrolled block made the wasm 12 KB larger.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    /// Store the sum as it is.
    Linear,
    /// max(0, x), with -0 and NaN going to +0.
    Relu,
    /// 1 / (1 + e^-x) with our portable `exp`.
    Sigmoid,
    /// Our portable `tanh` (no simd128 kernel: both builds run this scalar code, so they
    /// agree to the bit by construction).
    Tanh,
    /// ELU (alpha 1) over our portable `exp` (scalar in both builds, as `Tanh`).
    Elu,
}

impl Act {
    /// The activation of one value: the definition every path follows.
    #[inline(always)]
    pub fn apply(self, x: f32) -> f32 {
        match self {
            Act::Linear => x,
            Act::Relu => crate::expf::pmax(0.0, x),
            Act::Sigmoid => crate::expf::sigmoid(x),
            // Never in the compact build (lib.rs CLASSIC_ONLY): compiled out there.
            Act::Tanh if !crate::CLASSIC_ONLY => crate::expf::tanh(x),
            Act::Elu if !crate::CLASSIC_ONLY => crate::expf::elu(x),
            Act::Tanh | Act::Elu => x,
        }
    }
}

/// The constants of one Adam step, shared by every parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamStep {
    /// `lr * sqrt(1 - beta2^t) / (1 - beta1^t)`.
    pub alpha: f32,
    /// `1 - beta1`.
    pub one_minus_beta1: f32,
    /// `1 - beta2`.
    pub one_minus_beta2: f32,
    /// Added to `sqrt(v)`.
    pub epsilon: f32,
}

/// Panics unless the matmul operands have the sizes their shapes say (a caller's bug).
pub(crate) fn check_matmul(c: &[f32], a: &Strided, b: &[f32], bias: Option<&[f32]>, n: usize, k: usize, m: usize) {
    // assert!, not assert_eq!: printing the two lengths would link core's Debug for them.
    assert!(c.len() == n * m, "matmul: c is not n x m");
    assert!(b.len() == k * m, "matmul: b is not k x m");
    assert!(bias.is_none_or(|bias| bias.len() == m), "matmul: bias is not m long");
    a.check(n, k);
}

/// Panics unless the Adam buffers have the same length (a caller's bug).
pub(crate) fn check_adam(w: &[f32], g: &[f32], m: &[f32], v: &[f32]) {
    assert!(g.len() == w.len() && m.len() == w.len() && v.len() == w.len(), "adam: lengths differ");
}

/// Panics unless `src` and `dst` hold `rows x cols` values (a caller's bug).
pub(crate) fn check_transpose(src: &[f32], rows: usize, cols: usize, dst: &[f32]) {
    assert!(src.len() == rows * cols && dst.len() == rows * cols, "transpose: sizes differ");
}
