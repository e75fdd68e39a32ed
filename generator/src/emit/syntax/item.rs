//! Types, attributes, fields, and items: structs, enums, functions, `impl` blocks.

use proc_macro2::{Ident, Literal, TokenStream};
use syn::{Expr, Stmt};

use super::expr::{binding, block, string};
use super::path::{path, span};

/// A type by its name alone: `Pet`
pub(crate) fn named_type(name: Ident) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path::from(name),
    })
}

/// `#[doc = literal]`, the literal as written (`r" text"`).
pub(crate) fn doc(literal: Literal) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: path("doc"),
        eq_token: Default::default(),
        value: Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: syn::Lit::new(literal),
        }),
    }))
}

/// `#[name = "text"]`
pub(crate) fn text_attribute(name: &str, text: &str) -> syn::Attribute {
    attribute(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(name),
        eq_token: Default::default(),
        value: string(text),
    }))
}

/// `#[name(tokens)]`: `#[derive(Debug, Clone)]`
pub(crate) fn list_attribute(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: path(name),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

fn attribute(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// A field of a tuple struct or variant: its type.
fn unnamed_field(ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        ident: None,
        colon_token: None,
        ty,
        default: None,
    }
}

/// `pub name: ty` in a struct.
pub(crate) fn public_field(attrs: Vec<syn::Attribute>, name: Ident, ty: syn::Type) -> syn::Field {
    named_field(attrs, syn::Visibility::Public(Default::default()), name, ty)
}

/// `name: ty` in a struct, private.
pub(crate) fn private_field(name: Ident, ty: syn::Type) -> syn::Field {
    named_field(Vec::new(), syn::Visibility::Inherited, name, ty)
}

fn named_field(
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    name: Ident,
    ty: syn::Type,
) -> syn::Field {
    syn::Field {
        attrs,
        vis,
        modifiers: Default::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `#[attrs] Name(types)` (no types: `Name`)
pub(crate) fn variant(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    types: Vec<syn::Type>,
) -> syn::Variant {
    let fields = if types.is_empty() {
        syn::Fields::Unit
    } else {
        syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: types.into_iter().map(unnamed_field).collect(),
        })
    };
    syn::Variant {
        attrs,
        ident: name,
        fields,
        discriminant: None,
    }
}

/// `#[attrs] pub enum Name { variants }`
pub(crate) fn public_enum(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    variants: Vec<syn::Variant>,
) -> syn::Item {
    syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `#[attrs] pub struct Name { fields }`
pub(crate) fn public_struct(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    fields: Vec<syn::Field>,
) -> syn::Item {
    generic_struct(attrs, name, Default::default(), fields)
}

/// `#[attrs] pub struct Name<generics> { fields }`
pub(crate) fn generic_struct(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    generics: syn::Generics,
    fields: Vec<syn::Field>,
) -> syn::Item {
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics,
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

/// `'a`
pub(crate) fn lifetime(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(name, span())
}

/// `<'a>`
pub(crate) fn lifetime_generics(name: &str) -> syn::Generics {
    syn::Generics {
        lt_token: Some(Default::default()),
        params: std::iter::once(syn::GenericParam::Lifetime(syn::LifetimeParam {
            attrs: Vec::new(),
            lifetime: lifetime(name),
            colon_token: None,
            bounds: Default::default(),
        }))
        .collect(),
        gt_token: Some(Default::default()),
        where_clause: None,
    }
}

/// `&'a T` (no lifetime: `&T`)
pub(crate) fn reference_type(lifetime_name: Option<&str>, elem: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: lifetime_name.map(lifetime),
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `Name<'a>`
pub(crate) fn type_with_lifetime(name: Ident, lifetime_name: &str) -> syn::Type {
    let mut path = syn::Path::from(name);
    let last = path.segments.last_mut().expect("a path has a segment");
    last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: Default::default(),
        args: std::iter::once(syn::GenericArgument::Lifetime(lifetime(lifetime_name))).collect(),
        gt_token: Default::default(),
    });
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `impl Trait`: `impl Into<String>`
pub(crate) fn impl_trait(bound: syn::Type) -> syn::Type {
    let syn::Type::Path(bound) = bound else {
        unreachable!("a trait bound is a path")
    };
    syn::Type::ImplTrait(syn::TypeImplTrait {
        attrs: Vec::new(),
        impl_token: Default::default(),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path: bound.path,
        }))
        .collect(),
    })
}

/// A method's receiver: `self`, `mut self`, `&self`, or none (an associated function).
pub(crate) enum Receiver {
    Value,
    MutValue,
    Ref,
    NoSelf,
}

