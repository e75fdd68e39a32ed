//! Stage 2: lift every accepted OpenAPI version to the one shape openapiv3 holds.
//!
//! 3.0 and 3.1 documents are accepted. 3.1 schemas are JSON Schema 2020-12, which openapiv3
//! cannot read (`type: [string, 'null']`, numeric `exclusiveMinimum`, boolean schemas...) or
//! reads lossily (`$ref` siblings, `const`, `examples`), so a pre-pass over the document value
//! rewrites them first (see [`rewrites`]); then openapiv3 parses the document around the
//! schemas. Every schema is read into openapiv3's types by `schema_reader` (component
//! schemas there, the others lifted out for it by `lifted`), by openapiv3's rules but in one
//! linear pass.

pub mod conditions;
mod lifted;
pub mod maps;
mod positions;
pub mod rewrites;
pub(crate) mod schema_reader;
pub mod tuples;

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize as _;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Warnings, pointer_join};
use crate::error::Error;
use crate::load::Source;
use rewrites::{Example, Found};

/// Which OpenAPI minor version a document declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecVersion {
    V3_0,
    V3_1,
}

/// The document after normalization, ready for resolve.
#[derive(Debug, Clone)]
pub struct Normalized {
    #[allow(
        dead_code,
        reason = "read by tests only, until a stage treats 3.0 and 3.1 apart"
    )]
    pub version: SpecVersion,
    pub openapi: openapiv3::OpenAPI,
    /// The normalized document value, for `$ref`s that point inside a schema; `Null` once
    /// [`Normalized::keep_ref_targets`] has kept what they point at.
    pub document: Value,
    /// Set by [`Normalized::keep_ref_targets`]: what each local `$ref` points at, in place of
    /// `document`.
    pub ref_targets: Option<HashMap<String, Option<Value>>>,
    /// 3.1 `webhooks`, read as path items by name (openapiv3's `OpenAPI` has no place for
    /// them): the requests the API makes to its consumers.
    pub webhooks: openapiv3::Paths,
    /// The keys of the 3.1 `mutualTLS` security schemes, taken out before openapiv3 reads
    /// the document: a client certificate is the TLS layer's business, not a credential the
    /// generated code sends or checks.
    pub mutual_tls: Vec<String>,
    /// `info.summary` (3.1), which openapiv3's `Info` has no field for.
    pub info_summary: Option<String>,
    /// `info.license.identifier` (3.1, an SPDX expression), which openapiv3's `License` has
    /// no field for.
    pub license_identifier: Option<String>,
    /// A response's pointer with its key as openapiv3 prints it (`.../responses/2XX`) -> as
    /// the document writes it (`.../responses/2xx`), for the few keys that differ.
    pub status_pointers: HashMap<String, String>,
    /// The `prefixItems` of array schemas (JSON Schema 2020-12 tuples), by the schema's
    /// pointer: openapiv3's `ArrayType` has no place for them.
    pub tuples: HashMap<String, tuples::Tuple>,
    /// What the keys of object schemas may be (`patternProperties`, `propertyNames`), by the
    /// schema's pointer: openapiv3's object types have no place for them.
    pub key_rules: HashMap<String, maps::KeyRules>,
    /// Conditions between the properties of object schemas (`if`/`then`/`else`,
    /// `dependentSchemas`), by the schema's pointer.
    pub conditions: HashMap<String, Vec<conditions::Conditional>>,
    /// The document's examples, by the place they describe (a schema, or a media type): taken
    /// out of it, openapiv3 reads no 3.1 example list.
    pub examples: HashMap<String, Vec<Example>>,
}

