//! Adam with Keras's defaults and Keras's update form.

use crate::kernels::{fast, AdamStep};

/// Adam's hyper-parameters; `Default` is `keras.optimizers.Adam()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdamConfig {
    /// Learning rate.
    pub learning_rate: f32,
    /// Decay of the first moment (Keras takes these as Python floats, hence f64).
    pub beta1: f64,
    /// Decay of the second moment.
    pub beta2: f64,
    /// Added to sqrt(v); Keras's 1e-7, not PyTorch's 1e-8.
    pub epsilon: f32,
}

impl Default for AdamConfig {
    fn default() -> Self {
        AdamConfig { learning_rate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
    }
}

/// Adam's state for every parameter: moments `m`, `v` and the step count `t`.
#[derive(Clone, Debug, PartialEq)]
pub struct Adam {
    /// The hyper-parameters.
    pub config: AdamConfig,
    m: Vec<f32>,
    v: Vec<f32>,
    t: u64,
    // Keras casts each beta to float32 and raises it to t in float32 (`ops.power`). Kept as
    // running f64 products of the float32 betas, rounded to f32 when used: that is pow's
    // correctly rounded result, and the same bits on every platform (a libm `pow` is not).
    beta1_t: f64,
    beta2_t: f64,
}

impl Adam {
    /// Fresh state (t = 0, zero moments) for `n` parameters.
    pub fn new(n: usize, config: AdamConfig) -> Self {
        Adam { config, m: vec![0.0; n], v: vec![0.0; n], t: 0, beta1_t: 1.0, beta2_t: 1.0 }
    }

    /// Forgets the moments and the step count, keeping the hyper-parameters.
    pub fn reset(&mut self) {
        *self = Adam::new(self.m.len(), self.config);
    }

    /// Updates made so far (Keras's `iterations`).
    pub fn t(&self) -> u64 {
        self.t
    }

    /// Adam's state as a checkpoint holds it: the moments and the step count. The betas' powers
    /// are rebuilt by the same products `update` accumulates (stopping once both reach 0, which
    /// every further product keeps), so training resumes to the bit.
    pub fn resume(config: AdamConfig, m: Vec<f32>, v: Vec<f32>, t: u64) -> Self {
        let mut adam = Adam { config, m, v, t, beta1_t: 1.0, beta2_t: 1.0 };
        for _ in 0..t {
            adam.beta1_t *= config.beta1 as f32 as f64;
            adam.beta2_t *= config.beta2 as f32 as f64;
            if adam.beta1_t == 0.0 && adam.beta2_t == 0.0 {
                break;
            }
        }
        adam
    }

    /// The first and second moments, one of each per parameter.
    pub fn moments(&self) -> (&[f32], &[f32]) {
        (&self.m, &self.v)
    }

    /// The constants of the next step; advances t.
    fn next_step(&mut self) -> AdamStep {
        let c = self.config;
        self.t += 1;
        self.beta1_t *= c.beta1 as f32 as f64;
        self.beta2_t *= c.beta2 as f32 as f64;
        // Keras's alpha, in float32 like every op of its update.
        let alpha = c.learning_rate * (1.0 - self.beta2_t as f32).sqrt() / (1.0 - self.beta1_t as f32);
        AdamStep {
            alpha,
            one_minus_beta1: (1.0 - c.beta1) as f32,
            one_minus_beta2: (1.0 - c.beta2) as f32,
            epsilon: c.epsilon,
        }
    }

    /// One update of `params` from `grads`.
    pub fn update(&mut self, params: &mut [f32], grads: &[f32]) {
        let step = self.next_step();
        fast::adam(params, grads, &mut self.m, &mut self.v, step);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_two_steps_match_hand_worked_numbers() {
        // t=1: m = 0.1 g, v = 0.001 g^2, alpha = 0.001 * sqrt(0.001) / 0.1, so the step is
        // alpha * 0.1 g / (sqrt(0.001) |g| + 1e-7) = 0.001 * sign(g), less a hair for epsilon.
        let mut adam = Adam::new(3, AdamConfig::default());
        let mut w = [1.0f32, -2.0, 0.5];
        adam.update(&mut w, &[0.5, -4.0, 0.0]);
        let step = |g: f64| 0.001 * 0.1 * g * 0.001f64.sqrt() / 0.1 / (0.001f64.sqrt() * g.abs() + 1e-7);
        let want = [1.0 - step(0.5), -2.0 - step(-4.0), 0.5];
        for (got, want) in w.iter().zip(want) {
            assert!((*got as f64 - want).abs() < 4e-7, "{w:?} vs {want:?}");
        }
        assert!((w[0] - 0.999).abs() < 1e-6 && (w[1] + 1.999).abs() < 1e-6);
        assert_eq!(w[2], 0.5, "a zero gradient moves nothing");
        // t=2 with the same gradient: m = 0.19 g, v = 0.001999 g^2,
        // alpha = 0.001 sqrt(1 - 0.999^2) / (1 - 0.81); step again ~0.001 * sign(g).
        adam.update(&mut w, &[0.5, -4.0, 0.0]);
        let alpha2 = 0.001 * (1.0f64 - 0.999 * 0.999).sqrt() / (1.0 - 0.81);
        let step2 = |g: f64| alpha2 * 0.19 * g / ((0.001999 * g * g).sqrt() + 1e-7);
        assert!((w[0] as f64 - (want[0] - step2(0.5))).abs() < 1e-6);
        assert!((w[1] as f64 - (want[1] - step2(-4.0))).abs() < 1e-6);
        assert_eq!(adam.t(), 2);
    }
}
