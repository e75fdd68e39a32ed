//! A `discriminator` on a schema that others extend with `allOf` (`Dog: {allOf: [$ref: Pet,
//! {...}]}`), the inheritance style of Java and .NET tools: wherever the base is used, the
//! value is one of its subtypes, chosen by the tag. The base's type becomes a tagged union of
//! the subtypes, which still merge the base's properties into their own structs.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::{Hint, Resolver, Shape};
use crate::diagnostic::{Diagnostic, pointer_join};
use crate::ir::{TypeId, TypeKind, TypeRef, UnionVariant};
use crate::naming::{self, NameSet};

/// Component pointer -> the components whose `allOf` names it with a `$ref`, in key order.
pub(super) type Subtypes = BTreeMap<String, Vec<String>>;

/// The `allOf` `$ref`s of every component schema, turned around.
pub(super) fn subtypes<'s>(
    schemas: impl Iterator<Item = (&'s String, &'s ReferenceOr<Schema>)>,
) -> Subtypes {
    let mut subtypes = Subtypes::new();
    for (key, schema) in schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let members = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => continue,
        };
        let child = pointer_join(super::COMPONENT_SCHEMAS, key);
        for member in members {
            if let ReferenceOr::Reference { reference } = member {
                let children = subtypes.entry(reference.clone()).or_default();
                if !children.contains(&child) {
                    children.push(child.clone());
                }
            }
        }
    }
    subtypes
}

/// Whether a schema's own kind already says it is one of several (`oneOf` / `anyOf`), where
/// the discriminator applies to those members instead.
fn is_union(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => !any.one_of.is_empty() || !any.any_of.is_empty(),
        _ => false,
    }
}

impl Resolver<'_> {
    /// The tagged union of a base schema's subtypes, when `schema` (the component at `hint`)
    /// has a discriminator and other components extend it; `None` leaves it a struct.
    pub(super) fn inheritance(
        &mut self,
        schema: &Schema,
        hint: &Hint,
        id: TypeId,
    ) -> Option<Result<Shape, Diagnostic>> {
        let discriminator = schema.schema_data.discriminator.as_ref()?;
        if is_union(schema) {
            return None;
        }
        let mut members = self.descendants(&hint.pointer);
        // A mapping may name a subtype that does not extend the base: the spec says that
        // value selects it.
        for target in discriminator.mapping.values() {
            let pointer = if target.starts_with('#') {
                target.clone()
            } else {
                pointer_join(super::COMPONENT_SCHEMAS, target)
            };
            if pointer == hint.pointer {
                self.warn(
                    pointer_join(&pointer_join(&hint.pointer, "discriminator"), "mapping"),
                    "the mapping names the base schema itself, whose type is the union of its subtypes; a value with that tag is read as its `Other` variant, the base's own properties",
                );
            } else if self.components.contains_key(&pointer) && !members.contains(&pointer) {
                members.push(pointer);
            }
        }
        if members.is_empty() {
            return None;
        }
        let references: Vec<(ReferenceOr<Schema>, String)> = members
            .into_iter()
            .map(|reference| {
                let place = reference.clone();
                (ReferenceOr::Reference { reference }, place)
            })
            .collect();
        let members: Vec<(&ReferenceOr<Schema>, String)> = references
            .iter()
            .map(|(member, place)| (member, place.clone()))
            .collect();
        let mut data = schema.schema_data.clone();
        let note = format!(
            "One of the schemas that extend `{}` with `allOf`, chosen by `{}`.",
            hint.name, discriminator.property_name
        );
        data.description = Some(match data.description.take() {
            Some(description) => format!("{description}\n\n{note}"),
            None => note,
        });
        let union = match self.union_of(&members, &data, hint, Some(id)) {
            Ok(union) => union,
            Err(problem) => return Some(Err(problem)),
        };
        Some(self.base_fallback(schema, hint, id).map(|()| union))
    }

    /// The variant that reads a value whose tag names no subtype, as the base's own
    /// properties (`Other(PetBase)`): the base is a type of its own too, and a newer API may
    /// add subtypes this spec does not list.
    fn base_fallback(
        &mut self,
        schema: &Schema,
        hint: &Hint,
        id: TypeId,
    ) -> Result<(), Diagnostic> {
        let base_hint = Hint {
            name: format!("{}Base", hint.name),
            pointer: hint.pointer.clone(),
        };
        let mut own = schema.clone();
        own.schema_data.discriminator = None;
        own.schema_data.description = Some(format!(
            "The properties of `{}` itself, for a value whose tag names none of its subtypes.",
            hint.name
        ));
        let shape = self.convert(&own, &base_hint, None)?;
        if let TypeRef::Named(base) = shape.ty {
            self.distinct.push(base);
        }
        let TypeKind::Union(union) = &mut self.slots[id.0].kind else {
            return Ok(());
        };
        let mut names = NameSet::new();
        for variant in &union.variants {
            names.claim(variant.name.clone());
        }
        union.variants.push(UnionVariant {
            name: names.claim(naming::CATCH_ALL_VARIANT.to_owned()),
            pointer: hint.pointer.clone(),
            ty: shape.ty,
            tag_values: Vec::new(),
            constraints: Default::default(),
        });
        Ok(())
    }

    /// Every component that extends `base`, directly or through another subtype, in the order
    /// of their pointers; `base` itself never.
    fn descendants(&mut self, base: &str) -> Vec<String> {
        let subtypes = self.subtypes.get_or_insert_with(|| {
            let schemas = self
                .normalized
                .openapi
                .components
                .iter()
                .flat_map(|components| components.schemas.iter());
            subtypes(schemas)
        });
        let mut found = BTreeSet::new();
        let mut next = vec![base.to_owned()];
        while let Some(parent) = next.pop() {
            for child in subtypes.get(&parent).into_iter().flatten() {
                if child != base && found.insert(child.clone()) {
                    next.push(child.clone());
                }
            }
        }
        found.into_iter().collect()
    }
}
