//! The body of a request builder's `read_answer`: the answer's status mapped onto the
//! responses the operation declares.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::client_names::OperationNames;
use super::client_runtime::ClientHelper;
use super::code::Parser;
use super::ident;
use super::syntax::{self, Fragment};
use super::uses::Uses;
use crate::analysis::Analysis;
use crate::analysis::Outcomes;
use crate::ir::{BodyKind, Response, StatusMatch, TypeRef};
use crate::naming;

/// Maps the answer's status onto the declared responses: exact codes first, then ranges,
/// then `default`; anything else is `Error::UnexpectedStatus`.
pub(super) fn emit_dispatch(
    analysis: &Analysis,
    uses: &Uses<ClientHelper>,
    outcomes: &Outcomes<'_>,
    names: &OperationNames,
    e: &TokenStream,
    parser: &Parser,
) -> Vec<syn::Stmt> {
    let mut all: Vec<(&Response, bool)> = outcomes
        .successes
        .iter()
        .map(|r| (*r, true))
        .chain(outcomes.errors.iter().map(|r| (*r, false)))
        .collect();
    all.sort_by_key(|(r, _)| match r.status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let has_default = all.iter().any(|(r, _)| r.status == StatusMatch::Default);
    let arms = all
        .iter()
        .map(|&(response, success)| arm(analysis, uses, outcomes, names, e, response, success));
    let mut arms: Vec<(bool, Fragment<syn::Pat>, Fragment<syn::Expr>, bool)> = arms.collect();
    if let [(true, _, _, _)] = arms.as_slice()
        && let Some((_, _, answer, uses_status)) = arms.pop()
    {
        return only_default(uses, outcomes, parser, answer, uses_status);
    }
    let arms = arms
        .into_iter()
        .filter_map(|(_, pattern, answer, _)| match (pattern, answer) {
            (Fragment::Tree(pattern), Fragment::Tree(answer)) => Some(syntax::arm(pattern, answer)),
            (pattern, answer) => parser.parse(quote!(#pattern => #answer,)),
        });
    let mut arms: Vec<syn::Arm> = arms.collect();
    if !has_default {
        uses.mark(ClientHelper::AnswerUnexpected);
    }
    if arms.is_empty() {
        // Nothing declared: every answer is unexpected (a one-arm `match` is clippy's
        // `match_single_binding`).
        let unexpected = syntax::method(syntax::path_expr("answer"), "unexpected", []);
        return vec![syntax::tail(syntax::call("Err", [unexpected]))];
    }
    // `_ => Err(answer.unexpected()),`
    if !has_default {
        let unexpected = syntax::method(syntax::path_expr("answer"), "unexpected", []);
        arms.push(syntax::arm(
            syntax::wild_pattern(),
            syntax::call("Err", [unexpected]),
        ));
    }
    uses.mark(ClientHelper::AnswerStatus);
    // `let status = answer.status;`
    // `match status.as_u16() { arms }`
    let status = syntax::path_expr("status");
    vec![
        syntax::let_(
            syntax::binding(ident("status")),
            syntax::field(syntax::path_expr("answer"), ident("status")),
        ),
        syntax::tail(syntax::match_(syntax::method(status, "as_u16", []), arms)),
    ]
}

/// One declared response: its pattern (`404`, `400..=499`, `_`), what its arm answers, and
/// whether that reads the status. The first field says it is `default`.
fn arm(
    analysis: &Analysis,
    uses: &Uses<ClientHelper>,
    outcomes: &Outcomes<'_>,
    names: &OperationNames,
    e: &TokenStream,
    response: &Response,
    success: bool,
) -> (bool, Fragment<syn::Pat>, Fragment<syn::Expr>, bool) {
    // The common arms are built as syntax trees: there are thousands on a large spec.
    let pattern = match response.status {
        StatusMatch::Code(code) => Fragment::Tree(syntax::integer_pattern(code)),
        StatusMatch::Range(hundreds) => {
            let low = Literal::u16_unsuffixed(hundreds * 100);
            let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
            Fragment::Tokens(quote!(#low..=#high))
        }
        StatusMatch::Default => Fragment::Tree(syntax::wild_pattern()),
    };
    let read = match &response.body {
        None => quote!(()),
        Some(body) => match body.kind {
            BodyKind::Json => {
                uses.mark(ClientHelper::AnswerJson);
                quote!(answer.json::<_, #e>()?)
            }
            BodyKind::Text => {
                uses.mark(ClientHelper::AnswerText);
                quote!(answer.text())
            }
            _ => {
                uses.mark(ClientHelper::AnswerBody);
                quote!(answer.body)
            }
        },
    };
    let variant = format_ident!("{}", naming::status_name(response.status));
    // Enum payloads that are boxed in the enum's definition are boxed here too.
    let in_enum = names.response.is_some() || !success;
    let read = match &response.body {
        Some(body) if in_enum && analysis.is_large(&body.ty) => match body.ty {
            TypeRef::Nullable(_) => quote!(#read.map(Box::new)),
            _ => quote!(Box::new(#read)),
        },
        _ => read,
    };
    let value = match (&names.response, success, &response.body) {
        (Some(enum_name), true, Some(_)) => quote!(#enum_name::#variant(#read)),
        (Some(enum_name), true, None) => quote!(#enum_name::#variant),
        (None, true, _) => read.clone(),
        (_, false, Some(body)) if body.kind == BodyKind::Json => {
            let error = names.error.as_ref().map(|e| quote!(#e)).unwrap_or_default();
            uses.mark(ClientHelper::AnswerApi);
            // `api` reads the body and wraps it; boxing goes in a closure.
            if !analysis.is_large(&body.ty) {
                quote!(#error::#variant)
            } else if let TypeRef::Nullable(_) = body.ty {
                quote!(|body: Option<_>| #error::#variant(body.map(Box::new)))
            } else {
                quote!(|body| #error::#variant(Box::new(body)))
            }
        }
        (_, false, Some(_)) => {
            let error = names.error.as_ref().map(|e| quote!(#e)).unwrap_or_default();
            quote!(#error::#variant(#read))
        }
        (_, false, None) => {
            let error = names.error.as_ref().map(|e| quote!(#e)).unwrap_or_default();
            quote!(#error::#variant)
        }
    };
    let plain_json = success
        && names.response.is_none()
        && !outcomes.with_headers
        && response
            .body
            .as_ref()
            .is_some_and(|body| body.kind == BodyKind::Json);
    let answer = if plain_json {
        // The body is the result: no `Ok(...?)` around it.
        Fragment::Tree(syntax::method(syntax::path_expr("answer"), "json", []))
    } else if let (false, Some(error), Some(body)) = (success, &names.error, &response.body)
        && body.kind == BodyKind::Json
        && !analysis.is_large(&body.ty)
    {
        // `Err(answer.api(Error::NotFound))`
        let variant = syntax::path_expr(&format!("{error}::{variant}"));
        let api = syntax::method(syntax::path_expr("answer"), "api", [variant]);
        Fragment::Tree(syntax::call("Err", [api]))
    } else if success && outcomes.with_headers {
        uses.mark(ClientHelper::AnswerHeaders);
        Fragment::Tokens(quote! {{
            let body = #value;
            Ok(ResponseValue { status, headers: answer.headers, body })
        }})
    } else if success {
        Fragment::Tokens(quote!(Ok(#value)))
    } else if response
        .body
        .as_ref()
        .is_some_and(|body| body.kind == BodyKind::Json)
    {
        Fragment::Tokens(quote!(Err(answer.api(#value))))
    } else {
        Fragment::Tokens(quote!(Err(Error::Api { status, body: Box::new(#value) })))
    };
    let uses_status = !success || outcomes.with_headers;
    (
        response.status == StatusMatch::Default,
        pattern,
        answer,
        uses_status,
    )
}

/// Only `default` is declared: no `match` (a one-arm `match` is clippy's
/// `match_single_binding`).
fn only_default(
    uses: &Uses<ClientHelper>,
    outcomes: &Outcomes<'_>,
    parser: &Parser,
    answer: Fragment<syn::Expr>,
    uses_status: bool,
) -> Vec<syn::Stmt> {
    let status = uses_status.then(|| {
        uses.mark(ClientHelper::AnswerStatus);
        quote!(let status = answer.status;)
    });
    let reads_answer = uses_status
        || outcomes.with_headers
        || outcomes
            .successes
            .iter()
            .chain(&outcomes.errors)
            .any(|r| r.body.is_some());
    let ignore = (!reads_answer).then(|| quote!(let _ = answer;));
    let mut statements = parser.stmts(quote! {
        #ignore
        #status
    });
    let answer = match answer {
        Fragment::Tree(answer) => Some(answer),
        Fragment::Tokens(answer) => parser.parse(answer),
    };
    match answer {
        // `{ let body = ...; Ok(body) }`: its statements, not a block in the function's.
        Some(syn::Expr::Block(block)) if block.attrs.is_empty() && block.label.is_none() => {
            statements.extend(block.block.stmts);
        }
        answer => statements.extend(answer.map(syntax::tail)),
    }
    statements
}
