//! The constructs OpenAPI 3.1 added (`specs/openapi-3.1.yaml`): the generated client against
//! the generated server over real HTTP on 127.0.0.1.

use oasforge_generated::openapi31::client::{self, Client};
use oasforge_generated::openapi31::server::{self, *};
use oasforge_generated::openapi31::types::{
    Address, BodySubscribe, BodySubscribePace, Circle, Drawing, DrawingTagItem1, Item, ItemPatch,
    Labels, Mode, Nullable, Point, Polygon, ReadQueryOk, Scale, Setting, SettingEnabled,
    SettingFont, SettingRatio, SettingSize, SettingVersion, Shape, ShapeBase, Shipment,
    ShipmentBaseSpeed, Square, Tagged,
};

#[derive(Default)]
struct Reports {
    item: std::sync::Mutex<Option<Item>>,
}

impl Api for Reports {
    type Principal = ();

    async fn authorize_key(&self, key: &str, _scopes: &[&str]) -> Result<(), Rejection> {
        accept(key == "good")
    }

    async fn list_reports(&self) -> Result<ListReportsResponse, ServerError> {
        Ok(ListReportsResponse::Ok(vec!["q3".into()]))
    }

    async fn delete_report(
        &self,
        _caller: (),
        name: String,
    ) -> Result<DeleteReportResponse, ServerError> {
        assert_eq!(name, "q3");
        Ok(DeleteReportResponse::NoContent)
    }

    /// The form the client sent, typed: each file with its name and content type, the
    /// base64 digest decoded.
    async fn upload(&self, body: UploadForm) -> Result<UploadResponse, ServerError> {
        let file_line = |field: &str, file: &File| {
            let bytes = String::from_utf8_lossy(&file.bytes);
            format!(
                "{field} {:?} {:?} {bytes}",
                file.file_name, file.content_type
            )
        };
        let mut lines = vec![file_line("file", &body.file)];
        lines.extend(body.files.iter().map(|file| file_line("files", file)));
        lines.push(format!("note {:?}", body.note));
        lines.push(format!("digest {:?}", body.digest.map(|digest| digest.0)));
        Ok(UploadResponse::Ok(lines))
    }

    async fn subscribe(&self, body: BodySubscribe) -> Result<SubscribeResponse, ServerError> {
        Ok(SubscribeResponse::Ok(body))
    }

    /// What FastAPI's `model_dump(exclude_unset=True)` does: a field left out is kept, `null`
    /// clears it, a value sets it.
    async fn patch_item(&self, id: i64, body: ItemPatch) -> Result<PatchItemResponse, ServerError> {
        fn apply<T>(field: &mut Option<T>, patch: Nullable<T>) {
            match patch {
                Nullable::Absent => {}
                Nullable::Null => *field = None,
                Nullable::Value(value) => *field = Some(value),
            }
        }
        let mut stored = self.item.lock().unwrap();
        let item = stored.get_or_insert_with(|| Item {
            id,
            name: Some("Widget".into()),
            quantity: Some(1),
            note: Nullable::Value("fragile".into()),
        });
        apply(&mut item.name, body.name);
        apply(&mut item.quantity, body.quantity);
        // The item's own note is optional and nullable too: what the patch says replaces it.
        if !body.note.is_absent() {
            item.note = body.note;
        }
        Ok(PatchItemResponse::Ok(item.clone()))
    }

    async fn draw(&self, body: Drawing) -> Result<DrawResponse, ServerError> {
        Ok(DrawResponse::Ok(Box::new(body)))
    }

    async fn add_shapes(&self, body: Vec<Shape>) -> Result<AddShapesResponse, ServerError> {
        Ok(AddShapesResponse::Ok(body))
    }

    async fn put_shipment(&self, body: Shipment) -> Result<PutShipmentResponse, ServerError> {
        Ok(PutShipmentResponse::Ok(Box::new(body)))
    }

    async fn put_labels(&self, body: Labels) -> Result<PutLabelsResponse, ServerError> {
        Ok(PutLabelsResponse::Ok(body))
    }

    async fn put_tagged(&self, body: Tagged) -> Result<PutTaggedResponse, ServerError> {
        Ok(PutTaggedResponse::Ok(Box::new(body)))
    }

    async fn put_setting(&self, body: Setting) -> Result<PutSettingResponse, ServerError> {
        Ok(PutSettingResponse::Ok(body))
    }

