//! The server's shared helpers: reading parameters and bodies into problems FastAPI-style,
//! and the error answers. Emitted once per server, each helper only when the code calls it.

use proc_macro2::TokenStream;
use quote::quote;

use super::uses::{Helper, Uses, helper_enum};

helper_enum! {
    /// The server's helpers, in the order they are written out; each lists the helpers its own
    /// code calls, which are marked with it.
    pub(super) enum ServerHelper {
        Respond,
        JsonReply,
        StatusCode,
        JsonAnswerAs,
        Problem,
        BasicCredentials,
        ReadMultipartBody,
        FormParts,
        FormFiles,
        FormFile,
        FormValues,
        FormValue,
        Rejected,
        WithHeaders,
        HeaderItems,
        ReadParam,
        ReadDeepObject,
        ReadJsonParam,
        ReadFormObject,
        ReadQueryObject,
        QueryScalar,
        QueryPairs,
        QueryValues,
        PathValues,
        PathItems,
        SplitSegment,
        PathPiece,
        SegmentMatches,
        HeaderValue,
        HeaderValues,
        ReadRequired,
        ReadPath,
        ReadQuery,
        CookieValue,
        BearerToken,
        ReadJsonBody,
        ReadFormBody,
    }
}

impl Helper for ServerHelper {
    fn requires(self) -> &'static [Self] {
        match self {
            Self::Respond => &[Self::JsonAnswerAs],
            Self::JsonReply => &[Self::Respond, Self::StatusCode],
            Self::Problem => &[Self::Respond],
            Self::ReadMultipartBody => &[Self::Problem],
            Self::FormParts => &[Self::Problem, Self::ReadMultipartBody],
            Self::FormFiles | Self::FormValues => &[Self::FormParts],
            Self::FormFile => &[Self::FormFiles],
            Self::FormValue => &[Self::FormValues],
            Self::Rejected => &[Self::Respond],
            Self::WithHeaders => &[Self::Respond],
            Self::HeaderItems => &[Self::WithHeaders],
            Self::ReadParam => &[Self::Problem, Self::QueryScalar],
            Self::ReadDeepObject => &[Self::Problem, Self::ReadQueryObject],
            Self::ReadFormObject => &[Self::Problem, Self::ReadQueryObject],
            Self::ReadQueryObject => &[Self::Problem, Self::QueryScalar],
            Self::ReadJsonParam => &[Self::Problem],
            Self::HeaderValues => &[Self::HeaderValue],
            Self::PathPiece | Self::SegmentMatches => &[Self::PathValues, Self::SplitSegment],
            Self::ReadRequired => &[Self::Problem, Self::ReadParam],
            Self::ReadPath => &[Self::Problem, Self::PathValues, Self::ReadRequired],
            Self::ReadQuery => &[Self::Problem, Self::QueryValues, Self::ReadParam],
            Self::BearerToken => &[Self::HeaderValue],
            Self::ReadJsonBody => &[Self::Problem],
            Self::ReadFormBody => &[Self::Problem],
            Self::StatusCode
            | Self::JsonAnswerAs
            | Self::BasicCredentials
            | Self::QueryScalar
            | Self::QueryPairs
            | Self::QueryValues
            | Self::PathValues
            | Self::PathItems
            | Self::SplitSegment
            | Self::HeaderValue
            | Self::CookieValue => &[],
        }
    }
}

impl ServerHelper {
    fn code(self, closed: bool) -> TokenStream {
        match self {
            Self::Respond => respond(),
            Self::JsonReply => json_reply(),
            Self::StatusCode => status_code(),
            Self::JsonAnswerAs => json_answer_as(),
            Self::Problem => problem(),
            Self::BasicCredentials => basic_credentials(),
            Self::ReadMultipartBody => read_multipart_body(),
            Self::FormParts => form_parts(),
            Self::FormFiles => form_files(),
            Self::FormFile => form_file(),
            Self::FormValues => form_values(),
            Self::FormValue => form_value(),
            Self::Rejected => rejected(),
            Self::WithHeaders => with_headers(),
            Self::HeaderItems => header_items(),
            Self::ReadParam => read_param(),
            Self::ReadDeepObject => read_deep_object(),
            Self::ReadFormObject => read_form_object(),
            Self::ReadQueryObject => read_query_object(),
            Self::QueryScalar => query_scalar(),
            Self::ReadJsonParam => read_json_param(),
            Self::QueryPairs => query_pairs(),
            Self::QueryValues => query_values(),
            Self::PathValues => path_values(),
            Self::PathItems => path_items(),
            // Written from `runtime/server/split_segment.rs` by `emit_server`.
            Self::SplitSegment => TokenStream::new(),
            Self::PathPiece => path_piece(),
            Self::SegmentMatches => segment_matches(),
            Self::HeaderValue => header_value(),
            Self::HeaderValues => header_values(),
            Self::ReadRequired => read_required(),
            Self::ReadPath => read_path(),
            Self::ReadQuery => read_query(),
            Self::CookieValue => cookie_value(),
            Self::BearerToken => bearer_token(),
            Self::ReadJsonBody => read_json_body(closed),
            Self::ReadFormBody => read_form_body(closed),
        }
    }
}

