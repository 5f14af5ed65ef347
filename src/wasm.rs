//! The Rust/JS boundary, and the only `#[wasm_bindgen]` file: converts and checks what JS
//! passes, and turns every rejection into a thrown JS `Error` whose message names the argument.
//! Nothing here panics on bad input: a panic would kill the wasm instance.
//!
//! Every rejection is a JS `Error` whose `argument` property names what was refused (the
//! argument, or the option's top-level key) and whose `reason` says what was wrong without that
//! name, so callers never parse messages.
//!
//! Without the `full` feature (the compact build the element loads for the classic network) it exports
//! the classic model alone, and only what their worker calls: no `Pca`, no `split_indices`, no
//! options, no `evaluate`, `batch_size`, `step`, `n_params` or `latent`.
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

use js_sys::{Array, Float32Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::layout::PIXELS;
use crate::network::Terms;
use crate::options::{
    act_name, acts_of, choices, loss_name, parse_act, parse_loss, Noise, OptimizerKind, Options, KEYS, LOSSES,
    MAX_HIDDEN_LAYERS, MAX_INPUT, MAX_LATENT, MAX_WIDTH, NOISE_KINDS, OPTIMIZERS,
};
#[cfg(feature = "full")]
use crate::trainer::Position;
use crate::{kernels, Invalid, Trainer};

/// A rejection, thrown to JS as an `Error` with the message, an `argument` property (the
/// argument's name, "seed", "x", "weights", ..., or the option's key, "learning_rate", "noise")
/// and, when the message starts with that name, a `reason` property: the rest ("must be ...").
#[derive(Debug)]
pub struct Rejected {
    argument: String,
    message: String,
}

impl From<Rejected> for JsValue {
    fn from(r: Rejected) -> JsValue {
        let error = js_sys::Error::new(&r.message);
        set(&error, "argument", JsValue::from_str(&r.argument));
        // What was wrong without the argument's name in front, for a caller that names it its
        // own way (an element's attribute, a field's label) without parsing the message; absent
        // when the message does not start with the name.
        if let Some(reason) = r.message.strip_prefix(r.argument.as_str()).and_then(|rest| rest.strip_prefix(' ')) {
            set(&error, "reason", JsValue::from_str(reason));
        }
        error.into()
    }
}

// Out of line, as is `thrown`: every export's error path would otherwise inline its own copy
// of the String allocation (0.15 kB of the compact wasm gzipped).
#[inline(never)]
fn reject(argument: &str, message: String) -> Rejected {
    Rejected { argument: argument.into(), message }
}

/// The core's rejection of `argument`.
#[inline(never)]
fn thrown(argument: &str, e: Invalid) -> Rejected {
    reject(argument, e.0)
}

/// Which argument a knock-out call's rejection is about: the flags, or the images.
#[cfg(feature = "full")]
fn x_or_off(e: &Invalid) -> &'static str {
    if e.0.starts_with("off") {
        "off"
    } else {
        "x"
    }
}

/// What a training call's refusal is about: `argument` when it says so first (no data to train
/// on), else the learning rate (a run that diverged: what to lower).
fn steps_or_rate<'a>(e: &Invalid, argument: &'a str) -> &'a str {
    if e.0.starts_with(argument) {
        argument
    } else {
        "learning_rate"
    }
}

/// The option key an `Options::resolve` message is about: each begins with it
/// (`options::tests::resolve_messages_begin_with_their_key`).
fn option_key(message: &str) -> &'static str {
    KEYS.iter().copied().filter(|k| message.starts_with(k)).max_by_key(|k| k.len()).unwrap_or("options")
}

/// Describes a JS value as given, for an error message: its type, and the value itself when
/// short (`the number 1000000000000`, `the string "5"`, `null`, `a Uint8Array`, `an array`).
/// Numbers are written by JS itself, as `String(value)` writes them.
#[cfg(feature = "full")]
fn describe(value: &JsValue) -> String {
    if let Some(v) = value.as_f64() {
        let text = js_sys::Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default();
        return format!("the number {text}");
    }
    if value.is_null() || value.is_undefined() {
        return if value.is_null() { "null" } else { "undefined" }.into();
    }
    if Array::is_array(value) {
        return "an array".into();
    }
    if value.is_object() && !value.is_function() {
        // A typed array, a Map, a class instance: its constructor's name says what it is.
        let name = String::from(value.unchecked_ref::<Object>().constructor().name());
        return match name.as_bytes().first() {
            None => "an object".into(),
            _ if name == "Object" => "an object".into(),
            Some(b'A' | b'E' | b'I' | b'O') => format!("an {name}"),
            Some(_) => format!("a {name}"),
        };
    }
    describe_briefly(value)
}

/// The compact build (the element's worker, whose values the element checked already) says
/// less: the richer words cost its gzipped wasm and glue 1 kB, a fortieth of its budget.
#[cfg(not(feature = "full"))]
fn describe(value: &JsValue) -> String {
    describe_briefly(value)
}

