//! The client's shared helpers, emitted once per client and each only when an operation
//! uses it (an unused private helper would be a warning in the user's crate).

use proc_macro2::TokenStream;
use quote::quote;

use super::uses::{Helper, Uses, helper_enum};

helper_enum! {
    /// The client's helpers, in the order they are written out; each lists the helpers its own
    /// code calls, which are marked with it.
    pub(super) enum ClientHelper {
        Render,
        Simple,
        PathSegment,
        PathParam,
        PathParamStyled,
        WithQuery,
        PushForm,
        PushDelimited,
        PushDeepObject,
        CookieHeader,
        FormBody,
        /// `Answer`, what every operation's `send` reads a response into; the `Answer*` parts
        /// below choose its fields and methods.
        Execute,
        ResponseValue,
        File,
        PartText,
        /// Parts of `Answer` (written with [`Self::Execute`]), each there when an operation reads it.
        AnswerStatus,
        AnswerHeaders,
        AnswerBody,
        AnswerJson,
        AnswerApi,
        AnswerText,
        AnswerUnexpected,
    }
}

impl Helper for ClientHelper {
    fn requires(self) -> &'static [Self] {
        match self {
            Self::Simple => &[Self::Render],
            Self::PathParam => &[Self::PathSegment, Self::Simple, Self::Render],
            Self::PathParamStyled => &[Self::Render],
            Self::PushForm => &[Self::Render],
            Self::PushDelimited => &[Self::Render],
            Self::PushDeepObject => &[Self::Render],
            Self::AnswerStatus => &[Self::Execute],
            Self::AnswerHeaders => &[Self::Execute],
            Self::AnswerBody => &[Self::Execute],
            Self::AnswerJson => &[Self::Execute, Self::AnswerBody, Self::AnswerStatus],
            Self::AnswerApi => &[Self::Execute],
            Self::AnswerText => &[Self::Execute, Self::AnswerBody],
            Self::AnswerUnexpected => &[Self::Execute, Self::AnswerStatus, Self::AnswerBody],
            _ => &[],
        }
    }
}

impl ClientHelper {
    fn code(self, uses: &Uses<Self>) -> TokenStream {
        match self {
            Self::Render => render_helpers(),
            Self::Simple => simple(),
            Self::PathSegment => path_segment(),
            Self::PathParam => path_param(),
            Self::PathParamStyled => path_param_styled(),
            Self::WithQuery => with_query(),
            Self::PushForm => push_form(),
            Self::PushDelimited => push_delimited(),
            Self::PushDeepObject => push_deep_object(),
            Self::CookieHeader => cookie_header(),
            Self::FormBody => form_body(),
            Self::Execute => emit_answer(uses),
            Self::ResponseValue => response_value(),
            Self::File => file(),
            Self::PartText => part_text(),
            Self::AnswerStatus
            | Self::AnswerHeaders
            | Self::AnswerBody
            | Self::AnswerJson
            | Self::AnswerApi
            | Self::AnswerText
            | Self::AnswerUnexpected => TokenStream::new(),
        }
    }
}

pub(super) fn emit_runtime(uses: &Uses<ClientHelper>) -> TokenStream {
    let error = error_type();
    let helpers = uses.used().into_iter().map(|helper| helper.code(uses));
    quote! {
        #error
        #(#helpers)*
    }
}

fn form_body() -> TokenStream {
    quote! {
        /// A form-urlencoded body, lists as repeated keys (`tag=a&tag=b`), as HTML forms and
        /// FastAPI write them. A value the format cannot hold (a nested object) is an
        /// [`Error::InvalidRequest`], before anything is sent.
        fn form_body<T: serde::Serialize + ?Sized>(
            request: reqwest::RequestBuilder,
            body: &T,
        ) -> Result<reqwest::RequestBuilder, String> {
            let text = serde_html_form::to_string(body)
                .map_err(|err| format!("the form body cannot be written: {err}"))?;
            Ok(request
                .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(text))
        }
    }
}

