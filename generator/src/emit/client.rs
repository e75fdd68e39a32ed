//! The `client` module: a reqwest client with one method per operation.
//!
//! Each method takes the operation's required parameters (and body) and returns a request
//! builder; optional parameters are set on the builder, which is sent by awaiting it:
//! `client.get_invites("event-456").status(InviteStatus::Accepted).await`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::client_runtime::emit_runtime;
use super::syntax::{self, Built, type_path};
use super::types::{type_syntax_from, type_tokens_from};
use super::uses::Uses;
use super::{doc_attrs, doc_syntax, ident, moved};
use crate::analysis::Analysis;
use crate::ir::{
    BodyKind, HttpMethod, Ir, Operation, ParamLocation, ParamStyle, RequestBody, Response, Scalar,
    SecurityKind, StatusMatch, TypeRef,
};
use crate::naming::{self, NameSet};

/// Names of the items made for one operation, unique within the client module.
struct OperationNames {
    builder: proc_macro2::Ident,
    error: Option<proc_macro2::Ident>,
    response: Option<proc_macro2::Ident>,
    form: Option<proc_macro2::Ident>,
}

/// The success type, the error type, and how responses map onto them.
struct Outcomes<'a> {
    successes: Vec<&'a Response>,
    errors: Vec<&'a Response>,
    /// A success enum is needed: successes carry different bodies.
    success_enum: bool,
    with_headers: bool,
}

pub(super) fn emit_client(ir: &Ir, analysis: &Analysis, built: &Built) -> TokenStream {
    let module = quote!(types::);
    let mut names = NameSet::new();
    for reserved in [
        "Client",
        "Credentials",
        "Error",
        "File",
        "ResponseValue",
        "Rendered",
        "BoxFuture",
        "Future",
        "IntoFuture",
        "Answer",
    ] {
        names.claim(reserved.to_owned());
    }
    let mut methods = Vec::new();
    let mut items = Vec::new();
    let uses = Uses::default();
    for operation in &ir.operations {
        let outcomes = outcomes(operation);
        let builder_name = naming::type_name(&operation.name);
        let op_names = OperationNames {
            builder: format_ident!("{}", names.claim(builder_name.clone())),
            error: (!outcomes.errors.is_empty())
                .then(|| format_ident!("{}", names.claim(format!("{builder_name}Error")))),
            response: outcomes
                .success_enum
                .then(|| format_ident!("{}", names.claim(format!("{builder_name}Response")))),
            form: operation
                .body
                .as_ref()
                .filter(|body| body.kind == BodyKind::Multipart)
                .map(|_| format_ident!("{}", names.claim(format!("{builder_name}Form")))),
        };
        let emitted = emit_operation(
            ir, analysis, &uses, operation, &outcomes, &op_names, &module, built,
        );
        methods.push(moved(emitted.method));
        items.push(moved(emitted.items));
    }
    let client = emit_client_struct(ir);
    let import_types = uses_models(ir).then(|| {
        quote!(
            use super::types;
        )
    });
    let runtime = emit_runtime(&uses);
    // Kept as text: prettyplease can only print a macro's body as a stream of tokens.
    let sendable = crate::format::verbatim(include_str!("client_macros/sendable.rs"));
    let title = format!(" A client for **{}** {}.", ir.api.title, ir.api.version);
    let example = usage_example(ir);
    quote! {
        /// An async client for the API, on reqwest.
        ///
        /// Every operation is a method of [`Client`](client::Client) that takes the required
        /// parameters and returns a request; optional parameters are set on the request,
        /// which is sent by awaiting it. Errors are [`Error`](client::Error)s that hold the
        /// error bodies the operation declares.
        ///
        #( #[doc = #example] )*
        pub mod client {
            #import_types
            use std::future::{Future, IntoFuture};

            #sendable

            #[doc = #title]
            #client

            impl Client {
                #( #methods )*
            }

            /// The future a request turns into when awaited.
            pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;

            #( #items )*
            #runtime
        }
    }
}