/// A short string as itself, anything else by its type.
fn describe_briefly(value: &JsValue) -> String {
    match value.as_string() {
        Some(s) if s.len() <= 20 => format!("the string \"{s}\""),
        Some(_) => "a string".into(),
        None => value.js_typeof().as_string().unwrap_or_default(),
    }
}

/// A JS number array-like as f32s: a Float32Array, a Float64Array or an Array of numbers.
fn floats(name: &str, value: &JsValue) -> Result<Vec<f32>, Rejected> {
    if let Some(a) = value.dyn_ref::<Float32Array>() {
        return Ok(a.to_vec());
    }
    if let Some(a) = value.dyn_ref::<Float64Array>() {
        // JS's conversion rounds to nearest, ties to even, as `as f32` does: the same values,
        // without a copy of the f64s in wasm memory and its glue.
        return Ok(Float32Array::new(a).to_vec());
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        return array
            .iter()
            .enumerate()
            .map(|(i, v)| match v.as_f64() {
                Some(v) => Ok(v as f32),
                None => Err(reject(name, format!("{name}[{i}] is {}, not a number", describe(&v)))),
            })
            .collect();
    }
    Err(reject(
        name,
        format!("{name} must be a Float32Array, a Float64Array or an Array of numbers, got {}", describe(value)),
    ))
}

/// Flags from numbers (`undefined` or `null`: none): any non-zero number flags its unit.
#[cfg(feature = "full")]
fn flags(name: &str, value: &JsValue) -> Result<Vec<bool>, Rejected> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    Ok(floats(name, value)?.into_iter().map(|v| v != 0.0).collect())
}

/// A JS number that must be a whole number in `lo..=hi` (`undefined` gives `default`); the
/// refusal names the range, and the value as given.
#[cfg(feature = "full")]
fn whole_in(name: &str, value: &JsValue, default: u64, lo: u64, hi: u64) -> Result<u64, Rejected> {
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v >= lo as f64 && v <= hi as f64 => Ok(v as u64),
        _ => Err(reject(name, format!("{name} must be a whole number from {lo} to {hi}, got {}", describe(value)))),
    }
}

/// The compact build's: any whole number a JS number holds exactly, the core checking the
/// range (the element's worker passes checked values; the words above cost it 0.5 kB gzipped).
#[cfg(not(feature = "full"))]
fn whole_in(name: &str, value: &JsValue, default: u64, _lo: u64, _hi: u64) -> Result<u64, Rejected> {
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= crate::trainer::MAX_SEED as f64 => {
            Ok(v as u64)
        }
        Some(v) => Err(reject(name, format!("{name} must be a whole number, got {}", crate::number_text::f64_text(v)))),
        None => Err(reject(name, format!("{name} must be a number, got {}", describe(value)))),
    }
}

/// A JS number that must be a whole number in 0..=2^53-1, the largest a JS number holds exactly.
fn whole(name: &str, value: &JsValue, default: u64) -> Result<u64, Rejected> {
    whole_in(name, value, default, 0, crate::trainer::MAX_SEED)
}

/// A refused option `key` ("noise.amount", "encoder[1]"), named by its top-level key.
fn bad_option(key: &str, message: String) -> Rejected {
    reject(key.split(['.', '[']).next().unwrap_or(key), message)
}

fn option_number(key: &str, value: &JsValue, accepted: &str) -> Result<f64, Rejected> {
    value.as_f64().ok_or_else(|| bad_option(key, format!("option {key} must be {accepted}, got {}", describe(value))))
}

fn option_string(key: &str, value: &JsValue, accepted: &str) -> Result<String, Rejected> {
    value
        .as_string()
        .ok_or_else(|| bad_option(key, format!("option {key} must be {accepted}, got {}", describe(value))))
}

fn option_whole(key: &str, value: &JsValue, accepted: &str) -> Result<usize, Rejected> {
    let v = option_number(key, value, accepted)?;
    if !(v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 1e6) {
        return Err(bad_option(key, format!("option {key} must be {accepted}, got {}", describe(value))));
    }
    Ok(v as usize)
}

fn option_widths(key: &str, value: &JsValue) -> Result<Vec<usize>, Rejected> {
    let width = format!("a whole number 1..={MAX_WIDTH}");
    if !Array::is_array(value) {
        let accepted = format!("an array of 0 to {MAX_HIDDEN_LAYERS} hidden widths, each {width}");
        return Err(bad_option(key, format!("option {key} must be {accepted}, got {}", describe(value))));
    }
    let array: &Array = value.unchecked_ref();
    array.iter().enumerate().map(|(i, w)| option_whole(&format!("{key}[{i}]"), &w, &width)).collect()
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value) && !value.is_function()
}

