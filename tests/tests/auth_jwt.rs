//! Access JWTs over HTTP: forged, foreign and expired tokens are UNAUTHENTICATED, and
//! EdDSA keys rotate by `kid` while tokens of the old key stay valid.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use leadsource::auth::Role;
use leadsource::auth::jwt::{AccessClaims, JwtKeys};
use leadsource::config::Settings;
use leadsource_tests::{TestApp, test_settings};
use serde_json::json;

const VIEWER: &str = "{ viewer { kind role workspace { slug } } }";

fn key(name: &str) -> String {
    format!(
        "{}/../api/tests/fixtures/jwt/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn use_eddsa(settings: &mut Settings, signing: &str, verifying: &[&str]) {
    settings.auth.jwt_algorithm = "EdDSA".to_owned();
    settings.auth.jwt_private_key_file = Some(key(&format!("{signing}.key.pem")).into());
    settings.auth.jwt_key_id = Some(signing.to_owned());
    settings.auth.jwt_public_keys = verifying
        .iter()
        .map(|kid| format!("{kid}={}", key(&format!("{kid}.pub.pem"))))
        .collect();
}

async fn refused(app: &TestApp, token: &str) {
    let resp = app.gql(Some(token), VIEWER, json!({})).await;
    assert_eq!(
        resp.error_code(),
        Some("UNAUTHENTICATED"),
        "{token}: {}",
        resp.body
    );
    assert_eq!(resp.status, 401);
    assert!(resp.body.get("data").is_none());
}

#[tokio::test]
async fn forged_foreign_and_expired_tokens_are_unauthenticated() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let good = app.session("acme", Role::Viewer).await;
    app.gql(Some(&good), VIEWER, json!({})).await.ok();
    let parts: Vec<&str> = good.split('.').collect();
    let payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");

    // alg: none, with and without a signature.
    let none = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    refused(&app, &format!("{none}.{}.", parts[1])).await;
    refused(&app, &format!("{none}.{}.{}", parts[1], parts[2])).await;
    // A payload promoted to OWNER under the original signature.
    let mut promoted = payload.clone();
    promoted["role"] = json!("OWNER");
    let promoted = URL_SAFE_NO_PAD.encode(promoted.to_string());
    refused(&app, &format!("{}.{promoted}.{}", parts[0], parts[2])).await;
    // A changed signature.
    let mut signature = parts[2].to_owned();
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    signature.replace_range(0..1, flipped);
    refused(&app, &format!("{}.{}.{signature}", parts[0], parts[1])).await;

    // Signed with the right secret but for another audience, or long expired.
    let secret = app
        .state
        .settings
        .auth
        .jwt_secret
        .clone()
        .expect("test secret");
    let keys =
        JwtKeys::hs256(secret.expose().as_bytes(), "leadsource", "leadsource-api").expect("keys");
    let mut claims: AccessClaims = serde_json::from_value(payload).expect("claims");
    let mut other_audience = claims.clone();
    other_audience.aud = "another-service".to_owned();
    refused(&app, &keys.sign(&other_audience).expect("sign")).await;
    claims.exp = Utc::now().timestamp() - 3_600;
    claims.nbf = claims.exp - 900;
    claims.iat = claims.nbf;
    refused(&app, &keys.sign(&claims).expect("sign")).await;
    // A token of another deployment's secret.
    let stranger = JwtKeys::hs256(&[7; 32], "leadsource", "leadsource-api").expect("keys");
    let forged = stranger.issue(1, 1, Role::Owner, "f").expect("issue").token;
    refused(&app, &forged).await;
}

#[tokio::test]
async fn eddsa_keys_rotate_while_tokens_of_the_old_key_stay_valid() {
    let old = TestApp::spawn_adjusted(|s| use_eddsa(s, "ed-a", &["ed-a"])).await;
    old.workspace("acme").await;
    let old_token = old.session("acme", Role::Analyst).await;
    let header: serde_json::Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(old_token.split('.').next().expect("header"))
            .expect("b64"),
    )
    .expect("json");
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["kid"], "ed-a");

    // The same database behind a server that signs with ed-b and still trusts ed-a.
    let mut settings = test_settings(&old.database_url);
    use_eddsa(&mut settings, "ed-b", &["ed-b", "ed-a"]);
    let rotated = TestApp::spawn_with(settings).await;
    let me = rotated.gql(Some(&old_token), VIEWER, json!({})).await.ok();
    assert_eq!(me.data("viewer/role"), "ANALYST");
    let new_token = rotated.session("acme", Role::Viewer).await;
    rotated.gql(Some(&new_token), VIEWER, json!({})).await.ok();
    refused(&old, &new_token).await;

    // Once ed-a is dropped from the list, its tokens stop working.
    let mut settings = test_settings(&old.database_url);
    use_eddsa(&mut settings, "ed-b", &["ed-b"]);
    let retired = TestApp::spawn_with(settings).await;
    refused(&retired, &old_token).await;
}

#[tokio::test]
async fn a_short_jwt_secret_is_refused_at_start_naming_the_setting() {
    let mut settings = test_settings("sqlite::memory:");
    settings.auth.jwt_secret = Some(leadsource::config::Secret::new("too short"));
    let err = leadsource::app::build_state(settings)
        .await
        .expect_err("refused");
    assert!(err.to_string().starts_with("JWT_SECRET:"), "{err}");
}
