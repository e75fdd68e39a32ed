//! Stage 1b: external `$ref`s (`common.yaml#/components/schemas/Error`, `./pet.yaml`) are
//! read and copied into the document, so the rest of the pipeline sees one self-contained
//! document.
//!
//! Paths are resolved relative to the file that holds the `$ref`. A file outside the spec's
//! folder tree is refused unless allowed: a spec must not make a build read arbitrary files.
//! A referenced node lands under the same `components` section as in its file (schemas by
//! default), named after its last pointer token (or its file name); a name already taken by
//! something else gets a number.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, pointer_join};
use crate::error::Error;
use crate::load::Source;

/// The bundled document, and every file read besides the spec itself.
pub struct Bundled {
    pub document: Value,
    pub files: Vec<PathBuf>,
    /// When nothing needed bundling: the local `$ref`s of the document outside literal data
    /// (examples, defaults, `x-` extensions) but those to a component schema by name (see
    /// [`is_component_schema_ref`]), the ones resolve reads from the document value. The
    /// `$ref`s inside their targets are found when the targets are kept
    /// ([`Normalized::keep_ref_targets`](crate::normalize::Normalized::keep_ref_targets)).
    /// `None` after bundling, which writes `$ref`s of its own.
    pub local_refs: Option<BTreeSet<String>>,
    /// Where each node bundling copied in came from, so a diagnostic about it can name that
    /// place.
    pub origins: Vec<Origin>,
}

/// A node copied into the document: its pointer there, and the file and pointer it was read
/// from (the spec itself for a node moved into `components`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub local: String,
    pub file: PathBuf,
    pub pointer: String,
}

struct Bundler<'a> {
    source: &'a Source,
    /// The spec's folder: files must stay inside it unless `allow_outside`.
    root: Option<PathBuf>,
    allow_outside: bool,
    /// Parsed external files, by canonical path.
    documents: BTreeMap<PathBuf, Value>,
    /// (file, pointer) -> the local `$ref` it became.
    placed: BTreeMap<(PathBuf, String), String>,
    /// Nodes copied in, waiting to be added to the document: (section, name, node).
    additions: Vec<(String, String, Value)>,
    /// Names taken per `components` section.
    taken: BTreeMap<String, Vec<String>>,
}

pub fn bundle(source: &Source, mut document: Value, allow_outside: bool) -> Result<Bundled, Error> {
    if crate::anchors::mentioned(&source.text) {
        crate::anchors::resolve(&mut document);
    }
    let mut bundled = bundle_files(source, document, allow_outside)?;
    let inlined = inline_path_items(&mut bundled.document, &bundled.origins);
    bundled.origins.extend(inlined);
    Ok(bundled)
}

fn bundle_files(
    source: &Source,
    mut document: Value,
    allow_outside: bool,
) -> Result<Bundled, Error> {
    if let Some(local_refs) = local_refs(&document) {
        return Ok(Bundled {
            document,
            files: Vec::new(),
            local_refs: Some(local_refs),
            origins: Vec::new(),
        });
    }
    let root = source.path.as_deref().and_then(Path::parent).map(|dir| {
        canonical(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
    });
    let mut taken: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(Value::Object(components)) = document.get("components") {
        for (section, entries) in components {
            if let Value::Object(entries) = entries {
                taken.insert(section.clone(), entries.keys().cloned().collect());
            }
        }
    }
    let mut bundler = Bundler {
        source,
        root,
        allow_outside,
        documents: BTreeMap::new(),
        placed: BTreeMap::new(),
        additions: Vec::new(),
        taken,
    };
    let base = source.path.clone();
    bundler.rewrite(&mut document, base.as_deref(), "#")?;
    let spec = source.path.as_deref().map(canonical);
    let files: Vec<PathBuf> = bundler
        .documents
        .keys()
        .filter(|file| Some(file.as_path()) != spec.as_deref())
        .cloned()
        .collect();
    let origins = std::mem::take(&mut bundler.placed)
        .into_iter()
        .map(|((file, fragment), local)| Origin {
            local,
            file,
            pointer: format!("#{fragment}"),
        })
        .collect();
    let Value::Object(root_map) = &mut document else {
        return Ok(Bundled {
            document,
            files,
            local_refs: None,
            origins,
        });
    };
    for (section, name, node) in std::mem::take(&mut bundler.additions) {
        let components = root_map
            .entry("components")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(components) = components {
            let entries = components
                .entry(section)
                .or_insert_with(|| Value::Object(Default::default()));
            if let Value::Object(entries) = entries {
                entries.insert(name, node);
            }
        }
    }
    Ok(Bundled {
        document,
        files,
        local_refs: None,
        origins,
    })
}

/// What the walk for `$ref`s that need bundling keeps on its way.
#[derive(Default)]
struct RefWalk<'a> {
    /// The tokens down to the current value; array positions are all `0`, since only the
    /// shape of the place matters here (`parameters/N/$ref`).
    path: Vec<&'a str>,
    /// The local `$ref`s seen, but those to a component schema by name.
    local: BTreeSet<&'a str>,
}