/// The keys of a plain object, as strings.
fn keys(value: &JsValue) -> Vec<String> {
    Object::keys(value.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

fn noise_option(value: &JsValue) -> Result<Option<Noise>, Rejected> {
    if value.is_null() {
        return Ok(None);
    }
    let accepted = format!("null or an object {{ type: {}, amount: number }}", choices(NOISE_KINDS));
    if !is_plain_object(value) {
        return Err(reject("noise", format!("option noise must be {accepted}, got {}", describe(value))));
    }
    if let Some(k) = keys(value).into_iter().find(|k| k != "type" && k != "amount") {
        return Err(reject("noise", format!("option noise has an unknown key \"{k}\"; accepted: {accepted}")));
    }
    let kind = option_string("noise.type", &get(value, "type"), &choices(NOISE_KINDS))?;
    let amount = option_number("noise.amount", &get(value, "amount"), "a number")?;
    Noise::new(&kind, amount).map(Some).map_err(|e| thrown("noise", e))
}

/// The compact build takes no options: it is the classic model.
#[cfg(not(feature = "full"))]
fn parse_options(value: &JsValue) -> Result<Options, Rejected> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    Err(reject(
        "options",
        format!("this build (compact) takes no options, got {}; the full build does", describe(value)),
    ))
}

/// Reads the constructor's options object: every key checked, unknown keys refused, keys left
/// out (or `undefined`) taking the classic model's values.
#[cfg(feature = "full")]
fn parse_options(value: &JsValue) -> Result<Options, Rejected> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !is_plain_object(value) {
        return Err(reject(
            "options",
            format!("options must be a plain object with keys among {}, got {}", KEYS.join(", "), describe(value)),
        ));
    }
    // A variational model starts from its own defaults (the loss and linear heads it implies).
    let mut o = if get(value, "variational").as_bool() == Some(true) { Options::vae() } else { Options::default() };
    for key in keys(value) {
        let v = get(value, &key);
        if !KEYS.contains(&key.as_str()) {
            return Err(reject(
                &key,
                format!("unknown option \"{key}\" (value {}); accepted keys: {}", describe(&v), KEYS.join(", ")),
            ));
        }
        if v.is_undefined() {
            continue;
        }
        let k = key.as_str();
        match k {
            "input" => o.input = option_whole(k, &v, &format!("a whole number 1..={MAX_INPUT}"))?,
            "encoder" => o.encoder = option_widths(k, &v)?,
            "decoder" => o.decoder = Some(option_widths(k, &v)?),
            "latent" => o.latent = option_whole(k, &v, &format!("a whole number 1..={MAX_LATENT}"))?,
            "activation" | "latent_activation" => {
                let acts = choices(acts_of(k).iter().map(|&a| act_name(a)));
                let act = parse_act(k, &option_string(k, &v, &acts)?).map_err(|e| thrown(k, e))?;
                if k == "activation" {
                    o.activation = act
                } else {
                    o.latent_activation = act
                }
            }
            "output" => {
                let outputs = choices(acts_of(k).iter().map(|&a| act_name(a)));
                o.output = parse_act(k, &option_string(k, &v, &outputs)?).map_err(|e| thrown(k, e))?
            }
            "loss" => {
                o.loss =
                    parse_loss(&option_string(k, &v, &choices(LOSSES.map(loss_name)))?).map_err(|e| thrown(k, e))?
            }
            "optimizer" => {
                o.optimizer =
                    OptimizerKind::parse(&option_string(k, &v, &choices(OPTIMIZERS.map(OptimizerKind::name)))?)
                        .map_err(|e| thrown(k, e))?
            }
            "learning_rate" => o.learning_rate = Some(option_number(k, &v, "a finite number > 0")?),
            "momentum" => o.momentum = option_number(k, &v, "a number with 0 <= momentum < 1")?,
            "l1" => o.l1 = option_number(k, &v, "a finite number >= 0")?,
            "variational" => {
                o.variational = v.as_bool().ok_or_else(|| {
                    reject(k, format!("option variational must be true or false, got {}", describe(&v)))
                })?
            }
            "beta" if v.is_null() => o.beta = None,
            "beta" => o.beta = Some(option_number(k, &v, "a finite number >= 0 (variational models only)")?),
            "batch_size" => {
                o.batch_size = whole_in(k, &v, 0, 1, crate::options::MAX_BATCH as u64)
                    .map_err(|e| reject(k, format!("option {}", e.message)))? as usize
            }
            _ => o.noise = noise_option(&v)?,
        }
    }
    o.resolve().map_err(|e| thrown(option_key(&e.0), e))
}

fn widths_array(widths: &[usize]) -> JsValue {
    widths.iter().map(|&w| JsValue::from_f64(w as f64)).collect::<Array>().into()
}

