//! `oneOf` / `anyOf` -> tagged or untagged unions.

use openapiv3::{ReferenceOr, Schema, SchemaData, SchemaKind, Type};

use super::schema::{docs, nullable_ref, reference_name};
use super::{Hint, Resolver, Shape};
use crate::diagnostic::{Diagnostic, pointer_join};
use crate::ir::{Scalar, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{self, NameSet};

impl Resolver<'_> {
    pub(super) fn union(
        &mut self,
        members: &[ReferenceOr<Schema>],
        keyword: &str,
        data: &SchemaData,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        let members_pointer = pointer_join(&hint.pointer, keyword);
        match members {
            [] => return Ok(Shape::of(TypeRef::Any)),
            [only] => {
                let hint = Hint {
                    name: hint.name.clone(),
                    pointer: pointer_join(&members_pointer, "0"),
                };
                return self.shape_with(only, &hint, reserved);
            }
            _ => {}
        }
        let members: Vec<(&ReferenceOr<Schema>, String)> = members
            .iter()
            .enumerate()
            .map(|(index, member)| (member, pointer_join(&members_pointer, &index.to_string())))
            .collect();
        self.union_of(&members, data, hint, reserved)
    }

    /// A union of `members`, each with the place its warnings point at.
    pub(super) fn union_of(
        &mut self,
        members: &[(&ReferenceOr<Schema>, String)],
        data: &SchemaData,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        let id = self.new_type(hint, data, reserved);
        self.remember_inline(hint, reserved, id);
        let union_name = self.reserved_name(id).to_owned();
        let tag = data.discriminator.as_ref();
        let mut names = NameSet::new();
        let mut variants = Vec::with_capacity(members.len());
        let mut taken_tags: Vec<String> = Vec::new();
        let mut untaggable = None;
        for (index, (member, pointer)) in members.iter().enumerate() {
            let (member, pointer) = (*member, pointer.clone());
            let declared = self.declared_tag_value(member);
            let mut tag_values = tag
                .map(|tag| tag_values(tag, member, declared))
                .unwrap_or_default();
            let before = tag_values.len();
            tag_values.retain(|value| !taken_tags.contains(value));
            if tag_values.len() < before {
                self.warn(
                    pointer.clone(),
                    "a discriminator value here already selects an earlier member; the earlier one keeps it",
                );
            }
            taken_tags.extend(tag_values.iter().cloned());
            if tag.is_some() && tag_values.is_empty() && untaggable.is_none() {
                untaggable = Some(pointer.clone());
            }
            let (variant_name, type_name) = match member {
                ReferenceOr::Reference { reference } => {
                    let name = self
                        .components
                        .get(reference.as_str())
                        .map(|(target, _)| self.reserved_name(*target).to_owned())
                        .unwrap_or_else(|| reference_name(reference));
                    (name.clone(), name)
                }
                ReferenceOr::Item(schema) => {
                    let label = inline_label(schema, tag_values.first(), index);
                    (naming::variant_name(&label), naming::type_name(&label))
                }
            };
            let member_hint = Hint {
                name: format!("{union_name}{type_name}"),
                pointer: pointer.clone(),
            };
            let shape = self.shape(member, &member_hint)?;
            let constraints = self.member_constraints(member, &pointer, 0);
            variants.push(UnionVariant {
                name: names.claim(variant_name),
                pointer,
                ty: nullable_ref(shape),
                tag_values,
                constraints,
            });
        }
        let mut tag = tag.map(|tag| tag.property_name.clone());
        if let (Some(property), Some(pointer)) = (&tag, untaggable) {
            self.warn(
                pointer,
                format!("no `{property}` value selects this member; the union is decoded untagged (first match wins)"),
            );
            tag = None;
        }
        let kind = TypeKind::Union(Union { variants, tag });
        self.fill(id, &hint.name, &hint.pointer, docs(data, &hint.name), kind);
        Ok(Shape::of(TypeRef::Named(id)))
    }

    /// The discriminator value a referenced member's schema gives itself with
    /// `x-ms-discriminator-value` (Azure's specs, and converters from them, write the value
    /// there rather than in a mapping).
    fn declared_tag_value(&self, member: &ReferenceOr<Schema>) -> Option<String> {
        let ReferenceOr::Reference { reference } = member else {
            return None;
        };
        let key = reference.strip_prefix("#/components/schemas/")?;
        let key = key.replace("~1", "/").replace("~0", "~");
        let components = self.normalized.openapi.components.as_ref()?;
        let ReferenceOr::Item(schema) = components.schemas.get(&key)? else {
            return None;
        };
        let value = schema
            .schema_data
            .extensions
            .get("x-ms-discriminator-value")?;
        value.as_str().map(str::to_owned)
    }

    /// Leaves out of each union the members that are the union itself, through aliases (an
    /// inheritance union's subtype that adds nothing, `Cat: {allOf: [$ref: Pet]}`, is an alias
    /// of `Pet`): reading one would read the union again, forever. A tag of one then reads as
    /// the union's fallback, if it has one. Run once every type is known.
    pub(super) fn drop_self_members(&mut self) {
        for index in 0..self.slots.len() {
            let TypeKind::Union(union) = &self.slots[index].kind else {
                continue;
            };
            let me = TypeId(index);
            let (kept, dropped): (Vec<UnionVariant>, Vec<UnionVariant>) = union
                .variants
                .iter()
                .cloned()
                .partition(|variant| !self.is_alias_of(&variant.ty, me, 0));
            if dropped.is_empty() {
                continue;
            }
            for variant in &dropped {
                self.warn(
                    variant.pointer.clone(),
                    "this member is the union itself (it adds nothing to it); it is left out, and a value it would select reads as the union's other members do",
                );
            }
            self.slots[index].kind = if kept.is_empty() {
                TypeKind::Alias(TypeRef::Any)
            } else {
                let TypeKind::Union(union) = &self.slots[index].kind else {
                    continue;
                };
                TypeKind::Union(Union {
                    variants: kept,
                    tag: union.tag.clone(),
                })
            };
        }
    }

    /// A member that is itself a union on the same tag property (a `oneOf` that lists an
    /// inheritance base, a subtype with subtypes of its own) is selected by its members' tags
    /// too, those no other member of the outer union claims: reading `{"petType": "Dog"}` as
    /// `AnyPet` reaches `AnyPet::Pet(Pet::Dog(..))`. Run once every type is known.
    pub(super) fn spread_nested_tags(&mut self) {
        for index in 0..self.slots.len() {
            let TypeKind::Union(union) = &self.slots[index].kind else {
                continue;
            };
            let Some(tag) = union.tag.clone() else {
                continue;
            };
            let mut taken: Vec<String> = union
                .variants
                .iter()
                .flat_map(|variant| variant.tag_values.iter().cloned())
                .collect();
            let mut added: Vec<(usize, Vec<String>)> = Vec::new();
            for (position, variant) in union.variants.iter().enumerate() {
                let mut inner = Vec::new();
                self.nested_tags(&variant.ty, &tag, TypeId(index), 0, &mut inner);
                inner.retain(|value| !taken.contains(value));
                inner.dedup();
                if !inner.is_empty() {
                    taken.extend(inner.iter().cloned());
                    added.push((position, inner));
                }
            }
            if let TypeKind::Union(union) = &mut self.slots[index].kind {
                for (position, tags) in added {
                    union.variants[position].tag_values.extend(tags);
                }
            }
        }
    }

    /// The tag values of the members of the union `ty` is (through aliases), and of theirs,
    /// when it is tagged by `tag`; `outer` is never entered again.
    fn nested_tags(
        &self,
        ty: &TypeRef,
        tag: &str,
        outer: TypeId,
        depth: usize,
        out: &mut Vec<String>,
    ) {
        if depth >= 16 {
            return;
        }
        let id = match ty {
            TypeRef::Named(id) if *id != outer => *id,
            TypeRef::Nullable(inner) => return self.nested_tags(inner, tag, outer, depth, out),
            _ => return,
        };
        match &self.slots[id.0].kind {
            TypeKind::Alias(target) => self.nested_tags(target, tag, outer, depth + 1, out),
            TypeKind::Union(union) if union.tag.as_deref() == Some(tag) => {
                for variant in &union.variants {
                    out.extend(variant.tag_values.iter().cloned());
                    self.nested_tags(&variant.ty, tag, outer, depth + 1, out);
                }
            }
            _ => {}
        }
    }

    /// Whether `ty` is `target` or an alias of it.
    fn is_alias_of(&self, ty: &TypeRef, target: TypeId, depth: usize) -> bool {
        match ty {
            TypeRef::Named(id) if *id == target => true,
            TypeRef::Named(id) if depth < 64 => match &self.slots[id.0].kind {
                TypeKind::Alias(inner) => self.is_alias_of(inner, target, depth + 1),
                _ => false,
            },
            TypeRef::Nullable(inner) => self.is_alias_of(inner, target, depth),
            _ => false,
        }
    }

    /// Untagged unions are decoded by trying variants in order, so the first that accepts a
    /// value wins. Once every type is known, order variants from the most to the least
    /// specific (a struct with more required fields before one with fewer, a date-time before
    /// a plain string, an integer before a number, free-form JSON last), and drop variants
    /// that could never be chosen because an earlier one has the same type.
    pub(super) fn order_untagged_unions(&mut self) {
        for index in 0..self.slots.len() {
            let TypeKind::Union(union) = &self.slots[index].kind else {
                continue;
            };
            if union.tag.is_some() {
                continue;
            }
            let mut variants = union.variants.clone();
            variants.sort_by_key(|variant| std::cmp::Reverse(self.specificity(&variant.ty, 0)));
            let mut kept: Vec<UnionVariant> = Vec::with_capacity(variants.len());
            for variant in variants {
                if let Some(earlier) = kept.iter_mut().find(|earlier| earlier.ty == variant.ty) {
                    // A value failing the kept member's keywords may be valid as this one's:
                    // the kept member's keywords no longer tell the union's values apart.
                    if earlier.constraints != variant.constraints {
                        earlier.constraints = Default::default();
                    }
                    self.warn(
                        variant.pointer.clone(),
                        "this member has the same type as another one and could never be chosen; it is left out",
                    );
                } else {
                    kept.push(variant);
                }
            }
            if let TypeKind::Union(union) = &mut self.slots[index].kind {
                union.variants = kept;
            }
        }
    }

    /// How narrow a type is: of two types that accept the same JSON value, the higher one is
    /// tried first.
    fn specificity(&self, ty: &TypeRef, depth: usize) -> u32 {
        match ty {
            TypeRef::Nullable(inner) => self.specificity(inner, depth),
            TypeRef::Any => 0,
            TypeRef::Map(_) => 10,
            TypeRef::List(item) => 100 + self.specificity(item, depth) / 100,
            // A fixed number of typed items: narrower than any list.
            TypeRef::Tuple(_) => 150,
            TypeRef::Scalar(scalar) => match scalar {
                Scalar::DateTime | Scalar::Date | Scalar::Uuid | Scalar::Base64 => 800,
                Scalar::U8 | Scalar::I8 => 840,
                Scalar::U16 | Scalar::I16 => 830,
                Scalar::U32 | Scalar::I32 => 820,
                Scalar::U64 | Scalar::I64 => 810,
                Scalar::String | Scalar::Binary | Scalar::F32 | Scalar::F64 | Scalar::Bool => 100,
            },
            TypeRef::Named(id) if depth < 16 => match &self.slots[id.0].kind {
                TypeKind::Struct(def) => {
                    let required = def.fields.iter().filter(|f| f.required).count();
                    let fields = def.fields.len();
                    1000 + 10 * u32::try_from(required).unwrap_or(1000)
                        + u32::try_from(fields.min(9)).unwrap_or(9)
                }
                TypeKind::StringEnum(def) if def.catch_all.is_none() => 900,
                TypeKind::IntegerEnum(def) if def.catch_all.is_none() => 900,
                TypeKind::LiteralEnum(def) if def.catch_all.is_none() => 900,
                TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_) => 50,
                TypeKind::Union(_) => 500,
                TypeKind::Alias(target) => self.specificity(&target.clone(), depth + 1),
            },
            TypeRef::Named(_) => 500,
        }
    }
}

