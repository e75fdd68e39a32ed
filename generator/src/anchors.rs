//! `$ref`s by `$id` and `$anchor` (JSON Schema 2020-12, OpenAPI 3.1): a schema may name itself
//! with a URI (`$id: https://example.com/pet.json`) or a plain name (`$anchor: pet`), and a
//! `$ref` may use that name instead of a JSON pointer. Before bundling (which reads a `$ref`
//! that is not a pointer as a file), each such `$ref` is rewritten to the pointer of the
//! schema it names; any other `$ref` is left as it was.
//!
//! A relative `$id` or `$ref` is resolved against the `$id` of the schema around it (its base
//! URI); the document's own base is its place, which is never needed to match: a `$ref` to
//! another file names no `$id` of this one.

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::pointer_join;

/// Whether the spec's text may hold an `$id` or `$anchor` at all: most do not, and then the
/// document is not walked.
pub fn mentioned(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"$anchor").is_some()
        || memchr::memmem::find(text.as_bytes(), b"$id").is_some()
}

/// Rewrites each `$ref` in `document` that names a schema by its `$id` or `$anchor` to that
/// schema's pointer.
pub fn resolve(document: &mut Value) {
    let mut names = Names::default();
    collect(document, "#", "", &mut names);
    if names.0.is_empty() {
        return;
    }
    rewrite(document, "", &names);
}

/// `$id` URIs (resolved) and `$anchor`s (as `base#name`) -> the schema's pointer.
#[derive(Default)]
struct Names(HashMap<String, String>);

/// The keys under which a map holds names the spec chose (so a property called `$id` is a
/// property, not a keyword) or literal data.
fn holds_names_or_data(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "example"
            | "examples"
            | "default"
            | "enum"
            | "const"
            | "x-examples"
    )
}

fn collect(value: &Value, at: &str, base: &str, names: &mut Names) {
    match value {
        Value::Object(map) => {
            let base = match map.get("$id").and_then(Value::as_str) {
                Some(id) => {
                    let id = join(base, id);
                    let (resource, _) = split_fragment(&id);
                    names
                        .0
                        .entry(resource.to_owned())
                        .or_insert_with(|| at.to_owned());
                    resource.to_owned()
                }
                None => base.to_owned(),
            };
            if let Some(anchor) = map.get("$anchor").and_then(Value::as_str) {
                names
                    .0
                    .entry(format!("{base}#{anchor}"))
                    .or_insert_with(|| at.to_owned());
            }
            for (key, child) in map {
                let child_at = pointer_join(at, key);
                if holds_names_or_data(key) {
                    // A map of names: each entry is a schema (or data, which holds no keyword).
                    if let ("properties" | "patternProperties", Value::Object(entries)) =
                        (key.as_str(), child)
                    {
                        for (name, schema) in entries {
                            collect(schema, &pointer_join(&child_at, name), &base, names);
                        }
                    }
                    continue;
                }
                collect(child, &child_at, &base, names);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, &pointer_join(at, &index.to_string()), base, names);
            }
        }
        _ => {}
    }
}

fn rewrite(value: &mut Value, base: &str, names: &Names) {
    match value {
        Value::Object(map) => {
            let base = match map.get("$id").and_then(Value::as_str) {
                Some(id) => split_fragment(&join(base, id)).0.to_owned(),
                None => base.to_owned(),
            };
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(pointer) = target(reference, &base, names)
            {
                *reference = pointer;
            }
            for (key, child) in map.iter_mut() {
                if holds_names_or_data(key) {
                    if let ("properties" | "patternProperties", Value::Object(entries)) =
                        (key.as_str(), child)
                    {
                        for schema in entries.values_mut() {
                            rewrite(schema, &base, names);
                        }
                    }
                    continue;
                }
                rewrite(child, &base, names);
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite(item, base, names);
            }
        }
        _ => {}
    }
}

/// The pointer a `$ref` names through an `$id` or `$anchor`, if it does.
fn target(reference: &str, base: &str, names: &Names) -> Option<String> {
    // A pointer into this document is already what bundling reads.
    if reference.starts_with("#/") || reference == "#" {
        return None;
    }
    let absolute = join(base, reference);
    let (resource, fragment) = split_fragment(&absolute);
    match fragment {
        // `#name`: an anchor, of the resource around the `$ref`, or else of the document
        // itself (JSON Schema scopes an anchor to its resource; specs written by hand count on
        // the document's anchors everywhere).
        Some(name) if !name.is_empty() && !name.starts_with('/') => names
            .0
            .get(&format!("{resource}#{name}"))
            .or_else(|| {
                let own = reference.strip_prefix('#')?;
                names.0.get(&format!("#{own}"))
            })
            .cloned(),
        // `uri#/pointer`: a place inside the schema the URI names.
        Some(pointer) if pointer.starts_with('/') => {
            let root = names.0.get(resource)?;
            Some(format!("{root}{pointer}"))
        }
        _ => names.0.get(resource).cloned(),
    }
}

fn split_fragment(uri: &str) -> (&str, Option<&str>) {
    match uri.split_once('#') {
        Some((resource, fragment)) => (resource, Some(fragment)),
        None => (uri, None),
    }
}