/// The resolved options as a plain JS object with every key.
fn options_object(o: &Options) -> JsValue {
    let object = Object::new();
    set(&object, "input", JsValue::from_f64(o.input as f64));
    set(&object, "encoder", widths_array(&o.encoder));
    set(&object, "latent", JsValue::from_f64(o.latent as f64));
    set(&object, "decoder", widths_array(&o.decoder_widths()));
    set(&object, "activation", JsValue::from_str(act_name(o.activation)));
    set(&object, "latent_activation", JsValue::from_str(act_name(o.latent_activation)));
    set(&object, "output", JsValue::from_str(act_name(o.output)));
    set(&object, "loss", JsValue::from_str(loss_name(o.loss)));
    set(&object, "optimizer", JsValue::from_str(o.optimizer.name()));
    set(&object, "learning_rate", JsValue::from_f64(o.learning_rate()));
    set(&object, "momentum", JsValue::from_f64(o.momentum));
    set(&object, "l1", JsValue::from_f64(o.l1));
    let noise = match o.noise {
        None => JsValue::NULL,
        Some(noise) => {
            let n = Object::new();
            set(&n, "type", JsValue::from_str(noise.kind()));
            set(&n, "amount", JsValue::from_f64(noise.amount()));
            n.into()
        }
    };
    set(&object, "noise", noise);
    set(&object, "variational", JsValue::from_bool(o.variational));
    set(&object, "beta", o.beta.map_or(JsValue::NULL, JsValue::from_f64));
    set(&object, "batch_size", JsValue::from_f64(o.batch_size as f64));
    object.into()
}

/// `{ reconstruction, penalty, kl, total }` as a plain JS object.
fn terms_object(t: Terms) -> JsValue {
    let object = Object::new();
    set(&object, "reconstruction", JsValue::from_f64(t.reconstruction as f64));
    set(&object, "penalty", JsValue::from_f64(t.penalty as f64));
    set(&object, "kl", JsValue::from_f64(t.kl as f64));
    set(&object, "total", JsValue::from_f64(t.total() as f64));
    object.into()
}

/// Pixels in one image (64): the width of every image array.
#[wasm_bindgen]
pub fn pixels() -> u32 {
    PIXELS as u32
}

/// Which matmul kernels this build runs: "simd128" or "scalar".
#[wasm_bindgen]
pub fn kernels() -> String {
    kernels::PATH.to_string()
}

/// A fixed, seeded train/test split of `n` images: a shuffle of `0..n` whose first `test`
/// indices are the test set (the digits mode's 1437 / 360 split is `split_indices(1797, 360, 0)`).
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn split_indices(n: JsValue, test: JsValue, seed: JsValue) -> Result<Vec<u32>, Rejected> {
    let n = whole("n", &n, 0)?;
    let test = whole("test", &test, 0)?;
    let seed = whole("seed", &seed, 0)?;
    if n > crate::data::MAX_IMAGES as u64 || test > n {
        return Err(reject(
            if test > n { "test" } else { "n" },
            format!("split_indices needs test <= n <= {}, got n {n}, test {test}", crate::data::MAX_IMAGES),
        ));
    }
    let (test, train) = crate::data::split(n as usize, test as usize, seed);
    Ok(test.into_iter().chain(train).collect())
}

/// A Dense autoencoder, by default the classic 64-16-4-16-64 one (Keras's initialisation, Adam
/// and MSE), or any architecture, activations, loss, optimizer, L1 penalty and denoising that
/// the options object describes; trained in wasm.
#[wasm_bindgen]
pub struct Autoencoder {
    inner: Trainer,
}

