//! Schema -> [`Shape`]: the type table of the design notes, one function per schema kind.

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ObjectType, ReferenceOr, Schema,
    SchemaData, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::{Hint, PendingDefault, Resolver, Shape, dangling};
use crate::diagnostic::{Diagnostic, pointer_join};
use crate::ir::{
    AdditionalField, Constraints, Field, KeyConstraints, Scalar, Struct, TypeId, TypeKind, TypeRef,
};
use crate::naming::{self, NameSet};
use crate::normalize::tuples::Tuple;

/// The longest Rust tuple the derives a type gets (`Debug`, `PartialEq`, `Hash`...) reach:
/// std implements them for tuples of up to 12 items (serde reads up to 16).
const MAX_TUPLE_ITEMS: usize = 12;

/// The parts of an object schema, gathered across `allOf` members. Property schemas are
/// borrowed from the spec where they can be: copying each one (with everything nested in it)
/// at every level was a fifth of `resolve`.
#[derive(Clone)]
struct Property<'s> {
    schema: Cow<'s, ReferenceOr<Box<Schema>>>,
    pointer: String,
    /// The type name of the schema that declares the property, which names inline types made
    /// for it: `Account.mood` is `AccountMood` also when merged into `AdminAccount`.
    owner: String,
}

#[derive(Default, Clone)]
pub(super) struct ObjectParts<'s> {
    /// Property -> where it was declared.
    properties: IndexMap<String, Property<'s>>,
    required: Vec<String>,
    additional: Option<(AdditionalProperties, String)>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    /// The places of the schemas merged (and of `allOf` members that only constrain them),
    /// where the rules kept beside the types are found (`dependentRequired`, conditions).
    places: Vec<String>,
}

impl<'s> ObjectParts<'s> {
    fn from_object(object: &'s ObjectType, pointer: &str, owner: &str) -> Self {
        Self {
            min_properties: object.min_properties,
            max_properties: object.max_properties,
            ..Self::from_fields(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                pointer,
                owner,
            )
        }
    }

    fn from_any(any: &'s AnySchema, pointer: &str, owner: &str) -> Self {
        Self {
            min_properties: any.min_properties,
            max_properties: any.max_properties,
            ..Self::from_fields(
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                pointer,
                owner,
            )
        }
    }

    fn from_fields(
        properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        pointer: &str,
        owner: &str,
    ) -> Self {
        let properties_pointer = pointer_join(pointer, "properties");
        Self {
            properties: properties
                .iter()
                .map(|(name, schema)| {
                    let property = Property {
                        schema: Cow::Borrowed(schema),
                        pointer: pointer_join(&properties_pointer, name),
                        owner: owner.to_owned(),
                    };
                    (name.clone(), property)
                })
                .collect(),
            required: required.to_vec(),
            additional: additional
                .map(|extra| (extra.clone(), pointer_join(pointer, "additionalProperties"))),
            min_properties: None,
            max_properties: None,
            places: vec![pointer.to_owned()],
        }
    }

