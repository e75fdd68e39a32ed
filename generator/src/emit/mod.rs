//! Stage 5: IR -> Rust tokens. One function per IR kind, `quote!` only.

mod models;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::analysis::Analysis;
use crate::ir::Ir;
use crate::settings::Settings;

/// The whole generated module.
pub fn emit(ir: &Ir, analysis: &Analysis, settings: &Settings) -> TokenStream {
    let _ = settings;
    let models = models::emit_models(ir, analysis);
    quote! {
        #models
    }
}

/// An identifier from a name the naming module produced (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes for spec text, made safe for rustdoc: fenced blocks without a language
/// are marked `text` and deep indentation is flattened, so no description becomes a doctest.
pub(crate) fn doc_attrs(docs: Option<&str>) -> TokenStream {
    let Some(docs) = docs else {
        return TokenStream::new();
    };
    let mut in_fence = false;
    let lines = docs.lines().map(|line| {
        let trimmed = line.trim_start();
        let text = if trimmed.starts_with("```") {
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && trimmed.trim_end() == "```" {
                "```text".to_owned()
            } else {
                trimmed.to_owned()
            }
        } else if in_fence {
            line.to_owned()
        } else {
            let indent = line.len() - trimmed.len();
            format!("{}{}", " ".repeat(indent.min(3)), trimmed)
        };
        let text = text.trim_end();
        if text.is_empty() {
            String::new()
        } else {
            format!(" {text}")
        }
    });
    let mut lines: Vec<String> = lines.collect();
    if in_fence {
        lines.push(" ```".to_owned());
    }
    quote! { #( #[doc = #lines] )* }
}
