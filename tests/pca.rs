//! PCA (src/pca.rs, src/jacobi.rs) against the NumPy reference `tests/reference/pca_reference.py`
//! on all 1797 digits, and its round trips, sign convention and rejections. Runs in wasm too.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::Fixture;
use tinyae::jacobi;
use tinyae::pca::Pca;

/// The 1797 digits, pixels / 16, n*64 values.
fn digits() -> Vec<f32> {
    common::digits().0
}

fn reference() -> Fixture {
    Fixture::parse(include_str!("fixtures/pca.txt"))
}

/// The largest |a - b| of two equally long arrays.
fn worst(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max)
}

#[test]
fn matches_numpy_on_all_digits() {
    let (x, f) = (digits(), reference());
    let n = f.int("n") as usize;
    let pca = Pca::fit(&x, n, 64).unwrap();
    assert!(worst(pca.mean(), &f.floats("mean")) < 1e-6, "mean");
    assert!(worst(pca.explained_variance(), &f.floats("explained_variance")) < 1e-6, "variance");
    assert!(worst(pca.explained_variance_ratio(), &f.floats("explained_variance_ratio")) < 1e-6, "ratio");
    // The same sign convention on both sides, so the components compare exactly, not up to sign.
    let kept = f.int("kept") as usize * 64;
    assert!(worst(&pca.components()[..kept], &f.floats("components")) < 1e-5, "components");
}

#[test]
fn rows_of_any_width_match_numpy() {
    // A table of 5 columns (pixels of every digit), as the digits mode fits PCA to the codes.
    let f = Fixture::parse(include_str!("fixtures/pca_rows.txt"));
    let columns: Vec<usize> = f.floats("columns").iter().map(|&c| c as usize).collect();
    let d = columns.len();
    let table: Vec<f32> = digits().chunks_exact(64).flat_map(|image| columns.iter().map(|&c| image[c])).collect();
    let pca = Pca::fit_rows(&table, 1797, d, d).unwrap();
    assert_eq!(pca.columns(), d);
    assert!(worst(pca.mean(), &f.floats("mean")) < 1e-6, "mean");
    assert!(worst(pca.explained_variance(), &f.floats("explained_variance")) < 1e-6, "variance");
    assert!(worst(pca.explained_variance_ratio(), &f.floats("explained_variance_ratio")) < 1e-6, "ratio");
    assert!(worst(pca.components(), &f.floats("components")) < 1e-5, "components");
    let want = f.floats("mse");
    for k in 1..=d {
        let mse = Pca::fit_rows(&table, 1797, d, k).unwrap().reconstruction_mse(&table).unwrap();
        assert!((mse - want[k - 1]).abs() < 1e-6, "{k} components: {mse} vs {}", want[k - 1]);
    }
    let (k, examples) = (f.int("k") as usize, f.int("examples") as usize);
    let pca = Pca::fit_rows(&table, 1797, d, k).unwrap();
    let codes = pca.transform(&table[..examples * d]).unwrap();
    assert!(worst(&codes, &f.floats("codes")) < 1e-5, "codes {codes:?}");
    assert_eq!(pca.inverse_transform(&codes).unwrap().len(), examples * d);
    // Images are rows of 64: fit is fit_rows with 64 columns.
    let x = digits();
    assert_eq!(Pca::fit(&x, 1797, 4).unwrap(), Pca::fit_rows(&x, 1797, 64, 4).unwrap());
}

#[test]
fn the_known_figures() {
    let x = digits();
    let pca = Pca::fit(&x, 1797, 4).unwrap();
    let ratio = pca.explained_variance_ratio();
    assert_eq!(ratio.len(), 4);
    for (got, want) in ratio.iter().zip([0.1489, 0.1362, 0.1179, 0.0841]) {
        assert!((got - want).abs() <= 5e-5, "explained variance ratios {ratio:?}");
    }
    let mse = pca.reconstruction_mse(&x).unwrap();
    assert!((mse - 0.0376).abs() <= 5e-5, "reconstruction MSE {mse}");
}

#[test]
fn reconstruction_mse_for_each_number_of_components() {
    let (x, f) = (digits(), reference());
    let want = f.floats("mse");
    for k in [1, 2, 3, 4, 8, 16, 32, 60, 64] {
        let mse = Pca::fit(&x, 1797, k).unwrap().reconstruction_mse(&x).unwrap();
        assert!((mse - want[k - 1]).abs() < 1e-6, "{k} components: {mse} vs {}", want[k - 1]);
    }
}

