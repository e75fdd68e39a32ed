//! Every parameter location and style, body kind, response shape and credential kind of
//! `specs/kitchen-sink.yaml`, checked on the wire against a server on 127.0.0.1.

mod support;

use std::collections::BTreeMap;

use oasforge_generated::kitchen_sink::client::{
    Client, CreateItemError, CreateItemResponse, Error, File, GetPartError, UploadForm,
};
use oasforge_generated::kitchen_sink::types::{Color, Filter, LoginBody, NewItem};
use serde_json::json;
use support::{TestServer, json, raw};

fn since() -> chrono::DateTime<chrono::Utc> {
    "2024-01-02T03:04:05Z".parse().unwrap()
}

fn part_json() -> serde_json::Value {
    json!({"item_id": "a/b", "part": 3})
}

#[tokio::test]
async fn every_parameter_location_and_style_is_written_as_specified() {
    let server = TestServer::start(|_| {
        let mut response = json(200, part_json());
        response
            .headers_mut()
            .insert("x-rate-remaining", "7".parse().unwrap());
        response
    })
    .await;
    let client = Client::new(&server.base_url).with_bearer_auth("t0ken");
    let meta = BTreeMap::from([("a".to_owned(), 1)]);
    let part = client
        .get_part("a/b c", 3, since(), "req-1")
        .tags(vec!["x".into(), "y".into()])
        .ids(vec![1, 2])
        .filter(Filter {
            color: Some(Color::Red),
            min: Some(3),
        })
        .words(vec!["hello".into(), "world".into()])
        .choices(vec![Color::Red, Color::Blue])
        .x_trace(true)
        .session("s1")
        .meta(meta)
        .await
        .unwrap();
    assert_eq!(part.item_id, "a/b", "the answer derefs to its body");
    assert_eq!(part.status, 200);
    assert_eq!(part.headers["x-rate-remaining"], "7");

    let seen = server.only();
    assert_eq!(seen.raw_path, "/items/a%2Fb%20c/parts/3");
    assert_eq!(seen.query_values("tags"), vec!["x", "y"], "form, exploded");
    assert_eq!(seen.query_values("ids"), vec!["1,2"], "form, not exploded");
    assert_eq!(
        seen.query_values("filter[color]"),
        vec!["red"],
        "deepObject"
    );
    assert_eq!(seen.query_values("filter[min]"), vec!["3"]);
    assert_eq!(
        seen.query_values("words"),
        vec!["hello world"],
        "spaceDelimited"
    );
    assert_eq!(
        seen.query_values("choices"),
        vec!["red|blue"],
        "pipeDelimited"
    );
    assert_eq!(seen.query_values("since"), vec!["2024-01-02T03:04:05Z"]);
    assert_eq!(
        seen.query_values("meta"),
        vec![r#"{"a":1}"#],
        "content: JSON text"
    );
    assert_eq!(seen.header("x-request-id"), Some("req-1"));
    assert_eq!(seen.header("x-trace"), Some("true"));
    assert_eq!(seen.header("cookie"), Some("session=s1"));
    // A value that a cookie cannot hold is percent-encoded, so it cannot add a cookie.
    let _ = client
        .get_part("i", 1, since(), "r")
        .session("a; admin=1")
        .await;
    assert_eq!(
        server.seen()[1].header("cookie"),
        Some("session=a%3B%20admin=1")
    );
    assert_eq!(seen.header("authorization"), Some("Bearer t0ken"));
}

#[tokio::test]
async fn optional_parameters_left_unset_are_not_sent() {
    let server = TestServer::start(|_| {
        let mut response = json(200, part_json());
        response
            .headers_mut()
            .insert("x-rate-remaining", "1".parse().unwrap());
        response
    })
    .await;
    let client = Client::new(&server.base_url);
    client.get_part("i", 1, since(), "r").await.unwrap();
    let seen = server.only();
    let names: Vec<&str> = seen.query.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, vec!["since"]);
    assert_eq!(seen.header("x-trace"), None);
    assert_eq!(seen.header("cookie"), None);
    assert_eq!(
        seen.header("authorization"),
        None,
        "no token set, none sent"
    );
}

