//! Whole training runs: determinism, the classic example's outcome across seeds, and the
//! pinned native runs that the wasm builds must reproduce bit for bit.

mod common;

use common::{bits_of, check_pinned_runs, pinned_runs, PINNED};
use tinyae::layout::LATENT;
use tinyae::Trainer;

const NATIVE_RUNS: &str = "tests/fixtures/native_runs.txt";
const VARIANT_RUNS: &str = "tests/fixtures/native_runs_variants.txt";

#[test]
fn same_seed_same_weights_other_seed_other_weights() {
    let run = |seed| {
        let mut t = Trainer::new(seed).unwrap();
        t.set_data(&common::uniform(&mut tinyae::rng::Rng::new(5), 10 * 64, 0.0, 1.0)).unwrap();
        t.set_batch_size(4).unwrap();
        t.train(50).unwrap();
        (bits_of(t.weights()), t.epoch(), t.step())
    };
    assert_eq!(run(3), run(3));
    assert_ne!(run(3).0, run(4).0);
    assert_eq!((run(3).1, run(3).2), (16, 50), "10 images in batches of 4: 3 steps an epoch");
}

#[test]
fn classic_four_1000_epochs_across_seeds() {
    let (mut good, mut dead) = (0, 0);
    for seed in 0..20 {
        let mut t = Trainer::new(seed).unwrap();
        t.train(1000).unwrap();
        assert_eq!(t.epoch(), 1000, "one image: one step is one epoch");
        let loss = t.loss();
        assert_eq!(t.evaluate(t.data()).unwrap(), loss, "the data set's loss, either way");
        let code = t.encode(t.data()).unwrap();
        if loss < 1e-4 {
            good += 1;
        } else {
            // KERAS.md: the seeds that fail are those whose 4-unit bottleneck died.
            assert!(code.iter().all(|&z| z == 0.0), "seed {seed}: loss {loss} with a live code {code:?}");
            assert_eq!(code.len(), LATENT);
            dead += 1;
        }
    }
    eprintln!("classic: {good} of 20 seeds reach MSE < 1e-4, {dead} dead");
    assert!(good >= 13, "{good} of 20 seeds reach MSE < 1e-4 ({dead} dead bottlenecks)");
}

#[test]
fn pinned_runs_match_the_native_fixture() {
    if std::env::var_os("TINYAE_BLESS").is_some() {
        let mut text = String::from("# written by `TINYAE_BLESS=1 cargo test --test training`: f32 bits in hex\n");
        for ((weights, losses), (wkey, lkey)) in pinned_runs().iter().zip(PINNED) {
            for (key, values) in [(wkey, weights), (lkey, losses)] {
                let hex: Vec<String> = bits_of(values).iter().map(|b| format!("{b:08x}")).collect();
                text += &format!("{key} {}\n", hex.join(" "));
            }
        }
        std::fs::write(NATIVE_RUNS, text).unwrap();
    }
    check_pinned_runs(&std::fs::read_to_string(NATIVE_RUNS).unwrap());
}

#[test]
fn pinned_variant_runs_match_their_fixture() {
    if std::env::var_os("TINYAE_BLESS").is_some() {
        std::fs::write(VARIANT_RUNS, common::variant_runs_text()).unwrap();
    }
    common::check_variant_runs(&std::fs::read_to_string(VARIANT_RUNS).unwrap());
}

#[test]
fn survey_is_encode_and_evaluate_in_one_call_to_the_bit() {
    use tinyae::data::{split, Images};
    use tinyae::network::Loss;
    let (pixels, _) = common::digits();
    let (test, train) = split(1797, 360, 0);
    let images = Images::new(pixels.clone(), test.clone(), 64).unwrap();
    let test_pixels = tinyae::data::gather(&pixels, 64, &test);
    let bce = tinyae::Options { loss: Loss::BinaryCrossentropy, ..Default::default() };
    let vae = tinyae::Options { latent: 2, ..tinyae::Options::vae() };
    for (name, options) in [("mse", tinyae::Options::default()), ("bce", bce), ("variational", vae)] {
        let mut t = Trainer::with_options(2, options).unwrap();
        t.set_data(&tinyae::data::gather(&pixels, 64, &train)).unwrap();
        t.train(57).unwrap();
        let survey = t.survey(&images).unwrap();
        assert_eq!(bits_of(&survey.codes), bits_of(&t.encode(&pixels).unwrap()), "{name}: codes");
        let error = survey.test_error;
        assert_eq!(error.to_bits(), t.evaluate(&test_pixels).unwrap().to_bits(), "{name}: {error}");
        // The MSE of what the model draws for each test image (from its means), in f64 here.
        let recon = t.decode(&t.encode(&test_pixels).unwrap()).unwrap();
        let mse = recon.iter().zip(&test_pixels).map(|(&r, &x)| (r as f64 - x as f64).powi(2)).sum::<f64>()
            / test_pixels.len() as f64;
        assert!((survey.test_mse as f64 - mse).abs() < 1e-6 * mse, "{name}: test MSE {} vs {mse}", survey.test_mse);
    }
}