/// The server's shared items; `closed`: some type allows no unlisted property, which request
/// bodies are then read refusing.
pub(super) fn emit_server_runtime(uses: &Uses<ServerHelper>, closed: bool) -> TokenStream {
    let helpers = uses.used().into_iter().map(|helper| helper.code(closed));
    quote! {
        /// An error from a handler: answered with 500 and a generic body, so nothing internal
        /// leaks to the caller. Any error converts into it with `?`.
        #[derive(Debug)]
        pub struct ServerError(pub Box<dyn std::error::Error + Send + Sync>);

        impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> From<E> for ServerError {
            fn from(err: E) -> Self {
                Self(err.into())
            }
        }

        #(#helpers)*
    }
}

// The implementation's answer, and JSON answers.
fn respond() -> TokenStream {
    quote! {
    /// The implementation's answer, or 500 when it failed.
    fn respond<R: axum::response::IntoResponse>(result: Result<R, ServerError>) -> axum::response::Response {
        match result {
            Ok(response) => response.into_response(),
            Err(_) => internal_error(),
        }
    }

    fn internal_error() -> axum::response::Response {
        json_answer(axum::http::StatusCode::INTERNAL_SERVER_ERROR, &serde_json::json!({"detail": "Internal Server Error"}))
    }

    fn json_answer<T: serde::Serialize>(status: axum::http::StatusCode, body: &T) -> axum::response::Response {
        json_answer_as(status, "application/json", body)
    }

    }
}

fn json_reply() -> TokenStream {
    quote! {
        /// A declared JSON answer.
        fn json_reply<T: serde::Serialize>(code: u16, body: &T) -> axum::response::Response {
            json_answer(status_code(code), body)
        }
    }
}

