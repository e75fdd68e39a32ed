//! Conditions between an object's properties (JSON Schema's `if`/`then`/`else` and
//! `dependentSchemas`), read once the rewrites are done (`const` is then an `enum`) and kept
//! beside openapiv3's object types, which have no place for them. No Rust type says them:
//! the server checks them in requests.
//!
//! What is read is the part a typed value can be tested against: in `if`, which properties
//! are present (`required`) and which of a few values they hold (`enum`/`const`); in `then` and
//! `else`, which must be present and the validation keywords of each property. Anything else
//! in a condition is warned at its place: an `if` that says more is not checked at all (its
//! outcome could not be told), a `then` or `else` loses only what it cannot say.

use std::collections::HashMap;

use openapiv3::{ReferenceOr, Schema};
use serde_json::{Map, Value};

use super::schema_reader;
use crate::diagnostic::{Warnings, pointer_join};

/// One condition of an object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    /// Where it is (`…/if`, or `…/dependentSchemas/card`).
    pub at: String,
    /// What must hold of the object for `then` to apply (else `otherwise`).
    pub when: Clause,
    pub then: Clause,
    pub otherwise: Clause,
}

/// What a clause says of an object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clause {
    /// Where it is.
    pub at: String,
    /// Properties that must be present.
    pub required: Vec<String>,
    /// Rules on properties, each applying when the property is present.
    pub properties: Vec<PropertyRule>,
}

/// A clause's rule on one property.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRule {
    pub name: String,
    /// The property's schema in the clause.
    pub at: String,
    /// `enum` (or `const`): the values it may hold.
    pub values: Option<Vec<Value>>,
    /// The schema, read for its validation keywords (`then`/`else` only).
    pub schema: Option<ReferenceOr<Schema>>,
}

/// Keywords a clause may hold beside `properties` and `required` without changing what it
/// says of a valid object.
const NOTES: &[&str] = &["type", "title", "description", "$comment"];
/// Keywords of a property schema in `if` besides `enum` that say nothing a test needs
/// (`type` and `nullable` only where every listed value already is of the type).
const VALUE_NOTES: &[&str] = &["title", "description", "$comment"];
/// The keywords of a property schema in `then`/`else` that are checked (`const` is `enum` by
/// now), and the ones that say nothing a check needs.
const CHECKED: &[&str] = &[
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "items",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "type",
    "format",
    "nullable",
    "title",
    "description",
    "$comment",
];

/// Reads the conditions of each object schema at `places` (pointers into `document`).
pub(super) fn read(
    document: &Value,
    places: Vec<String>,
    warnings: &mut Warnings,
) -> HashMap<String, Vec<Conditional>> {
    let mut conditions: HashMap<String, Vec<Conditional>> = HashMap::new();
    for place in places {
        let Some(schema) = super::schema_at(document, &place) else {
            continue;
        };
        let mut found = Vec::new();
        if let Some(condition) = schema.get("if") {
            let at = pointer_join(&place, "if");
            let clause = |key: &str, warnings: &mut Warnings| match schema.get(key) {
                Some(value) => outcome(value, &pointer_join(&place, key), warnings),
                None => Clause::default(),
            };
            let then = clause("then", warnings);
            let otherwise = clause("else", warnings);
            let asks_nothing = then.is_empty() && otherwise.is_empty();
            if asks_nothing {
                // Nothing to check, whatever the test says.
            } else if let Some(when) = test(condition, &at, warnings) {
                found.push(Conditional {
                    at,
                    when,
                    then,
                    otherwise,
                });
            }
        }
        if let Some(Value::Object(dependents)) = schema.get("dependentSchemas") {
            let listed_at = pointer_join(&place, "dependentSchemas");
            for (property, dependent) in dependents {
                let at = pointer_join(&listed_at, property);
                let then = outcome(dependent, &at, warnings);
                if then.is_empty() {
                    continue;
                }
                found.push(Conditional {
                    when: Clause {
                        at: at.clone(),
                        required: vec![property.clone()],
                        properties: Vec::new(),
                    },
                    then,
                    otherwise: Clause::default(),
                    at,
                });
            }
        }
        if !found.is_empty() {
            conditions.entry(place).or_default().extend(found);
        }
    }
    conditions
}

