//! Short decimal text for the numbers in error messages. Core's float formatting would add
//! about 23 KB (9 KB gzipped) to the wasm, more than the model's own code, for text that only
//! an error ever shows.

/// The shortest decimal (at most 9 significant digits) that reads back as the same f32.
pub fn f32_text(v: f32) -> String {
    shortest(v as f64, 9, Precision::F32)
}

/// The shortest decimal that equals `v` to 12 significant digits: scaling by large powers of
/// ten is not exact in f64, and a message needs no more.
pub fn f64_text(v: f64) -> String {
    shortest(v, 17, Precision::Relative12)
}

/// When a candidate decimal counts as `v`.
#[derive(Clone, Copy)]
enum Precision {
    /// It rounds to the same f32.
    F32,
    /// It is within 1e-12 of `v`, relatively.
    Relative12,
}

impl Precision {
    fn same(self, x: f64, v: f64) -> bool {
        match self {
            Precision::F32 => x as f32 == v as f32,
            Precision::Relative12 => (x - v).abs() <= 1e-12 * v.abs(),
        }
    }
}

/// 10^n, exact for n <= 22 (every factor and product is a representable whole number).
/// Out of line: `scale` calls it four times (inlined and unrolled, 0.5 kB more of wasm).
#[inline(never)]
fn pow10(n: i32) -> f64 {
    (0..n).fold(1.0, |p, _| p * 10.0)
}

/// a * 10^shift, in two halves so that neither power overflows at the ends of the f64 range.
/// Out of line: `shortest` calls it from three loops (inlined, 4 KB of wasm more).
#[inline(never)]
fn scale(a: f64, shift: i32) -> f64 {
    let (half, rest) = (shift / 2, shift - shift / 2);
    if shift >= 0 {
        a * pow10(half) * pow10(rest)
    } else {
        a / pow10(-half) / pow10(-rest)
    }
}

// One copy for both precisions (a closure made two 4 KB copies in the wasm). The text is built
// as ASCII bytes, digits by hand: `to_string`, `trim_end_matches` and `String::push` of a `char`
// brought in core's integer formatting, char searching and UTF-8 encoding (0.4 kB of wasm gzipped).
fn shortest(v: f64, max_digits: i32, precision: Precision) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let mut out = Vec::with_capacity(32);
    if v.is_sign_negative() {
        put(&mut out, b"-");
    }
    let a = v.abs();
    if a.is_infinite() || a == 0.0 {
        put(&mut out, if a == 0.0 { b"0" } else { b"inf" });
        return ascii(out);
    }
    // The decimal exponent e of the first digit: 10^e <= a < 10^(e+1).
    let mut e = 0;
    while scale(a, -e) >= 10.0 {
        e += 1;
    }
    while scale(a, -e) < 1.0 {
        e -= 1;
    }
    let (mut digits, mut exponent) = (Vec::new(), e);
    for count in 1..=max_digits {
        let shift = count - 1 - e;
        let m = scale(a, shift).round();
        digits = decimal(m as u64);
        // Rounding up can add a digit (9.96 to 2 digits is 10.0): the first digit moves left.
        exponent = e + digits.len() as i32 - count;
        if precision.same(scale(m, -shift).copysign(v), v) {
            break;
        }
    }
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        put(&mut digits, b"0");
    }
    place_point(&mut out, &digits, exponent);
    ascii(out)
}

/// The decimal digits of `n`, most significant first.
fn decimal(mut n: u64) -> Vec<u8> {
    // Filled from the end: u64::MAX has 20 digits.
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].to_vec()
}

/// ASCII bytes as a String.
fn ascii(bytes: Vec<u8>) -> String {
    bytes.into_iter().map(char::from).collect()
}

/// Appends `bytes` to `out`. Out of line: inlined at each of its dozen calls, a Vec's growth
/// check came with every one.
#[inline(never)]
fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(bytes);
}

/// Appends `digits` (no trailing zeros) with the first digit at 10^exponent, as plain decimal
/// text for exponents in -5..=15 and as `d.ddde±x` outside.
fn place_point(out: &mut Vec<u8>, d: &[u8], exponent: i32) {
    // At most 15 zeros: before the point of a whole number below 10^16, or after "0.".
    let zeros = |out: &mut Vec<u8>, n: i32| put(out, &[b'0'; 16][..n.max(0) as usize]);
    let len = d.len() as i32;
    match exponent {
        0..=15 => {
            let whole = (exponent + 1).min(len) as usize;
            put(out, &d[..whole]);
            zeros(out, exponent + 1 - len);
            if whole < d.len() {
                put(out, b".");
                put(out, &d[whole..]);
            }
        }
        -5..=-1 => {
            put(out, b"0.");
            zeros(out, -exponent - 1);
            put(out, d);
        }
        _ => {
            put(out, &d[..1]);
            if d.len() > 1 {
                put(out, b".");
                put(out, &d[1..]);
            }
            put(out, if exponent < 0 { b"e-" } else { b"e" });
            put(out, &decimal(exponent.unsigned_abs() as u64));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_values_read_back_exactly_in_few_digits() {
        let cases = [
            (1.01f32, "1.01"),
            (0.5, "0.5"),
            (2.0, "2"),
            (-0.5, "-0.5"),
            (0.1, "0.1"),
            (0.001, "0.001"),
            (1.5e-5, "0.000015"),
            (1e-7, "1e-7"),
            (123456.0, "123456"),
            (3.4028235e38, "3.4028235e38"),
            (1e-45, "1e-45"),
            (16777216.0, "16777216"),
            (9.96, "9.96"),
            (0.0, "0"),
            (-0.0, "-0"),
            (f32::NAN, "NaN"),
            (f32::INFINITY, "inf"),
            (f32::NEG_INFINITY, "-inf"),
        ];
        for (v, want) in cases {
            assert_eq!(f32_text(v), want, "{v:e}");
        }
        // Every shortest text reads back as the same float.
        let mut x = 1.234_567e-30f32;
        while x < 1e30 {
            let text = f32_text(x);
            assert_eq!(text.parse::<f32>().unwrap(), x, "{text}");
            x *= 7.3;
        }
    }

    #[test]
    fn f64_values_read_back_exactly() {
        for (v, want) in [(1e-60, "1e-60"), (0.001, "0.001"), (1e300, "1e300"), (5e-324, "5e-324"), (2.5, "2.5")] {
            assert_eq!(f64_text(v), want);
        }
        assert_eq!(f64_text(0.1 + 0.2), "0.3");
        assert_eq!(f64_text(1.0 / 3.0), "0.333333333333");
        assert_eq!(f64_text(1.5), "1.5");
    }
}