fn simple() -> TokenStream {
    quote! {
        /// A value in `simple` style (path and header parameters): `a,b,c`, and objects as
        /// `k,v,k,v` or, exploded, `k=v,k=v`.
        fn simple(value: Rendered, explode: bool) -> String {
            match value {
                Rendered::Scalar(text) => text,
                Rendered::List(items) => items.join(","),
                Rendered::Object(entries) => {
                    let pairs = entries.into_iter().map(|(key, value)| {
                        if explode { format!("{key}={value}") } else { format!("{key},{value}") }
                    });
                    pairs.collect::<Vec<_>>().join(",")
                }
            }
        }
    }
}

fn path_segment() -> TokenStream {
    quote! {
        /// Percent-encodes a path parameter so it stays one segment: everything but the
        /// unreserved characters is escaped, `/` included.
        fn path_segment(text: &str) -> Result<String, String> {
            if text.is_empty() || text == "." || text == ".." {
                return Err(format!("{text:?} cannot be sent as a path segment"));
            }
            let mut out = String::with_capacity(text.len());
            for byte in text.bytes() {
                if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                    out.push(char::from(byte));
                } else {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            Ok(out)
        }
    }
}

fn path_param() -> TokenStream {
    quote! {
        /// A path parameter as one percent-encoded segment, in `simple` style.
        fn path_param<T: serde::Serialize + ?Sized>(value: &T, explode: bool) -> Result<String, String> {
            path_segment(&simple(render(value)?, explode))
        }
    }
}

fn path_param_styled() -> TokenStream {
    quote! {
        /// A path parameter in `label` style (`.a`; lists `.a,b`, exploded `.a.b`) or `matrix`
        /// style (`;id=a`; lists `;id=a,b`, exploded `;id=a;id=b`); objects as `k,v` pairs, or
        /// exploded `k=v`. Values are percent-encoded, the style's own `.`, `;`, `=` and `,`
        /// are written as they are.
        fn path_param_styled<T: serde::Serialize + ?Sized>(
            value: &T,
            name: &str,
            matrix: bool,
            explode: bool,
        ) -> Result<String, String> {
            fn encode(text: &str) -> String {
                let mut out = String::with_capacity(text.len());
                for byte in text.bytes() {
                    if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                        out.push(char::from(byte));
                    } else {
                        out.push_str(&format!("%{byte:02X}"));
                    }
                }
                out
            }
            let named = |text: String| {
                if matrix { format!(";{}={text}", encode(name)) } else { format!(".{text}") }
            };
            let pair = |(key, value): &(String, String)| {
                let (key, value) = (encode(key), encode(value));
                if matrix { format!(";{key}={value}") } else { format!(".{key}={value}") }
            };
            Ok(match render(value)? {
                Rendered::Scalar(text) => named(encode(&text)),
                Rendered::List(items) if explode => items.iter().map(|item| named(encode(item))).collect(),
                Rendered::List(items) => named(items.iter().map(|item| encode(item)).collect::<Vec<_>>().join(",")),
                Rendered::Object(entries) if explode => entries.iter().map(pair).collect(),
                Rendered::Object(entries) => named(
                    entries.iter().flat_map(|(key, value)| [encode(key), encode(value)]).collect::<Vec<_>>().join(","),
                ),
            })
        }
    }
}

fn with_query() -> TokenStream {
    quote! {
        /// The request with the query parameters that were set.
        fn with_query(request: reqwest::RequestBuilder, query: &[(String, String)]) -> reqwest::RequestBuilder {
            if query.is_empty() { request } else { request.query(query) }
        }
    }
}

