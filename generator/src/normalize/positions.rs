//! Where schemas live in an OpenAPI document.
//!
//! The rewrites must only touch schema objects: a property called `type` or `const` is a
//! name, and `examples` on a media type is a map, not a list. So instead of walking every
//! object, we visit exactly the places the OpenAPI 3.x grammar puts a schema, each with its
//! JSON pointer.

use serde_json::Value;

use crate::diagnostic::pointer_join;

/// The keys of a path item that hold operations.
pub(super) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A visitor of schemas: the schema and its pointer.
pub type Visit<'a> = dyn FnMut(&mut Value, &str) + 'a;

/// What [`for_each_root_schema`] calls at each place.
pub trait Places {
    /// A top-level schema and its pointer.
    fn schema(&mut self, schema: &mut Value, at: &str);
    /// A parameter, header or media type object (at `at`): the places that hold `example` and
    /// `examples`.
    fn example_holder(&mut self, _holder: &mut Value, _at: &str) {}
}

impl<F: FnMut(&mut Value, &str)> Places for F {
    fn schema(&mut self, schema: &mut Value, at: &str) {
        self(schema, at)
    }
}

/// Calls `places` on every top-level schema of the document (component schemas, parameter,
/// header and media-type schemas) and every object that holds examples. Nested schemas are
/// the visitor's business.
pub fn for_each_root_schema(doc: &mut Value, places: &mut dyn Places) {
    if let Some(components) = doc.get_mut("components") {
        let at = "#/components";
        each_value_with(components, at, "schemas", &mut |s, at| places.schema(s, at));
        each_value_with(components, at, "parameters", &mut |p, at| {
            parameter(p, at, places)
        });
        each_value_with(components, at, "headers", &mut |h, at| {
            parameter(h, at, places)
        });
        each_value_with(components, at, "requestBodies", &mut |b, at| {
            content(b, at, places)
        });
        each_value_with(components, at, "responses", &mut |r, at| {
            response(r, at, places)
        });
        each_value_with(components, at, "callbacks", &mut |c, at| {
            callback(c, at, places)
        });
        each_value_with(components, at, "pathItems", &mut |p, at| {
            path_item(p, at, places)
        });
    }
    each_value_with(doc, "#", "paths", &mut |p, at| path_item(p, at, places));
    each_value_with(doc, "#", "webhooks", &mut |p, at| path_item(p, at, places));
}

/// Visits every value of the map at `holder[key]`.
fn each_value_with(holder: &mut Value, at: &str, key: &str, visit: &mut Visit) {
    if let Some(Value::Object(map)) = holder.get_mut(key) {
        let at = pointer_join(at, key);
        for (name, value) in map.iter_mut() {
            visit(value, &pointer_join(&at, name));
        }
    }
}

fn each_item(holder: &mut Value, at: &str, key: &str, visit: &mut Visit) {
    if let Some(Value::Array(items)) = holder.get_mut(key) {
        let at = pointer_join(at, key);
        for (index, value) in items.iter_mut().enumerate() {
            visit(value, &pointer_join(&at, &index.to_string()));
        }
    }
}

fn path_item(item: &mut Value, at: &str, places: &mut dyn Places) {
    each_item(item, at, "parameters", &mut |p, at| {
        parameter(p, at, places)
    });
    for method in METHODS {
        if let Some(operation) = item.get_mut(*method) {
            let at = pointer_join(at, method);
            each_item(operation, &at, "parameters", &mut |p, at| {
                parameter(p, at, places)
            });
            if let Some(body) = operation.get_mut("requestBody") {
                content(body, &pointer_join(&at, "requestBody"), places);
            }
            each_value_with(operation, &at, "responses", &mut |r, at| {
                response(r, at, places)
            });
            each_value_with(operation, &at, "callbacks", &mut |c, at| {
                callback(c, at, places)
            });
        }
    }
}

fn callback(callback: &mut Value, at: &str, places: &mut dyn Places) {
    if let Value::Object(map) = callback {
        for (expression, item) in map.iter_mut() {
            path_item(item, &pointer_join(at, expression), places);
        }
    }
}

/// A parameter or a header: a `schema`, or a `content` map.
fn parameter(parameter: &mut Value, at: &str, places: &mut dyn Places) {
    places.example_holder(parameter, at);
    if let Some(schema) = parameter.get_mut("schema") {
        places.schema(schema, &pointer_join(at, "schema"));
    }
    content(parameter, at, places);
}

