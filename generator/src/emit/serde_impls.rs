//! Serde impls for structs and string enums, written by two macros emitted once.
//!
//! `#[derive(Serialize, Deserialize)]` expands every struct into a field enum, two visitors
//! and a sequence form no JSON API uses; for GitHub's spec that expansion was most of the time
//! `cargo check` spent on the models. Each type here gets one line per field instead
//! (`wire::object!(Invite { first_name = "first_name" required, ... })`), and the macros in
//! `types::wire` expand it into lean impls that do what the derives did: the same wire names
//! and defaults, `None` left out or written as `null` as before, errors for duplicate and
//! missing fields, unknown fields ignored.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::ident;
use super::model_parts::{default_fn_name, has_default_fn};
use crate::ir::{Field, Ir, StringEnum, Struct, TypeKind};

/// How a field is read and written, as `object!` spells it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// Always present and never null: missing is an error.
    Required,
    /// `Option<T>` left out when `None` (optional and not nullable).
    Optional,
    /// `Option<T>` written as `null` when `None`; missing reads as `None`.
    Nullable,
    /// Filled from the spec's default when missing.
    Defaulted,
}

impl Presence {
    fn of(field: &Field) -> Self {
        if has_default_fn(field) {
            Self::Defaulted
        } else if !field.required && !field.nullable {
            Self::Optional
        } else if field.nullable {
            Self::Nullable
        } else {
            Self::Required
        }
    }

    fn keyword(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Self::Required => "required",
                Self::Optional => "optional",
                Self::Nullable => "nullable",
                Self::Defaulted => "defaulted",
            }
        )
    }
}

/// `wire::object!(Name { field = "wire" presence, ... })`, and `.. extra` for a struct that
/// keeps unlisted properties in a map.
pub(super) fn struct_impls(type_name: &str, def: &Struct) -> TokenStream {
    let name = ident(type_name);
    let fields = def.fields.iter().map(|field| {
        let local = ident(&field.name);
        let wire = &field.wire_name;
        let presence = Presence::of(field);
        let keyword = presence.keyword();
        if presence == Presence::Defaulted {
            let function = default_fn_name(field);
            quote!(#local = #wire #keyword(Self::#function))
        } else {
            quote!(#local = #wire #keyword)
        }
    });
    let extra = def.additional.as_ref().map(|extra| {
        let extra = ident(&extra.name);
        quote!(.. #extra)
    });
    quote! {
        wire::object!(#name { #( #fields ),* } #extra);
    }
}

/// `wire::string_enum!(Name { Variant = "value", ... })`, and `or Other` for the catch-all.
pub(super) fn string_enum_impls(name: &Ident, def: &StringEnum) -> TokenStream {
    let variants = def.variants.iter().map(|variant| {
        let ident = ident(&variant.name);
        let value = &variant.value;
        quote!(#ident = #value)
    });
    let other = def.catch_all.as_ref().map(|other| {
        let other = ident(other);
        quote!(or #other)
    });
    quote! {
        wire::string_enum!(#name { #( #variants ),* } #other);
    }
}

/// What the types of a spec need from `types::wire`; an unused helper would be a warning.
struct Needs {
    objects: bool,
    /// Some struct has a field (`wire::field`).
    fields: bool,
    /// Some struct skips unlisted properties (`wire::skip`) rather than keeping them.
    skips: bool,
    extra: bool,
    string_enums: bool,
    open_string_enums: bool,
}

fn needs(ir: &Ir) -> Needs {
    let structs: Vec<&Struct> = ir
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(def) => Some(def),
            _ => None,
        })
        .collect();
    let string_enums: Vec<&StringEnum> = ir
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::StringEnum(def) => Some(def),
            _ => None,
        })
        .collect();
    Needs {
        objects: !structs.is_empty(),
        fields: structs.iter().any(|def| !def.fields.is_empty()),
        skips: structs.iter().any(|def| def.additional.is_none()),
        extra: structs.iter().any(|def| def.additional.is_some()),
        string_enums: !string_enums.is_empty(),
        open_string_enums: string_enums.iter().any(|def| def.catch_all.is_some()),
    }
}

/// The `wire` module: the macros and the helpers their expansions call, emitted once in
/// `types`, and only what some type uses.
pub(super) fn wire_module(ir: &Ir) -> Option<TokenStream> {
    let needs = needs(ir);
    if !needs.objects && !needs.string_enums {
        return None;
    }
    let into_string = (needs.extra || needs.open_string_enums).then(|| {
        quote! {
            pub(crate) fn into_string(self) -> String {
                self.0.into_owned()
            }
        }
    });
    let objects = needs.objects.then(|| objects(&needs));
    let string_enums = needs.string_enums.then(string_enums);
    Some(quote! {
        /// Serde support for the types above: `object!` and `string_enum!` write lean
        /// `Serialize` / `Deserialize` impls (derived ones cost rustc several times more to
        /// check, which adds up over thousands of types).
        mod wire {
            use std::borrow::Cow;

            use serde::de::{Deserialize, Deserializer, Error, Visitor};

            /// A string from the input, borrowed when the input allows it: a property name or
            /// an enum value.
            pub(crate) struct Text<'de>(Cow<'de, str>);

            impl Text<'_> {
                pub(crate) fn as_str(&self) -> &str {
                    &self.0
                }

                #into_string
            }

            impl<'de> Deserialize<'de> for Text<'de> {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct TextVisitor;
                    impl<'de> Visitor<'de> for TextVisitor {
                        type Value = Text<'de>;
                        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                            f.write_str("a string")
                        }
                        fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Text<'de>, E> {
                            Ok(Text(Cow::Borrowed(value)))
                        }
                        fn visit_str<E: Error>(self, value: &str) -> Result<Text<'de>, E> {
                            Ok(Text(Cow::Owned(value.to_owned())))
                        }
                        fn visit_string<E: Error>(self, value: String) -> Result<Text<'de>, E> {
                            Ok(Text(Cow::Owned(value)))
                        }
                        fn visit_borrowed_bytes<E: Error>(self, value: &'de [u8]) -> Result<Text<'de>, E> {
                            std::str::from_utf8(value).map(|text| Text(Cow::Borrowed(text))).map_err(E::custom)
                        }
                        fn visit_bytes<E: Error>(self, value: &[u8]) -> Result<Text<'de>, E> {
                            std::str::from_utf8(value).map(|text| Text(Cow::Owned(text.to_owned()))).map_err(E::custom)
                        }
                    }
                    deserializer.deserialize_str(TextVisitor)
                }
            }

            #objects
            #string_enums
        }
    })
}

