//! The generated Securegate client against the generated Securegate server, over real HTTP on
//! 127.0.0.1 (both from build.rs), with the in-memory implementation behind the server.

use std::sync::{Arc, Mutex};

use securegate::client::{Client, Error};
use securegate::memory::{InMemory, Organizer};
use securegate::server::{self, Api, GetInvitesResponse, Rejection, ServerError};
use securegate::types::{Invite, InviteStatus};
use serde_json::Value;

async fn serve(api: impl Api) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, server::router(api)).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn client_and_server_agree_on_invites() {
    let base = serve(InMemory::seeded("key-1")).await;
    let client = Client::new(&base).with_api_key_auth("key-1");
    let all = client.get_invites("event-456").await.unwrap();
    assert_eq!(all, InMemory::seeded("key-1").invites().to_vec());
    let accepted = client
        .get_invites("event-456")
        .status(InviteStatus::Accepted)
        .await
        .unwrap();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].id, "invite-123");
    let pending = client
        .get_invites("event-456")
        .status(InviteStatus::Pending)
        .await
        .unwrap();
    // The seeded `null` arrives as `null`, not as a left-out field.
    assert_eq!(pending[0].last_seen, securegate::types::Nullable::Null);
    assert!(client.get_invites("other-event").await.unwrap().is_empty());
}

