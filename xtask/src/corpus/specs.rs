//! The documents of the collections: their ids, their OpenAPI version and the seeded sample.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use super::Result;
use super::fetch::Collection;

pub struct Spec {
    /// `<collection>/<path inside it>`, stable across machines: the report's and CI's key.
    pub id: String,
    pub collection: &'static str,
    pub path: PathBuf,
    pub version: Version,
    pub bytes: u64,
}

/// The version field a document declares.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    OpenApi30,
    OpenApi31,
    /// Anything else (Swagger 2.0, no version, not JSON); oasforge is not run on it.
    Other(String),
}

impl Version {
    pub fn is_supported(&self) -> bool {
        matches!(self, Self::OpenApi30 | Self::OpenApi31)
    }

    pub fn label(&self) -> &str {
        match self {
            Self::OpenApi30 => "OpenAPI 3.0",
            Self::OpenApi31 => "OpenAPI 3.1",
            Self::Other(label) => label,
        }
    }
}

/// Just the fields that name the version; serde skips the rest of the document.
#[derive(serde::Deserialize)]
struct Head {
    openapi: Option<serde_json::Value>,
    swagger: Option<serde_json::Value>,
}

fn version_of(path: &PathBuf) -> Version {
    let Ok(file) = File::open(path) else {
        return Version::Other("unreadable".into());
    };
    let head: Head = match serde_json::from_reader(BufReader::new(file)) {
        Ok(head) => head,
        Err(_) => return Version::Other("not JSON".into()),
    };
    match (head.openapi, head.swagger) {
        (Some(serde_json::Value::String(version)), _) if version.starts_with("3.0.") => {
            Version::OpenApi30
        }
        (Some(serde_json::Value::String(version)), _) if version.starts_with("3.1.") => {
            Version::OpenApi31
        }
        (Some(version), _) => Version::Other(format!("openapi {version}")),
        (None, Some(version)) => Version::Other(format!("swagger {version}")),
        (None, None) => Version::Other("no version field".into()),
    }
}

/// Every document of `collections`, sorted by id.
pub fn discover(collections: &[(&'static Collection, PathBuf)]) -> Result<Vec<Spec>> {
    let mut specs = Vec::new();
    for (collection, dir) in collections {
        for relative in collection.documents(dir)? {
            let path = dir.join(&relative);
            let bytes = path.metadata()?.len();
            specs.push(Spec {
                id: format!("{}/{}", collection.name, relative.display()),
                collection: collection.name,
                version: version_of(&path),
                path,
                bytes,
            });
        }
    }
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(specs)
}

/// `size` supported documents of `collection`, drawn by `seed`: each id is hashed with the seed
/// and the lowest hashes win, so a smaller sample is a subset of a larger one.
pub fn sample(specs: &[Spec], collection: &str, size: usize, seed: u64) -> BTreeSet<usize> {
    let mut ranked: Vec<(u64, usize)> = specs
        .iter()
        .enumerate()
        .filter(|(_, spec)| spec.collection == collection && spec.version.is_supported())
        .map(|(index, spec)| (fnv1a(seed, spec.id.as_bytes()), index))
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(size)
        .map(|(_, index)| index)
        .collect()
}

/// FNV-1a: tiny, and the same on every platform (std's hasher is randomly keyed).
fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for byte in seed.to_le_bytes().iter().chain(bytes) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str) -> Spec {
        Spec {
            id: id.into(),
            collection: "c",
            path: PathBuf::new(),
            version: Version::OpenApi30,
            bytes: 0,
        }
    }

    #[test]
    fn a_smaller_sample_is_part_of_a_larger_one_and_the_seed_changes_it() {
        let specs: Vec<Spec> = (0..50).map(|n| spec(&format!("c/{n}.json"))).collect();
        let small = sample(&specs, "c", 5, 1);
        let large = sample(&specs, "c", 20, 1);
        assert_eq!(small.len(), 5);
        assert!(small.is_subset(&large));
        assert_ne!(small, sample(&specs, "c", 5, 2));
        assert_eq!(small, sample(&specs, "c", 5, 1));
    }
}
