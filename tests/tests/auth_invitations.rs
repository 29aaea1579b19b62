//! Invitations over HTTP: an ADMIN invites an email and learns nothing about whether it has
//! an account; the invitee joins only by accepting; codes expire, work once, are replaced by
//! a new invitation and can be revoked.

use chrono::{DateTime, Duration, Utc};
use leadsource::auth::Role;
use leadsource::services::access::{NewUser, bootstrap_user};
use leadsource_tests::{GqlResponse, TestApp, TestUser};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

const INVITE: &str = "mutation($e: String!, $r: Role!, $n: String) {
    inviteUser(input: { email: $e, role: $r, displayName: $n }) {
        code invitation { id email role displayName status createdAt expiresAt } } }";
const ACCEPT: &str = "mutation($c: String!, $p: String, $n: String) {
    acceptInvitation(code: $c, password: $p, displayName: $n) {
        accessToken refreshToken role workspace { slug } user { email displayName } } }";
const MEMBERS: &str = "{ members { role user { email } } }";
const INVITATIONS: &str = "{ invitations { id email role status } }";

async fn invite(app: &TestApp, credential: &str, email: &str, role: &str) -> GqlResponse {
    app.gql(
        Some(credential),
        INVITE,
        json!({ "e": email, "r": role, "n": null }),
    )
    .await
}

/// The code of a successful invitation.
fn code_of(resp: &GqlResponse) -> String {
    resp.data("inviteUser/code")
        .as_str()
        .unwrap_or_else(|| panic!("no code in {}", resp.body))
        .to_owned()
}

async fn accept(
    app: &TestApp,
    credential: Option<&str>,
    code: &str,
    password: Option<&str>,
) -> GqlResponse {
    app.gql(
        credential,
        ACCEPT,
        json!({ "c": code, "p": password, "n": null }),
    )
    .await
}

async fn member_emails(app: &TestApp, credential: &str) -> Vec<String> {
    let resp = app.gql(Some(credential), MEMBERS, json!({})).await.ok();
    resp.data("members")
        .as_array()
        .unwrap_or_else(|| panic!("no members in {}", resp.body))
        .iter()
        .map(|m| m["user"]["email"].as_str().unwrap_or("?").to_owned())
        .collect()
}

/// A user of workspace `slug` with a name nobody else could know.
async fn outsider(app: &TestApp, slug: &str, email: &str) -> TestUser {
    let password = "cy's own password".to_owned();
    let outcome = bootstrap_user(
        &app.state.db.conn,
        NewUser {
            email: email.to_owned(),
            password: password.clone(),
            display_name: "Cyrano Private-Name".to_owned(),
        },
        slug,
        Role::Owner,
    )
    .await
    .unwrap_or_else(|e| panic!("user: {e}"));
    TestUser {
        id: outcome.user_id,
        email: email.to_owned(),
        password,
    }
}

/// The same JSON with every leaf replaced by its type: two answers of the same shape.
fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::String(_) => json!("string"),
        Value::Number(_) => json!("number"),
        Value::Bool(_) => json!("bool"),
        Value::Null => Value::Null,
    }
}

fn timestamp(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not a timestamp: {value}"))
}

#[tokio::test]
async fn inviting_an_existing_and_a_new_email_answers_alike() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    app.workspace("other").await;
    let cy = outsider(&app, "other", "cy@example.com").await;
    let admin = app.session("acme", Role::Admin).await;

    let existing = invite(&app, &admin, &cy.email, "ANALYST").await.ok();
    let new = invite(&app, &admin, "nobody-yet@example.com", "ANALYST")
        .await
        .ok();

    assert_eq!(shape(&existing.body), shape(&new.body));
    for resp in [&existing, &new] {
        assert_eq!(resp.data("inviteUser/invitation/status"), "PENDING");
        assert_eq!(resp.data("inviteUser/invitation/role"), "ANALYST");
        assert_eq!(resp.data("inviteUser/invitation/displayName"), &Value::Null);
        let code = code_of(resp);
        assert!(code.starts_with("lsi_") && code.len() == 47, "{code}");
        let made = timestamp(resp.data("inviteUser/invitation/createdAt"));
        let expires = timestamp(resp.data("inviteUser/invitation/expiresAt"));
        assert_eq!(expires - made, Duration::days(7));
    }
    assert_eq!(
        existing.data("inviteUser/invitation/email"),
        "cy@example.com"
    );
    let text = existing.body.to_string();
    assert!(
        !text.contains("Cyrano"),
        "another tenant's name leaked: {text}"
    );
    assert!(
        !text.contains("\"user\""),
        "no account in the answer: {text}"
    );
}

