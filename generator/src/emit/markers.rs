//! The two marker items emitters write for the formatter to replace with text: where a
//! module's streamed items go, and finished text (macro definitions). Defined here, below the
//! formatter, which reads them.

use proc_macro2::TokenStream;

/// The item that marks where a module's streamed items go (see `format::ItemStream`).
pub(crate) const ITEMS_MARKER: &str = "__oasforge_items!();";

/// The marker an emitter writes where the items it streamed go.
pub(crate) fn items_marker() -> TokenStream {
    quote::quote!(__oasforge_items!();)
}

/// The macro that marks where finished text goes (see [`verbatim`]).
pub(crate) const VERBATIM: &str = "oasforge_verbatim!(";

/// Items an emitter writes as finished text rather than tokens: macro definitions, whose
/// bodies prettyplease can only print as a flat stream of tokens. The marker item holds the
/// text; formatting replaces it with the text, indented where the marker was.
pub(crate) fn verbatim(text: &str) -> TokenStream {
    quote::quote!(oasforge_verbatim!(#text);)
}
