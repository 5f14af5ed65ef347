//! The exported JS API in a real browser (`wasm-pack test --headless --chrome`): shapes,
//! training, a thrown JS Error for every kind of bad input, and the native runs reproduced
//! bit for bit.
#![cfg(target_arch = "wasm32")]

mod common;

use js_sys::{Array, Float32Array, Float64Array};
use tinyae::wasm::{kernels, Autoencoder};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn num(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

fn f32s(values: &[f32]) -> JsValue {
    Float32Array::from(values).into()
}

/// The thrown JS `Error` of a rejected call.
fn thrown<T, E: Into<JsValue>>(r: Result<T, E>) -> js_sys::Error {
    let value: JsValue = r.err().expect("should throw").into();
    value.dyn_into::<js_sys::Error>().expect("should be a JS Error")
}

/// The message of a thrown error, checking that JS sees an `Error`.
fn message<T, E: Into<JsValue>>(r: Result<T, E>) -> String {
    thrown(r).message().into()
}

/// The `argument` property of a thrown error: what it refused, by name.
fn argument<T, E: Into<JsValue>>(r: Result<T, E>) -> String {
    let error = thrown(r);
    js_sys::Reflect::get(&error, &"argument".into()).unwrap().as_string().expect("argument should be a string")
}

#[test]
fn trains_and_shapes_are_right() {
    let mut ae = Autoencoder::new(num(7.0), JsValue::UNDEFINED).unwrap();
    assert_eq!(ae.seed(), 7.0);
    assert_eq!((ae.learning_rate() as f32, ae.batch_size()), (0.001, 32.0));
    let before = ae.loss();
    let mean = ae.train_step(num(200.0)).unwrap();
    assert!(ae.loss() < before / 2.0 && mean < before, "{before} -> {}", ae.loss());
    assert_eq!((ae.epoch(), ae.step()), (200.0, 200.0));
    ae.train_step(JsValue::UNDEFINED).unwrap();
    assert_eq!(ae.step(), 201.0, "steps defaults to 1");
    let four = tinyae::data::four();
    let x: Vec<f32> = four.iter().chain(&four).chain(&four).copied().collect();
    assert_eq!(ae.reconstruct(f32s(&x)).unwrap().len(), 192);
    assert_eq!(ae.encode(f32s(&x)).unwrap().len(), 12);
    assert_eq!(ae.decode(f32s(&[0.0, 1.0, 2.0, 3.0, 1.0, 1.0, 1.0, 1.0])).unwrap().len(), 128);
    assert_eq!(ae.get_weights().len(), 2276);
    // Plain Arrays and Float64Arrays are read too.
    let array: Array = four.iter().map(|&v| JsValue::from_f64(v as f64)).collect();
    assert_eq!(ae.encode(array.into()).unwrap(), ae.encode(f32s(&four)).unwrap());
    let f64s: Vec<f64> = four.iter().map(|&v| v as f64).collect();
    assert_eq!(ae.encode(Float64Array::from(&f64s[..]).into()).unwrap(), ae.encode(f32s(&four)).unwrap());
}

#[test]
fn no_seed_draws_one_and_reports_it() {
    let a = Autoencoder::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let b = Autoencoder::new(num(a.seed()), JsValue::UNDEFINED).unwrap();
    assert_eq!(a.get_weights(), b.get_weights());
    assert_ne!(a.seed(), Autoencoder::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap().seed());
}

#[test]
fn bad_input_throws_a_named_error_and_changes_nothing() {
    let mut ae = Autoencoder::new(num(3.0), JsValue::UNDEFINED).unwrap();
    ae.train_step(num(10.0)).unwrap();
    let weights = ae.get_weights();
    let pixels = |bad: usize, value: f32| {
        let mut x = vec![0.5f32; 64];
        x[bad] = value;
        f32s(&x)
    };
    let cases: Vec<(String, &str)> = vec![
        (message(Autoencoder::new(num(-1.0), JsValue::UNDEFINED)), "seed"),
        (message(Autoencoder::new(num(1.5), JsValue::UNDEFINED)), "seed"),
        (
            message(Autoencoder::new(JsValue::from_str("abc"), JsValue::UNDEFINED)),
            "seed must be a whole number from 0 to 9007199254740991, got the string \"abc\"",
        ),
        (
            message(Autoencoder::new(num(9007199254740992.0), JsValue::UNDEFINED)),
            "seed must be a whole number from 0 to 9007199254740991, got the number 9007199254740992",
        ),
        (message(ae.train_step(num(0.0))), "steps"),
        (message(ae.train_step(num(1e9))), "steps"),
        (message(ae.train_step(num(2.5))), "steps must be a whole number"),
        (message(ae.train_step(num(f64::NAN))), "steps"),
        (
            message(ae.train_step(JsValue::from_str("5"))),
            "steps must be a whole number from 1 to 100000, got the string \"5\"",
        ),
        (message(ae.reconstruct(js_sys::Uint8Array::new_with_length(64).into())), "got a Uint8Array"),
        (
            message(ae.reconstruct(JsValue::NULL)),
            "x must be a Float32Array, a Float64Array or an Array of numbers, got null",
        ),
        (message(ae.reconstruct(f32s(&[0.5; 63]))), "x must hold n*64"),
        (message(ae.reconstruct(pixels(9, f32::NAN))), "x[9] is NaN"),
        (message(ae.reconstruct(pixels(2, 2.0))), "x[2] is 2"),
        (message(ae.reconstruct(JsValue::from_str("pixels"))), "x must be a Float32Array"),
        (message(ae.reconstruct(JsValue::NULL)), "x must be a Float32Array"),
        (
            message(ae.encode(Array::of2(&num(0.0), &JsValue::from_str("a")).into())),
            "x[1] is the string \"a\", not a number",
        ),
        (message(ae.decode(f32s(&[1.0; 5]))), "z must hold n*4"),
        (message(ae.decode(f32s(&[1.0, f32::NEG_INFINITY, 0.0, 0.0]))), "z[1] is -inf"),
        (message(ae.set_data(f32s(&[]))), "pixels must hold"),
        (message(ae.set_data(pixels(0, -0.5))), "pixels[0] is -0.5"),
        (message(ae.set_learning_rate(num(0.0))), "learning_rate"),
        (message(ae.set_learning_rate(num(-0.1))), "learning_rate"),
        (message(ae.set_learning_rate(num(f64::INFINITY))), "learning_rate"),
        (message(ae.set_learning_rate(JsValue::from_str("fast"))), "learning_rate must be a number"),
        (message(ae.set_batch_size(num(0.0))), "batch_size"),
        (message(ae.set_batch_size(num(4.5))), "batch_size must be a whole number"),
        (
            message(ae.set_batch_size(num(1e12))),
            "batch_size must be a whole number from 1 to 65536, got the number 1000000000000",
        ),
        (message(ae.set_weights(f32s(&[0.0; 10]))), "weights must hold exactly 2276"),
        (message(ae.set_weights(f32s(&[f32::NAN; 2276]))), "weights[0] is NaN"),
    ];
    for (msg, wanted) in &cases {
        assert!(msg.contains(wanted), "message {msg:?} should contain {wanted:?}");
    }
    assert_eq!(ae.get_weights(), weights, "rejected calls must not change the weights");
    assert_eq!((ae.step(), ae.learning_rate() as f32, ae.batch_size()), (10.0, 0.001, 32.0));
    assert!(ae.train_step(num(5.0)).unwrap().is_finite(), "the model still trains");
}

#[test]
fn weights_match_the_native_runs_bit_for_bit() {
    common::check_pinned_runs(include_str!("fixtures/native_runs.txt"));
    // And through the exported class, as the page calls it.
    let mut ae = Autoencoder::new(num(7.0), JsValue::UNDEFINED).unwrap();
    for _ in 0..10 {
        ae.train_step(num(100.0)).unwrap();
    }
    let want = common::Fixture::parse(include_str!("fixtures/native_runs.txt")).bits("classic_final");
    assert_eq!(common::bits_of(&ae.get_weights()), want, "kernels: {}", kernels());
}

/// A JS object from `key: value` pairs.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn field(o: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap()
}

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