fn status_code() -> TokenStream {
    quote! {
        /// A status the spec declares; one outside 100..=999 cannot be sent, and is a 500.
        fn status_code(code: u16) -> axum::http::StatusCode {
            axum::http::StatusCode::from_u16(code).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

fn json_answer_as() -> TokenStream {
    quote! {

    fn json_answer_as<T: serde::Serialize>(status: axum::http::StatusCode, content_type: &'static str, body: &T) -> axum::response::Response {
        use axum::response::IntoResponse as _;
        match serde_json::to_vec(body) {
            Ok(bytes) => (status, [(axum::http::header::CONTENT_TYPE, content_type)], bytes).into_response(),
            Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    }
}

// Every operation that reads a parameter or a body can find problems with them.
fn problem() -> TokenStream {
    quote! {
    /// One problem with a request, in FastAPI's shape: where (`["query", "status"]`),
    /// what, and a machine-readable kind.
    struct Problem {
        loc: Vec<serde_json::Value>,
        msg: String,
        kind: &'static str,
    }

    impl Problem {
        fn at(place: &str, name: Option<&str>, msg: impl Into<String>, kind: &'static str) -> Self {
            let mut loc = vec![serde_json::Value::from(place)];
            loc.extend(name.map(serde_json::Value::from));
            Self { loc, msg: msg.into(), kind }
        }

    }

    /// The answer to a request with problems: `{"detail": [{"loc", "msg", "type"}]}`,
    /// with the status the operation declares for validation errors (FastAPI's 422), or
    /// 400.
    fn invalid(status: u16, problems: Vec<Problem>) -> axum::response::Response {
        let detail: Vec<serde_json::Value> = problems
            .into_iter()
            .map(|p| serde_json::json!({"loc": p.loc, "msg": p.msg, "type": p.kind}))
            .collect();
        let status = axum::http::StatusCode::from_u16(status).unwrap_or(axum::http::StatusCode::BAD_REQUEST);
        json_answer(status, &serde_json::json!({ "detail": detail }))
    }

    }
}

fn basic_credentials() -> TokenStream {
    quote! {
        /// `Authorization: Basic ...` as (username, password).
        fn basic_credentials(headers: &axum::http::HeaderMap) -> Option<(String, String)> {
            use base64::Engine as _;
            let value = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
            let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
            let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
            let text = String::from_utf8(decoded).ok()?;
            let (user, password) = text.split_once(':')?;
            Some((user.to_owned(), password.to_owned()))
        }
    }
}

fn form_parts() -> TokenStream {
    quote! {
    /// A file received as one part of a `multipart/form-data` body.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct File {
        /// Empty when the part named no file.
        pub file_name: String,
        pub bytes: Vec<u8>,
        pub content_type: Option<String>,
    }

    /// The parts of a multipart body, taken by name as the form's fields are read.
    struct FormParts(Vec<Part>);

    impl FormParts {
        fn take(&mut self, name: &str) -> Vec<Part> {
            let (taken, rest) = std::mem::take(&mut self.0).into_iter().partition(|part| part.name == name);
            self.0 = rest;
            taken
        }

        /// The parts named `name`, or `None` (a problem when `required`) when there are none.
        fn named(&mut self, name: &str, required: bool, problems: &mut Vec<Problem>) -> Option<Vec<Part>> {
            let parts = self.take(name);
            if parts.is_empty() {
                if required {
                    problems.push(Problem::at("body", Some(name), "Field required", "missing"));
                }
                return None;
            }
            Some(parts)
        }

        /// A part the form does not list is a problem, as an unknown field of a closed
        /// object.
        fn refuse_others(self, problems: &mut Vec<Problem>) {
            for part in self.0 {
                problems.push(Problem::at("body", Some(part.name.as_str()), "Extra inputs are not permitted", "extra_forbidden"));
            }
        }
    }

    }
}

// One `impl FormParts` block per way of taking parts, each written only when a form calls it.
fn form_files() -> TokenStream {
    quote! {
    impl FormParts {
        fn files(&mut self, name: &str, required: bool, problems: &mut Vec<Problem>) -> Option<Vec<File>> {
            let parts = self.named(name, required, problems)?;
            Some(parts.into_iter().map(|part| File { file_name: part.file_name.unwrap_or_default(), bytes: part.bytes, content_type: part.content_type }).collect())
        }
    }

    }
}

fn form_file() -> TokenStream {
    quote! {
    impl FormParts {
        fn file(&mut self, name: &str, required: bool, problems: &mut Vec<Problem>) -> Option<File> {
            self.files(name, required, problems)?.into_iter().next()
        }
    }

    }
}

fn form_values() -> TokenStream {
    quote! {
    impl FormParts {
        /// Each part named `name` read as a `T`: text that is the value (strings, enums,
        /// dates), else JSON (numbers, booleans, objects), as the client writes them.
        fn values<T: serde::de::DeserializeOwned>(&mut self, name: &str, required: bool, problems: &mut Vec<Problem>) -> Option<Vec<T>> {
            let parts = self.named(name, required, problems)?;
            let mut values = Vec::with_capacity(parts.len());
            for part in parts {
                let Ok(text) = String::from_utf8(part.bytes) else {
                    problems.push(Problem::at("body", Some(name), "the part is not UTF-8 text", "string_unicode"));
                    return None;
                };
                let value = serde_json::from_value::<T>(serde_json::Value::String(text.clone()))
                    .or_else(|_| serde_json::from_str::<T>(&text));
                match value {
                    Ok(value) => values.push(value),
                    Err(err) => {
                        problems.push(Problem::at("body", Some(name), err.to_string(), "value_error"));
                        return None;
                    }
                }
            }
            Some(values)
        }

    }

    }
}

fn form_value() -> TokenStream {
    quote! {
    impl FormParts {
        fn value<T: serde::de::DeserializeOwned>(&mut self, name: &str, required: bool, problems: &mut Vec<Problem>) -> Option<T> {
            self.values(name, required, problems)?.into_iter().next()
        }

    }

    }
}

fn read_multipart_body() -> TokenStream {
    quote! {
    /// One part of a `multipart/form-data` body.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Part {
        pub name: String,
        pub file_name: Option<String>,
        pub content_type: Option<String>,
        pub bytes: Vec<u8>,
    }

    /// The parts of a multipart body.
    async fn read_multipart_body(headers: &axum::http::HeaderMap, bytes: axum::body::Bytes, problems: &mut Vec<Problem>) -> Option<Vec<Part>> {
        use axum::extract::FromRequest as _;
        let mut request = axum::http::Request::new(axum::body::Body::from(bytes));
        if let Some(content_type) = headers.get(axum::http::header::CONTENT_TYPE) {
            request.headers_mut().insert(axum::http::header::CONTENT_TYPE, content_type.clone());
        }
        let mut multipart = match axum::extract::Multipart::from_request(request, &()).await {
            Ok(multipart) => multipart,
            Err(err) => {
                problems.push(Problem::at("body", None, err.body_text(), "value_error"));
                return None;
            }
        };
        let mut parts = Vec::new();
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or_default().to_owned();
                    let file_name = field.file_name().map(str::to_owned);
                    let content_type = field.content_type().map(str::to_owned);
                    match field.bytes().await {
                        Ok(bytes) => parts.push(Part { name, file_name, content_type, bytes: bytes.to_vec() }),
                        Err(err) => {
                            problems.push(Problem::at("body", None, err.body_text(), "value_error"));
                            return None;
                        }
                    }
                }
                Ok(None) => return Some(parts),
                Err(err) => {
                    problems.push(Problem::at("body", None, err.body_text(), "value_error"));
                    return None;
                }
            }
        }
    }
    }
}

