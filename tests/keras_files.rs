//! `.keras` files both ways (src/keras/): reading files real Keras 3.15 wrote
//! (tests/fixtures/keras/, made by tests/reference/keras_files.py), checking what they predict
//! and the next full-batch step against what Keras computed; refusals; the structure of
//! exported files; and checkpoints that resume to the bit. Natively and in wasm (scripts/test.sh).
#![cfg(feature = "keras")]

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use common::json::Json;
use common::resume::{option_sets, same_from_here, trained};
use tinyae::keras::{from_keras, to_keras, zip, Array, File};
use tinyae::kernels::Act;
use tinyae::options::{Noise, Options};
use tinyae::Trainer;

/// A fixture's bytes, built in (the wasm tests have no file system).
fn fixture(name: &str) -> Vec<u8> {
    let bytes: &[u8] = match name {
        "seed_untrained" => include_bytes!("fixtures/keras/seed_untrained.keras"),
        "seed_trained" => include_bytes!("fixtures/keras/seed_trained.keras"),
        "sequential" => include_bytes!("fixtures/keras/sequential.keras"),
        "sparse" => include_bytes!("fixtures/keras/sparse.keras"),
        "deep" => include_bytes!("fixtures/keras/deep.keras"),
        "conv" => include_bytes!("fixtures/keras/conv.keras"),
        _ => panic!("no fixture {name}"),
    };
    bytes.to_vec()
}

fn expected() -> Json {
    Json::parse(include_str!("fixtures/keras/expected.json"))
}

fn data(name: &str) -> Vec<f32> {
    match name {
        "four" => tinyae::data::four(),
        _ => {
            let n: usize = name.trim_start_matches("digits").parse().unwrap();
            common::digits().0[..n * 64].to_vec()
        }
    }
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn files_keras_wrote_predict_and_train_on_as_in_keras() {
    let exp = expected();
    for case in ["seed_untrained", "seed_trained", "sequential", "sparse", "deep"] {
        let e = exp.get(case);
        let mut t = from_keras(&fixture(case)).unwrap_or_else(|err| panic!("{case}: {err}"));
        let o = t.options().clone();
        let Json::Obj(want) = e.get("options") else { panic!() };
        for (key, v) in want {
            let ok = match key.as_str() {
                "encoder" => o.encoder == v.floats().iter().map(|&w| w as usize).collect::<Vec<_>>(),
                "decoder" => o.decoder_widths() == v.floats().iter().map(|&w| w as usize).collect::<Vec<_>>(),
                "latent" => o.latent == v.num() as usize,
                "l1" => o.l1 == v.num(),
                "learning_rate" => o.learning_rate() == v.num(),
                "momentum" => o.momentum == v.num(),
                "activation" => o.activation == Act::Tanh && v.str() == "tanh",
                "latent_activation" => o.latent_activation == Act::Linear && v.str() == "linear",
                "loss" => tinyae::options::loss_name(o.loss) == v.str(),
                "optimizer" => o.optimizer.name() == v.str(),
                _ => panic!("{key}"),
            };
            assert!(ok, "{case}: option {key} read as {o:?}");
        }
        assert_eq!(t.step(), e.get("iterations").num() as u64, "{case}: Keras's iterations become the step");
        let x = data(e.get("data").str());
        let n = x.len() / 64;
        let d = max_diff(&t.reconstruct(&x).unwrap(), &e.get("predict").floats());
        assert!(d <= 1e-6, "{case}: predict differs by {d}");
        t.set_data(&x).unwrap();
        t.set_batch_size(n).unwrap();
        t.train(1).unwrap();
        let d = max_diff(t.weights(), &e.get("next_weights").floats());
        assert!(d <= 1e-5, "{case}: the next full-batch step differs from Keras's by {d}");
    }
}

/// A change to `config.json`'s text.
type Edit = dyn Fn(&str) -> String;

/// The zip of `base` with `config.json` edited by `edit`.
fn with_config(base: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let entries = zip::read(base).unwrap();
    let config = edit(std::str::from_utf8(entries.iter().find(|e| e.name == "config.json").unwrap().data).unwrap());
    let parts: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|e| (e.name.as_str(), if e.name == "config.json" { config.as_bytes() } else { e.data }))
        .collect();
    zip::write(&parts)
}

