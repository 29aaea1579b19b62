//! A report field is charged as what it is: a few per document at most, five rate units
//! each, and a request that runs past `REQUEST_TIMEOUT_MS` is stopped with a clear error.
//! On SQLite the server keeps the planner's statistics current by itself, for a database
//! filled only through the API.

use leadsource_tests::demo::{load_demo, range_ending_on_last_day};
use leadsource_tests::{TestApp, test_settings};
use serde_json::json;

const PERFORMANCE: &str = "performance(range: $range) { totals { leads } }";

fn aliased_reports(n: usize) -> String {
    let fields: String = (0..n).map(|i| format!(" r{i}: {PERFORMANCE}")).collect();
    format!("query($range: DateRange!) {{{fields} }}")
}

#[tokio::test]
async fn more_report_fields_than_the_limit_are_refused_before_execution() {
    let app = TestApp::spawn_adjusted(|s| s.limits.max_report_fields = 3).await;
    let ws = app.workspace("reports").await;
    let range = json!({ "range": { "from": "2026-01-01", "to": "2026-01-31" } });
    app.gql(Some(&ws.token), &aliased_reports(3), range.clone())
        .await
        .ok();
    for query in [
        aliased_reports(4),
        format!(
            "query($range: DateRange!) {{ ...A ...A }} fragment A on Query {{ a: {PERFORMANCE} b: budgetPacing(range: $range) {{ status }} }}"
        ),
    ] {
        let resp = app.gql(Some(&ws.token), &query, range.clone()).await;
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
        assert_eq!(
            resp.body.pointer("/errors/0/extensions/limit"),
            Some(&json!("max_report_fields")),
            "{}",
            resp.body
        );
        assert_eq!(
            resp.status, 200,
            "refused as a GraphQL error: {}",
            resp.body
        );
    }
}

#[tokio::test]
async fn a_report_field_costs_five_rate_units() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.rate_limit_per_minute = 1;
        s.limits.rate_limit_burst = 10;
    })
    .await;
    let ws = app.workspace("rate").await;
    let range = json!({ "range": { "from": "2026-01-01", "to": "2026-01-31" } });
    // Two reports: the whole burst of 10.
    app.gql(Some(&ws.token), &aliased_reports(2), range.clone())
        .await
        .ok();
    let resp = app.gql(Some(&ws.token), &aliased_reports(1), range).await;
    assert_eq!(resp.error_code(), Some("RATE_LIMITED"), "{}", resp.body);
    assert_eq!(resp.status, 429);
}

#[tokio::test]
async fn ordinary_fields_cost_one_unit_per_operation() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.rate_limit_per_minute = 1;
        s.limits.rate_limit_burst = 10;
    })
    .await;
    let ws = app.workspace("cheap").await;
    for _ in 0..10 {
        app.gql(
            Some(&ws.token),
            "{ leads(first: 1) { totalCount } }",
            json!({}),
        )
        .await
        .ok();
    }
    let resp = app
        .gql(
            Some(&ws.token),
            "{ leads(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(resp.error_code(), Some("RATE_LIMITED"), "{}", resp.body);
}

#[tokio::test]
async fn a_request_past_the_timeout_answers_503_timeout() {
    let app = TestApp::spawn().await;
    let token = load_demo(&app).await;
    // Non-default options go through the streaming engine over raw rows: tens of
    // milliseconds at least, far past a 2 ms budget.
    let query = "query($range: DateRange!) { performance(range: $range, attribution: TIME_DECAY, options: { halfLifeDays: 3 }) { totals { conversions } } }";
    let vars = json!({ "range": range_ending_on_last_day(365) });
    let slow = TestApp::spawn_with({
        let mut settings = test_settings(&app.database_url);
        settings.limits.request_timeout_ms = 2;
        settings
    })
    .await;
    let resp = slow.gql(Some(&token), query, vars.clone()).await;
    assert_eq!(resp.status, 503, "{}", resp.body);
    assert_eq!(resp.error_code(), Some("TIMEOUT"), "{}", resp.body);
    assert_eq!(
        resp.body.pointer("/errors/0/extensions/limit"),
        Some(&json!("request_timeout_ms"))
    );
    // The same question within the default budget is answered.
    app.gql(Some(&token), query, vars).await.ok();
}

#[tokio::test]
async fn sqlite_statistics_follow_a_database_filled_through_the_api() {
    let path =
        std::env::temp_dir().join(format!("leadsource-test-stats-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let mut settings = test_settings(&format!("sqlite://{}", path.display()));
    settings.statistics_interval = std::time::Duration::from_millis(100);
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace("filled").await;
    let leads: Vec<_> = (0..3_000)
        .map(|i| json!({ "externalId": format!("l{i}"), "createdAt": "2026-03-02T10:00:00Z", "utmSource": "news" }))
        .collect();
    app.gql(
        Some(&ws.token),
        "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }",
        json!({ "i": leads }),
    )
    .await
    .ok();
    let mut analyzed = 0;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let exists = "SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if app.scalar(exists).await == 0 {
            continue;
        }
        analyzed = app
            .scalar(
                "SELECT coalesce(max(CAST(substr(stat, 1, instr(stat || ' ', ' ') - 1) AS INTEGER)), 0) AS n \
                 FROM sqlite_stat1 WHERE tbl = 'lead'",
            )
            .await;
        if analyzed >= 3_000 {
            break;
        }
    }
    assert!(
        analyzed >= 3_000,
        "sqlite_stat1 counts {analyzed} leads after 3,000 were written through the API"
    );
}