fn with_headers() -> TokenStream {
    quote! {
    /// A header's value as the `simple` style writes it: text as it is, numbers and booleans
    /// as JSON writes them, lists joined with commas, objects as `key,value,...`; nothing
    /// for an absent (`None`) value.
    fn header_text<T: serde::Serialize>(value: &T) -> Vec<String> {
        let text = match serde_json::to_value(value) {
            Ok(serde_json::Value::Null) | Err(_) => return Vec::new(),
            Ok(serde_json::Value::Array(items)) => items.iter().map(header_scalar).collect::<Vec<_>>().join(","),
            Ok(serde_json::Value::Object(entries)) => entries
                .iter()
                .flat_map(|(key, value)| [key.clone(), header_scalar(value)])
                .collect::<Vec<_>>()
                .join(","),
            Ok(other) => header_scalar(&other),
        };
        vec![text]
    }

    fn header_scalar(value: &serde_json::Value) -> String {
        match value {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }

    /// `response` with the headers its answer declares. A value that cannot be a header
    /// (a line break in it) is the handler's error: 500, as for an `Err`.
    fn with_headers<const N: usize>(mut response: axum::response::Response, headers: [(&str, Vec<String>); N]) -> axum::response::Response {
        for (name, values) in headers {
            // Names are checked when the code is generated: `from_bytes` accepts them.
            let Ok(name) = axum::http::HeaderName::from_bytes(name.as_bytes()) else {
                continue;
            };
            for value in values {
                match axum::http::HeaderValue::try_from(value) {
                    Ok(value) => {
                        response.headers_mut().append(name.clone(), value);
                    }
                    Err(_) => return internal_error(),
                }
            }
        }
        response
    }

    }
}

fn header_items() -> TokenStream {
    quote! {
    /// A header sent once per item of a list (`Set-Cookie`), else as [`header_text`].
    fn header_items<T: serde::Serialize>(value: &T) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Array(items)) => items.iter().map(header_scalar).collect(),
            _ => header_text(value),
        }
    }

    }
}

fn rejected() -> TokenStream {
    quote! {
    /// The answer to a request no security alternative let in: 401 or 403, as FastAPI words
    /// them.
    fn rejected(rejection: Rejection) -> axum::response::Response {
        match rejection {
            Rejection::Unauthenticated => json_answer(axum::http::StatusCode::UNAUTHORIZED, &serde_json::json!({"detail": "Not authenticated"})),
            Rejection::Forbidden => json_answer(axum::http::StatusCode::FORBIDDEN, &serde_json::json!({"detail": "Not enough permissions"})),
        }
    }

    }
}

