//! Checkpoints: what resuming to the bit needs beyond the weights and the optimizer's state
//! (the generators, the counters, the batch size and the place in the epoch's order), taken
//! from a model and given to a new one.

use super::{State, Trainer};
use crate::batches::Batches;
use crate::error::Invalid;
use crate::invalid;
use crate::optimizer::Optimizer;
use crate::options::Options;
use crate::rng::Rng;

/// A model's training position.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    /// The training generator's state (batch order, noise, a variational model's samples).
    pub rng: u64,
    /// The state of the generator `sample` draws from.
    pub sampler: u64,
    /// Updates made.
    pub step: u64,
    /// Epochs completed.
    pub epoch: u64,
    /// Images per minibatch.
    pub batch_size: usize,
    /// This epoch's order of the training images.
    pub order: Vec<u32>,
    /// How far into it training is.
    pub cursor: usize,
    /// `data_hash` of the training data.
    pub data: u64,
}

/// FNV-1a over the pixels' bits: tells the data a checkpoint was saved with from others.
pub fn data_hash(pixels: &[f32]) -> u64 {
    pixels
        .iter()
        .flat_map(|p| p.to_bits().to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

impl Trainer {
    /// The training position, for a checkpoint.
    pub fn position(&self) -> Position {
        let b = &self.state.batches;
        Position {
            rng: self.state.rng.state(),
            sampler: self.sampler.state(),
            step: self.state.step,
            epoch: b.epochs(),
            batch_size: self.options.batch_size,
            order: b.order().to_vec(),
            cursor: b.cursor(),
            data: data_hash(&self.data),
        }
    }

    /// The optimizer and its state.
    pub fn optimizer(&self) -> &Optimizer {
        &self.state.optimizer
    }

    /// A model of `options` (resolved) with these weights and optimizer state, and a training
    /// position: a checkpoint's, or for a file without one, `step` updates made, epoch 0 and
    /// the generators `seed` starts. The position's batch order waits for its data (`set_data`; the
    /// default '4' counts). Everything is checked before the model is made.
    pub fn restore(
        seed: u64,
        options: Options,
        params: Vec<f32>,
        optimizer: Optimizer,
        step: u64,
        position: Option<Position>,
    ) -> Result<Trainer, Invalid> {
        let mut t = Trainer::with_options(seed, options)?;
        if params.len() != t.n_params() {
            return invalid!("the weights hold {} values; the model has {}", params.len(), t.n_params());
        }
        if let Some(i) = params.iter().position(|w| !w.is_finite()) {
            return invalid!("weight {i} is not a finite number");
        }
        let (rng, epoch, step, pending) = match position {
            Some(p) => {
                t.set_batch_size(p.batch_size)?;
                t.sampler = Rng::new(p.sampler);
                (Rng::new(p.rng), p.epoch, p.step, Some((p.data, Batches::at(p.order, p.cursor, p.epoch)?)))
            }
            None => (t.state.rng.clone(), 0, step, None),
        };
        let batches = Batches::at((0..t.images() as u32).collect(), 0, epoch)?;
        t.state = State { params, optimizer, batches, rng, step };
        t.pending = pending;
        t.take_pending();
        Ok(t)
    }
}
