//! One operation's handler: the extractors it takes, the reads of its parameters and body
//! into problems, the call to the `Api` implementation; and the trait method it calls.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, format_ident, quote};

use super::code::Code;
use super::code::Parser;
use super::server_form::{form_read, form_struct};
use super::server_response::emit_response_enum;
use super::server_runtime::ServerHelper;
use super::syntax;
use super::types::{type_syntax_from, type_tokens_from};
use super::uses::Uses;
use super::validate::Checker;
use super::{doc_syntax, ident};
use crate::analysis::Analysis;
use crate::ir::{
    BodyKind, Caller, Ir, Operation, ParamLocation, ParamStyle, Parameter, Piece, RequestBody,
    Requirement, Route, Scalar, SecurityKind, StatusMatch, TypeKind, TypeRef,
};
use crate::naming;

/// What one operation's handler is made from.
pub(super) struct HandlerContext<'o> {
    pub(super) ir: &'o Ir,
    pub(super) analysis: &'o Analysis,
    pub(super) uses: &'o Uses<ServerHelper>,
    pub(super) operation: &'o Operation,
    pub(super) response_name: &'o Ident,
    pub(super) handler: &'o Ident,
    /// The `Api` method that checks each security scheme's credentials.
    pub(super) hooks: &'o [Ident],
    /// The trait method's argument holding the caller's principal.
    pub(super) caller: &'o str,
    /// The trait method's argument holding the request's parts.
    pub(super) request: &'o str,
    /// By response: the struct of its headers.
    pub(super) headers: &'o [Option<String>],
    /// The struct of its multipart body.
    pub(super) form: Option<&'o str>,
    pub(super) module: &'o str,
    pub(super) parser: &'o Parser,
}

pub(super) struct EmittedOperation {
    pub(super) trait_method: syn::TraitItem,
    pub(super) items: Vec<Code>,
}

/// The trait method's arguments, and how the handler makes them.
#[derive(Default)]
struct Arguments {
    /// The trait method's arguments.
    args: Vec<syn::FnArg>,
    /// The handler's locals passed to it, in order.
    arg_names: Vec<Ident>,
    /// The required ones: read into `Option`s, then taken out of them together.
    unwraps: Vec<Ident>,
    /// The statements that read the parameters.
    reads: Vec<syn::Stmt>,
}

/// Where one parameter's raw values come from, and what reading them needs.
struct ParamSource<'p> {
    param: &'p Parameter,
    /// The handler's local (`param_id`).
    name: Ident,
    is_list: bool,
    separator_char: Option<char>,
    /// The route capture holding a path parameter (`p0`).
    position: String,
    /// The path parameter shares its capture with text or other parameters (`{name}.json`).
    mixed: bool,
    /// What the values are read from (`"query"`), and the expression of the raw values.
    place: &'static str,
    values: TokenStream,
    /// For a cookie: the statement binding its decoded value.
    cookie: Option<TokenStream>,
    kind: &'static str,
    /// An object in exploded form style: one pair per property (`size=2&cursor=x`).
    exploded_object: bool,
}

