//! `recordTouchpoints` and `recordConversions` over HTTP: idempotency on eventId / externalId,
//! purchases making customers, conversions before the lead refused, bad rows, limits, scopes.

use leadsource::auth::Scope;
use leadsource_tests::json::list;
use leadsource_tests::{TestApp, TestWorkspace, test_settings};
use serde_json::{Value, json};

const CAPTURE: &str =
    r#"mutation($inputs: [LeadInput!]!) { captureLeads(inputs: $inputs) { created } }"#;
const TOUCH: &str = r#"mutation($inputs: [TouchpointInput!]!) {
  recordTouchpoints(inputs: $inputs) { recorded duplicates } }"#;
const CONVERT: &str = r#"mutation($inputs: [ConversionInput!]!) {
  recordConversions(inputs: $inputs) { recorded duplicates newCustomers } }"#;

/// Two leads created on 2026-01-10: "ada" from a newsletter and "bob" direct.
async fn two_leads(app: &TestApp, ws: &TestWorkspace) {
    let inputs = json!([
        { "externalId": "ada", "utmSource": "newsletter", "utmMedium": "email", "createdAt": "2026-01-10T09:00:00Z" },
        { "externalId": "bob", "createdAt": "2026-01-10T09:00:00Z" },
    ]);
    app.gql(Some(&ws.token), CAPTURE, json!({ "inputs": inputs }))
        .await
        .ok();
}

fn rows(list: &[(u64, &str)]) -> Vec<(u64, String)> {
    list.iter().map(|(i, f)| (*i, (*f).to_owned())).collect()
}

#[tokio::test]
async fn touchpoints_are_idempotent_on_event_id_and_never_rewrite_the_source() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    two_leads(&app, &ws).await;
    app.campaign(&ws.token, "Retargeting", Some("retarget"), "PAID_SOCIAL")
        .await;
    let inputs = json!([
        { "eventId": "e1", "leadExternalId": "ada", "occurredAt": "2026-01-12T10:00:00Z",
          "landingPage": "https://acme.com/?utm_source=facebook&utm_medium=paid&utm_campaign=Retarget" },
        { "eventId": "e2", "leadExternalId": "ada", "occurredAt": "2026-01-13T10:00:00Z", "referrer": "https://www.google.com/" },
        { "eventId": "e2", "leadExternalId": "ada", "occurredAt": "2026-01-14T10:00:00Z" },
        { "leadExternalId": "bob", "occurredAt": "2026-01-08T10:00:00Z", "channel": "Events" },
    ]);
    let resp = app
        .gql(Some(&ws.token), TOUCH, json!({ "inputs": inputs }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordTouchpoints"),
        &json!({ "recorded": 3, "duplicates": 1 })
    );
    let resp = app
        .gql(
            Some(&ws.token),
            TOUCH,
            json!({ "inputs": inputs.as_array().map(|a| a[..3].to_vec()) }),
        )
        .await
        .ok();
    assert_eq!(
        resp.data("recordTouchpoints"),
        &json!({ "recorded": 0, "duplicates": 3 })
    );
    assert_eq!(app.count("touchpoint", ws.id).await, 2 + 3);

    let query = r#"{ leads(first: 10) { nodes { externalId channel { kind }
        touchpoints { channel { kind } campaign { name } } } } }"#;
    let resp = app.gql(Some(&ws.token), query, json!({})).await.ok();
    let leads = resp.list("leads/nodes");
    let ada = leads
        .iter()
        .find(|l| l["externalId"] == "ada")
        .unwrap_or_else(|| panic!("no lead ada in {}", resp.body));
    assert_eq!(
        ada["channel"]["kind"], "EMAIL",
        "the source stays the first touch"
    );
    let kinds: Vec<&Value> = list(&ada["touchpoints"], "ada's touchpoints")
        .iter()
        .map(|t| &t["channel"]["kind"])
        .collect();
    assert_eq!(
        kinds,
        [
            &json!("EMAIL"),
            &json!("PAID_SOCIAL"),
            &json!("ORGANIC_SEARCH")
        ]
    );
    assert_eq!(ada["touchpoints"][1]["campaign"]["name"], "Retargeting");
    let bob = leads
        .iter()
        .find(|l| l["externalId"] == "bob")
        .unwrap_or_else(|| panic!("no lead bob in {}", resp.body));
    assert_eq!(
        bob["touchpoints"][0]["channel"]["kind"], "EVENTS",
        "a touch before the lead is kept, in time order"
    );
    assert_eq!(bob["channel"]["kind"], "DIRECT");
}

