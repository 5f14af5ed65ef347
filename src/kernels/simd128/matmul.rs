//! The simd128 matmul: bit-identical to `scalar::matmul` because every output element still
//! starts from its bias (or -0.0, or its first term) and adds `a(i,p) * b(p,j)` for p = 0, 1, .., k-1 in
//! that order, one lane per element. Only the order in which elements are visited differs:
//! columns in panels, the sum over p in slices of `KC` whose partial sums wait in `c` (an f32
//! stored and loaded back is the same f32), so that a panel of `b`, copied to a contiguous
//! buffer, stays in the L1 cache while every row of `a` passes over it. At 784 x 256 that is
//! what counts: `b` is 800 KB, and sweeping all of it once per pair of rows, as a row-by-row
//! order does, runs from L3. (Copying a value does not change it: the sums are the same.)

use core::arch::wasm32::*;

use super::super::{check_matmul, Strided};
use super::{load, store};

/// At most this many terms per slice: a 16-column panel of `b` over 256 rows is 16 KB, half
/// of L1. (Blocks of 3 or 4 rows x 4 vectors were slower than 2 x 4 on packed panels; before
/// the packing, 4 x 2 blocks or slices of 512 measured the same within the noise of this shared
/// machine, and 3 x 3, 5 x 2 and 6 x 2 blocks were slower: too many live vectors.)
const KC: usize = 256;

/// The `w` (1 to 4) leftmost lanes at `p`; the others are 0 and never stored. Reading only
/// `w` values keeps the last row's loads inside `b`.
#[inline(always)]
unsafe fn load_lanes(w: usize, p: *const f32) -> v128 {
    match w {
        4 => load(p),
        1 => v128_load32_zero(p as *const u32),
        2 => v128_load64_zero(p as *const u64),
        _ => f32x4_replace_lane::<2>(v128_load64_zero(p as *const u64), *p.add(2)),
    }
}

/// Stores the `w` leftmost lanes of `v` at `p`.
#[inline(always)]
unsafe fn store_lanes(w: usize, p: *mut f32, v: v128) {
    match w {
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
    c: *mut f32,
    m: usize,
    /// Terms `p0..p1` of the sum.
    p0: usize,
    p1: usize,
    /// Whether the accumulators start from the first term alone (the reference's -0.0 + t ==
    /// t for every t), or from what `c` holds (the bias, or an earlier slice's partial sums)
    /// plus the first term.
    first: bool,
}

/// Copies terms `p0..p1` of the columns `j..j + 4*(V-1) + w` of `b` to `packed`, `4*V` values
/// per term (lanes past `w` in the last vector are 0 and never stored), so that a block reads
/// the panel one pointer step at a time. Rows of `b` a power of two apart (256 or 1024 floats)
/// fall into a few sets of the L1 cache and evict each other: 32 x 784 x 256 ran 20% slower
/// than 32 x 784 x 260 in place; packed, both run at the same speed.
#[inline(always)]
unsafe fn pack<const V: usize>(job: &Job, packed: *mut f32, j: usize, w: usize) {
    for p in 0..job.p1 - job.p0 {
        let src = job.b.add((job.p0 + p) * job.m + j);
        for q in 0..V {
            let v = if q + 1 == V { load_lanes(w, src.add(4 * q)) } else { load(src.add(4 * q)) };
            store(packed.add(4 * V * p + 4 * q), v);
        }
    }
}

/// Terms `p0..p1` for rows `i..i + R`, columns `j..j + 4*(V-1) + w`, reading term p0's
/// `b(p, j..)` at `panel` and each next term's `step` values further (packed by `pack`, or
/// `b` itself in place when every lane is in it): one broadcast of `a(i,p)` and one load of `b(p, j..)` feed R*V independent
/// accumulators, hiding add latency.
// The const-size index loops are what LLVM unrolls into register-held accumulators.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
unsafe fn block<const R: usize, const V: usize>(job: &Job, panel: (*const f32, usize), i: usize, j: usize, w: usize) {
    let (packed, step) = panel;
    let a = &job.a;
    let lanes = |q: usize, p: *const f32| if q + 1 == V { load_lanes(w, p) } else { load(p) };
    let out = |r: usize| job.c.add((i + r) * job.m + j);
    // Pointers stepped by hand: LLVM otherwise multiplies p by a's stride on every term.
    let mut rows: [*const f32; R] = core::array::from_fn(|r| a.data.as_ptr().add((i + r) * a.row + job.p0 * a.col));
    // (A zero-filled array here made LLVM keep the accumulators in linear memory.)
    let mut acc: [[v128; V]; R] = core::array::from_fn(|r| {
        let x = f32x4_splat(*rows[r]);
        core::array::from_fn(|q| {
            let t = f32x4_mul(x, load(packed.add(4 * q)));
            if job.first {
                t
            } else {
                f32x4_add(lanes(q, out(r).add(4 * q)), t)
            }
        })
    });
    let mut bp = packed;
    for _ in job.p0 + 1..job.p1 {
        bp = bp.add(step);
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
                store_lanes(w, out(r).add(4 * q), acc[r][q]);
            } else {
                store(out(r).add(4 * q), acc[r][q]);
            }
        }
    }
}

