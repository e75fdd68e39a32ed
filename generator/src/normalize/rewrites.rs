//! The rewrites that lift an OpenAPI 3.1 schema (JSON Schema 2020-12) into the 3.0 shape
//! openapiv3 holds. Each one is a small function of one schema object, unit-tested on its own;
//! [`normalize_schema`] applies them in order and recurses into child schemas.
//!
//! They are also harmless on 3.0 documents: each only fires on a construct 3.0 lacks (or, for
//! `$ref` siblings, one that 3.0 would silently ignore and we choose to honour).

use serde_json::{Map, Value, json};

use super::positions::for_each_child_schema;
use crate::diagnostic::{Warnings, pointer_join};

/// What the rewrites find for later stages in what openapiv3 cannot hold.
#[derive(Debug, Default)]
pub struct Found {
    /// The places of schemas with `prefixItems`.
    pub tuples: Vec<String>,
    /// The places of schemas with `patternProperties`, `propertyNames` or `dependentRequired`.
    pub maps: Vec<String>,
    /// The places of schemas with `if` or `dependentSchemas`.
    pub conditions: Vec<String>,
    /// The `example` and `examples` of schemas and media types, taken out.
    pub examples: Vec<Example>,
}

impl Found {
    pub fn append(&mut self, mut later: Found) {
        self.tuples.append(&mut later.tuples);
        self.maps.append(&mut later.maps);
        self.conditions.append(&mut later.conditions);
        self.examples.append(&mut later.examples);
    }
}

/// One example: the place it describes (a schema, or a media type), its own place, its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub place: String,
    pub at: String,
    pub value: Value,
}

/// Rewrites `schema` (found at `at`) and, after it, every schema nested in it; keywords that
/// no Rust type can carry are reported to `warnings`, and what openapiv3 cannot hold
/// (`prefixItems`, examples) is noted in `found`.
pub fn normalize_schema(schema: &mut Value, at: &str, warnings: &mut Warnings, found: &mut Found) {
    boolean_schema(schema);
    if let Value::Object(map) = schema {
        let mut triggers = Triggers::of(map);
        // First, because it may merge a member's (still 3.1) keywords into this schema, which
        // the rewrites after it then lift like the schema's own (pydantic's `Optional[tuple]`
        // is `anyOf: [{prefixItems: ...}, {type: 'null'}]`).
        if triggers.combinator {
            null_members(map, at, &mut found.examples);
            triggers = Triggers::of(map);
        }
        if triggers.tuple {
            found.tuples.push(at.to_owned());
        }
        if triggers.keys {
            found.maps.push(at.to_owned());
        }
        if triggers.conditions {
            found.conditions.push(at.to_owned());
        }
        if triggers.unevaluated {
            unevaluated_properties(map, at, warnings);
        }
        if triggers.unsupported {
            unsupported_keywords(map, at, warnings);
        }
        if triggers.type_keyword {
            type_array(map);
        }
        // After the type array is split: the keywords then sit in the string member.
        if triggers.content && map.contains_key("type") {
            content_format(map);
        }
        if triggers.constant {
            const_to_enum(map);
            triggers.enumeration = true;
        }
        if triggers.examples {
            take_schema_examples(map, at, &mut found.examples);
        }
        mistyped_keywords(map, at, warnings);
        if triggers.exclusive_bound {
            exclusive_bounds(map);
        }
        if triggers.reference {
            ref_siblings(map);
        }
        if triggers.enumeration {
            stringify_string_enum(map);
        }
    }
    for_each_child_schema(schema, at, &mut |child, at| {
        normalize_schema(child, at, warnings, found)
    });
}

/// Which of the keywords the rewrites start from a schema has, found in one pass over its keys.
/// serde_json hashes each key looked up with SipHash, and most schemas have none of these:
/// looking each one up was most of the time spent rewriting. The rewrites that add keywords a
/// later one starts from say so in [`normalize_schema`].
#[derive(Debug, Default)]
struct Triggers {
    unsupported: bool,
    combinator: bool,
    type_keyword: bool,
    constant: bool,
    examples: bool,
    exclusive_bound: bool,
    reference: bool,
    enumeration: bool,
    content: bool,
    tuple: bool,
    keys: bool,
    conditions: bool,
    unevaluated: bool,
}

