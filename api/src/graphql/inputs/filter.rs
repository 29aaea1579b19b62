//! Filters of the list queries.

use async_graphql::{ID, InputObject};

use super::super::ids::{IdKind, decode_id};
use super::super::scalars::Date;
use super::super::types::enums::{CampaignStatus, LeadStatus};
use crate::error::AppResult;
use crate::services::budget_period::BudgetFilter;
use crate::services::campaign::CampaignFilter;
use crate::services::conversion::ConversionFilter;
use crate::services::lead::LeadFilter;

/// Narrows `campaigns`.
#[derive(InputObject, Default)]
pub struct CampaignFilterInput {
    pub channel_id: Option<ID>,
    pub status: Option<CampaignStatus>,
    /// Case-insensitive part of the name.
    pub name_contains: Option<String>,
}

impl CampaignFilterInput {
    pub fn into_service(self) -> AppResult<CampaignFilter> {
        Ok(CampaignFilter {
            channel_id: self
                .channel_id
                .map(|id| decode_id(IdKind::Channel, "filter.channelId", &id))
                .transpose()?,
            status: self.status.map(|s| s.as_str().to_owned()),
            name_contains: self.name_contains,
        })
    }
}

/// Narrows `leads`.
#[derive(InputObject, Default)]
pub struct LeadFilterInput {
    pub status: Option<LeadStatus>,
    /// The source channel.
    pub channel_id: Option<ID>,
    /// First local day of creation, inclusive.
    pub created_from: Option<Date>,
    /// Last local day of creation, inclusive.
    pub created_to: Option<Date>,
    /// Case-insensitive text found in email, name or company.
    pub search: Option<String>,
}

impl LeadFilterInput {
    pub fn into_service(self) -> AppResult<LeadFilter> {
        Ok(LeadFilter {
            status: self.status.map(|s| s.as_str().to_owned()),
            channel_id: self
                .channel_id
                .map(|id| decode_id(IdKind::Channel, "filter.channelId", &id))
                .transpose()?,
            created_from: self.created_from.map(|d| d.0),
            created_to: self.created_to.map(|d| d.0),
            search: self.search,
        })
    }
}

/// Narrows `conversions`.
#[derive(InputObject, Default)]
pub struct ConversionFilterInput {
    pub lead_id: Option<ID>,
    pub kind: Option<String>,
    pub occurred_from: Option<Date>,
    pub occurred_to: Option<Date>,
}

impl ConversionFilterInput {
    pub fn into_service(self) -> AppResult<ConversionFilter> {
        Ok(ConversionFilter {
            lead_id: self
                .lead_id
                .map(|id| decode_id(IdKind::Lead, "filter.leadId", &id))
                .transpose()?,
            kind: self.kind,
            occurred_from: self.occurred_from.map(|d| d.0),
            occurred_to: self.occurred_to.map(|d| d.0),
        })
    }
}

/// Narrows `budgets`: a campaign, and periods overlapping [from, to].
#[derive(InputObject, Default)]
pub struct BudgetFilterInput {
    pub campaign_id: Option<ID>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl BudgetFilterInput {
    pub fn into_service(self) -> AppResult<BudgetFilter> {
        Ok(BudgetFilter {
            campaign_id: self
                .campaign_id
                .map(|id| decode_id(IdKind::Campaign, "filter.campaignId", &id))
                .transpose()?,
            from: self.from.map(|d| d.0),
            to: self.to.map(|d| d.0),
        })
    }
}
