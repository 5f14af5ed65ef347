//! The fixed architecture and the flat parameter layout, in Keras `get_weights()` order.

pub use crate::dense::Dense;

/// Layer widths: input, hidden, latent, hidden, output.
pub const DIMS: [usize; 5] = [64, 16, 4, 16, 64];
/// Pixels in one 8x8 image.
pub const PIXELS: usize = DIMS[0];
/// Units in the latent code (shown as 2x2).
pub const LATENT: usize = DIMS[2];
/// Number of Dense layers.
pub const LAYERS: usize = DIMS.len() - 1;
/// Index of the first decoder layer: layers `..ENCODER` encode, `ENCODER..` decode.
pub const ENCODER: usize = 2;

const fn dense_layers() -> [Dense; LAYERS] {
    let mut out = [Dense { fan_in: 0, fan_out: 0, kernel: 0, bias: 0 }; LAYERS];
    let mut offset = 0;
    let mut l = 0;
    while l < LAYERS {
        let (fan_in, fan_out) = (DIMS[l], DIMS[l + 1]);
        out[l] = Dense { fan_in, fan_out, kernel: offset, bias: offset + fan_in * fan_out };
        offset += fan_in * fan_out + fan_out;
        l += 1;
    }
    out
}

/// The four Dense layers in order: kernel then bias of each, as Keras flattens them.
pub const DENSE: [Dense; LAYERS] = dense_layers();
/// Total number of parameters (2276).
pub const N_PARAMS: usize = DENSE[LAYERS - 1].end();

/// A stack of Dense layers from options: widths input, encoder..., latent, decoder..., output
/// (as wide as the input),
/// and where each layer's kernel and bias sit, in Keras `get_weights()` order. The classic
/// model's is `Layout::classic()`, equal to the constants above. A variational layout's latent
/// layer (`dense[encoder - 1]`) is the `z_mean` head, and `log_var` its twin `z_log_var` head,
/// stored right after it, so the decoder's offsets move up by that head's size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Layer widths, from the inputs to the outputs (as many: the reconstruction).
    pub dims: Vec<usize>,
    /// The Dense layers in order.
    pub dense: Vec<Dense>,
    /// Layers `..encoder` encode (the last of them outputs the latent code), `encoder..` decode.
    pub encoder: usize,
    /// The `z_log_var` head of a variational layout (same input and width as `z_mean`).
    pub log_var: Option<Dense>,
    /// Total number of parameters.
    pub n_params: usize,
}

impl Layout {
    /// 64 -> `encoder` widths -> `latent` -> `decoder` widths -> 64.
    pub fn new(encoder: &[usize], latent: usize, decoder: &[usize]) -> Self {
        Layout::build(PIXELS, encoder, latent, decoder, false)
    }

    /// `new` with the variational encoder's second head, in the equivalent Keras model's
    /// `get_weights()` order: encoder layers, z_mean, z_log_var, decoder layers.
    pub fn variational(encoder: &[usize], latent: usize, decoder: &[usize]) -> Self {
        Layout::build(PIXELS, encoder, latent, decoder, true)
    }

    /// `input` -> `encoder` widths -> `latent` -> `decoder` widths -> `input`, with the second
    /// head if `variational`.
    pub fn build(input: usize, encoder: &[usize], latent: usize, decoder: &[usize], variational: bool) -> Self {
        let mut dims = vec![input];
        dims.extend_from_slice(encoder);
        dims.push(latent);
        dims.extend_from_slice(decoder);
        dims.push(input);
        let mut dense = Vec::new();
        let mut log_var = None;
        let mut offset = 0;
        let mut place = |fan_in: usize, fan_out: usize| {
            let d = Dense { fan_in, fan_out, kernel: offset, bias: offset + fan_in * fan_out };
            offset = d.end();
            d
        };
        for (l, w) in dims.windows(2).enumerate() {
            dense.push(place(w[0], w[1]));
            if variational && l == encoder.len() {
                log_var = Some(place(w[0], w[1]));
            }
        }
        Layout { dims, dense, encoder: encoder.len() + 1, log_var, n_params: offset }
    }

