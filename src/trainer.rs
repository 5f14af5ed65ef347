//! The trainable autoencoder behind the JS class: parameters, Adam, data, minibatch order and
//! counters, with every argument checked before anything changes.

use crate::adam::{Adam, AdamConfig};
use crate::batches::Batches;
use crate::data::{check_codes, check_pixels, four};
use crate::error::Invalid;
use crate::invalid;
use crate::layout::{DENSE, ENCODER, LATENT, LAYERS, N_PARAMS, PIXELS};
use crate::network::{self, Workspace};
use crate::number_text::{f32_text, f64_text};
use crate::rng::Rng;

/// The most steps one `train` call may run (a few seconds on 1797 images).
pub const MAX_STEPS: u64 = 100_000;
/// The largest batch size accepted.
pub const MAX_BATCH: usize = 65_536;
/// The largest seed: every seed is a whole number that a JS number holds exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// Keras `fit`'s default batch size.
pub const DEFAULT_BATCH: usize = 32;

/// Everything a training call changes, so that a failed call can put it all back.
#[derive(Clone, Debug)]
struct State {
    params: Vec<f32>,
    adam: Adam,
    batches: Batches,
    rng: Rng,
    step: u64,
}

/// A seeded autoencoder with its optimizer and training data.
#[derive(Clone, Debug)]
pub struct Trainer {
    seed: u64,
    state: State,
    data: Vec<f32>,
    batch_size: usize,
    ws: Workspace,
    batch: Vec<f32>,
}

/// Keras's Glorot-uniform kernels and zero biases, drawn from `rng` layer by layer.
pub fn glorot_uniform(rng: &mut Rng) -> Vec<f32> {
    let mut params = vec![0.0; N_PARAMS];
    for d in DENSE {
        let limit = (6.0 / (d.fan_in + d.fan_out) as f32).sqrt();
        for w in &mut params[d.kernel..d.bias] {
            *w = (2.0 * rng.unit_f32() - 1.0) * limit;
        }
    }
    params
}

impl Trainer {
    /// A model initialised from `seed` (0..=2^53-1), to be trained on the classic '4'.
    pub fn new(seed: u64) -> Result<Self, Invalid> {
        if seed > MAX_SEED {
            return invalid!("seed must be a whole number in 0..={MAX_SEED}, got {seed}");
        }
        let mut rng = Rng::new(seed);
        let params = glorot_uniform(&mut rng);
        let data = four();
        let state =
            State { params, adam: Adam::new(N_PARAMS, AdamConfig::default()), batches: Batches::new(1), rng, step: 0 };
        let mut trainer =
            Trainer { seed, state, data, batch_size: DEFAULT_BATCH, ws: Workspace::new(0), batch: Vec::new() };
        trainer.fit_workspace();
        Ok(trainer)
    }

    /// A model with a seed drawn from the platform's randomness (the browser's crypto).
    pub fn with_random_seed() -> Result<Self, Invalid> {
        let mut bytes = [0u8; 8];
        if let Err(e) = getrandom::fill(&mut bytes) {
            return invalid!("no seed given and no randomness available to draw one: {e}");
        }
        Trainer::new(u64::from_le_bytes(bytes) & MAX_SEED)
    }