/// Whether any `$ref` needs bundling: one to another file, or a parameter, response, body or
/// header `$ref` that points outside `components` (`#/paths/~1a/get/responses/401`), which
/// the rest of the pipeline reads only from `components`.
fn has_external_refs<'a>(value: &'a Value, walk: &mut RefWalk<'a>) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(key, value)| member_has_external_refs(key, value, walk)),
        Value::Array(items) => items.iter().any(|item| {
            walk.path.push("0");
            let found = has_external_refs(item, walk);
            walk.path.pop();
            found
        }),
        _ => false,
    }
}

/// [`has_external_refs`] for the member `key` (holding `value`) of the map at `walk.path`.
fn member_has_external_refs<'a>(key: &'a str, value: &'a Value, walk: &mut RefWalk<'a>) -> bool {
    let path = &walk.path;
    let parent = path.last().copied();
    let grandparent = path.len().checked_sub(2).map(|at| path[at]);
    if is_literal_data(grandparent, parent, key, value) {
        return false;
    }
    if key == "$ref"
        && let Some(reference) = value.as_str()
    {
        if !reference.starts_with('#') {
            return true;
        }
        if !is_component_schema_ref(reference) {
            walk.local.insert(reference);
        }
        // The place is only spelled out for the rare local `$ref` that may need it.
        if !reference.starts_with("#/components/") {
            let at = path
                .iter()
                .fold("#".to_owned(), |acc, t| pointer_join(&acc, t));
            if needs_bundling(reference, &pointer_join(&at, "$ref")) {
                return true;
            }
        }
    }
    walk.path.push(key);
    let found = has_external_refs(value, walk);
    walk.path.pop();
    found
}

/// The local `$ref`s of the document but those to a component schema by name, or `None` when
/// some `$ref` needs bundling (see [`has_external_refs`]). The paths of a large spec are walked
/// on a second thread: the load waits for this walk, and there is no other work to share yet.
fn local_refs(document: &Value) -> Option<BTreeSet<String>> {
    /// Below this many paths a thread costs more than it saves.
    const SPLIT_FROM: usize = 256;
    let owned = |walk: RefWalk<'_>| walk.local.into_iter().map(str::to_owned).collect();
    let whole = || {
        let mut walk = RefWalk::default();
        (!has_external_refs(document, &mut walk)).then(|| owned(walk))
    };
    let Value::Object(root) = document else {
        return whole();
    };
    let paths = root.get_key_value("paths").filter(|(_, paths)| {
        paths
            .as_object()
            .is_some_and(|paths| paths.len() >= SPLIT_FROM)
    });
    let Some((paths_key, paths)) = paths else {
        return whole();
    };
    let walk_paths = || {
        let mut walk = RefWalk::default();
        (!member_has_external_refs(paths_key, paths, &mut walk)).then_some(walk)
    };
    let walk_rest = || {
        let mut walk = RefWalk::default();
        let found = root
            .iter()
            .filter(|(key, _)| *key != paths_key)
            .any(|(key, value)| member_has_external_refs(key, value, &mut walk));
        (!found).then_some(walk)
    };
    let (rest, in_paths) = crate::parallel::join_beside(walk_rest, walk_paths);
    let (mut walk, mut rest) = (in_paths?, rest?);
    walk.local.append(&mut rest.local);
    Some(owned(walk))
}

/// Whether `reference` names a component schema (`#/components/schemas/Pet`), which resolve
/// finds among the parsed components; any other local `$ref` is read from the document value.
pub fn is_component_schema_ref(reference: &str) -> bool {
    reference
        .strip_prefix("#/components/schemas/")
        .is_some_and(|key| !key.contains('/'))
}