#[test]
fn options_resolve_and_shape_the_model() {
    let classic = Autoencoder::new(num(1.0), JsValue::UNDEFINED).unwrap();
    let o = classic.options();
    assert_eq!(field(&o, "latent").as_f64(), Some(4.0));
    assert_eq!(field(&o, "activation").as_string().as_deref(), Some("relu"));
    assert_eq!(field(&o, "learning_rate").as_f64(), Some(0.001));
    assert!(field(&o, "noise").is_null());
    assert_eq!(Array::from(&field(&o, "decoder")).length(), 1);
    assert_eq!((classic.n_params(), classic.latent(), tinyae::wasm::pixels()), (2276, 4, 64));
    // The resolved object passed back gives the same model.
    let again = Autoencoder::new(num(1.0), o).unwrap();
    assert_eq!(again.get_weights(), classic.get_weights());

    let deep = object(&[
        ("encoder", Array::of2(&num(32.0), &num(16.0)).into()),
        ("latent", num(2.0)),
        ("activation", s("tanh")),
        ("latent_activation", s("linear")),
        ("optimizer", s("sgd")),
        ("l1", num(0.01)),
        ("noise", object(&[("type", s("gaussian")), ("amount", num(0.2))])),
    ]);
    let mut ae = Autoencoder::new(num(2.0), deep).unwrap();
    assert_eq!(ae.latent(), 2);
    assert_eq!(ae.get_weights().len() as u32, ae.n_params());
    assert_eq!(field(&ae.options(), "learning_rate").as_f64(), Some(0.01), "sgd's Keras default");
    assert_eq!(field(&field(&ae.options(), "noise"), "type").as_string().as_deref(), Some("gaussian"));
    let four = tinyae::data::four();
    assert_eq!(ae.encode(f32s(&four)).unwrap().len(), 2);
    assert_eq!(ae.decode(f32s(&[0.5, -0.5])).unwrap().len(), 64);
    assert!(ae.train_step(num(20.0)).unwrap().is_finite());
    let terms = ae.evaluate_terms(f32s(&four)).unwrap();
    let (r, p, t) = (field(&terms, "reconstruction"), field(&terms, "penalty"), field(&terms, "total"));
    assert_eq!(r.as_f64().unwrap() as f32, ae.evaluate(f32s(&four)).unwrap());
    assert!(p.as_f64().unwrap() >= 0.0);
    assert_eq!(t.as_f64().unwrap() as f32, ae.loss(), "one image: the data set's loss");
    assert_eq!(field(&ae.loss_terms(), "total").as_f64().unwrap() as f32, ae.loss());
}

