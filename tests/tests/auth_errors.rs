//! No leaks: an internal failure reaches the client as INTERNAL with a request id, never
//! with SQL, table names, file paths or the database's own words.

use leadsource_tests::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::json;

#[tokio::test]
async fn a_database_failure_answers_internal_with_only_a_request_id() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.state
        .db
        .conn
        .execute_unprepared("ALTER TABLE campaign RENAME TO campaign_gone")
        .await
        .expect("rename");
    let bearer = format!("Bearer {}", ws.token);
    let headers = [
        ("content-type", "application/json"),
        ("authorization", bearer.as_str()),
        ("x-request-id", "trace-42"),
    ];
    let body = json!({ "query": "{ campaigns { totalCount } }" }).to_string();
    let (status, response_headers, text) = app.post_raw(&headers, body).await;
    assert_eq!(status, 200);
    assert_eq!(
        response_headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("trace-42")
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let error = &json["errors"][0];
    assert_eq!(error["extensions"]["code"], "INTERNAL");
    assert_eq!(error["extensions"]["requestId"], "trace-42");
    assert_eq!(error["message"], "internal error (request id trace-42)");
    let lowered = text.to_lowercase();
    for secret in [
        "campaign_gone",
        "select",
        "sqlite",
        "postgres",
        "relation",
        "no such",
        "/tmp",
        "panicked",
    ] {
        assert!(!lowered.contains(secret), "{secret:?} leaked: {text}");
    }
}
