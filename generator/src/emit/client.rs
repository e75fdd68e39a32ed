//! The `client` module: a reqwest client with one method per operation.
//!
//! Each method takes the operation's required parameters (and body) and returns a request
//! builder; optional parameters are set on the builder, which is sent by awaiting it:
//! `client.get_invites("event-456").status(InviteStatus::Accepted).await`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client_answer::emit_dispatch;
use super::client_names::OperationNames;
use super::client_request::emit_request;
use super::client_runtime::{ClientHelper, emit_runtime};
use super::code::{Code, MacroCall, Module, Parser, Placement};
use super::syntax::{self, type_path};
use super::types::{type_syntax_from, type_tokens_from};
use super::uses::Uses;
use super::{Items, doc_attrs, doc_syntax, ident};
use crate::analysis::{Analysis, Outcomes};
use crate::ir::{
    BodyKind, Ir, Operation, ParamLocation, RequestBody, Response, Scalar, SecurityKind, TypeRef,
};
use crate::naming;

pub(super) fn emit_client(
    ir: &Ir,
    analysis: &Analysis,
    parser: &Parser,
    mut items: Items<'_>,
    at: Placement,
) -> Module {
    let module = "types";
    let mut methods = Vec::new();
    let uses = Uses::default();
    debug_assert_eq!(ir.operations.len(), analysis.names.client.len());
    for (operation, names) in ir.operations.iter().zip(&analysis.names.client) {
        let outcomes = Outcomes::of(operation);
        let op_names = OperationNames {
            builder: ident(&names.builder),
            error: names.error.as_deref().map(ident),
            response: names.response.as_deref().map(ident),
            form: names.form.as_deref().map(ident),
        };
        let emitted = emit_operation(&OperationContext {
            ir,
            analysis,
            uses: &uses,
            operation,
            outcomes: &outcomes,
            names: &op_names,
            module,
            parser,
        });
        methods.push(emitted.method);
        items.push(emitted.items);
    }
    let client = emit_client_struct(ir, at);
    let import_types = analysis.uses_types.client.then(|| at.import_types());
    let runtime = emit_runtime(&uses);
    let title = format!(" A client for **{}** {}.", ir.api.title, ir.api.version);
    let example = usage_example(ir);
    let mut code = parser.items(quote! {
        #import_types
        use std::future::{Future, IntoFuture};
    });
    // Kept as text: prettyplease can only print a macro's body as a stream of tokens.
    code.push(Code::Source(super::runtime::SENDABLE_MACRO));
    let tls = client_certificate_docs(ir);
    let summary = super::docs::summary_docs(ir);
    code.extend(parser.items(quote! {
        #[doc = #title]
        #summary
        #( #[doc = #tls] )*
        #client
    }));
    if let Some(mut client_impl) = parser.parse::<syn::ItemImpl>(quote!(impl Client {})) {
        client_impl.items = methods;
        code.push(Code::Item(syn::Item::Impl(client_impl)));
    }
    code.extend(parser.items(quote! {
        /// The future a request turns into when awaited.
        pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;
    }));
    code.extend(items.into_code());
    code.extend(parser.items(runtime));
    let declaration = match at {
        Placement::Webhooks => quote! {
            /// Sends the API's webhooks, on reqwest: give [`Client`](client::Client) the URL a
            /// consumer registered; each webhook is a method, which posts to that URL exactly.
            pub mod client;
        },
        Placement::Top => client_declaration(&example),
    };
    Module::declared(parser, declaration, code)
}

fn client_declaration(example: &[String]) -> TokenStream {
    quote! {
        /// An async client for the API, on reqwest.
        ///
        /// Every operation is a method of [`Client`](client::Client) that takes the required
        /// parameters and returns a request; optional parameters are set on the request,
        /// which is sent by awaiting it. Errors are [`Error`](client::Error)s that hold the
        /// error bodies the operation declares.
        ///
        #( #[doc = #example] )*
        pub mod client;
    }
}

