//! The eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, in f64.
//!
//! Jacobi is slow for big matrices but simple, needs no crate, and is accurate: for PCA's 64x64
//! covariance it takes a few milliseconds and ~6-10 sweeps (convergence is quadratic), and it
//! is the Rayleigh-Ritz step of `subspace` on up to 128 x 128 projections.

/// Eigenvalues and unit eigenvectors of a symmetric matrix, largest eigenvalue first.
#[derive(Clone, Debug)]
pub struct Eigen {
    /// The n eigenvalues, in descending order.
    pub values: Vec<f64>,
    /// The n eigenvectors as the rows of an n x n row-major matrix: row i goes with `values[i]`.
    pub vectors: Vec<f64>,
    /// Sweeps that rotated anything (the last sweep, which finds nothing left to do, is not
    /// counted); a diagonal matrix takes 0.
    pub sweeps: usize,
}

/// The sweep limit: far above what convergence needs (quadratic), so reaching it means the
/// input was not a finite symmetric matrix, and the result is whatever the rotations reached.
pub const MAX_SWEEPS: usize = 50;

/// Eigen-decomposes the symmetric n x n row-major matrix `a`, reading only its upper triangle.
///
/// Panics if `a` does not hold n*n values. Values equal within rounding may come out in either
/// order, and eigenvectors are unique only up to sign (and, for repeated values, rotation):
/// callers that need a convention impose it.
pub fn symmetric_eigen(a: &[f64], n: usize) -> Eigen {
    // assert!, not assert_eq!: its message is enough, and assert_eq!'s formatting of the two
    // values would cost the wasm builds code of their own.
    assert!(a.len() == n * n, "symmetric_eigen: a must hold n*n values");
    // The full matrix, mirrored from the upper triangle, so rows p and q are both contiguous
    // when rotated; vt holds the eigenvectors as rows for the same reason.
    let mut m = vec![0.0; n * n];
    for p in 0..n {
        for q in p..n {
            m[p * n + q] = a[p * n + q];
            m[q * n + p] = a[p * n + q];
        }
    }
    let mut vt = vec![0.0; n * n];
    for p in 0..n {
        vt[p * n + p] = 1.0;
    }
    let mut sweeps = 0;
    while sweeps < MAX_SWEEPS {
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let apq = m[p * n + q];
                // The relative test (Demmel & Veselic) stops once apq cannot move the diagonal
                // by a rounding error: it ends the loop exactly, and keeps small eigenvalues
                // accurate where an absolute threshold would leave them at the noise floor.
                if apq.abs() <= f64::EPSILON * (m[p * n + p] * m[q * n + q]).abs().sqrt() {
                    continue;
                }
                rotate(&mut m, &mut vt, n, p, q);
                rotated = true;
            }
        }
        if !rotated {
            break;
        }
        sweeps += 1;
    }
    // Insertion sort, descending and stable: n <= 128 here, and the library's sort costs 5 KB of wasm.
    let mut order: Vec<usize> = (0..n).collect();
    for k in 1..n {
        let mut at = k;
        while at > 0 && m[order[at - 1] * (n + 1)].total_cmp(&m[order[at] * (n + 1)]).is_lt() {
            order.swap(at - 1, at);
            at -= 1;
        }
    }
    let values = order.iter().map(|&i| m[i * n + i]).collect();
    let vectors = order.iter().flat_map(|&i| vt[i * n..(i + 1) * n].iter().copied()).collect();
    Eigen { values, vectors, sweeps }
}