#[test]
fn bad_options_throw_a_named_error() {
    let bad = |pairs: &[(&str, JsValue)]| message(Autoencoder::new(num(1.0), object(pairs)));
    let cases: Vec<(String, &[&str])> = vec![
        (bad(&[("latnet", num(3.0))]), &["latnet", "accepted keys"]),
        (bad(&[("latent", num(257.0))]), &["latent", "257", "1..=256"]),
        (bad(&[("latent", num(2.5))]), &["latent", "2.5"]),
        (bad(&[("latent", s("4"))]), &["latent", "string"]),
        (bad(&[("encoder", num(16.0))]), &["encoder", "array"]),
        (bad(&[("encoder", Array::of1(&num(1025.0)).into())]), &["encoder", "1025", "1..=1024"]),
        (bad(&[("activation", s("gelu"))]), &["activation", "gelu", "relu"]),
        (bad(&[("output", s("relu"))]), &["output", "relu", "sigmoid"]),
        (bad(&[("loss", s("binary_crossentropy")), ("output", s("linear"))]), &["binary_crossentropy", "sigmoid"]),
        (bad(&[("optimizer", s("adagrad"))]), &["optimizer", "adagrad", "rmsprop"]),
        (bad(&[("learning_rate", num(0.0))]), &["learning_rate", "0"]),
        (bad(&[("optimizer", s("sgd")), ("momentum", num(1.0))]), &["momentum", "1"]),
        (bad(&[("l1", num(-1.0))]), &["l1", "-1"]),
        (bad(&[("noise", object(&[("type", s("salt")), ("amount", num(0.1))]))]), &["noise.type", "salt"]),
        (bad(&[("noise", object(&[("type", s("mask")), ("amount", num(2.0))]))]), &["noise.amount", "2"]),
        (bad(&[("noise", num(0.1))]), &["noise", "number"]),
        (message(Autoencoder::new(num(1.0), s("deep"))), &["options", "plain object"]),
    ];
    for (msg, words) in &cases {
        for w in *words {
            assert!(msg.contains(w), "message {msg:?} should contain {w:?}");
        }
    }
}

