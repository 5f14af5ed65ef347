//! Training images and latent codes: the classic '4', and the checks every array from a
//! caller passes before it is used.

use crate::error::Invalid;
use crate::invalid;
use crate::layout::{LATENT, PIXELS};
use crate::number_text::f32_text;

/// The most rows one call may pass, so a typo cannot exhaust memory (a 25 MB array of 64-wide
/// images); wider rows are capped lower by `MAX_CALL_VALUES`.
pub const MAX_IMAGES: usize = 100_000;
/// The most values one buffer of a call may hold: the rows passed in, or one layer's outputs
/// for all of them (2^24 f32s, 64 MiB). A call allocates a few such buffers, so this bounds its
/// memory whatever the width; for 64-wide layers `MAX_IMAGES` binds first.
pub const MAX_CALL_VALUES: usize = 1 << 24;
/// What the messages call n of the classic model's items (`PIXELS` values each).
pub const CLASSIC_ROWS: &str = "n images of 8x8 pixels";

/// The classic binary digit '4', 8x8 row-major, 1 = ink.
pub const FOUR: [&str; 8] =
    ["00010000", "00110000", "01010000", "10010000", "11111000", "00010000", "00010000", "00010000"];

/// The '4' as 64 pixel values.
pub fn four() -> Vec<f32> {
    FOUR.iter().flat_map(|row| row.bytes().map(|b| if b == b'1' { 1.0 } else { 0.0 })).collect()
}

/// The most rows a call may pass when its widest buffer is `widest` values a row.
pub fn max_rows(widest: usize) -> usize {
    MAX_IMAGES.min(MAX_CALL_VALUES / widest.max(1))
}

/// Checks that `values` holds whole rows of `width` finite values, 1..=`max_rows(width)` of them,
/// and returns the row count. `what` names one row in messages ("8x8 images").
pub fn rows(name: &str, values: &[f32], width: usize, what: &str) -> Result<usize, Invalid> {
    rows_within(name, values, width, max_rows(width), what)
}

/// `rows` with at most `max` rows.
fn rows_within(name: &str, values: &[f32], width: usize, max: usize, what: &str) -> Result<usize, Invalid> {
    let n = values.len() / width;
    if values.is_empty() || values.len() % width != 0 {
        return invalid!("{name} must hold n*{width} values ({what}), got {} values", values.len());
    }
    if n > max {
        return invalid!("{name} holds {n} rows; at most {max} rows of {width} values fit in one call");
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return invalid!("{name}[{i}] is {}; values must be finite numbers", f32_text(values[i]));
    }
    Ok(n)
}

/// Which values an item may hold: what the model's output can give back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// In [0, 1]: a sigmoid output, trained with binary cross-entropy if `bce` (which Keras
    /// computes for targets in [0, 1] only).
    Unit {
        /// The loss is binary cross-entropy.
        bce: bool,
    },
    /// Any finite value: a linear output.
    Finite,
}

impl Range {
    /// Why `name[i]`, `value`, is refused by a `Unit` range, and what takes it.
    fn refused(name: &str, i: usize, value: f32, bce: bool) -> Invalid {
        // The compact build (lib.rs CLASSIC_ONLY) has one model, no loss or output to change.
        if crate::CLASSIC_ONLY {
            return Invalid(format!("{name}[{i}] is {}; values must be in [0, 1]", f32_text(value)));
        }
        let (why, fix) = if bce {
            ("the output is sigmoid and the loss binary_crossentropy", "output: \"linear\" with loss \"mse\"")
        } else {
            ("the output is sigmoid", "output: \"linear\"")
        };
        Invalid(format!(
            "{name}[{i}] is {}; values must be in [0, 1] because {why}; use {fix} for values outside [0, 1]",
            f32_text(value)
        ))
    }
}

/// What a model's items look like: `width` values each, in `range`; `widest` is the widest row
/// of any buffer a call on them fills (its widest layer), which bounds the rows one call takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Items {
    /// Values per item.
    pub width: usize,
    /// The widest layer of the model, the input included.
    pub widest: usize,
    /// The values accepted.
    pub range: Range,
}

impl Items {
    /// The classic model's: 8x8 images in [0, 1].
    pub const CLASSIC: Items = Items { width: PIXELS, widest: PIXELS, range: Range::Unit { bce: false } };

    /// Checks `values` (n items, in `range`) and returns n.
    pub fn check(&self, name: &str, values: &[f32]) -> Result<usize, Invalid> {
        // The compact build's items are always the classic images (lib.rs CLASSIC_ONLY).
        let wide;
        let what = if crate::CLASSIC_ONLY || self.width == PIXELS {
            CLASSIC_ROWS
        } else {
            wide = format!("n items of {} values, the model's input", self.width);
            &wide
        };
        let n = rows_within(name, values, self.width, max_rows(self.widest), what)?;
        if let Range::Unit { bce } = self.range {
            if let Some(i) = values.iter().position(|v| !(0.0..=1.0).contains(v)) {
                return Err(Range::refused(name, i, values[i], bce));
            }
        }
        Ok(n)
    }
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

/// A data set checked once and kept: n items (n*width finite values) and which of them are
/// held out for testing, so a model can be measured on it every frame without the items being
/// copied in or checked again.
#[derive(Clone, Debug)]
pub struct Images {
    pixels: Vec<f32>,
    width: usize,
    n: usize,
    test: Vec<u32>,
    /// The test items gathered, in `test`'s order: the targets of the test error.
    test_pixels: Vec<f32>,
    /// The first value outside [0, 1], if any: a model with a sigmoid output refuses the set.
    outside_unit: Option<usize>,
}

impl Images {
    /// `pixels` (n*width finite values) and `test`, the indices of the held-out items (at
    /// least one, each below n).
    pub fn new(pixels: Vec<f32>, test: Vec<u32>, width: usize) -> Result<Images, Invalid> {
        let items = Items { width, widest: width, range: Range::Finite };
        let n = items.check("pixels", &pixels)?;
        if test.is_empty() {
            return invalid!("test must name at least one of the {n} images, got none");
        }
        if let Some(i) = test.iter().position(|&t| t as usize >= n) {
            return invalid!("test[{i}] is {}, but the images are numbered 0..{n}", test[i]);
        }
        let test_pixels = gather(&pixels, width, &test);
        let outside_unit = pixels.iter().position(|v| !(0.0..=1.0).contains(v));
        Ok(Images { pixels, width, n, test, test_pixels, outside_unit })
    }

