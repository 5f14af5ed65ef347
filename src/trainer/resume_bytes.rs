//! A checkpoint as bytes: what the JS API's `checkpoint()` returns and `from_checkpoint` takes,
//! so that a model can cross from the builds the pages load to the Keras build (and a worker
//! can post it) exactly. Little-endian, in this order: the magic `TAEC` and version 1; seed,
//! iterations, step, epoch, the two generators' states and the data's hash (u64 each); cursor,
//! batch size, input and latent widths (u32); one-byte codes: the three activations, the loss,
//! the optimizer and the noise type (`ACTS` ... `NOISES`), whether variational, how many
//! optimizer slots; learning rate, momentum, L1, beta (NaN: none) and the noise's amount (f64);
//! then the lists (a u32 length, then the items): encoder and decoder widths (u32), the
//! weights and each optimizer slot (f32), the epoch's order (u32). Bytes this code did not
//! write are refused, not guessed at; what they say is checked again by `Options::resolve` and
//! `Trainer::restore`. Plain loops over one byte reader and writer, numbers before lists: this
//! is in the builds the pages load, where every kilobyte counts.

use super::{Checkpoint, Position};
use crate::error::Invalid;
use crate::invalid;
use crate::kernels::Act;
use crate::network::Loss;
use crate::options::{Noise, OptimizerKind, Options};

const MAGIC: u32 = u32::from_le_bytes(*b"TAEC");
const VERSION: u32 = 1;
/// The activations by their one-byte code (`Act as u8`).
const ACTS: [Act; 5] = [Act::Linear, Act::Relu, Act::Sigmoid, Act::Tanh, Act::Elu];
/// The losses, optimizers and noise types by theirs (0: no noise).
const LOSSES: [Loss; 2] = [Loss::Mse, Loss::BinaryCrossentropy];
const OPTIMIZERS: [OptimizerKind; 3] = [OptimizerKind::Adam, OptimizerKind::RmsProp, OptimizerKind::Sgd];
const NOISES: [&str; 3] = ["", "gaussian", "mask"];

/// The bytes being written.
struct Out(Vec<u8>);

