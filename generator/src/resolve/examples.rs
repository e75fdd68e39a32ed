//! Whether each of the spec's examples fits the type generated for it, decided at generation
//! time as far as the types say: a misfit is a warning at the example (the generated test of
//! the example would fail the same way, later).

use serde_json::Value;

use super::enums::same_json;
use crate::diagnostic::{Warnings, pointer_join};
use crate::ir::{Example, Scalar, TypeDef, TypeKind, TypeRef};

/// Levels of an example followed before it is taken as fitting: examples are shallow, and
/// a recursive type must not make the check recurse without bound.
const MAX_DEPTH: usize = 64;

pub(super) fn check(types: &[TypeDef], examples: &mut [Example], warnings: &mut Warnings) {
    for example in examples {
        let mut unlisted = Vec::new();
        match fits(types, &example.ty, &example.value, "", &mut unlisted, 0) {
            Ok(()) => example.unlisted = unlisted,
            Err(misfit) => {
                let at = misfit
                    .path
                    .iter()
                    .rev()
                    .fold(example.pointer.clone(), |at, token| {
                        pointer_join(&at, token)
                    });
                warnings.push(
                    at.clone(),
                    format!("this example does not fit its schema: {}", misfit.message),
                );
                example.misfit = Some(format!("{} (at {at})", misfit.message));
            }
        }
    }
}

/// Why a value does not fit, and where in it (innermost first).
struct Misfit {
    path: Vec<String>,
    message: String,
}

impl Misfit {
    fn new(message: impl Into<String>) -> Self {
        Misfit {
            path: Vec::new(),
            message: message.into(),
        }
    }

    fn within(mut self, token: impl Into<String>) -> Self {
        self.path.push(token.into());
        self
    }
}

/// Whether `value` (at `at`, a pointer within the example) fits `ty`; the pointers of the
/// properties it has that their object's type does not list (which reading passes over) are
/// added to `unlisted`.
fn fits(
    types: &[TypeDef],
    ty: &TypeRef,
    value: &Value,
    at: &str,
    unlisted: &mut Vec<String>,
    depth: usize,
) -> Result<(), Misfit> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut each = |items: &mut dyn Iterator<Item = (String, &TypeRef, &Value)>| {
        for (token, ty, value) in items {
            let inner = pointer_join(at, &token);
            fits(types, ty, value, &inner, unlisted, depth + 1)
                .map_err(|misfit| misfit.within(token))?;
        }
        Ok(())
    };
    match (ty, value) {
        (TypeRef::Any, _) | (TypeRef::Nullable(_), Value::Null) => Ok(()),
        (TypeRef::Nullable(inner), _) => fits(types, inner, value, at, unlisted, depth),
        (TypeRef::Scalar(scalar), _) => scalar_fits(*scalar, value),
        (TypeRef::List(item), Value::Array(values)) => each(
            &mut values
                .iter()
                .enumerate()
                .map(|(index, value)| (index.to_string(), item.as_ref(), value)),
        ),
        (TypeRef::Tuple(items), Value::Array(values)) if items.len() == values.len() => each(
            &mut items
                .iter()
                .zip(values)
                .enumerate()
                .map(|(index, (item, value))| (index.to_string(), item, value)),
        ),
        (TypeRef::Tuple(items), Value::Array(values)) => Err(Misfit::new(format!(
            "{} items where the tuple has {}",
            values.len(),
            items.len()
        ))),
        (TypeRef::Map(item), Value::Object(entries)) => each(
            &mut entries
                .iter()
                .map(|(key, value)| (key.clone(), item.as_ref(), value)),
        ),
        (TypeRef::Named(id), _) => named_fits(types, &types[id.0], value, at, unlisted, depth),
        (TypeRef::List(_) | TypeRef::Tuple(_), _) => Err(expected("a list", value)),
        (TypeRef::Map(_), _) => Err(expected("an object", value)),
    }
}

