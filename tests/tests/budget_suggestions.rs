//! `budgetSuggestions` end to end: on the small demo data set (Paid Search and Paid Social
//! planted saturated, Paid Video under-invested), and on tiny workspaces made for one
//! property each. Amounts are compared in whole cents, parsed from the Decimal strings.

use leadsource::auth::Scope;
use leadsource::cli::demo::load;
use leadsource_tests::facts::{Facts, Marks};
use leadsource_tests::{GqlResponse, TestApp, TestWorkspace};
use serde_json::{Value, json};

const FIELDS: &str = "totalBudget totalCurrent totalSuggested expectedRevenueNow
    expectedRevenueAtSuggestion lift marginalRoi fullWeeks
    suggestions { key label channel { id name } campaign { id name } currentSpend
      suggestedSpend change currentRoi marginalRoiNow marginalRoiAtSuggestion
      expectedRevenueAtSuggestion fit { kind a b rSquared points } keptBecause bound reason }";

/// A decimal string ("-1234.5") in whole cents.
fn cents(v: &Value) -> i64 {
    let text = v.as_str().unwrap_or_else(|| panic!("not a decimal: {v}"));
    let (sign, digits) = text.strip_prefix('-').map_or((1, text), |rest| (-1, rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<2}");
    assert!(frac.len() == 2, "more than cents: {text}");
    sign * (int.parse::<i64>().unwrap_or(0) * 100 + frac.parse::<i64>().unwrap_or(0))
}

/// Cents as the reason lines write them: "35,937.13".
fn money(cents: i64) -> String {
    let int = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", cents % 100)
}

fn suggestion<'a>(resp: &'a GqlResponse, label: &str) -> &'a Value {
    resp.data("budgetSuggestions/suggestions")
        .as_array()
        .and_then(|list| list.iter().find(|s| s["label"] == label))
        .unwrap_or_else(|| panic!("no {label} in {}", resp.body))
}

fn sum_of_suggestions(resp: &GqlResponse) -> i64 {
    resp.data("budgetSuggestions/suggestions")
        .as_array()
        .map_or(0, |list| {
            list.iter().map(|s| cents(&s["suggestedSpend"])).sum()
        })
}

async fn plan(app: &TestApp, token: &str, args: &str) -> GqlResponse {
    let query = format!("{{ budgetSuggestions({args}) {{ {FIELDS} }} }}");
    app.gql(Some(token), &query, json!({})).await
}

/// A server with the small demo data set, a token, and the 52 weeks up to today.
async fn demo_app() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    load(&app.state, "demo", "small", false)
        .await
        .unwrap_or_else(|e| panic!("demo data: {e}"));
    let ws = leadsource::services::workspace::find_workspace_by_slug(&app.state.db.conn, "demo")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no demo workspace"));
    let token = app.token(ws.id, &Scope::ALL).await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let from = today - chrono::TimeDelta::days(363);
    let range = format!(r#"range: {{ from: "{from}", to: "{today}" }}"#);
    (app, token, range)
}

