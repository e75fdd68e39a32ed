//! The library's error type.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Why generation stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The spec is wrong in a way we cannot work around; the diagnostic names the place.
    #[error("{spec}: {diagnostic}")]
    Spec {
        spec: String,
        diagnostic: Box<Diagnostic>,
    },
    /// The generator was asked for something it cannot do (a builder without a spec, ...).
    #[error("{0}")]
    Usage(String),
    /// A bug in oasforge: the code it produced is not valid Rust.
    #[error("internal error: oasforge produced code that does not parse ({0}); please report it")]
    Internal(String),
}

impl Error {
    pub(crate) fn spec(spec: &str, diagnostic: Diagnostic) -> Self {
        Self::Spec {
            spec: spec.to_owned(),
            diagnostic: Box::new(diagnostic),
        }
    }

    /// The spec diagnostic behind this error, if it is about the spec.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            Self::Spec { diagnostic, .. } => Some(diagnostic),
            _ => None,
        }
    }
}