#[tokio::test]
async fn another_workspaces_user_is_no_member_until_accepting_with_their_password() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    app.workspace("other").await;
    let cy = outsider(&app, "other", "cy@example.com").await;
    let admin = app.session("acme", Role::Admin).await;
    let code = code_of(&invite(&app, &admin, &cy.email, "ANALYST").await.ok());

    assert!(!member_emails(&app, &admin).await.contains(&cy.email));
    let q = "mutation($e: String!, $p: String!) { login(email: $e, password: $p, workspace: \"acme\") { role } }";
    let into_acme = app
        .gql(None, q, json!({ "e": cy.email, "p": cy.password }))
        .await;
    assert_eq!(into_acme.error_code(), Some("UNAUTHENTICATED"));

    // Holding the code is not enough: the account's password proves the invitee.
    let guessed = accept(&app, None, &code, Some("a guessed password")).await;
    assert_eq!(
        guessed.error_code(),
        Some("UNAUTHENTICATED"),
        "{}",
        guessed.body
    );
    let missing = accept(&app, None, &code, None).await;
    assert_eq!(missing.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(missing.error_field(), Some("password"));
    assert!(!member_emails(&app, &admin).await.contains(&cy.email));

    let joined = accept(&app, None, &code, Some(&cy.password)).await.ok();
    assert_eq!(joined.data("acceptInvitation/role"), "ANALYST");
    assert_eq!(joined.data("acceptInvitation/workspace/slug"), "acme");
    assert_eq!(
        joined.data("acceptInvitation/user/displayName"),
        "Cyrano Private-Name",
        "an existing account keeps its name"
    );
    assert!(member_emails(&app, &admin).await.contains(&cy.email));
    app.gql(None, q, json!({ "e": cy.email, "p": cy.password }))
        .await
        .ok();
}

#[tokio::test]
async fn a_signed_in_invitee_accepts_with_the_code_alone_and_nobody_else_can() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    app.workspace("other").await;
    let cy = outsider(&app, "other", "cy@example.com").await;
    let admin = app.session("acme", Role::Admin).await;
    let code = code_of(&invite(&app, &admin, &cy.email, "VIEWER").await.ok());

    let by_admin = accept(&app, Some(&admin), &code, None).await;
    assert_eq!(
        by_admin.error_code(),
        Some("FORBIDDEN"),
        "{}",
        by_admin.body
    );
    let cy_session = app.login(&cy.email, &cy.password).await.ok();
    let cy_jwt = cy_session.data("login/accessToken").as_str().expect("jwt");
    let joined = accept(&app, Some(cy_jwt), &code, None).await.ok();
    assert_eq!(joined.data("acceptInvitation/workspace/slug"), "acme");
    assert_eq!(joined.data("acceptInvitation/role"), "VIEWER");
    let access = joined
        .data("acceptInvitation/accessToken")
        .as_str()
        .expect("jwt");
    let me = app
        .gql(
            Some(access),
            "{ viewer { role workspace { slug } } }",
            json!({}),
        )
        .await
        .ok();
    assert_eq!(me.data("viewer/workspace/slug"), "acme");
}

