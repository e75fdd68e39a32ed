//! The `types` module: one serde type per named IR type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::code::{Code, Module, Parser};
use super::model_parts::{
    default_fn_name, derive_attr, derive_list, has_default_fn, variant_names_clash,
};
use super::syntax;
use super::types::{type_syntax_from, type_tokens};
use super::{doc_attrs, doc_syntax, ident};
use crate::analysis::{Analysis, DefaultImpl, Derives};
use crate::ir::{DefaultValue, Field, Ir, Presence, StringEnum, Struct, TypeDef, TypeId, TypeKind};

/// The `types` module, or part `part` of `parts` of it: the types sorted by name, cut into
/// contiguous runs, so the parts can be emitted and formatted on different threads and joined
/// in order. The first part holds the imports, the last the shared helpers.
/// Structs and string enums are built as syntax trees: a large spec has thousands.
pub(super) fn emit_models(
    ir: &Ir,
    analysis: &Analysis,
    part: usize,
    parts: usize,
    parser: &Parser,
) -> Module {
    let mut order: Vec<TypeId> = ir.ids().collect();
    order.sort_by(|a, b| ir.get(*a).name.cmp(&ir.get(*b).name));
    let per_part = order.len().div_ceil(parts.max(1));
    let (first, last) = (part == 0, part + 1 >= parts);
    let items = order
        .iter()
        .skip(part * per_part)
        .take(per_part)
        .flat_map(|&id| emit_type(ir, analysis, id, parser));
    let base64 = (last && analysis.features.base64).then(emit_base64_bytes);
    let nullable = if last && analysis.features.nullable {
        parser.source(super::runtime::NULLABLE)
    } else {
        Vec::new()
    };
    let wire = last
        .then(|| super::serde_impls::wire_module(ir, analysis.features.closed, parser))
        .flatten();
    let examples = last
        .then(|| super::examples::examples_module(ir, analysis, parser))
        .flatten();
    let map = (last && analysis.features.maps).then(|| {
        if analysis.features.index_map {
            quote! {
                /// The map `additionalProperties` are held in: keys in the order received.
                pub type Map<K, V> = indexmap::IndexMap<K, V>;
            }
        } else {
            quote! {
                /// The map `additionalProperties` are held in: keys sorted.
                pub type Map<K, V> = std::collections::BTreeMap<K, V>;
            }
        }
    });
    // Structs and string enums get their impls from `wire`'s macros, which name the traits
    // by path; the others name them here. An unused import would be a warning.
    let uses_serde = ir.types.iter().any(|def| {
        matches!(
            def.kind,
            TypeKind::Union(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_)
        )
    }) || !analysis.newtypes.is_empty()
        || analysis.features.base64;
    let import = (first && uses_serde).then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    let mut code = parser.items(quote!(#import));
    code.extend(items);
    code.extend(parser.items(quote!(#map #base64)));
    code.extend(nullable);
    code.extend(wire.map(Code::Module));
    code.extend(examples.map(Code::Module));
    Module::declared(
        parser,
        quote! {
            /// Types for the schemas of the spec.
            pub mod types;
        },
        code,
    )
}

fn emit_type(ir: &Ir, analysis: &Analysis, id: TypeId, parser: &Parser) -> Vec<Code> {
    let def = ir.get(id);
    let TypeDef {
        name,
        wire_name: _,
        pointer: _,
        docs,
        kind,
    } = def;
    let name = ident(name);
    let derives = analysis.derives(id);
    // Structs and string enums are built as trees, with their docs; the rarer kinds are
    // written as tokens behind theirs.
    let written = |body: TokenStream| {
        let docs = doc_attrs(docs.as_deref());
        parser.items(quote! {
            #docs
            #body
        })
    };
    let doc_trees = || docs.as_deref().map(doc_syntax).unwrap_or_default();
    match kind {
        TypeKind::Struct(def) => emit_struct(ir, analysis, id, def, doc_trees(), parser),
        TypeKind::StringEnum(def) => emit_string_enum(&name, derives, def, doc_trees()),
        TypeKind::IntegerEnum(def) => written(super::enums::integer_enum(&name, derives, def)),
        TypeKind::LiteralEnum(def) => written(super::enums::literal_enum(&name, derives, def)),
        TypeKind::Union(def) => written(super::unions::emit_union(ir, analysis, id, def)),
        TypeKind::Alias(target) if analysis.newtypes.contains(&id) => {
            let target = type_tokens(ir, target, analysis.is_boxed(id, 0));
            let derive = derive_attr(derives, true);
            written(quote! {
                #derive
                #[serde(transparent)]
                pub struct #name(pub #target);
            })
        }
        TypeKind::Alias(target) => {
            let target = type_tokens(ir, target, false);
            written(quote!(pub type #name = #target;))
        }
    }
}

fn emit_struct(
    ir: &Ir,
    analysis: &Analysis,
    id: TypeId,
    def: &Struct,
    mut attrs: Vec<syn::Attribute>,
    parser: &Parser,
) -> Vec<Code> {
    let Struct {
        fields,
        additional,
        // Read by `struct_impls`.
        closed: _,
        // The server's checks.
        dependent_required: _,
        min_properties: _,
        max_properties: _,
        conditionals: _,
    } = def;
    let type_name = &ir.get(id).name;
    let name = ident(type_name);
    let derives = analysis.derives(id);
    attrs.push(syntax::list_attribute(
        "derive",
        derive_list(derives, false),
    ));
    let field_items = fields.iter().enumerate().map(|(index, field)| {
        let Field {
            name: field_name,
            wire_name: _,
            pointer: _,
            docs,
            ty,
            required: _,
            nullable: _,
            default: _,
            deprecated,
            // Enforced by the server module's validation, not by deserialization.
            constraints: _,
        } = field;
        let mut docs = docs.clone();
        if *deprecated {
            let note = "Deprecated by the spec.";
            docs = Some(docs.map_or_else(|| note.to_owned(), |text| format!("{text}\n\n{note}")));
        }
        let docs = docs.as_deref().map(doc_syntax).unwrap_or_default();
        let inner = type_syntax_from(ir, ty, analysis.is_boxed(id, index), "");
        let ty = if field.presence() == Presence::OptionalNullable {
            syntax::type_path("Nullable", vec![inner])
        } else if field.is_option() {
            syntax::type_path("Option", vec![inner])
        } else {
            inner
        };
        syntax::public_field(docs, ident(field_name), ty)
    });
    let additional_item = additional.as_ref().map(|extra| {
        let value = type_syntax_from(ir, &extra.ty, false, "");
        syntax::public_field(
            doc_syntax("Properties the spec does not list."),
            ident(&extra.name),
            syntax::type_path("Map", vec![syntax::type_path("String", Vec::new()), value]),
        )
    });
    let manual_default = (derives.default == DefaultImpl::Manual).then(|| {
        let inits = fields.iter().map(|field| {
            let ident = ident(&field.name);
            match field.presence() {
                Presence::Defaulted => {
                    let function = default_fn_name(field);
                    quote!(#ident: Self::#function())
                }
                Presence::OptionalNullable => quote!(#ident: Nullable::Absent),
                _ => quote!(#ident: None),
            }
        });
        let extra = additional.as_ref().map(|extra| {
            let ident = ident(&extra.name);
            quote!(#ident: Default::default(),)
        });
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self {
                        #( #inits, )*
                        #extra
                    }
                }
            }
        }
    });
    let serde_impls = super::serde_impls::struct_impls(type_name, def, analysis.features.closed);
    let default_fns: Vec<TokenStream> = fields
        .iter()
        .filter(|field| has_default_fn(field))
        .filter_map(|field| {
            let value = default_expr(ir, field.default.as_ref()?)?;
            let function = default_fn_name(field);
            let ty = type_tokens(ir, &field.ty, false);
            Some(if field.nullable {
                quote!(fn #function() -> Option<#ty> { Some(#value) })
            } else {
                quote!(fn #function() -> #ty { #value })
            })
        })
        .collect();
    let default_fns = (!default_fns.is_empty()).then(|| {
        quote! {
            /// Spec defaults of optional fields, for deserialization.
            impl #name {
                #( #default_fns )*
            }
        }
    });
    let fields = field_items.chain(additional_item).collect();
    let mut code = vec![Code::Item(syntax::public_struct(attrs, name, fields))];
    code.extend(parser.items(quote!(#default_fns #manual_default)));
    code.push(Code::Macro(serde_impls));
    code
}

fn emit_string_enum(
    name: &proc_macro2::Ident,
    derives: &Derives,
    def: &StringEnum,
    mut attrs: Vec<syn::Attribute>,
) -> Vec<Code> {
    let StringEnum {
        variants,
        catch_all,
    } = def;
    attrs.push(syntax::list_attribute(
        "derive",
        derive_list(derives, false),
    ));
    let clash = variant_names_clash(
        &name.to_string(),
        variants
            .iter()
            .map(|v| v.name.as_str())
            .chain(catch_all.as_deref()),
    );
    if clash {
        attrs.push(syntax::list_attribute(
            "allow",
            quote!(clippy::enum_variant_names),
        ));
    }
    let items = variants.iter().map(|variant| {
        let docs = variant.docs.as_deref().map(doc_syntax).unwrap_or_default();
        syntax::variant(docs, ident(&variant.name), Vec::new())
    });
    let catch_all_item = catch_all.as_ref().map(|other| {
        syntax::variant(
            doc_syntax("A value the spec does not list, kept as it was received."),
            ident(other),
            vec![syntax::type_path("String", Vec::new())],
        )
    });
    let definition =
        syntax::public_enum(attrs, name.clone(), items.chain(catch_all_item).collect());
    let serde_impls = super::serde_impls::string_enum_impls(name, def);
    vec![Code::Item(definition), Code::Macro(serde_impls)]
}

fn default_expr(ir: &Ir, value: &DefaultValue) -> Option<TokenStream> {
    Some(match value {
        DefaultValue::String(text) => quote!(#text.to_owned()),
        DefaultValue::Integer(number) => {
            let literal = Literal::i64_unsuffixed(*number);
            quote!(#literal)
        }
        DefaultValue::Float(number) => {
            let literal = Literal::f64_unsuffixed(*number);
            quote!(#literal)
        }
        DefaultValue::Float32(number) => {
            let literal = Literal::f32_unsuffixed(*number);
            quote!(#literal)
        }
        DefaultValue::Bool(flag) => quote!(#flag),
        DefaultValue::Variant(id, index) => {
            let def = ir.get(*id);
            let variant = match &def.kind {
                TypeKind::StringEnum(e) => &e.variants.get(*index)?.name,
                TypeKind::IntegerEnum(e) => &e.variants.get(*index)?.name,
                TypeKind::LiteralEnum(e) => &e.variants.get(*index)?.name,
                _ => return None,
            };
            let enum_name = ident(&def.name);
            let variant = ident(variant);
            quote!(#enum_name::#variant)
        }
        DefaultValue::EmptyList => quote!(Vec::new()),
        DefaultValue::List(items) => {
            let items: Vec<TokenStream> = items
                .iter()
                .map(|item| default_expr(ir, item))
                .collect::<Option<_>>()?;
            quote!(vec![ #( #items ),* ])
        }
        DefaultValue::EmptyMap => quote!(Map::new()),
        DefaultValue::Null => return None,
    })
}

/// Bytes carried as base64 text (`format: byte`).
fn emit_base64_bytes() -> TokenStream {
    quote! {
        /// Bytes that travel as base64 text (`format: byte`).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct Base64Bytes(pub Vec<u8>);

        impl Serialize for Base64Bytes {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use base64::Engine as _;
                serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
            }
        }

        impl<'de> Deserialize<'de> for Base64Bytes {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use base64::Engine as _;
                let text = String::deserialize(deserializer)?;
                base64::engine::general_purpose::STANDARD
                    .decode(text.as_bytes())
                    .map(Base64Bytes)
                    .map_err(serde::de::Error::custom)
            }
        }
    }
}
