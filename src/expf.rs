//! Our own `exp` and `sigmoid` for f32, built only from IEEE-exact operations (+ - * /,
//! floor, compare, bit shifts), so they give the same bits natively and in wasm, where
//! glibc's and the wasm libm's `expf` can differ in the last place. The simd128 kernel
//! repeats these exact steps lane by lane with these constants.
//!
//! Cody-Waite range reduction and the minimax polynomial of Cephes' `expf` (about 1 ulp).

/// Inputs are clamped to this range so that `2^k` stays a normal float.
pub const EXP_LO: f32 = -87.0;
/// Upper clamp: e^88 is still finite in f32.
pub const EXP_HI: f32 = 88.0;
/// log2(e).
pub const LOG2E: f32 = std::f32::consts::LOG2_E;
/// ln 2 split in two so that `k * LN2_HI` is exact. Written as the exact binary value
/// (355/512), which clippy counts as excess digits.
#[allow(clippy::excessive_precision)]
pub const LN2_HI: f32 = 0.693_359_375;
/// The rest of ln 2.
pub const LN2_LO: f32 = -2.121_944_4e-4;
/// Polynomial coefficients for e^r - 1 - r = r^2 * P(r), highest degree first, as Cephes
/// publishes them (the last one rounds to 0.5 in f32).
#[allow(clippy::excessive_precision)]
pub const POLY: [f32; 6] =
    [1.987_569_1e-4, 1.398_199_9e-3, 8.333_452e-3, 4.166_579_6e-2, 1.666_666_5e-1, 5.000_000_1e-1];

/// wasm's `f32.pmax(a, b)`: `b` if `a < b`, else `a`.
#[inline(always)]
pub fn pmax(a: f32, b: f32) -> f32 {
    if a < b {
        b
    } else {
        a
    }
}

/// wasm's `f32.pmin(a, b)`: `b` if `b < a`, else `a`.
#[inline(always)]
pub fn pmin(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

/// 2^23 + 127: adding it to a whole number k in [-127, 128] leaves k + 127 in the low bits.
pub const EXPONENT_MAGIC: f32 = 8_388_735.0;

/// 2^k for a whole number k in [-126, 127], built from its bits. The float-to-int step is an
/// exact add rather than a conversion because wasm's `i32x4.trunc_sat_f32x4_s` costs many x86
/// instructions where the add costs one.
#[inline(always)]
pub fn two_to(k: f32) -> f32 {
    f32::from_bits((k + EXPONENT_MAGIC).to_bits() << 23)
}

/// e^x, portable to the bit; saturates outside [EXP_LO, EXP_HI].
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = pmin(pmax(EXP_LO, x), EXP_HI);
    let k = (x * LOG2E + 0.5).floor();
    let r = x - k * LN2_HI - k * LN2_LO;
    let mut p = POLY[0];
    for c in &POLY[1..] {
        p = p * r + *c;
    }
    let e = p * (r * r) + r + 1.0;
    e * two_to(k)
}

/// The logistic sigmoid 1 / (1 + e^-x), portable to the bit.
#[inline(always)]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_within_two_ulp_of_f64() {
        let mut worst = 0.0f64;
        // Strictly inside the clamp range: outside it the result is e^clamp by design.
        for i in -86_999..=87_999 {
            let x = i as f32 * 1e-3;
            let want = (x as f64).exp();
            let got = exp(x) as f64;
            let ulp = (want as f32).abs() as f64 * f32::EPSILON as f64;
            worst = worst.max((got - want).abs() / ulp);
        }
        assert!(worst <= 2.0, "worst error {worst} ulp");
    }

    #[test]
    fn two_to_is_exact() {
        for k in -126..=127 {
            assert_eq!(two_to(k as f32) as f64, 2f64.powi(k), "2^{k}");
        }
    }

    #[test]
    fn sigmoid_saturates_without_inf_or_nan() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(1e30), 1.0);
        let tiny = sigmoid(-1e30);
        assert!((0.0..1e-37).contains(&tiny));
        for x in [-100.0f32, -20.0, -1.5, 0.25, 3.0, 40.0] {
            let want = 1.0 / (1.0 + (-(x as f64)).exp());
            assert!((sigmoid(x) as f64 - want).abs() <= 2.0 * f32::EPSILON as f64 * want.max(1e-30));
        }
    }
}
