//! Stage 3: resolve `$ref`s, name every schema and build the [`Ir`].
//!
//! Names for all component schemas are reserved before any schema is converted (so forward
//! and circular references resolve), in sorted key order (so the output does not depend on the
//! order of the spec's maps). Inline schemas that need a type of their own are named from
//! their path: property `status` of `Invite` becomes `InviteStatus` (or `InviteStatus2` if a
//! component already has that name).

mod conditions;
mod dedupe;
mod defaults;
mod enums;
mod examples;
mod inheritance;
mod operations;

use operations::PathItems;
mod schema;
mod unions;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Warnings, pointer_join, pointer_tokens};
use crate::ir::{ApiInfo, Ir, TypeDef, TypeId, TypeKind, TypeRef};
use crate::limits::MAX_REF_NESTING;
use crate::naming::{self, NameSet};
use crate::normalize::Normalized;
use crate::settings::Settings;

const COMPONENT_SCHEMAS: &str = "#/components/schemas";

/// Builds the IR; warnings go to `warnings`, the first error stops resolution.
pub fn resolve(
    normalized: &Normalized,
    settings: &Settings,
    warnings: &mut Warnings,
) -> Result<Ir, Diagnostic> {
    let mut type_names = NameSet::new();
    // Helper items the emitter may add beside the models.
    for helper in naming::HELPER_TYPES {
        type_names.claim((*helper).to_owned());
    }
    let mut resolver = Resolver {
        normalized,
        settings,
        warnings,
        type_names,
        slots: Vec::new(),
        filled: Vec::new(),
        components: BTreeMap::new(),
        deep_refs: BTreeMap::new(),
        deep_in_progress: BTreeSet::new(),
        deep_nesting: 0,
        inline_types: Default::default(),
        merging: Default::default(),
        merged_parts: Default::default(),
        rules_read: BTreeSet::new(),
        pending_defaults: Vec::new(),
        used_renames: BTreeSet::new(),
        renamed: Vec::new(),
        distinct: Vec::new(),
        titled: Vec::new(),
        examples: Vec::new(),
        noted_examples: BTreeSet::new(),
        property_names: naming::NameCache::default(),
        subtypes: None,
    };
    let schemas = component_schemas(&normalized.openapi);
    for (key, schema) in &schemas {
        let name = resolver
            .renamed_type(key)
            .unwrap_or_else(|| naming::type_name(key));
        let id = resolver.reserve(name);
        let nullable = component_nullable(&normalized.openapi, schema);
        resolver
            .components
            .insert(pointer_join(COMPONENT_SCHEMAS, key), (id, nullable));
    }
    for (key, schema) in &schemas {
        let pointer = pointer_join(COMPONENT_SCHEMAS, key);
        let (id, _) = resolver.components[&pointer];
        let first_new_slot = resolver.slots.len();
        if let Err(problem) = resolver.define_component(id, key, schema, &pointer) {
            // One schema we cannot map must not cost the user the whole spec.
            resolver.warn(
                problem.pointer,
                format!("{}; `{key}` becomes serde_json::Value", problem.message),
            );
            resolver.abandon(Some(id), first_new_slot, key, &pointer);
        }
    }
    let security_schemes = resolver.security_schemes();
    let mut operations = resolver.operations(PathItems::Paths, &security_schemes)?;
    let webhooks = resolver.operations(PathItems::Webhooks, &security_schemes)?;
    // Merged types are renumbered in both: one list while they are.
    let api_operations = operations.len();
    operations.extend(webhooks);
    let servers = resolver.servers();
    resolver.bind_defaults();
    resolver.drop_defaulted_condition_parts();
    resolver.drop_self_members();
    resolver.spread_nested_tags();
    resolver.order_untagged_unions();
    resolver.warn_unused_renames();
    resolver.warn_unread_conditions();
    let mut kept = resolver.renamed.clone();
    kept.resize(resolver.slots.len(), false);
    for (id, _) in resolver.components.values() {
        kept[id.0] = true;
    }
    for id in &resolver.distinct {
        kept[id.0] = true;
    }
    let mut titled = std::mem::take(&mut resolver.titled);
    titled.resize(resolver.slots.len(), None);
    let mut examples = std::mem::take(&mut resolver.examples);
    let mut types = resolver.finish()?;
    if !settings.distinct_inline_types {
        let uses = Uses {
            operations: &mut operations,
            examples: &mut examples,
        };
        dedupe::merge_identical_types(&mut types, uses, &kept, &titled);
    }
    check_alias_cycles(&types)?;
    examples::check(&types, &mut examples, warnings);
    let webhooks = operations.split_off(api_operations);
    let info = &normalized.openapi.info;
    Ok(Ir {
        api: ApiInfo {
            title: info.title.clone(),
            summary: normalized.info_summary.clone(),
            license: info.license.as_ref().map(|license| {
                let name = normalized
                    .license_identifier
                    .clone()
                    .unwrap_or_else(|| license.name.clone());
                (name, license.url.clone())
            }),
            version: info.version.clone(),
            description: info.description.clone(),
        },
        types,
        operations,
        webhooks,
        examples,
        security_schemes,
        mutual_tls: normalized.mutual_tls.clone(),
        servers,
    })
}

/// What refers to the types besides the types: renumbered with them when copies merge.
pub(crate) struct Uses<'u> {
    pub(crate) operations: &'u mut [crate::ir::Operation],
    pub(crate) examples: &'u mut [crate::ir::Example],
}

/// Component schemas sorted by key.
fn component_schemas(openapi: &openapiv3::OpenAPI) -> Vec<(&String, &ReferenceOr<Schema>)> {
    let mut schemas: Vec<_> = openapi
        .components
        .iter()
        .flat_map(|components| components.schemas.iter())
        .collect();
    schemas.sort_by(|a, b| a.0.cmp(b.0));
    schemas
}

/// Whether a component schema allows `null`, following `$ref`-only components
/// (`C: {$ref: MaybeDog}` is as nullable as `MaybeDog`).
fn component_nullable(openapi: &openapiv3::OpenAPI, schema: &ReferenceOr<Schema>) -> bool {
    let mut current = schema;
    for _ in 0..64 {
        match current {
            ReferenceOr::Item(schema) => return schema.schema_data.nullable,
            ReferenceOr::Reference { reference } => {
                let next = reference
                    .strip_prefix("#/components/schemas/")
                    .and_then(|key| openapi.components.as_ref()?.schemas.get(key));
                match next {
                    Some(next) => current = next,
                    None => return false,
                }
            }
        }
    }
    false
}

/// A use of a schema: its type, and whether `null` is allowed there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shape {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl Shape {
    fn of(ty: TypeRef) -> Self {
        Self {
            ty,
            nullable: false,
        }
    }
}

/// Where a schema sits, and the name a type made from it would get.
#[derive(Debug, Clone)]
pub(crate) struct Hint {
    pub name: String,
    pub pointer: String,
}

impl Hint {
    fn child(&self, name_part: &str, pointer_tokens: &[&str]) -> Hint {
        let pointer = pointer_tokens
            .iter()
            .fold(self.pointer.clone(), |acc, token| pointer_join(&acc, token));
        Hint {
            name: format!("{}{}", self.name, naming::type_name(name_part)),
            pointer,
        }
    }
}

struct PendingDefault {
    owner: TypeId,
    field: usize,
    value: Value,
    pointer: String,
}

