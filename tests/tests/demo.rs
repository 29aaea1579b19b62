//! The demo data set as a new user meets it: loaded through the CLI path, queried over HTTP.

use leadsource::cli::demo::load;
use leadsource_tests::TestApp;
use serde_json::json;

#[tokio::test]
async fn the_small_demo_data_set_answers_campaign_and_lead_queries() {
    let app = TestApp::spawn().await;
    load(&app.state.db.conn, "demo", "small", false)
        .await
        .unwrap_or_else(|e| panic!("demo data: {e}"));
    let ws = leadsource::services::workspace::find_workspace_by_slug(&app.state.db.conn, "demo")
        .await
        .ok()
        .flatten()
        .map(|w| w.id)
        .unwrap_or_default();
    let token = app.token(ws, &leadsource::auth::Scope::ALL).await;
    let q = "{ campaigns { totalCount } leads(filter: { status: CUSTOMER }) { totalCount } conversions { totalCount } }";
    let resp = app.gql(Some(&token), q, json!({})).await.ok();
    assert_eq!(resp.data("campaigns/totalCount"), 30);
    let customers = resp.data("leads/totalCount").as_u64().unwrap_or(0);
    assert!(customers > 100, "{customers} customers in the demo data");
    assert!(resp.data("conversions/totalCount").as_u64().unwrap_or(0) > customers);
    let budgets = app
        .gql(Some(&token), "{ budgets { amount } }", json!({}))
        .await
        .ok();
    assert!(budgets.data("budgets").as_array().map_or(0, Vec::len) > 300);
}

#[tokio::test]
async fn the_printed_demo_login_signs_in_as_owner() {
    let app = TestApp::spawn().await;
    load(&app.state.db.conn, "demo", "small", false)
        .await
        .unwrap_or_else(|e| panic!("demo data: {e}"));
    let ws = leadsource::services::workspace::find_workspace_by_slug(&app.state.db.conn, "demo")
        .await
        .ok()
        .flatten()
        .map(|w| w.id)
        .unwrap_or_default();
    let login = leadsource::services::access::ensure_demo_login(&app.state.db.conn, ws)
        .await
        .unwrap_or_else(|e| panic!("demo login: {e}"));
    let session = app
        .gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken role } }",
            json!({ "e": login.email, "p": login.password }),
        )
        .await
        .ok();
    assert_eq!(session.data("login/role"), "OWNER");
    let jwt = session
        .data("login/accessToken")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let campaigns = app
        .gql(Some(&jwt), "{ campaigns { totalCount } }", json!({}))
        .await
        .ok();
    assert_eq!(campaigns.data("campaigns/totalCount"), 30);
}