#[test]
fn what_tinyae_cannot_run_is_refused_by_name() {
    let err = |bytes: &[u8]| from_keras(bytes).unwrap_err().0;
    let conv = err(&fixture("conv"));
    assert!(conv.contains("is a Conv2D") && conv.contains("tinyae runs InputLayer, Flatten"), "{conv}");
    let seq = fixture("sequential");
    let cases: [(&Edit, &str); 7] = [
        (&|c| c.replacen("\"activation\": \"relu\"", "\"activation\": \"gelu\"", 1), "activation \"gelu\""),
        (&|c| c.replace("\"class_name\": \"RMSprop\"", "\"class_name\": \"Adagrad\""), "the optimizer is Adagrad"),
        (&|c| c.replace("\"rho\": 0.9", "\"rho\": 0.5"), "rho is set"),
        (&|c| c.replace("\"loss\": \"mse\"", "\"loss\": \"huber\""), "the loss is huber"),
        (&|c| c.replace("64", "5000"), "input must be a whole number 1..=4096"),
        (
            &|c| {
                let dense = c.find("{\"module\": \"keras.layers\", \"class_name\": \"Dense\"").unwrap();
                let second = dense
                    + 1
                    + c[dense + 1..].find("{\"module\": \"keras.layers\", \"class_name\": \"Dense\"").unwrap();
                let drop = r#"{"module": "keras.layers", "class_name": "Dropout", "config": {"name": "dropout", "rate": 0.5}}, "#;
                format!("{}{drop}{}", &c[..second], &c[second..])
            },
            "Dropout in the middle",
        ),
        (&|c| c.replacen("\"use_bias\": true", "\"use_bias\": false", 1), "no bias"),
    ];
    for (edit, want) in cases {
        let msg = err(&with_config(&seq, edit));
        assert!(msg.contains(want), "{want}: {msg}");
    }
    // Any width the core runs: the model takes `input` values per item.
    let wide = from_keras(&with_config(&seq, |c: &str| c.replace("64", "100")));
    assert!(wide.unwrap_err().0.contains("layers/dense/vars/0 has shape (64, 16); the config says (100, 16)"));
    let mut damaged = seq.clone();
    let at = damaged.len() / 2;
    damaged[at] ^= 0xff;
    assert!(err(&damaged).contains("damaged"));
    assert!(err(b"{\"weights\": []}").contains("not a .keras file"));
}