#[wasm_bindgen]
impl Autoencoder {
    /// A model from `seed` (a whole number; without one, a seed is drawn from crypto) and
    /// `options` (an optional plain object, see the README; keys left out are the classic
    /// model's). A bad option throws an Error naming the key, the value and what is accepted.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: JsValue, options: JsValue) -> Result<Autoencoder, Rejected> {
        // Panic messages on the console in debug builds (the wasm tests). The release builds
        // go without: nothing panics on bad input, and the hook costs 1.3 kB gzip.
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let options = parse_options(&options)?;
        let inner = if seed.is_undefined() || seed.is_null() {
            // The compact build's callers always pass one (the page draws "New seed" itself):
            // drawing from crypto would add getrandom's glue.
            if !cfg!(feature = "full") {
                return Err(reject("seed", "this build (compact) needs a seed, a whole number".into()));
            }
            Trainer::with_random_seed_and_options(options)
        } else {
            Trainer::with_options(whole("seed", &seed, 0)?, options)
        };
        Ok(Autoencoder { inner: inner.map_err(|e| thrown("seed", e))? })
    }

    /// The resolved options: a plain object with every key (`noise` null when off).
    #[cfg(feature = "full")]
    pub fn options(&self) -> JsValue {
        options_object(self.inner.options())
    }

    /// Number of weights (2276 for the classic model).
    #[wasm_bindgen(getter)]
    pub fn n_params(&self) -> u32 {
        self.inner.n_params() as u32
    }

    /// Units in the latent code (4 for the classic model).
    #[wasm_bindgen(getter)]
    pub fn latent(&self) -> u32 {
        self.inner.latent() as u32
    }

    /// The loss of n images (`x`: n*input values, see `set_data`) in its parts, without an update:
    /// `{ reconstruction, penalty, kl, total }`, where `reconstruction` is what `evaluate` returns
    /// and `total` what Keras reports (the L1 penalty included).
    #[cfg(feature = "full")]
    pub fn evaluate_terms(&self, x: JsValue) -> Result<JsValue, Rejected> {
        self.inner.evaluate_terms(&floats("x", &x)?).map(terms_object).map_err(|e| thrown("x", e))
    }

    /// `loss()` in its parts over the training data: `{ reconstruction, penalty, kl, total }`.
    #[cfg(feature = "full")]
    pub fn loss_terms(&self) -> JsValue {
        terms_object(self.inner.loss_terms())
    }

    /// The seed this model was initialised from: pass it back to reproduce the run.
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> f64 {
        self.inner.seed() as f64
    }

    /// Runs `steps` (default 1) optimizer updates on successive minibatches; returns their mean
    /// loss as Keras reports it (the L1 penalty included).
    /// A refusal of `steps` names "steps"; a run that diverges names "learning_rate" (what to
    /// lower).
    pub fn train_step(&mut self, steps: JsValue) -> Result<f32, Rejected> {
        let steps = whole_in("steps", &steps, 1, 1, crate::trainer::MAX_STEPS)?;
        self.inner.train(steps).map_err(|e| thrown(steps_or_rate(&e, "steps"), e))
    }

    /// Trains `epochs` (default 1) whole epochs, as Keras `fit(epochs=...)` does (ceil(n /
    /// batch_size) steps each, from the start of an epoch); returns each epoch's loss as Keras's
    /// history reports it. A run that diverges is undone and names "learning_rate".
    #[cfg(feature = "full")]
    pub fn train_epochs(&mut self, epochs: JsValue) -> Result<Vec<f32>, Rejected> {
        let epochs = whole_in("epochs", &epochs, 1, 1, crate::trainer::MAX_EPOCHS)?;
        self.inner.train_epochs(epochs).map_err(|e| thrown(steps_or_rate(&e, "epochs"), e))
    }

    /// Reconstructions of n images (`x`: n*input values, see `set_data`); returns n*input values.
    pub fn reconstruct(&self, x: JsValue) -> Result<Vec<f32>, Rejected> {
        self.inner.reconstruct(&floats("x", &x)?).map_err(|e| thrown("x", e))
    }

    /// Latent codes of n images (`x`: n*input values, see `set_data`); returns n*latent values.
    pub fn encode(&self, x: JsValue) -> Result<Vec<f32>, Rejected> {
        self.inner.encode(&floats("x", &x)?).map_err(|e| thrown("x", e))
    }

    /// A variational model's log-variances `z_log_var` of n items (`x`: n*input
    /// values in [0, 1]); returns n*latent values (`encode` gives the means).
    #[cfg(feature = "full")]
    pub fn encode_log_var(&self, x: JsValue) -> Result<Vec<f32>, Rejected> {
        self.inner.encode_log_var(&floats("x", &x)?).map_err(|e| thrown("x", e))
    }

    /// A variational model's images decoded from `n` (1..=10000) draws from the prior N(0, 1),
    /// from its own seeded generator; returns n*input values.
    #[cfg(feature = "full")]
    pub fn sample(&mut self, n: JsValue) -> Result<Vec<f32>, Rejected> {
        let n = whole_in("n", &n, 1, 1, crate::trainer::MAX_SAMPLES)?;
        self.inner.sample(n).map_err(|e| thrown("n", e))
    }

    /// Reconstruction error of n images (`x`: n*input values, see `set_data`), without an update: MSE,
    /// or BCE for a model trained with binary cross-entropy; no L1 penalty (`evaluate_terms`).
    #[cfg(feature = "full")]
    pub fn evaluate(&self, x: JsValue) -> Result<f32, Rejected> {
        self.inner.evaluate(&floats("x", &x)?).map_err(|e| thrown("x", e))
    }

    /// Every layer's outputs for n images (`x`: n*input values, see `set_data`), layer after layer
    /// (n*width each, the last the reconstruction), with the units flagged in `off` knocked
    /// out: held at 0, so later layers see them silent. `off`: omitted (none), or one number
    /// per hidden and latent unit, layer by layer, any non-zero one flagging its unit.
    #[cfg(feature = "full")]
    pub fn activations(&self, x: JsValue, off: JsValue) -> Result<Vec<f32>, Rejected> {
        let off = flags("off", &off)?;
        self.inner.activations(&floats("x", &x)?, &off).map_err(|e| thrown(x_or_off(&e), e))
    }

    /// `evaluate_terms(x)` with the units flagged in `off` knocked out (`off` as in
    /// `activations`): what the loss would be without them.
    #[cfg(feature = "full")]
    pub fn evaluate_terms_without(&self, x: JsValue, off: JsValue) -> Result<JsValue, Rejected> {
        let off = flags("off", &off)?;
        self.inner
            .evaluate_terms_without(&floats("x", &x)?, &off)
            .map(terms_object)
            .map_err(|e| thrown(x_or_off(&e), e))
    }

    /// A denoising model's noise on n images (`x`: n*input values, see `set_data`), drawn from a
    /// generator fixed by `seed` (training's is untouched); without noise, `x` as it is.
    #[cfg(feature = "full")]
    pub fn corrupt(&self, x: JsValue, seed: JsValue) -> Result<Vec<f32>, Rejected> {
        let seed = whole("seed", &seed, 0)?;
        self.inner.corrupt(&floats("x", &x)?, seed).map_err(|e| thrown("x", e))
    }

    /// Images decoded from n latent codes (`z`: n*latent finite values); returns n*input values.
    pub fn decode(&self, z: JsValue) -> Result<Vec<f32>, Rejected> {
        self.inner.decode(&floats("z", &z)?).map_err(|e| thrown("z", e))
    }

    /// Every image of `images` encoded and its test part's reconstruction error, in one call:
    /// `{ codes (n*latent values), testError, testMse }`, `testError` being what `evaluate` gives
    /// for the test images (MSE, or BCE), to the bit, and `testMse` their MSE whatever the loss
    /// (a variational model's decoded from the means).
    #[cfg(feature = "full")]
    pub fn survey(&self, images: &ImageSet) -> Result<JsValue, Rejected> {
        let survey = self.inner.survey(&images.inner).map_err(|e| thrown("images", e))?;
        let object = Object::new();
        set(&object, "codes", Float32Array::from(&survey.codes[..]).into());
        set(&object, "testError", JsValue::from_f64(survey.test_error as f64));
        set(&object, "testMse", JsValue::from_f64(survey.test_mse as f64));
        Ok(object.into())
    }

    /// Replaces the training data with n items (n*input values: in [0, 1] for a sigmoid output,
    /// any finite value for a linear one).
    pub fn set_data(&mut self, pixels: JsValue) -> Result<(), Rejected> {
        self.inner.set_data(&floats("pixels", &pixels)?).map_err(|e| thrown("pixels", e))
    }

    /// The optimizer's learning rate (Keras defaults: adam, rmsprop 0.001; sgd 0.01).
    #[wasm_bindgen(getter)]
    pub fn learning_rate(&self) -> f64 {
        // The number given (0.001), not its f32 (0.0010000000474974513): what options() says.
        self.inner.options().learning_rate()
    }

    /// Sets the learning rate: a finite number > 0.
    #[wasm_bindgen(setter)]
    pub fn set_learning_rate(&mut self, lr: JsValue) -> Result<(), Rejected> {
        match lr.as_f64() {
            Some(lr) => self.inner.set_learning_rate(lr).map_err(|e| thrown("learning_rate", e)),
            None => Err(reject("learning_rate", format!("learning_rate must be a number, got {}", describe(&lr)))),
        }
    }

    /// Images per minibatch (Keras default 32).
    #[cfg(feature = "full")]
    #[wasm_bindgen(getter)]
    pub fn batch_size(&self) -> f64 {
        self.inner.batch_size() as f64
    }

    /// Sets the minibatch size: a whole number >= 1.
    #[cfg(feature = "full")]
    #[wasm_bindgen(setter)]
    pub fn set_batch_size(&mut self, size: JsValue) -> Result<(), Rejected> {
        let size = whole_in("batch_size", &size, 0, 1, crate::options::MAX_BATCH as u64)?;
        self.inner.set_batch_size(size as usize).map_err(|e| thrown("batch_size", e))
    }

    /// Epochs completed.
    #[wasm_bindgen(getter)]
    pub fn epoch(&self) -> f64 {
        self.inner.epoch() as f64
    }

    /// Adam updates made so far.
    #[cfg(feature = "full")]
    #[wasm_bindgen(getter)]
    pub fn step(&self) -> f64 {
        self.inner.step() as f64
    }

    /// The loss over the whole training data as Keras reports it (reconstruction error plus
    /// the L1 penalty), without an update.
    pub fn loss(&self) -> f32 {
        self.inner.loss()
    }

    /// The `n_params` weights in Keras `model.get_weights()` order, flattened: each layer's
    /// kernel `[fan_in][fan_out]` row-major, then its bias.
    pub fn get_weights(&self) -> Vec<f32> {
        self.inner.weights().to_vec()
    }

    /// Loads `n_params` weights in Keras order; resets the optimizer's state (Adam's moments
    /// and step count).
    pub fn set_weights(&mut self, w: JsValue) -> Result<(), Rejected> {
        self.inner.set_weights(&floats("weights", &w)?).map_err(|e| thrown("weights", e))
    }
}