    async fn read_query(
        &self,
        scale: Scale,
        mode: Option<Mode>,
    ) -> Result<ReadQueryResponse, ServerError> {
        Ok(ReadQueryResponse::Ok(ReadQueryOk { scale, mode }))
    }

    async fn health(&self) -> Result<HealthResponse, ServerError> {
        Ok(HealthResponse::Ok("up".into()))
    }

    async fn ping(&self, body: Option<String>) -> Result<PingResponse, ServerError> {
        let status = match body.as_deref() {
            Some("fail") => axum::http::StatusCode::SERVICE_UNAVAILABLE,
            _ => axum::http::StatusCode::ACCEPTED,
        };
        let answer = format!("pong {}", body.unwrap_or_default());
        Ok(PingResponse::Other(status, answer.into_bytes()))
    }
}

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, server::router(Reports::default()))
            .await
            .unwrap()
    });
    format!("http://{address}")
}

/// A `mutualTLS` scheme is the TLS layer's: an operation that needs only a client certificate
/// is served without credentials from the code, and one that needs a certificate and a key
/// still checks the key.
#[tokio::test]
async fn mutual_tls_is_left_to_tls_and_other_schemes_still_apply() {
    let url = serve().await;
    let anonymous = Client::new(&url);
    assert_eq!(
        anonymous.list_reports().await.unwrap(),
        vec!["q3".to_owned()]
    );
    match anonymous.delete_report("q3").await {
        Err(client::Error::UnexpectedStatus { status, .. }) => assert_eq!(status, 401),
        other => panic!("a missing key is refused: {other:?}"),
    }
    let keyed = Client::new(&url).with_key("good");
    keyed.delete_report("q3").await.unwrap();
}

/// An operation that declares no response (`responses` is optional in 3.1): the handler
/// answers with any status and a raw body, and the client hands over all of it, whatever the
/// status, since the spec gives no way to tell a success from a failure.
#[tokio::test]
async fn an_operation_without_responses_answers_with_its_status_and_raw_body() {
    let client = Client::new(serve().await);
    let answer = client.ping().body("hi").await.unwrap();
    assert_eq!(answer.status, 202);
    assert_eq!(answer.body, b"pong hi");
    assert_eq!(
        answer.headers[reqwest::header::CONTENT_TYPE],
        "application/octet-stream"
    );
    let failed = client.ping().body("fail").await.unwrap();
    assert_eq!(failed.status, 503);
    assert_eq!(*failed, b"pong fail");
    assert_eq!(client.ping().await.unwrap().body, b"pong ");
}

/// FastAPI's uploads, written the 3.1 way (`contentMediaType`, no `format: binary`): each file
/// is a file part with its name, a list of files one part per file, and `contentEncoding:
/// base64` is base64 text.
#[tokio::test]
async fn content_media_type_strings_are_files_one_part_per_file() {
    use oasforge_generated::openapi31::client::{File, UploadForm};
    use oasforge_generated::openapi31::types::Base64Bytes;

    let client = Client::new(serve().await);
    let form = UploadForm {
        file: File::new("a.txt", "alpha"),
        files: vec![File::new("b.bin", vec![0x62]), File::new("c.csv", "c,1")],
        note: Some("hi".into()),
        digest: Some(Base64Bytes(b"\x01\x02".to_vec())),
    };
    let lines = client.upload(form).await.unwrap();
    assert_eq!(
        lines,
        [
            r#"file "a.txt" Some("application/octet-stream") alpha"#,
            r#"files "b.bin" Some("application/octet-stream") b"#,
            r#"files "c.csv" Some("application/octet-stream") c,1"#,
            r#"note Some("hi")"#,
            "digest Some([1, 2])",
        ]
    );
}

/// A form body with a list travels as repeated keys (`topics=a&topics=b`), what FastAPI and
/// HTML forms read, on both sides; `None` is left out.
#[tokio::test]
async fn form_lists_are_repeated_keys_both_ways() {
    let url = serve().await;
    let form = BodySubscribe {
        email: "ada@example.test".into(),
        topics: vec!["rust".into(), "open api".into()],
        limit: Nullable::Absent,
        pace: Some(BodySubscribePace::V0_5),
    };
    let echoed = Client::new(&url).subscribe(form.clone()).await.unwrap();
    assert_eq!(echoed, form);

    // What the server reads from a form written by hand, as a browser would send it.
    let raw = |body: &'static str| {
        reqwest::Client::new()
            .post(format!("{url}/subscriptions"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let answer = raw("email=b%40x&topics=a&limit=3&topics=b").await.unwrap();
    assert_eq!(answer.status(), 200);
    let read: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        read,
        serde_json::json!({"email": "b@x", "topics": ["a", "b"], "limit": 3})
    );
    let one: serde_json::Value = raw("email=c&topics=only")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["topics"], serde_json::json!(["only"]));
    // The operation declares no validation error: a form that does not fit is a 400.
    let bad = raw("email=c&topics=a&limit=many").await.unwrap();
    assert_eq!(bad.status(), 400);
    // A number enum's value is text in a form: `1.0` is read as the listed `1`.
    let paced: serde_json::Value = raw("email=c&topics=a&pace=1.0")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(paced["pace"], serde_json::json!(1));
    assert_eq!(raw("email=c&topics=a&pace=3").await.unwrap().status(), 400);
}

