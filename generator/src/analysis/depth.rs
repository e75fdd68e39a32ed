//! How deeply the generated types nest, as rustc counts when it checks them.
//!
//! rustc proves auto traits (`Unpin`, `Send`) and drop-checks a type by walking into its
//! fields, one obligation per step, and gives up at its `recursion_limit` (128 unless a crate
//! says otherwise): a release build of `Vec<Vec<...>>` 48 levels deep, or of 32 structs each
//! holding the next in an `Option<Vec<_>>`, fails with "overflow evaluating the requirement".
//! Both are within the nesting limits (through `$ref`s a chain has no length limit at all), so
//! the depth is measured here and, past what rustc's default checks, the generator says which
//! `recursion_limit` the code needs (and writes it itself in a `--crate`).

use crate::ir::{Ir, Operation, Scalar, TypeId, TypeKind, TypeRef};

/// The deepest nesting measured to build at rustc's default limit (see `tests/deep_specs.rs`
/// and BENCHMARKS.md, "Nesting and rustc"): 40 nested `Vec`s (120) and 24 linked structs
/// (117) build in release; 48 `Vec`s (144) and 32 structs (157) do not.
pub const DEFAULT_LIMIT_HOLDS: usize = 120;

/// The deepest type, when it is deeper than rustc's default checks: where it is, its depth,
/// and the `recursion_limit` the code needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub at: Deepest,
    pub depth: usize,
    pub recursion_limit: usize,
}

/// Where the deepest type is: a named type, or a type an operation spells inline (a
/// parameter's, a body's, a response's: `Vec<Vec<...>>` needs no name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deepest {
    Type(TypeId),
    /// An index into [`Ir::operations`].
    Operation(usize),
}

/// The depth of every named type (cycles count once: rustc proves them coinductively), and
/// the deepest one when it is too deep. The walk keeps its own stack: a chain of `$ref`s may
/// be as long as the spec.
pub fn too_deep(ir: &Ir, boxed: &dyn Fn(TypeId, usize) -> bool) -> Option<TooDeep> {
    let count = ir.types.len();
    let mut depth: Vec<Option<usize>> = vec![None; count];
    let mut entered = vec![false; count];
    for root in ir.ids() {
        let mut stack = vec![(root, false)];
        while let Some((id, children_done)) = stack.pop() {
            if children_done {
                depth[id.0] = Some(own_depth(ir, id, &depth, boxed));
                continue;
            }
            if entered[id.0] {
                continue;
            }
            entered[id.0] = true;
            stack.push((id, true));
            for (_, ty) in super::members(ir, id) {
                each_named(ty, &mut |target| {
                    if !entered[target.0] {
                        stack.push((target, false));
                    }
                });
            }
        }
    }
    let types = depth
        .iter()
        .enumerate()
        .map(|(index, depth)| (Deepest::Type(TypeId(index)), depth.unwrap_or(0)));
    let operations = ir.operations.iter().enumerate().map(|(index, operation)| {
        // What holds them (a response enum, a `Result`) is already in the measured limit: the
        // specs measured return their deep types from an operation.
        let deepest = operation_types(operation)
            .map(|ty| uses(ty, &depth))
            .max()
            .unwrap_or(0);
        (Deepest::Operation(index), deepest)
    });
    // The first of the deepest: types before operations, each in order.
    let (at, deepest) = types
        .chain(operations)
        .enumerate()
        .max_by_key(|&(order, (_, depth))| (depth, std::cmp::Reverse(order)))
        .map(|(_, deepest)| deepest)?;
    (deepest > DEFAULT_LIMIT_HOLDS).then(|| TooDeep {
        at,
        depth: deepest,
        // Room above the type itself for what holds it (a `Result`, a future, a deserializer).
        recursion_limit: (deepest + 32).next_power_of_two().max(256),
    })
}

/// Every type an operation uses directly.
fn operation_types(operation: &Operation) -> impl Iterator<Item = &TypeRef> {
    let params = operation.params.iter().map(|param| &param.ty);
    let body = operation
        .body
        .iter()
        .flat_map(|body| std::iter::once(&body.ty).chain(body.parts.iter().map(|part| &part.ty)));
    let responses = operation
        .responses
        .iter()
        .filter_map(|response| response.body.as_ref().map(|body| &body.ty));
    params.chain(body).chain(responses)
}

fn own_depth(
    ir: &Ir,
    id: TypeId,
    depth: &[Option<usize>],
    boxed: &dyn Fn(TypeId, usize) -> bool,
) -> usize {
    let box_step = |member: usize| usize::from(boxed(id, member));
    match &ir.get(id).kind {
        TypeKind::Struct(def) => {
            let fields = def.fields.iter().enumerate().map(|(index, field)| {
                let optional = usize::from(!field.required || field.nullable);
                optional + box_step(index) + uses(&field.ty, depth)
            });
            let additional = def
                .additional
                .iter()
                .map(|extra| MAP + uses(&extra.ty, depth));
            1 + fields.chain(additional).max().unwrap_or(0)
        }
        TypeKind::Union(def) => {
            let variants = def
                .variants
                .iter()
                .enumerate()
                .map(|(index, variant)| box_step(index) + uses(&variant.ty, depth));
            1 + variants.max().unwrap_or(0)
        }
        // An alias is transparent; one in a cycle is a newtype, which is `Vec`-deep anyway.
        TypeKind::Alias(target) => uses(target, depth),
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_) => 1,
    }
}

/// `Vec<T>` is three steps to `T` (`RawVec`, `PhantomData`); a map is counted the same.
const VEC: usize = 3;
const MAP: usize = 3;

/// The depth of a type use; a named type not measured yet is in a cycle and counts nothing.
fn uses(ty: &TypeRef, depth: &[Option<usize>]) -> usize {
    match ty {
        TypeRef::Named(id) => depth[id.0].unwrap_or(0),
        TypeRef::Scalar(Scalar::DateTime) => 1,
        TypeRef::Scalar(_) => 0,
        TypeRef::List(item) => VEC + uses(item, depth),
        TypeRef::Map(value) => MAP + uses(value, depth),
        TypeRef::Nullable(inner) => 1 + uses(inner, depth),
        TypeRef::Tuple(items) => {
            1 + items
                .iter()
                .map(|item| uses(item, depth))
                .max()
                .unwrap_or(0)
        }
        TypeRef::Any => 1,
    }
}

fn each_named(ty: &TypeRef, found: &mut dyn FnMut(TypeId)) {
    match ty {
        TypeRef::Named(id) => found(*id),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            each_named(inner, found)
        }
        TypeRef::Tuple(items) => items.iter().for_each(|item| each_named(item, found)),
        TypeRef::Scalar(_) | TypeRef::Any => {}
    }
}
