//! Facts about the frozen IR that the emitters need: which traits each type can derive, where
//! recursion needs a `Box`, which aliases must become newtypes, which helper code is used.
//! Computed once here, so emitters only read.

mod depth;
mod names;
mod outcomes;
mod routes;
mod validation;

use std::collections::{BTreeMap, BTreeSet};

pub use depth::{Deepest, TooDeep};
pub use names::Names;
pub use outcomes::Outcomes;
pub use routes::{RouteEntry, Target};
pub use validation::{Measured, checked_variant, holds_validated, measured};

use crate::ir::{BodyKind, Ir, Scalar, TypeId, TypeKind, TypeRef};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derives {
    pub copy: bool,
    /// `Eq` and `Hash` (they hold together: both fail only on floats).
    pub eq_hash: bool,
    /// `PartialOrd` + `Ord`, for enums of plain values.
    pub ord: bool,
    pub default: DefaultImpl,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DefaultImpl {
    #[default]
    None,
    /// Every field is an `Option` or a map: `#[derive(Default)]`.
    Derive,
    /// Some fields have spec defaults: a hand-written `impl Default` that uses them.
    Manual,
}

/// Which runtime helpers the generated module needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    pub base64: bool,
    /// Some field is optional and nullable (`Nullable<T>`).
    pub nullable: bool,
    /// Some struct allows no unlisted property and a server reads JSON or form bodies: it
    /// reads them refusing such properties. Without a server nothing calls for it, and the
    /// closed structs are read as the others.
    pub closed: bool,
    /// The spec's examples are emitted as tests (asked for, and there are some).
    pub example_tests: bool,
    /// Some type holds a `date-time`.
    pub date_times: bool,
    /// Some type holds a map (`additionalProperties`).
    pub maps: bool,
    /// Maps are `IndexMap`s, which have no `Hash`.
    pub index_map: bool,
    /// Server methods take the request's parts (the `request_context` setting).
    pub request_context: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub derives: Vec<Derives>,
    /// (type, field or variant index) that hold a `Box` to break a by-value cycle.
    pub boxed: BTreeSet<(TypeId, usize)>,
    /// Aliases that take part in a cycle (`type Tree = Vec<Tree>` cannot compile) and are
    /// emitted as newtypes instead.
    pub newtypes: BTreeSet<TypeId>,
    pub features: Features,
    /// A rough size in bytes of each named type, for deciding what to box.
    pub sizes: Vec<usize>,
    /// Set when a type nests deeper than rustc checks by default (measured by the depth
    /// pass, `analysis/depth.rs`).
    pub too_deep: Option<TooDeep>,
    /// By operation: the axum route the server router serves it at, or `None` when the
    /// router leaves it out (security no supported scheme satisfies, or the method and
    /// template, up to parameter names, of an earlier operation).
    pub served: Vec<Option<String>>,
    /// The router's table, built from `served`.
    pub routes: Vec<RouteEntry>,
    /// The names of the items the client and the server make for each operation.
    pub names: Names,
    /// The structs the server validates beyond their types (see `validation.rs`), each with
    /// a `validate_…` function when some check calls it.
    pub validated: BTreeSet<TypeId>,
    /// Whether the client's and the server's code name a model type, and so import `types`.
    pub uses_types: UsesTypes,
}

/// See [`Analysis::uses_types`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsesTypes {
    /// Some operation's parameter, body (a multipart part other than a file) or answer.
    pub client: bool,
    /// The same among the operations the router serves; a multipart body reaches the
    /// handler as parts, naming no model.
    pub server: bool,
}

impl Analysis {
    pub fn derives(&self, id: TypeId) -> &Derives {
        &self.derives[id.0]
    }

    pub fn is_boxed(&self, id: TypeId, member: usize) -> bool {
        self.boxed.contains(&(id, member))
    }

    /// Whether a value of this type is large enough to be boxed as an enum payload.
    pub fn is_large(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(id) => self
                .sizes
                .get(id.0)
                .is_some_and(|&size| size > LARGE_VARIANT_BYTES),
            TypeRef::Nullable(inner) => {
                matches!(**inner, TypeRef::Named(_)) && self.is_large(inner)
            }
            _ => false,
        }
    }
}

