//! The caller's identity in handlers (`specs/identity.yaml`): the generated server hands each
//! secured operation the principal its `authorize_…` methods returned, in the shape its
//! security has, and a credential without a required scope gets 403. The generated client
//! calls the generated server over real HTTP on 127.0.0.1.

use oasforge_generated::identity::client::{Client, Error};
use oasforge_generated::identity::server::*;
use oasforge_generated::identity::types::Who;

use axum::http::request::Parts;

/// What a tower layer in front of the router gives each request.
#[derive(Clone)]
struct RequestId(String);

/// Tokens and keys, and who they belong to.
struct Notes;

fn who(principals: &[String], note: Option<String>) -> Who {
    Who {
        principals: principals.to_vec(),
        note,
    }
}

impl Api for Notes {
    /// A principal is a name; the scopes asked of a token are kept in it, so the tests see
    /// what the router asked.
    type Principal = String;

    async fn authorize_oauth(&self, token: &str, scopes: &[&str]) -> Result<String, Rejection> {
        let granted: &[&str] = match token {
            "reader" => &["notes:read"],
            "writer" => &["notes:read", "notes:write"],
            "nothing" => &[],
            _ => return Err(Rejection::Unauthenticated),
        };
        if !scopes.iter().all(|scope| granted.contains(scope)) {
            return Err(Rejection::Forbidden);
        }
        Ok(format!("{token} {scopes:?}"))
    }

    async fn authorize_key(&self, key: &str, _scopes: &[&str]) -> Result<String, Rejection> {
        match key {
            "k1" => Ok("key owner".to_owned()),
            _ => Err(Rejection::Unauthenticated),
        }
    }

    async fn authorize_tenant(&self, key: &str, _scopes: &[&str]) -> Result<String, Rejection> {
        match key {
            "acme" => Ok("tenant acme".to_owned()),
            _ => Err(Rejection::Unauthenticated),
        }
    }

    async fn list_notes(
        &self,
        request: Parts,
        caller: String,
    ) -> Result<ListNotesResponse, ServerError> {
        // What a tower layer put in the request's extensions.
        let id = request.extensions.get::<RequestId>().map(|id| id.0.clone());
        Ok(ListNotesResponse::Ok(who(&[caller], id)))
    }

    async fn add_note(
        &self,
        _request: Parts,
        caller: String,
        body: String,
    ) -> Result<AddNoteResponse, ServerError> {
        Ok(AddNoteResponse::Created(who(&[caller], Some(body))))
    }

    async fn public_notes(
        &self,
        _request: Parts,
        caller: Option<String>,
    ) -> Result<PublicNotesResponse, ServerError> {
        Ok(PublicNotesResponse::Ok(who(
            caller.as_slice(),
            caller.is_none().then(|| "anonymous".to_owned()),
        )))
    }

    async fn tenant_notes(
        &self,
        _request: Parts,
        caller: Vec<String>,
    ) -> Result<TenantNotesResponse, ServerError> {
        Ok(TenantNotesResponse::Ok(who(&caller, None)))
    }

    async fn health(&self, _request: Parts) -> Result<HealthResponse, ServerError> {
        Ok(HealthResponse::NoContent)
    }
}

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // A layer that numbers requests, as a request-id or tracing layer would; the handlers see
    // its extension in `request` (`--request-context`).
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let app = router(Notes).layer(axum::middleware::from_fn(
        move |mut request: axum::extract::Request, next: axum::middleware::Next| {
            let number = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            request
                .extensions_mut()
                .insert(RequestId(format!("req-{number}")));
            next.run(request)
        },
    ));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

