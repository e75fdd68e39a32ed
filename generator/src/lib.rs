//! oasforge: OpenAPI 3.0/3.1 -> Rust.
//!
//! The pipeline is one module per stage, data flowing one way: `load` -> `normalize` ->
//! `resolve` (building the IR) -> `analysis` -> `emit` -> `format`, called in order by
//! `pipeline` (ARCHITECTURE.md). [`Generator`] runs it; [`Builder`] wraps it for build
//! scripts.
//!
//! ```no_run
//! let generated = oasforge::Generator::default().generate_path("specs/securegate.yaml".as_ref())?;
//! for warning in &generated.warnings {
//!     eprintln!("{warning}");
//! }
//! std::fs::write("securegate.rs", &generated.code)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// No function over 150 lines (clippy.toml), tests aside: an emitter that long does too much.
#![cfg_attr(not(test), warn(clippy::too_many_lines))]

mod analysis;
mod anchors;
mod builder;
mod bundle;
#[cfg(feature = "cli")]
pub mod cli;
mod diagnostic;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod diff;
#[cfg(all(feature = "cli", not(feature = "internals")))]
mod diff;
mod emit;
mod error;
mod format;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod ir;
#[cfg(not(feature = "internals"))]
mod ir;
#[cfg(test)]
mod layers;
pub mod limits;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod load;
#[cfg(not(feature = "internals"))]
mod load;
mod locate;
mod naming;
mod normalize;
#[cfg(feature = "cli")]
mod package;
mod parallel;
mod pipeline;
mod place;
#[cfg(feature = "internals")]
mod profile;
mod resolve;
mod same_json;
mod settings;
#[cfg(feature = "cli")]
mod snippet;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod synthetic;
#[cfg(test)]
mod test_support;

use std::path::Path;

pub use builder::Builder;
pub use diagnostic::{Diagnostic, Location, Severity};
pub use error::Error;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub use profile::{Profile, StageMark};
pub use settings::Settings;

use load::Source;
use place::place_error;

/// The result of a generation run: formatted Rust, and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Generated {
    pub code: String,
    /// Spec defects we worked around; each names its place.
    pub warnings: Vec<Diagnostic>,
    /// Files read besides the spec (the targets of external `$ref`s).
    pub files_read: Vec<std::path::PathBuf>,
    /// The `#![recursion_limit]` the crate that compiles `code` needs, when a type nests
    /// deeper than rustc checks by default (a warning says so too).
    pub recursion_limit: Option<usize>,
}

/// Runs the pipeline with one set of [`Settings`].
#[derive(Debug, Clone, Default)]
pub struct Generator {
    settings: Settings,
}

impl Generator {
    pub fn new(settings: Settings) -> Self {
        Self { settings }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Generates code for the spec at `path`.
    pub fn generate_path(&self, path: &Path) -> Result<Generated, Error> {
        self.generate_loaded(&Source::from_path(path)?)
    }

    /// Generates code for a spec held in memory; `name` is how messages refer to it.
    pub fn generate_bytes(&self, name: &str, bytes: Vec<u8>) -> Result<Generated, Error> {
        self.generate_loaded(&Source::from_bytes(name, bytes)?)
    }

    fn generate_loaded(&self, source: &Source) -> Result<Generated, Error> {
        parallel::on_sized_stack(|| self.run(source)).map_err(|err| place_error(source, &[], err))
    }
}

/// Entry points for this workspace's tests, benchmarks and fuzz targets (the `internals`
/// feature): not part of the API, and they change without notice.
#[cfg(feature = "internals")]
#[doc(hidden)]
impl Generator {
    pub fn generate_source(&self, source: &Source) -> Result<Generated, Error> {
        self.generate_loaded(source)
    }

    /// The IR of the spec at `path`, and the warnings on the way.
    pub fn resolve_path(&self, path: &Path) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
        self.resolve(&Source::from_path(path)?)
    }

    /// The IR of a spec held in memory, and the warnings on the way; `name` is how messages
    /// refer to it.
    pub fn resolve_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<(ir::Ir, Vec<Diagnostic>), Error> {
        self.resolve(&Source::from_bytes(name, bytes)?)
    }
}
