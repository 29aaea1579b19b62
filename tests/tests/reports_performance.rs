//! `performance` end to end on the hand-made March 2026 scenario (`leadsource_tests::scenario`):
//! every number below is worked out by hand from the table in that module.

use leadsource_tests::facts::Facts;
use leadsource_tests::json::{close, close_money, dec, decimal, int, list, text};
use leadsource_tests::{GqlResponse, TestApp, TestWorkspace, scenario};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const METRICS: &str =
    "leads convertedLeads newCustomers conversions revenue spend roi roas cpl cac conversionRate";

fn report_query(extra_args: &str, extra_fields: &str) -> String {
    format!(
        "query($range: DateRange!) {{ performance(range: $range{extra_args}) {{
            rows {{ key label metrics {{ {METRICS} }} }}
            totals {{ {METRICS} }} {extra_fields} }} }}"
    )
}

async fn scenario_app() -> (TestApp, TestWorkspace) {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let mut facts = Facts::new(&app.state.db.conn, ws.id).await;
    scenario::load(&mut facts).await;
    (app, ws)
}

async fn march(
    app: &TestApp,
    ws: &TestWorkspace,
    extra_args: &str,
    extra_fields: &str,
) -> GqlResponse {
    let range = json!({ "range": { "from": "2026-03-01", "to": "2026-03-31" } });
    app.gql(
        Some(&ws.token),
        &report_query(extra_args, extra_fields),
        range,
    )
    .await
    .ok()
}

/// The row labelled `label`, as `[leads, convertedLeads, newCustomers, conversions, revenue,
/// spend, roi, roas, cpl, cac, conversionRate]` (JSON values; strings for decimals).
fn row(resp: &GqlResponse, label: &str) -> Vec<Value> {
    let found = resp
        .list("performance/rows")
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label}: {}", resp.body));
    metrics(&found["metrics"])
}

/// Each of [`METRICS`] in `m`; a null is kept (a ratio over zero), an absent field fails.
fn metrics(m: &Value) -> Vec<Value> {
    METRICS
        .split(' ')
        .map(|f| m.get(f).cloned().unwrap_or_else(|| panic!("no {f} in {m}")))
        .collect()
}

fn labels(resp: &GqlResponse) -> Vec<String> {
    resp.list("performance/rows")
        .iter()
        .map(|r| text(&r["label"], "a row's label").to_owned())
        .collect()
}

#[tokio::test]
async fn a_channel_report_gives_the_hand_computed_first_touch_numbers() {
    let (app, ws) = scenario_app().await;
    let resp = march(&app, &ws, "", "").await;
    assert_eq!(
        labels(&resp),
        [
            "Paid Search",
            "Paid Social",
            "Organic Search",
            "Direct",
            "Referral"
        ],
        "by revenue, then leads, then channel"
    );
    // L1 and L6 are Paid Search leads; L1 (300.00) and L6 (signup) convert first-touch there.
    // Only L1 bought: one new customer, so CAC is the whole 250.00 of spend.
    assert_eq!(
        Value::from(row(&resp, "Paid Search")),
        json!([
            2, 2, 1, "2", "300.00", "250.00", "0.2", "1.2", "125.00", "250.00", "1"
        ])
    );
    assert_eq!(
        Value::from(row(&resp, "Paid Social")),
        json!([
            1, 1, 1, "1", "200.00", "80.00", "1.5", "2.5", "80.00", "80.00", "1"
        ])
    );
    // L4 (first touch in February) and L8 (touches older than the lookback: its source).
    assert_eq!(
        Value::from(row(&resp, "Organic Search")),
        json!([
            0, 0, 2, "2", "150.00", "0.00", null, null, null, "0.00", null
        ])
    );
    assert_eq!(
        Value::from(row(&resp, "Direct")),
        json!([1, 0, 0, "0", "0.00", "0.00", null, null, "0.00", null, "0"])
    );
    let totals = metrics(resp.data("performance/totals"));
    assert_eq!(
        Value::from(&totals[..6]),
        json!([5, 3, 4, "5", "650.00", "330.00"])
    );
    // (650 − 330) / 330 and 650 / 330, exact to 28 digits; CPL = 330 / 5 leads, CAC =
    // 330 / 4 new customers (L6's signup makes no customer).
    assert_eq!(totals[6], "0.9696969696969696969696969697");
    assert_eq!(totals[7], "1.9696969696969696969696969697");
    assert_eq!(Value::from(&totals[8..]), json!(["66.00", "82.50", "0.6"]));
}

