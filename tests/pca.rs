//! PCA (src/pca.rs, src/jacobi.rs, src/subspace.rs) against the NumPy references
//! `tests/reference/pca_reference.py` (all 1797 digits, and narrow tables) and
//! `pca_wide_reference.py` (the digits at 28x28 and projected to 300 columns), and its round
//! trips, sign convention and rejections. Runs in wasm too, where the wide fits must equal the
//! native ones to the bit.

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

/// The largest relative difference of `got` from `want` (both positive).
fn worst_relative(got: &[f32], want: &[f32]) -> f32 {
    assert_eq!(got.len(), want.len());
    got.iter().zip(want).map(|(g, w)| ((g - w) / w).abs()).fold(0.0, f32::max)
}

/// The wide data sets of `fixtures/pca_wide.txt` (checked to be the reference's), each with
/// the numbers of components fitted: the largest, which forms the scatter matrix, and a few,
/// which multiply through the rows (`scatter::Scatter::new` chooses).
fn wide_sets(f: &Fixture) -> Vec<(&'static str, Vec<f32>, [usize; 2])> {
    use common::wide::{check, digits28_levels, digits300_levels, values};
    let sets = [("digits28", digits28_levels(), 255.0, [64, 16]), ("digits300", digits300_levels(), 7140.0, [64, 3])];
    sets.into_iter()
        .map(|(name, levels, scale, ks)| {
            let want: Vec<i64> = f.words(&format!("{name}_check")).iter().map(|w| w.parse().unwrap()).collect();
            assert_eq!(check(&levels).to_vec(), want, "{name}: not the data the reference fitted");
            (name, values(&levels, scale), ks)
        })
        .collect()
}

#[test]
fn wide_rows_match_numpy_svd() {
    let f = Fixture::parse(include_str!("fixtures/pca_wide.txt"));
    let n = f.int("n") as usize;
    for (name, x, ks) in wide_sets(&f) {
        let d = x.len() / n;
        let (variance, ratio) = (f.floats(&format!("{name}_variance")), f.floats(&format!("{name}_ratio")));
        let compared: Vec<usize> = f.words(&format!("{name}_compared")).iter().map(|w| w.parse().unwrap()).collect();
        let components = f.floats(&format!("{name}_components"));
        for k in ks {
            let pca = Pca::fit_rows(&x, n, d, k).unwrap();
            assert_eq!((pca.columns(), pca.n_components()), (d, k));
            let variance_off = worst_relative(pca.explained_variance(), &variance[..k]);
            let ratio_off = worst_relative(pca.explained_variance_ratio(), &ratio[..k]);
            // Up to sign, though both sides sign the same way: a flip would show as a 2.
            let mut component_off = 0.0f32;
            for (c, want) in compared.iter().zip(components.chunks_exact(d)).filter(|(&c, _)| c < k) {
                let got = &pca.components()[c * d..(c + 1) * d];
                let flipped: Vec<f32> = got.iter().map(|v| -v).collect();
                component_off = component_off.max(worst(got, want).min(worst(&flipped, want)));
            }
            println!("{name} k={k}: variance within {variance_off:.1e} relative, ratio {ratio_off:.1e}, components {component_off:.1e}");
            assert!(
                variance_off < 1e-4 && ratio_off < 1e-4,
                "{name} k={k}: variance {variance_off}, ratio {ratio_off}"
            );
            assert!(component_off < 1e-3, "{name} k={k}: components {component_off}");
        }
    }
}