#[test]
fn codes_and_reconstructions_match_numpy() {
    let (x, f) = (digits(), reference());
    let (k, examples) = (f.int("k") as usize, f.int("examples") as usize);
    let pca = Pca::fit(&x, 1797, k).unwrap();
    let codes = pca.transform(&x[..examples * 64]).unwrap();
    assert!(worst(&codes, &f.floats("codes")) < 1e-5, "codes {codes:?}");
    let back = pca.inverse_transform(&codes).unwrap();
    assert!(worst(&back, &f.floats("inverse")) < 1e-5, "inverse_transform");
    // The MSE is the mean of what transform and inverse_transform give.
    let all = pca.inverse_transform(&pca.transform(&x).unwrap()).unwrap();
    let mse = x.iter().zip(&all).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>() / x.len() as f64;
    assert!((mse as f32 - pca.reconstruction_mse(&x).unwrap()).abs() < 1e-7);
}

#[test]
fn round_trips_and_orthonormal_axes() {
    let x = digits();
    // With all 64 axes nothing is lost: images come back.
    let full = Pca::fit(&x, 1797, 64).unwrap();
    let back = full.inverse_transform(&full.transform(&x).unwrap()).unwrap();
    assert!(worst(&back, &x) < 1e-5, "64 components lose {}", worst(&back, &x));
    // With fewer, codes come back: the axes are orthonormal.
    let pca = Pca::fit(&x, 1797, 5).unwrap();
    let z: Vec<f32> = (0..40).map(|i| (i as f32 * 0.37).sin() * 2.0).collect();
    let again = pca.transform(&pca.inverse_transform(&z).unwrap()).unwrap();
    assert!(worst(&again, &z) < 1e-5, "codes lose {}", worst(&again, &z));
    let c = full.components();
    for i in 0..64 {
        for j in 0..64 {
            let dot: f32 = (0..64).map(|p| c[i * 64 + p] * c[j * 64 + p]).sum();
            assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-5, "axes {i}, {j}: {dot}");
        }
    }
}

#[test]
fn signs_are_deterministic() {
    let x = digits();
    let pca = Pca::fit(&x, 1797, 16).unwrap();
    for (i, axis) in pca.components().chunks_exact(64).enumerate() {
        let largest = axis.iter().fold(0.0f32, |m, v| if v.abs() > m.abs() { *v } else { m });
        assert!(largest > 0.0, "component {i}: its largest entry is {largest}");
    }
    // The images in another order: the same axes, signs included.
    let reversed: Vec<f32> = x.chunks_exact(64).rev().flatten().copied().collect();
    let other = Pca::fit(&reversed, 1797, 16).unwrap();
    assert!(worst(pca.components(), other.components()) < 1e-5);
    assert_eq!(Pca::fit(&x, 1797, 16).unwrap(), pca, "a second fit differs");
}

/// The n-1 sample covariance of the first n digits, 64x64 f64, computed the plain way.
fn covariance(x: &[f32], n: usize) -> Vec<f64> {
    let mut mean = [0.0f64; 64];
    for image in x[..n * 64].chunks_exact(64) {
        image.iter().zip(&mut mean).for_each(|(v, m)| *m += *v as f64 / n as f64);
    }
    let mut cov = vec![0.0f64; 64 * 64];
    for image in x[..n * 64].chunks_exact(64) {
        for p in 0..64 {
            for q in 0..64 {
                cov[p * 64 + q] += (image[p] as f64 - mean[p]) * (image[q] as f64 - mean[q]) / (n - 1) as f64;
            }
        }
    }
    cov
}

#[test]
fn jacobi_converges_on_the_digits_covariance_in_a_few_sweeps() {
    let cov = covariance(&digits(), 1437); // the 80% a training split holds
    let e = jacobi::symmetric_eigen(&cov, 64);
    assert!((4..=10).contains(&e.sweeps), "{} sweeps", e.sweeps);
    let trace: f64 = (0..64).map(|p| cov[p * 64 + p]).sum();
    assert!((e.values.iter().sum::<f64>() - trace).abs() < 1e-12 * trace);
}