pub fn normalize(
    source: &Source,
    mut document: Value,
    warnings: &mut Warnings,
) -> Result<Normalized, Error> {
    let fail = |diagnostic| Error::spec(&source.name, diagnostic);
    let version = check_version(&document).map_err(fail)?;
    let Value::Object(root) = &mut document else {
        unreachable!("check_version accepts objects only")
    };
    drop_callbacks(root, warnings);
    let mutual_tls = take_mutual_tls(root);
    let info_summary = root
        .get("info")
        .and_then(|info| info.get("summary"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|summary| !summary.is_empty())
        .map(str::to_owned);
    let license_identifier = root
        .get("info")
        .and_then(|info| info.get("license"))
        .and_then(|license| license.get("identifier"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|identifier| !identifier.is_empty())
        .map(str::to_owned);
    check_dialect(root, warnings);
    fill_missing_responses(root, version, warnings);
    root.entry("paths")
        .or_insert_with(|| Value::Object(Default::default()));
    drop_component_examples(root);
    let found = rewrite_schemas(&mut document, warnings);

    let status_pointers = lifted::odd_status_pointers(&document);
    let mut lifted = lifted::lift(&mut document).map_err(fail)?;
    let openapi = read_openapi(&mut document);
    let webhooks = read_webhooks(&document);
    lifted.restore(&mut document);
    let mut openapi = openapi.map_err(fail)?;
    let mut webhooks = webhooks.map_err(fail)?;
    lifted.fill(&mut openapi, &mut webhooks);
    let tuples = tuples::read(&document, found.tuples).map_err(fail)?;
    let key_rules = maps::read(&document, found.maps, warnings).map_err(fail)?;
    let conditions = conditions::read(&document, found.conditions, warnings);
    let mut examples: HashMap<String, Vec<Example>> = HashMap::new();
    for example in found.examples {
        examples
            .entry(example.place.clone())
            .or_default()
            .push(example);
    }
    Ok(Normalized {
        version,
        openapi,
        document,
        ref_targets: None,
        webhooks,
        mutual_tls,
        info_summary,
        license_identifier,
        status_pointers,
        tuples,
        key_rules,
        conditions,
        examples,
    })
}

/// The JSON Schema dialects whose schemas we read as they are meant: OpenAPI 3.1's own and the
/// JSON Schema 2020-12 it builds on.
const KNOWN_DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
    "https://json-schema.org/draft/2020-12/schema",
];

/// `jsonSchemaDialect` (3.1) naming another dialect: its schemas are still read as 2020-12,
/// which the user should know.
fn check_dialect(root: &serde_json::Map<String, Value>, warnings: &mut Warnings) {
    if let Some(dialect) = root.get("jsonSchemaDialect").and_then(Value::as_str)
        && !KNOWN_DIALECTS.contains(&dialect.trim_end_matches('#'))
    {
        warnings.push(
            "#/jsonSchemaDialect",
            format!("schemas are read as JSON Schema 2020-12 (OpenAPI 3.1's dialect), not as `{dialect}`"),
        );
    }
}

/// The schema object at `place` (a `#/...` pointer) in `document`, if one is there.
fn schema_at<'d>(document: &'d Value, place: &str) -> Option<&'d serde_json::Map<String, Value>> {
    place
        .strip_prefix('#')
        .and_then(|pointer| document.pointer(pointer))
        .and_then(Value::as_object)
}

impl Normalized {
    /// Where a response is in the document, given its pointer as openapiv3 spells the key.
    pub fn response_pointer(&self, canonical: String) -> String {
        match self.status_pointers.get(&canonical) {
            Some(written) => written.clone(),
            None => canonical,
        }
    }

    /// Keeps what each of `refs` (the local `$ref`s of the document that resolve reads from
    /// its value, as written) points at, and what each `$ref` inside those targets points
    /// at in turn (a target may sit in literal data, where the walk that listed `refs` does
    /// not look), and hands back the document value: resolve then reads only the kept
    /// targets. On a large spec freeing the value is hundreds of thousands of allocations,
    /// which the caller can free on another thread while resolve runs.
    pub fn keep_ref_targets(&mut self, refs: &BTreeSet<String>) -> Value {
        let mut targets: HashMap<String, Option<Value>> = HashMap::new();
        let mut pending: Vec<String> = refs.iter().cloned().collect();
        while let Some(reference) = pending.pop() {
            if targets.contains_key(&reference) {
                continue;
            }
            let target = reference.strip_prefix('#').and_then(|pointer| {
                self.document
                    .pointer(&crate::diagnostic::percent_decode(pointer))
                    .cloned()
            });
            if let Some(target) = &target {
                each_ref(target, &mut |inner| {
                    if !crate::bundle::is_component_schema_ref(inner)
                        && !targets.contains_key(inner)
                    {
                        pending.push(inner.to_owned());
                    }
                });
            }
            targets.insert(reference, target);
        }
        self.ref_targets = Some(targets);
        std::mem::take(&mut self.document)
    }
}

