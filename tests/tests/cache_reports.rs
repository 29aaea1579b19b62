//! The real report queries through the cache, on the small demo data set: a hit answers
//! exactly what the computation answered, two spellings of one question share an entry,
//! a write is seen by the next read (also through a second server), and
//! `extensions.cache` says HIT or MISS only when asked.

use leadsource::auth::Scope;
use leadsource_tests::demo::{demo_workspace_id, load_demo, range_ending_on_last_day};
use leadsource_tests::{GqlResponse, TestApp, fresh_settings, shared_redis_url, test_settings};
use serde_json::{Value, json};

const DEBUG: (&str, &str) = ("x-leadsource-debug-cache", "1");
const M: &str =
    "leads convertedLeads newCustomers conversions revenue spend roi roas cpl cac conversionRate";

/// Loads the small demo data set; answers a token and the year up to its last day.
async fn demo(app: &TestApp) -> (String, Value) {
    (load_demo(app).await, range_ending_on_last_day(365))
}

fn cache_of(resp: &GqlResponse) -> Option<&str> {
    resp.body["extensions"]["cache"].as_str()
}

async fn ask(app: &TestApp, token: &str, query: &str, range: &Value) -> GqlResponse {
    app.gql_with_headers(Some(token), query, json!({ "range": range }), &[DEBUG])
        .await
        .ok()
}

fn every_report() -> Vec<String> {
    let perf = format!(
        "query($range: DateRange!) {{ performance(range: $range, dimension: CAMPAIGN, attribution: LINEAR,
        granularity: WEEK, compareTo: {{ from: \"2025-01-01\", to: \"2025-03-31\" }}) {{
        currency dimension granularity attribution range {{ from to }} compareTo {{ from to }}
        rows {{ key label dimensionValue channel {{ name }} campaign {{ name }} metrics {{ {M} }}
          previous {{ {M} }} change {{ roi {{ absolute relative }} revenue {{ absolute relative }} }} }}
        totals {{ {M} }} previousTotals {{ {M} }}
        series {{ from to totals {{ {M} }} rows {{ key metrics {{ {M} }} }} }} }} }}"
    );
    let attribution = "query($range: DateRange!) { attribution(range: $range, model: MARKOV) {
        model approximate conversions revenue journeys convertingJourneys nonConvertingJourneys
        channels { label conversions revenue share channel { name } }
        campaigns { label conversions revenue share } } }";
    let positional = "query($range: DateRange!) { attribution(range: $range, model: POSITION_BASED,
        options: { firstWeight: 0.3, lastWeight: 0.5, lookbackDays: 30 }) {
        conversions revenue channels { label conversions revenue share }
        campaigns { label conversions revenue share } } }";
    let comparison = "query($range: DateRange!) {
        attributionComparison(range: $range, models: [SHAPLEY, FIRST_TOUCH, TIME_DECAY]) {
        models conversions revenue journeys convertingJourneys
        channels { label minConversions maxConversions minRevenue maxRevenue
          credits { model conversions revenue share } } } }";
    let pacing = "query($range: DateRange!) { budgetPacing(range: $range) {
        budgetId campaignName periodStart periodEnd planned spentToDate projected
        projectedRemaining status elapsedDays totalDays } }";
    let suggestions = format!(
        "query($range: DateRange!) {{ budgetSuggestions(range: $range, attribution: FIRST_TOUCH) {{ {} }} }}",
        leadsource_tests::budget::FIELDS
    );
    vec![
        perf,
        attribution.to_owned(),
        positional.to_owned(),
        comparison.to_owned(),
        pacing.to_owned(),
        suggestions,
    ]
}

