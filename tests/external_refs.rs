//! External `$ref`s: a spec split over files is bundled into one document; references that
//! leave the spec's folder are refused unless allowed.

use std::path::PathBuf;

use oasforge::{Generator, Settings};

fn spec(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("specs/external")
        .join(path)
}

#[test]
fn a_split_spec_generates_as_one() {
    let generated = Generator::new(Settings::everything())
        .generate_path(&spec("main.yaml"))
        .unwrap();
    for item in [
        "pub struct Pet",
        "pub struct Problem",
        "pub enum Tag",
        "pub struct Owner",
    ] {
        assert!(generated.code.contains(item), "{item}");
    }
    // `pet.yaml` is referenced twice (`./pet.yaml` and `pet.yaml#`) and becomes one type.
    assert_eq!(generated.code.matches("pub struct Pet").count(), 1);
    assert!(
        generated.code.contains("pub owner")
            || generated.code.contains("pub pets: Option<Vec<Pet>>")
    );
    // The parameter from the shared file keeps its constraint.
    assert!(generated.code.contains("fn limit("));
    let mut read: Vec<String> = generated
        .files_read
        .iter()
        .map(|path| {
            path.strip_prefix(spec(""))
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    read.sort();
    assert_eq!(
        read,
        vec!["common/shared.yaml", "parts/limit.yaml", "pet.yaml"]
    );
    // A whole-file parameter lands among the parameters: `count_pets` has the setter too.
    assert_eq!(generated.code.matches("pub fn limit(").count(), 2);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

#[test]
fn references_outside_the_spec_folder_are_refused_unless_allowed() {
    let err = Generator::default()
        .generate_path(&spec("outside.yaml"))
        .unwrap_err();
    let diagnostic = err.diagnostic().unwrap();
    assert_eq!(diagnostic.pointer, "#/components/schemas/Invite/$ref");
    assert!(
        diagnostic.message.contains("leaves the spec's folder"),
        "{diagnostic}"
    );
    assert_eq!(diagnostic.location.map(|l| l.line), Some(8));

    let allowed = Generator::new(Settings {
        allow_outside_refs: true,
        ..Settings::default()
    })
    .generate_path(&spec("outside.yaml"))
    .unwrap();
    assert!(allowed.code.contains("pub struct Invite"));
}

#[test]
fn a_missing_file_is_an_error_at_the_ref() {
    let err = Generator::default()
        .generate_path(&spec("missing.yaml"))
        .unwrap_err();
    let diagnostic = err.diagnostic().unwrap();
    assert_eq!(diagnostic.pointer, "#/components/schemas/Gone/$ref");
    assert!(diagnostic.message.contains("cannot read"), "{diagnostic}");
}

#[test]
fn specs_read_from_memory_cannot_reach_files() {
    let text = std::fs::read(spec("main.yaml")).unwrap();
    let err = Generator::default()
        .generate_bytes("main.yaml", text)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("needs the spec to be read from a path"),
        "{err}"
    );
}

#[test]
fn diagnostics_about_a_node_of_another_file_name_that_file_and_place() {
    let generated = Generator::default()
        .generate_path(&spec("warned.yaml"))
        .unwrap();
    let [warning] = generated.warnings.as_slice() else {
        panic!("one warning: {:?}", generated.warnings);
    };
    assert_eq!(
        warning.file.as_deref(),
        Some(spec("common/defective.yaml").as_path())
    );
    assert_eq!(warning.pointer, "#/components/schemas/Size/enum/2");
    let at = warning.location.expect("placed in the other file");
    assert_eq!((at.line, at.column), (7, 28));
    let named = format!(
        "{}#/components/schemas/Size/enum/2",
        std::path::Path::new("common")
            .join("defective.yaml")
            .display()
    );
    assert!(warning.to_string().contains(&named), "{warning}");

    let err = Generator::default()
        .generate_path(&spec("broken.yaml"))
        .unwrap_err();
    let diagnostic = err.diagnostic().unwrap();
    assert_eq!(
        diagnostic.file.as_deref(),
        Some(spec("common/defective.yaml").as_path())
    );
    assert_eq!(
        diagnostic.pointer,
        "#/components/schemas/Broken/properties/name/properties/type"
    );
    assert_eq!(diagnostic.location.map(|at| at.line), Some(12));
}