#[tokio::test]
async fn a_new_invitee_chooses_a_password_and_name_when_accepting() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let resp = app
        .gql(
            Some(&admin),
            INVITE,
            json!({ "e": "Dan@Example.com", "r": "ANALYST", "n": "Dan from sales" }),
        )
        .await
        .ok();
    assert_eq!(resp.data("inviteUser/invitation/email"), "dan@example.com");
    let code = code_of(&resp);
    // No account exists before acceptance.
    assert_eq!(
        app.login("dan@example.com", &code).await.error_code(),
        Some("UNAUTHENTICATED")
    );
    let short = accept(&app, None, &code, Some("short")).await;
    assert_eq!(short.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(short.error_field(), Some("password"));

    let joined = accept(&app, None, &code, Some("dan's chosen password"))
        .await
        .ok();
    assert_eq!(joined.data("acceptInvitation/role"), "ANALYST");
    assert_eq!(
        joined.data("acceptInvitation/user/displayName"),
        "Dan from sales"
    );
    let session = app
        .login("dan@example.com", "dan's chosen password")
        .await
        .ok();
    assert_eq!(session.data("login/workspace/slug"), "acme");
    assert!(
        member_emails(&app, &admin)
            .await
            .contains(&"dan@example.com".to_owned())
    );
}

#[tokio::test]
async fn a_code_works_once_and_is_no_password() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let code = code_of(&invite(&app, &admin, "dan@example.com", "VIEWER").await.ok());
    accept(&app, None, &code, Some("dan's chosen password"))
        .await
        .ok();
    let again = accept(&app, None, &code, Some("dan's chosen password")).await;
    assert_eq!(
        again.error_code(),
        Some("UNAUTHENTICATED"),
        "{}",
        again.body
    );
    assert_eq!(
        app.login("dan@example.com", &code).await.error_code(),
        Some("UNAUTHENTICATED")
    );
    let listed = app.gql(Some(&admin), INVITATIONS, json!({})).await.ok();
    assert_eq!(
        listed.data("invitations"),
        &json!([]),
        "accepted is not open"
    );
}

#[tokio::test]
async fn two_redemptions_at_once_make_one_member() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let code = code_of(&invite(&app, &admin, "dan@example.com", "VIEWER").await.ok());
    let (a, b) = futures::join!(
        accept(&app, None, &code, Some("first password here")),
        accept(&app, None, &code, Some("second password here")),
    );
    let succeeded = [&a, &b].iter().filter(|r| r.error_code().is_none()).count();
    assert_eq!(succeeded, 1, "{} / {}", a.body, b.body);
    for r in [&a, &b] {
        assert!(
            matches!(r.error_code(), None | Some("UNAUTHENTICATED" | "CONFLICT")),
            "{}",
            r.body
        );
    }
    let dans = member_emails(&app, &admin)
        .await
        .into_iter()
        .filter(|e| e == "dan@example.com")
        .count();
    assert_eq!(dans, 1);
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let resp = invite(&app, &admin, "dan@example.com", "VIEWER").await.ok();
    let code = code_of(&resp);
    // Move the end of its lifetime to a moment already past, instead of waiting 7 days.
    let past = Utc::now() - Duration::seconds(1);
    entity::invitation::Entity::update_many()
        .col_expr(
            entity::invitation::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(past),
        )
        .filter(entity::invitation::Column::Email.eq("dan@example.com"))
        .exec(&app.state.db.conn)
        .await
        .expect("expire");
    let late = accept(&app, None, &code, Some("dan's chosen password")).await;
    assert_eq!(late.error_code(), Some("UNAUTHENTICATED"), "{}", late.body);
    assert!(
        late.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("expired")),
        "{}",
        late.body
    );
    let listed = app.gql(Some(&admin), INVITATIONS, json!({})).await.ok();
    assert_eq!(listed.data("invitations/0/status"), "EXPIRED");
    assert!(
        !member_emails(&app, &admin)
            .await
            .contains(&"dan@example.com".to_owned())
    );
    assert_eq!(
        app.login("dan@example.com", "dan's chosen password")
            .await
            .error_code(),
        Some("UNAUTHENTICATED"),
        "no account was made"
    );
}

