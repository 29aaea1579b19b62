//! `removeMember` and `changeRole` end to end: nobody acts above their own role, API tokens
//! stop at ADMIN, the last OWNER stays, a removed member's refresh tokens stop working, ids
//! of other workspaces answer like missing ones, and every change is in the audit log.

use leadsource::auth::{Role, Scope};
use leadsource::graphql::ids::{IdKind, encode_id};
use leadsource_tests::{GqlResponse, TestApp, TestUser};
use serde_json::json;

struct Signed {
    user: TestUser,
    id: String,
    token: String,
    refresh: String,
}

async fn member(app: &TestApp, slug: &str, name: &str, role: Role) -> Signed {
    let user = app
        .user(slug, &format!("{name}@{slug}.example"), role)
        .await;
    let login = app.login(&user.email, &user.password).await.ok();
    Signed {
        id: encode_id(IdKind::User, user.id).0,
        token: login.text("login/accessToken").to_owned(),
        refresh: login.text("login/refreshToken").to_owned(),
        user,
    }
}

const CHANGE: &str =
    "mutation($u: ID!, $r: Role!) { changeRole(userId: $u, role: $r) { role user { email } } }";
const REMOVE: &str = "mutation($u: ID!) { removeMember(userId: $u) { role } }";

async fn change(app: &TestApp, by: &str, who: &Signed, role: &str) -> GqlResponse {
    app.gql(Some(by), CHANGE, json!({ "u": who.id, "r": role }))
        .await
}

#[tokio::test]
async fn nobody_acts_above_their_own_role_and_the_last_owner_stays() {
    let app = TestApp::spawn().await;
    let ws = app.workspace("acme").await;
    let owner = member(&app, "acme", "owner", Role::Owner).await;
    let admin = member(&app, "acme", "admin", Role::Admin).await;
    let analyst = member(&app, "acme", "analyst", Role::Analyst).await;

    let ok = change(&app, &admin.token, &analyst, "ADMIN").await.ok();
    assert_eq!(ok.data("changeRole/role"), "ADMIN");
    for (resp, what) in [
        (
            change(&app, &admin.token, &analyst, "OWNER").await,
            "grant above own",
        ),
        (
            change(&app, &admin.token, &owner, "VIEWER").await,
            "demote a stronger member",
        ),
        (
            app.gql(Some(&admin.token), REMOVE, json!({ "u": owner.id }))
                .await,
            "remove a stronger member",
        ),
    ] {
        assert_eq!(
            resp.error_code(),
            Some("FORBIDDEN"),
            "{what}: {}",
            resp.body
        );
    }
    let admin_token = app.token(ws.id, &[Scope::Admin]).await;
    let by_token = change(&app, &admin_token, &analyst, "OWNER").await;
    assert_eq!(
        by_token.error_code(),
        Some("FORBIDDEN"),
        "tokens stop at ADMIN"
    );

    let last = change(&app, &owner.token, &owner, "ADMIN").await;
    assert_eq!(last.error_code(), Some("CONFLICT"), "{}", last.body);
    let last = app
        .gql(Some(&owner.token), REMOVE, json!({ "u": owner.id }))
        .await;
    assert_eq!(last.error_code(), Some("CONFLICT"), "{}", last.body);

    change(&app, &owner.token, &admin, "OWNER").await.ok();
    let stepped_down = change(&app, &owner.token, &owner, "ADMIN").await.ok();
    assert_eq!(
        stepped_down.data("changeRole/role"),
        "ADMIN",
        "another OWNER remains"
    );

    let members = app
        .gql(
            Some(&admin_token),
            "{ members { role user { email } } }",
            json!({}),
        )
        .await
        .ok();
    let roles: Vec<(String, String)> = members
        .list("members")
        .iter()
        .map(|m| {
            (
                m["user"]["email"].as_str().unwrap_or_default().to_owned(),
                m["role"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        roles.contains(&(admin.user.email.clone(), "OWNER".to_owned())),
        "{roles:?}"
    );
    assert!(
        roles.contains(&(owner.user.email.clone(), "ADMIN".to_owned())),
        "{roles:?}"
    );

    let q = "{ auditLog(filter: { action: \"changeRole\" }) { totalCount edges { node { actorKind userId arguments } } } }";
    let log = app.gql(Some(&admin_token), q, json!({})).await.ok();
    assert_eq!(
        log.data("auditLog/totalCount"),
        3,
        "refused changes leave no entry"
    );
    assert_eq!(log.data("auditLog/edges/0/node/userId"), owner.id.as_str());
    let args: serde_json::Value =
        serde_json::from_str(log.text("auditLog/edges/0/node/arguments")).expect("JSON");
    assert_eq!(args["from"], "OWNER");
    assert_eq!(args["to"], "ADMIN");
}

#[tokio::test]
async fn a_removed_member_loses_the_workspace_and_its_refresh_tokens() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    let owner = member(&app, "acme", "owner", Role::Owner).await;
    let viewer = member(&app, "acme", "viewer", Role::Viewer).await;
    let removed = app
        .gql(Some(&owner.token), REMOVE, json!({ "u": viewer.id }))
        .await
        .ok();
    assert_eq!(removed.data("removeMember/role"), "VIEWER");
    let q = "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }";
    let refresh = app.gql(None, q, json!({ "t": viewer.refresh })).await;
    assert!(
        refresh.error_code().is_some(),
        "the refresh token is revoked: {}",
        refresh.body
    );
    let login = app.login(&viewer.user.email, &viewer.user.password).await;
    assert!(
        login.error_code().is_some(),
        "no membership left: {}",
        login.body
    );
    let again = app
        .gql(Some(&owner.token), REMOVE, json!({ "u": viewer.id }))
        .await;
    assert_eq!(again.error_code(), Some("NOT_FOUND"));
}

#[tokio::test]
async fn a_user_of_another_workspace_answers_exactly_like_a_missing_one() {
    let app = TestApp::spawn().await;
    app.workspace("acme").await;
    app.workspace("other").await;
    let owner = member(&app, "acme", "owner", Role::Owner).await;
    let stranger = member(&app, "other", "stranger", Role::Viewer).await;
    let missing = encode_id(IdKind::User, 999_999).0;
    for q in [
        REMOVE,
        "mutation($u: ID!) { changeRole(userId: $u, role: VIEWER) { role } }",
    ] {
        let foreign = app
            .gql(Some(&owner.token), q, json!({ "u": stranger.id }))
            .await;
        let absent = app
            .gql(Some(&owner.token), q, json!({ "u": missing }))
            .await;
        assert_eq!(foreign.error_code(), Some("NOT_FOUND"), "{}", foreign.body);
        assert_eq!(foreign.body, absent.body);
    }
    let bad = app
        .gql(Some(&owner.token), REMOVE, json!({ "u": "nope" }))
        .await;
    assert_eq!(bad.error_code(), Some("BAD_USER_INPUT"));
    assert_eq!(bad.error_field(), Some("userId"));
}
