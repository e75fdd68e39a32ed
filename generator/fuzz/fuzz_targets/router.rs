//! Arbitrary requests (method, path, query, headers, body) to the generated Securegate and
//! kitchen-sink routers, in process: every request is answered, never with a 5xx and never
//! by a panic, and nothing the spec forbids reaches a handler. The `Api` implementations
//! below assert each operation's constraints, written by hand from the specs.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use axum::body::Body;
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use oasforge_generated::{kitchen_sink, securegate};
use tower::ServiceExt;

#[derive(Arbitrary, Debug)]
struct Input {
    kitchen_sink: bool,
    /// Sends every credential the `Api`s below accept, so requests get past the checks.
    authorized: bool,
    method: u8,
    /// Which of the API's path templates, and what goes in its parameters.
    template: u8,
    segments: Vec<String>,
    /// Replaces the whole path when set.
    raw_path: Option<String>,
    query: Option<String>,
    headers: Vec<(u8, String)>,
    content_type: u8,
    body: Vec<u8>,
}

const METHODS: [&str; 8] = [
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
];
const SECUREGATE_PATHS: [&str; 1] = ["/events/{}/invites"];
const KITCHEN_SINK_PATHS: [&str; 6] = [
    "/items/{}/parts/{}",
    "/items",
    "/items/{}",
    "/login",
    "/upload",
    "/blobs/{}",
];
const HEADERS: [&str; 8] = [
    "x-api-key",
    "authorization",
    "cookie",
    "x-request-id",
    "x-trace",
    "accept",
    "content-length",
    "x-meta",
];
const CONTENT_TYPES: [&str; 6] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=b",
    "text/plain",
    "application/octet-stream",
    "",
];

fn pick<'a>(list: &[&'a str], index: u8) -> &'a str {
    list[usize::from(index) % list.len()]
}

fn request(input: &Input) -> Option<Request<Body>> {
    let templates: &[&str] = if input.kitchen_sink {
        &KITCHEN_SINK_PATHS
    } else {
        &SECUREGATE_PATHS
    };
    let path = match &input.raw_path {
        Some(raw) => raw.clone(),
        None => {
            let mut segments = input.segments.iter();
            let template = pick(templates, input.template);
            let mut path = String::new();
            for (index, piece) in template.split("{}").enumerate() {
                if index > 0 {
                    path.push_str(segments.next().map_or("x", String::as_str));
                }
                path.push_str(piece);
            }
            path
        }
    };
    let uri = match &input.query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    };
    let mut builder = Request::builder()
        .method(pick(&METHODS, input.method))
        .uri(uri);
    let content_type = pick(&CONTENT_TYPES, input.content_type);
    if !content_type.is_empty() {
        builder = builder.header("content-type", content_type);
    }
    if input.authorized {
        // Securegate's key and the kitchen sink's bearer token, header key and cookie key.
        let key = if input.kitchen_sink { "h" } else { "k" };
        builder = builder
            .header("x-api-key", key)
            .header("authorization", "Bearer t")
            .header("cookie", "api_key=c");
    }
    for (name, value) in &input.headers {
        builder = builder.header(pick(&HEADERS, *name), value.as_str());
    }
    builder.body(Body::from(input.body.clone())).ok()
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
    })
}

fuzz_target!(|input: Input| {
    let Some(request) = request(&input) else {
        return;
    };
    let router = if input.kitchen_sink {
        kitchen_sink::server::router(KitchenSink)
    } else {
        securegate::server::router(Securegate)
    };
    let response = runtime()
        .block_on(router.oneshot(request))
        .expect("the router is infallible");
    assert!(
        !response.status().is_server_error(),
        "{} for {input:?}",
        response.status()
    );
});

struct Securegate;

impl securegate::server::Api for Securegate {
    type Principal = ();

    async fn authorize_api_key_auth(
        &self,
        key: &str,
        _scopes: &[&str],
    ) -> Result<(), securegate::server::Rejection> {
        if key == "k" {
            Ok(())
        } else {
            Err(securegate::server::Rejection::Unauthenticated)
        }
    }

    async fn get_invites(
        &self,
        _caller: (),
        event_id: String,
        _status: Option<securegate::types::InviteStatus>,
    ) -> Result<securegate::server::GetInvitesResponse, securegate::server::ServerError> {
        // No constraint: `event_id` is any string, the empty one too (`/events//invites`;
        // axum routes an empty segment to a parameter, as the client sends one).
        let _ = event_id;
        Ok(securegate::server::GetInvitesResponse::Ok(Vec::new()))
    }
}

/// Every handler answers with a declared success, so a 5xx can only come from the router.
struct KitchenSink;

fn check_size(size: &kitchen_sink::types::Size) {
    // `width: exclusiveMinimum 0`, `labels: maxItems 2`.
    assert!(size.width.is_none_or(|width| width > 0.0), "{size:?}");
    assert!(
        size.labels.as_ref().is_none_or(|labels| labels.len() <= 2),
        "{size:?}"
    );
}

mod sink {
    pub use oasforge_generated::kitchen_sink::server::*;
    pub use oasforge_generated::kitchen_sink::types;
}

