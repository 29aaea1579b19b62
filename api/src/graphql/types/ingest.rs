//! What the ingestion mutations answer: counts, and on request the captured leads.

use async_graphql::{Context, Object, Result, SimpleObject};

use super::lead::Lead;
use crate::graphql::context::ContextExt;
use crate::services::ingest::conversion::ConversionOutcome;
use crate::services::ingest::fx_rate::FxRatesOutcome;
use crate::services::ingest::lead::{CaptureOutcome, leads_by_ids};
use crate::services::ingest::spend::SpendOutcome;
use crate::services::ingest::touchpoint::TouchpointOutcome;

/// What `recordSpend` stored. A campaign and day sent twice in one call counts once (the last entry wins).
#[derive(SimpleObject)]
pub struct SpendResult {
    /// (campaign, day) rows that did not exist before.
    pub inserted: u64,
    /// (campaign, day) rows whose values were replaced.
    pub updated: u64,
}

impl From<SpendOutcome> for SpendResult {
    fn from(o: SpendOutcome) -> Self {
        Self {
            inserted: o.inserted,
            updated: o.updated,
        }
    }
}

/// What `recordFxRates` stored. A currency and day sent twice in one call counts once (the
/// last entry wins).
#[derive(SimpleObject)]
pub struct FxRatesResult {
    /// (currency, day) rates that did not exist before.
    pub inserted: u64,
    /// (currency, day) rates that replaced a stored one.
    pub updated: u64,
}

impl From<FxRatesOutcome> for FxRatesResult {
    fn from(o: FxRatesOutcome) -> Self {
        Self {
            inserted: o.inserted,
            updated: o.updated,
        }
    }
}

pub struct CaptureLeadsResult(pub CaptureOutcome);

/// What `captureLeads` did.
#[Object]
impl CaptureLeadsResult {
    /// Leads that did not exist before, each with its first touchpoint.
    async fn created(&self) -> u64 {
        self.0.created
    }
    /// Leads that existed: their contact fields were refreshed, their source kept.
    async fn updated(&self) -> u64 {
        self.0.updated
    }
    /// The lead of each input, in input order (loaded only when asked for).
    async fn leads(&self, ctx: &Context<'_>) -> Result<Vec<Lead>> {
        let p = ctx.principal()?;
        let by_id = leads_by_ids(&ctx.state().db.conn, p.workspace_id, &self.0.lead_ids).await?;
        Ok(self
            .0
            .lead_ids
            .iter()
            .filter_map(|id| by_id.get(id).cloned().map(Lead))
            .collect())
    }
}

/// What `recordTouchpoints` did.
#[derive(SimpleObject)]
pub struct TouchpointsResult {
    /// Touchpoints stored.
    pub recorded: u64,
    /// Inputs skipped because their eventId was already known (before the call or earlier in it).
    pub duplicates: u64,
}

impl From<TouchpointOutcome> for TouchpointsResult {
    fn from(o: TouchpointOutcome) -> Self {
        Self {
            recorded: o.recorded,
            duplicates: o.duplicates,
        }
    }
}

/// What `recordConversions` did.
#[derive(SimpleObject)]
pub struct ConversionsResult {
    /// Conversions stored.
    pub recorded: u64,
    /// Inputs skipped because their externalId was already known (before the call or earlier in it).
    pub duplicates: u64,
    /// Leads that became CUSTOMER through a purchase in this call.
    pub new_customers: u64,
}

impl From<ConversionOutcome> for ConversionsResult {
    fn from(o: ConversionOutcome) -> Self {
        Self {
            recorded: o.recorded,
            duplicates: o.duplicates,
            new_customers: o.new_customers,
        }
    }
}
