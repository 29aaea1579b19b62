//! Reports whose cost grows with the number of dimension values are bounded: MARKOV and
//! SHAPLEY over more than `MAX_DATA_DRIVEN_STATES` values, and series of more than
//! `MAX_SERIES_CELLS` rows × buckets, are refused with BAD_USER_INPUT naming the limit.

use leadsource::services::report::{MAX_DATA_DRIVEN_STATES, MAX_SERIES_CELLS};
use leadsource_tests::TestApp;
use serde_json::json;

/// A workspace with `n` converting leads, each from its own utm_source.
async fn many_sources(app: &TestApp, n: usize) -> String {
    let ws = app.workspace("many").await;
    let leads: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "externalId": format!("l{i}"),
                "createdAt": "2026-03-02T10:00:00Z",
                "utmSource": format!("source-{i}"),
                "utmMedium": "referral",
            })
        })
        .collect();
    app.gql(
        Some(&ws.token),
        "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }",
        json!({ "i": leads }),
    )
    .await
    .ok();
    let conversions: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "externalId": format!("c{i}"),
                "leadExternalId": format!("l{i}"),
                "kind": "purchase",
                "occurredAt": "2026-03-05T10:00:00Z",
                "revenue": "10.00",
            })
        })
        .collect();
    app.gql(
        Some(&ws.token),
        "mutation($i: [ConversionInput!]!) { recordConversions(inputs: $i) { recorded } }",
        json!({ "i": conversions }),
    )
    .await
    .ok();
    ws.token
}

const RANGE: &str = r#"range: { from: "2026-01-01", to: "2026-12-31" }"#;

#[tokio::test]
async fn markov_and_shapley_over_more_values_than_the_state_limit_are_refused() {
    let app = TestApp::spawn().await;
    let token = many_sources(&app, MAX_DATA_DRIVEN_STATES + 1).await;
    for model in ["MARKOV", "SHAPLEY"] {
        let q = format!(
            "{{ performance({RANGE}, dimension: UTM_SOURCE, attribution: {model}) {{ totals {{ conversions }} }} }}"
        );
        let resp = app.gql(Some(&token), &q, json!({})).await;
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
        assert_eq!(resp.error_field(), Some("attribution"), "{}", resp.body);
        let message = resp.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", resp.body));
        assert!(
            message.contains(&format!("limit of {MAX_DATA_DRIVEN_STATES} states")),
            "{message}"
        );
    }
    // The same data by channel (a handful of states) and a rule-based model by value answer.
    let q = format!(
        "{{ by_channel: performance({RANGE}, attribution: MARKOV) {{ totals {{ conversions }} }}
            by_value: performance({RANGE}, dimension: UTM_SOURCE, attribution: LINEAR) {{ totals {{ conversions }} }} }}"
    );
    let resp = app.gql(Some(&token), &q, json!({})).await.ok();
    assert_eq!(resp.data("by_channel/totals/conversions"), "201");
    assert_eq!(resp.data("by_value/totals/conversions"), "201");
}

#[tokio::test]
async fn a_series_of_more_cells_than_the_limit_is_refused_and_a_coarser_one_answers() {
    let app = TestApp::spawn().await;
    let token = many_sources(&app, 201).await;
    let ask = |granularity: &str| {
        format!(
            "{{ performance({RANGE}, dimension: UTM_SOURCE, granularity: {granularity}) {{ series {{ from }} }} }}"
        )
    };
    let resp = app.gql(Some(&token), &ask("DAY"), json!({})).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(resp.error_field(), Some("granularity"), "{}", resp.body);
    let message = resp.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", resp.body));
    assert!(message.contains("201 rows × 365 buckets"), "{message}");
    assert!(message.contains(&MAX_SERIES_CELLS.to_string()), "{message}");
    let resp = app.gql(Some(&token), &ask("WEEK"), json!({})).await.ok();
    assert!(
        resp.data("performance/series")
            .as_array()
            .is_some_and(|s| s.len() >= 52)
    );
}
