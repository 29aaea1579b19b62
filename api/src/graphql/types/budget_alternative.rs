//! The profit-maximising plan answered beside the requested one by `budgetSuggestions`.

use async_graphql::{Context, Object, Result};
use rust_decimal::Decimal;

use super::catalog::{Campaign, Channel};
use super::performance::{load_campaign, load_channel, money};
use crate::services::budget_plan as plan;

pub struct ProfitMaximizingPlan(pub plan::ProfitMaximizing);

/// The total at which the last unit of money stops paying: every channel free to move sits
/// where its marginal ROI reaches 0, or at the bound (change cap, minimum, maximum) that stops
/// it first. Planned like the requested total, with the same curves and bounds. When the
/// requested plan's marginalRoi is negative, this total is lower and earns more profit.
#[Object]
impl ProfitMaximizingPlan {
    /// The profit-maximising total, in whole cents.
    async fn total_budget(&self) -> Decimal {
        money(self.0.total_budget)
    }
    /// Modelled revenue of this plan (channels with a fitted curve).
    async fn expected_revenue(&self) -> Decimal {
        money(self.0.expected_revenue)
    }
    /// Modelled profit of this plan: Σ (revenue − spend) over the channels with a fitted
    /// curve. Compare with the requested plan's expectedProfitAtSuggestion.
    async fn expected_profit(&self) -> Decimal {
        money(self.0.expected_profit)
    }
    /// The marginal ROI shared by the channels left between their bounds: 0 up to the
    /// rounding to cents; null when every channel is held by a bound. A Float: the slope of
    /// the fitted curves.
    async fn marginal_roi(&self) -> Option<f64> {
        self.0.marginal_roi
    }
    /// What each channel (or campaign) of the plan would spend, in the order of the
    /// requested plan's suggestions.
    async fn suggestions(&self) -> Vec<PlannedSpend> {
        self.0
            .suggestions
            .iter()
            .cloned()
            .map(PlannedSpend)
            .collect()
    }
}

pub struct PlannedSpend(pub plan::PlannedSpend);

/// One channel's (or campaign's) spend in the profit-maximising plan.
#[Object]
impl PlannedSpend {
    /// A stable key, e.g. "channel:3" or "campaign:12", as in the requested plan.
    async fn key(&self) -> String {
        self.0.key.stable_id()
    }
    /// The channel or campaign name.
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// The channel (a campaign's channel at the CAMPAIGN level).
    async fn channel(&self, ctx: &Context<'_>) -> Result<Option<Channel>> {
        load_channel(ctx, self.0.channel_id).await
    }
    /// The campaign, at the CAMPAIGN level.
    async fn campaign(&self, ctx: &Context<'_>) -> Result<Option<Campaign>> {
        load_campaign(ctx, self.0.campaign_id).await
    }
    /// Spend over the range.
    async fn current_spend(&self) -> Decimal {
        money(self.0.current_spend)
    }
    /// Spend in this plan over a period as long as the range, in whole cents.
    async fn suggested_spend(&self) -> Decimal {
        money(self.0.suggested_spend)
    }
    /// suggestedSpend − currentSpend.
    async fn change(&self) -> Decimal {
        money(self.0.suggested_spend - self.0.current_spend)
    }
}
