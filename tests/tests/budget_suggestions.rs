//! `budgetSuggestions` end to end on the small demo data set: Paid Search and Paid Social are
//! planted saturated, Paid Video under-invested (`leadsource::demo`). Amounts are compared in
//! whole cents, parsed from the Decimal strings.

use leadsource_tests::TestApp;
use leadsource_tests::budget::{cents, money, plan, suggestion, sum_of_suggestions};
use leadsource_tests::demo::{load_demo, range_ending_on_last_day};
use leadsource_tests::json::{decimal, float, text};
use rust_decimal::Decimal;

/// A server with the small demo data set, a token, and the 52 weeks up to its last day.
async fn demo_app() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    let token = load_demo(&app).await;
    let year = range_ending_on_last_day(364);
    let range = format!(
        r#"range: {{ from: "{}", to: "{}" }}"#,
        year["from"]
            .as_str()
            .unwrap_or_else(|| panic!("from: {year}")),
        year["to"].as_str().unwrap_or_else(|| panic!("to: {year}"))
    );
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
        .list("budgetSuggestions/suggestions")
        .iter()
        .map(|s| text(&s["label"], "a suggestion's label"))
        .collect();
    assert_eq!(
        labels,
        [
            "Paid Search",
            "Events",
            "Paid Social",
            "Display",
            "Affiliates",
            "Paid Video",
            "Email"
        ],
        "every channel with spend, paid or not, largest first"
    );
    for label in ["Paid Search", "Paid Social", "Display"] {
        let s = suggestion(&resp, label);
        assert!(cents(&s["change"]) < 0, "{label}: {}", s["reason"]);
    }
    let video = suggestion(&resp, "Paid Video");
    assert!(cents(&video["change"]) > 0, "{}", video["reason"]);
    let b = |label: &str| {
        float(
            &suggestion(&resp, label)["fit"]["b"],
            &format!("{label}'s fit.b"),
        )
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

    // Percentages of money are exact Decimals of the amounts beside them, like every ratio.
    let pct = |part: &serde_json::Value, whole: &serde_json::Value| {
        decimal(part, "a part") * Decimal::ONE_HUNDRED / decimal(whole, "a whole")
    };
    let plan_json = resp.data("budgetSuggestions");
    assert_eq!(
        decimal(&plan_json["liftPct"], "liftPct"),
        pct(&plan_json["lift"], &plan_json["expectedRevenueNow"]).normalize()
    );
    for s in resp.list("budgetSuggestions/suggestions") {
        assert_eq!(
            decimal(&s["changePct"], "changePct"),
            pct(&s["change"], &s["currentSpend"]).normalize(),
            "{}",
            s["label"]
        );
    }

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
        text(&video["reason"], "Paid Video's reason").ends_with("limited by the +30% change cap")
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
    for label in ["Paid Social", "Display", "Paid Video", "Events"] {
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
    let floors: i64 = before
        .list("budgetSuggestions/suggestions")
        .iter()
        .filter(|s| s["label"] != "Paid Search")
        .map(|s| (cents(&s["currentSpend"]) * 7 + 9) / 10)
        .sum();
    let args = format!(
        "{range}, totalBudget: \"1000\", constraints: [{{ channelId: {}, locked: true }}]",
        search["channel"]["id"]
    );
    let resp = plan(&app, &token, &args).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("totalBudget"));
    let message = text(&resp.body["errors"][0]["message"], "the error's message");
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

/// A plan reads its two performance reports through the report cache: a second plan over
/// the same range with another change cap recomputes neither (issue 13, item 6).
#[tokio::test]
async fn a_second_plan_with_another_change_cap_reuses_the_cached_reports() {
    let (app, token, range) = demo_app().await;
    let lookups = |result: &str| {
        format!(r#"leadsource_cache_lookups_total{{kind="performance",result="{result}"}}"#)
    };
    plan(&app, &token, &format!("{range}, maxChangePct: 30"))
        .await
        .ok();
    assert_eq!(app.metric(&lookups("miss")).await, 2.0);
    assert_eq!(app.metric(&lookups("hit")).await, 0.0);
    plan(&app, &token, &format!("{range}, maxChangePct: 45"))
        .await
        .ok();
    assert_eq!(app.metric(&lookups("miss")).await, 2.0);
    assert_eq!(app.metric(&lookups("hit")).await, 2.0);
}

/// On the demo the last euro of the current spend loses money (marginal ROI < 0): the answer
/// also plans the total where marginal ROI reaches 0, which spends less and earns more profit,
/// and asking for that total gives the same plan.
#[tokio::test]
async fn beside_a_loss_making_total_the_plan_gives_the_profit_maximising_one() {
    let (app, token, range) = demo_app().await;
    let resp = plan(&app, &token, &range).await.ok();
    let level = float(resp.data("budgetSuggestions/marginalRoi"), "marginalRoi");
    assert!(level < 0.0, "the demo's last euro loses money: {level}");
    let best = resp.data("budgetSuggestions/profitMaximizing");
    let total = cents(&best["totalBudget"]);
    assert!(total < cents(resp.data("budgetSuggestions/totalBudget")));
    let profit = decimal(&best["expectedProfit"], "expectedProfit");
    let requested = decimal(
        resp.data("budgetSuggestions/expectedProfitAtSuggestion"),
        "expectedProfitAtSuggestion",
    );
    assert!(profit > requested, "{profit} vs {requested}");
    let sum: i64 = best["suggestions"]
        .as_array()
        .unwrap_or_else(|| panic!("suggestions: {best}"))
        .iter()
        .map(|s| cents(&s["suggestedSpend"]))
        .sum();
    assert_eq!(sum, total);

    let asked = plan(
        &app,
        &token,
        &format!(
            "{range}, totalBudget: \"{}\"",
            money(total).replace(',', "")
        ),
    )
    .await
    .ok();
    assert_eq!(
        decimal(
            asked.data("budgetSuggestions/expectedProfitAtSuggestion"),
            "expectedProfitAtSuggestion"
        ),
        profit
    );
}

/// A channel with spend takes part whether or not it is flagged paid, unless a constraint
/// excludes it; then its spend leaves the default total too.
#[tokio::test]
async fn an_unpaid_channel_with_spend_takes_part_until_excluded() {
    let (app, token, range) = demo_app().await;
    let all = plan(&app, &token, &range).await.ok();
    let events = suggestion(&all, "Events");
    let events_spend = cents(&events["currentSpend"]);
    assert!(events_spend > 0);
    let args = format!(
        "{range}, constraints: [{{ channelId: {}, exclude: true }}]",
        events["channel"]["id"]
    );
    let without = plan(&app, &token, &args).await.ok();
    assert!(
        without
            .list("budgetSuggestions/suggestions")
            .iter()
            .all(|s| s["label"] != "Events")
    );
    assert_eq!(
        cents(without.data("budgetSuggestions/totalBudget")),
        cents(all.data("budgetSuggestions/totalBudget")) - events_spend
    );
    let both = format!(
        "{range}, constraints: [{{ channelId: {}, exclude: true, locked: true }}]",
        events["channel"]["id"]
    );
    let resp = plan(&app, &token, &both).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("constraints[0].exclude"));
}
