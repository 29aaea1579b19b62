//! Authorization of every Query and Mutation field, driven by a table that must name them
//! all: the test reads the schema, so a new field without a row fails it.
//!
//! For each field: without credentials → UNAUTHENTICATED; every weaker role and every
//! token lacking the scope → FORBIDDEN; the strongest principals of another workspace,
//! given this workspace's ids, get NOT_FOUND or null (never its data), and change nothing.
//! Fields about the caller's own account (`changePassword`) refuse tokens, which have none.

use std::collections::BTreeSet;

use async_graphql_parser::types::{TypeKind, TypeSystemDefinition};
use chrono::Utc;
use leadsource::auth::{Actor, Permission, Principal, Role, Scope};
use leadsource_tests::{GqlResponse, TestApp};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

#[path = "auth_matrix/table.rs"]
mod table;

use table::{Access, Cross, Fixture, Row, table};

/// Every field of Query and Mutation in `schema.graphql` as the code exports it.
fn schema_fields() -> BTreeSet<String> {
    let sdl = leadsource::graphql::export_sdl();
    let doc = async_graphql_parser::parse_schema(&sdl).expect("the exported SDL parses");
    let mut fields = BTreeSet::new();
    for definition in doc.definitions {
        if let TypeSystemDefinition::Type(ty) = definition
            && matches!(ty.node.name.node.as_str(), "Query" | "Mutation")
            && let TypeKind::Object(object) = &ty.node.kind
        {
            fields.extend(object.fields.iter().map(|f| f.node.name.node.to_string()));
        }
    }
    fields
}

#[test]
fn the_table_names_every_query_and_mutation_field() {
    let in_table: BTreeSet<String> = table().iter().map(|r| r.field.to_owned()).collect();
    let in_schema = schema_fields();
    let missing: Vec<_> = in_schema.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&in_schema).collect();
    assert!(
        missing.is_empty(),
        "add a row to tests/tests/auth_matrix.rs for: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for fields the schema no longer has: {stale:?}"
    );
}

/// Workspace A with one of everything; its admin's password is known.
async fn seed(app: &TestApp, token: &str) -> Fixture {
    let admin = app.user("acme", "admin@acme.example", Role::Admin).await;
    let channels = app
        .gql(Some(token), "{ channels { id kind } }", json!({}))
        .await
        .ok();
    let channel = channels
        .data("channels/0/id")
        .as_str()
        .expect("channel")
        .to_owned();
    let q = "mutation($c: ID!) { createCampaign(input: { channelId: $c, name: \"A-SECRET-campaign\" }) { id } }";
    let campaign = app.gql(Some(token), q, json!({ "c": channel })).await.ok();
    let campaign = campaign
        .data("createCampaign/id")
        .as_str()
        .expect("campaign")
        .to_owned();
    let q = "mutation($c: ID!) { setBudget(input: { campaignId: $c, periodStart: \"2026-01-01\", periodEnd: \"2026-01-31\", amount: \"777.77\" }) { id } }";
    let budget = app.gql(Some(token), q, json!({ "c": campaign })).await.ok();
    let budget = budget
        .data("setBudget/id")
        .as_str()
        .expect("budget")
        .to_owned();
    let lead_id = insert_lead_with_conversion(app).await;
    let lead = leadsource::graphql::ids::encode_id(leadsource::graphql::ids::IdKind::Lead, lead_id);
    let tokens = app
        .gql(Some(token), "{ apiTokens { id } }", json!({}))
        .await
        .ok();
    let token_id = tokens
        .data("apiTokens/0/id")
        .as_str()
        .expect("token")
        .to_owned();
    let q = "mutation { inviteUser(input: { email: \"a-secret-invitee@example.com\", role: ANALYST }) { invitation { id } } }";
    let invited = app.gql(Some(token), q, json!({})).await.ok();
    let invitation = invited
        .data("inviteUser/invitation/id")
        .as_str()
        .expect("invitation")
        .to_owned();
    let mut spare_emails = Vec::new();
    for n in 0..12 {
        let email = format!("spare-{n}@example.com");
        app.user("spares", &email, Role::Viewer).await;
        spare_emails.push(email);
    }
    Fixture {
        channel,
        campaign,
        budget,
        member: leadsource::graphql::ids::encode_id(
            leadsource::graphql::ids::IdKind::User,
            admin.id,
        )
        .0,
        lead: lead.0,
        lead_external_id: "A-SECRET-lead".to_owned(),
        token_id,
        invitation,
        admin_email: admin.email,
        admin_password: admin.password,
        spare_emails,
    }
}

