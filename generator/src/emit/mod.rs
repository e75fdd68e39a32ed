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
use quote::quote;

pub(crate) use docs::doc_attrs;

use crate::analysis::Analysis;
use crate::ir::Ir;
use crate::settings::Settings;

/// The whole generated module: the models, and the client and server when asked for and
/// there are operations.
pub fn emit(ir: &Ir, analysis: &Analysis, settings: &Settings) -> TokenStream {
    let has_operations = !ir.operations.is_empty();
    let models = models::emit_models(ir, analysis);
    let client = (settings.client && has_operations).then(|| client::emit_client(ir, analysis));
    let server = (settings.server && has_operations).then(|| server::emit_server(ir, analysis));
    quote! {
        #models
        #client
        #server
    }
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