fn emit_client_struct(ir: &Ir) -> TokenStream {
    let default_url = ir
        .servers
        .first()
        .map(|server| server.url.clone())
        .filter(|url| url.starts_with("http://") || url.starts_with("https://"));
    let (default_const, default_impl) = match &default_url {
        Some(url) => (
            quote! {
                /// The base URL of the spec's first server.
                pub const DEFAULT_BASE_URL: &str = #url;
            },
            quote! {
                impl Default for Client {
                    /// A client for [`DEFAULT_BASE_URL`].
                    fn default() -> Self {
                        Self::new(DEFAULT_BASE_URL)
                    }
                }
            },
        ),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let schemes = &ir.security_schemes;
    let credential_fields = schemes.iter().map(|scheme| {
        let field = ident(&scheme.name);
        match scheme.kind {
            SecurityKind::Basic => quote!(#field: Option<(String, Option<String>)>,),
            _ => quote!(#field: Option<String>,),
        }
    });
    let credential_debug = schemes.iter().map(|scheme| {
        let field = ident(&scheme.name);
        let key = &scheme.key;
        quote! {
            .field(#key, &self.#field.as_ref().map(|_| "<redacted>"))
        }
    });
    let setters = schemes.iter().map(|scheme| {
        let field = ident(&scheme.name);
        let setter = format_ident!("with_{}", naming::unraw(&scheme.name));
        let how = match &scheme.kind {
            SecurityKind::ApiKey { location, name } => {
                let place = match location {
                    ParamLocation::Header => "header",
                    ParamLocation::Query => "query parameter",
                    ParamLocation::Cookie => "cookie",
                    ParamLocation::Path => "path parameter",
                };
                format!("Sends `key` in the `{name}` {place} (`{}`).", scheme.key)
            }
            SecurityKind::Bearer => format!("Sends `token` as `Authorization: Bearer` (`{}`).", scheme.key),
            SecurityKind::Basic => format!("Sends HTTP basic credentials (`{}`).", scheme.key),
        };
        let mut text = how;
        if let Some(docs) = &scheme.docs {
            text.push_str("\n\n");
            text.push_str(docs);
        }
        text.push_str("\n\nThe credential is kept out of `Debug` output.");
        let docs = doc_attrs(Some(&text));
        match scheme.kind {
            SecurityKind::ApiKey { .. } => quote! {
                #docs
                pub fn #setter(mut self, key: impl Into<String>) -> Self {
                    self.credentials.#field = Some(key.into());
                    self
                }
            },
            SecurityKind::Bearer => quote! {
                #docs
                pub fn #setter(mut self, token: impl Into<String>) -> Self {
                    self.credentials.#field = Some(token.into());
                    self
                }
            },
            SecurityKind::Basic => quote! {
                #docs
                pub fn #setter(mut self, username: impl Into<String>, password: Option<String>) -> Self {
                    self.credentials.#field = Some((username.into(), password));
                    self
                }
            },
        }
    });
    quote! {
        #[derive(Clone)]
        pub struct Client {
            base_url: String,
            http: reqwest::Client,
            credentials: Credentials,
        }

        /// Credentials set on the client, applied to the operations that require them.
        #[derive(Clone, Default)]
        struct Credentials {
            #( #credential_fields )*
        }

        #default_const

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url)
                    .field("credentials", &self.credentials)
                    .finish_non_exhaustive()
            }
        }

        impl std::fmt::Debug for Credentials {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Credentials")
                    #( #credential_debug )*
                    .finish()
            }
        }

        #default_impl

        impl Client {
            /// A client for the API at `base_url` (for example `http://127.0.0.1:8080`).
            pub fn new(base_url: impl Into<String>) -> Self {
                Self::with_client(base_url, reqwest::Client::new())
            }

            /// A client that sends its requests through `http` (for timeouts, proxies, TLS
            /// settings, middleware...).
            pub fn with_client(base_url: impl Into<String>, http: reqwest::Client) -> Self {
                let mut base_url = base_url.into();
                while base_url.ends_with('/') {
                    base_url.pop();
                }
                Self { base_url, http, credentials: Credentials::default() }
            }

            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            pub fn http_client(&self) -> &reqwest::Client {
                &self.http
            }

            #( #setters )*
        }
    }
}

fn outcomes(operation: &Operation) -> Outcomes<'_> {
    let has_success = operation.responses.iter().any(|r| r.status.is_success());
    // With no success response declared, `default` is the answer to expect.
    let is_success =
        |r: &Response| r.status.is_success() || (!has_success && r.status == StatusMatch::Default);
    let successes: Vec<&Response> = operation
        .responses
        .iter()
        .filter(|r| is_success(r))
        .collect();
    let errors: Vec<&Response> = operation
        .responses
        .iter()
        .filter(|r| !is_success(r))
        .collect();
    let body_type = |r: &&Response| r.body.as_ref().map(|b| b.ty.clone());
    let success_enum = successes
        .first()
        .is_some_and(|first| successes.iter().any(|r| body_type(r) != body_type(first)));
    let with_headers = successes.iter().any(|r| !r.headers.is_empty());
    Outcomes {
        successes,
        errors,
        success_enum,
        with_headers,
    }
}

