//! The model's options (issue 10): architecture, activations, loss, optimizer, L1 activity
//! penalty, denoising and the variational mode (issue 12, checked in src/options/vae.rs). `Options::default()` is the classic model; `resolve` checks every
//! value and fills in the ones that follow from others (mirrored decoder, Keras learning rates).

use crate::error::Invalid;
use crate::invalid;
use crate::kernels::Act;
use crate::layout::Layout;
use crate::network::{Loss, Net};
use crate::number_text::f64_text;

use crate::CLASSIC_ONLY;

mod vae;

/// The most values per item (`input`): a 64x64 image. Wider rows fit the per-call caps
/// (src/data.rs `MAX_CALL_VALUES`) in too few rows to train on.
pub const MAX_INPUT: usize = 4096;
/// Values per item unless `input` says otherwise: the classic 8x8 image.
pub const DEFAULT_INPUT: usize = crate::layout::PIXELS;
/// The most hidden layers on either side.
pub const MAX_HIDDEN_LAYERS: usize = 4;
/// The widest hidden layer: a 1024 x 1024 kernel is 4 MB, its Adam moments 8 MB more.
pub const MAX_WIDTH: usize = 1024;
/// The largest latent code.
pub const MAX_LATENT: usize = 256;
/// The largest batch size accepted.
pub const MAX_BATCH: usize = 65_536;
/// Keras `fit`'s default batch size.
pub const DEFAULT_BATCH: usize = 32;
/// Every option key, in the order `options()` lists them.
pub const KEYS: [&str; 16] = [
    "input",
    "encoder",
    "latent",
    "decoder",
    "activation",
    "latent_activation",
    "output",
    "loss",
    "optimizer",
    "learning_rate",
    "momentum",
    "l1",
    "noise",
    "variational",
    "beta",
    "batch_size",
];

/// The activations of hidden and latent layers.
pub const ACTS: [Act; 5] = [Act::Relu, Act::Tanh, Act::Sigmoid, Act::Linear, Act::Elu];
/// The output layer's activations: what reconstructs values in [0, 1], and any value.
pub const OUTPUTS: [Act; 2] = [Act::Sigmoid, Act::Linear];
/// The losses.
pub const LOSSES: [Loss; 2] = [Loss::Mse, Loss::BinaryCrossentropy];
/// The optimizers.
pub const OPTIMIZERS: [OptimizerKind; 3] = [OptimizerKind::Adam, OptimizerKind::RmsProp, OptimizerKind::Sgd];
/// The denoising noises' types.
pub const NOISE_KINDS: [&str; 2] = ["gaussian", "mask"];
/// The largest standard deviation of Gaussian noise.
pub const MAX_GAUSSIAN: f64 = 10.0;

/// The accepted names of a refusal's message, quoted: `"a", "b" or "c"`.
pub fn choices<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("\"{n}\"")).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Which optimizer trains the model, with Keras's defaults and update forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    /// keras.optimizers.Adam.
    Adam,
    /// keras.optimizers.RMSprop.
    RmsProp,
    /// keras.optimizers.SGD (with optional momentum).
    Sgd,
}

impl OptimizerKind {
    /// The Keras name.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Adam => "adam",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Sgd => "sgd",
        }
    }

    /// Keras's default learning rate.
    pub fn default_learning_rate(self) -> f64 {
        match self {
            OptimizerKind::Sgd => 0.01,
            _ => 0.001,
        }
    }

    /// Parses a Keras name.
    pub fn parse(name: &str) -> Result<Self, Invalid> {
        match OPTIMIZERS.into_iter().find(|o| o.name() == name) {
            Some(o) => Ok(o),
            None => invalid!("optimizer must be {}, got \"{name}\"", choices(OPTIMIZERS.map(OptimizerKind::name))),
        }
    }
}

/// Denoising: the noise put on every training batch (fresh each batch, from the seeded RNG).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Noise {
    /// clip(x + amount * N(0, 1), 0, 1).
    Gaussian(f64),
    /// Each pixel set to 0 with probability amount.
    Mask(f64),
}

