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

/// A data set checked once and kept: n images (n*64 pixels in [0, 1]) and which of them are
/// held out for testing, so a model can be measured on it every frame without the images being
/// copied in or checked again.
#[derive(Clone, Debug)]
pub struct Images {
    pixels: Vec<f32>,
    n: usize,
    test: Vec<u32>,
    /// The test images gathered, in `test`'s order: the targets of the test error.
    test_pixels: Vec<f32>,
}

impl Images {
    /// `pixels` (n*64 values in [0, 1]) and `test`, the indices of the held-out images (at
    /// least one, each below n).
    pub fn new(pixels: Vec<f32>, test: Vec<u32>) -> Result<Images, Invalid> {
        let n = check_pixels("pixels", &pixels)?;
        if test.is_empty() {
            return invalid!("test must name at least one of the {n} images, got none");
        }
        if let Some(i) = test.iter().position(|&t| t as usize >= n) {
            return invalid!("test[{i}] is {}, but the images are numbered 0..{n}", test[i]);
        }
        let test_pixels = gather(&pixels, PIXELS, &test);
        Ok(Images { pixels, n, test, test_pixels })
    }

    /// The number of images.
    pub fn n(&self) -> usize {
        self.n
    }

    /// All the images, n*64 pixels.
    pub fn pixels(&self) -> &[f32] {
        &self.pixels
    }

    /// The held-out images' indices.
    pub fn test(&self) -> &[u32] {
        &self.test
    }

    /// The held-out images, gathered in `test()`'s order.
    pub fn test_pixels(&self) -> &[f32] {
        &self.test_pixels
    }
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

    #[test]
    fn a_data_set_is_checked_once_and_its_test_part_gathered() {
        let pixels: Vec<f32> = (0..3 * 64).map(|i| (i / 64) as f32 / 2.0).collect();
        let images = Images::new(pixels, vec![2, 0]).unwrap();
        assert_eq!((images.n(), images.test()), (3, &[2, 0][..]));
        assert_eq!(images.test_pixels()[0], 1.0);
        assert_eq!(images.test_pixels()[64], 0.0);
        let msg = |r: Result<Images, Invalid>| r.unwrap_err().0;
        assert!(msg(Images::new(vec![0.0; 64], vec![])).contains("at least one"));
        assert!(
            msg(Images::new(vec![0.0; 128], vec![0, 2])).starts_with("test[1] is 2, but the images are numbered 0..2")
        );
        assert!(msg(Images::new(vec![2.0; 64], vec![0])).contains("must be in [0, 1]"));
    }
}