fn push_form() -> TokenStream {
    quote! {
        /// Appends a `form` style query parameter, when it is set: lists as
        /// `name=a&name=b` (exploded) or `name=a,b`; objects as one pair per property
        /// (exploded) or `name=k,v,k,v`.
        fn push_form<T: serde::Serialize + ?Sized>(
            query: &mut Vec<(String, String)>,
            name: &str,
            explode: bool,
            value: Option<&T>,
        ) -> Result<(), String> {
            let Some(value) = value else { return Ok(()) };
            match render(value)? {
                Rendered::Scalar(text) => query.push((name.to_owned(), text)),
                Rendered::List(items) if explode => {
                    query.extend(items.into_iter().map(|item| (name.to_owned(), item)));
                }
                Rendered::List(items) => query.push((name.to_owned(), items.join(","))),
                Rendered::Object(entries) if explode => query.extend(entries),
                Rendered::Object(entries) => {
                    let flat: Vec<String> = entries.into_iter().flat_map(|(k, v)| [k, v]).collect();
                    query.push((name.to_owned(), flat.join(",")));
                }
            }
            Ok(())
        }
    }
}

fn push_delimited() -> TokenStream {
    quote! {
        /// Appends a `spaceDelimited` (`separator` ` `) or `pipeDelimited` (`|`) query
        /// parameter.
        fn push_delimited(query: &mut Vec<(String, String)>, name: &str, separator: &str, value: Rendered) {
            let text = match value {
                Rendered::Scalar(text) => text,
                Rendered::List(items) => items.join(separator),
                Rendered::Object(entries) => {
                    let flat: Vec<String> = entries.into_iter().flat_map(|(k, v)| [k, v]).collect();
                    flat.join(separator)
                }
            };
            query.push((name.to_owned(), text));
        }
    }
}

fn push_deep_object() -> TokenStream {
    quote! {
        /// Appends a `deepObject` query parameter: `name[key]=value` per property.
        fn push_deep_object(query: &mut Vec<(String, String)>, name: &str, value: Rendered) {
            match value {
                Rendered::Scalar(text) => query.push((name.to_owned(), text)),
                Rendered::List(items) => {
                    query.extend(items.into_iter().map(|item| (format!("{name}[]"), item)));
                }
                Rendered::Object(entries) => {
                    query.extend(entries.into_iter().map(|(key, value)| (format!("{name}[{key}]"), value)));
                }
            }
        }
    }
}

fn cookie_header() -> TokenStream {
    quote! {
        /// The `Cookie` header for name/value pairs. Values are percent-encoded where a
        /// cookie cannot hold a character (`;`, `,`, space, quotes, `%`, non-ASCII), so a
        /// value cannot add a cookie of its own.
        fn cookie_header(cookies: &[(String, String)]) -> String {
            let encode = |value: &str| {
                let mut out = String::with_capacity(value.len());
                for byte in value.bytes() {
                    let plain = byte.is_ascii_graphic() && !matches!(byte, b';' | b',' | b'"' | b'\\' | b'%');
                    if plain {
                        out.push(char::from(byte));
                    } else {
                        out.push_str(&format!("%{byte:02X}"));
                    }
                }
                out
            };
            cookies
                .iter()
                .map(|(name, value)| format!("{name}={}", encode(value)))
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

fn response_value() -> TokenStream {
    quote! {
        /// A successful answer whose headers the spec describes: the body, with the status
        /// and headers it came with. Derefs to the body.
        #[derive(Debug, Clone)]
        pub struct ResponseValue<T> {
            pub status: reqwest::StatusCode,
            pub headers: reqwest::header::HeaderMap,
            pub body: T,
        }

        impl<T> std::ops::Deref for ResponseValue<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.body
            }
        }
    }
}

fn file() -> TokenStream {
    quote! {
        /// A file sent as one part of a `multipart/form-data` body.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct File {
            pub file_name: String,
            pub bytes: Vec<u8>,
            /// Defaults to `application/octet-stream`.
            pub content_type: Option<String>,
        }

        impl File {
            pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
                Self { file_name: file_name.into(), bytes: bytes.into(), content_type: None }
            }

            fn into_part(self) -> Result<reqwest::multipart::Part, String> {
                let content_type = self.content_type.as_deref().unwrap_or("application/octet-stream");
                reqwest::multipart::Part::bytes(self.bytes)
                    .file_name(self.file_name)
                    .mime_str(content_type)
                    .map_err(|err| format!("content type {content_type:?}: {err}"))
            }
        }
    }
}

