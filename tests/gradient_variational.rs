//! The variational model's backward pass against finite differences of an independent float64
//! forward pass with the same fixed noise `eps`: the reconstruction term alone (beta 0), with
//! the KL term (beta 2), heads fed straight from the pixels, and a noisy input.

mod common;

use common::{act64, uniform};
use tinyae::kernels::Act;
use tinyae::network::{Net, Workspace};
use tinyae::options::Options;
use tinyae::rng::Rng;
use tinyae::variational::{gradients, Buffers};

/// `out = act(input W + b)` for the Dense at (kernel, bias) offsets; also the smallest |a| of a
/// ReLU layer (how close a kink is).
fn dense64(p: &[f64], d: tinyae::layout::Dense, input: &[f64], n: usize, act: Act, kink: &mut f64) -> Vec<f64> {
    let mut out = vec![0.0; n * d.fan_out];
    for i in 0..n {
        for j in 0..d.fan_out {
            let mut s = p[d.bias + j];
            for k in 0..d.fan_in {
                s += input[i * d.fan_in + k] * p[d.kernel + k * d.fan_out + j];
            }
            if act == Act::Relu {
                *kink = kink.min(s.abs());
            }
            out[i * d.fan_out + j] = act64(act, s);
        }
    }
    out
}

/// (reconstruction, kl, closest kink) of the VAE in float64.
fn reference(net: &Net, p: &[f64], x: &[f64], target: &[f64], eps: &[f64], n: usize) -> (f64, f64, f64) {
    let (layout, heads) = (&net.layout, net.layout.encoder - 1);
    let mut kink = f64::INFINITY;
    let mut h = x.to_vec();
    for l in 0..heads {
        h = dense64(p, layout.dense[l], &h, n, net.acts[l], &mut kink);
    }
    let mean = dense64(p, layout.dense[heads], &h, n, Act::Linear, &mut kink);
    let log_var = dense64(p, layout.log_var.unwrap(), &h, n, Act::Linear, &mut kink);
    let mut a: Vec<f64> = (0..mean.len()).map(|i| mean[i] + (0.5 * log_var[i]).exp() * eps[i]).collect();
    let last = layout.layers() - 1;
    for l in layout.encoder..last {
        a = dense64(p, layout.dense[l], &a, n, net.acts[l], &mut kink);
    }
    let logits = dense64(p, layout.dense[last], &a, n, Act::Linear, &mut kink);
    let bce: f64 = logits.iter().zip(target).map(|(&z, &t)| z.max(0.0) - z * t + (-z.abs()).exp().ln_1p()).sum();
    let kl: f64 = mean.iter().zip(&log_var).map(|(&m, &lv)| -0.5 * (1.0 + lv - m * m - lv.exp())).sum();
    (bce / n as f64, kl / n as f64, kink)
}

fn check(name: &str, options: Options, noisy: bool) {
    let net = options.resolve().unwrap().net();
    let beta = net.beta.unwrap() as f64;
    let n = 3;
    let mut rng = Rng::new(91);
    let params32 = uniform(&mut rng, net.layout.n_params, -0.6, 0.6);
    let target32 = uniform(&mut rng, n * 64, 0.0, 1.0);
    let x32 = if noisy { uniform(&mut rng, n * 64, 0.0, 1.0) } else { target32.clone() };
    let eps32 = uniform(&mut rng, n * net.layout.latent(), -2.0, 2.0);
    let to64 = |v: &[f32]| v.iter().map(|&v| v as f64).collect::<Vec<f64>>();
    let (params, x, target, eps) = (to64(&params32), to64(&x32), to64(&target32), to64(&eps32));
    let mut ws = Workspace::for_net(&net, n);
    let mut buf = Buffers::for_net(&net, n);
    buf.eps.copy_from_slice(&eps32);
    let terms = gradients(&net, &params32, &x32, &target32, n, &mut ws, &mut buf);
    let (rec, kl, kink) = reference(&net, &params, &x, &target, &eps, n);
    assert!((terms.reconstruction as f64 - rec).abs() < 1e-5 * rec, "{name}: reconstruction {terms:?} vs {rec}");
    assert!((terms.kl as f64 - kl).abs() < 1e-5 * kl.max(1e-3), "{name}: kl {terms:?} vs {kl}");
    assert_eq!(terms.penalty, beta as f32 * terms.kl, "{name}: penalty is beta kl");
    let h = 1e-6;
    assert!(kink > 1e3 * h, "{name}: a value is {kink} from a kink: pick another seed");
    let loss = |p: &[f64]| {
        let (r, k, _) = reference(&net, p, &x, &target, &eps, n);
        r + beta * k
    };
    let mut probe = params.clone();
    let numeric: Vec<f64> = (0..params.len())
        .map(|i| {
            probe[i] = params[i] + h;
            let up = loss(&probe);
            probe[i] = params[i] - h;
            let down = loss(&probe);
            probe[i] = params[i];
            (up - down) / (2.0 * h)
        })
        .collect();
    for d in net.layout.in_order() {
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

fn small(act: Act, beta: f64) -> Options {
    Options { encoder: vec![5], latent: 3, decoder: Some(vec![6]), activation: act, beta: Some(beta), ..Options::vae() }
}

#[test]
fn reconstruction_term_alone() {
    check("beta 0, tanh", small(Act::Tanh, 0.0), false);
    check("beta 0, elu", small(Act::Elu, 0.0), false);
}

#[test]
fn with_the_kl_term() {
    check("beta 2, tanh", small(Act::Tanh, 2.0), false);
    check("beta 1, relu", small(Act::Relu, 1.0), false);
    check("beta 1, deep encoder", Options { encoder: vec![7, 4], ..small(Act::Sigmoid, 1.0) }, false);
}

#[test]
fn heads_on_the_pixels_and_a_noisy_input() {
    check("no hidden layers", Options { encoder: vec![], decoder: Some(vec![]), ..small(Act::Tanh, 0.5) }, false);
    check("noisy input, clean target", small(Act::Tanh, 1.0), true);
}
