//! Limits: depth, complexity, aliases, page size, body size, request rate, introspection,
//! suggestions and CORS. Each refusal names its limit and value.

use leadsource_tests::TestApp;
use leadsource_tests::json::text;
use serde_json::{Value, json};

fn limit_of(resp: &leadsource_tests::GqlResponse) -> (&str, &str) {
    let error = &resp.body["errors"][0];
    (
        text(&error["extensions"]["code"], "the first error's code"),
        text(&error["message"], "the first error's message"),
    )
}

#[tokio::test]
async fn depth_aliases_and_complexity_are_refused_naming_the_limit() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.max_query_depth = 4;
        s.limits.max_query_complexity = 100;
        s.limits.max_query_aliases = 3;
    })
    .await;
    let ws = app.workspace("acme").await;
    let token = Some(ws.token.as_str());

    app.gql(
        token,
        "{ leads(first: 10) { edges { node { id } } } }",
        json!({}),
    )
    .await
    .ok();
    let deep = app
        .gql(
            token,
            "{ leads(first: 1) { edges { node { campaign { id } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        limit_of(&deep),
        (
            "BAD_USER_INPUT",
            "query nests fields more than 4 levels deep (limit max_depth = 4)"
        )
    );
    assert_eq!(deep.body["errors"][0]["extensions"]["limitValue"], 4);

    let aliases = app
        .gql(
            token,
            "{ a: __typename b: __typename c: __typename d: __typename }",
            json!({}),
        )
        .await;
    assert_eq!(
        limit_of(&aliases).1,
        "query expands to more than 3 aliases (limit max_aliases = 3)"
    );

    app.gql(
        token,
        "{ leads(first: 10) { edges { node { id } } } }",
        json!({}),
    )
    .await
    .ok();
    let complex = app
        .gql(
            token,
            "{ leads(first: 50) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        limit_of(&complex),
        (
            "BAD_USER_INPUT",
            "query is too complex (limit max_query_complexity = 100)"
        )
    );
    assert_eq!(complex.body["errors"][0]["extensions"]["limitValue"], 100);
}

#[tokio::test]
async fn first_beyond_the_page_size_is_refused_naming_the_limit() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let resp = app
        .gql(
            Some(&ws.token),
            "{ campaigns(first: 501) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("first"));
    assert!(limit_of(&resp).1.contains("max_page_size = 500"));
}

#[tokio::test]
async fn a_body_over_the_limit_answers_the_same_json_413_whether_its_length_is_declared_or_not() {
    let app = TestApp::spawn_adjusted(|s| s.max_body_bytes = 1_000).await;
    let big = json!({ "query": format!("{{ __typename }} # {}", "x".repeat(2_000)) }).to_string();
    let (status, headers, text) = app
        .post_raw(&[("content-type", "application/json")], big.clone())
        .await;
    assert_eq!(status, 413, "declared Content-Length");
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok());
    assert!(
        content_type.is_some_and(|t| t.contains("json")),
        "declared: {content_type:?} {text}"
    );
    let declared: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(
        declared["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{text}"
    );
    assert_eq!(
        declared["errors"][0]["extensions"]["field"], "body",
        "{text}"
    );
    let (status, text) = post_chunked(&app, &big).await;
    assert_eq!(status, 413, "chunked: {text}");
    assert!(text.contains("max_body_bytes = 1000"), "{text}");
    assert!(text.contains(r#""field":"body""#), "{text}");
    let declared_message = declared["errors"][0]["message"].as_str().unwrap_or("?");
    assert!(text.contains(declared_message), "the same message: {text}");
    let small = json!({ "query": "{ __typename }" }).to_string();
    assert_eq!(
        app.post_raw(&[("content-type", "application/json")], small)
            .await
            .0,
        200
    );
}

/// POSTs `body` with `Transfer-Encoding: chunked` (no declared length) over a raw socket.
async fn post_chunked(app: &TestApp, body: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    let mut request = format!(
        "POST /graphql HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        app.addr
    );
    for chunk in body.as_bytes().chunks(100) {
        request.push_str(&format!(
            "{:x}\r\n{}\r\n",
            chunk.len(),
            String::from_utf8_lossy(chunk)
        ));
    }
    request.push_str("0\r\n\r\n");
    // The server may answer and close before reading everything: a write error is fine.
    let _ = socket.write_all(request.as_bytes()).await;
    let mut response = Vec::new();
    let _ = socket.read_to_end(&mut response).await;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status line in {text:?}"));
    (status, text)
}

#[tokio::test]
async fn a_caller_over_its_rate_gets_rate_limited_with_retry_after() {
    // One operation a minute, three at once: nothing recovers during the test.
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.rate_limit_per_minute = 1;
        s.limits.rate_limit_burst = 3;
    })
    .await;
    let ws = app.workspace("acme").await;
    let other = app
        .token(ws.id, &[leadsource::auth::Scope::ReportsRead])
        .await;
    for _ in 0..3 {
        app.gql(Some(&ws.token), "{ viewer { kind } }", json!({}))
            .await
            .ok();
    }
    let limited = app
        .gql(Some(&ws.token), "{ viewer { kind } }", json!({}))
        .await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.error_code(), Some("RATE_LIMITED"));
    let retry_after = limited.body["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .unwrap_or_else(|| panic!("no retryAfter in {}", limited.body));
    assert!((1..=60).contains(&retry_after), "{}", limited.body);
    // Another token has its own allowance; a batch costs one per operation.
    let batch = Value::Array(vec![json!({ "query": "{ viewer { kind } }" }); 2]).to_string();
    let bearer = format!("Bearer {other}");
    let headers = [
        ("content-type", "application/json"),
        ("authorization", bearer.as_str()),
    ];
    assert_eq!(app.post_raw(&headers, batch.clone()).await.0, 200);
    let (status, h, _) = app.post_raw(&headers, batch).await;
    assert_eq!(status, 429, "2 + 2 > 3");
    let header = h
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert!(header.is_some_and(|s| s >= 1));
}