/// One Jacobi rotation in the (p, q) plane, p < q, that zeroes m[p][q] (Numerical Recipes'
/// form: the smaller of the two angles that do, so the rotation stays within 45 degrees).
fn rotate(m: &mut [f64], vt: &mut [f64], n: usize, p: usize, q: usize) {
    let (app, aqq, apq) = (m[p * n + p], m[q * n + q], m[p * n + q]);
    let theta = (aqq - app) / (2.0 * apq);
    // sqrt, not hypot: hypot is the platform's libm (glibc natively, a port in wasm), which
    // may round differently. Past 1e150 theta^2 would overflow, and t is 1/(2 theta) there.
    let t =
        if theta.abs() > 1e150 { 0.5 / theta } else { theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt()) };
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    // J^T M touches only rows p and q, and symmetry gives columns p and q from them: two
    // contiguous rows to rotate (which vectorises) instead of four scattered lines.
    let (head, tail) = m.split_at_mut(q * n);
    givens(&mut head[p * n..(p + 1) * n], &mut tail[..n], c, s);
    for k in 0..n {
        m[k * n + p] = m[p * n + k];
        m[k * n + q] = m[q * n + k];
    }
    // The 2x2 block at (p, q) is fixed last, overwriting what the row rotation left there; the
    // diagonal moves by t*apq, which is exact where app + s*(...) would cancel.
    m[p * n + p] = app - t * apq;
    m[q * n + q] = aqq + t * apq;
    m[p * n + q] = 0.0;
    m[q * n + p] = 0.0;
    let (head, tail) = vt.split_at_mut(q * n);
    givens(&mut head[p * n..(p + 1) * n], &mut tail[..n], c, s);
}

