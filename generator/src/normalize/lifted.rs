//! The schemas outside `components/schemas` (parameters', headers', bodies' and responses'),
//! read by [`schema_reader`](super::schema_reader) and kept out of openapiv3's way.
//!
//! Each is read where it sits and replaced by an empty schema while openapiv3 reads the rest
//! of the document (the operations, parameters, responses around them), so openapiv3's
//! deserialization never goes deeper than the OpenAPI grammar's own few levels; then the
//! values are put back in the document, and the read schemas in openapiv3's places for them,
//! found by their JSON pointers.

use std::collections::HashMap;

use openapiv3::{
    Content, Header, OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, Paths, ReferenceOr,
    RequestBody, Response, Schema, StatusCode,
};
use serde_json::Value;

use super::{positions, schema_reader};
use crate::diagnostic::{Diagnostic, pointer_join};

/// Root schemas taken out of the document: their values, in the walk's order, and what each
/// reads as, by pointer.
#[derive(Debug, Default)]
pub(super) struct Lifted {
    values: Vec<Value>,
    read: HashMap<String, ReferenceOr<Schema>>,
}

/// Component schemas are read apart, on two threads (`read_openapi`).
fn is_component_schema(at: &str) -> bool {
    at.starts_with("#/components/schemas/")
}

/// Reads every root schema but the component schemas and leaves an empty one in its place;
/// the first schema the reader refuses is the error.
pub(super) fn lift(document: &mut Value) -> Result<Lifted, Diagnostic> {
    let mut lifted = Lifted::default();
    let mut refused = None;
    positions::for_each_root_schema(document, &mut |schema: &mut Value, at: &str| {
        // `schema: null` is no schema, as openapiv3 reads it.
        if refused.is_some() || is_component_schema(at) || schema.is_null() {
            return;
        }
        match schema_reader::reference_or_schema(schema) {
            Ok(read) => {
                lifted.read.insert(canonical_pointer(at), read);
                lifted.values.push(std::mem::replace(
                    schema,
                    Value::Object(serde_json::Map::new()),
                ));
            }
            Err(unreadable) => refused = Some(unreadable.into_diagnostic(at)),
        }
    });
    match refused {
        Some(diagnostic) => {
            // The document is whole again for whoever reads it next.
            lifted.restore(document);
            Err(diagnostic)
        }
        None => Ok(lifted),
    }
}

impl Lifted {
    /// Puts the values back where [`lift`] took them, by the same walk.
    pub(super) fn restore(&mut self, document: &mut Value) {
        let mut values = std::mem::take(&mut self.values).into_iter();
        positions::for_each_root_schema(document, &mut |schema: &mut Value, at: &str| {
            if !is_component_schema(at)
                && !schema.is_null()
                && let Some(value) = values.next()
            {
                *schema = value;
            }
        });
    }

    /// Puts each read schema in openapiv3's place for it, in `openapi` and in the webhooks
    /// (read apart: openapiv3 has no place for them). What is left was in a place openapiv3
    /// does not read (`components/pathItems`).
    pub(super) fn fill(&mut self, openapi: &mut OpenAPI, webhooks: &mut Paths) {
        if let Some(components) = &mut openapi.components {
            let at = "#/components";
            for (name, parameter) in &mut components.parameters {
                self.parameter(
                    parameter,
                    &pointer_join(&pointer_join(at, "parameters"), name),
                );
            }
            for (name, header) in &mut components.headers {
                self.header(header, &pointer_join(&pointer_join(at, "headers"), name));
            }
            for (name, body) in &mut components.request_bodies {
                self.body(
                    body,
                    &pointer_join(&pointer_join(at, "requestBodies"), name),
                );
            }
            for (name, response) in &mut components.responses {
                self.response(
                    response,
                    &pointer_join(&pointer_join(at, "responses"), name),
                );
            }
        }
        for (path, item) in &mut openapi.paths.paths {
            if let ReferenceOr::Item(item) = item {
                self.path_item(item, &pointer_join("#/paths", path));
            }
        }
        for (name, item) in &mut webhooks.paths {
            if let ReferenceOr::Item(item) = item {
                self.path_item(item, &pointer_join("#/webhooks", name));
            }
        }
    }

    fn slot(&mut self, slot: &mut ReferenceOr<Schema>, at: &str) {
        if let Some(read) = self.read.remove(at) {
            *slot = read;
        }
    }