async fn insert_lead_with_conversion(app: &TestApp) -> i64 {
    let db = &app.state.db.conn;
    let ws = leadsource::services::workspace::find_workspace_by_slug(db, "acme")
        .await
        .expect("db")
        .expect("acme");
    let channel = leadsource::services::channel::list_channels(db, ws.id)
        .await
        .expect("channels");
    let now = Utc::now();
    let lead = entity::lead::ActiveModel {
        workspace_id: Set(ws.id),
        external_id: Set("A-SECRET-lead".to_owned()),
        email: Set(Some("a-secret-lead@acme.example".to_owned())),
        status: Set("NEW".to_owned()),
        created_at: Set(now),
        created_on: Set(now.date_naive()),
        channel_id: Set(channel[0].id),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("lead");
    entity::conversion::ActiveModel {
        workspace_id: Set(ws.id),
        lead_id: Set(lead.id),
        occurred_at: Set(now),
        occurred_on: Set(now.date_naive()),
        kind: Set("purchase".to_owned()),
        revenue_cents: Set(12_345),
        external_id: Set("A-SECRET-conversion".to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("conversion");
    lead.id
}

/// Everything of workspace A that a cross-workspace call could change.
async fn snapshot(app: &TestApp, token: &str) -> Value {
    let q = "{ workspace { name } channels { id name isPaid } campaigns { edges { node { id name status } } }
        budgets { id amount } leads { totalCount } conversions { totalCount }
        spend { totalCount totalAmount } touchpoints { totalCount } auditLog { totalCount }
        members { user { email } role } invitations { id role status } apiTokens { id name revokedAt } }";
    app.gql(Some(token), q, json!({})).await.ok().body
}

/// Principals of A weaker than `permission` needs: each weaker role, and a token with
/// every scope that does not grant it.
async fn weaker_principals(
    app: &TestApp,
    ws_id: i64,
    permission: Permission,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for role in Role::ALL.into_iter().filter(|r| *r < permission.min_role()) {
        out.push((
            format!("role {}", role.as_str()),
            app.session("acme", role).await,
        ));
    }
    let scopes: Vec<Scope> = Scope::ALL
        .into_iter()
        .filter(|s| {
            let p = Principal {
                workspace_id: ws_id,
                actor: Actor::Token {
                    token_id: 0,
                    scopes: vec![*s],
                },
            };
            !p.allows(permission)
        })
        .collect();
    if !scopes.is_empty() {
        out.push((format!("token {scopes:?}"), app.token(ws_id, &scopes).await));
    }
    out
}

async fn call_row(
    app: &TestApp,
    row: &Row,
    fixture: &Fixture,
    n: usize,
    credential: Option<String>,
) -> GqlResponse {
    let variables = (row.variables)(fixture, n);
    app.gql(credential.as_deref(), row.document, variables)
        .await
}

fn leaks(resp: &GqlResponse) -> bool {
    let text = resp.body.to_string();
    [
        "A-SECRET",
        "a-secret",
        "777.77",
        "admin@acme.example",
        "123.45",
    ]
    .iter()
    .any(|marker| text.contains(marker))
}

#[tokio::test]
async fn every_field_refuses_anonymous_weaker_and_foreign_callers() {
    let app = TestApp::spawn().await;
    let a = app.workspace("acme").await;
    let fixture = seed(&app, &a.token).await;
    let b = app.workspace("other").await;
    let b_owner = app.session("other", Role::Owner).await;
    // A's weaker principals are members and tokens of A: made before the snapshot.
    let mut weaker = std::collections::HashMap::new();
    for row in table() {
        if let Access::Needs(permission) = row.access
            && !weaker.contains_key(&permission)
        {
            weaker.insert(permission, weaker_principals(&app, a.id, permission).await);
        }
    }
    let before = snapshot(&app, &a.token).await;

    for row in table() {
        let mut n = 0;
        let mut call = |credential: Option<String>| {
            n += 1;
            call_row(&app, &row, &fixture, n, credential)
        };
        let Access::Needs(permission) = row.access else {
            let resp = call(None).await;
            assert_ne!(
                resp.error_code(),
                Some("FORBIDDEN"),
                "{}: {}",
                row.field,
                resp.body
            );
            continue;
        };
        let anonymous = call(None).await;
        assert_eq!(
            anonymous.error_code(),
            Some("UNAUTHENTICATED"),
            "{} anonymous: {}",
            row.field,
            anonymous.body
        );

        for (who, credential) in weaker[&permission].clone() {
            let resp = call(Some(credential)).await;
            assert_eq!(
                resp.error_code(),
                Some("FORBIDDEN"),
                "{} as {who}: {}",
                row.field,
                resp.body
            );
        }

        for (who, credential, is_token) in [
            ("B's all-scopes token", &b.token, true),
            ("B's owner", &b_owner, false),
        ] {
            let resp = call(Some(credential.clone())).await;
            assert!(
                !leaks(&resp),
                "{} as {who} leaks A's data: {}",
                row.field,
                resp.body
            );
            match row.cross {
                Cross::NotFound => {
                    assert_eq!(
                        resp.error_code(),
                        Some("NOT_FOUND"),
                        "{} as {who}: {}",
                        row.field,
                        resp.body
                    )
                }
                Cross::MissingReference(field) => {
                    assert_eq!(
                        resp.error_code(),
                        Some("BAD_USER_INPUT"),
                        "{} as {who}: {}",
                        row.field,
                        resp.body
                    );
                    assert_eq!(
                        resp.error_field(),
                        Some(field),
                        "{} as {who}: {}",
                        row.field,
                        resp.body
                    );
                }
                Cross::MissingRowReference(field) => {
                    assert_eq!(
                        resp.error_code(),
                        Some("BAD_USER_INPUT"),
                        "{} as {who}: {}",
                        row.field,
                        resp.body
                    );
                    assert!(
                        resp.bad_rows().iter().any(|(_, f)| f == field),
                        "{} as {who}: no bad row on {field}: {}",
                        row.field,
                        resp.body
                    );
                }
                Cross::Null => {
                    let resp = resp.ok();
                    assert_eq!(resp.data(row.field), &Value::Null, "{} as {who}", row.field);
                }
                Cross::OwnWorkspace => {
                    resp.ok();
                }
                Cross::OwnWorkspaceUsersOnly if is_token => {
                    assert_eq!(
                        resp.error_code(),
                        Some("FORBIDDEN"),
                        "{} as {who}: {}",
                        row.field,
                        resp.body
                    );
                }
                Cross::OwnWorkspaceUsersOnly => {
                    resp.ok();
                }
                Cross::CallerAccount(code) => {
                    let expected = if is_token { "FORBIDDEN" } else { code };
                    assert_eq!(
                        resp.error_code(),
                        Some(expected),
                        "{} as {who}: {}",
                        row.field,
                        resp.body
                    );
                }
            }
        }
    }
    assert_eq!(
        snapshot(&app, &a.token).await,
        before,
        "another workspace changed A"
    );
}

#[tokio::test]
async fn an_id_of_another_workspace_answers_exactly_like_a_missing_id() {
    let app = TestApp::spawn().await;
    let a = app.workspace("acme").await;
    let fixture = seed(&app, &a.token).await;
    let b = app.workspace("other").await;
    let q = "mutation($id: ID!) { archiveCampaign(id: $id) { id } }";
    let foreign = app
        .gql(Some(&b.token), q, json!({ "id": fixture.campaign }))
        .await;
    let missing_id =
        leadsource::graphql::ids::encode_id(leadsource::graphql::ids::IdKind::Campaign, 999_999);
    let missing = app
        .gql(Some(&b.token), q, json!({ "id": missing_id.0 }))
        .await;
    assert_eq!(foreign.error_code(), Some("NOT_FOUND"));
    assert_eq!(
        foreign.body["errors"][0]["message"],
        missing.body["errors"][0]["message"]
    );
    assert_eq!(foreign.body["data"], missing.body["data"]);
}
