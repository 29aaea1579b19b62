//! `performance(orderBy, first)`: rows sorted by any metric and limited, so a UTM dimension
//! with many values stays usable; totals and `rowCount` still cover every row, and the
//! series buckets keep the rows kept, in their new order.

use leadsource_tests::TestApp;
use leadsource_tests::demo::{load_demo, range_ending_on_last_day};
use leadsource_tests::json::{decimal, int, text};
use serde_json::{Value, json};

const ROW: &str = "key label metrics { leads revenue spend roi }";

async fn report(app: &TestApp, token: &str, range: &Value, extra: &str) -> Value {
    let query = format!(
        r#"query($range: DateRange!) {{ performance(range: $range, dimension: UTM_SOURCE,
            granularity: MONTH{extra}) {{ rowCount rows {{ {ROW} }} totals {{ leads revenue }}
            series {{ from rows {{ key }} }} }} }}"#
    );
    app.gql(Some(token), &query, json!({ "range": range }))
        .await
        .ok()
        .data("performance")
        .clone()
}

fn rows(r: &Value) -> &[Value] {
    r["rows"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("rows: {r}"))
}

#[tokio::test]
async fn rows_sort_by_a_metric_and_the_first_ones_are_kept_with_the_totals_of_all() {
    let app = TestApp::spawn().await;
    let token = load_demo(&app).await;
    let range = range_ending_on_last_day(90);
    let all = report(&app, &token, &range, "").await;
    let count = rows(&all).len();
    assert!(count > 3, "the demo has several UTM sources: {all}");
    assert_eq!(int(&all["rowCount"], "rowCount"), count as i64);

    let top = report(
        &app,
        &token,
        &range,
        ", orderBy: { field: LEADS, direction: DESC }, first: 3",
    )
    .await;
    assert_eq!(int(&top["rowCount"], "rowCount"), count as i64);
    assert_eq!(top["totals"], all["totals"], "totals cover every row");
    let mut expected: Vec<&Value> = rows(&all).iter().collect();
    expected.sort_by_key(|r| std::cmp::Reverse(int(&r["metrics"]["leads"], "leads")));
    let leads = |list: &[&Value]| -> Vec<i64> {
        list.iter()
            .map(|r| int(&r["metrics"]["leads"], "leads"))
            .collect()
    };
    let got: Vec<&Value> = rows(&top).iter().collect();
    assert_eq!(leads(&got), leads(&expected[..3]));
    // Every bucket holds the three rows kept, in the same order.
    let keys: Vec<&str> = got.iter().map(|r| text(&r["key"], "key")).collect();
    for bucket in top["series"].as_array().unwrap_or_else(|| panic!("{top}")) {
        let bucket_keys: Vec<&str> = bucket["rows"]
            .as_array()
            .unwrap_or_else(|| panic!("{bucket}"))
            .iter()
            .map(|r| text(&r["key"], "key"))
            .collect();
        assert_eq!(bucket_keys, keys);
    }

    // Ascending by label, case-insensitively.
    let by_label = report(
        &app,
        &token,
        &range,
        ", orderBy: { field: LABEL, direction: ASC }",
    )
    .await;
    let labels: Vec<String> = rows(&by_label)
        .iter()
        .map(|r| text(&r["label"], "label").to_lowercase())
        .collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(labels, sorted);

    // Revenue ascending: non-decreasing.
    let by_revenue = report(
        &app,
        &token,
        &range,
        ", orderBy: { field: REVENUE, direction: ASC }",
    )
    .await;
    let revenue: Vec<_> = rows(&by_revenue)
        .iter()
        .map(|r| decimal(&r["metrics"]["revenue"], "revenue"))
        .collect();
    assert!(revenue.windows(2).all(|w| w[0] <= w[1]), "{revenue:?}");
}

#[tokio::test]
async fn first_out_of_bounds_is_refused_on_the_argument() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("order").await;
    for first in [-1, 10_001] {
        let query = format!(
            r#"{{ performance(range: {{ from: "2026-01-01", to: "2026-01-31" }}, first: {first}) {{ rowCount }} }}"#
        );
        let resp = app.gql(Some(&ws.token), &query, json!({})).await;
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
        assert_eq!(resp.error_field(), Some("first"));
    }
}
