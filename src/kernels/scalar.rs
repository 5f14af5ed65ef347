//! The scalar reference kernels: the definition of every result, and the fallback path.

use super::{check_adam, check_matmul, check_transpose, Act, AdamStep, Strided};

/// `c (n x m) = bias + a (n x k) * b (k x m)`, all row-major but `a`.
///
/// Each output starts from `bias[j]` (or -0.0, the additive identity that keeps the sign of
/// every term) and adds `a(i,p) * b(p,j)` for p = 0, 1, .., k-1 in that order; the fast paths
/// keep exactly this order.
pub fn matmul(c: &mut [f32], a: Strided, b: &[f32], bias: Option<&[f32]>, n: usize, k: usize, m: usize) {
    check_matmul(c, &a, b, bias, n, k, m);
    for (i, row) in c.chunks_exact_mut(m.max(1)).take(n).enumerate() {
        match bias {
            Some(bias) => row.copy_from_slice(bias),
            None => row.fill(-0.0),
        }
        for p in 0..k {
            let x = a.at(i, p);
            for (out, w) in row.iter_mut().zip(&b[p * m..(p + 1) * m]) {
                *out += x * w;
            }
        }
    }
}

/// Applies `act` to every value in place.
pub fn activate(values: &mut [f32], act: Act) {
    for v in values {
        *v = act.apply(*v);
    }
}

/// Writes `src (rows x cols)` transposed into `dst (cols x rows)`.
pub fn transpose(src: &[f32], rows: usize, cols: usize, dst: &mut [f32]) {
    check_transpose(src, rows, cols, dst);
    for r in 0..rows {
        for c in 0..cols {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}

/// One Adam update of every element, Keras's form:
/// `m += (g - m) * (1 - beta1); v += (g*g - v) * (1 - beta2); w -= m * alpha / (sqrt(v) + eps)`.
pub fn adam(w: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32], s: AdamStep) {
    check_adam(w, g, m, v);
    for i in 0..w.len() {
        m[i] += (g[i] - m[i]) * s.one_minus_beta1;
        v[i] += (g[i] * g[i] - v[i]) * s.one_minus_beta2;
        w[i] -= m[i] * s.alpha / (v[i].sqrt() + s.epsilon);
    }
}
