//! The `input` option (issue 26): items of any width from 1 to `MAX_INPUT` values, in [0, 1]
//! for a sigmoid output and any finite value for a linear one; layers and calls as wide as the
//! limits say. Each refusal is checked by its message and leaves the model as it was.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::{bits_of, uniform};
use tinyae::data::{max_rows, Images, MAX_CALL_VALUES};
use tinyae::kernels::Act;
use tinyae::network::Loss;
use tinyae::options::{MAX_HIDDEN_LAYERS, MAX_INPUT, MAX_LATENT, MAX_WIDTH};
use tinyae::rng::Rng;
use tinyae::{Invalid, Options, Trainer};

fn model(options: Options) -> Trainer {
    Trainer::with_options(3, options).unwrap()
}

/// The refusal's message, after checking that the call changed nothing.
fn refused<T: std::fmt::Debug>(t: &Trainer, call: impl FnOnce(&mut Trainer) -> Result<T, Invalid>) -> String {
    let mut u = t.clone();
    let msg = call(&mut u).expect_err("should be refused").0;
    assert_eq!(bits_of(u.weights()), bits_of(t.weights()), "{msg}");
    assert_eq!((bits_of(u.data()), u.step(), u.epoch()), (bits_of(t.data()), t.step(), t.epoch()), "{msg}");
    msg
}

#[test]
fn every_call_follows_the_input_width() {
    let o = Options { input: 5, encoder: vec![8], latent: 2, output: Act::Linear, ..Options::default() };
    let mut t = model(o);
    assert_eq!((t.input(), t.options().input, t.n_params()), (5, 5, 5 * 8 + 8 + 8 * 2 + 2 + 2 * 8 + 8 + 8 * 5 + 5));
    let table = uniform(&mut Rng::new(1), 7 * 5, -3.0, 3.0);
    t.set_data(&table).unwrap();
    assert!(t.train(20).unwrap().is_finite());
    assert_eq!(t.reconstruct(&table).unwrap().len(), 7 * 5);
    assert_eq!(t.encode(&table).unwrap().len(), 7 * 2);
    assert_eq!(t.decode(&[0.5, -1.0]).unwrap().len(), 5);
    assert_eq!(t.activations(&table[..5], &[]).unwrap().len(), 8 + 2 + 8 + 5);
    assert!(t.evaluate(&table).unwrap() > 0.0 && t.evaluate_terms_without(&table, &[]).is_ok());
    assert_eq!(t.corrupt(&table, 1).unwrap(), table, "no noise: the items as they are");
    assert_eq!(t.loss().to_bits(), t.evaluate(&table).unwrap().to_bits());
    // Keras order at width 5: the first kernel is 5 x 8, the last 8 x 5 then 5 biases.
    let w = t.weights().to_vec();
    let mut u = model(Options { input: 5, encoder: vec![8], latent: 2, output: Act::Linear, ..Options::default() });
    u.set_weights(&w).unwrap();
    assert_eq!(bits_of(&u.reconstruct(&table).unwrap()), bits_of(&t.reconstruct(&table).unwrap()));
    let vae = Options { input: 300, encoder: vec![16], latent: 2, ..Options::vae() };
    let mut v = model(vae);
    assert_eq!(v.sample(3).unwrap().len(), 900);
    assert_eq!(v.encode_log_var(&[0.5; 600]).unwrap().len(), 4);
}

#[test]
fn a_length_that_is_not_a_multiple_of_the_input_is_refused_naming_both() {
    let t = model(Options { input: 784, encoder: vec![32], latent: 2, ..Options::default() });
    let msg = refused(&t, |t| t.set_data(&[0.5; 1000]));
    assert_eq!(msg, "pixels must hold n*784 values (n items of 784 values, the model's input), got 1000 values");
    assert!(refused(&t, |t| t.encode(&[0.5; 64])).starts_with("x must hold n*784 values"));
    assert!(refused(&t, |t| t.reconstruct(&[0.5; 785])).contains("got 785 values"));
    assert!(refused(&t, |t| t.evaluate(&[])).contains("got 0 values"));
    assert!(refused(&t, |t| t.decode(&[0.5; 3])).starts_with("z must hold n*2 values"));
}