#[test]
fn corrupt_draws_the_models_noise_from_its_own_seed_and_leaves_training_alone() {
    use tinyae::options::Noise;
    let (pixels, _) = common::digits();
    let x = &pixels[..64 * 50];
    let noisy_options = |noise| tinyae::Options { noise: Some(noise), ..Default::default() };
    let mask = Trainer::with_options(2, noisy_options(Noise::Mask(0.25))).unwrap();
    let masked = mask.corrupt(x, 7).unwrap();
    assert_eq!(bits_of(&masked), bits_of(&mask.corrupt(x, 7).unwrap()), "same seed, same noise");
    assert_ne!(bits_of(&masked), bits_of(&mask.corrupt(x, 8).unwrap()), "another seed, other noise");
    let zeroed = masked.iter().zip(x).filter(|(&m, &p)| m == 0.0 && p != 0.0).count();
    let lit = x.iter().filter(|&&p| p != 0.0).count();
    let share = zeroed as f64 / lit as f64;
    assert!((share - 0.25).abs() < 0.05, "a mask of 0.25 zeroes about a quarter of the lit pixels: {share}");
    assert!(masked.iter().zip(x).all(|(&m, &p)| m == 0.0 || m == p), "a mask only zeroes pixels");
    let gauss = Trainer::with_options(2, noisy_options(Noise::Gaussian(0.3))).unwrap();
    let noisy = gauss.corrupt(x, 7).unwrap();
    assert!(noisy.iter().all(|v| (0.0..=1.0).contains(v)), "clipped to [0, 1] as Keras's example does");
    assert!(noisy.iter().zip(x).any(|(a, b)| a != b));
    let clean = Trainer::new(2).unwrap();
    assert_eq!(bits_of(&clean.corrupt(x, 7).unwrap()), bits_of(x), "no noise: the images as they are");
    // Drawing the gallery's noise does not move the training stream.
    let mut a = Trainer::with_options(2, noisy_options(Noise::Mask(0.25))).unwrap();
    let mut b = Trainer::with_options(2, noisy_options(Noise::Mask(0.25))).unwrap();
    a.set_data(x).unwrap();
    b.set_data(x).unwrap();
    a.corrupt(x, 3).unwrap();
    assert_eq!(a.train(5).unwrap().to_bits(), b.train(5).unwrap().to_bits());
    assert!(a.corrupt(&x[..63], 3).is_err(), "a partial image is refused");
}

/// Keras's `Mean` loss tracker over one epoch's batches, in float32: total += loss * size.
fn keras_epoch_mean(batches: &[(f32, usize)]) -> f32 {
    let (mut total, mut count) = (0.0f32, 0.0f32);
    for &(loss, size) in batches {
        total += loss * size as f32;
        count += size as f32;
    }
    total / count
}

#[test]
fn train_epochs_is_keras_fit_epochs_with_the_batch_weighted_mean() {
    let data = common::uniform(&mut tinyae::rng::Rng::new(5), 10 * 64, 0.0, 1.0);
    let model = || {
        let mut t = Trainer::new(3).unwrap();
        t.set_data(&data).unwrap();
        t.set_batch_size(4).unwrap();
        t
    };
    let mut by_epochs = model();
    let losses = by_epochs.train_epochs(3).unwrap();
    // 10 images in batches of 4: 4, 4, 2, so 3 steps an epoch, the last batch counting half.
    assert_eq!((by_epochs.epoch(), by_epochs.step()), (3, 9));
    let mut by_steps = model();
    let wanted: Vec<f32> =
        (0..3).map(|_| keras_epoch_mean(&[4, 4, 2].map(|size| (by_steps.train(1).unwrap(), size)))).collect();
    assert_eq!(bits_of(&losses), bits_of(&wanted));
    assert_eq!(bits_of(by_epochs.weights()), bits_of(by_steps.weights()));
    // From the middle of an epoch, the first is the rest of it.
    by_steps.train(1).unwrap();
    by_steps.train_epochs(1).unwrap();
    assert_eq!((by_steps.epoch(), by_steps.step()), (4, 12));
    assert!(by_steps.train_epochs(0).unwrap_err().0.starts_with("epochs must be a whole number"));
}

#[test]
fn train_epochs_that_diverges_is_undone_as_a_whole() {
    let mut t = Trainer::new(3).unwrap();
    t.train_epochs(2).unwrap();
    let before = (bits_of(t.weights()), t.epoch(), t.step());
    t.set_learning_rate(1e38).unwrap();
    assert!(t.train_epochs(50).unwrap_err().0.contains("training diverged"));
    assert_eq!((bits_of(t.weights()), t.epoch(), t.step()), before);
}
