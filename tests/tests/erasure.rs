//! Erasure end to end (issue 15): `eraseContact`, `eraseLeads` and `leadsource erase` remove
//! the leads with their touchpoints and conversions in one transaction, the reports and lists
//! stop counting them, a repeat answers 0, and the audit entry keeps counts, never the email.
//! Dates are pinned (March 2026).

use clap::Parser;
use leadsource::config::Cli;
use leadsource_tests::{GqlResponse, TestApp, TestWorkspace};
use serde_json::{Value, json};

async fn call(app: &TestApp, ws: &TestWorkspace, q: &str, vars: Value) -> GqlResponse {
    app.gql(Some(&ws.token), q, vars).await
}

/// Jane has two leads (two email spellings), Bob one; each has a touch and a purchase.
async fn people(app: &TestApp, ws: &TestWorkspace) {
    let q = "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }";
    let inputs = json!([
        { "externalId": "jane-1", "email": "jane@example.com", "name": "Jane Doe", "company": "Doe Ltd",
          "createdAt": "2026-03-02T10:00:00Z", "utmSource": "google", "utmMedium": "cpc" },
        { "externalId": "jane-2", "email": "Jane@Example.COM",
          "createdAt": "2026-03-03T10:00:00Z", "utmSource": "newsletter", "utmMedium": "email" },
        { "externalId": "bob", "email": "bob@example.com",
          "createdAt": "2026-03-03T11:00:00Z", "utmSource": "google", "utmMedium": "cpc" },
    ]);
    let resp = call(app, ws, q, json!({ "i": inputs })).await.ok();
    assert_eq!(resp.data("captureLeads/created"), 3);
    let q = "mutation($i: [TouchpointInput!]!) { recordTouchpoints(inputs: $i) { recorded } }";
    let inputs = json!([
        { "leadExternalId": "jane-1", "occurredAt": "2026-03-04T10:00:00Z", "utmSource": "facebook", "utmMedium": "paid_social" },
        { "leadExternalId": "jane-2", "occurredAt": "2026-03-04T11:00:00Z", "utmSource": "facebook", "utmMedium": "paid_social" },
        { "leadExternalId": "bob", "occurredAt": "2026-03-04T12:00:00Z", "utmSource": "bing", "utmMedium": "cpc" },
    ]);
    call(app, ws, q, json!({ "i": inputs })).await.ok();
    let q = "mutation($i: [ConversionInput!]!) { recordConversions(inputs: $i) { recorded } }";
    let inputs = json!([
        { "externalId": "p1", "leadExternalId": "jane-1", "kind": "purchase", "occurredAt": "2026-03-05T10:00:00Z", "revenue": "100.00" },
        { "externalId": "p2", "leadExternalId": "jane-2", "kind": "signup", "occurredAt": "2026-03-05T11:00:00Z" },
        { "externalId": "p3", "leadExternalId": "bob", "kind": "purchase", "occurredAt": "2026-03-05T12:00:00Z", "revenue": "40.00" },
    ]);
    call(app, ws, q, json!({ "i": inputs })).await.ok();
}

async fn totals(app: &TestApp, ws: &TestWorkspace) -> Value {
    let q = "{ performance(range: { from: \"2026-03-01\", to: \"2026-03-31\" }, attribution: LINEAR) { totals { leads conversions revenue newCustomers } } }";
    call(app, ws, q, json!({}))
        .await
        .ok()
        .data("performance/totals")
        .clone()
}

const ERASE_CONTACT: &str =
    "mutation($e: String!) { eraseContact(email: $e) { deleted touchpoints conversions } }";

