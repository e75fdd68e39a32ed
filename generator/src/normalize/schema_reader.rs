//! Reads every schema of the document into openapiv3's types, by openapiv3's rules (2.2's:
//! which keywords make a `string`, `integer`, ... schema, and when it is an `AnySchema`
//! instead), in one pass over the value.
//!
//! openapiv3's own `Deserialize` reads a schema through an untagged `ReferenceOr`, an
//! untagged `SchemaKind` and two flattened parts: serde buffers the subtree again at each of
//! them and, when a variant fails deep inside, tries the next one, which fails there again.
//! That made a mistake 18 levels down cost seconds, each level doubling it, and the error
//! named the root schema. So no schema reaches it: this reader decides, in time linear in
//! the schema, and a schema it refuses is an error at the node that is wrong. It is also
//! where the schema nesting limit ([`MAX_SCHEMA_DEPTH`]) is enforced. `reads_as_openapiv3_does`
//! checks it against openapiv3 on what both accept.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator, ExternalDocumentation,
    IntegerType, NumberType, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType,
    Type,
};
use serde_json::{Map, Number, Value};

use crate::diagnostic::{Diagnostic, pointer_join};
use crate::limits::MAX_SCHEMA_DEPTH;

/// Why a schema cannot be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// Keys and indexes from the wrong node up to the root schema, innermost first (built
    /// only on failure, as the error travels up).
    path: Vec<String>,
    message: String,
}

impl Unreadable {
    fn expected(what: &str, found: &Value) -> Self {
        let found = match found {
            Value::Null => "null".to_owned(),
            Value::Bool(value) => format!("`{value}`"),
            Value::Number(value) => format!("the number {value}"),
            Value::String(value) => format!("the string {value:?}"),
            Value::Array(_) => "a list".to_owned(),
            Value::Object(_) => "a mapping".to_owned(),
        };
        Self {
            path: Vec::new(),
            message: format!("expected {what}, found {found}"),
        }
    }

    fn within(mut self, key: impl Into<String>) -> Self {
        self.path.push(key.into());
        self
    }

    /// The error, for a root schema at `at`.
    pub fn into_diagnostic(self, at: &str) -> Diagnostic {
        let pointer = self
            .path
            .iter()
            .rev()
            .fold(at.to_owned(), |pointer, key| pointer_join(&pointer, key));
        Diagnostic::error(pointer, format!("invalid schema: {}", self.message))
    }
}

type Read<T> = Result<T, Unreadable>;

/// A root schema (a component schema, or a parameter's, header's or media type's), as
/// openapiv3 would read it when it accepts it.
pub fn reference_or_schema(value: &Value) -> Read<ReferenceOr<Schema>> {
    read(value, 1)
}