/// Whether the member `key` (holding `value`) of a map that sits under `parent` is literal
/// data: an example, a default, an enum list or an extension. A `$ref` in there is just data
/// (GitHub's specs show `{"$ref": "server-statistics-actions.yaml"}` inside an example).
fn is_literal_data(
    grandparent: Option<&str>,
    parent: Option<&str>,
    key: &str,
    value: &Value,
) -> bool {
    /// Maps whose keys are names chosen by the spec, so `example` there is a name.
    const NAME_MAPS: &[&str] = &[
        "properties",
        "patternProperties",
        "dependentSchemas",
        "definitions",
        "$defs",
        "schemas",
        "parameters",
        "responses",
        "examples",
        "headers",
        "requestBodies",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
        "variables",
        "mapping",
        "paths",
        "webhooks",
    ];
    if parent.is_some_and(|parent| NAME_MAPS.contains(&parent)) {
        return false;
    }
    key.starts_with("x-")
        || matches!(key, "example" | "default" | "enum" | "const")
        || (key == "examples" && value.is_array())
        || (key == "value" && grandparent == Some("examples"))
}

/// Puts each path item written as a local `$ref` (`#/components/pathItems/Pets`, new in 3.1)
/// in its place, in `paths` and in `webhooks`: the operations are the path's. Keys beside the
/// `$ref` win over the target's. Each copy's origin is recorded, so a diagnostic inside it
/// points where it is written (in another file too, through the origin of the target). A
/// `$ref` that leads to no path item (missing, not an object, a cycle) is left as it is, for
/// resolve to report.
fn inline_path_items(document: &mut Value, origins: &[Origin]) -> Vec<Origin> {
    let mut placed = inline_path_items_of(document, "paths", origins);
    placed.extend(inline_path_items_of(document, "webhooks", origins));
    placed
}

/// [`inline_path_items`] for the path items of `document[holder]`.
fn inline_path_items_of(document: &mut Value, holder: &str, origins: &[Origin]) -> Vec<Origin> {
    /// Links of a path item `$ref` chain followed.
    const MAX_LINKS: usize = 16;
    let Some(Value::Object(paths)) = document.get(holder) else {
        return Vec::new();
    };
    let mut inlined = Vec::new();
    for (path, item) in paths {
        let mut at = None;
        let mut target = item;
        for _ in 0..MAX_LINKS {
            let Some(reference) = target.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(fragment) = reference.strip_prefix('#') else {
                break;
            };
            match document.pointer(&crate::diagnostic::percent_decode(fragment)) {
                Some(next) if next.is_object() => {
                    at = Some(format!("#{}", crate::diagnostic::percent_decode(fragment)));
                    target = next;
                }
                _ => break,
            }
        }
        match (at, target.get("$ref")) {
            (Some(at), None) => inlined.push((path.clone(), at, target.clone())),
            _ => continue,
        }
    }
    let Some(Value::Object(paths)) = document.get_mut(holder) else {
        return Vec::new();
    };
    let mut placed = Vec::with_capacity(inlined.len());
    for (path, at, mut target) in inlined {
        let Some(Value::Object(item)) = paths.get_mut(&path) else {
            continue;
        };
        item.remove("$ref");
        if let Value::Object(target) = &mut target {
            for (key, value) in std::mem::take(item) {
                target.insert(key, value);
            }
        }
        paths.insert(path.clone(), target);
        // Where the target itself came from, when another file holds it.
        let origin = origins
            .iter()
            .filter_map(|origin| {
                let rest = at.strip_prefix(origin.local.as_str())?;
                (rest.is_empty() || rest.starts_with('/')).then_some((origin, rest))
            })
            .max_by_key(|(origin, _)| origin.local.len())
            .map(|(origin, rest)| Origin {
                local: String::new(),
                file: origin.file.clone(),
                pointer: format!("{}{rest}", origin.pointer),
            });
        let origin = origin.unwrap_or(Origin {
            local: String::new(),
            file: PathBuf::new(),
            pointer: at,
        });
        placed.push(Origin {
            local: pointer_join(&format!("#/{holder}"), &path),
            ..origin
        });
    }
    placed
}

fn needs_bundling(reference: &str, at: &str) -> bool {
    !reference.starts_with('#')
        || (!reference.starts_with("#/components/") && section_for(at) != "schemas")
}