impl Triggers {
    fn of(schema: &Map<String, Value>) -> Self {
        let mut triggers = Self::default();
        for key in schema.keys() {
            match key.as_str() {
                "anyOf" | "oneOf" => triggers.combinator = true,
                "type" => triggers.type_keyword = true,
                "const" => triggers.constant = true,
                "example" | "examples" => triggers.examples = true,
                "exclusiveMinimum" | "exclusiveMaximum" => triggers.exclusive_bound = true,
                "$ref" => triggers.reference = true,
                "contentEncoding" | "contentMediaType" => triggers.content = true,
                "enum" => triggers.enumeration = true,
                "prefixItems" => triggers.tuple = true,
                "patternProperties" | "propertyNames" | "dependentRequired" => triggers.keys = true,
                "if" | "dependentSchemas" => triggers.conditions = true,
                "not" | "$schema" => triggers.unsupported = true,
                "unevaluatedProperties" => triggers.unevaluated = true,
                key if UNSUPPORTED.iter().any(|(keyword, _)| *keyword == key) => {
                    triggers.unsupported = true;
                }
                _ => {}
            }
        }
        triggers
    }
}

/// JSON Schema keywords that shape data but have no counterpart in the generated types. They
/// are not errors (the spec is valid), but dropping them silently would hide a difference
/// between the spec and the code.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("contains", "what a list must contain is not checked"),
    ("unevaluatedItems", "`unevaluatedItems` is not enforced"),
    (
        "$dynamicRef",
        "a dynamic reference is generated as any JSON value (`serde_json::Value`)",
    ),
];

/// `unevaluatedProperties: false` -> `additionalProperties: false`: our `allOf` members merge
/// into one struct, whose listed properties are then exactly the evaluated ones, so the two
/// mean the same for it (the server refuses others in requests). A schema there is warned.
pub fn unevaluated_properties(schema: &mut Map<String, Value>, at: &str, warnings: &mut Warnings) {
    match schema.remove("unevaluatedProperties") {
        Some(Value::Bool(false)) => {
            schema
                .entry("additionalProperties")
                .or_insert(Value::Bool(false));
        }
        Some(Value::Bool(true)) | None => {}
        Some(_) => warnings.push(
            pointer_join(at, "unevaluatedProperties"),
            "`unevaluatedProperties` with a schema is not enforced",
        ),
    }
}

/// Warns about each keyword of `UNSUPPORTED` in this schema, a `not` beside what the schema
/// says otherwise (a `not` alone is a type resolve warns about), and a `$schema` naming
/// another dialect.
pub fn unsupported_keywords(schema: &Map<String, Value>, at: &str, warnings: &mut Warnings) {
    for (keyword, consequence) in UNSUPPORTED {
        if schema.contains_key(*keyword) {
            warnings.push(
                pointer_join(at, keyword),
                format!("`{keyword}` is ignored: {consequence}"),
            );
        }
    }
    const ANNOTATIONS: &[&str] = &[
        "not",
        "title",
        "description",
        "$comment",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "nullable",
        "example",
        "examples",
        "$schema",
        "$id",
        "$anchor",
        "$defs",
        "discriminator",
        "externalDocs",
        "xml",
    ];
    let says_more = |key: &String| !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-");
    if schema.contains_key("not") && schema.keys().any(says_more) {
        warnings.push(
            pointer_join(at, "not"),
            "`not` is ignored: what it excludes is accepted by the types and the server",
        );
    }
    if let Some(dialect) = schema.get("$schema").and_then(Value::as_str)
        && !super::KNOWN_DIALECTS.contains(&dialect.trim_end_matches('#'))
    {
        warnings.push(
            pointer_join(at, "$schema"),
            format!("this schema is read as OpenAPI's dialect (JSON Schema 2020-12 in 3.1), not as `{dialect}`"),
        );
    }
}

