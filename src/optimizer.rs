//! The optimizers a model may train with: Adam (src/adam.rs, the classic model's, with its
//! simd128 kernel), and RMSprop and SGD with Keras's defaults and update forms (scalar loops
//! of element-wise IEEE operations: bit-identical in every build).

use crate::adam::{Adam, AdamConfig};
use crate::error::Invalid;
use crate::invalid;
use crate::options::OptimizerKind;

/// An optimizer's state for every parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum Optimizer {
    /// keras.optimizers.Adam.
    Adam(Adam),
    /// keras.optimizers.RMSprop: `v = rho v + (1 - rho) g^2; w -= lr g / sqrt(v + eps)`.
    RmsProp {
        /// Learning rate.
        learning_rate: f32,
        /// Decay of the mean square (0.9; Keras takes it as a Python float, hence f64).
        rho: f64,
        /// Inside the square root (1e-7).
        epsilon: f32,
        /// The running mean square of each gradient.
        v: Vec<f32>,
    },
    /// keras.optimizers.SGD: `w -= lr g`, or with momentum `m = mu m - lr g; w += m`.
    Sgd {
        /// Learning rate.
        learning_rate: f32,
        /// Momentum, 0 <= mu < 1.
        momentum: f32,
        /// The velocity of each parameter.
        m: Vec<f32>,
    },
}

impl Optimizer {
    /// Fresh state for `n` parameters.
    pub fn new(kind: OptimizerKind, n: usize, learning_rate: f32, momentum: f32) -> Self {
        // Only Adam in the compact build (lib.rs CLASSIC_ONLY): the others compile out.
        match if crate::CLASSIC_ONLY { OptimizerKind::Adam } else { kind } {
            OptimizerKind::Adam => Optimizer::Adam(Adam::new(n, AdamConfig { learning_rate, ..AdamConfig::default() })),
            OptimizerKind::RmsProp => Optimizer::RmsProp { learning_rate, rho: 0.9, epsilon: 1e-7, v: vec![0.0; n] },
            OptimizerKind::Sgd => Optimizer::Sgd { learning_rate, momentum, m: vec![0.0; n] },
        }
    }

    /// How many state arrays `kind` keeps per parameter: Adam 2 (m, v), RMSprop 1, SGD 1 with
    /// momentum and none without (Keras's optimizer variables per weight variable).
    pub fn slot_count(kind: OptimizerKind, momentum: f64) -> usize {
        match kind {
            OptimizerKind::Adam => 2,
            OptimizerKind::RmsProp => 1,
            OptimizerKind::Sgd => usize::from(momentum != 0.0),
        }
    }

    /// Keras's `iterations` (Adam's own count; the others keep none, so `step`) and the state
    /// arrays in `slot_count`'s order, each one value per parameter: what a checkpoint saves.
    pub fn slots(&self, step: u64) -> (u64, Vec<&[f32]>) {
        match self {
            Optimizer::Adam(a) => (a.t(), vec![a.moments().0, a.moments().1]),
            Optimizer::RmsProp { v, .. } => (step, vec![v]),
            Optimizer::Sgd { m, momentum, .. } => (step, if *momentum != 0.0 { vec![m] } else { vec![] }),
        }
    }

    /// An optimizer of `kind` for `n` parameters (Keras's defaults but `learning_rate` and
    /// `momentum`) resumed from `slots()`'s arrays and `iterations`: their number and lengths
    /// checked, every value finite.
    pub fn resume(
        kind: OptimizerKind,
        n: usize,
        learning_rate: f32,
        momentum: f32,
        iterations: u64,
        mut slots: Vec<Vec<f32>>,
    ) -> Result<Optimizer, Invalid> {
        let want = Optimizer::slot_count(kind, momentum as f64);
        if slots.len() != want || slots.iter().any(|s| s.len() != n || s.iter().any(|x| !x.is_finite())) {
            return invalid!(
                "the optimizer's state must be {want} arrays of {n} finite numbers, as {} keeps it",
                kind.name()
            );
        }
        let mut optimizer = Optimizer::new(kind, n, learning_rate, momentum);
        match &mut optimizer {
            Optimizer::Adam(a) => {
                let v = slots.pop().unwrap_or_default();
                let m = slots.pop().unwrap_or_default();
                *a = Adam::resume(a.config, m, v, iterations);
            }
            Optimizer::RmsProp { v, .. } => *v = slots.pop().unwrap_or_default(),
            Optimizer::Sgd { m, .. } => *m = slots.pop().unwrap_or_else(|| vec![0.0; n]),
        }
        Ok(optimizer)
    }

