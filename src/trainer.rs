//! The trainable autoencoder behind the JS class: parameters, Adam, data, minibatch order and
//! counters, with every argument checked before anything changes.

use crate::batches::Batches;
use crate::data::{four, gather, rows, Images, Items, Range};
use crate::error::Invalid;
use crate::invalid;
use crate::layout::Layout;
use crate::network::{Loss, Net, Terms, Workspace};
use crate::number_text::{f32_text, f64_text};
use crate::optimizer::Optimizer;
use crate::options::{check_batch_size, Options};
use crate::rng::Rng;
use crate::variational::{self, draw_normals};

mod draws;
mod epochs;
#[cfg(feature = "full")]
mod resume;
#[cfg(feature = "full")]
mod resume_bytes;
use draws::add_noise;
pub use draws::MAX_SAMPLES;
pub use epochs::MAX_EPOCHS;
#[cfg(feature = "full")]
pub use resume::{data_hash, Checkpoint, Position};

/// The most steps one `train` call may run (a few seconds on 1797 images).
pub const MAX_STEPS: u64 = 100_000;
/// The largest seed: every seed is a whole number that a JS number holds exactly.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// Salts the seed into the generator `sample` draws from (src/trainer/draws.rs).
const SAMPLE_SALT: u64 = 0x5641_455f_7072_6f72;

/// Everything a training call changes, so that a failed call can put it all back.
#[derive(Clone, Debug)]
struct State {
    params: Vec<f32>,
    optimizer: Optimizer,
    batches: Batches,
    rng: Rng,
    step: u64,
}

/// What `Trainer::survey` measures in one pass: every image's code and the test part's errors.
pub struct Survey {
    /// Every image's code, n*latent.
    pub codes: Vec<f32>,
    /// The test images' reconstruction error as `evaluate` gives it.
    pub test_error: f32,
    /// Their MSE, decoded from the codes, whatever the loss.
    pub test_mse: f32,
}

/// A seeded autoencoder with its optimizer and training data.
#[derive(Clone, Debug)]
pub struct Trainer {
    seed: u64,
    options: Options,
    net: Net,
    state: State,
    data: Vec<f32>,
    ws: Workspace,
    batch: Vec<f32>,
    /// The noisy copy of `batch` a denoising model trains on (empty without noise).
    noisy: Vec<f32>,
    /// A variational model's sampling buffers (`None` for any other model).
    vae: Option<variational::Buffers>,
    /// The generator `sample` draws from (a variational model's own, apart from training's).
    sampler: Rng,
    /// A checkpoint's batch position and the hash of the data it was on: taken up when data
    /// with that hash are set (src/trainer/resume.rs), dropped by the next `train`.
    pending: Option<(u64, Batches)>,
}

/// Keras's Glorot-uniform kernels and zero biases, drawn from `rng` layer by layer.
pub fn glorot_uniform(rng: &mut Rng) -> Vec<f32> {
    glorot_uniform_for(&Layout::classic(), rng)
}

