//! The variational model against Keras itself: `fixtures/keras_variational.json` (written by
//! `tests/reference/variational_reference.py` with Keras 3.15 / TensorFlow 2.21) holds, per
//! case, the Keras example's VAE made Dense: its initial weights, the noise `eps` of every step,
//! the reconstruction and KL terms and the loss of every step, the first step's gradients and
//! the final weights after Adam. We feed the same `eps` through `variational::gradients` and
//! Adam from the same weights and must report the same terms (2e-6 relative) step by step,
//! the same first gradients (1e-5 of the largest) and end on the same weights (1e-6 absolute).

mod common;

use common::json::Json;
use tinyae::kernels::Act;
use tinyae::network::Workspace;
use tinyae::optimizer::Optimizer;
use tinyae::options::{parse_act, OptimizerKind, Options};
use tinyae::variational::{gradients, Buffers};

fn widths(v: &Json) -> Vec<usize> {
    v.arr().iter().map(|w| w.num() as usize).collect()
}

#[test]
fn every_step_matches_keras() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keras_variational.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        panic!("{path} is missing: run tests/reference/variational_reference.py");
    };
    let fixture = Json::parse(&text);
    let cases = fixture.get("cases").arr();
    assert_eq!(cases.len(), 3);
    let mut failures = Vec::new();
    for case in cases {
        let name = case.get("name").str();
        let o = case.get("options");
        let options = Options {
            encoder: widths(o.get("encoder")),
            latent: o.get("latent").num() as usize,
            decoder: Some(widths(o.get("decoder"))),
            activation: parse_act("activation", o.get("activation").str()).unwrap(),
            beta: Some(o.get("beta").num()),
            ..Options::vae()
        };
        let net = options.resolve().unwrap().net();
        assert_eq!(net.acts[net.layout.encoder - 1], Act::Linear);
        let x = case.get("x").floats();
        let n = x.len() / 64;
        let k = n * net.layout.latent();
        let mut params = case.get("initial_weights").floats();
        assert_eq!(params.len(), net.layout.n_params, "{name}: parameter count in Keras order");
        let lr = case.get("learning_rate").num() as f32;
        let mut adam = Optimizer::new(OptimizerKind::Adam, params.len(), lr, 0.0);
        let (mut ws, mut buf) = (Workspace::for_net(&net, n), Buffers::for_net(&net, n));
        let eps = case.get("eps").floats();
        let want = ["reconstruction", "kl", "loss"].map(|key| case.get(key).floats());
        let steps = case.get("steps").num() as usize;
        assert_eq!((eps.len(), want[2].len()), (steps * k, steps));
        let mut worst = 0.0f64;
        for step in 0..steps {
            buf.eps.copy_from_slice(&eps[step * k..(step + 1) * k]);
            let t = gradients(&net, &params, &x, &x, n, &mut ws, &mut buf);
            for (got, want, term) in [
                (t.reconstruction, want[0][step], "reconstruction"),
                (t.kl, want[1][step], "kl"),
                (t.total(), want[2][step], "loss"),
            ] {
                let rel = (got as f64 - want as f64).abs() / (want as f64).abs().max(1e-30);
                worst = worst.max(rel);
                if rel >= 2e-6 {
                    failures.push(format!("{name}: step {step} {term} {got} vs Keras {want} (relative {rel:.2e})"));
                }
            }
            if step == 0 {
                let keras = case.get("first_gradients").floats();
                let scale = keras.iter().fold(0.0f32, |m, g| m.max(g.abs()));
                let off = ws.grads.iter().zip(&keras).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max) / scale;
                eprintln!("{name}: first gradients within {off:.2e} of the largest");
                if off >= 1e-5 {
                    failures.push(format!("{name}: a first-step gradient is {off:.2e} (of the largest) from Keras's"));
                }
            }
            adam.update(&mut params, &ws.grads);
        }
        let final_weights = case.get("final_weights").floats();
        let off = params.iter().zip(&final_weights).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
        eprintln!("{name}: worst term difference {worst:.2e} relative, worst final weight {off:.2e}");
        if off >= 1e-6 {
            failures.push(format!("{name}: a final weight is {off:.2e} from Keras's"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
