//! Users, members, sessions, API tokens and the viewer as GraphQL objects. Password
//! hashes and token hashes have no field here; secrets appear once, at creation.

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use entity::{api_token, user};

use super::Workspace;
use crate::auth::{Actor, Principal, Role as AuthRole, Scope};
use crate::graphql::context::ContextExt;
use crate::graphql::ids::{IdKind, encode_id};
use crate::services::access::user::find_user;
use crate::services::access::{MemberRow, Session as SessionRow};
use crate::services::api_token::scopes_of;
use crate::services::workspace::find_workspace;

/// A member's role, weakest first: VIEWER reads reports; ANALYST also manages channels,
/// campaigns, budgets and data; ADMIN also users and tokens; OWNER also the workspace.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Reads channels, campaigns, budgets, leads, conversions and every report, and changes
    /// its own password.
    Viewer,
    /// A VIEWER who also manages channels, campaigns and budgets and records leads,
    /// touchpoints, conversions and spend.
    Analyst,
    /// An ANALYST who also manages members, invitations and API tokens (`admin` for a token).
    Admin,
    /// An ADMIN who may also give the OWNER role (API tokens can give at most ADMIN).
    Owner,
}

impl From<AuthRole> for Role {
    fn from(role: AuthRole) -> Self {
        match role {
            AuthRole::Viewer => Self::Viewer,
            AuthRole::Analyst => Self::Analyst,
            AuthRole::Admin => Self::Admin,
            AuthRole::Owner => Self::Owner,
        }
    }
}

impl From<Role> for AuthRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Viewer => Self::Viewer,
            Role::Analyst => Self::Analyst,
            Role::Admin => Self::Admin,
            Role::Owner => Self::Owner,
        }
    }
}

/// What an API token may do.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ApiScope {
    /// `reports:read`: every query but `members`, `invitations` and `apiTokens`.
    ReportsRead,
    /// `leads:write`: capture leads and touchpoints.
    LeadsWrite,
    /// `conversions:write`: record conversions.
    ConversionsWrite,
    /// `spend:write`: record spend.
    SpendWrite,
    /// `admin`: everything but the workspace itself, including users and tokens.
    Admin,
}

impl From<Scope> for ApiScope {
    fn from(scope: Scope) -> Self {
        match scope {
            Scope::ReportsRead => Self::ReportsRead,
            Scope::LeadsWrite => Self::LeadsWrite,
            Scope::ConversionsWrite => Self::ConversionsWrite,
            Scope::SpendWrite => Self::SpendWrite,
            Scope::Admin => Self::Admin,
        }
    }
}

impl From<ApiScope> for Scope {
    fn from(scope: ApiScope) -> Self {
        match scope {
            ApiScope::ReportsRead => Self::ReportsRead,
            ApiScope::LeadsWrite => Self::LeadsWrite,
            ApiScope::ConversionsWrite => Self::ConversionsWrite,
            ApiScope::SpendWrite => Self::SpendWrite,
            ApiScope::Admin => Self::Admin,
        }
    }
}

pub struct User(pub user::Model);

/// A person who signs in; one account may be a member of several workspaces.
#[Object]
impl User {
    /// Opaque id of the user.
    async fn id(&self) -> ID {
        encode_id(IdKind::User, self.0.id)
    }
    /// Sign-in email, lower-cased.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// The name shown for the user, 1 to 100 characters.
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }
    /// When the account was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct Member(pub MemberRow);

/// A user's membership of the workspace.
#[Object]
impl Member {
    /// The member's account.
    async fn user(&self) -> User {
        User(self.0.user.clone())
    }
    /// The member's role in this workspace.
    async fn role(&self) -> Role {
        self.0.role().into()
    }
    /// When the user joined the workspace.
    async fn joined_at(&self) -> DateTime<Utc> {
        self.0.membership.created_at
    }
}

pub struct Session(pub SessionRow);

