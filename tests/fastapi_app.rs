//! The generated client (`generated/src/fastapi_app.rs`, from the `openapi.json` FastAPI writes
//! for `tests/fastapi/app.py`) drives every operation of that app under uvicorn, comparing
//! exact values. `scripts/fastapi.sh` (run by `.ci/run`) installs FastAPI from PyPI, starts
//! the app and runs these tests with `OASFORGE_FASTAPI_URL` set; they need the app, so they
//! are ignored otherwise.

use chrono::{NaiveDate, TimeZone, Utc};
use oasforge_generated::fastapi_app::client::{BoundedError, Client, Error, File, UploadForm};
use oasforge_generated::fastapi_app::types::*;
use serde_json::json;

fn client() -> Client {
    let url = std::env::var("OASFORGE_FASTAPI_URL")
        .expect("OASFORGE_FASTAPI_URL: run scripts/fastapi.sh, which starts the app");
    Client::new(url)
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn parameters_in_the_path_query_headers_and_cookies() {
    let client = client();
    let echoed = client
        // Reserved characters and non-ASCII travel percent-encoded. (A `/` would too, but
        // Starlette decodes `%2F` before routing, so FastAPI cannot take one in a segment.)
        .echo_path(42, "a word & more?#é")
        .colour(Colour::Blue)
        .await
        .unwrap();
    assert_eq!(
        echoed.into_iter().collect::<Vec<_>>(),
        [
            ("colour".to_owned(), "blue".to_owned()),
            ("number".to_owned(), "42".to_owned()),
            ("word".to_owned(), "a word & more?#é".to_owned()),
        ]
    );
    let query = client
        .echo_query()
        .tags(vec!["a".into(), "b c".into()])
        .limit(3)
        .ratio(0.25)
        .flag(true)
        .day(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(query).unwrap(),
        json!({"tags": ["a", "b c"], "limit": 3, "ratio": 0.25, "flag": true, "day": "2024-02-29"})
    );
    let defaults = client.echo_query().await.unwrap();
    assert_eq!(
        serde_json::to_value(defaults).unwrap(),
        json!({"tags": [], "limit": 10, "ratio": null, "flag": false, "day": null})
    );
    let headers = client
        .echo_headers("req-1")
        .x_retries(2)
        .session("s-9")
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(headers).unwrap(),
        json!({"request_id": "req-1", "retries": 2, "session": "s-9"})
    );
    assert_eq!(client.bounded(7).await.unwrap(), 49);
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn validation_errors_are_fastapis_typed_422() {
    let client = client();
    match client.bounded(11).await {
        Err(Error::Api { status, body }) => {
            assert_eq!(status, 422);
            let BoundedError::UnprocessableEntity(problem) = *body;
            let detail = problem.detail.unwrap();
            assert_eq!(detail[0].r#type, "less_than_equal");
            assert_eq!(
                detail[0].loc,
                [
                    ValidationErrorLocItem::String("path".into()),
                    ValidationErrorLocItem::String("n".into())
                ]
            );
        }
        other => panic!("11 is over the bound: {other:?}"),
    }
    match client.list_items().limit(51).await {
        Err(Error::Api { status, .. }) => assert_eq!(status, 422),
        other => panic!("51 is over the bound: {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn scalars_maps_tuples_and_plain_text_round_trip() {
    let client = client();
    let sample = Sample {
        when: Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
        day: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        ident: "6f9619ff-8b86-d011-b42d-00c04fc964ff".parse().unwrap(),
        ratio: 1.5,
        count: -3,
        flag: true,
        colour: Colour::Green,
        scores: [("a".to_owned(), 1), ("b".to_owned(), 2)].into(),
        nested: vec![vec![1, 2], vec![], vec![3]],
    };
    assert_eq!(client.echo_sample(sample.clone()).await.unwrap(), sample);
    let segment = Segment {
        start: (0, 1),
        end: (2, 3),
        label: ("diagonal".into(), 1.25, false),
    };
    assert_eq!(client.echo_segment(segment.clone()).await.unwrap(), segment);
    assert_eq!(client.pair().await.unwrap(), (7, "seven".to_owned()));
    assert_eq!(client.text().await.unwrap(), "plain words");
    // Deprecated in the spec, so in Rust too.
    #[allow(deprecated)]
    let legacy = client.legacy().await.unwrap();
    assert_eq!(legacy["evens"], [0, 2, 4]);
    assert_eq!(legacy["odds"], [1, 3]);
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn discriminated_unions_and_input_output_models() {
    let client = client();
    let rex = Pet::Dog(Dog {
        pet_type: DogPetType::Dog,
        name: "Rex".into(),
        good: true,
    });
    assert_eq!(client.create_pet(rex.clone()).await.unwrap(), rex);
    match client.get_pet(1).await.unwrap() {
        Pet::Cat(cat) => assert_eq!((cat.name.as_str(), cat.lives), ("Tom", 9)),
        other => panic!("pet 1 is a cat: {other:?}"),
    }
    assert_eq!(client.get_pet(2).await.unwrap(), rex);
    match client.get_pet(3).await {
        Err(Error::UnexpectedStatus { status, body }) => {
            assert_eq!(status, 404);
            assert_eq!(body, r#"{"detail":"no such pet"}"#);
        }
        other => panic!("there is no pet 3: {other:?}"),
    }
    let owner = Owner {
        name: "Ada".into(),
        pets: vec![
            rex.clone(),
            Pet::Cat(Cat {
                pet_type: CatPetType::Cat,
                name: "Tom".into(),
                lives: 3,
            }),
        ],
    };
    assert_eq!(client.echo_owner(owner.clone()).await.unwrap(), owner);
    // `OrderLine-Input` has no total; `OrderLine-Output` has the one FastAPI computed.
    let order = OrderInput {
        id: 5,
        lines: vec![OrderLineInput {
            sku: "tea".into(),
            quantity: 3,
            unit_price: 2.5,
        }],
        note: Nullable::Absent,
    };
    let answered = client.create_order(order).await.unwrap();
    assert_eq!(
        answered,
        OrderOutput {
            id: 5,
            lines: vec![OrderLineOutput {
                sku: "tea".into(),
                quantity: 3,
                unit_price: 2.5,
                total: 7.5,
            }],
            note: Nullable::Null,
        }
    );
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn items_are_put_patched_listed_and_deleted() {
    let client = client();
    let widget = Item {
        id: 77,
        name: Some("Widget".into()),
        quantity: Some(1),
        tags: vec!["new".into()],
    };
    assert_eq!(client.put_item(77, widget.clone()).await.unwrap(), widget);
    // FastAPI's PATCH: only what the body names changes, and `null` clears.
    let patch = ItemPatch {
        quantity: Nullable::Value(450),
        ..Default::default()
    };
    let patched = client.patch_item(77, patch).await.unwrap();
    assert_eq!(
        (patched.name.as_deref(), patched.quantity),
        (Some("Widget"), Some(450))
    );
    let clear = ItemPatch {
        name: Nullable::Null,
        ..Default::default()
    };
    let cleared = client.patch_item(77, clear).await.unwrap();
    assert_eq!((cleared.name, cleared.quantity), (None, Some(450)));
    // `extra='forbid'`: FastAPI refuses what the model does not list; the client never sends it.
    let negative = ItemPatch {
        quantity: Nullable::Value(-1),
        ..Default::default()
    };
    assert_eq!(
        client.patch_item(77, negative).await.unwrap_err().status(),
        Some(reqwest::StatusCode::UNPROCESSABLE_ENTITY)
    );
    let tagged = client.add_tags(77, vec!["sale".into()]).await.unwrap();
    assert_eq!(tagged.tags, ["new", "sale"]);
    assert_eq!(client.get_item(77).await.unwrap(), tagged);
    let listed = client.list_items().offset(0).limit(50).await.unwrap();
    assert!(listed.contains(&tagged), "{listed:?}");
    client.delete_item(77).await.unwrap();
    assert_eq!(
        client.get_item(77).await.unwrap_err().status(),
        Some(reqwest::StatusCode::NOT_FOUND)
    );
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn forms_with_lists_and_uploads_of_one_and_many_files() {
    let client = client();
    let form = BodySubscribeSubscriptionsPost {
        email: "ada@example.test".into(),
        topics: vec!["rust".into(), "open api".into()],
        limit: Nullable::Value(3),
    };
    let read = client.subscribe(form).await.unwrap();
    assert_eq!(
        serde_json::to_value(read).unwrap(),
        json!({"email": "ada@example.test", "topics": ["rust", "open api"], "limit": 3})
    );
    let upload = UploadForm {
        file: File::new("a.txt", b"alpha".to_vec()),
        files: vec![
            File::new("b.bin", b"beta".to_vec()),
            File::new("c.csv", b"c,1".to_vec()),
        ],
        note: Some("hi".into()),
    };
    assert_eq!(
        client.upload(upload).await.unwrap(),
        ["a.txt alpha", "b.bin beta", "c.csv c,1", "note hi"]
    );
}

#[tokio::test]
#[ignore = "needs the FastAPI app: scripts/fastapi.sh"]
async fn every_security_class_fastapi_has_but_digest() {
    let client = client();
    let token = client
        .token(BodyTokenTokenPost {
            grant_type: Nullable::Value("password".into()),
            username: "ada".into(),
            password: "secret".into(),
            scope: String::new(),
            client_id: Nullable::Absent,
            client_secret: Nullable::Absent,
        })
        .await
        .unwrap();
    assert_eq!(token["access_token"], "token-of-ada");
    let who = |scheme: &str, who: &str| Whoami {
        scheme: scheme.into(),
        who: who.into(),
    };
    let keyed = client
        .clone()
        .with_api_key_header("h-key")
        .with_api_key_query("q-key")
        .with_api_key_cookie("c-key")
        .with_http_basic("ada", Some("pw".to_owned()))
        .with_http_bearer("bearer-token")
        .with_oauth2_password_bearer(token["access_token"].clone())
        .with_oauth2_authorization_code_bearer("code-token")
        .with_open_id_connect("oidc-token");
    assert_eq!(keyed.secure_header().await.unwrap(), who("header", "h-key"));
    assert_eq!(keyed.secure_query().await.unwrap(), who("query", "q-key"));
    assert_eq!(keyed.secure_cookie().await.unwrap(), who("cookie", "c-key"));
    assert_eq!(keyed.secure_basic().await.unwrap(), who("basic", "ada:pw"));
    assert_eq!(
        keyed.secure_bearer().await.unwrap(),
        who("bearer", "bearer-token")
    );
    assert_eq!(
        keyed.secure_password().await.unwrap(),
        who("oauth2-password", "token-of-ada")
    );
    assert_eq!(
        keyed.secure_code().await.unwrap(),
        who("oauth2-code", "code-token")
    );
    assert_eq!(
        keyed.secure_openid().await.unwrap(),
        who("openid", "Bearer oidc-token")
    );
    // Without credentials FastAPI refuses.
    let refused = client.secure_header().await.unwrap_err();
    assert!(
        matches!(refused.status().map(|s| s.as_u16()), Some(401 | 403)),
        "{refused:?}"
    );
}