#[test]
fn bad_arguments_are_named() {
    let x = digits();
    let msg = |r: Result<Pca, tinyae::Invalid>| r.expect_err("should be rejected").0;
    let has = |m: String, words: &[&str]| {
        assert!(words.iter().all(|w| m.contains(w)), "message {m:?} should mention {words:?}");
    };
    has(msg(Pca::fit(&x, 1797, 0)), &["components must be 1..=64", "got 0"]);
    has(msg(Pca::fit(&x, 1797, 65)), &["components", "got 65"]);
    has(msg(Pca::fit(&x[..130], 2, 4)), &["x must hold n*64 values", "got 130"]);
    has(msg(Pca::fit(&x[..128], 3, 4)), &["x holds 2 images", "n is 3"]);
    has(msg(Pca::fit(&x[..64], 1, 4)), &["at least 2 images", "got 1"]);
    has(msg(Pca::fit(&[], 0, 4)), &["x must hold", "got 0 values"]);
    let mut nan = x[..256].to_vec();
    nan[70] = f32::NAN;
    has(msg(Pca::fit(&nan, 4, 4)), &["x[70] is NaN"]);
    let pca = Pca::fit(&x[..640], 10, 3).unwrap();
    has(pca.transform(&x[..63]).unwrap_err().0, &["x must hold n*64"]);
    has(pca.transform(&nan).unwrap_err().0, &["x[70] is NaN"]);
    has(pca.reconstruction_mse(&[0.5; 65]).unwrap_err().0, &["x must hold n*64", "got 65"]);
    has(pca.inverse_transform(&[1.0; 4]).unwrap_err().0, &["z must hold n*3 values", "got 4"]);
    has(pca.inverse_transform(&[1.0, f32::INFINITY, 0.0]).unwrap_err().0, &["z[1] is inf"]);
    // Values outside [0, 1] are fine: PCA is not limited to pixels.
    assert_eq!(pca.transform(&[-3.0; 128]).unwrap().len(), 6);
    // Rows of another width are named as rows, with their width.
    has(msg(Pca::fit_rows(&x[..40], 10, 4, 5)), &["components must be 1..=4", "got 5"]);
    has(msg(Pca::fit_rows(&x[..40], 10, 0, 1)), &["columns must be 1..=64", "got 0"]);
    has(msg(Pca::fit_rows(&x[..40], 10, 65, 1)), &["columns must be 1..=64", "got 65"]);
    has(msg(Pca::fit_rows(&x[..41], 10, 4, 2)), &["x must hold n*4 values (n rows of 4 values)", "got 41"]);
    has(msg(Pca::fit_rows(&x[..4], 1, 4, 2)), &["at least 2 rows", "got 1 row"]);
    let rows = Pca::fit_rows(&x[..40], 10, 4, 2).unwrap();
    has(rows.transform(&x[..6]).unwrap_err().0, &["x must hold n*4 values"]);
}

#[test]
fn identical_images_have_no_variance_to_explain() {
    let x = [0.25f32; 64 * 5];
    let pca = Pca::fit(&x, 5, 4).unwrap();
    assert_eq!(pca.explained_variance_ratio(), &[0.0; 4]);
    assert_eq!(pca.explained_variance(), &[0.0; 4]);
    assert_eq!(pca.transform(&x[..64]).unwrap(), vec![0.0; 4]);
    assert_eq!(pca.reconstruction_mse(&x).unwrap(), 0.0);
}

/// Native timing of `fit` on 1437 images, and of its eigen-decomposition alone:
/// `cargo test --release --test pca -- --ignored --nocapture`.
#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore]
fn fit_timing() {
    use std::hint::black_box;
    let x = digits();
    let cov = covariance(&x, 1437);
    let reps = 100;
    let start = std::time::Instant::now();
    for _ in 0..reps {
        black_box(Pca::fit(black_box(&x[..1437 * 64]), 1437, 4).unwrap());
    }
    let fit = start.elapsed().as_secs_f64() * 1e3 / reps as f64;
    let start = std::time::Instant::now();
    for _ in 0..reps {
        black_box(jacobi::symmetric_eigen(black_box(&cov), 64));
    }
    let eigen = start.elapsed().as_secs_f64() * 1e3 / reps as f64;
    println!("fit on 1437 x 64: {fit:.2} ms, of which the 64x64 eigen-decomposition {eigen:.2} ms");
}
