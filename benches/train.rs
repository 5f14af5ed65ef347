//! Native figures for whole training steps through `Trainer::train`: the classic '4' (batch 1,
//! the 1000 steps `npm run bench` times in wasm) and a 32-image batch. Throughput is samples.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;
use tinyae::layout::PIXELS;
use tinyae::rng::Rng;
use tinyae::Trainer;

fn train(c: &mut Criterion) {
    let mut group = c.benchmark_group("train");

    // One call of many steps, as the page and the JS bench make it: `train` snapshots the
    // state once per call, which would dominate a single tiny step.
    let mut four = Trainer::new(1).unwrap();
    group.throughput(Throughput::Elements(1000));
    group.bench_function("four_1000_steps_batch1", |b| b.iter(|| four.train(1000).unwrap()));

    // 32 images in [0, 1]: a batch of 32 is then the whole data, every step.
    let mut rng = Rng::new(2);
    let images: Vec<f32> = (0..32 * PIXELS).map(|_| rng.unit_f32()).collect();
    let mut batch = Trainer::new(1).unwrap();
    batch.set_data(&images).unwrap();
    batch.set_batch_size(32).unwrap();
    group.throughput(Throughput::Elements(100 * 32));
    group.bench_function("batch32_100_steps", |b| b.iter(|| batch.train(100).unwrap()));
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! { name = benches; config = config(); targets = train }
criterion_main!(benches);
