//! Filters of the list queries. Free text is bounded: SQLite refuses a LIKE pattern past 50,000
//! bytes (a 50 KB `search` was INTERNAL) and no name or kind is that long.

use async_graphql::{ID, InputObject};

use super::super::ids::{IdKind, decode_id};
use super::super::scalars::SentDate;
use super::super::types::enums::{CampaignStatus, LeadStatus};
use crate::error::{AppError, AppResult};
use crate::services::budget_period::BudgetFilter;
use crate::services::campaign::CampaignFilter;
use crate::services::conversion::ConversionFilter;
use crate::services::lead::LeadFilter;

/// Longest free-text filter (`search`, `nameContains`, `kind`), in characters.
pub const MAX_FILTER_TEXT_CHARS: usize = 200;

/// `text` when it is at most [`MAX_FILTER_TEXT_CHARS`] long, else BAD_USER_INPUT naming `field`.
pub fn filter_text(text: Option<String>, field: &str) -> AppResult<Option<String>> {
    match text {
        Some(text) if text.chars().count() > MAX_FILTER_TEXT_CHARS => Err(AppError::bad_input(
            field,
            format!(
                "longer than {MAX_FILTER_TEXT_CHARS} characters (limit MAX_FILTER_TEXT_CHARS = {MAX_FILTER_TEXT_CHARS})"
            ),
        )),
        text => Ok(text),
    }
}

fn date(date: Option<SentDate>, field: &str) -> AppResult<Option<chrono::NaiveDate>> {
    date.map(|d| d.parse(field)).transpose()
}

/// Narrows `campaigns`.
#[derive(InputObject, Default)]
pub struct CampaignFilterInput {
    /// Only the campaigns of this channel.
    pub channel_id: Option<ID>,
    /// Only the campaigns with this status.
    pub status: Option<CampaignStatus>,
    /// Case-insensitive part of the name (at most 200 characters).
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
            name_contains: filter_text(self.name_contains, "filter.nameContains")?,
        })
    }
}

/// Narrows `leads`.
#[derive(InputObject, Default)]
pub struct LeadFilterInput {
    /// Only the leads with this status.
    pub status: Option<LeadStatus>,
    /// The source channel.
    pub channel_id: Option<ID>,
    /// First local day of creation (workspace time zone), inclusive.
    pub created_from: Option<SentDate>,
    /// Last local day of creation, inclusive.
    pub created_to: Option<SentDate>,
    /// Case-insensitive text found in email, name or company (at most 200 characters).
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
            created_from: date(self.created_from, "filter.createdFrom")?,
            created_to: date(self.created_to, "filter.createdTo")?,
            search: filter_text(self.search, "filter.search")?,
        })
    }
}

/// Narrows `conversions`.
#[derive(InputObject, Default)]
pub struct ConversionFilterInput {
    /// Only this lead's conversions.
    pub lead_id: Option<ID>,
    /// The conversion kind, e.g. "purchase" (case-insensitive, at most 200 characters).
    pub kind: Option<String>,
    /// First local day (workspace time zone) of the conversions, inclusive.
    pub occurred_from: Option<SentDate>,
    /// Last local day of the conversions, inclusive; not before `occurredFrom`.
    pub occurred_to: Option<SentDate>,
}

impl ConversionFilterInput {
    pub fn into_service(self) -> AppResult<ConversionFilter> {
        Ok(ConversionFilter {
            lead_id: self
                .lead_id
                .map(|id| decode_id(IdKind::Lead, "filter.leadId", &id))
                .transpose()?,
            kind: filter_text(self.kind, "filter.kind")?,
            occurred_from: date(self.occurred_from, "filter.occurredFrom")?,
            occurred_to: date(self.occurred_to, "filter.occurredTo")?,
        })
    }
}

/// Narrows `budgets`: a campaign, and periods overlapping [from, to].
#[derive(InputObject, Default)]
pub struct BudgetFilterInput {
    /// Only this campaign's budgets.
    pub campaign_id: Option<ID>,
    /// Only periods ending on or after this day.
    pub from: Option<SentDate>,
    /// Only periods starting on or before this day.
    pub to: Option<SentDate>,
}

impl BudgetFilterInput {
    pub fn into_service(self) -> AppResult<BudgetFilter> {
        Ok(BudgetFilter {
            campaign_id: self
                .campaign_id
                .map(|id| decode_id(IdKind::Campaign, "filter.campaignId", &id))
                .transpose()?,
            from: date(self.from, "filter.from")?,
            to: date(self.to, "filter.to")?,
        })
    }
}