fn read_param() -> TokenStream {
    quote! {
    /// Reads one parameter value: as a JSON string first (strings, enums, dates, uuids),
    /// then as a JSON number or boolean.
    fn parse_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
        match serde_json::from_value::<T>(serde_json::Value::String(text.to_owned())) {
            Ok(value) => Ok(value),
            Err(first) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                    serde_json::from_value(value).map_err(|err| err.to_string())
                }
                _ => Err(first.to_string()),
            },
        }
    }

    /// Reads a parameter's raw values (one, or several for a list) into `T`, recording a
    /// problem when they do not fit.
    fn read_param<T: serde::de::DeserializeOwned>(
        values: Vec<&str>,
        list: bool,
        place: &str,
        name: &str,
        kind: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        if values.is_empty() {
            return None;
        }
        let parsed = if list {
            let items: Vec<serde_json::Value> = values.iter().map(|item| query_scalar(item)).collect();
            serde_json::from_value::<T>(serde_json::Value::Array(items)).or_else(|_| {
                let strings = values.iter().map(|v| serde_json::Value::String((*v).to_owned())).collect();
                serde_json::from_value::<T>(serde_json::Value::Array(strings)).map_err(|err| err.to_string())
            })
        } else {
            parse_text(values[0])
        };
        match parsed {
            Ok(value) => Some(value),
            Err(msg) => {
                problems.push(Problem::at(place, Some(name), msg, kind));
                None
            }
        }
    }

    }
}

fn read_deep_object() -> TokenStream {
    quote! {
        /// A `deepObject` query parameter (`name[key]=value`) as `T`.
        fn read_deep_object<T: serde::de::DeserializeOwned>(
            query: &[(String, String)],
            name: &str,
            kind: &'static str,
            problems: &mut Vec<Problem>,
        ) -> Option<T> {
            let prefix = format!("{name}[");
            let pairs = query.iter().filter_map(|(key, value)| {
                let field = key.strip_prefix(&prefix)?.strip_suffix(']')?;
                Some((field, value.as_str()))
            });
            read_query_object(pairs, name, kind, problems)
        }
    }
}

fn read_form_object() -> TokenStream {
    quote! {
        /// An object query parameter in exploded form style: every query pair that is not
        /// another declared parameter is one of its properties.
        fn read_form_object<T: serde::de::DeserializeOwned>(
            query: &[(String, String)],
            others: &[&str],
            name: &str,
            kind: &'static str,
            problems: &mut Vec<Problem>,
        ) -> Option<T> {
            let pairs = query
                .iter()
                .filter(|(key, _)| !others.contains(&key.as_str()))
                .map(|(key, value)| (key.as_str(), value.as_str()));
            read_query_object(pairs, name, kind, problems)
        }
    }
}

fn read_query_object() -> TokenStream {
    quote! {
        /// An object query parameter, from (property, value) pairs.
        fn read_query_object<'a, T: serde::de::DeserializeOwned>(
            pairs: impl Iterator<Item = (&'a str, &'a str)>,
            name: &str,
            kind: &'static str,
            problems: &mut Vec<Problem>,
        ) -> Option<T> {
            let object: serde_json::Map<String, serde_json::Value> = pairs
                .map(|(field, value)| (field.to_owned(), query_scalar(value)))
                .collect();
            if object.is_empty() {
                return None;
            }
            match serde_json::from_value(serde_json::Value::Object(object)) {
                Ok(value) => Some(value),
                Err(err) => {
                    problems.push(Problem::at("query", Some(name), err.to_string(), kind));
                    None
                }
            }
        }
    }
}

fn query_scalar() -> TokenStream {
    quote! {
        /// A query value as JSON: a number or boolean when it reads as one, else a string.
        fn query_scalar(text: &str) -> serde_json::Value {
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => value,
                _ => serde_json::Value::String(text.to_owned()),
            }
        }
    }
}

fn read_json_param() -> TokenStream {
    quote! {
    /// A parameter sent as JSON text (`content: application/json`).
    fn read_json_param<T: serde::de::DeserializeOwned>(
        value: Option<&str>,
        place: &str,
        name: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        match serde_json::from_str(value?) {
            Ok(value) => Some(value),
            Err(err) => {
                problems.push(Problem::at(place, Some(name), err.to_string(), "json_invalid"));
                None
            }
        }
    }

    }
}