    /// The same parts, owning their schemas (for parts read from a schema that goes away).
    fn into_owned(self) -> ObjectParts<'static> {
        ObjectParts {
            properties: self
                .properties
                .into_iter()
                .map(|(name, property)| {
                    let Property {
                        schema,
                        pointer,
                        owner,
                    } = property;
                    let schema = Cow::Owned(schema.into_owned());
                    (
                        name,
                        Property {
                            schema,
                            pointer,
                            owner,
                        },
                    )
                })
                .collect(),
            required: self.required,
            additional: self.additional,
            min_properties: self.min_properties,
            max_properties: self.max_properties,
            places: self.places,
        }
    }

    /// Adds places not yet there: a schema reached twice (a base of two members) keeps its
    /// rules once.
    fn add_places(&mut self, places: Vec<String>) {
        for place in places {
            if !self.places.contains(&place) {
                self.places.push(place);
            }
        }
    }

    fn merge(&mut self, other: ObjectParts<'s>) {
        self.properties.extend(other.properties);
        for name in other.required {
            if !self.required.contains(&name) {
                self.required.push(name);
            }
        }
        if other.additional.is_some() {
            self.additional = other.additional;
        }
        self.add_places(other.places);
        // Every member's bounds hold of the merged object: the tightest of each.
        self.min_properties = self.min_properties.max(other.min_properties);
        self.max_properties = match (self.max_properties, other.max_properties) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

impl<'a> Resolver<'a> {
    /// Converts an inline schema. A schema that needs a type of its own (struct, enum, union)
    /// gets `reserved` if given, else a new type named after `hint`.
    pub(crate) fn convert(
        &mut self,
        schema: &Schema,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        if reserved.is_none()
            && let Some(shape) = self.inline_types.get(&hint.pointer)
        {
            return Ok(shape.clone());
        }
        let data = &schema.schema_data;
        let mut shape = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                if string.enumeration.is_empty() {
                    Shape::of(TypeRef::Scalar(string_scalar(&string.format)))
                } else {
                    let values: Vec<Option<Value>> = string
                        .enumeration
                        .iter()
                        .map(|value| value.clone().map(Value::String))
                        .collect();
                    let base = TypeRef::Scalar(string_scalar(&string.format));
                    self.enumeration(&values, base, data, hint, reserved)
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                if integer.enumeration.is_empty() {
                    Shape::of(TypeRef::Scalar(integer_scalar(&integer.format)))
                } else {
                    let values: Vec<Option<Value>> = integer
                        .enumeration
                        .iter()
                        .map(|value| value.map(Value::from))
                        .collect();
                    let base = TypeRef::Scalar(integer_scalar(&integer.format));
                    self.enumeration(&values, base, data, hint, reserved)
                }
            }
            SchemaKind::Type(Type::Number(number)) => {
                let base = TypeRef::Scalar(number_scalar(&number.format));
                if number.enumeration.iter().all(Option::is_none) {
                    Shape {
                        ty: base,
                        nullable: number.enumeration.contains(&None),
                    }
                } else {
                    let values: Vec<Option<Value>> = number
                        .enumeration
                        .iter()
                        .map(|value| value.map(number_value))
                        .collect();
                    self.enumeration(&values, base, data, hint, reserved)
                }
            }
            SchemaKind::Type(Type::Boolean(boolean)) => {
                let listed = |flag| boolean.enumeration.contains(&Some(flag));
                let nullable = boolean.enumeration.contains(&None);
                if boolean.enumeration.iter().all(Option::is_none) || listed(true) && listed(false)
                {
                    Shape {
                        ty: TypeRef::Scalar(Scalar::Bool),
                        nullable,
                    }
                } else {
                    let values: Vec<Option<Value>> = boolean
                        .enumeration
                        .iter()
                        .map(|value| value.map(Value::Bool))
                        .collect();
                    let base = TypeRef::Scalar(Scalar::Bool);
                    self.enumeration(&values, base, data, hint, reserved)
                }
            }
            SchemaKind::Type(Type::Array(array)) => {
                let normalized: &'a crate::normalize::Normalized = self.normalized;
                match normalized.tuples.get(&hint.pointer) {
                    Some(tuple) => self.tuple(tuple, array.items.as_ref(), hint)?,
                    None => self.list(array.items.as_ref(), hint)?,
                }
            }
            SchemaKind::Type(Type::Object(object)) => {
                let parts = ObjectParts::from_object(object, &hint.pointer, &hint.name);
                self.object(parts, data, hint, reserved)?
            }
            SchemaKind::OneOf { one_of: members } => {
                self.union(members, "oneOf", data, hint, reserved)?
            }
            SchemaKind::AnyOf { any_of: members } => {
                self.union(members, "anyOf", data, hint, reserved)?
            }
            SchemaKind::AllOf { all_of } => self.all_of(all_of, None, data, hint, reserved)?,
            SchemaKind::Not { .. } => {
                self.warn(
                    pointer_join(&hint.pointer, "not"),
                    "`not` cannot be expressed as a Rust type; using serde_json::Value",
                );
                Shape::of(TypeRef::Any)
            }
            SchemaKind::Any(any) => self.any(any, data, hint, reserved)?,
        };
        shape.nullable |= data.nullable;
        if reserved.is_none() && contains_new_type(&shape.ty) {
            self.inline_types
                .insert(hint.pointer.clone(), shape.clone());
        }
        Ok(shape)
    }

    /// Like [`Resolver::shape`], handing `reserved` to an inline schema.
    pub(super) fn shape_with(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        match (schema, reserved) {
            (ReferenceOr::Item(schema), Some(_)) => self.convert(schema, hint, reserved),
            _ => self.shape(schema, hint),
        }
    }

    /// The type of an inline schema (unless the caller reserved one), named after its place;
    /// the name its title would give it is noted for `dedupe`, which gives it when it is
    /// unique (see [`title_name`]).
    pub(super) fn new_type(
        &mut self,
        hint: &Hint,
        data: &SchemaData,
        reserved: Option<TypeId>,
    ) -> TypeId {
        if let Some(id) = reserved {
            return id;
        }
        let id = self.reserve(hint.name.clone());
        if let Some(name) = title_name(data, &hint.pointer) {
            self.titled.resize(id.0, None);
            self.titled.push(Some(name));
        }
        id
    }

    /// Records an inline type as soon as it has an id, before its members are converted: a
    /// member that leads back to the same schema (through an `allOf` merge) then refers to
    /// this type instead of making a new one forever.
    pub(super) fn remember_inline(&mut self, hint: &Hint, reserved: Option<TypeId>, id: TypeId) {
        if reserved.is_none() {
            self.inline_types
                .entry(hint.pointer.clone())
                .or_insert_with(|| Shape::of(TypeRef::Named(id)));
        }
    }

    fn list(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        hint: &Hint,
    ) -> Result<Shape, Diagnostic> {
        let item = match items {
            None => TypeRef::Any,
            Some(items) => {
                let shape = self.boxed_shape(items, &hint.child("Item", &["items"]))?;
                nullable_ref(shape)
            }
        };
        Ok(Shape::of(TypeRef::List(Box::new(item))))
    }

    /// `prefixItems` (JSON Schema 2020-12, FastAPI's `tuple[int, str]`): a Rust tuple when no
    /// item may follow the listed ones. Otherwise a list: of the one type every position
    /// holds, or, when they differ, of JSON values (with a warning).
    fn tuple(
        &mut self,
        tuple: &'a Tuple,
        rest: Option<&ReferenceOr<Box<Schema>>>,
        hint: &Hint,
    ) -> Result<Shape, Diagnostic> {
        let at = pointer_join(&hint.pointer, "prefixItems");
        let count = tuple.items.len();
        let values = Shape::of(TypeRef::List(Box::new(TypeRef::Any)));
        if count == 0 || count > MAX_TUPLE_ITEMS {
            self.warn(
                at,
                format!(
                    "a tuple of {count} items has no Rust tuple type with the derives (1 to \
                     {MAX_TUPLE_ITEMS} items); using Vec<serde_json::Value>"
                ),
            );
            return Ok(values);
        }
        let mut members = Vec::with_capacity(count);
        for (index, item) in tuple.items.iter().enumerate() {
            let hint = Hint {
                name: format!("{}Item{}", hint.name, index + 1),
                pointer: pointer_join(&at, &index.to_string()),
            };
            members.push(nullable_ref(self.shape(item, &hint)?));
        }
        if !tuple.closed {
            let rest = match rest {
                Some(rest) => {
                    nullable_ref(self.boxed_shape(rest, &hint.child("Item", &["items"]))?)
                }
                None => TypeRef::Any,
            };
            if members.iter().all(|member| *member == rest) {
                return Ok(Shape::of(TypeRef::List(Box::new(rest))));
            }
            self.warn(
                at,
                "more items may follow the listed ones (no `items: false` or `maxItems`), which \
                 a Rust tuple cannot hold; using Vec<serde_json::Value>",
            );
            return Ok(values);
        }
        if tuple.shorter_allowed {
            self.warn(
                at,
                format!(
                    "an array with fewer items than the {count} listed is valid (`minItems` is \
                     lower), but the generated tuple needs all of them"
                ),
            );
        }
        Ok(Shape::of(TypeRef::Tuple(members)))
    }

    fn object(
        &mut self,
        parts: ObjectParts<'_>,
        data: &SchemaData,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        let parts = self.with_pattern_values(parts, &hint.pointer);
        if parts.properties.is_empty() {
            let value = match &parts.additional {
                Some((AdditionalProperties::Schema(schema), pointer)) => {
                    let hint = Hint {
                        name: format!("{}Value", hint.name),
                        pointer: pointer.clone(),
                    };
                    nullable_ref(self.shape(schema, &hint)?)
                }
                _ => TypeRef::Any,
            };
            return Ok(Shape::of(TypeRef::Map(Box::new(value))));
        }
        let id = self.new_type(hint, data, reserved);
        self.remember_inline(hint, reserved, id);
        let type_name = self.reserved_name(id).to_owned();
        let mut names = NameSet::new();
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire_name, property) in &parts.properties {
            let Property {
                schema,
                pointer,
                owner,
            } = property;
            let owner = if owner.is_empty() { &type_name } else { owner };
            // Most properties are `$ref`s and scalars, which never make a type: their
            // would-be names are not spelled out (a tenth of resolving GitHub's spec).
            let name = if never_makes_a_type(schema) {
                String::new()
            } else {
                format!("{owner}{}", self.property_names.type_name(wire_name))
            };
            let child = Hint {
                name,
                pointer: pointer.clone(),
            };
            let shape = self.boxed_shape(schema, &child)?;
            self.note_examples(pointer, &nullable_ref(shape.clone()));
            let required = parts.required.contains(wire_name);
            let (docs, default, deprecated) = match schema.as_ref() {
                ReferenceOr::Item(schema) => {
                    let data = &schema.schema_data;
                    (docs(data, wire_name), data.default.clone(), data.deprecated)
                }
                ReferenceOr::Reference { .. } => (None, None, false),
            };
            if let (Some(value), false) = (default, required) {
                self.pending_defaults.push(PendingDefault {
                    owner: id,
                    field: fields.len(),
                    value,
                    pointer: pointer_join(pointer, "default"),
                });
            }
            fields.push(Field {
                name: names.claim(self.property_names.field_name(wire_name)),
                wire_name: wire_name.clone(),
                pointer: pointer.clone(),
                docs,
                ty: shape.ty,
                required,
                nullable: shape.nullable,
                default: None,
                deprecated,
                constraints: self.constraints(schema, pointer),
            });
        }
        let closed = matches!(
            parts.additional,
            Some((AdditionalProperties::Any(false), _))
        );
        let additional = match parts.additional {
            None | Some((AdditionalProperties::Any(false), _)) => None,
            Some((AdditionalProperties::Any(true), _)) => {
                Some((TypeRef::Any, Constraints::default()))
            }
            Some((AdditionalProperties::Schema(schema), pointer)) => {
                // Beside `patternProperties` a value's schema depends on its key (JSON
                // Schema exempts keys a pattern matches from `additionalProperties`, and a
                // pattern's schema says nothing of other keys): not checked.
                let patterned = self.has_patterns(&parts.places)
                    || self.has_patterns(std::slice::from_ref(&hint.pointer));
                let constraints = if patterned {
                    Constraints::default()
                } else {
                    self.member_constraints(&schema, &pointer, 0)
                };
                let hint = Hint {
                    name: format!("{type_name}Value"),
                    pointer,
                };
                Some((nullable_ref(self.shape(&schema, &hint)?), constraints))
            }
        }
        .map(|(ty, constraints)| AdditionalField {
            name: names.claim(naming::ADDITIONAL_PROPERTIES_FIELD.to_owned()),
            ty,
            constraints: Box::new(constraints),
        });
        let mut places = parts.places;
        if !places.contains(&hint.pointer) {
            places.push(hint.pointer.clone());
        }
        self.rules_read.extend(places.iter().cloned());
        let dependent_required = self.dependent_required(&places, &fields);
        let conditionals = self.conditionals(&places, &fields);
        let kind = TypeKind::Struct(Struct {
            fields,
            additional,
            closed,
            dependent_required,
            min_properties: parts.min_properties,
            max_properties: parts.max_properties,
            conditionals,
        });
        self.fill(id, &hint.name, &hint.pointer, docs(data, &hint.name), kind);
        Ok(Shape::of(TypeRef::Named(id)))
    }

    /// `allOf`: one member is that member (with the siblings' `default`/`nullable`/docs
    /// applied by the caller); object members are merged into one struct.
    fn all_of<'s>(
        &mut self,
        members: &'s [ReferenceOr<Schema>],
        own: Option<ObjectParts<'s>>,
        data: &SchemaData,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        let members_pointer = pointer_join(&hint.pointer, "allOf");
        // `allOf: [{$ref: X}, {description: ...}]` is X with documentation: members that
        // only annotate or constrain add no type.
        let typed: Vec<(usize, &ReferenceOr<Schema>)> = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !is_constraint_only(member))
            .collect();
        // A member that only constrains, or the schema itself, may hold rules between the
        // fields (conditions, `dependentRequired`): then it is a struct of its own.
        let holds_rules = std::iter::once(hint.pointer.clone())
            .chain(
                (0..members.len()).map(|index| pointer_join(&members_pointer, &index.to_string())),
            )
            .any(|pointer| self.holds_rules(&pointer));
        if let ([(index, only)], None, false) = (typed.as_slice(), &own, holds_rules) {
            let hint = Hint {
                name: hint.name.clone(),
                pointer: pointer_join(&members_pointer, &index.to_string()),
            };
            return self.shape_with(only, &hint, reserved);
        }
        let mut merged: Option<ObjectParts> = own;
        let mut others = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let pointer = pointer_join(&members_pointer, &index.to_string());
            // Inline members are named after the merged type itself.
            match self.object_parts(member, &pointer, "")? {
                Some(parts) => merged.get_or_insert_with(ObjectParts::default).merge(parts),
                None => others.push((member, pointer)),
            }
        }
        let Some(merged) = merged else {
            // No object members: `allOf` of constraints on one type, e.g. a string and a
            // `maxLength`. The first member that says what the type is decides.
            let mut chosen = Shape::of(TypeRef::Any);
            for (member, pointer) in others {
                let member_hint = Hint {
                    name: hint.name.clone(),
                    pointer,
                };
                let shape = self.shape_with(member, &member_hint, reserved)?;
                if shape.ty != TypeRef::Any {
                    chosen = shape;
                    break;
                }
            }
            return Ok(chosen);
        };
        let mut merged = merged;
        for (member, pointer) in others {
            let is_constraint_only = matches!(member, ReferenceOr::Item(schema)
                if matches!(&schema.schema_kind, SchemaKind::Any(any) if any.typ.is_none()));
            if is_constraint_only {
                // It may hold conditions between the merged fields.
                merged.add_places(vec![pointer]);
            } else {
                self.warn(
                    pointer,
                    "this `allOf` member is not an object; it is left out of the merged struct",
                );
            }
        }
        self.object(merged, data, hint, reserved)
    }

    /// The object parts of an `allOf` member, following `$ref`s; `None` if it is not an object.
    fn object_parts<'s>(
        &mut self,
        member: &'s ReferenceOr<Schema>,
        pointer: &str,
        owner: &str,
    ) -> Result<Option<ObjectParts<'s>>, Diagnostic>
    where
        'a: 's,
    {
        let schema = match member {
            ReferenceOr::Reference { reference } => {
                if let Some(parts) = self.merged_parts.get(reference) {
                    return Ok(Some(parts.clone()));
                }
                if self.merging.len() >= crate::limits::MAX_ALL_OF_CHAIN {
                    return Err(Diagnostic::error(
                        pointer,
                        format!(
                            "`allOf` reaches `{reference}` through {} other `allOf` `$ref`s, each inside the one before; past that the spec is refused",
                            crate::limits::MAX_ALL_OF_CHAIN
                        ),
                    ));
                }
                if self.merging.contains(reference) {
                    return Err(Diagnostic::error(
                        pointer,
                        format!("`allOf` cycle: {reference} includes itself"),
                    ));
                }
                let target = match self.target_schema(reference, pointer) {
                    Ok(Some(target)) => target,
                    Ok(None) => {
                        let problem = dangling(reference, pointer);
                        self.warn(
                            problem.pointer,
                            format!(
                                "{}; its fields are left out of the merged struct",
                                problem.message
                            ),
                        );
                        return Ok(Some(ObjectParts::default()));
                    }
                    Err(problem) => return Err(problem),
                };
                let owner = match self.components.get(reference.as_str()) {
                    Some((id, _)) => self.reserved_name(*id).to_owned(),
                    None => reference_name(reference),
                };
                self.merging.insert(reference.clone());
                let parts: Result<Option<ObjectParts<'a>>, Diagnostic> = match target {
                    Cow::Borrowed(target) => self.object_parts(target, reference, &owner),
                    // A schema read for this `$ref` alone: the parts own theirs.
                    Cow::Owned(target) => self
                        .object_parts(&target, reference, &owner)
                        .map(|parts| parts.map(ObjectParts::into_owned)),
                };
                self.merging.remove(reference);
                if let Ok(Some(parts)) = &parts {
                    self.merged_parts.insert(reference.clone(), parts.clone());
                }
                return parts;
            }
            ReferenceOr::Item(schema) => schema,
        };
        let all_of_pointer = pointer_join(pointer, "allOf");
        let (parts, all_of) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (
                Some(ObjectParts::from_object(object, pointer, owner)),
                &[][..],
            ),
            SchemaKind::AllOf { all_of } => (None, all_of.as_slice()),
            SchemaKind::Any(any) => {
                let is_object = !any.properties.is_empty()
                    || any.additional_properties.is_some()
                    || any.typ.as_deref() == Some("object");
                let parts = is_object.then(|| ObjectParts::from_any(any, pointer, owner));
                (parts, any.all_of.as_slice())
            }
            _ => (None, &[][..]),
        };
        // A member's `patternProperties` say what its unlisted properties hold, merged too.
        let mut parts = parts.map(|parts| self.with_pattern_values(parts, pointer));
        // Schemas that only constrain (this one beside its `allOf`, a member) may hold rules
        // between the fields: their places join the parts', whichever member comes first.
        let mut rule_places: Vec<String> = Vec::new();
        if self.holds_rules(pointer) {
            rule_places.push(pointer.to_owned());
        }
        for (index, inner) in all_of.iter().enumerate() {
            let inner_pointer = pointer_join(&all_of_pointer, &index.to_string());
            match self.object_parts(inner, &inner_pointer, owner)? {
                Some(inner_parts) => parts
                    .get_or_insert_with(ObjectParts::default)
                    .merge(inner_parts),
                None if is_constraint_only(inner) => rule_places.push(inner_pointer),
                None => {}
            }
        }
        if let Some(parts) = &mut parts {
            parts.add_places(rule_places);
        }
        Ok(parts)
    }

    /// openapiv3's catch-all for schemas mixing keywords of several kinds.
    fn any(
        &mut self,
        any: &AnySchema,
        data: &SchemaData,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Result<Shape, Diagnostic> {
        let is_object = !any.properties.is_empty()
            || any.additional_properties.is_some()
            || any.typ.as_deref() == Some("object");
        if !any.all_of.is_empty() {
            let own = is_object.then(|| ObjectParts::from_any(any, &hint.pointer, ""));
            return self.all_of(&any.all_of, own, data, hint, reserved);
        }
        // `properties` beside `anyOf: [{required: [a]}, {required: [b]}]` is one object with a
        // rule about which fields must be present: the members add no type of their own.
        let validation_only =
            |members: &[ReferenceOr<Schema>]| is_object && members.iter().all(is_constraint_only);
        if !any.one_of.is_empty() && !validation_only(&any.one_of) {
            return self.union(&any.one_of, "oneOf", data, hint, reserved);
        }
        if !any.any_of.is_empty() && !validation_only(&any.any_of) {
            return self.union(&any.any_of, "anyOf", data, hint, reserved);
        }
        let format = any.format.as_deref().unwrap_or_default();
        let scalar = match any.typ.as_deref() {
            Some("string") => Some(string_format(format)),
            Some("integer") => Some(integer_format(format)),
            Some("number") => Some(number_format(format)),
            Some("boolean") => Some(Scalar::Bool),
            _ => None,
        };
        // An `enum` says every value there is, whatever else the schema says of their shape.
        if !any.enumeration.is_empty() {
            let values = self.enum_values_of_type(&any.enumeration, any.typ.as_deref(), hint);
            // `type: boolean` with both values listed is every boolean: plain `bool`.
            let every_boolean = scalar == Some(Scalar::Bool)
                && [true, false]
                    .iter()
                    .all(|flag| values.contains(&Some(Value::Bool(*flag))));
            if !values.is_empty() && !every_boolean {
                let base = scalar.map_or(TypeRef::Any, TypeRef::Scalar);
                return Ok(self.enumeration(&values, base, data, hint, reserved));
            }
        }
        if is_object {
            let parts = ObjectParts::from_any(any, &hint.pointer, &hint.name);
            return self.object(parts, data, hint, reserved);
        }
        if any.items.is_some() || any.typ.as_deref() == Some("array") {
            return self.list(any.items.as_ref(), hint);
        }
        Ok(Shape::of(scalar.map_or(TypeRef::Any, TypeRef::Scalar)))
    }
}