/// Doc lines on the `Client` for the spec's `mutualTLS` schemes: the certificate is set on the
/// `reqwest::Client` it is given.
fn client_certificate_docs(ir: &Ir) -> Vec<String> {
    if ir.mutual_tls.is_empty() {
        return Vec::new();
    }
    let schemes = super::docs::mutual_tls_schemes(&ir.mutual_tls);
    vec![
        String::new(),
        format!(
            " The API asks for a client certificate ({schemes}): TLS presents it, not this code. Build a `reqwest::Client` with it (`reqwest::Identity`, with a TLS feature of reqwest) and pass it to [`Client::with_client`]."
        ),
    ]
}

fn emit_client_struct(ir: &Ir, at: Placement) -> TokenStream {
    // The paths are appended to the base URL, which is kept without a trailing `/`; a
    // webhook goes to the URL a consumer registered, as it is.
    let new_base_url = match at {
        Placement::Top => quote! {
            let mut base_url = base_url.into();
            while base_url.ends_with('/') {
                base_url.pop();
            }
        },
        Placement::Webhooks => quote!(let base_url = base_url.into();),
    };
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
        let setter = ident(&naming::credential_setter(&scheme.name));
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
                #new_base_url
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

struct EmittedOperation {
    method: syn::ImplItem,
    items: Vec<Code>,
}

/// What one operation's client code is made from.
struct OperationContext<'o> {
    ir: &'o Ir,
    analysis: &'o Analysis,
    uses: &'o Uses<ClientHelper>,
    operation: &'o Operation,
    outcomes: &'o Outcomes<'o>,
    names: &'o OperationNames,
    module: &'o str,
    parser: &'o Parser,
}

/// The request builder's fields: required values (the method's arguments) and optional ones
/// (set by setters).
struct BuilderFields {
    required_args: Vec<syn::FnArg>,
    field_defs: Vec<syn::Field>,
    field_inits: Vec<syn::FieldValue>,
    /// A setter per optional value; `build_request` and `read_answer` follow.
    methods: Vec<syn::ImplItem>,
}