/// Checkpoints (full builds): the model's whole state as bytes, and a model put at a checkpoint's
/// state from its parts. The bytes' reader is the Keras build's (www/pkg/keras, loaded on
/// demand), which turns them (or a `.keras` file) into those parts: the builds the pages load
/// carry no reader.
#[cfg(feature = "full")]
#[wasm_bindgen]
impl Autoencoder {
    /// Everything resuming to the bit needs, as bytes (src/trainer/resume_bytes.rs): the seed,
    /// options, weights, optimizer state, generators, counters and place in the epoch.
    pub fn checkpoint(&self) -> Vec<u8> {
        self.inner.checkpoint_bytes()
    }

    /// Puts this model, made with a checkpoint's seed and options, at its state: `weights`,
    /// the optimizer's `slots` one after another, and `words` (the counters, generators and
    /// epoch's order: `Position::to_words`), as the Keras build's `checkpoint_parts()` gives
    /// them. Every part checked first; a refusal leaves the model as it was.
    pub fn resume(&mut self, weights: JsValue, slots: JsValue, words: &[u32]) -> Result<(), Rejected> {
        let (iterations, position) = Position::from_words(words).map_err(|e| thrown("words", e))?;
        let (params, slots) = (floats("weights", &weights)?, floats("slots", &slots)?);
        let slots = slots.chunks(self.inner.n_params()).map(<[f32]>::to_vec).collect();
        self.inner.resume(params, iterations, slots, position).map_err(|e| thrown("checkpoint", e))
    }
}