pub(crate) struct Resolver<'a> {
    normalized: &'a Normalized,
    settings: &'a Settings,
    warnings: &'a mut Warnings,
    type_names: NameSet,
    /// Every type so far; a reserved type holds a placeholder until it is filled.
    slots: Vec<TypeDef>,
    filled: Vec<bool>,
    /// Component schema pointer -> its type, and whether the schema itself allows `null`.
    components: BTreeMap<String, (TypeId, bool)>,
    /// Types made for `$ref`s that point inside a schema (`#/components/schemas/A/properties/b`).
    deep_refs: BTreeMap<String, Shape>,
    deep_in_progress: BTreeSet<String>,
    /// How many `$ref`s into schemas are being read, each inside the one before.
    deep_nesting: usize,
    /// Inline schemas already converted, by pointer, so a schema reached twice (through an
    /// `allOf` merge) maps to one type. Only looked up, never listed (a hash map: pointers
    /// share long prefixes, which made ordered lookups a memcmp-bound cost).
    inline_types: foldhash::HashMap<String, Shape>,
    /// Pointers of the `allOf` targets being merged, to refuse cycles.
    merging: foldhash::HashSet<String>,
    /// The merged object parts of each `allOf` target read so far: a target reached twice
    /// (diamonds of mixins) is merged once, or the work would double with every level.
    merged_parts: foldhash::HashMap<String, schema::ObjectParts<'a>>,
    /// The schemas whose rules between properties (conditions, `dependentRequired`) a struct
    /// has read; the conditions of any other are warned as not checked.
    rules_read: BTreeSet<String>,
    pending_defaults: Vec<PendingDefault>,
    /// The rename settings that matched something: (kind, index).
    used_renames: BTreeSet<(&'static str, usize)>,
    /// By type: named by a `rename_type` setting (so never merged into an identical type).
    renamed: Vec<bool>,
    /// Inline types that are a type of their own whatever their shape (a base schema's own
    /// properties, see `inheritance.rs`): never merged into an identical type.
    distinct: Vec<TypeId>,
    /// The examples found so far (see [`Resolver::note_examples`]), and their pointers.
    examples: Vec<crate::ir::Example>,
    noted_examples: BTreeSet<String>,
    /// By inline type: the name its title would give it (see `schema::title_name`).
    titled: Vec<Option<String>>,
    property_names: naming::NameCache,
    /// Which components extend which with `allOf`, read when a discriminator first needs it.
    subtypes: Option<inheritance::Subtypes>,
}

impl<'a> Resolver<'a> {
    fn reserve(&mut self, name: String) -> TypeId {
        debug_assert!(!name.is_empty(), "a type is reserved without a name");
        let renamed = self.renamed_type(&name);
        let id = TypeId(self.slots.len());
        self.renamed.resize(id.0, false);
        self.renamed.push(renamed.is_some());
        let name = self
            .type_names
            .claim(naming::unreserved(renamed.unwrap_or(name)));
        self.slots.push(TypeDef {
            name,
            wire_name: String::new(),
            pointer: String::new(),
            docs: None,
            kind: TypeKind::Alias(TypeRef::Any),
        });
        self.filled.push(false);
        id
    }

    /// The name a `rename_type` setting gives the type with this schema key or Rust name.
    fn renamed_type(&mut self, key_or_name: &str) -> Option<String> {
        let index = self
            .settings
            .rename_type
            .iter()
            .position(|(old, _)| old == key_or_name)?;
        self.used_renames.insert(("type", index));
        Some(naming::type_name(&self.settings.rename_type[index].1))
    }

    /// The name a `rename_operation` setting gives an operation, by `operationId` or by the
    /// method name it would get.
    pub(crate) fn renamed_operation(&mut self, candidates: &[&str]) -> Option<String> {
        let index = self
            .settings
            .rename_operation
            .iter()
            .position(|(old, _)| candidates.contains(&old.as_str()))?;
        self.used_renames.insert(("operation", index));
        Some(naming::field_name(&self.settings.rename_operation[index].1))
    }

    /// A rename that matched nothing is almost always a typo or a stale setting: say so.
    /// Conditions (`if`, `dependentSchemas`) of a schema that did not become a struct with
    /// listed properties (a map, a union, a scalar) are not checked: said at their place.
    fn warn_unread_conditions(&mut self) {
        let normalized: &Normalized = self.normalized;
        let mut unread: Vec<&str> = normalized
            .conditions
            .iter()
            .filter(|(place, _)| !self.rules_read.contains(*place))
            .flat_map(|(_, conditions)| conditions.iter().map(|condition| condition.at.as_str()))
            .collect();
        unread.sort_unstable();
        for at in unread {
            self.warn(
                at,
                "this condition is on a schema that is not an object with listed properties; it is not checked",
            );
        }
    }

    fn warn_unused_renames(&mut self) {
        let settings = self.settings;
        for (kind, renames, pointer, what) in [
            (
                "type",
                &settings.rename_type,
                "#/components/schemas",
                "schema",
            ),
            (
                "operation",
                &settings.rename_operation,
                "#/paths",
                "operation",
            ),
        ] {
            for (index, (old, new)) in renames.iter().enumerate() {
                if !self.used_renames.contains(&(kind, index)) {
                    self.warn(
                        pointer,
                        format!("{kind} rename `{old}={new}` matches no {what}"),
                    );
                }
            }
        }
    }

    /// After a failed conversion: `id` (if given) and every type reserved from `first_new_slot`
    /// on that was never filled become `serde_json::Value`, so nothing refers to a hole.
    pub(crate) fn abandon(
        &mut self,
        id: Option<TypeId>,
        first_new_slot: usize,
        wire_name: &str,
        pointer: &str,
    ) {
        let unfilled: Vec<TypeId> = id
            .into_iter()
            .chain((first_new_slot..self.slots.len()).map(TypeId))
            .filter(|id| !self.filled[id.0])
            .collect();
        for id in unfilled {
            self.fill(id, wire_name, pointer, None, TypeKind::Alias(TypeRef::Any));
        }
    }

    fn reserved_name(&self, id: TypeId) -> &str {
        &self.slots[id.0].name
    }

    fn fill(
        &mut self,
        id: TypeId,
        wire_name: &str,
        pointer: &str,
        docs: Option<String>,
        kind: TypeKind,
    ) {
        let def = &mut self.slots[id.0];
        def.wire_name = wire_name.to_owned();
        def.pointer = pointer.to_owned();
        def.docs = docs;
        def.kind = kind;
        self.filled[id.0] = true;
    }

    /// Records what converting the schema reserved as `id` gave: the type it defined, or an
    /// alias of another. A schema that comes back as itself without defining anything
    /// (`A: {allOf: [$ref: A]}`) is an alias of itself, which `check_alias_cycles` refuses
    /// at its place.
    fn settle(
        &mut self,
        id: TypeId,
        ty: TypeRef,
        wire_name: &str,
        pointer: &str,
        docs: Option<String>,
    ) {
        if ty == TypeRef::Named(id) && self.filled[id.0] {
            self.slots[id.0].wire_name = wire_name.to_owned();
        } else {
            self.fill(id, wire_name, pointer, docs, TypeKind::Alias(ty));
        }
    }

    fn define_component(
        &mut self,
        id: TypeId,
        key: &str,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
    ) -> Result<(), Diagnostic> {
        let hint = Hint {
            name: self.reserved_name(id).to_owned(),
            pointer: pointer.to_owned(),
        };
        match schema {
            ReferenceOr::Reference { reference } => {
                let shape = self.reference(reference, pointer)?;
                self.fill(id, key, pointer, None, TypeKind::Alias(shape.ty));
            }
            ReferenceOr::Item(schema) => {
                let docs = schema::docs(&schema.schema_data, key);
                let shape = match self.inheritance(schema, &hint, id) {
                    Some(union) => union?,
                    None => self.convert(schema, &hint, Some(id))?,
                };
                let example_type = schema::nullable_ref(Shape {
                    ty: TypeRef::Named(id),
                    nullable: shape.nullable,
                });
                self.note_examples(pointer, &example_type);
                self.settle(id, shape.ty, key, pointer, docs);
            }
        }
        Ok(())
    }