/// See [`Analysis::uses_types`].
fn uses_types(ir: &Ir, served: &[Option<String>]) -> UsesTypes {
    let named = |ty: &TypeRef| ty.contains(&TypeRef::is_model);
    let answers = |op: &crate::ir::Operation| {
        op.responses
            .iter()
            .flat_map(|response| &response.body)
            .any(|body| named(&body.ty))
    };
    let params = |op: &crate::ir::Operation| op.params.iter().any(|param| named(&param.ty));
    let client = ir.operations.iter().any(|op| {
        params(op)
            || op.body.iter().any(|body| {
                named(&body.ty) || body.parts.iter().any(|part| !part.file && named(&part.ty))
            })
            || answers(op)
    });
    // The server's `…Headers` structs and `…Form` structs name the types of their fields.
    let headers = |op: &crate::ir::Operation| {
        op.responses
            .iter()
            .flat_map(|response| &response.headers)
            .any(|header| named(&header.ty))
    };
    let server = ir
        .operations
        .iter()
        .zip(served)
        .filter(|(_, route)| route.is_some())
        .any(|(op, _)| {
            params(op)
                || op.body.iter().any(|body| {
                    if body.kind == BodyKind::Multipart && !body.parts.is_empty() {
                        body.parts.iter().any(|part| !part.file && named(&part.ty))
                    } else {
                        body.kind != BodyKind::Multipart && named(&body.ty)
                    }
                })
                || answers(op)
                || headers(op)
        });
    UsesTypes { client, server }
}

/// See [`Analysis::served`].
fn served_routes(ir: &Ir) -> Vec<Option<String>> {
    crate::ir::serving(&ir.operations)
        .into_iter()
        .map(|serving| match serving {
            crate::ir::Serving::At(route) => Some(route),
            _ => None,
        })
        .collect()
}

pub fn analyze(ir: &Ir, settings: &crate::Settings) -> Analysis {
    let eq_hash = no_floats(ir, settings.index_map);
    let mut analysis = Analysis {
        derives: ir.ids().map(|id| derives(ir, id, eq_hash[id.0])).collect(),
        ..Analysis::default()
    };
    place_boxes(ir, &mut analysis);
    box_large_variants(ir, &mut analysis);
    analysis.too_deep = depth::too_deep(ir, &|id, member| analysis.is_boxed(id, member));
    analysis.features = features(ir);
    analysis.served = served_routes(ir);
    analysis.names = names::names(ir, &analysis.served);
    analysis.routes = routes::routes(ir, &analysis.served, &analysis.names.server);
    if settings.server {
        analysis.validated = validation::validated(ir, &analysis.newtypes);
    }
    analysis.uses_types = uses_types(ir, &analysis.served);
    analysis.features.index_map = settings.index_map;
    analysis.features.request_context = settings.request_context;
    let reads_bodies = ir
        .operations
        .iter()
        .zip(&analysis.served)
        .any(|(op, route)| {
            route.is_some()
                && op
                    .body
                    .as_ref()
                    .is_some_and(|body| matches!(body.kind, BodyKind::Json | BodyKind::Form))
        });
    analysis.features.closed &= settings.server && reads_bodies;
    analysis.features.example_tests = settings.example_tests && !ir.examples.is_empty();
    analysis
}

fn derives(ir: &Ir, id: TypeId, eq_hash: bool) -> Derives {
    match &ir.get(id).kind {
        TypeKind::StringEnum(def) => Derives {
            copy: def.catch_all.is_none(),
            eq_hash: true,
            ord: true,
            default: DefaultImpl::None,
        },
        TypeKind::IntegerEnum(def) => Derives {
            copy: def.catch_all.is_none(),
            eq_hash: true,
            ord: true,
            default: DefaultImpl::None,
        },
        // A catch-all holds a `serde_json::Value`: `Eq` and `Hash`, not `Ord`.
        TypeKind::LiteralEnum(def) => Derives {
            copy: def.catch_all.is_none(),
            eq_hash: true,
            ord: def.catch_all.is_none(),
            default: DefaultImpl::None,
        },
        TypeKind::Struct(def) => {
            let spec_default =
                |field: &crate::ir::Field| field.presence() == crate::ir::Presence::Defaulted;
            let default = if !def.fields.iter().all(crate::ir::Field::can_default) {
                DefaultImpl::None
            } else if def.fields.iter().any(spec_default) {
                DefaultImpl::Manual
            } else {
                DefaultImpl::Derive
            };
            Derives {
                copy: false,
                eq_hash,
                ord: false,
                default,
            }
        }
        TypeKind::Union(_) | TypeKind::Alias(_) => Derives {
            copy: false,
            eq_hash,
            ord: false,
            default: DefaultImpl::None,
        },
    }
}