#[tokio::test]
async fn inviting_again_replaces_the_pending_invitation() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let first = code_of(&invite(&app, &admin, "dan@example.com", "VIEWER").await.ok());
    let second = code_of(
        &invite(&app, &admin, "DAN@example.com", "ANALYST")
            .await
            .ok(),
    );
    let listed = app.gql(Some(&admin), INVITATIONS, json!({})).await.ok();
    let open = listed.data("invitations").as_array().expect("list");
    assert_eq!(open.len(), 1, "{}", listed.body);
    assert_eq!(open[0]["role"], "ANALYST");
    let stale = accept(&app, None, &first, Some("dan's chosen password")).await;
    assert_eq!(stale.error_code(), Some("UNAUTHENTICATED"));
    let joined = accept(&app, None, &second, Some("dan's chosen password"))
        .await
        .ok();
    assert_eq!(joined.data("acceptInvitation/role"), "ANALYST");
}

#[tokio::test]
async fn a_revoked_invitation_cannot_be_accepted() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let owner = app.session("acme", Role::Owner).await;
    let admin = app.session("acme", Role::Admin).await;
    let resp = invite(&app, &admin, "dan@example.com", "VIEWER").await.ok();
    let code = code_of(&resp);
    let id = resp.data("inviteUser/invitation/id").clone();
    let revoke = "mutation($id: ID!) { revokeInvitation(id: $id) { id status } }";
    let revoked = app
        .gql(Some(&admin), revoke, json!({ "id": id }))
        .await
        .ok();
    assert_eq!(revoked.data("revokeInvitation/status"), "REVOKED");
    let late = accept(&app, None, &code, Some("dan's chosen password")).await;
    assert_eq!(late.error_code(), Some("UNAUTHENTICATED"));
    let listed = app.gql(Some(&admin), INVITATIONS, json!({})).await.ok();
    assert_eq!(listed.data("invitations"), &json!([]));

    // An ADMIN neither offers nor withdraws the OWNER role.
    let as_owner = invite(&app, &admin, "eve@example.com", "OWNER").await;
    assert_eq!(as_owner.error_code(), Some("FORBIDDEN"));
    let offered = invite(&app, &owner, "eve@example.com", "OWNER").await.ok();
    let id = offered.data("inviteUser/invitation/id").clone();
    let refused = app.gql(Some(&admin), revoke, json!({ "id": id })).await;
    assert_eq!(refused.error_code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn inviting_a_member_is_a_conflict_and_tokens_invite_up_to_admin() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let admin = app.session("acme", Role::Admin).await;
    let member = app.user("acme", "ana@example.com", Role::Viewer).await;
    let again = invite(&app, &admin, &member.email, "ANALYST").await;
    assert_eq!(again.error_code(), Some("CONFLICT"), "{}", again.body);
    let bad = invite(&app, &admin, "not an email", "VIEWER").await;
    assert_eq!(bad.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(bad.error_field(), Some("email"));

    invite(&app, &ws.token, "dan@example.com", "ADMIN")
        .await
        .ok();
    let owner = invite(&app, &ws.token, "eve@example.com", "OWNER").await;
    assert_eq!(owner.error_code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn accepting_is_a_sign_in_attempt_under_its_rate_limits() {
    let app = TestApp::spawn_adjusted(|s| {
        s.limits.sign_in_rate_per_minute = 6;
        s.limits.sign_in_burst = 5;
    })
    .await;
    app.workspace("acme").await;
    app.workspace("other").await;
    let cy = outsider(&app, "other", "cy@example.com").await;
    let ws_token = app.workspace("third").await.token;
    let code = code_of(&invite(&app, &ws_token, &cy.email, "VIEWER").await.ok());
    let mut limited = false;
    for n in 0..20 {
        let resp = accept(&app, None, &code, Some(&format!("guess number {n}"))).await;
        match resp.error_code() {
            Some("RATE_LIMITED") => {
                limited = true;
                break;
            }
            Some("UNAUTHENTICATED") => {}
            other => panic!("unexpected {other:?}: {}", resp.body),
        }
    }
    assert!(limited, "twenty password guesses ran unthrottled");
}
