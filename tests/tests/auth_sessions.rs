//! Users and sessions over HTTP: login, rotation of refresh tokens, reuse detection,
//! logout and the demo login (invitations: `auth_invitations`; passwords: `auth_passwords`).

use leadsource::auth::Role;
use leadsource_tests::TestApp;
use serde_json::json;

const REFRESH: &str =
    "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken role } }";
const LOGOUT: &str = "mutation($t: String!) { logout(refreshToken: $t) }";
const VIEWER: &str = "{ viewer { kind role scopes user { email } workspace { slug } } }";

#[tokio::test]
async fn a_user_signs_in_and_reads_with_the_access_token() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let user = app.user("acme", "Ana@Example.com", Role::Analyst).await;
    let session = app.login("  ana@example.COM ", &user.password).await.ok();
    assert_eq!(session.data("login/role"), "ANALYST");
    assert_eq!(session.data("login/workspace/slug"), "acme");
    let access = session.data("login/accessToken").as_str().expect("jwt");
    assert_eq!(access.split('.').count(), 3);
    let me = app.gql(Some(access), VIEWER, json!({})).await.ok();
    assert_eq!(me.data("viewer/kind"), "USER");
    assert_eq!(me.data("viewer/role"), "ANALYST");
    assert_eq!(me.data("viewer/user/email"), "ana@example.com");
    assert_eq!(me.data("viewer/scopes"), &json!([]));
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_answer_the_same_error() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let user = app.user("acme", "ana@example.com", Role::Viewer).await;
    let wrong_password = app.login(&user.email, "not the password").await;
    let wrong_email = app.login("nobody@example.com", &user.password).await;
    let not_an_email = app.login("nobody", &user.password).await;
    assert_eq!(wrong_password.error_code(), Some("UNAUTHENTICATED"));
    for other in [&wrong_email, &not_an_email] {
        assert_eq!(
            other.body["errors"][0]["message"],
            wrong_password.body["errors"][0]["message"]
        );
        assert_eq!(other.error_code(), wrong_password.error_code());
    }
}

#[tokio::test]
async fn refreshing_rotates_the_refresh_token_and_reusing_one_ends_the_session() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let user = app.user("acme", "ana@example.com", Role::Viewer).await;
    let first = app.login(&user.email, &user.password).await.ok();
    let r1 = first
        .data("login/refreshToken")
        .as_str()
        .expect("r1")
        .to_owned();
    assert!(r1.starts_with("lsr_"));

    let second = app.gql(None, REFRESH, json!({ "t": r1 })).await.ok();
    let r2 = second
        .data("refreshSession/refreshToken")
        .as_str()
        .expect("r2")
        .to_owned();
    assert_ne!(r1, r2);
    let access = second
        .data("refreshSession/accessToken")
        .as_str()
        .expect("jwt");
    app.gql(Some(access), VIEWER, json!({})).await.ok();

    // r1 is spent: presenting it again looks like theft and revokes the whole family.
    let replay = app.gql(None, REFRESH, json!({ "t": r1 })).await;
    assert_eq!(replay.error_code(), Some("UNAUTHENTICATED"));
    let after = app.gql(None, REFRESH, json!({ "t": r2 })).await;
    assert_eq!(
        after.error_code(),
        Some("UNAUTHENTICATED"),
        "r2 died with its family"
    );

    // Another login is another family, unaffected.
    let other = app.login(&user.email, &user.password).await.ok();
    let r3 = other.data("login/refreshToken").as_str().expect("r3");
    app.gql(None, REFRESH, json!({ "t": r3 })).await.ok();
}

#[tokio::test]
async fn logout_revokes_the_refresh_token_and_its_family() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let user = app.user("acme", "ana@example.com", Role::Viewer).await;
    let session = app.login(&user.email, &user.password).await.ok();
    let r1 = session
        .data("login/refreshToken")
        .as_str()
        .expect("r1")
        .to_owned();
    let rotated = app.gql(None, REFRESH, json!({ "t": r1 })).await.ok();
    let r2 = rotated
        .data("refreshSession/refreshToken")
        .as_str()
        .expect("r2")
        .to_owned();
    let out = app.gql(None, LOGOUT, json!({ "t": r2 })).await.ok();
    assert_eq!(out.data("logout"), true);
    assert_eq!(
        app.gql(None, REFRESH, json!({ "t": r2 }))
            .await
            .error_code(),
        Some("UNAUTHENTICATED")
    );
    let unknown = app
        .gql(None, LOGOUT, json!({ "t": "lsr_nothing" }))
        .await
        .ok();
    assert_eq!(
        unknown.data("logout"),
        true,
        "logout tells nothing about unknown tokens"
    );
}

#[tokio::test]
async fn a_refreshed_session_carries_the_current_role() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let user = app.user("acme", "ana@example.com", Role::Viewer).await;
    let session = app.login(&user.email, &user.password).await.ok();
    let r1 = session
        .data("login/refreshToken")
        .as_str()
        .expect("r1")
        .to_owned();
    app.user("acme", "ana@example.com", Role::Admin).await; // promoted
    let rotated = app.gql(None, REFRESH, json!({ "t": r1 })).await.ok();
    assert_eq!(rotated.data("refreshSession/role"), "ADMIN");
}

#[tokio::test]
async fn the_demo_login_signs_in_as_owner_and_a_new_start_changes_its_password() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("demo").await;
    let db = &app.state.db.conn;
    let first = leadsource::services::access::ensure_demo_login(db, ws.id)
        .await
        .expect("demo");
    let session = app.login(&first.email, &first.password).await.ok();
    assert_eq!(session.data("login/role"), "OWNER");
    let second = leadsource::services::access::ensure_demo_login(db, ws.id)
        .await
        .expect("demo");
    assert_ne!(first.password, second.password);
    assert_eq!(
        app.login(&first.email, &first.password).await.error_code(),
        Some("UNAUTHENTICATED")
    );
    app.login(&second.email, &second.password).await.ok();
}
