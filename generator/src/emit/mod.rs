//! Stage 5: IR -> Rust tokens. One function per IR kind, `quote!` only.

mod client;
mod client_runtime;
mod docs;
mod models;
mod server;
mod server_runtime;
mod types;
mod unions;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub(crate) use docs::doc_attrs;

use crate::analysis::Analysis;
use crate::ir::Ir;

/// The whole generated module.
pub fn emit(ir: &Ir, analysis: &Analysis) -> TokenStream {
    let models = models::emit_models(ir, analysis);
    let client = (!ir.operations.is_empty()).then(|| client::emit_client(ir, analysis));
    let server = (!ir.operations.is_empty()).then(|| server::emit_server(ir, analysis));
    quote! {
        #models
        #client
        #server
    }
}

/// An identifier from a name the naming module produced (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
