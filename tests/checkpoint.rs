//! Checkpoints as bytes (src/trainer/resume_bytes.rs, the JS API's `checkpoint()` /
//! `from_checkpoint`) and as the parts the builds the pages load `resume` from
//! (src/trainer/resume.rs): every option set, mid-epoch, resumes to the bit; any other bytes,
//! and parts that do not fit, are refused by name, never a panic, the model unchanged.

mod common;

use common::resume::{option_sets, same_from_here, trained};
use tinyae::options::{Noise, Options};
use tinyae::trainer::{Checkpoint, Position};
use tinyae::Trainer;

/// `t` through bytes and back.
fn through_bytes(t: &Trainer) -> Trainer {
    let bytes = t.checkpoint_bytes();
    assert_eq!(bytes, t.checkpoint().to_bytes(), "written from the model as from its checkpoint");
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

/// `t` as the builds the pages load take a checkpoint: a model of its seed and options, then
/// `resume` with its weights, slots and the position's words (what `checkpoint_parts()` gives).
fn through_parts(t: &Trainer) -> Trainer {
    let c = t.checkpoint();
    let (iterations, position) = Position::from_words(&c.position.to_words(c.iterations)).unwrap();
    assert_eq!((iterations, &position), (c.iterations, &c.position), "the words hold the position exactly");
    let mut b = Trainer::with_options(c.seed, c.options.clone()).unwrap();
    b.resume(c.params, iterations, c.slots, position).unwrap();
    assert_eq!(b.checkpoint(), t.checkpoint());
    b
}

#[test]
fn a_model_resumed_from_a_checkpoints_parts_trains_on_to_the_bit() {
    let x = common::digits().0[..40 * 64].to_vec();
    let vae = Options { encoder: vec![32], latent: 2, noise: Some(Noise::Gaussian(0.1)), ..Options::vae() };
    for options in option_sets().into_iter().chain([vae]) {
        let mut a = trained(options, &x, 8, 13);
        let mut b = through_parts(&a);
        b.set_data(&x).unwrap();
        same_from_here(&mut a, &mut b, 100);
    }
    // A model that trained already takes the checkpoint's state whole: nothing of its own stays.
    let mut a = Trainer::new(78).unwrap();
    a.train(250).unwrap();
    let c = a.checkpoint();
    let mut b = Trainer::new(78).unwrap();
    b.set_batch_size(3).unwrap();
    b.train(40).unwrap();
    b.resume(c.params, c.iterations, c.slots, c.position).unwrap();
    same_from_here(&mut a, &mut b, 100);
}

#[test]
fn parts_that_do_not_fit_are_refused_and_the_model_is_unchanged() {
    let x = common::digits().0[..16 * 64].to_vec();
    let a = trained(Options::default(), &x, 8, 3);
    let mut b = trained(Options::default(), &x, 4, 5);
    let before = b.checkpoint();
    let words = a.checkpoint().position.to_words(7);
    assert!(Position::from_words(&words[..13]).unwrap_err().0.contains("at least 14 words, got 13"));
    let refusal = |edit: &dyn Fn(&mut tinyae::trainer::Checkpoint), b: &mut Trainer| {
        let mut c = a.checkpoint();
        edit(&mut c);
        b.resume(c.params, c.iterations, c.slots, c.position).unwrap_err().0
    };
    assert!(refusal(&|c| c.params.truncate(10), &mut b).contains("the weights hold 10 values"));
    assert!(refusal(&|c| c.params[3] = f32::INFINITY, &mut b).contains("weight 3 is not a finite number"));
    assert!(refusal(&|c| c.slots[0].push(0.0), &mut b).contains("2 arrays of 2276 finite numbers"));
    assert!(refusal(&|c| c.position.batch_size = 0, &mut b).starts_with("batch_size"));
    assert!(refusal(&|c| c.position.order[0] = c.position.order[1], &mut b).contains("not a permutation"));
    assert!(refusal(&|c| c.position.cursor = 99, &mut b).contains("cursor 99"));
    assert_eq!(b.checkpoint(), before, "every refusal left the model as it was");
}
