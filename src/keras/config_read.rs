//! Reading `config.json` (see config.rs): the layers, then the compile config, into `Options`.

use super::config::{Model, ACCEPTED};
use super::json::Json;
use crate::error::Invalid;
use crate::invalid;
use crate::kernels::Act;
use crate::number_text::f64_text;
use crate::options::{act_name, parse_act, parse_loss, Noise, OptimizerKind, Options};

/// One Dense layer as read: units, activation, L1 activity penalty, name.
struct Dense<'a> {
    units: usize,
    act: Act,
    l1: Option<f64>,
    name: &'a str,
}

/// Reads `config.json`'s text into a model tinyae can run, or says what it cannot.
pub fn read(text: &str) -> Result<Model, Invalid> {
    let root = Json::parse(text, "config.json")?;
    let class = root.get("class_name").str().unwrap_or("(none)");
    if !matches!(class, "Sequential" | "Functional" | "Model") {
        return invalid!(
            "config.json: the model is a {class}; tinyae reads Sequential and Functional models of Dense layers"
        );
    }
    let config = root.get("config");
    let Some(layers) = config.get("layers").arr() else { return invalid!("config.json: the model has no layers list") };
    let sequential = class == "Sequential";
    let mut width = None;
    let mut image = false; // an input of more than one axis, not yet flattened
    let (mut noise, mut clipped, mut reshaped) = (None, false, false);
    let mut dense: Vec<Dense> = Vec::new();
    let mut previous: Option<&str> = None;
    for (i, l) in layers.iter().enumerate() {
        let class = l.get("class_name").str().unwrap_or("(none)");
        let c = l.get("config");
        let name = c.get("name").str().unwrap_or(class);
        if !sequential {
            check_chain(l, name, previous)?;
        }
        previous = Some(name);
        if reshaped {
            return invalid!("config.json: layer \"{name}\" ({class}) comes after the last Reshape; {ACCEPTED}");
        }
        let first = dense.is_empty();
        match class {
            "InputLayer" if i == 0 => {
                let shape = if c.get("batch_shape").arr().is_some() { c.get("batch_shape") } else { c.get("batch_input_shape") };
                width = Some(shape_size(shape, "the InputLayer's batch_shape")?);
                image = shape.arr().map_or(0, |s| s.len()) > 2;
            }
            "Flatten" if first && noise.is_none() => image = false,
            "GaussianNoise" if first && noise.is_none() => {
                let s = number(c.get("stddev"), "GaussianNoise's stddev")?;
                noise = Some(Noise::new("gaussian", s).map_err(|e| Invalid(format!("config.json: layer \"{name}\": {}", e.0)))?);
            }
            "ReLU" if first && matches!(noise, Some(Noise::Gaussian(_))) && !clipped => {
                let is = |k: &str, v: f64| c.get(k).num() == Some(v);
                if !(is("max_value", 1.0) && is("negative_slope", 0.0) && is("threshold", 0.0)) {
                    return invalid!("config.json: layer \"{name}\" is a ReLU other than ReLU(max_value=1) after GaussianNoise; {ACCEPTED}");
                }
                clipped = true;
            }
            "Dropout" if first && noise.is_none() => {
                let p = number(c.get("rate"), "Dropout's rate")?;
                noise = Some(Noise::new("mask", p).map_err(|e| Invalid(format!("config.json: layer \"{name}\": {}", e.0)))?);
            }
            "Dropout" => return invalid!("config.json: layer \"{name}\" is a Dropout in the middle of the network; tinyae takes Dropout only right after the input (as masking noise); {ACCEPTED}"),
            "Dense" => {
                if image {
                    return invalid!("config.json: Dense layer \"{name}\" gets a multi-axis input; tinyae needs a Flatten before the first Dense");
                }
                dense.push(read_dense(c, name)?);
            }
            "Reshape" if !first => {
                let size = shape_size(&Json::Arr([Json::Null].into_iter().chain(c.get("target_shape").arr().unwrap_or(&[]).iter().cloned()).collect()), "Reshape's target_shape")?;
                if Some(size) != width {
                    return invalid!("config.json: the last Reshape has {size} values, not the input's");
                }
                reshaped = true;
            }
            _ => return invalid!("config.json: layer \"{name}\" is a {class}, which tinyae cannot run; {ACCEPTED}"),
        }
    }
    let width = match width {
        Some(w) => w,
        None => shape_size(
            if config.get("build_input_shape").arr().is_some() {
                config.get("build_input_shape")
            } else {
                root.get("build_config").get("input_shape")
            },
            "the model's input shape",
        )?,
    };
    let mut options = options_of(&dense, width)?;
    options.noise = noise;
    // Uncompiled, it trains as Keras's default would have it compiled here: Adam and MSE.
    if !matches!(root.get("compile_config"), Json::Null) {
        compile(root.get("compile_config"), &mut options)?;
    }
    let units = dense.iter().map(|d| d.units).collect();
    let options = options.resolve().map_err(|e| Invalid(format!("config.json: {}", e.0)))?;
    Ok(Model { options, width, units })
}

