//! Lead, Touchpoint and Conversion as GraphQL objects.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use entity::{conversion, lead, touchpoint};

use super::catalog::{Campaign, Channel};
use super::enums::LeadStatus;
use crate::auth::Permission;
use crate::graphql::guards::need;
use crate::graphql::ids::{IdKind, encode_id};
use crate::graphql::loaders::{
    CampaignLoader, ChannelLoader, LeadConversionsLoader, LeadTouchpointsLoader,
};
use crate::services::money::cents_to_decimal;

/// UTM parameters and the referrer of a visit.
#[derive(SimpleObject)]
pub struct Utm {
    /// utm_source as recorded; null when the visit had none.
    pub source: Option<String>,
    /// utm_medium as recorded; null when the visit had none.
    pub medium: Option<String>,
    /// utm_campaign as recorded; null when the visit had none.
    pub campaign: Option<String>,
    /// utm_term as recorded; null when the visit had none.
    pub term: Option<String>,
    /// utm_content as recorded; null when the visit had none.
    pub content: Option<String>,
    /// The page the visitor came from; null when unknown.
    pub referrer: Option<String>,
    /// The URL the visitor landed on, with its query string; null when unknown.
    pub landing_page: Option<String>,
}

async fn load_channel(ctx: &Context<'_>, id: i64) -> Result<Option<Channel>> {
    let loader = ctx.data::<DataLoader<ChannelLoader>>()?;
    Ok(loader.load_one(id).await?.map(Channel))
}

async fn load_campaign(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<Campaign>> {
    let Some(id) = id else { return Ok(None) };
    let loader = ctx.data::<DataLoader<CampaignLoader>>()?;
    Ok(loader.load_one(id).await?.map(Campaign))
}

pub struct Lead(pub lead::Model);

/// A lead; its source is its first touch. Every field but `id` and `externalId` needs the
/// right to read leads (role VIEWER or scope `reports:read`): a write-only token learns what
/// it captured, never whom.
#[Object]
impl Lead {
    /// Opaque id of the lead.
    async fn id(&self) -> ID {
        encode_id(IdKind::Lead, self.0.id)
    }
    /// The caller's id for this lead; captures are idempotent on it.
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    /// The contact's e-mail address, lower-cased; null when not given.
    #[graphql(guard = "need(Permission::Read)")]
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    /// The contact's name; null when not given.
    #[graphql(guard = "need(Permission::Read)")]
    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }
    /// The contact's company; null when not given.
    #[graphql(guard = "need(Permission::Read)")]
    async fn company(&self) -> Option<&str> {
        self.0.company.as_deref()
    }
    /// Where the lead stands in the funnel: NEW when captured, CUSTOMER after a purchase.
    #[graphql(guard = "need(Permission::Read)")]
    async fn status(&self) -> LeadStatus {
        LeadStatus::from_stored(&self.0.status)
    }
    /// When the lead was created (the capture's `createdAt`, or when it was captured).
    #[graphql(guard = "need(Permission::Read)")]
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The source channel: the first touch's.
    #[graphql(guard = "need(Permission::Read)")]
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, self.0.channel_id).await
    }
    /// The source campaign, when the first touch named one.
    #[graphql(guard = "need(Permission::Read)")]
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        load_campaign(ctx, self.0.campaign_id).await
    }
    /// The source UTM values and referrer.
    #[graphql(guard = "need(Permission::Read)")]
    async fn source(&self) -> Utm {
        let l = &self.0;
        Utm {
            source: l.utm_source.clone(),
            medium: l.utm_medium.clone(),
            campaign: l.utm_campaign.clone(),
            term: l.utm_term.clone(),
            content: l.utm_content.clone(),
            referrer: l.referrer.clone(),
            landing_page: l.landing_page.clone(),
        }
    }
    /// Every touch of the lead in time order.
    #[graphql(guard = "need(Permission::Read)")]
    async fn touchpoints(&self, ctx: &Context<'_>) -> Result<Vec<Touchpoint>> {
        let loader = ctx.data::<DataLoader<LeadTouchpointsLoader>>()?;
        let rows = loader.load_one(self.0.id).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Touchpoint).collect())
    }
    /// The lead's conversions in time order.
    #[graphql(guard = "need(Permission::Read)")]
    async fn conversions(&self, ctx: &Context<'_>) -> Result<Vec<Conversion>> {
        let loader = ctx.data::<DataLoader<LeadConversionsLoader>>()?;
        let rows = loader.load_one(self.0.id).await?.unwrap_or_default();
        Ok(rows.into_iter().map(Conversion).collect())
    }
}

pub struct Touchpoint(pub touchpoint::Model);

/// One interaction of a lead with a channel.
#[Object]
impl Touchpoint {
    /// Opaque id of the touchpoint.
    async fn id(&self) -> ID {
        encode_id(IdKind::Touchpoint, self.0.id)
    }
    /// When the interaction happened.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }
    /// The sender's id for the event (a repeated one is ignored); null when none was given.
    async fn event_id(&self) -> Option<&str> {
        self.0.event_id.as_deref()
    }
    /// The channel the sender named, or else the one the touch was classified into.
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, self.0.channel_id).await
    }
    /// The campaign named, or the one whose utmCampaign matched; null when none.
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        load_campaign(ctx, self.0.campaign_id).await
    }
    /// The touch's UTM values and referrer.
    async fn utm(&self) -> Utm {
        let t = &self.0;
        Utm {
            source: t.utm_source.clone(),
            medium: t.utm_medium.clone(),
            campaign: t.utm_campaign.clone(),
            term: t.utm_term.clone(),
            content: t.utm_content.clone(),
            referrer: t.referrer.clone(),
            landing_page: t.landing_page.clone(),
        }
    }
}

pub struct Conversion(pub conversion::Model);

/// A conversion of a lead with its revenue in the workspace currency.
#[Object]
impl Conversion {
    /// Opaque id of the conversion.
    async fn id(&self) -> ID {
        encode_id(IdKind::Conversion, self.0.id)
    }
    /// The sender's id for the conversion, unique in the workspace.
    async fn external_id(&self) -> &str {
        &self.0.external_id
    }
    /// signup, opportunity, purchase, … (lower-cased); a `purchase` makes its lead a CUSTOMER.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// When the conversion happened.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }
    /// Revenue in the workspace currency, to the cent ("0.00" when none was given).
    async fn revenue(&self) -> Decimal {
        cents_to_decimal(self.0.revenue_cents)
    }
    /// The revenue as sent, when it was sent in another currency than the workspace's
    /// (`revenue` is its conversion); null otherwise.
    async fn original_revenue(&self) -> Option<Decimal> {
        self.0.original_amount_cents.map(cents_to_decimal)
    }
    /// ISO 4217 code the revenue was sent in, when it was not the workspace currency.
    async fn original_currency(&self) -> Option<&str> {
        self.0.original_currency.as_deref()
    }
    /// Opaque id of the converting lead (`lead(id:)` takes it).
    async fn lead_id(&self) -> ID {
        encode_id(IdKind::Lead, self.0.lead_id)
    }
}
