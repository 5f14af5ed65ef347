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

// One copy for both precisions (a closure made two 4 KB copies in the wasm).
fn shortest(v: f64, max_digits: i32, precision: Precision) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    let a = v.abs();
    if a.is_infinite() || a == 0.0 {
        return sign.to_string() + if a == 0.0 { "0" } else { "inf" };
    }
    // The decimal exponent e of the first digit: 10^e <= a < 10^(e+1).
    let mut e = 0;
    while scale(a, -e) >= 10.0 {
        e += 1;
    }
    while scale(a, -e) < 1.0 {
        e -= 1;
    }
    let (mut digits, mut exponent) = (String::new(), e);
    for count in 1..=max_digits {
        let shift = count - 1 - e;
        let m = scale(a, shift).round();
        digits = (m as u64).to_string();
        // Rounding up can add a digit (9.96 to 2 digits is 10.0): the first digit moves left.
        exponent = e + digits.len() as i32 - count;
        if precision.same(scale(m, -shift).copysign(v), v) {
            break;
        }
    }
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    sign.to_string() + &place_point(digits, exponent)
}

/// `digits` (no trailing zeros) with the first digit at 10^exponent, as plain decimal text for
/// exponents in -5..=15 and as `d.ddde±x` outside. Built byte by byte: slicing a `str` would
/// link core's char-boundary panic and its Unicode tables (~3 KB of wasm) for ASCII digits.
fn place_point(digits: &str, exponent: i32) -> String {
    let d = digits.as_bytes();
    let mut out = String::with_capacity(d.len() + 8);
    let push = |out: &mut String, bytes: &[u8]| bytes.iter().for_each(|&b| out.push(b as char));
    let zeros = |out: &mut String, n: i32| (0..n).for_each(|_| out.push('0'));
    let len = d.len() as i32;
    match exponent {
        0..=15 => {
            let whole = (exponent + 1).min(len) as usize;
            push(&mut out, &d[..whole]);
            zeros(&mut out, exponent + 1 - len);
            if whole < d.len() {
                out.push('.');
                push(&mut out, &d[whole..]);
            }
        }
        -5..=-1 => {
            out.push_str("0.");
            zeros(&mut out, -exponent - 1);
            push(&mut out, d);
        }
        _ => {
            push(&mut out, &d[..1]);
            if d.len() > 1 {
                out.push('.');
                push(&mut out, &d[1..]);
            }
            out.push('e');
            out += &exponent.to_string();
        }
    }
    out
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