/// `glorot_uniform` for any layout.
pub fn glorot_uniform_for(layout: &Layout, rng: &mut Rng) -> Vec<f32> {
    let mut params = vec![0.0; layout.n_params];
    for d in layout.in_order() {
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
        Trainer::with_options(seed, Options::default())
    }

    /// A model from `seed` with `options` (checked first: nothing is made if one is bad).
    pub fn with_options(seed: u64, options: Options) -> Result<Self, Invalid> {
        let options = options.resolve()?;
        if seed > MAX_SEED {
            return invalid!("seed must be a whole number in 0..={MAX_SEED}, got {seed}");
        }
        let mut rng = Rng::new(seed);
        let net = options.net();
        let params = glorot_uniform_for(&net.layout, &mut rng);
        // The '4' is 64 pixels: a model of another width waits for `set_data`.
        let data = if net.layout.input() == crate::layout::PIXELS { four() } else { Vec::new() };
        let optimizer = Optimizer::new(
            options.optimizer,
            net.layout.n_params,
            options.learning_rate() as f32,
            options.momentum as f32,
        );
        let state = State { params, optimizer, batches: Batches::new(1), rng, step: 0 };
        let ws = Workspace::for_net(&net, 0);
        let mut trainer = Trainer {
            seed,
            options,
            net,
            state,
            data,
            ws,
            batch: Vec::new(),
            noisy: Vec::new(),
            vae: None,
            sampler: Rng::new(seed ^ SAMPLE_SALT),
            pending: None,
        };
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

    /// `with_options` with a seed drawn from the platform's randomness.
    pub fn with_random_seed_and_options(options: Options) -> Result<Self, Invalid> {
        let mut bytes = [0u8; 8];
        if let Err(e) = getrandom::fill(&mut bytes) {
            return invalid!("no seed given and no randomness available to draw one: {e}");
        }
        Trainer::with_options(u64::from_le_bytes(bytes) & MAX_SEED, options)
    }

    /// The resolved options (every key filled in).
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The network the options describe.
    pub fn net(&self) -> &Net {
        &self.net
    }

    /// Units in the latent code.
    pub fn latent(&self) -> usize {
        self.net.layout.latent()
    }

    /// Number of parameters.
    pub fn n_params(&self) -> usize {
        self.net.layout.n_params
    }

    /// The seed the model was initialised from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Values per item: the width of the input and of the reconstruction.
    pub fn input(&self) -> usize {
        self.net.layout.input()
    }

    /// What the model's items look like: `input` values in the output's range.
    pub fn items(&self) -> Items {
        // The compact build's one model (lib.rs CLASSIC_ONLY): the rest compiles out there.
        if crate::CLASSIC_ONLY {
            return Items::CLASSIC;
        }
        let range = match (self.options.output, self.net.loss()) {
            (crate::kernels::Act::Sigmoid, loss) => Range::Unit { bce: loss == Loss::BinaryCrossentropy },
            _ => Range::Finite,
        };
        Items { width: self.input(), widest: self.net.layout.widest(), range }
    }

    fn images(&self) -> usize {
        self.data.len() / self.input()
    }

    /// Sizes the reusable buffers for the current batch size and data.
    fn fit_workspace(&mut self) {
        let rows = self.options.batch_size.min(self.images());
        if self.ws.rows() != rows {
            self.ws = Workspace::for_net(&self.net, rows);
            self.batch = vec![0.0; rows * self.input()];
            // Neither in the compact build (lib.rs CLASSIC_ONLY): compiled out there.
            if !crate::CLASSIC_ONLY && self.options.noise.is_some() {
                self.noisy = vec![0.0; rows * self.input()];
            }
            if !crate::CLASSIC_ONLY && self.net.beta.is_some() {
                self.vae = Some(variational::Buffers::for_net(&self.net, rows));
            }
        }
    }

    /// Runs `steps` optimizer updates, each on the next minibatch, and returns their mean loss
    /// (as Keras reports it: the L1 penalty included).
    /// If the loss or the weights stop being finite, everything is put back as it was.
    pub fn train(&mut self, steps: u64) -> Result<f32, Invalid> {
        if !(1..=MAX_STEPS).contains(&steps) {
            return invalid!("steps must be a whole number in 1..={MAX_STEPS}, got {steps}");
        }
        self.pending = None;
        let width = self.input();
        // Never in the compact build (lib.rs CLASSIC_ONLY): its one model starts with the '4'.
        if !crate::CLASSIC_ONLY && self.data.is_empty() {
            return invalid!(
                "steps: there is no data to train on yet: set_data with n*{width} values first (the built-in '4' is {})",
                crate::layout::PIXELS
            );
        }
        let before = self.state.clone();
        let mut total = 0.0f64;
        if let Err(value) = self.updates(steps, |loss, _| total += loss as f64) {
            return Err(self.diverged(before, value));
        }
        Ok((total / steps as f64) as f32)
    }

    /// `steps` optimizer updates on successive minibatches, calling `seen(loss, images)` after
    /// each. A loss or weight that stops being finite stops it: `Err(that value)`, the state
    /// left for the caller to put back.
    fn updates(&mut self, steps: u64, mut seen: impl FnMut(f32, usize)) -> Result<(), f32> {
        let width = self.input();
        let clip = self.items().range != Range::Finite;
        for _ in 0..steps {
            let s = &mut self.state;
            let indices = s.batches.next(self.options.batch_size, &mut s.rng);
            for (row, &i) in self.batch.chunks_exact_mut(width).zip(indices) {
                row.copy_from_slice(&self.data[i as usize * width..(i as usize + 1) * width]);
            }
            let n = indices.len();
            let clean = &self.batch[..n * width];
            // No noise in the compact build (lib.rs CLASSIC_ONLY): compiled out there.
            let input = match if crate::CLASSIC_ONLY { None } else { self.options.noise } {
                None => clean,
                Some(noise) => {
                    let noisy = &mut self.noisy[..n * width];
                    add_noise(noise, clean, noisy, clip, &mut s.rng);
                    noisy
                }
            };
            let vae = if crate::CLASSIC_ONLY { None } else { self.vae.as_mut() };
            let terms = match vae {
                None => self.net.gradients(&s.params, input, clean, n, &mut self.ws),
                Some(buf) => {
                    // The sample's noise comes after the input's, from the same stream.
                    draw_normals(&mut buf.eps[..n * self.net.layout.latent()], &mut s.rng);
                    variational::gradients(&self.net, &s.params, input, clean, n, &mut self.ws, buf)
                }
            };
            let loss = terms.total();
            if !loss.is_finite() {
                return Err(loss);
            }
            s.optimizer.update(&mut s.params, &self.ws.grads);
            s.step += 1;
            seen(loss, n);
        }
        match self.state.params.iter().find(|w| !w.is_finite()) {
            Some(w) => Err(*w),
            None => Ok(()),
        }
    }

    /// Puts `before` back after training diverged (`value` appeared), and says so.
    fn diverged(&mut self, before: State, value: f32) -> Invalid {
        self.state = before;
        Invalid(format!(
            "training diverged ({} appeared) at learning_rate {}; the model was left as it was before this call: lower learning_rate",
            f32_text(value),
            f32_text(self.learning_rate())
        ))
    }

    /// The reconstructions (n*input) of n items.
    pub fn reconstruct(&self, x: &[f32]) -> Result<Vec<f32>, Invalid> {
        let n = self.items().check("x", x)?;
        Ok(self.net.run(&self.state.params, 0..self.net.layout.layers(), x, n))
    }

    /// The latent codes (n*latent) of n items (a variational model's `z_mean`).
    pub fn encode(&self, x: &[f32]) -> Result<Vec<f32>, Invalid> {
        let n = self.items().check("x", x)?;
        Ok(self.net.run(&self.state.params, 0..self.net.layout.encoder, x, n))
    }

    /// The reconstruction error of n images (MSE, or BCE for a model trained with binary
    /// cross-entropy; a variational model's per-image BCE sum), e.g. a held-out test set (no
    /// update, no denoising noise, no penalty).
    pub fn evaluate(&self, x: &[f32]) -> Result<f32, Invalid> {
        Ok(self.evaluate_terms(x)?.reconstruction)
    }

    /// Every image's code (n*latent), the test images' reconstruction error (`evaluate` of
    /// them, to the bit) and their MSE, from one pass of the encoder over `images`: the test
    /// codes are decoded, not encoded again. What the digits mode draws each frame, in one call.
    pub fn survey(&self, images: &Images) -> Result<Survey, Invalid> {
        images.check_for(&self.items())?;
        let params = &self.state.params;
        let codes = self.net.run(params, 0..self.net.layout.encoder, images.pixels(), images.n());
        let z = gather(&codes, self.latent(), images.test());
        let (target, n) = (images.test_pixels(), images.test().len());
        // Decoded from the codes (a variational model's means), whatever the loss: PCA's measure.
        let test_mse = self.net.decode_error(params, &z, target, n, Loss::Mse);
        let test_error = if self.options.variational {
            // Its error is a per-image BCE sum over sampled codes: evaluate's own path.
            self.terms_of(target, n).reconstruction
        } else if self.net.loss() == Loss::Mse {
            test_mse
        } else {
            self.net.decode_error(params, &z, target, n, self.net.loss())
        };
        Ok(Survey { codes, test_error, test_mse })
    }

    /// The loss of n images in its parts: reconstruction error, and the L1 penalty or a
    /// variational model's beta-weighted KL term (and the KL term alone).
    pub fn evaluate_terms(&self, x: &[f32]) -> Result<Terms, Invalid> {
        let n = self.items().check("x", x)?;
        Ok(self.terms_of(x, n))
    }

    /// Every layer's outputs for n images with the units `off` flags knocked out (held at 0):
    /// see `Net::activations`. `off`: empty (none), or one flag per hidden and latent unit.
    pub fn activations(&self, x: &[f32], off: &[bool]) -> Result<Vec<f32>, Invalid> {
        let n = self.items().check("x", x)?;
        self.check_off(off)?;
        Ok(self.net.activations(&self.state.params, x, n, off))
    }

    /// `evaluate_terms` with the units `off` flags knocked out.
    pub fn evaluate_terms_without(&self, x: &[f32], off: &[bool]) -> Result<Terms, Invalid> {
        let n = self.items().check("x", x)?;
        self.check_off(off)?;
        Ok(self.net.evaluate_without(&self.state.params, x, x, n, off))
    }

    fn check_off(&self, off: &[bool]) -> Result<(), Invalid> {
        // A variational net's layers are not one chain (two heads feed the sample).
        if self.options.variational {
            return invalid!("off: knock-outs are for plain autoencoders, not a variational one");
        }
        let units = self.net.hidden_units();
        if !off.is_empty() && off.len() != units {
            return invalid!(
                "off must hold one flag per hidden and latent unit ({units}, layer by layer), or none; got {}",
                off.len()
            );
        }
        Ok(())
    }

    /// The items (n*input) decoded from n latent codes.
    pub fn decode(&self, z: &[f32]) -> Result<Vec<f32>, Invalid> {
        let latent = self.latent();
        let n = rows("z", z, latent, &format!("n codes of {latent} latent units"))?;
        let max = crate::data::max_rows(self.net.layout.widest());
        // The classic model's codes are narrower than its images: `rows` capped them already.
        if !crate::CLASSIC_ONLY && n > max {
            return invalid!("z holds {n} codes; this model decodes at most {max} in one call");
        }
        Ok(self.net.run(&self.state.params, self.net.layout.encoder..self.net.layout.layers(), z, n))
    }

    /// Replaces the training data (n items of `input` values, in [0, 1] for a sigmoid output);
    /// the next step starts a new epoch, unless the model was just restored from a checkpoint
    /// (`from_keras`) and these are the data it was saved with: then training goes on from the
    /// checkpoint's place in its epoch.
    pub fn set_data(&mut self, pixels: &[f32]) -> Result<(), Invalid> {
        let n = self.items().check("pixels", pixels)?;
        self.data = pixels.to_vec();
        self.state.batches.restart(n);
        self.take_pending();
        self.fit_workspace();
        Ok(())
    }

    /// Puts a checkpoint's batch position in place if the data are the ones it was saved with.
    fn take_pending(&mut self) {
        #[cfg(feature = "full")]
        if let Some((hash, batches)) = &self.pending {
            if batches.order().len() == self.images() && *hash == data_hash(&self.data) {
                self.state.batches = batches.clone();
                self.pending = None;
            }
        }
    }

    /// The training data, n*input values.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// The optimizer's learning rate.
    pub fn learning_rate(&self) -> f32 {
        self.state.optimizer.learning_rate()
    }

    /// Sets the learning rate: a finite number > 0 that is still > 0 as an f32.
    pub fn set_learning_rate(&mut self, lr: f64) -> Result<(), Invalid> {
        let as_f32 = lr as f32;
        if !(lr.is_finite() && as_f32 > 0.0 && as_f32.is_finite()) {
            return invalid!("learning_rate must be a finite number > 0 (e.g. 0.001), got {}", f64_text(lr));
        }
        self.state.optimizer.set_learning_rate(as_f32);
        self.options.learning_rate = Some(lr);
        Ok(())
    }

    /// Images per minibatch.
    pub fn batch_size(&self) -> usize {
        self.options.batch_size
    }

    /// Sets the minibatch size, 1..=MAX_BATCH.
    pub fn set_batch_size(&mut self, size: usize) -> Result<(), Invalid> {
        check_batch_size(size)?;
        self.options.batch_size = size;
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

    /// The loss over the whole training data as Keras reports it (reconstruction error plus
    /// the L1 penalty; no noise), without an update.
    pub fn loss(&self) -> f32 {
        self.loss_terms().total()
    }

    /// `loss()` in its parts.
    pub fn loss_terms(&self) -> Terms {
        self.terms_of(&self.data, self.images())
    }

    /// The weights (2276 for the classic model) in Keras `get_weights()` order, flattened.
    pub fn weights(&self) -> &[f32] {
        &self.state.params
    }

    /// Loads `n_params` (2276 for the classic model) finite weights in Keras order and resets
    /// the optimizer (Adam's m, v, t).
    pub fn set_weights(&mut self, w: &[f32]) -> Result<(), Invalid> {
        let n_params = self.n_params();
        if w.len() != n_params {
            return invalid!(
                "weights must hold exactly {n_params} values (Keras get_weights() order), got {}",
                w.len()
            );
        }
        if let Some(i) = w.iter().position(|v| !v.is_finite()) {
            return invalid!("weights[{i}] is {}; weights must be finite numbers", f32_text(w[i]));
        }
        self.state.params.copy_from_slice(w);
        self.state.optimizer.reset();
        Ok(())
    }
}