impl Resolver<'_> {
    /// The values of an `enum` that fit the schema's `type` (`null` as `None`); a value of
    /// another type can never be valid, so it is left out with a warning at its place. When
    /// none fits, the values are kept and the type is not trusted.
    fn enum_values_of_type(
        &mut self,
        values: &[Value],
        typ: Option<&str>,
        hint: &Hint,
    ) -> Vec<Option<Value>> {
        let fits = |value: &Value| match typ {
            Some("string") => value.is_string(),
            Some("integer") => value.as_f64().is_some_and(|number| number.fract() == 0.0),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            _ => true,
        };
        let typ_name = typ.unwrap_or_default();
        if !values.iter().any(|value| !value.is_null() && fits(value)) {
            // Not one value fits: the type is the mistake (Azure writes `type: integer` over
            // string enums whose examples are strings), and the values say what is sent.
            if values.iter().any(|value| !value.is_null()) {
                self.warn(
                    pointer_join(&hint.pointer, "enum"),
                    format!("no enum value is of the schema's type `{typ_name}`; the values decide the type"),
                );
            }
            return values
                .iter()
                .map(|value| (!value.is_null()).then(|| value.clone()))
                .collect();
        }
        let mut kept = Vec::with_capacity(values.len());
        for (index, value) in values.iter().enumerate() {
            if value.is_null() {
                kept.push(None);
            } else if fits(value) {
                kept.push(Some(value.clone()));
            } else {
                let pointer =
                    pointer_join(&pointer_join(&hint.pointer, "enum"), &index.to_string());
                self.warn(
                    pointer,
                    format!(
                        "enum value {value} is not of the schema's type `{typ_name}`; it is left out"
                    ),
                );
            }
        }
        kept
    }
}