/// `true` accepts anything (`{}`); `false` accepts nothing (`{not: {}}`).
/// Drops, with a warning at its place, a keyword whose value has the wrong JSON type
/// (`"pattern": 0`, `"minLength": "3"`, `"type": "int"`): one bad keyword should cost the
/// constraint it states, not the whole spec.
pub fn mistyped_keywords(schema: &mut Map<String, Value>, at: &str, warnings: &mut Warnings) {
    const TYPES: &[&str] = &[
        "string", "number", "integer", "boolean", "array", "object", "null",
    ];
    let fits = |keyword: &str, value: &Value| -> Option<&'static str> {
        let ok = match keyword {
            "pattern" | "format" | "title" | "description" => value.is_string(),
            "type" => value.as_str().is_some_and(|name| TYPES.contains(&name)) || value.is_array(),
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => value.is_u64(),
            "minimum" | "maximum" | "multipleOf" => value.is_number(),
            "nullable" | "readOnly" | "writeOnly" | "deprecated" | "uniqueItems" => {
                value.is_boolean()
            }
            "exclusiveMinimum" | "exclusiveMaximum" => value.is_boolean() || value.is_number(),
            "required" => value
                .as_array()
                .is_some_and(|names| names.iter().all(Value::is_string)),
            "properties" => value.is_object(),
            "enum" => value.is_array(),
            _ => return None,
        };
        (!ok).then_some(match keyword {
            "pattern" | "format" | "title" | "description" => "a string",
            "type" => "one of the JSON Schema type names",
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => "a non-negative integer",
            "minimum" | "maximum" | "multipleOf" => "a number",
            "exclusiveMinimum" | "exclusiveMaximum" => "a boolean or a number",
            "required" => "a list of property names",
            "properties" => "a mapping",
            "enum" => "a list",
            _ => "a boolean",
        })
    };
    let mistyped: Vec<(String, &'static str)> = schema
        .iter()
        .filter_map(|(keyword, value)| Some((keyword.clone(), fits(keyword, value)?)))
        .collect();
    for (keyword, expected) in mistyped {
        let found = schema.remove(&keyword).unwrap_or_default();
        let mut shown = found.to_string();
        if shown.len() > 40 {
            shown = format!("{}...", shown.chars().take(40).collect::<String>());
        }
        warnings.push(
            pointer_join(at, &keyword),
            format!("`{keyword}` must be {expected}, found {shown}; it is ignored"),
        );
    }
}

pub fn boolean_schema(schema: &mut Value) {
    if let Value::Bool(accepts) = *schema {
        *schema = if accepts {
            json!({})
        } else {
            json!({"not": {}})
        };
    }
}

/// Keywords that only apply to one JSON type, so they follow that type into its `anyOf`
/// member when a type array is split.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    (
        "string",
        &[
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "contentEncoding",
            "contentMediaType",
        ],
    ),
    (
        "array",
        &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
        ],
    ),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "patternProperties",
        ],
    ),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
        ],
    ),
];

/// `type: [T, 'null']` -> `type: T, nullable: true`; several non-null types become an
/// `anyOf` of one schema per type, each taking the keywords that apply to it.
pub fn type_array(schema: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = schema.get("type") else {
        return;
    };
    let mut nullable = false;
    let mut others = Vec::new();
    for ty in types {
        match ty.as_str() {
            Some("null") => nullable = true,
            Some(other) => others.push(other.to_owned()),
            None => {}
        }
    }
    schema.remove("type");
    match others.as_slice() {
        [] => {}
        [only] => {
            schema.insert("type".into(), Value::String(only.clone()));
        }
        several => {
            let members: Vec<Value> = several
                .iter()
                .map(|ty| {
                    let mut member = Map::new();
                    member.insert("type".into(), Value::String(ty.clone()));
                    let keywords = TYPE_KEYWORDS.iter().filter(|(t, _)| t == ty);
                    for keyword in keywords.flat_map(|(_, keywords)| keywords.iter()) {
                        if let Some(value) = schema.get(*keyword) {
                            member.insert((*keyword).into(), value.clone());
                        }
                    }
                    Value::Object(member)
                })
                .collect();
            for (_, keywords) in TYPE_KEYWORDS {
                for keyword in *keywords {
                    schema.remove(*keyword);
                }
            }
            add_member(
                schema,
                "anyOf",
                Value::Object(Map::from_iter([(
                    "anyOf".to_owned(),
                    Value::Array(members),
                )])),
            );
        }
    }
    if nullable {
        schema.insert("nullable".into(), Value::Bool(true));
    }
}

