//! The trainer's random draws beyond the batch order: denoising noise on a batch, and a
//! variational model's calls that draw (`sample`, the evaluation noise) or read its second head.

use super::Trainer;
use crate::data::Range;
use crate::error::Invalid;
use crate::invalid;
use crate::network::Terms;
use crate::options::Noise;
use crate::rng::Rng;
use crate::variational::{self, draw_normals};

/// The most images one `sample` call may decode.
pub const MAX_SAMPLES: u64 = 10_000;
/// Salts the seed into the stream `loss()` and `evaluate` draw a variational model's noise from,
/// afresh on every call: they are repeatable and leave the training stream alone.
const EVAL_SALT: u64 = 0x5641_455f_6576_616c;

impl Trainer {
    /// A variational model's log-variances `z_log_var` (n*latent) of n images.
    pub fn encode_log_var(&self, x: &[f32]) -> Result<Vec<f32>, Invalid> {
        self.needs_variational("encode_log_var")?;
        let n = self.items().check("x", x)?;
        Ok(variational::encode_log_var(&self.net, &self.state.params, x, n))
    }

    /// A variational model's decoding (n*input) of `n` draws of z from the prior N(0, 1), from
    /// its own seeded generator (each call draws anew; training's stream is untouched).
    pub fn sample(&mut self, n: u64) -> Result<Vec<f32>, Invalid> {
        self.needs_variational("sample")?;
        if !(1..=MAX_SAMPLES).contains(&n) {
            return invalid!("n must be a whole number in 1..={MAX_SAMPLES}, got {n}");
        }
        let mut z = vec![0.0; n as usize * self.latent()];
        draw_normals(&mut z, &mut self.sampler);
        self.decode(&z)
    }

    /// A denoising model's noise put on n images, drawn from a generator of its own fixed by
    /// `seed` (training's stream is untouched): what the model learns to clean. Without noise,
    /// the images as they are.
    pub fn corrupt(&self, x: &[f32], seed: u64) -> Result<Vec<f32>, Invalid> {
        let items = self.items();
        items.check("x", x)?;
        let mut noisy = x.to_vec();
        if let Some(noise) = self.options.noise {
            add_noise(noise, x, &mut noisy, items.range != Range::Finite, &mut Rng::new(seed));
        }
        Ok(noisy)
    }

    fn needs_variational(&self, call: &str) -> Result<(), Invalid> {
        if self.net.beta.is_none() {
            return invalid!("{call} needs a variational model (options {{ variational: true }})");
        }
        Ok(())
    }

    /// The loss terms of `n` images `x` against themselves; a variational model's with noise
    /// drawn afresh from its evaluation stream.
    pub(super) fn terms_of(&self, x: &[f32], n: usize) -> Terms {
        // No variational model in the compact build (lib.rs CLASSIC_ONLY): compiled out there.
        if crate::CLASSIC_ONLY || self.net.beta.is_none() {
            return self.net.evaluate(&self.state.params, x, x, n);
        }
        let mut eps = vec![0.0; n * self.latent()];
        draw_normals(&mut eps, &mut Rng::new(self.seed ^ EVAL_SALT));
        variational::evaluate(&self.net, &self.state.params, x, x, &eps, n)
    }
}

/// Fills `noisy` with a noisy copy of `clean`, fresh draws from `rng`; Gaussian noise is
/// clipped to [0, 1] if `clip` (data a sigmoid output reproduces), else left as drawn.
pub(super) fn add_noise(noise: Noise, clean: &[f32], noisy: &mut [f32], clip: bool, rng: &mut Rng) {
    match noise {
        Noise::Gaussian(amount) => {
            let amount = amount as f32;
            let (low, high) = if clip { (0.0, 1.0) } else { (f32::NEG_INFINITY, f32::INFINITY) };
            // In pairs, as the generator draws them; an odd last value drops its twin.
            for (out, x) in noisy.chunks_mut(2).zip(clean.chunks(2)) {
                let (a, b) = rng.normal_pair();
                for ((o, &x), e) in out.iter_mut().zip(x).zip([a, b]) {
                    *o = (x + amount * e as f32).clamp(low, high);
                }
            }
        }
        Noise::Mask(p) => {
            let p = p as f32;
            for (out, &x) in noisy.iter_mut().zip(clean) {
                *out = if rng.unit_f32() < p { 0.0 } else { x };
            }
        }
    }
}
