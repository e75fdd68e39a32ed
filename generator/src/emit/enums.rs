//! The enums whose values are not strings, written as tokens (they are rare beside structs
//! and string enums, which are built as trees): integer enums read as `i64`, and literal enums,
//! whose variants each stand for one JSON value.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::model_parts::{derive_attr, variant_names_allow};
use super::{doc_attrs, ident};
use crate::analysis::Derives;
use crate::ir::{IntegerEnum, LiteralEnum};

pub(super) fn integer_enum(name: &Ident, derives: &Derives, def: &IntegerEnum) -> TokenStream {
    let IntegerEnum {
        variants,
        catch_all,
    } = def;
    let attributes = attributes(
        name,
        derives,
        variants.iter().map(|v| v.name.as_str()),
        catch_all,
    );
    let items = variants.iter().map(|variant| {
        let docs = doc_attrs(variant.docs.as_deref());
        let ident = ident(&variant.name);
        quote! {
            #docs
            #ident,
        }
    });
    let catch_all_item = catch_all.as_ref().map(|other| {
        let ident = ident(other);
        quote! {
            /// A value the spec does not list, kept as it was received.
            #ident(i64),
        }
    });
    let to_value = variants.iter().map(|variant| {
        let ident = ident(&variant.name);
        let value = Literal::i64_unsuffixed(variant.value);
        quote!(Self::#ident => #value,)
    });
    let from_value = variants.iter().map(|variant| {
        let ident = ident(&variant.name);
        let value = Literal::i64_unsuffixed(variant.value);
        quote!(#value => Ok(Self::#ident),)
    });
    let (catch_all_to, catch_all_from) = match catch_all {
        Some(other) => {
            let ident = ident(other);
            (
                quote!(Self::#ident(value) => *value,),
                quote!(other => Ok(Self::#ident(other)),),
            )
        }
        None => {
            let expected = format!(
                "one of {}",
                variants
                    .iter()
                    .map(|v| v.value.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            (
                TokenStream::new(),
                quote! {
                    other => Err(serde::de::Error::invalid_value(
                        serde::de::Unexpected::Signed(other),
                        &#expected,
                    )),
                },
            )
        }
    };
    quote! {
        #attributes
        pub enum #name {
            #( #items )*
            #catch_all_item
        }

        impl #name {
            /// The value as it is written on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #( #to_value )*
                    #catch_all_to
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                match i64::deserialize(deserializer)? {
                    #( #from_value )*
                    #catch_all_from
                }
            }
        }
    }
}

/// An enum of JSON values: `value()` gives each variant's value, serialization writes it, and
/// reading compares what was read with each listed value as JSON Schema does, or the JSON a
/// text spells (`wire::position`).
pub(super) fn literal_enum(name: &Ident, derives: &Derives, def: &LiteralEnum) -> TokenStream {
    let LiteralEnum {
        variants,
        catch_all,
    } = def;
    let attributes = attributes(
        name,
        derives,
        variants.iter().map(|v| v.name.as_str()),
        catch_all,
    );
    // A variant without a description says which value it is: its name may not (`Object`).
    let items = variants.iter().map(|variant| {
        let shown = format!("`{}`", variant.value);
        let docs = doc_attrs(Some(variant.docs.as_deref().unwrap_or(&shown)));
        let ident = ident(&variant.name);
        quote! {
            #docs
            #ident,
        }
    });
    let to_value = variants.iter().map(|variant| {
        let ident = ident(&variant.name);
        let value = json_tokens(&variant.value);
        quote!(Self::#ident => serde_json::json!(#value),)
    });
    let listed = variants.iter().map(|variant| ident(&variant.name));
    let arms = variants.iter().enumerate().map(|(index, variant)| {
        let ident = ident(&variant.name);
        let index = Literal::usize_unsuffixed(index);
        quote!(Some(#index) => Ok(Self::#ident),)
    });
    let (catch_all_item, catch_all_to, unlisted) = match catch_all {
        Some(other) => {
            let other = ident(other);
            (
                quote! {
                    /// A value the spec does not list, kept as it was received.
                    #other(serde_json::Value),
                },
                quote!(Self::#other(value) => value.clone(),),
                quote!(Ok(Self::#other(found))),
            )
        }
        None => {
            let expected = variants
                .iter()
                .map(|v| v.value.to_string())
                .collect::<Vec<_>>()
                .join(", ")
                .replace('{', "{{")
                .replace('}', "}}");
            let message = format!("expected one of {expected}, found {{found}}");
            (
                TokenStream::new(),
                TokenStream::new(),
                quote!(Err(serde::de::Error::custom(format_args!(#message)))),
            )
        }
    };
    quote! {
        #attributes
        pub enum #name {
            #( #items )*
            #catch_all_item
        }

        impl #name {
            /// The value as it is written on the wire.
            pub fn value(&self) -> serde_json::Value {
                match self {
                    #( #to_value )*
                    #catch_all_to
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.value().serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let found = serde_json::Value::deserialize(deserializer)?;
                match wire::position(&found, &[#( Self::#listed.value() ),*]) {
                    #( #arms )*
                    _ => #unlisted,
                }
            }
        }
    }
}

/// The enum's `#[derive]`, and the lint allowance when its variant names repeat its own.
fn attributes<'n>(
    name: &Ident,
    derives: &Derives,
    variants: impl Iterator<Item = &'n str>,
    catch_all: &'n Option<String>,
) -> TokenStream {
    let derive = derive_attr(derives, false);
    let allow = variant_names_allow(&name.to_string(), variants.chain(catch_all.as_deref()));
    quote!(#derive #allow)
}

/// A JSON value as the input of `serde_json::json!`, built token by token: its text is not
/// Rust (`\u0001` escapes are not), and a literal's tokens print as Rust writes them.
pub(super) fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(flag) => quote!(#flag),
        Value::Number(number) => {
            // An unsuffixed integer is an `i32` to `json!`: a larger one needs its type.
            let literal = if let Some(integer) = number.as_i64() {
                if i32::try_from(integer).is_ok() {
                    Literal::i64_unsuffixed(integer)
                } else {
                    Literal::i64_suffixed(integer)
                }
            } else if let Some(integer) = number.as_u64() {
                Literal::u64_suffixed(integer)
            } else {
                Literal::f64_unsuffixed(number.as_f64().unwrap_or_default())
            };
            quote!(#literal)
        }
        Value::String(text) => quote!(#text),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([ #( #items ),* ])
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = json_tokens(value);
                quote!(#key: #value)
            });
            quote!({ #( #entries ),* })
        }
    }
}
