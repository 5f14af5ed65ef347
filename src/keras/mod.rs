//! `.keras` files both ways (issue 23): `to_keras` writes a model as Keras 3 saves one (a zip
//! of `metadata.json`, `config.json` and `model.weights.h5`, plus `tinyae.json`, a checkpoint
//! Keras ignores), and `from_keras` reads any Dense autoencoder tinyae can run from such a file,
//! the optimizer's state with it, refusing anything else by name. Behind the `keras` feature:
//! the builds the pages load do not link it.

mod checkpoint;
mod config;
mod config_read;
mod h5read;
pub mod h5write;
pub mod json;
pub mod zip;

pub use h5read::{Array, File};

use crate::error::Invalid;
use crate::invalid;
use crate::optimizer::Optimizer;
use crate::trainer::Trainer;
use h5write::Node;

/// The Keras version whose files these are (the pinned one the fixtures come from).
pub const KERAS_VERSION: &str = "3.15.1";

fn group(members: Vec<(String, Node)>) -> Node {
    Node::Group(members)
}

fn var(i: usize, node: Node) -> (String, Node) {
    (i.to_string(), node)
}

/// The bytes of a `.keras` file of `t`: its architecture, weights, compiled optimizer with its
/// state, and the checkpoint. A variational model is refused (Keras has no sampling layer or KL
/// loss without custom code).
pub fn to_keras(t: &Trainer) -> Result<Vec<u8>, Invalid> {
    let o = t.options();
    if o.variational {
        return invalid!(
            "to_keras: a variational model has no Keras equivalent without custom code (its sampling layer and KL loss); get_weights() gives its weights in the Keras VAE example's order"
        );
    }
    let layout = &t.net().layout;
    let width = layout.dims[0];
    let w = t.weights();
    let mut layers = Vec::new();
    let mut shapes = Vec::new();
    for (l, d) in layout.dense.iter().enumerate() {
        shapes.push((vec![d.fan_in, d.fan_out], d.kernel..d.bias));
        shapes.push((vec![d.fan_out], d.bias..d.end()));
        let vars = vec![
            var(0, Node::F32(vec![d.fan_in, d.fan_out], w[d.kernel..d.bias].to_vec())),
            var(1, Node::F32(vec![d.fan_out], w[d.bias..d.end()].to_vec())),
        ];
        layers.push((config::nth("dense", l), group(vec![("vars".into(), group(vars))])));
    }
    // Keras's optimizer variables: iterations, the learning rate, then each slot per weight
    // variable (Adam's m and v interleaved).
    let (iterations, slots) = t.optimizer().slots(t.step());
    let mut vars = vec![var(0, Node::I64(iterations as i64)), var(1, Node::F32(vec![], vec![t.learning_rate()]))];
    for (shape, range) in &shapes {
        for slot in &slots {
            vars.push(var(vars.len(), Node::F32(shape.clone(), slot[range.clone()].to_vec())));
        }
    }
    let weights = h5write::write(&[
        ("layers".into(), group(layers)),
        ("optimizer".into(), group(vec![("vars".into(), group(vars))])),
        ("vars".into(), group(vec![])),
    ]);
    let metadata = format!(r#"{{"keras_version": "{KERAS_VERSION}", "date_saved": "", "saved_by": "tinyae"}}"#);
    let config = config::write(o, width);
    let point = checkpoint::write(t.seed(), &t.position());
    Ok(zip::write(&[
        ("metadata.json", metadata.as_bytes()),
        ("config.json", config.as_bytes()),
        ("model.weights.h5", &weights),
        (checkpoint::ENTRY, point.as_bytes()),
    ]))
}

fn f32_array(f: &File, path: &str, shape: &[usize]) -> Result<Vec<f32>, Invalid> {
    let Some(at) = f.find(path)? else {
        return invalid!("model.weights.h5 has no {path}");
    };
    match f.array(at, path)? {
        Array::F32(s, v) if s == shape => Ok(v),
        Array::F32(s, _) => {
            let text = |s: &[usize]| s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
            invalid!("model.weights.h5: {path} has shape ({}); the config says ({})", text(&s), text(shape))
        }
        Array::Int(..) => invalid!("model.weights.h5: {path} holds integers; weights are float32"),
    }
}

/// A model from the bytes of a `.keras` file: architecture from `config.json`, weights and
/// optimizer state from `model.weights.h5`, seed and training position from `tinyae.json` when
/// present (else seed 0, `step` = Keras's iterations, epoch 0). Nothing is made unless all of
/// it reads.
pub fn from_keras(bytes: &[u8]) -> Result<Trainer, Invalid> {
    let entries = zip::read(bytes)?;
    let entry = |name: &str| entries.iter().find(|e| e.name == name).map(|e| e.data);
    let Some(config) = entry("config.json") else {
        return invalid!(
            "the .keras file has no config.json (it holds {}); is it a Keras 3 .keras file?",
            names(&entries)
        );
    };
    let config = std::str::from_utf8(config).map_err(|_| Invalid("config.json is not UTF-8 text".into()))?;
    let model = config_read::read(config)?;
    let Some(h5) = entry("model.weights.h5") else {
        return invalid!("the .keras file has no model.weights.h5: no weights to load");
    };
    let f = File::open(h5)?;
    let mut options = model.options;
    let mut params = Vec::new();
    let mut shapes = Vec::new();
    let mut fan_in = model.width;
    for (l, &units) in model.units.iter().enumerate() {
        let name = config::nth("dense", l);
        for (i, shape) in [vec![fan_in, units], vec![units]].into_iter().enumerate() {
            params.extend(f32_array(&f, &format!("layers/{name}/vars/{i}"), &shape)?);
            shapes.push(shape);
        }
        fan_in = units;
    }
    // The optimizer: built (every slot saved) or not yet (iterations and learning rate at most).
    let n = params.len();
    let per_var = Optimizer::slot_count(options.optimizer, options.momentum);
    let saved = match f.find("optimizer/vars")? {
        Some(at) => f.members(at)?.len(),
        None => 0,
    };
    let built = 2 + per_var * shapes.len();
    if saved > 2 && saved != built {
        return invalid!(
            "model.weights.h5: optimizer/vars holds {saved} variables; {} over {} weight arrays has {built}",
            config::optimizer_class(options.optimizer),
            shapes.len()
        );
    }
    let mut iterations = 0;
    if saved >= 1 {
        let at = f.find("optimizer/vars/0")?.unwrap_or(0);
        match f.array(at, "optimizer/vars/0")? {
            Array::Int(s, v) if s.is_empty() && v[0] >= 0 => iterations = v[0] as u64,
            _ => return invalid!("model.weights.h5: optimizer/vars/0 (iterations) is not a whole number"),
        }
    }
    if saved >= 2 {
        let lr = f32_array(&f, "optimizer/vars/1", &[])?[0];
        options.learning_rate = Some(format!("{lr}").parse().unwrap_or(lr as f64));
    }
    let mut slots = vec![Vec::with_capacity(n); per_var];
    if saved == built {
        let mut i = 2;
        for shape in &shapes {
            for slot in slots.iter_mut() {
                slot.extend(f32_array(&f, &format!("optimizer/vars/{i}"), shape)?);
                i += 1;
            }
        }
    } else {
        slots.iter_mut().for_each(|s| s.resize(n, 0.0));
    }
    let options = options.resolve()?;
    // Keras's defaults but the learning rate and momentum (config_read refused any other), so
    // the fresh optimizer's hyper-parameters are the file's; then its state.
    let optimizer = Optimizer::resume(
        options.optimizer,
        n,
        options.learning_rate() as f32,
        options.momentum as f32,
        iterations,
        slots,
    )?;
    let (seed, position) = match entry(checkpoint::ENTRY) {
        Some(text) => {
            let text =
                std::str::from_utf8(text).map_err(|_| Invalid(format!("{} is not UTF-8 text", checkpoint::ENTRY)))?;
            let (seed, p) = checkpoint::read(text)?;
            (seed, Some(p))
        }
        None => (0, None),
    };
    Trainer::restore(seed, options, params, optimizer, iterations, position)
}

fn names(entries: &[zip::Entry]) -> String {
    entries.iter().map(|e| format!("\"{}\"", e.name)).collect::<Vec<_>>().join(", ")
}