/// The named types in a type use, and whether the use holds them by value (not behind a
/// `Vec` or map, which already allocate).
fn named_in(ty: &TypeRef, by_value: bool, out: &mut Vec<(TypeId, bool)>) {
    match ty {
        TypeRef::Named(id) => out.push((*id, by_value)),
        TypeRef::Nullable(inner) => named_in(inner, by_value, out),
        TypeRef::List(inner) | TypeRef::Map(inner) => named_in(inner, false, out),
        TypeRef::Tuple(items) => items.iter().for_each(|item| named_in(item, by_value, out)),
        TypeRef::Scalar(_) | TypeRef::Any => {}
    }
}

/// Each type's members: (member index, its type use).
fn members(ir: &Ir, id: TypeId) -> Vec<(usize, &TypeRef)> {
    match &ir.get(id).kind {
        TypeKind::Struct(def) => {
            let mut members: Vec<(usize, &TypeRef)> =
                def.fields.iter().map(|f| &f.ty).enumerate().collect();
            if let Some(extra) = &def.additional {
                members.push((def.fields.len(), &extra.ty));
            }
            members
        }
        TypeKind::Union(def) => def.variants.iter().map(|v| &v.ty).enumerate().collect(),
        TypeKind::Alias(target) => vec![(0, target)],
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_) => Vec::new(),
    }
}

/// Whether a type use rules out `Eq` + `Hash`: a float, or an `IndexMap` (no `Hash`).
fn uses_float(ty: &TypeRef, index_map: bool) -> bool {
    match ty {
        TypeRef::Scalar(Scalar::F32 | Scalar::F64) => true,
        TypeRef::Map(_) if index_map => true,
        TypeRef::Nullable(inner) | TypeRef::List(inner) | TypeRef::Map(inner) => {
            uses_float(inner, index_map)
        }
        TypeRef::Tuple(items) => items.iter().any(|item| uses_float(item, index_map)),
        _ => false,
    }
}

/// Types that can derive `Eq` and `Hash`: no float (or `IndexMap`) inside, directly or
/// through other types (a fixpoint, so cycles are fine), by `TypeId`.
fn no_floats(ir: &Ir, index_map: bool) -> Vec<bool> {
    let mut ok = vec![true; ir.types.len()];
    loop {
        let mut changed = false;
        for id in ir.ids() {
            if !ok[id.0] {
                continue;
            }
            let flattened_index_map = index_map
                && matches!(&ir.get(id).kind, TypeKind::Struct(s) if s.additional.is_some());
            let fails = flattened_index_map
                || members(ir, id).into_iter().any(|(_, ty)| {
                    let mut named = Vec::new();
                    named_in(ty, true, &mut named);
                    uses_float(ty, index_map) || named.iter().any(|(target, _)| !ok[target.0])
                });
            if fails {
                ok[id.0] = false;
                changed = true;
            }
        }
        if !changed {
            return ok;
        }
    }
}