impl Resolver<'_> {
    /// The validation keywords of a schema, following `$ref`s to components (a field typed
    /// `PositiveInt` gets that schema's `minimum`) and single-member `allOf`s.
    /// `pointer` is where an inline `schema` is.
    pub(super) fn constraints(
        &self,
        schema: &ReferenceOr<Box<Schema>>,
        pointer: &str,
    ) -> Constraints {
        self.constraints_at(schema, pointer, 0)
    }

    /// [`Self::constraints`], `depth` levels into another schema's (the limit holds for
    /// items of items and `$ref` chains alike, so a recursive schema ends).
    fn constraints_at(
        &self,
        schema: &ReferenceOr<Box<Schema>>,
        pointer: &str,
        depth: usize,
    ) -> Constraints {
        match schema {
            ReferenceOr::Item(schema) => self.schema_constraints(schema, pointer, depth),
            ReferenceOr::Reference { reference } => self.reference_constraints(reference, depth),
        }
    }

    /// [`Self::constraints`] of a schema held unboxed (a union member, an
    /// `additionalProperties` schema).
    pub(super) fn member_constraints(
        &self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
        depth: usize,
    ) -> Constraints {
        match schema {
            ReferenceOr::Item(schema) => self.schema_constraints(schema, pointer, depth),
            ReferenceOr::Reference { reference } => self.reference_constraints(reference, depth),
        }
    }

    /// The constraints of each item of the array schema at `pointer` (its `items`), when
    /// they have any.
    fn items_constraints(
        &self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        pointer: &str,
        depth: usize,
    ) -> Option<Box<Constraints>> {
        let inner = self.constraints_at(items?, &pointer_join(pointer, "items"), depth + 1);
        (!inner.is_empty()).then(|| Box::new(inner))
    }

    /// The constraints of the schema a `$ref` points at: a component, or a place inside one
    /// (`#/components/schemas/Address/$defs/postcode`).
    fn reference_constraints(&self, reference: &str, depth: usize) -> Constraints {
        if depth >= 8 {
            return Constraints::default();
        }
        match self
            .target_schema(reference, reference)
            .ok()
            .flatten()
            .as_deref()
        {
            Some(ReferenceOr::Item(schema)) => {
                self.schema_constraints(schema, reference, depth + 1)
            }
            Some(ReferenceOr::Reference { reference }) => {
                self.reference_constraints(reference, depth + 1)
            }
            None => Constraints::default(),
        }
    }

    pub(super) fn schema_constraints(
        &self,
        schema: &Schema,
        pointer: &str,
        depth: usize,
    ) -> Constraints {
        let mut c = Constraints {
            keys: self.key_constraints(pointer),
            ..Constraints::default()
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                c.min_length = s.min_length;
                c.max_length = s.max_length;
                c.pattern = s.pattern.clone();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                c.minimum = i.minimum.map(|v| v as f64);
                c.maximum = i.maximum.map(|v| v as f64);
                c.multiple_of = positive(i.multiple_of.map(|v| v as f64));
                c.exclusive_minimum = i.exclusive_minimum && i.minimum.is_some();
                c.exclusive_maximum = i.exclusive_maximum && i.maximum.is_some();
            }
            SchemaKind::Type(Type::Number(n)) => {
                c.minimum = n.minimum;
                c.maximum = n.maximum;
                c.multiple_of = positive(n.multiple_of);
                c.exclusive_minimum = n.exclusive_minimum && n.minimum.is_some();
                c.exclusive_maximum = n.exclusive_maximum && n.maximum.is_some();
            }
            SchemaKind::Type(Type::Array(a)) => {
                c.min_items = a.min_items;
                c.max_items = a.max_items;
                c.unique_items = a.unique_items;
                c.items = self.items_constraints(a.items.as_ref(), pointer, depth);
            }
            SchemaKind::Type(Type::Object(o)) => {
                c.min_properties = o.min_properties;
                c.max_properties = o.max_properties;
                c.values =
                    self.additional_constraints(o.additional_properties.as_ref(), pointer, depth);
            }
            SchemaKind::Any(any) => {
                c.minimum = any.minimum;
                c.maximum = any.maximum;
                c.exclusive_minimum =
                    any.exclusive_minimum.unwrap_or(false) && any.minimum.is_some();
                c.exclusive_maximum =
                    any.exclusive_maximum.unwrap_or(false) && any.maximum.is_some();
                c.min_length = any.min_length;
                c.max_length = any.max_length;
                c.pattern = any.pattern.clone();
                c.min_items = any.min_items;
                c.max_items = any.max_items;
                c.multiple_of = positive(any.multiple_of);
                c.unique_items = any.unique_items.unwrap_or(false);
                c.min_properties = any.min_properties;
                c.max_properties = any.max_properties;
                c.items = self.items_constraints(any.items.as_ref(), pointer, depth);
                c.values =
                    self.additional_constraints(any.additional_properties.as_ref(), pointer, depth);
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                return match &all_of[0] {
                    ReferenceOr::Item(inner) => {
                        let inner_pointer = pointer_join(&pointer_join(pointer, "allOf"), "0");
                        self.schema_constraints(inner, &inner_pointer, depth + 1)
                    }
                    ReferenceOr::Reference { reference } => {
                        self.reference_constraints(reference, depth + 1)
                    }
                };
            }
            _ => {}
        }
        c
    }
}

