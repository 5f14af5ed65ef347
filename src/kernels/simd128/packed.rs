//! The simd128 matmul for wide right factors (`m` of 128 columns and more, at least two rows):
//! `a`'s rows copied once per slice with every value already in four lanes (`pack_a`), so that a
//! block's inner loop is only plain loads at fixed offsets and the multiply-adds.
//!
//! Why: on the bench machine's Zen 3, broadcasting `a(i,p)` from memory takes one of the two
//! pipes the multiplies need, and V8 runs a load whose address LLVM wrote as `p + 16` as two
//! instructions; with both, a term of a 2 x 4 block was 31 instructions for 16 multiply-adds,
//! and issuing instructions (6 a cycle) was the limit, not the adders. Here a term is 6 loads,
//! 16 multiply-adds and a compare. Copying `a` costs one pass over it per slice: it pays back
//! over several panels of `b`, not over one or two (a 50- or 32-column `b` keeps the in-place
//! kernel, `matmul.rs`). Every output element sums the same terms in the same order as the
//! scalar reference: the bits are the same.

use core::arch::wasm32::*;

use super::super::Strided;
use super::load;
use super::pack::{lanes, opaque_zero, pack_a, pack_b, store_lanes, Job, AC, R, V};

/// The smallest `n` this kernel takes: one block of rows.
pub(super) const MIN_ROWS: usize = R;
/// The smallest `m` this kernel takes: 8 panels of `b` over which copying `a` pays back (at 32
/// and 50 columns the in-place kernel was 10-20% faster; at 256 and 784 this one 5-15%).
pub(super) const MIN_COLUMNS: usize = 128;

/// At most this many terms per slice: a 16-column panel of `b` over 128 rows is 8 KB, and
/// 32 rows of `a`, four lanes each, 64 KB (`AC`).
const KC: usize = 128;
/// Terms per pass of a block's loop: their loads all sit at fixed offsets from two pointers.
const U: usize = 8;

/// Terms `p0..p1` for rows `i..i + RR`, columns `j..j + 4*(VV-1) + w`: term p0's `RR` values of
/// `a`, each in four lanes, side by side at `ap` (`pack_a`), its `b(p, j..)` at `bp` (`pack_b`),
/// and each next term's right after. One load of each feeds RR*VV independent accumulators,
/// hiding add latency.
// The const-size index loops are what LLVM unrolls into register-held accumulators.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
unsafe fn block<const RR: usize, const VV: usize>(
    job: &Job,
    ap: *const f32,
    bp: *const f32,
    i: usize,
    j: usize,
    w: usize,
) {
    let out = |r: usize| job.c.add((i + r) * job.m + j);
    // (A zero-filled array here made LLVM keep the accumulators in linear memory.)
    let mut acc: [[v128; VV]; RR] = core::array::from_fn(|r| {
        let x = load(ap.add(4 * r));
        core::array::from_fn(|q| {
            let t = f32x4_mul(x, load(bp.add(4 * q)));
            if job.first {
                t
            } else {
                f32x4_add(lanes(w, q + 1 == VV, out(r).add(4 * q)), t)
            }
        })
    });
    let term = |acc: &mut [[v128; VV]; RR], ap: *const f32, bp: *const f32| {
        let bv: [v128; VV] = core::array::from_fn(|q| load(bp.add(4 * q)));
        for r in 0..RR {
            let x = load(ap.add(4 * r));
            for q in 0..VV {
                acc[r][q] = f32x4_add(acc[r][q], f32x4_mul(x, bv[q]));
            }
        }
    };
    let (mut ap, mut bp) = (ap.add(4 * RR), bp.add(4 * VV));
    let mut left = job.p1 - job.p0 - 1;
    'terms: while left > 0 {
        for u in 0..U {
            term(&mut acc, ap.add(4 * RR * u), bp.add(4 * VV * u));
            // This exit also keeps each term in its own basic block: in one block LLVM orders
            // the U terms accumulator by accumulator, and V8 then holds all their loads at once.
            if u + 1 == left {
                break 'terms;
            }
        }
        let zero = opaque_zero();
        ap = ap.add(4 * RR * U + zero);
        bp = bp.add(4 * VV * U + zero);
        left -= U;
    }
    for r in 0..RR {
        for q in 0..VV {
            store_lanes(w, q + 1 == VV, out(r).add(4 * q), acc[r][q]);
        }
    }
}

/// Rows `i..i + rows` of the panel of columns `j..j + 4*(VV-1) + w`, their `a` at `apack`:
/// `R` rows at a time, then the last one, after copying the panel to `bpack` (at least
/// `4 * VV * KC` values).
#[inline(always)]
unsafe fn panel<const VV: usize>(
    job: &Job,
    apack: *const f32,
    bpack: *mut f32,
    i: usize,
    rows: usize,
    j: usize,
    w: usize,
) {
    pack_b::<VV>(job, bpack, j, w);
    let kc = job.p1 - job.p0;
    let mut r = 0;
    while r + R <= rows {
        block::<R, VV>(job, apack.add(4 * kc * r), bpack, i + r, j, w);
        r += R;
    }
    if r < rows {
        block::<1, VV>(job, apack.add(4 * kc * r), bpack, i + r, j, w);
    }
}

/// `c (n x m) += a (n x k) * b (k x m)` onto what `c` holds (the bias), or from nothing with
/// `first_from_zero` (no bias: the reference's -0.0 + t == t), for `n >= R` and `k >= 1`.
/// The caller checked the shapes.
pub(super) fn matmul(c: &mut [f32], a: Strided, b: &[f32], first_from_zero: bool, n: usize, k: usize, m: usize) {
    // One panel's slice of b, and a chunk of a's rows; never read before `pack_*` writes them.
    let mut bpack = [core::mem::MaybeUninit::<f32>::uninit(); 4 * V * KC];
    let bpack = bpack.as_mut_ptr().cast::<f32>();
    let mut apack = [core::mem::MaybeUninit::<f32>::uninit(); AC];
    let apack = apack.as_mut_ptr().cast::<f32>();
    // Equal slices: 784 terms as 7 x 112, not 6 x 128 and a short seventh.
    let slices = k.div_ceil(KC);
    let kc = k.div_ceil(slices);
    // As many rows as fill `apack` (at least 32), whole blocks of them.
    let chunk = AC / (4 * kc) / R * R;
    for p0 in (0..k).step_by(kc) {
        let first = p0 == 0 && first_from_zero;
        let job = Job { a, b: b.as_ptr(), c: c.as_mut_ptr(), m, p0, p1: (p0 + kc).min(k), first };
        // SAFETY: the caller's check_matmul proved that a holds every (i, p) for i < n, p < k,
        // and that b and c hold whole rows of m values; panels stay inside j + 4*(V-1) + w <= m,
        // and the partial loads and stores touch only those w lanes; `bpack` holds 4 * V * KC
        // values and `apack` AC >= 4 * chunk * kc.
        unsafe {
            let mut i = 0;
            while i < n {
                let rows = chunk.min(n - i);
                pack_a(&job, apack, i, rows);
                let mut j = 0;
                while j + 4 * V <= m {
                    panel::<V>(&job, apack, bpack, i, rows, j, 4);
                    j += 4 * V;
                }
                // The last 1 to 15 columns: one vector per row.
                while j < m {
                    panel::<1>(&job, apack, bpack, i, rows, j, (m - j).min(4));
                    j += 4;
                }
                i += rows;
            }
        }
    }
}