/// `reference` resolved against `base` (RFC 3986, section 5.2, for the forms specs use): an
/// absolute URI or an absolute path keeps itself (with the base's scheme and authority for
/// the path), a fragment alone goes on the base, and a relative path replaces the base's
/// last segment, with `.` and `..` segments removed.
fn join(base: &str, reference: &str) -> String {
    if base.is_empty() || has_scheme(reference) {
        return reference.to_owned();
    }
    let (base_resource, _) = split_fragment(base);
    if reference.starts_with('#') {
        return format!("{base_resource}{reference}");
    }
    let (origin, base_path) = split_origin(base_resource);
    let merged = if reference.starts_with('/') {
        reference.to_owned()
    } else {
        let directory = base_path.rfind('/').map_or("", |end| &base_path[..=end]);
        format!("{directory}{reference}")
    };
    format!("{origin}{}", remove_dot_segments(&merged))
}

fn has_scheme(reference: &str) -> bool {
    let Some(colon) = reference.find(':') else {
        return false;
    };
    let scheme = &reference[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `https://host/a/b` -> (`https://host`, `/a/b`); `urn:x` -> (`urn:`, `x`); a relative
/// base has no origin.
fn split_origin(uri: &str) -> (&str, &str) {
    if let Some(colon) = uri.find(':').filter(|_| has_scheme(uri)) {
        let rest = &uri[colon + 1..];
        if let Some(authority) = rest.strip_prefix("//") {
            let end = authority.find('/').map_or(uri.len(), |at| colon + 3 + at);
            return (&uri[..end], &uri[end..]);
        }
        return (&uri[..=colon], rest);
    }
    ("", uri)
}

fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (index, segment) in parts.iter().enumerate() {
        let last = index + 1 == parts.len();
        match *segment {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn relative_references_join_their_base_as_rfc_3986_says() {
        let base = "https://example.com/schemas/root.json";
        assert_eq!(
            join(base, "pet.json"),
            "https://example.com/schemas/pet.json"
        );
        assert_eq!(
            join(base, "../common/id.json"),
            "https://example.com/common/id.json"
        );
        assert_eq!(
            join(base, "./a/./b.json"),
            "https://example.com/schemas/a/b.json"
        );
        assert_eq!(join(base, "/top.json"), "https://example.com/top.json");
        assert_eq!(
            join(base, "#name"),
            "https://example.com/schemas/root.json#name"
        );
        assert_eq!(join(base, "urn:uuid:1"), "urn:uuid:1");
        assert_eq!(join("", "pet.json"), "pet.json");
        assert_eq!(join("schemas/root.json", "pet.json"), "schemas/pet.json");
    }

    #[test]
    fn references_by_id_and_anchor_become_pointers_and_others_stay() {
        let mut document = json!({
            "components": {"schemas": {
                "Pet": {"$id": "https://example.com/schemas/pet.json", "type": "object",
                        "properties": {"tag": {"$anchor": "tag", "type": "string"},
                                       "$id": {"type": "string"}}},
                "Named": {"$anchor": "named", "type": "string"},
                "Owner": {"type": "object", "properties": {
                    "pet": {"$ref": "https://example.com/schemas/pet.json"},
                    "tag": {"$ref": "https://example.com/schemas/pet.json#tag"},
                    "inside": {"$ref": "https://example.com/schemas/pet.json#/properties/tag"},
                    "named": {"$ref": "#named"},
                    "pointer": {"$ref": "#/components/schemas/Named"},
                    "file": {"$ref": "other.yaml#/Thing"},
                    "unknown": {"$ref": "#nowhere"}
                }},
                "Relative": {"$id": "https://example.com/schemas/relative.json",
                             "properties": {"pet": {"$ref": "pet.json"},
                                            "tag": {"$ref": "pet.json#tag"},
                                            "named": {"$ref": "#named"}}}
            }}
        });
        resolve(&mut document);
        let owner = &document["components"]["schemas"]["Owner"]["properties"];
        let reference = |property: &str| owner[property]["$ref"].as_str().unwrap().to_owned();
        assert_eq!(reference("pet"), "#/components/schemas/Pet");
        assert_eq!(reference("tag"), "#/components/schemas/Pet/properties/tag");
        assert_eq!(
            reference("inside"),
            "#/components/schemas/Pet/properties/tag"
        );
        assert_eq!(reference("named"), "#/components/schemas/Named");
        assert_eq!(reference("pointer"), "#/components/schemas/Named");
        assert_eq!(reference("file"), "other.yaml#/Thing");
        assert_eq!(reference("unknown"), "#nowhere");
        let relative = &document["components"]["schemas"]["Relative"]["properties"];
        assert_eq!(relative["pet"]["$ref"], "#/components/schemas/Pet");
        assert_eq!(
            relative["tag"]["$ref"],
            "#/components/schemas/Pet/properties/tag"
        );
        // Not an anchor of its resource: the document's.
        assert_eq!(relative["named"]["$ref"], "#/components/schemas/Named");
    }
}