/// The API key's owner reaches the handler as `caller`: another organizer's key is let in
/// but sees none of this organizer's invites.
#[tokio::test]
async fn each_organizer_sees_only_their_own_events() {
    let store = InMemory::seeded("key-1").with_key("key-2", Organizer("organizer-2".into()));
    let base = serve(store).await;
    let owner = Client::new(&base).with_api_key_auth("key-1");
    assert_eq!(owner.get_invites("event-456").await.unwrap().len(), 2);
    let other = Client::new(&base).with_api_key_auth("key-2");
    assert!(other.get_invites("event-456").await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bad_enum_in_the_query_gets_fastapis_422() {
    let base = serve(InMemory::seeded("k")).await;
    let response = reqwest::Client::new()
        .get(format!("{base}/events/event-456/invites?status=bogus"))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    let detail = body["detail"].as_array().unwrap();
    assert_eq!(detail.len(), 1);
    assert_eq!(detail[0]["loc"], serde_json::json!(["query", "status"]));
    assert_eq!(detail[0]["type"], "enum");
    assert!(detail[0]["msg"].as_str().unwrap().contains("bogus"));
    // The body is exactly the spec's HTTPValidationError.
    serde_json::from_value::<securegate::types::HttpValidationError>(body).unwrap();
}

#[tokio::test]
async fn missing_or_wrong_keys_get_401_before_the_handler() {
    #[derive(Clone, Default)]
    struct Counting(Arc<Mutex<usize>>);
    impl Api for Counting {
        type Principal = ();

        async fn authorize_api_key_auth(
            &self,
            key: &str,
            _scopes: &[&str],
        ) -> Result<(), Rejection> {
            accept(key == "right")
        }
        async fn get_invites(
            &self,
            _caller: (),
            _event_id: String,
            _status: Option<InviteStatus>,
        ) -> Result<GetInvitesResponse, ServerError> {
            *self.0.lock().unwrap() += 1;
            Ok(GetInvitesResponse::Ok(Vec::new()))
        }
    }
    let api = Counting::default();
    let calls = api.0.clone();
    let base = serve(api).await;
    for client in [
        Client::new(&base),
        Client::new(&base).with_api_key_auth("wrong"),
    ] {
        match client.get_invites("e").await.unwrap_err() {
            Error::UnexpectedStatus { status, body } => {
                assert_eq!(status, 401);
                assert_eq!(body, r#"{"detail":"Not authenticated"}"#);
            }
            other => panic!("expected 401, got {other:?}"),
        }
    }
    assert_eq!(*calls.lock().unwrap(), 0, "the handler never ran");
    Client::new(&base)
        .with_api_key_auth("right")
        .get_invites("e")
        .await
        .unwrap();
    assert_eq!(*calls.lock().unwrap(), 1);
}

#[tokio::test]
async fn path_parameters_round_trip_exactly() {
    #[derive(Clone, Default)]
    struct Echo(Arc<Mutex<Vec<String>>>);
    impl Api for Echo {
        type Principal = ();

        async fn authorize_api_key_auth(
            &self,
            _key: &str,
            _scopes: &[&str],
        ) -> Result<(), Rejection> {
            accept(true)
        }
        async fn get_invites(
            &self,
            _caller: (),
            event_id: String,
            _status: Option<InviteStatus>,
        ) -> Result<GetInvitesResponse, ServerError> {
            self.0.lock().unwrap().push(event_id);
            Ok(GetInvitesResponse::Ok(Vec::new()))
        }
    }
    let api = Echo::default();
    let seen = api.0.clone();
    let base = serve(api).await;
    let client = Client::new(&base).with_api_key_auth("any");
    let ids = [
        "event/ 1?x",
        "événement",
        "a%2Fb",
        "semi;colon&and=equals",
        "+plus+",
    ];
    for id in ids {
        client.get_invites(id).await.unwrap();
    }
    assert_eq!(*seen.lock().unwrap(), ids);
}

#[tokio::test]
async fn handler_errors_become_500_without_details() {
    struct Failing;
    impl Api for Failing {
        type Principal = ();

        async fn authorize_api_key_auth(
            &self,
            _key: &str,
            _scopes: &[&str],
        ) -> Result<(), Rejection> {
            accept(true)
        }
        async fn get_invites(
            &self,
            _caller: (),
            _event_id: String,
            _status: Option<InviteStatus>,
        ) -> Result<GetInvitesResponse, ServerError> {
            Err("database password is hunter2".into())
        }
    }
    let base = serve(Failing).await;
    let err = Client::new(&base)
        .with_api_key_auth("k")
        .get_invites("e")
        .await
        .unwrap_err();
    match err {
        Error::UnexpectedStatus { status, body } => {
            assert_eq!(status, 500);
            assert!(!body.contains("hunter2"), "{body}");
        }
        other => panic!("expected 500, got {other:?}"),
    }
}

#[tokio::test]
async fn declared_422_answers_reach_the_client_typed() {
    struct Refusing;
    impl Api for Refusing {
        type Principal = ();

        async fn authorize_api_key_auth(
            &self,
            _key: &str,
            _scopes: &[&str],
        ) -> Result<(), Rejection> {
            accept(true)
        }
        async fn get_invites(
            &self,
            _caller: (),
            _event_id: String,
            _status: Option<InviteStatus>,
        ) -> Result<GetInvitesResponse, ServerError> {
            let body = serde_json::from_value(serde_json::json!({
                "detail": [{"loc": ["path", "event_id"], "msg": "closed", "type": "value_error"}]
            }))?;
            Ok(GetInvitesResponse::UnprocessableEntity(body))
        }
    }
    let base = serve(Refusing).await;
    let err = Client::new(&base)
        .with_api_key_auth("k")
        .get_invites("e")
        .await
        .unwrap_err();
    let Error::Api { status, body } = err else {
        panic!("{err:?}")
    };
    assert_eq!(status, 422);
    let securegate::client::GetInvitesError::UnprocessableEntity(validation) = *body;
    assert_eq!(validation.detail.unwrap()[0].msg, "closed");
}

#[test]
fn invites_are_plain_data() {
    let invites: Vec<Invite> =
        serde_json::from_str(securegate::memory::DOCUMENTED_INVITES).unwrap();
    assert_eq!(invites.len(), 2);
}

#[tokio::test]
async fn a_sent_request_is_a_future_that_can_be_spawned() {
    let base = serve(InMemory::seeded("key-2")).await;
    let client = Client::new(&base).with_api_key_auth("key-2");
    // `send()` owns what it needs: the future outlives the borrow of `client`.
    let futures: Vec<_> = ["event-456", "other-event"]
        .into_iter()
        .map(|event| tokio::spawn(client.get_invites(event).send()))
        .collect();
    drop(client);
    let mut counts = Vec::new();
    for future in futures {
        counts.push(future.await.unwrap().unwrap().len());
    }
    assert_eq!(counts, [InMemory::seeded("key-2").invites().len(), 0]);
}

/// An `authorize_…` answer from a yes or no: the caller is nobody in particular.
fn accept(ok: bool) -> Result<(), Rejection> {
    if ok {
        Ok(())
    } else {
        Err(Rejection::Unauthenticated)
    }
}