impl Bundler<'_> {
    /// Rewrites every `$ref` in `value` (which lives in the file `file`, the spec itself when
    /// it is the spec's path) to a local one, copying external targets in.
    fn rewrite(&mut self, value: &mut Value, file: Option<&Path>, at: &str) -> Result<(), Error> {
        match value {
            Value::Object(map) => {
                let mut tokens = at.rsplit('/');
                let (parent, grandparent) = (tokens.next(), tokens.next());
                for (key, child) in map.iter_mut() {
                    if is_literal_data(grandparent, parent, key, child) {
                        continue;
                    }
                    let child_at = pointer_join(at, key);
                    if key == "$ref" {
                        if let Value::String(reference) = child {
                            let is_spec = file == self.source.path.as_deref();
                            if !is_spec || needs_bundling(reference, &child_at) {
                                *reference = self.localize(reference, file, &child_at)?;
                            }
                        }
                    } else {
                        self.rewrite(child, file, &child_at)?;
                    }
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    self.rewrite(child, file, &pointer_join(at, &index.to_string()))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The local `$ref` for `reference` written in `file`.
    fn localize(
        &mut self,
        reference: &str,
        file: Option<&Path>,
        at: &str,
    ) -> Result<String, Error> {
        let fail = |message: String| Error::spec(&self.source.name, Diagnostic::error(at, message));
        let (path_part, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, fragment.to_owned()),
            None => (reference, String::new()),
        };
        let target_file = if path_part.is_empty() {
            match file {
                Some(file) => file.to_path_buf(),
                // A spec held in memory keeps its local references as they are.
                None => return Ok(reference.to_owned()),
            }
        } else {
            let Some(dir) = file.and_then(Path::parent) else {
                return Err(fail(format!(
                    "`$ref: {reference}` points to another file, which needs the spec to be read from a path"
                )));
            };
            if path_part.contains("://") {
                return Err(fail(format!(
                    "`$ref: {reference}`: references to URLs are not fetched"
                )));
            }
            dir.join(path_part)
        };
        let target_file = canonical(&target_file);
        if let (Some(root), false) = (&self.root, self.allow_outside)
            && !target_file.starts_with(root)
        {
            return Err(fail(format!(
                "`$ref: {reference}` leaves the spec's folder ({}); allow it with the `allow_outside_refs` setting",
                root.display()
            )));
        }
        // A reference into the spec itself stays local, unless it is one `components` must
        // hold (a parameter or response defined under `paths`).
        let into_spec = target_file.as_os_str().is_empty()
            || Some(target_file.as_path()) == self.source.path.as_deref().map(canonical).as_deref();
        if into_spec && !needs_bundling(&format!("#{fragment}"), at) {
            return Ok(format!("#{fragment}"));
        }
        let fragment = crate::diagnostic::percent_decode(&fragment);
        let key = (target_file.clone(), fragment.clone());
        if let Some(local) = self.placed.get(&key) {
            return Ok(local.clone());
        }
        if !self.documents.contains_key(&target_file) {
            let source = Source::from_path(&target_file).map_err(|err| match err {
                Error::Read { source, .. } => fail(format!(
                    "`$ref: {reference}`: cannot read {}: {source}",
                    target_file.display()
                )),
                other => other,
            })?;
            let parsed = source.parse()?;
            self.documents.insert(target_file.clone(), parsed);
        }
        let document = &self.documents[&target_file];
        let Some(node) = document.pointer(&fragment).cloned() else {
            return Err(fail(format!(
                "`$ref: {reference}` points at nothing in {}",
                target_file.display()
            )));
        };
        let tokens: Vec<&str> = fragment.split('/').filter(|t| !t.is_empty()).collect();
        let section = match tokens.as_slice() {
            ["components", section, _, ..] => (*section).to_owned(),
            _ => section_for(at).to_owned(),
        };
        let base_name = tokens
            .last()
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .unwrap_or_else(|| {
                target_file.file_stem().map_or_else(
                    || "External".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                )
            });
        let taken = self.taken.entry(section.clone()).or_default();
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    base_name.clone()
                } else {
                    format!("{base_name}{n}")
                }
            })
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or(base_name);
        taken.push(name.clone());
        let local = pointer_join(&pointer_join("#/components", &section), &name);
        // Placed before its contents are rewritten, so a cycle ends at this entry.
        self.placed.insert(key, local.clone());
        let mut node = node;
        self.rewrite(&mut node, Some(&target_file), at)?;
        self.additions.push((section, name, node));
        Ok(local)
    }
}

/// The `components` section an external node belongs in, from where its `$ref` stands: a
/// parameter, a response, a request body, a header, or else a schema.
fn section_for(at: &str) -> &'static str {
    let tokens: Vec<&str> = at.split('/').collect();
    // `.../parameters/0/$ref`, `.../responses/200/$ref`, `.../requestBody/$ref`; but not a
    // schema property that happens to be called `responses`.
    match tokens.as_slice() {
        [.., before, "parameters", _, "$ref"] if *before != "properties" => "parameters",
        [.., before, "responses", _, "$ref"] if *before != "properties" => "responses",
        [.., before, "headers", _, "$ref"] if *before != "properties" => "headers",
        [.., before, "requestBody", "$ref"] if *before != "properties" => "requestBodies",
        _ => "schemas",
    }
}