impl Resolver<'_> {
    /// Whether an object schema at one of `places` has `patternProperties`.
    fn has_patterns(&self, places: &[String]) -> bool {
        let normalized: &crate::normalize::Normalized = self.normalized;
        places.iter().any(|place| {
            normalized
                .key_rules
                .get(place)
                .is_some_and(|rules| !rules.patterns.is_empty())
        })
    }

    /// The constraints of each value of a map (its `additionalProperties` schema's).
    fn additional_constraints(
        &self,
        additional: Option<&AdditionalProperties>,
        pointer: &str,
        depth: usize,
    ) -> Option<Box<Constraints>> {
        let Some(AdditionalProperties::Schema(schema)) = additional else {
            return None;
        };
        if self.has_patterns(&[pointer.to_owned()]) {
            // As for an object's unlisted properties (`object`): the key decides the schema.
            return None;
        }
        let at = pointer_join(pointer, "additionalProperties");
        let inner = self.member_constraints(schema, &at, depth + 1);
        (!inner.is_empty()).then(|| Box::new(inner))
    }
}

/// `multipleOf` must be greater than 0; another value (which the spec does not allow) is no
/// constraint rather than one no number meets.
fn positive(multiple_of: Option<f64>) -> Option<f64> {
    multiple_of.filter(|m| m.is_finite() && *m > 0.0)
}