#[test]
fn exported_files_hold_every_variable_where_keras_keeps_it() {
    let x = common::digits().0[..24 * 64].to_vec();
    for options in option_sets() {
        let t = trained(options.clone(), &x, 8, 7);
        let bytes = to_keras(&t).unwrap();
        let entries = zip::read(&bytes).unwrap();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["metadata.json", "config.json", "model.weights.h5", "tinyae.json"]);
        let config = Json::parse(std::str::from_utf8(entries[1].data).unwrap());
        let layers = config.get("config").get("layers").arr();
        let classes: Vec<&str> = layers.iter().map(|l| l.get("class_name").str()).collect();
        let noise: &[&str] = match options.noise {
            Some(Noise::Gaussian(_)) => &["GaussianNoise", "ReLU"],
            Some(Noise::Mask(_)) => &["Dropout"],
            None => &[],
        };
        let layout = &t.net().layout;
        assert_eq!(classes.len(), 1 + noise.len() + layout.layers());
        assert_eq!(&classes[1..1 + noise.len()], noise);
        for (l, d) in layout.dense.iter().enumerate() {
            let c = layers[1 + noise.len() + l].get("config");
            assert_eq!(c.get("units").num() as usize, d.fan_out);
            assert_eq!(c.get("activation").str(), tinyae::options::act_name(t.net().acts[l]));
        }
        let cc = config.get("compile_config");
        assert_eq!(cc.get("loss").str(), tinyae::options::loss_name(options.loss));
        let h5 = File::open(entries[2].data).unwrap();
        let (w, mut vars) = (t.weights(), 2);
        let (iterations, slots) = t.optimizer().slots(t.step());
        for (l, d) in layout.dense.iter().enumerate() {
            let name = if l == 0 { "dense".to_string() } else { format!("dense_{l}") };
            for (i, (shape, range)) in
                [(vec![d.fan_in, d.fan_out], d.kernel..d.bias), (vec![d.fan_out], d.bias..d.end())]
                    .into_iter()
                    .enumerate()
            {
                let path = format!("layers/{name}/vars/{i}");
                assert_eq!(
                    h5.array(h5.find(&path).unwrap().unwrap(), &path).unwrap(),
                    Array::F32(shape.clone(), w[range.clone()].to_vec()),
                    "{path}"
                );
                for slot in &slots {
                    let path = format!("optimizer/vars/{vars}");
                    assert_eq!(
                        h5.array(h5.find(&path).unwrap().unwrap(), &path).unwrap(),
                        Array::F32(shape.clone(), slot[range.clone()].to_vec()),
                        "{path}"
                    );
                    vars += 1;
                }
            }
        }
        let opt = h5.members(h5.find("optimizer/vars").unwrap().unwrap()).unwrap();
        assert_eq!(opt.len(), vars, "no other optimizer variables");
        let saved = h5.array(h5.find("optimizer/vars/0").unwrap().unwrap(), "i").unwrap();
        assert_eq!(saved, Array::Int(vec![], vec![iterations as i64]));
        let lr = h5.array(h5.find("optimizer/vars/1").unwrap().unwrap(), "lr").unwrap();
        assert_eq!(lr, Array::F32(vec![], vec![t.learning_rate()]));
    }
}

#[test]
fn a_variational_model_is_refused_with_the_reason() {
    let t = Trainer::with_options(1, Options { encoder: vec![32], latent: 2, ..Options::vae() }).unwrap();
    assert!(to_keras(&t).unwrap_err().0.contains("variational model has no Keras equivalent"));
}

#[test]
fn a_checkpoint_resumes_to_the_bit() {
    let x = common::digits().0[..40 * 64].to_vec();
    for options in option_sets() {
        // 13 steps of 8 out of 40 images: mid-epoch, so the epoch's order must carry.
        let mut a = trained(options, &x, 8, 13);
        let mut b = from_keras(&to_keras(&a).unwrap()).unwrap();
        b.set_data(&x).unwrap();
        same_from_here(&mut a, &mut b, 100);
    }
    // The classic model on the '4', the data a new model starts with: no set_data needed.
    let mut a = Trainer::new(78).unwrap();
    a.train(250).unwrap();
    let mut b = from_keras(&to_keras(&a).unwrap()).unwrap();
    same_from_here(&mut a, &mut b, 100);
}

#[test]
fn other_data_after_a_checkpoint_start_a_new_epoch() {
    let x = common::digits().0[..40 * 64].to_vec();
    let a = trained(Options::default(), &x, 8, 13);
    let mut b = from_keras(&to_keras(&a).unwrap()).unwrap();
    b.set_data(&x[..39 * 64]).unwrap();
    assert_eq!((b.step(), b.epoch()), (13, 2), "the counters carry");
    // A new epoch over 39 images: 5 steps of 8 end it (4 x 8 + 7).
    b.train(4).unwrap();
    assert_eq!(b.epoch(), 2);
    b.train(1).unwrap();
    assert_eq!(b.epoch(), 3);
}