/// A path item given by `$ref` (`components/pathItems`, 3.1) is served and called like any.
#[tokio::test]
async fn a_referenced_path_item_is_an_ordinary_path() {
    let client = Client::new(serve().await);
    assert_eq!(client.health().await.unwrap(), "up");
}

/// FastAPI's PATCH pattern: an optional, nullable field is left out, `null` or a value, three
/// different requests, and the generated types say each of them on both sides.
#[tokio::test]
async fn optional_nullable_fields_keep_left_out_and_null_apart() {
    let client = Client::new(serve().await);
    let set_quantity = ItemPatch {
        quantity: 450.into(),
        ..Default::default()
    };
    let item = client.patch_item(7, set_quantity).await.unwrap();
    // Only the quantity changed: the name and the note were left out, not sent as null.
    assert_eq!(
        item,
        Item {
            id: 7,
            name: Some("Widget".into()),
            quantity: Some(450),
            note: Nullable::Value("fragile".into()),
        }
    );
    let clear_note = ItemPatch {
        note: Nullable::Null,
        name: "Gadget".to_owned().into(),
        ..Default::default()
    };
    let item = client.patch_item(7, clear_note).await.unwrap();
    assert_eq!(
        (item.name.as_deref(), item.quantity, item.note),
        (Some("Gadget"), Some(450), Nullable::Null)
    );

    // The constraints of the value's schema hold for a value, and `null` is not checked
    // against them.
    let negative = ItemPatch {
        quantity: Nullable::Value(-1),
        ..Default::default()
    };
    match client.patch_item(7, negative).await {
        Err(client::Error::UnexpectedStatus { status, .. }) => assert_eq!(status, 400),
        other => panic!("a negative quantity is refused: {other:?}"),
    }
    let cleared = ItemPatch {
        quantity: Nullable::Null,
        ..Default::default()
    };
    assert_eq!(client.patch_item(7, cleared).await.unwrap().quantity, None);
}

/// `prefixItems` tuples: FastAPI's `tuple[int, str]`, a closed tuple of a named type, and an
/// optional, nullable one-item tuple travel as JSON arrays and come back as Rust tuples; an
/// array of the wrong length or item type is refused by the server.
#[tokio::test]
async fn tuples_are_rust_tuples_both_ways() {
    let url = serve().await;
    let point = |x, y| Point { x, y };
    let drawing = Drawing {
        pair: (7, "seven".into()),
        segments: vec![(point(0.0, 0.0), point(1.0, 2.5))],
        tag: Nullable::Value((DrawingTagItem1 { name: "a".into() },)),
        open: Some(vec![serde_json::json!("first"), serde_json::json!(2)]),
        span: Some((point(1.0, 1.0), point(2.0, 2.0))),
    };
    let echoed = Client::new(&url).draw(drawing.clone()).await.unwrap();
    assert_eq!(echoed, drawing);
    assert_eq!(
        serde_json::to_value(&drawing).unwrap(),
        serde_json::json!({
            "pair": [7, "seven"],
            "segments": [[{"x": 0.0, "y": 0.0}, {"x": 1.0, "y": 2.5}]],
            "tag": [{"name": "a"}],
            "open": ["first", 2],
            "span": [{"x": 1.0, "y": 1.0}, {"x": 2.0, "y": 2.0}]
        })
    );

    let post = |body: serde_json::Value| {
        reqwest::Client::new()
            .post(format!("{url}/drawings"))
            .json(&body)
            .send()
    };
    let fits = serde_json::json!({"pair": [1, "one"], "segments": [], "tag": null});
    assert_eq!(post(fits).await.unwrap().status(), 200);
    for wrong in [
        serde_json::json!({"pair": [1, "one", 2], "segments": []}),
        serde_json::json!({"pair": [1], "segments": []}),
        serde_json::json!({"pair": ["one", 1], "segments": []}),
        serde_json::json!({"pair": [1, "one"], "segments": [[{"x": 0, "y": 0}]]}),
    ] {
        let status = post(wrong.clone()).await.unwrap().status();
        assert_eq!(status, 400, "{wrong}");
    }
    // The constraints of a named type inside a tuple are checked too, placed by position.
    let far = serde_json::json!({"pair": [1, "a"], "segments": [], "span": [{"x": 0, "y": 0}, {"x": -5000, "y": 0}]});
    let answer = post(far).await.unwrap();
    assert_eq!(answer.status(), 400);
    let problem: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        problem["detail"][0]["loc"],
        serde_json::json!(["body", "span", 1, "x"])
    );
}