fn part_text() -> TokenStream {
    quote! {
        /// The text of a non-file multipart field: strings as they are, anything else as JSON.
        fn part_text<T: serde::Serialize>(value: &T) -> Result<String, String> {
            match serde_json::to_value(value) {
                Ok(serde_json::Value::String(text)) => Ok(text),
                Ok(other) => Ok(other.to_string()),
                Err(err) => Err(err.to_string()),
            }
        }
    }
}

fn error_type() -> TokenStream {
    quote! {
        /// Why a call did not return its success value. `E` holds the error bodies the
        /// operation declares.
        #[derive(Debug)]
        pub enum Error<E = std::convert::Infallible> {
            /// The server answered with an error response the spec declares.
            Api { status: reqwest::StatusCode, body: Box<E> },
            /// The server answered with a status the spec does not declare for this operation.
            UnexpectedStatus { status: reqwest::StatusCode, body: String },
            /// The body did not match its schema; `path` is where in the JSON it went wrong.
            Decode {
                status: reqwest::StatusCode,
                path: String,
                message: String,
                body: String,
            },
            /// The request could not be built from the arguments.
            InvalidRequest(String),
            /// The request could not be sent, or the answer not read.
            Transport(reqwest::Error),
        }

        impl<E> Error<E> {
            /// The HTTP status of the answer, when there was one.
            pub fn status(&self) -> Option<reqwest::StatusCode> {
                match self {
                    Self::Api { status, .. } | Self::UnexpectedStatus { status, .. } | Self::Decode { status, .. } => Some(*status),
                    Self::InvalidRequest(_) => None,
                    Self::Transport(err) => err.status(),
                }
            }

        }

        impl<E: std::fmt::Debug> std::fmt::Display for Error<E> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::Api { status, body } => write!(f, "the server answered {status}: {body:?}"),
                    Self::UnexpectedStatus { status, body } => {
                        write!(f, "the server answered {status}, which the spec does not declare: {body}")
                    }
                    Self::Decode { status, path, message, .. } => {
                        write!(f, "the {status} answer does not match its schema at `{path}`: {message}")
                    }
                    Self::InvalidRequest(message) => write!(f, "invalid request: {message}"),
                    Self::Transport(err) => write!(f, "transport error: {err}"),
                }
            }
        }

        impl<E: std::fmt::Debug> std::error::Error for Error<E> {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Transport(err) => Some(err),
                    _ => None,
                }
            }
        }
    }
}

fn render_helpers() -> TokenStream {
    quote! {
        /// A parameter value taken apart for serialization.
        enum Rendered {
            Scalar(String),
            List(Vec<String>),
            Object(Vec<(String, String)>),
        }

        /// Renders a parameter value through serde, so every model type (enums with their wire
        /// values, dates in RFC 3339, ...) is written as it is in JSON, without quotes.
        fn render<T: serde::Serialize + ?Sized>(value: &T) -> Result<Rendered, String> {
            let text = |value: &serde_json::Value| match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            let value = serde_json::to_value(value).map_err(|err| err.to_string())?;
            Ok(match value {
                serde_json::Value::Array(items) => Rendered::List(items.iter().map(text).collect()),
                serde_json::Value::Object(entries) => {
                    Rendered::Object(entries.iter().map(|(key, value)| (key.clone(), text(value))).collect())
                }
                other => Rendered::Scalar(text(&other)),
            })
        }
    }
}

