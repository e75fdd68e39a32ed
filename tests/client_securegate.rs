//! The generated Securegate client (build.rs output) against a server on 127.0.0.1.

mod support;

use securegate::client::{Client, Error, GetInvitesError};
use securegate::types::{AuthenticationMethod, InviteStatus};
use serde_json::json;
use support::{TestServer, json, raw};

fn invites() -> serde_json::Value {
    json!([
        {"id":"invite-123","first_name":"John","last_name":"Doe","email":"john.doe@example.com",
         "country_code":"1","mobile_number":"5551234567","authentication_method":"QR Code",
         "event_id":"event-456","session_code":"ABC123","session_id":"session-789",
         "image":"https://example.com/profile-photos/john-doe.jpg","status":"accepted",
         "created_at":"2023-02-28T12:00:00Z","updated_at":"2023-03-01T09:30:00Z",
         "last_seen":"2023-03-01T10:15:00Z"}
    ])
}

#[tokio::test]
async fn get_invites_sends_the_key_and_reads_the_invites() {
    let server = TestServer::start(|_| json(200, invites())).await;
    let client = Client::new(&server.base_url).with_api_key_auth("secret-key");

    let all = client.get_invites("event-456").await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].authentication_method, AuthenticationMethod::QrCode);
    let seen = server.only();
    assert_eq!(seen.method, "GET");
    assert_eq!(seen.raw_path, "/events/event-456/invites");
    assert_eq!(
        seen.raw_query, None,
        "an unset optional parameter is left out"
    );
    assert_eq!(seen.header("x-api-key"), Some("secret-key"));
}

#[tokio::test]
async fn status_filter_goes_in_the_query() {
    let server = TestServer::start(|_| json(200, invites())).await;
    let client = Client::new(&server.base_url).with_api_key_auth("k");
    let accepted = client
        .get_invites("event-456")
        .status(InviteStatus::Accepted)
        .await
        .unwrap();
    assert_eq!(accepted[0].status, InviteStatus::Accepted);
    assert_eq!(server.only().raw_query.as_deref(), Some("status=accepted"));
}

#[tokio::test]
async fn path_parameters_stay_one_segment() {
    let server = TestServer::start(|_| json(200, json!([]))).await;
    let client = Client::new(format!("{}/", server.base_url));
    client.get_invites("event/ 1?x").await.unwrap();
    client.get_invites("événement").await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].raw_path, "/events/event%2F%201%3Fx/invites");
    assert_eq!(seen[0].raw_query, None);
    assert_eq!(seen[1].raw_path, "/events/%C3%A9v%C3%A9nement/invites");
    assert_eq!(seen[0].header("x-api-key"), None, "no key set, none sent");
    let dot = client.get_invites("..").await.unwrap_err();
    assert!(matches!(dot, Error::InvalidRequest(_)), "{dot:?}");
}

#[tokio::test]
async fn declared_422_is_a_typed_error() {
    let server = TestServer::start(|_| {
        json(
            422,
            json!({"detail": [{"loc": ["query", "status"], "msg": "bad", "type": "enum"}]}),
        )
    })
    .await;
    let client = Client::new(&server.base_url);
    let err = client.get_invites("event-456").await.unwrap_err();
    let Error::Api { status, body } = err else {
        panic!("expected the declared error, got {err:?}")
    };
    assert_eq!(status, 422);
    let GetInvitesError::UnprocessableEntity(validation) = *body;
    let detail = validation.detail.unwrap();
    assert_eq!(detail[0].msg, "bad");
}

#[tokio::test]
async fn undeclared_status_keeps_its_code_and_body() {
    let server = TestServer::start(|_| raw(500, "text/plain", "boom")).await;
    let client = Client::new(&server.base_url);
    let err = client.get_invites("event-456").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    match err {
        Error::UnexpectedStatus { status, body } => {
            assert_eq!(status, 500);
            assert_eq!(body, "boom");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_does_not_match_names_where() {
    let server = TestServer::start(|_| json(200, json!([{"id": 5}]))).await;
    let client = Client::new(&server.base_url);
    match client.get_invites("event-456").await.unwrap_err() {
        Error::Decode { status, path, .. } => {
            assert_eq!(status, 200);
            assert!(path.starts_with("[0]"), "{path}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    let server = TestServer::start(|_| raw(200, "application/json", "not json")).await;
    let err = Client::new(&server.base_url)
        .get_invites("e")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let err = Client::new(format!("http://{address}"))
        .get_invites("e")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let client = Client::default().with_api_key_auth("super-secret");
    let debug = format!("{client:?} {:?}", client.get_invites("e"));
    assert!(!debug.contains("super-secret"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert_eq!(client.base_url(), securegate::client::DEFAULT_BASE_URL);
    assert_eq!(client.base_url(), "https://api.securegate.ai");
}
