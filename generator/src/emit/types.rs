//! Type uses -> Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Ir, Scalar, TypeRef};

/// The Rust type for a use of a type, written from inside the `types` module. `boxed` puts
/// the by-value named type (not one behind a `Vec` or map) in a `Box`, to break a recursive
/// cycle.
pub(crate) fn type_tokens(ir: &Ir, ty: &TypeRef, boxed: bool) -> TokenStream {
    type_tokens_from(ir, ty, boxed, &TokenStream::new())
}

/// As [`type_tokens`], from another module: `module` (`types::`) is put before every model.
pub(crate) fn type_tokens_from(
    ir: &Ir,
    ty: &TypeRef,
    boxed: bool,
    module: &TokenStream,
) -> TokenStream {
    let inner = |ty: &TypeRef, boxed: bool| type_tokens_from(ir, ty, boxed, module);
    match ty {
        TypeRef::Named(id) => {
            let name = ident(&ir.get(*id).name);
            if boxed {
                quote!(Box<#module #name>)
            } else {
                quote!(#module #name)
            }
        }
        TypeRef::Scalar(Scalar::Base64) => quote!(#module Base64Bytes),
        TypeRef::Scalar(scalar) => scalar_tokens(*scalar),
        TypeRef::List(item) => {
            let item = inner(item, false);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = inner(value, false);
            quote!(#module Map<String, #value>)
        }
        TypeRef::Nullable(ty) => {
            let ty = inner(ty, boxed);
            quote!(Option<#ty>)
        }
        TypeRef::Any => quote!(serde_json::Value),
    }
}

fn scalar_tokens(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String | Scalar::Binary => quote!(String),
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::U8 => quote!(u8),
        Scalar::U16 => quote!(u16),
        Scalar::U32 => quote!(u32),
        Scalar::U64 => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        Scalar::Date => quote!(chrono::NaiveDate),
        Scalar::Uuid => quote!(uuid::Uuid),
        Scalar::Base64 => quote!(Base64Bytes),
    }
}
