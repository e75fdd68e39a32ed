//! The body of a request builder's `build_request`: the URL, the parameters, the credentials
//! and the body, set on a `reqwest::RequestBuilder`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client_runtime::ClientHelper;
use super::code::Parser;
use super::ident;
use super::syntax;
use super::uses::Uses;
use crate::ir::{
    BodyKind, HttpMethod, Ir, Operation, ParamLocation, ParamStyle, Parameter, Piece, RequestBody,
    SecurityKind, TypeRef,
};

/// The body of `build_request`: the URL, parameters, credentials and body, without sending.
/// The common statements are built as syntax trees: there are thousands on a large spec.
pub(super) fn emit_request(
    ir: &Ir,
    uses: &Uses<ClientHelper>,
    operation: &Operation,
    parser: &Parser,
) -> Vec<syn::Stmt> {
    let self_field = |field| syntax::field(syntax::path_expr("self"), field);
    let mut statements = Vec::new();
    // `let client = self.client;`
    statements.push(syntax::let_(
        syntax::binding(ident("client")),
        self_field(ident("client")),
    ));
    let (segments, format, url_args) = url_parts(uses, operation, &self_field);
    let method = http_method(operation.method);

    let schemes = &ir.security_schemes;
    let uses_query = operation
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Query);
    let uses_cookies = operation
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Cookie)
        || operation.schemes().any(|s| {
            matches!(
                schemes[s].kind,
                SecurityKind::ApiKey {
                    location: ParamLocation::Cookie,
                    ..
                }
            )
        });

    statements.extend(segments);
    let request = |name: &str| syntax::binding(ident(name));
    // `let url = format!("{}/pets/{}", client.base_url, segment_0);`, or with no path (a
    // webhook, sent to the URL a consumer registered) `let url = client.base_url.clone();`.
    let url = if format == "{}" {
        syntax::method(
            syntax::field(syntax::path_expr("client"), ident("base_url")),
            "clone",
            [],
        )
    } else {
        syntax::macro_call("format", quote!(#format, #( #url_args ),*))
    };
    statements.push(syntax::let_(request("url"), url));
    // `let request = client.http.request(reqwest::Method::GET, url);`
    let http = syntax::field(syntax::path_expr("client"), ident("http"));
    statements.push(syntax::let_(
        request("request"),
        syntax::method(
            http,
            "request",
            [syntax::path_expr(method), syntax::path_expr("url")],
        ),
    ));
    if uses_query {
        // `let mut query = Vec::new();`
        statements.push(syntax::let_(
            syntax::mut_binding(ident("query")),
            syntax::call("Vec::new", []),
        ));
    }
    if uses_cookies {
        statements
            .extend(parser.stmts(quote!(let mut cookies: Vec<(String, String)> = Vec::new();)));
    }
    for param in &operation.params {
        if param.location != ParamLocation::Path {
            statements.extend(param_statements(uses, param, parser));
        }
    }
    statements.extend(parser.stmts(emit_security(ir, operation)));
    if uses_query {
        uses.mark(ClientHelper::WithQuery);
        // `let request = with_query(request, &query);`
        let with_query = syntax::call(
            "with_query",
            [
                syntax::path_expr("request"),
                syntax::reference(syntax::path_expr("query")),
            ],
        );
        statements.push(syntax::let_(request("request"), with_query));
    }
    if uses_cookies {
        uses.mark(ClientHelper::CookieHeader);
        statements.extend(parser.stmts(quote! {
            let request = if cookies.is_empty() {
                request
            } else {
                request.header(reqwest::header::COOKIE, cookie_header(&cookies))
            };
        }));
    }
    if let Some(body) = &operation.body {
        statements.extend(emit_body(uses, body, parser));
    }
    statements.push(syntax::tail(syntax::call(
        "Ok",
        [syntax::path_expr("request")],
    )));
    statements
}

/// The URL's `format!` string and arguments: literal pieces of the template, path parameters
/// as encoded segments, each bound first by one of the statements returned.
fn url_parts(
    uses: &Uses<ClientHelper>,
    operation: &Operation,
    self_field: &dyn Fn(proc_macro2::Ident) -> syn::Expr,
) -> (Vec<syn::Stmt>, String, Vec<TokenStream>) {
    let mut format = String::from("{}");
    let mut url_args = vec![quote!(client.base_url)];
    let mut segments = Vec::new();
    // The same pieces the server matches (`ir::pieces`), so both agree on what is a parameter.
    for (index, segment) in operation.path.split('/').enumerate() {
        if index > 0 {
            format.push('/');
        }
        for piece in crate::ir::pieces(segment) {
            let name = match piece {
                Piece::Text(text) => {
                    format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                    continue;
                }
                Piece::Param(name) => name,
            };
            let name = name.as_str();
            format.push_str("{}");
            let param = operation
                .params
                .iter()
                .find(|p| p.location == ParamLocation::Path && p.wire_name == name);
            match param {
                Some(param) => {
                    let field = ident(&param.name);
                    // Bound first: prettyplease prints `format!`'s arguments as plain tokens.
                    let segment = format_ident!("segment_{}", segments.len());
                    let value = syntax::reference(self_field(field));
                    let read = match param.style {
                        // `let segment_0 = path_param_styled(&self.id, "id", true, false)?;`
                        ParamStyle::Label { explode } | ParamStyle::Matrix { explode } => {
                            uses.mark(ClientHelper::PathParamStyled);
                            let matrix = matches!(param.style, ParamStyle::Matrix { .. });
                            syntax::call(
                                "path_param_styled",
                                [
                                    value,
                                    syntax::string(name),
                                    syntax::boolean(matrix),
                                    syntax::boolean(explode),
                                ],
                            )
                        }
                        // `let segment_0 = path_param(&self.owner, false)?;`
                        _ => {
                            uses.mark(ClientHelper::PathParam);
                            let explode =
                                matches!(param.style, ParamStyle::Simple { explode: true });
                            syntax::call("path_param", [value, syntax::boolean(explode)])
                        }
                    };
                    segments.push(syntax::let_(
                        syntax::binding(segment.clone()),
                        syntax::try_(read),
                    ));
                    url_args.push(quote!(#segment));
                }
                None => url_args.push(quote!("")),
            }
        }
    }
    (segments, format, url_args)
}

fn http_method(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "reqwest::Method::GET",
        HttpMethod::Put => "reqwest::Method::PUT",
        HttpMethod::Post => "reqwest::Method::POST",
        HttpMethod::Delete => "reqwest::Method::DELETE",
        HttpMethod::Options => "reqwest::Method::OPTIONS",
        HttpMethod::Head => "reqwest::Method::HEAD",
        HttpMethod::Patch => "reqwest::Method::PATCH",
        HttpMethod::Trace => "reqwest::Method::TRACE",
    }
}

/// The statements that set one query, header or cookie parameter on the request.
fn param_statements(
    uses: &Uses<ClientHelper>,
    param: &Parameter,
    parser: &Parser,
) -> Vec<syn::Stmt> {
    let self_field = |field| syntax::field(syntax::path_expr("self"), field);
    let field = ident(&param.name);
    let wire = &param.wire_name;
    let optional = !param.required || matches!(param.ty, TypeRef::Nullable(_));
    let value = quote!(value);
    if param.style != ParamStyle::Json {
        uses.mark(ClientHelper::Render);
        if param.location != ParamLocation::Query
            || matches!(param.style, ParamStyle::Simple { .. })
        {
            uses.mark(ClientHelper::Simple);
        }
    }
    let rendered = match param.style {
        ParamStyle::Json => quote! {
            Rendered::Scalar(serde_json::to_string(#value).map_err(|err| err.to_string())?)
        },
        _ => quote!(render(#value)?),
    };
    let text = match param.style {
        ParamStyle::Json => quote! {
            serde_json::to_string(#value).map_err(|err| err.to_string())?
        },
        ParamStyle::Simple { explode } => quote!(simple(render(#value)?, #explode)),
        _ => quote!(simple(render(#value)?, false)),
    };
    if let (ParamLocation::Query, ParamStyle::Form { explode }) = (param.location, param.style) {
        // One statement: `push_form` skips an unset value.
        uses.mark(ClientHelper::PushForm);
        let value = if optional {
            syntax::method(self_field(field), "as_ref", [])
        } else {
            syntax::call("Some", [syntax::reference(self_field(field))])
        };
        // `push_form(&mut query, "page", true, self.page.as_ref())?;`
        let push = syntax::call(
            "push_form",
            [
                syntax::mut_reference(syntax::path_expr("query")),
                syntax::string(wire),
                syntax::boolean(explode),
                value,
            ],
        );
        return vec![syntax::semi(syntax::try_(push))];
    }
    let action = match param.location {
        ParamLocation::Query => match param.style {
            ParamStyle::Form { .. } => unreachable!("written above"),
            ParamStyle::SpaceDelimited => {
                uses.mark(ClientHelper::PushDelimited);
                quote!(push_delimited(&mut query, #wire, " ", #rendered);)
            }
            ParamStyle::PipeDelimited => {
                uses.mark(ClientHelper::PushDelimited);
                quote!(push_delimited(&mut query, #wire, "|", #rendered);)
            }
            ParamStyle::DeepObject => {
                uses.mark(ClientHelper::PushDeepObject);
                quote!(push_deep_object(&mut query, #wire, #rendered);)
            }
            // Label and matrix are path styles only.
            ParamStyle::Simple { .. }
            | ParamStyle::Label { .. }
            | ParamStyle::Matrix { .. }
            | ParamStyle::Json => {
                quote!(query.push((#wire.to_owned(), #text));)
            }
        },
        ParamLocation::Cookie => quote!(cookies.push((#wire.to_owned(), #text));),
        ParamLocation::Header => quote!(request.header(#wire, #text)),
        ParamLocation::Path => return Vec::new(),
    };
    let statement = if param.location == ParamLocation::Header {
        if optional {
            quote! {
                let request = match &self.#field {
                    Some(value) => #action,
                    None => request,
                };
            }
        } else {
            quote! {
                let request = {
                    let value = &self.#field;
                    #action
                };
            }
        }
    } else if optional {
        quote! {
            if let Some(value) = &self.#field {
                #action
            }
        }
    } else {
        quote! {
            {
                let value = &self.#field;
                #action
            }
        }
    };
    parser.stmts(statement)
}

/// Applies the first security alternative whose credentials are all set; with none set, the
/// request goes out without credentials and the server decides.
fn emit_security(ir: &Ir, operation: &Operation) -> TokenStream {
    if operation.security.is_empty() {
        return TokenStream::new();
    }
    let branches: Vec<TokenStream> = operation
        .security
        .iter()
        .map(|alternative| {
            let fields: Vec<_> = alternative
                .iter()
                .map(|requirement| ident(&ir.security_schemes[requirement.scheme].name))
                .collect();
            let bindings: Vec<_> = (0..alternative.len())
                .map(|i| format_ident!("credential_{}", i))
                .collect();
            let mut pushes = Vec::new();
            let mut calls = Vec::new();
            for (requirement, binding) in alternative.iter().zip(&bindings) {
                match &ir.security_schemes[requirement.scheme].kind {
                    SecurityKind::ApiKey {
                        location: ParamLocation::Query,
                        name,
                    } => calls.push(quote!(.query(&[(#name, #binding.as_str())]))),
                    SecurityKind::ApiKey {
                        location: ParamLocation::Cookie,
                        name,
                    } => pushes.push(quote!(cookies.push((#name.to_owned(), #binding.clone()));)),
                    SecurityKind::ApiKey { name, .. } => {
                        calls.push(quote!(.header(#name, #binding.as_str())))
                    }
                    SecurityKind::Bearer => calls.push(quote!(.bearer_auth(#binding))),
                    SecurityKind::Basic => {
                        calls.push(quote!(.basic_auth(&#binding.0, #binding.1.as_deref())))
                    }
                }
            }
            let body = quote! {
                #( #pushes )*
                request #( #calls )*
            };
            if let ([binding], [field]) = (bindings.as_slice(), fields.as_slice()) {
                quote! {
                    if let Some(#binding) = &client.credentials.#field {
                        #body
                    }
                }
            } else {
                quote! {
                    if let ( #( Some(#bindings), )* ) = ( #( &client.credentials.#fields, )* ) {
                        #body
                    }
                }
            }
        })
        .collect();
    quote! {
        let request = #( #branches else )* { request };
    }
}

/// Sets the request's body (a multipart form's parts one by one).
fn emit_body(uses: &Uses<ClientHelper>, body: &RequestBody, parser: &Parser) -> Vec<syn::Stmt> {
    if body.kind == BodyKind::Form {
        uses.mark(ClientHelper::FormBody);
    }
    if body.required && matches!(body.kind, BodyKind::Json | BodyKind::Form) {
        // The common case, built: `let body = &self.body;` `let request = request.json(body);`
        // (`form_body(request, body)?` for a form).
        let body_ref = syntax::path_expr("body");
        let apply = if body.kind == BodyKind::Json {
            syntax::method(syntax::path_expr("request"), "json", [body_ref])
        } else {
            syntax::try_(syntax::call(
                "form_body",
                [syntax::path_expr("request"), body_ref],
            ))
        };
        return vec![
            syntax::let_(
                syntax::binding(ident("body")),
                syntax::reference(syntax::field(syntax::path_expr("self"), ident("body"))),
            ),
            syntax::let_(syntax::binding(ident("request")), apply),
        ];
    }
    let apply = match body.kind {
        BodyKind::Json => quote!(request.json(body)),
        BodyKind::Form => quote!(form_body(request, body)?),
        BodyKind::Text | BodyKind::Bytes => {
            let media = &body.media_type;
            quote!(request.header(reqwest::header::CONTENT_TYPE, #media).body(body.clone()))
        }
        BodyKind::Multipart => {
            let parts = body.parts.iter().map(|part| {
                let field = ident(&part.name);
                let wire = &part.wire_name;
                let is_list = matches!(part.ty, TypeRef::List(_));
                uses.mark(if part.file {
                    ClientHelper::File
                } else {
                    ClientHelper::PartText
                });
                let add = |value: TokenStream| {
                    if part.file {
                        quote!(form.part(#wire, #value.clone().into_part()?))
                    } else {
                        quote!(form.text(#wire, part_text(#value)?))
                    }
                };
                let single = if part.file && is_list {
                    let each = add(quote!(item));
                    quote! {
                        let mut form = form;
                        for item in value {
                            form = #each;
                        }
                        form
                    }
                } else {
                    add(quote!(value))
                };
                if part.required {
                    quote! {
                        let form = {
                            let value = &body.#field;
                            #single
                        };
                    }
                } else {
                    quote! {
                        let form = match &body.#field {
                            Some(value) => { #single }
                            None => form,
                        };
                    }
                }
            });
            quote! {{
                let form = reqwest::multipart::Form::new();
                #( #parts )*
                request.multipart(form)
            }}
        }
    };
    let no_parts = body.kind == BodyKind::Multipart && body.parts.is_empty();
    parser.stmts(if body.required && no_parts {
        quote!(let request = #apply;)
    } else if body.required {
        quote! {
            let body = &self.body;
            let request = #apply;
        }
    } else {
        quote! {
            let request = match &self.body {
                Some(body) => #apply,
                None => request,
            };
        }
    })
}
