//! Stage 5: IR -> Rust tokens. One function per IR kind, `quote!` only.

mod client;
mod client_runtime;
mod docs;
mod models;
mod server;
mod server_runtime;
mod types;
mod unions;
mod uses;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};

pub(crate) use docs::doc_attrs;

use crate::analysis::Analysis;
use crate::ir::Ir;
use crate::settings::Settings;

/// The whole generated module: the models, and the client and server when asked for and
/// there are operations.
/// One top-level module of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    Types,
    Client,
    Server,
}

/// The modules `settings` asks for, in output order.
pub fn modules(ir: &Ir, settings: &Settings) -> Vec<Module> {
    let has_operations = !ir.operations.is_empty();
    let mut modules = vec![Module::Types];
    if settings.client && has_operations {
        modules.push(Module::Client);
    }
    if settings.server && has_operations {
        modules.push(Module::Server);
    }
    modules
}

/// The tokens of one module (`pub mod types { ... }`, with its docs). Modules are independent,
/// so they can be emitted (and formatted) on different threads.
pub fn emit_module(module: Module, ir: &Ir, analysis: &Analysis) -> TokenStream {
    match module {
        Module::Types => models::emit_models(ir, analysis),
        Module::Client => client::emit_client(ir, analysis),
        Module::Server => server::emit_server(ir, analysis),
    }
}

/// Every module in one stream.
pub fn emit(ir: &Ir, analysis: &Analysis, settings: &Settings) -> TokenStream {
    modules(ir, settings)
        .into_iter()
        .map(|module| emit_module(module, ir, analysis))
        .collect()
}

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
