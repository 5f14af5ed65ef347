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

/// tanh(x), portable to the bit: an odd Taylor polynomial for |x| < 0.25 (where
/// `1 - 2/(e^2x + 1)` would lose relative accuracy), else that formula over our `exp`.
#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    let sign = x.to_bits() & 0x8000_0000;
    let a = f32::from_bits(x.to_bits() & 0x7fff_ffff);
    let t = if a < 0.25 {
        // x - x^3/3 + 2x^5/15 - 17x^7/315 + 62x^9/2835 - 1382x^11/155925: error < 1e-9 relative.
        let s = a * a;
        let p =
            ((((-8.863_235e-3 * s + 2.186_949e-2) * s - 5.396_825_5e-2) * s + 1.333_333_4e-1) * s - 3.333_333_4e-1) * s;
        a + a * p
    } else {
        1.0 - 2.0 / (exp(2.0 * a) + 1.0)
    };
    f32::from_bits(t.to_bits() | sign)
}

/// ELU with alpha 1: x if x > 0, else e^x - 1 (a Taylor polynomial near 0, where the
/// subtraction would lose relative accuracy), portable to the bit.
#[inline(always)]
pub fn elu(x: f32) -> f32 {
    if x > 0.0 {
        x
    } else if x > -0.25 {
        // e^x - 1 = x + x^2/2 + x^3/6 + x^4/24 + x^5/120 + x^6/720: error < 1e-8 relative.
        let p = ((((1.388_889e-3 * x + 8.333_334e-3) * x + 4.166_666_8e-2) * x + 1.666_666_7e-1) * x + 0.5) * x;
        x + x * p
    } else {
        exp(x) - 1.0
    }
}

/// 2 atanh(f) = ln((1 + f) / (1 - f)) for |f| <= 1/3, by its series in f64 (only + * /).
fn two_atanh(f: f64) -> f64 {
    let f2 = f * f;
    let mut term = f;
    let mut sum = 0.0;
    let mut k = 1.0;
    // |f| <= 1/3: each term is at most 1/9 of the previous one; 17 terms reach 1e-17.
    for _ in 0..17 {
        sum += term / k;
        term *= f2;
        k += 2.0;
    }
    2.0 * sum
}

/// ln(1 + t) for t in [0, 1], portable to the bit (f64, IEEE operations only), accurate for
/// tiny t too: ln(1 + t) = 2 atanh(t / (2 + t)).
pub fn ln1p(t: f64) -> f64 {
    two_atanh(t / (2.0 + t))
}

/// ln(x) for a finite x > 0 (f64), portable to the bit: x = m 2^e with m in [sqrt(1/2),
/// sqrt(2)), then e ln 2 + 2 atanh((m - 1) / (m + 1)).
pub fn ln(x: f64) -> f64 {
    const LN2: f64 = std::f64::consts::LN_2;
    let mut x = x;
    let mut e = 0i32;
    if x < f64::MIN_POSITIVE {
        x *= 2f64.powi(64); // exact: a power of two
        e -= 64;
    }
    let bits = x.to_bits();
    e += ((bits >> 52) & 0x7ff) as i32 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    e as f64 * LN2 + two_atanh((m - 1.0) / (m + 1.0))
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

    #[test]
    fn tanh_elu_ln_are_accurate() {
        for i in -4000..=4000 {
            let x = i as f32 * 2.5e-3;
            let want = (x as f64).tanh();
            assert!((tanh(x) as f64 - want).abs() <= 3.0 * f32::EPSILON as f64 * want.abs().max(1e-30), "tanh {x}");
            let want = if x > 0.0 { x as f64 } else { (x as f64).exp_m1() };
            assert!((elu(x) as f64 - want).abs() <= 3.0 * f32::EPSILON as f64 * want.abs().max(1e-30), "elu {x}");
        }
        assert_eq!(tanh(100.0), 1.0);
        assert_eq!(tanh(-100.0), -1.0);
        assert_eq!(tanh(-0.0).to_bits(), (-0.0f32).to_bits());
        for x in [1e-300, 1e-20, 0.3, 0.5, 0.9, 1.0, 1.5, 2.0, 7.0, 1e10, 1e300] {
            assert!((ln(x) - x.ln()).abs() <= 4e-16 * x.ln().abs().max(1.0), "ln {x}");
        }
        for t in [0.0, 1e-30, 1e-8, 1e-3, 0.2, 0.7, 1.0] {
            assert!((ln1p(t) - f64::ln_1p(t)).abs() <= 4e-16 * f64::ln_1p(t).max(1e-300), "ln1p {t}");
        }
    }
}