#[tokio::test]
async fn error_statuses_map_to_codes_ranges_and_default() {
    let server = TestServer::start(|seen| match seen.raw_path.as_str() {
        "/items/missing/parts/1" => json(404, json!({"title": "no such part"})),
        "/items/teapot/parts/1" => raw(
            418,
            "application/problem+json",
            r#"{"title":"teapot","status":418}"#,
        ),
        _ => raw(503, "text/plain", "try later"),
    })
    .await;
    let client = Client::new(&server.base_url);
    let body = |err: Error<GetPartError>| match err {
        Error::Api { body, .. } => *body,
        other => panic!("expected a declared error, got {other:?}"),
    };
    match body(
        client
            .get_part("missing", 1, since(), "r")
            .await
            .unwrap_err(),
    ) {
        GetPartError::NotFound(problem) => assert_eq!(problem.title, "no such part"),
        other => panic!("{other:?}"),
    }
    match body(
        client
            .get_part("teapot", 1, since(), "r")
            .await
            .unwrap_err(),
    ) {
        GetPartError::ClientError(problem) => assert_eq!(problem.status, Some(418)),
        other => panic!("{other:?}"),
    }
    match body(client.get_part("busy", 1, since(), "r").await.unwrap_err()) {
        GetPartError::Other(text) => assert_eq!(text, "try later"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn json_bodies_and_several_success_statuses() {
    let server = TestServer::start(|seen| {
        let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
        match body["name"].as_str() {
            Some("later") => json(202, json!({"ticket": "t-1"})),
            Some("dup") => raw(409, "", ""),
            _ => json(
                201,
                json!({"id": "i-1", "name": body["name"], "color": body["color"]}),
            ),
        }
    })
    .await;
    let client = Client::new(&server.base_url).with_bearer_auth("t");
    let item = NewItem {
        name: "lamp".into(),
        color: Some(Color::Green),
        size: None,
        variants: None,
        grid: None,
        scores: None,
        sizes: None,
        notes: None,
        code: None,
        amount: None,
        label: None,
        refs: None,
    };
    match client.create_item(item).await.unwrap().body {
        CreateItemResponse::Created(created) => {
            assert_eq!(created.id, "i-1");
            assert_eq!(created.color, Some(Color::Green));
        }
        other => panic!("{other:?}"),
    }
    let seen = server.only();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&seen.body).unwrap(),
        json!({"name": "lamp", "color": "green"})
    );
    let later = client
        .create_item(NewItem {
            name: "later".into(),
            color: None,
            size: None,
            variants: None,
            grid: None,
            scores: None,
            sizes: None,
            notes: None,
            code: None,
            amount: None,
            label: None,
            refs: None,
        })
        .await
        .unwrap();
    assert!(
        matches!(later.body, CreateItemResponse::Accepted(ref accepted) if accepted.ticket == "t-1")
    );
    let conflict = client
        .create_item(NewItem {
            name: "dup".into(),
            color: None,
            size: None,
            variants: None,
            grid: None,
            scores: None,
            sizes: None,
            notes: None,
            code: None,
            amount: None,
            label: None,
            refs: None,
        })
        .await
        .unwrap_err();
    assert!(matches!(conflict, Error::Api { ref body, .. } if **body == CreateItemError::Conflict));
}

#[tokio::test]
async fn public_operations_send_no_credentials_and_unnamed_ones_are_named_from_the_path() {
    let server = TestServer::start(|_| json(200, json!([{"id": "1", "name": "a"}]))).await;
    let client = Client::new(&server.base_url).with_bearer_auth("t");
    let items = client.get_items().limit(5).await.unwrap();
    assert_eq!(items[0].name, "a");
    let seen = server.only();
    assert_eq!(seen.raw_query.as_deref(), Some("limit=5"));
    assert_eq!(
        seen.header("authorization"),
        None,
        "`security: []` is public"
    );
}

#[tokio::test]
async fn no_content_answers_are_unit() {
    let server = TestServer::start(|_| raw(204, "", "")).await;
    let client = Client::new(&server.base_url).with_bearer_auth("t");
    client.delete_item("i-1").await.unwrap();
    let seen = server.only();
    assert_eq!(seen.method, "DELETE");
    assert_eq!(seen.raw_path, "/items/i-1");
}

#[tokio::test]
async fn form_bodies_with_basic_auth_and_text_answers() {
    let server = TestServer::start(|_| raw(200, "text/plain", "welcome")).await;
    let client = Client::new(&server.base_url)
        .with_bearer_auth("unused")
        .with_basic_auth("ada", Some("pw".into()));
    let text = client
        .login(LoginBody {
            user: "ada lovelace".into(),
            remember: Some(true),
        })
        .await
        .unwrap();
    assert_eq!(*text, "welcome");
    let seen = server.only();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        std::str::from_utf8(&seen.body).unwrap(),
        "user=ada+lovelace&remember=true"
    );
    // base64("ada:pw")
    assert_eq!(seen.header("authorization"), Some("Basic YWRhOnB3"));
}