fn response(response: &mut Value, at: &str, places: &mut dyn Places) {
    each_value_with(response, at, "headers", &mut |h, at| {
        parameter(h, at, places)
    });
    content(response, at, places);
}

fn content(holder: &mut Value, at: &str, places: &mut dyn Places) {
    each_value_with(holder, at, "content", &mut |media, at| {
        places.example_holder(media, at);
        if let Some(schema) = media.get_mut("schema") {
            places.schema(schema, &pointer_join(at, "schema"));
        }
        // A multipart part's headers.
        each_value_with(media, at, "encoding", &mut |encoding, at| {
            each_value_with(encoding, at, "headers", &mut |h, at| {
                parameter(h, at, places)
            });
        });
    });
}

/// Calls `visit` on every schema nested directly in `schema` (one level down).
pub fn for_each_child_schema(schema: &mut Value, at: &str, visit: &mut Visit) {
    let Value::Object(map) = schema else { return };
    for (key, value) in map.iter_mut() {
        // Built only for the keywords that hold schemas: most keys (`type`, `description`)
        // never need a pointer.
        let here = || pointer_join(at, key);
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                if let Value::Object(entries) = value {
                    let at = here();
                    for (name, child) in entries.iter_mut() {
                        visit(child, &pointer_join(&at, name));
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" | "items" if value.is_array() => {
                if let Value::Array(items) = value {
                    let at = here();
                    for (index, child) in items.iter_mut().enumerate() {
                        visit(child, &pointer_join(&at, &index.to_string()));
                    }
                }
            }
            // `additionalProperties: false` keeps its 3.0 meaning; only schemas are visited.
            "additionalProperties" if value.is_object() => visit(value, &here()),
            "items"
            | "not"
            | "contains"
            | "propertyNames"
            | "if"
            | "then"
            | "else"
            | "unevaluatedItems"
            | "unevaluatedProperties"
                if value.is_object() || value.is_boolean() =>
            {
                visit(value, &here())
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn visits_schema_positions_only_with_their_pointers() {
        let mut doc = json!({
            "paths": {"/a": {
                "parameters": [{"name": "p", "in": "query", "schema": {"id": 1}}],
                "get": {
                    "requestBody": {"content": {"multipart/form-data": {"schema": {"id": 2},
                        "encoding": {"file": {"headers": {"X-Part": {"schema": {"id": 7}}}}}}}},
                    "responses": {"200": {
                        "headers": {"X-Rate": {"schema": {"id": 3}}},
                        "content": {"application/json": {"schema": {"id": 4}, "examples": {}}}
                    }}
                },
                "summary": "not a schema"
            }},
            "components": {"schemas": {"A": {"id": 5}}, "parameters": {"P": {"schema": {"id": 6}}}}
        });
        let mut seen = Vec::new();
        for_each_root_schema(&mut doc, &mut |schema: &mut Value, at: &str| {
            seen.push((schema["id"].as_i64().unwrap(), at.to_owned()))
        });
        seen.sort();
        let pointers: Vec<&str> = seen.iter().map(|(_, at)| at.as_str()).collect();
        assert_eq!(
            pointers,
            vec![
                "#/paths/~1a/parameters/0/schema",
                "#/paths/~1a/get/requestBody/content/multipart~1form-data/schema",
                "#/paths/~1a/get/responses/200/headers/X-Rate/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema",
                "#/components/schemas/A",
                "#/components/parameters/P/schema",
                "#/paths/~1a/get/requestBody/content/multipart~1form-data/encoding/file/headers/X-Part/schema",
            ]
        );
    }

    #[test]
    fn children_are_properties_items_and_combinators_not_property_names() {
        let mut schema = json!({
            "properties": {"type": {"id": 1}, "const": {"id": 2}},
            "items": {"id": 3},
            "anyOf": [{"id": 4}],
            "additionalProperties": true,
            "enum": [{"id": 99}]
        });
        let mut seen = Vec::new();
        for_each_child_schema(&mut schema, "#/S", &mut |_, at| seen.push(at.to_owned()));
        assert_eq!(
            seen,
            vec![
                "#/S/properties/type",
                "#/S/properties/const",
                "#/S/items",
                "#/S/anyOf/0"
            ]
        );
    }
}
