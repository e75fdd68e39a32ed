//! A `multipart/form-data` body on the server: the `…Form` struct the handler receives (the
//! client sends the same fields), and the statements that take it from the body's parts.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::ident;
use super::server_runtime::ServerHelper;
use super::uses::Uses;
use super::validate::Checker;
use crate::ir::{Ir, MultipartPart, RequestBody, TypeRef};

/// The server's form struct, as the client's (`types::form_struct`).
pub(super) fn form_struct(
    ir: &Ir,
    uses: &Uses<ServerHelper>,
    body: &RequestBody,
    name: &Ident,
    module: &str,
) -> TokenStream {
    super::types::form_struct(ir, body, name, module, &|| {
        uses.mark(ServerHelper::FormParts)
    })
}

fn part_type(
    ir: &Ir,
    uses: &Uses<ServerHelper>,
    part: &MultipartPart,
    module: &str,
) -> TokenStream {
    super::types::form_part_type(ir, part, module, &|| uses.mark(ServerHelper::FormParts))
}

/// The expression that takes the form from the parts `read_multipart_body` read: each field
/// by its part's name (a file, the files, a value, or each value of a list), a missing
/// required part and a part the form does not list as problems, then each value's checks.
pub(super) fn form_read(
    ir: &Ir,
    checker: &mut Checker<'_>,
    uses: &Uses<ServerHelper>,
    body: &RequestBody,
    name: &Ident,
    module: &str,
) -> TokenStream {
    uses.mark(ServerHelper::FormParts);
    let mut reads = Vec::new();
    let mut required = Vec::new();
    let mut fields = Vec::new();
    for part in &body.parts {
        let local = quote::format_ident!("part_{}", crate::naming::unraw(&part.name));
        let field = ident(&part.name);
        let wire = &part.wire_name;
        let is_required = part.required;
        let list = matches!(part.ty, TypeRef::List(_));
        let (helper, take) = match (part.file, list) {
            (true, true) => (ServerHelper::FormFiles, quote!(files)),
            (true, false) => (ServerHelper::FormFile, quote!(file)),
            (false, true) => (ServerHelper::FormValues, quote!(values)),
            (false, false) => (ServerHelper::FormValue, quote!(value)),
        };
        uses.mark(helper);
        let take = quote!(parts.#take(#wire, #is_required, &mut problems));
        let ty = part_type(ir, uses, part, module);
        reads.push(quote!(let #local: Option<#ty> = #take;));
        if !part.file {
            let loc = quote!(&[serde_json::Value::from("body"), serde_json::Value::from(#wire)]);
            let checks = checker.checks(&part.ty, &part.constraints, &quote!(value), &loc);
            if !checks.is_empty() {
                reads.push(quote! {
                    if let Some(value) = &#local {
                        let problems = &mut problems;
                        #checks
                    }
                });
            }
        }
        if is_required {
            required.push(local.clone());
        }
        fields.push(quote!(#field: #local));
    }
    let build = quote!(#name { #( #fields ),* });
    let built = match required.as_slice() {
        [] => quote!(Some(#build)),
        [only] => quote!(#only.map(|#only| #build)),
        _ => quote! {
            match ( #( #required, )* ) {
                ( #( Some(#required), )* ) => Some(#build),
                _ => None,
            }
        },
    };
    quote! {
        match parts {
            Some(parts) => {
                let mut parts = FormParts(parts);
                #( #reads )*
                parts.refuse_others(&mut problems);
                #built
            }
            None => None,
        }
    }
}
