//! Bad values that used to become INTERNAL or a wrong answer are BAD_USER_INPUT naming the field
//! (or the row), on both backends: long free-text filters, huge filter lists, Ints past 32 bits,
//! dates that are not written in full or fall in year 1, and unreadable values in bulk calls.

use leadsource_tests::{GqlResponse, TestApp, TestWorkspace, day};
use serde_json::{Value, json};

async fn gql(app: &TestApp, ws: &TestWorkspace, query: &str, vars: Value) -> GqlResponse {
    app.gql(Some(&ws.token), query, vars).await
}

#[track_caller]
fn refused(resp: &GqlResponse, field: &str) {
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(resp.error_field(), Some(field), "{}", resp.body);
}

#[tokio::test]
async fn a_free_text_filter_over_200_characters_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let long = "a".repeat(50_000);
    let leads = "query($s: String) { leads(filter: { search: $s }) { totalCount } }";
    refused(
        &gql(&app, &ws, leads, json!({ "s": long })).await,
        "filter.search",
    );
    let campaigns = "query($s: String) { campaigns(filter: { nameContains: $s }) { totalCount } }";
    refused(
        &gql(&app, &ws, campaigns, json!({ "s": long })).await,
        "filter.nameContains",
    );
    let conversions = "query($s: String) { conversions(filter: { kind: $s }) { totalCount } }";
    refused(
        &gql(&app, &ws, conversions, json!({ "s": long })).await,
        "filter.kind",
    );
    let at_limit = gql(&app, &ws, leads, json!({ "s": "a".repeat(200) })).await;
    assert_eq!(at_limit.ok().data("leads/totalCount"), 0);
}

#[tokio::test]
async fn a_filter_list_past_its_cap_is_refused_naming_the_field_and_the_limit() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let query = r#"query($k: [String!]) {
        performance(range: { from: "2026-01-01", to: "2026-01-31" }, filter: { conversionKinds: $k }) {
            totals { leads }
        }
    }"#;
    let kinds: Vec<String> = (0..70_000).map(|i| format!("k{i}")).collect();
    let resp = gql(&app, &ws, query, json!({ "k": kinds })).await;
    refused(&resp, "filter.conversionKinds");
    let message = resp.body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("MAX_FILTER_KINDS = 100"), "{message}");
    // Repeats are one kind: 70,000 copies of "purchase" are a filter of one.
    let repeated = vec!["Purchase"; 70_000];
    gql(&app, &ws, query, json!({ "k": repeated })).await.ok();
}

#[tokio::test]
async fn an_int_past_32_bits_is_refused() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let spend = "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted } }";
    let entries = json!([
        { "utmCampaign": "brand", "date": day(1), "amount": "1.00", "impressions": 3_000_000_000_i64 },
        { "utmCampaign": "brand", "date": day(2), "amount": "1.00", "clicks": 2_147_483_648_i64 },
    ]);
    let resp = gql(&app, &ws, spend, json!({ "e": entries })).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(
        resp.bad_rows(),
        [(0, "impressions".to_owned()), (1, "clicks".to_owned())]
    );
    assert_eq!(app.count("spend", ws.id).await, 0, "nothing is written");
    let page = gql(
        &app,
        &ws,
        "{ leads(first: 2147483648) { totalCount } }",
        json!({}),
    )
    .await;
    assert_eq!(page.error_code(), Some("BAD_USER_INPUT"), "{}", page.body);
}

#[tokio::test]
async fn dates_must_be_written_in_full_and_fall_within_the_years_1900_to_9999() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let leads = "query($d: Date) { leads(filter: { createdFrom: $d }) { totalCount } }";
    for bad in ["2026-1-1", "0001-01-01", "2026-02-30"] {
        refused(
            &gql(&app, &ws, leads, json!({ "d": bad })).await,
            "filter.createdFrom",
        );
    }
    let literal = gql(
        &app,
        &ws,
        r#"{ performance(range: { from: "0001-01-01", to: "2026-01-01" }) { totals { leads } } }"#,
        json!({}),
    )
    .await;
    refused(&literal, "range.from");
    let capture = "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }";
    let inputs = json!([{ "externalId": "old", "createdAt": "0001-01-01T00:00:00Z" }]);
    let resp = gql(&app, &ws, capture, json!({ "i": inputs })).await;
    assert_eq!(
        resp.bad_rows(),
        [(0, "createdAt".to_owned())],
        "{}",
        resp.body
    );
    let token = "mutation($at: DateTime) { createApiToken(input: { name: \"x\", scopes: [ADMIN], expiresAt: $at }) { secret } }";
    let resp = gql(&app, &ws, token, json!({ "at": "2999-1-1T00:00:00Z" })).await;
    refused(&resp, "input.expiresAt");
}

