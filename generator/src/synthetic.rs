//! Synthetic specs for the tests and benchmarks that probe the generator's limits: schemas
//! nested to a given depth, and specs of a given width. Not part of the API.

/// How a deep schema nests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `allOf: [ ... ]` inside `allOf`.
    AllOf,
    /// `type: array` whose `items` is the next level.
    Items,
    /// `allOf`, `properties`, `items` in turn.
    Alternating,
    /// [`Shape::Alternating`] whose innermost schema holds a classic slip, a string where a
    /// schema belongs (`properties: {type: object}`): the spec is invalid.
    AlternatingWithSlip,
}

impl Shape {
    pub const ALL: [Shape; 4] = [
        Shape::AllOf,
        Shape::Items,
        Shape::Alternating,
        Shape::AlternatingWithSlip,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::AllOf => "allof",
            Shape::Items => "items",
            Shape::Alternating => "alternating",
            Shape::AlternatingWithSlip => "alternating-slip",
        }
    }

    /// One schema `levels` deep (the schema itself is level 1), as JSON text.
    pub fn schema(self, levels: usize) -> String {
        let innermost = match self {
            Shape::AlternatingWithSlip => r#"{"type": "object", "properties": {"type": "object"}}"#,
            _ => r#"{"type": "string"}"#,
        };
        let mut open = String::new();
        let mut close = Vec::new();
        for level in 0..levels.saturating_sub(1) {
            let step = match self {
                Shape::AllOf => 0,
                Shape::Items => 2,
                Shape::Alternating | Shape::AlternatingWithSlip => level % 3,
            };
            match step {
                0 => {
                    open.push_str("{\"allOf\": [");
                    close.push("]}");
                }
                1 => {
                    open.push_str(&format!(
                        "{{\"type\": \"object\", \"properties\": {{\"p{level}\": "
                    ));
                    close.push("}}");
                }
                _ => {
                    open.push_str("{\"type\": \"array\", \"items\": ");
                    close.push("}");
                }
            }
            open.push('\n');
        }
        open.push_str(innermost);
        close.iter().rev().for_each(|part| open.push_str(part));
        open
    }
}

/// A spec whose component schemas are `schemas` (name, JSON text), each returned by an
/// operation of its own.
pub fn spec(schemas: &[(String, String)]) -> String {
    spec_serving(schemas, schemas.len())
}

/// A spec whose component schemas are `schemas`, the first `served` of them returned by an
/// operation of their own.
fn spec_serving(schemas: &[(String, String)], served: usize) -> String {
    let paths: Vec<String> = schemas[..served]
        .iter()
        .map(|(name, _)| {
            format!(
                r##""/{name}": {{"get": {{"operationId": "get{name}", "responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/{name}"}}}}}}}}}}}}}}"##
            )
        })
        .collect();
    let components: Vec<String> = schemas
        .iter()
        .map(|(name, schema)| format!("\"{name}\": {schema}"))
        .collect();
    format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"Synthetic\", \"version\": \"1\"}},\n\"paths\": {{{}}},\n\"components\": {{\"schemas\": {{\n{}}}}}}}\n",
        paths.join(",\n"),
        components.join(",\n")
    )
}

/// One schema of `shape`, `levels` deep.
pub fn deep(shape: Shape, levels: usize) -> String {
    spec(&[("S".to_owned(), shape.schema(levels))])
}

/// The valid shapes at the schema nesting limit, one component schema each (`specs/deep.json`).
pub fn at_limit() -> String {
    let schemas: Vec<(String, String)> = [
        ("AllOfInAllOf", Shape::AllOf),
        ("ArrayOfArrays", Shape::Items),
        ("Alternating", Shape::Alternating),
    ]
    .into_iter()
    .map(|(name, shape)| {
        let schema = shape.schema(crate::limits::MAX_SCHEMA_DEPTH);
        (name.to_owned(), schema)
    })
    .collect();
    spec(&schemas)
}

/// `width` component schemas of a few properties each, every one referring to the next.
pub fn wide(width: usize) -> String {
    let schemas: Vec<(String, String)> = (0..width)
        .map(|index| {
            let next = (index + 1) % width;
            (
                format!("T{index}"),
                format!(
                    r##"{{"type": "object", "required": ["id"], "properties": {{"id": {{"type": "integer"}}, "name": {{"type": "string", "maxLength": 40}}, "tags": {{"type": "array", "items": {{"type": "string"}}}}, "next": {{"$ref": "#/components/schemas/T{next}"}}}}}}"##
                ),
            )
        })
        .collect();
    spec(&schemas)
}

