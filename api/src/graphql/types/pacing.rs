//! Budget pacing and channel explanations as GraphQL objects.

use async_graphql::{Context, ID, Object, Result};
use rust_decimal::Decimal;

use super::catalog::{Campaign, Channel};
use super::performance::{load_campaign, load_channel, money};
use super::report_enums::PacingStatus;
use crate::graphql::ids::{IdKind, encode_id};
use crate::graphql::scalars::Date;
use crate::services::report;

pub struct BudgetPacing(pub report::BudgetPacing);

/// A budget period against its spend; amounts in the workspace currency.
#[Object]
impl BudgetPacing {
    /// The budget's id.
    async fn budget_id(&self) -> ID {
        encode_id(IdKind::Budget, self.0.budget_id)
    }
    /// The budget's campaign.
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        load_campaign(ctx, Some(self.0.campaign_id)).await
    }
    /// The campaign's name.
    async fn campaign_name(&self) -> &str {
        &self.0.campaign_name
    }
    /// First day of the budget period.
    async fn period_start(&self) -> Date {
        Date(self.0.period_start)
    }
    /// Last day of the budget period (included).
    async fn period_end(&self) -> Date {
        Date(self.0.period_end)
    }
    /// Planned amount of the period.
    async fn planned(&self) -> Decimal {
        money(self.0.planned)
    }
    /// Spend of the campaign from the period start to `asOf` (or the period end).
    async fn spent_to_date(&self) -> Decimal {
        money(self.0.spent_to_date)
    }
    /// Spend at the period end at the run rate so far (spent × total / elapsed days), to the cent.
    async fn projected(&self) -> Decimal {
        money(self.0.projected)
    }
    /// planned − projected (negative when heading over).
    async fn projected_remaining(&self) -> Decimal {
        money(self.0.planned - self.0.projected)
    }
    /// Days of the period up to `asOf`, both ends counted.
    async fn elapsed_days(&self) -> i64 {
        self.0.elapsed_days
    }
    /// Days of the period, both ends counted.
    async fn total_days(&self) -> i64 {
        self.0.total_days
    }
    /// UNDER / ON_TRACK / OVER against the plan, ±10%.
    async fn status(&self) -> PacingStatus {
        self.0.status.into()
    }
}

pub struct ChannelExplanation(pub report::ChannelExplanation);

/// How a touch is classified, and why.
#[Object]
impl ChannelExplanation {
    /// The channel group, e.g. PAID_SEARCH.
    async fn kind(&self) -> &str {
        &self.0.group
    }
    /// The workspace's default channel of that group, where such a touch is recorded.
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, self.0.channel_id).await
    }
    /// The id of the rule that matched, e.g. "ga4.paid_search".
    async fn rule_id(&self) -> &str {
        &self.0.rule_id
    }
    /// What the rule says, in words.
    async fn rule_description(&self) -> &str {
        &self.0.rule_description
    }
    /// Version of the default rule table.
    async fn rules_version(&self) -> &str {
        &self.0.rules_version
    }
    /// utm_source as understood (cleaned; from the landing page when not given).
    async fn utm_source(&self) -> Option<&str> {
        self.0.utm_source.as_deref()
    }
    /// utm_medium as understood.
    async fn utm_medium(&self) -> Option<&str> {
        self.0.utm_medium.as_deref()
    }
    /// utm_campaign as understood.
    async fn utm_campaign(&self) -> Option<&str> {
        self.0.utm_campaign.as_deref()
    }
    /// The click-id parameter found on the landing page (gclid, fbclid, …).
    async fn click_id(&self) -> Option<&str> {
        self.0.click_id.as_deref()
    }
    /// The referrer's host, lower-cased.
    async fn referrer_host(&self) -> Option<&str> {
        self.0.referrer_host.as_deref()
    }
}