fn place_boxes(ir: &Ir, analysis: &mut Analysis) {
    let by_value = |id: TypeId| -> Vec<TypeId> {
        let mut out = Vec::new();
        for (_, ty) in members(ir, id) {
            let mut named = Vec::new();
            named_in(ty, true, &mut named);
            out.extend(named.into_iter().filter(|(_, v)| *v).map(|(t, _)| t));
        }
        out
    };
    let any_use = |id: TypeId| -> Vec<TypeId> {
        let mut out = Vec::new();
        for (_, ty) in members(ir, id) {
            let mut named = Vec::new();
            named_in(ty, true, &mut named);
            out.extend(named.into_iter().map(|(t, _)| t));
        }
        out
    };
    let value_scc = components(ir, &by_value);
    for id in ir.ids() {
        if matches!(ir.get(id).kind, TypeKind::Alias(_)) {
            continue;
        }
        for (index, ty) in members(ir, id) {
            let mut named = Vec::new();
            named_in(ty, true, &mut named);
            if named
                .iter()
                .any(|(target, v)| *v && value_scc[target.0] == value_scc[id.0])
            {
                analysis.boxed.insert((id, index));
            }
        }
    }
    // `type A = Vec<A>` cannot compile, but `type A = B` with `struct B { a: Vec<A> }` can:
    // only cycles made of aliases alone need a newtype.
    let is_alias = |id: TypeId| matches!(ir.get(id).kind, TypeKind::Alias(_));
    let alias_edges = |id: TypeId| -> Vec<TypeId> {
        if is_alias(id) {
            any_use(id).into_iter().filter(|t| is_alias(*t)).collect()
        } else {
            Vec::new()
        }
    };
    let alias_scc = components(ir, &alias_edges);
    for id in ir.ids() {
        if let TypeKind::Alias(target) = &ir.get(id).kind {
            let mut named = Vec::new();
            named_in(target, true, &mut named);
            let cyclic = named
                .iter()
                .any(|(t, _)| is_alias(*t) && alias_scc[t.0] == alias_scc[id.0]);
            if cyclic {
                analysis.newtypes.insert(id);
                if named
                    .iter()
                    .any(|(t, v)| *v && value_scc[t.0] == value_scc[id.0])
                {
                    analysis.boxed.insert((id, 0));
                }
            }
        }
    }
}