pub(super) fn emit_operation(
    cx: &HandlerContext<'_>,
    checker: &mut Checker<'_>,
) -> EmittedOperation {
    let ordered = cx.operation.ordered_params();
    let route = cx.operation.route();
    let mut arguments = Arguments::default();
    for param in &ordered {
        cx.read_param(checker, param, &route, &mut arguments);
    }
    let body_read = match &cx.operation.body {
        Some(body) => cx.read_body(checker, body, &mut arguments),
        None => Vec::new(),
    };
    let (extractors, needs_query, reads_anything) = cx.extractors(&ordered);
    let Arguments {
        mut args,
        mut arg_names,
        unwraps,
        reads,
    } = arguments;
    if let Some(caller) = cx.operation.caller() {
        // The caller comes first: `caller: Self::Principal`.
        let principal = syntax::type_path("Self::Principal", Vec::new());
        let ty = match caller {
            Caller::One => principal,
            Caller::Optional => syntax::type_path("Option", vec![principal]),
            Caller::All => syntax::type_path("Vec", vec![principal]),
        };
        args.insert(0, syntax::argument(ident(cx.caller), ty));
        arg_names.insert(0, ident("caller"));
    }
    if cx.analysis.features.request_context {
        let parts = syntax::type_path("axum::http::request::Parts", Vec::new());
        args.insert(0, syntax::argument(ident(cx.request), parts));
        arg_names.insert(0, ident("request"));
    }
    let (ir, uses, operation, parser) = (cx.ir, cx.uses, cx.operation, cx.parser);
    let (hooks, response_name, handler) = (cx.hooks, cx.response_name, cx.handler);
    let payload = |ty: &TypeRef| type_syntax_from(ir, ty, cx.analysis.is_large(ty), cx.module);
    let security = emit_security(ir, uses, operation, hooks);
    if needs_query {
        uses.mark(ServerHelper::QueryPairs);
    }
    if reads_anything {
        uses.mark(ServerHelper::Problem);
    }
    // The statements every handler has are built as syntax trees.
    let query_read = needs_query.then(|| {
        let pairs = syntax::call("query_pairs", [syntax::reference(syntax::path_expr("uri"))]);
        syntax::let_(syntax::binding(ident("query")), pairs)
    });
    let (problems_vec, check) = problem_statements(operation, reads_anything);
    let trait_method = cx.trait_method(args);

    let unwrap = unwrap_statement(&unwraps);
    // `respond(api.create_pet(param_id, body).await)`
    let call = syntax::method(
        syntax::path_expr("api"),
        &operation.name,
        arg_names.into_iter().map(syntax::ident_expr),
    );
    let respond = syntax::tail(syntax::call("respond", [syntax::await_(call)]));
    let response_enum = emit_response_enum(operation, response_name, cx.headers, &payload, uses);
    // `async fn handle_create_pet<A: Api>(extractors) -> axum::response::Response { ... }`
    let mut statements: Vec<syn::Stmt> = query_read.into_iter().collect();
    statements.extend(parser.stmts(security));
    statements.extend(problems_vec);
    statements.extend(reads);
    statements.extend(body_read);
    statements.extend(check);
    statements.extend(unwrap);
    statements.push(respond);
    let handler = syntax::async_fn(
        handler.clone(),
        syntax::bounded_generics("A", "Api"),
        extractors,
        syntax::type_path("axum::response::Response", Vec::new()),
        statements,
    );
    let form = match (cx.form, &operation.body) {
        (Some(form), Some(body)) => {
            parser.items(form_struct(ir, uses, body, &ident(form), cx.module))
        }
        _ => Vec::new(),
    };
    let items = [handler]
        .into_iter()
        .chain(response_enum)
        .map(Code::Item)
        .chain(form)
        .collect();
    EmittedOperation {
        trait_method,
        items,
    }
}

