//! Paths axum cannot express as routes (`specs/routes.yaml`): segments that mix parameters
//! with text, Google's custom methods, a segment starting with `:`, and templates that share
//! one route. The generated client calls the generated server over real HTTP on 127.0.0.1,
//! and each call must reach its own handler with the values the URL holds.

use oasforge_generated::routes::client::{self, Client};
use oasforge_generated::routes::server::*;
use oasforge_generated::routes::types::{GetFileAsFormat, Hit};

struct Files;

fn hit(operation: &str, values: &[&str]) -> Hit {
    Hit {
        operation: operation.to_owned(),
        values: values.iter().map(|value| (*value).to_owned()).collect(),
    }
}

impl Api for Files {
    async fn get_file_json(&self, name: String) -> Result<GetFileJsonResponse, ServerError> {
        Ok(GetFileJsonResponse::Ok(hit("get_file_json", &[&name])))
    }

    async fn get_file_as(
        &self,
        id: String,
        format: GetFileAsFormat,
    ) -> Result<GetFileAsResponse, ServerError> {
        let format = format!("{format:?}");
        Ok(GetFileAsResponse::Ok(hit("get_file_as", &[&id, &format])))
    }

    async fn get_file(&self, name: String) -> Result<GetFileResponse, ServerError> {
        Ok(GetFileResponse::Ok(hit("get_file", &[&name])))
    }

    async fn delete_file(&self, name: String) -> Result<DeleteFileResponse, ServerError> {
        assert_eq!(name, "old.json");
        Ok(DeleteFileResponse::NoContent)
    }

    async fn cancel_operation(&self, name: String) -> Result<CancelOperationResponse, ServerError> {
        Ok(CancelOperationResponse::Ok(hit(
            "cancel_operation",
            &[&name],
        )))
    }

    async fn get_operation(&self, name: String) -> Result<GetOperationResponse, ServerError> {
        Ok(GetOperationResponse::Ok(hit("get_operation", &[&name])))
    }

    async fn batch_get_operations(&self) -> Result<BatchGetOperationsResponse, ServerError> {
        Ok(BatchGetOperationsResponse::Ok(hit(
            "batch_get_operations",
            &[],
        )))
    }

    async fn get_status(&self, major: i64, minor: i64) -> Result<GetStatusResponse, ServerError> {
        let (major, minor) = (major.to_string(), minor.to_string());
        Ok(GetStatusResponse::Ok(hit("get_status", &[&major, &minor])))
    }

    async fn search_jobs(&self) -> Result<SearchJobsResponse, ServerError> {
        Ok(SearchJobsResponse::Ok(hit("search_jobs", &[])))
    }

    async fn get_job(&self, id: String) -> Result<GetJobResponse, ServerError> {
        Ok(GetJobResponse::Ok(hit("get_job", &[&id])))
    }

    async fn get_styles(
        &self,
        color: String,
        size: i64,
        colors: Vec<String>,
        sizes: Vec<i64>,
        ids: Vec<i64>,
        tags: Vec<String>,
    ) -> Result<GetStylesResponse, ServerError> {
        let values = serde_json::json!([color, size, colors, sizes, ids, tags]).to_string();
        Ok(GetStylesResponse::Ok(hit("get_styles", &[&values])))
    }
}

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(Files)).await.unwrap() });
    format!("http://{address}")
}

/// The issue's three templates, one router: `/files/{name}.json`, `/files/{name}` and
/// `/v1/{name}:cancel`, each reaching its own handler.
#[tokio::test]
async fn templates_sharing_a_route_each_reach_their_handler() {
    let client = Client::new(serve().await);
    assert_eq!(
        client.get_file_json("report").await.unwrap(),
        hit("get_file_json", &["report"])
    );
    assert_eq!(
        client.get_file("report").await.unwrap(),
        hit("get_file", &["report"])
    );
    assert_eq!(
        client.cancel_operation("op-7").await.unwrap(),
        hit("cancel_operation", &["op-7"])
    );
    assert_eq!(
        client.get_operation("op-7").await.unwrap(),
        hit("get_operation", &["op-7"])
    );
    // A method the dispatcher does not hold goes straight to its handler.
    client.delete_file("old.json").await.unwrap();
}

/// The precedence rule (README, "Paths axum cannot express"): of the templates on one route,
/// the one with more text in its mixed segments is tried first, so `/files/{name}.json`
/// comes before `/files/{id}.{format}`, which comes before `/files/{name}`. Text is matched
/// from the right, so an earlier parameter keeps the dots before the last one.
#[tokio::test]
async fn the_template_with_more_text_wins_and_earlier_parameters_keep_the_dots() {
    let client = Client::new(serve().await);
    // `a.b.json` fits all three templates; `{name}.json` has the most text.
    assert_eq!(
        client.get_file_json("a.b").await.unwrap(),
        hit("get_file_json", &["a.b"])
    );
    // `a.b.csv`: `{id}.{format}` reads `a.b` and `csv`.
    assert_eq!(
        client
            .get_file_as("a.b", GetFileAsFormat::Csv)
            .await
            .unwrap(),
        hit("get_file_as", &["a.b", "Csv"])
    );
    // `readme` has no dot: only `{name}` fits.
    assert_eq!(
        client.get_file("readme").await.unwrap(),
        hit("get_file", &["readme"])
    );
    // Matching is by text, types come after: `a.pdf` fits `{id}.{format}`, whose enum refuses
    // `pdf` (400, the operation declares no 422), rather than falling through to `{name}`.
    let answer = reqwest::get(format!("{}/files/a.pdf", client.base_url()))
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        body["detail"][0]["loc"],
        serde_json::json!(["path", "format"])
    );
}

