//! A checkpoint as bytes: what the JS API's `checkpoint()` returns and `from_checkpoint` takes,
//! so that a model can cross from the builds the pages load to the Keras build (and a worker
//! can post it) exactly. Little-endian, in this order: the magic `TAEC` and version 1; seed,
//! iterations, step, epoch, the two generators' states and the data's hash (u64 each); cursor
//! and batch size (u32); the options (widths as u32 lists, names as strings, numbers as f64,
//! an absent beta as NaN, no noise as an empty name); the weights, then each optimizer slot
//! (f32 lists); the epoch's order (a u32 list). A list is its u32 length, then its items; a
//! string is its u8 length, then UTF-8. Bytes this code did not write are refused by name, not
//! guessed at; what they say is checked again by `Options::resolve` and `Trainer::restore`.

use super::{Checkpoint, Position};
use crate::error::Invalid;
use crate::invalid;
use crate::options::{act_name, loss_name, parse_act, parse_loss, Noise, OptimizerKind, Options};

const MAGIC: &[u8; 4] = b"TAEC";
const VERSION: u32 = 1;

/// The bytes being written.
struct Out(Vec<u8>);

impl Out {
    fn u32(&mut self, v: usize) {
        self.0.extend_from_slice(&(v as u32).to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn name(&mut self, s: &str) {
        self.0.push(s.len() as u8);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn widths(&mut self, w: &[usize]) {
        self.u32(w.len());
        w.iter().for_each(|&w| self.u32(w));
    }
    fn floats(&mut self, v: &[f32]) {
        self.u32(v.len());
        v.iter().for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
}

/// The bytes being read, and how far.
struct In<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Invalid> {
        match self.bytes.get(self.at..self.at.saturating_add(n)) {
            Some(b) => {
                self.at += n;
                Ok(b)
            }
            None => invalid!("checkpoint ends early: {} bytes, more expected at byte {}", self.bytes.len(), self.at),
        }
    }
    fn u32(&mut self) -> Result<usize, Invalid> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()) as usize)
    }
    fn u64(&mut self) -> Result<u64, Invalid> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap_or_default()))
    }
    fn f64(&mut self) -> Result<f64, Invalid> {
        Ok(f64::from_bits(self.u64()?))
    }
    fn name(&mut self) -> Result<&'a str, Invalid> {
        let n = self.take(1)?[0] as usize;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| Invalid(format!("checkpoint: a name at byte {} is not UTF-8", self.at)))
    }
    /// A list's items of `size` bytes each: its length is checked against the bytes left before
    /// anything is allocated.
    fn list(&mut self, size: usize) -> Result<std::slice::ChunksExact<'a, u8>, Invalid> {
        let n = self.u32()?;
        Ok(self.take(n.saturating_mul(size))?.chunks_exact(size))
    }
    fn widths(&mut self) -> Result<Vec<usize>, Invalid> {
        Ok(self.list(4)?.map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize).collect())
    }
    fn floats(&mut self) -> Result<Vec<f32>, Invalid> {
        Ok(self.list(4)?.map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }
}

impl Checkpoint {
    /// The checkpoint's bytes (the module's docs give the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let (o, p) = (&self.options, &self.position);
        let mut out = Out(MAGIC.to_vec());
        out.u32(VERSION as usize);
        for v in [self.seed, self.iterations, p.step, p.epoch, p.rng, p.sampler, p.data] {
            out.u64(v);
        }
        out.u32(p.cursor);
        out.u32(p.batch_size);
        out.u32(o.input);
        out.widths(&o.encoder);
        out.u32(o.latent);
        out.widths(&o.decoder_widths());
        for name in [act_name(o.activation), act_name(o.latent_activation), act_name(o.output), loss_name(o.loss)] {
            out.name(name);
        }
        out.name(o.optimizer.name());
        for v in [o.learning_rate(), o.momentum, o.l1, o.beta.unwrap_or(f64::NAN)] {
            out.f64(v);
        }
        out.name(o.noise.map_or("", Noise::kind));
        out.f64(o.noise.map_or(0.0, Noise::amount));
        out.0.push(u8::from(o.variational));
        out.floats(&self.params);
        out.u32(self.slots.len());
        self.slots.iter().for_each(|s| out.floats(s));
        out.u32(p.order.len());
        p.order.iter().for_each(|&i| out.u32(i as usize));
        out.0
    }

    /// A checkpoint from `to_bytes`'s bytes; anything else is refused, naming what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Checkpoint, Invalid> {
        let mut r = In { bytes, at: 0 };
        if r.take(4).ok() != Some(&MAGIC[..]) || r.u32()? != VERSION as usize {
            return invalid!("checkpoint must be the bytes checkpoint() returns (starting \"TAEC\", version 1)");
        }
        let [seed, iterations, step, epoch, rng, sampler, data] = [(); 7].map(|_| r.u64());
        let (cursor, batch_size) = (r.u32()?, r.u32()?);
        let mut o = Options { input: r.u32()?, encoder: r.widths()?, latent: r.u32()?, ..Options::default() };
        o.decoder = Some(r.widths()?);
        o.activation = parse_act("activation", r.name()?)?;
        o.latent_activation = parse_act("latent_activation", r.name()?)?;
        o.output = parse_act("output", r.name()?)?;
        o.loss = parse_loss(r.name()?)?;
        o.optimizer = OptimizerKind::parse(r.name()?)?;
        o.learning_rate = Some(r.f64()?);
        o.momentum = r.f64()?;
        o.l1 = r.f64()?;
        o.beta = Some(r.f64()?).filter(|b| !b.is_nan());
        let (noise, amount) = (r.name()?, r.f64()?);
        o.noise = if noise.is_empty() { None } else { Some(Noise::new(noise, amount)?) };
        o.variational = r.take(1)?[0] != 0;
        o.batch_size = batch_size;
        let params = r.floats()?;
        let n_slots = r.u32()?;
        if n_slots > 2 {
            return invalid!("checkpoint holds {n_slots} optimizer state arrays; an optimizer keeps at most 2");
        }
        let slots = (0..n_slots).map(|_| r.floats()).collect::<Result<_, _>>()?;
        let order = r.list(4)?.map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        if r.at != bytes.len() {
            return invalid!("checkpoint has {} bytes more than it describes", bytes.len() - r.at);
        }
        let position = Position {
            rng: rng?,
            sampler: sampler?,
            step: step?,
            epoch: epoch?,
            batch_size,
            order,
            cursor,
            data: data?,
        };
        Ok(Checkpoint { seed: seed?, options: o, params, iterations: iterations?, slots, position })
    }
}
