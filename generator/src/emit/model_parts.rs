//! What the models, their serde impls, the unions and the server's validation share: the
//! derive list, the spec-default functions, which fields are held in an `Option`, and the
//! clippy allowance for variant names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::analysis::{DefaultImpl, Derives};
use crate::ir::{Field, Presence};
use crate::naming::{camel_words, unraw};

pub(super) fn derive_attr(derives: &Derives, serde: bool) -> TokenStream {
    let traits = derive_list(derives, serde);
    quote!(#[derive(#traits)])
}

/// The traits of [`derive_attr`], as the attribute's list: `Debug, Clone, PartialEq`.
pub(super) fn derive_list(derives: &Derives, serde: bool) -> TokenStream {
    let mut traits = vec![quote!(Debug), quote!(Clone)];
    if derives.copy {
        traits.push(quote!(Copy));
    }
    traits.push(quote!(PartialEq));
    if derives.eq_hash {
        traits.extend([quote!(Eq), quote!(Hash)]);
    }
    if derives.ord {
        traits.extend([quote!(PartialOrd), quote!(Ord)]);
    }
    if derives.default == DefaultImpl::Derive {
        traits.push(quote!(Default));
    }
    if serde {
        traits.extend([quote!(Serialize), quote!(Deserialize)]);
    }
    quote!(#(#traits),*)
}

/// The private associated function that produces a field's spec default
/// (`Invite::default_status`); field names are unique within a type, so these are too.
pub(super) fn default_fn_name(field: &Field) -> proc_macro2::Ident {
    format_ident!("default_{}", unraw(&field.name))
}

/// Whether a field gets a default function (a non-null spec default on an optional field).
pub(super) fn has_default_fn(field: &Field) -> bool {
    field.presence() == Presence::Defaulted
}

/// Clippy's `enum_variant_names` fires when every variant shares a first or last word, or a
/// variant starts or ends with the enum's own name; the names come from the spec's values,
/// so we say so instead of renaming them.
pub(super) fn variant_names_allow<'a>(
    enum_name: &str,
    names: impl Iterator<Item = &'a str>,
) -> TokenStream {
    if variant_names_clash(enum_name, names) {
        quote!(#[allow(clippy::enum_variant_names)])
    } else {
        TokenStream::new()
    }
}

/// Whether clippy's `enum_variant_names` would fire (see [`variant_names_allow`]).
pub(super) fn variant_names_clash<'a>(
    enum_name: &str,
    names: impl Iterator<Item = &'a str>,
) -> bool {
    let names: Vec<&str> = names.collect();
    let words: Vec<Vec<&str>> = names.iter().map(|name| camel_words(name)).collect();
    let shared = |first_word: bool| {
        let pick = |w: &Vec<&'a str>| {
            if first_word {
                w.first().copied()
            } else {
                w.last().copied()
            }
        };
        words.len() > 1 && {
            let first = pick(&words[0]);
            first.is_some() && words.iter().all(|w| pick(w) == first)
        }
    };
    let repeats_enum_name = names.iter().any(|name| {
        name.len() > enum_name.len()
            && (name.starts_with(enum_name)
                && name[enum_name.len()..].starts_with(|c: char| !c.is_ascii_lowercase())
                || name.ends_with(enum_name))
    });
    shared(true) || shared(false) || repeats_enum_name
}
