//! A NUL character anywhere in a request is BAD_USER_INPUT naming where it is, on both
//! backends: it used to be INTERNAL on PostgreSQL and to match every lead on SQLite.

use leadsource_tests::TestApp;
use serde_json::json;

#[tokio::test]
async fn a_nul_in_a_variable_or_the_document_is_refused_naming_where_it_is() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let login = app
        .gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            json!({ "e": "ana\u{0}@example.com", "p": "whatever password" }),
        )
        .await;
    assert_eq!(login.error_code(), Some("BAD_USER_INPUT"), "{}", login.body);
    assert_eq!(login.error_field(), Some("variables.e"), "{}", login.body);

    let leads = [
        json!({ "externalId": "ok" }),
        json!({ "externalId": "x", "name": "a\u{0}b" }),
    ];
    let capture = app
        .gql(
            Some(&ws.token),
            "mutation($i: [LeadInput!]!) { captureLeads(inputs: $i) { created } }",
            json!({ "i": leads }),
        )
        .await;
    assert_eq!(
        capture.error_field(),
        Some("variables.i[1].name"),
        "{}",
        capture.body
    );
    assert_eq!(app.count("lead", ws.id).await, 0, "nothing is written");

    let search = app
        .gql(
            Some(&ws.token),
            r#"{ leads(filter: { search: "\u0000" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        search.error_code(),
        Some("BAD_USER_INPUT"),
        "{}",
        search.body
    );
    assert_eq!(search.error_field(), Some("query"), "{}", search.body);
}
