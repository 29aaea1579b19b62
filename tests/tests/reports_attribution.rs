//! `attribution`, `attributionComparison`, `budgetPacing` and `explainChannel` end to end,
//! on the March 2026 scenario (`leadsource_tests::scenario`) and on tiny workspaces made for
//! one property each.

use leadsource::services::attribution::Model;
use leadsource::services::report::{
    self, AttributionSettings, DateRange, Dimension, Granularity, PerformanceArgs, ReportFilter,
    Via,
};
use leadsource_tests::facts::{Facts, Marks};
use leadsource_tests::json::{close, close_money, dec, decimal, list, text};
use leadsource_tests::{GqlResponse, TestApp, TestWorkspace, scenario};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const MARCH: &str = r#"{ from: "2026-03-01", to: "2026-03-31" }"#;

async fn scenario_app() -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut facts = Facts::new(&app.state.db.conn, ws.id).await;
    scenario::load(&mut facts).await;
    (app, ws)
}

/// The Decimal `field` of `item` (a credit: conversions, revenue, share…).
fn num(item: &Value, field: &str) -> Decimal {
    decimal(&item[field], &format!("{field} of {item}"))
}

fn by_label(items: &Value, label: &str) -> Value {
    list(items, "a list of credits")
        .iter()
        .find(|r| r["label"] == label)
        .cloned()
        .unwrap_or_else(|| panic!("no {label} in {items}"))
}

async fn attribution(app: &TestApp, ws: &TestWorkspace, model: &str, options: &str) -> GqlResponse {
    let query = format!(
        "{{ attribution(range: {MARCH}, model: {model}{options}) {{
            journeys convertingJourneys nonConvertingJourneys conversions revenue approximate
            channels {{ label conversions revenue share }}
            campaigns {{ label conversions revenue share }} }} }}"
    );
    app.gql(Some(&ws.token), &query, json!({})).await.ok()
}

#[tokio::test]
async fn attribution_counts_journeys_and_credits_channels_and_campaigns() {
    let (app, ws) = scenario_app().await;
    let resp = attribution(&app, &ws, "LINEAR", "").await;
    // Five conversions in March; L3 never converted and was touched in March; L5's only
    // conversion is in April, so it has no journey at all.
    assert_eq!(resp.data("attribution/journeys"), 6);
    assert_eq!(resp.data("attribution/convertingJourneys"), 5);
    assert_eq!(resp.data("attribution/nonConvertingJourneys"), 1);
    assert_eq!(resp.data("attribution/conversions"), "5");
    assert_eq!(resp.data("attribution/revenue"), "650.00");
    let channels = resp.data("attribution/channels");
    let ps = by_label(channels, "Paid Search");
    assert!(close(num(&ps, "conversions"), dec("7") / dec("3")), "{ps}");
    assert!(close(num(&ps, "share"), dec("7") / dec("15")), "{ps}");
    // REFERRAL is only on L3's journey, which did not convert.
    let referral = by_label(channels, "Referral");
    assert_eq!(
        (&referral["conversions"], &referral["share"]),
        (&json!("0"), &json!("0"))
    );
    // Brand: 1/3 of L1, 1/2 of L2 and of L4, all of L6; touches without campaign 13/6.
    let campaigns = resp.data("attribution/campaigns");
    let brand = by_label(campaigns, "Brand");
    assert!(
        close(num(&brand, "conversions"), dec("7") / dec("3")),
        "{brand}"
    );
    let retarget = by_label(campaigns, "Retarget");
    assert!(
        close_money(num(&retarget, "revenue"), dec("100.00")),
        "{retarget}"
    );
    let none = by_label(campaigns, "(no campaign)");
    assert!(
        close(num(&none, "conversions"), dec("13") / dec("6")),
        "{none}"
    );
    // Data-driven models credit channels only.
    let resp = attribution(&app, &ws, "MARKOV", "").await;
    assert_eq!(resp.data("attribution/campaigns"), &Value::Null);
}

