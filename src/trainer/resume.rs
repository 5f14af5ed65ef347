//! Checkpoints: what resuming to the bit needs beyond the weights and the optimizer's state
//! (the generators, the counters, the batch size and the place in the epoch's order), taken
//! from a model and given to a new one.

use super::{State, Trainer};
use crate::batches::Batches;
use crate::error::Invalid;
use crate::invalid;
use crate::optimizer::Optimizer;
use crate::options::{check_batch_size, Options};
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

/// The words `Position::to_words` starts with: six u64 counters, low word first, then the
/// batch size and the cursor.
const COUNTER_WORDS: usize = 14;

impl Position {
    /// The position and the optimizer's `iterations` as u32 words, what the JS API's `resume`
    /// takes (and the Keras build's `checkpoint_parts()` gives): iterations, step, epoch, the
    /// two generators' states and the data's hash (u64, low word first), the batch size and
    /// the cursor, then the epoch's order.
    pub fn to_words(&self, iterations: u64) -> Vec<u32> {
        let counters = [iterations, self.step, self.epoch, self.rng, self.sampler, self.data];
        let words = counters.into_iter().flat_map(|v| [v as u32, (v >> 32) as u32]);
        let sizes = [self.batch_size as u32, self.cursor as u32];
        words.chain(sizes).chain(self.order.iter().copied()).collect()
    }

    /// `(iterations, position)` from `to_words`'s words; what they say is checked by `resume`.
    pub fn from_words(words: &[u32]) -> Result<(u64, Position), Invalid> {
        let Some((head, order)) = words.split_at_checked(COUNTER_WORDS) else {
            return invalid!("the position must be at least {COUNTER_WORDS} words, got {}", words.len());
        };
        let u = |i: usize| head[2 * i] as u64 | (head[2 * i + 1] as u64) << 32;
        let position = Position {
            step: u(1),
            epoch: u(2),
            rng: u(3),
            sampler: u(4),
            data: u(5),
            batch_size: head[12] as usize,
            cursor: head[13] as usize,
            order: order.to_vec(),
        };
        Ok((u(0), position))
    }
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

    /// `checkpoint()`'s bytes (the JS API's `checkpoint()`), written from the model as it is.
    pub fn checkpoint_bytes(&self) -> Vec<u8> {
        let (iterations, slots) = self.state.optimizer.slots(self.state.step);
        super::resume_bytes::write(self.seed, &self.options, &self.state.params, iterations, &slots, &self.position())
    }

    /// Everything exact resumption needs, as plain values.
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
        let mut t = Trainer::with_options(c.seed, c.options)?;
        t.resume(c.params, c.iterations, c.slots, c.position)?;
        Ok(t)
    }

    /// Puts this model, made from a checkpoint's seed and options, at the checkpoint's
    /// weights, optimizer state (`iterations`, `slots`) and position: the JS API's `resume`,
    /// which the builds the pages load take a model through instead of the checkpoint's
    /// bytes, whose reader is the Keras build's. A refusal leaves the model as it was.
    pub fn resume(
        &mut self,
        params: Vec<f32>,
        iterations: u64,
        slots: Vec<Vec<f32>>,
        position: Position,
    ) -> Result<(), Invalid> {
        let o = &self.options;
        let (lr, momentum) = (o.learning_rate() as f32, o.momentum as f32);
        let optimizer = Optimizer::resume(o.optimizer, self.n_params(), lr, momentum, iterations, slots)?;
        self.put(params, optimizer, position.step, Some(position))
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
        t.put(params, optimizer, step, position)?;
        Ok(t)
    }

    /// `restore`'s and `resume`'s state put in place, every part checked before anything changes.
    fn put(
        &mut self,
        params: Vec<f32>,
        optimizer: Optimizer,
        step: u64,
        position: Option<Position>,
    ) -> Result<(), Invalid> {
        if params.len() != self.n_params() {
            return invalid!("the weights hold {} values; the model has {}", params.len(), self.n_params());
        }
        if let Some(i) = params.iter().position(|w| !w.is_finite()) {
            return invalid!("weight {i} is not a finite number");
        }
        let (rng, epoch, step, pending) = match position {
            Some(p) => {
                check_batch_size(p.batch_size)?;
                let batches = Batches::at(p.order, p.cursor, p.epoch)?;
                self.options.batch_size = p.batch_size;
                self.sampler = Rng::new(p.sampler);
                (Rng::new(p.rng), p.epoch, p.step, Some((p.data, batches)))
            }
            None => (self.state.rng.clone(), 0, step, None),
        };
        let batches = Batches::at((0..self.images() as u32).collect(), 0, epoch)?;
        self.state = State { params, optimizer, batches, rng, step };
        self.pending = pending;
        self.take_pending();
        self.fit_workspace();
        Ok(())
    }
}
