//! The k leading eigenpairs of a scatter matrix too wide to decompose whole (`pca` past 64
//! columns): subspace iteration with Rayleigh-Ritz (Saad, "Numerical Methods for Large
//! Eigenvalue Problems", 2nd ed., ch. 5; Halko, Martinsson & Tropp 2011, sec. 4.5).
//!
//! A basis of l = `width(k, d)` orthonormal vectors, seeded, is multiplied by S; the l x l
//! projection V^T S V goes to `jacobi`, whose eigenvalues (Ritz values) estimate S's l largest
//! and whose rotation of V estimates their vectors. The images S V, rotated the same way and
//! orthonormalised largest first, are the next basis. The k leading Ritz values converge at
//! the rate (lambda_{l+1} / lambda_i)^2 per product, so the oversampling l - k buys speed;
//! the loop stops once none of them moves by more than `TOLERANCE` of itself.
//!
//! Everything but the products with S (the f32 kernels in `scatter`) is f64 arithmetic in a
//! fixed order, so a fit is the same to the bit natively and in every wasm build.

use crate::jacobi;
use crate::rng::Rng;
use crate::scatter::Scatter;

/// The seed of the starting basis (and of any vector that replaces a dependent one).
const SEED: u64 = 0x5CA1_AB1E;

/// Converged when no leading Ritz value moved by more than this share of itself in one step:
/// five times the noise the f32 products leave in them (2e-6 on 784 columns, where they stop
/// moving), and the error left is then about as small (the leading ones converge at least
/// (lambda_{l+1} / lambda_k)^2 = 1/4 a step on the digits), far below the 1e-4 the tests ask.
const TOLERANCE: f64 = 1e-5;

/// Ritz values this small a share of the largest count as zero for the test above: rows of
/// rank below k leave noise there that never settles.
const FLOOR: f64 = 1e-12;

/// Products with S at most: far more than the data sets tried need (5-12).
pub const MAX_PRODUCTS: usize = 40;

/// The leading eigenpairs of S.
#[derive(Clone, Debug)]
pub struct Leading {
    /// The k largest eigenvalues of S, in descending order.
    pub values: Vec<f64>,
    /// Their unit eigenvectors as the rows of a k x d matrix.
    pub vectors: Vec<f64>,
    /// Products with S taken.
    pub products: usize,
}

/// The basis width for k eigenpairs of a d x d matrix: twice k, at least k + 8, at most d.
/// (On the digits upscaled to 784 columns, k = 64 took 24 products with l = 68, 8 with 96 and
/// 6 with 128; k = 16 took 10 with 24 and 6 with 32.)
pub fn width(k: usize, d: usize) -> usize {
    // A multiple of 4, the kernels' vector width: a narrower tail runs scalar.
    (2 * k).max(k + 8).next_multiple_of(4).min(d)
}

/// The `k` leading eigenpairs of the scatter matrix of the rows `x` (n x d) about `mean`
/// (d values), `k <= d`.
pub fn leading(x: &[f32], mean: &[f32], k: usize) -> Leading {
    let d = mean.len();
    let l = width(k, d);
    let scatter = Scatter::new(x, mean, l);
    let mut rng = Rng::new(SEED);
    let mut basis: Vec<f64> = (0..l * d).map(|_| 2.0 * rng.unit_f32() as f64 - 1.0).collect();
    orthonormalize(&mut basis, d, &mut rng);
    let (mut columns, mut image) = (vec![0.0f32; d * l], vec![0.0f64; d * l]);
    let mut previous: Option<Vec<f64>> = None;
    for products in 1.. {
        // The kernels take the basis as columns, d x l; S V comes back the same way.
        for (i, row) in basis.chunks_exact(d).enumerate() {
            row.iter().enumerate().for_each(|(p, &v)| columns[p * l + i] = v as f32);
        }
        scatter.apply(&columns, l, &mut image);
        let images = transpose(&image, d, l);
        let mut projection = vec![0.0f64; l * l];
        for (i, v) in basis.chunks_exact(d).enumerate() {
            for (j, sv) in images.chunks_exact(d).enumerate().skip(i) {
                projection[i * l + j] = dot(v, sv);
            }
        }
        let eigen = jacobi::symmetric_eigen(&projection, l);
        let settled = previous.is_some_and(|before| {
            let floor = FLOOR * eigen.values[0].abs();
            eigen.values[..k].iter().zip(&before).all(|(now, was)| (now - was).abs() <= TOLERANCE * now.abs() + floor)
        });
        if settled || products == MAX_PRODUCTS {
            let vectors = combine(&eigen.vectors[..k * l], &basis, d);
            return Leading { values: eigen.values[..k].to_vec(), vectors, products };
        }
        previous = Some(eigen.values[..k].to_vec());
        basis = combine(&eigen.vectors, &images, d);
        orthonormalize(&mut basis, d, &mut rng);
    }
    unreachable!("the loop returns by MAX_PRODUCTS")
}

