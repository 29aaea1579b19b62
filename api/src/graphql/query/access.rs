//! Queries about the caller, the workspace's members, invitations and API tokens.

use async_graphql::{Context, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::types::{ApiToken, Invitation, Member, Viewer};
use crate::services::access::{list_invitations, list_members};
use crate::services::api_token::list_api_tokens;

#[derive(Default)]
pub struct AccessQuery;

#[Object]
impl AccessQuery {
    /// Who is calling: the workspace, and the user and role or the token and its scopes.
    #[graphql(guard = "need(Permission::ViewSelf)")]
    async fn viewer(&self, ctx: &Context<'_>) -> Result<Viewer> {
        Ok(Viewer(ctx.principal()?.clone()))
    }

    /// Members of the workspace, oldest first.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn members(&self, ctx: &Context<'_>) -> Result<Vec<Member>> {
        let p = ctx.principal()?;
        let rows = list_members(&ctx.state().db.conn, p.workspace_id).await?;
        Ok(rows.into_iter().map(Member).collect())
    }

    /// Open invitations of the workspace (neither accepted nor revoked), newest first;
    /// expired ones stay listed until revoked or replaced by a new invitation.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn invitations(&self, ctx: &Context<'_>) -> Result<Vec<Invitation>> {
        let p = ctx.principal()?;
        let rows = list_invitations(&ctx.state().db.conn, p.workspace_id).await?;
        Ok(rows.into_iter().map(Invitation).collect())
    }

    /// API tokens of the workspace, newest first, revoked ones included.
    #[graphql(guard = "need(Permission::ManageAccess)")]
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiToken>> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let rows = list_api_tokens(&state.db.conn, p.workspace_id, &state.auth.token_usage).await?;
        Ok(rows.into_iter().map(ApiToken).collect())
    }
}
