//! Concurrent writers of one workspace: overlapping spend days end with exactly one row per
//! (campaign, day) holding one writer's values, and overlapping lead captures with one lead and
//! one first touchpoint per external id. Meant for PostgreSQL (`TEST_DATABASE_URL`); on SQLite
//! it checks the same promises under SQLite's single writer.

use std::collections::HashMap;

use leadsource_tests::{TestApp, day};
use serde_json::{Value, json};

const RECORD: &str = r#"mutation($entries: [SpendInput!]!) {
  recordSpend(entries: $entries) { inserted updated } }"#;
const CAPTURE: &str = r#"mutation($inputs: [LeadInput!]!) {
  captureLeads(inputs: $inputs) { created updated } }"#;
const CAMPAIGNS: usize = 3;

/// Cents that encode who wrote a row, in which round, for which day; impressions and clicks are
/// multiples of it, so a row mixing two writers' values shows.
fn cents(writer: i64, round: i64, days_ago: i64) -> i64 {
    writer * 1_000_000 + round * 10_000 + days_ago
}

fn entries(writer: i64, round: i64, days: std::ops::Range<i64>) -> Vec<Value> {
    let mut out = Vec::new();
    for d in days {
        for c in 0..CAMPAIGNS {
            let amount = cents(writer, round, d);
            out.push(json!({
                "utmCampaign": format!("c{c}"),
                "date": day(d),
                "amount": format!("{}.{:02}", amount / 100, amount % 100),
                "impressions": amount * 2,
                "clicks": amount * 3,
            }));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_writers_of_overlapping_spend_days_leave_one_row_per_key_with_one_writers_values() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    for c in 0..CAMPAIGNS {
        let utm = format!("c{c}");
        app.campaign(&ws.token, &utm, Some(&utm), "PAID_SEARCH")
            .await;
    }
    for round in 0..6 {
        // Writer 1 pushes days 0..40 and writer 2 days 20..60, at the same time.
        let one = json!({ "entries": entries(1, round, 0..40) });
        let two = json!({ "entries": entries(2, round, 20..60) });
        let (a, b) = tokio::join!(
            app.gql(Some(&ws.token), RECORD, one),
            app.gql(Some(&ws.token), RECORD, two)
        );
        a.ok();
        b.ok();

        assert_eq!(
            app.count("spend", ws.id).await,
            60 * CAMPAIGNS as i64,
            "round {round}"
        );
        let keys = app
            .scalar(&format!(
                "SELECT COUNT(*) AS n FROM (SELECT DISTINCT campaign_id, date FROM spend \
                 WHERE workspace_id = {}) k",
                ws.id
            ))
            .await;
        assert_eq!(keys, 60 * CAMPAIGNS as i64, "no duplicate (campaign, day)");
        let torn = app
            .scalar(&format!(
                "SELECT COUNT(*) AS n FROM spend WHERE workspace_id = {} \
                 AND (impressions <> 2 * amount_cents OR clicks <> 3 * amount_cents)",
                ws.id
            ))
            .await;
        assert_eq!(torn, 0, "every row holds one writer's values");

        let rows = app
            .pairs(&format!(
                "SELECT CAST(date AS TEXT) AS k, amount_cents AS v FROM spend WHERE workspace_id = {}",
                ws.id
            ))
            .await;
        let mut overlap_writers = HashMap::new();
        for (date, amount) in rows {
            let (writer, row_round) = (amount / 1_000_000, (amount / 10_000) % 100);
            let days_ago = amount % 10_000;
            assert_eq!(
                date,
                day(days_ago),
                "the row's day is the one its writer sent"
            );
            assert_eq!(
                row_round, round,
                "this round's values replaced the last round's"
            );
            match days_ago {
                0..20 => assert_eq!(writer, 1),
                40..60 => assert_eq!(writer, 2),
                _ => *overlap_writers.entry(writer).or_insert(0) += 1,
            }
        }
        assert_eq!(
            overlap_writers.len(),
            1,
            "calls are atomic: the overlap holds the values of the writer that committed last"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_writers_capturing_the_same_leads_create_each_lead_once() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let batch = |from: usize, to: usize, source: &str| -> Value {
        let inputs: Vec<Value> = (from..to)
            .map(|i| json!({ "externalId": format!("lead-{i}"), "utmSource": source, "utmMedium": "cpc" }))
            .collect();
        json!({ "inputs": inputs })
    };
    let (a, b) = tokio::join!(
        app.gql(Some(&ws.token), CAPTURE, batch(0, 6000, "google")),
        app.gql(Some(&ws.token), CAPTURE, batch(3000, 9000, "bing"))
    );
    let (a, b) = (a.ok(), b.ok());
    let created = a.int("captureLeads/created") + b.int("captureLeads/created");
    let updated = a.int("captureLeads/updated") + b.int("captureLeads/updated");
    assert_eq!((created, updated), (9000, 3000));
    assert_eq!(app.count("lead", ws.id).await, 9000);
    assert_eq!(
        app.count("touchpoint", ws.id).await,
        9000,
        "one first touch per lead"
    );
}
