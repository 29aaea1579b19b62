//! `/metrics`: Prometheus text with per-operation requests and latency and the
//! database pool.

use leadsource_tests::{TestApp, metric_in};
use serde_json::json;

#[tokio::test]
async fn metrics_count_graphql_operations_by_name_type_and_outcome() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    for _ in 0..2 {
        app.gql(
            Some(&ws.token),
            "query Channels { channels { id } }",
            json!({}),
        )
        .await
        .ok();
    }
    app.gql(Some(&ws.token), "{ __typename }", json!({}))
        .await
        .ok();
    let failed = app
        .gql(Some(&ws.token), "query Broken { nope }", json!({}))
        .await;
    assert!(failed.error_code().is_some());
    let refused = app
        .gql(
            Some(&ws.token),
            "mutation Bad($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }",
            json!({ "i": { "channelId": "x", "name": "y" } }),
        )
        .await;
    assert_eq!(refused.error_code(), Some("BAD_USER_INPUT"));

    let text = app.metrics_text().await;
    let requests = |labels: &str| {
        metric_in(
            &text,
            &format!("leadsource_graphql_requests_total{{{labels}}}"),
        )
    };
    assert_eq!(
        requests(r#"operation="Channels",type="query",outcome="ok""#),
        2.0,
        "{text}"
    );
    assert_eq!(
        requests(r#"operation="anonymous",type="query",outcome="ok""#),
        1.0
    );
    assert_eq!(
        requests(r#"operation="anonymous",type="invalid",outcome="error""#),
        1.0
    );
    assert_eq!(
        requests(r#"operation="Bad",type="mutation",outcome="error""#),
        1.0
    );
    let latency_count = metric_in(
        &text,
        r#"leadsource_graphql_request_duration_seconds_count{operation="Channels",type="query"}"#,
    );
    assert_eq!(latency_count, 2.0);
}

#[tokio::test]
async fn metrics_show_the_database_pool_in_the_prometheus_text_format() {
    let app = TestApp::spawn().await;
    let resp = app
        .http()
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .expect("a text content-type header on /metrics")
        .to_owned();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    let text = resp
        .text()
        .await
        .unwrap_or_else(|e| panic!("body of /metrics: {e}"));
    assert_eq!(
        metric_in(&text, r#"leadsource_db_pool_connections{state="max"}"#),
        4.0,
        "{text}"
    );
    assert!(text.contains(r#"leadsource_db_pool_connections{state="idle"}"#));
    assert!(text.contains(r#"leadsource_db_pool_connections{state="in_use"}"#));
    assert!(text.contains("# TYPE leadsource_db_pool_connections gauge"));
}