/// Rotates the pairs (x[k], y[k]) by the Givens rotation [[c, -s], [s, c]].
fn givens(x: &mut [f64], y: &mut [f64], c: f64, s: f64) {
    for (a, b) in x.iter_mut().zip(y.iter_mut()) {
        let (u, v) = (*a, *b);
        *a = c * u - s * v;
        *b = s * u + c * v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// A random symmetric n x n matrix with entries in [-1, 1).
    fn random_symmetric(rng: &mut Rng, n: usize) -> Vec<f64> {
        let mut a = vec![0.0; n * n];
        for p in 0..n {
            for q in p..n {
                let v = 2.0 * rng.unit_f32() as f64 - 1.0;
                a[p * n + q] = v;
                a[q * n + p] = v;
            }
        }
        a
    }

    /// The largest |entry| of V V^T - I and of V^T diag(values) V - A (relative to max |A|).
    fn errors(a: &[f64], e: &Eigen, n: usize) -> (f64, f64) {
        let v = &e.vectors;
        let scale = a.iter().fold(f64::MIN_POSITIVE, |s, x| s.max(x.abs()));
        let (mut orthogonality, mut reconstruction) = (0.0f64, 0.0f64);
        for i in 0..n {
            for j in 0..n {
                let dot: f64 = (0..n).map(|k| v[i * n + k] * v[j * n + k]).sum();
                orthogonality = orthogonality.max((dot - if i == j { 1.0 } else { 0.0 }).abs());
                let back: f64 = (0..n).map(|k| v[k * n + i] * e.values[k] * v[k * n + j]).sum();
                reconstruction = reconstruction.max((back - a[i * n + j]).abs() / scale);
            }
        }
        (orthogonality, reconstruction)
    }

    #[test]
    fn a_known_3x3() {
        // [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]: eigenvalues 2 + sqrt 2, 2, 2 - sqrt 2, with
        // eigenvectors (1, -sqrt 2, 1)/2, (1, 0, -1)/sqrt 2, (1, sqrt 2, 1)/2 up to sign.
        let a = [2.0, -1.0, 0.0, -1.0, 2.0, -1.0, 0.0, -1.0, 2.0];
        let e = symmetric_eigen(&a, 3);
        let r2 = 2f64.sqrt();
        let want_values = [2.0 + r2, 2.0, 2.0 - r2];
        let want_vectors = [[0.5, -r2 / 2.0, 0.5], [r2 / 2.0, 0.0, -r2 / 2.0], [0.5, r2 / 2.0, 0.5]];
        for i in 0..3 {
            assert!((e.values[i] - want_values[i]).abs() < 1e-14, "value {i}: {:?}", e.values);
            let got = &e.vectors[i * 3..i * 3 + 3];
            let sign = if got.iter().zip(&want_vectors[i]).map(|(g, w)| g * w).sum::<f64>() < 0.0 { -1.0 } else { 1.0 };
            for (g, w) in got.iter().zip(&want_vectors[i]) {
                assert!((sign * g - w).abs() < 1e-14, "vector {i}: {got:?}");
            }
        }
        assert!(e.sweeps <= 4, "{} sweeps", e.sweeps);
    }

    #[test]
    fn a_2x2_rotation_and_a_diagonal_matrix() {
        // [[0, 1], [1, 0]] needs exactly one 45-degree rotation.
        let e = symmetric_eigen(&[0.0, 1.0, 1.0, 0.0], 2);
        assert_eq!(e.values, vec![1.0, -1.0]);
        assert_eq!(e.sweeps, 1);
        let h = 0.5f64.sqrt();
        assert!(e.vectors.iter().zip([h, h, -h, h]).all(|(g, w)| (g.abs() - w.abs()).abs() < 1e-15));
        // A diagonal matrix is already done: sorted, unit vectors, no sweep.
        let e = symmetric_eigen(&[1.0, 0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, -2.0], 3);
        assert_eq!(e.values, vec![3.0, 1.0, -2.0]);
        assert_eq!(e.vectors, vec![0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(e.sweeps, 0);
        // Empty and zero matrices are fine too.
        assert!(symmetric_eigen(&[], 0).values.is_empty());
        assert_eq!(symmetric_eigen(&[0.0; 4], 2).values, vec![0.0, 0.0]);
    }

    #[test]
    fn only_the_upper_triangle_is_read() {
        let upper = [4.0, 1.0, 2.0, f64::NAN, 3.0, 0.5, f64::NAN, f64::NAN, 1.0];
        let full = [4.0, 1.0, 2.0, 1.0, 3.0, 0.5, 2.0, 0.5, 1.0];
        let (a, b) = (symmetric_eigen(&upper, 3), symmetric_eigen(&full, 3));
        assert_eq!(a.values, b.values);
        assert_eq!(a.vectors, b.vectors);
    }

    #[test]
    fn random_matrices_are_orthogonal_and_reconstruct() {
        let mut rng = Rng::new(9);
        for n in [1, 2, 3, 5, 8, 17, 64] {
            let a = random_symmetric(&mut rng, n);
            let e = symmetric_eigen(&a, n);
            let (orthogonality, reconstruction) = errors(&a, &e, n);
            assert!(orthogonality < 1e-13, "n={n}: V V^T - I up to {orthogonality}");
            assert!(reconstruction < 1e-13, "n={n}: V^T L V - A up to {reconstruction}");
            assert!(e.values.windows(2).all(|w| w[0] >= w[1]), "n={n}: not sorted");
            assert!(e.sweeps <= 12, "n={n}: {} sweeps", e.sweeps);
        }
    }

    #[test]
    fn rank_deficient_and_repeated_eigenvalues() {
        // B B^T with B 12x3: rank 3, nine zero eigenvalues that rounding makes tiny, not zero.
        let mut rng = Rng::new(4);
        let n = 12;
        let b: Vec<f64> = (0..n * 3).map(|_| rng.unit_f32() as f64 - 0.5).collect();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] = (0..3).map(|k| b[i * 3 + k] * b[j * 3 + k]).sum();
            }
        }
        let e = symmetric_eigen(&a, n);
        let (orthogonality, reconstruction) = errors(&a, &e, n);
        assert!(orthogonality < 1e-13 && reconstruction < 1e-13, "{orthogonality} {reconstruction}");
        assert!(e.values[2] > 1e-3 && e.values[3..].iter().all(|v| v.abs() < 1e-14), "{:?}", e.values);
        assert!(e.sweeps < 12, "{} sweeps", e.sweeps);
        // 2 I + (ones): eigenvalues n + 2 once and 2 (n - 1 times).
        let a: Vec<f64> = (0..n * n).map(|i| if i / n == i % n { 3.0 } else { 1.0 }).collect();
        let e = symmetric_eigen(&a, n);
        assert!((e.values[0] - (n as f64 + 2.0)).abs() < 1e-13);
        assert!(e.values[1..].iter().all(|v| (v - 2.0).abs() < 1e-13), "{:?}", e.values);
        let (orthogonality, reconstruction) = errors(&a, &e, n);
        assert!(orthogonality < 1e-13 && reconstruction < 1e-13, "{orthogonality} {reconstruction}");
    }
}