impl Noise {
    /// "gaussian" or "mask".
    pub fn kind(self) -> &'static str {
        match self {
            Noise::Gaussian(_) => "gaussian",
            Noise::Mask(_) => "mask",
        }
    }

    /// The amount (standard deviation, or masking probability).
    pub fn amount(self) -> f64 {
        match self {
            Noise::Gaussian(a) | Noise::Mask(a) => a,
        }
    }

    /// A checked noise from its type and amount.
    pub fn new(kind: &str, amount: f64) -> Result<Self, Invalid> {
        let noise = match kind {
            "gaussian" => Noise::Gaussian(amount),
            "mask" => Noise::Mask(amount),
            _ => return invalid!("noise.type must be {}, got \"{kind}\"", choices(NOISE_KINDS)),
        };
        let ok = match noise {
            Noise::Gaussian(a) => a.is_finite() && (0.0..=MAX_GAUSSIAN).contains(&a),
            Noise::Mask(a) => (0.0..=1.0).contains(&a),
        };
        if !ok {
            let range = if kind == "mask" {
                "a probability in [0, 1]".to_string()
            } else {
                format!("a finite number in [0, {}]", f64_text(MAX_GAUSSIAN))
            };
            return invalid!("noise.amount for \"{kind}\" noise must be {range}, got {}", f64_text(amount));
        }
        Ok(noise)
    }
}

/// The Keras name of an activation.
pub fn act_name(act: Act) -> &'static str {
    match act {
        Act::Relu => "relu",
        Act::Tanh => "tanh",
        Act::Sigmoid => "sigmoid",
        Act::Linear => "linear",
        Act::Elu => "elu",
    }
}

/// The activations option `key` accepts: `OUTPUTS` for `output`, else `ACTS`.
pub fn acts_of(key: &str) -> &'static [Act] {
    if key == "output" {
        &OUTPUTS
    } else {
        &ACTS
    }
}

/// Parses the activation of option `key` (`output` accepts only sigmoid and linear).
pub fn parse_act(key: &str, name: &str) -> Result<Act, Invalid> {
    let accepted = acts_of(key);
    match accepted.iter().copied().find(|&a| act_name(a) == name) {
        Some(act) => Ok(act),
        None => invalid!("{key} must be {}, got \"{name}\"", choices(accepted.iter().map(|&a| act_name(a)))),
    }
}

/// The Keras name of a loss.
pub fn loss_name(loss: Loss) -> &'static str {
    match loss {
        Loss::Mse => "mse",
        Loss::BinaryCrossentropy => "binary_crossentropy",
    }
}

/// Parses a loss name.
pub fn parse_loss(name: &str) -> Result<Loss, Invalid> {
    match LOSSES.into_iter().find(|&l| loss_name(l) == name) {
        Some(loss) => Ok(loss),
        None => invalid!("loss must be {}, got \"{name}\"", choices(LOSSES.map(loss_name))),
    }
}

/// Every option of a model; `Default` is the classic 64-16-4-16-64 ReLU/sigmoid/MSE/Adam model.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Values per item: the width of the input and output layers, 1..=MAX_INPUT (64: 8x8 images).
    pub input: usize,
    /// Hidden widths from the input to the latent (0..=MAX_HIDDEN_LAYERS of them, each 1..=MAX_WIDTH).
    pub encoder: Vec<usize>,
    /// Latent units, 1..=MAX_LATENT.
    pub latent: usize,
    /// Hidden widths from the latent to the output; `None`: the encoder's, mirrored.
    pub decoder: Option<Vec<usize>>,
    /// Activation of the hidden layers.
    pub activation: Act,
    /// Activation of the latent layer.
    pub latent_activation: Act,
    /// Activation of the output layer: sigmoid or linear.
    pub output: Act,
    /// The loss.
    pub loss: Loss,
    /// The optimizer.
    pub optimizer: OptimizerKind,
    /// The learning rate; `None`: the optimizer's Keras default.
    pub learning_rate: Option<f64>,
    /// SGD momentum, 0 <= m < 1.
    pub momentum: f64,
    /// L1 activity penalty on the latent code, >= 0.
    pub l1: f64,
    /// Denoising noise, if any.
    pub noise: Option<Noise>,
    /// A variational autoencoder (needs `Options::vae()`'s output, loss and latent activation).
    pub variational: bool,
    /// The KL term's weight of a variational model (`None`: 1; refused without `variational`).
    pub beta: Option<f64>,
    /// Images per minibatch, 1..=MAX_BATCH (Keras `fit`'s 32 by default).
    pub batch_size: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            input: DEFAULT_INPUT,
            encoder: vec![16],
            latent: 4,
            decoder: None,
            activation: Act::Relu,
            latent_activation: Act::Relu,
            output: Act::Sigmoid,
            loss: Loss::Mse,
            optimizer: OptimizerKind::Adam,
            learning_rate: None,
            momentum: 0.0,
            l1: 0.0,
            noise: None,
            variational: false,
            beta: None,
            batch_size: DEFAULT_BATCH,
        }
    }
}

