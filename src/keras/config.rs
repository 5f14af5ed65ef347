//! `config.json`: the model as `keras.saving.serialize_keras_object` writes it, both ways.
//! Written: a Sequential of an InputLayer of the data's width, the noise layers (GaussianNoise
//! and a ReLU(max_value=1) for the clip, or Dropout for masking), the Dense stack, and the
//! compile config (optimizer and loss). Read: a Sequential or a Functional chain of the same
//! layers, with the seed's Flatten after an image-shaped input and a final Reshape allowed;
//! anything else is refused by name.

use super::json::{quote, Json};
use crate::error::Invalid;
use crate::invalid;
use crate::kernels::Act;
use crate::options::{act_name, loss_name, Noise, OptimizerKind, Options};

const DTYPE: &str =
    r#"{"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}"#;
/// What the reader accepts, for its refusals.
pub(super) const ACCEPTED: &str = "tinyae runs InputLayer, Flatten, GaussianNoise (with a ReLU(max_value=1) after it) or Dropout right after the input, Dense layers, and a last Reshape";

/// A float as Python's json writes one: always with a point or an exponent (Keras checks that
/// SGD's momentum is a float, and `0` would read as an int).
fn float(v: f64) -> String {
    let text = format!("{v}");
    if text.contains(['.', 'e', 'N', 'i']) {
        text
    } else {
        text + ".0"
    }
}

fn layer(class: &str, name: &str, fields: &str) -> String {
    format!(
        r#"{{"module": "keras.layers", "class_name": "{class}", "config": {{"name": "{name}", "trainable": true, "dtype": {DTYPE}{fields}}}, "registered_name": null}}"#
    )
}

fn dense(name: &str, units: usize, act: Act, l1: Option<f64>) -> String {
    let reg = match l1 {
        Some(l1) => format!(
            r#"{{"module": "keras.regularizers", "class_name": "L1", "config": {{"l1": {}}}, "registered_name": null}}"#,
            float(l1)
        ),
        None => "null".into(),
    };
    let init = |class: &str, config: &str| {
        format!(
            r#"{{"module": "keras.initializers", "class_name": "{class}", "config": {config}, "registered_name": null}}"#
        )
    };
    let fields = format!(
        r#", "activity_regularizer": {reg}, "units": {units}, "activation": "{}", "use_bias": true, "kernel_initializer": {}, "bias_initializer": {}, "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null, "quantization_config": null"#,
        act_name(act),
        init("GlorotUniform", r#"{"seed": null, "input_axes": null, "output_axes": null}"#),
        init("Zeros", "{}")
    );
    layer("Dense", name, &fields)
}

/// The Keras name of the `k`th layer of a class named `snake` (`dense`, `dense_1`, ...), which
/// is also its group in `model.weights.h5`.
pub fn nth(snake: &str, k: usize) -> String {
    if k == 0 {
        snake.into()
    } else {
        format!("{snake}_{k}")
    }
}

/// The optimizer's Keras class name.
pub fn optimizer_class(kind: OptimizerKind) -> &'static str {
    match kind {
        OptimizerKind::Adam => "Adam",
        OptimizerKind::RmsProp => "RMSprop",
        OptimizerKind::Sgd => "SGD",
    }
}

/// `config.json` for a model of `options` (resolved, not variational) on `width` inputs.
pub fn write(o: &Options, width: usize) -> String {
    let mut layers = vec![format!(
        r#"{{"module": "keras.layers", "class_name": "InputLayer", "config": {{"batch_shape": [null, {width}], "dtype": "float32", "sparse": false, "ragged": false, "name": "input_layer", "optional": false}}, "registered_name": null}}"#
    )];
    match o.noise {
        Some(Noise::Gaussian(s)) => {
            layers.push(layer(
                "GaussianNoise",
                "gaussian_noise",
                &format!(r#", "stddev": {}, "seed": null"#, float(s)),
            ));
            // tinyae clips the noisy input to [0, 1]; at inference the data is already there.
            layers.push(layer("ReLU", "re_lu", r#", "max_value": 1.0, "negative_slope": 0.0, "threshold": 0.0"#));
        }
        Some(Noise::Mask(p)) => layers.push(layer(
            "Dropout",
            "dropout",
            &format!(r#", "rate": {}, "seed": null, "noise_shape": null"#, float(p)),
        )),
        None => {}
    }
    let net = o.net();
    let latent = net.layout.encoder - 1;
    for (l, d) in net.layout.dense.iter().enumerate() {
        let l1 = (l == latent && o.l1 > 0.0).then_some(o.l1);
        layers.push(dense(&nth("dense", l), d.fan_out, net.acts[l], l1));
    }
    let lr = float(o.learning_rate());
    let common = format!(
        r#""learning_rate": {lr}, "weight_decay": null, "clipnorm": null, "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null"#
    );
    let (name, extra) = match o.optimizer {
        OptimizerKind::Adam => {
            ("adam", r#""beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": false"#.to_string())
        }
        OptimizerKind::RmsProp => {
            ("rmsprop", r#""rho": 0.9, "momentum": 0.0, "epsilon": 1e-07, "centered": false"#.to_string())
        }
        OptimizerKind::Sgd => ("sgd", format!(r#""momentum": {}, "nesterov": false"#, float(o.momentum))),
    };
    format!(
        r#"{{"module": "keras", "class_name": "Sequential", "config": {{"name": "tinyae", "trainable": true, "dtype": {DTYPE}, "layers": [{}], "build_input_shape": [null, {width}]}}, "registered_name": null, "build_config": {{"input_shape": [null, {width}]}}, "compile_config": {{"optimizer": {{"module": "keras.optimizers", "class_name": "{}", "config": {{"name": {}, {common}, {extra}}}, "registered_name": null}}, "loss": "{}", "loss_weights": null, "metrics": null, "weighted_metrics": null, "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false}}}}"#,
        layers.join(", "),
        optimizer_class(o.optimizer),
        quote(name),
        loss_name(o.loss)
    )
}

/// A model read from `config.json`.
#[derive(Debug)]
pub struct Model {
    /// The options it is (learning rate from the compile config; the weights file may refine it).
    pub options: Options,
    /// Values per input item (the product of the input shape).
    pub width: usize,
    /// The Dense layers' units, in order.
    pub units: Vec<usize>,
}

pub(super) fn number(j: &Json, what: &str) -> Result<f64, Invalid> {
    match j.num() {
        Some(v) if v.is_finite() => Ok(v),
        _ => invalid!("config.json: {what} must be a number"),
    }
}

pub(super) fn shape_size(shape: &Json, what: &str) -> Result<usize, Invalid> {
    let dims = shape.arr().unwrap_or(&[]);
    let sizes: Vec<f64> = dims.iter().skip(1).filter_map(Json::num).collect();
    if dims.len() < 2
        || sizes.len() + 1 != dims.len()
        || sizes.iter().any(|&d| !(1.0..=1e6).contains(&d) || d.fract() != 0.0)
    {
        return invalid!("config.json: {what} must be a shape like [null, 64] or [null, 8, 8, 1]");
    }
    Ok(sizes.iter().product::<f64>().min(1e9) as usize)
}