impl Resolver<'_> {
    /// What the keys of the object schema at `pointer` must be, if it says.
    fn key_constraints(&self, pointer: &str) -> Option<Box<KeyConstraints>> {
        let rules = self.normalized.key_rules.get(pointer)?;
        let patterns = if rules.closed {
            rules
                .patterns
                .iter()
                .map(|(pattern, _)| pattern.clone())
                .collect()
        } else {
            Vec::new()
        };
        let each = Constraints {
            pattern: rules.names.pattern.clone(),
            min_length: rules.names.min_length,
            max_length: rules.names.max_length,
            ..Constraints::default()
        };
        (!patterns.is_empty() || !each.is_empty())
            .then(|| Box::new(KeyConstraints { patterns, each }))
    }

    /// The object's unlisted properties as `patternProperties` says, where it does: the
    /// values of the keys its patterns match (one schema, or JSON values when the patterns'
    /// schemas differ). An explicit `additionalProperties` schema keeps its say.
    fn with_pattern_values<'p>(
        &mut self,
        mut parts: ObjectParts<'p>,
        pointer: &str,
    ) -> ObjectParts<'p> {
        let normalized: &crate::normalize::Normalized = self.normalized;
        let Some(rules) = normalized.key_rules.get(pointer) else {
            return parts;
        };
        let Some((first_pattern, first)) = rules.patterns.first() else {
            return parts;
        };
        let patterns_at = pointer_join(pointer, "patternProperties");
        if let Some((AdditionalProperties::Schema(_), at)) = &parts.additional {
            self.warn(
                patterns_at,
                format!("the values of keys matching `patternProperties` are read as `additionalProperties` says (at {at})"),
            );
            return parts;
        }
        let one_schema = rules.patterns.iter().all(|(_, schema)| schema == first);
        if !one_schema {
            self.warn(
                patterns_at.clone(),
                "the patterns' value schemas differ; the values are read as JSON values (`serde_json::Value`)",
            );
        }
        if rules.closed && !parts.properties.is_empty() {
            self.warn(
                patterns_at.clone(),
                "the keys of unlisted properties are not checked against the patterns beside listed properties",
            );
        }
        parts.additional = Some(if one_schema {
            (
                AdditionalProperties::Schema(Box::new(first.clone())),
                pointer_join(&patterns_at, first_pattern),
            )
        } else {
            (AdditionalProperties::Any(true), patterns_at)
        });
        parts
    }
}