#[tokio::test]
async fn every_cached_report_answers_exactly_what_it_computed() {
    let app = TestApp::spawn().await;
    let (token, range) = demo(&app).await;
    for query in every_report() {
        let cold = ask(&app, &token, &query, &range).await;
        let warm = ask(&app, &token, &query, &range).await;
        assert_eq!(cache_of(&cold), Some("MISS"), "{query}");
        assert_eq!(cache_of(&warm), Some("HIT"), "{query}");
        assert_eq!(cold.body["data"], warm.body["data"], "{query}");
    }
    let computed = app.metrics_text().await;
    for kind in [
        "performance",
        "attribution",
        "attribution_comparison",
        "budget_pacing",
        "budget_suggestions",
    ] {
        let sample = format!(r#"leadsource_report_computations_total{{kind="{kind}"}}"#);
        // Two attribution questions; and performance twice: the one asked, and the weekly
        // FIRST_TOUCH report the budget plan reads through the same cache.
        let expected = match kind {
            "attribution" | "performance" => 2.0,
            _ => 1.0,
        };
        assert_eq!(
            leadsource_tests::metric_in(&computed, &sample),
            expected,
            "{kind}"
        );
    }
}

/// Defaults spelled out, an empty filter, a model named twice: the same question. (The
/// order of models is not normalised: the answer lists them in the order asked.)
#[tokio::test]
async fn two_spellings_of_one_question_share_a_cache_entry() {
    let app = TestApp::spawn().await;
    let (token, range) = demo(&app).await;
    let pairs = [
        (
            "query($range: DateRange!) { performance(range: $range) { totals { leads revenue } } }",
            "query($range: DateRange!) { performance(range: $range, dimension: CHANNEL,
              attribution: FIRST_TOUCH, filter: {}) { totals { leads revenue } } }",
        ),
        (
            "query($range: DateRange!) { attributionComparison(range: $range, models: [MARKOV, LINEAR]) { conversions } }",
            "query($range: DateRange!) { attributionComparison(range: $range, models: [MARKOV, LINEAR, MARKOV]) { conversions } }",
        ),
    ];
    for (first, second) in pairs {
        let a = ask(&app, &token, first, &range).await;
        let b = ask(&app, &token, second, &range).await;
        assert_eq!(cache_of(&a), Some("MISS"), "{first}");
        assert_eq!(cache_of(&b), Some("HIT"), "{second}");
    }
}

const SPEND_TOTAL: &str =
    "query($range: DateRange!) { performance(range: $range) { totals { spend } } }";
const RECORD: &str =
    "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted updated } }";

/// Σ spend of the range, in cents, and whether it was a hit.
async fn spend_total(app: &TestApp, token: &str, range: &Value) -> (i64, String) {
    let resp = ask(app, token, SPEND_TOTAL, range).await;
    let cents = leadsource_tests::budget::cents(resp.data("performance/totals/spend"));
    let cache = cache_of(&resp).unwrap_or_else(|| panic!("no extensions.cache in {}", resp.body));
    (cents, cache.to_owned())
}

/// Adds 12.34 of spend on the range's last day to a new campaign, through `app`.
async fn record_spend(app: &TestApp, token: &str, range: &Value, name: &str) {
    let campaign = app.campaign(token, name, None, "PAID_SEARCH").await;
    let entries = json!([{ "campaignId": campaign, "date": range["to"], "amount": "12.34" }]);
    app.gql(Some(token), RECORD, json!({ "e": entries }))
        .await
        .ok();
}

#[tokio::test]
async fn a_report_read_after_a_write_shows_it_on_both_backends() {
    let mut backends = vec![None];
    if let Some(url) = shared_redis_url() {
        backends.push(Some(url));
    }
    for redis in backends {
        let app = TestApp::spawn_with(fresh_settings(redis.as_deref()).await).await;
        let (token, range) = demo(&app).await;
        let (before, _) = spend_total(&app, &token, &range).await;
        assert_eq!(
            spend_total(&app, &token, &range).await,
            (before, "HIT".to_owned())
        );
        record_spend(&app, &token, &range, "Written").await;
        assert_eq!(
            spend_total(&app, &token, &range).await,
            (before + 1234, "MISS".to_owned())
        );
        assert_eq!(
            spend_total(&app, &token, &range).await,
            (before + 1234, "HIT".to_owned())
        );
    }
}

