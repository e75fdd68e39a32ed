//! The `server` module: a trait with one async method per operation, and an axum router that
//! checks credentials and reads every parameter and body into its type before calling it.

use proc_macro2::TokenStream;
use quote::quote;

use super::code::{Code, Module, Parser, Placement};
use super::server_handler::{HandlerContext, emit_operation, path_pieces};
use super::server_runtime::{ServerHelper, emit_server_runtime};
use super::syntax;
use super::uses::Uses;
use super::validate::{self, Checker};
use super::{Items, ident};
use crate::analysis::{Analysis, Target};
use crate::ir::{Ir, SecurityKind};

pub(super) fn emit_server(
    ir: &Ir,
    analysis: &Analysis,
    parser: &Parser,
    mut items: Items<'_>,
    at: Placement,
) -> Module {
    let module = "types";
    let hooks: Vec<proc_macro2::Ident> = analysis
        .names
        .hooks
        .iter()
        .map(|hook| ident(hook))
        .collect();

    let mut trait_methods = Vec::new();
    let mut checker = Checker::new(ir, analysis);
    let uses = Uses::default();
    debug_assert_eq!(ir.operations.len(), analysis.names.server.len());
    debug_assert_eq!(ir.operations.len(), analysis.served.len());
    for ((operation, route), names) in ir
        .operations
        .iter()
        .zip(&analysis.served)
        .zip(&analysis.names.server)
    {
        let (Some(_), Some(names)) = (route, names) else {
            continue;
        };
        let response_name = ident(&names.response);
        let handler = ident(&names.handler);
        let context = HandlerContext {
            ir,
            analysis,
            uses: &uses,
            operation,
            response_name: &response_name,
            handler: &handler,
            hooks: &hooks,
            caller: &names.caller,
            request: &names.request,
            headers: &names.headers,
            form: names.form.as_deref(),
            module,
            parser,
        };
        let emitted = emit_operation(&context, &mut checker);
        trait_methods.push(emitted.trait_method);
        items.push(emitted.items);
    }

    let hook_methods = hook_methods(ir, &hooks);
    let route_calls = route_calls(analysis);
    let dispatchers = dispatchers(ir, analysis, &uses, parser);
    // A spec whose every path axum cannot express has no handler: nothing answers, so the
    // answer helpers would be dead code.
    let any_handler = !trait_methods.is_empty();
    if any_handler {
        uses.mark(ServerHelper::Respond);
    }
    let closed = analysis.features.closed;
    let runtime = emit_server_runtime(&uses, closed);
    // Body readers call `types::wire` to refuse what closed objects do not list.
    let reads_bodies_refusing =
        closed && (uses.has(ServerHelper::ReadJsonBody) || uses.has(ServerHelper::ReadFormBody));
    let handler_imports = any_handler.then(|| {
        quote!(
            use std::sync::Arc;
            use axum::extract::State;
        )
    });
    let validators = checker.functions(module);
    let checks_runtime = validate::runtime(&checker);
    let import_types =
        (analysis.uses_types.server || reads_bodies_refusing).then(|| at.import_types());
    let title = format!(
        " The **{}** {} API, to implement: one method per operation. [`router`] serves it.",
        ir.api.title, ir.api.version
    );
    let rejection = (!hooks.is_empty()).then(rejection_type);
    let mut code = parser.items(quote! {
        #import_types
        #handler_imports
        #rejection
    });
    let summary = super::docs::summary_docs(ir);
    if let Some(mut api) = parser.parse::<syn::ItemTrait>(quote! {
        #[doc = #title]
        #summary
        pub trait Api: Send + Sync + 'static {
            #( #hook_methods )*
        }
    }) {
        api.items.extend(trait_methods);
        code.push(Code::Item(syn::Item::Trait(api)));
    }
    let tls = (!ir.mutual_tls.is_empty()).then(|| {
        let schemes = super::docs::mutual_tls_schemes(&ir.mutual_tls);
        [
            String::new(),
            format!(" The API asks for a client certificate ({schemes}): the router does not see one. Serve it behind a TLS listener that requires and verifies client certificates (rustls' `WebPkiClientVerifier`, for example)."),
        ]
    });
    let tls = tls.iter().flatten();
    // One statement per path: a chain of thousands of `.route` calls (Microsoft Graph has
    // 13,828 paths) overflows rustc's stack.
    if let Some(mut router) = parser.parse::<syn::ItemFn>(quote! {
        /// The axum router for `api`; every route of the spec, nothing else.
        #( #[doc = #tls] )*
        pub fn router<A: Api>(api: A) -> axum::Router {
            let router = axum::Router::new();
            router.with_state(std::sync::Arc::new(api))
        }
    }) {
        router.block.stmts.splice(1..1, route_calls);
        code.push(Code::Item(syn::Item::Fn(router)));
    }
    code.extend(dispatchers);
    code.extend(items.into_code());
    code.extend(parser.items(quote! {
        #( #validators )*
        #runtime
        #checks_runtime
    }));
    if uses.has(ServerHelper::SplitSegment) {
        code.extend(parser.source(super::runtime::SPLIT_SEGMENT));
    }
    let declaration = match at {
        Placement::Webhooks => quote! {
            /// Receives the API's webhooks, on axum: implement [`Api`](server::Api), serve
            /// [`router`](server::router), which takes each webhook at `/` and its name (nest it
            /// where the URL you registered points), checked as operations are.
            pub mod server;
        },
        Placement::Top => server_declaration(),
    };
    Module::declared(parser, declaration, code)
}

