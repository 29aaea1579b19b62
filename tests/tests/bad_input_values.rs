//! Bad values that used to become INTERNAL or a wrong answer are BAD_USER_INPUT naming the field
//! (or the row), on both backends.

use leadsource_tests::{GqlResponse, TestApp, TestWorkspace};
use serde_json::{Value, json};

async fn gql(app: &TestApp, ws: &TestWorkspace, query: &str, vars: Value) -> GqlResponse {
    app.gql(Some(&ws.token), query, vars).await
}

#[track_caller]
fn refused(resp: &GqlResponse, field: &str) {
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(resp.error_field(), Some(field), "{}", resp.body);
}

#[tokio::test]
async fn a_filter_list_past_its_cap_is_refused_naming_the_field_and_the_limit() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let query = r#"query($k: [String!]) {
        performance(range: { from: "2026-01-01", to: "2026-01-31" }, filter: { conversionKinds: $k }) {
            totals { leads }
        }
    }"#;
    let kinds: Vec<String> = (0..70_000).map(|i| format!("k{i}")).collect();
    let resp = gql(&app, &ws, query, json!({ "k": kinds })).await;
    refused(&resp, "filter.conversionKinds");
    let message = resp.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("MAX_FILTER_KINDS = 100"), "{message}");
    // Repeats are one kind: 70,000 copies of "purchase" are a filter of one.
    let repeated = vec!["Purchase"; 70_000];
    gql(&app, &ws, query, json!({ "k": repeated })).await.ok();
}
