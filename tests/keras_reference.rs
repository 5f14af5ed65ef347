//! Training matches the independent NumPy reference of the Keras math
//! (`tests/reference/keras_reference.py`) step by step, from the same initial weights.

mod common;

use common::Fixture;
use tinyae::Trainer;

fn check(fixture: &str, loss_tolerance: f32, weight_tolerance: f32) {
    let f = Fixture::parse(fixture);
    let n = f.int("n") as usize;
    let mut t = Trainer::new(0).unwrap();
    t.set_data(&f.floats("data")).unwrap();
    t.set_batch_size(n).unwrap(); // one batch is the whole data set, as in the reference
    t.set_weights(&f.floats("init")).unwrap();
    let want = f.floats("loss");
    assert_eq!(want.len() as u64, f.int("steps"));
    for (step, want) in want.iter().enumerate() {
        let got = t.train(1).unwrap();
        assert!((got - want).abs() <= loss_tolerance * want, "step {}: loss {got} vs {want}", step + 1);
    }
    let worst = t.weights().iter().zip(f.floats("final")).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    assert!(worst <= weight_tolerance, "final weights differ by up to {worst}");
}

#[test]
fn classic_four_300_steps() {
    check(include_str!("fixtures/classic.txt"), 5e-5, 1e-5);
}

#[test]
fn eight_digits_200_steps() {
    check(include_str!("fixtures/digits8.txt"), 5e-5, 1e-5);
}
