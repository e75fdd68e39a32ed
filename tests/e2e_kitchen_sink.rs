//! The generated kitchen-sink client against the generated kitchen-sink server over real HTTP
//! on 127.0.0.1: every parameter location, body kind and credential kind makes the round trip,
//! and bad input is refused before the handler runs.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use oasforge_generated::kitchen_sink::client::{
    self, Client, CreateItemResponse, File, UploadForm,
};
use oasforge_generated::kitchen_sink::server::{self, *};
use oasforge_generated::kitchen_sink::types::{
    Color, CreateItemAccepted, Filter, GetItemsPage, Item, LoginBody, NewItem, Part as PartModel,
    UploadOk,
};
use serde_json::{Value, json};

/// Records what each handler received, as JSON, and answers with fixed values.
#[derive(Clone, Default)]
struct Sink {
    calls: Arc<Mutex<Vec<Value>>>,
}

impl Sink {
    fn record(&self, call: Value) {
        self.calls.lock().unwrap().push(call);
    }

    fn calls(&self) -> Vec<Value> {
        self.calls.lock().unwrap().clone()
    }
}

impl Api for Sink {
    type Principal = ();

    async fn authorize_bearer_auth(&self, token: &str, _scopes: &[&str]) -> Result<(), Rejection> {
        accept(token == "good-token")
    }
    async fn authorize_basic_auth(
        &self,
        username: &str,
        password: &str,
        _scopes: &[&str],
    ) -> Result<(), Rejection> {
        accept((username, password) == ("ada", "pw"))
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
        tags: Option<Vec<String>>,
        ids: Option<Vec<i64>>,
        filter: Option<Filter>,
        words: Option<Vec<String>>,
        choices: Option<Vec<Color>>,
        since: chrono::DateTime<chrono::Utc>,
        x_request_id: String,
        x_trace: Option<bool>,
        session: Option<String>,
        meta: Option<BTreeMap<String, i64>>,
    ) -> Result<GetPartResponse, ServerError> {
        self.record(json!({
            "item_id": item_id, "part": part, "tags": tags, "ids": ids, "filter": filter,
            "words": words, "choices": choices, "since": since, "x_request_id": x_request_id,
            "x_trace": x_trace, "session": session, "meta": meta,
        }));
        if item_id == "missing" {
            let problem = serde_json::from_value(json!({"title": "no such item"}))?;
            return Ok(GetPartResponse::NotFound(problem));
        }
        Ok(GetPartResponse::Ok(
            PartModel {
                item_id,
                part: i64::from(part),
                echo: None,
            },
            GetPartOkHeaders {
                x_rate_remaining: 41,
            },
        ))
    }

    async fn get_items(
        &self,
        limit: Option<i64>,
        query: Option<String>,
        page: Option<GetItemsPage>,
    ) -> Result<GetItemsResponse, ServerError> {
        self.record(json!({"limit": limit, "query": query, "page": page}));
        Ok(GetItemsResponse::Ok(Vec::new()))
    }

    async fn create_item(
        &self,
        _caller: (),
        body: NewItem,
    ) -> Result<server::CreateItemResponse, ServerError> {
        self.record(serde_json::to_value(&body)?);
        Ok(match body.name.as_str() {
            "later" => server::CreateItemResponse::Accepted(CreateItemAccepted {
                ticket: "t-9".into(),
            }),
            "dup" => server::CreateItemResponse::Conflict,
            // A header value cannot hold a line break: no header injection, a 500.
            "crlf" => server::CreateItemResponse::Created(
                Item {
                    id: "crlf".into(),
                    name: body.name,
                    color: None,
                },
                CreateItemCreatedHeaders {
                    location: "/items/x\r\nSet-Cookie: stolen=1".into(),
                    x_rate_remaining: Some(-1),
                },
            ),
            _ => server::CreateItemResponse::Created(
                Item {
                    id: "new".into(),
                    name: body.name,
                    color: body.color,
                },
                CreateItemCreatedHeaders {
                    location: "/items/new".into(),
                    x_rate_remaining: None,
                },
            ),
        })
    }

    async fn delete_item(
        &self,
        _caller: (),
        item_id: String,
    ) -> Result<DeleteItemResponse, ServerError> {
        self.record(json!({"deleted": item_id}));
        Ok(DeleteItemResponse::NoContent)
    }