    /// Checks that a model whose items are `items` can be measured on this set: the same width,
    /// values in its range, and few enough rows for its widest layer in one call.
    pub fn check_for(&self, items: &Items) -> Result<(), Invalid> {
        if self.width != items.width {
            return invalid!("images hold items of {} values, but the model's input is {}", self.width, items.width);
        }
        let max = max_rows(items.widest);
        if self.n > max {
            return invalid!("images hold {} rows; this model takes at most {max} in one call", self.n);
        }
        match (items.range, self.outside_unit) {
            (Range::Unit { bce }, Some(i)) => Err(Range::refused("images", i, self.pixels[i], bce)),
            _ => Ok(()),
        }
    }

    /// The number of items.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Values per item.
    pub fn width(&self) -> usize {
        self.width
    }

    /// All the items, n*width values.
    pub fn pixels(&self) -> &[f32] {
        &self.pixels
    }

    /// The held-out items' indices.
    pub fn test(&self) -> &[u32] {
        &self.test
    }

    /// The held-out items, gathered in `test()`'s order.
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
        let check_pixels = |name, values: &[f32]| Items::CLASSIC.check(name, values);
        assert_eq!(check_pixels("x", &[0.5; 128]), Ok(2));
        let msg = |r: Result<usize, Invalid>| r.unwrap_err().0;
        assert!(msg(check_pixels("x", &[0.5; 63])).contains("x must hold n*64 values"));
        assert!(msg(check_pixels("x", &[])).contains("got 0 values"));
        let mut bad = vec![0.0; 64];
        bad[7] = f32::NAN;
        assert!(msg(check_pixels("pixels", &bad)).starts_with("pixels[7] is NaN"));
        bad[7] = 1.5;
        assert_eq!(
            msg(check_pixels("pixels", &bad)),
            "pixels[7] is 1.5; values must be in [0, 1] because the output is sigmoid; use output: \"linear\" for values outside [0, 1]"
        );
        assert!(msg(check_codes("z", &[1.0, 2.0, f32::INFINITY, 0.0])).starts_with("z[2] is inf"));
        assert_eq!(check_codes("z", &[-3.0, 2.0, 9.0, 0.0]), Ok(1));
    }

    #[test]
    fn the_rows_per_call_scale_with_the_width() {
        assert_eq!((max_rows(64), max_rows(784), max_rows(4096)), (MAX_IMAGES, 21_399, 4096));
        let items = Items { width: 5, widest: 1024, range: Range::Finite };
        assert_eq!(items.check("x", &vec![-3.0; 5 * 16_384]), Ok(16_384));
        assert_eq!(
            items.check("x", &vec![-3.0; 5 * 16_385]).unwrap_err().0,
            "x holds 16385 rows; at most 16384 rows of 5 values fit in one call"
        );
    }

    #[test]
    fn a_data_set_is_checked_once_and_its_test_part_gathered() {
        let pixels: Vec<f32> = (0..3 * 64).map(|i| (i / 64) as f32 / 2.0).collect();
        let images = Images::new(pixels, vec![2, 0], 64).unwrap();
        assert_eq!((images.n(), images.test()), (3, &[2, 0][..]));
        assert_eq!(images.test_pixels()[0], 1.0);
        assert_eq!(images.test_pixels()[64], 0.0);
        let msg = |r: Result<Images, Invalid>| r.unwrap_err().0;
        assert!(msg(Images::new(vec![0.0; 64], vec![], 64)).contains("at least one"));
        assert!(msg(Images::new(vec![0.0; 128], vec![0, 2], 64))
            .starts_with("test[1] is 2, but the images are numbered 0..2"));
        assert!(msg(Images::new(vec![0.0; 96], vec![0], 64)).starts_with("pixels must hold n*64 values"));
        // Values outside [0, 1] are kept; a model with a sigmoid output refuses the set.
        let wide = Images::new(vec![2.0; 10], vec![0], 5).unwrap();
        assert_eq!(wide.check_for(&Items { width: 5, widest: 8, range: Range::Finite }), Ok(()));
        assert!(wide
            .check_for(&Items { width: 5, widest: 8, range: Range::Unit { bce: false } })
            .unwrap_err()
            .0
            .starts_with("images[0] is 2; values must be in [0, 1] because the output is sigmoid"));
        assert_eq!(
            wide.check_for(&Items::CLASSIC).unwrap_err().0,
            "images hold items of 5 values, but the model's input is 64"
        );
    }
}
