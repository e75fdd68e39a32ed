//! Type uses -> Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::syntax::type_path;
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

/// As [`type_tokens_from`], as a syntax tree; `module` is the models' module (`types`) or empty.
pub(crate) fn type_syntax_from(ir: &Ir, ty: &TypeRef, boxed: bool, module: &str) -> syn::Type {
    let inner = |ty: &TypeRef, boxed: bool| type_syntax_from(ir, ty, boxed, module);
    let model = |name: &str| {
        if module.is_empty() {
            name.to_owned()
        } else {
            format!("{module}::{name}")
        }
    };
    match ty {
        TypeRef::Named(id) => {
            let named = type_path(&model(&ir.get(*id).name), Vec::new());
            if boxed {
                type_path("Box", vec![named])
            } else {
                named
            }
        }
        TypeRef::Scalar(Scalar::Base64) => type_path(&model("Base64Bytes"), Vec::new()),
        TypeRef::Scalar(scalar) => scalar_syntax(*scalar),
        TypeRef::List(item) => type_path("Vec", vec![inner(item, false)]),
        TypeRef::Map(value) => type_path(
            &model("Map"),
            vec![type_path("String", Vec::new()), inner(value, false)],
        ),
        TypeRef::Nullable(ty) => type_path("Option", vec![inner(ty, boxed)]),
        TypeRef::Any => type_path("serde_json::Value", Vec::new()),
    }
}

fn scalar_syntax(scalar: Scalar) -> syn::Type {
    let path = match scalar {
        Scalar::String | Scalar::Binary => "String",
        Scalar::Bool => "bool",
        Scalar::I8 => "i8",
        Scalar::I16 => "i16",
        Scalar::I32 => "i32",
        Scalar::I64 => "i64",
        Scalar::U8 => "u8",
        Scalar::U16 => "u16",
        Scalar::U32 => "u32",
        Scalar::U64 => "u64",
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::DateTime => {
            return type_path(
                "chrono::DateTime",
                vec![type_path("chrono::Utc", Vec::new())],
            );
        }
        Scalar::Date => "chrono::NaiveDate",
        Scalar::Uuid => "uuid::Uuid",
        Scalar::Base64 => "Base64Bytes",
    };
    type_path(path, Vec::new())
}
