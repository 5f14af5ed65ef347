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

/// A model's whole state: seed, options, weights, optimizer and training position.
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    /// The seed it was initialised from.
    pub seed: u64,
    /// Its options, resolved.
    pub options: Options,
    /// The weights, in Keras `get_weights()` order.
    pub params: Vec<f32>,
    /// The optimizer's update count (Keras's `iterations`).
    pub iterations: u64,
    /// The optimizer's state arrays (`Optimizer::slots`), one value per weight each.
    pub slots: Vec<Vec<f32>>,
    /// Where training is.
    pub position: Position,
}

/// FNV-1a over the pixels' bits: tells the data a checkpoint was saved with from others.
pub fn data_hash(pixels: &[f32]) -> u64 {
    pixels
        .iter()
        .flat_map(|p| p.to_bits().to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

impl Trainer {
    /// The training position, for a checkpoint. A restored model whose data have not come yet
    /// gives the position it is waiting to take up, so a checkpoint of it loses nothing.
    pub fn position(&self) -> Position {
        let (b, data) = match &self.pending {
            Some((hash, batches)) => (batches, *hash),
            None => (&self.state.batches, data_hash(&self.data)),
        };
        Position {
            rng: self.state.rng.state(),
            sampler: self.sampler.state(),
            step: self.state.step,
            epoch: b.epochs(),
            batch_size: self.options.batch_size,
            order: b.order().to_vec(),
            cursor: b.cursor(),
            data,
        }
    }

    /// Everything exact resumption needs, as plain values (the JS API's `checkpoint()`).
    pub fn checkpoint(&self) -> Checkpoint {
        let (iterations, slots) = self.state.optimizer.slots(self.state.step);
        Checkpoint {
            seed: self.seed,
            options: self.options.clone(),
            params: self.state.params.clone(),
            iterations,
            slots: slots.into_iter().map(<[f32]>::to_vec).collect(),
            position: self.position(),
        }
    }

    /// The model a `checkpoint()` describes, every part checked first (nothing is made if one
    /// is bad); it trains on as the original would, to the bit, once given the same data.
    pub fn from_checkpoint(c: Checkpoint) -> Result<Trainer, Invalid> {
        let options = c.options.resolve()?;
        let n = options.net().layout.n_params;
        let (lr, momentum) = (options.learning_rate() as f32, options.momentum as f32);
        let optimizer = Optimizer::resume(options.optimizer, n, lr, momentum, c.iterations, c.slots)?;
        Trainer::restore(c.seed, options, c.params, optimizer, c.position.step, Some(c.position))
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
