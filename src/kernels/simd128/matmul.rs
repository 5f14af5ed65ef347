//! The simd128 matmul: bit-identical to `scalar::matmul` because every output element still
//! starts from its bias (or its first term) and adds `a(i,p) * b(p,j)` for p = 0, 1, .., k-1 in
//! that order, one lane per element. Only the order in which elements are visited differs:
//! columns in panels, the sum over p in slices of `KC` whose partial sums wait in `c` (an f32
//! stored and loaded back is the same f32), so that a panel of `b`, copied to a contiguous
//! buffer, stays in the L1 cache while every row of `a` passes over it. At 784 x 256 that is
//! what counts: `b` is 800 KB, and sweeping all of it once per pair of rows, as a row-by-row
//! order does, runs from L3. (Copying a value does not change it: the sums are the same.)

use core::arch::wasm32::*;

use super::super::{check_matmul, scalar, Strided};
use super::{load, store};

/// At most this many terms per slice: a 16-column panel of `b` over 256 rows is 16 KB, half
/// of L1. (Blocks of 3 or 4 rows x 4 vectors were slower than 2 x 4 on the packed panels;
/// before the packing, blocks of 4 rows x 2 vectors, or slices of 512, measured the same within the noise
/// of this shared machine; 3 x 3, 5 x 2 and 6 x 2 blocks were slower: too many live vectors.)
const KC: usize = 256;

/// How a slice's accumulators start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// From the first term alone (the reference's -0.0 + t == t for every t).
    First,
    /// From the bias plus the first term.
    Bias,
    /// From the partial sums an earlier slice left in `c`, plus the first term.
    Partial,
}

/// The `W` (1 to 4) leftmost lanes at `p`; the others are 0 and never stored. Reading only
/// `W` values keeps the last row's loads inside `b`.
#[inline(always)]
unsafe fn load_lanes<const W: usize>(p: *const f32) -> v128 {
    match W {
        4 => load(p),
        1 => v128_load32_zero(p as *const u32),
        2 => v128_load64_zero(p as *const u64),
        _ => f32x4_replace_lane::<2>(v128_load64_zero(p as *const u64), *p.add(2)),
    }
}

/// Stores the `W` leftmost lanes of `v` at `p`.
#[inline(always)]
unsafe fn store_lanes<const W: usize>(p: *mut f32, v: v128) {
    match W {
        4 => store(p, v),
        1 => *p = f32x4_extract_lane::<0>(v),
        2 => v128_store64_lane::<0>(v, p as *mut u64),
        _ => {
            v128_store64_lane::<0>(v, p as *mut u64);
            *p.add(2) = f32x4_extract_lane::<2>(v);
        }
    }
}

/// The shape of one call and the slice of the sum being taken.
struct Job<'a> {
    a: Strided<'a>,
    b: *const f32,
    bias: *const f32,
    c: *mut f32,
    m: usize,
    /// Terms `p0..p1` of the sum.
    p0: usize,
    p1: usize,
    start: Start,
}

/// Copies terms `p0..p1` of the columns `j..j + 4*(V-1) + W` of `b` to `packed`, `4*V` values
/// per term (lanes past `W` in the last vector are 0 and never stored), so that a block reads
/// the panel one pointer step at a time. Rows of `b` a power of two apart (256 or 1024 floats)
/// fall into a few sets of the L1 cache and evict each other: 32 x 784 x 256 ran 20% slower
/// than 32 x 784 x 260 in place; packed, both run at the same speed.
#[inline(always)]
unsafe fn pack<const V: usize, const W: usize>(job: &Job, packed: *mut f32, j: usize) {
    for p in 0..job.p1 - job.p0 {
        let src = job.b.add((job.p0 + p) * job.m + j);
        for q in 0..V {
            let v = if q + 1 == V { load_lanes::<W>(src.add(4 * q)) } else { load(src.add(4 * q)) };
            store(packed.add(4 * V * p + 4 * q), v);
        }
    }
}