struct EmittedOperation {
    method: TokenStream,
    items: TokenStream,
}

#[allow(clippy::too_many_arguments)]
fn emit_operation(
    ir: &Ir,
    analysis: &Analysis,
    uses: &Uses,
    operation: &Operation,
    outcomes: &Outcomes<'_>,
    names: &OperationNames,
    module: &TokenStream,
    built: &Built,
) -> EmittedOperation {
    let ty = |ty: &TypeRef| type_tokens_from(ir, ty, false, module);
    // Enum payloads: large ones are boxed so every variant stays small.
    let payload = |ty: &TypeRef| type_syntax_from(ir, ty, analysis.is_large(ty), "types");
    let builder = &names.builder;
    let method_name = ident(&operation.name);
    let error_type = match &names.error {
        Some(error) => quote!(#error),
        None => quote!(std::convert::Infallible),
    };
    let body_type = |response: &Response| match &response.body {
        Some(body) => ty(&body.ty),
        None => quote!(()),
    };
    let plain_success = match (&names.response, outcomes.successes.first()) {
        (Some(response), _) => quote!(#response),
        (None, Some(first)) => body_type(first),
        (None, None) => quote!(()),
    };
    if outcomes.with_headers {
        uses.mark("ResponseValue");
    }
    let success_type = if outcomes.with_headers {
        quote!(ResponseValue<#plain_success>)
    } else {
        plain_success.clone()
    };
    // `Error`'s type parameter defaults to `Infallible`: operations without error bodies say
    // just `Error`.
    let output = match &names.error {
        Some(error) => quote!(Result<#success_type, Error<#error>>),
        None => quote!(Result<#success_type, Error>),
    };

    // The builder (its struct, setters and the method that makes it) is built as syntax
    // trees: one per operation. Its fields: required parameters first (they are the method's
    // arguments).
    let mut required_args = Vec::new();
    let mut field_defs = vec![syntax::private_field(
        ident("client"),
        syntax::reference_type(Some("'a"), syntax::type_path("Client", Vec::new())),
    )];
    let mut field_inits = vec![syntax::field_value(
        ident("client"),
        syntax::path_expr("self"),
    )];
    let mut setters = Vec::new();
    let mut add_field = |field: proc_macro2::Ident,
                         value_type: syn::Type,
                         arg_type: syn::Type,
                         converts: bool,
                         optional: Option<Vec<syn::Attribute>>| {
        match optional {
            None => {
                required_args.push(syntax::argument(field.clone(), arg_type));
                field_defs.push(syntax::private_field(field.clone(), value_type));
                field_inits.push(syntax::field_init(field, converts));
            }
            Some(docs) => {
                let optional = syntax::type_path("Option", vec![value_type]);
                field_defs.push(syntax::private_field(field.clone(), optional));
                field_inits.push(syntax::field_value(
                    field.clone(),
                    syntax::path_expr("None"),
                ));
                setters.push(setter(docs, field, arg_type, converts));
            }
        }
    };
    for param in operation.ordered_params() {
        let value_type = type_syntax_from(ir, &param.ty, false, "types");
        let converts = param.ty == TypeRef::Scalar(Scalar::String);
        let arg_type = if converts {
            into(type_path("String", Vec::new()))
        } else {
            type_syntax_from(ir, &param.ty, false, "types")
        };
        // Optional parameters get setters, with the parameter's docs.
        let optional =
            (!param.required).then(|| param.docs.as_deref().map(doc_syntax).unwrap_or_default());
        add_field(ident(&param.name), value_type, arg_type, converts, optional);
    }
    let mut form_item = TokenStream::new();
    if let Some(body) = &operation.body {
        let body_value_type = || match (&names.form, body.kind) {
            (Some(form), _) => syntax::type_path(&form.to_string(), Vec::new()),
            (None, BodyKind::Text) => type_path("String", Vec::new()),
            (None, BodyKind::Bytes) => type_path("Vec", vec![type_path("u8", Vec::new())]),
            (None, _) => type_syntax_from(ir, &body.ty, false, "types"),
        };
        if let Some(form) = &names.form {
            form_item = emit_form(ir, uses, body, form, module);
        }
        let (arg_type, converts) = match body.kind {
            BodyKind::Text => (into(type_path("String", Vec::new())), true),
            BodyKind::Bytes => (
                into(type_path("Vec", vec![type_path("u8", Vec::new())])),
                true,
            ),
            _ => (body_value_type(), false),
        };
        let optional = (!body.required)
            .then(|| doc_syntax(body.docs.as_deref().unwrap_or("The request body.")));
        add_field(
            ident("body"),
            body_value_type(),
            arg_type,
            converts,
            optional,
        );
    }

    let mut attrs = method_docs(operation);
    if operation.deprecated {
        attrs.push(syntax::list_attribute(
            "deprecated",
            quote!(note = "deprecated in the spec"),
        ));
    }
    // clippy counts `&self` too: seven arguments are already too many.
    if required_args.len() >= 7 {
        attrs.push(syntax::list_attribute(
            "allow",
            quote!(clippy::too_many_arguments),
        ));
    }
    // `pub fn list_pets(&self, owner: impl Into<String>) -> ListPets<'_> {`
    // `    ListPets { client: self, owner: owner.into(), page: None }`
    let new_builder = syntax::struct_literal(builder, field_inits);
    let method = built.impl_item(syntax::method_item(
        attrs,
        true,
        method_name,
        syntax::Receiver::Ref,
        required_args,
        syntax::type_with_lifetime(builder.clone(), "'_"),
        vec![syntax::tail(new_builder)],
    ));

    let request_body = emit_request(ir, uses, operation, names, built);
    let read_body = emit_dispatch(analysis, uses, outcomes, names, &error_type, built);
    uses.mark("execute");
    let builder_doc = format!(
        " A `{} {}` request, made by [`Client::{}`]. Set optional parameters, then `.await` it (or call [`send`](Self::send)).",
        operation.method.key().to_ascii_uppercase(),
        operation.path,
        operation.name.trim_start_matches("r#"),
    );
    let short_name = naming::unraw(&operation.name);
    let error_enum = names.error.as_ref().map(|name| {
        let doc = format!(" The error answers `{short_name}` declares.");
        status_enum(built, name, &doc, &outcomes.errors, &payload)
    });
    let response_enum = names.response.as_ref().map(|name| {
        let doc = format!(" The successful answers `{short_name}` declares.");
        status_enum(built, name, &doc, &outcomes.successes, &payload)
    });
    // `fn build_request(&self) -> Result<reqwest::RequestBuilder, String> { ... }`
    setters.push(syntax::method_item(
        Vec::new(),
        false,
        ident("build_request"),
        syntax::Receiver::Ref,
        Vec::new(),
        type_path(
            "Result",
            vec![
                type_path("reqwest::RequestBuilder", Vec::new()),
                type_path("String", Vec::new()),
            ],
        ),
        request_body,
    ));
    // `fn read_answer(answer: Answer) -> Result<Pet, Error<GetPetError>> { ... }`
    setters.push(syntax::method_item(
        Vec::new(),
        false,
        ident("read_answer"),
        syntax::Receiver::None,
        vec![syntax::argument(
            ident("answer"),
            type_path("Answer", Vec::new()),
        )],
        built
            .parse(output.clone())
            .unwrap_or(syn::Type::Verbatim(TokenStream::new())),
        read_body,
    ));
    let builder_impl = built.item(syntax::impl_block(
        syntax::lifetime_generics("'a"),
        None,
        syntax::type_with_lifetime(builder.clone(), "'a"),
        setters,
    ));
    let (error_enum, response_enum) = (error_enum.map(moved), response_enum.map(moved));
    let builder_struct = built.item(syntax::generic_struct(
        vec![
            syntax::text_attribute("doc", &builder_doc),
            syntax::list_attribute("derive", quote!(Debug, Clone)),
            syntax::text_attribute(
                "must_use",
                "a request does nothing until it is awaited or sent",
            ),
        ],
        builder.clone(),
        syntax::lifetime_generics("'a"),
        field_defs,
    ));
    let items = quote! {
        #builder_struct

        #builder_impl

        sendable!(#builder => #output);

        #error_enum
        #response_enum
        #form_item
    };
    EmittedOperation { method, items }
}

/// A short example for the module docs, calling the first operation. It is marked `ignore`:
/// the path to this module depends on where the user includes it.
fn usage_example(ir: &Ir) -> Vec<String> {
    let Some(operation) = ir.operations.first() else {
        return Vec::new();
    };
    let base_url = ir
        .servers
        .first()
        .map(|server| server.url.as_str())
        .filter(|url| url.starts_with("http"))
        .unwrap_or("http://127.0.0.1:8080");
    let credentials: String = operation
        .security
        .first()
        .map(|alternative| {
            alternative
                .iter()
                .map(|&s| {
                    let scheme = &ir.security_schemes[s];
                    let setter = format!("with_{}", naming::unraw(&scheme.name));
                    match scheme.kind {
                        SecurityKind::Basic => {
                            format!("\n    .{setter}(\"user\", Some(\"password\".into()))")
                        }
                        _ => format!("\n    .{setter}(\"secret\")"),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let args: Vec<String> = operation
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| match &p.ty {
            TypeRef::Scalar(Scalar::String) => format!("\"{}\"", p.wire_name.replace('"', "")),
            TypeRef::Scalar(Scalar::Bool) => "true".to_owned(),
            TypeRef::Scalar(
                Scalar::I8
                | Scalar::I16
                | Scalar::I32
                | Scalar::I64
                | Scalar::U8
                | Scalar::U16
                | Scalar::U32
                | Scalar::U64,
            ) => "1".to_owned(),
            _ => "todo!()".to_owned(),
        })
        .chain(
            operation
                .body
                .iter()
                .filter(|b| b.required)
                .map(|_| "todo!()".to_owned()),
        )
        .collect();
    let text = format!(
        "```ignore\nlet client = Client::new(\"{base_url}\"){credentials};\nlet answer = client.{}({}).await?;\n```",
        naming::unraw(&operation.name),
        args.join(", ")
    );
    text.lines().map(|line| format!(" {line}")).collect()
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
    ir.operations.iter().any(|op| {
        op.params.iter().any(|p| named(&p.ty))
            || op
                .body
                .iter()
                .any(|b| named(&b.ty) || b.parts.iter().any(|part| !part.file && named(&part.ty)))
            || op
                .responses
                .iter()
                .flat_map(|r| &r.body)
                .any(|b| named(&b.ty))
    })
}

/// An enum with a variant per response status, holding its body.
/// An enum of the answers `responses` (built as a syntax tree: one or two per operation).
fn status_enum(
    built: &Built,
    name: &proc_macro2::Ident,
    doc: &str,
    responses: &[&Response],
    payload: &dyn Fn(&TypeRef) -> syn::Type,
) -> TokenStream {
    let variants = responses.iter().map(|response| {
        let variant = format_ident!("{}", naming::status_name(response.status));
        let docs = doc_syntax(&super::response_doc(response, ""));
        let payload = response.body.iter().map(|body| payload(&body.ty)).collect();
        syntax::variant(docs, variant, payload)
    });
    let attrs = vec![
        syntax::text_attribute("doc", doc),
        syntax::list_attribute("derive", quote!(Debug, Clone, PartialEq)),
    ];
    built.item(syntax::public_enum(attrs, name.clone(), variants.collect()))
}

/// `impl Into<T>`: how strings and bytes are taken, so `&str` works.
fn into(target: syn::Type) -> syn::Type {
    syntax::impl_trait(type_path("Into", vec![target]))
}

/// A builder's setter of an optional value (`converts`: the value is taken as
/// `impl Into<T>`).
/// `pub fn page(mut self, value: i64) -> Self { self.page = Some(value); self }`
fn setter(
    docs: Vec<syn::Attribute>,
    field: proc_macro2::Ident,
    arg_type: syn::Type,
    converts: bool,
) -> syn::ImplItem {
    let value = syntax::path_expr("value");
    let value = if converts {
        syntax::method(value, "into", [])
    } else {
        value
    };
    let assign = syntax::assign(
        syntax::field(syntax::path_expr("self"), field.clone()),
        syntax::call("Some", [value]),
    );
    syntax::method_item(
        docs,
        true,
        field,
        syntax::Receiver::MutValue,
        vec![syntax::argument(ident("value"), arg_type)],
        type_path("Self", Vec::new()),
        vec![
            syntax::semi(assign),
            syntax::tail(syntax::path_expr("self")),
        ],
    )
}

fn method_docs(operation: &Operation) -> Vec<syn::Attribute> {
    let mut text = String::new();
    if let Some(summary) = &operation.summary {
        text.push_str(summary.trim());
    }
    if let Some(description) = &operation.description {
        if !text.is_empty() && description.trim() != text {
            text.push_str("\n\n");
            text.push_str(description.trim());
        } else if text.is_empty() {
            text.push_str(description.trim());
        }
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "`{} {}`",
        operation.method.key().to_ascii_uppercase(),
        operation.path
    ));
    doc_syntax(&text)
}

/// The body of `build_request`: the URL, parameters, credentials and body, without sending.
/// The common statements are built as syntax trees: there are thousands on a large spec.
fn emit_request(
    ir: &Ir,
    uses: &Uses,
    operation: &Operation,
    names: &OperationNames,
    built: &Built,
) -> Vec<syn::Stmt> {
    let self_field = |field| syntax::field(syntax::path_expr("self"), field);
    let mut statements = Vec::new();
    // `let client = self.client;`
    statements.push(syntax::let_(
        syntax::binding(ident("client")),
        self_field(ident("client")),
    ));
    // The URL: literal pieces of the template, path parameters as encoded segments.
    let mut format = String::from("{}");
    let mut url_args = vec![quote!(client.base_url)];
    let mut segments = Vec::new();
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open].replace('{', "{{").replace('}', "}}"));
        let Some(close) = rest[open..].find('}') else {
            format.push_str(&rest[open..].replace('{', "{{").replace('}', "}}"));
            rest = "";
            break;
        };
        let name = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        format.push_str("{}");
        let param = operation
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name);
        match param {
            Some(param) => {
                let field = ident(&param.name);
                let explode = matches!(param.style, ParamStyle::Simple { explode: true });
                // Bound first: prettyplease prints `format!`'s arguments as plain tokens.
                let segment = format_ident!("segment_{}", segments.len());
                uses.mark("path_param");
                uses.mark("path_segment");
                uses.mark("simple");
                uses.mark("render");
                // `let segment_0 = path_param(&self.owner, false)?;`
                let value = syntax::reference(self_field(field));
                let read = syntax::call("path_param", [value, syntax::boolean(explode)]);
                segments.push(syntax::let_(
                    syntax::binding(segment.clone()),
                    syntax::try_(read),
                ));
                url_args.push(quote!(#segment));
            }
            None => url_args.push(quote!("")),
        }
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    let method = match operation.method {
        HttpMethod::Get => "reqwest::Method::GET",
        HttpMethod::Put => "reqwest::Method::PUT",
        HttpMethod::Post => "reqwest::Method::POST",
        HttpMethod::Delete => "reqwest::Method::DELETE",
        HttpMethod::Options => "reqwest::Method::OPTIONS",
        HttpMethod::Head => "reqwest::Method::HEAD",
        HttpMethod::Patch => "reqwest::Method::PATCH",
        HttpMethod::Trace => "reqwest::Method::TRACE",
    };

    let schemes = &ir.security_schemes;
    let uses_query = operation
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Query);
    let uses_cookies = operation
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Cookie)
        || operation.security.iter().flatten().any(|&s| {
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
    // `let url = format!("{}/pets/{}", client.base_url, segment_0);`
    statements.push(syntax::let_(
        request("url"),
        syntax::macro_call("format", quote!(#format, #( #url_args ),*)),
    ));
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
        statements.extend(
            built.parse_stmts(quote!(let mut cookies: Vec<(String, String)> = Vec::new();)),
        );
    }
    for param in &operation.params {
        if param.location == ParamLocation::Path {
            continue;
        }
        let field = ident(&param.name);
        let wire = &param.wire_name;
        let optional = !param.required || matches!(param.ty, TypeRef::Nullable(_));
        let value = quote!(value);
        if param.style != ParamStyle::Json {
            uses.mark("render");
            if param.location != ParamLocation::Query
                || matches!(param.style, ParamStyle::Simple { .. })
            {
                uses.mark("simple");
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
        if let (ParamLocation::Query, ParamStyle::Form { explode }) = (param.location, param.style)
        {
            // One statement: `push_form` skips an unset value.
            uses.mark("push_form");
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
            statements.push(syntax::semi(syntax::try_(push)));
            continue;
        }
        let action = match param.location {
            ParamLocation::Query => match param.style {
                ParamStyle::Form { .. } => unreachable!("written above"),
                ParamStyle::SpaceDelimited => {
                    uses.mark("push_delimited");
                    quote!(push_delimited(&mut query, #wire, " ", #rendered);)
                }
                ParamStyle::PipeDelimited => {
                    uses.mark("push_delimited");
                    quote!(push_delimited(&mut query, #wire, "|", #rendered);)
                }
                ParamStyle::DeepObject => {
                    uses.mark("push_deep_object");
                    quote!(push_deep_object(&mut query, #wire, #rendered);)
                }
                ParamStyle::Simple { .. } | ParamStyle::Json => {
                    quote!(query.push((#wire.to_owned(), #text));)
                }
            },
            ParamLocation::Cookie => quote!(cookies.push((#wire.to_owned(), #text));),
            ParamLocation::Header => quote!(request.header(#wire, #text)),
            ParamLocation::Path => continue,
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
        statements.extend(built.parse_stmts(statement));
    }
    statements.extend(built.parse_stmts(emit_security(ir, operation)));
    if uses_query {
        uses.mark("with_query");
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
        uses.mark("cookie_header");
        statements.extend(built.parse_stmts(quote! {
            let request = if cookies.is_empty() {
                request
            } else {
                request.header(reqwest::header::COOKIE, cookie_header(&cookies))
            };
        }));
    }
    if let Some(body) = &operation.body {
        statements.extend(emit_body(uses, body, names, built));
    }
    statements.push(syntax::tail(syntax::call(
        "Ok",
        [syntax::path_expr("request")],
    )));
    statements
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
                .map(|&s| ident(&ir.security_schemes[s].name))
                .collect();
            let bindings: Vec<_> = (0..alternative.len())
                .map(|i| format_ident!("credential_{}", i))
                .collect();
            let mut pushes = Vec::new();
            let mut calls = Vec::new();
            for (&s, binding) in alternative.iter().zip(&bindings) {
                match &ir.security_schemes[s].kind {
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

fn emit_body(
    uses: &Uses,
    body: &RequestBody,
    names: &OperationNames,
    built: &Built,
) -> Vec<syn::Stmt> {
    let no_parts = body.kind == BodyKind::Multipart && body.parts.is_empty();
    if body.required && !no_parts && matches!(body.kind, BodyKind::Json | BodyKind::Form) {
        // The common case, built: `let body = &self.body;` `let request = request.json(body);`
        let apply = if body.kind == BodyKind::Json {
            "json"
        } else {
            "form"
        };
        return vec![
            syntax::let_(
                syntax::binding(ident("body")),
                syntax::reference(syntax::field(syntax::path_expr("self"), ident("body"))),
            ),
            syntax::let_(
                syntax::binding(ident("request")),
                syntax::method(
                    syntax::path_expr("request"),
                    apply,
                    [syntax::path_expr("body")],
                ),
            ),
        ];
    }
    let apply = match body.kind {
        BodyKind::Json => quote!(request.json(body)),
        BodyKind::Form => quote!(request.form(body)),
        BodyKind::Text | BodyKind::Bytes => {
            let media = &body.media_type;
            quote!(request.header(reqwest::header::CONTENT_TYPE, #media).body(body.clone()))
        }
        BodyKind::Multipart => {
            let _ = &names.form;
            let parts = body.parts.iter().map(|part| {
                let field = ident(&part.name);
                let wire = &part.wire_name;
                let is_list = matches!(part.ty, TypeRef::List(_));
                uses.mark(if part.file { "File" } else { "part_text" });
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
    built.parse_stmts(if body.required && no_parts {
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

/// Maps the answer's status onto the declared responses: exact codes first, then ranges,
/// then `default`; anything else is `Error::UnexpectedStatus`.
fn emit_dispatch(
    analysis: &Analysis,
    uses: &Uses,
    outcomes: &Outcomes<'_>,
    names: &OperationNames,
    e: &TokenStream,
    built: &Built,
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
    let mut has_default = false;
    let arms = all.iter().map(|(response, success)| {
        // The common arms are built as syntax trees: there are thousands on a large spec.
        let pattern = match response.status {
            StatusMatch::Code(code) => Syntax::Built(syntax::integer_pattern(code)),
            StatusMatch::Range(hundreds) => {
                let low = Literal::u16_unsuffixed(hundreds * 100);
                let high = Literal::u16_unsuffixed(hundreds * 100 + 99);
                Syntax::Tokens(quote!(#low..=#high))
            }
            StatusMatch::Default => {
                has_default = true;
                Syntax::Built(syntax::wild_pattern())
            }
        };
        let read = match &response.body {
            None => quote!(()),
            Some(body) => match body.kind {
                BodyKind::Json => {
                    uses.mark("answer.json");
                    uses.mark("answer.body");
                    uses.mark("answer.status");
                    quote!(answer.json::<_, #e>()?)
                }
                BodyKind::Text => {
                    uses.mark("answer.text");
                    uses.mark("answer.body");
                    quote!(answer.text())
                }
                _ => {
                    uses.mark("answer.body");
                    quote!(answer.body)
                }
            },
        };
        let variant = format_ident!("{}", naming::status_name(response.status));
        // Enum payloads that are boxed in the enum's definition are boxed here too.
        let in_enum = names.response.is_some() || !*success;
        let read = match &response.body {
            Some(body) if in_enum && analysis.is_large(&body.ty) => match body.ty {
                TypeRef::Nullable(_) => quote!(#read.map(Box::new)),
                _ => quote!(Box::new(#read)),
            },
            _ => read,
        };
        let value = match (&names.response, *success, &response.body) {
            (Some(enum_name), true, Some(_)) => quote!(#enum_name::#variant(#read)),
            (Some(enum_name), true, None) => quote!(#enum_name::#variant),
            (None, true, _) => read.clone(),
            (_, false, Some(body)) if body.kind == BodyKind::Json => {
                let error = names.error.as_ref().map(|e| quote!(#e)).unwrap_or_default();
                uses.mark("answer.api");
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
        let plain_json = *success
            && names.response.is_none()
            && !outcomes.with_headers
            && response
                .body
                .as_ref()
                .is_some_and(|body| body.kind == BodyKind::Json);
        let answer = if plain_json {
            // The body is the result: no `Ok(...?)` around it.
            Syntax::Built(syntax::method(syntax::path_expr("answer"), "json", []))
        } else if let (false, Some(error), Some(body)) = (success, &names.error, &response.body)
            && body.kind == BodyKind::Json
            && !analysis.is_large(&body.ty)
        {
            // `Err(answer.api(Error::NotFound))`
            let variant = syntax::path_expr(&format!("{error}::{variant}"));
            let api = syntax::method(syntax::path_expr("answer"), "api", [variant]);
            Syntax::Built(syntax::call("Err", [api]))
        } else if *success && outcomes.with_headers {
            uses.mark("answer.headers");
            Syntax::Tokens(quote! {{
                let body = #value;
                Ok(ResponseValue { status, headers: answer.headers, body })
            }})
        } else if *success {
            Syntax::Tokens(quote!(Ok(#value)))
        } else if response
            .body
            .as_ref()
            .is_some_and(|body| body.kind == BodyKind::Json)
        {
            Syntax::Tokens(quote!(Err(answer.api(#value))))
        } else {
            Syntax::Tokens(quote!(Err(Error::Api { status, body: Box::new(#value) })))
        };
        let uses_status = !*success || outcomes.with_headers;
        (
            response.status == StatusMatch::Default,
            pattern,
            answer,
            uses_status,
        )
    });
    let mut arms: Vec<(bool, Syntax<syn::Pat>, Syntax<syn::Expr>, bool)> = arms.collect();
    if let [(true, _, _, _)] = arms.as_slice()
        && let Some((_, _, answer, uses_status)) = arms.pop()
    {
        // Only `default`: no `match` (a one-arm `match` is clippy's `match_single_binding`).
        let status = uses_status.then(|| {
            uses.mark("answer.status");
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
        let mut statements = built.parse_stmts(quote! {
            #ignore
            #status
        });
        let answer = match answer {
            Syntax::Built(answer) => Some(answer),
            Syntax::Tokens(answer) => built.parse(answer),
        };
        statements.extend(answer.map(syntax::tail));
        return statements;
    }
    let arms = arms
        .into_iter()
        .filter_map(|(_, pattern, answer, _)| match (pattern, answer) {
            (Syntax::Built(pattern), Syntax::Built(answer)) => Some(syntax::arm(pattern, answer)),
            (pattern, answer) => built.parse(quote!(#pattern => #answer,)),
        });
    let mut arms: Vec<syn::Arm> = arms.collect();
    if !has_default {
        uses.mark("answer.unexpected");
        uses.mark("answer.status");
        uses.mark("answer.body");
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
    uses.mark("answer.status");
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

/// The struct a `multipart/form-data` body is given as: one field per part, files as
/// `File`s.
fn emit_form(
    ir: &Ir,
    uses: &Uses,
    body: &RequestBody,
    name: &proc_macro2::Ident,
    module: &TokenStream,
) -> TokenStream {
    let fields = body.parts.iter().map(|part| {
        let field = ident(&part.name);
        let ty = if part.file {
            uses.mark("File");
            if matches!(part.ty, TypeRef::List(_)) {
                quote!(Vec<File>)
            } else {
                quote!(File)
            }
        } else {
            type_tokens_from(ir, &part.ty, false, module)
        };
        let ty = if part.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        quote!(pub #field: #ty,)
    });
    let doc = format!(" The `{}` body: one field per part.", body.media_type);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #fields )*
        }
    }
}

/// Syntax built as a tree, or written as tokens where a tree is not worth building (the rare
/// shapes).
enum Syntax<T> {
    Built(T),
    Tokens(TokenStream),
}

impl<T: quote::ToTokens> quote::ToTokens for Syntax<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Syntax::Built(tree) => tree.to_tokens(tokens),
            Syntax::Tokens(written) => written.to_tokens(tokens),
        }
    }
}
