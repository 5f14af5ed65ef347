//! The fast kernels equal the scalar reference to the bit, and the reference equals the math.
//! Natively the fast path is the scalar one; `wasm-pack test` with `+simd128` runs this file
//! against the simd128 path (see scripts/test.sh).

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::{bits_of, uniform};
use tinyae::kernels::{fast, scalar, Act, AdamStep, Strided};
use tinyae::rng::Rng;

/// Every activation (tanh and elu run the scalar code in both builds).
const ALL_ACTS: [Act; 5] = [Act::Linear, Act::Relu, Act::Sigmoid, Act::Tanh, Act::Elu];

/// Runs both paths on one shape, outputs pre-filled with NaN so an unwritten element shows.
fn check_matmul(rng: &mut Rng, n: usize, k: usize, m: usize, transposed: bool, bias: bool, act: Act) {
    let a = uniform(rng, n * k, -2.0, 2.0);
    let b = uniform(rng, k * m, -1.0, 1.0);
    let bias_values = uniform(rng, m, -0.5, 0.5);
    let view = if transposed { Strided::transposed(&a, n) } else { Strided::rows(&a, k) };
    let bias = bias.then_some(&bias_values[..]);
    let (mut want, mut got) = (vec![f32::NAN; n * m], vec![f32::NAN; n * m]);
    scalar::matmul(&mut want, view, &b, bias, n, k, m);
    scalar::activate(&mut want, act);
    fast::matmul(&mut got, view, &b, bias, n, k, m);
    fast::activate(&mut got, act);
    assert_eq!(bits_of(&got), bits_of(&want), "n={n} k={k} m={m} {act:?} transposed={transposed}");
    // The reference itself against the math in f64.
    for i in 0..n {
        for j in 0..m {
            let mut sum = bias.map_or(0.0, |b| b[j] as f64);
            for p in 0..k {
                sum += view.at(i, p) as f64 * b[p * m + j] as f64;
            }
            let exact = match act {
                Act::Linear => sum,
                Act::Relu => sum.max(0.0),
                Act::Sigmoid => 1.0 / (1.0 + (-sum).exp()),
                Act::Tanh => sum.tanh(),
                Act::Elu => {
                    if sum > 0.0 {
                        sum
                    } else {
                        sum.exp_m1()
                    }
                }
            };
            let tolerance = 1e-5 * (1.0 + (k as f64) * 2.0);
            assert!((want[i * m + j] as f64 - exact).abs() <= tolerance, "n={n} k={k} m={m} ({i},{j})");
        }
    }
}

#[test]
fn matmul_every_small_shape() {
    let mut rng = Rng::new(1);
    for n in 0..=12 {
        for k in 0..=12 {
            for m in 0..=12 {
                let act = ALL_ACTS[(n + k + m) % ALL_ACTS.len()];
                check_matmul(&mut rng, n, k, m, (n + m) % 2 == 0, k % 2 == 0, act);
            }
        }
    }
}

#[test]
fn matmul_odd_and_model_shapes() {
    let mut rng = Rng::new(2);
    let shapes = [
        (33, 17, 65),
        (1, 64, 16),
        (32, 64, 16),
        (32, 16, 4),
        (32, 4, 16),
        (32, 16, 64),
        (16, 32, 64),
        (7, 31, 29),
        (5, 3, 100),
    ];
    for (n, k, m) in shapes {
        for act in ALL_ACTS {
            for (transposed, bias) in [(false, true), (true, false)] {
                check_matmul(&mut rng, n, k, m, transposed, bias, act);
            }
        }
    }
}

