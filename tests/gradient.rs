//! The backward pass against finite differences of an independent float64 forward pass
//! (written with ndarray, sharing no code with the model), for every one of the 2276 parameters.

mod common;

use common::uniform;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use tinyae::layout::{DENSE, DIMS, N_PARAMS};
use tinyae::network::{self, Workspace};
use tinyae::rng::Rng;

/// Returns (loss, the smallest |pre-activation| of any hidden ReLU) in float64.
fn reference(params: &[f64], x: &Array2<f64>) -> (f64, f64) {
    let mut a = x.clone();
    let mut closest_kink = f64::INFINITY;
    for (l, d) in DENSE.iter().enumerate() {
        let w = ArrayView2::from_shape((d.fan_in, d.fan_out), &params[d.kernel..d.bias]).unwrap();
        let b: ArrayView1<f64> = ArrayView1::from(&params[d.bias..d.end()]);
        let z = a.dot(&w) + b;
        a = if l == DENSE.len() - 1 {
            z.mapv(|v| 1.0 / (1.0 + (-v).exp()))
        } else {
            closest_kink = z.iter().fold(closest_kink, |c, v| c.min(v.abs()));
            z.mapv(|v| v.max(0.0))
        };
    }
    let err = &a - x;
    ((&err * &err).mean().unwrap(), closest_kink)
}

#[test]
fn every_gradient_matches_finite_differences() {
    let n = 3;
    let mut rng = Rng::new(2024);
    // Non-zero biases and smooth inputs so that every unit is exercised.
    let params32 = uniform(&mut rng, N_PARAMS, -0.6, 0.6);
    let x32 = uniform(&mut rng, n * DIMS[0], 0.0, 1.0);
    let params: Vec<f64> = params32.iter().map(|&v| v as f64).collect();
    let x = Array2::from_shape_vec((n, DIMS[0]), x32.iter().map(|&v| v as f64).collect()).unwrap();

    let mut ws = Workspace::new(n);
    let loss = network::gradients(&params32, &x32, n, &mut ws);
    let (want_loss, closest_kink) = reference(&params, &x);
    assert!((loss as f64 - want_loss).abs() < 1e-6 * want_loss.max(1e-3), "loss {loss} vs {want_loss}");
    // Finite differences are only valid away from a ReLU's kink.
    let h = 1e-6;
    assert!(closest_kink > 1e3 * h, "a pre-activation is {closest_kink} from a kink: pick another seed");

    let mut numeric = Array1::<f64>::zeros(N_PARAMS);
    let mut probe = params.clone();
    for i in 0..N_PARAMS {
        probe[i] = params[i] + h;
        let up = reference(&probe, &x).0;
        probe[i] = params[i] - h;
        let down = reference(&probe, &x).0;
        probe[i] = params[i];
        numeric[i] = (up - down) / (2.0 * h);
    }
    // Each tensor's gradients against its own largest, as float32 allows.
    for d in DENSE {
        for range in [d.kernel..d.bias, d.bias..d.end()] {
            let scale = numeric.slice(ndarray::s![range.clone()]).iter().fold(1e-12f64, |m, v| m.max(v.abs()));
            for i in range {
                let err = (ws.grads[i] as f64 - numeric[i]).abs() / scale;
                assert!(
                    err < 1e-4,
                    "parameter {i}: analytic {} vs numeric {} (scale {scale})",
                    ws.grads[i],
                    numeric[i]
                );
            }
        }
    }
    assert!(numeric.iter().filter(|g| g.abs() > 1e-9).count() > N_PARAMS / 2, "most gradients should be live");
}
