//! Type uses -> Rust types.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::syntax::type_path;
use crate::ir::{Ir, Scalar, TypeRef};

/// The Rust type for a use of a type, written from inside the `types` module. `boxed` puts
/// the by-value named type (not one behind a `Vec` or map) in a `Box`, to break a recursive
/// cycle.
pub(crate) fn type_tokens(ir: &Ir, ty: &TypeRef, boxed: bool) -> TokenStream {
    type_tokens_from(ir, ty, boxed, "")
}

/// As [`type_tokens`], from another module: `module` (`types`) is put before every model.
pub(crate) fn type_tokens_from(ir: &Ir, ty: &TypeRef, boxed: bool, module: &str) -> TokenStream {
    type_syntax_from(ir, ty, boxed, module).into_token_stream()
}

/// As [`type_tokens_from`], as a syntax tree.
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
        TypeRef::Tuple(items) => {
            let mut elems: syn::punctuated::Punctuated<syn::Type, syn::Token![,]> =
                items.iter().map(|item| inner(item, false)).collect();
            // `(T,)`: without the comma it would be `T` in parentheses.
            if elems.len() == 1 {
                elems.push_punct(Default::default());
            }
            let tuple = syn::Type::Tuple(syn::TypeTuple {
                attrs: Vec::new(),
                paren_token: Default::default(),
                elems,
            });
            // A tuple that holds its own type by value is boxed whole.
            if boxed {
                type_path("Box", vec![tuple])
            } else {
                tuple
            }
        }
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

/// `pub struct UploadForm { pub file: File, pub title: String, ... }`: a `multipart/form-data`
/// body, one field per part, files as the module's `File` (a list of them for an array of
/// files), optional parts as `Option`s. The client and the server each write one, alike;
/// `uses_file` is told when a part is a file.
pub(crate) fn form_struct(
    ir: &Ir,
    body: &crate::ir::RequestBody,
    name: &proc_macro2::Ident,
    module: &str,
    uses_file: &dyn Fn(),
) -> TokenStream {
    let fields = body.parts.iter().map(|part| {
        let field = super::ident(&part.name);
        let ty = form_part_type(ir, part, module, uses_file);
        let ty = if part.required {
            ty
        } else {
            quote::quote!(Option<#ty>)
        };
        quote::quote!(pub #field: #ty,)
    });
    let doc = format!(" The `{}` body: one field per part.", body.media_type);
    quote::quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #fields )*
        }
    }
}

/// A part's field type in a form struct: `File`, `Vec<File>`, or the value's type.
pub(crate) fn form_part_type(
    ir: &Ir,
    part: &crate::ir::MultipartPart,
    module: &str,
    uses_file: &dyn Fn(),
) -> TokenStream {
    if part.file {
        uses_file();
        if matches!(part.ty, TypeRef::List(_)) {
            quote::quote!(Vec<File>)
        } else {
            quote::quote!(File)
        }
    } else {
        type_tokens_from(ir, &part.ty, false, module)
    }
}