#[tokio::test]
async fn totals_equal_the_sums_of_their_rows_for_every_dimension_and_model() {
    let (app, ws) = scenario_app().await;
    for dimension in [
        "CHANNEL",
        "CAMPAIGN",
        "UTM_SOURCE",
        "UTM_MEDIUM",
        "UTM_CAMPAIGN",
    ] {
        for model in [
            "FIRST_TOUCH",
            "LAST_TOUCH",
            "LINEAR",
            "TIME_DECAY",
            "MARKOV",
            "SHAPLEY",
        ] {
            let args = format!(", dimension: {dimension}, attribution: {model}");
            let resp = march(&app, &ws, &args, "").await;
            let rows = resp.list("performance/rows");
            let totals = resp.data("performance/totals");
            for field in ["leads", "convertedLeads", "newCustomers"] {
                let sum: i64 = rows.iter().map(|r| int(&r["metrics"][field], field)).sum();
                assert_eq!(json!(sum), totals[field], "{dimension} {model} {field}");
            }
            for field in ["conversions", "revenue", "spend"] {
                if totals[field].is_null() {
                    assert!(
                        dimension.starts_with("UTM"),
                        "spend is null only for UTM values"
                    );
                    assert!(rows.iter().all(|r| r["metrics"][field].is_null()));
                } else {
                    let sum: Decimal = rows
                        .iter()
                        .map(|r| decimal(&r["metrics"][field], field))
                        .sum();
                    let total = decimal(&totals[field], field);
                    assert!(
                        close(sum, total),
                        "{dimension} {model} {field}: {sum} ≠ {total}"
                    );
                }
            }
            let totals_of = |field: &str| decimal(&totals[field], field);
            assert_eq!(totals_of("conversions"), dec("5"), "{dimension} {model}");
            assert_eq!(totals_of("revenue"), dec("650.00"), "{dimension} {model}");
        }
    }
}

#[tokio::test]
async fn every_ratio_is_null_where_its_denominator_is_zero() {
    let (app, ws) = scenario_app().await;
    // Nothing happened in 2025-01: every total is zero and every ratio null.
    let resp = app
        .gql(
            Some(&ws.token),
            &report_query("", ""),
            json!({ "range": { "from": "2025-01-01", "to": "2025-01-31" } }),
        )
        .await
        .ok();
    assert_eq!(resp.data("performance/rows"), &json!([]));
    assert_eq!(
        Value::from(metrics(resp.data("performance/totals"))),
        json!([0, 0, 0, "0", "0.00", "0.00", null, null, null, null, null])
    );
    // UTM values carry no spend: spend and every spend ratio are null, conversion rate is not.
    let resp = march(&app, &ws, ", dimension: UTM_SOURCE", "").await;
    assert_eq!(
        Value::from(row(&resp, "google")),
        json!([2, 2, 3, "4", "450.00", null, null, null, null, null, "1"])
    );
    assert_eq!(resp.data("performance/totals/spend"), &Value::Null);
}

#[tokio::test]
async fn campaign_and_utm_rows_keep_the_values_that_are_not_set() {
    let (app, ws) = scenario_app().await;
    let resp = march(&app, &ws, ", dimension: CAMPAIGN", "").await;
    assert_eq!(labels(&resp), ["Brand", "Retarget", "(no campaign)"]);
    assert_eq!(
        Value::from(row(&resp, "Brand")),
        json!([
            2, 2, 1, "2", "300.00", "250.00", "0.2", "1.2", "125.00", "250.00", "1"
        ])
    );
    // L3 and L5 have no campaign; L4 and L8 convert first-touch without one.
    assert_eq!(
        Value::from(row(&resp, "(no campaign)")),
        json!([
            2, 0, 2, "2", "150.00", "0.00", null, null, "0.00", "0.00", "0"
        ])
    );
    let resp = march(&app, &ws, ", dimension: UTM_SOURCE", "").await;
    assert_eq!(labels(&resp), ["google", "facebook", "(not set)", "blog"]);
    assert_eq!(row(&resp, "(not set)")[0], json!(1), "L5 has no utm_source");
}

#[tokio::test]
async fn last_touch_models_credit_the_hand_computed_channels() {
    let (app, ws) = scenario_app().await;
    // L1 ends on Direct; L2, L4 and L6 on Paid Search; L8 falls back to Organic Search.
    let resp = march(&app, &ws, ", attribution: LAST_TOUCH", "").await;
    assert_eq!(
        row(&resp, "Paid Search")[3..5],
        [json!("3"), json!("300.00")]
    );
    assert_eq!(row(&resp, "Direct")[3..5], [json!("1"), json!("300.00")]);
    assert_eq!(
        row(&resp, "Organic Search")[3..5],
        [json!("1"), json!("50.00")]
    );
    assert_eq!(row(&resp, "Paid Social")[3..5], [json!("0"), json!("0.00")]);
    // LAST_NON_DIRECT skips L1's Direct visit for its Email touch.
    let resp = march(&app, &ws, ", attribution: LAST_NON_DIRECT", "").await;
    assert_eq!(row(&resp, "Email")[3..5], [json!("1"), json!("300.00")]);
    assert_eq!(row(&resp, "Direct")[3..5], [json!("0"), json!("0.00")]);
    assert_eq!(
        row(&resp, "Paid Search")[3..5],
        [json!("3"), json!("300.00")]
    );
}

