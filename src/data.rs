//! Training images and latent codes: the classic '4', and the checks every array from a
//! caller passes before it is used.

use crate::error::Invalid;
use crate::invalid;
use crate::layout::{LATENT, PIXELS};
use crate::number_text::f32_text;

/// The most images one call may pass (a 25 MB array), so a typo cannot exhaust memory.
pub const MAX_IMAGES: usize = 100_000;

/// The classic binary digit '4', 8x8 row-major, 1 = ink.
pub const FOUR: [&str; 8] =
    ["00010000", "00110000", "01010000", "10010000", "11111000", "00010000", "00010000", "00010000"];

/// The '4' as 64 pixel values.
pub fn four() -> Vec<f32> {
    FOUR.iter().flat_map(|row| row.bytes().map(|b| if b == b'1' { 1.0 } else { 0.0 })).collect()
}

/// Checks that `values` holds whole rows of `width` finite values, 1..=MAX_IMAGES of them, and
/// returns the row count. `what` names one row in messages ("8x8 images").
pub fn rows(name: &str, values: &[f32], width: usize, what: &str) -> Result<usize, Invalid> {
    let n = values.len() / width;
    if values.is_empty() || values.len() % width != 0 {
        return invalid!("{name} must hold n*{width} values ({what}), got {} values", values.len());
    }
    if n > MAX_IMAGES {
        return invalid!("{name} holds {n} rows; at most {MAX_IMAGES} are accepted in one call");
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return invalid!("{name}[{i}] is {}; values must be finite numbers", f32_text(values[i]));
    }
    Ok(n)
}

/// Checks pixel data (n*64 values in [0, 1]) and returns n.
pub fn check_pixels(name: &str, values: &[f32]) -> Result<usize, Invalid> {
    let n = rows(name, values, PIXELS, "n images of 8x8 pixels")?;
    if let Some(i) = values.iter().position(|v| !(0.0..=1.0).contains(v)) {
        return invalid!("{name}[{i}] is {}; pixel values must be in [0, 1]", f32_text(values[i]));
    }
    Ok(n)
}

/// Checks latent codes (n*4 finite values) and returns n.
pub fn check_codes(name: &str, values: &[f32]) -> Result<usize, Invalid> {
    rows(name, values, LATENT, "n codes of 4 latent units")
}

/// The digits mode's fixed train/test split of `n` images: a seeded shuffle of `0..n` whose
/// first `test` indices are the test set and the rest the training set.
pub fn split(n: usize, test: usize, seed: u64) -> (Vec<u32>, Vec<u32>) {
    let mut order: Vec<u32> = (0..n as u32).collect();
    crate::rng::Rng::new(seed).shuffle(&mut order);
    let train = order.split_off(test.min(n));
    (order, train)
}

/// The rows `indices` of `n x width` values, gathered in that order.
pub fn gather(values: &[f32], width: usize, indices: &[u32]) -> Vec<f32> {
    indices.iter().flat_map(|&i| &values[i as usize * width..(i as usize + 1) * width]).copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_has_its_ink_where_the_article_draws_it() {
        let x = four();
        assert_eq!(x.len(), 64);
        assert_eq!(x.iter().sum::<f32>(), 15.0);
        assert_eq!(&x[32..40], &[1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn split_is_a_fixed_partition() {
        let (test, train) = split(10, 3, 1);
        assert_eq!((test.len(), train.len()), (3, 7));
        let mut all: Vec<u32> = test.iter().chain(&train).copied().collect();
        all.sort();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_eq!(split(10, 3, 1), (test, train));
        assert_eq!(gather(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], 2, &[2, 0]), [4.0, 5.0, 0.0, 1.0]);
    }

    #[test]
    fn bad_arrays_are_named_and_explained() {
        assert_eq!(check_pixels("x", &[0.5; 128]), Ok(2));
        let msg = |r: Result<usize, Invalid>| r.unwrap_err().0;
        assert!(msg(check_pixels("x", &[0.5; 63])).contains("x must hold n*64 values"));
        assert!(msg(check_pixels("x", &[])).contains("got 0 values"));
        let mut bad = vec![0.0; 64];
        bad[7] = f32::NAN;
        assert!(msg(check_pixels("pixels", &bad)).starts_with("pixels[7] is NaN"));
        bad[7] = 1.5;
        assert!(msg(check_pixels("pixels", &bad)).contains("must be in [0, 1]"));
        assert!(msg(check_codes("z", &[1.0, 2.0, f32::INFINITY, 0.0])).starts_with("z[2] is inf"));
        assert_eq!(check_codes("z", &[-3.0, 2.0, 9.0, 0.0]), Ok(1));
    }
}