/// The path with `.` and `..` resolved (through the file system when it can), so
/// `a/../../b` cannot slip out of the spec's folder.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    // A file that does not exist: resolve what exists of its folder, then the rest by hand.
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name())
        && !parent.as_os_str().is_empty()
        && parent != path
    {
        return canonical(parent).join(name);
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{Origin, inline_path_items, local_refs, section_for};

    #[test]
    fn path_items_by_ref_are_put_in_place_with_their_origin() {
        let mut document = serde_json::json!({
            "paths": {
                "/a": {"$ref": "#/components/pathItems/A", "summary": "mine"},
                "/b": {"$ref": "#/paths/~1a"},
                "/loop": {"$ref": "#/paths/~1loop"},
                "/gone": {"$ref": "#/components/pathItems/Gone"},
                "/far": {"$ref": "#/components/pathItems/Far"},
            },
            "components": {"pathItems": {
                "A": {"summary": "theirs", "get": {"operationId": "a"}},
                "Far": {"get": {"operationId": "far"}},
            }},
        });
        let from_file = [Origin {
            local: "#/components/pathItems/Far".into(),
            file: PathBuf::from("other.yaml"),
            pointer: "#/Far".into(),
        }];
        let origins = inline_path_items(&mut document, &from_file);
        let paths = &document["paths"];
        assert_eq!(
            paths["/a"],
            serde_json::json!({"summary": "mine", "get": {"operationId": "a"}})
        );
        // A chain is followed (to `/a` as it was written: the target's own keys).
        assert_eq!(paths["/b"]["get"]["operationId"], "a");
        // What leads nowhere is left for resolve to report.
        assert_eq!(
            paths["/loop"],
            serde_json::json!({"$ref": "#/paths/~1loop"})
        );
        assert_eq!(
            paths["/gone"],
            serde_json::json!({"$ref": "#/components/pathItems/Gone"})
        );
        let found: Vec<(String, String, String)> = origins
            .into_iter()
            .map(|origin| {
                (
                    origin.local,
                    origin.file.display().to_string(),
                    origin.pointer,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "#/paths/~1a".into(),
                    String::new(),
                    "#/components/pathItems/A".into()
                ),
                (
                    "#/paths/~1b".into(),
                    String::new(),
                    "#/components/pathItems/A".into()
                ),
                ("#/paths/~1far".into(), "other.yaml".into(), "#/Far".into()),
            ]
        );
    }

    #[test]
    fn local_refs_outside_literal_data_are_listed() {
        let paths: serde_json::Map<String, serde_json::Value> = (0..300)
            .map(|n| {
                let parameter =
                    serde_json::json!({"$ref": format!("#/components/parameters/P{}", n % 2)});
                (
                    format!("/p{n}"),
                    serde_json::json!({"get": {"parameters": [parameter]}}),
                )
            })
            .collect();
        let document = serde_json::json!({
            "paths": paths,
            "components": {
                "schemas": {
                    "A": {"properties": {
                        "b": {"$ref": "#/components/schemas/B"},
                        "c": {"$ref": "#/components/schemas/B/properties/d"},
                        "e": {"example": {"$ref": "#/not/a/reference"}}
                    }},
                    "B": {"properties": {"d": {"type": "string"}}}
                }
            }
        });
        // The paths (300 of them) are walked on a thread of their own.
        let refs: Vec<String> = local_refs(&document).unwrap().into_iter().collect();
        assert_eq!(
            refs,
            [
                "#/components/parameters/P0",
                "#/components/parameters/P1",
                "#/components/schemas/B/properties/d"
            ]
        );
        let mut external = document;
        external["paths"]["/p7"]["get"]["parameters"][0]["$ref"] = "common.yaml#/P".into();
        assert_eq!(local_refs(&external), None);
    }

    #[test]
    fn external_nodes_go_where_they_are_referenced_from() {
        assert_eq!(
            section_for("#/paths/~1a/get/parameters/0/$ref"),
            "parameters"
        );
        assert_eq!(
            section_for("#/paths/~1a/get/responses/404/$ref"),
            "responses"
        );
        assert_eq!(
            section_for("#/paths/~1a/post/requestBody/$ref"),
            "requestBodies"
        );
        assert_eq!(
            section_for("#/components/responses/E/headers/X-Rate/$ref"),
            "headers"
        );
        assert_eq!(
            section_for("#/components/schemas/A/properties/b/$ref"),
            "schemas"
        );
        // A schema property called `parameters` is still a schema.
        assert_eq!(
            section_for("#/components/schemas/A/properties/parameters/$ref"),
            "schemas"
        );
        assert_eq!(
            section_for("#/components/schemas/A/properties/responses/items/$ref"),
            "schemas"
        );
    }
}