#[tokio::test]
async fn linear_credit_is_shared_equally_by_the_touches_of_each_journey() {
    let (app, ws) = scenario_app().await;
    let resp = march(&app, &ws, ", attribution: LINEAR", "").await;
    // Paid Search: 1/3 of L1, 1/2 of L2, 1/2 of L4, all of L6 = 7/3; revenue 100 + 100 + 50.
    let third = dec("1") / dec("3");
    let ps = row(&resp, "Paid Search");
    assert!(
        close(decimal(&ps[3], "conversions"), dec("7") * third),
        "{ps:?}"
    );
    assert!(
        close_money(decimal(&ps[4], "revenue"), dec("250.00")),
        "{ps:?}"
    );
    for (label, conversions, revenue) in [
        ("Email", third, dec("100.00")),
        ("Direct", third, dec("100.00")),
        ("Paid Social", dec("0.5"), dec("100.00")),
        ("Organic Search", dec("1.5"), dec("100.00")),
        ("Referral", dec("0"), dec("0")),
    ] {
        let r = row(&resp, label);
        assert!(
            close(decimal(&r[3], "conversions"), conversions),
            "{label} {r:?}"
        );
        assert!(
            close_money(decimal(&r[4], "revenue"), revenue),
            "{label} {r:?}"
        );
    }
}

#[tokio::test]
async fn time_series_buckets_are_local_zero_filled_and_add_up_to_the_report() {
    let (app, ws) = scenario_app().await;
    let fields = "series { from to totals { leads conversions revenue spend } rows { key metrics { leads } } }";
    let resp = march(&app, &ws, ", granularity: WEEK", fields).await;
    let series = resp.list("performance/series");
    let spans: Vec<(Value, Value)> = series
        .iter()
        .map(|b| (b["from"].clone(), b["to"].clone()))
        .collect();
    let expected: Vec<(Value, Value)> = [
        ("2026-03-01", "2026-03-01"),
        ("2026-03-02", "2026-03-08"),
        ("2026-03-09", "2026-03-15"),
        ("2026-03-16", "2026-03-22"),
        ("2026-03-23", "2026-03-29"),
        ("2026-03-30", "2026-03-31"),
    ]
    .iter()
    .map(|(a, b)| (json!(a), json!(b)))
    .collect();
    assert_eq!(spans, expected, "ISO weeks cut to the range");
    let totals: Vec<Value> = series
        .iter()
        .map(|b| {
            json!([
                b["totals"]["leads"],
                b["totals"]["conversions"],
                b["totals"]["revenue"],
                b["totals"]["spend"]
            ])
        })
        .collect();
    assert_eq!(
        totals,
        [
            json!([0, "0", "0.00", "100.00"]),
            json!([2, "0", "0.00", "0.00"]),
            json!([1, "2", "500.00", "230.00"]),
            json!([0, "2", "150.00", "0.00"]),
            json!([1, "0", "0.00", "0.00"]),
            // L6 was created and signed up at 23:30 and 23:45 on 03-31 in Paris (21:30 UTC).
            json!([1, "1", "0.00", "0.00"]),
        ]
    );
    let rows = resp.list("performance/rows");
    assert!(
        series
            .iter()
            .all(|b| list(&b["rows"], "a bucket's rows").len() == rows.len())
    );

    let resp = march(
        &app,
        &ws,
        ", granularity: DAY",
        "series { from totals { leads conversions spend } }",
    )
    .await;
    let days = resp.list("performance/series");
    assert_eq!(days.len(), 31);
    assert_eq!(days[3]["from"], "2026-03-04");
    assert_eq!(
        days[3]["totals"],
        json!({ "leads": 0, "conversions": "0", "spend": "0.00" })
    );
    let leads: i64 = days
        .iter()
        .map(|d| int(&d["totals"]["leads"], "a day's leads"))
        .sum();
    assert_eq!(leads, 5);
}