/// The rows of `a (rows x cols)` as the rows of a cols x rows matrix.
fn transpose(a: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    let mut t = vec![0.0; rows * cols];
    for (r, row) in a.chunks_exact(cols).enumerate() {
        row.iter().enumerate().for_each(|(c, &v)| t[c * rows + r] = v);
    }
    t
}

/// `y += a x`, element by element.
#[inline(never)] // one copy for its four callers: the vectorised loop is 0.5 KB of wasm
fn axpy(y: &mut [f64], a: f64, x: &[f64]) {
    y.iter_mut().zip(x).for_each(|(y, &x)| *y += a * x);
}

/// The sum of products of two equally long slices: four running sums (of every fourth
/// product), added pairwise at the end. A fixed order, so the same bits everywhere, and four
/// independent chains of adds instead of one (the vectoriser may not reorder a single sum).
#[inline(never)] // one copy for its three callers
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut sums = [0.0f64; 4];
    let (a4, b4) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = a4.remainder().iter().zip(b4.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in a4.zip(b4) {
        for j in 0..4 {
            sums[j] += x[j] * y[j];
        }
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3]) + tail
}

/// The combinations of the rows of `rows` (each d long) whose coefficients are the rows of
/// `coefficients`: one output row of d values each.
fn combine(coefficients: &[f64], rows: &[f64], d: usize) -> Vec<f64> {
    let l = rows.len() / d;
    let mut out = vec![0.0; coefficients.len() / l * d];
    for (target, weights) in out.chunks_exact_mut(d).zip(coefficients.chunks_exact(l)) {
        for (&w, row) in weights.iter().zip(rows.chunks_exact(d)) {
            axpy(target, w, row);
        }
    }
    out
}

/// Makes the rows of `rows` (each d long, at most d of them) orthonormal in order, by modified
/// Gram-Schmidt applied twice ("twice is enough", Giraud et al. 2005). A row that loses all
/// but 1e-10 of its length is dependent on those before it: a random one takes its place.
fn orthonormalize(rows: &mut [f64], d: usize, rng: &mut Rng) {
    for i in 0..rows.len() / d {
        let (done, rest) = rows.split_at_mut(i * d);
        let row = &mut rest[..d];
        loop {
            let before = dot(row, row).sqrt();
            for _ in 0..2 {
                for q in done.chunks_exact(d) {
                    let c = dot(q, row);
                    axpy(row, -c, q);
                }
            }
            let after = dot(row, row).sqrt();
            if after > 1e-10 * before {
                row.iter_mut().for_each(|r| *r /= after);
                break;
            }
            row.iter_mut().for_each(|r| *r = 2.0 * rng.unit_f32() as f64 - 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependent_rows_are_replaced_and_all_come_out_orthonormal() {
        let d = 6;
        let mut rows = vec![0.0; 4 * d];
        rows[..d].copy_from_slice(&[1.0, 2.0, 0.0, 0.0, 0.0, 0.0]);
        rows[d..2 * d].copy_from_slice(&[2.0, 4.0, 0.0, 0.0, 0.0, 0.0]); // dependent on row 0
                                                                         // Row 2 is zero, row 3 independent.
        rows[3 * d..].copy_from_slice(&[0.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
        let first = [1.0 / 5f64.sqrt(), 2.0 / 5f64.sqrt(), 0.0, 0.0, 0.0, 0.0];
        orthonormalize(&mut rows, d, &mut Rng::new(1));
        for i in 0..4 {
            for j in 0..4 {
                let dot = dot(&rows[i * d..(i + 1) * d], &rows[j * d..(j + 1) * d]);
                assert!((dot - if i == j { 1.0 } else { 0.0 }).abs() < 1e-14, "{i} {j}: {dot}");
            }
        }
        // The first keeps its direction; the replacements are random, not zero.
        assert!(rows[..d].iter().zip(first).all(|(a, b)| (a - b).abs() < 1e-15), "{:?}", &rows[..d]);
        assert!(rows[d..3 * d].iter().filter(|v| v.abs() > 0.01).count() > 6);
    }

    #[test]
    fn the_leading_eigenpairs_of_a_known_spectrum() {
        // Rows a_i e_p scaled so S = diag(400, 300, 200, 100, 1, 1, ...): the first 4 axes.
        let (n, d) = (4, 80);
        let mut x = vec![0.0f32; 2 * n * d];
        for (p, s) in [20.0f32, 300f32.sqrt(), 200f32.sqrt(), 10.0].iter().enumerate() {
            // Two rows +-s/sqrt 2 along axis p: mean 0, scatter s^2.
            x[2 * p * d + p] = s / 2f32.sqrt();
            x[(2 * p + 1) * d + p] = -s / 2f32.sqrt();
        }
        let lead = leading(&x, &vec![0.0; d], 3);
        for (got, want) in lead.values.iter().zip([400.0, 300.0, 200.0]) {
            assert!((got - want).abs() < 1e-4 * want, "{:?}", lead.values);
        }
        for (i, v) in lead.vectors.chunks_exact(d).enumerate() {
            assert!((v[i].abs() - 1.0).abs() < 1e-6, "vector {i}: {v:?}");
        }
    }
}
