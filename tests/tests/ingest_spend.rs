//! `recordSpend` over HTTP: upsert per (campaign, day), bad rows, batch limit, scopes, bulk size.

use leadsource::auth::Scope;
use leadsource_tests::json::text;
use leadsource_tests::{TestApp, day, test_settings};
use serde_json::{Value, json};

const RECORD: &str = r#"mutation($entries: [SpendInput!]!) {
  recordSpend(entries: $entries) { inserted updated } }"#;

/// (date, amount_cents) of the workspace's spend rows, by date.
async fn stored(app: &TestApp, ws: i64) -> Vec<(String, i64)> {
    app.pairs(&format!(
        "SELECT CAST(date AS TEXT) AS k, amount_cents AS v FROM spend \
         WHERE workspace_id = {ws} ORDER BY date"
    ))
    .await
}

#[tokio::test]
async fn spend_is_inserted_then_replaced_per_campaign_and_day() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let before = app.generation(ws.id).await;

    let first = json!([
        { "campaignId": brand, "date": day(3), "amount": "10.50", "impressions": 1000, "clicks": 20 },
        { "utmCampaign": "BRAND", "date": day(2), "amount": "20", "currency": "eur" },
        { "utmCampaign": "brand", "date": day(1), "amount": 30.25 },
    ]);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": first }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordSpend"),
        &json!({ "inserted": 3, "updated": 0 })
    );
    assert_eq!(
        app.generation(ws.id).await,
        before + 1,
        "a write bumps the generation"
    );

    let second = json!([
        { "campaignId": brand, "date": day(2), "amount": "99.99", "clicks": 5 },
        { "campaignId": brand, "date": day(0), "amount": "1" },
    ]);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": second }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordSpend"),
        &json!({ "inserted": 1, "updated": 1 })
    );
    assert_eq!(
        stored(&app, ws.id).await,
        [
            (day(3), 1050),
            (day(2), 9999),
            (day(1), 3025),
            (day(0), 100)
        ]
    );
    let clicks = app
        .scalar(&format!(
            "SELECT clicks + impressions AS n FROM spend WHERE workspace_id = {} AND amount_cents = 9999",
            ws.id
        ))
        .await;
    assert_eq!(
        clicks, 5,
        "a replaced day takes every value of the new entry"
    );
}

#[tokio::test]
async fn the_same_campaign_and_day_twice_in_one_call_keeps_the_last_entry() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let entries = json!([
        { "campaignId": brand, "date": day(1), "amount": "1" },
        { "utmCampaign": "brand", "date": day(1), "amount": "2" },
    ]);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": entries }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordSpend"),
        &json!({ "inserted": 1, "updated": 0 })
    );
    assert_eq!(stored(&app, ws.id).await, [(day(1), 200)]);
}

#[tokio::test]
async fn a_call_with_bad_rows_writes_nothing_and_lists_every_bad_row() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let other = app
        .campaign(&ws.token, "Other", Some("other"), "DISPLAY")
        .await;
    let before = app.generation(ws.id).await;
    let entries = json!([
        { "campaignId": brand, "date": day(1), "amount": "10" },
        { "campaignId": brand, "date": day(2), "amount": "-1" },
        { "campaignId": brand, "date": day(-2), "amount": "1" },
        { "utmCampaign": "nope", "date": day(1), "amount": "1" },
        { "campaignId": brand, "date": day(4), "amount": "1", "currency": "USD" },
        { "campaignId": brand, "date": day(5), "amount": "1.005", "clicks": -3 },
        { "date": day(6), "amount": "1" },
        { "campaignId": "bm90LWFuLWlk", "date": day(7), "amount": "1" },
        { "campaignId": brand, "utmCampaign": "other", "date": day(8), "amount": "1" },
        { "campaignId": other, "date": day(-1), "amount": "0", "impressions": 0 },
    ]);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": entries }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    let expected: Vec<(u64, String)> = [
        (1, "amount"),
        (2, "date"),
        (3, "campaignId"),
        (4, "currency"),
        (5, "amount"),
        (5, "clicks"),
        (6, "campaignId"),
        (7, "campaignId"),
        (8, "campaignId"),
    ]
    .into_iter()
    .map(|(i, f)| (i, f.to_owned()))
    .collect();
    assert_eq!(resp.bad_rows(), expected, "{}", resp.body);
    let reasons = resp.body["errors"][0]["extensions"]["rows"].to_string();
    assert!(
        reasons.contains("no campaign has utmCampaign \\\"nope\\\""),
        "{reasons}"
    );
    assert!(reasons.contains("no USD rate for"), "{reasons}");
    assert_eq!(app.count("spend", ws.id).await, 0, "nothing is written");
    assert_eq!(
        app.generation(ws.id).await,
        before,
        "a refused call changes no generation"
    );
}