/// A schema nested `depth` levels deep.
fn read(value: &Value, depth: usize) -> Read<ReferenceOr<Schema>> {
    let Some(map) = value.as_object() else {
        return Err(Unreadable::expected("a schema (a mapping)", value));
    };
    if depth > MAX_SCHEMA_DEPTH {
        return Err(Unreadable {
            path: Vec::new(),
            message: format!(
                "schemas nest deeper than {MAX_SCHEMA_DEPTH} levels here, oasforge's limit (see the README, \"Nesting limits\")"
            ),
        });
    }
    match map.get("$ref") {
        // Whatever else is beside it: openapiv3 tries the reference first.
        Some(Value::String(reference)) => Ok(ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        Some(other) => Err(Unreadable::expected("a string", other).within("$ref")),
        None => Ok(ReferenceOr::Item(schema(map, depth)?)),
    }
}

fn boxed(value: &Value, depth: usize) -> Read<ReferenceOr<Box<Schema>>> {
    Ok(match read(value, depth)? {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
    })
}

fn schema(map: &Map<String, Value>, depth: usize) -> Read<Schema> {
    let mut data = SchemaData::default();
    let mut kind = Keywords::default();
    for (key, value) in map {
        let mut keyword = || -> Read<()> {
            match key.as_str() {
                "nullable" => data.nullable = boolean(value)?,
                "readOnly" => data.read_only = boolean(value)?,
                "writeOnly" => data.write_only = boolean(value)?,
                "deprecated" => data.deprecated = boolean(value)?,
                "externalDocs" => {
                    data.external_docs =
                        optional(value, |v| parsed::<ExternalDocumentation>(v, "a url"))?
                }
                "example" => data.example = optional(value, |v| Ok(v.clone()))?,
                "default" => data.default = optional(value, |v| Ok(v.clone()))?,
                "title" => data.title = optional(value, string)?,
                "description" => data.description = optional(value, string)?,
                "discriminator" => {
                    data.discriminator = optional(value, |v| {
                        parsed::<Discriminator>(v, "a discriminator (`propertyName`, `mapping`)")
                    })?
                }
                _ if key.starts_with("x-") => {
                    data.extensions.insert(key.clone(), value.clone());
                }
                _ => kind.read(key, value, depth)?,
            }
            Ok(())
        };
        keyword().map_err(|err| err.within(key.as_str()))?;
    }
    Ok(Schema {
        schema_data: data,
        schema_kind: kind.into_kind(),
    })
}

/// `None` for JSON `null`, as serde reads an `Option`.
fn optional<T>(value: &Value, read: impl FnOnce(&Value) -> Read<T>) -> Read<Option<T>> {
    if value.is_null() {
        Ok(None)
    } else {
        read(value).map(Some)
    }
}

/// A small object openapiv3 reads itself (it holds no schema, so serde cannot go deep).
fn parsed<T: serde::de::DeserializeOwned>(value: &Value, what: &str) -> Read<T> {
    T::deserialize(value).map_err(|_| Unreadable::expected(what, value))
}

fn boolean(value: &Value) -> Read<bool> {
    value
        .as_bool()
        .ok_or_else(|| Unreadable::expected("`true` or `false`", value))
}

fn string(value: &Value) -> Read<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| Unreadable::expected("a string", value))
}

fn size(value: &Value) -> Read<usize> {
    value
        .as_u64()
        .and_then(|size| usize::try_from(size).ok())
        .ok_or_else(|| Unreadable::expected("a whole number of 0 or more", value))
}

fn number(value: &Value) -> Read<Number> {
    match value {
        Value::Number(number) => Ok(number.clone()),
        _ => Err(Unreadable::expected("a number", value)),
    }
}

fn list(value: &Value, depth: usize) -> Read<Vec<ReferenceOr<Schema>>> {
    let Some(items) = value.as_array() else {
        return Err(Unreadable::expected("a list of schemas", value));
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| read(item, depth + 1).map_err(|err| err.within(index.to_string())))
        .collect()
}

