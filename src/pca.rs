//! Principal component analysis, of 8x8 images (the linear baseline for the autoencoder) or of
//! rows of any width up to `MAX_COLUMNS`: the mean row and the leading eigenvectors of the
//! sample covariance, and projections onto them. Up to `EXACT_COLUMNS` the covariance is formed
//! in f64 and decomposed whole by `jacobi`; wider, `subspace` iterates towards the leading
//! axes alone. It matches scikit-learn's `PCA` (see `fit_rows`).

use crate::data;
use crate::error::Invalid;
use crate::invalid;
use crate::jacobi;
use crate::layout::PIXELS;
use crate::subspace;

/// The widest rows `fit_rows` takes: 64x64 images.
pub const MAX_COLUMNS: usize = 4096;

/// The most principal axes kept past `EXACT_COLUMNS` (up to it, all of them).
pub const MAX_COMPONENTS: usize = 64;

/// The widest rows whose covariance is decomposed whole: Jacobi's cost grows as the cube of
/// the width, subspace iteration's as the width times the axes wanted.
pub const EXACT_COLUMNS: usize = PIXELS;

/// What `data::rows` calls one row of `d` values in its messages.
fn what(d: usize) -> String {
    if d == PIXELS {
        crate::data::CLASSIC_ROWS.to_string()
    } else {
        format!("n rows of {d} values")
    }
}

/// A PCA fitted to n rows of d values (images: d = 64): the mean row and the leading axes.
#[derive(Clone, Debug, PartialEq)]
pub struct Pca {
    /// The mean row, d values.
    mean: Vec<f32>,
    /// The principal axes as unit rows, `components x d` row-major, largest variance first.
    components: Vec<f32>,
    /// The variance along each axis (an eigenvalue of the covariance).
    variance: Vec<f32>,
    /// Each axis's share of the total variance.
    ratio: Vec<f32>,
}

impl Pca {
    /// Fits `components` (1..=64) principal axes to the `n` images in `x` (n*64 finite values,
    /// n >= 2): `fit_rows` with 64 columns.
    pub fn fit(x: &[f32], n: usize, components: usize) -> Result<Pca, Invalid> {
        Pca::fit_rows(x, n, PIXELS, components)
    }

    /// Fits `components` (1..=min(MAX_COMPONENTS, d, n)) principal axes to the `n` rows of `d`
    /// values (1..=MAX_COLUMNS) in `x` (n*d finite values, n >= 2).
    ///
    /// As scikit-learn's `PCA` (>= 1.5): the covariance divides by n - 1, eigenvalues that
    /// rounding makes negative count as 0, the explained variance ratio is an eigenvalue over
    /// the total variance (the covariance's trace; 0 when the rows are all the same), and
    /// each axis's sign makes its largest-magnitude entry positive (the first such entry on a
    /// tie), which is `svd_flip(u_based_decision=False)` on the components.
    pub fn fit_rows(x: &[f32], n: usize, d: usize, components: usize) -> Result<Pca, Invalid> {
        if !(1..=MAX_COLUMNS).contains(&d) {
            return invalid!("columns must be 1..={MAX_COLUMNS}, got {d}");
        }
        let most = MAX_COMPONENTS.min(d);
        if !(1..=most).contains(&components) {
            return invalid!(
                "components must be 1..={most} (at most {MAX_COMPONENTS} and the {d} columns), got {components}"
            );
        }
        let (one, many) = if d == PIXELS { ("image", "images") } else { ("row", "rows") };
        let rows = data::rows("x", x, d, &what(d))?;
        if rows != n {
            return invalid!("x holds {rows} {many} (n*{d} values), but n is {n}");
        }
        if n < 2 {
            return invalid!("x must hold at least 2 {many} to estimate a covariance, got {n} {one}");
        }
        if components > n {
            return invalid!("components must be at most the number of {many}, {n}, got {components}");
        }
        let mut mean = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += v as f64;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let (values, mut axes, total) =
            if d <= EXACT_COLUMNS { exact(x, &mean, components) } else { wide(x, &mean, components) };
        for axis in axes.chunks_exact_mut(d) {
            // The first entry of largest magnitude, as NumPy's argmax picks it.
            let largest = (0..d).fold(0, |best, i| if axis[i].abs() > axis[best].abs() { i } else { best });
            if axis[largest] < 0.0 {
                axis.iter_mut().for_each(|v| *v = -*v);
            }
        }
        let variance: Vec<f64> = values.iter().map(|&v| v.max(0.0)).collect();
        Ok(Pca {
            mean: mean.iter().map(|&m| m as f32).collect(),
            components: axes.iter().map(|&v| v as f32).collect(),
            ratio: variance.iter().map(|&v| if total > 0.0 { (v / total) as f32 } else { 0.0 }).collect(),
            variance: variance.iter().map(|&v| v as f32).collect(),
        })
    }

    /// The number of principal axes kept.
    pub fn n_components(&self) -> usize {
        self.variance.len()
    }

    /// The width of the rows fitted (64 for images).
    pub fn columns(&self) -> usize {
        self.mean.len()
    }

    /// The principal axes, `n_components x d` row-major unit rows, largest variance first.
    pub fn components(&self) -> &[f32] {
        &self.components
    }

    /// The variance of the images along each axis (the covariance's eigenvalues).
    pub fn explained_variance(&self) -> &[f32] {
        &self.variance
    }