    /// The seed the model was initialised from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    fn images(&self) -> usize {
        self.data.len() / PIXELS
    }

    /// Sizes the reusable buffers for the current batch size and data.
    fn fit_workspace(&mut self) {
        let rows = self.batch_size.min(self.images());
        if self.ws.rows() != rows {
            self.ws = Workspace::new(rows);
            self.batch = vec![0.0; rows * PIXELS];
        }
    }

    /// Runs `steps` Adam updates, each on the next minibatch, and returns their mean loss.
    /// If the loss or the weights stop being finite, everything is put back as it was.
    pub fn train(&mut self, steps: u64) -> Result<f32, Invalid> {
        if !(1..=MAX_STEPS).contains(&steps) {
            return invalid!("steps must be a whole number in 1..={MAX_STEPS}, got {steps}");
        }
        let before = self.state.clone();
        let mut total = 0.0f64;
        for _ in 0..steps {
            let s = &mut self.state;
            let indices = s.batches.next(self.batch_size, &mut s.rng);
            for (row, &i) in self.batch.chunks_exact_mut(PIXELS).zip(indices) {
                row.copy_from_slice(&self.data[i as usize * PIXELS..(i as usize + 1) * PIXELS]);
            }
            let n = indices.len();
            let loss = network::gradients(&s.params, &self.batch[..n * PIXELS], n, &mut self.ws);
            if !loss.is_finite() {
                return self.diverged(before, loss);
            }
            s.adam.update(&mut s.params, &self.ws.grads);
            s.step += 1;
            total += loss as f64;
        }
        if let Some(w) = self.state.params.iter().find(|w| !w.is_finite()) {
            return self.diverged(before, *w);
        }
        Ok((total / steps as f64) as f32)
    }

    fn diverged(&mut self, before: State, value: f32) -> Result<f32, Invalid> {
        self.state = before;
        invalid!(
            "training diverged ({} appeared) at learning_rate {}; the model was left as it was before this call: lower learning_rate",
            f32_text(value),
            f32_text(self.learning_rate())
        )
    }

    /// The reconstructions (n*64) of n images.
    pub fn reconstruct(&self, x: &[f32]) -> Result<Vec<f32>, Invalid> {
        let n = check_pixels("x", x)?;
        Ok(network::run(&self.state.params, 0..LAYERS, x, n))
    }

    /// The latent codes (n*4) of n images.
    pub fn encode(&self, x: &[f32]) -> Result<Vec<f32>, Invalid> {
        let n = check_pixels("x", x)?;
        Ok(network::run(&self.state.params, 0..ENCODER, x, n))
    }

    /// MSE of the reconstructions of n images, e.g. a held-out test set (no update).
    pub fn evaluate(&self, x: &[f32]) -> Result<f32, Invalid> {
        let n = check_pixels("x", x)?;
        Ok(network::loss(&self.state.params, x, n))
    }

    /// The images (n*64) decoded from n latent codes.
    pub fn decode(&self, z: &[f32]) -> Result<Vec<f32>, Invalid> {
        let n = check_codes("z", z)?;
        debug_assert_eq!(z.len(), n * LATENT);
        Ok(network::run(&self.state.params, ENCODER..LAYERS, z, n))
    }

    /// Replaces the training data (n*64 pixels in [0, 1]); the next step starts a new epoch.
    pub fn set_data(&mut self, pixels: &[f32]) -> Result<(), Invalid> {
        let n = check_pixels("pixels", pixels)?;
        self.data = pixels.to_vec();
        self.state.batches.restart(n);
        self.fit_workspace();
        Ok(())
    }

    /// The training data, n*64 pixels.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// Adam's learning rate.
    pub fn learning_rate(&self) -> f32 {
        self.state.adam.config.learning_rate
    }

    /// Sets the learning rate: a finite number > 0 that is still > 0 as an f32.
    pub fn set_learning_rate(&mut self, lr: f64) -> Result<(), Invalid> {
        let as_f32 = lr as f32;
        if !(lr.is_finite() && as_f32 > 0.0 && as_f32.is_finite()) {
            return invalid!("learning_rate must be a finite number > 0 (e.g. 0.001), got {}", f64_text(lr));
        }
        self.state.adam.config.learning_rate = as_f32;
        Ok(())
    }

    /// Images per minibatch.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// Sets the minibatch size, 1..=MAX_BATCH.
    pub fn set_batch_size(&mut self, size: usize) -> Result<(), Invalid> {
        if !(1..=MAX_BATCH).contains(&size) {
            return invalid!("batch_size must be a whole number in 1..={MAX_BATCH}, got {size}");
        }
        self.batch_size = size;
        self.fit_workspace();
        Ok(())
    }

    /// Epochs completed.
    pub fn epoch(&self) -> u64 {
        self.state.batches.epochs()
    }

    /// Adam updates made since the model was created.
    pub fn step(&self) -> u64 {
        self.state.step
    }

    /// MSE over the whole training data, without an update.
    pub fn loss(&self) -> f32 {
        network::loss(&self.state.params, &self.data, self.images())
    }

    /// The 2276 weights in Keras `get_weights()` order, flattened.
    pub fn weights(&self) -> &[f32] {
        &self.state.params
    }

    /// Loads 2276 finite weights in Keras order and resets Adam (m, v, t).
    pub fn set_weights(&mut self, w: &[f32]) -> Result<(), Invalid> {
        if w.len() != N_PARAMS {
            return invalid!(
                "weights must hold exactly {N_PARAMS} values (Keras get_weights() order), got {}",
                w.len()
            );
        }
        if let Some(i) = w.iter().position(|v| !v.is_finite()) {
            return invalid!("weights[{i}] is {}; weights must be finite numbers", f32_text(w[i]));
        }
        self.state.params.copy_from_slice(w);
        self.state.adam.reset();
        Ok(())
    }
}