/// Closed objects (`additionalProperties: false`, `unevaluatedProperties: false`): the server
/// refuses a property they do not list, at any depth, placed as pydantic places it, while
/// the client reads answers ignoring what it does not know.
#[tokio::test]
async fn closed_objects_refuse_unlisted_properties_in_requests() {
    let url = serve().await;
    let send = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        reqwest::Client::new()
            .request(method, format!("{url}{path}"))
            .json(&body)
            .send()
    };
    let typo = send(
        reqwest::Method::PATCH,
        "/items/1",
        serde_json::json!({"nmae": "x"}),
    )
    .await
    .unwrap();
    assert_eq!(typo.status(), 400);
    let problem: serde_json::Value = typo.json().await.unwrap();
    assert_eq!(
        problem["detail"][0]["loc"],
        serde_json::json!(["body", "nmae"])
    );
    assert_eq!(problem["detail"][0]["type"], "extra_forbidden");
    let nested = send(
        reqwest::Method::POST,
        "/drawings",
        serde_json::json!({"pair": [1, "a"], "segments": [[{"x": 0, "y": 0}, {"x": 0, "y": 0, "z": 1}]]}),
    )
    .await
    .unwrap();
    assert_eq!(nested.status(), 400);
    let problem: serde_json::Value = nested.json().await.unwrap();
    assert_eq!(
        problem["detail"][0]["loc"],
        serde_json::json!(["body", "segments", 0, 1, "z"])
    );
    // The same type, read from JSON outside a request, ignores what it does not list.
    let point: Point = serde_json::from_value(serde_json::json!({"x": 1, "y": 2, "z": 3})).unwrap();
    assert_eq!(point.x, 1.0);
}

use oasforge_generated::openapi31::webhooks;

