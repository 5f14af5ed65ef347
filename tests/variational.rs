//! The variational mode through `Trainer`: options checked and named, shapes and the Keras
//! weight order, the extra calls, repeatable evaluation, and a diverging step rolled back.

use tinyae::kernels::Act;
use tinyae::network::Loss;
use tinyae::options::Noise;
use tinyae::{Options, Trainer};

fn err(o: Options) -> String {
    Trainer::with_options(1, o).unwrap_err().0
}

#[test]
fn bad_combinations_are_named() {
    let v = Options::vae;
    let cases: Vec<(String, &[&str])> = vec![
        (err(Options { output: Act::Linear, loss: Loss::Mse, ..v() }), &["variational", "output", "sigmoid", "linear"]),
        (err(Options { loss: Loss::Mse, ..v() }), &["variational", "binary_crossentropy", "mse"]),
        (err(Options { latent_activation: Act::Relu, ..v() }), &["latent_activation", "linear", "relu"]),
        (err(Options { l1: 0.01, ..v() }), &["l1", "0.01", "variational"]),
        (err(Options { beta: Some(-1.0), ..v() }), &["beta", "-1", ">= 0"]),
        (err(Options { beta: Some(f64::INFINITY), ..v() }), &["beta", "finite"]),
        (err(Options { beta: Some(1e300), ..v() }), &["beta"]),
        (err(Options { beta: Some(1.0), ..Options::default() }), &["beta", "variational: true"]),
    ];
    for (msg, words) in &cases {
        for w in *words {
            assert!(msg.contains(w), "message {msg:?} should contain {w:?}");
        }
    }
    let ok = Options { beta: Some(0.0), noise: Some(Noise::Gaussian(0.1)), ..v() }.resolve().unwrap();
    assert_eq!(ok.beta, Some(0.0));
    assert_eq!(v().resolve().unwrap().beta, Some(1.0), "beta defaults to 1");
}

#[test]
fn shapes_weight_order_and_calls() {
    let mut t = Trainer::with_options(5, Options { encoder: vec![64, 32], latent: 2, ..Options::vae() }).unwrap();
    // Keras get_weights(): 64x64+64, 64x32+32, z_mean 32x2+2, z_log_var 32x2+2, 2x32+32, 32x64+64, 64x64+64.
    let want = 64 * 64 + 64 + 64 * 32 + 32 + 2 * (32 * 2 + 2) + 2 * 32 + 32 + 32 * 64 + 64 + 64 * 64 + 64;
    assert_eq!((t.n_params(), t.weights().len(), t.latent()), (want, want, 2));
    let d = t.net().layout.log_var.unwrap();
    assert_eq!((d.kernel, d.fan_in, d.fan_out), (64 * 64 + 64 + 64 * 32 + 32 + 32 * 2 + 2, 32, 2));
    let x = tinyae::data::four();
    let x3: Vec<f32> = x.iter().chain(&x).chain(&x).copied().collect();
    assert_eq!((t.encode(&x3).unwrap().len(), t.encode_log_var(&x3).unwrap().len()), (6, 6));
    assert_eq!(t.decode(&[0.0, 1.0]).unwrap().len(), 64);
    // reconstruct decodes the means.
    assert_eq!(t.reconstruct(&x).unwrap(), t.decode(&t.encode(&x).unwrap()).unwrap());
    let (a, b) = (t.sample(4).unwrap(), t.sample(4).unwrap());
    assert_eq!(a.len(), 256);
    assert_ne!(a, b, "each sample call draws anew");
    let again = Trainer::with_options(5, t.options().clone()).unwrap().sample(4).unwrap();
    assert_eq!(again, a, "the seed fixes the samples");
    assert!(t.sample(0).unwrap_err().0.contains("n must be"));
    assert!(t.sample(10_001).unwrap_err().0.contains("10000"));
    // Sampling leaves training's stream alone.
    let mut u = Trainer::with_options(5, t.options().clone()).unwrap();
    t.train(3).unwrap();
    u.train(3).unwrap();
    assert_eq!(t.weights(), u.weights());
    // Evaluation is repeatable, its parts add up, and beta weighs the KL term.
    let terms = t.loss_terms();
    assert_eq!(terms, t.loss_terms());
    assert_eq!(terms, t.evaluate_terms(&x).unwrap(), "one image: the data set's loss");
    assert_eq!((terms.penalty, terms.total()), (terms.kl, terms.reconstruction + terms.kl));
    assert!(terms.kl > 0.0 && terms.reconstruction > 0.0);
    let mut classic = Trainer::new(5).unwrap();
    assert!(classic.sample(1).is_err_and(|e| e.0.contains("sample needs a variational model")));
    assert!(classic.encode_log_var(&x).unwrap_err().0.contains("variational"));
    assert_eq!(classic.loss_terms().kl, 0.0);
    // Knock-outs walk one chain of layers, which a variational net is not: refused, not wrong.
    for e in [t.activations(&x, &[]).unwrap_err(), t.evaluate_terms_without(&x, &[]).unwrap_err()] {
        assert!(e.0.contains("off") && e.0.contains("variational"), "{}", e.0);
    }
}

#[test]
fn a_diverging_step_is_undone() {
    let mut t = Trainer::with_options(3, Options { learning_rate: Some(1e6), ..Options::vae() }).unwrap();
    for _ in 0..20 {
        let (weights, step) = (t.weights().to_vec(), t.step());
        if let Err(e) = t.train(50) {
            assert!(e.0.contains("diverged"), "{}", e.0);
            assert_eq!((t.weights(), t.step()), (&weights[..], step), "the failed call changed the model");
            return;
        }
    }
    panic!("a learning rate of 1e6 should diverge");
}
