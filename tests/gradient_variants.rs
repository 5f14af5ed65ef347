//! The backward pass of every option against finite differences of an independent float64
//! forward pass: each activation, both losses (and a linear output), the L1 activity term, and
//! a noisy input reconstructed against a clean target; and inputs of other widths than 64 (5 and
//! 300 values, a linear output with negative values).

mod common;

use common::{act64, uniform};
use tinyae::kernels::Act;
use tinyae::network::{Loss, Net, Workspace};
use tinyae::options::Options;
use tinyae::rng::Rng;

/// (loss, the closest any ReLU pre-activation or L1'd latent value comes to its kink at 0).
fn reference(net: &Net, params: &[f64], x: &[f64], target: &[f64], n: usize) -> (f64, f64) {
    let mut a = x.to_vec();
    let mut kink = f64::INFINITY;
    let mut penalty = 0.0;
    let last = net.layout.layers() - 1;
    let mut logits = Vec::new();
    for (l, d) in net.layout.dense.iter().enumerate() {
        let mut out = vec![0.0; n * d.fan_out];
        for i in 0..n {
            for j in 0..d.fan_out {
                let mut s = params[d.bias + j];
                for p in 0..d.fan_in {
                    s += a[i * d.fan_in + p] * params[d.kernel + p * d.fan_out + j];
                }
                if net.acts[l] == Act::Relu {
                    kink = kink.min(s.abs());
                }
                out[i * d.fan_out + j] = s;
            }
        }
        if l == last {
            logits = out.clone();
        }
        a = out.into_iter().map(|s| act64(net.acts[l], s)).collect();
        if l + 1 == net.layout.encoder && net.l1 > 0.0 {
            kink = a.iter().fold(kink, |k, z| if *z == 0.0 { k } else { k.min(z.abs()) });
            penalty = net.l1 as f64 * a.iter().map(|z| z.abs()).sum::<f64>() / n as f64;
        }
    }
    let count = a.len() as f64;
    let reconstruction = match net.loss {
        Loss::Mse => a.iter().zip(target).map(|(y, x)| (y - x) * (y - x)).sum::<f64>() / count,
        Loss::BinaryCrossentropy => {
            logits.iter().zip(target).map(|(&z, &x)| z.max(0.0) - z * x + (-z.abs()).exp().ln_1p()).sum::<f64>() / count
        }
    };
    (reconstruction + penalty, kink)
}

fn check(name: &str, options: Options, noisy: bool) {
    let net = options.resolve().unwrap().net();
    let n = 3;
    let mut rng = Rng::new(77);
    let params32 = uniform(&mut rng, net.layout.n_params, -0.6, 0.6);
    let values = n * net.layout.input();
    // A linear output reconstructs any value: its targets reach below 0 and above 1.
    let (lo, hi) = if net.acts[net.layout.layers() - 1] == Act::Linear { (-2.0, 2.0) } else { (0.0, 1.0) };
    let target32 = uniform(&mut rng, values, lo, hi);
    let x32 = if noisy { uniform(&mut rng, values, lo, hi) } else { target32.clone() };
    let to64 = |v: &[f32]| v.iter().map(|&v| v as f64).collect::<Vec<f64>>();
    let (params, x, target) = (to64(&params32), to64(&x32), to64(&target32));
    let mut ws = Workspace::for_net(&net, n);
    let terms = net.gradients(&params32, &x32, &target32, n, &mut ws);
    let (want, kink) = reference(&net, &params, &x, &target, n);
    assert!((terms.total() as f64 - want).abs() < 1e-5 * want.max(1e-3), "{name}: loss {terms:?} vs {want}");
    let h = 1e-6;
    assert!(kink > 1e3 * h, "{name}: a value is {kink} from a kink: pick another seed");
    let mut probe = params.clone();
    let numeric: Vec<f64> = (0..params.len())
        .map(|i| {
            probe[i] = params[i] + h;
            let up = reference(&net, &probe, &x, &target, n).0;
            probe[i] = params[i] - h;
            let down = reference(&net, &probe, &x, &target, n).0;
            probe[i] = params[i];
            (up - down) / (2.0 * h)
        })
        .collect();
    for d in &net.layout.dense {
        for range in [d.kernel..d.bias, d.bias..d.end()] {
            let scale = numeric[range.clone()].iter().fold(1e-12f64, |m, v| m.max(v.abs()));
            for i in range {
                let err = (ws.grads[i] as f64 - numeric[i]).abs() / scale;
                assert!(err < 1e-4, "{name}: parameter {i}: analytic {} vs numeric {}", ws.grads[i], numeric[i]);
            }
        }
    }
    let live = numeric.iter().filter(|g| g.abs() > 1e-9).count();
    assert!(live > numeric.len() / 2, "{name}: only {live} live gradients");
}

fn small(act: Act) -> Options {
    Options {
        encoder: vec![5],
        latent: 3,
        decoder: Some(vec![6]),
        activation: act,
        latent_activation: act,
        ..Options::default()
    }
}

#[test]
fn every_activation() {
    for act in [Act::Relu, Act::Tanh, Act::Sigmoid, Act::Linear, Act::Elu] {
        check(&format!("{act:?}"), small(act), false);
    }
}

#[test]
fn both_losses_and_a_linear_output() {
    check("bce", Options { loss: Loss::BinaryCrossentropy, ..small(Act::Tanh) }, false);
    check("linear output", Options { output: Act::Linear, ..small(Act::Elu) }, false);
    check(
        "deep, no hidden decoder",
        Options { encoder: vec![7, 5, 4], decoder: Some(vec![]), ..small(Act::Tanh) },
        false,
    );
}

#[test]
fn l1_penalty_and_noisy_inputs() {
    check("l1 tanh latent", Options { l1: 0.05, ..small(Act::Tanh) }, false);
    check("l1 relu latent", Options { l1: 0.05, latent_activation: Act::Relu, ..small(Act::Elu) }, false);
    check("noisy input, clean target", Options { loss: Loss::BinaryCrossentropy, ..small(Act::Sigmoid) }, true);
}

#[test]
fn inputs_of_other_widths() {
    for input in [5, 300] {
        check(&format!("input {input}"), Options { input, ..small(Act::Tanh) }, false);
        check(
            &format!("input {input}, bce"),
            Options { input, loss: Loss::BinaryCrossentropy, ..small(Act::Elu) },
            false,
        );
        let linear = Options { input, output: Act::Linear, encoder: vec![7, 4], ..small(Act::Sigmoid) };
        check(&format!("input {input}, linear output, values in [-2, 2)"), linear, true);
    }
}