#[tokio::test]
async fn every_model_credits_exactly_the_conversions_and_revenue_of_the_range() {
    let (app, ws) = scenario_app().await;
    for model in Model::ALL {
        let resp = attribution(&app, &ws, model.name(), "").await;
        let channels = resp.data("attribution/channels");
        let credited = list(channels, "attribution.channels");
        let conversions: Decimal = credited.iter().map(|c| num(c, "conversions")).sum();
        let revenue: Decimal = credited.iter().map(|c| num(c, "revenue")).sum();
        assert!(close(conversions, dec("5")), "{model:?}: {conversions}");
        assert!(close_money(revenue, dec("650.00")), "{model:?}: {revenue}");
        if model.is_rule_based() {
            let referral = by_label(channels, "Referral");
            assert_eq!(
                referral["conversions"], "0",
                "{model:?}: a channel on no converting journey"
            );
        }
    }
}

#[tokio::test]
async fn model_options_reach_the_engine_with_hand_computed_weights() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("decay").await;
    let mut f = Facts::new(&app.state.db.conn, ws.id).await;
    let none = Marks::default();
    // Touches 14 and 7 days before the conversion and at it; revenue 700.00.
    let lead = f.lead("2026-03-01T12:00:00+01:00", "DISPLAY", none).await;
    f.touch(lead, "2026-03-08T12:00:00+01:00", "EMAIL", none)
        .await;
    f.touch(lead, "2026-03-15T12:00:00+01:00", "PAID_SEARCH", none)
        .await;
    f.touch(lead, "2026-03-15T12:00:00+01:00", "AFFILIATES", none)
        .await;
    f.conversion(lead, "2026-03-15T12:00:00+01:00", "purchase", 70_000)
        .await;
    let credits = |resp: &GqlResponse| -> Vec<(String, Decimal)> {
        let mut list: Vec<(String, Decimal)> = resp
            .list("attribution/channels")
            .iter()
            .map(|c| {
                let label = text(&c["label"], "a channel's label").to_owned();
                (label, num(c, "revenue"))
            })
            .collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list
    };
    // Half-life 7 days: weights 1/4, 1/2, 1, 1 → 70, 140, 280, 280 of 770… with 700.00:
    // shares 1/11, 2/11, 4/11, 4/11.
    let resp = attribution(&app, &ws, "TIME_DECAY", ", options: { halfLifeDays: 7 }").await;
    let expected = [
        ("Affiliates", "4"),
        ("Display", "1"),
        ("Email", "2"),
        ("Paid Search", "4"),
    ];
    let credited = credits(&resp);
    assert_eq!(credited.len(), expected.len(), "{credited:?}");
    for ((label, revenue), (name, weight)) in credited.iter().zip(expected) {
        assert_eq!(label, name);
        let share = dec("700.00") * dec(weight) / dec("11");
        assert!(close_money(*revenue, share), "{label} {revenue}");
    }
    // Position-based 30/30: first 30%, last 30%, the two middle touches 20% each.
    let options = ", options: { firstWeight: 0.3, lastWeight: 0.3 }";
    let resp = attribution(&app, &ws, "POSITION_BASED", options).await;
    let expected = [
        ("Affiliates", "0.3"),
        ("Display", "0.3"),
        ("Email", "0.2"),
        ("Paid Search", "0.2"),
    ];
    let credited = credits(&resp);
    assert_eq!(credited.len(), expected.len(), "{credited:?}");
    for ((label, revenue), (name, share)) in credited.iter().zip(expected) {
        assert_eq!(label, name);
        assert!(
            close_money(*revenue, dec("700.00") * dec(share)),
            "{label} {revenue}"
        );
    }
}