/// FNV-1a over the bits of a fit: its mean, variances, ratios and components.
fn digest(pca: &Pca) -> u64 {
    let parts = [pca.mean(), pca.explained_variance(), pca.explained_variance_ratio(), pca.components()];
    parts
        .iter()
        .flat_map(|p| p.iter())
        .flat_map(|v| v.to_bits().to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The wide fits pinned bit for bit: 400 rows of each wide set, through the rows (digits28,
/// 8 components) and through the formed scatter matrix (digits300, 40 components).
fn pinned_wide_fits() -> Vec<(String, u64)> {
    let f = Fixture::parse(include_str!("fixtures/pca_wide.txt"));
    wide_sets(&f)
        .into_iter()
        .zip([8, 40])
        .map(|((name, x, _), k)| {
            let d = x.len() / 1797;
            (format!("{name}_k{k}"), digest(&Pca::fit_rows(&x[..400 * d], 400, d, k).unwrap()))
        })
        .collect()
}

#[test]
fn wide_fits_are_the_same_natively_and_in_wasm() {
    let fits = pinned_wide_fits();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("TINYAE_BLESS").is_some() {
        const PINNED: &str = "tests/fixtures/pca_wide_bits.txt";
        let mut text =
            String::from("# written by `TINYAE_BLESS=1 cargo test --test pca`: FNV-1a of each fit's f32 bits\n");
        fits.iter().for_each(|(key, digest)| text += &format!("{key} {digest:016x}\n"));
        std::fs::write(PINNED, text).unwrap();
    }
    let want = Fixture::parse(include_str!("fixtures/pca_wide_bits.txt"));
    for (key, digest) in fits {
        assert_eq!(format!("{digest:016x}"), want.words(&key)[0], "{key}: not the native fit's bits");
    }
}

#[test]
fn wide_fits_are_orthonormal_and_reconstruct_what_they_leave_out() {
    let x = common::wide::values(&common::wide::digits300_levels(), 7140.0);
    let (n, d, k) = (1797, 300, 20);
    let pca = Pca::fit_rows(&x, n, d, k).unwrap();
    let c = pca.components();
    for i in 0..k {
        for j in 0..k {
            let dot: f32 = (0..d).map(|p| c[i * d + p] * c[j * d + p]).sum();
            assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-5, "axes {i}, {j}: {dot}");
        }
    }
    // What k axes leave out is the rest of the variance: mse * d = (total - kept) (n - 1) / n.
    let total = pca.explained_variance()[0] as f64 / pca.explained_variance_ratio()[0] as f64;
    let kept: f64 = pca.explained_variance().iter().map(|&v| v as f64).sum();
    let want = (total - kept) * (n - 1) as f64 / n as f64 / d as f64;
    let mse = pca.reconstruction_mse(&x).unwrap() as f64;
    assert!((mse - want).abs() < 1e-4 * want, "mse {mse}, left out {want}");
    let codes = pca.transform(&x[..3 * d]).unwrap();
    assert_eq!(pca.inverse_transform(&codes).unwrap().len(), 3 * d);
}

#[test]
fn wide_rows_of_low_rank_and_without_variance() {
    // 6 rows of 100 values: rank 5 about their mean, so a sixth axis has no variance.
    let (n, d) = (6, 100);
    let x: Vec<f32> = (0..n * d).map(|i| ((i * 7919) % 113) as f32 / 113.0).collect();
    let pca = Pca::fit_rows(&x, n, d, 6).unwrap();
    let v = pca.explained_variance();
    assert!(v[4] > 1e-3 && v[5] < 1e-6 * v[0], "{v:?}");
    let ratio: f32 = pca.explained_variance_ratio().iter().sum();
    assert!((ratio - 1.0).abs() < 1e-5, "ratios sum to {ratio}");
    let back = pca.inverse_transform(&pca.transform(&x).unwrap()).unwrap();
    assert!(worst(&back, &x) < 1e-5, "5 axes and the mean lose {}", worst(&back, &x));
    // Identical rows: nothing to explain, and no NaN.
    let same = vec![0.5f32; 4 * 70];
    let pca = Pca::fit_rows(&same, 4, 70, 3).unwrap();
    assert_eq!(pca.explained_variance(), &[0.0; 3]);
    assert_eq!(pca.explained_variance_ratio(), &[0.0; 3]);
    assert!(pca.components().iter().all(|v| v.is_finite()));
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
    has(msg(Pca::fit_rows(&x[..40], 10, 0, 1)), &["columns must be 1..=4096", "got 0"]);
    has(msg(Pca::fit_rows(&x[..40], 10, 4097, 1)), &["columns must be 1..=4096", "got 4097"]);
    has(msg(Pca::fit_rows(&x[..41], 10, 4, 2)), &["x must hold n*4 values (n rows of 4 values)", "got 41"]);
    has(msg(Pca::fit_rows(&x[..4], 1, 4, 2)), &["at least 2 rows", "got 1 row"]);
    // Wide rows: at most 64 components, and no more than the rows.
    let wide = vec![0.5f32; 10 * 100];
    has(msg(Pca::fit_rows(&wide, 10, 100, 65)), &["components must be 1..=64", "got 65"]);
    has(msg(Pca::fit_rows(&wide, 10, 100, 11)), &["components must be at most the number of rows, 10", "got 11"]);
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

/// Native timing of wide fits on 10,000 rows of 784 (the digits at 28x28, cycled, each level
/// moved by up to +-8 by seeded noise): `cargo test --release --test pca -- --ignored --nocapture`.
#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore]
fn wide_fit_timing() {
    let levels = common::wide::digits28_levels();
    let mut rng = tinyae::rng::Rng::new(5);
    let n = 10_000;
    let x: Vec<f32> = (0..n * 784)
        .map(|i| (levels[i % levels.len()] + rng.below(17) as i64 - 8).clamp(0, 255) as f32 / 255.0)
        .collect();
    for k in [2, 16, 64] {
        let start = std::time::Instant::now();
        let pca = Pca::fit_rows(&x, n, 784, k).unwrap();
        let ms = start.elapsed().as_secs_f64() * 1e3;
        println!(
            "fit_rows on {n} x 784, {k} components: {ms:.0} ms (ratio of the first {})",
            pca.explained_variance_ratio()[0]
        );
    }
}