    fn path_item(&mut self, item: &mut PathItem, at: &str) {
        self.parameters(&mut item.parameters, at);
        let PathItem {
            get,
            put,
            post,
            delete,
            options,
            head,
            patch,
            trace,
            ..
        } = item;
        let methods = [
            ("get", get),
            ("put", put),
            ("post", post),
            ("delete", delete),
            ("options", options),
            ("head", head),
            ("patch", patch),
            ("trace", trace),
        ];
        for (method, operation) in methods {
            let Some(operation) = operation else { continue };
            let at = pointer_join(at, method);
            self.parameters(&mut operation.parameters, &at);
            if let Some(body) = &mut operation.request_body {
                self.body(body, &pointer_join(&at, "requestBody"));
            }
            let responses_at = pointer_join(&at, "responses");
            if let Some(default) = &mut operation.responses.default {
                self.response(default, &pointer_join(&responses_at, "default"));
            }
            for (status, response) in &mut operation.responses.responses {
                // Keys as openapiv3 prints them, as `canonical_pointer` spells the lifted ones.
                self.response(response, &pointer_join(&responses_at, &status.to_string()));
            }
        }
    }

    fn parameters(&mut self, parameters: &mut [ReferenceOr<Parameter>], at: &str) {
        let at = pointer_join(at, "parameters");
        for (index, parameter) in parameters.iter_mut().enumerate() {
            self.parameter(parameter, &pointer_join(&at, &index.to_string()));
        }
    }

    fn parameter(&mut self, parameter: &mut ReferenceOr<Parameter>, at: &str) {
        let ReferenceOr::Item(parameter) = parameter else {
            return;
        };
        let data = match parameter {
            Parameter::Query { parameter_data, .. }
            | Parameter::Header { parameter_data, .. }
            | Parameter::Path { parameter_data, .. }
            | Parameter::Cookie { parameter_data, .. } => parameter_data,
        };
        self.schema_or_content(&mut data.format, at);
    }

    fn header(&mut self, header: &mut ReferenceOr<Header>, at: &str) {
        if let ReferenceOr::Item(header) = header {
            self.schema_or_content(&mut header.format, at);
        }
    }

    fn schema_or_content(&mut self, format: &mut ParameterSchemaOrContent, at: &str) {
        match format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.slot(schema, &pointer_join(at, "schema"))
            }
            ParameterSchemaOrContent::Content(content) => self.content(content, at),
        }
    }

    fn body(&mut self, body: &mut ReferenceOr<RequestBody>, at: &str) {
        if let ReferenceOr::Item(body) = body {
            self.content(&mut body.content, at);
        }
    }

    fn response(&mut self, response: &mut ReferenceOr<Response>, at: &str) {
        let ReferenceOr::Item(response) = response else {
            return;
        };
        let headers_at = pointer_join(at, "headers");
        for (name, header) in &mut response.headers {
            self.header(header, &pointer_join(&headers_at, name));
        }
        self.content(&mut response.content, at);
    }

    fn content(&mut self, content: &mut Content, at: &str) {
        let content_at = pointer_join(at, "content");
        for (media_type, media) in content.iter_mut() {
            let at = pointer_join(&content_at, media_type);
            if let Some(schema) = &mut media.schema {
                self.slot(schema, &pointer_join(&at, "schema"));
            }
            let encoding_at = pointer_join(&at, "encoding");
            for (part, encoding) in &mut media.encoding {
                let headers_at = pointer_join(&pointer_join(&encoding_at, part), "headers");
                for (name, header) in &mut encoding.headers {
                    self.header(header, &pointer_join(&headers_at, name));
                }
            }
        }
    }
}

/// `at` with an operation's response key written as openapiv3 prints it (`2xx` -> `2XX`),
/// the way [`Lifted::fill`] spells it from openapiv3's types; the document keeps its own.
fn canonical_pointer(at: &str) -> String {
    if !at.contains("/responses/") {
        return at.to_owned();
    }
    let mut tokens = crate::diagnostic::pointer_tokens(at);
    if tokens.len() > 4
        && PATH_ITEM_HOLDERS.contains(&tokens[0].as_str())
        && tokens[3] == "responses"
        && let Some(canonical) = canonical(&tokens[4])
    {
        tokens[4] = canonical;
    }
    tokens.iter().fold("#".to_owned(), |pointer, token| {
        pointer_join(&pointer, token)
    })
}

/// Response pointers whose key openapiv3 prints otherwise (`2xx` -> `2XX`, `0200` -> `200`):
/// the pointer as printed -> as written.
pub(super) fn odd_status_pointers(document: &Value) -> HashMap<String, String> {
    let mut odd = HashMap::new();
    for holder in PATH_ITEM_HOLDERS {
        odd_status_pointers_of(document, holder, &mut odd);
    }
    odd
}

