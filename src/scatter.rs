//! The scatter matrix S = Xc^T Xc of n centred rows of d values (the covariance times n - 1),
//! applied to a block of l vectors for `subspace`: either straight from the rows, two passes
//! over them per product, or through S itself, formed once when that costs less.
//!
//! The products run on the matmul kernels (f32, bit-identical in every build) over blocks of
//! `BLOCK` centred rows, and each block's partial sums are added up in f64: a sum runs over at
//! most `BLOCK` terms in f32, whatever n is.

use crate::kernels::{fast, Strided};

/// Rows centred and multiplied at a time: 128 x 784 values stay in a 512 KB cache.
const BLOCK: usize = 128;

/// Columns of S formed by one kernel call (its rows p0..p0 + TILE, from the diagonal right).
const TILE: usize = 64;

/// The widest rows whose S may be formed: 2048 x 2048 takes 16 MB in f32 and 32 MB while formed.
const MAX_MATRIX: usize = 2048;

/// Products with S a fit is expected to take (`subspace` stops on convergence): the cost
/// estimate that chooses between the two forms.
const EXPECTED_PRODUCTS: f64 = 6.0;

/// S, ready to multiply blocks of l vectors.
pub enum Scatter<'a> {
    /// Through the rows: S V = Xc^T (Xc V), 4 n d l multiply-adds.
    Rows {
        /// The rows, n x d row-major, not centred.
        x: &'a [f32],
        /// The mean row, subtracted from each row as it is used.
        mean: &'a [f32],
    },
    /// Through S, d x d row-major (both triangles): d^2 l multiply-adds a product.
    Matrix(Vec<f32>),
}

impl<'a> Scatter<'a> {
    /// S of the n x d rows `x` about `mean`, for products with l vectors: formed (n d^2 / 2
    /// multiply-adds once) when that and the expected products cost less than the products
    /// through the rows.
    pub fn new(x: &'a [f32], mean: &'a [f32], l: usize) -> Scatter<'a> {
        let d = mean.len();
        let (n, d64, products) = ((x.len() / d) as f64, d as f64, EXPECTED_PRODUCTS * l as f64);
        let through_rows = products * 2.0 * n * d64;
        let formed = n * d64 * d64 / 2.0 + products * d64 * d64;
        if d <= MAX_MATRIX && formed < through_rows {
            Scatter::Matrix(matrix(x, mean))
        } else {
            Scatter::Rows { x, mean }
        }
    }

    /// `z (d x l) = S v`, v d x l row-major (l vectors as columns).
    pub fn apply(&self, v: &[f32], l: usize, z: &mut [f64]) {
        let d = v.len() / l;
        match self {
            Scatter::Matrix(s) => {
                let mut product = vec![0.0f32; d * l];
                fast::matmul(&mut product, Strided::rows(s, d), v, None, d, d, l);
                z.iter_mut().zip(&product).for_each(|(z, &p)| *z = p as f64);
            }
            Scatter::Rows { x, mean } => {
                z.fill(0.0);
                let (mut codes, mut part) = (vec![0.0f32; BLOCK * l], vec![0.0f32; d * l]);
                for_each_block(x, mean, |block, rows| {
                    let codes = &mut codes[..rows * l];
                    fast::matmul(codes, Strided::rows(block, d), v, None, rows, d, l);
                    fast::matmul(&mut part, Strided::transposed(block, d), codes, None, d, rows, l);
                    z.iter_mut().zip(&part).for_each(|(z, &p)| *z += p as f64);
                });
            }
        }
    }
}

/// Calls `f(block, rows)` with each run of up to `BLOCK` rows of `x`, centred about `mean`.
fn for_each_block(x: &[f32], mean: &[f32], mut f: impl FnMut(&[f32], usize)) {
    let d = mean.len();
    let mut block = vec![0.0f32; BLOCK * d];
    for chunk in x.chunks(BLOCK * d) {
        for (out, row) in block.chunks_exact_mut(d).zip(chunk.chunks_exact(d)) {
            out.iter_mut().zip(row).zip(mean).for_each(|((o, &v), &m)| *o = v - m);
        }
        f(&block[..chunk.len()], chunk.len() / d);
    }
}

