//! Sign-in attempts are charged per `login` field, to the client address and to the email,
//! whatever bearer the request carries: aliases and batches cannot multiply guesses.

use leadsource::auth::Role;
use leadsource_tests::TestApp;
use leadsource_tests::json::text;
use serde_json::json;

/// `n` aliased `login` fields for `email` in one document.
fn aliased_logins(email: &str, n: usize) -> String {
    let fields: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"a{i}: login(email: "{email}", password: "wrong password {i}") {{ accessToken }}"#
            )
        })
        .collect();
    format!("mutation {{ {} }}", fields.join(" "))
}

fn codes(body: &serde_json::Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {body}"))
        .iter()
        .map(|e| text(&e["extensions"]["code"], "an error's code").to_owned())
        .collect()
}

#[tokio::test]
async fn aliased_logins_are_charged_one_attempt_each_even_with_a_bearer() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.sign_in_rate_per_minute = 6;
        s.limits.sign_in_burst = 5;
    })
    .await;
    app.user("acme", "ana@example.com", Role::Owner).await;
    let resp = app
        .gql(None, &aliased_logins("ana@example.com", 20), json!({}))
        .await;
    let codes = codes(&resp.body);
    assert_eq!(codes.len(), 20, "{}", resp.body);
    let tried = codes.iter().filter(|c| *c == "UNAUTHENTICATED").count();
    let limited = codes.iter().filter(|c| *c == "RATE_LIMITED").count();
    assert!((1..=6).contains(&tried), "{tried} attempts ran: {codes:?}");
    assert_eq!(tried + limited, 20, "{codes:?}");

    // A bearer of one's own does not move sign-in to another bucket.
    let ws = app.workspace("own").await;
    let resp = app
        .gql(
            Some(&ws.token),
            &aliased_logins("someone-else@example.com", 1),
            json!({}),
        )
        .await;
    assert_eq!(resp.error_code(), Some("RATE_LIMITED"), "{}", resp.body);
}