fn query_pairs() -> TokenStream {
    quote! {
    fn query_pairs(uri: &axum::http::Uri) -> Vec<(String, String)> {
        axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map(|axum::extract::Query(pairs)| pairs)
            .unwrap_or_default()
    }

    }
}

fn query_values() -> TokenStream {
    quote! {
    /// The values of a query parameter: repeated (`a=1&a=2`), or split on `separator` when
    /// the style joins them.
    fn query_values<'a>(query: &'a [(String, String)], name: &str, separator: Option<char>) -> Vec<&'a str> {
        let values = query.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str());
        match separator {
            Some(separator) => values.flat_map(|value| value.split(separator)).collect(),
            None => values.collect(),
        }
    }

    }
}

fn path_values() -> TokenStream {
    quote! {
    fn path_values<'a>(path: &'a axum::extract::RawPathParams, position: &str) -> Vec<&'a str> {
        path.iter().find(|(key, _)| *key == position).map(|(_, value)| value).into_iter().collect()
    }

    }
}

fn path_items() -> TokenStream {
    quote! {
    /// A path parameter's values in its style: `prefix` (`.` for `label`, `;id=` for
    /// `matrix`) taken off, then, for a list, split at `separator`. A capture without the
    /// prefix holds no value.
    fn path_items<'a>(captures: Vec<&'a str>, prefix: &str, separator: &str, list: bool) -> Vec<&'a str> {
        let values = captures.into_iter().filter_map(|capture| capture.strip_prefix(prefix));
        if list {
            values.flat_map(|value| value.split(separator)).collect()
        } else {
            values.collect()
        }
    }

    }
}

fn path_piece() -> TokenStream {
    quote! {
    /// The value of the `index`th parameter of a capture that mixes parameters with text.
    fn path_piece<'a>(
        path: &'a axum::extract::RawPathParams,
        position: &str,
        pieces: &[PathPiece],
        index: usize,
    ) -> Vec<&'a str> {
        path_values(path, position)
            .into_iter()
            .filter_map(|segment| split_segment(segment, pieces)?.get(index).copied())
            .collect()
    }

    }
}

fn segment_matches() -> TokenStream {
    quote! {
    /// Whether the capture `position` reads as `pieces`.
    fn segment_matches(path: &axum::extract::RawPathParams, position: &str, pieces: &[PathPiece]) -> bool {
        path_values(path, position)
            .into_iter()
            .any(|segment| split_segment(segment, pieces).is_some())
    }

    }
}

fn header_value() -> TokenStream {
    quote! {
    fn header_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
        headers.get(name).and_then(|value| value.to_str().ok())
    }

    }
}

// Only lists are split on commas: `If-Modified-Since: Tue, 15 Nov 1994 ...` is one value.
fn header_values() -> TokenStream {
    quote! {
    fn header_values<'a>(headers: &'a axum::http::HeaderMap, name: &str, list: bool) -> Vec<&'a str> {
        match header_value(headers, name) {
            Some(value) if list => value.split(',').map(str::trim).collect(),
            value => value.into_iter().collect(),
        }
    }

    }
}

fn read_required() -> TokenStream {
    quote! {
    /// [`read_param`] for a required parameter: no value is a problem too.
    fn read_required<T: serde::de::DeserializeOwned>(
        values: Vec<&str>,
        list: bool,
        place: &str,
        name: &str,
        kind: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        if values.is_empty() {
            problems.push(Problem::at(place, Some(name), "Field required", "missing"));
        }
        read_param(values, list, place, name, kind, problems)
    }

    }
}

fn read_path() -> TokenStream {
    quote! {
    /// A path parameter (always required), at its position in the route.
    fn read_path<T: serde::de::DeserializeOwned>(
        path: &axum::extract::RawPathParams,
        position: &str,
        name: &str,
        list: bool,
        kind: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        read_required(path_values(path, position), list, "path", name, kind, problems)
    }

    }
}

fn read_query() -> TokenStream {
    quote! {
    /// An optional query parameter.
    fn read_query<T: serde::de::DeserializeOwned>(
        query: &[(String, String)],
        name: &str,
        separator: Option<char>,
        list: bool,
        kind: &'static str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        read_param(query_values(query, name, separator), list, "query", name, kind, problems)
    }

    }
}

