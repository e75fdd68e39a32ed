//! The `server` module: a trait with one async method per operation, and an axum router that
//! checks credentials and reads every parameter and body into its type before calling it.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::server_response::emit_response_enum;
use super::server_runtime::{ServerHelper, emit_server_runtime};
use super::syntax::{self, Built};
use super::types::{type_syntax_from, type_tokens_from};
use super::uses::Uses;
use super::validate::{self, Checker};
use super::{Items, doc_syntax, ident, moved};
use crate::analysis::Analysis;
use crate::ir::{
    BodyKind, HttpMethod, Ir, Operation, ParamLocation, ParamStyle, Scalar, SecurityKind,
    StatusMatch, TypeKind, TypeRef,
};
use crate::naming::{self, NameSet};

pub(super) fn emit_server(
    ir: &Ir,
    analysis: &Analysis,
    built: &Built,
    mut items: Items<'_>,
) -> TokenStream {
    let module = "types";
    let mut type_names = NameSet::new();
    for reserved in ["Api", "ServerError", "Part", "Problem"] {
        type_names.claim(reserved.to_owned());
    }
    let mut method_names = NameSet::new();
    for operation in &ir.operations {
        method_names.claim(naming::unraw(&operation.name).to_owned());
    }
    let hooks: Vec<proc_macro2::Ident> = ir
        .security_schemes
        .iter()
        .map(|scheme| {
            let name = method_names.claim(format!("authorize_{}", naming::unraw(&scheme.name)));
            format_ident!("{}", name)
        })
        .collect();

    let mut routes: IndexMap<String, Vec<(HttpMethod, proc_macro2::Ident)>> = IndexMap::new();
    let mut taken_routes = BTreeSet::new();
    let mut trait_methods = Vec::new();
    let mut checker = Checker::new(ir);
    let uses = Uses::default();
    for operation in &ir.operations {
        let Some(route) = operation.route() else {
            continue;
        };
        if operation.unsatisfiable_security {
            continue;
        }
        if !taken_routes.insert((route.clone(), operation.method)) {
            continue;
        }
        let response_name = format_ident!(
            "{}",
            type_names.claim(format!("{}Response", naming::type_name(&operation.name)))
        );
        let handler = format_ident!("handle_{}", naming::unraw(&operation.name));
        routes
            .entry(route)
            .or_default()
            .push((operation.method, handler.clone()));
        let emitted = emit_operation(
            ir,
            analysis,
            &mut checker,
            &uses,
            operation,
            &response_name,
            &handler,
            &hooks,
            module,
            built,
        );
        trait_methods.push(moved(emitted.trait_method));
        items.push(emitted.items);
    }

    let hook_methods = ir.security_schemes.iter().zip(&hooks).map(|(scheme, hook)| {
        let (args, what) = match &scheme.kind {
            SecurityKind::ApiKey { name, .. } => (quote!(key: &str), format!("the `{name}` key")),
            SecurityKind::Bearer => (quote!(token: &str), "the bearer token".to_owned()),
            SecurityKind::Basic => (quote!(username: &str, password: &str), "the basic credentials".to_owned()),
        };
        let doc = format!(
            " Whether {what} (`{}`) is accepted. Operations that require it answer 401 without calling their handler when it is missing or refused.",
            scheme.key
        );
        quote! {
            #[doc = #doc]
            fn #hook(&self, #args) -> impl std::future::Future<Output = bool> + Send;
        }
    });

    // `let router = router.route("/pets", axum::routing::get(handle_list::<A>).post(...));`
    let route_calls = routes.iter().map(|(route, methods)| {
        let mut chain = None;
        for (method, handler) in methods {
            let handler = syntax::generic_path_expr(handler.clone(), "A");
            chain = Some(match chain {
                None => syntax::call(&format!("axum::routing::{}", method.key()), [handler]),
                Some(chain) => syntax::method(chain, method.key(), [handler]),
            });
        }
        let route = syntax::method(
            syntax::path_expr("router"),
            "route",
            [syntax::string(route)].into_iter().chain(chain),
        );
        built.stmt(syntax::let_(syntax::binding(ident("router")), route))
    });
    // A spec whose every path axum cannot express has no handler: nothing answers, so the
    // answer helpers would be dead code.
    let any_handler = !trait_methods.is_empty();
    if any_handler {
        uses.mark(ServerHelper::Respond);
    }
    let runtime = emit_server_runtime(&uses);
    let handler_imports = any_handler.then(|| {
        quote!(
            use std::sync::Arc;
            use axum::extract::State;
        )
    });
    let validators = checker.functions(module);
    let checks_runtime = validate::runtime(&checker);
    let import_types = uses_models(ir).then(|| {
        quote!(
            use super::types;
        )
    });
    let title = format!(
        " The **{}** {} API, to implement: one method per operation. [`router`] serves it.",
        ir.api.title, ir.api.version
    );
    let items = items.into_tokens();
    quote! {
        /// Server stubs on axum: implement [`Api`](server::Api), serve
        /// [`router`](server::router).
        ///
        /// The router reads and checks every parameter and body before calling the trait, so
        /// handlers only see well-typed input; a request that does not fit is answered with the
        /// validation error the operation declares (FastAPI's 422 `{"detail": [...]}`) or 400.
        /// Each handler returns its operation's response enum, so only declared answers can be
        /// sent.
        pub mod server {
            #import_types
            #handler_imports

            #[doc = #title]
            pub trait Api: Send + Sync + 'static {
                #( #hook_methods )*
                #( #trait_methods )*
            }

            /// The axum router for `api`; every route of the spec, nothing else.
            pub fn router<A: Api>(api: A) -> axum::Router {
                // One statement per path: a chain of thousands of `.route` calls (Microsoft
                // Graph has 13,828 paths) overflows rustc's stack.
                let router = axum::Router::new();
                #( #route_calls )*
                router.with_state(std::sync::Arc::new(api))
            }

            #items
            #( #validators )*
            #runtime
            #checks_runtime
        }
    }
}

