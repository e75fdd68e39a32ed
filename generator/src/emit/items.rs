//! How emitted tokens are passed up: moved, not copied, and an operation's items either kept
//! in the module or handed over as they are made.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::markers;

/// Tokens that `quote!` takes over instead of copying. `#tokens` on a `TokenStream` copies
/// its top-level tokens, an allocation for each identifier and literal (`quote!` only borrows,
/// and proc-macro2 copies a stream it does not own alone); an emitter's pieces are
/// interpolated once each, level after level, so for the large ones the copies add up.
/// `#moved` moves the stream in; interpolated again, it adds nothing.
pub(crate) struct Moved(std::cell::Cell<TokenStream>);

pub(crate) fn moved(tokens: TokenStream) -> Moved {
    Moved(std::cell::Cell::new(tokens))
}

impl ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let moved = self.0.take();
        if tokens.is_empty() {
            *tokens = moved;
        } else {
            tokens.extend(moved);
        }
    }
}

/// Where an emitter puts the items it writes for each operation (their bulk, on a large spec).
pub(crate) enum Items<'s> {
    /// In the module's tokens.
    Inline(Vec<Moved>),
    /// Handed over as they are made (to be formatted a few at a time, so their syntax trees
    /// do not all wait in memory); the module's tokens hold [`markers::items_marker`] in their
    /// place.
    Streamed(&'s mut dyn FnMut(TokenStream)),
}

impl Items<'_> {
    pub(crate) fn push(&mut self, items: TokenStream) {
        match self {
            Items::Inline(inline) => inline.push(moved(items)),
            Items::Streamed(sink) => sink(items),
        }
    }

    /// What the module's tokens hold where the items go.
    pub(crate) fn into_tokens(self) -> TokenStream {
        match self {
            Items::Inline(inline) => quote::quote!(#( #inline )*),
            Items::Streamed(_) => markers::items_marker(),
        }
    }
}