/// Strongly connected components (Tarjan), as a component number per type (indexed by
/// `TypeId`). Two types share a number exactly when each reaches the other; a type reaching
/// itself shares with itself, which callers detect by the edge itself.
fn components(ir: &Ir, edges: &dyn Fn(TypeId) -> Vec<TypeId>) -> Vec<usize> {
    // Type ids are dense indices, so the per-type state is kept in vectors.
    let count = ir.types.len();
    let mut index = 0;
    let mut indices: Vec<Option<usize>> = vec![None; count];
    let mut low = vec![0; count];
    let mut stack: Vec<TypeId> = Vec::new();
    let mut on_stack = vec![false; count];
    let mut component = vec![0; count];
    let mut next_component = 0;
    let adjacency: Vec<Vec<TypeId>> = ir.ids().map(edges).collect();
    // Iterative Tarjan: deep schema chains must not overflow the stack.
    for root in ir.ids() {
        if indices[root.0].is_some() {
            continue;
        }
        let mut work: Vec<(TypeId, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut next_edge)) = work.last_mut() {
            if *next_edge == 0 && indices[node.0].is_none() {
                indices[node.0] = Some(index);
                low[node.0] = index;
                index += 1;
                stack.push(node);
                on_stack[node.0] = true;
            }
            if let Some(&target) = adjacency[node.0].get(*next_edge) {
                *next_edge += 1;
                match indices[target.0] {
                    None => work.push((target, 0)),
                    Some(target_index) if on_stack[target.0] => {
                        low[node.0] = low[node.0].min(target_index);
                    }
                    Some(_) => {}
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent.0] = low[parent.0].min(low[node.0]);
            }
            if Some(low[node.0]) == indices[node.0] {
                while let Some(member) = stack.pop() {
                    on_stack[member.0] = false;
                    component[member.0] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Union variants estimated above this many bytes are boxed, so no variant is 200 bytes larger
/// than another (clippy's `large_enum_variant`) and a union stays cheap to move.
const LARGE_VARIANT_BYTES: usize = 128;

fn box_large_variants(ir: &Ir, analysis: &mut Analysis) {
    let mut sizes: BTreeMap<TypeId, usize> = BTreeMap::new();
    for id in ir.ids() {
        estimate_size(
            ir,
            &TypeRef::Named(id),
            analysis,
            &mut sizes,
            &mut Vec::new(),
        );
    }
    let mut large = Vec::new();
    for id in ir.ids() {
        let TypeKind::Union(def) = &ir.get(id).kind else {
            continue;
        };
        for (index, variant) in def.variants.iter().enumerate() {
            if analysis.is_boxed(id, index) {
                continue;
            }
            let size = estimate_size(ir, &variant.ty, analysis, &mut sizes, &mut Vec::new());
            if size > LARGE_VARIANT_BYTES {
                large.push((id, index));
            }
        }
    }
    analysis.boxed.extend(large);
    analysis.sizes = ir
        .ids()
        .map(|id| sizes.get(&id).copied().unwrap_or(0))
        .collect();
}

/// A rough, generous size of a type in bytes; only used to decide where to box.
fn estimate_size(
    ir: &Ir,
    ty: &TypeRef,
    analysis: &Analysis,
    known: &mut BTreeMap<TypeId, usize>,
    visiting: &mut Vec<TypeId>,
) -> usize {
    match ty {
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::F32 | Scalar::Date => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
            Scalar::DateTime => 12,
            Scalar::Uuid => 16,
            Scalar::String | Scalar::Binary | Scalar::Base64 => 24,
        },
        TypeRef::List(_) | TypeRef::Map(_) => 24,
        // serde_json::Value is 32 bytes, more with `preserve_order`.
        TypeRef::Any => 80,
        TypeRef::Nullable(inner) => estimate_size(ir, inner, analysis, known, visiting) + 8,
        TypeRef::Tuple(items) => items
            .iter()
            .map(|item| estimate_size(ir, item, analysis, known, visiting))
            .sum(),
        TypeRef::Named(id) => {
            if let Some(size) = known.get(id) {
                return *size;
            }
            if visiting.contains(id) {
                return 8;
            }
            visiting.push(*id);
            let mut member_size = |index: usize, ty: &TypeRef| {
                if analysis.is_boxed(*id, index) {
                    8
                } else {
                    estimate_size(ir, ty, analysis, known, visiting)
                }
            };
            let size = match &ir.get(*id).kind {
                TypeKind::Struct(def) => {
                    let mut total = if def.additional.is_some() { 24 } else { 0 };
                    for (index, field) in def.fields.iter().enumerate() {
                        let optional = !field.required || field.nullable;
                        total += member_size(index, &field.ty) + if optional { 8 } else { 0 };
                    }
                    total
                }
                TypeKind::StringEnum(def) => def.catch_all.as_ref().map_or(1, |_| 32),
                TypeKind::IntegerEnum(def) => def.catch_all.as_ref().map_or(1, |_| 16),
                TypeKind::LiteralEnum(def) => def.catch_all.as_ref().map_or(1, |_| 32),
                TypeKind::Union(def) => {
                    let mut largest = 0;
                    for (index, variant) in def.variants.iter().enumerate() {
                        largest = largest.max(member_size(index, &variant.ty));
                    }
                    8 + largest
                }
                TypeKind::Alias(target) => member_size(0, target),
            };
            visiting.pop();
            known.insert(*id, size);
            size
        }
    }
}

fn features(ir: &Ir) -> Features {
    let mut features = Features::default();
    let mut visit = |ty: &TypeRef| {
        let mut stack = vec![ty];
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Scalar(Scalar::Base64) => features.base64 = true,
                TypeRef::Scalar(Scalar::DateTime) => features.date_times = true,
                TypeRef::Map(inner) => {
                    features.maps = true;
                    stack.push(inner)
                }
                TypeRef::Nullable(inner) | TypeRef::List(inner) => stack.push(inner),
                TypeRef::Tuple(items) => stack.extend(items),
                _ => {}
            }
        }
    };
    for id in ir.ids() {
        for (_, ty) in members(ir, id) {
            visit(ty);
        }
    }
    for operation in &ir.operations {
        let params = operation.params.iter().map(|p| &p.ty);
        let bodies = operation.body.iter().map(|b| &b.ty);
        let answers = operation
            .responses
            .iter()
            .filter_map(|r| r.body.as_ref())
            .map(|b| &b.ty);
        let headers = operation
            .responses
            .iter()
            .flat_map(|r| &r.headers)
            .map(|h| &h.ty);
        let parts = operation.body.iter().flat_map(|b| &b.parts).map(|p| &p.ty);
        params
            .chain(bodies)
            .chain(answers)
            .chain(headers)
            .chain(parts)
            .for_each(&mut visit);
    }
    let structs = ir.types.iter().filter_map(|def| match &def.kind {
        TypeKind::Struct(def) => Some(def),
        _ => None,
    });
    for def in structs {
        features.maps |= def.additional.is_some();
        features.closed |= def.closed;
        features.nullable |= def
            .fields
            .iter()
            .any(|field| field.presence() == crate::ir::Presence::OptionalNullable);
    }
    features
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{ApiInfo, DefaultValue, Field, Struct, TypeDef};

    fn field(name: &str, ty: TypeRef, required: bool) -> Field {
        Field {
            name: name.into(),
            wire_name: name.into(),
            pointer: String::new(),
            docs: None,
            ty,
            required,
            nullable: false,
            default: None,
            deprecated: false,
            constraints: Default::default(),
        }
    }

    fn ir(types: Vec<(&str, TypeKind)>) -> Ir {
        Ir {
            api: ApiInfo {
                title: "t".into(),
                summary: None,
                version: "1".into(),
                description: None,
                license: None,
            },
            types: types
                .into_iter()
                .map(|(name, kind)| TypeDef {
                    name: name.into(),
                    wire_name: name.into(),
                    pointer: String::new(),
                    docs: None,
                    kind,
                })
                .collect(),
            operations: Vec::new(),
            webhooks: Vec::new(),
            examples: Vec::new(),
            security_schemes: Vec::new(),
            mutual_tls: Vec::new(),
            servers: Vec::new(),
        }
    }

    fn record(fields: Vec<Field>) -> TypeKind {
        TypeKind::Struct(Struct {
            fields,
            additional: None,
            closed: false,
            dependent_required: Vec::new(),
            min_properties: None,
            max_properties: None,
            conditionals: Vec::new(),
        })
    }

    #[test]
    fn boxes_by_value_cycles_only() {
        let named = |n| TypeRef::Named(TypeId(n));
        let ir = ir(vec![
            (
                "Node",
                record(vec![
                    field("parent", named(0), false),
                    field("children", TypeRef::List(Box::new(named(0))), false),
                    field("other", named(1), false),
                ]),
            ),
            (
                "Other",
                record(vec![field(
                    "back",
                    TypeRef::Nullable(Box::new(named(0))),
                    false,
                )]),
            ),
            ("Leaf", record(vec![field("node", named(0), true)])),
        ]);
        let analysis = analyze(&ir, &Default::default());
        assert!(analysis.is_boxed(TypeId(0), 0), "self reference by value");
        assert!(!analysis.is_boxed(TypeId(0), 1), "a Vec already allocates");
        assert!(analysis.is_boxed(TypeId(0), 2), "mutual recursion");
        assert!(analysis.is_boxed(TypeId(1), 0), "mutual recursion");
        assert!(!analysis.is_boxed(TypeId(2), 0), "no cycle through Leaf");
    }

    #[test]
    fn recursive_aliases_become_newtypes() {
        let ir = ir(vec![
            (
                "Forest",
                TypeKind::Alias(TypeRef::List(Box::new(TypeRef::Named(TypeId(0))))),
            ),
            (
                "Names",
                TypeKind::Alias(TypeRef::List(Box::new(TypeRef::Scalar(Scalar::String)))),
            ),
        ]);
        let analysis = analyze(&ir, &Default::default());
        assert!(analysis.newtypes.contains(&TypeId(0)));
        assert!(!analysis.newtypes.contains(&TypeId(1)));
        // An alias to a struct that holds a list of the alias compiles as a plain alias.
        let ir = self::ir(vec![
            ("A", TypeKind::Alias(TypeRef::Named(TypeId(1)))),
            (
                "B",
                record(vec![field(
                    "items",
                    TypeRef::List(Box::new(TypeRef::Named(TypeId(0)))),
                    false,
                )]),
            ),
        ]);
        assert!(analyze(&ir, &Default::default()).newtypes.is_empty());
    }

    #[test]
    fn large_union_variants_are_boxed() {
        let strings = (0..10)
            .map(|n| field(&format!("f{n}"), TypeRef::Scalar(Scalar::String), true))
            .collect();
        let variant = |name: &str, ty| crate::ir::UnionVariant {
            name: name.into(),
            pointer: String::new(),
            ty,
            tag_values: vec![],
            constraints: Default::default(),
        };
        let ir = ir(vec![
            ("Big", record(strings)),
            (
                "Either",
                TypeKind::Union(crate::ir::Union {
                    variants: vec![
                        variant("Big", TypeRef::Named(TypeId(0))),
                        variant("Text", TypeRef::Scalar(Scalar::String)),
                    ],
                    tag: None,
                }),
            ),
        ]);
        let analysis = analyze(&ir, &Default::default());
        assert!(analysis.is_boxed(TypeId(1), 0));
        assert!(!analysis.is_boxed(TypeId(1), 1));
    }

    #[test]
    fn floats_anywhere_inside_rule_out_eq_and_hash() {
        let ir = ir(vec![
            (
                "Price",
                record(vec![field("amount", TypeRef::Scalar(Scalar::F64), true)]),
            ),
            (
                "Order",
                record(vec![field(
                    "prices",
                    TypeRef::List(Box::new(TypeRef::Named(TypeId(0)))),
                    true,
                )]),
            ),
            (
                "Tag",
                record(vec![field("name", TypeRef::Scalar(Scalar::String), false)]),
            ),
        ]);
        let analysis = analyze(&ir, &Default::default());
        assert!(!analysis.derives(TypeId(0)).eq_hash);
        assert!(!analysis.derives(TypeId(1)).eq_hash);
        assert!(analysis.derives(TypeId(2)).eq_hash);
        assert_eq!(analysis.derives(TypeId(1)).default, DefaultImpl::None);
        assert_eq!(analysis.derives(TypeId(2)).default, DefaultImpl::Derive);
    }

    #[test]
    fn spec_defaults_need_a_manual_default_impl() {
        let mut with_default = field("n", TypeRef::Scalar(Scalar::I64), false);
        with_default.default = Some(DefaultValue::Integer(3));
        let ir = ir(vec![("Config", record(vec![with_default]))]);
        let analysis = analyze(&ir, &Default::default());
        assert_eq!(analysis.derives(TypeId(0)).default, DefaultImpl::Manual);
        let mut null_default = field("n", TypeRef::Scalar(Scalar::I64), false);
        null_default.default = Some(DefaultValue::Null);
        let ir = self::ir(vec![("Config", record(vec![null_default]))]);
        assert_eq!(
            analyze(&ir, &Default::default()).derives(TypeId(0)).default,
            DefaultImpl::Derive
        );
    }

    #[test]
    fn holders_of_validated_structs_are_validated_through_lists_and_tuples() {
        let bounded = |ty| Field {
            constraints: crate::ir::Constraints {
                max_length: Some(3),
                ..Default::default()
            },
            ..field("f", ty, true)
        };
        let named = |id| TypeRef::Named(TypeId(id));
        let holding = |ty| record(vec![field("f", ty, true)]);
        // A checks a field; B holds A in a list; C holds B in a tuple; D holds C in a map;
        // E's constraint has nothing to measure.
        let ir = ir(vec![
            ("A", record(vec![bounded(TypeRef::Scalar(Scalar::String))])),
            ("B", holding(TypeRef::List(Box::new(named(0))))),
            ("C", holding(TypeRef::Tuple(vec![named(1)]))),
            ("D", holding(TypeRef::Map(Box::new(named(2))))),
            ("E", record(vec![bounded(TypeRef::Scalar(Scalar::Bool))])),
        ]);
        let ids: Vec<usize> = validation::validated(&ir, &BTreeSet::new())
            .into_iter()
            .map(|id| id.0)
            .collect();
        assert_eq!(ids, vec![0, 1, 2, 3]);
    }
}