#[tokio::test]
async fn anonymous_sign_in_attempts_are_limited_per_client_address() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.rate_limit_per_minute = 1;
        s.limits.rate_limit_burst = 2;
    })
    .await;
    app.workspace("acme").await;
    for _ in 0..2 {
        assert_eq!(
            app.login("a@example.com", "wrong password").await.status,
            200
        );
    }
    let limited = app.login("a@example.com", "wrong password").await;
    assert_eq!(limited.error_code(), Some("RATE_LIMITED"));
}

#[tokio::test]
async fn introspection_and_suggestions_can_be_switched_off() {
    let on = TestApp::spawn().await;
    let off = TestApp::spawn_adjusted(|s| {
        s.limits.introspection = false;
        s.limits.field_suggestions = false;
    })
    .await;
    let schema = "{ __schema { queryType { name } } }";
    let open = on.gql(None, schema, json!({})).await.ok();
    assert_eq!(open.data("__schema/queryType/name"), "Query");
    let closed = off.gql(None, schema, json!({})).await;
    assert_eq!(closed.data("__schema"), &Value::Null, "{}", closed.body);

    let typo = "{ __typename chanels { id } }";
    let hint = on.gql(None, typo, json!({})).await;
    assert!(
        hint.body.to_string().contains("Did you mean"),
        "{}",
        hint.body
    );
    let quiet = off.gql(None, typo, json!({})).await;
    assert!(quiet.body.get("errors").is_some());
    assert!(
        !quiet.body.to_string().contains("Did you mean"),
        "{}",
        quiet.body
    );
}

#[tokio::test]
async fn cors_allows_only_the_configured_origins() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.cors_origins = vec!["https://app.example.com".to_owned()]
    })
    .await;
    let preflight = |origin: &'static str| {
        app.http()
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .send()
    };
    let allowed = preflight("https://app.example.com").await.expect("send");
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        header(&allowed, "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    assert!(
        header(&allowed, "access-control-allow-headers")
            .is_some_and(|h| h.contains("authorization"))
    );
    let denied = preflight("https://evil.example.com").await.expect("send");
    assert_eq!(header(&denied, "access-control-allow-origin"), None);

    let closed = TestApp::spawn().await;
    let resp = closed
        .http()
        .post(closed.url("/graphql"))
        .header("origin", "https://app.example.com")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("send");
    assert_eq!(
        header(&resp, "access-control-allow-origin"),
        None,
        "no CORS unless configured"
    );
}