#[tokio::test]
async fn a_write_through_one_server_is_seen_in_the_next_report_of_another() {
    let Some(redis) = shared_redis_url() else {
        leadsource_tests::skip("TEST_REDIS_URL is not set");
        return;
    };
    let first = TestApp::spawn_with(fresh_settings(Some(&redis)).await).await;
    let mut settings = test_settings(&first.database_url);
    settings.redis_url = Some(redis);
    let second = TestApp::spawn_with(settings).await;
    let (token, range) = demo(&first).await;
    let (before, cold) = spend_total(&first, &token, &range).await;
    assert_eq!(cold, "MISS");
    assert_eq!(
        spend_total(&second, &token, &range).await,
        (before, "HIT".to_owned())
    );
    record_spend(&first, &token, &range, "Through the first").await;
    assert_eq!(
        spend_total(&second, &token, &range).await,
        (before + 1234, "MISS".to_owned())
    );
    assert_eq!(
        spend_total(&first, &token, &range).await,
        (before + 1234, "HIT".to_owned())
    );
}

#[tokio::test]
async fn responses_say_hit_or_miss_only_when_asked() {
    let app = TestApp::spawn().await;
    let (token, range) = demo(&app).await;
    let plain = app
        .gql(Some(&token), SPEND_TOTAL, json!({ "range": range }))
        .await
        .ok();
    assert!(
        plain
            .body
            .get("extensions")
            .is_none_or(|e| e.get("cache").is_none()),
        "{}",
        plain.body
    );
    let not_cached = app
        .gql_with_headers(Some(&token), "{ channels { id } }", json!({}), &[DEBUG])
        .await
        .ok();
    assert_eq!(cache_of(&not_cached), None, "raw lists are not cached");
    let both = "query($range: DateRange!) { a: performance(range: $range) { totals { spend } }
           b: budgetPacing(range: $range) { status } }";
    let mixed = ask(&app, &token, both, &range).await;
    assert_eq!(cache_of(&mixed), Some("MISS"), "pacing was computed");
    let again = ask(&app, &token, both, &range).await;
    assert_eq!(cache_of(&again), Some("HIT"));
}

/// A kept answer goes only to a principal the reports admit: a token without
/// `reports:read` is refused after another warmed the same question.
#[tokio::test]
async fn a_kept_answer_is_never_served_to_a_principal_the_reports_refuse() {
    let app = TestApp::spawn().await;
    let (token, range) = demo(&app).await;
    let first = ask(&app, &token, SPEND_TOTAL, &range).await;
    let second = ask(&app, &token, SPEND_TOTAL, &range).await;
    assert_eq!(cache_of(&first), Some("MISS"));
    assert_eq!(cache_of(&second), Some("HIT"));
    assert_eq!(first.body["data"], second.body["data"]);

    let spend_only = app
        .token(demo_workspace_id(&app).await, &[Scope::SpendWrite])
        .await;
    let refused = app
        .gql_with_headers(
            Some(&spend_only),
            SPEND_TOTAL,
            json!({ "range": range }),
            &[DEBUG],
        )
        .await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));
    assert!(refused.body["data"].is_null(), "{}", refused.body);

    // Another field beside the report: answered afresh (the report itself still a hit).
    let mixed =
        "query($range: DateRange!) { __typename performance(range: $range) { totals { spend } } }";
    let resp = ask(&app, &token, mixed, &range).await;
    assert_eq!(resp.body["data"]["__typename"], "Query");
    assert_eq!(
        resp.body["data"]["performance"],
        first.body["data"]["performance"]
    );
    assert_eq!(cache_of(&resp), Some("HIT"));
}
