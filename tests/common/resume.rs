//! Checkpoints (src/trainer/resume.rs): the option sets they are tested on, and the check that
//! two models train on identically.

use tinyae::kernels::Act;
use tinyae::options::{Noise, OptimizerKind, Options};
use tinyae::Trainer;

/// A model of `options` (seed 11) trained `steps` steps on `x` in batches of `batch`.
pub fn trained(options: Options, x: &[f32], batch: usize, steps: u64) -> Trainer {
    let mut t = Trainer::with_options(11, options).unwrap();
    t.set_data(x).unwrap();
    t.set_batch_size(batch).unwrap();
    t.train(steps).unwrap();
    t
}

/// Every optimizer, with and without momentum, both noises, an L1 penalty and cross-entropy.
pub fn option_sets() -> Vec<Options> {
    let d = Options::default;
    vec![
        d(),
        Options { encoder: vec![], latent: 16, decoder: None, l1: 0.001, ..d() },
        Options {
            encoder: vec![32, 16],
            activation: Act::Tanh,
            latent_activation: Act::Linear,
            optimizer: OptimizerKind::Sgd,
            momentum: 0.9,
            learning_rate: Some(0.1),
            loss: tinyae::network::Loss::BinaryCrossentropy,
            ..d()
        },
        Options { optimizer: OptimizerKind::RmsProp, noise: Some(Noise::Gaussian(0.3)), ..d() },
        Options { optimizer: OptimizerKind::Sgd, noise: Some(Noise::Mask(0.25)), ..d() },
    ]
}

/// Trains both `steps` more, in a few calls, and checks every loss and weight to the bit.
pub fn same_from_here(a: &mut Trainer, b: &mut Trainer, steps: u64) {
    assert_eq!((a.step(), a.epoch(), a.batch_size(), a.seed()), (b.step(), b.epoch(), b.batch_size(), b.seed()));
    for chunk in [1, 9, steps - 10] {
        assert_eq!(a.train(chunk).unwrap().to_bits(), b.train(chunk).unwrap().to_bits());
    }
    assert_eq!(super::bits_of(a.weights()), super::bits_of(b.weights()));
    assert_eq!((a.step(), a.epoch()), (b.step(), b.epoch()));
}
