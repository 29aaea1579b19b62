//! What counts as a customer and as a conversion: `newCustomers` (and so CAC) counts a lead's
//! first purchase, not its first conversion of any kind; `attribution`,
//! `attributionComparison` and `budgetSuggestions` take the same `conversionKinds` filter as
//! `performance`.

use leadsource_tests::facts::{Facts, Marks};
use leadsource_tests::json::dec;
use leadsource_tests::{TestApp, TestWorkspace};
use serde_json::json;

/// Two leads from Paid Search in March 2026 (spend 300.00 on the 5th): A signs up on the 2nd
/// and buys (500.00) on the 20th; B only signs up, on the 3rd.
async fn two_leads() -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn().await;
    let ws = app.workspace("goal").await;
    let mut f = Facts::new(&app.state.db.conn, ws.id).await;
    let campaign = f.campaign("PAID_SEARCH", "Brand", Some("brand")).await;
    let marks = Marks {
        campaign: Some(campaign),
        ..Marks::default()
    };
    let a = f.lead("2026-03-01T09:00:00Z", "PAID_SEARCH", marks).await;
    let b = f.lead("2026-03-01T10:00:00Z", "PAID_SEARCH", marks).await;
    f.conversion(a, "2026-03-02T09:00:00Z", "signup", 0).await;
    f.conversion(a, "2026-03-20T09:00:00Z", "purchase", 50_000)
        .await;
    f.conversion(b, "2026-03-03T09:00:00Z", "signup", 0).await;
    f.spend(campaign, "2026-03-05", 30_000).await;
    (app, ws)
}

async fn totals(
    app: &TestApp,
    ws: &TestWorkspace,
    from: &str,
    to: &str,
    kinds: &str,
) -> serde_json::Value {
    let query = format!(
        r#"{{ performance(range: {{ from: "{from}", to: "{to}" }}{kinds}) {{
            totals {{ convertedLeads newCustomers conversions cac }} }} }}"#
    );
    app.gql(Some(&ws.token), &query, json!({}))
        .await
        .ok()
        .data("performance/totals")
        .clone()
}

#[tokio::test]
async fn a_new_customer_is_a_lead_whose_first_purchase_falls_in_the_range() {
    let (app, ws) = two_leads().await;
    // Both signed up in the first ten days, nobody bought: two converted leads, no customer.
    let early = totals(&app, &ws, "2026-03-01", "2026-03-10", "").await;
    assert_eq!(early["convertedLeads"], 2, "{early}");
    assert_eq!(early["newCustomers"], 0, "{early}");
    assert!(early["cac"].is_null(), "no customer, no CAC: {early}");
    // A's purchase on the 20th makes one new customer in the rest of the month.
    let late = totals(&app, &ws, "2026-03-11", "2026-03-31", "").await;
    assert_eq!(late["newCustomers"], 1, "{late}");
    // Over the month: one customer for 300.00 of spend.
    let march = totals(&app, &ws, "2026-03-01", "2026-03-31", "").await;
    assert_eq!(march["newCustomers"], 1, "{march}");
    assert_eq!(march["cac"], "300.00", "{march}");
    // With a kinds filter, a new customer is a lead whose first conversion of those kinds
    // falls in the range: both signed up early.
    let signups = r#", filter: { conversionKinds: ["signup"] }"#;
    let early = totals(&app, &ws, "2026-03-01", "2026-03-10", signups).await;
    assert_eq!(early["newCustomers"], 2, "{early}");
    assert_eq!(early["cac"], "150.00", "{early}");
}

#[tokio::test]
async fn attribution_and_comparisons_count_only_the_conversion_kinds_asked() {
    let (app, ws) = two_leads().await;
    let range = r#"{ from: "2026-03-01", to: "2026-03-31" }"#;
    for (kinds, conversions, revenue) in [
        ("", 3, "500.00"),
        (r#", conversionKinds: ["purchase"]"#, 1, "500.00"),
        (r#", conversionKinds: [" Signup "]"#, 2, "0.00"),
    ] {
        for model in ["FIRST_TOUCH", "LINEAR", "MARKOV"] {
            let query = format!(
                "{{ attribution(range: {range}, model: {model}{kinds}) {{ conversions revenue }}
                   attributionComparison(range: {range}, models: [{model}, LAST_TOUCH]{kinds}) {{
                     conversions revenue }} }}"
            );
            let resp = app.gql(Some(&ws.token), &query, json!({})).await.ok();
            for report in ["attribution", "attributionComparison"] {
                assert_eq!(
                    resp.decimal(&format!("{report}/conversions")),
                    dec(&conversions.to_string()),
                    "{report} {model}{kinds}"
                );
                assert_eq!(
                    resp.decimal(&format!("{report}/revenue")),
                    dec(revenue),
                    "{report} {model}{kinds}"
                );
            }
        }
    }
}

#[tokio::test]
async fn bad_conversion_kinds_are_refused_naming_the_argument() {
    let (app, ws) = two_leads().await;
    let long = "k".repeat(201);
    let range = r#"{ from: "2026-03-01", to: "2026-03-31" }"#;
    for field in [
        format!(
            "attribution(range: {range}, model: LINEAR, conversionKinds: [\"{long}\"]) {{ conversions }}"
        ),
        format!(
            "attributionComparison(range: {range}, models: [LINEAR], conversionKinds: [\"{long}\"]) {{ conversions }}"
        ),
        format!(
            "budgetSuggestions(range: {range}, conversionKinds: [\"{long}\"]) {{ totalBudget }}"
        ),
    ] {
        let resp = app
            .gql(Some(&ws.token), &format!("{{ {field} }}"), json!({}))
            .await;
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{field}");
        assert_eq!(resp.error_field(), Some("conversionKinds"), "{field}");
    }
}