#[tokio::test]
async fn unreadable_values_of_a_bulk_call_are_bad_rows_listed_together_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand", Some("brand"), "PAID_SEARCH")
        .await;
    let spend = "mutation($e: [SpendInput!]!) { recordSpend(entries: $e) { inserted } }";
    let entries = json!([
        { "utmCampaign": "brand", "date": "2026-02-30", "amount": "1.00" },
        { "utmCampaign": "brand", "date": day(1), "amount": "1.00" },
        { "utmCampaign": "brand", "date": day(2), "amount": "abc" },
        { "utmCampaign": "brand", "date": "2026-1-1", "amount": "-1" },
    ]);
    let resp = gql(&app, &ws, spend, json!({ "e": entries })).await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(
        resp.bad_rows(),
        [
            (0, "date".to_owned()),
            (2, "amount".to_owned()),
            (3, "date".to_owned()),
            (3, "amount".to_owned()),
        ]
    );
    assert_eq!(app.count("spend", ws.id).await, 0);

    let capture = "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }";
    let leads = json!([{ "externalId": "ada" }, { "externalId": "bob" }]);
    gql(&app, &ws, capture, json!({ "i": leads })).await.ok();
    let conversions =
        "mutation($i: [ConversionInput!]!) { recordConversions(inputs: $i) { recorded } }";
    let inputs = json!([
        { "externalId": "c1", "leadExternalId": "ada", "kind": "purchase", "occurredAt": "soon" },
        { "externalId": "c2", "leadExternalId": "ada", "kind": "purchase", "revenue": "abc" },
        { "externalId": "c3", "leadExternalId": "bob", "kind": "purchase" },
    ]);
    let resp = gql(&app, &ws, conversions, json!({ "i": inputs })).await;
    assert_eq!(
        resp.bad_rows(),
        [(0, "occurredAt".to_owned()), (1, "revenue".to_owned())],
        "{}",
        resp.body
    );
    assert_eq!(app.count("conversion", ws.id).await, 0);

    let touches =
        "mutation($i: [TouchpointInput!]!) { recordTouchpoints(inputs: $i) { recorded } }";
    let inputs = json!([
        { "leadExternalId": "ada", "occurredAt": "2026-13-01T00:00:00Z" },
        { "leadExternalId": "bob" },
    ]);
    let before = app.count("touchpoint", ws.id).await;
    let resp = gql(&app, &ws, touches, json!({ "i": inputs })).await;
    assert_eq!(
        resp.bad_rows(),
        [(0, "occurredAt".to_owned())],
        "{}",
        resp.body
    );
    assert_eq!(app.count("touchpoint", ws.id).await, before);
}

#[tokio::test]
async fn case_insensitive_search_folds_non_ascii_letters_alike_on_both_backends() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let capture = "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }";
    let leads = json!([
        { "externalId": "e1", "name": "Émile Zola", "company": "Société Générale" },
        { "externalId": "e2", "name": "Ada", "email": "ÅSA@example.com" },
    ]);
    gql(&app, &ws, capture, json!({ "i": leads })).await.ok();
    let search = "query($s: String) { leads(filter: { search: $s }) { totalCount } }";
    for (needle, found) in [
        ("ÉMILE", 1),
        ("émile", 1),
        ("SOCIÉTÉ", 1),
        ("åsa@", 1),
        ("Zola", 1),
    ] {
        let resp = gql(&app, &ws, search, json!({ "s": needle })).await.ok();
        assert_eq!(resp.data("leads/totalCount"), found, "{needle}");
    }
    // A repeat capture that renames the lead is searched by its new name.
    let renamed = json!([{ "externalId": "e1", "name": "ÖMER" }]);
    gql(&app, &ws, capture, json!({ "i": renamed })).await.ok();
    let resp = gql(&app, &ws, search, json!({ "s": "ömer" })).await.ok();
    assert_eq!(resp.data("leads/totalCount"), 1);

    app.campaign(&ws.token, "Café Crème", Some("cafe"), "PAID_SEARCH")
        .await;
    let campaigns = "query($s: String) { campaigns(filter: { nameContains: $s }) { totalCount } }";
    let resp = gql(&app, &ws, campaigns, json!({ "s": "CAFÉ CRÈME" }))
        .await
        .ok();
    assert_eq!(resp.data("campaigns/totalCount"), 1);
}

#[tokio::test]
async fn the_folded_copies_of_rows_written_before_the_migration_are_backfilled() {
    use migration::MigratorTrait;
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let capture = "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }";
    let leads = json!([{ "externalId": "e1", "name": "Émile", "company": "Ñandú SA" }]);
    gql(&app, &ws, capture, json!({ "i": leads })).await.ok();
    app.campaign(&ws.token, "Été", Some("ete"), "PAID_SEARCH")
        .await;
    let db = &app.state.db.conn;
    migration::Migrator::down(db, Some(1))
        .await
        .unwrap_or_else(|e| panic!("down: {e}"));
    migration::Migrator::up(db, None)
        .await
        .unwrap_or_else(|e| panic!("up: {e}"));
    let search = "query($s: String) { leads(filter: { search: $s }) { totalCount } }";
    for needle in ["ÉMILE", "ÑANDÚ"] {
        let resp = gql(&app, &ws, search, json!({ "s": needle })).await.ok();
        assert_eq!(resp.data("leads/totalCount"), 1, "{needle}");
    }
    let campaigns = "query($s: String) { campaigns(filter: { nameContains: $s }) { totalCount } }";
    let resp = gql(&app, &ws, campaigns, json!({ "s": "ÉTÉ" })).await.ok();
    assert_eq!(resp.data("campaigns/totalCount"), 1);
}
