//! What the keys of an object may be (JSON Schema's `patternProperties` and `propertyNames`,
//! and which must come together: `dependentRequired`),
//! read once the rewrites are done (the value schemas are then 3.0-shaped like every schema)
//! and kept beside openapiv3's object types, which have no place for them.

use std::collections::HashMap;

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::schema_reader;
use crate::diagnostic::{Diagnostic, Warnings, pointer_join};

/// The key rules of one object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRules {
    /// `patternProperties`: each pattern with the schema of the values of the keys it matches.
    pub patterns: Vec<(String, ReferenceOr<Schema>)>,
    /// `additionalProperties: false` beside the patterns: every key must match one.
    pub closed: bool,
    /// `propertyNames`: what every key must be, as a string.
    pub names: NameRules,
    /// `dependentRequired`: a property, and the ones that must be present when it is.
    pub dependent_required: Vec<(String, Vec<String>)>,
}

/// The string keywords of `propertyNames` (the ones a key can be checked against).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameRules {
    pub pattern: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
}

/// Reads the key rules of each object schema at `places` (pointers into `document`); a value
/// schema that is not a schema is an error at its place, a `propertyNames` keyword that
/// cannot be checked a warning.
pub(super) fn read(
    document: &Value,
    places: Vec<String>,
    warnings: &mut Warnings,
) -> Result<HashMap<String, KeyRules>, Diagnostic> {
    let mut rules = HashMap::new();
    for place in places {
        let Some(schema) = super::schema_at(document, &place) else {
            continue;
        };
        let patterns_at = pointer_join(&place, "patternProperties");
        let mut patterns = Vec::new();
        if let Some(Value::Object(listed)) = schema.get("patternProperties") {
            for (pattern, value) in listed {
                let value = schema_reader::reference_or_schema(value).map_err(|unreadable| {
                    unreadable.into_diagnostic(&pointer_join(&patterns_at, pattern))
                })?;
                patterns.push((pattern.clone(), value));
            }
        }
        let names_at = pointer_join(&place, "propertyNames");
        let names = match schema.get("propertyNames") {
            Some(Value::Object(names)) => name_rules(names, &names_at, warnings),
            Some(_) => {
                warnings.push(
                    names_at,
                    "`propertyNames` is not an object; the keys are not checked",
                );
                NameRules::default()
            }
            None => NameRules::default(),
        };
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let dependent_required = match schema.get("dependentRequired") {
            Some(Value::Object(listed)) => listed
                .iter()
                .map(|(property, required)| {
                    let required = required
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect();
                    (property.clone(), required)
                })
                .collect(),
            _ => Vec::new(),
        };
        rules.insert(
            place,
            KeyRules {
                patterns,
                closed,
                names,
                dependent_required,
            },
        );
    }
    Ok(rules)
}

/// The keywords of a `propertyNames` schema a key can be checked against; any other is
/// warned at its place.
fn name_rules(
    names: &serde_json::Map<String, Value>,
    at: &str,
    warnings: &mut Warnings,
) -> NameRules {
    let length = |key: &str| {
        names
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|length| usize::try_from(length).ok())
    };
    let rules = NameRules {
        pattern: names
            .get("pattern")
            .and_then(Value::as_str)
            .map(str::to_owned),
        min_length: length("minLength"),
        max_length: length("maxLength"),
    };
    for key in names.keys() {
        let understood = matches!(
            key.as_str(),
            "pattern" | "minLength" | "maxLength" | "type" | "description" | "title"
        );
        if !understood {
            warnings.push(
                pointer_join(at, key),
                format!("`{key}` in `propertyNames` is not checked; `pattern`, `minLength` and `maxLength` are"),
            );
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(schema: Value) -> (Option<KeyRules>, Vec<String>) {
        let document = json!({"components": {"schemas": {"M": schema}}});
        let place = "#/components/schemas/M".to_owned();
        let mut warnings = Warnings::default();
        let mut read = read(&document, vec![place.clone()], &mut warnings).unwrap();
        let pointers = warnings.into_vec().into_iter().map(|w| w.pointer).collect();
        (read.remove(&place), pointers)
    }

    #[test]
    fn patterns_with_their_value_schemas_and_the_checkable_name_rules_are_read() {
        let (read, warned) = rules(json!({
            "type": "object",
            "patternProperties": {"^x-": {"type": "string"}, "^[0-9]+$": {"type": "integer"}},
            "additionalProperties": false,
            "propertyNames": {"pattern": "^[a-z0-9-]+$", "maxLength": 20, "enum": ["a"]}
        }));
        let read = read.unwrap();
        let patterns: Vec<&str> = read.patterns.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(patterns, ["^x-", "^[0-9]+$"]);
        assert!(read.closed);
        assert_eq!(
            read.names,
            NameRules {
                pattern: Some("^[a-z0-9-]+$".into()),
                min_length: None,
                max_length: Some(20)
            }
        );
        assert_eq!(warned, ["#/components/schemas/M/propertyNames/enum"]);
    }

    #[test]
    fn a_value_that_is_not_a_schema_is_an_error_at_its_pattern() {
        let document =
            json!({"components": {"schemas": {"M": {"patternProperties": {"^a/b": 3}}}}});
        let error = read(
            &document,
            vec!["#/components/schemas/M".into()],
            &mut Warnings::default(),
        )
        .unwrap_err();
        assert_eq!(
            error.pointer,
            "#/components/schemas/M/patternProperties/^a~1b"
        );
    }
}