fn server_declaration() -> TokenStream {
    quote! {
        /// Server stubs on axum: implement [`Api`](server::Api), serve
        /// [`router`](server::router).
        ///
        /// The router reads and checks every parameter and body before calling the trait, so
        /// handlers only see well-typed input; a request that does not fit is answered with the
        /// validation error the operation declares (FastAPI's 422 `{"detail": [...]}`) or 400.
        /// Each handler returns its operation's response enum, so only declared answers can be
        /// sent.
        pub mod server;
    }
}

/// The `Api`'s `Principal` type and the methods that check each security scheme's
/// credentials.
fn hook_methods(ir: &Ir, hooks: &[proc_macro2::Ident]) -> Vec<TokenStream> {
    if hooks.is_empty() {
        return Vec::new();
    }
    let principal = quote! {
        /// Who the caller is, as your `authorize_…` methods tell it from their credentials
        /// (a user, a tenant, a key's owner). A secured operation's method gets it as
        /// `caller`: the principal itself where each security alternative is one scheme,
        /// `Option` where anonymous callers are let in too, and a `Vec` (one per scheme of the
        /// alternative that passed) where an alternative combines several.
        type Principal: Send + 'static;
    };
    let methods = ir.security_schemes.iter().zip(hooks).map(|(scheme, hook)| {
        let (args, what) = match &scheme.kind {
            SecurityKind::ApiKey { name, .. } => (quote!(key: &str), format!("the `{name}` key")),
            SecurityKind::Bearer => (quote!(token: &str), "the bearer token".to_owned()),
            SecurityKind::Basic => (
                quote!(username: &str, password: &str),
                "the basic credentials".to_owned(),
            ),
        };
        let doc = format!(
            " Checks {what} (`{}`): `Ok` with the caller the credential identifies, when it carries every scope (or role) in `scopes`, which the operation's `security` lists for this scheme (often none); else the [`Rejection`]. An operation that requires it answers 401 or 403 without calling its method when no security alternative lets the request in.",
            scheme.key
        );
        quote! {
            #[doc = #doc]
            fn #hook(&self, #args, scopes: &[&str]) -> impl std::future::Future<Output = Result<Self::Principal, Rejection>> + Send;
        }
    });
    std::iter::once(principal).chain(methods).collect()
}