/// `execute`, the one `async` function every operation's `send` goes through, and the
/// `Answer` it hands to the operation's `read_answer`. Keeping operations free of `async`
/// code saves rustc a state machine (and its `Send` analysis) per operation.
fn emit_answer(uses: &Uses<ClientHelper>) -> TokenStream {
    let status = uses.has(ClientHelper::AnswerStatus);
    let headers = uses.has(ClientHelper::AnswerHeaders);
    let body = uses.has(ClientHelper::AnswerBody);
    let status_field = status.then(|| quote!(status: reqwest::StatusCode,));
    let headers_field = headers.then(|| quote!(headers: reqwest::header::HeaderMap,));
    let body_field = body.then(|| quote!(body: Vec<u8>,));
    let read_status = status.then(|| quote!(let status = response.status();));
    let read_headers =
        headers.then(|| quote!(let headers = std::mem::take(response.headers_mut());));
    // The body is read whole even when no answer of the spec's has one, so the connection can
    // be reused.
    let read_body = if body {
        quote!(let body = response.bytes().await.map_err(Error::Transport)?.into();)
    } else {
        quote!(response.bytes().await.map_err(Error::Transport)?;)
    };
    let mutable = headers.then(|| quote!(mut));
    let fields = [
        status.then(|| quote!(status,)),
        headers.then(|| quote!(headers,)),
        body.then(|| quote!(body,)),
    ];
    let json = uses.has(ClientHelper::AnswerJson).then(|| {
        quote! {
            /// The body as JSON; a mismatch names the JSON path where it happened.
            fn json<T: serde::de::DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
                let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
                serde_path_to_error::deserialize(&mut deserializer).map_err(|err| Error::Decode {
                    status: self.status,
                    path: err.path().to_string(),
                    message: err.inner().to_string(),
                    body: String::from_utf8_lossy(&self.body).into_owned(),
                })
            }
        }
    });
    let api = uses.has(ClientHelper::AnswerApi).then(|| {
        quote! {
            /// A declared error answer: its JSON body, made into the operation's error enum by
            /// `variant`.
            fn api<B: serde::de::DeserializeOwned, E>(&self, variant: fn(B) -> E) -> Error<E> {
                match self.json::<B, E>() {
                    Ok(body) => Error::Api { status: self.status, body: Box::new(variant(body)) },
                    Err(err) => err,
                }
            }
        }
    });
    let text = uses.has(ClientHelper::AnswerText).then(|| {
        quote! {
            /// The body as text (invalid UTF-8 replaced, as reqwest's `text()` does).
            fn text(&self) -> String {
                String::from_utf8_lossy(&self.body).into_owned()
            }
        }
    });
    let unexpected = uses.has(ClientHelper::AnswerUnexpected).then(|| {
        quote! {
            /// An answer with a status the operation does not declare.
            fn unexpected<E>(&self) -> Error<E> {
                Error::UnexpectedStatus {
                    status: self.status,
                    body: String::from_utf8_lossy(&self.body).into_owned(),
                }
            }
        }
    });
    let methods = (json.is_some() || text.is_some() || unexpected.is_some()).then(|| {
        quote! {
            impl Answer {
                #json
                #api
                #text
                #unexpected
            }
        }
    });
    quote! {
        /// An answer, read whole, for an operation to turn into its result.
        struct Answer {
            #status_field
            #headers_field
            #body_field
        }

        #methods

        /// Sends a request an operation built (or [`Error::InvalidRequest`] with why it could
        /// not be) and reads the whole answer, which the operation's `read` turns into its
        /// result.
        async fn execute<T, E>(
            request: Result<reqwest::RequestBuilder, String>,
            read: fn(Answer) -> Result<T, Error<E>>,
        ) -> Result<T, Error<E>> {
            let request = request.map_err(Error::InvalidRequest)?;
            let #mutable response = request.send().await.map_err(Error::Transport)?;
            #read_status
            #read_headers
            #read_body
            read(Answer { #( #fields )* })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ClientHelper;
    use crate::emit::uses::Uses;

    #[test]
    fn every_helper_requires_what_its_code_calls() {
        let all = ClientHelper::ALL;
        let everything = Uses::default();
        for &helper in all {
            everything.mark(helper);
        }
        super::super::uses::assert_requires_complete(all, |helper| helper.code(&everything));
    }
}
