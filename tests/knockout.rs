//! Knock-outs (`Trainer::activations` / `evaluate_terms_without`): a unit held at 0 must give
//! exactly the network whose weights out of that unit are 0, every layer's outputs must be the
//! ones `encode` and `reconstruct` give, and nothing about the model may change.

use tinyae::kernels::Act;
use tinyae::{Options, Trainer};

fn deep() -> Trainer {
    let options = Options {
        encoder: vec![12, 8],
        latent: 3,
        decoder: Some(vec![6]),
        activation: Act::Tanh,
        ..Options::default()
    };
    let mut t = Trainer::with_options(7, options).unwrap();
    t.train(50).unwrap();
    t
}

fn images() -> Vec<f32> {
    (0..3 * 64).map(|i| ((i * 37) % 11) as f32 / 10.0).collect()
}

#[test]
fn without_knock_outs_the_layers_are_encode_and_reconstruct() {
    let t = deep();
    let x = images();
    let acts = t.activations(&x, &[]).unwrap();
    // Layers 64 -> 12 -> 8 -> 3 -> 6 -> 64, three images each: the latent starts after 12 + 8.
    let widths = [12, 8, 3, 6, 64];
    assert_eq!(acts.len(), 3 * widths.iter().sum::<usize>());
    let latent = &acts[3 * 20..3 * 23];
    assert_eq!(latent, &t.encode(&x).unwrap()[..]);
    assert_eq!(&acts[acts.len() - 3 * 64..], &t.reconstruct(&x).unwrap()[..]);
    assert_eq!(t.evaluate_terms_without(&x, &[]).unwrap(), t.evaluate_terms(&x).unwrap());
}

#[test]
fn a_knocked_out_unit_is_the_network_without_its_outgoing_weights() {
    let t = deep();
    let x = images();
    let before = t.weights().to_vec();
    // Unit 5 of the first hidden layer and latent unit 2 (index 12 + 8 + 1).
    let mut off = vec![false; 12 + 8 + 3 + 6];
    off[4] = true;
    off[21] = true;
    let acts = t.activations(&x, &off).unwrap();
    let terms = t.evaluate_terms_without(&x, &off).unwrap();
    assert_eq!(t.weights(), &before[..], "a knock-out changes no weight");
    for image in 0..3 {
        assert_eq!(acts[image * 12 + 4], 0.0);
        assert_eq!(acts[3 * 20 + image * 3 + 1], 0.0);
    }

    // The same network with those units' outgoing kernel rows zeroed: layer 1's kernel is
    // [12][8] after layer 0's 64*12 + 12; layer 3's is [3][6] after layers 0..3.
    let mut cut = before.clone();
    let k1 = 64 * 12 + 12;
    cut[k1 + 4 * 8..k1 + 5 * 8].fill(0.0);
    let k3 = k1 + 12 * 8 + 8 + 8 * 3 + 3;
    cut[k3 + 6..k3 + 12].fill(0.0);
    let mut zeroed = deep();
    zeroed.set_weights(&cut).unwrap();
    let expected = zeroed.reconstruct(&x).unwrap();
    assert_eq!(&acts[acts.len() - 3 * 64..], &expected[..]);
    assert_eq!(terms, zeroed.evaluate_terms(&x).unwrap());
    assert_ne!(expected, t.reconstruct(&x).unwrap(), "the units did contribute");
}

#[test]
fn a_mask_of_the_wrong_length_is_refused_by_name() {
    let t = deep();
    let err = t.activations(&images(), &[true; 5]).unwrap_err();
    assert!(err.to_string().contains("off must hold one flag per hidden and latent unit (29"), "{err}");
}