#[test]
fn matmul_wide_shapes() {
    // Wide models' training shapes (784 x 256 forward, its weight gradient and delta W^T either
    // way round, a 50-unit layer's ragged edge, the 2-unit latent) and the simd128 path's
    // slices of the sum (at most 256 terms each, equal in length: 257 is 129 + 128).
    let mut rng = Rng::new(5);
    let shapes = [
        (32, 784, 256),
        (784, 32, 256),
        (32, 256, 784),
        (256, 784, 32),
        (32, 784, 50),
        (50, 32, 784),
        (32, 50, 2),
        (2, 32, 50),
        (3, 257, 9),
        (5, 513, 18),
        (17, 512, 803),
        (1, 1000, 3),
        (801, 1, 5),
        (33, 300, 1024),
        (1030, 33, 20),
    ];
    for (s, (n, k, m)) in shapes.into_iter().enumerate() {
        for (transposed, bias) in [(false, true), (true, false)] {
            check_matmul(&mut rng, n, k, m, transposed, bias, ALL_ACTS[s % ALL_ACTS.len()]);
        }
    }
}

#[test]
fn matmul_packed_panels() {
    // The simd128 path copies each panel of `b` (16 columns, 4 at the edges, 1 to 3 at the last)
    // to a buffer before its blocks read it: widths around one to three panels, row counts
    // that leave 1 to 3 rows after the 2- and 4-row blocks, sums in 1 to 4 slices.
    let mut rng = Rng::new(7);
    let mut case = 0;
    for m in [15, 16, 17, 19, 20, 31, 32, 33, 35, 47, 48, 50] {
        for n in [1, 2, 3, 5] {
            for k in [1, 2, 256, 257, 769] {
                case += 1;
                check_matmul(&mut rng, n, k, m, case % 2 == 0, case % 3 != 0, ALL_ACTS[case % ALL_ACTS.len()]);
            }
        }
    }
}

#[test]
fn matmul_wide_factor_blocks() {
    // From 128 columns of `b` the simd128 path copies `a` too (src/kernels/simd128/packed.rs):
    // 2-row blocks and a last single row, chunks of 32 rows (128 when a slice has at most 32
    // terms), slices of at most 128 terms, loops of 8 terms with 0 to 7 left over, 16-column
    // panels with 1 to 15 columns left over.
    let mut rng = Rng::new(8);
    let mut case = 0;
    for m in [128, 131, 143, 144, 161] {
        for n in [2, 3, 33, 65, 130] {
            for k in [1, 2, 9, 16, 17, 129, 300] {
                case += 1;
                check_matmul(&mut rng, n, k, m, case % 2 == 0, case % 3 != 0, ALL_ACTS[case % ALL_ACTS.len()]);
            }
        }
    }
}

/// `fast::transpose` of `src (rows x cols)` into a new NaN-filled buffer.
fn transposed(src: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut dst = vec![f32::NAN; rows * cols];
    fast::transpose(src, rows, cols, &mut dst);
    dst
}

#[test]
fn delta_times_kernel_transposed_either_way_round() {
    // src/dense.rs takes back = delta W^T as delta times W transposed, or, when the batch is
    // small beside the layer, as (W times delta transposed) transposed: the same products
    // (x * y == y * x) summed in the same order, so the same bits, in both paths.
    let mut rng = Rng::new(6);
    for (n, fan_in, fan_out) in [(32, 256, 784), (16, 784, 50), (33, 7, 801), (1, 5, 3), (20, 1, 9)] {
        let delta = uniform(&mut rng, n * fan_out, -1.0, 1.0);
        let w = uniform(&mut rng, fan_in * fan_out, -1.0, 1.0);
        let (mut want, mut direct) = (vec![f32::NAN; n * fan_in], vec![f32::NAN; n * fan_in]);
        let w_t = transposed(&w, fan_in, fan_out);
        scalar::matmul(&mut want, Strided::rows(&delta, fan_out), &w_t, None, n, fan_out, fan_in);
        fast::matmul(&mut direct, Strided::rows(&delta, fan_out), &w_t, None, n, fan_out, fan_in);
        let mut back_t = vec![f32::NAN; fan_in * n];
        let delta_t = transposed(&delta, n, fan_out);
        fast::matmul(&mut back_t, Strided::rows(&w, fan_out), &delta_t, None, fan_in, fan_out, n);
        let round = transposed(&back_t, fan_in, n);
        assert_eq!(bits_of(&direct), bits_of(&want), "{n} x {fan_in} x {fan_out} directly");
        assert_eq!(bits_of(&round), bits_of(&want), "{n} x {fan_in} x {fan_out} the other way round");
    }
}

