//! The build.rs entry point, in the spirit of prost-build.

use std::path::{Path, PathBuf};

use crate::{Error, Generator, Settings};

/// Generates Rust from a spec inside a build script.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     oasforge::Builder::new()
///         .spec("specs/securegate.yaml")
///         .client(true)
///         .server(true)
///         .generate()?;
///     Ok(())
/// }
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/securegate.rs"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder {
    spec: Option<PathBuf>,
    out_file: Option<PathBuf>,
    /// Set through the setters the settings table (`settings.rs`) generates.
    pub(crate) settings: Settings,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The spec to read.
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.spec = Some(path.into());
        self
    }

    /// Where to write; defaults to `$OUT_DIR/<spec file stem>.rs`.
    pub fn out_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_file = Some(path.into());
        self
    }

    /// Generates, writes the file only if its bytes changed, and tells cargo what to watch.
    /// Warnings become `cargo:warning=` lines.
    pub fn generate(self) -> Result<PathBuf, Error> {
        let spec = self
            .spec
            .ok_or_else(|| Error::Usage("Builder::spec was not set".into()))?;
        println!("cargo:rerun-if-changed={}", spec.display());
        let out_file = match self.out_file {
            Some(path) => path,
            None => {
                let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
                    Error::Usage(
                        "OUT_DIR is not set: call Builder::generate from build.rs or set out_file"
                            .into(),
                    )
                })?;
                let stem = spec
                    .file_stem()
                    .map_or_else(|| "api".into(), |s| s.to_string_lossy().into_owned());
                Path::new(&out_dir).join(format!("{stem}.rs"))
            }
        };
        let generated = Generator::new(self.settings).generate_path(&spec)?;
        for file in &generated.files_read {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        for warning in &generated.warnings {
            println!("cargo:warning={}", warning.to_string().replace('\n', " "));
        }
        write_if_changed(&out_file, generated.code.as_bytes())?;
        Ok(out_file)
    }
}

/// Writes `bytes` unless the file already holds them, so cargo does not rebuild needlessly.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|existing| existing == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_owned(),
            source,
        })?;
    }
    std::fs::write(path, bytes).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}