    async fn login(&self, _caller: (), body: LoginBody) -> Result<LoginResponse, ServerError> {
        self.record(serde_json::to_value(&body)?);
        // A comma inside a cookie (`Expires`) stays inside it: one header per cookie.
        Ok(LoginResponse::Ok(
            format!("hello {}", body.user),
            LoginOkHeaders {
                set_cookie: Some(vec![
                    "session=s1; Expires=Wed, 21 Oct 2026 07:28:00 GMT".into(),
                    "theme=dark".into(),
                ]),
            },
        ))
    }

    async fn upload(
        &self,
        _caller: (),
        body: server::UploadForm,
    ) -> Result<UploadResponse, ServerError> {
        let file = |file: &server::File| {
            json!([
                file.file_name,
                file.content_type,
                String::from_utf8_lossy(&file.bytes)
            ])
        };
        self.record(json!({
            "file": file(&body.file),
            "title": body.title,
            "extras": body.extras.as_ref().map(|extras| extras.iter().map(file).collect::<Vec<_>>()),
            "color": body.color,
        }));
        Ok(UploadResponse::Ok(UploadOk {
            size: Some(body.file.bytes.len() as i64),
        }))
    }

    async fn get_blob(&self, _caller: (), name: String) -> Result<GetBlobResponse, ServerError> {
        Ok(GetBlobResponse::Ok(name.into_bytes()))
    }

    async fn put_blob(
        &self,
        _caller: (),
        name: String,
        body: Vec<u8>,
    ) -> Result<PutBlobResponse, ServerError> {
        self.record(json!({"name": name, "bytes": body}));
        Ok(PutBlobResponse::NoContent)
    }

    async fn add_note(
        &self,
        _caller: (),
        body: Option<String>,
    ) -> Result<AddNoteResponse, ServerError> {
        Ok(AddNoteResponse::Ok(body.unwrap_or_else(|| "(none)".into())))
    }
}

async fn serve(sink: Sink) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, server::router(sink)).await.unwrap() });
    format!("http://{address}")
}

fn since() -> chrono::DateTime<chrono::Utc> {
    "2024-01-02T03:04:05Z".parse().unwrap()
}

#[tokio::test]
async fn every_parameter_reaches_the_handler_typed() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let client = Client::new(&base).with_bearer_auth("good-token");
    let part = client
        .get_part("a/b c", 3, since(), "req-1")
        .tags(vec!["x".into(), "y z".into()])
        .ids(vec![1, 2])
        .filter(Filter {
            color: Some(Color::Red),
            min: Some(3),
        })
        .words(vec!["hello".into(), "world".into()])
        .choices(vec![Color::Red, Color::Blue])
        .x_trace(true)
        .session("s1; admin=1 ü")
        .meta(BTreeMap::from([("a".to_owned(), 1)]))
        .await
        .unwrap();
    assert_eq!(part.item_id, "a/b c");
    // The rate-limit header the handler set (`GetPartOkHeaders`) reaches the client.
    assert_eq!(part.headers["x-rate-remaining"], "41");
    assert_eq!(
        sink.calls(),
        vec![json!({
            "item_id": "a/b c", "part": 3, "tags": ["x", "y z"], "ids": [1, 2],
            "filter": {"color": "red", "min": 3}, "words": ["hello", "world"],
            "choices": ["red", "blue"], "since": "2024-01-02T03:04:05Z",
            "x_request_id": "req-1", "x_trace": true, "session": "s1; admin=1 ü", "meta": {"a": 1}
        })]
    );

    client.get_part("i", 1, since(), "r").await.unwrap();
    let second = &sink.calls()[1];
    assert_eq!(
        second["tags"],
        Value::Null,
        "unset optional parameters arrive as None"
    );
    assert_eq!(second["filter"], Value::Null);

    let err = client
        .get_part("missing", 1, since(), "r")
        .await
        .unwrap_err();
    assert!(matches!(err, client::Error::Api { ref body, .. }
        if matches!(**body, client::GetPartError::NotFound(ref p) if p.title == "no such item")));
}

