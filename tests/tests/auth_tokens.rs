//! API tokens over HTTP: created once with their secret, listed without it, revoked and
//! expired at once, stored only as a SHA-256, and their last use kept without a write
//! per request.

use chrono::{Duration, Utc};
use leadsource::auth::Role;
use leadsource_tests::TestApp;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;
use sha2::{Digest, Sha256};

const CREATE: &str = "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) {
    secret token { id name prefix scopes expiresAt revokedAt lastUsedAt } } }";
const LIST: &str =
    "{ apiTokens { id name prefix scopes createdAt lastUsedAt expiresAt revokedAt } }";
const VIEWER: &str = "{ viewer { kind scopes tokenId workspace { slug } } }";

async fn create(app: &TestApp, credential: &str, scopes: serde_json::Value) -> (String, String) {
    let input = json!({ "name": "CI import", "scopes": scopes });
    let resp = app
        .gql(Some(credential), CREATE, json!({ "i": input }))
        .await
        .ok();
    let secret = resp
        .data("createApiToken/secret")
        .as_str()
        .expect("secret")
        .to_owned();
    let id = resp
        .data("createApiToken/token/id")
        .as_str()
        .expect("id")
        .to_owned();
    (secret, id)
}

#[tokio::test]
async fn an_admin_creates_a_token_whose_secret_is_shown_once() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let (secret, id) = create(&app, &admin, json!(["REPORTS_READ", "SPEND_WRITE"])).await;
    assert!(secret.starts_with("lsk_") && secret.len() == 47, "{secret}");
    let me = app.gql(Some(&secret), VIEWER, json!({})).await.ok();
    assert_eq!(me.data("viewer/kind"), "API_TOKEN");
    assert_eq!(
        me.data("viewer/scopes"),
        &json!(["REPORTS_READ", "SPEND_WRITE"])
    );
    assert_eq!(me.data("viewer/tokenId"), id.as_str());

    let list = app.gql(Some(&admin), LIST, json!({})).await.ok();
    let listed = list.body.to_string();
    assert!(!listed.contains(&secret[4..]), "the secret is never listed");
    let mine = list
        .data("apiTokens")
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["id"] == id.as_str())
        .cloned()
        .expect("listed");
    assert_eq!(mine["name"], "CI import");
    assert!(secret.starts_with(mine["prefix"].as_str().expect("prefix")));
    assert_eq!(mine["scopes"], json!(["REPORTS_READ", "SPEND_WRITE"]));
}

#[tokio::test]
async fn only_the_sha256_of_a_secret_is_stored() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let (secret, _) = create(&app, &ws.token, json!(["ADMIN"])).await;
    let rows = entity::api_token::Entity::find()
        .all(&app.state.db.conn)
        .await
        .expect("rows");
    let digest = hex_sha256(&secret);
    assert!(rows.iter().any(|r| r.secret_hash == digest));
    for row in rows {
        let stored = format!("{row:?}");
        assert!(!stored.contains(&secret[4..]), "secret stored in {stored}");
    }
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_revoked_token_is_refused_on_its_very_next_request() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let (secret, id) = create(&app, &ws.token, json!(["REPORTS_READ"])).await;
    app.gql(Some(&secret), "{ channels { id } }", json!({}))
        .await
        .ok();
    let q = "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }";
    let revoked = app.gql(Some(&ws.token), q, json!({ "id": id })).await.ok();
    assert!(revoked.data("revokeApiToken/revokedAt").is_string());
    let refused = app
        .gql(Some(&secret), "{ channels { id } }", json!({}))
        .await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.error_code(), Some("UNAUTHENTICATED"));
    let again = app.gql(Some(&ws.token), q, json!({ "id": id })).await.ok();
    assert_eq!(
        again.data("revokeApiToken/revokedAt"),
        revoked.data("revokeApiToken/revokedAt")
    );
}