#[tokio::test]
async fn markov_gives_everything_to_the_only_channel_and_shapley_treats_twins_alike() {
    let app = TestApp::spawn().await;
    let solo = app.workspace("solo").await;
    let mut f = Facts::new(&app.state.db.conn, solo.id).await;
    let none = Marks::default();
    for i in 0..4 {
        let lead = f
            .lead(
                &format!("2026-03-0{}T10:00:00+01:00", i + 1),
                "PAID_SEARCH",
                none,
            )
            .await;
        if i % 2 == 0 {
            f.conversion(
                lead,
                &format!("2026-03-1{i}T10:00:00+01:00"),
                "purchase",
                10_000,
            )
            .await;
        }
    }
    let resp = attribution(&app, &solo, "MARKOV", "").await;
    assert_eq!(resp.data("attribution/nonConvertingJourneys"), 2);
    let ps = by_label(resp.data("attribution/channels"), "Paid Search");
    assert_eq!(
        (&ps["conversions"], &ps["revenue"], &ps["share"]),
        (&json!("2"), &json!("200.00"), &json!("1"))
    );

    // Paid Search then Paid Social converts, and the reverse; each alone does not.
    let twins = app.workspace("twins").await;
    let mut f = Facts::new(&app.state.db.conn, twins.id).await;
    for (first, second) in [
        ("PAID_SEARCH", "PAID_SOCIAL"),
        ("PAID_SOCIAL", "PAID_SEARCH"),
    ] {
        let lead = f.lead("2026-03-02T10:00:00+01:00", first, none).await;
        f.touch(lead, "2026-03-03T10:00:00+01:00", second, none)
            .await;
        f.conversion(lead, "2026-03-04T10:00:00+01:00", "purchase", 10_000)
            .await;
        f.lead("2026-03-05T10:00:00+01:00", first, none).await;
    }
    for model in ["SHAPLEY", "MARKOV"] {
        let resp = attribution(&app, &twins, model, "").await;
        let channels = resp.data("attribution/channels");
        for label in ["Paid Search", "Paid Social"] {
            let c = by_label(channels, label);
            assert!(
                close(num(&c, "conversions"), dec("1")),
                "{model} {label} {c}"
            );
            assert!(
                close_money(num(&c, "revenue"), dec("100.00")),
                "{model} {label} {c}"
            );
        }
    }
}

#[tokio::test]
async fn a_comparison_lists_each_model_per_channel_with_the_spread() {
    let (app, ws) = scenario_app().await;
    let query = format!(
        "{{ attributionComparison(range: {MARCH}, models: [FIRST_TOUCH, LAST_TOUCH, LINEAR, FIRST_TOUCH]) {{
            models conversions revenue journeys
            channels {{ label minConversions maxConversions minRevenue maxRevenue
                        credits {{ model conversions revenue }} }} }} }}"
    );
    let resp = app.gql(Some(&ws.token), &query, json!({})).await.ok();
    assert_eq!(
        resp.data("attributionComparison/models"),
        &json!(["FIRST_TOUCH", "LAST_TOUCH", "LINEAR"])
    );
    assert_eq!(resp.data("attributionComparison/journeys"), 6);
    let channels = resp.data("attributionComparison/channels");
    let ps = by_label(channels, "Paid Search");
    // LINEAR: 7/3 conversions and 250.00 (to the engine's 1e-9); the others 2 and 3.
    assert_eq!(
        (&ps["minConversions"], &ps["maxConversions"]),
        (&json!("2"), &json!("3"))
    );
    assert!(close_money(num(&ps, "minRevenue"), dec("250.00")), "{ps}");
    assert_eq!(ps["maxRevenue"], "300.00");
    let direct = by_label(channels, "Direct");
    let models: Vec<&Value> = list(&direct["credits"], "Direct's credits")
        .iter()
        .map(|x| &x["model"])
        .collect();
    assert_eq!(
        models,
        [
            &json!("FIRST_TOUCH"),
            &json!("LAST_TOUCH"),
            &json!("LINEAR")
        ]
    );
    assert_eq!(
        (&direct["minConversions"], &direct["maxConversions"]),
        (&json!("0"), &json!("1"))
    );
    assert_eq!(
        (&direct["minRevenue"], &direct["maxRevenue"]),
        (&json!("0.00"), &json!("300.00"))
    );
}

