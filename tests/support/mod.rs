//! A recording HTTP server on 127.0.0.1 for client tests: it keeps every request it gets
//! (raw path, decoded query pairs, headers, body, multipart parts) and answers with whatever
//! the test's responder returns.

#![allow(dead_code)] // each test binary uses a different part of it

use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// One received request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    /// The path exactly as sent, still percent-encoded.
    pub raw_path: String,
    /// The query string exactly as sent.
    pub raw_query: Option<String>,
    /// The query, decoded into pairs in order.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// For multipart bodies, their parts in order.
    pub parts: Vec<Part>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn query_values(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }
}

type Responder = dyn Fn(&Seen) -> Response + Send + Sync;

#[derive(Clone)]
struct ServerState {
    seen: Arc<Mutex<Vec<Seen>>>,
    respond: Arc<Responder>,
}

pub struct TestServer {
    pub base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl TestServer {
    /// Starts a server on an ephemeral port of 127.0.0.1; it lives as long as the runtime.
    pub async fn start(respond: impl Fn(&Seen) -> Response + Send + Sync + 'static) -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = ServerState {
            seen: seen.clone(),
            respond: Arc::new(respond),
        };
        let app = axum::Router::new().fallback(record).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self {
            base_url: format!("http://{address}"),
            seen,
        }
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The only request received so far.
    pub fn only(&self) -> Seen {
        let seen = self.seen();
        assert_eq!(seen.len(), 1, "expected exactly one request: {seen:#?}");
        seen.into_iter().next().unwrap()
    }
}

async fn record(State(state): State<ServerState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 16 * 1024 * 1024).await.unwrap();
    let query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map(|Query(pairs)| pairs)
        .unwrap_or_default();
    let is_multipart = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut multipart_parts = Vec::new();
    let seen_base = Seen {
        method: parts.method.clone(),
        raw_path: parts.uri.path().to_owned(),
        raw_query: parts.uri.query().map(str::to_owned),
        query,
        headers: parts.headers.clone(),
        body: body.clone(),
        parts: Vec::new(),
    };
    if is_multipart {
        let request = Request::from_parts(parts, Body::from(body));
        let mut multipart = Multipart::from_request(request, &()).await.unwrap();
        while let Some(field) = multipart.next_field().await.unwrap() {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(str::to_owned);
            let bytes = field.bytes().await.unwrap().to_vec();
            multipart_parts.push(Part {
                name,
                file_name,
                content_type,
                bytes,
            });
        }
    }
    let seen = Seen {
        parts: multipart_parts,
        ..seen_base
    };
    let response = (state.respond)(&seen);
    state.seen.lock().unwrap().push(seen);
    response
}

/// A JSON answer.
pub fn json(status: u16, body: serde_json::Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// An answer with a content type and raw body.
pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
    let mut response = (StatusCode::from_u16(status).unwrap(), body.into()).into_response();
    if !content_type.is_empty() {
        response
            .headers_mut()
            .insert("content-type", content_type.parse().unwrap());
    }
    response
}
