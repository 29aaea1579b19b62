//! The endpoint against the GraphQL-over-HTTP specification: media types, methods,
//! status codes, and no `data` on request errors.

use leadsource_tests::TestApp;
use serde_json::{Value, json};

const JSON: &str = "application/json";
const GRAPHQL_JSON: &str = "application/graphql-response+json";

fn body(query: &str) -> String {
    json!({ "query": query }).to_string()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

fn content_type(headers: &reqwest::header::HeaderMap) -> &str {
    headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no text content-type in {headers:?}"))
}

#[tokio::test]
async fn the_accept_header_chooses_the_response_media_type() {
    let app = TestApp::spawn().await;
    let q = body("{ __typename }");
    // (No Accept at all means application/graphql-response+json: the unit tests of
    // http::negotiate cover it, since this client always sends one.)
    let cases = [
        (Some(GRAPHQL_JSON), 200, GRAPHQL_JSON),
        (Some(JSON), 200, JSON),
        (Some("*/*"), 200, JSON),
        (
            Some("application/graphql-response+json;q=0.5, application/json"),
            200,
            JSON,
        ),
        (Some("text/html"), 406, JSON),
    ];
    for (accept, status, media) in cases {
        let mut headers = vec![("content-type", JSON)];
        if let Some(a) = accept {
            headers.push(("accept", a));
        }
        let (got, h, text) = app.post_raw(&headers, q.clone()).await;
        assert_eq!(got, status, "{accept:?}: {text}");
        assert!(
            content_type(&h).starts_with(media),
            "{accept:?}: {:?}",
            content_type(&h)
        );
        if status == 200 {
            assert_eq!(parse(&text)["data"]["__typename"], "Query");
        }
    }
}

#[tokio::test]
async fn request_errors_answer_400_without_data_under_graphql_response_json() {
    let app = TestApp::spawn().await;
    let cases = [
        ("{ noSuchField }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ viewer { kind ", "GRAPHQL_PARSE_FAILED"),
        (
            "query($n: Int!) { campaigns(first: $n) { totalCount } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ];
    for (query, code) in cases {
        let (status, _, text) = app
            .post_raw(
                &[("content-type", JSON), ("accept", GRAPHQL_JSON)],
                body(query),
            )
            .await;
        let json = parse(&text);
        assert_eq!(status, 400, "{query}: {text}");
        assert!(json.get("data").is_none(), "{query}: {text}");
        assert_eq!(
            json["errors"][0]["extensions"]["code"], code,
            "{query}: {text}"
        );
        // Legacy clients get 200 with the same body.
        let (status, _, text) = app
            .post_raw(&[("content-type", JSON), ("accept", JSON)], body(query))
            .await;
        assert_eq!(status, 200, "{query}");
        assert!(parse(&text).get("data").is_none(), "{query}: {text}");
    }
    // Execution errors are not request errors: 200 with data and the error's path.
    let (status, _, text) = app
        .post_raw(&[("content-type", JSON)], body("{ workspace { id } }"))
        .await;
    assert_eq!(status, 200, "{text}");
    let json = parse(&text);
    assert_eq!(json["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert!(json.get("data").is_some());
}

#[tokio::test]
async fn a_mutation_over_get_is_refused_with_405_and_a_query_runs() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let get = |query: &str| {
        app.http()
            .get(app.url("/graphql"))
            .query(&[("query", query)])
            .bearer_auth(&ws.token)
            .header("accept", JSON)
            .send()
    };
    let resp = get("mutation { createChannel(input: { name: \"via GET\" }) { id } }")
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 405);
    assert_eq!(
        resp.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    let resp = get("{ channels { name } }").await.expect("send");
    assert_eq!(resp.status().as_u16(), 200);
    let text = resp.text().await.expect("text");
    assert!(!text.contains("via GET"), "the mutation must not have run");
}

#[tokio::test]
async fn posts_that_are_not_json_are_refused_with_415_and_run_nothing() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let bearer = format!("Bearer {}", ws.token);
    let mutation = body("mutation { createChannel(input: { name: \"csrf\" }) { id } }");
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
    ] {
        let headers = [
            ("content-type", content_type),
            ("authorization", bearer.as_str()),
        ];
        let (status, _, text) = app.post_raw(&headers, mutation.clone()).await;
        assert_eq!(status, 415, "{content_type}: {text}");
    }
    let (status, _, _) = app
        .post_raw(&[("authorization", bearer.as_str())], mutation)
        .await;
    assert_eq!(status, 415, "no content type");
    let channels = app
        .gql(Some(&ws.token), "{ channels { name } }", json!({}))
        .await
        .ok();
    assert!(!channels.body.to_string().contains("csrf"));
}

#[tokio::test]
async fn malformed_bodies_and_oversized_batches_are_bad_requests() {
    let app = TestApp::spawn().await;
    for bad in [
        "{",
        "[]",
        "{}",
        "[1]",
        "{\"query\": 7}",
        "\"just a string\"",
    ] {
        let (status, _, text) = app
            .post_raw(&[("content-type", JSON), ("accept", JSON)], bad)
            .await;
        assert_eq!(status, 400, "{bad}: {text}");
        assert_eq!(
            parse(&text)["errors"][0]["extensions"]["code"],
            "BAD_USER_INPUT"
        );
    }
    let op = json!({ "query": "{ __typename }" });
    let eleven = Value::Array(vec![op.clone(); 11]).to_string();
    let (status, _, text) = app.post_raw(&[("content-type", JSON)], eleven).await;
    assert_eq!(status, 400);
    assert!(text.contains("max_batch_operations = 10"), "{text}");
    let two = Value::Array(vec![op; 2]).to_string();
    let (status, _, text) = app.post_raw(&[("content-type", JSON)], two).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(parse(&text).as_array().map(Vec::len), Some(2));
}
