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

/// A new channel of the workspace's own.
#[derive(InputObject)]
pub struct CreateChannelInput {
    /// 1 to 100 characters, trimmed; unique in the workspace (CONFLICT otherwise).
    pub name: String,
    /// Channel group, e.g. PAID_SOCIAL (default UNASSIGNED); `Channel.kind` lists them.
    /// Case-insensitive; GA4's names such as "Paid Social" are accepted too.
    pub kind: Option<String>,
    /// Whether its traffic is bought; defaults to whether the group is paid (the PAID_*
    /// groups, CROSS_NETWORK, DISPLAY and AUDIO).
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

/// Changes to a channel; omitted (or null) fields stay as they are.
#[derive(InputObject)]
pub struct UpdateChannelInput {
    /// A new name: 1 to 100 characters, unique in the workspace.
    pub name: Option<String>,
    /// A new channel group, as in `CreateChannelInput.kind`. The default channel of a
    /// group keeps its group (BAD_USER_INPUT).
    pub kind: Option<String>,
    /// Whether its traffic is bought.
    pub is_paid: Option<bool>,
    /// True archives the channel, false restores it (see `Channel.archived`).
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

/// A new campaign on a channel of the workspace.
#[derive(InputObject)]
pub struct CreateCampaignInput {
    /// The channel it runs on.
    pub channel_id: ID,
    /// 1 to 200 characters, trimmed.
    pub name: String,
    /// Unique per workspace (CONFLICT otherwise), at most 200 characters, stored trimmed and
    /// lower-cased; spend imports and touches may name the campaign by it. Blank means none.
    pub utm_campaign: Option<String>,
    /// ACTIVE when absent.
    pub status: Option<CampaignStatus>,
    /// The planned first day, if any.
    pub starts_on: Option<SentDate>,
    /// The planned last day (included), if any; not before `startsOn`.
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
    /// Moves the campaign, with its spend, to this channel.
    pub channel_id: Option<ID>,
    /// A new name, 1 to 200 characters.
    pub name: Option<String>,
    /// A new utm_campaign, as in `CreateCampaignInput`; null clears it.
    pub utm_campaign: MaybeUndefined<String>,
    /// A new status (`archiveCampaign` sets ARCHIVED).
    pub status: Option<CampaignStatus>,
    /// A new planned first day; null clears it.
    pub starts_on: MaybeUndefined<SentDate>,
    /// A new planned last day (included), not before `startsOn`; null clears it.
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
    /// The campaign the money is planned for.
    pub campaign_id: ID,
    /// First day of the period; with `campaignId` it names the budget to create or replace.
    pub period_start: SentDate,
    /// Last day of the period (included), not before `periodStart`.
    pub period_end: SentDate,
    /// In the workspace currency, at least 0, at most two decimal places.
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