    /// The shape of a schema that may be a `$ref`.
    pub(crate) fn shape(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &Hint,
    ) -> Result<Shape, Diagnostic> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, &hint.pointer),
            ReferenceOr::Item(schema) => self.convert(schema, hint, None),
        }
    }

    pub(crate) fn boxed_shape(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &Hint,
    ) -> Result<Shape, Diagnostic> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, &hint.pointer),
            ReferenceOr::Item(schema) => self.convert(schema, hint, None),
        }
    }

    /// The shape a `$ref` stands for. `at` is the pointer of the `$ref` itself.
    ///
    /// A `$ref` that points at nothing, or at something that is not a schema, is a spec defect
    /// we survive: a warning, and `serde_json::Value` in its place.
    fn reference(&mut self, reference: &str, at: &str) -> Result<Shape, Diagnostic> {
        if let Some(&(id, nullable)) = self.components.get(reference) {
            return Ok(Shape {
                ty: TypeRef::Named(id),
                nullable,
            });
        }
        if !reference.starts_with("#/") {
            return Ok(self.unmappable(
                at,
                format!("`$ref: {reference}` could not be resolved in this document"),
            ));
        }
        if let Some(shape) = self.deep_refs.get(reference) {
            return Ok(shape.clone());
        }
        let schema = match self.target_schema(reference, at) {
            Ok(Some(schema)) => schema,
            Ok(None) => return Ok(self.unmappable(at, dangling(reference, at).message)),
            Err(problem) => return Ok(self.unmappable(at, problem.message)),
        };
        if let ReferenceOr::Reference { reference: next } = schema.as_ref() {
            let next = next.clone();
            return self.reference_chain(reference, next, at);
        }
        let tokens = pointer_tokens(reference);
        let name = tokens
            .iter()
            .filter(|token| {
                !matches!(
                    token.as_str(),
                    "components" | "schemas" | "properties" | "items" | "$defs" | "definitions"
                )
            })
            .map(|token| naming::type_name(token))
            .collect::<String>();
        if self.deep_nesting >= MAX_REF_NESTING {
            return Err(Diagnostic::error(
                at,
                format!(
                    "`$ref: {reference}` is read inside {MAX_REF_NESTING} other `$ref`s to schemas outside `components/schemas`, each inside the one before; past that the spec is refused (a component schema has no such limit)"
                ),
            ));
        }
        if let ReferenceOr::Item(item) = schema.as_ref()
            && makes_named_type(item)
        {
            self.deep_nesting += 1;
            let shape = self.deep_named_type(reference, item, name, tokens.last());
            self.deep_nesting -= 1;
            return shape;
        }
        if !self.deep_in_progress.insert(reference.to_owned()) {
            return Err(Diagnostic::error(
                at,
                format!("`$ref: {reference}` refers to itself and never reaches a schema"),
            ));
        }
        let hint = Hint {
            name,
            pointer: reference.to_owned(),
        };
        self.deep_nesting += 1;
        let shape = self.shape(&schema, &hint);
        self.deep_nesting -= 1;
        self.deep_in_progress.remove(reference);
        let shape = shape?;
        self.deep_refs.insert(reference.to_owned(), shape.clone());
        Ok(shape)
    }

    /// A `$ref` whose target is a bare `$ref` to `next`: the chain is followed here one link
    /// at a time (following it by recursion, a long chain would overflow the stack), and
    /// every link gets the shape of the first target that is a schema.
    fn reference_chain(
        &mut self,
        first: &str,
        mut next: String,
        at: &str,
    ) -> Result<Shape, Diagnostic> {
        let mut chain = vec![first.to_owned()];
        let mut seen: foldhash::HashSet<String> = chain.iter().cloned().collect();
        loop {
            if !seen.insert(next.clone()) {
                return Err(Diagnostic::error(
                    at,
                    format!("`$ref: {first}` refers to itself and never reaches a schema"),
                ));
            }
            if self.components.contains_key(&next)
                || self.deep_refs.contains_key(&next)
                || !next.starts_with("#/")
            {
                break;
            }
            let after = match self.target_schema(&next, at) {
                Ok(Some(schema)) => match schema.as_ref() {
                    ReferenceOr::Reference { reference } => reference.clone(),
                    ReferenceOr::Item(_) => break,
                },
                // Reported by `reference`, as for any other target.
                _ => break,
            };
            chain.push(std::mem::replace(&mut next, after));
        }
        let shape = self.reference(&next, at)?;
        for link in chain {
            self.deep_refs.insert(link, shape.clone());
        }
        Ok(shape)
    }

    /// A `$ref` into a schema (`#/components/schemas/Report/definitions/component`) whose
    /// target is an object, enum or union gets a named type, reserved before its members are
    /// read, so the target may refer to itself as a component can. The inline schema at that
    /// place maps to the same type.
    fn deep_named_type(
        &mut self,
        reference: &str,
        schema: &Schema,
        name: String,
        last_token: Option<&String>,
    ) -> Result<Shape, Diagnostic> {
        if let Some(shape) = self.inline_types.get(reference) {
            return Ok(shape.clone());
        }
        let id = self.reserve(name);
        let reserved = Shape {
            ty: TypeRef::Named(id),
            nullable: schema.schema_data.nullable,
        };
        self.deep_refs
            .insert(reference.to_owned(), reserved.clone());
        self.inline_types
            .insert(reference.to_owned(), reserved.clone());
        let wire_name = last_token.map_or("", String::as_str);
        let hint = Hint {
            name: self.reserved_name(id).to_owned(),
            pointer: reference.to_owned(),
        };
        let first_new_slot = self.slots.len();
        match self.convert(schema, &hint, Some(id)) {
            Ok(shape) => {
                let docs = schema::docs(&schema.schema_data, wire_name);
                self.settle(id, shape.ty, wire_name, reference, docs);
            }
            Err(problem) => {
                self.warn(
                    problem.pointer,
                    format!("{}; the type becomes serde_json::Value", problem.message),
                );
                self.abandon(Some(id), first_new_slot, wire_name, reference);
            }
        }
        Ok(reserved)
    }

    /// Warns about a schema we cannot map and stands `serde_json::Value` in for it.
    pub(crate) fn unmappable(&mut self, at: &str, message: String) -> Shape {
        self.warn(at, format!("{message}; using serde_json::Value"));
        Shape::of(TypeRef::Any)
    }

    /// The schema a local `$ref` points at: a component schema as parsed, anything deeper read
    /// from the normalized document (or from the targets kept of it, see
    /// [`Normalized::keep_ref_targets`]).
    pub(crate) fn target_schema(
        &self,
        reference: &str,
        at: &str,
    ) -> Result<Option<Cow<'a, ReferenceOr<Schema>>>, Diagnostic> {
        let normalized: &'a Normalized = self.normalized;
        if crate::bundle::is_component_schema_ref(reference) {
            let key = reference["#/components/schemas/".len()..]
                .replace("~1", "/")
                .replace("~0", "~");
            let components = normalized.openapi.components.as_ref();
            let found = components.and_then(|c| c.schemas.get(&key));
            return Ok(found.map(Cow::Borrowed));
        }
        let Some(json_pointer) = reference.strip_prefix('#') else {
            return Ok(None);
        };
        let value = match &normalized.ref_targets {
            Some(targets) => targets
                .get(reference)
                .ok_or_else(|| {
                    Diagnostic::error(
                        at,
                        format!(
                            "internal error: `$ref: {reference}` was not found by the walk over \
                             the document's `$ref`s; please report it"
                        ),
                    )
                })?
                .as_ref(),
            None => normalized
                .document
                .pointer(&crate::diagnostic::percent_decode(json_pointer)),
        };
        let Some(value) = value else {
            return Ok(None);
        };
        // Our reader, like every schema: openapiv3's would retry its untagged variants deep
        // inside a wrong target.
        crate::normalize::schema_reader::reference_or_schema(value)
            .map(|schema| Some(Cow::Owned(schema)))
            .map_err(|unreadable| {
                let wrong = unreadable.into_diagnostic(reference);
                Diagnostic::error(
                    at,
                    format!(
                        "`$ref: {reference}` does not point at a schema: {} (at {})",
                        wrong.message.trim_start_matches("invalid schema: "),
                        wrong.pointer
                    ),
                )
            })
    }

    /// Records the examples of the schema or media type at `place` as examples of `ty`, when
    /// they are to be tests; one place reached twice (an `allOf` member's property) records
    /// them once.
    pub(crate) fn note_examples(&mut self, place: &str, ty: &TypeRef) {
        if !self.settings.example_tests {
            return;
        }
        let normalized: &'a Normalized = self.normalized;
        for example in normalized.examples.get(place).into_iter().flatten() {
            if self.noted_examples.insert(example.at.clone()) {
                self.examples.push(crate::ir::Example {
                    pointer: example.at.clone(),
                    ty: ty.clone(),
                    value: example.value.clone(),
                    misfit: None,
                    unlisted: Vec::new(),
                });
            }
        }
    }

    pub(crate) fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(pointer, message);
    }

    fn finish(self) -> Result<Vec<TypeDef>, Diagnostic> {
        match self.filled.iter().position(|filled| !filled) {
            Some(index) => Err(Diagnostic::error(
                self.slots[index].pointer.clone(),
                format!(
                    "internal error: type {} was reserved but never defined",
                    self.slots[index].name
                ),
            )),
            None => Ok(self.slots),
        }
    }
}