/// The keywords that decide a schema's kind, as openapiv3 collects them.
#[derive(Default)]
struct Keywords {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

// Which keywords a schema has, one bit each, to state what each kind allows.
const TYPE: u32 = 1;
const PATTERN: u32 = 1 << 1;
const MULTIPLE_OF: u32 = 1 << 2;
const EXCLUSIVE_MINIMUM: u32 = 1 << 3;
const EXCLUSIVE_MAXIMUM: u32 = 1 << 4;
const MINIMUM: u32 = 1 << 5;
const MAXIMUM: u32 = 1 << 6;
const PROPERTIES: u32 = 1 << 7;
const REQUIRED: u32 = 1 << 8;
const ADDITIONAL_PROPERTIES: u32 = 1 << 9;
const MIN_PROPERTIES: u32 = 1 << 10;
const MAX_PROPERTIES: u32 = 1 << 11;
const ITEMS: u32 = 1 << 12;
const MIN_ITEMS: u32 = 1 << 13;
const MAX_ITEMS: u32 = 1 << 14;
const UNIQUE_ITEMS: u32 = 1 << 15;
const ENUM: u32 = 1 << 16;
const FORMAT: u32 = 1 << 17;
const MIN_LENGTH: u32 = 1 << 18;
const MAX_LENGTH: u32 = 1 << 19;
const ONE_OF: u32 = 1 << 20;
const ALL_OF: u32 = 1 << 21;
const ANY_OF: u32 = 1 << 22;
const NOT: u32 = 1 << 23;

const STRING_KEYWORDS: u32 = TYPE | PATTERN | ENUM | FORMAT | MIN_LENGTH | MAX_LENGTH;
const NUMBER_KEYWORDS: u32 =
    TYPE | MULTIPLE_OF | EXCLUSIVE_MINIMUM | EXCLUSIVE_MAXIMUM | MINIMUM | MAXIMUM | ENUM | FORMAT;
const BOOLEAN_KEYWORDS: u32 = TYPE | ENUM;
const OBJECT_KEYWORDS: u32 =
    TYPE | PROPERTIES | REQUIRED | ADDITIONAL_PROPERTIES | MIN_PROPERTIES | MAX_PROPERTIES;
const ARRAY_KEYWORDS: u32 = TYPE | ITEMS | MIN_ITEMS | MAX_ITEMS | UNIQUE_ITEMS;

impl Keywords {
    /// Reads one keyword of a schema `depth` levels deep; other keys are ignored, as
    /// openapiv3 ignores them.
    fn read(&mut self, key: &str, value: &Value, depth: usize) -> Read<()> {
        let child = depth + 1;
        match key {
            "type" => self.typ = optional(value, string)?,
            "pattern" => self.pattern = optional(value, string)?,
            "multipleOf" => self.multiple_of = optional(value, number)?,
            "exclusiveMinimum" => self.exclusive_minimum = optional(value, boolean)?,
            "exclusiveMaximum" => self.exclusive_maximum = optional(value, boolean)?,
            "minimum" => self.minimum = optional(value, number)?,
            "maximum" => self.maximum = optional(value, number)?,
            "properties" => {
                self.properties = optional(value, |value| {
                    let Some(properties) = value.as_object() else {
                        return Err(Unreadable::expected("a mapping of schemas", value));
                    };
                    properties
                        .iter()
                        .map(|(name, schema)| {
                            let schema = boxed(schema, child).map_err(|err| err.within(name))?;
                            Ok((name.clone(), schema))
                        })
                        .collect()
                })?
            }
            "required" => {
                self.required = optional(value, |value| {
                    let Some(names) = value.as_array() else {
                        return Err(Unreadable::expected("a list of property names", value));
                    };
                    names
                        .iter()
                        .enumerate()
                        .map(|(index, name)| {
                            string(name).map_err(|err| err.within(index.to_string()))
                        })
                        .collect()
                })?
            }
            "additionalProperties" => {
                self.additional_properties = optional(value, |value| match value {
                    Value::Bool(any) => Ok(AdditionalProperties::Any(*any)),
                    _ => Ok(AdditionalProperties::Schema(Box::new(read(value, child)?))),
                })?
            }
            "minProperties" => self.min_properties = optional(value, size)?,
            "maxProperties" => self.max_properties = optional(value, size)?,
            "items" => self.items = optional(value, |value| boxed(value, child))?,
            "minItems" => self.min_items = optional(value, size)?,
            "maxItems" => self.max_items = optional(value, size)?,
            "uniqueItems" => self.unique_items = optional(value, boolean)?,
            "enum" => {
                self.enumeration = optional(value, |value| match value {
                    Value::Array(values) => Ok(values.clone()),
                    _ => Err(Unreadable::expected("a list of values", value)),
                })?
            }
            "format" => self.format = optional(value, string)?,
            "minLength" => self.min_length = optional(value, size)?,
            "maxLength" => self.max_length = optional(value, size)?,
            "oneOf" => self.one_of = optional(value, |value| list(value, depth))?,
            "allOf" => self.all_of = optional(value, |value| list(value, depth))?,
            "anyOf" => self.any_of = optional(value, |value| list(value, depth))?,
            "not" => self.not = optional(value, |value| read(value, child).map(Box::new))?,
            _ => {}
        }
        Ok(())
    }