fn named_fits(
    types: &[TypeDef],
    def: &TypeDef,
    value: &Value,
    at: &str,
    unlisted: &mut Vec<String>,
    depth: usize,
) -> Result<(), Misfit> {
    let within = |token: &str, ty: &TypeRef, value: &Value, unlisted: &mut Vec<String>| {
        fits(
            types,
            ty,
            value,
            &pointer_join(at, token),
            unlisted,
            depth + 1,
        )
        .map_err(|misfit| misfit.within(token))
    };
    match (&def.kind, value) {
        (TypeKind::Alias(target), _) => fits(types, target, value, at, unlisted, depth + 1),
        (TypeKind::Struct(record), Value::Object(entries)) => {
            for field in &record.fields {
                match entries.get(&field.wire_name) {
                    None if field.required => {
                        return Err(Misfit::new(format!(
                            "the required property `{}` is missing",
                            field.wire_name
                        )));
                    }
                    None => {}
                    // Readers take `null` for any field that may be left out, too.
                    Some(Value::Null) if field.nullable || !field.required => {}
                    Some(value) => within(&field.wire_name, &field.ty, value, unlisted)?,
                }
            }
            let listed = |key: &String| record.fields.iter().any(|f| &f.wire_name == key);
            for (key, value) in entries.iter().filter(|(key, _)| !listed(key)) {
                match &record.additional {
                    Some(extra) => within(key, &extra.ty, value, unlisted)?,
                    None if record.closed => {
                        return Err(Misfit::new(format!(
                            "`{key}` is not a property of `{}`, which allows no others",
                            def.wire_name
                        )));
                    }
                    None => unlisted.push(pointer_join(at, key)),
                }
            }
            Ok(())
        }
        (TypeKind::Struct(_), _) => Err(expected("an object", value)),
        (TypeKind::StringEnum(strings), Value::String(text)) => {
            let listed = strings.variants.iter().any(|v| &v.value == text);
            if listed || strings.catch_all.is_some() {
                Ok(())
            } else {
                Err(Misfit::new(format!(
                    "{text:?} is not one of the enum's values"
                )))
            }
        }
        (TypeKind::StringEnum(_), _) => Err(expected("a string", value)),
        (TypeKind::IntegerEnum(integers), Value::Number(number)) => {
            let listed = integers
                .variants
                .iter()
                .any(|v| number.as_i64() == Some(v.value));
            if listed || integers.catch_all.is_some() {
                Ok(())
            } else {
                Err(Misfit::new(format!(
                    "{number} is not one of the enum's values"
                )))
            }
        }
        (TypeKind::IntegerEnum(_), _) => Err(expected("an integer", value)),
        (TypeKind::LiteralEnum(literals), _) => {
            let listed = literals.variants.iter().any(|v| same_json(&v.value, value));
            if listed || literals.catch_all.is_some() {
                Ok(())
            } else {
                Err(Misfit::new(format!(
                    "{value} is not one of the enum's values"
                )))
            }
        }
        (TypeKind::Union(union), _) => {
            let mut first_misfit = None;
            for variant in &union.variants {
                // Only the member that fits says which properties are passed over.
                let mut passed = Vec::new();
                match fits(types, &variant.ty, value, at, &mut passed, depth + 1) {
                    Ok(()) => {
                        unlisted.append(&mut passed);
                        return Ok(());
                    }
                    Err(misfit) => {
                        first_misfit.get_or_insert(misfit);
                    }
                }
            }
            match first_misfit {
                Some(misfit) => Err(Misfit::new(format!(
                    "it fits none of the union's alternatives (the first: {})",
                    misfit.message
                ))),
                None => Ok(()),
            }
        }
    }
}

fn scalar_fits(scalar: Scalar, value: &Value) -> Result<(), Misfit> {
    let fits = match scalar {
        Scalar::Bool => value.is_boolean(),
        Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => value.is_i64(),
        Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64 => value.is_u64(),
        Scalar::F32 | Scalar::F64 => value.is_number(),
        Scalar::String
        | Scalar::Binary
        | Scalar::Base64
        | Scalar::DateTime
        | Scalar::Date
        | Scalar::Uuid => value.is_string(),
    };
    if fits {
        return Ok(());
    }
    let what = match scalar {
        Scalar::Bool => "a boolean",
        Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => "an integer",
        Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64 => "a non-negative integer",
        Scalar::F32 | Scalar::F64 => "a number",
        _ => "a string",
    };
    Err(expected(what, value))
}

fn expected(what: &str, found: &Value) -> Misfit {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    Misfit::new(format!("expected {what}, found {found}"))
}