#[tokio::test]
async fn erasing_a_contact_removes_every_lead_of_the_email_with_its_touchpoints_and_conversions() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    people(&app, &ws).await;
    let t = totals(&app, &ws).await;
    assert_eq!(
        (t["leads"].clone(), t["revenue"].clone()),
        (json!(3), json!("140.00"))
    );

    let before = app.generation(ws.id).await;
    let resp = call(
        &app,
        &ws,
        ERASE_CONTACT,
        json!({ "e": " JANE@example.com " }),
    )
    .await
    .ok();
    assert_eq!(
        resp.data("eraseContact"),
        &json!({ "deleted": 2, "touchpoints": 4, "conversions": 2 }),
        "two leads, each with its first touch and one more"
    );
    assert!(app.generation(ws.id).await > before, "cached reports die");

    let t = totals(&app, &ws).await;
    assert_eq!(
        t,
        json!({ "leads": 1, "conversions": "1", "revenue": "40.00", "newCustomers": 1 })
    );
    let q = "{ leads(filter: { search: \"jane\" }) { totalCount } touchpoints { totalCount } conversions { totalCount } }";
    let lists = call(&app, &ws, q, json!({})).await.ok();
    assert_eq!(lists.data("leads/totalCount"), 0);
    assert_eq!(lists.data("touchpoints/totalCount"), 2, "bob's");
    assert_eq!(lists.data("conversions/totalCount"), 1);
    let stored = app
        .scalar(&format!("SELECT COUNT(*) AS n FROM lead WHERE workspace_id = {} AND (LOWER(email) LIKE '%jane%' OR name LIKE '%Jane%')", ws.id))
        .await;
    assert_eq!(stored, 0, "the personal data is gone from the table");

    let generation = app.generation(ws.id).await;
    let again = call(&app, &ws, ERASE_CONTACT, json!({ "e": "jane@example.com" }))
        .await
        .ok();
    assert_eq!(again.data("eraseContact/deleted"), 0, "idempotent");
    assert_eq!(
        app.generation(ws.id).await,
        generation,
        "erasing nobody cools no cached report"
    );

    let q = "{ auditLog(filter: { action: \"eraseContact\" }) { totalCount edges { node { arguments } } } }";
    let log = call(&app, &ws, q, json!({})).await.ok();
    assert_eq!(
        log.data("auditLog/totalCount"),
        1,
        "erasing nobody leaves no entry"
    );
    let text = log.body.to_string().to_lowercase();
    assert!(
        !text.contains("jane"),
        "the audit log keeps no email: {text}"
    );
    assert!(text.contains(r#"\"leads\":2"#), "{text}");

    let bad = call(&app, &ws, ERASE_CONTACT, json!({ "e": "not an email" })).await;
    assert_eq!(bad.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(bad.error_field(), Some("email"));
}

#[tokio::test]
async fn erasing_leads_by_external_id_skips_unknown_ids_and_reads_back_nothing_of_them() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    people(&app, &ws).await;
    let q = "{ leads(filter: { search: \"bob\" }) { edges { node { id } } } }";
    let bob = call(&app, &ws, q, json!({}))
        .await
        .ok()
        .data("leads/edges/0/node/id")
        .clone();
    let touches = "query($l: ID) { touchpoints(filter: { leadId: $l, from: \"2026-03-04\", to: \"2026-03-04\" }) { totalCount edges { node { utm { source } } } } }";
    let before = call(&app, &ws, touches, json!({ "l": bob })).await.ok();
    assert_eq!(
        before.data("touchpoints/totalCount"),
        1,
        "the day's touch, not the first one"
    );
    assert_eq!(before.data("touchpoints/edges/0/node/utm/source"), "bing");

    let q = "mutation($x: [String!]!) { eraseLeads(externalIds: $x) { deleted touchpoints conversions } }";
    let resp = call(&app, &ws, q, json!({ "x": ["bob", "nobody"] }))
        .await
        .ok();
    assert_eq!(
        resp.data("eraseLeads"),
        &json!({ "deleted": 1, "touchpoints": 2, "conversions": 1 })
    );
    let after = call(&app, &ws, touches, json!({ "l": bob })).await.ok();
    assert_eq!(after.data("touchpoints/totalCount"), 0);
    let t = totals(&app, &ws).await;
    assert_eq!(t["leads"], 2);
    assert_eq!(t["revenue"], "100.00");
    let empty = call(&app, &ws, q, json!({ "x": [""] })).await;
    assert_eq!(empty.error_field(), Some("externalIds[0]"));
}

#[tokio::test]
async fn the_erase_command_erases_a_contact_in_every_workspace_and_audits_it_as_the_cli() {
    let app = TestApp::spawn().await;
    let acme = app.workspace("acme").await;
    let other = app.workspace("other").await;
    people(&app, &acme).await;
    people(&app, &other).await;
    let run = |args: Vec<&str>| {
        let mut argv = vec!["leadsource", "--database-url", &app.database_url, "erase"];
        argv.extend(args);
        Cli::try_parse_from(argv).expect("arguments parse")
    };
    assert!(
        leadsource::cli::run(run(vec!["--email", "nope"]))
            .await
            .is_err(),
        "a bad email fails the command"
    );
    leadsource::cli::run(run(vec![
        "--email",
        "bob@example.com",
        "--workspace",
        "other",
    ]))
    .await
    .expect("erase in one workspace");
    assert_eq!(app.count("lead", other.id).await, 2);
    assert_eq!(app.count("lead", acme.id).await, 3);
    leadsource::cli::run(run(vec!["--email", "jane@example.com"]))
        .await
        .expect("erase everywhere");
    assert_eq!(app.count("lead", acme.id).await, 1);
    assert_eq!(app.count("lead", other.id).await, 0);
    assert_eq!(app.count("touchpoint", other.id).await, 0);
    assert!(
        leadsource::cli::run(run(vec![
            "--email",
            "jane@example.com",
            "--workspace",
            "missing"
        ]))
        .await
        .is_err(),
        "an unknown workspace fails the command"
    );
    let q = "{ auditLog(filter: { action: \"eraseContact\" }) { edges { node { actorKind userId tokenPrefix } } } }";
    let log = call(&app, &acme, q, json!({})).await.ok();
    assert_eq!(
        log.data("auditLog/edges/0/node"),
        &json!({ "actorKind": "CLI", "userId": null, "tokenPrefix": null })
    );
}
