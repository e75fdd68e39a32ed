//! Stage 5: IR -> the output's modules, as data ([`code::Module`]): syntax trees, and the
//! invocations of the output's own macros by their parts. Rare shapes are written with
//! `quote!` and parsed on the spot; the code written thousands of times on a large spec is
//! built as trees directly (`syntax`).

mod client;
mod client_answer;
mod client_names;
mod client_request;
mod client_runtime;
pub(crate) mod code;
mod docs;
mod items;
mod model_parts;
mod models;
mod runtime;
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

pub(crate) use docs::{doc_attrs, doc_syntax, response_doc};
pub(crate) use items::Items;
pub(crate) use syntax::ident;

use code::{Module, Parser};

use crate::analysis::Analysis;
use crate::ir::Ir;
use crate::settings::Settings;

/// A piece of the output that can be emitted and formatted on its own: a top-level module, or
/// a part of one (`types` is cut in parts on large specs to share the work between threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub module: ModuleKind,
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
pub enum ModuleKind {
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
            module: ModuleKind::Types,
            part,
            parts: type_parts,
        })
        .collect();
    if settings.client && has_operations {
        pieces.push(whole(ModuleKind::Client));
    }
    if settings.server && has_operations {
        pieces.push(whole(ModuleKind::Server));
    }
    pieces
}

/// One piece (`pub mod types { ... }`, with its docs). Pieces are independent, so they can
/// be emitted (and formatted) on different threads. What is written as tokens is parsed by
/// `parser`, which keeps the first failure; the operations' items of the client and the
/// server go to `items`.
pub(crate) fn emit_piece(
    piece: Piece,
    ir: &Ir,
    analysis: &Analysis,
    parser: &Parser,
    items: Items<'_>,
) -> Module {
    match piece.module {
        ModuleKind::Types => models::emit_models(ir, analysis, piece.part, piece.parts, parser),
        ModuleKind::Client => client::emit_client(ir, analysis, parser, items),
        ModuleKind::Server => server::emit_server(ir, analysis, parser, items),
    }
}

/// Every module of the output, whole: the models, and the client and server when asked for
/// and there are operations.
#[cfg(test)]
pub(crate) fn emit(
    ir: &Ir,
    analysis: &Analysis,
    settings: &Settings,
    parser: &Parser,
) -> Vec<Module> {
    pieces(ir, settings, 1)
        .into_iter()
        .map(|piece| emit_piece(piece, ir, analysis, parser, Items::Inline(Vec::new())))
        .collect()
}
