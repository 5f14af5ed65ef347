//! The wasm simd128 kernels: four output columns per vector, each lane doing exactly the
//! scalar reference's operations in the same order, so results are bit-identical to it.

mod matmul;

use core::arch::wasm32::*;

pub use matmul::matmul;

use super::{check_adam, check_transpose, scalar, Act, AdamStep};
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