/// Where the document holds path items: `paths`, and 3.1's `webhooks`.
pub(super) const PATH_ITEM_HOLDERS: [&str; 2] = ["paths", "webhooks"];

fn odd_status_pointers_of(document: &Value, holder: &str, odd: &mut HashMap<String, String>) {
    let Some(Value::Object(paths)) = document.get(holder) else {
        return;
    };
    let holder_at = format!("#/{holder}");
    for (path, item) in paths {
        let Value::Object(item) = item else { continue };
        for (method, operation) in item {
            let Some(Value::Object(responses)) = operation.get("responses") else {
                continue;
            };
            for key in responses.keys() {
                // When both spellings are written, openapiv3 keeps one: which, it does not say.
                if let Some(canonical) = canonical(key)
                    .filter(|canonical| canonical != key && !responses.contains_key(canonical))
                {
                    let operation_at = pointer_join(&pointer_join(&holder_at, path), method);
                    let at = pointer_join(&operation_at, "responses");
                    odd.insert(pointer_join(&at, &canonical), pointer_join(&at, key));
                }
            }
        }
    }
}

/// How openapiv3 prints a status key, when it reads it as one.
fn canonical(key: &str) -> Option<String> {
    if key == "default" {
        return None;
    }
    let status: StatusCode = serde_json::from_value(Value::String(key.to_owned())).ok()?;
    Some(status.to_string())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize as _;
    use serde_json::json;

    use super::*;

    #[test]
    fn each_schema_is_put_where_openapiv3_reads_it_and_the_document_restored() {
        let string = json!({"type": "string", "minLength": 1});
        let mut document = json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/a/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": string}],
                "post": {
                    "parameters": [{"name": "q", "in": "query",
                        "content": {"application/json": {"schema": {"type": "integer"}}}}],
                    "requestBody": {"content": {"multipart/form-data": {
                        "schema": {"type": "object", "properties": {"f": string}},
                        "encoding": {"f": {"headers": {"X-Part": {"schema": {"type": "boolean"}}}}}
                    }}},
                    "responses": {
                        "2xx": {"description": "ok",
                            "headers": {"X-Rate": {"schema": {"type": "number"}}},
                            "content": {"application/json": {"schema": {"type": "array", "items": string}}}},
                        "default": {"description": "d",
                            "content": {"text/plain": {"schema": {"type": "string", "format": "x"}}}}
                    }
                }
            }},
            "components": {
                "parameters": {"P": {"name": "p", "in": "header", "schema": {"type": "string", "enum": ["a"]}}},
                "headers": {"H": {"schema": {"type": "integer", "format": "int32"}}},
                "requestBodies": {"B": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}}},
                "responses": {"R": {"description": "r", "content": {"application/json": {"schema": {"nullable": true}}}}},
                "schemas": {"S": {"type": "object"}}
            }
        });
        // `2xx` stays in the document; openapiv3's `2XX` finds its schema all the same.
        let whole = document.clone();
        let expected = OpenAPI::deserialize(&whole).unwrap();

        let mut lifted = lift(&mut document).unwrap();
        assert_eq!(lifted.read.len(), 11);
        assert_eq!(
            document.pointer("/paths/~1a~1{id}/parameters/0/schema"),
            Some(&json!({}))
        );
        let mut openapi = OpenAPI::deserialize(&document).unwrap();
        lifted.restore(&mut document);
        assert_eq!(document, whole);
        lifted.fill(&mut openapi, &mut Paths::default());
        assert!(
            lifted.read.is_empty(),
            "not filled: {:?}",
            lifted.read.keys()
        );
        assert_eq!(openapi, expected);
    }

    #[test]
    fn a_refused_schema_names_its_node_and_leaves_the_document_whole() {
        let mut document = json!({"paths": {"/a": {"get": {
            "parameters": [{"name": "a", "in": "query", "schema": {"type": "string"}},
                           {"name": "b", "in": "query", "schema": {"items": {"type": 5}}}],
            "responses": {}
        }}}});
        let whole = document.clone();
        let diagnostic = lift(&mut document).unwrap_err();
        assert!(
            lift(&mut json!({"paths": {"/a": {"get": {"responses": {"200": {
                "description": "no schema", "content": {"text/plain": {"schema": null}}
            }}}}}}))
            .is_ok(),
            "`schema: null` is no schema"
        );
        assert_eq!(
            diagnostic.pointer,
            "#/paths/~1a/get/parameters/1/schema/items/type"
        );
        assert_eq!(document, whole);
    }
}