/// A schema that only constrains (`required`, bounds, ...) and names no type or shape.
fn is_constraint_only(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Reference { .. } => false,
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Any(any) => {
                any.typ.is_none()
                    && any.properties.is_empty()
                    && any.items.is_none()
                    && any.additional_properties.is_none()
                    && any.enumeration.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.all_of.is_empty()
            }
            _ => false,
        },
    }
}

/// Whether converting made a named type (directly or inside a list or map), which later
/// conversions of the same schema must reuse rather than duplicate.
fn contains_new_type(ty: &TypeRef) -> bool {
    ty.contains(&|ty| matches!(ty, TypeRef::Named(_)))
}

pub(super) fn nullable_ref(shape: Shape) -> TypeRef {
    if shape.nullable {
        TypeRef::Nullable(Box::new(shape.ty))
    } else {
        shape.ty
    }
}

pub(super) fn reference_name(reference: &str) -> String {
    naming::type_name(reference.rsplit('/').next().unwrap_or(reference))
}

/// The name a title gives an inline schema's type: a title of at most three words
/// (`Pet`, `Shipping Address`) that is not its property's own name (pydantic titles every
/// property after it: `unit_price` is "Unit Price"). Longer titles are sentences or generated
/// (FastAPI's "Response Get Pet Pets  Pet Id  Get"), which the place names better.
pub(super) fn title_name(data: &SchemaData, pointer: &str) -> Option<String> {
    let title = data.title.as_deref()?.trim();
    if title.is_empty() || title.split_whitespace().count() > 3 {
        return None;
    }
    let property = pointer
        .rsplit_once("/properties/")
        .map(|(_, property)| property)
        .filter(|property| !property.contains('/'));
    if property.is_some_and(|property| squash(property) == squash(title)) {
        return None;
    }
    let name = naming::type_name(title);
    (!name.is_empty()).then(|| naming::unreserved(name))
}