/// Every row of the panel of columns `j..j + 4*(V-1) + w`, `R` rows at a time, after packing
/// it into `packed` (at least `4 * V * KC` values) unless fewer than `R` rows would read it
/// (batch 1: copying the panel would double what is read) and it has no partial vector.
#[inline(always)]
unsafe fn panel<const R: usize, const V: usize>(job: &Job, packed: *mut f32, n: usize, j: usize, w: usize) {
    let panel = if n < R && w == 4 {
        (job.b.add(job.p0 * job.m + j), job.m)
    } else {
        pack::<V>(job, packed, j, w);
        (packed.cast_const(), 4 * V)
    };
    let mut i = 0;
    while i + R <= n {
        block::<R, V>(job, panel, i, j, w);
        i += R;
    }
    while i < n {
        block::<1, V>(job, panel, i, j, w);
        i += 1;
    }
}

/// `c (n x m) = bias + a (n x k) * b (k x m)`: bit-identical to `scalar::matmul`.
pub fn matmul(c: &mut [f32], a: Strided, b: &[f32], bias: Option<&[f32]>, n: usize, k: usize, m: usize) {
    check_matmul(c, &a, b, bias, n, k, m);
    if n == 0 || m == 0 {
        return;
    }
    // Each row starts from the bias, or with no terms at all from -0.0, as the reference's do:
    // the blocks then have one start, from c.
    if let Some(bias) = bias {
        for row in c.chunks_exact_mut(m) {
            row.copy_from_slice(bias);
        }
    } else if k == 0 {
        c.fill(-0.0);
    }
    if k == 0 {
        return;
    }
    // One panel's slice of b, packed; never read before `pack` writes it.
    let mut packed = [core::mem::MaybeUninit::<f32>::uninit(); 16 * KC];
    let packed = packed.as_mut_ptr().cast::<f32>();
    // Equal slices: 784 terms as 4 x 196, not 3 x 256 and a short fourth.
    let slices = k.div_ceil(KC);
    let kc = k.div_ceil(slices);
    for p0 in (0..k).step_by(kc) {
        let first = p0 == 0 && bias.is_none();
        let job = Job { a, b: b.as_ptr(), c: c.as_mut_ptr(), m, p0, p1: (p0 + kc).min(k), first };
        // SAFETY: check_matmul proved that a holds every (i, p) for i < n, p < k, and that b
        // and c hold whole rows of m values; panels stay inside j + 4*(V-1) + w <= m, and the
        // partial loads and stores touch only those w lanes; `packed` holds 16 * KC values.
        unsafe {
            let mut j = 0;
            while j + 16 <= m {
                panel::<2, 4>(&job, packed, n, j, 4);
                j += 16;
            }
            // Narrow panels (the 4-unit latent, the edge of a 50-unit layer, its last 1 to 3
            // columns) have one vector per row: take more rows at once.
            while j < m {
                panel::<4, 1>(&job, packed, n, j, (m - j).min(4));
                j += 4;
            }
        }
    }
}
