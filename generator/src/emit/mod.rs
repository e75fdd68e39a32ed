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
mod enums;
mod examples;
mod items;
mod model_parts;
mod models;
mod runtime;
mod serde_impls;
mod server;
mod server_form;
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

use code::{Module, Parser, Placement};

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

/// One top-level module of the output (`webhooks` holds a client, a server or both, each a
/// part of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    Types,
    Client,
    Server,
    WebhooksClient,
    WebhooksServer,
}

impl ModuleKind {
    pub(crate) fn placement(self) -> Placement {
        match self {
            ModuleKind::WebhooksClient | ModuleKind::WebhooksServer => Placement::Webhooks,
            ModuleKind::Types | ModuleKind::Client | ModuleKind::Server => Placement::Top,
        }
    }
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
    // The webhooks' client and server are the parts of one `webhooks` module.
    let hooks: Vec<ModuleKind> = [
        (settings.client, ModuleKind::WebhooksClient),
        (settings.server, ModuleKind::WebhooksServer),
    ]
    .into_iter()
    .filter(|(asked, _)| *asked && !ir.webhooks.is_empty())
    .map(|(_, module)| module)
    .collect();
    let parts = hooks.len();
    pieces.extend(hooks.into_iter().enumerate().map(|(part, module)| Piece {
        module,
        part,
        parts,
    }));
    pieces
}

/// One piece (`pub mod types { ... }`, with its docs). Pieces are independent, so they can
/// be emitted (and formatted) on different threads. What is written as tokens is parsed by
/// `parser`, which keeps the first failure; the operations' items of the client and the
/// server go to `items`.
pub(crate) fn emit_piece(piece: Piece, views: &Views, parser: &Parser, items: Items<'_>) -> Module {
    let (ir, analysis) = (&views.api.0, &views.api.1);
    let top = Placement::Top;
    match piece.module {
        ModuleKind::Types => models::emit_models(ir, analysis, piece.part, piece.parts, parser),
        ModuleKind::Client => client::emit_client(ir, analysis, parser, items, top),
        ModuleKind::Server => server::emit_server(ir, analysis, parser, items, top),
        ModuleKind::WebhooksClient | ModuleKind::WebhooksServer => {
            webhooks_part(piece, views, parser, items)
        }
    }
}

/// A part of `webhooks`: the module, holding the client or the server of the webhooks.
fn webhooks_part(piece: Piece, views: &Views, parser: &Parser, items: Items<'_>) -> Module {
    let at = Placement::Webhooks;
    let inner = match (piece.module, &views.webhook_sender, &views.webhook_receiver) {
        (ModuleKind::WebhooksClient, Some((ir, analysis)), _) => {
            client::emit_client(ir, analysis, parser, items, at)
        }
        (ModuleKind::WebhooksServer, _, Some((ir, analysis))) => {
            server::emit_server(ir, analysis, parser, items, at)
        }
        // `pieces` asks for a part only when its view was made.
        _ => {
            return Module::declared(
                parser,
                quote::quote!(
                    pub mod webhooks;
                ),
                Vec::new(),
            );
        }
    };
    Module::declared(
        parser,
        quote::quote! {
            /// The requests the API makes to its consumers (`webhooks`): `client` sends them
            /// (for the API's side), `server` receives them (for a consumer's).
            pub mod webhooks;
        },
        vec![code::Code::Module(inner)],
    )
}

/// The schemes `operations` use, with their indexes in `operations` renumbered to match: a
/// webhooks module offers the credentials its webhooks need, not all of the API's.
fn used_schemes(
    schemes: &[crate::ir::SecurityScheme],
    operations: &mut [crate::ir::Operation],
) -> Vec<crate::ir::SecurityScheme> {
    let mut used: Vec<usize> = operations
        .iter()
        .flat_map(|operation| operation.schemes())
        .collect();
    used.sort_unstable();
    used.dedup();
    for operation in operations {
        for alternative in &mut operation.security {
            for requirement in alternative {
                requirement.scheme = used
                    .binary_search(&requirement.scheme)
                    .unwrap_or(requirement.scheme);
            }
        }
    }
    used.iter().map(|&index| schemes[index].clone()).collect()
}

/// The IR and analysis each module is emitted from: the API's, and for the webhooks one where
/// they are the operations (sent to the exact URL a consumer registered, so with no path; and
/// received at `/` and their name).
pub(crate) struct Views {
    pub(crate) api: (Ir, Analysis),
    pub(crate) webhook_sender: Option<(Ir, Analysis)>,
    pub(crate) webhook_receiver: Option<(Ir, Analysis)>,
}

impl Views {
    pub(crate) fn new(ir: Ir, analysis: Analysis, settings: &Settings) -> Self {
        let view = |sender: bool| {
            let mut operations = ir.webhooks.clone();
            if sender {
                for operation in &mut operations {
                    operation.path = String::new();
                }
            }
            let security_schemes = used_schemes(&ir.security_schemes, &mut operations);
            let view = Ir {
                api: crate::ir::ApiInfo {
                    title: format!("{} webhooks", ir.api.title),
                    summary: None,
                    ..ir.api.clone()
                },
                types: ir.types.clone(),
                operations,
                webhooks: Vec::new(),
                // Tested with the types, once.
                examples: Vec::new(),
                security_schemes,
                // A consumer's URL and TLS, not the API's.
                mutual_tls: Vec::new(),
                servers: Vec::new(),
            };
            let mut analysis = crate::analysis::analyze(&view, settings);
            // A receiver reads what the API sends, which a newer API may add to: it ignores
            // what it does not know, as the client does (and the types, emitted for the
            // API's server, may have no refusing reader).
            analysis.features.closed = false;
            (view, analysis)
        };
        let hooks = !ir.webhooks.is_empty();
        Views {
            webhook_sender: (hooks && settings.client).then(|| view(true)),
            webhook_receiver: (hooks && settings.server).then(|| view(false)),
            api: (ir, analysis),
        }
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
    let views = Views::new(ir.clone(), analysis.clone(), settings);
    pieces(ir, settings, 1)
        .into_iter()
        .map(|piece| emit_piece(piece, &views, parser, Items::Inline(Vec::new())))
        .collect()
}