#[tokio::test]
async fn single_touch_models_give_the_same_credits_in_sql_and_in_the_engine() {
    let (app, ws) = scenario_app().await;
    let db = &app.state.db.conn;
    let range = DateRange::new(
        "range",
        "2026-03-01".parse().expect("a date"),
        "2026-03-31".parse().expect("a date"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for model in [Model::FirstTouch, Model::LastTouch, Model::LastNonDirect] {
        for dimension in [
            Dimension::Channel,
            Dimension::Campaign,
            Dimension::UtmSource,
            Dimension::UtmMedium,
            Dimension::UtmCampaign,
        ] {
            for lookback in [90, 10] {
                let settings = AttributionSettings {
                    lookback_days: lookback,
                    ..AttributionSettings::default()
                };
                let args = PerformanceArgs::new(
                    range,
                    dimension,
                    model,
                    settings,
                    Some(Granularity::Week),
                    None,
                    ReportFilter::default(),
                )
                .unwrap_or_else(|e| panic!("{e}"));
                let sql = report::performance_via(db, ws.id, &args, Via::Auto)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                let engine = report::performance_via(db, ws.id, &args, Via::Engine)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                let credits = |r: &report::PerformanceReport| -> Vec<(report::RowKey, _, _)> {
                    r.rows
                        .iter()
                        .map(|row| {
                            (
                                row.key.clone(),
                                row.metrics.conversions,
                                row.metrics.revenue,
                            )
                        })
                        .collect()
                };
                assert_eq!(
                    credits(&sql),
                    credits(&engine),
                    "{model:?} {dimension:?} {lookback}"
                );
                let buckets = |r: &report::PerformanceReport| -> Vec<_> {
                    r.series
                        .iter()
                        .flatten()
                        .map(|b| (b.totals.conversions, b.totals.revenue))
                        .collect()
                };
                assert_eq!(
                    buckets(&sql),
                    buckets(&engine),
                    "{model:?} {dimension:?} {lookback}"
                );
            }
        }
    }
}

#[tokio::test]
async fn budget_pacing_projects_the_run_rate_to_each_period_end() {
    let (app, ws) = scenario_app().await;
    let query = r#"query($asOf: Date) { budgetPacing(range: { from: "2026-03-01", to: "2026-04-30" }, asOf: $asOf) {
        campaignName periodStart planned spentToDate projected elapsedDays totalDays status } }"#;
    let resp = app
        .gql(Some(&ws.token), query, json!({ "asOf": "2026-03-15" }))
        .await
        .ok();
    // Brand: 250.00 in 15 of 31 days → 516.67; Retarget: 80.00 → 165.33; April not started.
    assert_eq!(
        resp.data("budgetPacing"),
        &json!([
            { "campaignName": "Brand", "periodStart": "2026-03-01", "planned": "300.00", "spentToDate": "250.00",
              "projected": "516.67", "elapsedDays": 15, "totalDays": 31, "status": "OVER" },
            { "campaignName": "Retarget", "periodStart": "2026-03-01", "planned": "500.00", "spentToDate": "80.00",
              "projected": "165.33", "elapsedDays": 15, "totalDays": 31, "status": "UNDER" },
            { "campaignName": "Brand", "periodStart": "2026-04-01", "planned": "100.00", "spentToDate": "0.00",
              "projected": "0.00", "elapsedDays": 0, "totalDays": 30, "status": "ON_TRACK" },
        ])
    );
    let resp = app
        .gql(Some(&ws.token), query, json!({ "asOf": "2026-05-01" }))
        .await
        .ok();
    assert_eq!(resp.data("budgetPacing/2/spentToDate"), "999.00");
    assert_eq!(resp.data("budgetPacing/2/status"), "OVER");
    assert_eq!(
        resp.data("budgetPacing/0/projected"),
        "250.00",
        "a finished period projects its spend"
    );
}

#[tokio::test]
async fn explain_channel_names_the_channel_and_the_rule_that_matched() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let query = r#"query($input: TouchInput!) { explainChannel(input: $input) {
        kind ruleId rulesVersion utmSource utmMedium clickId referrerHost channel { kind isDefault } } }"#;
    let resp = app
        .gql(
            Some(&ws.token),
            query,
            json!({ "input": { "landingPage": "https://acme.com/demo?gclid=Cj0KCQ" } }),
        )
        .await
        .ok();
    assert_eq!(resp.data("explainChannel/kind"), "PAID_SEARCH");
    assert_eq!(resp.data("explainChannel/ruleId"), "ga4.paid_search");
    assert_eq!(resp.data("explainChannel/clickId"), "gclid");
    assert_eq!(
        resp.data("explainChannel/channel"),
        &json!({ "kind": "PAID_SEARCH", "isDefault": true })
    );
    let resp = app
        .gql(
            Some(&ws.token),
            query,
            json!({ "input": { "referrer": "https://chatgpt.com/" } }),
        )
        .await
        .ok();
    assert_eq!(resp.data("explainChannel/kind"), "AI_ASSISTANT");
    assert_eq!(resp.data("explainChannel/referrerHost"), "chatgpt.com");
    // Garbage is classified, never refused (a NUL is refused up front, like everywhere:
    // tests/tests/bad_input_nul.rs).
    let resp = app
        .gql(
            Some(&ws.token),
            query,
            json!({ "input": { "utmSource": "\u{7}\u{1b}", "referrer": "::::" } }),
        )
        .await
        .ok();
    assert!(resp.data("explainChannel/kind").is_string());
}
