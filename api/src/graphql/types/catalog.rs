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

/// A tenant: its reporting currency and time zone apply to every number in it.
pub struct Workspace(pub workspace::Model);

#[Object]
impl Workspace {
    async fn id(&self) -> ID {
        encode_id(IdKind::Workspace, self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
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
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A marketing channel: the seeded default of a channel group, or one of the workspace's own.
pub struct Channel(pub channel::Model);

#[Object]
impl Channel {
    async fn id(&self) -> ID {
        encode_id(IdKind::Channel, self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Channel group (DESIGN §2), e.g. PAID_SEARCH.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn is_paid(&self) -> bool {
        self.0.is_paid
    }
    /// True for the seeded channel of its group, where classified touches land.
    async fn is_default(&self) -> bool {
        self.0.is_default
    }
    async fn archived(&self) -> bool {
        self.0.archived_at.is_some()
    }
}

/// A campaign on one channel; spend and budgets hang off it.
pub struct Campaign(pub campaign::Model);

#[Object]
impl Campaign {
    async fn id(&self) -> ID {
        encode_id(IdKind::Campaign, self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The utm_campaign value that names this campaign in links and spend imports.
    async fn utm_campaign(&self) -> Option<&str> {
        self.0.utm_campaign.as_deref()
    }
    async fn status(&self) -> CampaignStatus {
        CampaignStatus::from_stored(&self.0.status)
    }
    async fn starts_on(&self) -> Option<Date> {
        self.0.starts_on.map(Date)
    }
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        let loader = ctx.data::<DataLoader<ChannelLoader>>()?;
        Ok(loader.load_one(self.0.channel_id).await?.map(Channel))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Planned money for a campaign over a period (both ends inclusive).
pub struct Budget(pub budget::Model);

#[Object]
impl Budget {
    async fn id(&self) -> ID {
        encode_id(IdKind::Budget, self.0.id)
    }
    async fn period_start(&self) -> Date {
        Date(self.0.period_start)
    }
    async fn period_end(&self) -> Date {
        Date(self.0.period_end)
    }
    /// Planned amount in the workspace currency.
    async fn amount(&self) -> Decimal {
        cents_to_decimal(self.0.planned_cents)
    }
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        let loader = ctx.data::<DataLoader<CampaignLoader>>()?;
        Ok(loader.load_one(self.0.campaign_id).await?.map(Campaign))
    }
}
