//! Every kind of bad argument is refused with a message naming it, and leaves the model
//! exactly as it was and still trainable.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::bits_of;
use tinyae::{Invalid, Trainer};

/// A fingerprint of everything a call could change.
fn state(t: &Trainer) -> (Vec<u32>, u64, u64, u32, usize, f32, Vec<u32>) {
    (
        bits_of(t.weights()),
        t.step(),
        t.epoch(),
        t.learning_rate().to_bits(),
        t.batch_size(),
        t.loss(),
        bits_of(t.data()),
    )
}

fn rejected<T: std::fmt::Debug>(
    t: &Trainer,
    before: &(Vec<u32>, u64, u64, u32, usize, f32, Vec<u32>),
    r: Result<T, Invalid>,
    words: &[&str],
) {
    let msg = r.expect_err("should be rejected").0;
    for w in words {
        assert!(msg.contains(w), "message {msg:?} should mention {w:?}");
    }
    assert!(state(t) == *before, "a rejected call changed the model: {msg}");
}

#[test]
fn bad_arguments_change_nothing() {
    let mut t = Trainer::new(5).unwrap();
    t.train(20).unwrap();
    let before = state(&t);
    let mut nan = vec![0.5f32; 64];
    nan[10] = f32::NAN;
    let mut big = vec![0.5f32; 64];
    big[3] = 1.01;
    rejected(&t, &before, t.clone().train(0), &["steps", "1..=100000", "got 0"]);
    rejected(&t, &before, t.clone().train(1_000_000_000), &["steps"]);
    rejected(&t, &before, t.reconstruct(&[0.5; 63]), &["x must hold n*64", "got 63"]);
    rejected(&t, &before, t.reconstruct(&nan), &["x[10] is NaN"]);
    rejected(&t, &before, t.encode(&big), &["x[3] is 1.01", "[0, 1]"]);
    rejected(&t, &before, t.encode(&[]), &["x must hold", "got 0 values"]);
    rejected(&t, &before, t.decode(&[1.0, 2.0, 3.0]), &["z must hold n*4"]);
    rejected(&t, &before, t.evaluate(&[0.5; 65]), &["x must hold n*64"]);
    rejected(&t, &before, t.decode(&[1.0, 2.0, 3.0, f32::INFINITY]), &["z[3] is inf"]);
    for (call, words) in [
        (t.clone().set_data(&big), &["pixels[3]"][..]),
        (t.clone().set_data(&[]), &["pixels must hold"]),
        (t.clone().set_learning_rate(0.0), &["learning_rate", "> 0", "got 0"]),
        (t.clone().set_learning_rate(-1.0), &["learning_rate"]),
        (t.clone().set_learning_rate(f64::NAN), &["learning_rate", "NaN"]),
        (t.clone().set_learning_rate(f64::INFINITY), &["learning_rate"]),
        (t.clone().set_learning_rate(1e-60), &["learning_rate"]),
        (t.clone().set_batch_size(0), &["batch_size", "got 0"]),
        (t.clone().set_batch_size(1 << 20), &["batch_size"]),
        (t.clone().set_weights(&[0.0; 2275]), &["weights", "2276", "got 2275"]),
        (t.clone().set_weights(&[f32::NAN; 2276]), &["weights[0] is NaN"]),
    ] {
        rejected(&t, &before, call, words);
    }
    // The clones above were thrown away; the calls themselves must not change a model either.
    let mut u = t.clone();
    assert!(u.set_learning_rate(-1.0).is_err() && u.set_batch_size(0).is_err() && u.set_data(&nan).is_err());
    assert!(u.set_weights(&[1.0; 3]).is_err() && u.train(0).is_err());
    assert!(state(&u) == before);
    assert!(u.train(10).unwrap() < 0.3, "still trains");
    assert!(Trainer::new(1 << 53).unwrap_err().0.contains("seed"));
}

#[test]
fn divergence_is_rolled_back() {
    let mut t = Trainer::new(5).unwrap();
    t.train(3).unwrap();
    t.set_learning_rate(1e38).unwrap();
    let before = state(&t);
    let msg = t.train(500).unwrap_err().0;
    assert!(msg.contains("diverged") && msg.contains("learning_rate"), "{msg}");
    assert!(state(&t) == before, "a diverged call must leave the model as it was");
    t.set_learning_rate(0.001).unwrap();
    assert!(t.train(5).unwrap().is_finite());
}

#[test]
fn set_weights_round_trips_and_resets_adam() {
    let mut a = Trainer::new(1).unwrap();
    a.train(30).unwrap();
    let mut b = Trainer::new(2).unwrap();
    b.set_weights(a.weights()).unwrap();
    assert_eq!(bits_of(a.weights()), bits_of(b.weights()));
    // b's Adam starts again at t = 1, a's goes on at t = 31: the next steps differ.
    let mut fresh = Trainer::new(9).unwrap();
    fresh.set_weights(a.weights()).unwrap();
    b.train(1).unwrap();
    fresh.train(1).unwrap();
    a.train(1).unwrap();
    assert_eq!(bits_of(b.weights()), bits_of(fresh.weights()));
    assert_ne!(bits_of(a.weights()), bits_of(b.weights()));
}

#[test]
fn bad_options_make_nothing_and_shapes_follow_the_options() {
    use tinyae::kernels::Act;
    use tinyae::network::Loss;
    use tinyae::options::{Noise, OptimizerKind};
    use tinyae::Options;
    let d = Options::default;
    for (options, words) in [
        (Options { latent: 0, ..d() }, &["latent", "1..=256", "got 0"][..]),
        (Options { encoder: vec![8; 5], ..d() }, &["encoder", "0 to 4"]),
        (Options { decoder: Some(vec![0]), ..d() }, &["decoder", "1..=1024"]),
        (Options { output: Act::Tanh, ..d() }, &["output", "tanh"]),
        (Options { loss: Loss::BinaryCrossentropy, output: Act::Linear, ..d() }, &["binary_crossentropy", "sigmoid"]),
        (Options { learning_rate: Some(f64::INFINITY), ..d() }, &["learning_rate", "inf"]),
        (Options { optimizer: OptimizerKind::Sgd, momentum: -0.1, ..d() }, &["momentum", "-0.1"]),
        (Options { momentum: 0.5, ..d() }, &["momentum", "sgd"]),
        (Options { l1: -0.5, ..d() }, &["l1", "-0.5"]),
        (Options { noise: Some(Noise::Gaussian(f64::NAN)), ..d() }, &["noise.amount", "NaN"]),
        (Options { noise: Some(Noise::Gaussian(11.0)), ..d() }, &["noise.amount", "[0, 10], got 11"]),
    ] {
        let msg = Trainer::with_options(1, options).unwrap_err().0;
        for w in words {
            assert!(msg.contains(w), "message {msg:?} should mention {w:?}");
        }
    }
    let mut t = Trainer::with_options(1, Options { encoder: vec![32, 16], latent: 2, ..d() }).unwrap();
    assert_eq!((t.n_params(), t.latent()), (5346, 2));
    assert!(t.decode(&[1.0, 2.0, 3.0]).unwrap_err().0.contains("z must hold n*2"));
    assert_eq!(t.decode(&[1.0, 2.0]).unwrap().len(), 64);
    assert!(t.set_weights(&[0.0; 2276]).unwrap_err().0.contains("exactly 5346"));
    let before = state(&t);
    assert!(t.set_weights(&[f32::NAN; 5346]).is_err());
    assert!(state(&t) == before);
}
