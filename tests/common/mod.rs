//! Helpers shared by the native and wasm test files: fixture parsing and test data.
#![allow(dead_code)] // each test file uses its own subset

pub mod json;
pub mod resume;
pub mod wide;

use tinyae::kernels::Act;
use tinyae::rng::Rng;

/// One fixture file: `key values...` lines, `#` comments.
pub struct Fixture(Vec<(String, Vec<String>)>);

impl Fixture {
    /// Parses a fixture's text.
    pub fn parse(text: &str) -> Self {
        Fixture(
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| {
                    let mut words = l.split_whitespace().map(str::to_string);
                    (words.next().unwrap(), words.collect())
                })
                .collect(),
        )
    }

    /// The values of `key`.
    pub fn words(&self, key: &str) -> &[String] {
        &self.0.iter().find(|(k, _)| k == key).unwrap_or_else(|| panic!("fixture has no {key}")).1
    }

    /// The values of `key` as f32s.
    pub fn floats(&self, key: &str) -> Vec<f32> {
        self.words(key).iter().map(|w| w.parse().unwrap()).collect()
    }

    /// The one value of `key` as an integer.
    pub fn int(&self, key: &str) -> u64 {
        self.words(key)[0].parse().unwrap()
    }

    /// The values of `key` as f32 bit patterns written in hex.
    pub fn bits(&self, key: &str) -> Vec<u32> {
        self.words(key).iter().map(|w| u32::from_str_radix(w, 16).unwrap()).collect()
    }
}

