//! Stage 5: IR -> Rust tokens. One function per IR kind, with `quote!`; the code written
//! thousands of times on a large spec is built as syntax trees instead (`syntax`), which the
//! tokens hold placeholders for.

mod client;
mod client_answer;
mod client_names;
mod client_request;
mod client_runtime;
mod docs;
mod items;
pub(crate) mod markers;
mod model_parts;
mod models;
mod serde_impls;
mod server;
mod server_handler;
mod server_response;
mod server_runtime;
mod syntax;
mod types;
mod unions;
mod uses;
mod validate;

use proc_macro2::TokenStream;

pub(crate) use docs::{doc_attrs, doc_syntax, response_doc};
pub(crate) use items::{Items, moved};
pub(crate) use syntax::{Built, check_no_placeholder, ident};

use crate::analysis::Analysis;
use crate::ir::Ir;
use crate::settings::Settings;

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
