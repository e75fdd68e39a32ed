//! What the emitters hand to the formatter: modules of items, as data.
//!
//! Most items are syn trees, which prettyplease prints. Two kinds are not, because
//! prettyplease can only print a macro's tokens as a flat stream: the invocations of our own
//! macros ([`MacroCall`], which the formatter lays out from their parts) and the helpers'
//! macro definitions ([`Code::Source`], written as they are in this crate's files).

use proc_macro2::{Ident, TokenStream};

use crate::error::Error;

/// A module of the output: `/// docs` `pub mod name { items }`.
pub(crate) struct Module {
    /// Outer attributes: the module's docs.
    pub(crate) attrs: Vec<syn::Attribute>,
    pub(crate) vis: syn::Visibility,
    pub(crate) name: Ident,
    pub(crate) items: Vec<Code>,
}

impl Module {
    /// The module `declaration` (`/// Docs.` `pub mod name;`) declares, holding `items`.
    pub(crate) fn declared(parser: &Parser, declaration: TokenStream, items: Vec<Code>) -> Module {
        let (attrs, vis, name) = match parser.parse::<syn::ItemMod>(declaration) {
            Some(declared) => (declared.attrs, declared.vis, declared.ident),
            // The failure is reported by `Parser::finish`; this module is never printed.
            None => (
                Vec::new(),
                syn::Visibility::Inherited,
                Ident::new("unparsed", proc_macro2::Span::call_site()),
            ),
        };
        Module {
            attrs,
            vis,
            name,
            items,
        }
    }
}

#[cfg(test)]
impl Module {
    /// The module's items, as token text (macro invocations left out), and its sources: for
    /// tests that look for what a module holds.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        for code in &self.items {
            match code {
                Code::Item(item) => {
                    text.push_str(&quote::ToTokens::to_token_stream(item).to_string())
                }
                Code::Module(module) => text.push_str(&module.text()),
                Code::Source(source) => text.push_str(source),
                Code::Macro(_) | Code::StreamedItems => {}
            }
            text.push('\n');
        }
        text
    }
}

/// One item of a module.
pub(crate) enum Code {
    Item(syn::Item),
    Module(Module),
    Macro(MacroCall),
    /// A helper's source text, items as rustfmt would write them (macro definitions).
    Source(&'static str),
    /// Where the operations' items go when they are formatted as they are emitted
    /// ([`super::Items::Streamed`]); the formatter is handed their text.
    StreamedItems,
}

/// An invocation of one of the macros the generated code defines, by its parts.
pub(crate) enum MacroCall {
    /// `wire::object!(Name { field = "wire" presence, ... } ..extra);` (or `closed`)
    WireObject {
        name: Ident,
        fields: Vec<WireField>,
        /// The field that keeps unlisted properties.
        extra: Option<Ident>,
        /// No unlisted property is allowed: `closed` (refused while the server reads a
        /// request).
        closed: bool,
    },
    /// `wire::string_enum!(Name { Variant = "value", ... } or Other);`
    StringEnum {
        name: Ident,
        variants: Vec<(Ident, String)>,
        /// The variant that keeps values the spec does not list.
        other: Option<Ident>,
    },
    /// `sendable!(Builder => Output);`
    Sendable { builder: Ident, output: syn::Type },
}

/// One field of a `wire::object!` invocation.
pub(crate) struct WireField {
    pub(crate) name: Ident,
    pub(crate) wire: String,
    pub(crate) presence: Presence,
}

/// How a field is read and written, as `wire::object!` spells it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Always present and never null: missing is an error.
    Required,
    /// `Option<T>` left out when `None` (optional and not nullable).
    Optional,
    /// `Option<T>` written as `null` when `None`; missing reads as `None`.
    Nullable,
    /// `Nullable<T>`: `Absent` left out, `Null` written as `null`; missing reads as `Absent`.
    OptionalNullable,
    /// Filled from the spec's default, `Self::function()`, when missing.
    Defaulted(Ident),
}

/// Parses what emitters write as tokens into trees, keeping the first failure (an emitter's
/// mistake, reported as an internal error once the piece is emitted) instead of stopping.
#[derive(Default)]
pub(crate) struct Parser {
    failure: std::cell::RefCell<Option<Error>>,
}

impl Parser {
    /// The items of `tokens`.
    pub(crate) fn items(&self, tokens: TokenStream) -> Vec<Code> {
        if tokens.is_empty() {
            return Vec::new();
        }
        self.parse::<syn::File>(tokens)
            .map(|file| file.items.into_iter().map(Code::Item).collect())
            .unwrap_or_default()
    }

    /// The items of a source file of this crate's (a runtime helper).
    pub(crate) fn source(&self, text: &str) -> Vec<Code> {
        match text.parse::<TokenStream>() {
            Ok(tokens) => self.items(tokens),
            Err(err) => {
                self.failure.borrow_mut().get_or_insert_with(|| {
                    Error::Internal(format!("a runtime source does not parse: {err}"))
                });
                Vec::new()
            }
        }
    }

    /// One tree of type `T`.
    pub(crate) fn parse<T: syn::parse::Parse>(&self, tokens: TokenStream) -> Option<T> {
        syn::parse2(tokens).map_err(|err| self.fail(&err)).ok()
    }

    /// Statements.
    pub(crate) fn stmts(&self, tokens: TokenStream) -> Vec<syn::Stmt> {
        syn::parse::Parser::parse2(syn::Block::parse_within, tokens)
            .map_err(|err| self.fail(&err))
            .unwrap_or_default()
    }

    fn fail(&self, err: &syn::Error) {
        self.failure
            .borrow_mut()
            .get_or_insert_with(|| Error::Internal(format!("emitted code does not parse: {err}")));
    }

    /// The first failure, if any.
    pub(crate) fn finish(&self) -> Result<(), Error> {
        match self.failure.borrow_mut().take() {
            Some(failure) => Err(failure),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn written_code_that_does_not_parse_is_an_internal_error_not_output() {
        let parser = Parser::default();
        assert!(parser.stmts(quote!(let = ;)).is_empty());
        assert_eq!(
            parser
                .items(quote!(
                    pub struct A;
                ))
                .len(),
            1
        );
        let error = parser.finish().unwrap_err();
        assert!(error.to_string().contains("does not parse"), "{error}");
        // The first failure is reported, once.
        assert!(parser.finish().is_ok());
    }
}

/// Where a client or a server module sits: at the top, or in `webhooks` (one level deeper,
/// with the webhooks as its operations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    Top,
    Webhooks,
}

impl Placement {
    /// How many modules deep its items are, below the output's own modules.
    pub(crate) fn depth(self) -> usize {
        match self {
            Placement::Top => 1,
            Placement::Webhooks => 2,
        }
    }

    /// The output's `use` of the `types` module, from here.
    pub(crate) fn import_types(self) -> proc_macro2::TokenStream {
        // Named apart: `layers.rs` reads `super::` paths in this file as its own imports.
        let types = quote::format_ident!("types");
        match self {
            Placement::Top => quote::quote!(
                use super::#types;
            ),
            Placement::Webhooks => quote::quote!(
                use super::super::#types;
            ),
        }
    }
}
