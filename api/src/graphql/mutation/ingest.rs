//! Ingestion mutations for scripts and partners: spend, leads, touchpoints, conversions.
//! Each call is all-or-nothing; a refusal lists every bad row in `extensions.rows`.

use async_graphql::{Context, Object, Result};

use crate::auth::Permission;
use crate::graphql::context::ContextExt;
use crate::graphql::guards::need;
use crate::graphql::inputs::{
    ConversionInput, FxRateInput, LeadInput, SpendInput, TouchpointInput,
};
use crate::graphql::types::{
    CaptureLeadsResult, ConversionsResult, FxRatesResult, Lead, SpendResult, TouchpointsResult,
};
use crate::services::ingest::{conversion, fx_rate, lead, spend, touchpoint};

#[derive(Default)]
pub struct IngestMutation;

#[Object]
impl IngestMutation {
    /// Upserts spend per (campaign, day): a day sent again replaces the stored one. Needs
    /// role ANALYST or scope `spend:write`.
    #[graphql(guard = "need(Permission::WriteSpend)")]
    async fn record_spend(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "One row per campaign and day, at most MAX_BATCH_ROWS \
                          (10,000 by default) per call.")]
        entries: Vec<SpendInput>,
    ) -> Result<SpendResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let entries = entries.into_iter().map(Into::into).collect();
        let max = state.settings.max_batch_rows;
        Ok(
            spend::record_spend(&state.db.conn, p.workspace_id, entries, max)
                .await?
                .into(),
        )
    }

    /// Upserts the workspace's FX table per (currency, day): the rates that convert spend
    /// amounts and conversion revenue sent in another currency. A rate applies to its day and
    /// to the next 7 days that have none; stored rows are not re-converted when a rate
    /// changes. Needs role ANALYST or scope `spend:write`.
    #[graphql(guard = "need(Permission::WriteSpend)")]
    async fn record_fx_rates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "One rate per currency and day, at most MAX_BATCH_ROWS \
                          (10,000 by default) per call.")]
        entries: Vec<FxRateInput>,
    ) -> Result<FxRatesResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let entries = entries.into_iter().map(Into::into).collect();
        let max = state.settings.max_batch_rows;
        Ok(fx_rate::record_fx_rates(&state.db.conn, p, entries, max)
            .await?
            .into())
    }

    /// Captures one lead, idempotent on externalId; answers the lead as stored. Needs role
    /// ANALYST or scope `leads:write`.
    #[graphql(guard = "need(Permission::WriteLeads)")]
    async fn capture_lead(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The lead and its first touch.")] input: LeadInput,
    ) -> Result<Lead> {
        let p = ctx.principal()?;
        let captured =
            lead::capture_lead(&ctx.state().db.conn, p.workspace_id, input.into()).await?;
        Ok(Lead(captured))
    }

    /// Captures many leads at once, idempotent on externalId. Needs role ANALYST or scope
    /// `leads:write`.
    #[graphql(guard = "need(Permission::WriteLeads)")]
    async fn capture_leads(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The leads, at most MAX_BATCH_ROWS (10,000 by default) per call.")]
        inputs: Vec<LeadInput>,
    ) -> Result<CaptureLeadsResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let inputs = inputs.into_iter().map(Into::into).collect();
        let max = state.settings.max_batch_rows;
        let outcome = lead::capture_leads(&state.db.conn, p.workspace_id, inputs, max).await?;
        Ok(CaptureLeadsResult(outcome))
    }

    /// Records touchpoints of known leads, idempotent on eventId. Needs role ANALYST or scope
    /// `leads:write`.
    #[graphql(guard = "need(Permission::WriteLeads)")]
    async fn record_touchpoints(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The touchpoints, at most MAX_BATCH_ROWS (10,000 by default) \
                          per call.")]
        inputs: Vec<TouchpointInput>,
    ) -> Result<TouchpointsResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let inputs = inputs.into_iter().map(Into::into).collect();
        let max = state.settings.max_batch_rows;
        Ok(
            touchpoint::record_touchpoints(&state.db.conn, p.workspace_id, inputs, max)
                .await?
                .into(),
        )
    }

    /// Records conversions of known leads, idempotent on externalId; a purchase makes its
    /// lead a CUSTOMER. Needs role ANALYST or scope `conversions:write`.
    #[graphql(guard = "need(Permission::WriteConversions)")]
    async fn record_conversions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The conversions, at most MAX_BATCH_ROWS (10,000 by default) \
                          per call.")]
        inputs: Vec<ConversionInput>,
    ) -> Result<ConversionsResult> {
        let p = ctx.principal()?;
        let state = ctx.state();
        let inputs = inputs.into_iter().map(Into::into).collect();
        let max = state.settings.max_batch_rows;
        Ok(
            conversion::record_conversions(&state.db.conn, p.workspace_id, inputs, max)
                .await?
                .into(),
        )
    }
}