/// `object!` and its helpers.
fn objects(needs: &Needs) -> TokenStream {
    let field = needs.fields.then(|| {
        quote! {
            /// Reads a field's value into its slot; a second occurrence is an error.
            pub(crate) fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
                slot: &mut Option<T>,
                map: &mut A,
                name: &'static str,
            ) -> Result<(), A::Error> {
                if slot.is_some() {
                    return Err(A::Error::duplicate_field(name));
                }
                *slot = Some(map.next_value()?);
                Ok(())
            }
        }
    });
    let skip = needs.skips.then(|| {
        quote! {
            /// Skips the value of a property the struct does not list.
            pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
                map.next_value::<serde::de::IgnoredAny>().map(|_| ())
            }
        }
    });
    // Macro definitions are kept as text: prettyplease can only print their bodies as a
    // stream of tokens.
    let macro_text = super::markers::verbatim(include_str!("wire/object.rs"));
    let extra = needs.extra.then(|| {
        quote! {
            /// Reads the value of a property the struct does not list into its map.
            pub(crate) fn extra<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
                into: &mut impl Extend<(String, V)>,
                key: Text<'de>,
                map: &mut A,
            ) -> Result<(), A::Error> {
                let value = map.next_value()?;
                into.extend([(key.into_string(), value)]);
                Ok(())
            }
        }
    });
    quote! {
        use serde::de::MapAccess;

        /// A struct read from an object, one property at a time.
        pub(crate) trait Object: Sized {
            const NAME: &'static str;
            fn visit<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
        }

        struct ObjectVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(T::NAME)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::visit(map)
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Object>(
            deserializer: D,
        ) -> Result<T, D::Error> {
            deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
        }

        #field
        #skip
        #extra

        #macro_text
    }
}

/// `string_enum!`: `as_str`, `Display`, `Serialize` and `Deserialize` for a unit enum.
fn string_enums() -> TokenStream {
    super::markers::verbatim(include_str!("wire/string_enum.rs"))
}

#[cfg(test)]
mod tests {
    use crate::Settings;
    use crate::test_support::{resolve_spec, spec_with_schemas};

    fn wire_for(schemas: &str) -> String {
        let ir = resolve_spec(&spec_with_schemas(schemas), Settings::default());
        super::wire_module(&ir)
            .map(|tokens| tokens.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_wire_module_holds_only_the_helpers_some_type_calls() {
        // Every struct keeps its unlisted properties: nothing is skipped.
        let kept = wire_for(
            "Labels:\n  type: object\n  properties: {name: {type: string}}\n  additionalProperties: {type: string}",
        );
        assert!(kept.contains("fn extra"), "{kept}");
        assert!(kept.contains("fn field"), "{kept}");
        assert!(!kept.contains("fn skip"), "{kept}");
        assert!(!kept.contains("macro_rules! string_enum"), "{kept}");

        // A struct without fields reads nothing into slots.
        let empty = wire_for(
            "Empty:\n  type: object\n  properties: {}\n  required: []\nTag: {type: string, enum: [a]}",
        );
        assert!(!empty.contains("fn field"), "{empty}");
        assert!(!empty.contains("fn extra"), "{empty}");
        assert!(!empty.contains("fn into_string"), "{empty}");
        assert!(empty.contains("macro_rules! string_enum"), "{empty}");

        assert_eq!(wire_for("Count: {type: integer}"), "");
    }
}