/// An `if` schema as a test, or `None` (warned) when it says what a test cannot tell.
fn test(schema: &Value, at: &str, warnings: &mut Warnings) -> Option<Clause> {
    let refuse = |at: String, key: &str, warnings: &mut Warnings| {
        warnings.push(
            at,
            format!(
                "`{key}` in an `if` is not checked; the condition (with its `then` and `else`) is not checked by the server"
            ),
        );
        None
    };
    let Value::Object(schema) = schema else {
        return refuse(at.to_owned(), "a schema that is not an object", warnings);
    };
    let known = |key: &String| {
        ["properties", "required"].contains(&key.as_str()) || NOTES.contains(&key.as_str())
    };
    if let Some(key) = schema.keys().find(|key| !known(key)) {
        return refuse(pointer_join(at, key), key, warnings);
    }
    let mut clause = Clause {
        at: at.to_owned(),
        required: required(schema),
        properties: Vec::new(),
    };
    let properties_at = pointer_join(at, "properties");
    for (name, property) in properties(schema) {
        let property_at = pointer_join(&properties_at, name);
        let Value::Object(property) = property else {
            return refuse(property_at, "a schema that is not an object", warnings);
        };
        let values = property.get("enum").and_then(Value::as_array);
        // `type` and `nullable` say nothing more where the listed values are all of the type.
        let implied = |key: &str| match key {
            "type" => values
                .is_some_and(|values| values.iter().all(|value| of_type(value, &property["type"]))),
            "nullable" => values.is_some(),
            _ => false,
        };
        let known =
            |key: &String| key == "enum" || VALUE_NOTES.contains(&key.as_str()) || implied(key);
        if let Some(key) = property.keys().find(|key| !known(key)) {
            return refuse(pointer_join(&property_at, key), key, warnings);
        }
        clause.properties.push(PropertyRule {
            name: name.clone(),
            at: property_at,
            values: property.get("enum").and_then(Value::as_array).cloned(),
            schema: None,
        });
    }
    Some(clause)
}

/// A `then`, `else` or `dependentSchemas` schema as what it requires: what it says beyond
/// that is warned and left unchecked.
fn outcome(schema: &Value, at: &str, warnings: &mut Warnings) -> Clause {
    let Value::Object(schema) = schema else {
        // Booleans are `{}` (`true`) or `{not: {}}` (`false`) once rewritten.
        return Clause::default();
    };
    for key in schema.keys() {
        if !["properties", "required"].contains(&key.as_str()) && !NOTES.contains(&key.as_str()) {
            warnings.push(
                pointer_join(at, key),
                format!("`{key}` in a condition's outcome is not checked by the server"),
            );
        }
    }
    let properties_at = pointer_join(at, "properties");
    let properties = properties(schema)
        .filter_map(|(name, property)| {
            let property_at = pointer_join(&properties_at, name);
            for key in property.as_object().into_iter().flat_map(Map::keys) {
                if !CHECKED.contains(&key.as_str()) {
                    warnings.push(
                        pointer_join(&property_at, key),
                        format!("`{key}` in a condition's outcome is not checked by the server"),
                    );
                }
            }
            let read = schema_reader::reference_or_schema(property).ok();
            if read.is_none() {
                warnings.push(
                    property_at.clone(),
                    "this schema cannot be read; it is not checked by the server",
                );
            }
            Some(PropertyRule {
                name: name.clone(),
                values: property.get("enum").and_then(Value::as_array).cloned(),
                schema: Some(read?),
                at: property_at,
            })
        })
        .collect();
    Clause {
        at: at.to_owned(),
        required: required(schema),
        properties,
    }
}

impl Clause {
    /// It says nothing (a `then` of `true`, or of annotations only).
    fn is_empty(&self) -> bool {
        self.required.is_empty() && self.properties.is_empty()
    }
}

