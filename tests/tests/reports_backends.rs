//! The same reports on SQLite and on PostgreSQL, over the same data, give identical answers.
//!
//! Runs when `TEST_DATABASE_URL` names a PostgreSQL server (as in CI's PostgreSQL pass);
//! without it there is only one backend to compare, and the test says it skipped (a failure
//! under `LEADSOURCE_REQUIRE_SERVICES=1`, as in CI's PostgreSQL pass).

use leadsource::services::attribution::Model;
use leadsource_tests::facts::Facts;
use leadsource_tests::json::list;
use leadsource_tests::{TestApp, scenario};
use serde_json::{Value, json};

const METRICS: &str =
    "leads convertedLeads newCustomers conversions revenue spend roi roas cpl cac conversionRate";

fn queries() -> Vec<String> {
    let range = r#"range: { from: "2026-01-01", to: "2026-03-31" }"#;
    let compare = r#"compareTo: { from: "2025-10-01", to: "2025-12-31" }"#;
    let mut list = Vec::new();
    for dimension in [
        "CHANNEL",
        "CAMPAIGN",
        "UTM_SOURCE",
        "UTM_MEDIUM",
        "UTM_CAMPAIGN",
    ] {
        for model in Model::ALL {
            list.push(format!(
                "{{ performance({range}, {compare}, dimension: {dimension}, attribution: {model}, granularity: WEEK) {{
                    rows {{ key label metrics {{ {METRICS} }} previous {{ {METRICS} }} }}
                    totals {{ {METRICS} }} previousTotals {{ {METRICS} }}
                    series {{ from to totals {{ {METRICS} }} rows {{ key metrics {{ {METRICS} }} }} }} }} }}",
                model = model.name()
            ));
        }
    }
    list.push(format!(
        r#"{{ performance({range}, filter: {{ conversionKinds: ["signup"] }}, options: {{ lookbackDays: 7 }}) {{
            rows {{ key label metrics {{ {METRICS} }} }} }} }}"#
    ));
    for model in Model::ALL {
        list.push(format!(
            "{{ attribution({range}, model: {model}) {{ journeys convertingJourneys nonConvertingJourneys
                conversions revenue approximate channels {{ label conversions revenue share }}
                campaigns {{ label conversions revenue share }} }} }}",
            model = model.name()
        ));
    }
    let all: Vec<&str> = Model::ALL.iter().map(|m| m.name()).collect();
    list.push(format!(
        "{{ attributionComparison({range}, models: [{}]) {{ journeys conversions revenue
            channels {{ label minConversions maxConversions minRevenue maxRevenue
                        credits {{ model conversions revenue share }} }} }} }}",
        all.join(", ")
    ));
    list.push(format!(
        r#"{{ budgetPacing({range}, asOf: "2026-03-15") {{ campaignName planned spentToDate projected status }} }}"#
    ));
    list
}

async fn answers(app: &TestApp) -> Vec<Value> {
    let ws = app.workspace("acme").await;
    let mut facts = Facts::new(&app.state.db.conn, ws.id).await;
    scenario::load(&mut facts).await;
    scenario::random(&mut facts, 7, 400).await;
    let mut out = Vec::new();
    for query in queries() {
        out.push(app.gql(Some(&ws.token), &query, json!({})).await.ok().body);
    }
    out
}

#[tokio::test]
async fn every_report_gives_identical_numbers_on_sqlite_and_postgresql() {
    let Some(postgres) = TestApp::spawn_postgres().await else {
        leadsource_tests::skip("set TEST_DATABASE_URL=postgres://… to compare with PostgreSQL");
        return;
    };
    let sqlite = TestApp::spawn_sqlite().await;
    let on_sqlite = answers(&sqlite).await;
    let on_postgres = answers(&postgres).await;
    for ((query, a), b) in queries().iter().zip(&on_sqlite).zip(&on_postgres) {
        assert_eq!(a, b, "different answers to {query}");
    }
    // The data is not trivial: every performance report has rows with conversions.
    let rows = list(
        &on_sqlite[0]["data"]["performance"]["rows"],
        "data.performance.rows on SQLite",
    )
    .len();
    assert!(rows >= 5, "{}", on_sqlite[0]);
}

/// Every row of every page, in page order.
async fn read_all(
    app: &TestApp,
    query: &leadsource::db::analytics::journeys::JourneyQuery,
) -> (Vec<String>, usize) {
    use leadsource::db::analytics::journeys::{page_bounds, read_page};
    let db = &app.state.db.conn;
    let bounds = page_bounds(db, query)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut rows = Vec::new();
    for &(lo, hi) in &bounds {
        let page = read_page(db, query, lo, hi)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        rows.extend(page.sources.iter().map(|s| format!("{s:?}")));
        rows.extend(page.touches.iter().map(|t| format!("{t:?}")));
        rows.extend(page.conversions.iter().map(|c| format!("{c:?}")));
    }
    rows.sort();
    (rows, bounds.len())
}

#[tokio::test]
async fn journeys_read_in_small_pages_are_the_journeys_read_in_one() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use leadsource::db::analytics::Dimension;
    use leadsource::db::analytics::journeys::JourneyQuery;

    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut facts = Facts::new(&app.state.db.conn, ws.id).await;
    scenario::random(&mut facts, 11, 150).await;
    for (non_converting, text_key) in [(true, None), (false, Some(Dimension::UtmSource))] {
        let query = |page_size| JourneyQuery {
            workspace_id: ws.id,
            from: NaiveDate::from_ymd_opt(2026, 2, 1).expect("2026-02-01 is a day"),
            to: NaiveDate::from_ymd_opt(2026, 4, 30).expect("2026-04-30 is a day"),
            start: Utc
                .with_ymd_and_hms(2026, 1, 31, 23, 0, 0)
                .single()
                .expect("2026-01-31T23:00Z is a time"),
            end: Utc
                .with_ymd_and_hms(2026, 4, 30, 22, 0, 0)
                .single()
                .expect("2026-04-30T22:00Z is a time"),
            lookback_days: 30,
            kinds: Vec::new(),
            text_key,
            non_converting,
            page_size,
        };
        let (one, one_pages) = read_all(&app, &query(1_000_000)).await;
        let (many, many_pages) = read_all(&app, &query(7)).await;
        assert_eq!(one_pages, 1);
        assert!(many_pages >= 8, "{many_pages} pages");
        assert!(one.len() > 50, "{} rows", one.len());
        assert_eq!(one, many, "non_converting: {non_converting}");
    }
}