#[test]
fn thirty_two_wide_rows_are_not_taken_as_sixty_four_wide_ones() {
    // 6 rows of 32 values: 192 values, a multiple of 64 too. The 32-wide model takes them as 6
    // items; the classic one sees 3 of its 64-wide images, which is all a length can say, and
    // a 40-wide model refuses them, naming both numbers.
    let rows: Vec<f32> = (0..6 * 32).map(|i| (i % 7) as f32 / 7.0).collect();
    let mut narrow = model(Options { input: 32, ..Options::default() });
    narrow.set_data(&rows).unwrap();
    assert_eq!(narrow.encode(&rows).unwrap().len(), 6 * 4);
    assert_eq!(narrow.reconstruct(&rows).unwrap().len(), 192);
    assert_eq!(model(Options::default()).encode(&rows).unwrap().len(), 3 * 4);
    let odd = model(Options { input: 40, ..Options::default() });
    assert!(refused(&odd, |t| t.set_data(&rows))
        .starts_with("pixels must hold n*40 values (n items of 40 values, the model's input), got 192 values"));
    let msg = refused(&narrow, |t| t.set_data(&rows[..5 * 32 + 16]));
    assert!(msg.contains("n*32") && msg.contains("got 176 values"), "{msg}");
}

#[test]
fn the_value_rule_follows_the_output() {
    let negative = [-3.2f32, 0.5, 0.25, 1.0, 0.0];
    let sigmoid = model(Options { input: 5, ..Options::default() });
    assert_eq!(
        refused(&sigmoid, |t| t.set_data(&negative)),
        "pixels[0] is -3.2; values must be in [0, 1] because the output is sigmoid; use output: \"linear\" for values outside [0, 1]"
    );
    let bce = model(Options { input: 5, loss: Loss::BinaryCrossentropy, ..Options::default() });
    assert_eq!(
        refused(&bce, |t| t.encode(&[0.0, 0.0, 0.0, 1.5, 0.0])),
        "x[3] is 1.5; values must be in [0, 1] because the output is sigmoid and the loss binary_crossentropy; use output: \"linear\" with loss \"mse\" for values outside [0, 1]"
    );
    let vae = model(Options { input: 5, ..Options::vae() });
    assert!(refused(&vae, |t| t.set_data(&negative)).contains("because the output is sigmoid and the loss"));
    let mut linear = model(Options { input: 5, output: Act::Linear, ..Options::default() });
    linear.set_data(&negative).unwrap();
    assert_eq!(linear.encode(&[1e30, -1e30, 7.0, -7.0, 0.0]).unwrap().len(), 4);
    assert!(refused(&linear, |t| t.set_data(&[0.0, f32::NAN, 0.0, 0.0, 0.0])).starts_with("pixels[1] is NaN"));
    assert!(refused(&linear, |t| t.reconstruct(&[0.0, 0.0, f32::INFINITY, 0.0, 0.0])).starts_with("x[2] is inf"));
}

#[test]
fn gaussian_noise_is_clipped_only_for_data_in_0_1() {
    use tinyae::options::Noise;
    let noise = Some(Noise::Gaussian(0.5));
    let x = [0.0f32, 1.0, 0.5, 0.0, 1.0];
    let sigmoid = model(Options { input: 5, noise, ..Options::default() });
    assert!(sigmoid.corrupt(&x, 4).unwrap().iter().all(|v| (0.0..=1.0).contains(v)));
    let linear = model(Options { input: 5, noise, output: Act::Linear, ..Options::default() });
    let noisy = linear.corrupt(&x, 4).unwrap();
    assert!(noisy.iter().any(|v| !(0.0..=1.0).contains(v)), "{noisy:?}");
    // The odd last value gets noise too (the first of a fresh pair).
    assert_ne!(noisy[4], x[4]);
}

#[test]
fn a_model_of_another_width_waits_for_its_data() {
    let t = model(Options { input: 300, ..Options::default() });
    assert!(t.data().is_empty() && t.loss().is_nan());
    assert_eq!(
        refused(&t, |t| t.train(1)),
        "steps: there is no data to train on yet: set_data with n*300 values first (the built-in '4' is 64)"
    );
}

