//! `captureLead` / `captureLeads` over HTTP: classification, first touchpoint, campaign matching,
//! idempotency on externalId, bad rows, batch limit and scopes.

use leadsource::auth::Scope;
use leadsource_tests::json::{list, text};
use leadsource_tests::{TestApp, test_settings};
use serde_json::{Value, json};

const CAPTURE_MANY: &str = r#"mutation($inputs: [LeadInput!]!) {
  captureLeads(inputs: $inputs) { created updated leads { externalId } } }"#;

const CAPTURE_ONE: &str = r#"mutation($input: LeadInput!) {
  captureLead(input: $input) {
    externalId email name company status
    channel { kind } campaign { name }
    source { source medium campaign term content referrer landingPage }
    touchpoints { channel { kind } campaign { name } utm { source medium } }
  } }"#;

const LEADS: &str = r#"{ leads(first: 100) { nodes {
  externalId channel { kind } campaign { name } source { source medium campaign }
  touchpoints { channel { kind } } } } }"#;

/// The leads of the workspace by external id.
async fn leads(app: &TestApp, token: &str) -> Vec<Value> {
    let resp = app.gql(Some(token), LEADS, json!({})).await.ok();
    resp.list("leads/nodes").to_vec()
}

fn by_id<'a>(leads: &'a [Value], external_id: &str) -> &'a Value {
    leads
        .iter()
        .find(|l| l["externalId"] == external_id)
        .unwrap_or_else(|| panic!("no lead {external_id}"))
}

#[tokio::test]
async fn captured_leads_are_classified_and_get_their_first_touchpoint() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    app.campaign(&ws.token, "Brand search", Some("brand"), "PAID_SEARCH")
        .await;
    let inputs = json!([
        { "externalId": "google-cpc", "landingPage": "https://acme.com/demo?utm_source=Google&utm_medium=CPC&utm_campaign=Brand" },
        { "externalId": "facebook", "utmSource": "facebook", "utmMedium": "paid_social" },
        { "externalId": "linkedin", "referrer": "https://www.linkedin.com/feed/" },
        { "externalId": "lnkd", "referrer": "https://lnkd.in/abc" },
        { "externalId": "tco", "referrer": "https://t.co/xyz" },
        { "externalId": "newsletter", "utmSource": "newsletter", "utmMedium": "email", "utmCampaign": "november" },
        { "externalId": "bing", "referrer": "https://www.bing.com/search?q=acme" },
        { "externalId": "duckduckgo", "referrer": "https://duckduckgo.com/" },
        { "externalId": "gclid", "landingPage": "https://acme.com/?gclid=abc123" },
        { "externalId": "affiliate", "utmSource": "partner-blog", "utmMedium": "affiliate" },
        { "externalId": "tradeshow", "channel": "EVENTS", "utmSource": "websummit" },
        { "externalId": "direct" },
        { "externalId": "garbage", "utmSource": "%%%", "utmMedium": "???", "referrer": "not a url" },
    ]);
    let resp = app
        .gql(Some(&ws.token), CAPTURE_MANY, json!({ "inputs": inputs }))
        .await
        .ok();
    assert_eq!(resp.data("captureLeads/created"), 13);
    assert_eq!(resp.data("captureLeads/updated"), 0);
    assert_eq!(
        resp.data("captureLeads/leads/8/externalId"),
        "gclid",
        "input order"
    );

    let all = leads(&app, &ws.token).await;
    let expected = [
        ("google-cpc", "PAID_SEARCH"),
        ("facebook", "PAID_SOCIAL"),
        ("linkedin", "ORGANIC_SOCIAL"),
        ("lnkd", "ORGANIC_SOCIAL"),
        ("tco", "ORGANIC_SOCIAL"),
        ("newsletter", "EMAIL"),
        ("bing", "ORGANIC_SEARCH"),
        ("duckduckgo", "ORGANIC_SEARCH"),
        ("gclid", "PAID_SEARCH"),
        ("affiliate", "AFFILIATES"),
        ("tradeshow", "EVENTS"),
        ("direct", "DIRECT"),
    ];
    for (external_id, kind) in expected {
        let lead = by_id(&all, external_id);
        assert_eq!(lead["channel"]["kind"], kind, "{external_id}: {lead}");
        let touches = list(
            &lead["touchpoints"],
            &format!("touchpoints of {external_id}"),
        );
        assert_eq!(touches.len(), 1, "{external_id}: one first touchpoint");
        assert_eq!(touches[0]["channel"]["kind"], kind, "{external_id}");
    }
    let garbage_lead = by_id(&all, "garbage");
    let garbage = text(
        &garbage_lead["channel"]["kind"],
        "the garbage lead's channel kind",
    );
    assert!(["UNASSIGNED", "REFERRAL"].contains(&garbage), "{garbage}");

    let google = by_id(&all, "google-cpc");
    assert_eq!(
        google["source"],
        json!({ "source": "Google", "medium": "CPC", "campaign": "Brand" })
    );
    assert_eq!(
        google["campaign"]["name"], "Brand search",
        "matched by utm_campaign"
    );
    assert_eq!(by_id(&all, "facebook")["campaign"], Value::Null);
    assert_eq!(app.count("touchpoint", ws.id).await, 13);
}

