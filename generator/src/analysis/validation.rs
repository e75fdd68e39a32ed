//! Which structs and unions the server validates beyond their types: structs with a checkable
//! constraint on a field, and the structs and unions that hold one of them (directly, or in a
//! list, a map, an option or a tuple).

use std::collections::BTreeSet;

use crate::ir::{Ir, Scalar, TypeId, TypeKind, TypeRef, Union};

/// What a value's type allows checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    Number,
    Text,
    List,
    /// A map, whose keys may be checked.
    Map,
    Nothing,
}

/// What the validation keywords on a value of `ty` can measure. An alias emitted as a newtype
/// (`newtypes`, to break a cycle) wraps its value: nothing to measure on it directly.
pub fn measured(ir: &Ir, newtypes: &BTreeSet<TypeId>, ty: &TypeRef) -> Measured {
    match ty {
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::String | Scalar::Binary => Measured::Text,
            Scalar::Bool | Scalar::DateTime | Scalar::Date | Scalar::Uuid | Scalar::Base64 => {
                Measured::Nothing
            }
            _ => Measured::Number,
        },
        TypeRef::List(_) => Measured::List,
        TypeRef::Named(id) if newtypes.contains(id) => Measured::Nothing,
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Alias(target) => measured(ir, newtypes, target),
            _ => Measured::Nothing,
        },
        TypeRef::Map(_) => Measured::Map,
        TypeRef::Nullable(_) | TypeRef::Tuple(_) | TypeRef::Any => Measured::Nothing,
    }
}

/// The validated types: the structs with a field to check, then, walking back along "is held
/// by", each struct or union that holds a validated one. Every edge is walked once.
pub(super) fn validated(ir: &Ir, newtypes: &BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let mut holders: Vec<Vec<TypeId>> = vec![Vec::new(); ir.types.len()];
    let mut validated = BTreeSet::new();
    let mut queue = Vec::new();
    for id in ir.ids() {
        let def = match &ir.get(id).kind {
            TypeKind::Struct(def) => def,
            // A union checks the member it holds.
            TypeKind::Union(union) => {
                let mut held = Vec::new();
                for variant in &union.variants {
                    held_types(&variant.ty, &mut held);
                }
                for held in held {
                    holders[held.0].push(id);
                }
                let checks = (0..union.variants.len())
                    .any(|index| checked_variant(ir, newtypes, union, index));
                if checks && validated.insert(id) {
                    queue.push(id);
                }
                continue;
            }
            _ => continue,
        };
        let mut held = Vec::new();
        for field in &def.fields {
            held_types(&field.ty, &mut held);
        }
        if let Some(additional) = &def.additional {
            held_types(&additional.ty, &mut held);
        }
        for held in held {
            holders[held.0].push(id);
        }
        let checks = !def.dependent_required.is_empty()
            || def.min_properties.is_some()
            || !def.conditionals.is_empty()
            || def.max_properties.is_some()
            || def.fields.iter().any(|field| {
                !field.constraints.is_empty()
                    && measured(ir, newtypes, &field.ty) != Measured::Nothing
            })
            || def.additional.as_ref().is_some_and(|additional| {
                !additional.constraints.is_empty()
                    && measured(ir, newtypes, unwrap_nullable(&additional.ty)) != Measured::Nothing
            });
        if checks && validated.insert(id) {
            queue.push(id);
        }
    }
    while let Some(id) = queue.pop() {
        for &holder in &holders[id.0] {
            if validated.insert(holder) {
                queue.push(holder);
            }
        }
    }
    validated
}

/// Whether the server checks the validation keywords of a union's member at `index`: it has
/// some the member's values can be measured by, and no other member accepts JSON of the same
/// kind. Reading takes the first member whose type fits; where another could hold the same
/// JSON (`integer` and `number`, a string and a string enum, anything and `{}`), a value
/// failing this member's keywords may be valid as that one's, and refusing it would refuse a
/// valid request.
pub fn checked_variant(ir: &Ir, newtypes: &BTreeSet<TypeId>, union: &Union, index: usize) -> bool {
    let variant = &union.variants[index];
    if variant.constraints.is_empty()
        || measured(ir, newtypes, unwrap_nullable(&variant.ty)) == Measured::Nothing
    {
        return false;
    }
    let own = json_kinds(ir, unwrap_nullable(&variant.ty), 0);
    union
        .variants
        .iter()
        .enumerate()
        .all(|(other, member)| other == index || json_kinds(ir, &member.ty, 0) & own == 0)
}

/// The kinds of JSON a value of `ty` may be read from, as bits: string, number, boolean,
/// array, object, null. A type that may hold anything has them all.
fn json_kinds(ir: &Ir, ty: &TypeRef, depth: usize) -> u8 {
    const STRING: u8 = 1;
    const NUMBER: u8 = 2;
    const BOOLEAN: u8 = 4;
    const ARRAY: u8 = 8;
    const OBJECT: u8 = 16;
    const NULL: u8 = 32;
    const ALL: u8 = 63;
    match ty {
        TypeRef::Scalar(Scalar::Bool) => BOOLEAN,
        TypeRef::Scalar(
            Scalar::String
            | Scalar::Binary
            | Scalar::Base64
            | Scalar::DateTime
            | Scalar::Date
            | Scalar::Uuid,
        ) => STRING,
        TypeRef::Scalar(_) => NUMBER,
        TypeRef::List(_) | TypeRef::Tuple(_) => ARRAY,
        TypeRef::Map(_) => OBJECT,
        TypeRef::Any => ALL,
        TypeRef::Nullable(inner) => NULL | json_kinds(ir, inner, depth),
        // Deep enough: what is this far down is taken to hold anything.
        TypeRef::Named(_) if depth > 16 => ALL,
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Struct(_) => OBJECT,
            TypeKind::StringEnum(_) => STRING,
            TypeKind::IntegerEnum(_) => NUMBER,
            TypeKind::Alias(target) => json_kinds(ir, target, depth + 1),
            TypeKind::Union(union) => union.variants.iter().fold(0, |kinds, variant| {
                kinds | json_kinds(ir, &variant.ty, depth + 1)
            }),
            TypeKind::LiteralEnum(_) => ALL,
        },
    }
}

/// `ty` without its nullability.
pub fn unwrap_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => inner,
        ty => ty,
    }
}

/// Whether a value of `ty` holds a validated struct where the server's checks reach it.
pub fn holds_validated(ty: &TypeRef, validated: &BTreeSet<TypeId>) -> bool {
    match ty {
        TypeRef::Named(id) => validated.contains(id),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            holds_validated(inner, validated)
        }
        TypeRef::Tuple(items) => items.iter().any(|item| holds_validated(item, validated)),
        _ => false,
    }
}

/// The named types `holds_validated` looks through to.
fn held_types(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            held_types(inner, out)
        }
        TypeRef::Tuple(items) => items.iter().for_each(|item| held_types(item, out)),
        _ => {}
    }
}
