//! Helpers for the library's unit tests.

use crate::Settings;
use crate::ir::Ir;
use crate::load::Source;

/// A 3.1 document with `schemas` (YAML, one schema per top-level key) as its component
/// schemas.
pub(crate) fn spec_with_schemas(schemas: &str) -> String {
    format!(
        "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\ncomponents:\n  schemas:\n{}",
        schemas
            .lines()
            .map(|line| format!("    {line}\n"))
            .collect::<String>()
    )
}

/// The IR of a whole document, which must resolve.
pub(crate) fn resolve_spec(yaml: &str, settings: Settings) -> Ir {
    let source = Source::from_bytes("test.yaml", yaml.as_bytes().to_vec()).unwrap();
    let (ir, _, _) = crate::Generator::new(settings)
        .resolve_source(&source)
        .unwrap();
    ir
}