    /// Every Dense layer (the `z_log_var` head included) in parameter order.
    pub fn in_order(&self) -> Vec<Dense> {
        let mut all = self.dense.clone();
        // No variational head in the compact build (lib.rs CLASSIC_ONLY): compiled out there.
        if let (false, Some(head)) = (crate::CLASSIC_ONLY, self.log_var) {
            all.insert(self.encoder, head);
        }
        all
    }

    /// The classic 64-16-4-16-64 layout: the constants above (a test checks that `new` agrees),
    /// copied rather than built, which is all the compact build ever lays out.
    pub fn classic() -> Self {
        Layout { dims: DIMS.to_vec(), dense: DENSE.to_vec(), encoder: ENCODER, log_var: None, n_params: N_PARAMS }
    }

    /// Number of Dense layers.
    pub fn layers(&self) -> usize {
        self.dense.len()
    }

    /// Units in the latent code.
    pub fn latent(&self) -> usize {
        self.dims[self.encoder]
    }

    /// Values per item: the width of the input (and of the output, its reconstruction).
    pub fn input(&self) -> usize {
        // The compact build's one layout is the classic one (lib.rs CLASSIC_ONLY): a
        // constant there, so the code that sizes items by it folds.
        if crate::CLASSIC_ONLY {
            return PIXELS;
        }
        self.dims[0]
    }

    /// The widest layer, the input included: what one item's activations need at most.
    pub fn widest(&self) -> usize {
        if crate::CLASSIC_ONLY {
            return PIXELS;
        }
        self.dims.iter().copied().max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keras_order_and_count() {
        assert_eq!(N_PARAMS, 2276);
        assert_eq!(DENSE[0], Dense { fan_in: 64, fan_out: 16, kernel: 0, bias: 1024 });
        assert_eq!(DENSE[1].kernel, 1040);
        assert_eq!(DENSE[3], Dense { fan_in: 16, fan_out: 64, kernel: 1188, bias: 2212 });
    }

    #[test]
    fn classic_layout_equals_the_constants() {
        let l = Layout::classic();
        assert_eq!((l.dims.as_slice(), l.dense.as_slice(), l.n_params), (&DIMS[..], &DENSE[..], N_PARAMS));
        assert_eq!((l.encoder, l.latent(), l.layers()), (ENCODER, LATENT, LAYERS));
        assert_eq!(l, Layout::new(&[DIMS[1]], LATENT, &[DIMS[3]]));
        let deep = Layout::new(&[32, 16], 2, &[16, 32]);
        assert_eq!(deep.dims, [64, 32, 16, 2, 16, 32, 64]);
        assert_eq!((deep.encoder, deep.latent()), (3, 2));
        assert_eq!(Layout::new(&[], 3, &[]).n_params, 64 * 3 + 3 + 3 * 64 + 64);
    }

    #[test]
    fn variational_heads_sit_between_encoder_and_decoder() {
        let vae = Layout::variational(&[32], 2, &[32]);
        let plain = Layout::new(&[32], 2, &[32]);
        let head = 32 * 2 + 2;
        assert_eq!(vae.n_params, plain.n_params + head);
        assert_eq!(
            vae.log_var,
            Some(Dense { fan_in: 32, fan_out: 2, kernel: plain.dense[2].kernel, bias: plain.dense[2].kernel + 64 })
        );
        assert_eq!(vae.dense[2].kernel, plain.dense[2].kernel + head);
        let order: Vec<usize> = vae.in_order().iter().map(|d| d.kernel).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]) && order.len() == 5, "{order:?}");
        assert_eq!(Layout::variational(&[], 3, &[]).log_var.map(|d| d.fan_in), Some(64));
        assert_eq!(Layout::build(5, &[], 3, &[], true).log_var.map(|d| d.fan_in), Some(5));
    }

    #[test]
    fn the_input_width_sets_the_first_and_last_layers() {
        let wide = Layout::build(784, &[256], 2, &[256], false);
        assert_eq!((wide.dims.as_slice(), wide.input(), wide.widest()), (&[784, 256, 2, 256, 784][..], 784, 784));
        assert_eq!(wide.n_params, 784 * 256 + 256 + 256 * 2 + 2 + 2 * 256 + 256 + 256 * 784 + 784);
        assert_eq!(Layout::build(64, &[16], 4, &[16], false), Layout::classic());
    }
}