#[test]
fn every_rejection_names_its_argument_as_a_property() {
    let mut ae = Autoencoder::new(num(1.0), JsValue::UNDEFINED).unwrap();
    let bad = |pairs: &[(&str, JsValue)]| argument(Autoencoder::new(num(1.0), object(pairs)));
    let cases: Vec<(String, &str)> = vec![
        (argument(Autoencoder::new(num(-1.0), JsValue::UNDEFINED)), "seed"),
        (argument(Autoencoder::new(s("abc"), JsValue::UNDEFINED)), "seed"),
        (argument(Autoencoder::new(num(1.0), s("deep"))), "options"),
        (bad(&[("latnet", num(3.0))]), "latnet"),
        (bad(&[("latent", num(257.0))]), "latent"),
        (bad(&[("encoder", Array::of1(&num(1025.0)).into())]), "encoder"),
        (bad(&[("input", num(0.0))]), "input"),
        (bad(&[("activation", s("gelu"))]), "activation"),
        (bad(&[("latent_activation", s("gelu"))]), "latent_activation"),
        (bad(&[("loss", s("binary_crossentropy")), ("output", s("linear"))]), "loss"),
        (bad(&[("learning_rate", num(0.0))]), "learning_rate"),
        (bad(&[("optimizer", s("sgd")), ("momentum", num(1.0))]), "momentum"),
        (bad(&[("noise", object(&[("type", s("mask")), ("amount", num(2.0))]))]), "noise"),
        (bad(&[("noise", object(&[("type", s("mask")), ("amount", s("a lot"))]))]), "noise"),
        (argument(ae.train_step(num(0.0))), "steps"),
        (argument(ae.train_step(s("many"))), "steps"),
        (argument(ae.reconstruct(f32s(&[0.5; 63]))), "x"),
        (argument(ae.encode(JsValue::NULL)), "x"),
        (argument(ae.evaluate(f32s(&[2.0; 64]))), "x"),
        (argument(ae.decode(f32s(&[1.0; 5]))), "z"),
        (argument(ae.set_data(f32s(&[]))), "pixels"),
        (argument(ae.set_weights(f32s(&[0.0; 3]))), "weights"),
        (argument(ae.set_learning_rate(num(-1.0))), "learning_rate"),
        (argument(ae.set_learning_rate(s("fast"))), "learning_rate"),
        (argument(ae.set_batch_size(num(0.0))), "batch_size"),
        (argument(tinyae::wasm::split_indices(num(10.0), num(11.0), num(0.0))), "test"),
        (argument(tinyae::wasm::Pca::new(f32s(&[0.5; 64]), JsValue::UNDEFINED)), "x"),
        (argument(tinyae::wasm::Pca::new(f32s(&[0.5; 128]), num(65.0))), "components"),
    ];
    for (got, want) in &cases {
        assert_eq!(got, want);
    }
    // `reason` is the message after the argument's name, so a caller can put its own label first.
    let refused = thrown(ae.set_learning_rate(num(-1.0)));
    let reason =
        js_sys::Reflect::get(&refused, &"reason".into()).unwrap().as_string().expect("reason should be a string");
    assert_eq!(format!("learning_rate {reason}"), String::from(refused.message()));
    assert!(reason.starts_with("must be"), "{reason}");
    // Training that diverges names what to lower; the message says so too.
    ae.set_learning_rate(num(1e38)).unwrap();
    let diverged = thrown(ae.train_step(num(500.0)));
    assert!(String::from(diverged.message()).contains("lower learning_rate"));
    // Its message does not start with the name: no `reason`, the message is the whole story.
    assert!(js_sys::Reflect::get(&diverged, &"reason".into()).unwrap().is_undefined());
    assert_eq!(
        js_sys::Reflect::get(&diverged, &"argument".into()).unwrap().as_string().as_deref(),
        Some("learning_rate")
    );
}

