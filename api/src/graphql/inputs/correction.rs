//! Inputs of the corrections (`deleteSpend`) and of the read-back lists (`spend`,
//! `touchpoints`, `auditLog`).

use async_graphql::{ID, InputObject};

use super::super::ids::{IdKind, decode_id};
use super::super::scalars::{SentDate, SentDateTime};
use super::filter::filter_text;
use crate::error::{AppError, AppResult};
use crate::services::audit::AuditFilter;
use crate::services::correction::spend::{SpendCampaign, SpendSelection};
use crate::services::spend_rows::SpendFilter;
use crate::services::touchpoint::TouchpointFilter;

fn date(date: Option<SentDate>, field: &str) -> AppResult<Option<chrono::NaiveDate>> {
    date.map(|d| d.parse(field)).transpose()
}

fn id(kind: IdKind, field: &str, id: Option<ID>) -> AppResult<Option<i64>> {
    id.map(|id| decode_id(kind, field, &id)).transpose()
}

/// Which spend `deleteSpend` removes: one campaign's days from `from` to `to`.
#[derive(InputObject)]
pub struct DeleteSpendFilterInput {
    /// The campaign, by id; give this or `utmCampaign`, not both.
    pub campaign_id: Option<ID>,
    /// The campaign, by its utmCampaign (case-insensitive); give this or `campaignId`.
    pub utm_campaign: Option<String>,
    /// First day, inclusive.
    pub from: SentDate,
    /// Last day, inclusive.
    pub to: SentDate,
}

impl DeleteSpendFilterInput {
    pub fn into_service(self) -> AppResult<SpendSelection> {
        let utm = self
            .utm_campaign
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        let campaign = match (self.campaign_id, utm) {
            (Some(id), None) => {
                SpendCampaign::Id(decode_id(IdKind::Campaign, "filter.campaignId", &id)?)
            }
            (None, Some(utm)) => SpendCampaign::Utm(
                filter_text(Some(utm), "filter.utmCampaign")?.unwrap_or_default(),
            ),
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(
                    "filter.campaignId",
                    "name the campaign by campaignId or utmCampaign, not both",
                ));
            }
            (None, None) => {
                return Err(AppError::bad_input(
                    "filter.campaignId",
                    "name the campaign by campaignId or utmCampaign",
                ));
            }
        };
        Ok(SpendSelection {
            campaign,
            from: self.from.parse("filter.from")?,
            to: self.to.parse("filter.to")?,
        })
    }
}

/// Narrows `spend`.
#[derive(InputObject, Default)]
pub struct SpendFilterInput {
    /// First day, inclusive.
    pub from: Option<SentDate>,
    /// Last day, inclusive.
    pub to: Option<SentDate>,
    /// Only this campaign's spend.
    pub campaign_id: Option<ID>,
    /// Only the spend of this channel's campaigns.
    pub channel_id: Option<ID>,
}

impl SpendFilterInput {
    pub fn into_service(self) -> AppResult<SpendFilter> {
        Ok(SpendFilter {
            from: date(self.from, "filter.from")?,
            to: date(self.to, "filter.to")?,
            campaign_id: id(IdKind::Campaign, "filter.campaignId", self.campaign_id)?,
            channel_id: id(IdKind::Channel, "filter.channelId", self.channel_id)?,
        })
    }
}

/// Narrows `touchpoints`.
#[derive(InputObject, Default)]
pub struct TouchpointFilterInput {
    /// Only this lead's touchpoints.
    pub lead_id: Option<ID>,
    /// Only the touchpoints of this channel.
    pub channel_id: Option<ID>,
    /// First local day (workspace time zone), inclusive.
    pub from: Option<SentDate>,
    /// Last local day, inclusive.
    pub to: Option<SentDate>,
}

impl TouchpointFilterInput {
    pub fn into_service(self) -> AppResult<TouchpointFilter> {
        Ok(TouchpointFilter {
            lead_id: id(IdKind::Lead, "filter.leadId", self.lead_id)?,
            channel_id: id(IdKind::Channel, "filter.channelId", self.channel_id)?,
            from: date(self.from, "filter.from")?,
            to: date(self.to, "filter.to")?,
        })
    }
}

/// Narrows `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditLogFilterInput {
    /// Only this action: a mutation's name, such as `deleteSpend` or `changeRole`.
    pub action: Option<String>,
    /// Only what this user did.
    pub user_id: Option<ID>,
    /// From this instant, inclusive.
    pub from: Option<SentDateTime>,
    /// Before this instant, exclusive.
    pub until: Option<SentDateTime>,
}

impl AuditLogFilterInput {
    pub fn into_service(self) -> AppResult<AuditFilter> {
        Ok(AuditFilter {
            action: filter_text(self.action, "filter.action")?,
            user_id: id(IdKind::User, "filter.userId", self.user_id)?,
            from: self.from.map(|t| t.parse("filter.from")).transpose()?,
            until: self.until.map(|t| t.parse("filter.until")).transpose()?,
        })
    }
}
