//! Channels, campaigns and budgets over HTTP: create, query, paginate, filter, errors.

use leadsource_tests::TestApp;
use leadsource_tests::json::text;
use serde_json::json;

const CREATE_CAMPAIGN: &str = r#"
mutation($input: CreateCampaignInput!) {
  createCampaign(input: $input) { id name utmCampaign status channel { name kind } }
}"#;

async fn paid_search_id(app: &TestApp, token: &str) -> String {
    let resp = app
        .gql(Some(token), "{ channels { id kind } }", json!({}))
        .await
        .ok();
    let channels = resp.list("channels");
    assert_eq!(channels.len(), 21, "one default channel per group");
    let search = channels
        .iter()
        .find(|c| c["kind"] == "PAID_SEARCH")
        .unwrap_or_else(|| panic!("no PAID_SEARCH channel in {}", resp.body));
    text(&search["id"], "the PAID_SEARCH channel's id").to_owned()
}

#[tokio::test]
async fn a_new_workspace_has_one_default_channel_per_group() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let id = paid_search_id(&app, &ws.token).await;
    assert!(!id.is_empty());
}

#[tokio::test]
async fn campaigns_are_created_and_paginated_with_opaque_cursors() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let channel = paid_search_id(&app, &ws.token).await;
    for i in 0..5 {
        let input = json!({ "channelId": channel, "name": format!("Brand {i}"), "utmCampaign": format!("Brand_{i}") });
        let resp = app
            .gql(Some(&ws.token), CREATE_CAMPAIGN, json!({ "input": input }))
            .await
            .ok();
        assert_eq!(
            resp.data("createCampaign/utmCampaign"),
            &json!(format!("brand_{i}"))
        );
        assert_eq!(resp.data("createCampaign/channel/kind"), "PAID_SEARCH");
    }
    let page = r#"query($after: String) { campaigns(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }"#;
    let mut names = Vec::new();
    let mut after = serde_json::Value::Null;
    let mut pages = 0;
    loop {
        let resp = app
            .gql(Some(&ws.token), page, json!({ "after": after }))
            .await
            .ok();
        assert_eq!(resp.data("campaigns/totalCount"), 5);
        for edge in resp.list("campaigns/edges") {
            names.push(text(&edge["node"]["name"], "a campaign's name").to_owned());
        }
        pages += 1;
        if resp.data("campaigns/pageInfo/hasNextPage") != true {
            break;
        }
        after = resp.data("campaigns/pageInfo/endCursor").clone();
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(pages, 3);
    assert_eq!(
        names,
        ["Brand 0", "Brand 1", "Brand 2", "Brand 3", "Brand 4"]
    );
}

#[tokio::test]
async fn campaigns_filter_by_status_channel_and_name() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let channel = paid_search_id(&app, &ws.token).await;
    let mut ids = Vec::new();
    for name in ["Summer Sale", "Winter sale", "Brand"] {
        let input = json!({ "channelId": channel, "name": name });
        let resp = app
            .gql(Some(&ws.token), CREATE_CAMPAIGN, json!({ "input": input }))
            .await
            .ok();
        ids.push(resp.data("createCampaign/id").clone());
    }
    app.gql(
        Some(&ws.token),
        "mutation($id: ID!) { archiveCampaign(id: $id) { status } }",
        json!({ "id": ids[2] }),
    )
    .await
    .ok();
    let q = r#"query($f: CampaignFilterInput) { campaigns(filter: $f) { totalCount edges { node { name } } } }"#;
    let sale = app
        .gql(
            Some(&ws.token),
            q,
            json!({ "f": { "nameContains": "SALE" } }),
        )
        .await
        .ok();
    assert_eq!(sale.data("campaigns/totalCount"), 2);
    let archived = app
        .gql(Some(&ws.token), q, json!({ "f": { "status": "ARCHIVED" } }))
        .await
        .ok();
    assert_eq!(archived.data("campaigns/edges/0/node/name"), "Brand");
    assert_eq!(archived.data("campaigns/totalCount"), 1);
    let by_channel = app
        .gql(Some(&ws.token), q, json!({ "f": { "channelId": channel } }))
        .await
        .ok();
    assert_eq!(by_channel.data("campaigns/totalCount"), 3);
    // LIKE wildcards in the search text are literal characters.
    let wildcard = app
        .gql(Some(&ws.token), q, json!({ "f": { "nameContains": "%" } }))
        .await
        .ok();
    assert_eq!(wildcard.data("campaigns/totalCount"), 0);
}

