//! Native figures for the kernels on the model's own shapes: every Dense layer's forward
//! matmul and activation (batch 1 and 32), the backward matmuls of a 32-image batch, and Adam on
//! all 2276 parameters. Throughput is in FLOPs (2 per multiply-add), so "elem/s" reads as FLOP/s.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use tinyae::kernels::{fast, Act, AdamStep, Strided};
use tinyae::layout::{DIMS, N_PARAMS};

/// Deterministic values in [-1, 1): the kernels' speed does not depend on them.
fn values(len: usize, salt: u32) -> Vec<f32> {
    (0..len as u32).map(|i| ((i.wrapping_mul(2_654_435_761) ^ salt) % 2001) as f32 / 1000.0 - 1.0).collect()
}

fn matmul(c: &mut Criterion) {
    let mut group = c.benchmark_group("matmul");
    for l in 0..4 {
        let (k, m) = (DIMS[l], DIMS[l + 1]);
        let act = if l == 3 { Act::Sigmoid } else { Act::Relu };
        let (w, bias) = (values(k * m, 1), values(m, 2));
        for n in [1, 32] {
            let x = values(n * k, 3);
            let mut out = vec![0.0; n * m];
            group.throughput(Throughput::Elements((2 * n * k * m) as u64));
            group.bench_function(BenchmarkId::new(format!("forward_L{}", l + 1), format!("{n}x{k}x{m}")), |b| {
                b.iter(|| {
                    fast::matmul(&mut out, Strided::rows(black_box(&x), k), &w, Some(&bias), n, k, m);
                    fast::activate(&mut out, act);
                })
            });
        }
        // Backward on a 32-image batch: dW = input^T * delta (input read transposed), and,
        // past the first layer, d(input) = delta * W^T (W^T materialised, as network.rs does).
        let n = 32;
        let (input, delta, w_t) = (values(n * k, 4), values(n * m, 5), values(m * k, 6));
        let mut dw = vec![0.0; k * m];
        group.throughput(Throughput::Elements((2 * n * k * m) as u64));
        group.bench_function(BenchmarkId::new(format!("dW_L{}", l + 1), format!("{k}x{n}x{m}")), |b| {
            b.iter(|| fast::matmul(&mut dw, Strided::transposed(black_box(&input), k), &delta, None, k, n, m))
        });
        if l > 0 {
            let mut dx = vec![0.0; n * k];
            group.bench_function(BenchmarkId::new(format!("dX_L{}", l + 1), format!("{n}x{m}x{k}")), |b| {
                b.iter(|| fast::matmul(&mut dx, Strided::rows(black_box(&delta), m), &w_t, None, n, m, k))
            });
        }
    }
    group.finish();
}

fn adam(c: &mut Criterion) {
    let (mut w, g) = (values(N_PARAMS, 7), values(N_PARAMS, 8));
    let (mut m, mut v) = (vec![0.0; N_PARAMS], vec![0.0; N_PARAMS]);
    let step = AdamStep { alpha: 1e-3, one_minus_beta1: 0.1, one_minus_beta2: 0.001, epsilon: 1e-7 };
    let mut group = c.benchmark_group("adam");
    group.throughput(Throughput::Elements(N_PARAMS as u64));
    group.bench_function("2276_params", |b| b.iter(|| fast::adam(&mut w, black_box(&g), &mut m, &mut v, step)));
    group.finish();
}

fn config() -> Criterion {
    // Short runs: each of these takes microseconds, and the machine is shared.
    Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2))
}

criterion_group! { name = benches; config = config(); targets = matmul, adam }
criterion_main!(benches);
