//! Checkpoints as bytes (src/trainer/resume_bytes.rs, the JS API's `checkpoint()` /
//! `from_checkpoint`): every option set, mid-epoch, resumes to the bit; and any other bytes are
//! refused by name, never a panic.

mod common;

use common::resume::{option_sets, same_from_here, trained};
use tinyae::options::{Noise, Options};
use tinyae::trainer::Checkpoint;
use tinyae::Trainer;

/// `t` through bytes and back.
fn through_bytes(t: &Trainer) -> Trainer {
    let bytes = t.checkpoint().to_bytes();
    let c = Checkpoint::from_bytes(&bytes).unwrap();
    assert_eq!(c, t.checkpoint(), "the bytes hold the checkpoint exactly");
    Trainer::from_checkpoint(c).unwrap()
}

#[test]
fn a_checkpoint_in_bytes_resumes_to_the_bit() {
    let x = common::digits().0[..40 * 64].to_vec();
    let vae = Options { encoder: vec![32], latent: 2, noise: Some(Noise::Gaussian(0.1)), ..Options::vae() };
    for options in option_sets().into_iter().chain([vae]) {
        // 13 steps of 8 out of 40 images: mid-epoch, so the epoch's order must carry.
        let mut a = trained(options, &x, 8, 13);
        let mut b = through_bytes(&a);
        b.set_data(&x).unwrap();
        same_from_here(&mut a, &mut b, 100);
    }
    // The classic model on the '4', the data a new model starts with: no set_data needed.
    let mut a = Trainer::new(78).unwrap();
    a.train(250).unwrap();
    let mut b = through_bytes(&a);
    same_from_here(&mut a, &mut b, 100);
}

#[test]
fn a_restored_model_waiting_for_its_data_checkpoints_its_place() {
    let x = common::digits().0[..40 * 64].to_vec();
    let mut a = trained(Options::default(), &x, 8, 13);
    // b has not seen its data yet: its checkpoint must still hold a's place in the epoch.
    let mut c = through_bytes(&through_bytes(&a));
    c.set_data(&x).unwrap();
    same_from_here(&mut a, &mut c, 100);
}

#[test]
fn other_bytes_are_refused_by_name() {
    let t = trained(Options::default(), &common::digits().0[..16 * 64], 8, 3);
    let bytes = t.checkpoint().to_bytes();
    let refusal = |b: &[u8]| Checkpoint::from_bytes(b).map(|_| ()).unwrap_err().0;
    // Every cut short, from nothing to one byte less: refused, never a panic.
    for n in 0..bytes.len() {
        let message = refusal(&bytes[..n]);
        assert!(message.starts_with("checkpoint"), "{n} bytes: {message}");
    }
    assert!(refusal(b"PK\x03\x04 a zip").contains("the bytes checkpoint() returns"));
    let mut longer = bytes.clone();
    longer.push(0);
    let n = bytes.len();
    assert_eq!(
        refusal(&longer),
        format!("checkpoint is damaged: {} bytes, not as checkpoint() writes them from byte {n}", n + 1)
    );
    // The activation's code (relu, 1), after the header (8), seven u64s and four u32s.
    let at = 8 + 7 * 8 + 4 * 4;
    assert_eq!(bytes[at], 1);
    let mut recoded = bytes.clone();
    recoded[at] = 9;
    assert!(refusal(&recoded).ends_with(&format!("from byte {at}")), "{}", refusal(&recoded));
    // Well-formed bytes whose parts do not fit together: refused when the model is made.
    let mut c = t.checkpoint();
    c.slots.pop();
    let message = Trainer::from_checkpoint(c).unwrap_err().0;
    assert_eq!(message, "the optimizer's state must be 2 arrays of 2276 finite numbers, as adam keeps it");
    let mut c = t.checkpoint();
    c.params.pop();
    assert!(Trainer::from_checkpoint(c).is_err());
    let mut c = t.checkpoint();
    c.slots[1][5] = f32::NAN;
    assert!(Trainer::from_checkpoint(c).unwrap_err().0.contains("finite numbers"));
}
