//! Authorization of every Query and Mutation field, driven by a table that must name them
//! all: the test reads the schema, so a new field without a row fails it.
//!
//! For each field: without credentials → UNAUTHENTICATED; every weaker role and every
//! token lacking the scope → FORBIDDEN; the strongest principals of another workspace,
//! given this workspace's ids, get NOT_FOUND or null (never its data), and change nothing.

use std::collections::BTreeSet;

use async_graphql_parser::types::{TypeKind, TypeSystemDefinition};
use chrono::Utc;
use leadsource::auth::{Actor, Permission, Principal, Role, Scope};
use leadsource_tests::{GqlResponse, TestApp};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

/// What a field needs from the caller.
#[derive(Clone, Copy)]
enum Access {
    /// The credential is an argument (sign-in and sessions).
    Public,
    Needs(Permission),
}

/// What a principal of another workspace sees when it aims at this workspace.
#[derive(Clone, Copy)]
enum Cross {
    /// The field takes an id of this workspace: NOT_FOUND, as for a missing id.
    NotFound,
    /// The field takes an id of this workspace and answers null, as for a missing id.
    Null,
    /// An input refers to a row of this workspace: BAD_USER_INPUT on that input field, as
    /// for an id that does not exist.
    MissingReference(&'static str),
    /// The field takes no id: it answers the caller's own workspace only.
    OwnWorkspace,
}

struct Row {
    field: &'static str,
    access: Access,
    document: &'static str,
    /// Variables for call number `n` of this row (unique names, spare users).
    variables: fn(&Fixture, usize) -> Value,
    cross: Cross,
}

/// Workspace A's data and credentials that the table aims at.
struct Fixture {
    channel: String,
    campaign: String,
    lead: String,
    token_id: String,
    admin_email: String,
    admin_password: String,
    spare_emails: Vec<String>,
}

fn none(_: &Fixture, _: usize) -> Value {
    json!({})
}

const fn row(
    field: &'static str,
    access: Access,
    document: &'static str,
    variables: fn(&Fixture, usize) -> Value,
    cross: Cross,
) -> Row {
    Row {
        field,
        access,
        document,
        variables,
        cross,
    }
}

fn table() -> Vec<Row> {
    use Access::{Needs, Public};
    use Cross::{MissingReference, NotFound, Null, OwnWorkspace};
    use Permission::{ManageAccess, ManageCatalog, Read, ViewSelf};
    vec![
        row(
            "viewer",
            Needs(ViewSelf),
            "{ viewer { kind workspace { id slug } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "workspace",
            Needs(Read),
            "{ workspace { id name slug } }",
            none,
            OwnWorkspace,
        ),
        row(
            "channels",
            Needs(Read),
            "{ channels { id name } }",
            none,
            OwnWorkspace,
        ),
        row(
            "campaigns",
            Needs(Read),
            "{ campaigns { totalCount edges { node { id name } } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "campaign",
            Needs(Read),
            "query($id: ID!) { campaign(id: $id) { id name } }",
            |f, _| json!({ "id": f.campaign }),
            Null,
        ),
        row(
            "budgets",
            Needs(Read),
            "{ budgets { id amount campaign { name } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "leads",
            Needs(Read),
            "{ leads { totalCount edges { node { id email } } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "lead",
            Needs(Read),
            "query($id: ID!) { lead(id: $id) { id email } }",
            |f, _| json!({ "id": f.lead }),
            Null,
        ),
        row(
            "conversions",
            Needs(Read),
            "{ conversions { totalCount edges { node { id externalId } } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "members",
            Needs(ManageAccess),
            "{ members { user { email } role } }",
            none,
            OwnWorkspace,
        ),
        row(
            "apiTokens",
            Needs(ManageAccess),
            "{ apiTokens { id name prefix } }",
            none,
            OwnWorkspace,
        ),
        row(
            "login",
            Public,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            |f, _| json!({ "e": f.admin_email, "p": f.admin_password }),
            OwnWorkspace,
        ),
        row(
            "refreshSession",
            Public,
            "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }",
            |_, _| json!({ "t": "lsr_unknown" }),
            OwnWorkspace,
        ),
        row(
            "logout",
            Public,
            "mutation($t: String!) { logout(refreshToken: $t) }",
            |_, _| json!({ "t": "lsr_unknown" }),
            OwnWorkspace,
        ),
        row(
            "createChannel",
            Needs(ManageCatalog),
            "mutation($n: String!) { createChannel(input: { name: $n }) { id name } }",
            |_, n| json!({ "n": format!("made-{n}") }),
            OwnWorkspace,
        ),
        row(
            "updateChannel",
            Needs(ManageCatalog),
            "mutation($id: ID!) { updateChannel(id: $id, input: { name: \"taken over\" }) { id } }",
            |f, _| json!({ "id": f.channel }),
            NotFound,
        ),
        row(
            "createCampaign",
            Needs(ManageCatalog),
            "mutation($c: ID!, $n: String!) { createCampaign(input: { channelId: $c, name: $n }) { id } }",
            |f, n| json!({ "c": f.channel, "n": format!("made-{n}") }),
            MissingReference("channelId"),
        ),
        row(
            "updateCampaign",
            Needs(ManageCatalog),
            "mutation($id: ID!) { updateCampaign(id: $id, input: { name: \"taken over\" }) { id } }",
            |f, _| json!({ "id": f.campaign }),
            NotFound,
        ),
        row(
            "archiveCampaign",
            Needs(ManageCatalog),
            "mutation($id: ID!) { archiveCampaign(id: $id) { id } }",
            |f, _| json!({ "id": f.campaign }),
            NotFound,
        ),
        row(
            "setBudget",
            Needs(ManageCatalog),
            "mutation($c: ID!) { setBudget(input: { campaignId: $c, periodStart: \"2026-01-01\", periodEnd: \"2026-01-31\", amount: \"1.00\" }) { id } }",
            |f, _| json!({ "c": f.campaign }),
            MissingReference("campaignId"),
        ),
        row(
            "createApiToken",
            Needs(ManageAccess),
            "mutation { createApiToken(input: { name: \"made\", scopes: [REPORTS_READ] }) { secret } }",
            none,
            OwnWorkspace,
        ),
        row(
            "revokeApiToken",
            Needs(ManageAccess),
            "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }",
            |f, _| json!({ "id": f.token_id }),
            NotFound,
        ),
        row(
            "inviteUser",
            Needs(ManageAccess),
            "mutation($e: String!) { inviteUser(input: { email: $e, role: VIEWER }) { member { role } } }",
            |_, n| json!({ "e": format!("invited-{n}-{}@example.com", Utc::now().timestamp_micros()) }),
            OwnWorkspace,
        ),
        row(
            "addMember",
            Needs(ManageAccess),
            "mutation($e: String!) { addMember(email: $e, role: VIEWER) { role } }",
            |f, n| json!({ "e": f.spare_emails[n] }),
            OwnWorkspace,
        ),
    ]
}

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
    app.gql(Some(token), q, json!({ "c": campaign })).await.ok();
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
    let mut spare_emails = Vec::new();
    for n in 0..12 {
        let email = format!("spare-{n}@example.com");
        app.user("spares", &email, Role::Viewer).await;
        spare_emails.push(email);
    }
    Fixture {
        channel,
        campaign,
        lead: lead.0,
        token_id,
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
        members { user { email } role } apiTokens { id name revokedAt } }";
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

        for (who, credential) in [("B's all-scopes token", &b.token), ("B's owner", &b_owner)] {
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
                Cross::Null => {
                    let resp = resp.ok();
                    assert_eq!(resp.data(row.field), &Value::Null, "{} as {who}", row.field);
                }
                Cross::OwnWorkspace => {
                    resp.ok();
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
