//! `enum` schemas -> string, integer and literal enums (the enum policy of the design notes).

use openapiv3::SchemaData;
use serde_json::Value;

pub(super) use crate::same_json::same_json;

use super::schema::docs;
use super::{Hint, Resolver, Shape};
use crate::diagnostic::pointer_join;
use crate::ir::{
    IntegerEnum, IntegerVariant, LiteralEnum, LiteralVariant, Scalar, StringEnum, StringVariant,
    TypeId, TypeKind, TypeRef,
};
use crate::naming::{self, NameSet};

impl Resolver<'_> {
    /// An `enum`: of strings, of integers, or of any JSON values. Duplicates collapse into one variant with a warning;
    /// `x-enum-varnames` / `x-enumNames` name the variants when present. `base` is the type
    /// used when no value is left to make a variant of (`enum: [null]`).
    pub(super) fn enumeration(
        &mut self,
        values: &[Option<Value>],
        base: TypeRef,
        data: &SchemaData,
        hint: &Hint,
        reserved: Option<TypeId>,
    ) -> Shape {
        let nullable = values.iter().any(Option::is_none);
        let enum_pointer = pointer_join(&hint.pointer, "enum");
        if values.iter().all(Option::is_none) {
            self.warn(
                enum_pointer,
                "this enum lists no value but null; it is generated as a nullable value",
            );
            return Shape { ty: base, nullable };
        }
        let custom_names = self.extension_strings(
            data,
            &["x-enum-varnames", "x-enumNames"],
            values.len(),
            hint,
        );
        let descriptions = self.extension_strings(
            data,
            &["x-enum-descriptions", "x-enumDescriptions"],
            values.len(),
            hint,
        );
        let mut names = NameSet::new();
        // Claimed first so the catch-all reads the same in every enum; a value spelled `Other`
        // then becomes `Other2`.
        let catch_all = self
            .settings
            .enum_catch_all
            .then(|| names.claim(naming::CATCH_ALL_VARIANT.to_owned()));
        let mut seen: Vec<&Value> = Vec::new();
        let mut variants = Vec::new();
        for (index, value) in values.iter().enumerate() {
            let Some(value) = value else { continue };
            if let Some(first) = seen.iter().position(|earlier| same_json(earlier, value)) {
                self.warn(
                    pointer_join(&enum_pointer, &index.to_string()),
                    format!(
                        "duplicate enum value {value} (first listed at index {first}); it gets one variant"
                    ),
                );
                continue;
            }
            seen.push(value);
            let name = match custom_names.as_ref().and_then(|names| names.get(index)) {
                Some(custom) => naming::variant_name(custom),
                None => naming::literal_variant_name(value),
            };
            let docs = descriptions
                .as_ref()
                .and_then(|all| all.get(index))
                .filter(|text| !text.is_empty())
                .cloned();
            variants.push((names.claim(name), value.clone(), docs));
        }
        // A `number` enum reads `1.0` as `1`, which an integer enum would refuse.
        let integer_enum_allowed = !matches!(base, TypeRef::Scalar(Scalar::F32 | Scalar::F64));
        let kind = enum_kind(variants, catch_all, integer_enum_allowed);
        let id = self.new_type(hint, data, reserved);
        self.fill(id, &hint.name, &hint.pointer, docs(data, &hint.name), kind);
        Shape {
            ty: TypeRef::Named(id),
            nullable,
        }
    }

    /// A list-of-strings extension with one entry per enum value, or a warning saying why it
    /// is ignored.
    fn extension_strings(
        &mut self,
        data: &SchemaData,
        keys: &[&str],
        expected_len: usize,
        hint: &Hint,
    ) -> Option<Vec<String>> {
        let (key, value) = keys
            .iter()
            .find_map(|key| data.extensions.get(*key).map(|value| (*key, value)))?;
        let strings: Option<Vec<String>> = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect()
        });
        match strings {
            Some(strings) if strings.len() == expected_len => Some(strings),
            _ => {
                self.warn(
                    pointer_join(&hint.pointer, key),
                    format!(
                        "`{key}` is ignored: it must list one string per enum value ({expected_len})"
                    ),
                );
                None
            }
        }
    }
}

/// Strings and integers get enums that read them as such; any other set of values (numbers,
/// booleans, objects, lists, a mix) an enum whose variants each stand for one JSON value.
/// `integer_enum_allowed`: integer values may make an integer enum (not for a `number` schema,
/// whose values are read by value).
fn enum_kind(
    variants: Vec<(String, Value, Option<String>)>,
    catch_all: Option<String>,
    integer_enum_allowed: bool,
) -> TypeKind {
    if variants.iter().all(|(_, value, _)| value.is_string()) {
        TypeKind::StringEnum(StringEnum {
            variants: variants
                .into_iter()
                .map(|(name, value, docs)| StringVariant {
                    name,
                    value: match value {
                        Value::String(text) => text,
                        other => other.to_string(),
                    },
                    docs,
                })
                .collect(),
            catch_all,
        })
    } else if integer_enum_allowed && variants.iter().all(|(_, value, _)| value.is_i64()) {
        TypeKind::IntegerEnum(IntegerEnum {
            variants: variants
                .into_iter()
                .map(|(name, value, docs)| IntegerVariant {
                    name,
                    value: value.as_i64().unwrap_or_default(),
                    docs,
                })
                .collect(),
            catch_all,
        })
    } else {
        TypeKind::LiteralEnum(LiteralEnum {
            variants: variants
                .into_iter()
                .map(|(name, value, docs)| LiteralVariant { name, value, docs })
                .collect(),
            catch_all,
        })
    }
}
