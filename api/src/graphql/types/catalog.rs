//! Workspace, Channel, Campaign and Budget as GraphQL objects.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use entity::{budget, campaign, channel, workspace};

use super::enums::CampaignStatus;
use crate::graphql::ids::{IdKind, encode_id};
use crate::graphql::loaders::{CampaignLoader, ChannelLoader};
use crate::graphql::scalars::Date;
use crate::services::money::cents_to_decimal;

pub struct Workspace(pub workspace::Model);

/// A tenant: its reporting currency and time zone apply to every number in it.
#[Object]
impl Workspace {
    /// Opaque id of the workspace.
    async fn id(&self) -> ID {
        encode_id(IdKind::Workspace, self.0.id)
    }
    /// The workspace's display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Its unique short name; `login(workspace:)` picks the workspace by it.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// ISO 4217 code of the reporting currency; every amount is in it.
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    /// IANA time zone; report days are local days of this zone.
    async fn timezone(&self) -> &str {
        &self.0.timezone
    }
    /// When the workspace was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct Channel(pub channel::Model);

/// A marketing channel: the seeded default of a channel group, or one of the workspace's own.
#[Object]
impl Channel {
    /// Opaque id of the channel.
    async fn id(&self) -> ID {
        encode_id(IdKind::Channel, self.0.id)
    }
    /// Unique in the workspace, 1 to 100 characters; the `channel` of a lead or touchpoint
    /// input may name the channel by it (case-insensitive).
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Channel group: one of GA4's default channel groups (DIRECT, CROSS_NETWORK,
    /// PAID_SHOPPING, PAID_SEARCH, PAID_SOCIAL, PAID_VIDEO, DISPLAY, PAID_OTHER,
    /// ORGANIC_SHOPPING, ORGANIC_SOCIAL, ORGANIC_VIDEO, ORGANIC_SEARCH, REFERRAL, EMAIL,
    /// AFFILIATES, AUDIO, SMS, MOBILE_PUSH) or AI_ASSISTANT, EVENTS, UNASSIGNED.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// Whether the channel's traffic is bought (the classification's paid groups). A label
    /// only: `budgetSuggestions` plans every channel with spend, paid or not.
    /// Defaults to the group's nature when the channel is created.
    async fn is_paid(&self) -> bool {
        self.0.is_paid
    }
    /// True for the seeded channel of its group, where classified touches land.
    async fn is_default(&self) -> bool {
        self.0.is_default
    }
    /// True once archived with `updateChannel`. A marker for clients: an archived channel
    /// is still listed, still receives touches and stays in reports.
    async fn archived(&self) -> bool {
        self.0.archived_at.is_some()
    }
}

pub struct Campaign(pub campaign::Model);

/// A campaign on one channel; spend and budgets hang off it.
#[Object]
impl Campaign {
    /// Opaque id of the campaign.
    async fn id(&self) -> ID {
        encode_id(IdKind::Campaign, self.0.id)
    }
    /// The campaign's name, 1 to 200 characters.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The utm_campaign value that names this campaign in links and spend imports: trimmed,
    /// lower-cased and unique in the workspace; null when not set.
    async fn utm_campaign(&self) -> Option<&str> {
        self.0.utm_campaign.as_deref()
    }
    /// Where the campaign stands (ACTIVE when created).
    async fn status(&self) -> CampaignStatus {
        CampaignStatus::from_stored(&self.0.status)
    }
    /// The first day it runs, as planned; null when not set. Informational: reports count
    /// spend and touches on whatever day they happen.
    async fn starts_on(&self) -> Option<Date> {
        self.0.starts_on.map(Date)
    }
    /// The last day it runs (included), as planned; null when open-ended. Informational,
    /// like `startsOn`.
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    /// The channel the campaign runs on; its spend counts there.
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        let loader = ctx.data::<DataLoader<ChannelLoader>>()?;
        Ok(loader.load_one(self.0.channel_id).await?.map(Channel))
    }
    /// When the campaign was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct Budget(pub budget::Model);

/// Planned money for a campaign over a period (both ends inclusive).
#[Object]
impl Budget {
    /// Opaque id of the budget.
    async fn id(&self) -> ID {
        encode_id(IdKind::Budget, self.0.id)
    }
    /// First day of the period (workspace time zone); one budget per campaign and start.
    async fn period_start(&self) -> Date {
        Date(self.0.period_start)
    }
    /// Last day of the period (included).
    async fn period_end(&self) -> Date {
        Date(self.0.period_end)
    }
    /// Planned amount in the workspace currency.
    async fn amount(&self) -> Decimal {
        cents_to_decimal(self.0.planned_cents)
    }
    /// The campaign the money is planned for.
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        let loader = ctx.data::<DataLoader<CampaignLoader>>()?;
        Ok(loader.load_one(self.0.campaign_id).await?.map(Campaign))
    }
}
