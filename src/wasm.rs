//! The Rust/JS boundary, and the only `#[wasm_bindgen]` file: converts and checks what JS
//! passes, and turns every rejection into a thrown JS `Error` whose message names the argument.
//! Nothing here panics on bad input: a panic would kill the wasm instance.

use js_sys::{Array, Float32Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::layout::PIXELS;
use crate::number_text::f64_text;
use crate::{kernels, pca, Invalid, Trainer};

fn thrown(e: Invalid) -> JsError {
    JsError::new(&e.0)
}

/// Describes a JS value for an error message: its type, and the value itself if short.
fn describe(value: &JsValue) -> String {
    match value.as_string() {
        Some(s) if s.len() <= 20 => format!("the string {s:?}"),
        _ => value.js_typeof().as_string().unwrap_or_default(),
    }
}

/// A JS number array-like as f32s: a Float32Array, a Float64Array or an Array of numbers.
fn floats(name: &str, value: &JsValue) -> Result<Vec<f32>, JsError> {
    if let Some(a) = value.dyn_ref::<Float32Array>() {
        return Ok(a.to_vec());
    }
    if let Some(a) = value.dyn_ref::<Float64Array>() {
        return Ok(a.to_vec().into_iter().map(|v| v as f32).collect());
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        return array
            .iter()
            .enumerate()
            .map(|(i, v)| match v.as_f64() {
                Some(v) => Ok(v as f32),
                None => Err(JsError::new(&format!("{name}[{i}] is {}, not a number", describe(&v)))),
            })
            .collect();
    }
    Err(JsError::new(&format!(
        "{name} must be a Float32Array, a Float64Array or an Array of numbers, got {}",
        describe(value)
    )))
}

/// A JS number that must be a whole number in 0..=2^53-1 (`undefined` gives `default`).
fn whole(name: &str, value: &JsValue, default: u64) -> Result<u64, JsError> {
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= crate::trainer::MAX_SEED as f64 => {
            Ok(v as u64)
        }
        Some(v) => Err(JsError::new(&format!("{name} must be a whole number, got {}", f64_text(v)))),
        None => Err(JsError::new(&format!("{name} must be a number, got {}", describe(value)))),
    }
}

/// Which matmul kernels this build runs: "simd128" or "scalar".
#[wasm_bindgen]
pub fn kernels() -> String {
    kernels::PATH.to_string()
}

/// A fixed, seeded train/test split of `n` images: a shuffle of `0..n` whose first `test`
/// indices are the test set (the digits mode's 1437 / 360 split is `split_indices(1797, 360, 0)`).
#[wasm_bindgen]
pub fn split_indices(n: JsValue, test: JsValue, seed: JsValue) -> Result<Vec<u32>, JsError> {
    let n = whole("n", &n, 0)?;
    let test = whole("test", &test, 0)?;
    let seed = whole("seed", &seed, 0)?;
    if n > crate::data::MAX_IMAGES as u64 || test > n {
        return Err(JsError::new(&format!(
            "split_indices needs test <= n <= {}, got n {n}, test {test}",
            crate::data::MAX_IMAGES
        )));
    }
    let (test, train) = crate::data::split(n as usize, test as usize, seed);
    Ok(test.into_iter().chain(train).collect())
}

/// The 64-16-4-16-64 autoencoder: Keras's initialisation, Adam and MSE, trained in wasm.
#[wasm_bindgen]
pub struct Autoencoder {
    inner: Trainer,
}