/// `name: ty` as a function's argument.
pub(crate) fn argument(name: Ident, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(binding(name)),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `pattern: ty` as a function's argument: `State(api): State<Arc<A>>`
pub(crate) fn pattern_argument(pattern: syn::Pat, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(pattern),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `impl std::future::Future<Output = output> + Send`
pub(crate) fn future_type(output: syn::Type) -> syn::Type {
    let mut future = path("std::future::Future");
    let last = future.segments.last_mut().expect("a path has a segment");
    last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: Default::default(),
        args: std::iter::once(syn::GenericArgument::AssocType(syn::AssocType {
            ident: Ident::new("Output", span()),
            generics: None,
            eq_token: Default::default(),
            ty: output,
        }))
        .collect(),
        gt_token: Default::default(),
    });
    let bound = |path| {
        syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path,
        })
    };
    syn::Type::ImplTrait(syn::TypeImplTrait {
        attrs: Vec::new(),
        impl_token: Default::default(),
        bounds: [bound(future), bound(path("Send"))].into_iter().collect(),
    })
}

/// `fn name(args) -> output` with nothing else: the parts of a signature that vary here.
fn signature(name: Ident, inputs: Vec<syn::FnArg>, output: syn::Type) -> syn::Signature {
    syn::Signature {
        constness: None,
        asyncness: None,
        safety: syn::Safety::Default,
        abi: None,
        fn_token: Default::default(),
        ident: name,
        generics: Default::default(),
        paren_token: Default::default(),
        inputs: inputs.into_iter().collect(),
        variadic: None,
        output: syn::ReturnType::Type(Default::default(), Box::new(output)),
    }
}

/// `fn name(&self, args) -> output;` in a trait.
pub(crate) fn trait_method(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    args: Vec<syn::FnArg>,
    output: syn::Type,
) -> syn::TraitItem {
    let receiver = syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        mutability: None,
        self_token: Default::default(),
        kind: syn::ReceiverKind::Reference(Default::default(), None, None),
    });
    let inputs = std::iter::once(receiver).chain(args).collect();
    syn::TraitItem::Fn(syn::TraitItemFn {
        attrs,
        modifiers: Default::default(),
        sig: signature(name, inputs, output),
        default: None,
        semi_token: Some(Default::default()),
    })
}

/// `<A: Api>`: one type parameter with one bound.
pub(crate) fn bounded_generics(parameter: &str, bound: &str) -> syn::Generics {
    let parameter = syn::GenericParam::Type(syn::TypeParam {
        attrs: Vec::new(),
        ident: Ident::new(parameter, span()),
        colon_token: Some(Default::default()),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path: path(bound),
        }))
        .collect(),
        default: None,
    });
    syn::Generics {
        lt_token: Some(Default::default()),
        params: std::iter::once(parameter).collect(),
        gt_token: Some(Default::default()),
        where_clause: None,
    }
}

/// `async fn name<generics>(args) -> output { body }`, private.
pub(crate) fn async_fn(
    name: Ident,
    generics: syn::Generics,
    args: Vec<syn::FnArg>,
    output: syn::Type,
    body: Vec<Stmt>,
) -> syn::Item {
    let mut sig = signature(name, args, output);
    sig.asyncness = Some(Default::default());
    sig.generics = generics;
    syn::Item::Fn(syn::ItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig,
        block: Box::new(block(body)),
    })
}

/// `#[attrs] pub fn name(receiver, args) -> output { body }` in an `impl` (`public`: with
/// `pub`).
pub(crate) fn method_item(
    attrs: Vec<syn::Attribute>,
    public: bool,
    name: Ident,
    receiver: Receiver,
    args: Vec<syn::FnArg>,
    output: syn::Type,
    body: Vec<Stmt>,
) -> syn::ImplItem {
    let (mutability, kind) = match receiver {
        Receiver::Value => (None, Some(syn::ReceiverKind::Value)),
        Receiver::MutValue => (Some(Default::default()), Some(syn::ReceiverKind::Value)),
        Receiver::Ref => (
            None,
            Some(syn::ReceiverKind::Reference(Default::default(), None, None)),
        ),
        Receiver::NoSelf => (None, None),
    };
    let receiver = kind.map(|kind| {
        syn::FnArg::Receiver(syn::Receiver {
            attrs: Vec::new(),
            mutability,
            self_token: Default::default(),
            kind,
        })
    });
    syn::ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis: if public {
            syn::Visibility::Public(Default::default())
        } else {
            syn::Visibility::Inherited
        },
        modifiers: Default::default(),
        sig: signature(name, receiver.into_iter().chain(args).collect(), output),
        block: block(body),
    })
}

/// `impl<generics> Trait for Type { items }` (no trait: `impl Type { items }`)
pub(crate) fn impl_block(
    generics: syn::Generics,
    trait_path: Option<&str>,
    self_ty: syn::Type,
    items: Vec<syn::ImplItem>,
) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics,
        trait_: trait_path.map(|name| (path(name), Default::default())),
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}