    fn present(&self) -> u32 {
        let bits = [
            (self.typ.is_some(), TYPE),
            (self.pattern.is_some(), PATTERN),
            (self.multiple_of.is_some(), MULTIPLE_OF),
            (self.exclusive_minimum.is_some(), EXCLUSIVE_MINIMUM),
            (self.exclusive_maximum.is_some(), EXCLUSIVE_MAXIMUM),
            (self.minimum.is_some(), MINIMUM),
            (self.maximum.is_some(), MAXIMUM),
            (self.properties.is_some(), PROPERTIES),
            (self.required.is_some(), REQUIRED),
            (self.additional_properties.is_some(), ADDITIONAL_PROPERTIES),
            (self.min_properties.is_some(), MIN_PROPERTIES),
            (self.max_properties.is_some(), MAX_PROPERTIES),
            (self.items.is_some(), ITEMS),
            (self.min_items.is_some(), MIN_ITEMS),
            (self.max_items.is_some(), MAX_ITEMS),
            (self.unique_items.is_some(), UNIQUE_ITEMS),
            (self.enumeration.is_some(), ENUM),
            (self.format.is_some(), FORMAT),
            (self.min_length.is_some(), MIN_LENGTH),
            (self.max_length.is_some(), MAX_LENGTH),
            (self.one_of.is_some(), ONE_OF),
            (self.all_of.is_some(), ALL_OF),
            (self.any_of.is_some(), ANY_OF),
            (self.not.is_some(), NOT),
        ];
        bits.into_iter()
            .filter(|(present, _)| *present)
            .fold(0, |all, (_, bit)| all | bit)
    }

    /// The kind openapiv3 makes of these keywords: a typed schema when every keyword present
    /// belongs to its type (and every `enum` value is `null` or of the type), a composition
    /// when it is the only keyword, else `Any`.
    fn into_kind(self) -> SchemaKind {
        let present = self.present();
        let only = |allowed: u32| present & !allowed == 0;
        let enum_all = |fits: fn(&Value) -> bool| {
            self.enumeration
                .iter()
                .flatten()
                .all(|value| value.is_null() || fits(value))
        };
        let whole = |number: &Option<Number>| number.as_ref().is_none_or(Number::is_i64);
        match self.typ.as_deref() {
            Some("string") if only(STRING_KEYWORDS) && enum_all(Value::is_string) => {
                SchemaKind::Type(Type::String(StringType {
                    format: self.format.into(),
                    pattern: self.pattern,
                    enumeration: enumerated(self.enumeration, |v| v.as_str().map(str::to_owned)),
                    min_length: self.min_length,
                    max_length: self.max_length,
                }))
            }
            Some("number") if only(NUMBER_KEYWORDS) && enum_all(Value::is_number) => {
                SchemaKind::Type(Type::Number(NumberType {
                    format: self.format.into(),
                    multiple_of: self.multiple_of.as_ref().and_then(Number::as_f64),
                    exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                    exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                    minimum: self.minimum.as_ref().and_then(Number::as_f64),
                    maximum: self.maximum.as_ref().and_then(Number::as_f64),
                    enumeration: enumerated(self.enumeration, Value::as_f64),
                }))
            }
            Some("integer")
                if only(NUMBER_KEYWORDS)
                    && enum_all(Value::is_i64)
                    && whole(&self.multiple_of)
                    && whole(&self.minimum)
                    && whole(&self.maximum) =>
            {
                SchemaKind::Type(Type::Integer(IntegerType {
                    format: self.format.into(),
                    multiple_of: self.multiple_of.as_ref().and_then(Number::as_i64),
                    exclusive_minimum: self.exclusive_minimum.unwrap_or_default(),
                    exclusive_maximum: self.exclusive_maximum.unwrap_or_default(),
                    minimum: self.minimum.as_ref().and_then(Number::as_i64),
                    maximum: self.maximum.as_ref().and_then(Number::as_i64),
                    enumeration: enumerated(self.enumeration, Value::as_i64),
                }))
            }
            Some("boolean") if only(BOOLEAN_KEYWORDS) && enum_all(Value::is_boolean) => {
                SchemaKind::Type(Type::Boolean(BooleanType {
                    enumeration: enumerated(self.enumeration, Value::as_bool),
                }))
            }
            Some("object") if only(OBJECT_KEYWORDS) => SchemaKind::Type(Type::Object(ObjectType {
                properties: self.properties.unwrap_or_default(),
                required: self.required.unwrap_or_default(),
                additional_properties: self.additional_properties,
                min_properties: self.min_properties,
                max_properties: self.max_properties,
            })),
            Some("array") if only(ARRAY_KEYWORDS) => SchemaKind::Type(Type::Array(ArrayType {
                items: self.items,
                min_items: self.min_items,
                max_items: self.max_items,
                unique_items: self.unique_items.unwrap_or_default(),
            })),
            _ => match (present, self) {
                (
                    ONE_OF,
                    Keywords {
                        one_of: Some(one_of),
                        ..
                    },
                ) => SchemaKind::OneOf { one_of },
                (
                    ALL_OF,
                    Keywords {
                        all_of: Some(all_of),
                        ..
                    },
                ) => SchemaKind::AllOf { all_of },
                (
                    ANY_OF,
                    Keywords {
                        any_of: Some(any_of),
                        ..
                    },
                ) => SchemaKind::AnyOf { any_of },
                (NOT, Keywords { not: Some(not), .. }) => SchemaKind::Not { not },
                (_, keywords) => SchemaKind::Any(keywords.into_any()),
            },
        }
    }

