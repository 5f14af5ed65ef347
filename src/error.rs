//! The one error type of the core: a rejected argument, with a message that names it.

use std::fmt;

/// An argument was rejected; nothing was changed. The message names the argument and what
/// was expected, ready to show to a JS caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid(pub String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

/// Shorthand for building an `Err(Invalid)` from format arguments.
#[macro_export]
macro_rules! invalid {
    ($($arg:tt)*) => { Err($crate::error::Invalid(format!($($arg)*))) };
}