fn check_widths(key: &str, widths: &[usize]) -> Result<(), Invalid> {
    // `[16, 8]`, written out: `{:?}` would pull core's Debug machinery into the wasm.
    let list = || {
        let mut list = String::from("[");
        for (i, w) in widths.iter().enumerate() {
            list += &format!("{}{w}", if i > 0 { ", " } else { "" });
        }
        list + "]"
    };
    if widths.len() > MAX_HIDDEN_LAYERS {
        return invalid!(
            "{key} must be an array of 0 to {MAX_HIDDEN_LAYERS} hidden widths, got {} widths {}",
            widths.len(),
            list()
        );
    }
    if let Some(w) = widths.iter().find(|w| !(1..=MAX_WIDTH).contains(*w)) {
        return invalid!("{key} widths must be whole numbers 1..={MAX_WIDTH}, got {w} in {}", list());
    }
    Ok(())
}

/// Checks a minibatch size: 1..=MAX_BATCH (an option, and `Trainer::set_batch_size`).
pub fn check_batch_size(size: usize) -> Result<(), Invalid> {
    if !(1..=MAX_BATCH).contains(&size) {
        return invalid!("batch_size must be a whole number in 1..={MAX_BATCH}, got {size}");
    }
    Ok(())
}

impl Options {
    /// Checks every value and fills in `decoder` and `learning_rate`: the options a model runs.
    pub fn resolve(mut self) -> Result<Options, Invalid> {
        if CLASSIC_ONLY {
            // The compact build's one model, resolved by hand: every check below compiles out.
            if self != Options::default() {
                return invalid!("options other than the classic model's need the full build (this one is compact)");
            }
            // The classic encoder is one layer: mirrored, it is the decoder.
            return Ok(Options { decoder: Some(self.encoder.clone()), learning_rate: Some(0.001), ..self });
        }
        if !(1..=MAX_INPUT).contains(&self.input) {
            return invalid!("input must be a whole number 1..={MAX_INPUT} (values per item), got {}", self.input);
        }
        check_widths("encoder", &self.encoder)?;
        if !(1..=MAX_LATENT).contains(&self.latent) {
            return invalid!("latent must be a whole number 1..={MAX_LATENT}, got {}", self.latent);
        }
        let decoder = self.decoder.take().unwrap_or_else(|| self.encoder.iter().rev().copied().collect());
        check_widths("decoder", &decoder)?;
        self.decoder = Some(decoder);
        if !OUTPUTS.contains(&self.output) {
            return invalid!("output must be {}, got \"{}\"", choices(OUTPUTS.map(act_name)), act_name(self.output));
        }
        if self.loss == Loss::BinaryCrossentropy && self.output != Act::Sigmoid {
            return invalid!(
                "loss \"binary_crossentropy\" needs output \"sigmoid\", got output \"{}\"",
                act_name(self.output)
            );
        }
        let lr = self.learning_rate.unwrap_or(self.optimizer.default_learning_rate());
        let lr32 = lr as f32;
        if !(lr.is_finite() && lr32 > 0.0 && lr32.is_finite()) {
            return invalid!("learning_rate must be a finite number > 0 (e.g. 0.001), got {}", f64_text(lr));
        }
        self.learning_rate = Some(lr);
        if !(0.0..1.0).contains(&self.momentum) {
            return invalid!("momentum must be a number with 0 <= momentum < 1, got {}", f64_text(self.momentum));
        }
        if self.momentum != 0.0 && self.optimizer != OptimizerKind::Sgd {
            return invalid!(
                "momentum applies to optimizer \"sgd\" only, got momentum {} with optimizer \"{}\"",
                f64_text(self.momentum),
                self.optimizer.name()
            );
        }
        if !(self.l1.is_finite() && self.l1 >= 0.0) {
            return invalid!("l1 must be a finite number >= 0, got {}", f64_text(self.l1));
        }
        if let Some(noise) = self.noise {
            Noise::new(noise.kind(), noise.amount())?;
        }
        check_batch_size(self.batch_size)?;
        vae::check_options(&mut self)?;
        Ok(self)
    }

    /// The decoder's widths (the encoder's mirrored unless given).
    pub fn decoder_widths(&self) -> Vec<usize> {
        self.decoder.clone().unwrap_or_else(|| self.encoder.iter().rev().copied().collect())
    }

