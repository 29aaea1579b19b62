//! Amounts in other currencies: `recordFxRates` (and `leadsource import fx`) fill the
//! workspace's FX table; spend and conversion revenue sent in another ISO 4217 currency are
//! converted at the rate of their day (or the latest earlier one, at most 7 days old),
//! rounded half to even to the cent per row, with the amount as sent kept; a missing rate
//! refuses the row naming the day and currency, and nothing of the call is stored. Runs on
//! SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

use leadsource::config::ImportKind;
use leadsource::import::run;
use leadsource_tests::import::{csv_file, import_args};
use leadsource_tests::{TestApp, TestWorkspace};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

const RATES: &str = r#"mutation($entries: [FxRateInput!]!) {
  recordFxRates(entries: $entries) { inserted updated } }"#;
const SPEND: &str = r#"mutation($entries: [SpendInput!]!) {
  recordSpend(entries: $entries) { inserted updated } }"#;
const CAPTURE: &str =
    r#"mutation($inputs: [LeadInput!]!) { captureLeads(inputs: $inputs) { created } }"#;
const CONVERT: &str = r#"mutation($inputs: [ConversionInput!]!) {
  recordConversions(inputs: $inputs) { recorded } }"#;

async fn setup() -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    (app, ws)
}

/// USD and GBP rates into EUR around March 2026 (no rate on the weekend of 7–8 March).
async fn rates(app: &TestApp, ws: &TestWorkspace) {
    let entries = json!([
        { "date": "2026-03-02", "currency": "USD", "rate": "0.9" },
        { "date": "2026-03-06", "currency": "USD", "rate": "1.085" },
        { "date": "2026-03-09", "currency": "usd", "rate": "1.095" },
        { "date": "2026-03-06", "currency": "GBP", "rate": "1.2" },
    ]);
    let resp = app
        .gql(Some(&ws.token), RATES, json!({ "entries": entries }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordFxRates"),
        &json!({ "inserted": 4, "updated": 0 })
    );
}

/// (date, amount_cents, original_amount_cents, original_currency) of the spend rows.
async fn spend_rows(app: &TestApp, ws: i64) -> Vec<(String, i64, Option<i64>, Option<String>)> {
    entity::spend::Entity::find()
        .filter(entity::spend::Column::WorkspaceId.eq(ws))
        .order_by_asc(entity::spend::Column::Date)
        .all(&app.state.db.conn)
        .await
        .expect("spend")
        .into_iter()
        .map(|s| {
            (
                s.date.to_string(),
                s.amount_cents,
                s.original_amount_cents,
                s.original_currency,
            )
        })
        .collect()
}

#[tokio::test]
async fn spend_in_another_currency_is_converted_at_its_days_rate_rounded_half_to_even() {
    let (app, ws) = setup().await;
    rates(&app, &ws).await;
    let entries = json!([
        // 1.00 USD × 1.085 = 1.085 → 1.08 (the tie goes to the even cent).
        { "utmCampaign": "brand", "date": "2026-03-06", "amount": "1.00", "currency": "USD" },
        // No rate on Sunday: Friday's applies; 2.00 × 1.085 = 2.17 exactly.
        { "utmCampaign": "brand", "date": "2026-03-08", "amount": "2", "currency": "USD" },
        // 1.00 × 1.095 = 1.095 → 1.10.
        { "utmCampaign": "brand", "date": "2026-03-09", "amount": "1.00", "currency": "USD" },
        // Seven days after the last rate is still served by it: 10.00 × 1.095 = 10.95.
        { "utmCampaign": "brand", "date": "2026-03-16", "amount": "10", "currency": "USD" },
        // The reporting currency, named or not, is stored as sent.
        { "utmCampaign": "brand", "date": "2026-03-10", "amount": "3.33", "currency": "eur" },
        { "utmCampaign": "brand", "date": "2026-03-11", "amount": "4.44" },
    ]);
    let resp = app
        .gql(Some(&ws.token), SPEND, json!({ "entries": entries }))
        .await
        .ok();
    assert_eq!(resp.data("recordSpend/inserted"), &json!(6));
    let usd = |cents| (Some(cents), Some("USD".to_owned()));
    let expected = vec![
        ("2026-03-06", 108, usd(100)),
        ("2026-03-08", 217, usd(200)),
        ("2026-03-09", 110, usd(100)),
        ("2026-03-10", 333, (None, None)),
        ("2026-03-11", 444, (None, None)),
        ("2026-03-16", 1095, usd(1000)),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(d, c, (oc, cur))| (d.to_owned(), c, oc, cur))
        .collect();
    assert_eq!(spend_rows(&app, ws.id).await, expected);

    // Reports sum the stored (converted) cents: 1.08 + 2.17 + 1.10 + 3.33 + 4.44 + 10.95.
    let resp = app
        .gql(
            Some(&ws.token),
            r#"{ performance(range: { from: "2026-03-01", to: "2026-03-31" }) { totals { spend } } }"#,
            json!({}),
        )
        .await
        .ok();
    assert_eq!(resp.data("performance/totals/spend"), &json!("23.07"));

    // Sending a day again in the reporting currency forgets the original.
    app.gql(
        Some(&ws.token),
        SPEND,
        json!({ "entries": [{ "utmCampaign": "brand", "date": "2026-03-06", "amount": "5" }] }),
    )
    .await
    .ok();
    assert_eq!(
        spend_rows(&app, ws.id).await[0],
        ("2026-03-06".to_owned(), 500, None, None)
    );
}

#[tokio::test]
async fn a_missing_or_stale_rate_refuses_the_row_naming_day_and_currency_and_stores_nothing() {
    let (app, ws) = setup().await;
    rates(&app, &ws).await;
    let generation = app.generation(ws.id).await;
    let entries = json!([
        { "utmCampaign": "brand", "date": "2026-03-06", "amount": "1", "currency": "USD" },
        // Eight days after the last USD rate: stale.
        { "utmCampaign": "brand", "date": "2026-03-17", "amount": "1", "currency": "USD" },
        // Before the first rate.
        { "utmCampaign": "brand", "date": "2026-03-01", "amount": "1", "currency": "USD" },
        // A currency without any rate, and one that is no currency.
        { "utmCampaign": "brand", "date": "2026-03-06", "amount": "1", "currency": "JPY" },
        { "utmCampaign": "brand", "date": "2026-03-06", "amount": "1", "currency": "DOLLARS" },
    ]);
    let resp = app
        .gql(Some(&ws.token), SPEND, json!({ "entries": entries }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    let expected: Vec<(u64, String)> = (1..=4).map(|i| (i, "currency".to_owned())).collect();
    assert_eq!(resp.bad_rows(), expected, "{}", resp.body);
    let rows = resp.body["errors"][0]["extensions"]["rows"].to_string();
    for needle in [
        "no USD rate for 2026-03-17",
        "no USD rate for 2026-03-01",
        "no JPY rate for 2026-03-06",
        "ISO 4217",
    ] {
        assert!(rows.contains(needle), "{needle}: {rows}");
    }
    assert_eq!(app.count("spend", ws.id).await, 0, "nothing is written");
    assert_eq!(app.generation(ws.id).await, generation);
}

#[tokio::test]
async fn conversion_revenue_is_converted_at_the_rate_of_its_local_day() {
    let (app, ws) = setup().await;
    rates(&app, &ws).await;
    app.gql(
        Some(&ws.token),
        CAPTURE,
        json!({ "inputs": [{ "externalId": "ada", "createdAt": "2026-03-01T10:00:00Z" }] }),
    )
    .await
    .ok();
    // 2026-03-08T23:30Z is already the 9th in Paris (the workspace's zone): 1.095 applies.
    let inputs = json!([
        { "externalId": "c-gbp", "leadExternalId": "ada", "kind": "purchase", "occurredAt": "2026-03-06T12:00:00Z", "revenue": "10.01", "currency": "GBP" },
        { "externalId": "c-usd", "leadExternalId": "ada", "kind": "opportunity", "occurredAt": "2026-03-08T23:30:00Z", "revenue": "100", "currency": "USD" },
        { "externalId": "c-eur", "leadExternalId": "ada", "kind": "signup", "occurredAt": "2026-03-07T12:00:00Z", "revenue": "1" },
    ]);
    app.gql(Some(&ws.token), CONVERT, json!({ "inputs": inputs }))
        .await
        .ok();
    let stored: Vec<(String, i64, Option<i64>, Option<String>)> =
        entity::conversion::Entity::find()
            .filter(entity::conversion::Column::WorkspaceId.eq(ws.id))
            .order_by_asc(entity::conversion::Column::ExternalId)
            .all(&app.state.db.conn)
            .await
            .expect("conversions")
            .into_iter()
            .map(|c| {
                (
                    c.external_id,
                    c.revenue_cents,
                    c.original_amount_cents,
                    c.original_currency,
                )
            })
            .collect();
    assert_eq!(
        stored,
        vec![
            ("c-eur".to_owned(), 100, None, None),
            // 10.01 × 1.2 = 12.012 → 12.01.
            ("c-gbp".to_owned(), 1201, Some(1001), Some("GBP".to_owned())),
            (
                "c-usd".to_owned(),
                10950,
                Some(10000),
                Some("USD".to_owned())
            ),
        ]
    );
    let resp = app
        .gql(
            Some(&ws.token),
            "{ conversions(first: 10) { nodes { externalId revenue originalRevenue originalCurrency } } }",
            json!({}),
        )
        .await
        .ok();
    let nodes = resp.data("conversions/nodes").as_array().expect("nodes");
    let usd = nodes
        .iter()
        .find(|n| n["externalId"] == "c-usd")
        .expect("c-usd");
    assert_eq!(
        usd,
        &json!({ "externalId": "c-usd", "revenue": "109.50", "originalRevenue": "100.00", "originalCurrency": "USD" })
    );
    let eur = nodes
        .iter()
        .find(|n| n["externalId"] == "c-eur")
        .expect("c-eur");
    assert_eq!(eur["originalCurrency"], Value::Null);

    // No rate: the row is refused naming the conversion's local day.
    let resp = app
        .gql(
            Some(&ws.token),
            CONVERT,
            json!({ "inputs": [{ "externalId": "c-chf", "leadExternalId": "ada", "kind": "purchase", "occurredAt": "2026-03-06T12:00:00Z", "revenue": "1", "currency": "CHF" }] }),
        )
        .await;
    assert_eq!(
        resp.bad_rows(),
        vec![(0, "currency".to_owned())],
        "{}",
        resp.body
    );
    assert!(resp.body.to_string().contains("no CHF rate for 2026-03-06"));
    assert_eq!(app.count("conversion", ws.id).await, 3);
}

#[tokio::test]
async fn rates_are_upserted_per_currency_and_day_and_bad_rates_are_all_listed() {
    let (app, ws) = setup().await;
    rates(&app, &ws).await;
    let before = app.generation(ws.id).await;
    let resp = app
        .gql(
            Some(&ws.token),
            RATES,
            json!({ "entries": [
                { "date": "2026-03-06", "currency": "USD", "rate": "1.08" },
                { "date": "2026-03-06", "currency": "USD", "rate": "1.07" },
                { "date": "2026-03-05", "currency": "USD", "rate": "1.06" },
            ] }),
        )
        .await
        .ok();
    assert_eq!(
        resp.data("recordFxRates"),
        &json!({ "inserted": 1, "updated": 1 }),
        "a day sent twice counts once, the last entry wins"
    );
    assert!(
        app.generation(ws.id).await > before,
        "a stored call bumps the generation"
    );
    let rate: Vec<(String, String)> = entity::fx_rate::Entity::find()
        .filter(entity::fx_rate::Column::WorkspaceId.eq(ws.id))
        .filter(entity::fx_rate::Column::Currency.eq("USD"))
        .order_by_asc(entity::fx_rate::Column::Date)
        .all(&app.state.db.conn)
        .await
        .expect("rates")
        .into_iter()
        .map(|r| (r.date.to_string(), r.rate))
        .collect();
    let pair = |d: &str, r: &str| (d.to_owned(), r.to_owned());
    assert_eq!(
        rate,
        vec![
            pair("2026-03-02", "0.9"),
            pair("2026-03-05", "1.06"),
            pair("2026-03-06", "1.07"),
            pair("2026-03-09", "1.095"),
        ]
    );

    let generation = app.generation(ws.id).await;
    let resp = app
        .gql(
            Some(&ws.token),
            RATES,
            json!({ "entries": [
                { "date": "2026-03-06", "currency": "CHF", "rate": "1.05" },
                { "date": "2026-03-06", "currency": "EUR", "rate": "1" },
                { "date": "2026-03-06", "currency": "ABC", "rate": "1" },
                { "date": "2026-03-06", "currency": "USD", "rate": "0" },
                { "date": "2026-03-06", "currency": "USD", "rate": "-1.2" },
                { "date": "2026-02-30", "currency": "USD", "rate": "1" },
                { "date": "2026-03-06", "currency": "USD", "rate": "lots" },
                { "date": "2999-01-01", "currency": "USD", "rate": "1" },
            ] }),
        )
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    let expected: Vec<(u64, String)> = [
        (1, "currency"),
        (2, "currency"),
        (3, "rate"),
        (4, "rate"),
        (5, "date"),
        (6, "rate"),
        (7, "date"),
    ]
    .into_iter()
    .map(|(i, f)| (i, f.to_owned()))
    .collect();
    assert_eq!(resp.bad_rows(), expected, "{}", resp.body);
    assert!(resp.body.to_string().contains("reporting currency"));
    assert_eq!(
        app.count("fx_rate", ws.id).await,
        5,
        "the CHF row is not stored"
    );
    assert_eq!(app.generation(ws.id).await, generation);
}

#[tokio::test]
async fn leadsource_import_fx_reads_date_currency_rate_files() {
    let (app, ws) = setup().await;
    let text = "date,currency,rate\n2026-03-06,USD,1.085\n2026-03-06,gbp,1.2\n2026-03-07,EUR,1\n2026-03-09,USD,0\n";
    let args = import_args(&app, &ws.token, ImportKind::Fx, csv_file(text), 10);
    let report = run(&args).await.expect("import runs");
    let bad: Vec<(u64, &str)> = report
        .bad_lines
        .iter()
        .map(|b| (b.line, b.column.as_str()))
        .collect();
    assert_eq!(bad, [(4, "currency"), (5, "rate")], "{}", report.summary());
    assert_eq!(app.count("fx_rate", ws.id).await, 0);

    let text = "date,currency,rate\n2026-03-06,USD,1.085\n2026-03-06,gbp,1.2\n";
    let args = import_args(&app, &ws.token, ImportKind::Fx, csv_file(text), 10);
    let report = run(&args).await.expect("import runs");
    assert!(report.bad_lines.is_empty(), "{}", report.summary());
    assert_eq!(report.totals.get("inserted"), Some(&2));
    assert_eq!(app.count("fx_rate", ws.id).await, 2);
}