/// `length` component schemas, each an `allOf` of a `$ref` to the next and a property of
/// its own (a chain the resolver follows one link at a time); the first is returned by an
/// operation.
pub fn chain(length: usize) -> String {
    let schemas: Vec<(String, String)> = (0..length)
        .map(|index| {
            let next = if index + 1 < length {
                format!(r##"{{"$ref": "#/components/schemas/C{}"}}, "##, index + 1)
            } else {
                String::new()
            };
            (
                format!("C{index}"),
                format!(
                    r#"{{"allOf": [{next}{{"type": "object", "properties": {{"f{index}": {{"type": "string"}}}}}}]}}"#
                ),
            )
        })
        .collect();
    spec_serving(&schemas, 1)
}

/// `length` component schemas, each an object whose one property is a list of the next:
/// `length` structs nested in each other through `$ref`s.
pub fn linked(length: usize) -> String {
    let schemas: Vec<(String, String)> = (0..length)
        .map(|index| {
            let next = if index + 1 < length {
                format!(
                    r##"{{"type": "array", "items": {{"$ref": "#/components/schemas/L{}"}}}}"##,
                    index + 1
                )
            } else {
                r#"{"type": "string"}"#.to_owned()
            };
            (
                format!("L{index}"),
                format!(r#"{{"type": "object", "properties": {{"next": {next}}}}}"#),
            )
        })
        .collect();
    spec_serving(&schemas, 1)
}

/// A component schema that is a `$ref` to the first of `length` bare `$ref`s, each to the
/// next, under an `x-` key, the last a string.
pub fn bare_ref_chain(length: usize) -> String {
    let links: Vec<String> = (0..length)
        .map(|index| format!(r##""a{index}": {{"$ref": "#/x-links/a{}"}}"##, index + 1))
        .collect();
    let spec = spec(&[("S".to_owned(), r##"{"$ref": "#/x-links/a0"}"##.to_owned())]);
    let links = format!(
        "{{\"x-links\": {{{}, \"a{length}\": {{\"type\": \"string\"}}}},\n",
        links.join(",\n")
    );
    spec.replacen('{', &links, 1)
}

/// `levels` component schemas, each an `allOf` of two `$ref`s to the next (a diamond of
/// mixins at every level) and a property of its own; the first is returned by an operation.
/// Merged afresh at every path, the work would double with each level.
pub fn diamonds(levels: usize) -> String {
    let schemas: Vec<(String, String)> = (0..levels)
        .map(|index| {
            let next = if index + 1 < levels {
                let next = format!(r##"{{"$ref": "#/components/schemas/D{}"}}, "##, index + 1);
                next.repeat(2)
            } else {
                String::new()
            };
            (
                format!("D{index}"),
                format!(
                    r#"{{"allOf": [{next}{{"type": "object", "properties": {{"f{index}": {{"type": "string"}}}}}}]}}"#
                ),
            )
        })
        .collect();
    spec_serving(&schemas, 1)
}

/// `length` component schemas, each a bare `$ref` to the next, the last a string: a chain
/// of aliases.
pub fn alias_chain(length: usize) -> String {
    let schemas: Vec<(String, String)> = (0..length)
        .map(|index| {
            let schema = if index + 1 < length {
                format!(r##"{{"$ref": "#/components/schemas/A{}"}}"##, index + 1)
            } else {
                r#"{"type": "string"}"#.to_owned()
            };
            (format!("A{index}"), schema)
        })
        .collect();
    spec(&schemas)
}

/// How each link of [`wrapped_ref_chain`] holds the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// `{type: array, items: {$ref: next}}`
    Array,
    /// `{type: object, properties: {next: {$ref: next}}}`
    Object,
}

/// A component schema that is a `$ref` to the first of `length` schemas under an `x-` key,
/// each holding the next through `wrapper`: `$ref`s outside `components/schemas`, read one
/// inside another.
pub fn wrapped_ref_chain(length: usize, wrapper: Wrapper) -> String {
    let links: Vec<String> = (0..length)
        .map(|index| {
            let next = format!(r##"{{"$ref": "#/x-links/a{}"}}"##, index + 1);
            let schema = match wrapper {
                Wrapper::Array => format!(r#"{{"type": "array", "items": {next}}}"#),
                Wrapper::Object => {
                    format!(r#"{{"type": "object", "properties": {{"next": {next}}}}}"#)
                }
            };
            format!(r#""a{index}": {schema}"#)
        })
        .collect();
    let spec = spec(&[("S".to_owned(), r##"{"$ref": "#/x-links/a0"}"##.to_owned())]);
    let links = format!(
        "{{\"x-links\": {{{}, \"a{length}\": {{\"type\": \"string\"}}}},\n",
        links.join(",\n")
    );
    spec.replacen('{', &links, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_json_with_the_asked_depth() {
        for shape in Shape::ALL {
            let value: serde_json::Value = serde_json::from_str(&deep(shape, 10)).unwrap();
            let mut schema = &value["components"]["schemas"]["S"];
            let mut levels = 1;
            loop {
                let next = [
                    schema.pointer("/allOf/0"),
                    schema.get("items"),
                    schema
                        .get("properties")
                        .and_then(|properties| properties.as_object()?.values().next())
                        .filter(|child| child.is_object()),
                ];
                match next.into_iter().flatten().next() {
                    Some(child) => {
                        schema = child;
                        levels += 1;
                    }
                    None => break,
                }
            }
            // The slip's innermost object holds one more object-like level.
            assert_eq!(levels, 10, "{shape:?}");
        }
        let wide: serde_json::Value = serde_json::from_str(&wide(3)).unwrap();
        assert_eq!(wide["components"]["schemas"].as_object().unwrap().len(), 3);
    }
}