fn cookie_value() -> TokenStream {
    quote! {
    /// A cookie's value, percent-decoded (clients encode what a cookie cannot hold).
    fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
        let raw = headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)?;
        let bytes = raw.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut index = 0;
        while index < bytes.len() {
            let hex = bytes.get(index + 1..index + 3).and_then(|pair| {
                std::str::from_utf8(pair).ok().and_then(|pair| u8::from_str_radix(pair, 16).ok())
            });
            match (bytes[index], hex) {
                (b'%', Some(byte)) => {
                    out.push(byte);
                    index += 3;
                }
                (byte, _) => {
                    out.push(byte);
                    index += 1;
                }
            }
        }
        Some(String::from_utf8_lossy(&out).into_owned())
    }

    }
}

fn bearer_token() -> TokenStream {
    quote! {
    fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
        let value = header_value(headers, "authorization")?;
        value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))
    }

    }
}

/// Reads a request body with `read`, refusing the properties closed objects do not list.
fn refusing(closed: bool, read: TokenStream) -> TokenStream {
    if closed {
        quote!(types::wire::refusing_unlisted(|| #read))
    } else {
        read
    }
}

fn read_json_body(closed: bool) -> TokenStream {
    let read = refusing(
        closed,
        quote!(serde_path_to_error::deserialize(&mut deserializer)),
    );
    let kind = if closed {
        quote! {
            if err.inner().is_syntax() || err.inner().is_eof() {
                "json_invalid"
            } else if err.inner().to_string().starts_with(types::wire::EXTRA_FORBIDDEN) {
                "extra_forbidden"
            } else {
                "value_error"
            }
        }
    } else {
        quote! {
            if err.inner().is_syntax() || err.inner().is_eof() { "json_invalid" } else { "value_error" }
        }
    };
    quote! {
    /// A JSON body as `T`; problems are placed under `body` by their JSON path. An empty
    /// body is no body: a problem when one is required.
    fn read_json_body<T: serde::de::DeserializeOwned>(bytes: &[u8], required: bool, problems: &mut Vec<Problem>) -> Option<T> {
        if bytes.is_empty() {
            if required {
                problems.push(Problem::at("body", None, "Field required", "missing"));
            }
            return None;
        }
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        match #read {
            Ok(value) => Some(value),
            Err(err) => {
                let kind = #kind;
                let mut problem = Problem::at("body", None, err.inner().to_string(), kind);
                for segment in err.path().iter() {
                    match segment {
                        serde_path_to_error::Segment::Seq { index } => problem.loc.push(serde_json::Value::from(*index)),
                        serde_path_to_error::Segment::Map { key } => problem.loc.push(serde_json::Value::from(key.clone())),
                        serde_path_to_error::Segment::Enum { variant } => problem.loc.push(serde_json::Value::from(variant.clone())),
                        serde_path_to_error::Segment::Unknown => {}
                    }
                }
                problems.push(problem);
                None
            }
        }
    }

    }
}

fn read_form_body(closed: bool) -> TokenStream {
    let read = refusing(closed, quote!(serde_html_form::from_bytes::<T>(&bytes)));
    // The form reader says no more than the message: an unlisted field is told by it.
    let kind = if closed {
        quote! {
            if err.to_string().starts_with(types::wire::EXTRA_FORBIDDEN) {
                "extra_forbidden"
            } else {
                "value_error"
            }
        }
    } else {
        quote!("value_error")
    };
    quote! {
        /// A form-urlencoded body as `T`; a key given more than once is a list
        /// (`tag=a&tag=b`), as HTML forms and FastAPI write them.
        fn read_form_body<T: serde::de::DeserializeOwned>(bytes: axum::body::Bytes, problems: &mut Vec<Problem>) -> Option<T> {
            match #read {
                Ok(value) => Some(value),
                Err(err) => {
                    problems.push(Problem::at("body", None, format!("Failed to deserialize form body: {err}"), #kind));
                    None
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ServerHelper;

    #[test]
    fn every_helper_requires_what_its_code_calls() {
        for closed in [false, true] {
            super::super::uses::assert_requires_complete(ServerHelper::ALL, |helper| {
                helper.code(closed)
            });
        }
    }
}