#[tokio::test]
async fn compare_to_answers_the_previous_period_and_the_change() {
    let (app, ws) = scenario_app().await;
    let args = r#", compareTo: { from: "2026-02-01", to: "2026-02-28" }"#;
    let query = format!(
        "query($range: DateRange!) {{ performance(range: $range{args}) {{
            compareTo {{ from to }}
            rows {{ label previous {{ leads revenue }} change {{ leads {{ absolute relative }} }} }}
            previousTotals {{ leads }} change {{ leads {{ absolute relative }} revenue {{ absolute relative }} }} }} }}"
    );
    let resp = app
        .gql(
            Some(&ws.token),
            &query,
            json!({ "range": { "from": "2026-03-01", "to": "2026-03-31" } }),
        )
        .await
        .ok();
    let rows = resp.list("performance/rows");
    let by = |label: &str| {
        rows.iter()
            .find(|r| r["label"] == label)
            .unwrap_or_else(|| panic!("no row {label} in {}", resp.body))
    };
    // February: only L4, an Organic Search lead.
    assert_eq!(
        by("Organic Search")["previous"],
        json!({ "leads": 1, "revenue": "0.00" })
    );
    assert_eq!(
        by("Organic Search")["change"]["leads"],
        json!({ "absolute": "-1", "relative": "-1" })
    );
    assert_eq!(
        by("Paid Search")["change"]["leads"],
        json!({ "absolute": "2", "relative": null })
    );
    assert_eq!(resp.data("performance/previousTotals/leads"), 1);
    assert_eq!(
        resp.data("performance/change/leads"),
        &json!({ "absolute": "4", "relative": "4" })
    );
    assert_eq!(
        resp.data("performance/change/revenue/relative"),
        &Value::Null
    );
}

#[tokio::test]
async fn filters_keep_chosen_rows_and_count_only_chosen_conversion_kinds() {
    let (app, ws) = scenario_app().await;
    let channels = app
        .gql(Some(&ws.token), "{ channels { id kind } }", json!({}))
        .await
        .ok();
    let paid_search = &channels
        .list("channels")
        .iter()
        .find(|c| c["kind"] == "PAID_SEARCH")
        .unwrap_or_else(|| panic!("no PAID_SEARCH channel in {}", channels.body))["id"];
    let args = format!(", filter: {{ channelIds: [{paid_search}] }}");
    let resp = march(&app, &ws, &args, "").await;
    assert_eq!(labels(&resp), ["Paid Search"]);
    assert_eq!(
        resp.data("performance/totals/revenue"),
        "300.00",
        "totals are over the rows kept"
    );
    // Only signups: L6's. It is also the only converted lead and new customer.
    let resp = march(
        &app,
        &ws,
        r#", filter: { conversionKinds: ["Signup"] }"#,
        "",
    )
    .await;
    assert_eq!(
        Value::from(&metrics(resp.data("performance/totals"))[..5]),
        json!([5, 1, 1, "1", "0.00"])
    );
}

#[tokio::test]
async fn bad_arguments_are_refused_with_the_field_named() {
    let (app, ws) = scenario_app().await;
    let cases = [
        (
            r#"{ performance(range: { from: "2026-03-31", to: "2026-03-01" }) { totals { leads } } }"#,
            "range.to",
        ),
        (
            r#"{ performance(range: { from: "2026-03-01", to: "2026-03-31" }, options: { lookbackDays: 0 }) { totals { leads } } }"#,
            "options.lookbackDays",
        ),
        (
            r#"{ performance(range: { from: "2026-03-01", to: "2026-03-31" }, options: { firstWeight: 0.7, lastWeight: 0.5 }, attribution: POSITION_BASED) { totals { leads } } }"#,
            "options.lastWeight",
        ),
        (
            r#"{ performance(range: { from: "2026-03-01", to: "2026-03-31" }, filter: { campaignIds: ["x"] }) { totals { leads } } }"#,
            "filter.campaignIds",
        ),
        (
            r#"{ performance(range: { from: "2020-01-01", to: "2026-03-31" }, granularity: DAY) { totals { leads } } }"#,
            "granularity",
        ),
    ];
    for (query, field) in cases {
        let resp = app.gql(Some(&ws.token), query, json!({})).await;
        assert_eq!(
            resp.error_code(),
            Some("BAD_USER_INPUT"),
            "{query}: {}",
            resp.body
        );
        assert_eq!(resp.error_field(), Some(field), "{query}: {}", resp.body);
    }
    let writer = app
        .token(ws.id, &[leadsource::auth::Scope::LeadsWrite])
        .await;
    let resp = app
        .gql(Some(&writer), r#"{ performance(range: { from: "2026-03-01", to: "2026-03-31" }) { totals { leads } } }"#, json!({}))
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"));
}
