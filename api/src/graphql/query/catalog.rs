//! Queries over the workspace, channels, campaigns and budgets.

use async_graphql::{Context, ID, Object, Result};

use crate::auth::Permission;
use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, decode_id, decode_id_cursor};
use crate::graphql::inputs::{BudgetFilterInput, CampaignFilterInput};
use crate::graphql::types::page::{PageConnection, to_connection};
use crate::graphql::types::{Budget, Campaign, Channel, Workspace};
use crate::services::page::PageRequest;
use crate::services::{budget_period, campaign, channel, workspace};

#[derive(Default)]
pub struct CatalogQuery;

#[Object]
impl CatalogQuery {
    /// The caller's workspace.
    #[graphql(guard = "need(Permission::Read)")]
    async fn workspace(&self, ctx: &Context<'_>) -> Result<Workspace> {
        let p = ctx.principal()?;
        Ok(Workspace(
            workspace::find_workspace(&ctx.state().db.conn, p.workspace_id).await?,
        ))
    }

    /// Every channel of the workspace, defaults first.
    #[graphql(guard = "need(Permission::Read)")]
    async fn channels(&self, ctx: &Context<'_>) -> Result<Vec<Channel>> {
        let p = ctx.principal()?;
        let rows = channel::list_channels(&ctx.state().db.conn, p.workspace_id).await?;
        Ok(rows.into_iter().map(Channel).collect())
    }

    /// Campaigns in creation order.
    #[graphql(
        guard = "need(Permission::Read)",
        complexity = "crate::graphql::types::page::connection_complexity(first, child_complexity)"
    )]
    async fn campaigns(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Rows per page: 0 to the server's MAX_PAGE_SIZE (500 by default); \
                          50 when absent."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Start after this cursor: the `pageInfo.endCursor` of the previous page."
        )]
        after: Option<String>,
        #[graphql(desc = "Narrows the campaigns; all of them when absent.")] filter: Option<
            CampaignFilterInput,
        >,
    ) -> Result<PageConnection<Campaign>> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let after_id = after.as_deref().map(decode_id_cursor).transpose()?;
        let page = PageRequest::new(first, after_id, state.settings.max_page_size)?;
        let filter = filter.unwrap_or_default().into_service()?;
        let rows = campaign::list_campaigns(&state.db.conn, p.workspace_id, &filter, page).await?;
        Ok(to_connection(
            rows,
            after.is_some(),
            |c| c.id.to_string(),
            Campaign,
        ))
    }

    /// One campaign, or null when no campaign of the workspace has this id.
    #[graphql(guard = "need(Permission::Read)")]
    async fn campaign(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The campaign's id.")] id: ID,
    ) -> Result<Option<Campaign>> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Campaign, "id", &id)?;
        match campaign::find_campaign(&ctx.state().db.conn, p.workspace_id, id).await {
            Ok(found) => Ok(Some(Campaign(found))),
            Err(AppError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Planned budgets, by period start.
    #[graphql(guard = "need(Permission::Read)")]
    async fn budgets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Narrows the budgets; all of them when absent.")] filter: Option<
            BudgetFilterInput,
        >,
    ) -> Result<Vec<Budget>> {
        let p = ctx.principal()?;
        let filter = filter.unwrap_or_default().into_service()?;
        let rows =
            budget_period::list_budgets(&ctx.state().db.conn, p.workspace_id, &filter).await?;
        Ok(rows.into_iter().map(Budget).collect())
    }
}
