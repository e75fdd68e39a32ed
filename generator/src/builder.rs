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
/// The bytes go to a temporary file in the same folder, which then takes the file's place in
/// one rename: an interrupted or failed write (Ctrl-C, a full disk) leaves the old file as it
/// was, never a truncated one. A symbolic link is written through (the file it names is
/// replaced, the link kept); what is not a file (`-o /dev/stdout`, a pipe) is written to as
/// it is, and so is a file that cannot be renamed over (a file mounted on its own).
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    // Through links: `metadata` follows them (`/dev/stdout` to the terminal or the pipe).
    let existing = std::fs::metadata(path).ok();
    // Not a file: written as it is, and never read first (reading a terminal or a pipe
    // would wait for input).
    if existing
        .as_ref()
        .is_some_and(|meta| !meta.is_file() && !meta.is_dir())
    {
        return std::fs::write(path, bytes).map_err(failed);
    }
    let target = link_target(path, existing.is_some());
    if existing.as_ref().is_some_and(std::fs::Metadata::is_file)
        && std::fs::read(&target).is_ok_and(|current| current == bytes)
    {
        return Ok(());
    }
    let parent = target
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|source| Error::Write {
        path: parent.to_owned(),
        source,
    })?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".oasforge-").suffix(".tmp");
    // A new file gets the mode `std::fs::write` would give it: asked at creation, so the
    // umask narrows it (a temporary file is otherwise its owner's only).
    #[cfg(unix)]
    if existing.is_none() {
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(parent).map_err(failed)?;
    std::io::Write::write_all(&mut temporary, bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    // On failure the temporary file is removed as it is dropped.
    match temporary.persist(&target) {
        Ok(_) => {}
        Err(err) if cannot_replace(&err.error) => {
            drop(err.file);
            return std::fs::write(&target, bytes).map_err(failed);
        }
        Err(err) => return Err(failed(err.error)),
    }
    // A replaced file keeps its mode exactly (set after the rename: the umask does not apply).
    if let Some(existing) = existing {
        std::fs::set_permissions(&target, existing.permissions()).map_err(failed)?;
    }
    Ok(())
}

/// Where a write to `path` goes: through a symbolic link (or a chain of them) to the file it
/// names, existing or not; `path` itself otherwise.
fn link_target(path: &Path, exists: bool) -> std::path::PathBuf {
    if exists {
        return std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    }
    // A link to a file not made yet: followed by hand (bounded, for a loop of links).
    let mut target = path.to_owned();
    for _ in 0..40 {
        let Ok(link) = std::fs::read_link(&target) else {
            break;
        };
        target = match target.parent() {
            Some(folder) => folder.join(link),
            None => link,
        };
    }
    target
}

/// A rename that cannot work where a write in place can: the file is a mount point of its
/// own (a container's bind mount), or on another device than its folder.
fn cannot_replace(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("api.rs");
        write_if_changed(&path, b"first").unwrap();
        write_if_changed(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["api.rs"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode();
            // A new file's mode is what `std::fs::write` gives one (the umask applied).
            let plain = dir.path().join("plain.rs");
            std::fs::write(&plain, b"").unwrap();
            assert_eq!(mode(&path), mode(&plain));
            // A replaced file keeps its own.
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_if_changed(&path, b"third").unwrap();
            assert_eq!(mode(&path) & 0o777, 0o640);
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_written_through_and_devices_written_to() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.rs");
        let link = dir.path().join("link.rs");
        std::fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_if_changed(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        // A link to a file not made yet: the file is made, the link kept.
        let dangling = dir.path().join("dangling.rs");
        std::os::unix::fs::symlink("later.rs", &dangling).unwrap();
        write_if_changed(&dangling, b"made").unwrap();
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(dir.path().join("later.rs")).unwrap(), b"made");
        // A pipe (`-o /dev/stdout | ...`) is written to, never read: reading it first, as a
        // file is, would wait forever.
        let (reader, writer) = std::io::pipe().unwrap();
        let fd = std::os::fd::AsRawFd::as_raw_fd(&writer);
        let pipe = std::path::PathBuf::from(format!("/proc/self/fd/{fd}"));
        if pipe.exists() {
            write_if_changed(&pipe, b"through").unwrap();
            drop(writer);
            let mut text = String::new();
            std::io::Read::read_to_string(&mut &reader, &mut text).unwrap();
            assert_eq!(text, "through");
        }
        // `-o /dev/null`: written to, not replaced (which would need /dev to be writable).
        write_if_changed(Path::new("/dev/null"), b"anything").unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.rs");
        std::fs::write(&path, b"committed").unwrap();
        // The temporary file cannot be made beside the target: a file stands where its
        // folder would be.
        let blocked = dir.path().join("blocker");
        std::fs::write(&blocked, b"").unwrap();
        let err = write_if_changed(&blocked.join("api.rs"), b"new").unwrap_err();
        assert!(matches!(err, Error::Write { .. }), "{err}");
        // The target is a folder: the rename fails after the bytes were written.
        let folder = dir.path().join("folder.rs");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside"), b"kept").unwrap();
        assert!(write_if_changed(&folder, b"new").is_err());
        assert_eq!(std::fs::read(folder.join("inside")).unwrap(), b"kept");
        assert_eq!(std::fs::read(&path).unwrap(), b"committed");
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["api.rs", "blocker", "folder.rs"],
            "no temporary file is left"
        );
    }
}