#[tokio::test]
async fn an_expired_token_is_refused_and_a_past_expiry_cannot_be_set() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let soon = (Utc::now() + Duration::hours(1)).to_rfc3339();
    let input = json!({ "name": "short", "scopes": ["REPORTS_READ"], "expiresAt": soon });
    let resp = app
        .gql(Some(&ws.token), CREATE, json!({ "i": input }))
        .await
        .ok();
    let secret = resp
        .data("createApiToken/secret")
        .as_str()
        .expect("secret")
        .to_owned();
    app.gql(Some(&secret), "{ channels { id } }", json!({}))
        .await
        .ok();
    // Let the clock pass the expiry.
    let rows = entity::api_token::Entity::find()
        .all(&app.state.db.conn)
        .await
        .expect("rows");
    let row = rows.into_iter().find(|r| r.name == "short").expect("row");
    let mut active: entity::api_token::ActiveModel = row.into();
    active.expires_at = Set(Some(Utc::now() - Duration::seconds(1)));
    active.update(&app.state.db.conn).await.expect("update");
    let refused = app
        .gql(Some(&secret), "{ channels { id } }", json!({}))
        .await;
    assert_eq!(refused.error_code(), Some("UNAUTHENTICATED"));

    let past = (Utc::now() - Duration::hours(1)).to_rfc3339();
    let input = json!({ "name": "late", "scopes": ["REPORTS_READ"], "expiresAt": past });
    let late = app
        .gql(Some(&ws.token), CREATE, json!({ "i": input }))
        .await;
    assert_eq!(late.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(late.error_field(), Some("expiresAt"));
}

/// Waits until the server stops issuing statements of its own: at start it checks the
/// planner statistics of every table in the background, and a count taken meanwhile would
/// measure that pass (one more table was enough to make it overlap every time).
async fn quiet(app: &TestApp) {
    let mut last = app.state.db.statement_count();
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let now = app.state.db.statement_count();
        if now == last {
            return;
        }
        last = now;
    }
    panic!("the server kept issuing statements for 5 s");
}

#[tokio::test]
async fn last_use_is_listed_at_once_and_written_by_the_periodic_flush() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let (secret, id) = create(&app, &ws.token, json!(["REPORTS_READ"])).await;
    quiet(&app).await;
    let before = app.state.db.statement_count();
    for _ in 0..5 {
        app.gql(Some(&secret), "{ viewer { kind } }", json!({}))
            .await
            .ok();
    }
    // Each request reads its token once (a SELECT) and writes nothing.
    assert_eq!(app.state.db.statement_count() - before, 5);
    let stored = entity::api_token::Entity::find()
        .all(&app.state.db.conn)
        .await
        .expect("rows");
    assert!(
        stored
            .iter()
            .all(|t| t.name != "CI import" || t.last_used_at.is_none())
    );
    let list = app.gql(Some(&ws.token), LIST, json!({})).await.ok();
    let mine = list
        .data("apiTokens")
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["id"] == id.as_str())
        .cloned()
        .expect("listed");
    assert!(
        mine["lastUsedAt"].is_string(),
        "pending use is listed: {mine}"
    );

    let written = leadsource::services::api_token::flush_token_usage(
        &app.state.db.conn,
        &app.state.auth.token_usage,
    )
    .await
    .expect("flush");
    assert!(written >= 1);
    let stored = entity::api_token::Entity::find()
        .all(&app.state.db.conn)
        .await
        .expect("rows");
    let row = stored.iter().find(|t| t.name == "CI import").expect("row");
    assert!(row.last_used_at.is_some_and(|at| at <= Utc::now()));
}

#[tokio::test]
async fn creating_and_revoking_tokens_needs_admin() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let analyst = app.session("acme", Role::Analyst).await;
    let input = json!({ "name": "x", "scopes": ["REPORTS_READ"] });
    let refused = app.gql(Some(&analyst), CREATE, json!({ "i": input })).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));
    let admin = app.session("acme", Role::Admin).await;
    let empty = json!({ "name": "x", "scopes": [] });
    let no_scope = app.gql(Some(&admin), CREATE, json!({ "i": empty })).await;
    assert_eq!(no_scope.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(no_scope.error_field(), Some("scopes"));
}
