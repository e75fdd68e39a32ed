//! The client's shared helpers, emitted once per client and only when an operation uses them
//! (an unused private helper would be a warning in the user's crate).

use proc_macro2::TokenStream;
use quote::quote;

use super::uses::Uses;

pub(super) fn emit_runtime(uses: &Uses) -> TokenStream {
    let params = uses.has("render");
    let path_params = uses.has("path_segment");
    let query_form = uses.has("push_form");
    let query_delimited = uses.has("push_delimited");
    let query_deep_object = uses.has("push_deep_object");
    let cookies = uses.has("cookie_header");
    let simple_style = uses.has("simple");
    let json_response = uses.has("read_json");
    let text_response = uses.has("read_text");
    let bytes_response = uses.has("read_bytes");
    let response_headers = uses.has("ResponseValue");
    let file_parts = uses.has("File");
    let text_parts = uses.has("part_text");
    let unexpected_status = uses.has("unexpected");
    let error = error_type(unexpected_status);
    let render = params.then(render_helpers);
    let simple = simple_style.then(|| {
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
    });
    let segment = path_params.then(|| {
        quote! {
            /// Percent-encodes a path parameter so it stays one segment: everything but the
            /// unreserved characters is escaped, `/` included.
            fn path_segment<E>(text: &str) -> Result<String, Error<E>> {
                if text.is_empty() || text == "." || text == ".." {
                    return Err(Error::InvalidRequest(format!(
                        "{text:?} cannot be sent as a path segment"
                    )));
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
    });
    let query_form_helper = query_form.then(|| {
        quote! {
            /// Appends a `form` style query parameter: lists as `name=a&name=b` (exploded) or
            /// `name=a,b`; objects as one pair per property (exploded) or `name=k,v,k,v`.
            fn push_form(query: &mut Vec<(String, String)>, name: &str, explode: bool, value: Rendered) {
                match value {
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
            }
        }
    });
    let query_delimited_helper = query_delimited.then(|| {
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
    });
    let query_deep_helper = query_deep_object.then(|| {
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
    });
    let cookie_helper = cookies.then(|| {
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
    });
    let read_json = json_response.then(|| {
        quote! {
            /// Reads a JSON body into `T`; a mismatch names the JSON path where it happened.
            async fn read_json<T: serde::de::DeserializeOwned, E>(response: reqwest::Response) -> Result<T, Error<E>> {
                let status = response.status();
                let bytes = response.bytes().await.map_err(Error::Transport)?;
                let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
                serde_path_to_error::deserialize(&mut deserializer).map_err(|err| Error::Decode {
                    status,
                    path: err.path().to_string(),
                    message: err.inner().to_string(),
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                })
            }
        }
    });
    let read_text = text_response.then(|| {
        quote! {
            async fn read_text<E>(response: reqwest::Response) -> Result<String, Error<E>> {
                response.text().await.map_err(Error::Transport)
            }
        }
    });
    let read_bytes = bytes_response.then(|| {
        quote! {
            async fn read_bytes<E>(response: reqwest::Response) -> Result<Vec<u8>, Error<E>> {
                Ok(response.bytes().await.map_err(Error::Transport)?.to_vec())
            }
        }
    });
    let response_value = response_headers.then(|| {
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
    });
    let file = file_parts.then(|| {
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

                fn into_part<E>(self) -> Result<reqwest::multipart::Part, Error<E>> {
                    let content_type = self.content_type.as_deref().unwrap_or("application/octet-stream");
                    reqwest::multipart::Part::bytes(self.bytes)
                        .file_name(self.file_name)
                        .mime_str(content_type)
                        .map_err(Error::Transport)
                }
            }
        }
    });
    let part_text = text_parts.then(|| {
        quote! {
            /// The text of a non-file multipart field: strings as they are, anything else as JSON.
            fn part_text<T: serde::Serialize, E>(value: &T) -> Result<String, Error<E>> {
                match serde_json::to_value(value) {
                    Ok(serde_json::Value::String(text)) => Ok(text),
                    Ok(other) => Ok(other.to_string()),
                    Err(err) => Err(Error::InvalidRequest(err.to_string())),
                }
            }
        }
    });
    quote! {
        #error
        #render
        #simple
        #segment
        #query_form_helper
        #query_delimited_helper
        #query_deep_helper
        #cookie_helper
        #read_json
        #read_text
        #read_bytes
        #response_value
        #file
        #part_text
    }
}

fn error_type(unexpected_status: bool) -> TokenStream {
    let unexpected = unexpected_status.then(|| {
        quote! {
            async fn unexpected(response: reqwest::Response) -> Self {
                let status = response.status();
                match response.text().await {
                    Ok(body) => Self::UnexpectedStatus { status, body },
                    Err(err) => Self::Transport(err),
                }
            }
        }
    });
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

            #unexpected
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
        fn render<T: serde::Serialize + ?Sized, E>(value: &T) -> Result<Rendered, Error<E>> {
            let text = |value: &serde_json::Value| match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            let value = serde_json::to_value(value).map_err(|err| Error::InvalidRequest(err.to_string()))?;
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