/// Whether `value` is of the JSON type(s) `ty` names (one name, or a list).
fn of_type(value: &Value, ty: &Value) -> bool {
    let is = |name: &str| match name {
        "string" => value.is_string(),
        "integer" => value.as_f64().is_some_and(|number| number.fract() == 0.0),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    };
    match ty {
        Value::String(name) => is(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn required(schema: &Map<String, Value>) -> Vec<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn properties(schema: &Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read_one(schema: Value) -> (Vec<Conditional>, Vec<String>) {
        let document = json!({"components": {"schemas": {"S": schema}}});
        let mut warnings = Warnings::default();
        let mut read = read(
            &document,
            vec!["#/components/schemas/S".to_owned()],
            &mut warnings,
        );
        let warnings = warnings
            .into_vec()
            .into_iter()
            .map(|w| format!("{}: {}", w.pointer, w.message))
            .collect();
        (
            read.remove("#/components/schemas/S").unwrap_or_default(),
            warnings,
        )
    }

    #[test]
    fn if_then_else_and_dependent_schemas_are_read() {
        let (found, warnings) = read_one(json!({
            "type": "object",
            "if": {"properties": {"country": {"enum": ["US"]}}, "required": ["country"]},
            "then": {"required": ["state"], "properties": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"}}},
            "else": {"required": ["postcode"]},
            "dependentSchemas": {"card": {"required": ["billing"], "maxProperties": 9}}
        }));
        assert_eq!(found.len(), 2);
        let [first, second] = &found[..] else {
            unreachable!()
        };
        assert_eq!(first.at, "#/components/schemas/S/if");
        assert_eq!(first.when.required, ["country"]);
        assert_eq!(first.when.properties[0].values, Some(vec![json!("US")]));
        assert_eq!(first.then.required, ["state"]);
        assert_eq!(first.then.properties[0].name, "zip");
        assert!(first.then.properties[0].schema.is_some());
        assert_eq!(first.otherwise.required, ["postcode"]);
        assert_eq!(second.at, "#/components/schemas/S/dependentSchemas/card");
        assert_eq!(second.when.required, ["card"]);
        assert_eq!(second.then.required, ["billing"]);
        assert_eq!(
            warnings,
            [
                "#/components/schemas/S/dependentSchemas/card/maxProperties: `maxProperties` in a condition's outcome is not checked by the server"
            ]
        );
    }

    #[test]
    fn an_if_that_says_more_than_a_test_can_tell_is_warned_and_dropped() {
        let (found, warnings) = read_one(json!({
            "if": {"properties": {"n": {"minimum": 3}}},
            "then": {"required": ["m"]}
        }));
        assert!(found.is_empty());
        assert_eq!(
            warnings,
            [
                "#/components/schemas/S/if/properties/n/minimum: `minimum` in an `if` is not checked; the condition (with its `then` and `else`) is not checked by the server"
            ]
        );
        let (found, warnings) =
            read_one(json!({"if": {"anyOf": [{}]}, "then": {"required": ["m"]}}));
        assert!(found.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        // A `type` test is one only where the listed values do not already say it.
        let (found, warnings) = read_one(json!({
            "if": {"properties": {"n": {"type": "string"}}},
            "then": {"required": ["m"]}
        }));
        assert!(found.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (found, warnings) = read_one(json!({
            "if": {"properties": {"n": {"type": "string", "enum": ["a"]}}},
            "then": {"required": ["m"]}
        }));
        assert_eq!((found.len(), warnings.len()), (1, 0), "{warnings:?}");
        // A condition whose outcomes ask nothing is no condition, whatever it tests.
        let (found, warnings) = read_one(json!({
            "if": {"properties": {"n": {"minimum": 1}}},
            "then": {"description": "nothing"},
            "dependentSchemas": {"n": true}
        }));
        assert_eq!((found.len(), warnings.len()), (0, 0), "{warnings:?}");
        // What an outcome says of a property beyond its checked keywords is warned.
        let (found, warnings) = read_one(json!({
            "if": {"required": ["n"]},
            "then": {"properties": {"m": {"required": ["x"], "maxLength": 3}}}
        }));
        assert_eq!(found.len(), 1);
        assert_eq!(
            warnings,
            [
                "#/components/schemas/S/then/properties/m/required: `required` in a condition's outcome is not checked by the server"
            ]
        );
    }
}