#[test]
fn variant_runs_match_the_native_ones_bit_for_bit() {
    common::check_variant_runs(include_str!("fixtures/native_runs_variants.txt"));
}

#[test]
fn variational_options_calls_and_errors() {
    let opts =
        object(&[("variational", JsValue::TRUE), ("encoder", Array::of1(&num(32.0)).into()), ("latent", num(2.0))]);
    let mut ae = Autoencoder::new(num(4.0), opts).unwrap();
    let o = ae.options();
    assert_eq!(field(&o, "loss").as_string().as_deref(), Some("binary_crossentropy"), "implied");
    assert_eq!(field(&o, "latent_activation").as_string().as_deref(), Some("linear"), "implied");
    assert_eq!((field(&o, "variational").as_bool(), field(&o, "beta").as_f64()), (Some(true), Some(1.0)));
    assert_eq!(Autoencoder::new(num(4.0), o).unwrap().get_weights(), ae.get_weights(), "options() passed back");
    assert_eq!(ae.n_params(), 64 * 32 + 32 + 2 * (32 * 2 + 2) + 2 * 32 + 32 + 32 * 64 + 64);
    let four = tinyae::data::four();
    assert!(ae.train_step(num(20.0)).unwrap().is_finite());
    assert_eq!((ae.encode(f32s(&four)).unwrap().len(), ae.encode_log_var(f32s(&four)).unwrap().len()), (2, 2));
    assert_eq!(ae.sample(num(3.0)).unwrap().len(), 192);
    let terms = ae.loss_terms();
    let [r, kl, p, t] = ["reconstruction", "kl", "penalty", "total"].map(|k| field(&terms, k).as_f64().unwrap());
    assert!(kl > 0.0 && p == kl && (t as f32) == (r + p) as f32 && (t as f32) == ae.loss(), "{r} {kl} {p} {t}");
    let classic_terms = Autoencoder::new(num(1.0), JsValue::UNDEFINED).unwrap().loss_terms();
    assert_eq!(field(&classic_terms, "kl").as_f64(), Some(0.0));

    let v = ("variational", JsValue::TRUE);
    let bad = |pairs: &[(&str, JsValue)]| message(Autoencoder::new(num(1.0), object(pairs)));
    let cases: Vec<(String, &[&str])> = vec![
        (bad(&[v.clone(), ("loss", s("mse"))]), &["variational", "binary_crossentropy", "mse"]),
        (bad(&[v.clone(), ("output", s("linear"))]), &["output", "sigmoid", "linear"]),
        (bad(&[v.clone(), ("latent_activation", s("relu"))]), &["latent_activation", "linear"]),
        (bad(&[v.clone(), ("l1", num(0.1))]), &["l1", "variational"]),
        (bad(&[v.clone(), ("beta", num(-2.0))]), &["beta", "-2"]),
        (bad(&[("beta", num(2.0))]), &["beta", "variational: true"]),
        (bad(&[("variational", s("yes"))]), &["variational", "true or false", "yes"]),
        (message(ae.sample(num(0.0))), &["n must be"]),
        (message(ae.sample(num(1.5))), &["n must be a whole number"]),
        (message(ae.encode_log_var(f32s(&[0.5; 3]))), &["x must hold n*64"]),
        (message(Autoencoder::new(num(1.0), JsValue::UNDEFINED).unwrap().sample(num(1.0))), &["variational"]),
    ];
    for (msg, words) in &cases {
        for w in *words {
            assert!(msg.contains(w), "message {msg:?} should contain {w:?}");
        }
    }
}