/// 3.1 says what a string holds with `contentEncoding` and `contentMediaType` where 3.0 used
/// `format`: `contentEncoding: base64` -> `format: byte` (base64 text), and `contentMediaType`
/// alone -> `format: binary` (raw bytes: FastAPI's `UploadFile`, a file part of a multipart
/// body). A `format` already there is kept; other encodings (`base64url`, whose alphabet
/// `format: byte` does not read) stay strings.
pub fn content_format(schema: &mut Map<String, Value>) {
    if schema.get("type").and_then(Value::as_str) != Some("string") || schema.contains_key("format")
    {
        return;
    }
    let format = match schema.get("contentEncoding").and_then(Value::as_str) {
        Some(encoding) if encoding.eq_ignore_ascii_case("base64") => "byte",
        Some(_) => return,
        None if schema.contains_key("contentMediaType") => "binary",
        None => return,
    };
    schema.insert("format".into(), Value::String(format.into()));
}

/// `const: x` -> `enum: [x]`.
pub fn const_to_enum(schema: &mut Map<String, Value>) {
    if let Some(value) = schema.remove("const") {
        schema
            .entry("enum")
            .or_insert_with(|| Value::Array(vec![value]));
    }
}

/// Takes a schema's `example` and `examples` (3.1's list) out, into `into`: openapiv3 would
/// not read the list form, and they are often the bulk of a spec.
pub fn take_schema_examples(schema: &mut Map<String, Value>, at: &str, into: &mut Vec<Example>) {
    take_examples_of(schema, at, at, into);
}

/// Takes the examples of the schema at `at` out, as examples of the schema at `place` (where
/// the schema is merged).
fn take_examples_of(
    schema: &mut Map<String, Value>,
    place: &str,
    at: &str,
    into: &mut Vec<Example>,
) {
    let mut found = |example_at: String, value: Value| {
        into.push(Example {
            place: place.to_owned(),
            at: example_at,
            value,
        })
    };
    if let Some(value) = schema.remove("example") {
        found(pointer_join(at, "example"), value);
    }
    // Not a list: not an example (3.0's schemas have none by this name).
    if let Some(Value::Array(values)) = schema.remove("examples") {
        let list_at = pointer_join(at, "examples");
        for (index, value) in values.into_iter().enumerate() {
            found(pointer_join(&list_at, &index.to_string()), value);
        }
    }
}

/// Takes the `example` and the inline `examples` (`{name: {value}}`) of a parameter, header or
/// media type (at `at`) out, into `into`.
pub fn take_media_examples(holder: &mut Map<String, Value>, at: &str, into: &mut Vec<Example>) {
    if let Some(value) = holder.remove("example") {
        into.push(Example {
            place: at.to_owned(),
            at: pointer_join(at, "example"),
            value,
        });
    }
    if let Some(Value::Object(examples)) = holder.remove("examples") {
        let examples_at = pointer_join(at, "examples");
        for (name, mut example) in examples {
            // A `$ref` to `components/examples`, or an `externalValue`, is not at hand.
            if let Some(value) = example.get_mut("value").map(Value::take) {
                let example_at = pointer_join(&examples_at, &name);
                into.push(Example {
                    place: at.to_owned(),
                    at: pointer_join(&example_at, "value"),
                    value,
                });
            }
        }
    }
}

