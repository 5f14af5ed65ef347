//! The matmul's copies of its operands: a panel of `b` made contiguous, and `a`'s rows with
//! each value in all four lanes, so that a block reads both with plain loads at fixed offsets.
//! Copies change no value, so the sums and their order are the scalar reference's.

use core::arch::wasm32::*;

use super::super::Strided;
use super::{load, store};

/// Rows per block of `packed.rs` (and per group of `pack_a`).
pub(super) const R: usize = 2;
/// Vectors (of 4 columns) per block of `packed.rs`: its panels are `4 * V` columns wide.
pub(super) const V: usize = 4;
/// Values of `pack_a`'s buffer: 32 rows of 128 terms, four lanes each (64 KB).
pub(super) const AC: usize = 4 * 32 * 128;

/// Zero, read through a volatile load: an amount LLVM cannot see. Added to a block's
/// pointers, it keeps them from being rewritten as induction variables: LLVM's loop strength
/// reduction otherwise turns each `p + 16` into an `i32.add` that V8 cannot fold into the
/// load's address, one more instruction per load, and these loops are bound by how many
/// instructions the CPU issues (6 a cycle on the bench machine's Zen 3), not by its adders.
#[inline(always)]
pub(super) fn opaque_zero() -> usize {
    static ZERO: usize = 0;
    // SAFETY: a read of a valid, aligned static.
    unsafe { core::ptr::read_volatile(&ZERO) }
}

/// The shape of one call and the slice of the sum being taken.
pub(super) struct Job<'a> {
    pub a: Strided<'a>,
    pub b: *const f32,
    pub c: *mut f32,
    pub m: usize,
    /// Terms `p0..p1` of the sum.
    pub p0: usize,
    pub p1: usize,
    /// Whether the accumulators start from the first term alone (the reference's -0.0 + t ==
    /// t for every t), or from what `c` holds (the bias, or an earlier slice's partial sums)
    /// plus the first term.
    pub first: bool,
}

/// The vector at `p`, or for the `last` one only its `w` (1 to 4) leftmost lanes, the others
/// 0 (and never stored): reading only `w` values keeps the last row's loads inside the buffer.
#[inline(always)]
pub(super) unsafe fn lanes(w: usize, last: bool, p: *const f32) -> v128 {
    match if last { w } else { 4 } {
        4 => load(p),
        1 => v128_load32_zero(p as *const u32),
        2 => v128_load64_zero(p as *const u64),
        _ => f32x4_replace_lane::<2>(v128_load64_zero(p as *const u64), *p.add(2)),
    }
}

/// Stores `v` at `p`, or for the `last` vector only its `w` leftmost lanes.
#[inline(always)]
pub(super) unsafe fn store_lanes(w: usize, last: bool, p: *mut f32, v: v128) {
    match if last { w } else { 4 } {
        4 => store(p, v),
        1 => *p = f32x4_extract_lane::<0>(v),
        2 => v128_store64_lane::<0>(v, p as *mut u64),
        _ => {
            v128_store64_lane::<0>(v, p as *mut u64);
            *p.add(2) = f32x4_extract_lane::<2>(v);
        }
    }
}

/// Copies terms `p0..p1` of the columns `j..j + 4*(VV-1) + w` of `b` to `packed`, `4*VV` values
/// per term (lanes past `w` in the last vector are 0 and never stored), so that a block reads
/// the panel one pointer step at a time. Rows of `b` a power of two apart (256 or 1024 floats)
/// fall into a few sets of the L1 cache and evict each other: 32 x 784 x 256 ran 20% slower
/// than 32 x 784 x 260 in place; packed, both run at the same speed.
#[inline(always)]
pub(super) unsafe fn pack_b<const VV: usize>(job: &Job, packed: *mut f32, j: usize, w: usize) {
    for p in 0..job.p1 - job.p0 {
        let src = job.b.add((job.p0 + p) * job.m + j);
        for q in 0..VV {
            store(packed.add(4 * VV * p + 4 * q), lanes(w, q + 1 == VV, src.add(4 * q)));
        }
    }
}

/// Copies terms `p0..p1` of rows `i..i + rows` of `a` to `packed`, each value splat to four
/// lanes, in groups of `R` rows (the last group may be shorter) laid out term by term: group
/// g's term t, row r is at `4 * (kc * g0 + rr * t + r)` for a group of rr rows starting at row
/// g0 of the chunk. A block then loads a term's `R` vectors at fixed offsets instead of
/// broadcasting each from `a`, which on Zen 3 takes one of the two pipes its multiplies need.
pub(super) unsafe fn pack_a(job: &Job, packed: *mut f32, i: usize, rows: usize) {
    let a = &job.a;
    let kc = job.p1 - job.p0;
    let mut g = 0;
    while g < rows {
        let rr = R.min(rows - g);
        let group = packed.add(4 * kc * g);
        for r in 0..rr {
            let mut src = a.data.as_ptr().add((i + g + r) * a.row + job.p0 * a.col);
            for t in 0..kc {
                store(group.add(4 * (rr * t + r)), f32x4_splat(*src));
                src = src.add(a.col);
            }
        }
        g += rr;
    }
}
