//! Generation is a function of the spec's content: the same bytes every run, and the same
//! bytes when the spec lists its component schemas in another order.

use std::path::Path;

use oasforge::{Generator, Settings};
use serde_json::Value;

fn specs() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    let mut specs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    specs.sort();
    assert!(specs.len() >= 3);
    specs
}

#[test]
fn generating_twice_gives_identical_bytes() {
    for spec in specs() {
        let first = Generator::new(Settings::everything())
            .generate_path(&spec)
            .unwrap();
        let second = Generator::new(Settings::everything())
            .generate_path(&spec)
            .unwrap();
        assert_eq!(first.code, second.code, "{}", spec.display());
        assert_eq!(first.warnings, second.warnings, "{}", spec.display());
    }
}

#[test]
fn component_order_does_not_change_the_output() {
    for spec in specs() {
        let original = Generator::new(Settings::everything())
            .generate_path(&spec)
            .unwrap();
        let source = oasforge::load::Source::from_path(&spec).unwrap();
        let mut document = source.parse().unwrap();
        let Some(Value::Object(schemas)) = document.pointer_mut("/components/schemas") else {
            continue;
        };
        let reversed: serde_json::Map<String, Value> =
            std::mem::take(schemas).into_iter().rev().collect();
        *schemas = reversed;
        let name = spec.file_name().unwrap().to_str().unwrap();
        let shuffled = Generator::new(Settings::everything())
            .generate_bytes(name, serde_json::to_vec_pretty(&document).unwrap())
            .unwrap();
        assert_eq!(original.code, shuffled.code, "{}", spec.display());
    }
}
