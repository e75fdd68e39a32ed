//! The enum of the answers an operation may give, and its `IntoResponse` impl.

use quote::{format_ident, quote};

use super::doc_syntax;
use super::ident;
use super::server_runtime::ServerHelper;
use super::syntax;
use super::uses::Uses;
use crate::ir::{BodyKind, Operation, Response, StatusMatch, TypeRef};
use crate::naming;

/// `name`: an enum with a variant per status `operation` declares, holding its body (and the
/// status, for ranges and `default`; and the struct of its headers, named by `headers`, for
/// an answer that declares some), and its `IntoResponse` impl. Both are built as syntax
/// trees: a large spec has thousands of variants.
pub(super) fn emit_response_enum(
    operation: &Operation,
    name: &proc_macro2::Ident,
    headers: &[Option<String>],
    payload: &dyn Fn(&TypeRef) -> syn::Type,
    uses: &Uses<ServerHelper>,
) -> Vec<syn::Item> {
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut header_structs = Vec::new();
    for (index, response) in operation.responses.iter().enumerate() {
        let headers_name = headers
            .get(index)
            .cloned()
            .flatten()
            .map(|name| ident(&name));
        let variant = format_ident!("{}", naming::status_name(response.status));
        let docs = doc_syntax(&super::response_doc(response, ", with the status to send"));
        let fixed = match response.status {
            StatusMatch::Code(code) => Some(code),
            _ => None,
        };
        if fixed.is_some() {
            uses.mark(ServerHelper::StatusCode);
        }
        let status = || match fixed {
            Some(code) => syntax::call("status_code", [syntax::integer(code)]),
            None => syntax::path_expr("status"),
        };
        let status_field = fixed
            .is_none()
            .then(|| syntax::type_path("axum::http::StatusCode", Vec::new()));
        let body_ref = || syntax::reference(syntax::path_expr("body"));
        let answer = match &response.body {
            None => syntax::method(status(), "into_response", []),
            Some(body) => {
                let media = &body.media_type;
                match (body.kind, fixed) {
                    (BodyKind::Json, Some(code)) if media == "application/json" => {
                        uses.mark(ServerHelper::JsonReply);
                        syntax::call("json_reply", [syntax::integer(code), body_ref()])
                    }
                    (BodyKind::Json, _) => syntax::call(
                        "json_answer_as",
                        [status(), syntax::string(media), body_ref()],
                    ),
                    _ => {
                        let header = syntax::tuple([
                            syntax::path_expr("axum::http::header::CONTENT_TYPE"),
                            syntax::string(media),
                        ]);
                        let reply = syntax::tuple([
                            status(),
                            syntax::array([header]),
                            syntax::path_expr("body"),
                        ]);
                        syntax::method(reply, "into_response", [])
                    }
                }
            }
        };
        let variant_path = format!("Self::{variant}");
        let bound = |names: &[&str]| {
            syntax::tuple_struct_pattern(
                &variant_path,
                names.iter().map(|name| syntax::binding(ident(name))),
            )
        };
        let mut bindings: Vec<&str> = Vec::new();
        if status_field.is_some() {
            bindings.push("status");
        }
        if response.body.is_some() {
            bindings.push("body");
        }
        let answer = match &headers_name {
            Some(headers_name) => {
                header_structs.push(headers_struct(response, headers_name, payload, operation));
                bindings.push("headers");
                with_headers(answer, response, uses)
            }
            None => answer,
        };
        let pattern = match bindings.as_slice() {
            [] => syntax::path_pattern(&variant_path),
            names => bound(names),
        };
        let fields = status_field
            .into_iter()
            .chain(response.body.iter().map(|body| payload(&body.ty)))
            .chain(headers_name.map(syntax::named_type))
            .collect();
        variants.push(syntax::variant(docs, variant, fields));
        arms.push(syntax::arm(pattern, answer));
    }
    let doc = format!(
        " The answers `{}` may give, one variant per status the spec declares.",
        naming::unraw(&operation.name)
    );
    let attrs = vec![
        syntax::text_attribute("doc", &doc),
        syntax::list_attribute("derive", quote!(Debug, Clone, PartialEq)),
    ];
    let definition = syntax::public_enum(attrs, name.clone(), variants);
    // `impl axum::response::IntoResponse for Name { fn into_response(self) -> ... { match self {
    // arms } } }`
    let into_response = syntax::method_item(
        Vec::new(),
        false,
        ident("into_response"),
        syntax::Receiver::Value,
        Vec::new(),
        syntax::type_path("axum::response::Response", Vec::new()),
        vec![syntax::tail(syntax::match_(
            syntax::path_expr("self"),
            arms,
        ))],
    );
    let implementation = syntax::impl_block(
        Default::default(),
        Some("axum::response::IntoResponse"),
        syntax::named_type(name.clone()),
        vec![into_response],
    );
    header_structs.extend([definition, implementation]);
    header_structs
}

/// `pub struct GetPetOkHeaders { pub x_rate_limit: i64, pub etag: Option<String> }`: the
/// headers one answer declares, required ones as their type, the others as `Option`s.
fn headers_struct(
    response: &Response,
    name: &proc_macro2::Ident,
    payload: &dyn Fn(&TypeRef) -> syn::Type,
    operation: &Operation,
) -> syn::Item {
    let fields = response
        .headers
        .iter()
        .map(|header| {
            let ty = payload(&header.ty);
            let ty = if header.required {
                ty
            } else {
                syntax::type_path("Option", vec![ty])
            };
            let docs = match &header.docs {
                Some(docs) => format!("`{}`: {}", header.wire_name, docs.trim()),
                None => format!("`{}`", header.wire_name),
            };
            syntax::public_field(doc_syntax(&docs), ident(&header.name), ty)
        })
        .collect();
    let doc = format!(
        " The headers `{}` sends with its {} answer.",
        naming::unraw(&operation.name),
        match response.status {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
            StatusMatch::Default => "`default`".to_owned(),
        }
    );
    let attrs = vec![
        syntax::text_attribute("doc", &doc),
        syntax::list_attribute("derive", quote!(Debug, Clone, PartialEq)),
    ];
    syntax::public_struct(attrs, name.clone(), fields)
}

/// `with_headers(answer, [("x-rate-limit", header_text(&headers.x_rate_limit)), ...])`
/// (`header_items` for `Set-Cookie`, one header per cookie).
fn with_headers(answer: syn::Expr, response: &Response, uses: &Uses<ServerHelper>) -> syn::Expr {
    uses.mark(ServerHelper::WithHeaders);
    let pairs = response.headers.iter().map(|header| {
        let value = syntax::reference(syntax::field(
            syntax::path_expr("headers"),
            ident(&header.name),
        ));
        // Cookies are one header each: a comma is part of a cookie's `Expires`.
        let text = if header.wire_name.eq_ignore_ascii_case("set-cookie") {
            uses.mark(ServerHelper::HeaderItems);
            "header_items"
        } else {
            "header_text"
        };
        syntax::tuple([
            syntax::string(&header.wire_name),
            syntax::call(text, [value]),
        ])
    });
    syntax::call("with_headers", [answer, syntax::array(pairs)])
}