/// Calls `found` with every `$ref` string in `value`, at any depth.
fn each_ref(value: &Value, found: &mut dyn FnMut(&str)) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(reference) if key == "$ref" => found(reference),
                    _ => each_ref(value, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| each_ref(item, found)),
        _ => {}
    }
}

/// Reads the document as openapiv3 types on two threads (this stage runs before there is
/// other work to share): one starts with the paths, the other with the rest of the document,
/// and then both take the component schemas a few at a time (their sizes vary too much to
/// split them evenly in advance). The component schemas are read by `schema_reader`, and
/// taken out of the document meanwhile so openapiv3 does not read them too.
fn read_openapi(document: &mut Value) -> Result<openapiv3::OpenAPI, Diagnostic> {
    /// Schemas read at a time.
    const CHUNK: usize = 16;
    /// A chunk's schemas, or the first error among them.
    type Chunk = Result<Vec<openapiv3::ReferenceOr<openapiv3::Schema>>, Diagnostic>;
    let paths = take_object(&mut document["paths"]);
    let schemas: Vec<(String, Value)> = match document
        .get_mut("components")
        .and_then(|components| components.get_mut("schemas"))
    {
        Some(Value::Object(schemas)) => std::mem::take(schemas).into_iter().collect(),
        _ => Vec::new(),
    };
    let chunks: Vec<&[(String, Value)]> = schemas.chunks(CHUNK).collect();
    let read: Vec<std::sync::Mutex<Option<Chunk>>> =
        chunks.iter().map(|_| Default::default()).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let read_schemas = || {
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(chunk) = chunks.get(index) else {
                return;
            };
            let schemas = chunk.iter().map(|(name, value)| {
                schema_reader::reference_or_schema(value).map_err(|unreadable| {
                    unreadable.into_diagnostic(&pointer_join("#/components/schemas", name))
                })
            });
            *read[index]
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(schemas.collect());
        }
    };
    let (openapi, paths_read) = crate::parallel::join_beside(
        || {
            let openapi = openapiv3::OpenAPI::deserialize(&*document);
            read_schemas();
            openapi
        },
        || {
            let paths = openapiv3::Paths::deserialize(&paths);
            read_schemas();
            paths
        },
    );
    // The document is put back whole: `$ref`s into schemas are read from it.
    document["paths"] = paths;
    let openapi = match (openapi, paths_read) {
        (Ok(mut openapi), Ok(paths)) => {
            openapi.paths = paths;
            Ok(openapi)
        }
        // Read again with the path tracking that names the place (the component schemas are
        // still out: they are not its business).
        _ => Err(openapiv3_error(document)),
    };
    let names: Vec<String> = schemas.iter().map(|(name, _)| name.clone()).collect();
    if !schemas.is_empty() {
        document["components"]["schemas"] = Value::Object(schemas.into_iter().collect());
    }
    let mut openapi = openapi?;
    if !names.is_empty() {
        let mut read_all = Vec::with_capacity(names.len());
        for chunk in read {
            let chunk = chunk
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .expect("every chunk was read");
            read_all.extend(chunk?);
        }
        openapi
            .components
            .get_or_insert_with(Default::default)
            .schemas = names.into_iter().zip(read_all).collect();
    }
    Ok(openapi)
}

/// The 3.1 `webhooks`, read as openapiv3 reads `paths` (their schemas are lifted out, as the
/// paths' are); a webhook that is not a path item is an error at its place.
fn read_webhooks(document: &Value) -> Result<openapiv3::Paths, Diagnostic> {
    // Not as `Paths`, which keeps only keys that start with `/`.
    type ByName = indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::PathItem>>;
    let Some(webhooks) = document.get("webhooks") else {
        return Ok(openapiv3::Paths::default());
    };
    let read =
        serde_path_to_error::deserialize::<_, ByName>(webhooks).map(|paths| openapiv3::Paths {
            paths,
            ..Default::default()
        });
    read.map_err(|err| {
        let pointer = path_pointer(err.path()).replacen('#', "#/webhooks", 1);
        Diagnostic::error(pointer, format!("not a valid webhook: {}", err.inner()))
    })
}