fn emit_operation(cx: &OperationContext<'_>) -> EmittedOperation {
    let (error_type, output) = cx.result_types();
    let builder = &cx.names.builder;
    let mut fields = cx.builder_fields();
    let form_item = match (&cx.names.form, &cx.operation.body) {
        (Some(form), Some(body)) => emit_form(cx.ir, cx.uses, body, form, cx.module),
        _ => TokenStream::new(),
    };
    let method = cx.method(
        std::mem::take(&mut fields.required_args),
        std::mem::take(&mut fields.field_inits),
    );
    let request_body = emit_request(cx.ir, cx.uses, cx.operation, cx.parser);
    let read_body = emit_dispatch(
        cx.analysis,
        cx.uses,
        cx.outcomes,
        cx.names,
        &error_type,
        cx.parser,
    );
    cx.uses.mark(ClientHelper::Execute);
    let (error_enum, response_enum) = cx.status_enums();
    // `fn build_request(&self) -> Result<reqwest::RequestBuilder, String> { ... }`
    fields.methods.push(syntax::method_item(
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
    fields.methods.push(syntax::method_item(
        Vec::new(),
        false,
        ident("read_answer"),
        syntax::Receiver::NoSelf,
        vec![syntax::argument(
            ident("answer"),
            type_path("Answer", Vec::new()),
        )],
        cx.parser
            .parse(output.clone())
            .unwrap_or(syn::Type::Verbatim(TokenStream::new())),
        read_body,
    ));
    let builder_impl = Code::Item(syntax::impl_block(
        syntax::lifetime_generics("'a"),
        None,
        syntax::type_with_lifetime(builder.clone(), "'a"),
        fields.methods,
    ));
    let builder_struct = Code::Item(syntax::generic_struct(
        vec![
            syntax::text_attribute("doc", &cx.builder_doc()),
            syntax::list_attribute("derive", quote!(Debug, Clone)),
            syntax::text_attribute(
                "must_use",
                "a request does nothing until it is awaited or sent",
            ),
        ],
        builder.clone(),
        syntax::lifetime_generics("'a"),
        fields.field_defs,
    ));
    let sendable = cx.parser.parse(output).map(|output| {
        Code::Macro(MacroCall::Sendable {
            builder: builder.clone(),
            output,
        })
    });
    let mut items = vec![builder_struct, builder_impl];
    items.extend(sendable);
    items.extend(
        [error_enum, response_enum]
            .into_iter()
            .flatten()
            .map(Code::Item),
    );
    items.extend(cx.parser.items(form_item));
    EmittedOperation { method, items }
}

impl OperationContext<'_> {
    fn ty(&self, ty: &TypeRef) -> TokenStream {
        type_tokens_from(self.ir, ty, false, self.module)
    }

    fn syntax_type(&self, ty: &TypeRef) -> syn::Type {
        type_syntax_from(self.ir, ty, false, self.module)
    }

    /// The error type (`Infallible` when none is declared) and what the request resolves
    /// to: `Result<Pet, Error<GetPetError>>`.
    fn result_types(&self) -> (TokenStream, TokenStream) {
        let names = self.names;
        let error_type = match &names.error {
            Some(error) => quote!(#error),
            None => quote!(std::convert::Infallible),
        };
        let body_type = |response: &Response| match &response.body {
            Some(body) => self.ty(&body.ty),
            None => quote!(()),
        };
        let plain_success = match (&names.response, self.outcomes.successes.first()) {
            (Some(response), _) => quote!(#response),
            (None, Some(first)) => body_type(first),
            (None, None) => quote!(()),
        };
        if self.outcomes.with_headers {
            self.uses.mark(ClientHelper::ResponseValue);
        }
        let success_type = if self.outcomes.with_headers {
            quote!(ResponseValue<#plain_success>)
        } else {
            plain_success.clone()
        };
        // `Error`'s type parameter defaults to `Infallible`: operations without error bodies
        // say just `Error`.
        let output = match &names.error {
            Some(error) => quote!(Result<#success_type, Error<#error>>),
            None => quote!(Result<#success_type, Error>),
        };
        (error_type, output)
    }

    /// The builder's fields, built as syntax trees (one builder per operation): the client,
    /// then the parameters in method order, then the body.
    fn builder_fields(&self) -> BuilderFields {
        let mut fields = BuilderFields {
            required_args: Vec::new(),
            field_defs: vec![syntax::private_field(
                ident("client"),
                syntax::reference_type(Some("'a"), syntax::type_path("Client", Vec::new())),
            )],
            field_inits: vec![syntax::field_value(
                ident("client"),
                syntax::path_expr("self"),
            )],
            methods: Vec::new(),
        };
        for param in self.operation.ordered_params() {
            let value_type = self.syntax_type(&param.ty);
            let converts = param.ty == TypeRef::Scalar(Scalar::String);
            // syn's trees are not `Clone` in this build (its `clone-impls` feature is off): a
            // type used twice is built twice.
            let arg_type = if converts {
                into(type_path("String", Vec::new()))
            } else {
                self.syntax_type(&param.ty)
            };
            let setter_docs = (!param.required)
                .then(|| param.docs.as_deref().map(doc_syntax).unwrap_or_default());
            fields.add(
                ident(&param.name),
                value_type,
                arg_type,
                converts,
                setter_docs,
            );
        }
        if let Some(body) = &self.operation.body {
            let body_value_type = || match (&self.names.form, body.kind) {
                (Some(form), _) => syntax::named_type(form.clone()),
                (None, BodyKind::Text) => type_path("String", Vec::new()),
                (None, BodyKind::Bytes) => type_path("Vec", vec![type_path("u8", Vec::new())]),
                (None, _) => self.syntax_type(&body.ty),
            };
            let (arg_type, converts) = match body.kind {
                BodyKind::Text => (into(type_path("String", Vec::new())), true),
                BodyKind::Bytes => (
                    into(type_path("Vec", vec![type_path("u8", Vec::new())])),
                    true,
                ),
                _ => (body_value_type(), false),
            };
            let setter_docs = (!body.required)
                .then(|| doc_syntax(body.docs.as_deref().unwrap_or("The request body.")));
            fields.add(
                ident("body"),
                body_value_type(),
                arg_type,
                converts,
                setter_docs,
            );
        }
        fields
    }

    /// The client's method that makes the builder:
    /// `pub fn list_pets(&self, owner: impl Into<String>) -> ListPets<'_> {`
    /// `    ListPets { client: self, owner: owner.into(), page: None }`
    fn method(
        &self,
        required_args: Vec<syn::FnArg>,
        field_inits: Vec<syn::FieldValue>,
    ) -> syn::ImplItem {
        let operation = self.operation;
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
        let builder = &self.names.builder;
        let new_builder = syntax::struct_literal(builder, field_inits);
        syntax::method_item(
            attrs,
            true,
            ident(&operation.name),
            syntax::Receiver::Ref,
            required_args,
            syntax::type_with_lifetime(builder.clone(), "'_"),
            vec![syntax::tail(new_builder)],
        )
    }

    fn builder_doc(&self) -> String {
        let operation = self.operation;
        format!(
            " A `{} {}` request, made by [`Client::{}`]. Set optional parameters, then `.await` it (or call [`send`](Self::send)).",
            operation.method.key().to_ascii_uppercase(),
            operation.path,
            operation.name.trim_start_matches("r#"),
        )
    }

    /// The enums of the error answers and, when successes carry different bodies, of the
    /// successful ones.
    fn status_enums(&self) -> (Option<syn::Item>, Option<syn::Item>) {
        // Enum payloads: large ones are boxed so every variant stays small.
        let payload =
            |ty: &TypeRef| type_syntax_from(self.ir, ty, self.analysis.is_large(ty), self.module);
        let short_name = naming::unraw(&self.operation.name);
        let error_enum = self.names.error.as_ref().map(|name| {
            let doc = format!(" The error answers `{short_name}` declares.");
            status_enum(name, &doc, &self.outcomes.errors, &payload)
        });
        let response_enum = self.names.response.as_ref().map(|name| {
            let doc = format!(" The successful answers `{short_name}` declares.");
            status_enum(name, &doc, &self.outcomes.successes, &payload)
        });
        (error_enum, response_enum)
    }
}

impl BuilderFields {
    /// `setter_docs`: `None` for a required value (a field set by the method's argument),
    /// the setter's docs for an optional one.
    fn add(
        &mut self,
        field: proc_macro2::Ident,
        value_type: syn::Type,
        arg_type: syn::Type,
        converts: bool,
        setter_docs: Option<Vec<syn::Attribute>>,
    ) {
        match setter_docs {
            None => {
                self.required_args
                    .push(syntax::argument(field.clone(), arg_type));
                self.field_defs
                    .push(syntax::private_field(field.clone(), value_type));
                self.field_inits.push(syntax::field_init(field, converts));
            }
            Some(docs) => {
                let optional = syntax::type_path("Option", vec![value_type]);
                self.field_defs
                    .push(syntax::private_field(field.clone(), optional));
                self.field_inits.push(syntax::field_value(
                    field.clone(),
                    syntax::path_expr("None"),
                ));
                self.methods.push(setter(docs, field, arg_type, converts));
            }
        }
    }
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
                .map(|requirement| {
                    let scheme = &ir.security_schemes[requirement.scheme];
                    let setter = naming::credential_setter(&scheme.name);
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

/// An enum of the answers `responses`, a variant per status holding its body (built as a
/// syntax tree: one or two per operation).
fn status_enum(
    name: &proc_macro2::Ident,
    doc: &str,
    responses: &[&Response],
    payload: &dyn Fn(&TypeRef) -> syn::Type,
) -> syn::Item {
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
    syntax::public_enum(attrs, name.clone(), variants.collect())
}

/// `impl Into<T>`: how strings and bytes are taken, so `&str` works.
fn into(target: syn::Type) -> syn::Type {
    syntax::impl_trait(type_path("Into", vec![target]))
}

/// A builder's setter of an optional value (`converts`: the value is taken as
/// `impl Into<T>`):
///
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
    let method = operation.method.key().to_ascii_uppercase();
    if operation.path.is_empty() {
        // A webhook: no path of its own.
        text.push_str(&format!("`{method}` to the client's URL"));
    } else {
        text.push_str(&format!("`{method} {}`", operation.path));
    }
    doc_syntax(&text)
}

/// The struct a `multipart/form-data` body is given as: one field per part, files as
/// `File`s.
fn emit_form(
    ir: &Ir,
    uses: &Uses<ClientHelper>,
    body: &RequestBody,
    name: &proc_macro2::Ident,
    module: &str,
) -> TokenStream {
    super::types::form_struct(ir, body, name, module, &|| uses.mark(ClientHelper::File))
}