#[tokio::test]
async fn capturing_a_lead_again_updates_contact_fields_but_never_its_source() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let first = json!({
        "externalId": "crm-1", "email": "Ada@Example.com", "name": "Ada",
        "utmSource": "google", "utmMedium": "cpc", "referrer": "https://www.google.com/",
        "createdAt": "2026-01-05T10:00:00Z"
    });
    let resp = app
        .gql(Some(&ws.token), CAPTURE_ONE, json!({ "input": first }))
        .await
        .ok();
    let lead = resp.data("captureLead").clone();
    assert_eq!(lead["email"], "ada@example.com");
    assert_eq!(lead["status"], "NEW");
    assert_eq!(lead["channel"]["kind"], "PAID_SEARCH");
    assert_eq!(
        lead["touchpoints"][0]["utm"],
        json!({ "source": "google", "medium": "cpc" })
    );

    let again = json!({
        "externalId": "crm-1", "email": "ada@newjob.com", "company": "Analytical Engines",
        "utmSource": "facebook", "utmMedium": "paid_social", "channel": "EVENTS",
        "createdAt": "2026-02-01T10:00:00Z"
    });
    let resp = app
        .gql(Some(&ws.token), CAPTURE_ONE, json!({ "input": again }))
        .await
        .ok();
    let lead = resp.data("captureLead");
    assert_eq!(lead["email"], "ada@newjob.com");
    assert_eq!(lead["name"], "Ada", "a field the repeat leaves out is kept");
    assert_eq!(lead["company"], "Analytical Engines");
    assert_eq!(
        lead["channel"]["kind"], "PAID_SEARCH",
        "the source is the first touch"
    );
    assert_eq!(lead["source"]["source"], "google");
    assert_eq!(lead["touchpoints"].as_array().map(Vec::len), Some(1));

    let resp = app
        .gql(
            Some(&ws.token),
            CAPTURE_MANY,
            json!({ "inputs": [again, first] }),
        )
        .await
        .ok();
    assert_eq!(resp.data("captureLeads/created"), 0);
    assert_eq!(resp.data("captureLeads/updated"), 1, "one lead sent twice");
    assert_eq!(app.count("lead", ws.id).await, 1);
    assert_eq!(app.count("touchpoint", ws.id).await, 1);
}

#[tokio::test]
async fn a_lead_sent_twice_in_one_call_takes_its_source_from_the_first_row() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let inputs = json!([
        { "externalId": "x", "utmSource": "newsletter", "utmMedium": "email", "name": "First" },
        { "externalId": "x", "utmSource": "google", "utmMedium": "cpc", "email": "x@example.com" },
    ]);
    let resp = app
        .gql(Some(&ws.token), CAPTURE_MANY, json!({ "inputs": inputs }))
        .await
        .ok();
    assert_eq!(resp.data("captureLeads/created"), 1);
    assert_eq!(
        resp.data("captureLeads/leads").as_array().map(Vec::len),
        Some(2)
    );
    let all = leads(&app, &ws.token).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["channel"]["kind"], "EMAIL");
}