#[tokio::test]
async fn bad_and_missing_parameters_are_refused_with_their_place() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let http = reqwest::Client::new();
    let send = |url: String| {
        http.get(url)
            .header("authorization", "Bearer good-token")
            .header("x-request-id", "r")
            .send()
    };
    let response = send(format!(
        "{base}/items/i/parts/abc?since=2024-01-02T03:04:05Z"
    ))
    .await
    .unwrap();
    // The spec declares no 422 for this operation: 400 with the same detail list.
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["detail"][0]["loc"], json!(["path", "part"]));
    assert_eq!(body["detail"][0]["type"], "int_parsing");

    let response = send(format!("{base}/items/i/parts/1?ids=1,x"))
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    let locs: Vec<&Value> = body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["loc"])
        .collect();
    assert_eq!(
        locs,
        vec![&json!(["query", "ids"]), &json!(["query", "since"])]
    );
    assert_eq!(body["detail"][1]["type"], "missing");
    assert!(sink.calls().is_empty(), "no handler ran");
}

#[tokio::test]
async fn credentials_are_checked_per_operation() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let wrong = Client::new(&base).with_bearer_auth("bad-token");
    let err = wrong.get_part("i", 1, since(), "r").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    // `security: []`: open to everyone.
    let page = GetItemsPage {
        size: Some(10),
        cursor: Some("c-1".into()),
    };
    Client::new(&base)
        .get_items()
        .limit(2)
        .query("lamps")
        .page(page)
        .await
        .unwrap();
    assert_eq!(
        sink.calls(),
        vec![json!({"limit": 2, "query": "lamps", "page": {"size": 10, "cursor": "c-1"}})]
    );
}