/// Parameters inside a segment, on both sides: `/v{major}.{minor}/status` reads two integers
/// from one segment, checks them (`minimum: 1`) and answers 422 at the parameter's place.
#[tokio::test]
async fn parameters_inside_a_segment_are_read_and_checked() {
    let client = Client::new(serve().await);
    assert_eq!(
        client.get_status(2, 10).await.unwrap(),
        hit("get_status", &["2", "10"])
    );
    match client.get_status(0, 1).await {
        Err(client::Error::Api { status, body }) => {
            assert_eq!(status, 422);
            let client::GetStatusError::UnprocessableEntity(error) = *body;
            let body = serde_json::to_value(error).unwrap();
            assert_eq!(
                body["detail"][0]["loc"],
                serde_json::json!(["path", "major"])
            );
        }
        other => panic!("major 0 is below the minimum: {other:?}"),
    }
    let url = serve().await;
    let status = |path: &'static str| {
        let url = format!("{url}{path}");
        async move { reqwest::get(url).await.unwrap().status() }
    };
    // The segment's text must match: no `v`, no dot, an empty value.
    assert_eq!(status("/2.10/status").await, 404);
    assert_eq!(status("/v2/status").await, 404);
    assert_eq!(status("/v.1/status").await, 404);
    // The text matches but a value is not an integer: the operation's 422.
    assert_eq!(status("/vx.1/status").await, 422);
}

/// Custom methods and `:` segments: a URL on the route whose text fits no template is 404,
/// not another operation's, and text axum takes as a plain segment stays a static route.
#[tokio::test]
async fn urls_that_fit_no_template_are_not_found() {
    let client = Client::new(serve().await);
    assert_eq!(client.search_jobs().await.unwrap(), hit("search_jobs", &[]));
    assert_eq!(
        client.get_job(":search").await.unwrap(),
        hit("get_job", &[":search"])
    );
    assert_eq!(
        client.batch_get_operations().await.unwrap(),
        hit("batch_get_operations", &[])
    );
    let http = reqwest::Client::new();
    let post = |path: &'static str| {
        let url = format!("{}{path}", client.base_url());
        let http = http.clone();
        async move { http.post(url).send().await.unwrap().status() }
    };
    assert_eq!(post("/jobs/other").await, 404);
    assert_eq!(post("/v1/op-7:pause").await, 404);
    assert_eq!(post("/v1/:cancel").await, 404);
    // A literal text percent-encoded is the same text once decoded.
    assert_eq!(post("/v1/op-7%3Acancel").await, 200);
}

/// `label` and `matrix` path styles, plain and exploded, and lists in `simple` style: the
/// client writes what the OpenAPI specification's style table shows, the server reads it back.
#[tokio::test]
async fn label_and_matrix_styles_round_trip_as_the_style_table_writes_them() {
    let client = Client::new(serve().await);
    let read = client
        .get_styles(
            "blue",
            5,
            vec!["blue".into(), "black".into()],
            vec![1, 2],
            vec![3, 4, 5],
            vec!["a b".into(), "c".into()],
        )
        .await
        .unwrap();
    assert_eq!(
        read.values,
        [r#"["blue",5,["blue","black"],[1,2],[3,4,5],["a b","c"]]"#]
    );
    // The same values written by hand, as the specification's table writes them (the
    // space percent-encoded).
    let url = format!(
        "{}/styles/.blue/;size=5/.blue.black/;sizes=1;sizes=2/3,4,5/;tags=a%20b,c",
        client.base_url()
    );
    let answer = reqwest::get(url).await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: Hit = answer.json().await.unwrap();
    assert_eq!(body, read);
    // A capture without its style's prefix holds no value; an item is checked at its place.
    let url = format!(
        "{}/styles/blue/;size=5/.blue/;sizes=11/3/;tags=x",
        client.base_url()
    );
    let answer = reqwest::get(url).await.unwrap();
    assert_eq!(answer.status(), 422);
    let body: serde_json::Value = answer.json().await.unwrap();
    let places: Vec<&serde_json::Value> = body["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| &problem["loc"])
        .collect();
    assert_eq!(
        places,
        [
            &serde_json::json!(["path", "color"]),
            &serde_json::json!(["path", "sizes", 0])
        ]
    );
}