impl sink::Api for KitchenSink {
    type Principal = ();

    async fn authorize_bearer_auth(
        &self,
        token: &str,
        _scopes: &[&str],
    ) -> Result<(), sink::Rejection> {
        accept(token == "t")
    }
    async fn authorize_basic_auth(
        &self,
        username: &str,
        password: &str,
        _scopes: &[&str],
    ) -> Result<(), sink::Rejection> {
        accept((username, password) == ("u", "p"))
    }
    async fn authorize_api_key_query(
        &self,
        key: &str,
        _scopes: &[&str],
    ) -> Result<(), sink::Rejection> {
        accept(key == "q")
    }
    async fn authorize_api_key_cookie(
        &self,
        key: &str,
        _scopes: &[&str],
    ) -> Result<(), sink::Rejection> {
        accept(key == "c")
    }
    async fn authorize_api_key_header(
        &self,
        key: &str,
        _scopes: &[&str],
    ) -> Result<(), sink::Rejection> {
        accept(key == "h")
    }

    #[allow(clippy::too_many_arguments)]
    async fn get_part(
        &self,
        _caller: (),
        item_id: String,
        part: i32,
        tags: Option<Vec<String>>,
        _ids: Option<Vec<i64>>,
        _filter: Option<sink::types::Filter>,
        _words: Option<Vec<String>>,
        _choices: Option<Vec<sink::types::Color>>,
        _since: chrono::DateTime<chrono::Utc>,
        _x_request_id: String,
        _x_trace: Option<bool>,
        _session: Option<String>,
        _meta: Option<sink::types::Map<String, i64>>,
    ) -> Result<sink::GetPartResponse, sink::ServerError> {
        // `part: minimum 0, maximum 100`; `tags: maxItems 3`.
        assert!((0..=100).contains(&part), "{part}");
        assert!(tags.as_ref().is_none_or(|tags| tags.len() <= 3), "{tags:?}");
        Ok(sink::GetPartResponse::Ok(
            sink::types::Part {
                item_id,
                part: part.into(),
                echo: None,
            },
            sink::GetPartOkHeaders {
                x_rate_remaining: 1,
            },
        ))
    }

    async fn get_items(
        &self,
        limit: Option<i64>,
        _query: Option<String>,
        _page: Option<sink::types::GetItemsPage>,
    ) -> Result<sink::GetItemsResponse, sink::ServerError> {
        // `limit: minimum 1`.
        assert!(limit.is_none_or(|limit| limit >= 1), "{limit:?}");
        Ok(sink::GetItemsResponse::Ok(Vec::new()))
    }

    async fn create_item(
        &self,
        _caller: (),
        body: sink::types::NewItem,
    ) -> Result<sink::CreateItemResponse, sink::ServerError> {
        // `name: minLength 1, maxLength 20, pattern ^[a-z ]+$`.
        let length = body.name.chars().count();
        assert!((1..=20).contains(&length), "{body:?}");
        assert!(
            body.name
                .chars()
                .all(|c| c == ' ' || c.is_ascii_lowercase()),
            "{body:?}"
        );
        body.size.iter().for_each(check_size);
        body.variants.iter().flatten().for_each(check_size);
        Ok(sink::CreateItemResponse::Accepted(
            sink::types::CreateItemAccepted { ticket: "t".into() },
        ))
    }

    async fn delete_item(
        &self,
        _caller: (),
        item_id: String,
    ) -> Result<sink::DeleteItemResponse, sink::ServerError> {
        let _ = item_id;
        Ok(sink::DeleteItemResponse::NoContent)
    }

    async fn login(
        &self,
        _caller: (),
        body: sink::types::LoginBody,
    ) -> Result<sink::LoginResponse, sink::ServerError> {
        Ok(sink::LoginResponse::Ok(
            body.user,
            sink::LoginOkHeaders { set_cookie: None },
        ))
    }

    async fn upload(
        &self,
        _caller: (),
        body: sink::UploadForm,
    ) -> Result<sink::UploadResponse, sink::ServerError> {
        Ok(sink::UploadResponse::Ok(sink::types::UploadOk {
            size: Some(body.file.bytes.len() as i64),
        }))
    }

    async fn get_blob(
        &self,
        _caller: (),
        name: String,
    ) -> Result<sink::GetBlobResponse, sink::ServerError> {
        Ok(sink::GetBlobResponse::Ok(name.into_bytes()))
    }

    async fn put_blob(
        &self,
        _caller: (),
        _name: String,
        _body: Vec<u8>,
    ) -> Result<sink::PutBlobResponse, sink::ServerError> {
        Ok(sink::PutBlobResponse::NoContent)
    }

    async fn add_note(
        &self,
        _caller: (),
        body: Option<String>,
    ) -> Result<sink::AddNoteResponse, sink::ServerError> {
        Ok(sink::AddNoteResponse::Ok(body.unwrap_or_default()))
    }
}

/// An `authorize_…` answer from a yes or no: the caller is nobody in particular.
fn accept(ok: bool) -> Result<(), sink::Rejection> {
    if ok {
        Ok(())
    } else {
        Err(sink::Rejection::Unauthenticated)
    }
}