/// `exclusiveMinimum: 5` -> `minimum: 5, exclusiveMinimum: true` (and the same for maximum).
pub fn exclusive_bounds(schema: &mut Map<String, Value>) {
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(bound)) = schema.get(exclusive).cloned() {
            schema.insert(inclusive.into(), Value::Number(bound));
            schema.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// `anyOf`/`oneOf` members that only accept null become `nullable: true`. When one member is
/// left, the combinator disappears: its schema is merged into the parent, or referenced with
/// `allOf: [member]` when it is a `$ref` or would clash with the parent's keywords.
/// A member merged into the schema (at `at`) brings its examples, which are taken out where
/// the member wrote them (into `examples`) so that they are placed there.
pub fn null_members(schema: &mut Map<String, Value>, at: &str, examples: &mut Vec<Example>) {
    for combinator in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = schema.get(combinator) else {
            continue;
        };
        if !members.iter().any(accepts_only_null) {
            continue;
        }
        let Some(Value::Array(members)) = schema.remove(combinator) else {
            continue;
        };
        let mut rest: Vec<(usize, Value)> = members
            .into_iter()
            .enumerate()
            .filter(|(_, member)| !accepts_only_null(member))
            .collect();
        schema.insert("nullable".into(), Value::Bool(true));
        if rest.len() != 1 {
            if !rest.is_empty() {
                let rest = rest.into_iter().map(|(_, member)| member).collect();
                schema.insert(combinator.into(), Value::Array(rest));
            }
            continue;
        }
        let (index, only) = rest.remove(0);
        match only {
            Value::Object(mut member)
                if !member.contains_key("$ref")
                    && member.keys().all(|key| !schema.contains_key(key)) =>
            {
                let member_at = pointer_join(&pointer_join(at, combinator), &index.to_string());
                take_examples_of(&mut member, at, &member_at, examples);
                schema.extend(member);
            }
            member => add_all_of(schema, member),
        }
    }
}

fn accepts_only_null(schema: &Value) -> bool {
    let Value::Object(map) = schema else {
        return false;
    };
    match map.get("type") {
        Some(Value::String(ty)) => ty == "null",
        Some(Value::Array(types)) => types.iter().all(|ty| ty == "null"),
        _ => {
            map.get("const") == Some(&Value::Null)
                || map.get("enum") == Some(&Value::Array(vec![Value::Null]))
        }
    }
}

/// `{$ref: X, default: d}` -> `{allOf: [{$ref: X}], default: d}`: openapiv3 (like 3.0)
/// drops everything beside a `$ref`, and in 3.1 those siblings mean something.
pub fn ref_siblings(schema: &mut Map<String, Value>) {
    if schema.len() < 2 || !schema.contains_key("$ref") {
        return;
    }
    let reference = schema.remove("$ref").unwrap_or_default();
    add_all_of(schema, json!({"$ref": reference}));
}

/// Adds `member` to the schema's `allOf`, creating it if needed.
fn add_all_of(schema: &mut Map<String, Value>, member: Value) {
    match schema.get_mut("allOf") {
        Some(Value::Array(members)) => members.insert(0, member),
        _ => {
            schema.insert("allOf".into(), Value::Array(vec![member]));
        }
    }
}

/// Sets `keyword` (`anyOf`) to the alternatives in `wrapped` (`{anyOf: [...]}`), or, when the
/// schema already has that keyword, adds `wrapped` to its `allOf` so both constraints hold.
fn add_member(schema: &mut Map<String, Value>, keyword: &str, wrapped: Value) {
    if schema.contains_key(keyword) {
        add_all_of(schema, wrapped);
    } else if let Value::Object(mut wrapped) = wrapped
        && let Some(alternatives) = wrapped.remove(keyword)
    {
        schema.insert(keyword.into(), alternatives);
    }
}