/// Why openapiv3 refuses the document, and where.
fn openapiv3_error(document: &Value) -> Diagnostic {
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(document) {
        Ok(_) => Diagnostic::error("#", "not a valid OpenAPI document"),
        Err(err) => {
            let (pointer, message) = narrow_paths_error(document, path_pointer(err.path()))
                .unwrap_or_else(|| (path_pointer(err.path()), err.inner().to_string()));
            Diagnostic::error(pointer, format!("not a valid OpenAPI document: {message}"))
        }
    }
}

/// Rewrites every schema (see [`Rewriter`]): the paths' on a second thread, the others on this
/// one. The paths' warnings come after the others', as in one walk over the document. Returns
/// what it found (see [`Found`]).
fn rewrite_schemas(document: &mut Value, warnings: &mut Warnings) -> Found {
    let mut paths = Value::Object(serde_json::Map::from_iter([(
        "paths".to_owned(),
        take_object(&mut document["paths"]),
    )]));
    let mut paths_warnings = Warnings::default();
    let (mut found, mut paths_found) = (Found::default(), Found::default());
    crate::parallel::join_beside(
        || {
            let found = &mut found;
            positions::for_each_root_schema(document, &mut Rewriter { warnings, found })
        },
        || {
            let (warnings, found) = (&mut paths_warnings, &mut paths_found);
            positions::for_each_root_schema(&mut paths, &mut Rewriter { warnings, found });
        },
    );
    document["paths"] = paths["paths"].take();
    warnings.append(paths_warnings);
    found.append(paths_found);
    found
}

/// The value, leaving an empty object in its place.
fn take_object(value: &mut Value) -> Value {
    std::mem::replace(value, Value::Object(serde_json::Map::new()))
}

/// Rewrites every schema, and takes the examples out of them and of the parameters and media
/// types (see [`rewrites::take_schema_examples`]).
struct Rewriter<'a> {
    warnings: &'a mut Warnings,
    found: &'a mut Found,
}

impl positions::Places for Rewriter<'_> {
    fn schema(&mut self, schema: &mut Value, at: &str) {
        rewrites::normalize_schema(schema, at, self.warnings, self.found);
    }

    fn example_holder(&mut self, holder: &mut Value, at: &str) {
        if let Value::Object(holder) = holder {
            rewrites::take_media_examples(holder, at, &mut self.found.examples);
        }
    }
}

/// Only the `examples` of parameters, headers and media types refer to these, and those are
/// dropped.
/// Gives each operation without `responses` (optional since 3.1) an empty map, which openapiv3
/// requires; resolve reads an empty map as "any answer". 3.0 requires `responses`: there it is
/// a defect we survive, with a warning.
fn fill_missing_responses(
    root: &mut serde_json::Map<String, Value>,
    version: SpecVersion,
    warnings: &mut Warnings,
) {
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else { continue };
        for (method, operation) in item.iter_mut() {
            if !positions::METHODS.contains(&method.as_str()) {
                continue;
            }
            let Value::Object(operation) = operation else {
                continue;
            };
            if operation.contains_key("responses") {
                continue;
            }
            operation.insert("responses".to_owned(), Value::Object(Default::default()));
            if version == SpecVersion::V3_0 {
                warnings.push(
                    pointer_join(&pointer_join("#/paths", path), method),
                    "OpenAPI 3.0 requires `responses`; the operation is read as answering with any status",
                );
            }
        }
    }
}

/// Takes the `mutualTLS` security schemes out of `components.securitySchemes`: their keys.
fn take_mutual_tls(root: &mut serde_json::Map<String, Value>) -> Vec<String> {
    let Some(Value::Object(schemes)) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("securitySchemes"))
    else {
        return Vec::new();
    };
    let keys: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(key, _)| key.clone())
        .collect();
    for key in &keys {
        schemes.remove(key);
    }
    keys
}

fn drop_component_examples(root: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components.remove("examples");
    }
}

/// Callbacks describe requests the API makes, which oasforge does not generate; they are taken
/// out before parsing (a `$ref` callback would not parse) with a warning each.
fn drop_callbacks(root: &mut serde_json::Map<String, Value>, warnings: &mut Warnings) {
    const MESSAGE: &str = "callbacks describe requests the API makes; they are not generated";
    if let Some(Value::Object(components)) = root.get_mut("components")
        && components.remove("callbacks").is_some()
    {
        warnings.push("#/components/callbacks", MESSAGE);
    }
    let Some(Value::Object(paths)) = root.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else { continue };
        for (method, operation) in item.iter_mut() {
            if let Value::Object(operation) = operation
                && operation.remove("callbacks").is_some()
            {
                let at = pointer_join(
                    &pointer_join(&pointer_join("#/paths", path), method),
                    "callbacks",
                );
                warnings.push(at, MESSAGE);
            }
        }
    }
}

