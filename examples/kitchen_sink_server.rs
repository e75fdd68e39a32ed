//! Serves the generated kitchen-sink server (`specs/kitchen-sink.yaml`: every parameter
//! style, body kind and security scheme) on 127.0.0.1, with an implementation that answers
//! every operation with a declared success built from what it received. A target for
//! schemathesis by hand (`scripts/schemathesis.sh` runs it against Securegate only: against
//! this spec it still reports what the server issue tracks, such as undeclared 401s and
//! response headers not sent).
//!
//! ```sh
//! PORT=8081 cargo run --example kitchen_sink_server
//! st run specs/kitchen-sink.yaml --url http://127.0.0.1:8081 -H 'Authorization: Bearer t'
//! ```
//!
//! Credentials it accepts: `Authorization: Bearer t`, basic `u:p`, `X-Api-Key: h`, the query
//! parameter `api_key=q` and the cookie `api_key=c`.

use oasforge_generated::kitchen_sink::server::{self as sink, Rejection, ServerError};
use oasforge_generated::kitchen_sink::types;

struct KitchenSink;

impl sink::Api for KitchenSink {
    type Principal = ();

    async fn authorize_bearer_auth(&self, token: &str, _scopes: &[&str]) -> Result<(), Rejection> {
        accept(token == "t")
    }
    async fn authorize_basic_auth(
        &self,
        username: &str,
        password: &str,
        _scopes: &[&str],
    ) -> Result<(), Rejection> {
        accept((username, password) == ("u", "p"))
    }
    async fn authorize_api_key_query(&self, key: &str, _scopes: &[&str]) -> Result<(), Rejection> {
        accept(key == "q")
    }
    async fn authorize_api_key_cookie(&self, key: &str, _scopes: &[&str]) -> Result<(), Rejection> {
        accept(key == "c")
    }
    async fn authorize_api_key_header(&self, key: &str, _scopes: &[&str]) -> Result<(), Rejection> {
        accept(key == "h")
    }

    async fn get_part(
        &self,
        _caller: (),
        item_id: String,
        part: i32,
        _tags: Option<Vec<String>>,
        _ids: Option<Vec<i64>>,
        _filter: Option<types::Filter>,
        _words: Option<Vec<String>>,
        _choices: Option<Vec<types::Color>>,
        _since: chrono::DateTime<chrono::Utc>,
        _x_request_id: String,
        _x_trace: Option<bool>,
        _session: Option<String>,
        _meta: Option<types::Map<String, i64>>,
    ) -> Result<sink::GetPartResponse, ServerError> {
        Ok(sink::GetPartResponse::Ok(
            types::Part {
                item_id,
                part: part.into(),
                echo: None,
            },
            sink::GetPartOkHeaders {
                x_rate_remaining: 99,
            },
        ))
    }

    async fn get_items(
        &self,
        _limit: Option<i64>,
        _query: Option<String>,
        _page: Option<types::GetItemsPage>,
    ) -> Result<sink::GetItemsResponse, ServerError> {
        Ok(sink::GetItemsResponse::Ok(Vec::new()))
    }

    async fn create_item(
        &self,
        _caller: (),
        body: types::NewItem,
    ) -> Result<sink::CreateItemResponse, ServerError> {
        Ok(sink::CreateItemResponse::Created(
            types::Item {
                id: "i-1".into(),
                name: body.name,
                color: body.color,
            },
            sink::CreateItemCreatedHeaders {
                location: "/items/i-1".into(),
                x_rate_remaining: Some(99),
            },
        ))
    }

    async fn delete_item(
        &self,
        _caller: (),
        _item_id: String,
    ) -> Result<sink::DeleteItemResponse, ServerError> {
        Ok(sink::DeleteItemResponse::NoContent)
    }

    async fn login(
        &self,
        _caller: (),
        body: types::LoginBody,
    ) -> Result<sink::LoginResponse, ServerError> {
        Ok(sink::LoginResponse::Ok(
            format!("hello {}", body.user),
            sink::LoginOkHeaders { set_cookie: None },
        ))
    }

    async fn upload(
        &self,
        _caller: (),
        body: sink::UploadForm,
    ) -> Result<sink::UploadResponse, ServerError> {
        let extras = body.extras.iter().flatten();
        let size = std::iter::once(&body.file)
            .chain(extras)
            .map(|file| file.bytes.len() as i64)
            .sum();
        Ok(sink::UploadResponse::Ok(types::UploadOk {
            size: Some(size),
        }))
    }

    async fn get_blob(
        &self,
        _caller: (),
        name: String,
    ) -> Result<sink::GetBlobResponse, ServerError> {
        Ok(sink::GetBlobResponse::Ok(name.into_bytes()))
    }

    async fn put_blob(
        &self,
        _caller: (),
        _name: String,
        _body: Vec<u8>,
    ) -> Result<sink::PutBlobResponse, ServerError> {
        Ok(sink::PutBlobResponse::NoContent)
    }

    async fn add_note(
        &self,
        _caller: (),
        body: Option<String>,
    ) -> Result<sink::AddNoteResponse, ServerError> {
        Ok(sink::AddNoteResponse::Ok(body.unwrap_or_default()))
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(8081);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "kitchen sink listening on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, sink::router(KitchenSink)).await
}

/// An `authorize_…` answer from a yes or no: the caller is nobody in particular.
fn accept(ok: bool) -> Result<(), Rejection> {
    if ok {
        Ok(())
    } else {
        Err(Rejection::Unauthenticated)
    }
}