/// The discriminator values that select `member`: explicit `mapping` entries first, else the
/// value the member's schema declares (`declared`, its `x-ms-discriminator-value`), else the
/// component name (OpenAPI's implicit mapping); for an inline member, the `enum` on its tag
/// property.
fn tag_values(
    tag: &openapiv3::Discriminator,
    member: &ReferenceOr<Schema>,
    declared: Option<String>,
) -> Vec<String> {
    match member {
        ReferenceOr::Reference { reference } => {
            let mapped: Vec<String> = tag
                .mapping
                .iter()
                .filter(|(_, target)| {
                    *target == reference || format!("#/components/schemas/{target}") == *reference
                })
                .map(|(value, _)| value.clone())
                .collect();
            if !mapped.is_empty() {
                return mapped;
            }
            if let Some(declared) = declared {
                return vec![declared];
            }
            reference
                .strip_prefix("#/components/schemas/")
                .map(|key| vec![key.replace("~1", "/").replace("~0", "~")])
                .unwrap_or_default()
        }
        ReferenceOr::Item(schema) => {
            let properties = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.properties,
                SchemaKind::Any(any) => &any.properties,
                _ => return Vec::new(),
            };
            match properties.get(&tag.property_name) {
                Some(ReferenceOr::Item(property)) => match &property.schema_kind {
                    SchemaKind::Type(Type::String(string)) => {
                        string.enumeration.iter().flatten().cloned().collect()
                    }
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            }
        }
    }
}

/// What to call an inline member: its title, its discriminator value, or what it holds.
fn inline_label(schema: &Schema, tag_value: Option<&String>, index: usize) -> String {
    if let Some(title) = schema.schema_data.title.as_deref().map(str::trim)
        && title.chars().any(|c| c.is_ascii_alphanumeric())
    {
        return title.to_owned();
    }
    if let Some(value) = tag_value {
        return value.clone();
    }
    let kind = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty() => "String",
        SchemaKind::Type(Type::Integer(i)) if i.enumeration.is_empty() => "Integer",
        SchemaKind::Type(Type::Number(_)) => "Number",
        SchemaKind::Type(Type::Boolean(_)) => "Boolean",
        SchemaKind::Type(Type::Array(_)) => "List",
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("array") => "List",
            _ => "",
        },
        _ => "",
    };
    if kind.is_empty() {
        format!("Variant{}", index + 1)
    } else {
        kind.to_owned()
    }
}
