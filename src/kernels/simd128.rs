//! The wasm simd128 kernels: four output columns per vector, each lane doing exactly the
//! scalar reference's operations in the same order, so results are bit-identical to it.

use core::arch::wasm32::*;

use super::{check_adam, check_matmul, check_transpose, scalar, Act, AdamStep, Strided};
use crate::expf::{EXPONENT_MAGIC, EXP_HI, EXP_LO, LN2_HI, LN2_LO, LOG2E, POLY};

#[inline(always)]
unsafe fn load(p: *const f32) -> v128 {
    v128_load(p as *const v128)
}

#[inline(always)]
unsafe fn store(p: *mut f32, v: v128) {
    v128_store(p as *mut v128, v)
}

/// `expf::exp`, lane by lane.
#[inline(always)]
fn exp(x: v128) -> v128 {
    let x = f32x4_pmin(f32x4_pmax(f32x4_splat(EXP_LO), x), f32x4_splat(EXP_HI));
    let k = f32x4_floor(f32x4_add(f32x4_mul(x, f32x4_splat(LOG2E)), f32x4_splat(0.5)));
    let r = f32x4_sub(f32x4_sub(x, f32x4_mul(k, f32x4_splat(LN2_HI))), f32x4_mul(k, f32x4_splat(LN2_LO)));
    let mut p = f32x4_splat(POLY[0]);
    for c in &POLY[1..] {
        p = f32x4_add(f32x4_mul(p, r), f32x4_splat(*c));
    }
    let e = f32x4_add(f32x4_add(f32x4_mul(p, f32x4_mul(r, r)), r), f32x4_splat(1.0));
    f32x4_mul(e, i32x4_shl(f32x4_add(k, f32x4_splat(EXPONENT_MAGIC)), 23))
}

#[inline(always)]
fn activate_vector(act: Act, x: v128) -> v128 {
    match act {
        Act::Linear => x,
        Act::Relu => f32x4_pmax(f32x4_splat(0.0), x),
        Act::Sigmoid => {
            let one = f32x4_splat(1.0);
            f32x4_div(one, f32x4_add(one, exp(f32x4_neg(x))))
        }
        Act::Tanh | Act::Elu => unreachable!("activate runs tanh and elu on the scalar path"),
    }
}

/// Columns `j..j + 4*V` of rows `i..i + R` of `scalar::matmul`, for k >= 1: one broadcast of
/// `a(i,p)` and one load of `b(p, j..)` feed R*V independent accumulators, hiding add latency.
// The block's position is its arguments, and the const-size index loops are what LLVM unrolls
// into register-held accumulators: kept as measured rather than reshaped for the lints.
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
#[inline(always)]
unsafe fn block<const R: usize, const V: usize, const BIAS: bool>(
    c: &mut [f32],
    a: &Strided,
    b: &[f32],
    bias: *const f32,
    i: usize,
    j: usize,
    k: usize,
    m: usize,
) {
    let (ap, bp) = (a.data.as_ptr(), b.as_ptr().add(j));
    let x = |r: usize, p: usize| f32x4_splat(*ap.add((i + r) * a.row + p * a.col));
    // The first term starts each accumulator: without a bias the reference starts from -0.0,
    // and -0.0 + t == t for every t, so this is the same sum. (A zero-filled array here made
    // LLVM keep the accumulators in linear memory instead of locals.)
    let mut acc: [[v128; V]; R] = core::array::from_fn(|r| {
        core::array::from_fn(|q| {
            let t = f32x4_mul(x(r, 0), load(bp.add(4 * q)));
            if BIAS {
                f32x4_add(load(bias.add(j + 4 * q)), t)
            } else {
                t
            }
        })
    });
    for p in 1..k {
        let row_b = bp.add(p * m);
        let bv: [v128; V] = core::array::from_fn(|q| load(row_b.add(4 * q)));
        for r in 0..R {
            let x = x(r, p);
            for q in 0..V {
                acc[r][q] = f32x4_add(acc[r][q], f32x4_mul(x, bv[q]));
            }
        }
    }
    for r in 0..R {
        let out = c.as_mut_ptr().add((i + r) * m + j);
        for q in 0..V {
            store(out.add(4 * q), acc[r][q]);
        }
    }
}

/// Rows `i..i + R` of `scalar::matmul`, in column blocks as wide as fit.
#[inline(always)]
unsafe fn rows<const R: usize>(
    c: &mut [f32],
    a: &Strided,
    b: &[f32],
    bias: Option<&[f32]>,
    i: usize,
    k: usize,
    m: usize,
) {
    let vector_cols = m - m % 4;
    let mut j = 0;
    while j + 16 <= vector_cols {
        match bias {
            Some(bias) => block::<R, 4, true>(c, a, b, bias.as_ptr(), i, j, k, m),
            None => block::<R, 4, false>(c, a, b, core::ptr::null(), i, j, k, m),
        }
        j += 16;
    }
    while j < vector_cols {
        match bias {
            Some(bias) => block::<R, 1, true>(c, a, b, bias.as_ptr(), i, j, k, m),
            None => block::<R, 1, false>(c, a, b, core::ptr::null(), i, j, k, m),
        }
        j += 4;
    }
}

/// `matmul` for k = 1, an outer product (weight gradients of a batch of one): with a single
/// term there is nothing to accumulate, so no blocking either.
unsafe fn outer(c: &mut [f32], a: &Strided, b: &[f32], bias: Option<&[f32]>, n: usize, m: usize) {
    let vector_cols = m - m % 4;
    for i in 0..n {
        let x = f32x4_splat(*a.data.as_ptr().add(i * a.row));
        let out = c.as_mut_ptr().add(i * m);
        for j in (0..vector_cols).step_by(4) {
            let t = f32x4_mul(x, load(b.as_ptr().add(j)));
            let sum = match bias {
                Some(bias) => f32x4_add(load(bias.as_ptr().add(j)), t),
                None => t, // -0.0 + t == t
            };
            store(out.add(j), sum);
        }
    }
}

