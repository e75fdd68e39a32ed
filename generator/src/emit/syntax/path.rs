//! Names: identifiers, paths and type paths, the leaves every other builder uses.

use proc_macro2::{Ident, Span};

pub(super) fn span() -> Span {
    Span::call_site()
}

/// An identifier from a name the naming module produced (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `a::b::c`
pub(crate) fn path(path: &str) -> syn::Path {
    // Split at each `:` (a one-byte search; `split("::")` sets up a substring searcher per
    // call, and paths are built by the thousand).
    syn::Path {
        leading_colon: None,
        segments: path
            .split(':')
            .filter(|segment| !segment.is_empty())
            .map(|segment| syn::PathSegment::from(ident(segment)))
            .collect(),
    }
}

/// `a::b::C<args>` (no arguments: `a::b::C`)
pub(crate) fn type_path(name: &str, args: Vec<syn::Type>) -> syn::Type {
    let mut path = path(name);
    if !args.is_empty() {
        let last = path.segments.last_mut().expect("a path has a segment");
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}