pub(crate) fn dangling(reference: &str, at: &str) -> Diagnostic {
    Diagnostic::error(
        at,
        format!("`$ref: {reference}` points at nothing in this document"),
    )
}

/// Whether converting `schema` makes a type of its own (a struct, an enum, a union), which a
/// deep `$ref` then names.
fn makes_named_type(schema: &Schema) -> bool {
    use openapiv3::{SchemaKind, Type};
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_))
        | SchemaKind::OneOf { .. }
        | SchemaKind::AnyOf { .. }
        | SchemaKind::AllOf { .. } => true,
        SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(integer)) => !integer.enumeration.is_empty(),
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || !any.one_of.is_empty()
                || !any.any_of.is_empty()
                || !any.all_of.is_empty()
        }
        _ => false,
    }
}

/// `A: {$ref: B}` and `B: {$ref: A}` name each other and no data: refuse them, since the
/// generated `type A = B; type B = A;` could never compile.
fn check_alias_cycles(types: &[TypeDef]) -> Result<(), Diagnostic> {
    let alias_target = |id: TypeId| match &types[id.0].kind {
        TypeKind::Alias(TypeRef::Named(next)) => Some(*next),
        TypeKind::Alias(TypeRef::Nullable(inner)) => match inner.as_ref() {
            TypeRef::Named(next) => Some(*next),
            _ => None,
        },
        _ => None,
    };
    // Each type has at most one alias target, so one walk from every type not yet walked
    // finds every cycle in linear time. The cycle reported is the one holding the first
    // type that is in any, told from that type.
    let mut walked = vec![false; types.len()];
    let mut first_cycle: Option<Vec<TypeId>> = None;
    for start in (0..types.len()).map(TypeId) {
        let mut path: Vec<TypeId> = Vec::new();
        let mut current = Some(start);
        while let Some(id) = current {
            if walked[id.0] {
                if let Some(at) = path.iter().position(|&seen| seen == id) {
                    let mut cycle = path[at..].to_vec();
                    let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                    cycle.rotate_left(first);
                    if first_cycle.as_ref().is_none_or(|known| cycle[0] < known[0]) {
                        first_cycle = Some(cycle);
                    }
                }
                break;
            }
            walked[id.0] = true;
            path.push(id);
            current = alias_target(id);
        }
    }
    if let Some(cycle) = first_cycle {
        let start = cycle[0];
        let chain: Vec<&str> = cycle
            .iter()
            .map(|id| types[id.0].wire_name.as_str())
            .collect();
        return Err(Diagnostic::error(
            types[start.0].pointer.clone(),
            format!(
                "$ref cycle {} -> {} never reaches a concrete schema",
                chain.join(" -> "),
                types[start.0].wire_name
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{DefaultValue, Scalar, Struct};
    use crate::load::Source;

    fn resolve_yaml(schemas: &str) -> (Result<Ir, Diagnostic>, Vec<Diagnostic>) {
        resolve_yaml_with(schemas, &Settings::default())
    }

    fn resolve_yaml_with(
        schemas: &str,
        settings: &Settings,
    ) -> (Result<Ir, Diagnostic>, Vec<Diagnostic>) {
        let text = crate::test_support::spec_with_schemas(schemas);
        let source = Source::from_bytes("test.yaml", text.into_bytes()).unwrap();
        let mut warnings = Warnings::default();
        let normalized =
            crate::normalize::normalize(&source, source.parse().unwrap(), &mut warnings).unwrap();
        let ir = resolve(&normalized, settings, &mut warnings);
        (ir, warnings.into_vec())
    }

    fn named<'a>(ir: &'a Ir, name: &str) -> &'a TypeDef {
        ir.types
            .iter()
            .find(|def| def.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    }

    fn fields<'a>(ir: &'a Ir, name: &str) -> &'a Struct {
        match &named(ir, name).kind {
            TypeKind::Struct(def) => def,
            other => panic!("{name} is {other:?}"),
        }
    }

    #[test]
    fn inline_schemas_are_named_from_their_path_and_never_shadow_components() {
        let (ir, _) = resolve_yaml(
            "Event:\n  type: object\n  properties:\n    status: {type: string, enum: [open, closed]}\n    tags: {type: array, items: {type: object, properties: {name: {type: string}}}}\nEventStatus: {type: string}",
        );
        let ir = ir.unwrap();
        assert!(matches!(
            named(&ir, "EventStatus").kind,
            TypeKind::Alias(TypeRef::Scalar(Scalar::String))
        ));
        assert!(matches!(
            named(&ir, "EventStatus2").kind,
            TypeKind::StringEnum(_)
        ));
        assert_eq!(
            named(&ir, "EventStatus2").pointer,
            "#/components/schemas/Event/properties/status"
        );
        assert!(matches!(
            named(&ir, "EventTagsItem").kind,
            TypeKind::Struct(_)
        ));
    }

    #[test]
    fn ref_with_default_keeps_the_type_and_binds_the_default() {
        let (ir, warnings) = resolve_yaml(
            "S: {type: string, enum: [a, b]}\nT:\n  type: object\n  properties:\n    s: {$ref: '#/components/schemas/S', default: b}\n    n: {type: integer, format: int32, default: 300000000000}",
        );
        let ir = ir.unwrap();
        let t = fields(&ir, "T");
        let s_id = ir.ids().find(|id| ir.get(*id).name == "S").unwrap();
        assert_eq!(t.fields[0].ty, TypeRef::Named(s_id));
        assert_eq!(t.fields[0].default, Some(DefaultValue::Variant(s_id, 1)));
        assert_eq!(t.fields[1].default, None, "an int32 cannot hold it");
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].pointer,
            "#/components/schemas/T/properties/n/default"
        );
    }

    #[test]
    fn dangling_refs_warn_at_the_ref_and_become_values() {
        let (ir, warnings) = resolve_yaml(
            "T:\n  type: object\n  properties:\n    x: {$ref: '#/components/schemas/Nope'}",
        );
        let ir = ir.unwrap();
        let TypeKind::Struct(def) = &named(&ir, "T").kind else {
            panic!()
        };
        assert_eq!(def.fields[0].ty, TypeRef::Any);
        assert_eq!(warnings[0].pointer, "#/components/schemas/T/properties/x");
        assert!(
            warnings[0].message.contains("points at nothing")
                && warnings[0].message.ends_with("using serde_json::Value"),
            "{}",
            warnings[0].message
        );
        let (ir, warnings) = resolve_yaml("T: {$ref: 'other.yaml#/X'}");
        assert!(matches!(
            named(&ir.unwrap(), "T").kind,
            TypeKind::Alias(TypeRef::Any)
        ));
        assert!(warnings[0].message.contains("could not be resolved"));
    }

    #[test]
    fn a_recursive_deep_ref_gets_a_named_type() {
        let (ir, warnings) = resolve_yaml(
            "R:\n  type: object\n  properties:\n    parts: {type: array, items: {$ref: '#/components/schemas/R/definitions/part'}}\n  definitions:\n    part:\n      type: object\n      properties:\n        children: {type: array, items: {$ref: '#/components/schemas/R/definitions/part'}}",
        );
        let ir = ir.unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let TypeKind::Struct(part) = &named(&ir, "RPart").kind else {
            panic!()
        };
        let TypeRef::List(item) = &part.fields[0].ty else {
            panic!("{:?}", part.fields[0].ty)
        };
        assert!(matches!(item.as_ref(), TypeRef::Named(id) if ir.types[id.0].name == "RPart"));
    }

    #[test]
    fn duplicate_enum_values_warn_with_their_index() {
        let (ir, warnings) = resolve_yaml("C: {type: string, enum: ['1', '44', '1']}");
        let ir = ir.unwrap();
        let TypeKind::StringEnum(def) = &named(&ir, "C").kind else {
            panic!()
        };
        assert_eq!(def.variants.len(), 2);
        assert_eq!(warnings[0].pointer, "#/components/schemas/C/enum/2");
    }

    #[test]
    fn enum_name_extensions_must_match_the_values() {
        let (ir, warnings) =
            resolve_yaml("E: {type: integer, enum: [1, 2], x-enum-varnames: [One]}");
        let ir = ir.unwrap();
        let TypeKind::IntegerEnum(def) = &named(&ir, "E").kind else {
            panic!()
        };
        assert_eq!(def.variants[0].name, "V1");
        assert_eq!(
            warnings[0].pointer,
            "#/components/schemas/E/x-enum-varnames"
        );
    }

    fn literal_values(ir: &Ir, name: &str) -> Vec<serde_json::Value> {
        match &named(ir, name).kind {
            TypeKind::LiteralEnum(def) => def.variants.iter().map(|v| v.value.clone()).collect(),
            other => panic!("{name} is not a literal enum: {other:?}"),
        }
    }

    #[test]
    fn enums_of_other_json_types_list_their_values() {
        use serde_json::json;
        let (ir, warnings) = resolve_yaml(concat!(
            "N: {type: number, enum: [0.5, 2, null]}\n",
            "B: {type: boolean, enum: [true]}\n",
            "Both: {type: boolean, enum: [false, true]}\n",
            "O: {type: object, properties: {a: {type: integer}}, enum: [{a: 1}, {a: 2}]}\n",
            "L: {type: array, items: {type: integer}, enum: [[1, 2]]}\n",
            "M: {enum: [x, 1, 1.0, true]}\n",
            "T: {type: integer, enum: [1, x, 2.5, 3.0]}\n",
            "W: {type: integer, enum: [Primary, Secondary]}\n",
            "C: {const: {k: [1]}}\n",
            "S: {type: object, properties: {n: {$ref: '#/components/schemas/N'}, f: {type: number, enum: [1.5]}}}",
        ));
        let ir = ir.unwrap();
        // Integral numbers are written as the integers they are.
        assert_eq!(literal_values(&ir, "N"), vec![json!(0.5), json!(2)]);
        assert_eq!(literal_values(&ir, "B"), vec![json!(true)]);
        assert_eq!(
            named(&ir, "Both").kind,
            TypeKind::Alias(TypeRef::Scalar(Scalar::Bool))
        );
        // An `enum` says every value there is, over `properties` and `items`.
        assert_eq!(
            literal_values(&ir, "O"),
            vec![json!({"a": 1}), json!({"a": 2})]
        );
        assert_eq!(literal_values(&ir, "L"), vec![json!([1, 2])]);
        // `1.0` is `1`: a duplicate, warned at its index.
        assert_eq!(
            literal_values(&ir, "M"),
            vec![json!("x"), json!(1), json!(true)]
        );
        assert_eq!(literal_values(&ir, "C"), vec![json!({"k": [1]})]);
        // Values not of the schema's type are left out, warned; `3.0` is an integer.
        assert_eq!(literal_values(&ir, "T"), vec![json!(1), json!(3.0)]);
        // None fits: the values decide (Azure's `type: integer` over string enums).
        let TypeKind::StringEnum(strings) = &named(&ir, "W").kind else {
            panic!("W is a string enum")
        };
        assert_eq!(strings.variants.len(), 2);
        let TypeKind::Struct(record) = &named(&ir, "S").kind else {
            panic!("a struct")
        };
        let TypeRef::Named(inline) = &record.fields[1].ty else {
            panic!("an inline number enum is a type of its own")
        };
        assert_eq!(ir.get(*inline).name, "SF");
        assert_eq!(literal_values(&ir, "SF"), vec![json!(1.5)]);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            vec![
                "#/components/schemas/M/enum/2",
                "#/components/schemas/T/enum/1",
                "#/components/schemas/T/enum/2",
                "#/components/schemas/W/enum"
            ],
            "{warnings:?}"
        );
    }

    #[test]
    fn a_discriminator_on_an_extended_base_makes_it_a_union_of_its_subtypes() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Base:\n  type: object\n  properties: {t: {type: string}}\n",
            "  discriminator: {propertyName: t, mapping: {b: Base, o: Other}}\n",
            "A: {allOf: [{$ref: '#/components/schemas/Base'}, {properties: {a: {type: integer}}}]}\n",
            "AA: {allOf: [{$ref: '#/components/schemas/A'}, {properties: {aa: {type: integer}}}]}\n",
            "Other: {type: object, properties: {t: {type: string}}}\n",
            "Lone:\n  type: object\n  properties: {t: {type: string}}\n  discriminator: {propertyName: t}\n",
        ));
        let ir = ir.unwrap();
        let TypeKind::Union(union) = &named(&ir, "Base").kind else {
            panic!("Base is a union")
        };
        assert_eq!(union.tag.as_deref(), Some("t"));
        let variants: Vec<(&str, &[String])> = union
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.tag_values.as_slice()))
            .collect();
        assert_eq!(
            variants,
            vec![
                ("A", &["A".to_owned()][..]),
                ("Aa", &["AA".to_owned()][..]),
                ("Other", &["o".to_owned()][..]),
                ("Other2", &[][..]),
            ]
        );
        // The last, with no tag of its own, reads any other tag as the base's properties.
        let fallback = union.fallback().expect("a fallback");
        let TypeRef::Named(base) = &fallback.ty else {
            panic!("a named struct")
        };
        assert_eq!(ir.get(*base).name, "BaseBase");
        // A subtype still holds the base's properties; a base nobody extends stays a struct.
        let TypeKind::Struct(a) = &named(&ir, "A").kind else {
            panic!("A is a struct")
        };
        assert_eq!(
            a.fields
                .iter()
                .map(|f| f.wire_name.as_str())
                .collect::<Vec<_>>(),
            ["t", "a"]
        );
        assert!(matches!(named(&ir, "Lone").kind, TypeKind::Struct(_)));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0].pointer,
            "#/components/schemas/Base/discriminator/mapping"
        );
    }

    #[test]
    fn a_subtype_may_declare_its_tag_value_as_azure_does() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Base:\n  type: object\n  properties: {kind: {type: string}}\n  discriminator: {propertyName: kind}\n",
            "A:\n  x-ms-discriminator-value: Microsoft.A/thing\n  allOf: [{$ref: '#/components/schemas/Base'}]\n  properties: {a: {type: integer}}\n",
            "B: {allOf: [{$ref: '#/components/schemas/Base'}, {properties: {b: {type: integer}}}]}\n",
            // Adds nothing: an alias of the union, which it would read forever.
            "C: {x-ms-discriminator-value: c, allOf: [{$ref: '#/components/schemas/Base'}]}\n",
        ));
        let ir = ir.unwrap();
        let warned: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(warned, ["#/components/schemas/C"], "{warnings:?}");
        let TypeKind::Union(union) = &named(&ir, "Base").kind else {
            panic!("Base is a union")
        };
        let tags: Vec<&[String]> = union
            .variants
            .iter()
            .map(|v| v.tag_values.as_slice())
            .collect();
        assert_eq!(
            tags,
            [
                &["Microsoft.A/thing".to_owned()][..],
                &["B".to_owned()][..],
                &[][..]
            ]
        );
    }

    #[test]
    fn pattern_properties_are_maps_of_their_values_with_key_rules_for_their_holders() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Closed:\n  type: object\n  patternProperties: {'^a': {type: integer}, '^b': {type: integer}}\n",
            "  additionalProperties: false\n  propertyNames: {minLength: 2}\n",
            "Mixed: {type: object, patternProperties: {'^a': {type: integer}, '^b': {type: string}}}\n",
            "Explicit: {type: object, patternProperties: {'^a': {type: integer}}, additionalProperties: {type: string}}\n",
            "Listed:\n  type: object\n  properties: {id: {type: string}}\n  patternProperties: {'^x-': {type: string}}\n  additionalProperties: false\n",
            "Holder: {type: object, properties: {closed: {$ref: '#/components/schemas/Closed'}}}\n",
        ));
        let ir = ir.unwrap();
        let map_of = |name| named(&ir, name).kind.clone();
        let map = |value| TypeKind::Alias(TypeRef::Map(Box::new(value)));
        assert_eq!(map_of("Closed"), map(TypeRef::Scalar(Scalar::I64)));
        assert_eq!(map_of("Mixed"), map(TypeRef::Any));
        assert_eq!(map_of("Explicit"), map(TypeRef::Scalar(Scalar::String)));
        let TypeKind::Struct(listed) = &named(&ir, "Listed").kind else {
            panic!("a struct")
        };
        assert_eq!(
            listed.additional.as_ref().map(|extra| &extra.ty),
            Some(&TypeRef::Scalar(Scalar::String))
        );
        assert!(!listed.closed, "its pattern keys go to the map");
        let TypeKind::Struct(holder) = &named(&ir, "Holder").kind else {
            panic!("a struct")
        };
        let keys = holder.fields[0]
            .constraints
            .keys
            .as_deref()
            .expect("key rules");
        assert_eq!(keys.patterns, ["^a", "^b"]);
        assert_eq!(keys.each.min_length, Some(2));
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "#/components/schemas/Explicit/patternProperties",
                "#/components/schemas/Listed/patternProperties",
                "#/components/schemas/Mixed/patternProperties",
            ],
            "{warnings:?}"
        );
    }

    /// A condition testing a field filled from its default, or a rule on one, is dropped and
    /// warned (the default cannot be told from a value sent); conditions of a schema that is
    /// no struct are warned; a diamond's base gives its rules once; a condition that asks
    /// nothing makes no struct of an alias.
    #[test]
    fn conditions_on_defaults_and_on_no_struct_are_warned() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Base:\n  type: object\n  properties: {a: {type: string, default: x}, b: {type: integer, default: 1}, c: {type: string}}\n",
            "  if: {properties: {a: {const: y}}}\n  then: {required: [c]}\n",
            "  dependentSchemas: {c: {properties: {b: {minimum: 2}, a: {minLength: 1}}, required: [a]}}\n",
            "Left: {allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {l: {type: string}}}]}\n",
            "Both: {allOf: [{$ref: '#/components/schemas/Left'}, {$ref: '#/components/schemas/Base'}]}\n",
            "Map: {type: object, additionalProperties: {type: string}, dependentSchemas: {k: {required: [j]}}}\n",
            "Alias: {allOf: [{$ref: '#/components/schemas/Left'}, {dependentSchemas: {l: true}}]}\n",
        ));
        let ir = ir.unwrap();
        let TypeKind::Struct(both) = &named(&ir, "Both").kind else {
            panic!("a struct")
        };
        // Only the `dependentSchemas` one is kept, without its rules on defaulted fields, once.
        assert_eq!(both.conditionals.len(), 1, "{:?}", both.conditionals);
        assert_eq!(both.conditionals[0].then, [crate::ir::Rule::Present(0)]);
        assert!(
            !matches!(named(&ir, "Alias").kind, TypeKind::Struct(_)),
            "a condition that asks nothing is no reason for a struct of its own"
        );
        let mut found: Vec<(&str, &str)> = warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        found.sort_unstable();
        found.dedup();
        assert_eq!(
            found,
            [
                (
                    "#/components/schemas/Base/dependentSchemas/c",
                    "a rule of this condition on `a`, which is filled from its default when left out, is not checked"
                ),
                (
                    "#/components/schemas/Base/dependentSchemas/c",
                    "a rule of this condition on `b`, which is filled from its default when left out, is not checked"
                ),
                (
                    "#/components/schemas/Base/if",
                    "this condition tests `a`, which is filled from its default when left out; it is not checked"
                ),
                (
                    "#/components/schemas/Map/dependentSchemas/k",
                    "this condition is on a schema that is not an object with listed properties; it is not checked"
                ),
            ]
        );
    }

    /// The constraints of a list's items and a map's values are read (through `$ref`s), and
    /// a schema whose items are itself ends.
    #[test]
    fn item_and_value_constraints_are_read_and_recursion_ends() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Short: {type: string, maxLength: 3}\n",
            "Tree: {type: array, maxItems: 4, items: {$ref: '#/components/schemas/Tree'}}\n",
            "S:\n  type: object\n  properties:\n",
            "    names: {type: array, items: {$ref: '#/components/schemas/Short'}}\n",
            "    scores: {type: object, additionalProperties: {type: integer, minimum: 0}}\n",
            "    tree: {$ref: '#/components/schemas/Tree'}\n",
        ));
        assert!(warnings.is_empty(), "{warnings:?}");
        let ir = ir.unwrap();
        let record = fields(&ir, "S");
        let constraints = |name: &str| {
            &record
                .fields
                .iter()
                .find(|f| f.wire_name == name)
                .unwrap()
                .constraints
        };
        assert_eq!(
            constraints("names")
                .items
                .as_ref()
                .and_then(|c| c.max_length),
            Some(3)
        );
        assert_eq!(
            constraints("scores")
                .values
                .as_ref()
                .and_then(|c| c.minimum),
            Some(0.0)
        );
        let mut depth = 0;
        let mut tree = constraints("tree");
        while let Some(items) = &tree.items {
            assert_eq!(items.max_items, Some(4));
            tree = items;
            depth += 1;
        }
        assert!((1..=8).contains(&depth), "{depth}");
    }

    /// A union member's keywords are checked only where no other member could read the same
    /// JSON; a member left out for its type (the same as another's) takes the kept member's
    /// checks with it; beside `patternProperties`, unlisted values are not checked.
    #[test]
    fn union_member_and_pattern_value_checks_stop_where_another_schema_could_hold_the_value() {
        let (ir, _) = resolve_yaml(concat!(
            "Code: {oneOf: [{type: string, maxLength: 4}, {type: integer, minimum: 0}]}\n",
            "Amount: {anyOf: [{type: integer, maximum: 5}, {type: number}]}\n",
            "Free: {anyOf: [{type: string, maxLength: 3}, {}]}\n",
            "Word: {anyOf: [{type: string, maxLength: 3}, {type: string, enum: [alpha]}]}\n",
            "Twice: {oneOf: [{type: string, pattern: '^[a-z]+$'}, {type: string, pattern: '^[0-9]+$'}, {type: integer}]}\n",
            "Keyed: {type: object, properties: {a: {type: string}}, patternProperties: {'^x-': {type: string}}, additionalProperties: {type: string, maxLength: 2}}\n",
            "Map: {type: object, patternProperties: {'^x-': {type: string}}, additionalProperties: {type: string, maxLength: 2}}\n",
            "Holder: {type: object, properties: {m: {$ref: '#/components/schemas/Map'}}}\n",
        ));
        let ir = ir.unwrap();
        let checked = |name: &str| -> Vec<bool> {
            let TypeKind::Union(union) = &named(&ir, name).kind else {
                panic!("{name} is a union")
            };
            (0..union.variants.len())
                .map(|index| crate::analysis::checked_variant(&ir, &BTreeSet::new(), union, index))
                .collect()
        };
        assert_eq!(checked("Code"), [true, true]);
        assert_eq!(checked("Amount"), [false, false]);
        assert_eq!(checked("Free"), [false, false]);
        assert_eq!(checked("Word"), [false, false]);
        assert_eq!(
            checked("Twice"),
            [false, false],
            "the kept string's pattern is not the union's"
        );
        let keyed = fields(&ir, "Keyed");
        assert!(keyed.additional.as_ref().unwrap().constraints.is_empty());
        assert_eq!(fields(&ir, "Holder").fields[0].constraints.values, None);
    }

    /// `patternProperties` of an `allOf` member (inline or `$ref`'d) are merged: the struct's
    /// unlisted properties hold what the patterns say.
    #[test]
    fn pattern_properties_of_all_of_members_are_merged() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Base: {type: object, properties: {a: {type: string}}, patternProperties: {'^x-': {type: integer}}}\n",
            "S:\n  allOf:\n  - $ref: '#/components/schemas/Base'\n",
            "  - {type: object, properties: {b: {type: string}}}\n",
            "T:\n  allOf:\n  - {type: object, properties: {a: {type: string}}}\n",
            "  - {type: object, properties: {b: {type: string}}, patternProperties: {'^n-': {type: number}}}\n",
        ));
        assert!(warnings.is_empty(), "{warnings:?}");
        let ir = ir.unwrap();
        for (name, value) in [("S", Scalar::I64), ("T", Scalar::F64)] {
            let TypeKind::Struct(record) = &named(&ir, name).kind else {
                panic!("{name} is a struct")
            };
            let additional = record.additional.as_ref().expect("a map of the others");
            assert_eq!(additional.ty, TypeRef::Scalar(value), "{name}");
        }
    }

    /// Conditions reach the struct from the schema, an `allOf` member that only constrains
    /// (which keeps a one-`$ref` `allOf` from being an alias), and the `$ref`'d base; a test
    /// of an unlisted property drops its condition, a rule on one only itself, both warned.
    #[test]
    fn conditions_are_read_onto_the_struct_and_unlisted_properties_warned() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Base:\n  type: object\n  properties: {a: {type: string}, b: {type: integer}}\n",
            "  dependentSchemas: {a: {required: [b]}}\n",
            "S:\n  allOf:\n  - $ref: '#/components/schemas/Base'\n",
            "  - if: {properties: {a: {const: x}}}\n    then: {required: [b, zz], properties: {b: {minimum: 2}}}\n",
            "  if: {required: [nope]}\n  then: {required: [a]}\n",
        ));
        let ir = ir.unwrap();
        let TypeKind::Struct(record) = &named(&ir, "S").kind else {
            panic!("S is a struct of its own, not an alias of Base")
        };
        assert_eq!(
            record.conditionals,
            [
                crate::ir::Conditional {
                    at: "#/components/schemas/Base/dependentSchemas/a".to_owned(),
                    when: vec![crate::ir::Test::Present(0)],
                    then: vec![crate::ir::Rule::Present(1)],
                    otherwise: vec![],
                },
                crate::ir::Conditional {
                    at: "#/components/schemas/S/allOf/1/if".to_owned(),
                    when: vec![crate::ir::Test::OneOf(0, vec![serde_json::json!("x")])],
                    then: vec![
                        crate::ir::Rule::Present(1),
                        crate::ir::Rule::Constraints(
                            1,
                            crate::ir::Constraints {
                                minimum: Some(2.0),
                                ..Default::default()
                            }
                        ),
                    ],
                    otherwise: vec![],
                },
            ]
        );
        let mut found: Vec<(&str, &str)> = warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        found.sort_unstable();
        assert_eq!(
            found,
            [
                (
                    "#/components/schemas/S/allOf/1/then/required",
                    "a condition requires `zz`, which the object does not list; it is not checked"
                ),
                (
                    "#/components/schemas/S/if",
                    "this condition tests `nope`, which the object does not list; it is not checked"
                ),
            ]
        );
    }

    /// `multipleOf`, `uniqueItems` and `minProperties`/`maxProperties` reach the fields'
    /// constraints (a map's) and the struct (an object's, the tightest of its `allOf`
    /// members'); a `multipleOf` of 0 is none. Inline types that differ only in them stay
    /// apart.
    #[test]
    fn counting_constraints_are_read_and_merged() {
        let (ir, warnings) = resolve_yaml(concat!(
            "Base: {type: object, minProperties: 1, maxProperties: 5, properties: {a: {type: string}}}\n",
            "S:\n  allOf:\n  - $ref: '#/components/schemas/Base'\n",
            "  - type: object\n    minProperties: 2\n    maxProperties: 9\n    properties:\n",
            "      n: {type: number, multipleOf: 0.5}\n      zero: {type: integer, multipleOf: 0}\n",
            "      tags: {type: array, uniqueItems: true, items: {type: string}}\n",
            "      counts: {type: object, maxProperties: 2, additionalProperties: {type: integer}}\n",
            "P: {type: object, properties: {v: {type: object, properties: {x: {type: integer, multipleOf: 2}}}}}\n",
            "Q: {type: object, properties: {v: {type: object, properties: {x: {type: integer, multipleOf: 3}}}, q: {type: string}}}\n",
            "R: {type: object, properties: {v: {type: object, properties: {x: {type: integer, multipleOf: 3}}}, r: {type: string}}}\n",
        ));
        assert!(warnings.is_empty(), "{warnings:?}");
        let ir = ir.unwrap();
        let TypeKind::Struct(record) = &named(&ir, "S").kind else {
            panic!("a struct")
        };
        assert_eq!(
            (record.min_properties, record.max_properties),
            (Some(2), Some(5))
        );
        let field = |name: &str| {
            let field = record.fields.iter().find(|f| f.wire_name == name).unwrap();
            (&field.constraints, &field.ty)
        };
        assert_eq!(field("n").0.multiple_of, Some(0.5));
        assert_eq!(field("zero").0.multiple_of, None);
        assert!(field("tags").0.unique_items);
        assert_eq!(field("counts").0.max_properties, Some(2));
        let v = |schema: &str| {
            let TypeKind::Struct(record) = &named(&ir, schema).kind else {
                panic!("a struct")
            };
            record.fields[0].ty.clone()
        };
        assert_eq!(v("Q"), v("R"), "the same inline schema is one type");
        assert_ne!(v("P"), v("Q"), "different multipleOf, different types");
    }

    #[test]
    fn dependent_required_names_fields_and_warns_about_unlisted_ones() {
        let (ir, warnings) = resolve_yaml(concat!(
            "S:\n  type: object\n  properties: {a: {type: string}, b: {type: string}, c: {type: string}}\n",
            "  dependentRequired: {a: [b, c], z: [a]}\n",
        ));
        let ir = ir.unwrap();
        let TypeKind::Struct(record) = &named(&ir, "S").kind else {
            panic!("a struct")
        };
        assert_eq!(record.dependent_required, vec![(0, vec![1, 2])]);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/components/schemas/S/dependentRequired/z"]);
    }

    #[test]
    fn discriminator_values_come_from_mapping_or_schema_names() {
        let (ir, _) = resolve_yaml(
            "U:\n  oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]\n  discriminator: {propertyName: k, mapping: {a1: A, a2: '#/components/schemas/A'}}\nA: {type: object, properties: {k: {type: string}}}\nB: {type: object, properties: {k: {type: string}}}",
        );
        let ir = ir.unwrap();
        let TypeKind::Union(def) = &named(&ir, "U").kind else {
            panic!()
        };
        assert_eq!(def.tag.as_deref(), Some("k"));
        assert_eq!(def.variants[0].tag_values, vec!["a1", "a2"]);
        assert_eq!(def.variants[1].tag_values, vec!["B"]);
    }

    #[test]
    fn all_of_merges_properties_and_required() {
        let (ir, _) = resolve_yaml(
            "Base: {type: object, required: [id], properties: {id: {type: string}}}\nMore:\n  allOf:\n    - $ref: '#/components/schemas/Base'\n    - {type: object, required: [n], properties: {n: {type: integer}}}",
        );
        let ir = ir.unwrap();
        let more = fields(&ir, "More");
        let names: Vec<(&str, bool)> = more
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.required))
            .collect();
        assert_eq!(names, vec![("id", true), ("n", true)]);
    }

    #[test]
    fn closed_prefix_items_are_tuples_and_open_ones_lists_of_values_with_a_warning() {
        let (ir, warnings) = resolve_yaml(
            "Pair: {type: array, prefixItems: [{type: integer}, {type: string}], minItems: 2, maxItems: 2}\n\
             Loose: {type: array, prefixItems: [{type: integer}], items: false}\n\
             Open: {type: array, prefixItems: [{type: integer}], items: {type: string}}\n\
             Same: {type: array, prefixItems: [{type: number}, {type: number}], items: {type: number}}\n\
             Huge: {type: array, prefixItems: [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}], maxItems: 13}\n\
             Maybe: {anyOf: [{type: array, prefixItems: [{type: integer}, {type: string}], minItems: 2, maxItems: 2}, {type: 'null'}]}",
        );
        let ir = ir.unwrap();
        let alias = |name| match &named(&ir, name).kind {
            TypeKind::Alias(ty) => ty.clone(),
            other => panic!("{name} is {other:?}"),
        };
        assert_eq!(
            alias("Pair"),
            TypeRef::Tuple(vec![
                TypeRef::Scalar(Scalar::I64),
                TypeRef::Scalar(Scalar::String)
            ])
        );
        assert_eq!(
            alias("Loose"),
            TypeRef::Tuple(vec![TypeRef::Scalar(Scalar::I64)])
        );
        let values = TypeRef::List(Box::new(TypeRef::Any));
        assert_eq!(alias("Open"), values);
        assert_eq!(alias("Huge"), values);
        // Pydantic's `Optional[tuple[int, str]]`: the null member merged, the tuple kept
        // (the component's nullability is its uses' business).
        assert_eq!(
            alias("Maybe"),
            TypeRef::Tuple(vec![
                TypeRef::Scalar(Scalar::I64),
                TypeRef::Scalar(Scalar::String)
            ])
        );
        // Every position holds a number: a list of numbers says it all.
        assert_eq!(
            alias("Same"),
            TypeRef::List(Box::new(TypeRef::Scalar(Scalar::F64)))
        );
        let placed: Vec<(&str, &str)> = warnings
            .iter()
            .map(|w| {
                (
                    w.pointer.as_str(),
                    w.message.split(',').next().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                (
                    "#/components/schemas/Huge/prefixItems",
                    "a tuple of 13 items has no Rust tuple type with the derives (1 to 12 items); using Vec<serde_json::Value>"
                ),
                (
                    "#/components/schemas/Loose/prefixItems",
                    "an array with fewer items than the 1 listed is valid (`minItems` is lower)"
                ),
                (
                    "#/components/schemas/Open/prefixItems",
                    "more items may follow the listed ones (no `items: false` or `maxItems`)"
                ),
            ]
        );
    }

    #[test]
    fn inline_copies_are_shared_only_in_one_role_and_named_by_a_unique_title() {
        // FastAPI's shapes: the same `anyOf` under unrelated properties, a pydantic property
        // title, and a titled union used in two places.
        let (ir, warnings) = resolve_yaml(
            "ValidationError: {type: object, properties: {loc: {type: array, items: {anyOf: [{type: string}, {type: integer}]}}}}\n\
             SearchHitRef: {type: object, properties: {ref: {type: array, items: {anyOf: [{type: string}, {type: integer}]}}}}\n\
             OrderLineInput: {type: object, properties: {unit_price: {title: Unit Price, anyOf: [{type: number}, {type: string}]}}}\n\
             ItemCreate: {type: object, properties: {price: {title: Price, anyOf: [{type: number}, {type: string}]}}}\n\
             Owner: {type: object, properties: {favourite: {title: Pet, oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}, second: {title: Pet, oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}, others: {type: array, items: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}}}}\n\
             Cat: {type: object, properties: {lives: {type: integer}}}\n\
             Dog: {type: object, properties: {good: {type: boolean}}}\n\
             Keys: {type: object, properties: {id: {title: Key, anyOf: [{type: string}, {type: integer}]}}}\n\
             Team: {type: object, properties: {privacy: {enum: [open, secret]}, parent: {type: object, properties: {privacy: {enum: [open, secret]}}}}}\n\
             Clash: {type: object, properties: {a: {title: App, enum: [x]}, b: {title: App, enum: [y]}}}",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let ir = ir.unwrap();
        let mut names: Vec<&str> = ir.types.iter().map(|def| def.name.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "Cat",
                "Clash",
                "ClashA",
                "ClashB",
                "Dog",
                "ItemCreate",
                "ItemCreatePrice",
                "Key",
                "Keys",
                "OrderLineInput",
                "OrderLineInputUnitPrice",
                "Owner",
                "Pet",
                "SearchHitRef",
                "SearchHitRefRefItem",
                "Team",
                "TeamParent",
                "TeamPrivacy",
                "ValidationError",
                "ValidationErrorLocItem",
            ]
        );
    }

    #[test]
    fn examples_are_kept_with_their_types_and_misfits_warned_at_their_place() {
        let schemas = "Pet: {type: object, required: [name], properties: {name: {type: string, example: 7}, tag: {enum: [a, b], examples: [b]}}, example: {tag: c, name: Tom}}\n\
             Good: {type: object, properties: {n: {type: integer}, pair: {type: array, prefixItems: [{type: integer}, {type: string}], items: false, minItems: 2}}, examples: [{n: 1, pair: [1, x]}, {pair: [1]}, {n: null}, {n: 2, x/y: 3}]}";
        // Without the setting, examples are not looked at.
        let (ir, warnings) = resolve_yaml(schemas);
        assert!(ir.unwrap().examples.is_empty() && warnings.is_empty());
        let settings = Settings {
            example_tests: true,
            ..Settings::default()
        };
        let (ir, warnings) = resolve_yaml_with(schemas, &settings);
        let ir = ir.unwrap();
        let mut found: Vec<(&str, &str)> = warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                (
                    "#/components/schemas/Good/examples/1/pair",
                    "this example does not fit its schema: 1 items where the tuple has 2"
                ),
                (
                    "#/components/schemas/Pet/example/tag",
                    "this example does not fit its schema: \"c\" is not one of the enum's values"
                ),
                (
                    "#/components/schemas/Pet/properties/name/example",
                    "this example does not fit its schema: expected a string, found a number"
                ),
            ]
        );
        let mut kept: Vec<(&str, String)> = ir
            .examples
            .iter()
            .map(|e| (e.pointer.as_str(), e.value.to_string()))
            .collect();
        kept.sort();
        assert_eq!(
            kept,
            [
                (
                    "#/components/schemas/Good/examples/0",
                    r#"{"n":1,"pair":[1,"x"]}"#.to_owned()
                ),
                (
                    "#/components/schemas/Good/examples/1",
                    r#"{"pair":[1]}"#.to_owned()
                ),
                // `null` for a field that may be left out is read as left out: it fits.
                (
                    "#/components/schemas/Good/examples/2",
                    r#"{"n":null}"#.to_owned()
                ),
                (
                    "#/components/schemas/Good/examples/3",
                    r#"{"n":2,"x/y":3}"#.to_owned()
                ),
                (
                    "#/components/schemas/Pet/example",
                    r#"{"tag":"c","name":"Tom"}"#.to_owned()
                ),
                (
                    "#/components/schemas/Pet/properties/name/example",
                    "7".to_owned()
                ),
                (
                    "#/components/schemas/Pet/properties/tag/examples/0",
                    r#""b""#.to_owned()
                ),
            ]
        );
        // A property the type does not list is passed over when read; the test is told so.
        let unlisted: Vec<(&str, &[String])> = ir
            .examples
            .iter()
            .filter(|e| !e.unlisted.is_empty())
            .map(|e| (e.pointer.as_str(), e.unlisted.as_slice()))
            .collect();
        assert_eq!(
            unlisted,
            [(
                "#/components/schemas/Good/examples/3",
                &["/x~1y".to_owned()][..]
            )]
        );
    }

    #[test]
    fn a_schema_that_is_only_itself_is_a_placed_cycle_error() {
        // Found by fuzzing: `{$ref: A, description: x}` is `allOf: [$ref: A]` after
        // normalization, and came back as `A` without defining it (an internal error).
        for schemas in [
            "A: {allOf: [{$ref: '#/components/schemas/A'}]}",
            "A: {description: x, $ref: '#/components/schemas/A'}",
            "A: {allOf: [{$ref: '#/components/schemas/B'}]}\nB: {allOf: [{$ref: '#/components/schemas/A'}]}",
        ] {
            let (ir, _) = resolve_yaml(schemas);
            let error = ir.expect_err(schemas);
            assert!(
                error.message.contains("never reaches a concrete schema"),
                "{schemas}: {error:?}"
            );
            assert_eq!(error.pointer, "#/components/schemas/A", "{schemas}");
        }
    }

    #[test]
    fn all_of_cycles_warn_and_the_type_becomes_a_value() {
        let (ir, warnings) = resolve_yaml(
            "A: {allOf: [{$ref: '#/components/schemas/B'}, {type: object, properties: {a: {type: string}}}]}\nB: {allOf: [{$ref: '#/components/schemas/A'}, {type: object, properties: {b: {type: string}}}]}",
        );
        let (ir, warnings) = (ir.unwrap(), warnings);
        assert!(
            warnings.iter().any(|w| w.message.contains("allOf` cycle")),
            "{warnings:?}"
        );
        assert!(matches!(
            named(&ir, "A").kind,
            TypeKind::Alias(TypeRef::Any)
        ));
    }
}