    /// Each axis's share of the images' total variance.
    pub fn explained_variance_ratio(&self) -> &[f32] {
        &self.ratio
    }

    /// The mean row (image), d values.
    pub fn mean(&self) -> &[f32] {
        &self.mean
    }

    /// The codes of n rows (`x`: n*d finite values): n*n_components values.
    pub fn transform(&self, x: &[f32]) -> Result<Vec<f32>, Invalid> {
        let d = self.columns();
        let n = data::rows("x", x, d, &what(d))?;
        let k = self.n_components();
        let mut codes = vec![0.0; n * k];
        let mut centered = vec![0.0; d];
        for (image, code) in x.chunks_exact(d).zip(codes.chunks_exact_mut(k)) {
            self.encode(image, code, &mut centered);
        }
        Ok(codes)
    }

    /// The rows of n codes (`z`: n*n_components finite values): n*d values, not clamped.
    pub fn inverse_transform(&self, z: &[f32]) -> Result<Vec<f32>, Invalid> {
        let k = self.n_components();
        let n = data::rows("z", z, k, &format!("n codes of {k} components"))?;
        let d = self.columns();
        let mut images = vec![0.0; n * d];
        for (code, image) in z.chunks_exact(k).zip(images.chunks_exact_mut(d)) {
            self.decode(code, image);
        }
        Ok(images)
    }

    /// The mean over all n*d values of (x - inverse_transform(transform(x)))^2.
    pub fn reconstruction_mse(&self, x: &[f32]) -> Result<f32, Invalid> {
        let d = self.columns();
        let n = data::rows("x", x, d, &what(d))?;
        let mut code = vec![0.0; self.n_components()];
        let mut back = vec![0.0f32; d];
        let mut centered = vec![0.0f32; d];
        let mut sum = 0.0f64; // up to 6.4M squares: f32 would lose the small ones
        for image in x.chunks_exact(d) {
            self.encode(image, &mut code, &mut centered);
            self.decode(&code, &mut back);
            sum += image.iter().zip(&back).map(|(&a, &b)| ((a - b) as f64).powi(2)).sum::<f64>();
        }
        Ok((sum / (n * d) as f64) as f32)
    }

    /// One row's code: its centred values (into `centered`, d long) dotted with each axis.
    fn encode(&self, image: &[f32], code: &mut [f32], centered: &mut [f32]) {
        for ((c, &v), &m) in centered.iter_mut().zip(image).zip(&self.mean) {
            *c = v - m;
        }
        for (z, axis) in code.iter_mut().zip(self.components.chunks_exact(self.columns())) {
            *z = axis.iter().zip(centered.iter()).map(|(a, c)| a * c).sum();
        }
    }

    /// One code's row: the mean plus each axis scaled by its coordinate.
    fn decode(&self, code: &[f32], image: &mut [f32]) {
        image.copy_from_slice(&self.mean);
        for (&z, axis) in code.iter().zip(self.components.chunks_exact(self.columns())) {
            for (v, &a) in image.iter_mut().zip(axis) {
                *v += z * a;
            }
        }
    }
}

/// The leading `k` eigenvalues and eigenvectors (k x d rows) of the covariance of the rows `x`
/// about `mean`, and its trace: the whole covariance, formed in f64 and decomposed by Jacobi.
fn exact(x: &[f32], mean: &[f64], k: usize) -> (Vec<f64>, Vec<f64>, f64) {
    let (d, n) = (mean.len(), x.len() / mean.len());
    // The upper triangle only (jacobi reads no more), row by row so the inner loop runs
    // along contiguous memory: sum over rows of (x - mean)(x - mean)^T.
    let mut covariance = vec![0.0f64; d * d];
    let mut centered = vec![0.0f64; d];
    for row in x.chunks_exact(d) {
        for ((c, &v), m) in centered.iter_mut().zip(row).zip(mean) {
            *c = v as f64 - m;
        }
        for p in 0..d {
            let cp = centered[p];
            let row = &mut covariance[p * d + p..(p + 1) * d];
            for (sum, &cq) in row.iter_mut().zip(&centered[p..]) {
                *sum += cp * cq;
            }
        }
    }
    covariance.iter_mut().for_each(|c| *c /= (n - 1) as f64);
    let total: f64 = (0..d).map(|p| covariance[p * d + p]).sum();
    let eigen = jacobi::symmetric_eigen(&covariance, d);
    (eigen.values[..k].to_vec(), eigen.vectors[..k * d].to_vec(), total)
}

/// What `exact` returns, by subspace iteration on the rows: the covariance is never formed
/// in f64, and only its leading axes are found.
fn wide(x: &[f32], mean: &[f64], k: usize) -> (Vec<f64>, Vec<f64>, f64) {
    let (d, n) = (mean.len(), x.len() / mean.len());
    let mut total = 0.0f64;
    for row in x.chunks_exact(d) {
        total += row.iter().zip(mean).map(|(&v, m)| (v as f64 - m) * (v as f64 - m)).sum::<f64>();
    }
    let mean32: Vec<f32> = mean.iter().map(|&m| m as f32).collect();
    let lead = subspace::leading(x, &mean32, k);
    let values = lead.values.iter().map(|v| v / (n - 1) as f64).collect();
    (values, lead.vectors, total / (n - 1) as f64)
}