#[tokio::test]
async fn more_rows_than_the_batch_limit_are_refused_naming_the_limit() {
    assert_eq!(
        leadsource::config::Settings::defaults().max_batch_rows,
        10_000
    );
    let probe = TestApp::spawn().await;
    let mut settings = test_settings(&probe.database_url);
    settings.max_batch_rows = 3;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let entries: Vec<Value> = (0..4)
        .map(|i| json!({ "campaignId": brand, "date": day(i), "amount": "1" }))
        .collect();
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": entries }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("entries"));
    let message = text(&resp.body["errors"][0]["message"], "the error's message");
    assert!(message.contains("MAX_BATCH_ROWS = 3"), "{message}");
    assert_eq!(app.count("spend", ws.id).await, 0);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": entries[..3] }))
        .await
        .ok();
    assert_eq!(resp.data("recordSpend/inserted"), 3);
}

#[tokio::test]
async fn a_token_without_spend_write_is_forbidden() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let token = app
        .token(ws.id, &[Scope::LeadsWrite, Scope::ReportsRead])
        .await;
    let entries = json!([{ "utmCampaign": "brand", "date": day(1), "amount": "1" }]);
    let resp = app
        .gql(Some(&token), RECORD, json!({ "entries": entries }))
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
    assert_eq!(app.count("spend", ws.id).await, 0);
    let spender = app.token(ws.id, &[Scope::SpendWrite]).await;
    app.gql(Some(&spender), RECORD, json!({ "entries": entries }))
        .await
        .ok();
    assert_eq!(app.count("spend", ws.id).await, 1);
}

#[tokio::test]
async fn spend_of_another_workspace_campaign_is_a_bad_row() {
    let app = TestApp::spawn().await;
    let acme = app.workspace("acme").await;
    let rival = app.workspace("rival").await;
    let theirs = app
        .campaign(&rival.token, "Theirs", Some("brand"), "PAID_SEARCH")
        .await;
    let entries = json!([
        { "campaignId": theirs, "date": day(1), "amount": "1" },
        { "utmCampaign": "brand", "date": day(1), "amount": "1" },
    ]);
    let resp = app
        .gql(Some(&acme.token), RECORD, json!({ "entries": entries }))
        .await;
    assert_eq!(
        resp.bad_rows(),
        [(0, "campaignId".to_owned()), (1, "campaignId".to_owned())]
    );
    assert_eq!(app.count("spend", rival.id).await, 0);
}

#[tokio::test]
async fn a_full_batch_of_ten_thousand_rows_is_stored_in_one_call() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut campaigns = Vec::new();
    for i in 0..20 {
        let utm = format!("c{i}");
        app.campaign(&ws.token, &utm, Some(&utm), "PAID_SOCIAL")
            .await;
        campaigns.push(utm);
    }
    let entries: Vec<Value> = (0..10_000)
        .map(|i| {
            json!({
                "utmCampaign": campaigns[i % 20],
                "date": day((i / 20) as i64),
                "amount": format!("{}.{:02}", i % 100, i % 7),
                "impressions": i,
                "clicks": i % 13,
            })
        })
        .collect();
    let expected_cents: i64 = (0..10_000).map(|i| (i % 100) * 100 + i % 7).sum();
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": entries }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordSpend"),
        &json!({ "inserted": 10_000, "updated": 0 })
    );
    let sum = app
        .scalar(&format!(
            "SELECT CAST(SUM(amount_cents) AS BIGINT) AS n FROM spend WHERE workspace_id = {}",
            ws.id
        ))
        .await;
    assert_eq!(sum, expected_cents);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": entries }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordSpend"),
        &json!({ "inserted": 0, "updated": 10_000 })
    );
    assert_eq!(app.count("spend", ws.id).await, 10_000);
}

/// Amounts are bounded per row, so no sum of them can overflow: two spend rows near
/// i64::MAX cents used to make every report of their range INTERNAL.
#[tokio::test]
async fn amounts_above_a_billion_per_row_are_bad_rows_and_reports_stay_answerable() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let brand = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let huge = json!([
        { "campaignId": brand, "date": day(1), "amount": "92233720368547758.07" },
        { "campaignId": brand, "date": day(2), "amount": "1000000000.01" },
        { "campaignId": brand, "date": day(3), "amount": "1000000000.00" },
    ]);
    let resp = app
        .gql(Some(&ws.token), RECORD, json!({ "entries": huge }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    let expected: Vec<(u64, String)> = vec![(0, "amount".to_owned()), (1, "amount".to_owned())];
    assert_eq!(resp.bad_rows(), expected, "{}", resp.body);
    assert_eq!(app.count("spend", ws.id).await, 0, "nothing is written");

    let most = json!([
        { "campaignId": brand, "date": day(1), "amount": "1000000000.00" },
        { "campaignId": brand, "date": day(2), "amount": "1000000000.00" },
    ]);
    app.gql(Some(&ws.token), RECORD, json!({ "entries": most }))
        .await
        .ok();
    let range = json!({ "from": day(10), "to": day(0) });
    let resp = app
        .gql(
            Some(&ws.token),
            "query($r: DateRange!) { performance(range: $r) { totals { spend } } budgetPacing(range: $r) { spentToDate } }",
            json!({ "r": range }),
        )
        .await
        .ok();
    assert_eq!(resp.data("performance/totals/spend"), "2000000000.00");
}