fn check_version(document: &Value) -> Result<SpecVersion, Diagnostic> {
    let Value::Object(root) = document else {
        return Err(Diagnostic::error(
            "#",
            "not an OpenAPI document: expected a mapping at the top level",
        ));
    };
    if let Some(swagger) = root.get("swagger") {
        let version = swagger
            .as_str()
            .map_or_else(|| swagger.to_string(), str::to_owned);
        return Err(Diagnostic::error(
            "#/swagger",
            format!(
                "Swagger {version} documents are not supported: oasforge reads OpenAPI 3.0 and 3.1 \
                 (convert it first, e.g. with swagger2openapi)"
            ),
        ));
    }
    let Some(declared) = root.get("openapi") else {
        return Err(Diagnostic::error(
            "#",
            "not an OpenAPI document: it has no `openapi` version field",
        ));
    };
    let Some(declared) = declared.as_str() else {
        return Err(Diagnostic::error(
            "#/openapi",
            format!("`openapi` must be a version string such as \"3.1.0\", found {declared}"),
        ));
    };
    let mut parts = declared.split('.');
    match (parts.next(), parts.next()) {
        (Some("3"), Some("0")) => Ok(SpecVersion::V3_0),
        (Some("3"), Some("1")) => Ok(SpecVersion::V3_1),
        _ => Err(Diagnostic::error(
            "#/openapi",
            format!("unsupported OpenAPI version {declared}: oasforge reads 3.0.x and 3.1.x"),
        )),
    }
}

/// openapiv3 reads path items through untagged enums, which hide where inside them the error
/// is; reading the path items one by one finds the item and the place in it.
fn narrow_paths_error(document: &Value, pointer: String) -> Option<(String, String)> {
    if pointer != "#/paths" {
        return None;
    }
    let paths = document.get("paths")?.as_object()?;
    paths.iter().find_map(|(path, item)| {
        let result: Result<openapiv3::PathItem, _> = serde_path_to_error::deserialize(item);
        let err = result.err()?;
        let base = pointer_join("#/paths", path);
        let inner = path_pointer(err.path());
        let pointer = format!("{base}{}", inner.trim_start_matches('#'));
        Some((pointer, err.inner().to_string()))
    })
}

