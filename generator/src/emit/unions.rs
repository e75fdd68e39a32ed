//! Unions: untagged serde enums, or enums selected by a discriminator property.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::model_parts::{derive_attr, variant_names_allow};
use super::types::type_tokens;
use crate::analysis::Analysis;
use crate::ir::{Ir, TypeId, Union, UnionVariant};

pub(super) fn emit_union(ir: &Ir, analysis: &Analysis, id: TypeId, def: &Union) -> TokenStream {
    let Union { variants, tag } = def;
    let type_name = &ir.get(id).name;
    let name = ident(type_name);
    let derives = analysis.derives(id);
    let items = variants.iter().enumerate().map(|(index, variant)| {
        let UnionVariant {
            name,
            pointer: _,
            ty,
            tag_values: _,
            // The server's checks.
            constraints: _,
        } = variant;
        let ident = ident(name);
        let ty = type_tokens(ir, ty, analysis.is_boxed(id, index));
        quote!(#ident(#ty),)
    });
    let allow = variant_names_allow(type_name, variants.iter().map(|v| v.name.as_str()));
    let Some(tag) = tag else {
        let derive = derive_attr(derives, true);
        return quote! {
            #derive
            #[serde(untagged)]
            #allow
            pub enum #name {
                #( #items )*
            }
        };
    };
    // Tagged unions are (de)serialized through serde_json::Value rather than with
    // `#[serde(tag)]`: serde strips the tag before the variant sees it, which breaks variant
    // structs that declare the tag property themselves (as OpenAPI schemas usually do).
    let derive = derive_attr(derives, false);
    // A member that is itself a union on the same tag writes its own member's tag.
    let nested = |variant: &UnionVariant| {
        ir.tagged_union(&variant.ty)
            .is_some_and(|inner| inner.tag.as_deref() == Some(tag.as_str()))
    };
    let to_value = variants.iter().map(|variant| {
        let ident = ident(&variant.name);
        let values: &[String] = if nested(variant) {
            &[]
        } else {
            &variant.tag_values
        };
        quote!(Self::#ident(inner) => (&[#( #values ),*], serde_json::to_value(inner)),)
    });
    let fallback = def.fallback().map(|variant| ident(&variant.name));
    let from_value = variants
        .iter()
        .filter(|variant| !variant.tag_values.is_empty())
        .map(|variant| {
            let ident = ident(&variant.name);
            let values = &variant.tag_values;
            quote!(#( #values )|* => serde_json::from_value(value).map(Self::#ident),)
        });
    let all_tags: Vec<&String> = variants.iter().flat_map(|v| &v.tag_values).collect();
    let unlisted = match &fallback {
        Some(fallback) => quote!(_ => serde_json::from_value(value).map(Self::#fallback),),
        None => quote! {
            other => return Err(serde::de::Error::unknown_variant(other, &[#( #all_tags ),*])),
        },
    };
    // A value read by the fallback keeps the tag it came with, as a nested union's does.
    let untagged = if fallback.is_some() || variants.iter().any(nested) {
        quote!(!tags.is_empty() &&)
    } else {
        TokenStream::new()
    };
    quote! {
        #derive
        #allow
        pub enum #name {
            #( #items )*
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tags, value): (&[&str], _) = match self {
                    #( #to_value )*
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                // The variant decides the tag; a value that already names this variant keeps
                // its own spelling (one variant may answer to several tags).
                if let serde_json::Value::Object(map) = &mut value {
                    let current = map.get(#tag).and_then(serde_json::Value::as_str);
                    if #untagged !current.is_some_and(|current| tags.contains(&current)) {
                        map.insert(#tag.to_owned(), serde_json::Value::from(tags[0]));
                    }
                }
                value.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = match value.get(#tag) {
                    Some(serde_json::Value::String(tag)) => tag.clone(),
                    _ => return Err(serde::de::Error::missing_field(#tag)),
                };
                match tag.as_str() {
                    #( #from_value )*
                    #unlisted
                }
                .map_err(serde::de::Error::custom)
            }
        }
    }
}