impl Out {
    #[inline(never)]
    fn put(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
    fn u32(&mut self, v: usize) {
        self.put(&(v as u32).to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.put(&v.to_le_bytes());
    }
    #[inline(never)]
    fn words(&mut self, v: impl ExactSizeIterator<Item = u32>) {
        self.u32(v.len());
        for w in v {
            self.put(&w.to_le_bytes());
        }
    }
}

/// The bytes being read, and how far.
struct In<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> In<'a> {
    #[inline(never)]
    fn take(&mut self, n: usize) -> Result<&'a [u8], Invalid> {
        let Some(b) = self.bytes.get(self.at..self.at.saturating_add(n)) else { return self.damaged() };
        self.at += n;
        Ok(b)
    }
    /// The one refusal of bytes that start right but do not go on as `to_bytes` writes.
    #[cold]
    #[inline(never)]
    fn damaged<T>(&self) -> Result<T, Invalid> {
        invalid!(
            "checkpoint is damaged: {} bytes, not as checkpoint() writes them from byte {}",
            self.bytes.len(),
            self.at
        )
    }
    fn u32(&mut self) -> Result<u32, Invalid> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, Invalid> {
        Ok(self.u32()? as u64 | (self.u32()? as u64) << 32)
    }
    fn f64(&mut self) -> Result<f64, Invalid> {
        Ok(f64::from_bits(self.u64()?))
    }
    /// A one-byte code below `n` (a table's length).
    #[inline(never)]
    fn code(&mut self, n: usize) -> Result<usize, Invalid> {
        let c = self.take(1)?[0] as usize;
        if c < n {
            Ok(c)
        } else {
            self.at -= 1;
            self.damaged()
        }
    }
    /// A u32 list, its length checked against the bytes left before anything is allocated.
    #[inline(never)]
    fn words(&mut self) -> Result<Vec<u32>, Invalid> {
        let n = self.u32()? as usize;
        Ok(self
            .take(n.saturating_mul(4))?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
    fn widths(&mut self) -> Result<Vec<usize>, Invalid> {
        Ok(self.words()?.into_iter().map(|w| w as usize).collect())
    }
    fn floats(&mut self) -> Result<Vec<f32>, Invalid> {
        Ok(self.words()?.into_iter().map(f32::from_bits).collect())
    }
}

/// The bytes of a checkpoint given by its parts, borrowed (`Trainer::checkpoint_bytes` writes a
/// model's without copying its weights and state first).
pub fn write(seed: u64, o: &Options, params: &[f32], iterations: u64, slots: &[&[f32]], p: &Position) -> Vec<u8> {
    let mut out = Out(Vec::new());
    for v in [MAGIC, VERSION] {
        out.u32(v as usize);
    }
    for v in [seed, iterations, p.step, p.epoch, p.rng, p.sampler, p.data] {
        out.u64(v);
    }
    for v in [p.cursor, p.batch_size, o.input, o.latent] {
        out.u32(v);
    }
    let noise = o.noise.map_or(0, |n| if n.kind() == NOISES[1] { 1 } else { 2 });
    let acts = [o.activation, o.latent_activation, o.output];
    out.put(&acts.map(|a| a as u8));
    out.put(&[o.loss as u8, o.optimizer as u8, noise, u8::from(o.variational), slots.len() as u8]);
    let amount = o.noise.map_or(0.0, Noise::amount);
    for v in [o.learning_rate(), o.momentum, o.l1, o.beta.unwrap_or(f64::NAN), amount] {
        out.u64(v.to_bits());
    }
    out.words(o.encoder.iter().map(|&w| w as u32));
    out.words(o.decoder_widths().into_iter().map(|w| w as u32));
    out.words(params.iter().map(|x| x.to_bits()));
    for s in slots {
        out.words(s.iter().map(|x| x.to_bits()));
    }
    out.words(p.order.iter().copied());
    out.0
}

impl Checkpoint {
    /// The checkpoint's bytes (the module's docs give the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let slots: Vec<&[f32]> = self.slots.iter().map(Vec::as_slice).collect();
        write(self.seed, &self.options, &self.params, self.iterations, &slots, &self.position)
    }

    /// A checkpoint from `to_bytes`'s bytes; anything else is refused, naming what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Checkpoint, Invalid> {
        let mut r = In { bytes, at: 0 };
        if r.u32().ok() != Some(MAGIC) || r.u32()? != VERSION {
            return invalid!("checkpoint must be the bytes checkpoint() returns (starting \"TAEC\", version 1)");
        }
        // The numbers first, then the lists: a refusal then has the fewest vectors to free.
        let mut u = [0u64; 7];
        for v in &mut u {
            *v = r.u64()?;
        }
        let [seed, iterations, step, epoch, rng, sampler, data] = u;
        let mut n = [0usize; 4];
        for v in &mut n {
            *v = r.u32()? as usize;
        }
        let [cursor, batch_size, input, latent] = n;
        let acts = [ACTS[r.code(5)?], ACTS[r.code(5)?], ACTS[r.code(5)?]];
        let (loss, optimizer, noise) = (LOSSES[r.code(2)?], OPTIMIZERS[r.code(3)?], NOISES[r.code(3)?]);
        let (variational, n_slots) = (r.code(2)? == 1, r.code(3)?);
        let mut f = [0f64; 5];
        for v in &mut f {
            *v = r.f64()?;
        }
        let [learning_rate, momentum, l1, beta, amount] = f;
        let noise = if noise.is_empty() { None } else { Some(Noise::new(noise, amount)?) };
        let (encoder, decoder) = (r.widths()?, Some(r.widths()?));
        let params = r.floats()?;
        let mut slots = Vec::new();
        for _ in 0..n_slots {
            slots.push(r.floats()?);
        }
        let order = r.words()?;
        if r.at != bytes.len() {
            return r.damaged();
        }
        let [activation, latent_activation, output] = acts;
        let options = Options {
            input,
            encoder,
            latent,
            decoder,
            activation,
            latent_activation,
            output,
            loss,
            optimizer,
            learning_rate: Some(learning_rate),
            momentum,
            l1,
            noise,
            variational,
            beta: Some(beta).filter(|b| !b.is_nan()),
            batch_size,
        };
        let position = Position { rng, sampler, step, epoch, batch_size, order, cursor, data };
        Ok(Checkpoint { seed, options, params, iterations, slots, position })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_its_enum_value() {
        assert!(ACTS.iter().enumerate().all(|(i, &a)| a as usize == i));
        assert!(LOSSES.iter().enumerate().all(|(i, &l)| l as usize == i));
        assert!(OPTIMIZERS.iter().enumerate().all(|(i, &k)| k as usize == i));
        assert_eq!(NOISES[1..], [Noise::Gaussian(0.0).kind(), Noise::Mask(0.0).kind()]);
    }
}
