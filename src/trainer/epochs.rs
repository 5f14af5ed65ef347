//! Keras `fit`-style training by epochs: whole passes over the training data, each reported as
//! Keras reports an epoch's loss.

use super::Trainer;
use crate::error::Invalid;
use crate::invalid;

/// The most epochs one `train_epochs` call may run.
pub const MAX_EPOCHS: u64 = 100_000;

impl Trainer {
    /// Trains `epochs` epochs, as `model.fit(x, x, batch_size, epochs)` does: each runs the
    /// minibatches left in the current epoch (ceil(n / batch_size) from its start). Returns each
    /// epoch's loss as Keras's `history["loss"]` gives it: the float32 mean of the batches'
    /// losses weighted by their sizes (Keras's `Mean` tracker, `sample_weight` = batch size), so
    /// a last partial batch counts for its images. A run that diverges is undone as a whole.
    pub fn train_epochs(&mut self, epochs: u64) -> Result<Vec<f32>, Invalid> {
        if !(1..=MAX_EPOCHS).contains(&epochs) {
            return invalid!("epochs must be a whole number in 1..={MAX_EPOCHS}, got {epochs}");
        }
        if self.data.is_empty() {
            let width = self.input();
            return invalid!("epochs: there is no data to train on yet: set_data with n*{width} values first");
        }
        let before = self.state.clone();
        let mut losses = Vec::with_capacity(epochs as usize);
        for _ in 0..epochs {
            let steps = self.state.batches.steps_left(self.options.batch_size);
            let (mut total, mut count) = (0.0f32, 0.0f32);
            let seen = |loss: f32, images: usize| {
                total += loss * images as f32;
                count += images as f32;
            };
            if let Err(value) = self.updates(steps, seen) {
                return Err(self.diverged(before, value));
            }
            losses.push(total / count);
        }
        Ok(losses)
    }
}