fn number(j: &Json, what: &str) -> Result<f64, Invalid> {
    super::config::number(j, what)
}

fn shape_size(shape: &Json, what: &str) -> Result<usize, Invalid> {
    super::config::shape_size(shape, what)
}

/// A Functional layer must take the previous layer's output alone: tinyae runs one chain.
fn check_chain(l: &Json, name: &str, previous: Option<&str>) -> Result<(), Invalid> {
    let nodes = l.get("inbound_nodes").arr().unwrap_or(&[]);
    fn source(n: &Json) -> Option<&str> {
        let args = n.get("args").arr()?;
        if args.len() != 1 {
            return None;
        }
        args[0].get("config").get("keras_history").arr()?.first()?.str()
    }
    let ok = match previous {
        None => nodes.is_empty(),
        Some(p) => nodes.len() == 1 && source(&nodes[0]) == Some(p),
    };
    if !ok {
        return invalid!("config.json: layer \"{name}\" does not take the previous layer's output alone; tinyae runs a single chain of layers");
    }
    Ok(())
}

fn read_dense<'a>(c: &'a Json, name: &'a str) -> Result<Dense<'a>, Invalid> {
    let units = number(c.get("units"), "a Dense layer's units")?;
    let act_text = match c.get("activation") {
        Json::Str(s) => s.as_str(),
        Json::Null => "linear",
        _ => return invalid!("config.json: Dense layer \"{name}\" has a custom activation; tinyae runs relu, tanh, sigmoid, linear and elu"),
    };
    let act = parse_act("activation", act_text).map_err(|_| {
        Invalid(format!("config.json: Dense layer \"{name}\" has activation \"{act_text}\"; tinyae runs relu, tanh, sigmoid, linear and elu"))
    })?;
    if c.get("use_bias") == &Json::Bool(false) {
        return invalid!(
            "config.json: Dense layer \"{name}\" has no bias (use_bias false); tinyae's Dense layers have one"
        );
    }
    for key in ["kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint", "quantization_config"]
    {
        if !matches!(c.get(key), Json::Null) {
            return invalid!("config.json: Dense layer \"{name}\" has a {key}; tinyae runs Dense layers without one (an L1 activity_regularizer on the code is accepted)");
        }
    }
    let reg = c.get("activity_regularizer");
    let l1 = match reg.get("class_name").str() {
        None if matches!(reg, Json::Null) => None,
        Some("L1") => Some(number(reg.get("config").get("l1"), "the L1 regularizer's l1")?),
        Some("L1L2") if reg.get("config").get("l2").num() == Some(0.0) => Some(number(reg.get("config").get("l1"), "the L1L2 regularizer's l1")?),
        _ => return invalid!("config.json: Dense layer \"{name}\" has an activity_regularizer other than L1; tinyae accepts L1 on the code"),
    };
    Ok(Dense { units: units as usize, act, l1: l1.map(f32_value), name })
}

/// The shortest decimal of an f32 as an f64: Keras writes `learning_rate` and `l1` as the f32
/// it holds (0.0010000000474974513); tinyae runs them as f32, so 0.001 is the same model.
fn f32_value(v: f64) -> f64 {
    format!("{}", v as f32).parse().unwrap_or(v)
}

