//! The fixed architecture and the flat parameter layout, in Keras `get_weights()` order.

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

/// Where one Dense layer's kernel and bias sit in the flat parameter buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dense {
    /// Inputs of the layer (rows of the kernel).
    pub fan_in: usize,
    /// Outputs of the layer (columns of the kernel).
    pub fan_out: usize,
    /// Offset of the kernel, `[fan_in][fan_out]` row-major.
    pub kernel: usize,
    /// Offset of the bias, `fan_out` values.
    pub bias: usize,
}

impl Dense {
    /// Offset just past this layer's bias.
    pub const fn end(&self) -> usize {
        self.bias + self.fan_out
    }
}

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
}
