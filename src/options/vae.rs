//! The variational mode's options (issue 12): what `variational: true` implies of the other
//! keys, checked by `Options::resolve`. The mode itself is src/variational.rs.

use super::{act_name, loss_name, Options};
use crate::error::Invalid;
use crate::invalid;
use crate::kernels::Act;
use crate::network::Loss;
use crate::number_text::f64_text;

/// Checks the variational keys against the rest (`beta` filled in when variational): a sigmoid
/// output, its binary cross-entropy, linear heads and no L1 term; `beta` only with `variational`.
pub(super) fn check_options(o: &mut Options) -> Result<(), Invalid> {
    if !o.variational {
        return match o.beta {
            Some(beta) => invalid!(
                "beta applies only to a variational model (variational: true), got beta {} without it",
                f64_text(beta)
            ),
            None => Ok(()),
        };
    }
    let beta = o.beta.unwrap_or(1.0);
    if !(beta.is_finite() && beta >= 0.0 && (beta as f32).is_finite()) {
        return invalid!("beta must be a finite number >= 0 (1: the Keras example), got {}", f64_text(beta));
    }
    o.beta = Some(beta);
    if o.output != Act::Sigmoid {
        return invalid!(
            "variational: true needs output \"sigmoid\" (the Keras example's decoder), got output \"{}\"",
            act_name(o.output)
        );
    }
    if o.loss != Loss::BinaryCrossentropy {
        return invalid!(
            "variational: true implies loss \"binary_crossentropy\" (summed over the pixels): leave loss out or give that, got loss \"{}\"",
            loss_name(o.loss)
        );
    }
    if o.latent_activation != Act::Linear {
        return invalid!(
            "variational: true makes z_mean and z_log_var linear: leave latent_activation out or give \"linear\", got \"{}\"",
            act_name(o.latent_activation)
        );
    }
    if o.l1 != 0.0 {
        return invalid!(
            "l1 does not apply to a variational model (its KL term regularises the code): leave it out or give 0, got l1 {}",
            f64_text(o.l1)
        );
    }
    Ok(())
}
