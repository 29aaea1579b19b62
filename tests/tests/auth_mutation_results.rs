//! What a mutation's answer may show: a write-only token captures leads and learns their ids
//! and the created/updated counts, never the personal data or journey of a lead it names.

use leadsource::auth::Scope;
use leadsource_tests::TestApp;
use serde_json::json;

const EMAIL: &str = "ada.secret@example.com";

#[tokio::test]
async fn a_write_only_token_capturing_a_known_lead_never_reads_its_personal_data() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let lead = json!({ "externalId": "crm-1", "email": EMAIL, "name": "Ada", "company": "Acme",
                       "createdAt": "2026-03-02T10:00:00Z", "utmSource": "google" });
    app.gql(
        Some(&ws.token),
        "mutation($i: LeadInput!) { captureLead(input: $i) { id } }",
        json!({ "i": lead }),
    )
    .await
    .ok();
    let writer = app.token(ws.id, &[Scope::LeadsWrite]).await;
    let probe = json!({ "externalId": "crm-1" });

    for field in [
        "email",
        "name",
        "company",
        "status",
        "createdAt",
        "source { source }",
        "channel { name }",
        "touchpoints { id }",
        "conversions { id }",
    ] {
        let resp = app
            .gql(
                Some(&writer),
                &format!("mutation($i: LeadInput!) {{ captureLead(input: $i) {{ id {field} }} }}"),
                json!({ "i": probe }),
            )
            .await;
        assert_eq!(
            resp.error_code(),
            Some("FORBIDDEN"),
            "{field}: {}",
            resp.body
        );
        let text = resp.body.to_string();
        for secret in [EMAIL, "Ada", "Acme", "google"] {
            assert!(!text.contains(secret), "{field} leaked {secret}: {text}");
        }
    }
    let resp = app
        .gql(
            Some(&writer),
            "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created updated leads { email } } }",
            json!({ "i": [probe] }),
        )
        .await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
    assert!(!resp.body.to_string().contains(EMAIL), "{}", resp.body);

    // Ids and counts are the writer's to know.
    let resp = app
        .gql(
            Some(&writer),
            "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created updated leads { id externalId } } }",
            json!({ "i": [probe, { "externalId": "crm-2" }] }),
        )
        .await
        .ok();
    assert_eq!(resp.data("captureLeads/created"), 1);
    assert_eq!(resp.data("captureLeads/updated"), 1);
    assert_eq!(resp.data("captureLeads/leads/0/externalId"), "crm-1");

    // A principal that may read leads gets them, as before.
    let resp = app
        .gql(
            Some(&ws.token),
            "mutation($i: LeadInput!) { captureLead(input: $i) { email touchpoints { id } } }",
            json!({ "i": probe }),
        )
        .await
        .ok();
    assert_eq!(resp.data("captureLead/email"), EMAIL);
}
