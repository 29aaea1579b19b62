//! The budget plan and its per-channel suggestions as GraphQL objects.

use async_graphql::{Context, Object, Result};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::services::report::metrics::ratio;

use super::budget::{PlanLevel, ResponseCurve, ResponseCurveFit, SpendBound};
use super::budget_alternative::ProfitMaximizingPlan;
use super::catalog::{Campaign, Channel};
use super::performance::{Period, load_campaign, load_channel, money};
use super::report_enums::AttributionModel;
use crate::services::budget_plan as plan;

pub struct BudgetPlan(pub plan::BudgetPlan);

/// `part` in percent of a positive `whole`, exactly, like every other ratio of money in the
/// schema (the plan's own `f64` percentages would answer binary noise such as
/// 12.499999999999998).
fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole <= Decimal::ZERO {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|scaled| ratio(scaled, whole))
}

/// Where the money of a period as long as `range` should go: per channel (or campaign)
/// the suggested spend and why, with the totals. Amounts are in `currency`. Figures read off
/// the fitted curves (marginal and modelled ROI) are Floats: estimates of a numerical fit,
/// not sums of recorded money.
#[Object]
impl BudgetPlan {
    /// The range the curves were fitted on; the plan is for a period as long.
    async fn range(&self) -> Period {
        self.0.args.range.into()
    }
    /// The attribution model that credits revenue to the channels.
    async fn attribution(&self) -> AttributionModel {
        self.0.args.model.into()
    }
    /// Channels or campaigns.
    async fn level(&self) -> PlanLevel {
        self.0.args.level.into()
    }
    /// The curve family fitted.
    async fn curve(&self) -> ResponseCurve {
        self.0.args.curve.into()
    }
    /// The change cap applied, in percent of each current spend (0 to 1000, two decimals). A
    /// Float: it echoes the `maxChangePct` argument, a setting rather than an amount.
    async fn max_change_pct(&self) -> f64 {
        self.0.args.max_change_pct.to_f64().unwrap_or_default()
    }
    /// ISO 4217 code of every amount.
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    /// Length of the range in weeks (days / 7). A Float: a length of time, mostly not a
    /// whole number of weeks (e.g. 4.428571428571429 for 31 days).
    async fn weeks(&self) -> f64 {
        self.0.weeks
    }
    /// Full ISO weeks (Monday to Sunday) inside the range: the most points a fit can have.
    async fn full_weeks(&self) -> i32 {
        i32::try_from(self.0.full_weeks).unwrap_or(i32::MAX)
    }
    /// The money split: `totalBudget`, or the current spend of the range.
    async fn total_budget(&self) -> Decimal {
        money(self.0.total_budget)
    }
    /// Σ current spend of the channels in the plan.
    async fn total_current(&self) -> Decimal {
        money(self.0.total_current)
    }
    /// Σ suggested spend: equal to `totalBudget` to the cent.
    async fn total_suggested(&self) -> Decimal {
        money(self.0.total_suggested)
    }
    /// Modelled revenue at the current spends (channels with a fitted curve).
    async fn expected_revenue_now(&self) -> Decimal {
        money(self.0.expected_revenue_now)
    }
    /// Modelled revenue at the suggested spends (channels with a fitted curve).
    async fn expected_revenue_at_suggestion(&self) -> Decimal {
        money(self.0.expected_revenue_at_suggestion)
    }
    /// expectedRevenueAtSuggestion − expectedRevenueNow.
    async fn lift(&self) -> Decimal {
        money(self.0.lift)
    }
    /// `lift` in percent of `expectedRevenueNow` (12.5 is +12.5%); null when that is zero.
    async fn lift_pct(&self) -> Option<Decimal> {
        percent_of(self.0.lift, self.0.expected_revenue_now)
    }
    /// The marginal ROI (f′ − 1) shared by the channels the plan left between their bounds:
    /// what one more unit of spend returns beyond itself (−0.1: it brings back 0.9); null
    /// when every channel is held by a bound. A Float: the slope of the fitted curves.
    async fn marginal_roi(&self) -> Option<f64> {
        self.0.marginal_roi
    }
    /// One suggestion per channel (or campaign) with spend in the range that no constraint
    /// excludes, whether or not the channel is flagged paid; largest current spend first.
    async fn suggestions(&self) -> Vec<BudgetSuggestion> {
        self.0
            .suggestions
            .iter()
            .cloned()
            .map(BudgetSuggestion)
            .collect()
    }
    /// Modelled profit at the suggestions: Σ (revenue − spend) over the channels with a fitted
    /// curve (the others keep their spend in every plan).
    async fn expected_profit_at_suggestion(&self) -> Decimal {
        money(self.0.expected_profit_at_suggestion)
    }
    /// The plan of the total that maximises modelled profit (marginal ROI 0, within every
    /// bound), beside the requested total; null when no channel is free to move.
    async fn profit_maximizing(&self) -> Option<ProfitMaximizingPlan> {
        self.0.profit_maximizing.clone().map(ProfitMaximizingPlan)
    }
}

pub struct BudgetSuggestion(pub plan::BudgetSuggestion);

