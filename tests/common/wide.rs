//! The wide data sets of `tests/reference/pca_wide_reference.py`, made again here in the same
//! integer arithmetic, so both sides fit the same f32 values.

use tinyae::rng::Rng;

/// Bilinear upscaling from 8 to 28: output index r samples the source at (4r - 5) / 14,
/// clamped to [0, 7]: (the index below, its weight in 14ths for the one above, the one above).
fn source(r: usize) -> (usize, i64, usize) {
    let s = (4 * r as i64 - 5).clamp(0, 98);
    let lo = s / 14;
    (lo as usize, s - 14 * lo, (lo as usize + 1).min(7))
}

/// The 1797 digits upscaled to 28x28 as 8-bit levels (n*784, 0..=255): bilinear in integers
/// (0..=3136), then the smoothstep t^2 (3 - 2t) rounded down.
pub fn digits28_levels() -> Vec<i64> {
    let (pixels, _) = super::digits();
    let mut out = Vec::with_capacity(pixels.len() / 64 * 784);
    for image in pixels.chunks_exact(64) {
        let p = |y: usize, x: usize| (image[y * 8 + x] * 16.0) as i64;
        for r in 0..28 {
            let (y0, wy, y1) = source(r);
            let row = |x: usize| p(y0, x) * (14 - wy) + p(y1, x) * wy;
            for c in 0..28 {
                let (x0, wx, x1) = source(c);
                let u = row(x0) * (14 - wx) + row(x1) * wx;
                out.push(u * u * (3 * 3136 - 2 * u) * 255 / 3136i64.pow(3));
            }
        }
    }
    out
}

/// `digits28_levels` projected to 300 columns by +-1 signs (SplitMix64 seed 26, the sign bit
/// of each draw, row by row of the 784 x 300 matrix): integer sums.
pub fn digits300_levels() -> Vec<i64> {
    let mut rng = Rng::new(26);
    let signs: Vec<i64> = (0..784 * 300).map(|_| if rng.next_u64() >> 63 == 1 { -1 } else { 1 }).collect();
    let mut out = Vec::new();
    for row in digits28_levels().chunks_exact(784) {
        let mut sums = [0i64; 300];
        for (&q, signs) in row.iter().zip(signs.chunks_exact(300)) {
            sums.iter_mut().zip(signs).for_each(|(s, &sign)| *s += q * sign);
        }
        out.extend_from_slice(&sums);
    }
    out
}

/// The reference's check of a data set: the levels' sum and their sum weighted by each one's
/// position modulo 251.
pub fn check(levels: &[i64]) -> [i64; 2] {
    [levels.iter().sum(), levels.iter().enumerate().map(|(i, &q)| q * (i % 251) as i64).sum()]
}

/// The rows the tests fit: levels / `scale` in f32 (255 for digits28, 7140 for digits300).
pub fn values(levels: &[i64], scale: f32) -> Vec<f32> {
    levels.iter().map(|&q| q as f32 / scale).collect()
}