/// `type: string` with `enum: [1, 2]` (common in YAML, where quotes are easy to forget)
/// -> `enum: ['1', '2']`: the type says what the wire carries.
pub fn stringify_string_enum(schema: &mut Map<String, Value>) {
    if schema.get("type").and_then(Value::as_str) != Some("string") {
        return;
    }
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        for value in values {
            match value {
                Value::Number(n) => *value = Value::String(n.to_string()),
                Value::Bool(b) => *value = Value::String(b.to_string()),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("test input is an object"),
        }
    }

    fn rewritten(f: fn(&mut Map<String, Value>), input: Value) -> Value {
        let mut map = object(input);
        f(&mut map);
        Value::Object(map)
    }

    #[test]
    fn content_keywords_become_the_format_3_0_would_write() {
        let upload = json!({"type": "string", "contentMediaType": "application/octet-stream"});
        assert_eq!(rewritten(content_format, upload)["format"], json!("binary"));
        let encoded =
            json!({"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"});
        assert_eq!(rewritten(content_format, encoded)["format"], json!("byte"));
        for kept in [
            json!({"type": "string", "contentMediaType": "image/png", "format": "uri"}),
            json!({"type": "string", "contentEncoding": "quoted-printable"}),
            json!({"type": "string", "contentEncoding": "base64url"}),
            json!({"type": "integer", "contentMediaType": "image/png"}),
            json!({"type": "string"}),
        ] {
            assert_eq!(rewritten(content_format, kept.clone()), kept);
        }
        // `type: [string, 'null']` is split first: the member is rewritten.
        let mut schema = json!({"type": ["string", "null"], "contentMediaType": "image/png"});
        normalize_schema(
            &mut schema,
            "#/s",
            &mut Warnings::default(),
            &mut Found::default(),
        );
        assert!(
            schema.to_string().contains(r#""format":"binary""#),
            "{schema}"
        );
    }

    #[test]
    fn mistyped_keywords_are_dropped_with_a_warning_at_their_place() {
        let mut schema = object(json!({
            "type": "string", "pattern": 0, "minLength": "3", "maxLength": 4, "required": "id"
        }));
        let mut warnings = Warnings::default();
        mistyped_keywords(&mut schema, "#/s", &mut warnings);
        assert_eq!(
            Value::Object(schema),
            json!({"type": "string", "maxLength": 4})
        );
        let found: Vec<String> = warnings
            .into_vec()
            .iter()
            .map(|warning| format!("{} {}", warning.pointer, warning.message))
            .collect();
        assert_eq!(
            found,
            [
                "#/s/pattern `pattern` must be a string, found 0; it is ignored",
                "#/s/minLength `minLength` must be a non-negative integer, found \"3\"; it is ignored",
                "#/s/required `required` must be a list of property names, found \"id\"; it is ignored",
            ]
        );
    }

    #[test]
    fn boolean_schemas_become_objects() {
        let mut yes = json!(true);
        boolean_schema(&mut yes);
        assert_eq!(yes, json!({}));
        let mut no = json!(false);
        boolean_schema(&mut no);
        assert_eq!(no, json!({"not": {}}));
    }

    #[test]
    fn type_arrays_become_nullable_or_any_of() {
        assert_eq!(
            rewritten(type_array, json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            rewritten(type_array, json!({"type": ["string", "integer"]})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(
            rewritten(
                type_array,
                json!({"type": ["string", "array"], "items": {"type": "string"}, "maxLength": 3, "description": "d"})
            ),
            json!({"description": "d", "anyOf": [
                {"type": "string", "maxLength": 3},
                {"type": "array", "items": {"type": "string"}}
            ]})
        );
        assert_eq!(
            rewritten(
                type_array,
                json!({"type": ["string", "integer"], "anyOf": [{"minLength": 1}]})
            ),
            json!({"anyOf": [{"minLength": 1}], "allOf": [{"anyOf": [{"type": "string"}, {"type": "integer"}]}]})
        );
        assert_eq!(
            rewritten(type_array, json!({"type": "string"})),
            json!({"type": "string"})
        );
    }

    #[test]
    fn const_becomes_a_one_value_enum() {
        assert_eq!(
            rewritten(const_to_enum, json!({"const": "dog"})),
            json!({"enum": ["dog"]})
        );
    }

    #[test]
    fn examples_are_taken_out_with_their_places() {
        let mut found = Vec::new();
        let mut schema = json!({"examples": ["a", "b"], "example": "c", "type": "string"});
        take_schema_examples(schema.as_object_mut().unwrap(), "#/S", &mut found);
        assert_eq!(schema, json!({"type": "string"}));
        let places: Vec<(&str, &str, &Value)> = found
            .iter()
            .map(|e| (e.place.as_str(), e.at.as_str(), &e.value))
            .collect();
        assert_eq!(
            places,
            [
                ("#/S", "#/S/example", &json!("c")),
                ("#/S", "#/S/examples/0", &json!("a")),
                ("#/S", "#/S/examples/1", &json!("b")),
            ]
        );
        let mut found = Vec::new();
        let mut media = json!({"schema": {}, "examples": {
            "one": {"summary": "s", "value": {"id": 1}},
            "far": {"externalValue": "https://example.test/x.json"},
            "shared": {"$ref": "#/components/examples/X"}
        }});
        take_media_examples(media.as_object_mut().unwrap(), "#/m", &mut found);
        assert_eq!(media, json!({"schema": {}}));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].at, "#/m/examples/one/value");
        assert_eq!(found[0].value, json!({"id": 1}));
    }

    #[test]
    fn numeric_exclusive_bounds_become_boolean_flags() {
        assert_eq!(
            rewritten(
                exclusive_bounds,
                json!({"exclusiveMinimum": 0, "maximum": 9})
            ),
            json!({"exclusiveMinimum": true, "minimum": 0, "maximum": 9})
        );
        assert_eq!(
            rewritten(
                exclusive_bounds,
                json!({"exclusiveMaximum": true, "maximum": 9})
            ),
            json!({"exclusiveMaximum": true, "maximum": 9})
        );
    }

    fn nulls(schema: &mut Map<String, Value>) {
        null_members(schema, "#", &mut Vec::new());
    }

    /// The examples of a member merged into the schema are placed where the member wrote
    /// them, as examples of the schema.
    #[test]
    fn a_merged_members_examples_keep_their_place() {
        let mut schema = json!({"anyOf": [{"type": "null"}, {"type": "string", "example": "x", "examples": ["y"]}]});
        let mut examples = Vec::new();
        null_members(schema.as_object_mut().unwrap(), "#/S", &mut examples);
        let placed: Vec<(&str, &str, &Value)> = examples
            .iter()
            .map(|e| (e.place.as_str(), e.at.as_str(), &e.value))
            .collect();
        assert_eq!(
            placed,
            [
                ("#/S", "#/S/anyOf/1/example", &json!("x")),
                ("#/S", "#/S/anyOf/1/examples/0", &json!("y")),
            ]
        );
        assert_eq!(schema, json!({"nullable": true, "type": "string"}));
    }

    #[test]
    fn null_members_become_nullable() {
        assert_eq!(
            rewritten(
                nulls,
                json!({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}], "title": "Last Seen"})
            ),
            json!({"title": "Last Seen", "nullable": true, "type": "string", "format": "date-time"})
        );
        assert_eq!(
            rewritten(
                nulls,
                json!({"anyOf": [{"$ref": "#/components/schemas/S"}, {"type": "null"}]})
            ),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/S"}]})
        );
        assert_eq!(
            rewritten(
                nulls,
                json!({"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})
            ),
            json!({"nullable": true, "oneOf": [{"type": "string"}, {"type": "integer"}]})
        );
        let untouched = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
        assert_eq!(rewritten(nulls, untouched.clone()), untouched);
        assert_eq!(
            rewritten(
                nulls,
                json!({"allOf": [{"$ref": "#/components/schemas/Base"}], "anyOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}]})
            ),
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/X"}, {"$ref": "#/components/schemas/Base"}]})
        );
    }

    #[test]
    fn ref_siblings_are_kept_through_all_of() {
        assert_eq!(
            rewritten(
                ref_siblings,
                json!({"$ref": "#/components/schemas/InviteStatus", "default": "pending"})
            ),
            json!({"default": "pending", "allOf": [{"$ref": "#/components/schemas/InviteStatus"}]})
        );
        let bare = json!({"$ref": "#/components/schemas/InviteStatus"});
        assert_eq!(rewritten(ref_siblings, bare.clone()), bare);
    }

    #[test]
    fn string_enums_hold_strings() {
        assert_eq!(
            rewritten(
                stringify_string_enum,
                json!({"type": "string", "enum": [1, "b", true]})
            ),
            json!({"type": "string", "enum": ["1", "b", "true"]})
        );
    }

    #[test]
    fn unsupported_keywords_are_reported_and_tuples_and_maps_noted_where_they_are() {
        let mut schema = json!({
            "type": "object",
            "properties": {"pair": {"type": ["array", "null"], "prefixItems": [{"type": "string"}]}},
            "patternProperties": {"^x-": {}},
            "dependentSchemas": {"a": {}},
            "contains": {"type": "string"},
            "not": {"required": ["pair"]},
            "$schema": "http://json-schema.org/draft-07/schema#",
            "additionalProperties": {"$schema": "https://json-schema.org/draft/2020-12/schema", "not": {}}
        });
        let mut warnings = Warnings::default();
        let mut found = Found::default();
        normalize_schema(
            &mut schema,
            "#/components/schemas/S",
            &mut warnings,
            &mut found,
        );
        let pointers: Vec<String> = warnings.into_vec().into_iter().map(|w| w.pointer).collect();
        // A `not` alone and the 2020-12 dialect are not warned here.
        assert_eq!(
            pointers,
            vec![
                "#/components/schemas/S/contains",
                "#/components/schemas/S/not",
                "#/components/schemas/S/$schema"
            ]
        );
        // The type array is split first, and the tuple stays where it was.
        assert_eq!(found.tuples, vec!["#/components/schemas/S/properties/pair"]);
        assert_eq!(found.maps, vec!["#/components/schemas/S"]);
        assert_eq!(found.conditions, vec!["#/components/schemas/S"]);
        assert_eq!(
            schema["properties"]["pair"],
            json!({"type": "array", "nullable": true, "prefixItems": [{"type": "string"}]})
        );
    }

    #[test]
    fn unevaluated_properties_false_closes_the_object() {
        let mut warnings = Warnings::default();
        let mut closed = json!({"type": "object", "unevaluatedProperties": false});
        unevaluated_properties(closed.as_object_mut().unwrap(), "#/S", &mut warnings);
        assert_eq!(
            closed,
            json!({"type": "object", "additionalProperties": false})
        );
        // What `additionalProperties` already says stays.
        let mut open =
            json!({"additionalProperties": {"type": "string"}, "unevaluatedProperties": false});
        unevaluated_properties(open.as_object_mut().unwrap(), "#/S", &mut warnings);
        assert_eq!(open, json!({"additionalProperties": {"type": "string"}}));
        assert!(warnings.into_vec().is_empty());
        let mut warnings = Warnings::default();
        let mut schema = json!({"unevaluatedProperties": {"type": "integer"}});
        unevaluated_properties(schema.as_object_mut().unwrap(), "#/S", &mut warnings);
        let placed: Vec<String> = warnings.into_vec().into_iter().map(|w| w.pointer).collect();
        assert_eq!(placed, ["#/S/unevaluatedProperties"]);
    }

    #[test]
    fn a_merged_null_member_is_lifted_like_the_schema_itself() {
        // Pydantic's Optional[PositiveInt]: the bound sits in the member.
        let mut schema = json!({
            "anyOf": [{"type": "integer", "exclusiveMinimum": 0}, {"type": "null"}],
            "default": null
        });
        normalize_schema(
            &mut schema,
            "#",
            &mut Warnings::default(),
            &mut Found::default(),
        );
        assert_eq!(
            schema,
            json!({"default": null, "nullable": true, "type": "integer", "minimum": 0, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn normalize_walks_nested_schemas_but_not_property_names() {
        let mut schema = json!({
            "type": "object",
            "properties": {
                "type": {"type": ["integer", "null"]},
                "const": {"const": 3}
            }
        });
        let mut warnings = Warnings::default();
        normalize_schema(&mut schema, "#/S", &mut warnings, &mut Found::default());
        assert!(warnings.into_vec().is_empty());
        assert_eq!(
            schema,
            json!({
                "type": "object",
                "properties": {
                    "type": {"type": "integer", "nullable": true},
                    "const": {"enum": [3]}
                }
            })
        );
    }
}
