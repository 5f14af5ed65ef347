//! The wasm simd128 kernels: four output columns per vector, each lane doing exactly the
//! scalar reference's operations in the same order, so results are bit-identical to it.

use core::arch::wasm32::*;

use super::{check_adam, check_matmul, scalar, Act, AdamStep, Strided};
use crate::expf::{EXP_HI, EXP_LO, LN2_HI, LN2_LO, LOG2E, POLY};

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
    let two_k = i32x4_shl(i32x4_add(i32x4_trunc_sat_f32x4(k), i32x4_splat(127)), 23);
    f32x4_mul(e, two_k)
}

#[inline(always)]
fn activate(act: Act, x: v128) -> v128 {
    match act {
        Act::Linear => x,
        Act::Relu => f32x4_pmax(f32x4_splat(0.0), x),
        Act::Sigmoid => {
            let one = f32x4_splat(1.0);
            f32x4_div(one, f32x4_add(one, exp(f32x4_neg(x))))
        }
    }
}

/// `scalar::matmul`, four columns at a time, `LANES` vectors (4*LANES columns) per pass so
/// that one broadcast of `a(i,p)` feeds several independent accumulators.
#[inline(always)]
unsafe fn columns<const LANES: usize>(
    c: &mut [f32], a: &Strided, b: &[f32], bias: Option<&[f32]>, i: usize, j: usize, k: usize, m: usize, act: Act,
) {
    let mut acc = [f32x4_splat(0.0); LANES];
    if let Some(bias) = bias {
        for (q, acc) in acc.iter_mut().enumerate() {
            *acc = load(bias.as_ptr().add(j + 4 * q));
        }
    }
    let bp = b.as_ptr().add(j);
    for p in 0..k {
        let x = f32x4_splat(a.at(i, p));
        let row = bp.add(p * m);
        for (q, acc) in acc.iter_mut().enumerate() {
            *acc = f32x4_add(*acc, f32x4_mul(x, load(row.add(4 * q))));
        }
    }
    let out = c.as_mut_ptr().add(i * m + j);
    for (q, acc) in acc.iter().enumerate() {
        store(out.add(4 * q), activate(act, *acc));
    }
}

/// `c (n x m) = act(bias + a (n x k) * b (k x m))`: bit-identical to `scalar::matmul`.
pub fn matmul(c: &mut [f32], a: Strided, b: &[f32], bias: Option<&[f32]>, n: usize, k: usize, m: usize, act: Act) {
    check_matmul(c, &a, b, bias, n, k, m);
    let vector_cols = m - m % 4;
    for i in 0..n {
        let mut j = 0;
        // SAFETY: check_matmul proved every row of b, c and bias holds m values; j + 4*LANES <= m.
        unsafe {
            while j + 16 <= vector_cols {
                columns::<4>(c, &a, b, bias, i, j, k, m, act);
                j += 16;
            }
            while j < vector_cols {
                columns::<1>(c, &a, b, bias, i, j, k, m, act);
                j += 4;
            }
        }
        for j in vector_cols..m {
            let mut acc = bias.map_or(0.0, |bias| bias[j]);
            for p in 0..k {
                acc += a.at(i, p) * b[p * m + j];
            }
            c[i * m + j] = act.apply(acc);
        }
    }
}

/// `scalar::adam`, four parameters per vector.
pub fn adam(w: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32], s: AdamStep) {
    check_adam(w, g, m, v);
    let split = w.len() - w.len() % 4;
    let (alpha, b1, b2, eps) = (f32x4_splat(s.alpha), f32x4_splat(s.one_minus_beta1), f32x4_splat(s.one_minus_beta2), f32x4_splat(s.epsilon));
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