/// A signed-in session: send `accessToken` as `Authorization: Bearer …`; trade
/// `refreshToken` for a new session with `refreshSession` before it expires.
#[Object]
impl Session {
    /// A short-lived JWT.
    async fn access_token(&self) -> &str {
        &self.0.access_token
    }
    /// When `accessToken` stops being accepted (by default 15 minutes after it was issued,
    /// `ACCESS_TOKEN_TTL_SECS`).
    async fn access_token_expires_at(&self) -> DateTime<Utc> {
        self.0.access_expires_at
    }
    /// Single use: each refresh returns a new one; presenting a used one ends the session.
    async fn refresh_token(&self) -> &str {
        &self.0.refresh_token
    }
    /// When `refreshToken` can no longer be traded (by default 30 days after it was issued,
    /// `REFRESH_TOKEN_TTL_SECS`).
    async fn refresh_token_expires_at(&self) -> DateTime<Utc> {
        self.0.refresh_expires_at
    }
    /// Always "Bearer".
    async fn token_type(&self) -> &str {
        "Bearer"
    }
    /// The signed-in user.
    async fn user(&self) -> User {
        User(self.0.user.clone())
    }
    /// The workspace this session acts in.
    async fn workspace(&self) -> Workspace {
        Workspace(self.0.workspace.clone())
    }
    /// The user's role in `workspace`.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
}

pub struct ApiToken(pub api_token::Model);

/// An API token as listed: never its secret.
#[Object]
impl ApiToken {
    /// Opaque id of the token; `revokeApiToken` takes it.
    async fn id(&self) -> ID {
        encode_id(IdKind::ApiToken, self.0.id)
    }
    /// The name it was given at creation.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The first characters of the secret, to tell tokens apart.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }
    /// What the token may do.
    async fn scopes(&self) -> Vec<ApiScope> {
        scopes_of(&self.0).into_iter().map(ApiScope::from).collect()
    }
    /// When the token was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Last request made with the token (kept in memory, written every minute or so).
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
    /// When the token stops working; null when it never expires.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
    /// Set once the token is revoked; it is refused from then on.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
}

/// A token just created, with its secret.
#[derive(SimpleObject)]
pub struct CreatedApiToken {
    /// The token as `apiTokens` lists it.
    pub token: ApiToken,
    /// `lsk_…`: shown only here, stored only as a SHA-256; send it as `Authorization: Bearer …`.
    pub secret: String,
}

/// How the caller authenticated.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ViewerKind {
    /// A signed-in user (access JWT).
    User,
    /// An API token.
    ApiToken,
}

pub struct Viewer(pub Principal);

/// Who is calling: which workspace, as which user and role or with which token scopes.
#[Object]
impl Viewer {
    /// Whether the caller is a signed-in user or an API token.
    async fn kind(&self) -> ViewerKind {
        match self.0.actor {
            Actor::User { .. } => ViewerKind::User,
            Actor::Token { .. } => ViewerKind::ApiToken,
        }
    }
    /// The workspace the caller acts in.
    async fn workspace(&self, ctx: &Context<'_>) -> Result<Workspace> {
        let ws = find_workspace(&ctx.state().db.conn, self.0.workspace_id).await?;
        Ok(Workspace(ws))
    }
    /// The signed-in user; null for an API token.
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let Some(id) = self.0.user_id() else {
            return Ok(None);
        };
        Ok(find_user(&ctx.state().db.conn, id).await?.map(User))
    }
    /// The user's role; null for an API token.
    async fn role(&self) -> Option<Role> {
        match self.0.actor {
            Actor::User { role, .. } => Some(role.into()),
            Actor::Token { .. } => None,
        }
    }
    /// The token's scopes; empty for a user.
    async fn scopes(&self) -> Vec<ApiScope> {
        match &self.0.actor {
            Actor::User { .. } => Vec::new(),
            Actor::Token { scopes, .. } => scopes.iter().copied().map(ApiScope::from).collect(),
        }
    }
    /// The calling token's id; null for a user.
    async fn token_id(&self) -> Option<ID> {
        match self.0.actor {
            Actor::User { .. } => None,
            Actor::Token { token_id, .. } => Some(encode_id(IdKind::ApiToken, token_id)),
        }
    }
}
