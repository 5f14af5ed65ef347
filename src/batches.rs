//! Minibatch order: Keras `fit`'s, reshuffled every epoch with the seeded RNG, last partial
//! batch kept.

use crate::error::Invalid;
use crate::invalid;
use crate::rng::Rng;

/// Which images the next minibatches hold.
#[derive(Clone, Debug)]
pub struct Batches {
    order: Vec<u32>,
    cursor: usize,
    epochs: u64,
}

impl Batches {
    /// An order over `n` images, starting an epoch.
    pub fn new(n: usize) -> Self {
        Batches { order: (0..n as u32).collect(), cursor: 0, epochs: 0 }
    }

    /// A position saved by a checkpoint: the epoch's order, how far into it, epochs completed.
    /// `order` must be a permutation of `0..order.len()` and `cursor` inside it.
    pub fn at(order: Vec<u32>, cursor: usize, epochs: u64) -> Result<Self, Invalid> {
        let mut seen = vec![false; order.len()];
        for &i in &order {
            match seen.get_mut(i as usize) {
                Some(s) if !*s => *s = true,
                _ => {
                    return invalid!(
                        "the checkpoint's batch order is not a permutation of 0..{} (it repeats or exceeds {i})",
                        order.len()
                    )
                }
            }
        }
        if cursor >= order.len().max(1) {
            return invalid!("the checkpoint's cursor {cursor} is outside its batch order of {}", order.len());
        }
        Ok(Batches { order, cursor, epochs })
    }

    /// This epoch's order (shuffled when the epoch began).
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// Images of this epoch's order already trained on.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Epochs completed.
    pub fn epochs(&self) -> u64 {
        self.epochs
    }

    /// How many minibatches of up to `size` images are left in this epoch (a whole epoch's,
    /// ceil(n / size), at its start).
    pub fn steps_left(&self, size: usize) -> u64 {
        (self.order.len() - self.cursor).div_ceil(size) as u64
    }

    /// Starts a new epoch over `n` images (after the data changed), keeping the epoch count.
    pub fn restart(&mut self, n: usize) {
        *self = Batches { epochs: self.epochs, ..Batches::new(n) };
    }

    /// The indices of the next minibatch of up to `size` images; an epoch starts with a shuffle.
    pub fn next(&mut self, size: usize, rng: &mut Rng) -> &[u32] {
        if self.cursor == 0 {
            rng.shuffle(&mut self.order);
        }
        let start = self.cursor;
        let end = (start + size).min(self.order.len());
        self.cursor = end;
        if end == self.order.len() {
            self.cursor = 0;
            self.epochs += 1;
        }
        &self.order[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_epoch_visits_every_image_once_and_keeps_the_partial_batch() {
        let mut rng = Rng::new(5);
        let mut batches = Batches::new(10);
        let mut seen = Vec::new();
        let sizes: Vec<usize> = (0..3)
            .map(|_| {
                let b = batches.next(4, &mut rng);
                seen.extend_from_slice(b);
                b.len()
            })
            .collect();
        assert_eq!(sizes, [4, 4, 2]);
        assert_eq!(batches.epochs(), 1);
        seen.sort();
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn each_epoch_is_reshuffled() {
        let mut rng = Rng::new(9);
        let mut batches = Batches::new(20);
        let first = batches.next(20, &mut rng).to_vec();
        let second = batches.next(20, &mut rng).to_vec();
        assert_ne!(first, second);
        assert_eq!(batches.epochs(), 2);
    }

    #[test]
    fn one_image_makes_one_step_an_epoch() {
        let mut rng = Rng::new(1);
        let mut batches = Batches::new(1);
        for _ in 0..5 {
            assert_eq!(batches.next(32, &mut rng), &[0]);
        }
        assert_eq!(batches.epochs(), 5);
    }
}