#[tokio::test]
async fn bad_touchpoint_rows_are_all_listed_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    two_leads(&app, &ws).await;
    let before = app.generation(ws.id).await;
    let inputs = json!([
        { "eventId": "ok", "leadExternalId": "ada" },
        { "eventId": "e1", "leadExternalId": "nobody" },
        { "leadExternalId": "" },
        { "leadExternalId": "bob", "occurredAt": "2999-01-01T00:00:00Z", "channel": "Nope" },
        { "leadExternalId": "bob", "campaignId": "garbage" },
    ]);
    let resp = app
        .gql(Some(&ws.token), TOUCH, json!({ "inputs": inputs }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(
        resp.bad_rows(),
        rows(&[
            (1, "leadExternalId"),
            (2, "leadExternalId"),
            (3, "occurredAt"),
            (3, "channel"),
            (4, "campaignId")
        ]),
        "{}",
        resp.body
    );
    assert_eq!(
        app.count("touchpoint", ws.id).await,
        2,
        "only the leads' first touches"
    );
    assert_eq!(app.generation(ws.id).await, before);
}

#[tokio::test]
async fn a_purchase_makes_its_lead_a_customer_and_repeats_are_ignored() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    two_leads(&app, &ws).await;
    let inputs = json!([
        { "externalId": "c1", "leadExternalId": "ada", "kind": "signup", "occurredAt": "2026-01-11T00:00:00Z" },
        { "externalId": "c2", "leadExternalId": "ada", "kind": "Purchase", "revenue": "1200.50", "currency": "EUR", "occurredAt": "2026-01-20T12:00:00Z" },
        { "externalId": "c2", "leadExternalId": "ada", "kind": "purchase", "revenue": "1" },
        { "externalId": "c3", "leadExternalId": "bob", "kind": "opportunity", "revenue": 300 },
    ]);
    let resp = app
        .gql(Some(&ws.token), CONVERT, json!({ "inputs": inputs }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordConversions"),
        &json!({ "recorded": 3, "duplicates": 1, "newCustomers": 1 })
    );
    let resp = app
        .gql(Some(&ws.token), CONVERT, json!({ "inputs": inputs }))
        .await
        .ok();
    assert_eq!(
        resp.data("recordConversions"),
        &json!({ "recorded": 0, "duplicates": 4, "newCustomers": 0 })
    );
    let revenue = app
        .scalar(&format!("SELECT CAST(SUM(revenue_cents) AS BIGINT) AS n FROM conversion WHERE workspace_id = {}", ws.id))
        .await;
    assert_eq!(
        revenue,
        120_050 + 30_000,
        "the first of a repeated externalId is kept"
    );
    let statuses = app
        .pairs(&format!("SELECT external_id AS k, CAST(CASE WHEN status = 'CUSTOMER' THEN 1 ELSE 0 END AS BIGINT) AS v FROM lead WHERE workspace_id = {} ORDER BY external_id", ws.id))
        .await;
    assert_eq!(statuses, [("ada".to_owned(), 1), ("bob".to_owned(), 0)]);
    let days = app
        .pairs(&format!("SELECT CAST(occurred_on AS TEXT) AS k, revenue_cents AS v FROM conversion WHERE workspace_id = {} AND kind = 'purchase'", ws.id))
        .await;
    assert_eq!(
        days,
        [("2026-01-20".to_owned(), 120_050)],
        "kind stored lower-case, local day"
    );
}

#[tokio::test]
async fn bad_conversion_rows_are_all_listed_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    two_leads(&app, &ws).await;
    let inputs = json!([
        { "externalId": "ok", "leadExternalId": "ada", "kind": "purchase", "occurredAt": "2026-01-11T00:00:00Z" },
        { "externalId": "early", "leadExternalId": "ada", "kind": "signup", "occurredAt": "2026-01-10T08:59:59Z" },
        { "externalId": "ghost", "leadExternalId": "nobody", "kind": "signup" },
        { "externalId": "usd", "leadExternalId": "bob", "kind": "purchase", "revenue": "10", "currency": "USD" },
        { "externalId": "neg", "leadExternalId": "bob", "kind": "purchase", "revenue": "-5" },
        { "externalId": "", "leadExternalId": "bob", "kind": "closed won" },
        { "externalId": "future", "leadExternalId": "bob", "kind": "signup", "occurredAt": "2999-01-01T00:00:00Z" },
    ]);
    let resp = app
        .gql(Some(&ws.token), CONVERT, json!({ "inputs": inputs }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    assert_eq!(
        resp.bad_rows(),
        rows(&[
            (1, "occurredAt"),
            (2, "leadExternalId"),
            (3, "currency"),
            (4, "revenue"),
            (5, "externalId"),
            (5, "kind"),
            (6, "occurredAt")
        ]),
        "{}",
        resp.body
    );
    assert!(
        resp.body
            .to_string()
            .contains("before the lead was created")
    );
    assert_eq!(app.count("conversion", ws.id).await, 0);
    let customers = app
        .scalar(&format!(
            "SELECT COUNT(*) AS n FROM lead WHERE workspace_id = {} AND status = 'CUSTOMER'",
            ws.id
        ))
        .await;
    assert_eq!(
        customers, 0,
        "the good purchase of a refused call makes no customer"
    );
}

#[tokio::test]
async fn event_batches_over_the_limit_are_refused() {
    let probe = TestApp::spawn().await;
    let mut settings = test_settings(&probe.database_url);
    settings.max_batch_rows = 1;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace("acme").await;
    let touches = json!([{ "leadExternalId": "a" }, { "leadExternalId": "b" }]);
    let resp = app
        .gql(Some(&ws.token), TOUCH, json!({ "inputs": touches }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert!(resp.body.to_string().contains("MAX_BATCH_ROWS = 1"));
    let conversions = json!([
        { "externalId": "1", "leadExternalId": "a", "kind": "signup" },
        { "externalId": "2", "leadExternalId": "a", "kind": "signup" },
    ]);
    let resp = app
        .gql(Some(&ws.token), CONVERT, json!({ "inputs": conversions }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("inputs"));
}

#[tokio::test]
async fn each_event_mutation_needs_its_own_scope() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    two_leads(&app, &ws).await;
    let leads_only = app.token(ws.id, &[Scope::LeadsWrite]).await;
    let conversions_only = app.token(ws.id, &[Scope::ConversionsWrite]).await;
    let conversion = json!([{ "externalId": "c", "leadExternalId": "ada", "kind": "signup" }]);
    let touch = json!([{ "leadExternalId": "ada" }]);

    let resp = app
        .gql(Some(&leads_only), CONVERT, json!({ "inputs": conversion }))
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
    let resp = app
        .gql(Some(&conversions_only), TOUCH, json!({ "inputs": touch }))
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
    assert_eq!(app.count("conversion", ws.id).await, 0);
    assert_eq!(app.count("touchpoint", ws.id).await, 2);

    app.gql(
        Some(&conversions_only),
        CONVERT,
        json!({ "inputs": conversion }),
    )
    .await
    .ok();
    app.gql(Some(&leads_only), TOUCH, json!({ "inputs": touch }))
        .await
        .ok();
    assert_eq!(app.count("conversion", ws.id).await, 1);
    assert_eq!(app.count("touchpoint", ws.id).await, 3);
}