#[test]
fn the_limits_are_accepted_and_one_past_them_refused() {
    let d = Options::default;
    let widest = Options {
        input: MAX_INPUT,
        encoder: vec![MAX_WIDTH; MAX_HIDDEN_LAYERS],
        latent: MAX_LATENT,
        decoder: Some(vec![1; MAX_HIDDEN_LAYERS]),
        ..d()
    };
    assert_eq!((MAX_INPUT, MAX_WIDTH, MAX_LATENT, MAX_HIDDEN_LAYERS), (4096, 1024, 256, 4));
    let net = widest.clone().resolve().unwrap().net();
    assert_eq!(net.layout.dims, [4096, 1024, 1024, 1024, 1024, 256, 1, 1, 1, 1, 4096]);
    for (options, msg) in [
        (Options { input: 0, ..d() }, "input must be a whole number 1..=4096 (values per item), got 0"),
        (Options { input: 4097, ..d() }, "input must be a whole number 1..=4096 (values per item), got 4097"),
        (Options { latent: 257, ..d() }, "latent must be a whole number 1..=256, got 257"),
        (Options { encoder: vec![1025], ..d() }, "encoder widths must be whole numbers 1..=1024, got 1025 in [1025]"),
        (
            Options { decoder: Some(vec![8; 5]), ..d() },
            "decoder must be an array of 0 to 4 hidden widths, got 5 widths [8, 8, 8, 8, 8]",
        ),
    ] {
        assert_eq!(Trainer::with_options(1, options).unwrap_err().0, msg);
    }
}

#[test]
fn the_rows_per_call_scale_with_the_widest_layer() {
    // 64-wide models keep the flat 100,000; a 1024-wide layer allows 2^24 / 1024 rows.
    assert_eq!(max_rows(64), 100_000);
    assert_eq!(max_rows(1024), MAX_CALL_VALUES / 1024);
    let t = model(Options { input: 2, encoder: vec![1024], latent: 1, output: Act::Linear, ..Options::default() });
    let max = MAX_CALL_VALUES / 1024;
    assert_eq!(
        refused(&t, |t| t.set_data(&vec![0.5; 2 * (max + 1)])),
        format!("pixels holds {} rows; at most {max} rows of 2 values fit in one call", max + 1)
    );
    assert!(
        refused(&t, |t| t.decode(&vec![0.5; max + 1])).starts_with("z holds 16385 codes; this model decodes at most")
    );
    assert_eq!(t.encode(&vec![0.5; 2 * 100]).unwrap().len(), 100);
}

#[test]
fn a_data_set_is_surveyed_only_by_a_model_of_its_width() {
    let items: Vec<f32> = (0..4 * 5).map(|i| i as f32 - 8.0).collect();
    let set = Images::new(items.clone(), vec![1], 5).unwrap();
    let linear = model(Options { input: 5, output: Act::Linear, ..Options::default() });
    let survey = linear.survey(&set).unwrap();
    assert_eq!(bits_of(&survey.codes), bits_of(&linear.encode(&items).unwrap()));
    assert_eq!(survey.test_error.to_bits(), linear.evaluate(&items[5..10]).unwrap().to_bits());
    let sigmoid = model(Options { input: 5, ..Options::default() });
    assert!(sigmoid.survey(&set).err().unwrap().0.starts_with("images[0] is -8; values must be in [0, 1]"));
    let classic = model(Options::default());
    assert_eq!(classic.survey(&set).err().unwrap().0, "images hold items of 5 values, but the model's input is 64");
}

#[test]
fn a_784_wide_model_trains() {
    // 28x28 images made from the digits: each 8x8 image scaled up (nearest pixel), 784 values.
    let (pixels, _) = common::digits();
    let images: Vec<f32> = pixels
        .chunks_exact(64)
        .take(64)
        .flat_map(|img| (0..784).map(move |i| img[(i / 28) * 8 / 28 * 8 + (i % 28) * 8 / 28]))
        .collect();
    let mut t =
        model(Options { input: 784, encoder: vec![128], latent: 2, decoder: Some(vec![128]), ..Options::default() });
    assert_eq!(t.n_params(), 784 * 128 + 128 + 128 * 2 + 2 + 2 * 128 + 128 + 128 * 784 + 784);
    t.set_data(&images).unwrap();
    let before = t.loss();
    t.train(40).unwrap();
    let after = t.loss();
    assert!(after < 0.8 * before, "loss {before} -> {after}");
    assert_eq!(t.encode(&images).unwrap().len(), 64 * 2);
}