#[tokio::test]
async fn multipart_bodies_send_files_and_fields() {
    let server = TestServer::start(|_| json(200, json!({"size": 3}))).await;
    let client = Client::new(&server.base_url).with_api_key_query("q-key");
    let mut photo = File::new("photo.png", vec![1u8, 2, 3]);
    photo.content_type = Some("image/png".into());
    let answer = client
        .upload(UploadForm {
            file: photo,
            title: "Holiday".into(),
            extras: Some(vec![File::new("a.txt", "A"), File::new("b.txt", "B")]),
            color: Some(Color::Blue),
        })
        .await
        .unwrap();
    assert_eq!(answer.size, Some(3));
    let seen = server.only();
    assert_eq!(
        seen.query_values("api_key"),
        vec!["q-key"],
        "first satisfied alternative"
    );
    let parts: Vec<_> = seen
        .parts
        .iter()
        .map(|p| {
            let file = p.file_name.as_deref();
            (
                p.name.as_str(),
                file,
                p.content_type.as_deref(),
                p.bytes.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        vec![
            (
                "file",
                Some("photo.png"),
                Some("image/png"),
                &[1u8, 2, 3][..]
            ),
            ("title", None, None, b"Holiday".as_slice()),
            (
                "extras",
                Some("a.txt"),
                Some("application/octet-stream"),
                b"A".as_slice()
            ),
            (
                "extras",
                Some("b.txt"),
                Some("application/octet-stream"),
                b"B".as_slice()
            ),
            ("color", None, None, b"blue".as_slice()),
        ]
    );

    // With only the cookie key set, the second alternative is used.
    let server = TestServer::start(|_| json(200, json!({}))).await;
    let client = Client::new(&server.base_url).with_api_key_cookie("c-key");
    client
        .upload(UploadForm {
            file: File::new("f", "x"),
            title: "t".into(),
            extras: None,
            color: None,
        })
        .await
        .unwrap();
    let seen = server.only();
    assert_eq!(seen.header("cookie"), Some("api_key=c-key"));
    assert!(seen.query.is_empty());
}

#[tokio::test]
async fn a_file_with_an_unusable_content_type_is_an_invalid_request_not_sent() {
    let server = TestServer::start(|_| json(200, json!({}))).await;
    let client = Client::new(&server.base_url).with_api_key_query("q-key");
    let mut file = File::new("f", "x");
    file.content_type = Some("not a type".into());
    let form = UploadForm {
        file,
        title: "t".into(),
        extras: None,
        color: None,
    };
    let err = client.upload(form).await.unwrap_err();
    match &err {
        Error::InvalidRequest(message) => assert!(message.contains("not a type"), "{message}"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn raw_bytes_both_ways() {
    let server = TestServer::start(|seen| match seen.method.as_str() {
        "PUT" => raw(204, "", ""),
        _ => raw(200, "application/octet-stream", vec![0u8, 159, 255]),
    })
    .await;
    let client = Client::new(&server.base_url).with_api_key_header("h-key");
    client.put_blob("b 1", vec![9u8, 8, 7]).await.unwrap();
    let bytes = client.get_blob("b 1").await.unwrap();
    assert_eq!(bytes, vec![0u8, 159, 255]);
    let seen = server.seen();
    assert_eq!(seen[0].raw_path, "/blobs/b%201");
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(seen[0].body.as_ref(), &[9u8, 8, 7]);
    assert_eq!(seen[0].header("x-api-key"), Some("h-key"));
}

#[tokio::test]
async fn optional_text_body() {
    let server = TestServer::start(|seen| raw(200, "text/plain", seen.body.to_vec())).await;
    let client = Client::new(&server.base_url);
    assert_eq!(
        client.add_note().body("hi there").await.unwrap(),
        "hi there"
    );
    assert_eq!(client.add_note().await.unwrap(), "");
    let seen = server.seen();
    assert_eq!(seen[0].header("content-type"), Some("text/plain"));
    assert_eq!(
        seen[1].header("content-type"),
        None,
        "no body, no content type"
    );
}

#[test]
fn the_default_base_url_comes_from_the_first_server_with_variables() {
    assert_eq!(
        oasforge_generated::kitchen_sink::client::DEFAULT_BASE_URL,
        "https://eu.example.com/v2"
    );
}