    /// The learning rate (the optimizer's Keras default unless given).
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate.unwrap_or(self.optimizer.default_learning_rate())
    }

    /// The variational model's defaults: a sigmoid output, the binary cross-entropy it implies,
    /// linear `z_mean` / `z_log_var` heads, beta 1; the rest as `Default`.
    pub fn vae() -> Self {
        Options {
            variational: true,
            loss: Loss::BinaryCrossentropy,
            latent_activation: Act::Linear,
            ..Options::default()
        }
    }

    /// The network these options describe.
    pub fn net(&self) -> Net {
        if CLASSIC_ONLY {
            return Net::classic();
        }
        let decoder = self.decoder_widths();
        let layout = Layout::build(self.input, &self.encoder, self.latent, &decoder, self.variational);
        let mut acts = vec![self.activation; layout.layers()];
        acts[layout.encoder - 1] = self.latent_activation;
        acts[layout.layers() - 1] = self.output;
        let beta = self.variational.then(|| self.beta.unwrap_or(1.0) as f32);
        Net { layout, acts, loss: self.loss, l1: self.l1 as f32, beta }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_classic_model() {
        let o = Options::default().resolve().unwrap();
        assert_eq!(o.decoder, Some(vec![16]));
        assert_eq!(o.learning_rate, Some(0.001));
        assert_eq!(o.net(), Net::classic());
    }

    #[test]
    fn resolve_messages_begin_with_their_key() {
        // wasm.rs names the option an error is about by this (its `argument` property).
        let d = Options::default;
        let cases = [
            (Options { input: 0, ..d() }, "input"),
            (Options { input: MAX_INPUT + 1, ..d() }, "input"),
            (Options { latent: MAX_LATENT + 1, ..d() }, "latent"),
            (Options { encoder: vec![1; MAX_HIDDEN_LAYERS + 1], ..d() }, "encoder"),
            (Options { encoder: vec![MAX_WIDTH + 1], ..d() }, "encoder"),
            (Options { decoder: Some(vec![MAX_WIDTH + 1]), ..d() }, "decoder"),
            (Options { output: Act::Relu, ..d() }, "output"),
            (Options { loss: Loss::BinaryCrossentropy, output: Act::Linear, ..d() }, "loss"),
            (Options { learning_rate: Some(0.0), ..d() }, "learning_rate"),
            (Options { momentum: 0.9, ..d() }, "momentum"),
            (Options { optimizer: OptimizerKind::Sgd, momentum: 1.0, ..d() }, "momentum"),
            (Options { l1: -1.0, ..d() }, "l1"),
            (Options { noise: Some(Noise::Mask(1.5)), ..d() }, "noise"),
        ];
        for (o, key) in cases {
            let msg = o.resolve().unwrap_err().0;
            assert!(KEYS.contains(&key) && msg.starts_with(key), "{msg}");
        }
    }

    #[test]
    fn bad_values_are_named() {
        let err = |o: Options| o.resolve().unwrap_err().0;
        let d = Options::default;
        assert!(err(Options { latent: MAX_LATENT + 1, ..d() }).contains("latent"));
        assert!(err(Options { encoder: vec![1; MAX_HIDDEN_LAYERS + 1], ..d() }).contains("encoder"));
        assert!(err(Options { decoder: Some(vec![MAX_WIDTH + 1]), ..d() }).contains("decoder"));
        assert!(err(Options { loss: Loss::BinaryCrossentropy, output: Act::Linear, ..d() }).contains("sigmoid"));
        assert!(err(Options { learning_rate: Some(-1.0), ..d() }).contains("learning_rate"));
        assert!(err(Options { momentum: 0.9, ..d() }).contains("momentum"));
        assert!(err(Options { optimizer: OptimizerKind::Sgd, momentum: 1.0, ..d() }).contains("momentum"));
        assert!(err(Options { l1: f64::NAN, ..d() }).contains("l1"));
        assert!(err(Options { noise: Some(Noise::Mask(1.5)), ..d() }).contains("noise.amount"));
        assert_eq!(Options { optimizer: OptimizerKind::Sgd, ..d() }.resolve().unwrap().learning_rate, Some(0.01));
        let deep = Options { encoder: vec![32, 16], latent: 2, ..d() }.resolve().unwrap();
        assert_eq!(deep.net().layout.dims, [64, 32, 16, 2, 16, 32, 64]);
        let wide = Options { input: 784, encoder: vec![256], latent: 2, ..d() }.resolve().unwrap();
        assert_eq!(wide.net().layout.dims, [784, 256, 2, 256, 784]);
    }
}