#[tokio::test]
async fn a_call_with_bad_lead_rows_writes_nothing_and_lists_every_bad_row() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let before = app.generation(ws.id).await;
    let inputs = json!([
        { "externalId": "ok", "email": "ok@example.com" },
        { "externalId": "  " },
        { "externalId": "bad-email", "email": "not an email" },
        { "externalId": "future", "createdAt": "2999-01-01T00:00:00Z" },
        { "externalId": "channel", "channel": "Carrier pigeon" },
        { "externalId": "campaign", "campaignId": "Q2FtcGFpZ246OTk5" },
        { "externalId": "long", "utmSource": "x".repeat(513), "landingPage": "https://a.com/".to_owned() + &"y".repeat(5000) },
    ]);
    let resp = app
        .gql(Some(&ws.token), CAPTURE_MANY, json!({ "inputs": inputs }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"), "{}", resp.body);
    let expected: Vec<(u64, String)> = [
        (1, "externalId"),
        (2, "email"),
        (3, "createdAt"),
        (4, "channel"),
        (5, "campaignId"),
        (6, "utmSource"),
        (6, "landingPage"),
    ]
    .into_iter()
    .map(|(i, f)| (i, f.to_owned()))
    .collect();
    assert_eq!(resp.bad_rows(), expected, "{}", resp.body);
    assert_eq!(app.count("lead", ws.id).await, 0);
    assert_eq!(app.count("touchpoint", ws.id).await, 0);
    assert_eq!(app.generation(ws.id).await, before);
}

#[tokio::test]
async fn more_leads_than_the_batch_limit_are_refused_naming_the_limit() {
    let probe = TestApp::spawn().await;
    let mut settings = test_settings(&probe.database_url);
    settings.max_batch_rows = 2;
    let app = TestApp::spawn_with(settings).await;
    let ws = app.workspace("acme").await;
    let inputs: Vec<Value> = (0..3)
        .map(|i| json!({ "externalId": format!("l{i}") }))
        .collect();
    let resp = app
        .gql(Some(&ws.token), CAPTURE_MANY, json!({ "inputs": inputs }))
        .await;
    assert_eq!(resp.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(resp.error_field(), Some("inputs"));
    assert!(resp.body.to_string().contains("MAX_BATCH_ROWS = 2"));
    assert_eq!(app.count("lead", ws.id).await, 0);
}

#[tokio::test]
async fn a_token_without_leads_write_cannot_capture_leads() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let token = app
        .token(ws.id, &[Scope::SpendWrite, Scope::ConversionsWrite])
        .await;
    let resp = app
        .gql(
            Some(&token),
            CAPTURE_MANY,
            json!({ "inputs": [{ "externalId": "a" }] }),
        )
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
    let resp = app
        .gql(
            Some(&token),
            CAPTURE_ONE,
            json!({ "input": { "externalId": "a" } }),
        )
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"));
    assert_eq!(app.count("lead", ws.id).await, 0);
}

#[tokio::test]
async fn a_full_batch_of_ten_thousand_leads_fits_the_default_limits_with_one_touchpoint_each() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let inputs: Vec<Value> = (0..10_000)
        .map(|i| {
            json!({
                "externalId": format!("lead-{i}"),
                "email": format!("lead{i}@example.com"),
                "name": format!("Person number {i}"),
                "company": format!("Company {}", i % 97),
                "referrer": "https://www.google.com/search?q=marketing+attribution",
                "landingPage": format!("https://acme.com/pricing?utm_source=src{}&utm_medium=cpc&utm_campaign=spring", i % 10),
            })
        })
        .collect();
    let body = serde_json::to_vec(&inputs).expect("JSON values serialise");
    assert!(
        body.len() > 2 * 1024 * 1024,
        "the batch is over 2 MiB: {}",
        body.len()
    );
    let resp = app
        .gql(Some(&ws.token), "mutation($inputs: [LeadInput!]!) { captureLeads(inputs: $inputs) { created updated } }", json!({ "inputs": inputs }))
        .await
        .ok();
    assert_eq!(
        resp.data("captureLeads"),
        &json!({ "created": 10_000, "updated": 0 })
    );
    assert_eq!(app.count("lead", ws.id).await, 10_000);
    assert_eq!(app.count("touchpoint", ws.id).await, 10_000);
    let linked = app
        .scalar(&format!(
            "SELECT COUNT(*) AS n FROM touchpoint t JOIN lead l ON l.id = t.lead_id \
             WHERE t.workspace_id = {0} AND t.occurred_at = l.created_at AND t.channel_id = l.channel_id",
            ws.id
        ))
        .await;
    assert_eq!(linked, 10_000, "each first touch is its lead's source");
}