/// Terms `p0..p1` for rows `i..i + R`, columns `j..j + 4*(V-1) + W`, the panel packed by
/// `pack`: one broadcast of `a(i,p)` and one load of `b(p, j..)` feed R*V independent
/// accumulators, hiding add latency.
// The const-size index loops are what LLVM unrolls into register-held accumulators.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
unsafe fn block<const R: usize, const V: usize, const W: usize>(job: &Job, packed: *const f32, i: usize, j: usize) {
    let a = &job.a;
    let lanes = |q: usize, p: *const f32| if q + 1 == V { load_lanes::<W>(p) } else { load(p) };
    let out = |r: usize| job.c.add((i + r) * job.m + j);
    // Pointers stepped by hand: LLVM otherwise multiplies p by a's stride on every term.
    let mut rows: [*const f32; R] = core::array::from_fn(|r| a.data.as_ptr().add((i + r) * a.row + job.p0 * a.col));
    // (A zero-filled array here made LLVM keep the accumulators in linear memory.)
    let mut acc: [[v128; V]; R] = core::array::from_fn(|r| {
        let x = f32x4_splat(*rows[r]);
        core::array::from_fn(|q| {
            let t = f32x4_mul(x, load(packed.add(4 * q)));
            match job.start {
                Start::First => t,
                Start::Bias => f32x4_add(lanes(q, job.bias.add(j + 4 * q)), t),
                Start::Partial => f32x4_add(lanes(q, out(r).add(4 * q)), t),
            }
        })
    });
    let mut bp = packed;
    for _ in job.p0 + 1..job.p1 {
        bp = bp.add(4 * V);
        let bv: [v128; V] = core::array::from_fn(|q| load(bp.add(4 * q)));
        for r in 0..R {
            rows[r] = rows[r].add(a.col);
            let x = f32x4_splat(*rows[r]);
            for q in 0..V {
                acc[r][q] = f32x4_add(acc[r][q], f32x4_mul(x, bv[q]));
            }
        }
    }
    for r in 0..R {
        for q in 0..V {
            if q + 1 == V {
                store_lanes::<W>(out(r).add(4 * q), acc[r][q]);
            } else {
                store(out(r).add(4 * q), acc[r][q]);
            }
        }
    }
}

/// Every row of the panel of columns `j..j + 4*(V-1) + W`, `R` rows at a time, after packing
/// it into `packed` (at least `4 * V * KC` values).
#[inline(always)]
unsafe fn panel<const R: usize, const V: usize, const W: usize>(job: &Job, packed: *mut f32, n: usize, j: usize) {
    pack::<V, W>(job, packed, j);
    let mut i = 0;
    while i + R <= n {
        block::<R, V, W>(job, packed, i, j);
        i += R;
    }
    while i < n {
        block::<1, V, W>(job, packed, i, j);
        i += 1;
    }
}

/// `c (n x m) = bias + a (n x k) * b (k x m)`: bit-identical to `scalar::matmul`.
pub fn matmul(c: &mut [f32], a: Strided, b: &[f32], bias: Option<&[f32]>, n: usize, k: usize, m: usize) {
    check_matmul(c, &a, b, bias, n, k, m);
    if k == 0 || n == 0 {
        return scalar::matmul(c, a, b, bias, n, k, m);
    }
    let full = m - m % 4;
    // One panel's slice of b, packed; never read before `pack` writes it.
    let mut packed = [core::mem::MaybeUninit::<f32>::uninit(); 16 * KC];
    let packed = packed.as_mut_ptr().cast::<f32>();
    // Equal slices: 784 terms as 4 x 196, not 3 x 256 and a short fourth.
    let slices = k.div_ceil(KC);
    let kc = k.div_ceil(slices);
    for p0 in (0..k).step_by(kc) {
        let start = match (p0, bias) {
            (0, None) => Start::First,
            (0, Some(_)) => Start::Bias,
            _ => Start::Partial,
        };
        let bias = bias.map_or(core::ptr::null(), <[f32]>::as_ptr);
        let job = Job { a, b: b.as_ptr(), bias, c: c.as_mut_ptr(), m, p0, p1: (p0 + kc).min(k), start };
        // SAFETY: check_matmul proved that a holds every (i, p) for i < n, p < k, and that b, c
        // and bias hold whole rows of m values; panels stay inside j + 4*(V-1) + W <= m, and
        // the partial loads and stores touch only those W lanes.
        unsafe {
            let mut j = 0;
            while j + 16 <= full {
                panel::<2, 4, 4>(&job, packed, n, j);
                j += 16;
            }
            // Narrow panels (the 4-unit latent, the edge of a 50-unit layer) have one vector
            // per row: take more rows at once.
            while j < full {
                panel::<4, 1, 4>(&job, packed, n, j);
                j += 4;
            }
            match m - full {
                1 => panel::<4, 1, 1>(&job, packed, n, j),
                2 => panel::<4, 1, 2>(&job, packed, n, j),
                3 => panel::<4, 1, 3>(&job, packed, n, j),
                _ => {}
            }
        }
    }
}