/// S of the rows `x` about `mean`, d x d: the upper triangle summed block by block in f64,
/// then mirrored.
fn matrix(x: &[f32], mean: &[f32]) -> Vec<f32> {
    let d = mean.len();
    let mut upper = vec![0.0f64; d * d];
    let (mut right, mut tile) = (vec![0.0f32; BLOCK * d], vec![0.0f32; TILE * d]);
    for_each_block(x, mean, |block, rows| {
        for p0 in (0..d).step_by(TILE) {
            let (t, m) = (TILE.min(d - p0), d - p0);
            // Columns p0.. of the block, contiguous: the kernel's right factor, and (read down
            // its columns) its left one. Rows p0..p0 + t of S, from column p0 on.
            for (out, row) in right.chunks_exact_mut(m).zip(block.chunks_exact(d)) {
                out.copy_from_slice(&row[p0..]);
            }
            let right = &right[..rows * m];
            let left = Strided { data: right, row: 1, col: m };
            fast::matmul(&mut tile[..t * m], left, right, None, t, rows, m);
            for (i, part) in tile.chunks_exact(m).take(t).enumerate() {
                let row = &mut upper[(p0 + i) * d + p0..(p0 + i + 1) * d];
                row[i..].iter_mut().zip(&part[i..]).for_each(|(s, &p)| *s += p as f64);
            }
        }
    });
    let mut s = vec![0.0f32; d * d];
    for p in 0..d {
        for q in p..d {
            s[p * d + q] = upper[p * d + q] as f32;
            s[q * d + p] = upper[p * d + q] as f32;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// S V computed plainly in f64 from the rows.
    fn plain(x: &[f32], mean: &[f32], v: &[f32], l: usize) -> Vec<f64> {
        let d = mean.len();
        let mut z = vec![0.0f64; d * l];
        for row in x.chunks_exact(d) {
            let c: Vec<f64> = row.iter().zip(mean).map(|(&a, &m)| (a - m) as f64).collect();
            for j in 0..l {
                let code: f64 = (0..d).map(|p| c[p] * v[p * l + j] as f64).sum();
                (0..d).for_each(|p| z[p * l + j] += c[p] * code);
            }
        }
        z
    }

    #[test]
    fn both_forms_multiply_by_the_scatter_matrix() {
        let mut rng = Rng::new(3);
        // 300 rows: two whole blocks and a partial one; 70 columns: a whole tile and a part.
        let (n, d, l) = (300, 70, 5);
        let x: Vec<f32> = (0..n * d).map(|_| rng.unit_f32() * 2.0 - 0.5).collect();
        let mean: Vec<f32> = (0..d).map(|p| (0..n).map(|i| x[i * d + p]).sum::<f32>() / n as f32).collect();
        let v: Vec<f32> = (0..d * l).map(|_| rng.unit_f32() - 0.5).collect();
        let want = plain(&x, &mean, &v, l);
        let scale = want.iter().fold(0.0f64, |m, z| m.max(z.abs()));
        for scatter in [Scatter::Rows { x: &x, mean: &mean }, Scatter::Matrix(matrix(&x, &mean))] {
            let mut z = vec![f64::NAN; d * l];
            scatter.apply(&v, l, &mut z);
            let worst = z.iter().zip(&want).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
            assert!(worst < 1e-5 * scale, "off by {worst} of {scale}");
        }
    }

    #[test]
    fn the_cheaper_form_is_chosen() {
        let x = vec![0.5f32; 1000 * 784];
        let mean = vec![0.25f32; 784];
        // 2 vectors: 24 passes over the rows cost less than forming S; 128 vectors: more.
        assert!(matches!(Scatter::new(&x, &mean, 2), Scatter::Rows { .. }));
        assert!(matches!(Scatter::new(&x, &mean, 128), Scatter::Matrix(_)));
        let wide = vec![0.5f32; 3 * 4096];
        assert!(matches!(Scatter::new(&wide, &[0.0; 4096], 128), Scatter::Rows { .. }));
    }
}