/// The suggestion for one channel (or campaign).
#[Object]
impl BudgetSuggestion {
    /// A stable key, e.g. "channel:3" or "campaign:12".
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
    /// Suggested spend over a period as long as the range, in whole cents.
    async fn suggested_spend(&self) -> Decimal {
        money(self.0.suggested_spend)
    }
    /// suggestedSpend − currentSpend.
    async fn change(&self) -> Decimal {
        money(self.0.change)
    }
    /// `change` in percent of `currentSpend` (−12.5 is 12.5% less); null when the current
    /// spend is zero.
    async fn change_pct(&self) -> Option<Decimal> {
        percent_of(self.0.change, self.0.current_spend)
    }
    /// Revenue the attribution model credits it with over the range.
    async fn attributed_revenue(&self) -> Decimal {
        money(self.0.attributed_revenue)
    }
    /// Observed ROI over the range: (attributedRevenue − currentSpend) / currentSpend; null
    /// when the current spend is zero.
    async fn current_roi(&self) -> Option<Decimal> {
        self.0.current_roi
    }
    /// ROI the fitted curve gives at the current spend, (f(spend) − spend) / spend; null
    /// without a fit or without current spend. A Float: read off the fitted curve
    /// (`currentRoi` is the observed one).
    async fn modelled_roi(&self) -> Option<f64> {
        self.0.modelled_roi
    }
    /// Marginal ROI (revenue of one more unit of spend, minus that unit) at the current spend;
    /// null without a fit. A Float: the slope of the fitted curve.
    async fn marginal_roi_now(&self) -> Option<f64> {
        self.0.marginal_roi_now
    }
    /// Marginal ROI at the suggested spend; null without a fit. A Float: the slope of the
    /// fitted curve.
    async fn marginal_roi_at_suggestion(&self) -> Option<f64> {
        self.0.marginal_roi_at_suggestion
    }
    /// Modelled revenue over a period as long as the range at the current spend.
    async fn expected_revenue_now(&self) -> Option<Decimal> {
        self.0.expected_revenue_now.map(money)
    }
    /// Modelled revenue over a period as long as the range at the suggested spend.
    async fn expected_revenue_at_suggestion(&self) -> Option<Decimal> {
        self.0.expected_revenue_at_suggestion.map(money)
    }
    /// The fitted response curve; null when no curve could be fitted (see keptBecause).
    async fn fit(&self) -> Option<ResponseCurveFit> {
        self.0.fit.map(Into::into)
    }
    /// Why it keeps its spend instead of being optimised: "locked", or why no curve fits
    /// (e.g. "only 5 usable weekly points (needs 8)").
    async fn kept_because(&self) -> Option<&str> {
        self.0.kept_because.as_deref()
    }
    /// The constraint holding the suggestion where it is, if any.
    async fn bound(&self) -> Option<SpendBound> {
        self.0.bound.map(Into::into)
    }
    /// One line for people, e.g. "Paid Video +1,057.35: marginal ROI 2.31 vs -0.10 across
    /// the plan; limited by the +30% change cap".
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// Current spend per week: currentSpend × 7 / days of the range, in whole cents (where
    /// the current spend sits on the weekly response curve).
    async fn current_weekly_spend(&self) -> Decimal {
        self.0.current_weekly_spend
    }
    /// Suggested spend per week: suggestedSpend × 7 / days of the range, in whole cents.
    async fn suggested_weekly_spend(&self) -> Decimal {
        self.0.suggested_weekly_spend
    }
    /// The full weeks of the range as the curve saw them: spend, and the revenue that
    /// answered to it (sourced revenue scaled to the attribution model's credit), oldest
    /// first. Empty for a row that did not take part in fitting.
    async fn weekly_points(&self) -> Vec<WeeklySpendPoint> {
        self.0
            .weekly_points
            .iter()
            .map(|p| WeeklySpendPoint(*p))
            .collect()
    }
    /// The fitted response curve sampled at evenly spaced weekly spends from 0 to a quarter
    /// past the largest of the weekly points, the current and the suggested weekly spend,
    /// for drawing it; empty without a fit.
    async fn curve(&self) -> Vec<CurvePoint> {
        self.0.curve.iter().map(|c| CurvePoint(*c)).collect()
    }
    /// The fitted curve at `currentWeeklySpend`; null without a fit.
    async fn current_on_curve(&self) -> Option<CurvePoint> {
        self.0.on_curve.map(|(now, _)| CurvePoint(now))
    }
    /// The fitted curve at `suggestedWeeklySpend`; null without a fit.
    async fn suggested_on_curve(&self) -> Option<CurvePoint> {
        self.0.on_curve.map(|(_, suggested)| CurvePoint(suggested))
    }
}

pub struct WeeklySpendPoint(pub plan::PlanPoint);

/// One full week of a budget plan's row: the spend and the revenue that answered to it.
#[Object]
impl WeeklySpendPoint {
    /// Spend of the week.
    async fn spend(&self) -> Decimal {
        money(self.0.spend)
    }
    /// Revenue of the leads the row sourced that week, scaled so that the weeks add up to
    /// the revenue the attribution model credits the row with.
    async fn revenue(&self) -> Decimal {
        money(self.0.revenue)
    }
}

pub struct CurvePoint(pub plan::CurveSample);

/// A point of a fitted weekly response curve.
#[Object]
impl CurvePoint {
    /// A weekly spend. A Float: a sampling position along the curve, not money spent.
    async fn weekly_spend(&self) -> f64 {
        self.0.weekly_spend
    }
    /// The revenue the fitted curve expects a week at `weeklySpend` to bring. A Float: the
    /// value of a numerical fit, an estimate rather than an amount of money.
    async fn weekly_revenue(&self) -> f64 {
        self.0.weekly_revenue
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::percent_of;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_percentage_of_money_is_an_exact_decimal_and_null_without_a_whole() {
        assert_eq!(percent_of(dec("-12.50"), dec("100.00")), Some(dec("-12.5")));
        assert_eq!(
            percent_of(dec("1"), dec("3")),
            Some((dec("100") / dec("3")).normalize()),
            "as many decimals as a Decimal holds"
        );
        assert_eq!(percent_of(dec("5"), Decimal::ZERO), None);
        assert_eq!(
            percent_of(Decimal::MAX, dec("1")),
            None,
            "overflow is unknown"
        );
    }
}