/// serde_path_to_error's path (`components.schemas.Pet.type`) as a JSON pointer.
fn path_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .fold("#".to_owned(), |pointer, segment| match segment {
            Segment::Seq { index } => pointer_join(&pointer, &index.to_string()),
            Segment::Map { key } => pointer_join(&pointer, key),
            Segment::Enum { variant } => pointer_join(&pointer, variant),
            Segment::Unknown => pointer,
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn run(document: Value) -> Result<Normalized, Error> {
        let source = Source::from_bytes("<test>", Vec::new()).unwrap();
        normalize(&source, document, &mut Warnings::default())
    }

    #[test]
    fn the_license_identifier_is_kept_and_another_dialect_is_warned() {
        let source = Source::from_bytes("<test>", Vec::new()).unwrap();
        let document = |dialect: &str| {
            json!({
                "openapi": "3.1.0",
                "jsonSchemaDialect": dialect,
                "info": {"title": "t", "version": "1", "license": {"name": "Apache 2.0", "identifier": "Apache-2.0"}},
                "paths": {}
            })
        };
        let mut warnings = Warnings::default();
        let known = document("https://spec.openapis.org/oas/3.1/dialect/base");
        let normalized = normalize(&source, known, &mut warnings).unwrap();
        assert_eq!(normalized.license_identifier.as_deref(), Some("Apache-2.0"));
        assert!(warnings.into_vec().is_empty());
        let mut warnings = Warnings::default();
        let draft7 = document("http://json-schema.org/draft-07/schema#");
        normalize(&source, draft7, &mut warnings).unwrap();
        let pointers: Vec<String> = warnings.into_vec().into_iter().map(|w| w.pointer).collect();
        assert_eq!(pointers, ["#/jsonSchemaDialect"]);
    }

    fn error_pointer(document: Value) -> (String, String) {
        let err = run(document).unwrap_err();
        let diagnostic = err.diagnostic().unwrap().clone();
        (diagnostic.pointer, diagnostic.message)
    }

    #[test]
    fn accepts_3_0_and_3_1_without_paths() {
        let info = json!({"title": "t", "version": "1"});
        let v30 = run(json!({"openapi": "3.0.3", "info": info})).unwrap();
        assert_eq!(v30.version, SpecVersion::V3_0);
        let v31 = run(json!({"openapi": "3.1.0", "info": info, "webhooks": {"a": {}}})).unwrap();
        assert_eq!(v31.version, SpecVersion::V3_1);
        assert_eq!(v31.webhooks.paths.len(), 1);
        assert!(v31.openapi.paths.paths.is_empty());
    }

    /// `responses` is optional in 3.1; 3.0 requires it, so there its absence is a warning.
    #[test]
    fn missing_responses_are_read_as_any_answer_and_warned_in_3_0() {
        let source = Source::from_bytes("<test>", Vec::new()).unwrap();
        for (version, warned) in [("3.1.0", false), ("3.0.3", true)] {
            let mut warnings = Warnings::default();
            let document = json!({
                "openapi": version, "info": {"title": "t", "version": "1"},
                "paths": {"/a": {"get": {"operationId": "a"}, "summary": "not an operation"}},
            });
            let normalized = normalize(&source, document, &mut warnings).unwrap();
            let operation = normalized.openapi.paths.paths["/a"].as_item().unwrap();
            let responses = &operation.get.as_ref().unwrap().responses;
            assert!(responses.responses.is_empty() && responses.default.is_none());
            let pointers: Vec<String> = warnings
                .into_vec()
                .into_iter()
                .map(|warning| warning.pointer)
                .collect();
            let expected: &[&str] = if warned { &["#/paths/~1a/get"] } else { &[] };
            assert_eq!(pointers, expected, "{version}");
        }
    }

    /// Webhooks are read as path items by name, their schemas rewritten as the paths' are; a
    /// `$dynamicRef` is warned at its place.
    #[test]
    fn webhooks_are_read_and_dynamic_refs_warned_at_their_place() {
        let source = Source::from_bytes("<test>", Vec::new()).unwrap();
        let mut warnings = Warnings::default();
        let body =
            json!({"content": {"application/json": {"schema": {"type": ["string", "null"]}}}});
        let document = json!({
            "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "webhooks": {"newPet": {"post": {"requestBody": body, "responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": {"Tree": {"type": "object", "properties": {
                "children": {"type": "array", "items": {"$dynamicRef": "#node"}}
            }}}},
        });
        let normalized = normalize(&source, document, &mut warnings).unwrap();
        let found: Vec<String> = warnings
            .into_vec()
            .into_iter()
            .map(|warning| warning.pointer)
            .collect();
        assert_eq!(
            found,
            ["#/components/schemas/Tree/properties/children/items/$dynamicRef"]
        );
        let item = normalized.webhooks.paths["newPet"].as_item().unwrap();
        let Some(openapiv3::ReferenceOr::Item(body)) = &item.post.as_ref().unwrap().request_body
        else {
            panic!("the webhook's body is read");
        };
        let schema = body.content["application/json"].schema.as_ref().unwrap();
        // The 3.1 type array was lifted, as in a path's body.
        assert!(schema.as_item().unwrap().schema_data.nullable);
    }

    #[test]
    fn rejects_other_versions_and_other_documents() {
        let (pointer, message) = error_pointer(json!({"swagger": "2.0"}));
        assert_eq!(pointer, "#/swagger");
        assert!(message.contains("Swagger 2.0"), "{message}");
        let (pointer, message) = error_pointer(json!({"openapi": "4.0.0"}));
        assert_eq!(pointer, "#/openapi");
        assert!(message.contains("4.0.0"), "{message}");
        let (pointer, message) = error_pointer(json!({"name": "pkg", "version": "1.0.0"}));
        assert_eq!(pointer, "#");
        assert!(message.contains("no `openapi`"), "{message}");
        let (_, message) = error_pointer(json!(["a"]));
        assert!(message.contains("mapping"), "{message}");
    }

    #[test]
    fn examples_are_dropped_wherever_they_are() {
        let normalized = run(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {
                "parameters": [{"name": "p", "in": "query", "schema": {"type": "string"},
                    "example": "x", "examples": {"one": {"value": 1}}}],
                "requestBody": {"content": {"multipart/form-data": {
                    "schema": {"type": "object"},
                    "encoding": {"f": {"headers": {"X-B": {"schema": {"type": "string"},
                        "examples": {"one": {"value": 1}}}}}}
                }}},
                "responses": {"200": {"description": "ok",
                    "headers": {"X-A": {"schema": {"type": "string"}, "example": "a"}},
                    "content": {"application/json": {
                        "schema": {"type": "object", "examples": [{"a": 1}],
                            "properties": {"a": {"type": "integer", "example": 1}}},
                        // Not even an Example object: it would fail to parse if kept.
                        "examples": {"bad": [1, 2], "ref": {"$ref": "#/components/examples/E"}}
                    }}
                }}
            }}},
            "components": {"examples": {"E": {"value": {"big": true}}}}
        }))
        .unwrap();
        let document = serde_json::to_string(&normalized.document).unwrap();
        assert!(!document.contains("example"), "{document}");
        let components = normalized.openapi.components.unwrap_or_default();
        assert!(components.examples.is_empty());
    }

    #[test]
    fn a_rejected_component_schema_is_named_and_the_document_kept_whole() {
        let mut schemas = serde_json::Map::new();
        for index in 0..40 {
            schemas.insert(
                format!("S{index}"),
                json!({"type": "string", "maxLength": index}),
            );
        }
        schemas.insert(
            "Bad".into(),
            json!({"type": "object", "properties": {"a": 5}}),
        );
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas}
        });
        let (pointer, _) = error_pointer(document.clone());
        assert!(pointer.starts_with("#/components/schemas/Bad"), "{pointer}");
        // Without the bad schema, every schema is read, in order.
        let mut good = document;
        good["components"]["schemas"]
            .as_object_mut()
            .unwrap()
            .remove("Bad");
        let normalized = run(good).unwrap();
        let schemas = &normalized.openapi.components.as_ref().unwrap().schemas;
        assert_eq!(schemas.len(), 40);
        for (index, (name, schema)) in schemas.iter().enumerate() {
            assert_eq!(name, &format!("S{index}"));
            let openapiv3::ReferenceOr::Item(schema) = schema else {
                panic!("{name} is a schema")
            };
            let openapiv3::SchemaKind::Type(openapiv3::Type::String(string)) = &schema.schema_kind
            else {
                panic!("{name} is a string schema")
            };
            assert_eq!(string.max_length, Some(index), "{name} got its own schema");
        }
        let kept = normalized.document["components"]["schemas"]
            .as_object()
            .unwrap();
        let kept: Vec<&String> = kept.keys().collect();
        assert_eq!(kept.len(), 40);
        assert_eq!((kept[0].as_str(), kept[39].as_str()), ("S0", "S39"));
    }

    #[test]
    fn rewrite_warnings_come_in_document_order_from_both_threads() {
        let mut warnings = Warnings::default();
        let source = Source::from_bytes("<test>", Vec::new()).unwrap();
        let mistyped = json!({"type": "string", "minLength": "3"});
        normalize(
            &source,
            json!({
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {"/a": {"get": {
                    "parameters": [{"name": "p", "in": "query", "schema": mistyped}],
                    "responses": {"200": {"description": "ok", "content": {
                        "application/json": {"schema": mistyped}}}}
                }}},
                "components": {"schemas": {"A": mistyped, "B": mistyped}}
            }),
            &mut warnings,
        )
        .unwrap();
        let pointers: Vec<String> = warnings
            .into_vec()
            .into_iter()
            .map(|warning| warning.pointer)
            .collect();
        assert_eq!(
            pointers,
            [
                "#/components/schemas/A/minLength",
                "#/components/schemas/B/minLength",
                "#/paths/~1a/get/parameters/0/schema/minLength",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/minLength",
            ]
        );
    }

    #[test]
    fn openapiv3_errors_name_the_rejected_node() {
        let (pointer, _) = error_pointer(json!({
            "openapi": "3.0.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}}
        }));
        assert!(pointer.starts_with("#/paths/~1a/get"), "{pointer}");
    }
}
