//! Sign-in, sessions, passwords and API tokens.

use async_graphql::{Context, ID, Object, Result};

use crate::auth::sign_in::{ClientAddr, charge_sign_in};
use crate::auth::{Permission, Scope};
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, decode_id};
use crate::graphql::inputs::CreateApiTokenInput;
use crate::graphql::types::{ApiToken, CreatedApiToken, Session};
use crate::services::access::{PasswordChange, change_password, login, logout, refresh_session};
use crate::services::api_token::{issue_api_token, revoke_api_token_audited};

#[derive(Default)]
pub struct AccessMutation;

#[Object]
impl AccessMutation {
    /// Signs in with email and password. Needs no credentials. With several workspaces,
    /// `workspace` (a slug) picks one; the oldest membership otherwise.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's email (case-insensitive).")] email: String,
        #[graphql(desc = "The account's password.")] password: String,
        #[graphql(desc = "The slug of the workspace to act in; the oldest membership's \
                          workspace when absent.")]
        workspace: Option<String>,
    ) -> Result<Session> {
        let state = ctx.state();
        charge_sign_in(&state.auth, client_addr(ctx), Some(&email)).await?;
        let session = login(
            &state.db.conn,
            &state.auth,
            &email,
            &password,
            workspace.as_deref(),
        )
        .await?;
        Ok(Session(session))
    }

    /// Trades a refresh token for a new session; the token is spent. Presenting a spent
    /// token again ends every session descended from the same login.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `refreshToken` of the latest session.")] refresh_token: String,
    ) -> Result<Session> {
        let state = ctx.state();
        charge_sign_in(&state.auth, client_addr(ctx), None).await?;
        Ok(Session(
            refresh_session(&state.db.conn, &state.auth, &refresh_token).await?,
        ))
    }

    /// Ends the session the refresh token belongs to. Always true.
    async fn logout(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session's `refreshToken`.")] refresh_token: String,
    ) -> Result<bool> {
        Ok(logout(&ctx.state().db.conn, &refresh_token).await?)
    }

    /// Creates an API token; its secret is in the answer and nowhere else, ever. Needs role
    /// ADMIN or scope `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's name, scopes and expiry.")] input: CreateApiTokenInput,
    ) -> Result<CreatedApiToken> {
        let p = ctx.principal()?;
        let scopes: Vec<Scope> = input.scopes.into_iter().map(Scope::from).collect();
        let db = &ctx.state().db.conn;
        let expires_at = input
            .expires_at
            .map(|at| at.parse("input.expiresAt"))
            .transpose()?;
        let minted = issue_api_token(db, p, &input.name, &scopes, expires_at).await?;
        Ok(CreatedApiToken {
            token: ApiToken(minted.token),
            secret: minted.secret,
        })
    }

    /// Revokes an API token of the workspace: refused from the next request on. Needs role
    /// ADMIN or scope `admin`.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's id.")] id: ID,
    ) -> Result<ApiToken> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::ApiToken, "id", &id)?;
        Ok(ApiToken(
            revoke_api_token_audited(&ctx.state().db.conn, p, id).await?,
        ))
    }

    /// Changes the signed-in user's password (not an API token's: it has none). The
    /// current password is checked as a sign-in attempt, under the same rate limits as
    /// `login`; a wrong one is BAD_USER_INPUT on `currentPassword`. Every refresh token of
    /// the user, in every workspace, is revoked; the answer is a new session. Needs a signed-in
    /// user of any role.
    #[graphql(guard = "need(Permission::OwnAccount)")]
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The password in use now.")] current_password: String,
        #[graphql(desc = "At least 10 characters, at most 1024 bytes.")] new_password: String,
    ) -> Result<Session> {
        let state = ctx.state();
        let change = PasswordChange {
            current_password,
            new_password,
        };
        let session = change_password(
            &state.db.conn,
            &state.auth,
            client_addr(ctx),
            ctx.principal()?,
            change,
        )
        .await?;
        Ok(Session(session))
    }
}

/// The request's client address (none when executed without the HTTP layer).
pub(super) fn client_addr(ctx: &Context<'_>) -> ClientAddr {
    ctx.data_opt::<ClientAddr>()
        .copied()
        .unwrap_or(ClientAddr(None))
}
