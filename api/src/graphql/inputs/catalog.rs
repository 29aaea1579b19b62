//! Inputs of the channel, campaign and budget mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use rust_decimal::Decimal;

use super::super::ids::{IdKind, decode_id};
use super::super::scalars::SentDate;
use super::super::types::enums::CampaignStatus;
use crate::error::AppResult;
use crate::services::budget_period::SetBudget;
use crate::services::campaign::CampaignChanges;
use crate::services::channel::ChannelChanges;
use crate::services::money::decimal_to_cents;

#[derive(InputObject)]
pub struct CreateChannelInput {
    pub name: String,
    /// Channel group, e.g. PAID_SOCIAL (default UNASSIGNED).
    pub kind: Option<String>,
    /// Defaults to whether the group is paid.
    pub is_paid: Option<bool>,
}

impl From<CreateChannelInput> for ChannelChanges {
    fn from(input: CreateChannelInput) -> Self {
        ChannelChanges {
            name: Some(input.name),
            kind: input.kind,
            is_paid: input.is_paid,
            archived: None,
        }
    }
}

#[derive(InputObject)]
pub struct UpdateChannelInput {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub is_paid: Option<bool>,
    pub archived: Option<bool>,
}

impl From<UpdateChannelInput> for ChannelChanges {
    fn from(input: UpdateChannelInput) -> Self {
        ChannelChanges {
            name: input.name,
            kind: input.kind,
            is_paid: input.is_paid,
            archived: input.archived,
        }
    }
}

#[derive(InputObject)]
pub struct CreateCampaignInput {
    pub channel_id: ID,
    pub name: String,
    /// Unique per workspace; spend imports may name the campaign by it.
    pub utm_campaign: Option<String>,
    pub status: Option<CampaignStatus>,
    pub starts_on: Option<SentDate>,
    pub ends_on: Option<SentDate>,
}

impl CreateCampaignInput {
    pub fn into_changes(self) -> AppResult<CampaignChanges> {
        Ok(CampaignChanges {
            channel_id: Some(decode_id(IdKind::Channel, "channelId", &self.channel_id)?),
            name: Some(self.name),
            utm_campaign: Some(self.utm_campaign),
            status: self.status.map(|s| s.as_str().to_owned()),
            starts_on: Some(
                self.starts_on
                    .map(|d| d.parse("input.startsOn"))
                    .transpose()?,
            ),
            ends_on: Some(self.ends_on.map(|d| d.parse("input.endsOn")).transpose()?),
        })
    }
}

/// Changes to a campaign; omitted fields stay, `null` clears the optional ones.
#[derive(InputObject)]
pub struct UpdateCampaignInput {
    pub channel_id: Option<ID>,
    pub name: Option<String>,
    pub utm_campaign: MaybeUndefined<String>,
    pub status: Option<CampaignStatus>,
    pub starts_on: MaybeUndefined<SentDate>,
    pub ends_on: MaybeUndefined<SentDate>,
}

fn maybe<T, U>(
    value: MaybeUndefined<T>,
    f: impl Fn(T) -> AppResult<U>,
) -> AppResult<Option<Option<U>>> {
    Ok(match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(f(v)?)),
    })
}

impl UpdateCampaignInput {
    pub fn into_changes(self) -> AppResult<CampaignChanges> {
        Ok(CampaignChanges {
            channel_id: self
                .channel_id
                .map(|id| decode_id(IdKind::Channel, "channelId", &id))
                .transpose()?,
            name: self.name,
            utm_campaign: maybe(self.utm_campaign, Ok)?,
            status: self.status.map(|s| s.as_str().to_owned()),
            starts_on: maybe(self.starts_on, |d| d.parse("input.startsOn"))?,
            ends_on: maybe(self.ends_on, |d| d.parse("input.endsOn"))?,
        })
    }
}

/// Planned money for a campaign and period; setting the same period start again replaces it.
#[derive(InputObject)]
pub struct SetBudgetInput {
    pub campaign_id: ID,
    pub period_start: SentDate,
    pub period_end: SentDate,
    /// In the workspace currency, at most two decimal places.
    pub amount: Decimal,
}

impl SetBudgetInput {
    pub fn into_service(self) -> AppResult<SetBudget> {
        Ok(SetBudget {
            campaign_id: decode_id(IdKind::Campaign, "campaignId", &self.campaign_id)?,
            period_start: self.period_start.parse("input.periodStart")?,
            period_end: self.period_end.parse("input.periodEnd")?,
            planned_cents: decimal_to_cents("amount", self.amount)?,
        })
    }
}
