//! Stage 1: bytes -> document value.
//!
//! The format is decided by content, not by file name: a document whose first significant
//! character is `{` is JSON, anything else is YAML. YAML is read by serde-saphyr with the
//! settings an OpenAPI document needs (see `yaml_options`).

mod parallel_json;
mod value;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};
use crate::error::Error;

/// The text of a spec and where it came from; kept so diagnostics can be placed later.
#[derive(Debug, Clone)]
pub struct Source {
    /// How to name the spec in messages: its path, or `<input>`.
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Source {
    pub fn from_path(path: &Path) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut source = Self::from_bytes(path.display().to_string(), bytes)?;
        source.path = Some(path.to_owned());
        Ok(source)
    }

    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Error> {
        let name = name.into();
        let text = String::from_utf8(bytes).map_err(|err| {
            let before = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let location = offset_location(before);
            Error::spec(
                &name,
                Diagnostic::error("", "the spec is not valid UTF-8").at(location),
            )
        })?;
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let format = if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Yaml
        };
        Ok(Self {
            name,
            path: None,
            text,
            format,
        })
    }

    /// Parses the text into a JSON value (YAML is mapped onto the JSON data model), with the
    /// nesting bounded by [`crate::limits::MAX_DOCUMENT_DEPTH`].
    pub fn parse(&self) -> Result<Value, Error> {
        let failure = value::Failure::default();
        let mut diagnostic = match self.format {
            Format::Json => match parallel_json::parse(&self.text, &failure) {
                Ok(value) => return Ok(value),
                Err(err) => {
                    let message = format!("invalid JSON: {}", strip_position(&err.to_string()));
                    Diagnostic::error("", message).at(Location {
                        line: err.line(),
                        column: char_column(&self.text, err.line(), err.column()),
                    })
                }
            },
            Format::Yaml => {
                let read = serde_saphyr::with_deserializer_from_str_with_options(
                    &self.text,
                    yaml_options(),
                    |deserializer| {
                        serde::de::DeserializeSeed::deserialize(
                            value::Bounded {
                                enclosing: 0,
                                failure: &failure,
                            },
                            deserializer,
                        )
                    },
                );
                match read {
                    Ok(value) => return Ok(value),
                    Err(err) => {
                        let diagnostic =
                            Diagnostic::error("", format!("invalid YAML: {}", yaml_message(&err)));
                        match err.location().filter(|at| at.line() > 0) {
                            Some(at) => diagnostic.at(Location {
                                line: at.line() as usize,
                                column: at.column() as usize,
                            }),
                            None => diagnostic,
                        }
                    }
                }
            }
        };
        if failure.too_deep() {
            diagnostic.message = format!(
                "objects and arrays nest deeper than {} levels here, oasforge's limit (see the README, \"Nesting limits\")",
                crate::limits::MAX_DOCUMENT_DEPTH
            );
            diagnostic.pointer = failure.pointer();
        }
        Err(Error::spec(&self.name, diagnostic))
    }
}

/// serde-saphyr configured for OpenAPI documents:
/// - YAML 1.2 booleans only: `on`, `off`, `yes`, `no` stay strings (GitHub's spec has
///   `enum: [off, ...]`, which YAML 1.1 rules would turn into `false`);
/// - a node budget sized for the largest public specs (GitHub's is ~260k lines and exceeds
///   the default of 250,000 nodes), still bounded so a hostile file cannot exhaust memory;
/// - duplicate keys are an error with their location, never a silent overwrite.
fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    // A backstop: the reader's own limit (`value`) answers first, naming the node.
    budget.max_depth = 2 * crate::limits::MAX_DOCUMENT_DEPTH;
    budget.max_total_scalar_bytes = 512 * 1024 * 1024;
    budget.max_reader_input_bytes = Some(1024 * 1024 * 1024);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

fn yaml_message(err: &serde_saphyr::Error) -> String {
    let message = strip_position(&err.to_string());
    // The parser's hint is for its API's callers, not for the spec's author.
    match message.find(", set DuplicateKeyPolicy") {
        Some(index) => message[..index].to_owned(),
        None => message,
    }
}

/// Drops a trailing "at line X column Y" from a parser message; we print the place ourselves.
fn strip_position(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    match first_line.rfind(" at line ") {
        Some(index) => first_line[..index].to_owned(),
        None => first_line.to_owned(),
    }
}

fn offset_location(before: &[u8]) -> Location {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    Location { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Value, Error> {
        Source::from_bytes("<test>", text.as_bytes().to_vec())?.parse()
    }

    #[test]
    fn format_is_decided_by_content() {
        let json = Source::from_bytes("spec.yaml", b"  {\"a\": 1}".to_vec()).unwrap();
        assert_eq!(json.format, Format::Json);
        let yaml = Source::from_bytes("spec.json", b"a: 1".to_vec()).unwrap();
        assert_eq!(yaml.format, Format::Yaml);
    }

    #[test]
    fn yaml_keeps_yaml_1_1_booleans_as_strings() {
        let value = load("enum: [off, on, yes, no, true]\ncode: '1'\n200: ok\n").unwrap();
        assert_eq!(
            value["enum"],
            serde_json::json!(["off", "on", "yes", "no", true])
        );
        assert_eq!(value["code"], "1");
        assert_eq!(value["200"], "ok");
    }

    #[test]
    fn yaml_syntax_errors_have_a_line_and_column() {
        let err = load("openapi: 3.1.0\ninfo:\n  title: [unclosed\n").unwrap_err();
        let diagnostic = err.diagnostic().unwrap();
        assert!(
            diagnostic.message.starts_with("invalid YAML"),
            "{diagnostic}"
        );
        assert!(diagnostic.location.unwrap().line >= 3, "{diagnostic}");
    }

    #[test]
    fn duplicate_yaml_keys_are_errors() {
        let err = load("a: 1\nb: 2\na: 3\n").unwrap_err();
        let diagnostic = err.diagnostic().unwrap();
        assert!(diagnostic.message.contains("uplicate"), "{diagnostic}");
        assert_eq!(diagnostic.location.unwrap().line, 3, "{diagnostic}");
    }

    #[test]
    fn json_syntax_errors_have_a_line_and_column() {
        let err = load("{\n  \"a\": 1,\n  \"b\": }\n").unwrap_err();
        let diagnostic = err.diagnostic().unwrap();
        assert_eq!(diagnostic.location, Some(Location { line: 3, column: 8 }));
    }

    #[test]
    fn invalid_utf8_is_an_error_with_a_place() {
        let err = Source::from_bytes("x", b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        let diagnostic = err.diagnostic().unwrap();
        assert_eq!(diagnostic.location, Some(Location { line: 2, column: 4 }));
    }
}

/// serde_json counts an error's column in bytes; diagnostics count characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count() + 1
}

#[cfg(test)]
mod column_tests {
    #[test]
    fn a_json_error_column_counts_characters() {
        // `é` is two bytes: serde_json says column 9 for the `x` after it, the ninth byte.
        let text = "{\"a\": \"é\" x}";
        assert_eq!(super::char_column(text, 1, 9), 8);
        assert_eq!(super::char_column("ab\ncd", 2, 2), 2);
        assert_eq!(
            super::char_column("ab", 5, 3),
            3,
            "a line past the end keeps the column"
        );
    }
}