#[tokio::test]
async fn on_the_demo_data_money_moves_from_the_saturated_channels_to_paid_video() {
    let (app, token, range) = demo_app().await;
    // FIRST_TOUCH is the model the demo plants its curves in; a loose cap lets Video grow.
    let resp = plan(
        &app,
        &token,
        &format!("{range}, attribution: FIRST_TOUCH, maxChangePct: 1000"),
    )
    .await
    .ok();
    let labels: Vec<&str> = resp
        .data("budgetSuggestions/suggestions")
        .as_array()
        .map(|l| l.iter().filter_map(|s| s["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        labels,
        ["Paid Search", "Paid Social", "Display", "Paid Video"],
        "paid channels with spend, largest first"
    );
    for label in ["Paid Search", "Paid Social", "Display"] {
        let s = suggestion(&resp, label);
        assert!(cents(&s["change"]) < 0, "{label}: {}", s["reason"]);
    }
    let video = suggestion(&resp, "Paid Video");
    assert!(cents(&video["change"]) > 0, "{}", video["reason"]);
    let b = |label: &str| {
        suggestion(&resp, label)["fit"]["b"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    assert!(
        b("Paid Search") < 0.5 && b("Paid Social") < 0.5,
        "saturated: {} {}",
        b("Paid Search"),
        b("Paid Social")
    );
    assert!(b("Paid Video") > 0.75, "near-linear: {}", b("Paid Video"));
    let total = cents(resp.data("budgetSuggestions/totalBudget"));
    assert_eq!(
        total,
        cents(resp.data("budgetSuggestions/totalCurrent")),
        "pure reallocation"
    );
    assert_eq!(sum_of_suggestions(&resp), total);
    assert!(cents(resp.data("budgetSuggestions/lift")) > 0);

    // The defaults: MARKOV credit and a ±30% cap. Video grows to its cap, Search gives money.
    let resp = plan(&app, &token, &range).await.ok();
    let video = suggestion(&resp, "Paid Video");
    assert_eq!(video["bound"], "CHANGE_CAP");
    let current = cents(&video["currentSpend"]);
    assert_eq!(
        cents(&video["suggestedSpend"]),
        (current * 13) / 10,
        "{}",
        video["reason"]
    );
    assert!(
        video["reason"]
            .as_str()
            .unwrap_or_default()
            .ends_with("limited by the +30% change cap")
    );
    assert!(cents(&suggestion(&resp, "Paid Search")["change"]) < 0);
    assert_eq!(
        sum_of_suggestions(&resp),
        cents(resp.data("budgetSuggestions/totalBudget"))
    );
}

#[tokio::test]
async fn locks_minimums_maximums_and_the_cap_hold_and_the_total_is_exact_to_the_cent() {
    let (app, token, range) = demo_app().await;
    let before = plan(&app, &token, &range).await.ok();
    let id = |label: &str| suggestion(&before, label)["channel"]["id"].clone();
    let current = |label: &str| cents(&suggestion(&before, label)["currentSpend"]);
    let social_min = current("Paid Social") * 11 / 10;
    let display_max = current("Display") * 9 / 10;
    // 2% more than the current spend, plus odd cents.
    let total = cents(before.data("budgetSuggestions/totalCurrent")) * 102 / 100 + 7;
    let args = format!(
        "{range}, totalBudget: \"{}\", constraints: [
            {{ channelId: {}, locked: true }},
            {{ channelId: {}, minSpend: \"{}\" }},
            {{ channelId: {}, maxSpend: \"{}\" }}]",
        money(total).replace(',', ""),
        id("Paid Search"),
        id("Paid Social"),
        money(social_min).replace(',', ""),
        id("Display"),
        money(display_max).replace(',', ""),
    );
    let resp = plan(&app, &token, &args).await.ok();
    assert_eq!(cents(resp.data("budgetSuggestions/totalBudget")), total);
    assert_eq!(sum_of_suggestions(&resp), total, "odd cents included");

    let search = suggestion(&resp, "Paid Search");
    assert_eq!(cents(&search["suggestedSpend"]), current("Paid Search"));
    assert_eq!(search["bound"], "LOCKED");
    assert_eq!(search["keptBecause"], "locked");
    assert!(cents(&suggestion(&resp, "Paid Social")["suggestedSpend"]) >= social_min);
    assert!(cents(&suggestion(&resp, "Display")["suggestedSpend"]) <= display_max);
    for label in ["Paid Social", "Display", "Paid Video"] {
        let s = suggestion(&resp, label);
        let change = cents(&s["change"]).abs();
        assert!(
            change * 10 <= current(label) * 3 + 10,
            "{label} within ±30%: {}",
            s["reason"]
        );
    }
}

#[tokio::test]
async fn infeasible_constraints_are_refused_with_the_arithmetic() {
    let (app, token, range) = demo_app().await;
    let before = plan(&app, &token, &range).await.ok();
    let search = suggestion(&before, "Paid Search");
    let locked = cents(&search["currentSpend"]);
    // The other channels may shrink by 30% at most: their floors, rounded up to the cent.
    let floors: i64 = ["Paid Social", "Display", "Paid Video"]
        .iter()
        .map(|l| (cents(&suggestion(&before, l)["currentSpend"]) * 7 + 9) / 10)
        .sum();
    let args = format!(
        "{range}, totalBudget: \"1000\", constraints: [{{ channelId: {}, locked: true }}]",
        search["channel"]["id"]
    );
    let resp = plan(&app, &token, &args).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("totalBudget"));
    let message = resp.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        message,
        format!(
            "totalBudget: locked {} + change-cap floors (-30%) {} = {} exceeds the total budget 1,000.00",
            money(locked),
            money(floors),
            money(locked + floors)
        )
    );
}

/// Twelve full weeks (2026-01-05 to 2026-03-29): Paid Search spends and sells every week,
/// Paid Shopping only in the last five.
async fn twelve_weeks(app: &TestApp) -> (TestWorkspace, i64) {
    let ws = app.workspace("shop").await;
    let mut facts = Facts::new(&app.state.db.conn, ws.id).await;
    let search = facts
        .campaign("PAID_SEARCH", "Search — Generic", None)
        .await;
    let shopping = facts
        .campaign("PAID_SHOPPING", "Shopping — Feed", None)
        .await;
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    for week in 0..12_i64 {
        let day = |offset: i64| monday + chrono::TimeDelta::days(7 * week + offset);
        let spend = 40_000 + 9_000 * ((week * 7) % 5);
        facts.spend(search, &day(0).to_string(), spend).await;
        let lead = facts
            .lead(
                &format!("{}T10:00:00+01:00", day(1)),
                "PAID_SEARCH",
                Marks {
                    campaign: Some(search),
                    ..Marks::default()
                },
            )
            .await;
        let revenue = (3_000.0 * (spend as f64).sqrt()) as i64;
        facts
            .conversion(
                lead,
                &format!("{}T15:00:00+01:00", day(2)),
                "purchase",
                revenue,
            )
            .await;
        if week >= 7 {
            facts
                .spend(shopping, &day(0).to_string(), 20_000 + 3_000 * week)
                .await;
            let lead = facts
                .lead(
                    &format!("{}T11:00:00+01:00", day(1)),
                    "PAID_SHOPPING",
                    Marks {
                        campaign: Some(shopping),
                        ..Marks::default()
                    },
                )
                .await;
            facts
                .conversion(
                    lead,
                    &format!("{}T16:00:00+01:00", day(3)),
                    "purchase",
                    90_000,
                )
                .await;
        }
    }
    (ws, search)
}

const QUARTER: &str =
    r#"range: { from: "2026-01-05", to: "2026-03-29" }, attribution: FIRST_TOUCH"#;

#[tokio::test]
async fn a_channel_with_fewer_than_eight_weeks_keeps_its_spend_and_says_why() {
    let app = TestApp::spawn().await;
    let (ws, _) = twelve_weeks(&app).await;
    let resp = plan(&app, &ws.token, QUARTER).await.ok();
    assert_eq!(resp.data("budgetSuggestions/fullWeeks"), 12);
    let shopping = suggestion(&resp, "Paid Shopping");
    assert_eq!(shopping["suggestedSpend"], shopping["currentSpend"]);
    assert_eq!(
        shopping["keptBecause"],
        "only 5 usable weekly points (needs 8)"
    );
    assert_eq!(shopping["fit"], Value::Null);
    assert_eq!(
        shopping["reason"],
        format!(
            "Paid Shopping kept at {}: only 5 usable weekly points (needs 8)",
            money(cents(&shopping["currentSpend"]))
        )
    );
    let search = suggestion(&resp, "Paid Search");
    assert_eq!(search["fit"]["points"], 12);
    assert_eq!(search["fit"]["kind"], "POWER_LAW");
    assert!(
        (search["fit"]["b"].as_f64().unwrap_or_default() - 0.5).abs() < 0.01,
        "{}",
        search["fit"]
    );
}

#[tokio::test]
async fn at_the_campaign_level_constraints_name_campaigns() {
    let app = TestApp::spawn().await;
    let (ws, search) = twelve_weeks(&app).await;
    let campaign_id =
        leadsource::graphql::ids::encode_id(leadsource::graphql::ids::IdKind::Campaign, search);
    let args = format!(
        r#"{QUARTER}, level: CAMPAIGN, constraints: [{{ campaignId: "{}", locked: true }}]"#,
        campaign_id.as_str()
    );
    let resp = plan(&app, &ws.token, &args).await.ok();
    let generic = suggestion(&resp, "Search — Generic");
    assert_eq!(generic["campaign"]["name"], "Search — Generic");
    assert_eq!(generic["channel"]["name"], "Paid Search");
    assert_eq!(generic["bound"], "LOCKED");
    assert_eq!(generic["suggestedSpend"], generic["currentSpend"]);
    let wrong_kind =
        format!(r#"{QUARTER}, level: CAMPAIGN, constraints: [{{ channelId: "x", locked: true }}]"#);
    let resp = plan(&app, &ws.token, &wrong_kind).await;
    assert_eq!(resp.error_field(), Some("constraints[0].channelId"));
}

#[tokio::test]
async fn a_constraint_on_a_channel_outside_the_plan_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let (ws, _) = twelve_weeks(&app).await;
    let other = app.workspace("other").await;
    let ids = |resp: &GqlResponse, kind: &str| -> Value {
        resp.data("channels")
            .as_array()
            .and_then(|l| {
                l.iter()
                    .find(|c| c["kind"] == kind)
                    .map(|c| c["id"].clone())
            })
            .unwrap_or(Value::Null)
    };
    let mine = app
        .gql(Some(&ws.token), "{ channels { id kind } }", json!({}))
        .await
        .ok();
    let theirs = app
        .gql(Some(&other.token), "{ channels { id kind } }", json!({}))
        .await
        .ok();
    let cases = [
        (
            ids(&mine, "EMAIL"),
            "constraints[1].channelId",
            "Email is not a paid channel; only paid channels with spend in the range take part",
        ),
        (
            ids(&mine, "PAID_VIDEO"),
            "constraints[1].channelId",
            "Paid Video has no spend in the range, so there is no response to spend to plan with",
        ),
        (
            ids(&theirs, "PAID_SEARCH"),
            "constraints[1].channelId",
            "no such channel in this workspace",
        ),
        (
            json!("not-an-id"),
            "constraints[1].channelId",
            "not a valid Channel id",
        ),
    ];
    for (id, field, message) in cases {
        let args = format!(
            "{QUARTER}, constraints: [{{ channelId: {}, locked: true }}, {{ channelId: {id}, minSpend: \"1\" }}]",
            ids(&mine, "PAID_SEARCH")
        );
        let resp = plan(&app, &ws.token, &args).await;
        assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
        assert_eq!(resp.error_field(), Some(field));
        assert_eq!(
            resp.body["errors"][0]["message"],
            format!("{field}: {message}")
        );
    }
}

#[tokio::test]
async fn suggestions_need_the_reports_scope() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let writer = app.token(ws.id, &[Scope::LeadsWrite]).await;
    let resp = plan(&app, &writer, QUARTER).await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"));
    let query = format!("{{ budgetSuggestions({QUARTER}) {{ totalBudget }} }}");
    let resp = app.gql(None, &query, json!({})).await;
    assert_eq!(resp.error_code(), Some("UNAUTHENTICATED"));
    // An empty workspace has nothing to reallocate: an empty plan, not an error.
    let resp = plan(&app, &ws.token, QUARTER).await.ok();
    assert_eq!(resp.data("budgetSuggestions/totalBudget"), "0.00");
    assert_eq!(resp.data("budgetSuggestions/suggestions"), &json!([]));
}
