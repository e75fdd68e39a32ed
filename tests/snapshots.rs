//! The generated code and the diagnostics for every spec in `specs/`, pinned with insta.
//! These snapshots are what a reviewer reads when a change alters generated code.

use oasforge::{Generator, Settings};

#[test]
fn generated_code() {
    insta::glob!("../specs", "*.{yaml,json}", |path| {
        let generated = Generator::new(Settings::everything())
            .generate_path(path)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        insta::assert_snapshot!(generated.code);
    });
}

#[test]
fn warnings() {
    insta::glob!("../specs", "*.{yaml,json}", |path| {
        let generated = Generator::new(Settings::everything())
            .generate_path(path)
            .unwrap();
        let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(warnings.join("\n"));
    });
}

#[test]
fn errors_for_invalid_specs() {
    insta::glob!("../specs/invalid", "*.{yaml,json}", |path| {
        let err = Generator::new(Settings::everything())
            .generate_path(path)
            .expect_err("an invalid spec must not generate");
        let diagnostic = err.diagnostic().expect("the error is about the spec");
        assert!(
            diagnostic.location.is_some(),
            "every error in a spec file has a line: {err}"
        );
        insta::assert_snapshot!(diagnostic.to_string());
    });
}
