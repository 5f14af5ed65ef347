//! Every option set against Keras itself: `fixtures/keras_variants.json` (written by
//! `tests/reference/keras_variants.py` with Keras 3.15 / TensorFlow 2.21) holds, per case, the
//! options, the images, Keras's initial weights, the per-epoch losses `model.fit` reported and
//! the final weights, for full-batch training. We start from the same weights and must report
//! the same losses (2e-5 relative) and end on the same weights (1e-6 absolute, or Keras's own
//! float32-to-float64 drift where that is larger; 1e-4 for an L1 penalty on a ReLU latent, whose
//! units hovering at 0 flip on float noise). Adam must take Keras's float32 powers of its betas
//! for this: with f64 powers the linear latent drifted to 3e-5. `wide_inputs_match_keras` does
//! the same for 784-, 5- and 300-wide inputs (`fixtures/keras_wide_*.json`).

mod common;

use common::json::Json;
use tinyae::kernels::Act;
use tinyae::options::{parse_act, parse_loss, Noise, OptimizerKind, Options};
use tinyae::Trainer;

fn widths(v: &Json) -> Vec<usize> {
    v.arr().iter().map(|w| w.num() as usize).collect()
}

/// The fixture's option object as `Options`.
fn options(json: &Json) -> Options {
    let mut o = Options::default();
    let Json::Obj(fields) = json else { panic!("options must be an object") };
    for (key, v) in fields {
        match key.as_str() {
            "input" => o.input = v.num() as usize,
            "encoder" => o.encoder = widths(v),
            "latent" => o.latent = v.num() as usize,
            "decoder" => o.decoder = Some(widths(v)),
            "activation" => o.activation = parse_act(key, v.str()).unwrap(),
            "latent_activation" => o.latent_activation = parse_act(key, v.str()).unwrap(),
            "output" => o.output = parse_act(key, v.str()).unwrap(),
            "loss" => o.loss = parse_loss(v.str()).unwrap(),
            "optimizer" => o.optimizer = OptimizerKind::parse(v.str()).unwrap(),
            "learning_rate" => o.learning_rate = Some(v.num()),
            "momentum" => o.momentum = v.num(),
            "l1" => o.l1 = v.num(),
            "noise" if *v == Json::Null => o.noise = None,
            "noise" => o.noise = Some(Noise::new(v.get("type").str(), v.get("amount").num()).unwrap()),
            _ => panic!("unknown option {key}"),
        }
    }
    o
}