/// `n` random values uniform in [lo, hi).
pub fn uniform(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f32> {
    (0..n).map(|_| lo + (hi - lo) * rng.unit_f32()).collect()
}

/// The bit patterns of some floats.
pub fn bits_of(values: &[f32]) -> Vec<u32> {
    values.iter().map(|v| v.to_bits()).collect()
}

/// The runs pinned by `fixtures/native_runs.txt`: the final weights and mean losses of
/// (a) the classic '4', seed 7, 1000 steps, and (b) the 8 digits of `digits8.txt`, seed 11,
/// batch 3 (so shuffling and a partial batch take part), 300 steps.
pub fn pinned_runs() -> [(Vec<f32>, Vec<f32>); 2] {
    let mut classic = tinyae::Trainer::new(7).unwrap();
    let classic_losses: Vec<f32> = (0..10).map(|_| classic.train(100).unwrap()).collect();
    let mut digits = tinyae::Trainer::new(11).unwrap();
    digits.set_data(&Fixture::parse(include_str!("../fixtures/digits8.txt")).floats("data")).unwrap();
    digits.set_batch_size(3).unwrap();
    let digits_losses: Vec<f32> = (0..3).map(|_| digits.train(100).unwrap()).collect();
    [(classic.weights().to_vec(), classic_losses), (digits.weights().to_vec(), digits_losses)]
}

/// The keys of the pinned runs in the fixture, in `pinned_runs` order.
pub const PINNED: [(&str, &str); 2] = [("classic_final", "classic_loss"), ("digits_final", "digits_loss")];

/// Checks the pinned runs against the fixture's bits.
pub fn check_pinned_runs(fixture: &str) {
    let f = Fixture::parse(fixture);
    for ((weights, losses), (wkey, lkey)) in pinned_runs().iter().zip(PINNED) {
        assert_eq!(bits_of(losses), f.bits(lkey), "{lkey}");
        let want = f.bits(wkey);
        let differ = bits_of(weights).iter().zip(&want).filter(|(a, b)| a != b).count();
        assert_eq!(differ, 0, "{wkey}: {differ} of {} weights differ from the native run", want.len());
    }
}

/// The 1797 digits of `fixtures/digits.txt`: pixels / 16 (n*64 values) and labels.
pub fn digits() -> (Vec<f32>, Vec<u32>) {
    let f = Fixture::parse(include_str!("../fixtures/digits.txt"));
    let pixels = f.floats("pixels").iter().map(|v| v / 16.0).collect();
    (pixels, f.words("labels").iter().map(|w| w.parse().unwrap()).collect())
}

/// The option sets of `fixtures/native_runs_variants.txt`, with their data and batch size
/// (None: the classic '4'): every activation, loss, optimizer, the L1 term, both noises and
/// the variational mode (with and without denoising, an odd latent so a draw pair is split).
pub fn variant_cases() -> Vec<(&'static str, tinyae::Options, bool, usize)> {
    use tinyae::kernels::Act;
    use tinyae::network::Loss;
    use tinyae::options::{Noise, OptimizerKind};
    let d = tinyae::Options::default;
    vec![
        (
            "deep_tanh_rmsprop",
            tinyae::Options {
                encoder: vec![32, 16],
                latent: 2,
                activation: Act::Tanh,
                latent_activation: Act::Linear,
                optimizer: OptimizerKind::RmsProp,
                ..d()
            },
            true,
            3,
        ),
        (
            "elu_bce_l1_gaussian",
            tinyae::Options {
                activation: Act::Elu,
                loss: Loss::BinaryCrossentropy,
                l1: 0.01,
                noise: Some(Noise::Gaussian(0.2)),
                ..d()
            },
            false,
            32,
        ),
        (
            "sigmoid_sgd_momentum_mask",
            tinyae::Options {
                encoder: vec![24],
                decoder: Some(vec![8, 12]),
                activation: Act::Sigmoid,
                optimizer: OptimizerKind::Sgd,
                learning_rate: Some(0.1),
                momentum: 0.9,
                noise: Some(Noise::Mask(0.3)),
                ..d()
            },
            true,
            3,
        ),
        (
            "linear_latent6_sgd",
            tinyae::Options {
                encoder: vec![],
                latent: 6,
                activation: Act::Linear,
                latent_activation: Act::Linear,
                output: Act::Linear,
                optimizer: OptimizerKind::Sgd,
                ..d()
            },
            true,
            8,
        ),
        ("vae_relu_latent2", tinyae::Options { encoder: vec![32], latent: 2, ..tinyae::Options::vae() }, true, 3),
        (
            "vae_tanh_latent3_beta_mask",
            tinyae::Options {
                encoder: vec![24, 12],
                latent: 3,
                activation: Act::Tanh,
                beta: Some(0.5),
                noise: Some(Noise::Mask(0.2)),
                ..tinyae::Options::vae()
            },
            true,
            3,
        ),
    ]
}

/// The final weights and 3 mean losses of 3 x 100 steps of each variant case, seed 13.
pub fn variant_runs() -> Vec<(Vec<f32>, Vec<f32>)> {
    variant_cases()
        .into_iter()
        .map(|(_, options, digits, batch)| {
            let mut t = tinyae::Trainer::with_options(13, options).unwrap();
            if digits {
                t.set_data(&Fixture::parse(include_str!("../fixtures/digits8.txt")).floats("data")).unwrap();
            }
            t.set_batch_size(batch).unwrap();
            let losses: Vec<f32> = (0..3).map(|_| t.train(100).unwrap()).collect();
            (t.weights().to_vec(), losses)
        })
        .collect()
}

/// The text of `fixtures/native_runs_variants.txt` for these runs.
pub fn variant_runs_text() -> String {
    let mut text = String::from("# written by `TINYAE_BLESS=1 cargo test --test training`: f32 bits in hex\n");
    for ((weights, losses), (name, ..)) in variant_runs().iter().zip(variant_cases()) {
        for (key, values) in [(format!("{name}_final"), weights), (format!("{name}_loss"), losses)] {
            let hex: Vec<String> = bits_of(values).iter().map(|b| format!("{b:08x}")).collect();
            text += &format!("{key} {}\n", hex.join(" "));
        }
    }
    text
}

/// Checks the variant runs against the fixture's bits.
pub fn check_variant_runs(fixture: &str) {
    let f = Fixture::parse(fixture);
    for ((weights, losses), (name, ..)) in variant_runs().iter().zip(variant_cases()) {
        assert_eq!(bits_of(losses), f.bits(&format!("{name}_loss")), "{name} losses");
        let want = f.bits(&format!("{name}_final"));
        let differ = bits_of(weights).iter().zip(&want).filter(|(a, b)| a != b).count();
        assert_eq!((differ, weights.len()), (0, want.len()), "{name}: weights differ from the native run");
    }
}

/// An activation in float64, from its formula: the independent reference of the gradient checks.
pub fn act64(act: Act, a: f64) -> f64 {
    match act {
        Act::Linear => a,
        Act::Relu => a.max(0.0),
        Act::Sigmoid => 1.0 / (1.0 + (-a).exp()),
        Act::Tanh => a.tanh(),
        Act::Elu => {
            if a > 0.0 {
                a
            } else {
                a.exp_m1()
            }
        }
    }
}