    /// The learning rate.
    pub fn learning_rate(&self) -> f32 {
        match self {
            Optimizer::Adam(a) => a.config.learning_rate,
            Optimizer::RmsProp { learning_rate, .. } | Optimizer::Sgd { learning_rate, .. } => *learning_rate,
        }
    }

    /// Sets the learning rate, keeping the state.
    pub fn set_learning_rate(&mut self, lr: f32) {
        match self {
            Optimizer::Adam(a) => a.config.learning_rate = lr,
            Optimizer::RmsProp { learning_rate, .. } | Optimizer::Sgd { learning_rate, .. } => *learning_rate = lr,
        }
    }

    /// Forgets the state (moments, step count), keeping the hyper-parameters.
    pub fn reset(&mut self) {
        match self {
            Optimizer::Adam(a) => a.reset(),
            Optimizer::RmsProp { v, .. } => v.fill(0.0),
            Optimizer::Sgd { m, .. } => m.fill(0.0),
        }
    }

    /// One update of `params` from `grads`.
    pub fn update(&mut self, params: &mut [f32], grads: &[f32]) {
        match self {
            Optimizer::Adam(a) => a.update(params, grads),
            // Only Adam in the compact build (lib.rs CLASSIC_ONLY): the others compile out.
            _ if crate::CLASSIC_ONLY => {}
            Optimizer::RmsProp { learning_rate, rho, epsilon, v } => {
                // Keras multiplies by `1 - rho` worked out in Python (0.09999999999999998, which
                // is 0.1 in float32), not by float32 1 - 0.9 (0.10000002).
                let (lr, eps) = (*learning_rate, *epsilon);
                let (keep, take) = (*rho as f32, (1.0 - *rho) as f32);
                for ((w, &g), v) in params.iter_mut().zip(grads).zip(v.iter_mut()) {
                    *v = keep * *v + take * (g * g);
                    *w -= lr * g / (*v + eps).sqrt();
                }
            }
            Optimizer::Sgd { learning_rate, momentum, m } => {
                let (lr, mu) = (*learning_rate, *momentum);
                if mu == 0.0 {
                    for (w, &g) in params.iter_mut().zip(grads) {
                        *w -= lr * g;
                    }
                } else {
                    for ((w, &g), m) in params.iter_mut().zip(grads).zip(m.iter_mut()) {
                        *m = mu * *m - lr * g;
                        *w += *m;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rmsprop_and_sgd_steps_by_hand() {
        let mut r = Optimizer::new(OptimizerKind::RmsProp, 1, 0.001, 0.0);
        let mut w = [1.0f32];
        r.update(&mut w, &[2.0]);
        // v = 0.1 * 4 = 0.4; w -= 0.001 * 2 / sqrt(0.4 + 1e-7).
        assert!((w[0] as f64 - (1.0 - 0.002 / (0.4f64 + 1e-7).sqrt())).abs() < 1e-7);
        // Keras's float32 `1 - rho` is 0.1 exactly as f32, not 1 - 0.9f32 = 0.10000002.
        let Optimizer::RmsProp { v, .. } = &r else { unreachable!() };
        assert_eq!(v[0], 0.1f32 * 4.0);
        let mut s = Optimizer::new(OptimizerKind::Sgd, 1, 0.01, 0.9);
        let mut w = [1.0f32];
        s.update(&mut w, &[1.0]);
        s.update(&mut w, &[1.0]);
        // m1 = -0.01, m2 = -0.009 - 0.01 = -0.019: w = 1 - 0.029.
        assert!((w[0] - 0.971).abs() < 1e-6);
    }
}