/// The architecture: the latent layer is the one with the L1 penalty, or else the narrowest
/// (the first of them); the layers around it share one activation.
fn options_of(dense: &[Dense], width: usize) -> Result<Options, Invalid> {
    if dense.len() < 2 {
        return invalid!(
            "config.json: the model has {} Dense layer(s); an autoencoder needs at least two (the code and the output)",
            dense.len()
        );
    }
    let last = dense.len() - 1;
    let out = &dense[last];
    if out.units != width {
        return invalid!(
            "config.json: the last Dense layer \"{}\" has {} units; an autoencoder's output has the input's {width}",
            out.name,
            out.units
        );
    }
    let penalised: Vec<usize> = (0..last).filter(|&i| dense[i].l1.is_some()).collect();
    if penalised.len() > 1 || out.l1.is_some() {
        return invalid!("config.json: more than one layer (or the output) has an L1 activity_regularizer; tinyae puts it on the code only");
    }
    let narrowest = (0..last).min_by_key(|&i| dense[i].units).unwrap_or(0);
    let latent = penalised.first().copied().unwrap_or(narrowest);
    let hidden: Vec<&Dense> = (0..last).filter(|&i| i != latent).map(|i| &dense[i]).collect();
    if let Some(odd) = hidden.iter().find(|d| d.act != hidden[0].act) {
        return invalid!(
            "config.json: hidden layers \"{}\" ({}) and \"{}\" ({}) differ; tinyae's hidden layers share one activation (the code's may differ)",
            hidden[0].name,
            act_name(hidden[0].act),
            odd.name,
            act_name(odd.act)
        );
    }
    let units = |r: std::ops::Range<usize>| dense[r].iter().map(|d| d.units).collect::<Vec<_>>();
    Ok(Options {
        encoder: units(0..latent),
        latent: dense[latent].units,
        decoder: Some(units(latent + 1..last)),
        activation: hidden.first().map_or(Act::Relu, |d| d.act),
        latent_activation: dense[latent].act,
        output: out.act,
        l1: dense[latent].l1.unwrap_or(0.0),
        input: width,
        ..Options::default()
    })
}

/// The compile config's optimizer and loss: only Keras's defaults but the learning rate (and
/// SGD's momentum), as tinyae runs them.
fn compile(cc: &Json, o: &mut Options) -> Result<(), Invalid> {
    let opt = cc.get("optimizer");
    let (class, c) = match opt {
        Json::Str(s) => (s.as_str(), &Json::Null),
        _ => (opt.get("class_name").str().unwrap_or("(none)"), opt.get("config")),
    };
    o.optimizer = match class.to_ascii_lowercase().as_str() {
        "adam" => OptimizerKind::Adam,
        "rmsprop" => OptimizerKind::RmsProp,
        "sgd" => OptimizerKind::Sgd,
        _ => return invalid!("config.json: the optimizer is {class}; tinyae runs Adam, RMSprop and SGD"),
    };
    if let Json::Obj(_) = c {
        let lr = c.get("learning_rate");
        if !matches!(lr, Json::Num(_)) {
            return invalid!("config.json: the optimizer's learning_rate is not a number (a schedule?); tinyae runs a constant learning rate");
        }
        o.learning_rate = Some(f32_value(number(lr, "learning_rate")?));
        let defaults: &[(&str, Json)] = &[
            ("weight_decay", Json::Null),
            ("clipnorm", Json::Null),
            ("global_clipnorm", Json::Null),
            ("clipvalue", Json::Null),
            ("use_ema", Json::Bool(false)),
            ("loss_scale_factor", Json::Null),
            ("gradient_accumulation_steps", Json::Null),
            ("beta_1", Json::Num(0.9)),
            ("beta_2", Json::Num(0.999)),
            ("epsilon", Json::Num(1e-7)),
            ("amsgrad", Json::Bool(false)),
            ("rho", Json::Num(0.9)),
            ("centered", Json::Bool(false)),
            ("nesterov", Json::Bool(false)),
        ];
        for (key, want) in defaults {
            let got = c.get(key);
            if !matches!(got, Json::Null) && got != want {
                return invalid!(
                    "config.json: the optimizer's {key} is set; tinyae runs {class} with Keras's default {key}"
                );
            }
        }
        let momentum = c.get("momentum").num().unwrap_or(0.0);
        if o.optimizer == OptimizerKind::Sgd {
            o.momentum = momentum;
        } else if momentum != 0.0 {
            return invalid!(
                "config.json: the optimizer {class} has momentum {}; tinyae runs it without",
                f64_text(momentum)
            );
        }
    }
    let loss = cc.get("loss");
    let name = match loss {
        Json::Str(s) => s.as_str(),
        _ => loss.get("class_name").str().unwrap_or("(none)"),
    };
    let name = match name {
        "mse" | "mean_squared_error" | "MeanSquaredError" => "mse",
        "binary_crossentropy" | "BinaryCrossentropy" => "binary_crossentropy",
        other => other,
    };
    let cfg = loss.get("config");
    if cfg.get("from_logits") == &Json::Bool(true) || cfg.get("label_smoothing").num().unwrap_or(0.0) != 0.0 {
        return invalid!("config.json: the loss has from_logits or label smoothing; tinyae runs Keras's plain mse and binary_crossentropy");
    }
    o.loss = parse_loss(name)
        .map_err(|_| Invalid(format!("config.json: the loss is {name}; tinyae runs mse and binary_crossentropy")))?;
    Ok(())
}