#[test]
fn the_input_option_sets_the_width_of_every_call() {
    use tinyae::wasm::ImageSet;
    let classic = Autoencoder::new(num(1.0), JsValue::UNDEFINED).unwrap();
    assert_eq!(field(&classic.options(), "input").as_f64(), Some(64.0));
    let table = object(&[("input", num(5.0)), ("output", s("linear")), ("encoder", Array::of1(&num(8.0)).into())]);
    let mut ae = Autoencoder::new(num(3.0), table).unwrap();
    let o = ae.options();
    assert_eq!(field(&o, "input").as_f64(), Some(5.0));
    assert_eq!(Autoencoder::new(num(3.0), o).unwrap().get_weights(), ae.get_weights(), "options() passed back");
    let rows: Vec<f32> = (0..4 * 5).map(|i| i as f32 / 4.0 - 2.0).collect();
    ae.set_data(f32s(&rows)).unwrap();
    assert!(ae.train_step(num(10.0)).unwrap().is_finite());
    assert_eq!(ae.reconstruct(f32s(&rows)).unwrap().len(), 20);
    assert_eq!(ae.encode(f32s(&rows)).unwrap().len(), 16);
    assert_eq!(ae.decode(f32s(&[0.0; 4])).unwrap().len(), 5);
    assert_eq!(ae.get_weights().len(), (5 * 8 + 8 + 8 * 4 + 4 + 4 * 8 + 8 + 8 * 5 + 5) as usize);
    let refused = thrown(ae.set_data(f32s(&rows[..7])));
    assert_eq!(
        String::from(refused.message()),
        "pixels must hold n*5 values (n items of 5 values, the model's input), got 7 values"
    );
    assert_eq!(argument(ae.set_data(f32s(&rows[..7]))), "pixels");
    // A sigmoid output takes values in [0, 1] only, and says why.
    let sigmoid = Autoencoder::new(num(3.0), object(&[("input", num(5.0))])).unwrap();
    let msg = message(sigmoid.encode(f32s(&rows[..5])));
    assert!(msg.starts_with("x[0] is -2; values must be in [0, 1] because the output is sigmoid"), "{msg}");
    // A data set of 5-wide items: surveyed by the 5-wide model, refused by the classic one.
    let set = ImageSet::new(f32s(&rows), &[1, 3], num(5.0)).unwrap();
    assert_eq!((set.n(), set.width()), (4, 5));
    let survey = ae.survey(&set).unwrap();
    assert_eq!(field(&survey, "codes").unchecked_into::<Float32Array>().length(), 16);
    assert_eq!(argument(classic.survey(&set)), "images");
    assert!(message(classic.survey(&set)).contains("items of 5 values, but the model's input is 64"));
    assert_eq!(argument(ImageSet::new(f32s(&rows), &[0], num(0.0))), "width");
    assert_eq!(argument(ImageSet::new(f32s(&rows), &[0], JsValue::UNDEFINED)), "pixels", "64 wide by default");
    let bad = |value: JsValue| message(Autoencoder::new(num(1.0), object(&[("input", value)])));
    assert_eq!(bad(num(4097.0)), "input must be a whole number 1..=4096 (values per item), got 4097");
    assert!(bad(s("784")).contains("option input must be a whole number 1..=4096"), "{}", bad(s("784")));
}