#[tokio::test]
async fn json_bodies_round_trip_and_are_validated() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let client = Client::new(&base).with_bearer_auth("good-token");
    let created = client
        .create_item(NewItem {
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
        })
        .await
        .unwrap();
    assert_eq!(
        created.body,
        CreateItemResponse::Created(Item {
            id: "new".into(),
            name: "lamp".into(),
            color: Some(Color::Green)
        })
    );
    // The answer's headers, sent by the server's `CreateItemCreatedHeaders`: `Location`
    // always, the optional rate header only when set.
    assert_eq!(created.status, 201);
    assert_eq!(created.headers["location"], "/items/new");
    assert!(!created.headers.contains_key("x-rate-remaining"));
    let injected = client
        .create_item(NewItem {
            name: "crlf".into(),
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
        .await;
    match injected {
        Err(client::Error::UnexpectedStatus { status, body }) => {
            assert_eq!(status, 500);
            assert_eq!(body, r#"{"detail":"Internal Server Error"}"#);
        }
        other => panic!("a line break in a header is the handler's error: {other:?}"),
    }
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
    assert_eq!(
        later.body,
        CreateItemResponse::Accepted(CreateItemAccepted {
            ticket: "t-9".into()
        })
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
    assert_eq!(conflict.status().map(|s| s.as_u16()), Some(409));

    let response = reqwest::Client::new()
        .post(format!("{base}/items"))
        .header("authorization", "Bearer good-token")
        .header("content-type", "application/json")
        .body(r#"{"color": "purple"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["detail"][0]["loc"], json!(["body", "color"]));
    assert_eq!(
        sink.calls().len(),
        4,
        "the bad body never reached the handler"
    );
}

#[tokio::test]
async fn form_multipart_bytes_and_text_bodies() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let client = Client::new(&base)
        .with_bearer_auth("good-token")
        .with_basic_auth("ada", Some("pw".into()))
        .with_api_key_cookie("c")
        .with_api_key_header("h");
    let greeting = client
        .login(LoginBody {
            user: "ada lovelace".into(),
            remember: Some(true),
        })
        .await
        .unwrap();
    assert_eq!(greeting.body, "hello ada lovelace");
    let cookies: Vec<&str> = greeting
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(
        cookies,
        [
            "session=s1; Expires=Wed, 21 Oct 2026 07:28:00 GMT",
            "theme=dark"
        ]
    );
    let wrong = Client::new(&base).with_basic_auth("ada", None);
    let err = wrong
        .login(LoginBody {
            user: "x".into(),
            remember: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));

    let stored = client
        .upload(UploadForm {
            file: File::new("f.bin", "abc"),
            title: "T".into(),
            extras: None,
            color: Some(Color::Blue),
        })
        .await
        .unwrap();
    assert_eq!(stored.size, Some(3));

    client.put_blob("b/1", vec![1u8, 2]).await.unwrap();
    assert_eq!(client.get_blob("b/1").await.unwrap(), b"b/1".to_vec());
    assert_eq!(client.add_note().body("hi").await.unwrap(), "hi");
    assert_eq!(client.add_note().await.unwrap(), "(none)");
    client.delete_item("i/1").await.unwrap();

    let calls = sink.calls();
    assert_eq!(calls[0], json!({"user": "ada lovelace", "remember": true}));
    assert_eq!(
        calls[1],
        json!({
            "file": ["f.bin", "application/octet-stream", "abc"],
            "title": "T",
            "extras": null,
            "color": "blue"
        })
    );
    assert_eq!(calls[2], json!({"name": "b/1", "bytes": [1, 2]}));
    assert_eq!(calls[3], json!({"deleted": "i/1"}));
}

#[tokio::test]
async fn validation_keywords_are_enforced_at_the_edge() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let http = reqwest::Client::new();
    let post = |body: Value| {
        http.post(format!("{base}/items"))
            .header("authorization", "Bearer good-token")
            .json(&body)
            .send()
    };
    let problems = |body: Value| -> Vec<(Value, String)> {
        body["detail"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["loc"].clone(), d["type"].as_str().unwrap().to_owned()))
            .collect()
    };
    let response = post(json!({"name": "Lamp"})).await.unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![(
            json!(["body", "name"]),
            "string_pattern_mismatch".to_owned()
        )]
    );
    let response = post(json!({"name": "", "size": {"width": 0, "labels": ["a", "b", "c"]}}))
        .await
        .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![
            (json!(["body", "name"]), "string_too_short".to_owned()),
            (
                json!(["body", "name"]),
                "string_pattern_mismatch".to_owned()
            ),
            (json!(["body", "size", "width"]), "greater_than".to_owned()),
            (json!(["body", "size", "labels"]), "too_long".to_owned()),
        ]
    );
    let response = post(json!({"name": "x", "variants": [{"width": 1}, {"width": -1}]}))
        .await
        .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![(
            json!(["body", "variants", 1, "width"]),
            "greater_than".to_owned()
        )]
    );
    // multipleOf (0.3 of 0.1 is a multiple, for all its binary rounding), uniqueItems (placed
    // at the repeat) and maxProperties of a map.
    let response = post(json!({"name": "x", "size": {
        "step": 0.35, "labels": ["a", "a"], "counts": {"a": 1, "b": 2, "c": 3}
    }}))
    .await
    .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![
            (json!(["body", "size", "step"]), "multiple_of".to_owned()),
            (
                json!(["body", "size", "labels", 1]),
                "unique_items".to_owned()
            ),
            (json!(["body", "size", "counts"]), "too_long".to_owned()),
        ]
    );
    // Constraints of list items (in lists of lists too) and of map values, each placed at
    // its index or key.
    let response = post(json!({"name": "x", "size": {"labels": [""]},
        "grid": [[1, 2], [3, 10, 4]], "scores": {"a": -1, "b": 0}}))
    .await
    .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![
            (
                json!(["body", "size", "labels", 0]),
                "string_too_short".to_owned()
            ),
            (json!(["body", "grid", 1]), "too_long".to_owned()),
            (json!(["body", "grid", 1, 1]), "less_than_equal".to_owned()),
            (
                json!(["body", "scores", "a"]),
                "greater_than_equal".to_owned()
            ),
        ]
    );
    // The values of a map of checked objects, and an object's unlisted properties.
    let response = post(json!({"name": "x",
        "sizes": {"big": {"step": 0.35}, "small": {"step": 0.2}},
        "notes": {"main": "long enough", "extra": "toolong", "ok": "fine"}}))
    .await
    .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![
            (
                json!(["body", "sizes", "big", "step"]),
                "multiple_of".to_owned()
            ),
            (
                json!(["body", "notes", "extra"]),
                "string_too_long".to_owned()
            ),
        ]
    );
    // A union member's keywords, where no other member could hold the value.
    for (code, kind) in [
        (json!("toolong"), "string_too_long"),
        (json!(-1), "greater_than_equal"),
    ] {
        let response = post(json!({"name": "x", "code": code})).await.unwrap();
        assert_eq!(
            problems(response.json().await.unwrap()),
            vec![(json!(["body", "code"]), kind.to_owned())],
            "{code}"
        );
    }
    let response = post(json!({"name": "x", "label": "toolong"}))
        .await
        .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![(json!(["body", "label"]), "string_too_long".to_owned())]
    );
    let ok = post(json!({"name": "a lamp", "code": "ab", "amount": 7, "label": null}))
        .await
        .unwrap();
    assert_eq!(ok.status(), 201, "an integer over 5 is a valid number");
    // minProperties / maxProperties of an object: the properties the request had.
    let response = post(json!({"name": "x", "variants": [{}, {
        "width": 1, "step": 0.2, "labels": [], "counts": {}
    }]}))
    .await
    .unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![
            (json!(["body", "variants", 0]), "too_short".to_owned()),
            (json!(["body", "variants", 1]), "too_long".to_owned()),
        ]
    );
    let ok = post(json!({"name": "a lamp", "size": {
        "step": 0.3, "labels": ["x", "y"], "counts": {"a": 1, "b": 2}
    }}))
    .await
    .unwrap();
    assert_eq!(ok.status(), 201);

    let get = |query: &str| {
        http.get(format!(
            "{base}/items/i/parts/101?since=2024-01-02T03:04:05Z{query}"
        ))
        .header("authorization", "Bearer good-token")
        .header("x-request-id", "r")
        .send()
    };
    let response = get("&tags=a&tags=b&tags=toolong&tags=b").await.unwrap();
    assert_eq!(
        problems(response.json().await.unwrap()),
        vec![
            (json!(["path", "part"]), "less_than_equal".to_owned()),
            (json!(["query", "tags"]), "too_long".to_owned()),
            (json!(["query", "tags", 3]), "unique_items".to_owned()),
            (json!(["query", "tags", 2]), "string_too_long".to_owned()),
        ]
    );
    assert_eq!(
        sink.calls().len(),
        2,
        "only the two valid requests reached a handler"
    );
}

