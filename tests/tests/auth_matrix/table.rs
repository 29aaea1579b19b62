//! The authorization table: one row per Query and Mutation field, with what it needs,
//! a document and variables to call it, and what another workspace must see.

use leadsource::auth::Permission;
use serde_json::{Value, json};

/// What a field needs from the caller.
#[derive(Clone, Copy)]
pub enum Access {
    /// The credential is an argument (sign-in and sessions).
    Public,
    Needs(Permission),
}

/// What a principal of another workspace sees when it aims at this workspace.
#[derive(Clone, Copy)]
pub enum Cross {
    /// The field takes an id of this workspace: NOT_FOUND, as for a missing id.
    NotFound,
    /// The field takes an id of this workspace and answers null, as for a missing id.
    Null,
    /// An input refers to a row of this workspace: BAD_USER_INPUT on that input field, as
    /// for an id that does not exist.
    MissingReference(&'static str),
    /// A bulk row refers to a row of this workspace: BAD_USER_INPUT listing that row's
    /// field in `extensions.rows`, as for a reference that does not exist.
    MissingRowReference(&'static str),
    /// The field takes no id: it answers the caller's own workspace only.
    OwnWorkspace,
    /// Like `OwnWorkspace`, for a field only a person may call (the workspace's settings,
    /// OWNER): another workspace's token is refused (FORBIDDEN), its owner changes its own.
    OwnWorkspaceUsersOnly,
    /// The field acts on the signed-in caller's own account: a token of another workspace
    /// is refused (FORBIDDEN: it has no account) and its owner gets this code from the
    /// row's deliberately failing call, about their own account.
    CallerAccount(&'static str),
}

pub struct Row {
    pub field: &'static str,
    pub access: Access,
    pub document: &'static str,
    /// Variables for call number `n` of this row (unique names, spare users).
    pub variables: fn(&Fixture, usize) -> Value,
    pub cross: Cross,
}

/// Workspace A's data and credentials that the table aims at.
pub struct Fixture {
    pub channel: String,
    pub campaign: String,
    pub budget: String,
    /// A's admin, as a `User` id.
    pub member: String,
    pub lead: String,
    /// The lead's external id: bulk writes name leads by it.
    pub lead_external_id: String,
    pub token_id: String,
    /// An open invitation of A (to an email carrying a leak marker).
    pub invitation: String,
    pub admin_email: String,
    pub admin_password: String,
    pub spare_emails: Vec<String>,
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

pub fn table() -> Vec<Row> {
    use Access::{Needs, Public};
    use Cross::{
        CallerAccount, MissingReference, MissingRowReference, NotFound, Null, OwnWorkspace,
        OwnWorkspaceUsersOnly,
    };
    use Permission::{
        ManageAccess, ManageCatalog, ManageWorkspace, OwnAccount, Read, ViewSelf, WriteConversions,
        WriteLeads, WriteSpend,
    };
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
            "budgetSuggestions",
            Needs(Read),
            "query($c: ID!) { budgetSuggestions(range: { from: \"2026-01-01\", to: \"2026-03-31\" }, constraints: [{ channelId: $c, locked: true }]) { totalBudget suggestions { label } } }",
            |f, _| json!({ "c": f.channel }),
            MissingReference("constraints[0].channelId"),
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
            "invitations",
            Needs(ManageAccess),
            "{ invitations { id email role status } }",
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
            "mutation($e: String!) { inviteUser(input: { email: $e, role: VIEWER }) { code invitation { status } } }",
            |f, n| json!({ "e": f.spare_emails[n] }),
            OwnWorkspace,
        ),
        row(
            "revokeInvitation",
            Needs(ManageAccess),
            "mutation($id: ID!) { revokeInvitation(id: $id) { status } }",
            |f, _| json!({ "id": f.invitation }),
            NotFound,
        ),
        row(
            "acceptInvitation",
            Public,
            "mutation($c: String!) { acceptInvitation(code: $c, password: \"not the password\") { accessToken } }",
            |_, _| json!({ "c": "lsi_unknown" }),
            OwnWorkspace,
        ),
        row(
            "changePassword",
            Needs(OwnAccount),
            "mutation { changePassword(currentPassword: \"not the password\", newPassword: \"a brand new password\") { accessToken } }",
            none,
            CallerAccount("BAD_USER_INPUT"),
        ),
        row(
            "recordSpend",
            Needs(WriteSpend),
            "mutation($c: ID!) { recordSpend(entries: [{ campaignId: $c, date: \"2026-01-01\", amount: \"1.00\" }]) { inserted updated } }",
            |f, _| json!({ "c": f.campaign }),
            MissingRowReference("campaignId"),
        ),
        row(
            "recordFxRates",
            Needs(WriteSpend),
            "mutation { recordFxRates(entries: [{ date: \"2026-01-01\", currency: \"USD\", rate: \"0.92\" }]) { inserted updated } }",
            none,
            OwnWorkspace,
        ),
        row(
            "updateWorkspace",
            Needs(ManageWorkspace),
            "mutation($n: String!) { updateWorkspace(input: { name: $n }) { id name timezone } }",
            |_, n| json!({ "n": format!("renamed-{n}") }),
            OwnWorkspaceUsersOnly,
        ),
        row(
            "captureLead",
            Needs(WriteLeads),
            "mutation($x: String!) { captureLead(input: { externalId: $x, utmSource: \"google\", utmMedium: \"cpc\" }) { id } }",
            |_, n| json!({ "x": format!("made-lead-{n}") }),
            OwnWorkspace,
        ),
        row(
            "captureLeads",
            Needs(WriteLeads),
            "mutation($x: String!) { captureLeads(inputs: [{ externalId: $x }]) { created updated } }",
            |_, n| json!({ "x": format!("made-leads-{n}") }),
            OwnWorkspace,
        ),
        row(
            "recordTouchpoints",
            Needs(WriteLeads),
            "mutation($l: String!) { recordTouchpoints(inputs: [{ leadExternalId: $l, utmSource: \"newsletter\", utmMedium: \"email\" }]) { recorded } }",
            |f, _| json!({ "l": f.lead_external_id }),
            MissingRowReference("leadExternalId"),
        ),
        row(
            "recordConversions",
            Needs(WriteConversions),
            "mutation($l: String!, $x: String!) { recordConversions(inputs: [{ leadExternalId: $l, externalId: $x, kind: \"signup\" }]) { recorded } }",
            |f, n| json!({ "l": f.lead_external_id, "x": format!("made-conversion-{n}") }),
            MissingRowReference("leadExternalId"),
        ),
        row(
            "deleteSpend",
            Needs(WriteSpend),
            "mutation($c: ID!) { deleteSpend(filter: { campaignId: $c, from: \"2026-01-01\", to: \"2026-01-31\" }) { deleted } }",
            |f, _| json!({ "c": f.campaign }),
            MissingReference("filter.campaignId"),
        ),
        row(
            "deleteConversions",
            Needs(WriteConversions),
            "mutation { deleteConversions(externalIds: [\"A-SECRET-conversion\"]) { deleted revertedCustomers } }",
            none,
            OwnWorkspace,
        ),
        row(
            "deleteBudget",
            Needs(ManageCatalog),
            "mutation($id: ID!) { deleteBudget(id: $id) { id } }",
            |f, _| json!({ "id": f.budget }),
            NotFound,
        ),
        row(
            "eraseLeads",
            Needs(ManageAccess),
            "mutation { eraseLeads(externalIds: [\"A-SECRET-lead\"]) { deleted touchpoints conversions } }",
            none,
            OwnWorkspace,
        ),
        row(
            "eraseContact",
            Needs(ManageAccess),
            "mutation { eraseContact(email: \"a-secret-lead@acme.example\") { deleted touchpoints conversions } }",
            none,
            OwnWorkspace,
        ),
        row(
            "removeMember",
            Needs(ManageAccess),
            "mutation($u: ID!) { removeMember(userId: $u) { role } }",
            |f, _| json!({ "u": f.member }),
            NotFound,
        ),
        row(
            "changeRole",
            Needs(ManageAccess),
            "mutation($u: ID!) { changeRole(userId: $u, role: VIEWER) { role } }",
            |f, _| json!({ "u": f.member }),
            NotFound,
        ),
        row(
            "spend",
            Needs(Read),
            "{ spend { totalCount totalAmount edges { node { date amount campaign { name } } } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "touchpoints",
            Needs(Read),
            "{ touchpoints { totalCount edges { node { id utm { source } } } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "auditLog",
            Needs(ManageAccess),
            "{ auditLog { totalCount edges { node { action arguments actorKind } } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "performance",
            Needs(Read),
            "{ performance(range: { from: \"2026-01-01\", to: \"2026-01-31\" }) { totals { leads } } }",
            none,
            OwnWorkspace,
        ),
        row(
            "attribution",
            Needs(Read),
            "{ attribution(range: { from: \"2026-01-01\", to: \"2026-01-31\" }, model: LINEAR) { conversions revenue } }",
            none,
            OwnWorkspace,
        ),
        row(
            "attributionComparison",
            Needs(Read),
            "{ attributionComparison(range: { from: \"2026-01-01\", to: \"2026-01-31\" }, models: [FIRST_TOUCH, MARKOV]) { conversions } }",
            none,
            OwnWorkspace,
        ),
        row(
            "budgetPacing",
            Needs(Read),
            "{ budgetPacing(range: { from: \"2026-01-01\", to: \"2026-01-31\" }) { planned spentToDate status } }",
            none,
            OwnWorkspace,
        ),
        row(
            "explainChannel",
            Needs(Read),
            "{ explainChannel(input: { utmSource: \"google\", utmMedium: \"cpc\" }) { kind ruleId } }",
            none,
            OwnWorkspace,
        ),
    ]
}