#[tokio::test]
async fn bad_input_names_the_field_with_bad_user_input() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let channel = paid_search_id(&app, &ws.token).await;
    let empty = app
        .gql(
            Some(&ws.token),
            CREATE_CAMPAIGN,
            json!({ "input": { "channelId": channel, "name": "  " } }),
        )
        .await;
    assert_eq!(empty.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(empty.error_field(), Some("name"));

    let bad_id = app
        .gql(
            Some(&ws.token),
            CREATE_CAMPAIGN,
            json!({ "input": { "channelId": "nope", "name": "x" } }),
        )
        .await;
    assert_eq!(bad_id.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(bad_id.error_field(), Some("channelId"));

    let too_many = app
        .gql(
            Some(&ws.token),
            "{ campaigns(first: 100000) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(too_many.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(too_many.error_field(), Some("first"));

    let bad_date = app
        .gql(
            Some(&ws.token),
            CREATE_CAMPAIGN,
            json!({ "input": { "channelId": channel, "name": "x", "startsOn": "2026-13-40" } }),
        )
        .await;
    assert_eq!(bad_date.error_code(), Some("BAD_USER_INPUT"));

    let dup = json!({ "input": { "channelId": channel, "name": "A", "utmCampaign": "same" } });
    app.gql(Some(&ws.token), CREATE_CAMPAIGN, dup.clone())
        .await
        .ok();
    let conflict = app.gql(Some(&ws.token), CREATE_CAMPAIGN, dup).await;
    assert_eq!(conflict.error_code(), Some("CONFLICT"));
}

#[tokio::test]
async fn budgets_are_set_replaced_and_listed() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let channel = paid_search_id(&app, &ws.token).await;
    let created = app
        .gql(
            Some(&ws.token),
            CREATE_CAMPAIGN,
            json!({ "input": { "channelId": channel, "name": "Brand" } }),
        )
        .await
        .ok();
    let campaign = created.data("createCampaign/id").clone();
    let set = r#"mutation($i: SetBudgetInput!) { setBudget(input: $i) { amount periodStart periodEnd campaign { name } } }"#;
    for amount in ["1000.50", "1200"] {
        let input = json!({ "campaignId": campaign, "periodStart": "2026-11-01", "periodEnd": "2026-11-30", "amount": amount });
        app.gql(Some(&ws.token), set, json!({ "i": input }))
            .await
            .ok();
    }
    let list = app
        .gql(
            Some(&ws.token),
            "{ budgets { amount periodStart campaign { name } } }",
            json!({}),
        )
        .await
        .ok();
    assert_eq!(
        list.data("budgets").as_array().map(Vec::len),
        Some(1),
        "replaced, not duplicated"
    );
    assert_eq!(list.data("budgets/0/amount"), "1200.00");
    assert_eq!(list.data("budgets/0/campaign/name"), "Brand");

    let bad = json!({ "campaignId": campaign, "periodStart": "2026-11-01", "periodEnd": "2026-10-01", "amount": "1.001" });
    let resp = app.gql(Some(&ws.token), set, json!({ "i": bad })).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn another_workspaces_ids_answer_like_missing_ones() {
    let app = TestApp::spawn().await;
    let a = app.workspace("alpha").await;
    let b = app.workspace("beta").await;
    let channel = paid_search_id(&app, &a.token).await;
    let created = app
        .gql(
            Some(&a.token),
            CREATE_CAMPAIGN,
            json!({ "input": { "channelId": channel, "name": "Secret" } }),
        )
        .await
        .ok();
    let id = created.data("createCampaign/id").clone();
    let read = app
        .gql(
            Some(&b.token),
            "query($id: ID!) { campaign(id: $id) { name } }",
            json!({ "id": id }),
        )
        .await
        .ok();
    assert!(read.data("campaign").is_null());
    let change = app
        .gql(
            Some(&b.token),
            "mutation($id: ID!) { archiveCampaign(id: $id) { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(change.error_code(), Some("NOT_FOUND"));
    let list = app
        .gql(Some(&b.token), "{ campaigns { totalCount } }", json!({}))
        .await
        .ok();
    assert_eq!(list.data("campaigns/totalCount"), 0);
}

#[tokio::test]
async fn requests_without_credentials_are_unauthenticated() {
    let app = TestApp::spawn().await;
    let resp = app
        .gql(None, "{ campaigns { totalCount } }", json!({}))
        .await;
    assert_eq!(resp.error_code(), Some("UNAUTHENTICATED"));
    let forged = app
        .gql(
            Some("lsk_0000000000000000000000000000000000000000000"),
            "{ channels { id } }",
            json!({}),
        )
        .await;
    assert_eq!(forged.error_code(), Some("UNAUTHENTICATED"));
}