#[test]
fn matmul_with_ones_sums_columns() {
    let b = [1.0, 2.0, 3.0, 4.0, 5.0, 10.0, 20.0, 30.0, 40.0, 50.0];
    let mut sums = [f32::NAN; 5];
    fast::matmul(&mut sums, Strided::ones(), &b, None, 1, 2, 5);
    assert_eq!(sums, [11.0, 22.0, 33.0, 44.0, 55.0]);
}

#[test]
fn activations_at_the_edges_agree() {
    // Extreme and signed-zero inputs, through the vector loop and the scalar tail.
    let x = [-0.0f32, 0.0, -1e30, 1e30, f32::MIN_POSITIVE, -100.0, 88.5, -87.5, 1e-3, -3.0, 17.0];
    for act in ALL_ACTS {
        let (mut want, mut got) = (x, x);
        scalar::activate(&mut want, act);
        fast::activate(&mut got, act);
        assert_eq!(bits_of(&got), bits_of(&want), "{act:?}");
        assert!(got.iter().all(|v| v.is_finite()), "{act:?} {got:?}");
    }
}

#[test]
fn adam_every_length() {
    let mut rng = Rng::new(3);
    let step = AdamStep { alpha: 3e-3, one_minus_beta1: 0.1, one_minus_beta2: 1e-3, epsilon: 1e-7 };
    for len in (0..=40).chain([2276]) {
        let g = uniform(&mut rng, len, -1.0, 1.0);
        let w = uniform(&mut rng, len, -1.0, 1.0);
        let m = uniform(&mut rng, len, -0.1, 0.1);
        let v = uniform(&mut rng, len, 0.0, 0.01);
        let (mut w1, mut m1, mut v1) = (w.clone(), m.clone(), v.clone());
        let (mut w2, mut m2, mut v2) = (w, m, v);
        scalar::adam(&mut w1, &g, &mut m1, &mut v1, step);
        fast::adam(&mut w2, &g, &mut m2, &mut v2, step);
        assert_eq!(bits_of(&w2), bits_of(&w1), "len {len}");
        assert_eq!(bits_of(&m2), bits_of(&m1), "len {len}");
        assert_eq!(bits_of(&v2), bits_of(&v1), "len {len}");
    }
}

#[test]
fn this_build_runs_the_expected_path() {
    // scripts/test.sh says which path each build must run, so a lost `+simd128` flag fails here
    // instead of silently comparing the scalar path with itself.
    if let Some(want) = option_env!("TINYAE_EXPECT_KERNELS") {
        assert_eq!(tinyae::kernels::PATH, want);
    }
}

#[test]
fn transpose_small_and_wide_shapes() {
    let mut rng = Rng::new(4);
    let wide = [(784, 256), (32, 801), (803, 5)];
    for (rows, cols) in (0..=13).flat_map(|r| (0..=13).map(move |c| (r, c))).chain(wide) {
        let src = uniform(&mut rng, rows * cols, -1.0, 1.0);
        let mut want = vec![f32::NAN; rows * cols];
        scalar::transpose(&src, rows, cols, &mut want);
        assert_eq!(bits_of(&transposed(&src, rows, cols)), bits_of(&want), "{rows}x{cols}");
        for (r, c) in (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c))) {
            assert_eq!(want[c * rows + r], src[r * cols + c]);
        }
    }
}

#[test]
fn variant_runs_match_the_native_ones() {
    // Every option (activations, losses, optimizers, L1, noise) through this build's kernels.
    common::check_variant_runs(include_str!("fixtures/native_runs_variants.txt"));
}