#[test]
fn every_case_matches_keras() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keras_variants.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        panic!("{path} is missing: run tests/reference/keras_variants.py");
    };
    let fixture = Json::parse(&text);
    let cases = fixture.get("cases").arr();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let name = case.get("name").str();
        let opts = options(case.get("options"));
        let relu_l1 = name.contains("l1") && opts.latent_activation == Act::Relu;
        let mut t = Trainer::with_options(0, opts).unwrap();
        t.set_data(&case.get("x").floats()).unwrap();
        t.set_batch_size(case.get("batch_size").num() as usize).unwrap();
        t.set_weights(&case.get("initial_weights").floats()).unwrap();
        let losses = case.get("losses").floats();
        assert_eq!(losses.len(), case.get("epochs").num() as usize);
        let mut worst_loss = 0.0f64;
        for (epoch, &want) in losses.iter().enumerate() {
            let got = t.train(1).unwrap();
            let rel = (got as f64 - want as f64).abs() / (want as f64).abs().max(1e-30);
            worst_loss = worst_loss.max(rel);
            if rel >= 2e-5 {
                failures.push(format!("{name}: epoch {epoch} loss {got} vs Keras {want} (relative {rel:.2e})"));
            }
        }
        let want = case.get("final_weights").floats();
        assert_eq!(want.len(), t.weights().len(), "{name}: parameter count");
        let worst_weight = t.weights().iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
        // ReLUs hovering at 0 on the L1-penalised latent flip on float noise; everything else
        // ends within a few float32 ulps of Keras (measured: 2.4e-7 at worst over 200 steps),
        // or, in a long run, no further from Keras than Keras's float32 run is from its own
        // float64 run (`keras_f64_drift`, recorded for the newer cases).
        let drift = case.field("keras_f64_drift").map(|d| (d.get("loss").num(), d.get("weight").num() as f32));
        let tolerance = if relu_l1 { 1e-4 } else { drift.map_or(1e-6, |(_, w)| w.max(1e-6)) };
        let drift_text = drift.map_or(String::new(), |(l, w)| format!(" (Keras float32 vs float64: {l:.2e}, {w:.2e})"));
        eprintln!(
            "{name}: worst loss difference {worst_loss:.2e} relative, worst weight {worst_weight:.2e}{drift_text}"
        );
        if worst_weight >= tolerance {
            failures.push(format!("{name}: a final weight is {worst_weight:.2e} from Keras's"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// splitmix64 (Vigna): the next output, advancing `state`.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The wide fixtures' initial weights, as tests/reference/keras_wide.py's `recipe_weights`
/// makes them (Keras order; each operation exact or correctly rounded, so the same bits).
fn recipe_weights(dims: &[usize], seed: u64) -> Vec<f32> {
    let mut state = seed;
    let mut out = Vec::new();
    for pair in dims.windows(2) {
        let limit = (6.0 / (pair[0] + pair[1]) as f64).sqrt();
        for _ in 0..pair[0] * pair[1] {
            let u = (splitmix64(&mut state) >> 40) as f64 / 16_777_216.0;
            out.push(((2.0 * u - 1.0) * limit) as f32);
        }
        out.extend(std::iter::repeat_n(0.0, pair[1]));
    }
    out
}

/// Wide inputs against Keras (`fixtures/keras_wide_*.json`, written by
/// tests/reference/keras_wide.py): 784-128-2-128-784 on 28x28 digits, a 5-wide standardised
/// table with a linear output, 300-wide unit vectors. Every epoch's loss within 1e-4 relative
/// of Keras's, and the final weights as close to Keras's float32 run as Keras's float32 run is
/// to its own float64 run (the fixture's `keras_f64_drift`), with a floor for rounding.
#[test]
fn wide_inputs_match_keras() {
    let mut failures = Vec::new();
    for name in ["784", "table5", "300"] {
        let path = format!("{}/tests/fixtures/keras_wide_{name}.json", env!("CARGO_MANIFEST_DIR"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            panic!("{path} is missing: run tests/reference/keras_wide.py");
        };
        let case = Json::parse(&text);
        let mut t = Trainer::with_options(0, options(case.get("options"))).unwrap();
        t.set_data(&case.get("x_f32_base64").base64_f32s()).unwrap();
        t.set_batch_size(case.get("batch_size").num() as usize).unwrap();
        let dims = t.net().layout.dims.clone();
        t.set_weights(&recipe_weights(&dims, case.get("weights_seed").num() as u64)).unwrap();
        let (losses, exact) = (case.get("losses").floats(), case.get("keras_f64_losses").arr());
        let (mut worst, mut worst_exact) = (0.0f64, 0.0f64);
        for (epoch, (&want, exact)) in losses.iter().zip(exact).enumerate() {
            let got = t.train(1).unwrap() as f64;
            let rel = (got - want as f64).abs() / (want as f64).abs();
            worst = worst.max(rel);
            worst_exact = worst_exact.max((got - exact.num()).abs() / exact.num().abs());
            if rel >= 1e-4 {
                failures.push(format!("{name}: epoch {epoch} loss {got} vs Keras {want} (relative {rel:.2e})"));
            }
        }
        let want = case.get("final_weights_f32_base64").base64_f32s();
        assert_eq!(want.len(), t.weights().len(), "{name}: parameter count");
        let weight = t.weights().iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
        let drift = case.get("keras_f64_drift");
        let tolerance = (2.0 * drift.get("weight").num()).max(1e-5);
        eprintln!(
            "{name}: loss {worst:.2e} relative to Keras (to Keras float64: {worst_exact:.2e}; Keras float32 to float64: {:.2e}), \
             weights {weight:.2e} (Keras float32 to float64: {:.2e})",
            drift.get("loss").num(),
            drift.get("weight").num()
        );
        if weight as f64 >= tolerance {
            failures.push(format!("{name}: a final weight is {weight:.2e} from Keras's (tolerance {tolerance:.2e})"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
