//! Stage 5: IR -> Rust tokens. One function per IR kind, with `quote!`; the code written
//! thousands of times on a large spec is built as syntax trees instead (`syntax`), which the
//! tokens hold placeholders for.

mod client;
mod client_answer;
mod client_request;
mod client_runtime;
mod docs;
mod models;
mod serde_impls;
mod server;
mod server_response;
mod server_runtime;
mod syntax;
mod types;
mod unions;
mod uses;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;

pub(crate) use docs::{doc_attrs, doc_syntax};
pub(crate) use syntax::{Built, check_no_placeholder};

use crate::analysis::Analysis;
use crate::ir::Ir;
use crate::settings::Settings;

/// Tokens that `quote!` takes over instead of copying. `#tokens` on a `TokenStream` copies
/// its top-level tokens, an allocation for each identifier and literal (`quote!` only borrows,
/// and proc-macro2 copies a stream it does not own alone); an emitter's pieces are
/// interpolated once each, level after level, so for the large ones the copies add up.
/// `#moved` moves the stream in; interpolated again, it adds nothing.
pub struct Moved(std::cell::Cell<TokenStream>);

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
pub enum Items<'s> {
    /// In the module's tokens.
    Inline(Vec<Moved>),
    /// Handed over as they are made (to be formatted a few at a time, so their syntax trees
    /// do not all wait in memory); the module's tokens hold [`format::items_marker`] in their
    /// place.
    ///
    /// [`format::items_marker`]: crate::format::items_marker
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
            Items::Streamed(_) => crate::format::items_marker(),
        }
    }
}

/// A piece of the output that can be emitted and formatted on its own: a top-level module, or
/// a part of one (`types` is cut in parts on large specs to share the work between threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub module: Module,
    pub part: usize,
    pub parts: usize,
}

impl Piece {
    pub fn is_first_part(self) -> bool {
        self.part == 0
    }

    pub fn is_last_part(self) -> bool {
        self.part + 1 >= self.parts
    }
}

/// One top-level module of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    Types,
    Client,
    Server,
}

/// Types per part of the `types` module when it is cut for threads: small parts even out the
/// threads' work.
const TYPES_PER_PART: usize = 256;

/// The pieces `settings` asks for, in output order. `threads` is how many will share them.
pub fn pieces(ir: &Ir, settings: &Settings, threads: usize) -> Vec<Piece> {
    let has_operations = !ir.operations.is_empty();
    let type_parts = if threads > 1 {
        ir.types.len().div_ceil(TYPES_PER_PART).max(1)
    } else {
        1
    };
    let whole = |module| Piece {
        module,
        part: 0,
        parts: 1,
    };
    let mut pieces: Vec<Piece> = (0..type_parts)
        .map(|part| Piece {
            module: Module::Types,
            part,
            parts: type_parts,
        })
        .collect();
    if settings.client && has_operations {
        pieces.push(whole(Module::Client));
    }
    if settings.server && has_operations {
        pieces.push(whole(Module::Server));
    }
    pieces
}

/// The tokens of one piece (`pub mod types { ... }`, with its docs). Pieces are independent,
/// so they can be emitted (and formatted) on different threads. The trees built for the piece
/// are kept in `built`, for the formatter to splice in; the operations' items of the client and
/// the server go to `items`.
pub fn emit_piece(
    piece: Piece,
    ir: &Ir,
    analysis: &Analysis,
    built: &Built,
    items: Items<'_>,
) -> TokenStream {
    match piece.module {
        Module::Types => models::emit_models(ir, analysis, piece.part, piece.parts, built),
        Module::Client => client::emit_client(ir, analysis, built, items),
        Module::Server => server::emit_server(ir, analysis, built, items),
    }
}

/// The whole generated module in one stream: the models, and the client and server when asked
/// for and there are operations.
pub fn emit(ir: &Ir, analysis: &Analysis, settings: &Settings, built: &Built) -> TokenStream {
    pieces(ir, settings, 1)
        .into_iter()
        .map(|piece| emit_piece(piece, ir, analysis, built, Items::Inline(Vec::new())))
        .collect()
}

/// The doc line of a response variant: `422: Validation Error`. `open_status` is what is said
/// of ranges and `default`, whose status the variant may carry.
pub(crate) fn response_doc(response: &crate::ir::Response, open_status: &str) -> String {
    use crate::ir::StatusMatch;
    let status = match response.status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX{open_status}"),
        StatusMatch::Default => format!("Any other status{open_status}"),
    };
    match &response.description {
        Some(description) => format!("{status}: {}", description.trim()),
        None => status,
    }
}

/// An identifier from a name the naming module produced (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
