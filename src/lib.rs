//! tinyae: a tiny Keras-faithful autoencoder (64-16-4-16-64) that trains in the browser.
//!
//! Everything but `wasm` is plain Rust, testable natively; `wasm` is the JS boundary.

pub mod adam;
#[cfg(target_arch = "wasm32")]
pub mod alloc;
pub mod batches;
pub mod data;
mod dense;
pub mod error;
pub mod expf;
pub mod jacobi;
#[cfg(feature = "keras")]
pub mod keras;
pub mod kernels;
pub mod layout;
pub mod network;
pub mod number_text;
pub mod optimizer;
pub mod options;
pub mod pca;
pub mod rng;
pub mod scatter;
pub mod subspace;
pub mod trainer;
pub mod variational;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The wasm builds allocate from size classes (src/alloc.rs), 7 KB smaller than dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc::Classes = alloc::Classes::new();

/// The compact build (cargo `--no-default-features`) is the classic model alone:
/// `Options::resolve` refuses any other options there, so the core reads its activations, loss,
/// penalty, optimizer and noise as the classic constants and the code for the others compiles
/// away. The one place the cargo feature is read (src/wasm.rs's exports aside: an export is
/// removed by a `cfg` attribute, not a constant).
pub const CLASSIC_ONLY: bool = cfg!(not(feature = "full"));

pub use error::Invalid;
pub use options::Options;
pub use trainer::Trainer;
