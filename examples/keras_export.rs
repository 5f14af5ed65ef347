//! Writes `.keras` files exported by tinyae for tests/reference/keras_check.py to load in
//! Keras: each case's file, and `cases.json` with its data, tinyae's reconstruction of the data
//! and the weights tinyae's next full-batch step gives.
//!
//!     cargo run --release --features keras --example keras_export -- DIR

use tinyae::kernels::Act;
use tinyae::network::Loss;
use tinyae::options::{Noise, OptimizerKind, Options};
use tinyae::Trainer;

fn digits(n: usize) -> Vec<f32> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/digits.txt")).unwrap();
    let line = text.lines().find(|l| l.starts_with("pixels ")).unwrap();
    line.split_whitespace().skip(1).take(n * 64).map(|v| v.parse::<f32>().unwrap() / 16.0).collect()
}

fn list(values: &[f32]) -> String {
    values.iter().map(|v| format!("{v:e}")).collect::<Vec<_>>().join(",")
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: keras_export DIR");
    std::fs::create_dir_all(&dir).unwrap();
    let d = Options::default;
    let cases: Vec<(&str, Options, usize, u64)> = vec![
        ("classic", d(), 1, 300),
        ("sparse", Options { encoder: vec![], latent: 16, l1: 0.001, ..d() }, 24, 40),
        (
            "deep_sgd_bce",
            Options {
                encoder: vec![32, 16],
                activation: Act::Tanh,
                latent_activation: Act::Linear,
                optimizer: OptimizerKind::Sgd,
                momentum: 0.9,
                learning_rate: Some(0.1),
                loss: Loss::BinaryCrossentropy,
                ..d()
            },
            24,
            40,
        ),
        ("rmsprop_elu", Options { optimizer: OptimizerKind::RmsProp, activation: Act::Elu, ..d() }, 24, 40),
        ("sgd_linear", Options { optimizer: OptimizerKind::Sgd, output: Act::Linear, ..d() }, 24, 40),
        ("gaussian", Options { noise: Some(Noise::Gaussian(0.3)), ..d() }, 24, 40),
        ("mask", Options { noise: Some(Noise::Mask(0.25)), ..d() }, 24, 40),
    ];
    let mut json = Vec::new();
    for (name, options, n, steps) in cases {
        let x = if n == 1 { tinyae::data::four() } else { digits(n) };
        let mut t = Trainer::with_options(3, options).unwrap();
        t.set_data(&x).unwrap();
        t.set_batch_size(8).unwrap();
        t.train(steps).unwrap();
        std::fs::write(format!("{dir}/{name}.keras"), tinyae::keras::to_keras(&t).unwrap()).unwrap();
        let predict = t.reconstruct(&x).unwrap();
        let mut next = t.clone();
        next.set_data(&x).unwrap();
        next.set_batch_size(n).unwrap();
        next.train(1).unwrap();
        json.push(format!(
            r#""{name}": {{"n": {n}, "noise": {}, "x": [{}], "predict": [{}], "next_weights": [{}]}}"#,
            t.options().noise.is_some(),
            list(&x),
            list(&predict),
            list(next.weights())
        ));
    }
    std::fs::write(format!("{dir}/cases.json"), format!("{{{}}}\n", json.join(", "))).unwrap();
}