/// `Rejection`, what an `authorize_…` method answers for a credential it does not accept.
fn rejection_type() -> TokenStream {
    quote! {
        /// Why an `authorize_…` method does not accept a credential.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rejection {
            /// Unknown, expired or malformed: 401 `{"detail": "Not authenticated"}`, unless
            /// another alternative lets the request in.
            Unauthenticated,
            /// Known, but without a scope or role the operation requires: 403
            /// `{"detail": "Not enough permissions"}`, unless another alternative lets the
            /// request in.
            Forbidden,
        }
    }
}

/// The function the router calls for one method of a route: an operation's handler or a
/// dispatcher.
fn target_ident(target: &Target) -> proc_macro2::Ident {
    match target {
        Target::Operation(handler) => ident(&handler.name),
        Target::Dispatch { name, .. } => ident(name),
    }
}

/// One statement per path:
/// `let router = router.route("/pets", axum::routing::get(handle_list::<A>).post(...));`
fn route_calls(analysis: &Analysis) -> Vec<syn::Stmt> {
    analysis
        .routes
        .iter()
        .map(|entry| {
            let mut chain = None;
            for (method, target) in &entry.methods {
                let handler = syntax::generic_path_expr(target_ident(target), "A");
                chain = Some(match chain {
                    None => syntax::call(&format!("axum::routing::{}", method.key()), [handler]),
                    Some(chain) => syntax::method(chain, method.key(), [handler]),
                });
            }
            let route = syntax::method(
                syntax::path_expr("router"),
                "route",
                [syntax::string(&entry.path)].into_iter().chain(chain),
            );
            syntax::let_(syntax::binding(ident("router")), route)
        })
        .collect()
}

/// The dispatchers: for a route that templates share, or whose captures hold text axum cannot
/// match, a handler that calls the first operation whose mixed segments match, else answers
/// 404. The operation's handler then reads the request as if axum had called it.
fn dispatchers(
    ir: &Ir,
    analysis: &Analysis,
    uses: &Uses<ServerHelper>,
    parser: &Parser,
) -> Vec<Code> {
    let mut code = Vec::new();
    for entry in &analysis.routes {
        for (method, target) in &entry.methods {
            let Target::Dispatch { name, operations } = target else {
                continue;
            };
            let mut arms = Vec::new();
            let mut tried = Vec::new();
            let mut falls_through = true;
            for handler in operations {
                let operation = &ir.operations[handler.operation];
                tried.push(format!("`{}`", operation.path));
                let handler = ident(&handler.name);
                let call = quote!(axum::handler::Handler::call(#handler::<A>, request, api).await);
                let route = operation.route();
                if route.mixed.is_empty() {
                    arms.push(call);
                    falls_through = false;
                    break;
                }
                uses.mark(ServerHelper::SegmentMatches);
                let tests = route.mixed.iter().map(|mixed| {
                    let position = format!("p{}", mixed.capture);
                    let pieces = path_pieces(&mixed.pieces);
                    quote!(segment_matches(&path, #position, #pieces))
                });
                arms.push(quote! {
                    if #( #tests )&&* {
                        return #call;
                    }
                });
            }
            let not_found = falls_through.then(|| {
                quote!(axum::response::IntoResponse::into_response(
                    axum::http::StatusCode::NOT_FOUND
                ))
            });
            let tried = match (tried.as_slice(), falls_through) {
                ([only], true) => format!("serves {only} when the URL matches it, else 404"),
                (_, true) => format!("tries {}; 404 when none matches", tried.join(", then ")),
                (_, false) => format!("tries {}", tried.join(", then ")),
            };
            let doc = format!(
                " `{} {}`: {tried}.",
                method.key().to_uppercase(),
                entry.path
            );
            let name = ident(name);
            code.extend(parser.items(quote! {
                #[doc = #doc]
                async fn #name<A: Api>(
                    State(api): State<Arc<A>>,
                    path: axum::extract::RawPathParams,
                    request: axum::extract::Request,
                ) -> axum::response::Response {
                    #( #arms )*
                    #not_found
                }
            }));
        }
    }
    code
}