    fn into_any(self) -> AnySchema {
        AnySchema {
            typ: self.typ,
            pattern: self.pattern,
            multiple_of: self.multiple_of.as_ref().and_then(Number::as_f64),
            exclusive_minimum: self.exclusive_minimum,
            exclusive_maximum: self.exclusive_maximum,
            minimum: self.minimum.as_ref().and_then(Number::as_f64),
            maximum: self.maximum.as_ref().and_then(Number::as_f64),
            properties: self.properties.unwrap_or_default(),
            required: self.required.unwrap_or_default(),
            additional_properties: self.additional_properties,
            min_properties: self.min_properties,
            max_properties: self.max_properties,
            items: self.items,
            min_items: self.min_items,
            max_items: self.max_items,
            unique_items: self.unique_items,
            enumeration: self.enumeration.unwrap_or_default(),
            format: self.format,
            min_length: self.min_length,
            max_length: self.max_length,
            one_of: self.one_of.unwrap_or_default(),
            all_of: self.all_of.unwrap_or_default(),
            any_of: self.any_of.unwrap_or_default(),
            not: self.not,
        }
    }
}

/// An `enum` list of a typed schema: `null` is `None`, every other value fits the type
/// (checked before).
fn enumerated<T>(values: Option<Vec<Value>>, read: fn(&Value) -> Option<T>) -> Vec<Option<T>> {
    values
        .unwrap_or_default()
        .iter()
        .map(|value| if value.is_null() { None } else { read(value) })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_as_openapiv3_does() {
        let answered = [
            json!({"type": "string", "format": "date-time", "pattern": "^a", "enum": ["a", null],
                   "minLength": 1, "maxLength": 3, "description": "d", "x-tag": [1]}),
            json!({"type": "string", "format": "my-own"}),
            json!({"type": "string", "minimum": 1}),
            json!({"type": "string", "enum": ["a", 1]}),
            json!({"type": "number", "format": "float", "minimum": 1.5, "maximum": 2,
                   "multipleOf": 0.5, "exclusiveMinimum": true, "enum": [1, 2.5, null]}),
            json!({"type": "integer", "format": "int64", "minimum": -3, "maximum": 10,
                   "multipleOf": 2, "enum": [1, null], "nullable": true, "readOnly": true}),
            json!({"type": "integer", "minimum": 1.5}),
            json!({"type": "integer", "enum": [1.5]}),
            json!({"type": "boolean", "enum": [true, null], "default": false}),
            json!({"type": "boolean", "format": "x"}),
            json!({"type": "object", "required": ["a"], "minProperties": 1,
                   "properties": {"a": {"$ref": "#/components/schemas/A"}, "b": {"type": "array",
                   "items": {"type": "string"}, "uniqueItems": true, "minItems": 0}},
                   "additionalProperties": {"type": "integer"},
                   "discriminator": {"propertyName": "a", "mapping": {"x": "#/y"}},
                   "externalDocs": {"url": "https://example.com"}}),
            json!({"type": "object", "additionalProperties": false, "items": {}}),
            json!({"type": "array"}),
            json!({"oneOf": [{"type": "string"}, {"$ref": "#/a"}]}),
            json!({"allOf": [{"type": "string"}], "description": "kept", "title": null}),
            json!({"anyOf": [{"type": "string"}, {}]}),
            json!({"not": {"type": "string"}}),
            json!({"oneOf": [{}], "type": "object"}),
            json!({"oneOf": [{}], "anyOf": [{}]}),
            json!({"allOf": null, "type": null}),
            json!({}),
            json!({"type": "null"}),
            json!({"$ref": "#/components/schemas/A", "description": "beside"}),
        ];
        for case in answered {
            let ours = reference_or_schema(&case);
            let theirs = ReferenceOr::<Schema>::deserialize(&case);
            assert_eq!(ours.ok(), theirs.ok(), "{case}");
        }
    }

    #[test]
    fn what_openapiv3_refuses_is_an_error_at_the_wrong_node() {
        let refused = [
            (
                json!({"type": "string", "nullable": "yes"}),
                "#/S/nullable",
                "expected `true` or `false`, found the string \"yes\"",
            ),
            (
                json!({"type": "string", "minLength": -1}),
                "#/S/minLength",
                "expected a whole number of 0 or more, found the number -1",
            ),
            (
                json!({"type": "string", "minLength": 1.0}),
                "#/S/minLength",
                "expected a whole number of 0 or more, found the number 1.0",
            ),
            (
                json!({"properties": {"a": 5}}),
                "#/S/properties/a",
                "expected a schema (a mapping), found the number 5",
            ),
            (
                json!({"items": ["a"]}),
                "#/S/items",
                "expected a schema (a mapping), found a list",
            ),
            (
                json!({"allOf": [{}, {"required": ["a", 1]}]}),
                "#/S/allOf/1/required/1",
                "expected a string, found the number 1",
            ),
            (
                json!({"$ref": 5, "type": "string"}),
                "#/S/$ref",
                "expected a string, found the number 5",
            ),
            (
                json!(true),
                "#/S",
                "expected a schema (a mapping), found `true`",
            ),
        ];
        for (case, pointer, message) in refused {
            assert!(
                ReferenceOr::<Schema>::deserialize(&case).is_err() || case.get("$ref").is_some(),
                "{case}"
            );
            let diagnostic = reference_or_schema(&case)
                .unwrap_err()
                .into_diagnostic("#/S");
            assert_eq!(diagnostic.pointer, pointer, "{case}");
            assert_eq!(
                diagnostic.message,
                format!("invalid schema: {message}"),
                "{case}"
            );
        }
    }

    /// The schema that holds a string where a schema belongs, `levels` deep.
    fn nested(levels: usize, innermost: Value) -> Value {
        (0..levels).fold(innermost, |inner, level| match level % 3 {
            0 => json!({"allOf": [inner]}),
            1 => json!({"type": "object", "properties": {"p": inner}}),
            _ => json!({"type": "array", "items": inner}),
        })
    }

    #[test]
    fn a_deep_mistake_is_found_where_it_is() {
        let schema = nested(
            40,
            json!({"type": "object", "properties": {"type": "object"}}),
        );
        let diagnostic = reference_or_schema(&schema)
            .unwrap_err()
            .into_diagnostic("#/S");
        assert!(
            diagnostic
                .pointer
                .ends_with("/properties/p/allOf/0/properties/type"),
            "{}",
            diagnostic.pointer
        );
        assert_eq!(
            diagnostic.pointer.matches('/').count(),
            1 + 40 / 3 * 5 + 2 + 2
        );
    }

    #[test]
    fn schemas_nest_up_to_the_limit() {
        let at_limit = nested(MAX_SCHEMA_DEPTH - 1, json!({"type": "string"}));
        assert!(reference_or_schema(&at_limit).is_ok());
        let over = nested(MAX_SCHEMA_DEPTH, json!({"type": "string"}));
        let diagnostic = reference_or_schema(&over)
            .unwrap_err()
            .into_diagnostic("#/S");
        assert!(
            diagnostic.message.contains("deeper than 64 levels"),
            "{}",
            diagnostic.message
        );
        assert!(
            diagnostic.pointer.ends_with("/allOf/0"),
            "{}",
            diagnostic.pointer
        );
    }
}