#[wasm_bindgen]
impl Autoencoder {
    /// A model from `seed` (a whole number); without one, a seed is drawn from crypto.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: JsValue) -> Result<Autoencoder, JsError> {
        console_error_panic_hook::set_once();
        let inner = if seed.is_undefined() || seed.is_null() {
            Trainer::with_random_seed()
        } else {
            Trainer::new(whole("seed", &seed, 0)?)
        };
        Ok(Autoencoder { inner: inner.map_err(thrown)? })
    }

    /// The seed this model was initialised from: pass it back to reproduce the run.
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> f64 {
        self.inner.seed() as f64
    }

    /// Runs `steps` (default 1) Adam updates on successive minibatches; returns their mean loss.
    pub fn train_step(&mut self, steps: JsValue) -> Result<f32, JsError> {
        let steps = whole("steps", &steps, 1)?;
        self.inner.train(steps).map_err(thrown)
    }

    /// Reconstructions of n images (`x`: n*64 pixels in [0, 1]); returns n*64 values.
    pub fn reconstruct(&self, x: JsValue) -> Result<Vec<f32>, JsError> {
        self.inner.reconstruct(&floats("x", &x)?).map_err(thrown)
    }

    /// Latent codes of n images (`x`: n*64 pixels in [0, 1]); returns n*4 values.
    pub fn encode(&self, x: JsValue) -> Result<Vec<f32>, JsError> {
        self.inner.encode(&floats("x", &x)?).map_err(thrown)
    }

    /// MSE of the reconstructions of n images (`x`: n*64 pixels in [0, 1]), without an update:
    /// the loss on a held-out test set.
    pub fn evaluate(&self, x: JsValue) -> Result<f32, JsError> {
        self.inner.evaluate(&floats("x", &x)?).map_err(thrown)
    }

    /// Images decoded from n latent codes (`z`: n*4 finite values); returns n*64 values.
    pub fn decode(&self, z: JsValue) -> Result<Vec<f32>, JsError> {
        self.inner.decode(&floats("z", &z)?).map_err(thrown)
    }

    /// Replaces the training data with n images (n*64 pixels in [0, 1]).
    pub fn set_data(&mut self, pixels: JsValue) -> Result<(), JsError> {
        self.inner.set_data(&floats("pixels", &pixels)?).map_err(thrown)
    }

    /// Adam's learning rate (Keras default 0.001).
    #[wasm_bindgen(getter)]
    pub fn learning_rate(&self) -> f64 {
        self.inner.learning_rate() as f64
    }

    /// Sets the learning rate: a finite number > 0.
    #[wasm_bindgen(setter)]
    pub fn set_learning_rate(&mut self, lr: JsValue) -> Result<(), JsError> {
        match lr.as_f64() {
            Some(lr) => self.inner.set_learning_rate(lr).map_err(thrown),
            None => Err(JsError::new(&format!("learning_rate must be a number, got {}", describe(&lr)))),
        }
    }

    /// Images per minibatch (Keras default 32).
    #[wasm_bindgen(getter)]
    pub fn batch_size(&self) -> f64 {
        self.inner.batch_size() as f64
    }

    /// Sets the minibatch size: a whole number >= 1.
    #[wasm_bindgen(setter)]
    pub fn set_batch_size(&mut self, size: JsValue) -> Result<(), JsError> {
        let size = whole("batch_size", &size, 0)?;
        self.inner.set_batch_size(usize::try_from(size).unwrap_or(usize::MAX)).map_err(thrown)
    }

    /// Epochs completed.
    #[wasm_bindgen(getter)]
    pub fn epoch(&self) -> f64 {
        self.inner.epoch() as f64
    }

    /// Adam updates made so far.
    #[wasm_bindgen(getter)]
    pub fn step(&self) -> f64 {
        self.inner.step() as f64
    }

    /// MSE over the whole training data, without an update.
    pub fn loss(&self) -> f32 {
        self.inner.loss()
    }

    /// The 2276 weights in Keras `model.get_weights()` order, flattened.
    pub fn get_weights(&self) -> Vec<f32> {
        self.inner.weights().to_vec()
    }

    /// Loads 2276 weights in Keras order; resets Adam's moments and step count.
    pub fn set_weights(&mut self, w: JsValue) -> Result<(), JsError> {
        self.inner.set_weights(&floats("weights", &w)?).map_err(thrown)
    }
}

// ---------------------------------------------------------------------------------------------
// PCA: the linear baseline of the digits mode, fitted in Rust (src/pca.rs).

/// Principal component analysis of n images: the mean, and the principal axes found from the
/// sample covariance, as scikit-learn's `PCA` computes them.
#[wasm_bindgen]
pub struct Pca {
    inner: pca::Pca,
}

#[wasm_bindgen]
impl Pca {
    /// Fits `components` (default 4, a whole number 1..=64) principal axes to n images
    /// (`x`: n*64 finite values, n >= 2).
    #[wasm_bindgen(constructor)]
    pub fn new(x: JsValue, components: JsValue) -> Result<Pca, JsError> {
        console_error_panic_hook::set_once();
        let x = floats("x", &x)?;
        let components = usize::try_from(whole("components", &components, 4)?).unwrap_or(usize::MAX);
        let inner = pca::Pca::fit(&x, x.len() / PIXELS, components).map_err(thrown)?;
        Ok(Pca { inner })
    }

    /// The number of principal axes kept.
    #[wasm_bindgen(getter)]
    pub fn n_components(&self) -> f64 {
        self.inner.n_components() as f64
    }

    /// The principal axes: n_components x 64 unit rows, row-major, largest variance first.
    pub fn components(&self) -> Vec<f32> {
        self.inner.components().to_vec()
    }

    /// Each axis's share of the total variance.
    pub fn explained_variance_ratio(&self) -> Vec<f32> {
        self.inner.explained_variance_ratio().to_vec()
    }

    /// The variance along each axis.
    pub fn explained_variance(&self) -> Vec<f32> {
        self.inner.explained_variance().to_vec()
    }

    /// The mean image, 64 values.
    pub fn mean(&self) -> Vec<f32> {
        self.inner.mean().to_vec()
    }

    /// Codes of n images (`x`: n*64 finite values); returns n*n_components values.
    pub fn transform(&self, x: JsValue) -> Result<Vec<f32>, JsError> {
        self.inner.transform(&floats("x", &x)?).map_err(thrown)
    }

    /// Images of n codes (`z`: n*n_components finite values); returns n*64 values.
    pub fn inverse_transform(&self, z: JsValue) -> Result<Vec<f32>, JsError> {
        self.inner.inverse_transform(&floats("z", &z)?).map_err(thrown)
    }

    /// Mean squared error of reconstructing n images (`x`: n*64 finite values) from their codes.
    pub fn reconstruction_mse(&self, x: JsValue) -> Result<f32, JsError> {
        self.inner.reconstruction_mse(&floats("x", &x)?).map_err(thrown)
    }
}
