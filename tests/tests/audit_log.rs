//! The audit log: settings, members and tokens changes leave one entry each, written in the
//! change's transaction, with who made it and the arguments without secrets; `auditLog` pages
//! newest first and filters by action and user.

use leadsource::auth::Role;
use leadsource::graphql::ids::{IdKind, encode_id};
use leadsource_tests::TestApp;
use serde_json::{Value, json};

const LOG: &str = "query($after: String, $f: AuditLogFilterInput) { auditLog(first: 3, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id action actorKind userId tokenPrefix arguments } } } }";

#[tokio::test]
async fn catalog_and_access_changes_leave_entries_without_secrets_newest_first() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let owner = app.user("acme", "owner@acme.example", Role::Owner).await;
    let login = app.login(&owner.email, &owner.password).await.ok();
    let token = login.text("login/accessToken").to_owned();
    let gql = |q: &'static str, v: Value| {
        let token = token.clone();
        let app = &app;
        async move { app.gql(Some(&token), q, v).await.ok() }
    };
    let channels = gql("{ channels { id } }", json!({})).await;
    let channel = channels.data("channels/0/id").clone();
    gql(
        "mutation { createChannel(input: { name: \"Trade fairs\", kind: \"EVENTS\" }) { id } }",
        json!({}),
    )
    .await;
    let made = gql("mutation($c: ID!) { createCampaign(input: { channelId: $c, name: \"Brand\", utmCampaign: \"brand\" }) { id } }", json!({ "c": channel })).await;
    let campaign = made.data("createCampaign/id").clone();
    gql(
        "mutation($id: ID!) { updateCampaign(id: $id, input: { name: \"Brand 2\" }) { id } }",
        json!({ "id": campaign }),
    )
    .await;
    gql(
        "mutation($id: ID!) { archiveCampaign(id: $id) { id } }",
        json!({ "id": campaign }),
    )
    .await;
    gql("mutation($c: ID!) { setBudget(input: { campaignId: $c, periodStart: \"2026-03-01\", periodEnd: \"2026-03-31\", amount: \"12.34\" }) { id } }", json!({ "c": campaign })).await;
    let minted = gql("mutation { createApiToken(input: { name: \"ci\", scopes: [SPEND_WRITE] }) { secret token { id } } }", json!({})).await;
    let secret = minted.text("createApiToken/secret").to_owned();
    let token_id = minted.data("createApiToken/token/id").clone();
    gql(
        "mutation($id: ID!) { revokeApiToken(id: $id) { id } }",
        json!({ "id": token_id }),
    )
    .await;
    gql(
        "mutation($id: ID!) { revokeApiToken(id: $id) { id } }",
        json!({ "id": token_id }),
    )
    .await;
    let invited = gql(
        "mutation { inviteUser(input: { email: \"new@acme.example\", role: VIEWER }) { code } }",
        json!({}),
    )
    .await;
    let code = invited.text("inviteUser/code").to_owned();

    let mut actions = Vec::new();
    let mut after = Value::Null;
    let mut text = String::new();
    loop {
        let page = gql(LOG, json!({ "after": after })).await;
        assert_eq!(
            page.data("auditLog/totalCount"),
            8,
            "a second revocation changes nothing"
        );
        for edge in page.list("auditLog/edges") {
            let node = &edge["node"];
            assert_eq!(node["actorKind"], "USER");
            assert_eq!(node["userId"], encode_id(IdKind::User, owner.id).0.as_str());
            assert_eq!(node["tokenPrefix"], Value::Null);
            actions.push(node["action"].as_str().unwrap_or_default().to_owned());
            text.push_str(node["arguments"].as_str().unwrap_or_default());
        }
        if page.data("auditLog/pageInfo/hasNextPage") != true {
            break;
        }
        after = page.data("auditLog/pageInfo/endCursor").clone();
    }
    assert_eq!(
        actions,
        [
            "inviteUser",
            "revokeApiToken",
            "createApiToken",
            "setBudget",
            "archiveCampaign",
            "updateCampaign",
            "createCampaign",
            "createChannel",
        ],
        "newest first"
    );
    assert!(!text.contains(&secret), "no token secret: {text}");
    assert!(!text.contains(&code), "no invitation code: {text}");
    assert!(text.contains("\"amount\":\"12.34\""), "{text}");
    assert!(text.contains("\"status\":\"ARCHIVED\""), "{text}");

    let only = gql(LOG, json!({ "f": { "action": "createApiToken" } })).await;
    assert_eq!(only.data("auditLog/totalCount"), 1);
    let args: Value =
        serde_json::from_str(only.text("auditLog/edges/0/node/arguments")).expect("JSON");
    assert_eq!(args["scopes"], "spend:write");
    assert!(
        args["prefix"]
            .as_str()
            .is_some_and(|p| secret.starts_with(p))
    );
    let nobody = encode_id(IdKind::User, 999_999).0;
    let none = gql(LOG, json!({ "f": { "userId": nobody } })).await;
    assert_eq!(none.data("auditLog/totalCount"), 0);
    let bad = app
        .gql(
            Some(&token),
            LOG,
            json!({ "f": { "from": "2026-03-02T00:00:00Z", "until": "2026-03-01T00:00:00Z" } }),
        )
        .await;
    assert_eq!(bad.error_field(), Some("filter.until"));
}

/// Workspace settings and the FX table are settings too: each change leaves an entry saying
/// what changed.
#[tokio::test]
async fn workspace_settings_and_fx_rates_leave_entries() {
    let app = TestApp::spawn().await;
    app.workspace("fx").await;
    let owner = app.user("fx", "owner@fx.example", Role::Owner).await;
    let login = app.login(&owner.email, &owner.password).await.ok();
    let token = login.text("login/accessToken").to_owned();
    app.gql(
        Some(&token),
        "mutation { updateWorkspace(input: { name: \"FX Ltd\", timezone: \"America/New_York\" }) { name } }",
        json!({}),
    )
    .await
    .ok();
    app.gql(
        Some(&token),
        "mutation { recordFxRates(entries: [{ date: \"2026-03-02\", currency: \"USD\", rate: \"0.92\" }, { date: \"2026-03-03\", currency: \"GBP\", rate: \"1.17\" }]) { inserted } }",
        json!({}),
    )
    .await
    .ok();
    let log = app.gql(Some(&token), LOG, json!({})).await.ok();
    let entries = log.list("auditLog/edges");
    let fx = &entries[0]["node"];
    assert_eq!(fx["action"], "recordFxRates");
    let args: Value = serde_json::from_str(fx["arguments"].as_str().unwrap_or("null"))
        .unwrap_or_else(|e| panic!("arguments: {e}"));
    assert_eq!(args["rates"], 2);
    assert_eq!(args["currencies"], json!(["GBP", "USD"]));
    assert_eq!(
        (args["from"].clone(), args["to"].clone()),
        (json!("2026-03-02"), json!("2026-03-03"))
    );
    let ws = &entries[1]["node"];
    assert_eq!(ws["action"], "updateWorkspace");
    let args: Value = serde_json::from_str(ws["arguments"].as_str().unwrap_or("null"))
        .unwrap_or_else(|e| panic!("arguments: {e}"));
    assert_eq!(args["name"], "FX Ltd");
    assert_eq!(args["timezone"]["to"], "America/New_York");
    assert_eq!(args["currency"], Value::Null, "unchanged fields stay out");
}