impl HandlerContext<'_> {
    /// The `Api` method the handler calls:
    /// `fn create_pet(&self, id: i64, body: types::Pet)`
    /// `    -> impl std::future::Future<Output = Result<CreatePetResponse, ServerError>> + Send;`
    fn trait_method(&self, args: Vec<syn::FnArg>) -> syn::TraitItem {
        let operation = self.operation;
        let mut attrs = doc_syntax(&format!(
            "{}`{} {}`",
            operation
                .summary
                .as_deref()
                .map(|s| format!("{}\n\n", s.trim()))
                .unwrap_or_default(),
            operation.method.key().to_ascii_uppercase(),
            operation.path
        ));
        if args.len() > 6 {
            attrs.push(syntax::list_attribute(
                "allow",
                quote!(clippy::too_many_arguments),
            ));
        }
        let output = syntax::type_path(
            "Result",
            vec![
                syntax::named_type(self.response_name.clone()),
                syntax::type_path("ServerError", Vec::new()),
            ],
        );
        syntax::trait_method(
            attrs,
            ident(&operation.name),
            args,
            syntax::future_type(output),
        )
    }

    /// One parameter: its trait argument, and the statements reading it into the handler's
    /// local, with its checks.
    fn read_param(
        &self,
        checker: &mut Checker<'_>,
        param: &Parameter,
        route: &Route,
        out: &mut Arguments,
    ) {
        let (ir, module, parser) = (self.ir, self.module, self.parser);
        let source = self.param_source(param, route);
        let read = self.param_statements(&source);
        let ParamSource {
            name,
            place,
            cookie,
            exploded_object,
            ..
        } = source;
        let wire = &param.wire_name;
        // The trait's argument keeps the parameter's name.
        let arg = ident(&param.name);
        let tracks_presence = matches!(param.style, ParamStyle::Json | ParamStyle::DeepObject)
            || exploded_object
            || cookie.is_some();
        let loc = quote!(&[serde_json::Value::from(#place), serde_json::Value::from(#wire)]);
        let checks = checker.checks(&param.ty, &param.constraints, &quote!(value), &loc);
        out.reads.extend(read);
        if !checks.is_empty() {
            out.reads.extend(parser.stmts(quote! {
                if let Some(value) = &#name {
                    let problems = &mut problems;
                    #checks
                }
            }));
        }
        let value_syntax = type_syntax_from(ir, &param.ty, false, module);
        if param.required {
            if tracks_presence {
                out.reads.extend(parser.stmts(quote! {
                    if !present {
                        problems.push(Problem::at(#place, Some(#wire), "Field required", "missing"));
                    }
                }));
            }
            out.unwraps.push(name.clone());
            out.args.push(syntax::argument(arg, value_syntax));
        } else {
            if tracks_presence {
                out.reads.extend(parser.stmts(quote!(let _ = present;)));
            }
            out.args.push(syntax::argument(
                arg,
                syntax::type_path("Option", vec![value_syntax]),
            ));
        }
        out.arg_names.push(name);
    }

    fn param_source<'p>(&self, param: &'p Parameter, route: &Route) -> ParamSource<'p> {
        let (ir, uses) = (self.ir, self.uses);
        // The handler's local gets a prefix, so a parameter called `query` or `headers`
        // cannot shadow the handler's own.
        let name = format_ident!("param_{}", naming::unraw(&param.name));
        let wire = &param.wire_name;
        let is_list = matches!(strip_nullable(&param.ty), TypeRef::List(_));
        let separator_char = match param.style {
            ParamStyle::Form { explode: false } => Some(','),
            ParamStyle::SpaceDelimited => Some(' '),
            ParamStyle::PipeDelimited => Some('|'),
            _ => None,
        };
        let separator = match separator_char {
            Some(separator) => quote!(Some(#separator)),
            None => quote!(None),
        };
        // Path values are looked up by capture: routes name them `p0`, `p1`, ... (see
        // `ir::Route`).
        let place = (param.location == ParamLocation::Path)
            .then(|| route.place(wire))
            .flatten();
        let position = place
            .map(|place| format!("p{}", place.capture))
            .unwrap_or_default();
        let within = place.and_then(|place| place.within);
        // An object in exploded form style arrives as one pair per property (`size=2&cursor=x`).
        let exploded_object = param.location == ParamLocation::Query
            && param.style == (ParamStyle::Form { explode: true })
            && is_object(ir, strip_nullable(&param.ty));
        let (place, values) = match param.location {
            ParamLocation::Path => {
                let capture = match within {
                    Some((pieces, index)) => {
                        uses.mark(ServerHelper::PathPiece);
                        let pieces = path_pieces(pieces);
                        let index = proc_macro2::Literal::usize_unsuffixed(index);
                        quote!(path_piece(&path, #position, #pieces, #index))
                    }
                    None => {
                        uses.mark(ServerHelper::PathValues);
                        quote!(path_values(&path, #position))
                    }
                };
                match path_style(param, is_list) {
                    Some((prefix, separator)) => {
                        uses.mark(ServerHelper::PathItems);
                        (
                            "path",
                            quote!(path_items(#capture, #prefix, #separator, #is_list)),
                        )
                    }
                    None => ("path", capture),
                }
            }
            ParamLocation::Query => {
                // Objects are read from their pairs (`read_form_object`, `read_deep_object`).
                if param.style != ParamStyle::DeepObject && !exploded_object {
                    uses.mark(ServerHelper::QueryValues);
                }
                ("query", quote!(query_values(&query, #wire, #separator)))
            }
            ParamLocation::Header => {
                uses.mark(ServerHelper::HeaderValues);
                ("header", quote!(header_values(&headers, #wire, #is_list)))
            }
            // Cookie values arrive percent-encoded; `cookie` (decoded) is bound just before.
            ParamLocation::Cookie if is_list => {
                uses.mark(ServerHelper::CookieValue);
                let values = quote!(
                    cookie
                        .as_deref()
                        .map(|v| v.split(',').collect::<Vec<_>>())
                        .unwrap_or_default()
                );
                ("cookie", values)
            }
            ParamLocation::Cookie => {
                uses.mark(ServerHelper::CookieValue);
                (
                    "cookie",
                    quote!(cookie.as_deref().into_iter().collect::<Vec<_>>()),
                )
            }
        };
        let cookie = (param.location == ParamLocation::Cookie)
            .then(|| quote!(let cookie = cookie_value(&headers, #wire);));
        let kind = problem_kind(ir, strip_nullable(&param.ty));
        uses.mark(match param.style {
            _ if exploded_object => ServerHelper::ReadFormObject,
            ParamStyle::DeepObject => ServerHelper::ReadDeepObject,
            ParamStyle::Json => ServerHelper::ReadJsonParam,
            _ => ServerHelper::ReadParam,
        });
        ParamSource {
            param,
            name,
            is_list,
            separator_char,
            position,
            mixed: within.is_some() || path_style(param, is_list).is_some(),
            place,
            values,
            cookie,
            kind,
            exploded_object,
        }
    }

    /// The statements that read one parameter into its local (an `Option`).
    fn param_statements(&self, source: &ParamSource<'_>) -> Vec<syn::Stmt> {
        let (ir, uses, operation, module, parser) =
            (self.ir, self.uses, self.operation, self.module, self.parser);
        let ParamSource {
            param,
            name,
            is_list,
            separator_char,
            position,
            mixed,
            place,
            values,
            cookie,
            kind,
            exploded_object,
        } = source;
        let (is_list, separator_char, place, kind, exploded_object) =
            (*is_list, *separator_char, *place, *kind, *exploded_object);
        let wire = &param.wire_name;
        let value_type = type_tokens_from(ir, &param.ty, false, module);
        let others: Vec<&str> = operation
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query && p.wire_name != param.wire_name)
            .map(|p| p.wire_name.as_str())
            .chain(
                operation
                    .schemes()
                    .filter_map(|s| match &ir.security_schemes[s].kind {
                        SecurityKind::ApiKey {
                            location: ParamLocation::Query,
                            name,
                        } => Some(name.as_str()),
                        _ => None,
                    }),
            )
            .collect();
        // `let param_id: Option<i64> = read_path(&path, "p0", "id", false, "int_parsing",`
        // `    &mut problems);`
        let read_into = |helper: &str, source: &str, middle: [syn::Expr; 2]| {
            let args = std::iter::once(syntax::reference(syntax::path_expr(source)))
                .chain(middle)
                .chain([
                    syntax::boolean(is_list),
                    syntax::string(kind),
                    syntax::mut_reference(syntax::path_expr("problems")),
                ]);
            syntax::let_typed(
                name.clone(),
                syntax::type_path(
                    "Option",
                    vec![type_syntax_from(ir, &param.ty, false, module)],
                ),
                syntax::call(helper, args),
            )
        };
        match param.style {
            _ if exploded_object => parser.stmts(quote! {
                let #name: Option<#value_type> = read_form_object(&query, &[#( #others ),*], #wire, #kind, &mut problems);
                let present = #name.is_some();
            }),
            ParamStyle::DeepObject => parser.stmts(quote! {
                let present = query.iter().any(|(key, _)| key.starts_with(concat!(#wire, "[")));
                let #name: Option<#value_type> = read_deep_object(&query, #wire, #kind, &mut problems);
            }),
            ParamStyle::Json => parser.stmts(quote! {
                #cookie
                let values = #values;
                let present = !values.is_empty();
                let #name: Option<#value_type> = read_json_param(values.first().copied(), #place, #wire, &mut problems);
            }),
            // The common cases, one statement each: the helpers record a missing required
            // value. Built as syntax trees: there is one per parameter of every operation.
            _ if param.location == ParamLocation::Path && param.required && !mixed => {
                uses.mark(ServerHelper::ReadPath);
                let position = syntax::string(position);
                vec![read_into("read_path", "path", [position, syntax::string(wire)])]
            }
            _ if param.location == ParamLocation::Query && !param.required => {
                uses.mark(ServerHelper::ReadQuery);
                let separator = match separator_char {
                    Some(separator) => syntax::call("Some", [syntax::character(separator)]),
                    None => syntax::path_expr("None"),
                };
                vec![read_into("read_query", "query", [syntax::string(wire), separator])]
            }
            _ if cookie.is_none() => {
                let read = if param.required {
                    uses.mark(ServerHelper::ReadRequired);
                    quote!(read_required)
                } else {
                    quote!(read_param)
                };
                parser.stmts(quote! {
                    let #name: Option<#value_type> = #read(#values, #is_list, #place, #wire, #kind, &mut problems);
                })
            }
            _ => parser.stmts(quote! {
                #cookie
                let values = #values;
                let present = !values.is_empty();
                let #name: Option<#value_type> = read_param(values, #is_list, #place, #wire, #kind, &mut problems);
            }),
        }
    }

    /// The body: its trait argument, and the statements reading it, with its checks.
    fn read_body(
        &self,
        checker: &mut Checker<'_>,
        body: &RequestBody,
        out: &mut Arguments,
    ) -> Vec<syn::Stmt> {
        let (ir, uses, module, parser) = (self.ir, self.uses, self.module, self.parser);
        let mut body_read = Vec::new();
        // The body's type, as the trait method takes it; its tokens for the reads written as
        // tokens below.
        let body_syntax = match body.kind {
            BodyKind::Json | BodyKind::Form => type_syntax_from(ir, &body.ty, false, module),
            BodyKind::Multipart => match self.form {
                Some(form) => syntax::named_type(ident(form)),
                None => syntax::type_path("Vec", vec![syntax::type_path("Part", Vec::new())]),
            },
            BodyKind::Text => syntax::type_path("String", Vec::new()),
            BodyKind::Bytes => syntax::type_path("Vec", vec![syntax::type_path("u8", Vec::new())]),
        };
        let body_type = body_syntax.to_token_stream();
        let read = match body.kind {
            BodyKind::Json => {
                uses.mark(ServerHelper::ReadJsonBody);
                TokenStream::new()
            }
            BodyKind::Form => {
                uses.mark(ServerHelper::ReadFormBody);
                quote!(read_form_body::<#body_type>(body, &mut problems))
            }
            BodyKind::Multipart => {
                uses.mark(ServerHelper::ReadMultipartBody);
                let parts = quote!(read_multipart_body(&headers, body, &mut problems).await);
                match self.form {
                    Some(form) => {
                        let form = ident(form);
                        let take = form_read(ir, checker, uses, body, &form, module);
                        // Statements and a tail: `#read` is the block of an `else`.
                        quote! {
                            let parts = #parts;
                            #take
                        }
                    }
                    None => parts,
                }
            }
            BodyKind::Text => quote! {
                match String::from_utf8(body.to_vec()) {
                    Ok(text) => Some(text),
                    Err(_) => {
                        problems.push(Problem::at("body", None, "the body is not UTF-8 text", "string_unicode"));
                        None
                    }
                }
            },
            BodyKind::Bytes => quote!(Some(body.to_vec())),
        };
        let checks = match body.kind {
            BodyKind::Json | BodyKind::Form => checker.checks(
                &body.ty,
                &body.constraints,
                &quote!(value),
                &quote!(&[serde_json::Value::from("body")]),
            ),
            _ => TokenStream::new(),
        };
        let checks = (!checks.is_empty()).then(|| {
            quote! {
                if let Some(value) = &body {
                    let problems = &mut problems;
                    #checks
                }
            }
        });
        let required = body.required;
        if body.kind == BodyKind::Json {
            // The helper records a missing required body.
            // `let body: Option<Pet> = read_json_body(&body, true, &mut problems);`
            body_read.push(syntax::let_typed(
                ident("body"),
                syntax::type_path(
                    "Option",
                    vec![type_syntax_from(ir, &body.ty, false, module)],
                ),
                syntax::call(
                    "read_json_body",
                    [
                        syntax::reference(syntax::path_expr("body")),
                        syntax::boolean(required),
                        syntax::mut_reference(syntax::path_expr("problems")),
                    ],
                ),
            ));
            body_read.extend(parser.stmts(quote!(#checks)));
        } else if required {
            body_read = parser.stmts(quote! {
                let body: Option<#body_type> = if body.is_empty() {
                    problems.push(Problem::at("body", None, "Field required", "missing"));
                    None
                } else {
                    #read
                };
                #checks
            });
        } else {
            body_read = parser.stmts(quote! {
                let body: Option<#body_type> = if body.is_empty() { None } else { #read };
                #checks
            });
        }
        if required {
            out.unwraps.push(ident("body"));
            out.args.push(syntax::argument(ident("body"), body_syntax));
        } else {
            out.args.push(syntax::argument(
                ident("body"),
                syntax::type_path("Option", vec![body_syntax]),
            ));
        }
        out.arg_names.push(ident("body"));
        body_read
    }

    /// The handler's extractors, and whether it reads the query and can find problems.
    fn extractors(&self, ordered: &[&Parameter]) -> (Vec<syn::FnArg>, bool, bool) {
        let (ir, operation) = (self.ir, self.operation);
        // Which extractors the handler needs.
        let schemes = &ir.security_schemes;
        let uses_security = |test: &dyn Fn(&SecurityKind) -> bool| {
            operation.schemes().any(|s| test(&schemes[s].kind))
        };
        let needs_path = ordered.iter().any(|p| p.location == ParamLocation::Path);
        let needs_query = ordered.iter().any(|p| p.location == ParamLocation::Query)
            || uses_security(&|k| {
                matches!(
                    k,
                    SecurityKind::ApiKey {
                        location: ParamLocation::Query,
                        ..
                    }
                )
            });
        let needs_headers = ordered
            .iter()
            .any(|p| matches!(p.location, ParamLocation::Header | ParamLocation::Cookie))
            || operation
                .body
                .as_ref()
                .is_some_and(|b| b.kind == BodyKind::Multipart)
            || uses_security(&|k| {
                !matches!(
                    k,
                    SecurityKind::ApiKey {
                        location: ParamLocation::Query,
                        ..
                    }
                )
            });
        let needs_body = operation.body.is_some();
        // Reading an optional byte body cannot fail; anything else can find problems.
        let reads_anything = !ordered.is_empty()
            || operation
                .body
                .as_ref()
                .is_some_and(|b| b.required || b.kind != BodyKind::Bytes);

        // `State(api): State<Arc<A>>, path: axum::extract::RawPathParams, ...`
        let api_state = syntax::pattern_argument(
            syntax::tuple_struct_pattern("State", [syntax::binding(ident("api"))]),
            syntax::type_path(
                "State",
                vec![syntax::type_path(
                    "Arc",
                    vec![syntax::type_path("A", Vec::new())],
                )],
            ),
        );
        let mut extractors = vec![api_state];
        for (needed, name, ty) in [
            (
                self.analysis.features.request_context,
                "request",
                "axum::http::request::Parts",
            ),
            (needs_path, "path", "axum::extract::RawPathParams"),
            (needs_query, "uri", "axum::http::Uri"),
            (needs_headers, "headers", "axum::http::HeaderMap"),
            (needs_body, "body", "axum::body::Bytes"),
        ] {
            if needed {
                extractors.push(syntax::argument(
                    ident(name),
                    syntax::type_path(ty, Vec::new()),
                ));
            }
        }
        (extractors, needs_query, reads_anything)
    }
}

/// `let mut problems: Vec<Problem> = Vec::new();` and, after the reads,
/// `if !problems.is_empty() { return invalid(422, problems); }`, for a handler that can find
/// problems.
fn problem_statements(
    operation: &Operation,
    reads_anything: bool,
) -> (Option<syn::Stmt>, Option<syn::Stmt>) {
    let validation_status = if operation
        .responses
        .iter()
        .any(|r| r.status == StatusMatch::Code(422))
    {
        422
    } else {
        400
    };
    // `if !problems.is_empty() { return invalid(422, problems); }`
    let check = reads_anything.then(|| {
        let invalid = syntax::call(
            "invalid",
            [
                syntax::integer(validation_status),
                syntax::path_expr("problems"),
            ],
        );
        syntax::if_(
            syntax::not(syntax::method(
                syntax::path_expr("problems"),
                "is_empty",
                [],
            )),
            vec![syntax::semi(syntax::return_(invalid))],
        )
    });
    // `let mut problems: Vec<Problem> = Vec::new();`
    let problems_vec = reads_anything.then(|| {
        syntax::let_(
            syntax::typed(
                syntax::mut_binding(ident("problems")),
                syntax::type_path("Vec", vec![syntax::type_path("Problem", Vec::new())]),
            ),
            syntax::call("Vec::new", []),
        )
    });
    (problems_vec, check)
}

/// Required values were read or reported as problems; one statement takes them all out of
/// their `Option`s:
/// `let (Some(param_id), Some(body)) = (param_id, body) else { return internal_error() };`
fn unwrap_statement(unwraps: &[Ident]) -> Option<syn::Stmt> {
    (!unwraps.is_empty()).then(|| {
        let some = |name: &proc_macro2::Ident| {
            syntax::tuple_struct_pattern("Some", [syntax::binding(name.clone())])
        };
        let (pattern, value) = match unwraps {
            [one] => (some(one), syntax::ident_expr(one.clone())),
            many => (
                syntax::tuple_pattern(many.iter().map(some)),
                syntax::tuple(many.iter().cloned().map(syntax::ident_expr)),
            ),
        };
        let otherwise = syntax::return_(syntax::call("internal_error", []));
        syntax::let_else(pattern, value, vec![syntax::tail(otherwise)])
    })
}

/// Whether values of the type are JSON objects (structs and maps).
fn is_object(ir: &Ir, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::Struct(_) => true,
            TypeKind::Alias(target) => is_object(ir, target),
            _ => false,
        },
        _ => false,
    }
}

fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => strip_nullable(inner),
        other => other,
    }
}

/// FastAPI's `type` for a value that does not parse as `ty`.
fn problem_kind(ir: &Ir, ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Named(id) => match &ir.get(*id).kind {
            TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::LiteralEnum(_) => "enum",
            TypeKind::Alias(target) => problem_kind(ir, target),
            _ => "model_attributes_type",
        },
        TypeRef::Scalar(scalar) => match scalar {
            Scalar::Bool => "bool_parsing",
            Scalar::F32 | Scalar::F64 => "float_parsing",
            Scalar::DateTime => "datetime_parsing",
            Scalar::Date => "date_parsing",
            Scalar::Uuid => "uuid_parsing",
            Scalar::String | Scalar::Binary | Scalar::Base64 => "string_type",
            _ => "int_parsing",
        },
        TypeRef::List(_) => "list_type",
        TypeRef::Tuple(_) => "tuple_type",
        TypeRef::Map(_) => "dict_type",
        TypeRef::Nullable(inner) => problem_kind(ir, inner),
        TypeRef::Any => "value_error",
    }
}

/// For a path parameter whose capture is not its value as it is, what `path_items` strips and
/// splits: the style's prefix and the separator of list items (`label`: `.` and `,`, or `.`
/// exploded; `matrix`: `;id=` and `,`, or `;id=` exploded; `simple` lists: none and `,`).
fn path_style(param: &Parameter, is_list: bool) -> Option<(String, String)> {
    let name = &param.wire_name;
    match param.style {
        ParamStyle::Label { explode: true } => Some((".".into(), ".".into())),
        ParamStyle::Label { explode: false } => Some((".".into(), ",".into())),
        ParamStyle::Matrix { explode: true } => Some((format!(";{name}="), format!(";{name}="))),
        ParamStyle::Matrix { explode: false } => Some((format!(";{name}="), ",".into())),
        _ if is_list => Some((String::new(), ",".into())),
        _ => None,
    }
}

/// A mixed segment's pieces as the generated code matches them:
/// `&[PathPiece::Param, PathPiece::Text(".json")]`.
pub(super) fn path_pieces(pieces: &[Piece]) -> TokenStream {
    let pieces = pieces.iter().map(|piece| match piece {
        Piece::Text(text) => quote!(PathPiece::Text(#text)),
        Piece::Param(_) => quote!(PathPiece::Param),
    });
    quote!(&[#( #pieces ),*])
}

/// Credentials are checked before anything else, alternative by alternative: the first
/// whose credentials are all present and accepted by the `authorize_…` methods lets the
/// request in, and `caller` holds what they returned (see [`Caller`]). Otherwise the answer
/// is 403 when a method said `Forbidden`, else 401; an operation that lets anonymous callers
/// in too answers so only when some credential was sent and refused.
fn emit_security(
    ir: &Ir,
    uses: &Uses<ServerHelper>,
    operation: &Operation,
    hooks: &[proc_macro2::Ident],
) -> TokenStream {
    let Some(caller) = operation.caller() else {
        return TokenStream::new();
    };
    uses.mark(ServerHelper::Rejected);
    let attempts = operation
        .security
        .iter()
        .map(|alternative| security_attempt(ir, uses, alternative, hooks, caller));
    let fallback = match (caller, operation.anonymous) {
        (Caller::All, true) => quote! {
            match refused {
                Some(rejection) => return rejected(rejection),
                None => Vec::new(),
            }
        },
        (_, true) => quote! {
            match refused {
                Some(rejection) => return rejected(rejection),
                None => None,
            }
        },
        (_, false) => quote!(return rejected(refused.unwrap_or(Rejection::Unauthenticated));),
    };
    quote! {
        let caller = 'authorized: {
            let mut refused: Option<Rejection> = None;
            #( #attempts )*
            #fallback
        };
    }
}

/// One security alternative: when its credentials are all present, each scheme's
/// `authorize_…` method is called with the scopes the alternative requires of it.
fn security_attempt(
    ir: &Ir,
    uses: &Uses<ServerHelper>,
    alternative: &[Requirement],
    hooks: &[proc_macro2::Ident],
    caller: Caller,
) -> TokenStream {
    let mut lookups = Vec::new();
    let mut bindings = Vec::new();
    let mut calls = Vec::new();
    let mut principals = Vec::new();
    let mut answers = Vec::new();
    for (index, requirement) in alternative.iter().enumerate() {
        let s = requirement.scheme;
        let binding = format_ident!("credential_{}", index);
        let hook = &hooks[s];
        let scopes = &requirement.scopes;
        let scopes = quote!(&[#( #scopes ),*]);
        uses.mark(match &ir.security_schemes[s].kind {
            SecurityKind::ApiKey {
                location: ParamLocation::Query,
                ..
            } => ServerHelper::QueryValues,
            SecurityKind::ApiKey {
                location: ParamLocation::Cookie,
                ..
            } => ServerHelper::CookieValue,
            SecurityKind::ApiKey { .. } => ServerHelper::HeaderValue,
            SecurityKind::Bearer => ServerHelper::BearerToken,
            SecurityKind::Basic => ServerHelper::BasicCredentials,
        });
        let (lookup, call) = match &ir.security_schemes[s].kind {
            SecurityKind::ApiKey {
                location: ParamLocation::Query,
                name,
            } => (
                quote!(query_values(&query, #name, None).first().copied()),
                quote!(api.#hook(#binding, #scopes).await),
            ),
            SecurityKind::ApiKey {
                location: ParamLocation::Cookie,
                name,
            } => (
                quote!(cookie_value(&headers, #name)),
                quote!(api.#hook(&#binding, #scopes).await),
            ),
            SecurityKind::ApiKey { name, .. } => (
                quote!(header_value(&headers, #name)),
                quote!(api.#hook(#binding, #scopes).await),
            ),
            SecurityKind::Bearer => (
                quote!(bearer_token(&headers)),
                quote!(api.#hook(#binding, #scopes).await),
            ),
            SecurityKind::Basic => (
                quote!(basic_credentials(&headers)),
                quote!(api.#hook(&#binding.0, &#binding.1, #scopes).await),
            ),
        };
        lookups.push(lookup);
        bindings.push(binding);
        calls.push(call);
        principals.push(format_ident!("principal_{}", index));
        answers.push(format_ident!("answer_{}", index));
    }
    let value = match caller {
        Caller::One => quote!(principal_0),
        Caller::Optional => quote!(Some(principal_0)),
        Caller::All => quote!(vec![#( #principals ),*]),
    };
    if let ([lookup], [call]) = (lookups.as_slice(), calls.as_slice()) {
        return quote! {
            if let Some(credential_0) = #lookup {
                match #call {
                    Ok(principal_0) => break 'authorized #value,
                    Err(rejection) => refused = refused.max(Some(rejection)),
                }
            }
        };
    }
    quote! {
        if let ( #( Some(#bindings), )* ) = ( #( #lookups, )* ) {
            match ( #( #calls, )* ) {
                ( #( Ok(#principals), )* ) => break 'authorized #value,
                ( #( #answers, )* ) => refused = refused #( .max(#answers.err()) )*,
            }
        }
    }
}