/// A consumer of the API's webhooks: what arrived, in order (shared with the test).
#[derive(Default, Clone)]
struct Consumer {
    received: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl webhooks::server::Api for Consumer {
    async fn item_changed(
        &self,
        x_delivery: String,
        body: Item,
    ) -> Result<webhooks::server::ItemChangedResponse, webhooks::server::ServerError> {
        let mut received = self.received.lock().unwrap();
        received.push(format!("{x_delivery} item {} {:?}", body.id, body.name));
        Ok(if body.id == 0 {
            webhooks::server::ItemChangedResponse::Gone
        } else {
            webhooks::server::ItemChangedResponse::NoContent
        })
    }

    async fn report_ready(
        &self,
        body: Option<(String, i64)>,
    ) -> Result<webhooks::server::ReportReadyResponse, webhooks::server::ServerError> {
        let (name, pages) = body.unwrap_or_default();
        self.received
            .lock()
            .unwrap()
            .push(format!("report {name} {pages}"));
        Ok(webhooks::server::ReportReadyResponse::Ok(format!(
            "thanks for {name}"
        )))
    }
}

/// Webhooks (3.1): the API's side sends each one with the generated `webhooks::client` to the
/// exact URL a consumer registered; the consumer receives it with the generated
/// `webhooks::server`, nested where that URL points, checked as operations are.
#[tokio::test]
async fn webhooks_are_sent_to_the_registered_url_and_received() {
    let consumer = Consumer::default();
    let app = axum::Router::new().nest("/hooks", webhooks::server::router(consumer.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    // The URLs the consumer registered, one per webhook.
    let changed = webhooks::client::Client::new(format!("http://{address}/hooks/itemChanged"));
    let item = Item {
        id: 3,
        name: Some("Widget".into()),
        quantity: None,
        note: Nullable::Absent,
    };
    changed.item_changed("d-1", item.clone()).await.unwrap();
    let gone = Item { id: 0, ..item };
    match changed.item_changed("d-2", gone).await {
        Err(webhooks::client::Error::Api { status, .. }) => assert_eq!(status, 410),
        other => panic!("the consumer said it is gone: {other:?}"),
    }
    let ready = webhooks::client::Client::new(format!("http://{address}/hooks/report-ready"));
    let note = ready
        .report_ready()
        .body(("q3".to_owned(), 12))
        .await
        .unwrap();
    assert_eq!(note, "thanks for q3");
    assert_eq!(
        *consumer.received.lock().unwrap(),
        [
            "d-1 item 3 Some(\"Widget\")",
            "d-2 item 0 Some(\"Widget\")",
            "report q3 12"
        ]
    );
    // The receiver checks what arrives as a server does: a body that is not an item is refused
    // before the handler sees it.
    let refused = reqwest::Client::new()
        .post(format!("http://{address}/hooks/itemChanged"))
        .header("x-delivery", "d-3")
        .json(&serde_json::json!({"id": "three"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
    assert_eq!(consumer.received.lock().unwrap().len(), 3);
}

/// `enum` and `const` of numbers, booleans, objects, lists and mixed values are exact types:
/// each value travels as the spec lists it, the server reads numbers by value (`1.0` is `1`)
/// and objects in any key order, and refuses any value the spec does not list.
#[tokio::test]
async fn enums_of_any_json_type_are_exact_both_ways() {
    let url = serve().await;
    let setting = Setting {
        version: SettingVersion::V2,
        ratio: SettingRatio::V0_5,
        enabled: SettingEnabled::True,
        font: SettingFont::FamilySansSize12,
        size: SettingSize::List3And4,
        mode: Nullable::Value(Mode::False),
        strict: Some(true),
    };
    let echoed = Client::new(&url)
        .put_setting(setting.clone())
        .await
        .unwrap();
    assert_eq!(echoed, setting);
    assert_eq!(
        serde_json::to_value(&setting).unwrap(),
        serde_json::json!({
            "version": 2, "ratio": 0.5, "enabled": true,
            "font": {"family": "sans", "size": 12}, "size": [3, 4], "mode": false, "strict": true
        })
    );
    let cleared = Setting {
        mode: Nullable::Null,
        ..setting
    };
    assert_eq!(
        Client::new(&url).put_setting(cleared).await.unwrap().mode,
        Nullable::Null
    );

    let put = |body: serde_json::Value| {
        reqwest::Client::new()
            .put(format!("{url}/settings"))
            .json(&body)
            .send()
    };
    let base = serde_json::json!({
        "version": 2, "ratio": 1, "enabled": true,
        "font": {"family": "sans", "size": 12}, "size": [1, 2]
    });
    let with = |key: &str, value: serde_json::Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    // The same values written otherwise: a float for an integer, keys in another order.
    for fits in [
        base.clone(),
        with("ratio", serde_json::json!(1.0)),
        with("font", serde_json::json!({"size": 12.0, "family": "sans"})),
        with("mode", serde_json::json!("auto")),
        with("mode", serde_json::json!(0)),
    ] {
        let answer = put(fits.clone()).await.unwrap();
        assert_eq!(answer.status(), 200, "{fits}");
    }
    let read: Setting = put(with("ratio", serde_json::json!(1.0)))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(read.ratio, SettingRatio::V1);
    for wrong in [
        with("version", serde_json::json!(3)),
        with("ratio", serde_json::json!(2)),
        with("enabled", serde_json::json!(false)),
        with("font", serde_json::json!({"family": "serif", "size": 12})),
        with(
            "font",
            serde_json::json!({"family": "sans", "size": 12, "bold": true}),
        ),
        with("size", serde_json::json!([2, 1])),
        with("mode", serde_json::json!("manual")),
        with("mode", serde_json::json!(true)),
    ] {
        let answer = put(wrong.clone()).await.unwrap();
        assert_eq!(answer.status(), 400, "{wrong}");
    }
    let problem: serde_json::Value = put(with("ratio", serde_json::json!(2)))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        problem["detail"][0]["loc"],
        serde_json::json!(["body", "ratio"]),
        "{problem}"
    );
    let message = problem["detail"][0]["msg"].as_str().unwrap_or_default();
    assert!(
        message.contains("expected one of 0.5, 1, 1.5, found 2"),
        "{problem}"
    );
}

/// A number enum and a mixed enum (`auto`, `0`, `false`) as query parameters: the client
/// writes each value as its JSON text, the server reads `false` and `0` as the boolean and the
/// number they are, `2.0` as `2`, and refuses a value the spec does not list.
#[tokio::test]
async fn enums_of_any_json_type_as_query_parameters() {
    let url = serve().await;
    let client = Client::new(&url);
    for mode in [Mode::Auto, Mode::V0, Mode::False] {
        let read = client.read_query(Scale::V2).mode(mode).await.unwrap();
        assert_eq!(
            read,
            ReadQueryOk {
                scale: Scale::V2,
                mode: Some(mode)
            }
        );
    }
    let get = |query: &str| reqwest::get(format!("{url}/settings/query?{query}"));
    for (query, expected) in [
        (
            "scale=2.0&mode=false",
            serde_json::json!({"scale": 2, "mode": false}),
        ),
        (
            "scale=0.5&mode=0",
            serde_json::json!({"scale": 0.5, "mode": 0}),
        ),
        (
            "scale=2&mode=auto",
            serde_json::json!({"scale": 2, "mode": "auto"}),
        ),
    ] {
        let answer = get(query).await.unwrap();
        assert_eq!(answer.status(), 200, "{query}");
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(body, expected, "{query}");
    }
    for wrong in [
        "scale=3",
        "scale=2&mode=true",
        "scale=2&mode=1",
        "scale=two",
    ] {
        let answer = get(wrong).await.unwrap();
        assert_eq!(answer.status(), 400, "{wrong}");
    }
}

/// A discriminator on a base schema that others extend with `allOf` (Java's and .NET's
/// inheritance style): the base is a tagged union of every schema that extends it, directly or
/// through another (`Square` extends `Polygon`), selected by the mapping's value or the
/// schema's name, each subtype holding the base's properties, and `Other` holding the base's
/// own for any other tag.
#[tokio::test]
async fn a_base_with_a_discriminator_is_a_union_of_its_subtypes() {
    let url = serve().await;
    let shapes = vec![
        Shape::Circle(Circle {
            kind: "circle".into(),
            label: "sun".into(),
            radius: 1.5,
        }),
        Shape::Square(Square {
            kind: "Square".into(),
            label: "tile".into(),
            corners: 4,
            side: 2.0,
        }),
        Shape::Polygon(Polygon {
            kind: "Polygon".into(),
            label: "star".into(),
            corners: 10,
        }),
    ];
    let echoed = Client::new(&url).add_shapes(shapes.clone()).await.unwrap();
    assert_eq!(echoed, shapes);
    let kinds: Vec<serde_json::Value> = serde_json::to_value(&shapes)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|shape| shape["kind"].clone())
        .collect();
    assert_eq!(
        kinds,
        [
            serde_json::json!("circle"),
            serde_json::json!("Square"),
            serde_json::json!("Polygon")
        ]
    );

    let post = |body: serde_json::Value| {
        reqwest::Client::new()
            .post(format!("{url}/shapes"))
            .json(&body)
            .send()
    };
    // The tag picks the subtype: a square's fields are read as a square.
    let read: Vec<Shape> = post(serde_json::json!([
        {"kind": "Square", "label": "a", "corners": 4, "side": 1}
    ]))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert!(
        matches!(&read[0], Shape::Square(square) if square.side == 1.0),
        "{read:?}"
    );
    // A tag that names no subtype (a newer API's, or the base's own) is read as the base's
    // own properties, and written back with its tag.
    let other = serde_json::json!([{"kind": "Triangle", "label": "a", "corners": 3}]);
    let read: Vec<Shape> = post(other).await.unwrap().json().await.unwrap();
    assert_eq!(
        read,
        [Shape::Other(ShapeBase {
            kind: "Triangle".into(),
            label: "a".into()
        })]
    );
    assert_eq!(serde_json::to_value(&read).unwrap()[0]["kind"], "Triangle");
    // A subtype that adds nothing to the base reads as the base's own properties too.
    let blob = serde_json::json!([{"kind": "Blob", "label": "b"}]);
    let read: Vec<Shape> = post(blob).await.unwrap().json().await.unwrap();
    assert!(
        matches!(&read[0], Shape::Other(base) if base.kind == "Blob"),
        "{read:?}"
    );
    // The subtypes' constraints are checked through the union, placed in the list.
    let answer = post(serde_json::json!([
        {"kind": "Polygon", "label": "p", "corners": 3},
        {"kind": "circle", "label": "c", "radius": -1}
    ]))
    .await
    .unwrap();
    assert_eq!(answer.status(), 400);
    let problem: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        problem["detail"][0]["loc"],
        serde_json::json!(["body", 1, "radius"]),
        "{problem}"
    );
    for wrong in [
        serde_json::json!([{"kind": "Triangle", "corners": 3}]),
        serde_json::json!([{"kind": "circle", "label": "a"}]),
        serde_json::json!([{"label": "a", "radius": 1}]),
    ] {
        let status = post(wrong.clone()).await.unwrap().status();
        assert_eq!(status, 400, "{wrong}");
    }
}

/// `patternProperties` and `propertyNames`: a map of the patterns' value type, whose keys the
/// server checks (each must match a pattern where no other key is allowed, and be at most 12
/// characters), placed at the key.
#[tokio::test]
async fn pattern_keyed_maps_have_their_keys_checked() {
    let url = serve().await;
    let tagged = Tagged {
        name: "api".into(),
        labels: [("team", "core"), ("x-cost", "low")]
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect(),
        counts: Some([("12".to_owned(), 3)].into_iter().collect()),
        home: None,
        country: None,
    };
    let echoed = Client::new(&url).put_tagged(tagged.clone()).await.unwrap();
    assert_eq!(echoed, tagged);

    let put = |labels: serde_json::Value| {
        let body =
            serde_json::json!({"name": "api", "labels": labels, "counts": {"7": 1, "seven": 2}});
        reqwest::Client::new()
            .put(format!("{url}/tagged"))
            .json(&body)
            .send()
    };
    assert_eq!(
        put(serde_json::json!({"x-team-name": "a"}))
            .await
            .unwrap()
            .status(),
        200
    );
    // A body that is itself such a map has its keys checked too.
    let labels: Labels = [("team".to_owned(), "core".to_owned())]
        .into_iter()
        .collect();
    let echoed = Client::new(&url).put_labels(labels.clone()).await.unwrap();
    assert_eq!(echoed, labels);
    let answer = reqwest::Client::new()
        .put(format!("{url}/labels"))
        .json(&serde_json::json!({"team": "core", "Team": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let problem: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        problem["detail"][0]["loc"],
        serde_json::json!(["body", "Team"]),
        "{problem}"
    );
    for (labels, key, kind) in [
        (serde_json::json!({"Team": "a"}), "Team", "extra_forbidden"),
        (
            serde_json::json!({"x_cost": "a"}),
            "x_cost",
            "extra_forbidden",
        ),
        (
            serde_json::json!({"abcdefghijklm": "a"}),
            "abcdefghijklm",
            "string_too_long",
        ),
    ] {
        let answer = put(labels.clone()).await.unwrap();
        assert_eq!(answer.status(), 400, "{labels}");
        let problem: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(
            problem["detail"][0]["loc"],
            serde_json::json!(["body", "labels", key]),
            "{problem}"
        );
        assert_eq!(problem["detail"][0]["type"], kind, "{problem}");
    }
}

/// `$ref`s by `$id` (absolute, and relative to the `$id` around them) and by `$anchor` reach
/// their schemas: the fields get those types, and the server checks their constraints.
#[tokio::test]
async fn references_by_id_and_anchor_reach_their_schemas() {
    let url = serve().await;
    let tagged = Tagged {
        name: "api".into(),
        labels: Default::default(),
        counts: None,
        home: Some(Address {
            city: "Lyon".into(),
            country: Some("FR".into()),
            postcode: Some("69001".into()),
        }),
        country: Some("DE".into()),
    };
    let echoed = Client::new(&url).put_tagged(tagged.clone()).await.unwrap();
    assert_eq!(echoed, tagged);
    let put = |body: serde_json::Value| {
        reqwest::Client::new()
            .put(format!("{url}/tagged"))
            .json(&body)
            .send()
    };
    for (body, loc) in [
        (
            serde_json::json!({"name": "a", "labels": {}, "country": "DEU"}),
            serde_json::json!(["body", "country"]),
        ),
        (
            serde_json::json!({"name": "a", "labels": {}, "home": {"city": "x", "postcode": "123456789"}}),
            serde_json::json!(["body", "home", "postcode"]),
        ),
        (
            serde_json::json!({"name": "a", "labels": {}, "home": {"city": "x", "country": "F"}}),
            serde_json::json!(["body", "home", "country"]),
        ),
    ] {
        let answer = put(body.clone()).await.unwrap();
        assert_eq!(answer.status(), 400, "{body}");
        let problem: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(problem["detail"][0]["loc"], loc, "{problem}");
    }
    // `dependentRequired: {home: [country]}`: a home without a country is refused.
    let answer = put(serde_json::json!({"name": "a", "labels": {}, "home": {"city": "x"}}))
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let problem: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        problem["detail"],
        serde_json::json!([{"loc": ["body", "country"], "msg": "Field required", "type": "missing"}])
    );
}

/// A `oneOf` that lists an inheritance base (`Drawable: oneOf [Shape, Caption]`, both on
/// `kind`): a value tagged with one of the base's subtypes reaches that subtype through the
/// base, and keeps its tag when written.
#[test]
fn a_union_that_lists_an_inheritance_base_reads_and_writes_its_subtypes() {
    use oasforge_generated::openapi31::types::{Caption, Drawable};
    let square = serde_json::json!({"kind": "Square", "label": "s", "corners": 4, "side": 2.0});
    let read: Drawable = serde_json::from_value(square.clone()).unwrap();
    assert!(
        matches!(&read, Drawable::Shape(Shape::Square(s)) if s.side == 2.0),
        "{read:?}"
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), square);
    let caption = serde_json::json!({"kind": "caption", "text": "hi"});
    let read: Drawable = serde_json::from_value(caption.clone()).unwrap();
    assert_eq!(
        read,
        Drawable::Caption(Caption {
            kind: "caption".into(),
            text: "hi".into()
        })
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), caption);
    // The base's own tag reads as its `Other`, and keeps it.
    let base = serde_json::json!({"kind": "Shape", "label": "x"});
    let read: Drawable = serde_json::from_value(base.clone()).unwrap();
    assert!(
        matches!(&read, Drawable::Shape(Shape::Other(_))),
        "{read:?}"
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), base);
}

/// `if`/`then`/`else` (in an `allOf` member) and `dependentSchemas` (beside the `allOf`): the
/// server checks the rules the condition chooses, each problem at its field.
#[tokio::test]
async fn conditions_between_fields_are_checked_by_the_server() {
    let url = serve().await;
    let shipment = Shipment {
        country: "US".into(),
        state: Some("NY".into()),
        postcode: Some("10001".into()),
        card: Some("4111".into()),
        billing: Some("Ada".into()),
        speed: Some(ShipmentBaseSpeed::Express),
        weight: Some(2.5),
    };
    let echoed = Client::new(&url)
        .put_shipment(shipment.clone())
        .await
        .unwrap();
    assert_eq!(echoed, shipment);

    let put = |body: serde_json::Value| {
        let url = url.clone();
        async move {
            let answer = reqwest::Client::new()
                .put(format!("{url}/shipments"))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = answer.status().as_u16();
            let body: serde_json::Value = answer.json().await.unwrap();
            let problems: Vec<(serde_json::Value, String)> = body["detail"]
                .as_array()
                .map(|detail| {
                    detail
                        .iter()
                        .map(|p| (p["loc"].clone(), p["type"].as_str().unwrap().to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            (status, problems)
        }
    };
    let problem = |field: &str, kind: &str| (serde_json::json!(["body", field]), kind.to_owned());
    for (body, expected) in [
        // `then` (country US): a state, and a five-digit postcode.
        (
            serde_json::json!({"country": "US", "postcode": "1234"}),
            vec![
                problem("state", "missing"),
                problem("postcode", "string_pattern_mismatch"),
            ],
        ),
        // `else`: a postcode of three characters or more; no state needed.
        (
            serde_json::json!({"country": "FR", "postcode": "75"}),
            vec![problem("postcode", "string_too_short")],
        ),
        // `dependentSchemas`: with a card, a billing name, express speed, at most 10 kg.
        (
            serde_json::json!({"country": "FR", "card": "4111", "speed": "standard", "weight": 11}),
            vec![
                problem("billing", "missing"),
                problem("speed", "literal_error"),
                problem("weight", "less_than_equal"),
            ],
        ),
    ] {
        assert_eq!(put(body.clone()).await, (400, expected), "{body}");
    }
    // What the conditions do not choose is not checked.
    for body in [
        serde_json::json!({"country": "FR", "postcode": "75001", "speed": "standard", "weight": 30}),
        serde_json::json!({"country": "US", "state": "CA", "postcode": "94105"}),
    ] {
        assert_eq!(put(body.clone()).await.0, 200, "{body}");
    }
}

/// An `authorize_…` answer from a yes or no: the caller is nobody in particular.
fn accept(ok: bool) -> Result<(), Rejection> {
    if ok {
        Ok(())
    } else {
        Err(Rejection::Unauthenticated)
    }
}
