//! Where schemas live in an OpenAPI document.
//!
//! The rewrites must only touch schema objects: a property called `type` or `const` is a
//! name, and `examples` on a media type is a map, not a list. So instead of walking every
//! object, we visit exactly the places the OpenAPI 3.x grammar puts a schema.

use serde_json::Value;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Calls `visit` on every top-level schema of the document (component schemas, parameter,
/// header and media-type schemas). Nested schemas are the visitor's business.
pub fn for_each_root_schema(doc: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    if let Some(components) = doc.get_mut("components") {
        for_each_value(components.get_mut("schemas"), visit);
        for_each_value(components.get_mut("parameters"), &mut |p| {
            parameter(p, visit)
        });
        for_each_value(components.get_mut("headers"), &mut |h| parameter(h, visit));
        for_each_value(components.get_mut("requestBodies"), &mut |b| {
            content(b, visit)
        });
        for_each_value(components.get_mut("responses"), &mut |r| response(r, visit));
        for_each_value(components.get_mut("callbacks"), &mut |c| callback(c, visit));
        for_each_value(components.get_mut("pathItems"), &mut |p| {
            path_item(p, visit)
        });
    }
    for_each_value(doc.get_mut("paths"), &mut |p| path_item(p, visit));
}

fn for_each_value(map: Option<&mut Value>, visit: &mut dyn FnMut(&mut Value)) {
    if let Some(Value::Object(map)) = map {
        map.values_mut().for_each(visit);
    }
}

fn for_each_item(list: Option<&mut Value>, visit: &mut dyn FnMut(&mut Value)) {
    if let Some(Value::Array(items)) = list {
        items.iter_mut().for_each(visit);
    }
}

fn path_item(item: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    for_each_item(item.get_mut("parameters"), &mut |p| parameter(p, visit));
    for method in METHODS {
        if let Some(operation) = item.get_mut(*method) {
            for_each_item(operation.get_mut("parameters"), &mut |p| {
                parameter(p, visit)
            });
            if let Some(body) = operation.get_mut("requestBody") {
                content(body, visit);
            }
            for_each_value(operation.get_mut("responses"), &mut |r| response(r, visit));
            for_each_value(operation.get_mut("callbacks"), &mut |c| callback(c, visit));
        }
    }
}

fn callback(callback: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    for_each_value(Some(callback), &mut |p| path_item(p, visit));
}

/// A parameter or a header: a `schema`, or a `content` map.
fn parameter(parameter: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    if let Some(schema) = parameter.get_mut("schema") {
        visit(schema);
    }
    content(parameter, visit);
}

fn response(response: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    for_each_value(response.get_mut("headers"), &mut |h| parameter(h, visit));
    content(response, visit);
}

fn content(holder: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    for_each_value(holder.get_mut("content"), &mut |media| {
        if let Some(schema) = media.get_mut("schema") {
            visit(schema);
        }
    });
}

/// Calls `visit` on every schema nested directly in `schema` (one level down).
pub fn for_each_child_schema(schema: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    let Value::Object(map) = schema else { return };
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                for_each_value(Some(value), visit)
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => for_each_item(Some(value), visit),
            "items" if value.is_array() => for_each_item(Some(value), visit),
            // `additionalProperties: false` keeps its 3.0 meaning; only schemas are visited.
            "additionalProperties" if value.is_object() => visit(value),
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
                visit(value)
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
    fn visits_schema_positions_only() {
        let mut doc = json!({
            "paths": {"/a": {
                "parameters": [{"name": "p", "in": "query", "schema": {"id": 1}}],
                "get": {
                    "requestBody": {"content": {"application/json": {"schema": {"id": 2}}}},
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
        for_each_root_schema(&mut doc, &mut |schema| {
            seen.push(schema["id"].as_i64().unwrap())
        });
        seen.sort_unstable();
        assert_eq!(seen, vec![1, 2, 3, 4, 5, 6]);
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
        for_each_child_schema(&mut schema, &mut |child| {
            seen.push(child.get("id").cloned())
        });
        assert_eq!(seen.len(), 4);
        assert!(!seen.contains(&Some(json!(99))));
    }
}