/// The checkpoint's reader (the Keras build alone): bytes to a model, a model to the parts
/// `resume` takes.
#[cfg(feature = "keras")]
#[wasm_bindgen]
impl Autoencoder {
    /// The model a `checkpoint()` describes (from any full build), every part checked first;
    /// the next `set_data` of the same data keeps its place in the epoch.
    pub fn from_checkpoint(bytes: &[u8]) -> Result<Autoencoder, Rejected> {
        let c = crate::trainer::Checkpoint::from_bytes(bytes).map_err(|e| thrown("checkpoint", e))?;
        Ok(Autoencoder { inner: Trainer::from_checkpoint(c).map_err(|e| thrown("checkpoint", e))? })
    }

    /// The model's checkpoint as `{ seed, options, weights, slots, words }`: a model of another
    /// build made with `new Autoencoder(seed, options)` and given the rest by `resume` is this one.
    pub fn checkpoint_parts(&self) -> JsValue {
        let c = self.inner.checkpoint();
        let object = Object::new();
        set(&object, "seed", JsValue::from_f64(c.seed as f64));
        set(&object, "options", options_object(&c.options));
        set(&object, "weights", Float32Array::from(&c.params[..]).into());
        set(&object, "slots", Float32Array::from(&c.slots.concat()[..]).into());
        let words = c.position.to_words(c.iterations);
        set(&object, "words", js_sys::Uint32Array::from(&words[..]).into());
        object.into()
    }
}

/// `.keras` files (issue 23; src/keras/, builds with the `keras` feature only): export, and import as a new model.
#[cfg(feature = "keras")]
#[wasm_bindgen]
impl Autoencoder {
    /// The bytes of a `.keras` file of this model (architecture, weights, compiled optimizer and
    /// its state, and a checkpoint entry Keras ignores), for `keras.saving.load_model`.
    pub fn to_keras(&self) -> Result<js_sys::Uint8Array, Rejected> {
        let bytes = crate::keras::to_keras(&self.inner).map_err(|e| thrown("model", e))?;
        Ok(js_sys::Uint8Array::from(&bytes[..]))
    }

    /// A model from the bytes of a `.keras` file (a Uint8Array or an ArrayBuffer): its
    /// architecture, weights and optimizer state, and with tinyae's checkpoint its seed,
    /// generators, counters and place in the epoch (taken up by `set_data` of the same data).
    pub fn from_keras(bytes: &JsValue) -> Result<Autoencoder, Rejected> {
        let bytes = if let Some(b) = bytes.dyn_ref::<js_sys::Uint8Array>() {
            b.to_vec()
        } else if let Some(b) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(b).to_vec()
        } else {
            return Err(reject(
                "bytes",
                format!("bytes must be a Uint8Array or an ArrayBuffer of a .keras file, got {}", describe(bytes)),
            ));
        };
        Ok(Autoencoder { inner: crate::keras::from_keras(&bytes).map_err(|e| thrown("bytes", e))? })
    }
}

/// A data set kept in wasm memory and checked once: n images and which are held out for
/// testing, for `Autoencoder.survey` to measure a model on every frame without copying them in.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub struct ImageSet {
    inner: crate::data::Images,
}