/// `c (n x m) = bias + a (n x k) * b (k x m)`: bit-identical to `scalar::matmul`.
pub fn matmul(c: &mut [f32], a: Strided, b: &[f32], bias: Option<&[f32]>, n: usize, k: usize, m: usize) {
    check_matmul(c, &a, b, bias, n, k, m);
    if k == 0 {
        return scalar::matmul(c, a, b, bias, n, k, m);
    }
    let mut i = 0;
    // SAFETY: check_matmul proved that a holds every (i, p) for i < n, p < k, and that b, c
    // and bias hold whole rows of m values; the blocks stay inside i < n and j + 4*V <= m.
    unsafe {
        if k == 1 {
            outer(c, &a, b, bias, n, m);
            i = n;
        }
        // Narrow outputs (the 4-unit latent) have one vector per row: take more rows at once.
        if m < 16 {
            while i + 4 <= n {
                rows::<4>(c, &a, b, bias, i, k, m);
                i += 4;
            }
        }
        while i + 2 <= n {
            rows::<2>(c, &a, b, bias, i, k, m);
            i += 2;
        }
        while i < n {
            rows::<1>(c, &a, b, bias, i, k, m);
            i += 1;
        }
    }
    for i in 0..n {
        for j in m - m % 4..m {
            let mut acc = bias.map_or(-0.0, |bias| bias[j]);
            for p in 0..k {
                acc += a.at(i, p) * b[p * m + j];
            }
            c[i * m + j] = acc;
        }
    }
}

/// `scalar::activate`, four values per vector.
pub fn activate(values: &mut [f32], act: Act) {
    if act == Act::Linear {
        return;
    }
    // No vector kernel for tanh and elu: the scalar code in both builds, bit-identical by
    // construction (and off the classic model's hot path).
    if !crate::CLASSIC_ONLY && matches!(act, Act::Tanh | Act::Elu) {
        return scalar::activate(values, act);
    }
    let split = values.len() - values.len() % 4;
    for i in (0..split).step_by(4) {
        // SAFETY: i + 4 <= values.len().
        unsafe {
            let p = values.as_mut_ptr().add(i);
            store(p, activate_vector(act, load(p)));
        }
    }
    scalar::activate(&mut values[split..], act);
}

/// `scalar::transpose` in 4x4 tiles moved through registers; the edges that do not fill a
/// tile are left to the scalar loop.
pub fn transpose(src: &[f32], rows: usize, cols: usize, dst: &mut [f32]) {
    check_transpose(src, rows, cols, dst);
    let (tile_rows, tile_cols) = (rows - rows % 4, cols - cols % 4);
    for r in (0..tile_rows).step_by(4) {
        for c in (0..tile_cols).step_by(4) {
            // SAFETY: r + 3 < rows and c + 3 < cols, and both buffers hold rows * cols values.
            unsafe {
                let s = src.as_ptr().add(r * cols + c);
                let [a, b, e, f] = [0, 1, 2, 3].map(|q| load(s.add(q * cols)));
                let ab_lo = i32x4_shuffle::<0, 4, 1, 5>(a, b);
                let ab_hi = i32x4_shuffle::<2, 6, 3, 7>(a, b);
                let ef_lo = i32x4_shuffle::<0, 4, 1, 5>(e, f);
                let ef_hi = i32x4_shuffle::<2, 6, 3, 7>(e, f);
                let d = dst.as_mut_ptr().add(c * rows + r);
                store(d, i64x2_shuffle::<0, 2>(ab_lo, ef_lo));
                store(d.add(rows), i64x2_shuffle::<1, 3>(ab_lo, ef_lo));
                store(d.add(2 * rows), i64x2_shuffle::<0, 2>(ab_hi, ef_hi));
                store(d.add(3 * rows), i64x2_shuffle::<1, 3>(ab_hi, ef_hi));
            }
        }
    }
    for r in 0..rows {
        let edge = if r < tile_rows { tile_cols } else { 0 };
        for c in edge..cols {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}

/// `scalar::adam`, four parameters per vector.
pub fn adam(w: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32], s: AdamStep) {
    check_adam(w, g, m, v);
    let split = w.len() - w.len() % 4;
    let (alpha, b1, b2, eps) =
        (f32x4_splat(s.alpha), f32x4_splat(s.one_minus_beta1), f32x4_splat(s.one_minus_beta2), f32x4_splat(s.epsilon));
    for i in (0..split).step_by(4) {
        // SAFETY: all four slices hold w.len() >= i + 4 values.
        unsafe {
            let gi = load(g.as_ptr().add(i));
            let mut mi = load(m.as_ptr().add(i));
            let mut vi = load(v.as_ptr().add(i));
            mi = f32x4_add(mi, f32x4_mul(f32x4_sub(gi, mi), b1));
            vi = f32x4_add(vi, f32x4_mul(f32x4_sub(f32x4_mul(gi, gi), vi), b2));
            let step = f32x4_div(f32x4_mul(mi, alpha), f32x4_add(f32x4_sqrt(vi), eps));
            store(m.as_mut_ptr().add(i), mi);
            store(v.as_mut_ptr().add(i), vi);
            store(w.as_mut_ptr().add(i), f32x4_sub(load(w.as_ptr().add(i)), step));
        }
    }
    scalar::adam(&mut w[split..], &g[split..], &mut m[split..], &mut v[split..], s);
}
