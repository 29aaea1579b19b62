//! Mutations of channels, campaigns and budgets.

use async_graphql::{Context, ID, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, decode_id};
use crate::graphql::inputs::{
    CreateCampaignInput, CreateChannelInput, SetBudgetInput, UpdateCampaignInput,
    UpdateChannelInput,
};
use crate::graphql::types::{Budget, Campaign, Channel};
use crate::services::{budget_period, campaign, channel};

#[derive(Default)]
pub struct CatalogMutation;

#[Object]
impl CatalogMutation {
    /// Adds a channel of the workspace's own; CONFLICT when the name is taken. Needs role
    /// ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn create_channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new channel.")] input: CreateChannelInput,
    ) -> Result<Channel> {
        let p = ctx.principal()?;
        let created = channel::create_channel(&ctx.state().db.conn, p, input.into()).await?;
        Ok(Channel(created))
    }

    /// Renames, regroups, archives or restores a channel and answers it as stored; CONFLICT
    /// when the new name is taken. Needs role ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn update_channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The channel's id.")] id: ID,
        #[graphql(desc = "What changes; omitted fields stay.")] input: UpdateChannelInput,
    ) -> Result<Channel> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Channel, "id", &id)?;
        let updated = channel::update_channel(&ctx.state().db.conn, p, id, input.into()).await?;
        Ok(Channel(updated))
    }

    /// Creates a campaign on a channel of the workspace; CONFLICT when another campaign
    /// uses its utmCampaign. Needs role ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn create_campaign(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new campaign.")] input: CreateCampaignInput,
    ) -> Result<Campaign> {
        let p = ctx.principal()?;
        let changes = input.into_changes()?;
        let created = campaign::create_campaign(&ctx.state().db.conn, p, changes).await?;
        Ok(Campaign(created))
    }

    /// Changes a campaign and answers it as stored; moving it to another channel moves its
    /// spend in the reports too. CONFLICT when another campaign uses the new utmCampaign.
    /// Needs role ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn update_campaign(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The campaign's id.")] id: ID,
        #[graphql(desc = "What changes; omitted fields stay, null clears the optional ones.")]
        input: UpdateCampaignInput,
    ) -> Result<Campaign> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Campaign, "id", &id)?;
        let changes = input.into_changes()?;
        let updated = campaign::update_campaign(&ctx.state().db.conn, p, id, changes).await?;
        Ok(Campaign(updated))
    }

    /// Sets the campaign's status to ARCHIVED; its history stays in reports. Needs role
    /// ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn archive_campaign(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The campaign's id.")] id: ID,
    ) -> Result<Campaign> {
        let p = ctx.principal()?;
        let id = decode_id(IdKind::Campaign, "id", &id)?;
        let archived = campaign::archive_campaign(&ctx.state().db.conn, p, id).await?;
        Ok(Campaign(archived))
    }

    /// Creates or replaces a campaign's budget for the period starting on `periodStart`.
    /// Needs role ANALYST or scope `admin`.
    #[graphql(guard = "need(Permission::ManageCatalog)")]
    async fn set_budget(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The campaign, period and amount.")] input: SetBudgetInput,
    ) -> Result<Budget> {
        let p = ctx.principal()?;
        let input = input.into_service()?;
        let saved = budget_period::set_budget(&ctx.state().db.conn, p, input).await?;
        Ok(Budget(saved))
    }
}