/// The status and body of a refused call.
fn refused<E: std::fmt::Debug>(result: Result<impl std::fmt::Debug, Error<E>>) -> (u16, String) {
    match result {
        Err(Error::UnexpectedStatus { status, body }) => (status.as_u16(), body),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

const NOT_AUTHENTICATED: &str = r#"{"detail":"Not authenticated"}"#;
const NOT_ENOUGH_PERMISSIONS: &str = r#"{"detail":"Not enough permissions"}"#;

/// One scheme per alternative: the handler gets the principal of the alternative that let the
/// request in, and the authorizer was asked for the scopes the spec lists for it.
#[tokio::test]
async fn the_handler_gets_the_principal_of_the_alternative_that_passed() {
    let url = serve().await;
    let by_token = Client::new(&url).with_oauth("reader");
    assert_eq!(
        by_token.list_notes().await.unwrap(),
        who(
            &[r#"reader ["notes:read"]"#.to_owned()],
            Some("req-0".to_owned())
        )
    );
    let by_key = Client::new(&url).with_key("k1");
    assert_eq!(by_key.list_notes().await.unwrap().principals, ["key owner"]);
    // A refused token does not stop the key's alternative (the client sends one alternative's
    // credentials; another client may send more).
    let answer = reqwest::Client::new()
        .get(format!("{url}/notes"))
        .bearer_auth("stolen")
        .header("x-api-key", "k1")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["principals"], serde_json::json!(["key owner"]));
    for client in [Client::new(&url), Client::new(&url).with_oauth("stolen")] {
        assert_eq!(
            refused(client.list_notes().await),
            (401, NOT_AUTHENTICATED.to_owned())
        );
    }
}

/// A known token without a scope the operation requires is 403, not 401, and the handler is
/// not called; a token with every scope gets in.
#[tokio::test]
async fn a_token_without_a_required_scope_is_forbidden() {
    let url = serve().await;
    let reader = Client::new(&url).with_oauth("reader");
    assert_eq!(
        refused(reader.add_note("hi").await),
        (403, NOT_ENOUGH_PERMISSIONS.to_owned())
    );
    let writer = Client::new(&url).with_oauth("writer");
    assert_eq!(
        writer.add_note("hi").await.unwrap(),
        who(
            &[r#"writer ["notes:read", "notes:write"]"#.to_owned()],
            Some("hi".to_owned())
        )
    );
    // Forbidden by one alternative, not let in by another: 403 wins over 401.
    let answer = reqwest::Client::new()
        .get(format!("{url}/notes"))
        .bearer_auth("nothing")
        .header("x-api-key", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403);
    assert_eq!(answer.text().await.unwrap(), NOT_ENOUGH_PERMISSIONS);
}

/// `security: [{}, {oauth: [...]}]`: anonymous callers get `None`, a good token `Some`, and a
/// refused token is still refused rather than taken for anonymous.
#[tokio::test]
async fn an_anonymous_alternative_gives_an_option() {
    let url = serve().await;
    assert_eq!(
        Client::new(&url).public_notes().await.unwrap(),
        who(&[], Some("anonymous".to_owned()))
    );
    assert_eq!(
        Client::new(&url)
            .with_oauth("reader")
            .public_notes()
            .await
            .unwrap()
            .principals,
        [r#"reader ["notes:read"]"#]
    );
    assert_eq!(
        refused(Client::new(&url).with_oauth("stolen").public_notes().await),
        (401, NOT_AUTHENTICATED.to_owned())
    );
}

/// Schemes required together: the handler gets every principal, in the alternative's order;
/// one missing or refused credential refuses the request.
#[tokio::test]
async fn schemes_required_together_give_every_principal() {
    let url = serve().await;
    let both = Client::new(&url).with_key("k1").with_tenant("acme");
    assert_eq!(
        both.tenant_notes().await.unwrap().principals,
        ["key owner", "tenant acme"]
    );
    for client in [
        Client::new(&url).with_key("k1"),
        Client::new(&url).with_key("k1").with_tenant("other"),
    ] {
        assert_eq!(
            refused(client.tenant_notes().await),
            (401, NOT_AUTHENTICATED.to_owned())
        );
    }
    // `security: []`: no principal, no credentials asked.
    Client::new(&url).health().await.unwrap();
}
