//! Catalog writes under concurrency: `setBudget` is one upsert, so calls racing for the same
//! campaign and period all succeed and leave one row holding one call's values.

use leadsource_tests::TestApp;
use serde_json::json;

#[tokio::test]
async fn concurrent_set_budget_calls_for_one_period_all_succeed_and_leave_one_row() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let campaign = app
        .campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let generation = app.generation(ws.id).await;
    let set = "mutation($i: SetBudgetInput!) { setBudget(input: $i) { amount } }";
    let calls = (0..12).map(|n| {
        let (app, token, campaign) = (&app, ws.token.clone(), campaign.clone());
        async move {
            let input = json!({ "campaignId": campaign, "periodStart": "2026-01-01",
                                "periodEnd": "2026-01-31", "amount": format!("{}.00", 100 + n) });
            app.gql(Some(&token), set, json!({ "i": input })).await
        }
    });
    let answers = futures::future::join_all(calls).await;
    for resp in &answers {
        assert!(resp.body.get("errors").is_none(), "{}", resp.body);
    }
    assert_eq!(app.count("budget", ws.id).await, 1);
    let stored = app
        .gql(Some(&ws.token), "{ budgets { amount } }", json!({}))
        .await
        .ok();
    let amount = stored.data("budgets/0/amount").as_str().map(str::to_owned);
    let written: Vec<Option<String>> = answers
        .iter()
        .map(|r| {
            r.body["data"]["setBudget"]["amount"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert!(written.contains(&amount), "{amount:?} is one call's value");
    assert_eq!(
        app.generation(ws.id).await,
        generation + 12,
        "one bump per call"
    );
}