/// Bodies are read whole before a handler runs, so their size is bounded: by axum's default
/// (2 MiB) unless the user sets another with `DefaultBodyLimit` around the router.
#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413_and_the_limit_can_be_raised() {
    let three_mib = vec![7u8; 3 << 20];
    let put = |base: String| {
        let body = three_mib.clone();
        async move {
            reqwest::Client::new()
                .put(format!("{base}/blobs/big"))
                .header("x-api-key", "h")
                .header("content-type", "application/octet-stream")
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    assert_eq!(put(base.clone()).await, 413);
    let response = reqwest::Client::new()
        .post(format!("{base}/items"))
        .header("content-type", "application/json")
        .body(format!("{{\"name\": \"{}\"}}", "x".repeat(3 << 20)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(sink.calls().is_empty(), "no handler ran");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let raised = server::router(sink.clone()).layer(axum::extract::DefaultBodyLimit::max(8 << 20));
    tokio::spawn(async move { axum::serve(listener, raised).await.unwrap() });
    assert_eq!(put(format!("http://{address}")).await, 204);
    assert_eq!(sink.calls().len(), 1);
}

/// An `authorize_…` answer from a yes or no: the caller is nobody in particular.
fn accept(ok: bool) -> Result<(), Rejection> {
    if ok {
        Ok(())
    } else {
        Err(Rejection::Unauthenticated)
    }
}

/// The handler gets the same `…Form` the client sends, read from the parts and checked first:
/// a missing required part, a part the form does not list and a value that is not its type are
/// each a problem at `["body", part]`, and the handler is not called.
#[tokio::test]
async fn multipart_parts_are_read_into_the_form_and_checked() {
    let sink = Sink::default();
    let base = serve(sink.clone()).await;
    let form = reqwest::multipart::Form::new()
        .text("title", "T")
        .text("color", "purple")
        .text("bogus", "x");
    let response = reqwest::Client::new()
        .post(format!("{base}/uploads?api_key=q"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    let problems: Vec<(Value, Value)> = body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| (problem["loc"].clone(), problem["type"].clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (json!(["body", "file"]), json!("missing")),
            (json!(["body", "color"]), json!("value_error")),
            (json!(["body", "bogus"]), json!("extra_forbidden")),
        ]
    );
    assert!(sink.calls().is_empty(), "the handler never ran");
    // Two files under `extras` are one list; a file part without a file name reads as "".
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(b"abc".to_vec()))
        .text("title", "T")
        .part(
            "extras",
            reqwest::multipart::Part::bytes(b"1".to_vec()).file_name("one.txt"),
        )
        .part(
            "extras",
            reqwest::multipart::Part::bytes(b"22".to_vec()).file_name("two.txt"),
        );
    let response = reqwest::Client::new()
        .post(format!("{base}/uploads?api_key=q"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        sink.calls()[0],
        json!({
            "file": ["", null, "abc"],
            "title": "T",
            "extras": [["one.txt", null, "1"], ["two.txt", null, "22"]],
            "color": null
        })
    );
}