#[cfg(feature = "full")]
#[wasm_bindgen]
impl ImageSet {
    /// `pixels`: n*width finite values; `test`: the held-out items' indices (a Uint32Array, at
    /// least one, each below n); `width`: values per item (default 64, 1..=MAX_INPUT). A model
    /// surveys it if its `input` is `width` (and, for a sigmoid output, the values are in [0, 1]).
    #[wasm_bindgen(constructor)]
    pub fn new(pixels: JsValue, test: &[u32], width: JsValue) -> Result<ImageSet, Rejected> {
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let width = whole("width", &width, PIXELS as u64)?;
        if !(1..=MAX_INPUT as u64).contains(&width) {
            return Err(reject("width", format!("width must be a whole number 1..={MAX_INPUT}, got {width}")));
        }
        let inner = crate::data::Images::new(floats("pixels", &pixels)?, test.to_vec(), width as usize)
            .map_err(|e| thrown(if e.0.starts_with("pixels") { "pixels" } else { "test" }, e))?;
        Ok(ImageSet { inner })
    }

    /// The number of items.
    #[wasm_bindgen(getter)]
    pub fn n(&self) -> u32 {
        self.inner.n() as u32
    }

    /// Values per item.
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> u32 {
        self.inner.width() as u32
    }
}

// ---------------------------------------------------------------------------------------------
// PCA: the linear baseline of the digits mode, fitted in Rust (src/pca.rs).

/// Principal component analysis of n images (or rows of any width, `fit_rows`): the mean, and
/// the principal axes of the sample covariance, as scikit-learn's `PCA` computes them.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub struct Pca {
    inner: crate::pca::Pca,
}

#[cfg(feature = "full")]
#[wasm_bindgen]
impl Pca {
    /// Fits `components` (default 4, a whole number 1..=64) principal axes to n images
    /// (`x`: n*64 finite values, n >= 2).
    #[wasm_bindgen(constructor)]
    pub fn new(x: JsValue, components: JsValue) -> Result<Pca, Rejected> {
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let x = floats("x", &x)?;
        let components = usize::try_from(whole("components", &components, 4)?).unwrap_or(usize::MAX);
        let inner = crate::pca::Pca::fit(&x, x.len() / PIXELS, components)
            .map_err(|e| thrown(if e.0.starts_with("components") { "components" } else { "x" }, e))?;
        Ok(Pca { inner })
    }

    /// Fits `components` (a whole number, 1..=64 and at most columns and n) principal axes to n
    /// rows of `columns` values (1..=4096; `x`: n*columns finite values, n >= 2): PCA of any
    /// table, such as codes or 28x28 images. Past 64 columns only the leading axes are found,
    /// by seeded subspace iteration (src/subspace.rs): the same numbers on every platform.
    pub fn fit_rows(x: JsValue, columns: JsValue, components: JsValue) -> Result<Pca, Rejected> {
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let x = floats("x", &x)?;
        let size = |name, value| whole(name, value, 0).map(|v| usize::try_from(v).unwrap_or(usize::MAX));
        let (columns, components) = (size("columns", &columns)?, size("components", &components)?);
        let n = x.len().checked_div(columns).unwrap_or(0);
        let inner = crate::pca::Pca::fit_rows(&x, n, columns, components).map_err(|e| {
            let argument = ["columns", "components"].into_iter().find(|k| e.0.starts_with(k)).unwrap_or("x");
            thrown(argument, e)
        })?;
        Ok(Pca { inner })
    }

    /// The number of principal axes kept.
    #[wasm_bindgen(getter)]
    pub fn n_components(&self) -> f64 {
        self.inner.n_components() as f64
    }

    /// The principal axes: n_components x columns unit rows, row-major, largest variance first.
    pub fn components(&self) -> Vec<f32> {
        self.inner.components().to_vec()
    }

    /// Each axis's share of the total variance.
    pub fn explained_variance_ratio(&self) -> Vec<f32> {
        self.inner.explained_variance_ratio().to_vec()
    }

    /// The variance along each axis.
    pub fn explained_variance(&self) -> Vec<f32> {
        self.inner.explained_variance().to_vec()
    }

    /// The mean row (image), columns values.
    pub fn mean(&self) -> Vec<f32> {
        self.inner.mean().to_vec()
    }

    /// Codes of n rows (`x`: n*columns finite values); returns n*n_components values.
    pub fn transform(&self, x: JsValue) -> Result<Vec<f32>, Rejected> {
        self.inner.transform(&floats("x", &x)?).map_err(|e| thrown("x", e))
    }

    /// Rows of n codes (`z`: n*n_components finite values); returns n*columns values.
    pub fn inverse_transform(&self, z: JsValue) -> Result<Vec<f32>, Rejected> {
        self.inner.inverse_transform(&floats("z", &z)?).map_err(|e| thrown("z", e))
    }

    /// Mean squared error of reconstructing n rows (`x`: n*columns finite values) from their codes.
    pub fn reconstruction_mse(&self, x: JsValue) -> Result<f32, Rejected> {
        self.inner.reconstruction_mse(&floats("x", &x)?).map_err(|e| thrown("x", e))
    }
}