struct EmittedOperation {
    trait_method: TokenStream,
    items: TokenStream,
}

#[allow(clippy::too_many_arguments)]
fn emit_operation(
    ir: &Ir,
    analysis: &Analysis,
    checker: &mut Checker<'_>,
    uses: &Uses<ServerHelper>,
    operation: &Operation,
    response_name: &proc_macro2::Ident,
    handler: &proc_macro2::Ident,
    hooks: &[proc_macro2::Ident],
    module: &str,
    built: &Built,
) -> EmittedOperation {
    let ty = |ty: &TypeRef| type_tokens_from(ir, ty, false, module);
    let payload = |ty: &TypeRef| type_syntax_from(ir, ty, analysis.is_large(ty), module);
    let method_name = ident(&operation.name);

    let ordered = operation.ordered_params();
    let mut args = Vec::new();
    let mut arg_names = Vec::new();
    let mut reads = Vec::new();
    let mut unwraps = Vec::new();
    let path_positions = path_positions(&operation.path);
    for param in &ordered {
        // The trait's argument keeps the parameter's name; the handler's local gets a prefix,
        // so a parameter called `query` or `headers` cannot shadow the handler's own.
        let arg = ident(&param.name);
        let name = format_ident!("param_{}", naming::unraw(&param.name));
        let value_type = ty(&param.ty);
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
        // Path values are looked up by position: routes name them `p0`, `p1`, ... (see
        // `Operation::route`).
        let position = path_positions
            .iter()
            .position(|p| p == wire)
            .map(|i| format!("p{i}"))
            .unwrap_or_default();
        let (place, values) = match param.location {
            ParamLocation::Path => {
                uses.mark(ServerHelper::PathValues);
                ("path", quote!(path_values(&path, #position)))
            }
            ParamLocation::Query => {
                if param.style != ParamStyle::DeepObject {
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
        // An object in exploded form style arrives as one pair per property (`size=2&cursor=x`).
        let exploded_object = param.location == ParamLocation::Query
            && param.style == (ParamStyle::Form { explode: true })
            && is_object(ir, strip_nullable(&param.ty));
        uses.mark(match param.style {
            _ if exploded_object => ServerHelper::ReadFormObject,
            ParamStyle::DeepObject => ServerHelper::ReadDeepObject,
            ParamStyle::Json => ServerHelper::ReadJsonParam,
            _ => ServerHelper::ReadParam,
        });
        let others: Vec<&str> = operation
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query && p.wire_name != param.wire_name)
            .map(|p| p.wire_name.as_str())
            .chain(operation.security.iter().flatten().filter_map(|&s| {
                match &ir.security_schemes[s].kind {
                    SecurityKind::ApiKey {
                        location: ParamLocation::Query,
                        name,
                    } => Some(name.as_str()),
                    _ => None,
                }
            }))
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
        let read = match param.style {
            _ if exploded_object => built.parse_stmts(quote! {
                let #name: Option<#value_type> = read_form_object(&query, &[#( #others ),*], #wire, #kind, &mut problems);
                let present = #name.is_some();
            }),
            ParamStyle::DeepObject => built.parse_stmts(quote! {
                let present = query.iter().any(|(key, _)| key.starts_with(concat!(#wire, "[")));
                let #name: Option<#value_type> = read_deep_object(&query, #wire, #kind, &mut problems);
            }),
            ParamStyle::Json => built.parse_stmts(quote! {
                #cookie
                let values = #values;
                let present = !values.is_empty();
                let #name: Option<#value_type> = read_json_param(values.first().copied(), #place, #wire, &mut problems);
            }),
            // The common cases, one statement each: the helpers record a missing required
            // value. Built as syntax trees: there is one per parameter of every operation.
            _ if param.location == ParamLocation::Path && param.required => {
                uses.mark(ServerHelper::ReadPath);
                let position = syntax::string(&position);
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
                built.parse_stmts(quote! {
                    let #name: Option<#value_type> = #read(#values, #is_list, #place, #wire, #kind, &mut problems);
                })
            }
            _ => built.parse_stmts(quote! {
                #cookie
                let values = #values;
                let present = !values.is_empty();
                let #name: Option<#value_type> = read_param(values, #is_list, #place, #wire, #kind, &mut problems);
            }),
        };
        let tracks_presence = matches!(param.style, ParamStyle::Json | ParamStyle::DeepObject)
            || exploded_object
            || cookie.is_some();
        let loc = quote!(&[serde_json::Value::from(#place), serde_json::Value::from(#wire)]);
        let checks = checker.checks(&param.ty, &param.constraints, &quote!(value), &loc);
        reads.extend(read);
        if !checks.is_empty() {
            reads.extend(built.parse_stmts(quote! {
                if let Some(value) = &#name {
                    let problems = &mut problems;
                    #checks
                }
            }));
        }
        let value_syntax = type_syntax_from(ir, &param.ty, false, module);
        if param.required {
            if tracks_presence {
                reads.extend(built.parse_stmts(quote! {
                    if !present {
                        problems.push(Problem::at(#place, Some(#wire), "Field required", "missing"));
                    }
                }));
            }
            unwraps.push(name.clone());
            args.push(syntax::argument(arg, value_syntax));
        } else {
            if tracks_presence {
                reads.extend(built.parse_stmts(quote!(let _ = present;)));
            }
            args.push(syntax::argument(
                arg,
                syntax::type_path("Option", vec![value_syntax]),
            ));
        }
        arg_names.push(name);
    }

    let mut body_read = Vec::new();
    if let Some(body) = &operation.body {
        // The body's type, as the trait method takes it; its tokens for the reads written as
        // tokens below.
        let body_syntax = match body.kind {
            BodyKind::Json | BodyKind::Form => type_syntax_from(ir, &body.ty, false, module),
            BodyKind::Multipart => {
                syntax::type_path("Vec", vec![syntax::type_path("Part", Vec::new())])
            }
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
                quote!(read_form_body::<#body_type>(body, &mut problems).await)
            }
            BodyKind::Multipart => {
                uses.mark(ServerHelper::ReadMultipartBody);
                quote!(read_multipart_body(&headers, body, &mut problems).await)
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
                &Default::default(),
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
            body_read.extend(built.parse_stmts(quote!(#checks)));
        } else if required {
            body_read = built.parse_stmts(quote! {
                let body: Option<#body_type> = if body.is_empty() {
                    problems.push(Problem::at("body", None, "Field required", "missing"));
                    None
                } else {
                    #read
                };
                #checks
            });
        } else {
            body_read = built.parse_stmts(quote! {
                let body: Option<#body_type> = if body.is_empty() { None } else { #read };
                #checks
            });
        }
        if required {
            unwraps.push(ident("body"));
            args.push(syntax::argument(ident("body"), body_syntax));
        } else {
            args.push(syntax::argument(
                ident("body"),
                syntax::type_path("Option", vec![body_syntax]),
            ));
        }
        arg_names.push(ident("body"));
    }

    // Which extractors the handler needs.
    let schemes = &ir.security_schemes;
    let uses_security = |test: &dyn Fn(&SecurityKind) -> bool| {
        operation
            .security
            .iter()
            .flatten()
            .any(|&s| test(&schemes[s].kind))
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
    // `fn create_pet(&self, id: i64, body: types::Pet)`
    // `    -> impl std::future::Future<Output = Result<CreatePetResponse, ServerError>> + Send;`
    let output = syntax::type_path(
        "Result",
        vec![
            syntax::named_type(response_name.clone()),
            syntax::type_path("ServerError", Vec::new()),
        ],
    );
    let trait_method = built.trait_item(syntax::trait_method(
        attrs,
        method_name,
        args,
        syntax::future_type(output),
    ));

    // Required values were read or reported as problems; one statement takes them all out
    // of their `Option`s.
    // `let (Some(param_id), Some(body)) = (param_id, body) else { return internal_error() };`
    let unwrap = (!unwraps.is_empty()).then(|| {
        let some = |name: &proc_macro2::Ident| {
            syntax::tuple_struct_pattern("Some", [syntax::binding(name.clone())])
        };
        let (pattern, value) = match unwraps.as_slice() {
            [one] => (some(one), syntax::ident_expr(one.clone())),
            many => (
                syntax::tuple_pattern(many.iter().map(some)),
                syntax::tuple(many.iter().cloned().map(syntax::ident_expr)),
            ),
        };
        let otherwise = syntax::return_(syntax::call("internal_error", []));
        syntax::let_else(pattern, value, vec![syntax::tail(otherwise)])
    });
    // `respond(api.create_pet(param_id, body).await)`
    let call = syntax::method(
        syntax::path_expr("api"),
        &operation.name,
        arg_names.into_iter().map(syntax::ident_expr),
    );
    let respond = syntax::tail(syntax::call("respond", [syntax::await_(call)]));
    let response_enum = moved(emit_response_enum(
        operation,
        response_name,
        &payload,
        uses,
        built,
    ));
    // `async fn handle_create_pet<A: Api>(extractors) -> axum::response::Response { ... }`
    let mut statements: Vec<syn::Stmt> = query_read.into_iter().collect();
    statements.extend(built.parse_stmts(security));
    statements.extend(problems_vec);
    statements.extend(reads);
    statements.extend(body_read);
    statements.extend(check);
    statements.extend(unwrap);
    statements.push(respond);
    let handler = built.item(syntax::async_fn(
        handler.clone(),
        syntax::bounded_generics("A", "Api"),
        extractors,
        syntax::type_path("axum::response::Response", Vec::new()),
        statements,
    ));
    let items = quote! {
        #handler
        #response_enum
    };
    EmittedOperation {
        trait_method,
        items,
    }
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
            TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => "enum",
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
        TypeRef::Map(_) => "dict_type",
        TypeRef::Nullable(inner) => problem_kind(ir, inner),
        TypeRef::Any => "value_error",
    }
}

/// The `{name}`s of a path, in order; route captures are named by position (`{p0}`).
fn path_positions(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// Credentials are checked before anything else: any alternative whose credentials are all
/// present and accepted lets the request through; otherwise 401.
fn emit_security(
    ir: &Ir,
    uses: &Uses<ServerHelper>,
    operation: &Operation,
    hooks: &[proc_macro2::Ident],
) -> TokenStream {
    if operation.security.is_empty() {
        return TokenStream::new();
    }
    uses.mark(ServerHelper::Unauthorized);
    let alternatives: Vec<TokenStream> = operation
        .security
        .iter()
        .map(|alternative| {
            let mut lookups = Vec::new();
            let mut patterns = Vec::new();
            let mut checks = Vec::new();
            for (index, &s) in alternative.iter().enumerate() {
                let binding = format_ident!("credential_{}", index);
                let hook = &hooks[s];
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
                let (lookup, check) = match &ir.security_schemes[s].kind {
                    SecurityKind::ApiKey {
                        location: ParamLocation::Query,
                        name,
                    } => (
                        quote!(query_values(&query, #name, None).first().copied()),
                        quote!(api.#hook(#binding).await),
                    ),
                    SecurityKind::ApiKey {
                        location: ParamLocation::Cookie,
                        name,
                    } => (
                        quote!(cookie_value(&headers, #name)),
                        quote!(api.#hook(&#binding).await),
                    ),
                    SecurityKind::ApiKey { name, .. } => (
                        quote!(header_value(&headers, #name)),
                        quote!(api.#hook(#binding).await),
                    ),
                    SecurityKind::Bearer => (
                        quote!(bearer_token(&headers)),
                        quote!(api.#hook(#binding).await),
                    ),
                    SecurityKind::Basic => (
                        quote!(basic_credentials(&headers)),
                        quote!(api.#hook(&#binding.0, &#binding.1).await),
                    ),
                };
                lookups.push(lookup);
                patterns.push(quote!(Some(#binding)));
                checks.push(check);
            }
            if lookups.len() == 1 {
                let (lookup, pattern, check) = (&lookups[0], &patterns[0], &checks[0]);
                quote! {
                    match #lookup {
                        #pattern => #check,
                        None => false,
                    }
                }
            } else {
                quote! {
                    match ( #( #lookups, )* ) {
                        ( #( #patterns, )* ) => #( #checks )&&*,
                        _ => false,
                    }
                }
            }
        })
        .collect();
    let names: Vec<_> = (0..alternatives.len())
        .map(|i| format_ident!("alternative_{}", i))
        .collect();
    quote! {
        {
            #( let #names = #alternatives; )*
            if !( #( #names )||* ) {
                return unauthorized();
            }
        }
    }
}

/// Whether any operation refers to a model type.
fn uses_models(ir: &Ir) -> bool {
    fn named(ty: &TypeRef) -> bool {
        match ty {
            // Maps are `types::Map`.
            TypeRef::Named(_) | TypeRef::Scalar(Scalar::Base64) | TypeRef::Map(_) => true,
            TypeRef::List(inner) | TypeRef::Nullable(inner) => named(inner),
            TypeRef::Scalar(_) | TypeRef::Any => false,
        }
    }
    ir.operations
        .iter()
        .filter(|op| op.route().is_some() && !op.unsatisfiable_security)
        .any(|op| {
            op.params.iter().any(|p| named(&p.ty))
                || op
                    .body
                    .iter()
                    .any(|b| b.kind != BodyKind::Multipart && named(&b.ty))
                || op
                    .responses
                    .iter()
                    .flat_map(|r| &r.body)
                    .any(|b| named(&b.ty))
        })
}
