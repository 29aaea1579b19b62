//! `budgetSuggestions` end to end on tiny workspaces made for one property each: too few
//! weeks, campaign-level constraints, constraints outside the plan, permissions.

use leadsource::auth::Scope;
use leadsource_tests::budget::{cents, money, plan, suggestion};
use leadsource_tests::facts::{Facts, Marks};
use leadsource_tests::json::float;
use leadsource_tests::{GqlResponse, TestApp, TestWorkspace};
use serde_json::{Value, json};

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
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("2026-01-05 is a day");
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
        (float(&search["fit"]["b"], "Paid Search's fit.b") - 0.5).abs() < 0.01,
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
        resp.list("channels")
            .iter()
            .find(|c| c["kind"] == kind)
            .map(|c| c["id"].clone())
            .unwrap_or_else(|| panic!("no {kind} channel in {}", resp.body))
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
            "Email has no spend in the range, so there is no response to spend to plan with",
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