/// Letters and digits only, lowercased: `Unit Price` and `unit_price` are the same words.
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Doc text for a schema: its title unless it only repeats the name, then its description.
pub(super) fn docs(data: &SchemaData, wire_name: &str) -> Option<String> {
    let title = data
        .title
        .as_deref()
        .map(str::trim)
        .filter(|title| !title.is_empty() && squash(title) != squash(wire_name));
    let description = data
        .description
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    match (title, description) {
        (Some(title), Some(description)) => Some(format!("{title}\n\n{description}")),
        (Some(text), None) | (None, Some(text)) => Some(text.to_owned()),
        (None, None) => None,
    }
}

fn string_scalar(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Scalar {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Scalar::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Scalar::Date,
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Scalar::Base64,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Scalar::Binary,
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) | VariantOrUnknownOrEmpty::Empty => {
            Scalar::String
        }
        VariantOrUnknownOrEmpty::Unknown(other) => string_format(other),
    }
}

fn string_format(format: &str) -> Scalar {
    match format {
        "date-time" => Scalar::DateTime,
        "date" => Scalar::Date,
        "uuid" => Scalar::Uuid,
        "byte" => Scalar::Base64,
        "binary" => Scalar::Binary,
        _ => Scalar::String,
    }
}

fn integer_scalar(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Scalar {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Scalar::I32,
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) | VariantOrUnknownOrEmpty::Empty => {
            Scalar::I64
        }
        VariantOrUnknownOrEmpty::Unknown(other) => integer_format(other),
    }
}

fn integer_format(format: &str) -> Scalar {
    match format {
        "int8" => Scalar::I8,
        "int16" => Scalar::I16,
        "int32" => Scalar::I32,
        "uint8" => Scalar::U8,
        "uint16" => Scalar::U16,
        "uint32" => Scalar::U32,
        "uint64" => Scalar::U64,
        _ => Scalar::I64,
    }
}

/// A listed number as JSON: integral values within f64's exact range as integers, so
/// `enum: [1, 2]` on a `number` is written `1` as the spec wrote it, not `1.0`.
fn number_value(number: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if number.fract() == 0.0 && number.abs() <= EXACT {
        // In range and integral: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        Value::from(number as i64)
    } else {
        Value::from(number)
    }
}

fn number_scalar(format: &VariantOrUnknownOrEmpty<NumberFormat>) -> Scalar {
    match format {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Scalar::F32,
        VariantOrUnknownOrEmpty::Item(NumberFormat::Double) | VariantOrUnknownOrEmpty::Empty => {
            Scalar::F64
        }
        VariantOrUnknownOrEmpty::Unknown(other) => number_format(other),
    }
}

fn number_format(format: &str) -> Scalar {
    match format {
        "float" => Scalar::F32,
        _ => Scalar::F64,
    }
}

/// Whether converting `schema` can never make a type, so a name for one is not needed: a
/// `$ref` (its target's type, or a type named after the target) or a scalar.
fn never_makes_a_type(schema: &ReferenceOr<Box<Schema>>) -> bool {
    match schema {
        ReferenceOr::Reference { .. } => true,
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => string.enumeration.is_empty(),
            SchemaKind::Type(Type::Integer(integer)) => integer.enumeration.is_empty(),
            SchemaKind::Type(Type::Number(number)) => {
                number.enumeration.iter().all(Option::is_none)
            }
            SchemaKind::Type(Type::Boolean(boolean)) => {
                boolean.enumeration.iter().all(Option::is_none)
            }
            _ => false,
        },
    }
}
