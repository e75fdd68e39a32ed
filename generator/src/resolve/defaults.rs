//! Binding spec `default`s to field types, once every type exists.

use serde_json::Value;

use super::Resolver;
use super::enums::same_json;
use crate::ir::{DefaultValue, Scalar, TypeKind, TypeRef};

impl Resolver<'_> {
    /// Turns each recorded `default` into a typed [`DefaultValue`], or warns and leaves the
    /// field optional when the value cannot be represented for its type.
    pub(super) fn bind_defaults(&mut self) {
        for pending in std::mem::take(&mut self.pending_defaults) {
            let field = match &self.slots[pending.owner.0].kind {
                TypeKind::Struct(def) => &def.fields[pending.field],
                _ => continue,
            };
            match self.default_value(&field.ty, field.nullable, &pending.value, 0) {
                Some(bound) => {
                    if let TypeKind::Struct(def) = &mut self.slots[pending.owner.0].kind {
                        def.fields[pending.field].default = Some(bound);
                    }
                }
                None => self.warn(
                    pending.pointer,
                    format!(
                        "default {} is not supported for this type; the field stays an Option",
                        pending.value
                    ),
                ),
            }
        }
    }

    fn default_value(
        &self,
        ty: &TypeRef,
        nullable: bool,
        value: &Value,
        depth: usize,
    ) -> Option<DefaultValue> {
        if value.is_null() {
            return nullable.then_some(DefaultValue::Null);
        }
        match (ty, value) {
            (TypeRef::Scalar(Scalar::String), Value::String(text)) => {
                Some(DefaultValue::String(text.clone()))
            }
            (TypeRef::Scalar(Scalar::Bool), Value::Bool(flag)) => Some(DefaultValue::Bool(*flag)),
            (TypeRef::Scalar(Scalar::F64), Value::Number(number)) => {
                number.as_f64().map(DefaultValue::Float)
            }
            (TypeRef::Scalar(Scalar::F32), Value::Number(number)) => {
                #[allow(clippy::cast_possible_truncation)] // checked just below
                let narrow = number.as_f64()? as f32;
                narrow.is_finite().then_some(DefaultValue::Float32(narrow))
            }
            (TypeRef::Scalar(scalar), Value::Number(number)) => {
                let value = number.as_i64()?;
                integer_fits(*scalar, value).then_some(DefaultValue::Integer(value))
            }
            (TypeRef::List(_), Value::Array(items)) if items.is_empty() => {
                Some(DefaultValue::EmptyList)
            }
            (TypeRef::List(item), Value::Array(items)) => items
                .iter()
                .map(|value| self.default_value(item, false, value, depth + 1))
                .collect::<Option<Vec<_>>>()
                .map(DefaultValue::List),
            (TypeRef::Map(_), Value::Object(entries)) if entries.is_empty() => {
                Some(DefaultValue::EmptyMap)
            }
            (TypeRef::Named(id), _) if depth < 32 => match &self.slots[id.0].kind {
                TypeKind::StringEnum(def) => def
                    .variants
                    .iter()
                    .position(|variant| Some(variant.value.as_str()) == value.as_str())
                    .map(|index| DefaultValue::Variant(*id, index)),
                TypeKind::IntegerEnum(def) => def
                    .variants
                    .iter()
                    .position(|variant| Some(variant.value) == value.as_i64())
                    .map(|index| DefaultValue::Variant(*id, index)),
                TypeKind::LiteralEnum(def) => def
                    .variants
                    .iter()
                    .position(|variant| same_json(&variant.value, value))
                    .map(|index| DefaultValue::Variant(*id, index)),
                TypeKind::Alias(target) => self.default_value(target, nullable, value, depth + 1),
                TypeKind::Struct(_) | TypeKind::Union(_) => None,
            },
            _ => None,
        }
    }
}

fn integer_fits(scalar: Scalar, value: i64) -> bool {
    match scalar {
        Scalar::I8 => i8::try_from(value).is_ok(),
        Scalar::I16 => i16::try_from(value).is_ok(),
        Scalar::I32 => i32::try_from(value).is_ok(),
        Scalar::I64 => true,
        Scalar::U8 => u8::try_from(value).is_ok(),
        Scalar::U16 => u16::try_from(value).is_ok(),
        Scalar::U32 => u32::try_from(value).is_ok(),
        Scalar::U64 => value >= 0,
        _ => false,
    }
}
