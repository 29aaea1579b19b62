//! `changePassword` over HTTP: the current password is checked like a sign-in, the policy
//! holds, and every earlier refresh token of the user stops working.

use leadsource::auth::Role;
use leadsource_tests::{GqlResponse, TestApp};
use serde_json::json;

const CHANGE: &str = "mutation($c: String!, $n: String!) {
    changePassword(currentPassword: $c, newPassword: $n) {
        accessToken refreshToken role workspace { slug } } }";
const REFRESH: &str =
    "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }";

async fn change(app: &TestApp, credential: &str, current: &str, new: &str) -> GqlResponse {
    app.gql(Some(credential), CHANGE, json!({ "c": current, "n": new }))
        .await
}

/// `(access JWT, refresh token)` of a login, optionally into workspace `slug`.
async fn sign_in(
    app: &TestApp,
    email: &str,
    password: &str,
    slug: Option<&str>,
) -> (String, String) {
    let q = "mutation($e: String!, $p: String!, $w: String) {
        login(email: $e, password: $p, workspace: $w) { accessToken refreshToken } }";
    let resp = app
        .gql(None, q, json!({ "e": email, "p": password, "w": slug }))
        .await
        .ok();
    let field = |name: &str| {
        resp.data(&format!("login/{name}"))
            .as_str()
            .unwrap_or_else(|| panic!("no {name} in {}", resp.body))
            .to_owned()
    };
    (field("accessToken"), field("refreshToken"))
}

async fn refresh(app: &TestApp, token: &str) -> GqlResponse {
    app.gql(None, REFRESH, json!({ "t": token })).await
}

#[tokio::test]
async fn changing_the_password_ends_every_earlier_session_and_answers_a_new_one() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    app.workspace("other").await;
    let ana = app.user("acme", "ana@example.com", Role::Analyst).await;
    app.user("other", "ana@example.com", Role::Viewer).await;
    let (access, here) = sign_in(&app, &ana.email, &ana.password, Some("acme")).await;
    let (_, laptop) = sign_in(&app, &ana.email, &ana.password, Some("acme")).await;
    let (_, elsewhere) = sign_in(&app, &ana.email, &ana.password, Some("other")).await;

    let changed = change(&app, &access, &ana.password, "a brand new password")
        .await
        .ok();
    assert_eq!(changed.data("changePassword/role"), "ANALYST");
    assert_eq!(changed.data("changePassword/workspace/slug"), "acme");

    for (name, old) in [
        ("this", &here),
        ("another device", &laptop),
        ("another workspace", &elsewhere),
    ] {
        assert_eq!(
            refresh(&app, old).await.error_code(),
            Some("UNAUTHENTICATED"),
            "{name}'s refresh token survived the change"
        );
    }
    let fresh = changed
        .data("changePassword/refreshToken")
        .as_str()
        .expect("refresh");
    refresh(&app, fresh).await.ok();
    assert_eq!(
        app.login(&ana.email, &ana.password).await.error_code(),
        Some("UNAUTHENTICATED")
    );
    app.login(&ana.email, "a brand new password").await.ok();
}

#[tokio::test]
async fn a_wrong_current_password_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let ana = app.user("acme", "ana@example.com", Role::Viewer).await;
    let (access, refresh_token) = sign_in(&app, &ana.email, &ana.password, None).await;
    let wrong = change(&app, &access, "not the password", "a brand new password").await;
    assert_eq!(wrong.error_code(), Some("BAD_USER_INPUT"), "{}", wrong.body);
    assert_eq!(wrong.error_field(), Some("currentPassword"));
    refresh(&app, &refresh_token).await.ok();
    app.login(&ana.email, &ana.password).await.ok();
    assert_eq!(
        app.login(&ana.email, "a brand new password")
            .await
            .error_code(),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn the_new_password_follows_the_policy_and_must_change() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let ana = app.user("acme", "ana@example.com", Role::Viewer).await;
    let (access, _) = sign_in(&app, &ana.email, &ana.password, None).await;
    let short = change(&app, &access, &ana.password, "short").await;
    assert_eq!(short.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(short.error_field(), Some("newPassword"));
    let same = change(&app, &access, &ana.password, &ana.password).await;
    assert_eq!(same.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(same.error_field(), Some("newPassword"));
    app.login(&ana.email, &ana.password).await.ok();
}

#[tokio::test]
async fn an_api_token_has_no_password_to_change() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let resp = change(&app, &ws.token, "anything at all", "a brand new password").await;
    assert_eq!(resp.error_code(), Some("FORBIDDEN"), "{}", resp.body);
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_login() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.sign_in_rate_per_minute = 6;
        s.limits.sign_in_burst = 5;
    })
    .await;
    app.workspace("acme").await;
    let ana = app.user("acme", "ana@example.com", Role::Viewer).await;
    let (access, _) = sign_in(&app, &ana.email, &ana.password, None).await;
    // Aliases in one document cost one attempt each.
    let fields: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"a{i}: changePassword(currentPassword: "guess {i} of many", newPassword: "a brand new password") {{ accessToken }}"#
            )
        })
        .collect();
    let doc = format!("mutation {{ {} }}", fields.join(" "));
    let resp = app.gql(Some(&access), &doc, json!({})).await;
    let codes: Vec<&str> = resp.body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {}", resp.body))
        .iter()
        .map(|e| e["extensions"]["code"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(codes.len(), 20, "{}", resp.body);
    let tried = codes.iter().filter(|c| **c == "BAD_USER_INPUT").count();
    let limited = codes.iter().filter(|c| **c == "RATE_LIMITED").count();
    assert!((1..=6).contains(&tried), "{tried} guesses ran: {codes:?}");
    assert_eq!(tried + limited, 20, "{codes:?}");
    // The buckets are login's: signing in from this address now waits too.
    assert_eq!(
        app.login(&ana.email, &ana.password).await.error_code(),
        Some("RATE_LIMITED")
    );
}
