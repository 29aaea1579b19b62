//! The answer of `budgetSuggestions`: per channel (or campaign) what it spends, what it
//! should spend and why, and the totals. Serializable as is, so the cache can hold it.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::args::{Curve, PlanArgs};
use super::weekly::Candidate;
use crate::services::budget::{Bound, CurveFit, Plan, Suggestion};
use crate::services::report::RowKey;
use crate::services::report::metrics::ratio;

/// A reallocation plan over a period as long as the range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetPlan {
    pub args: PlanArgs,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Length of the range in weeks (days / 7).
    pub weeks: f64,
    /// Full ISO weeks of the range: the most weekly points a fit can have.
    pub full_weeks: usize,
    /// The money split: the request's total, or the current spend of the range.
    pub total_budget: Decimal,
    /// Σ current spend of the channels that take part.
    pub total_current: Decimal,
    /// Σ suggestions: equal to `total_budget` to the cent.
    pub total_suggested: Decimal,
    /// Σ modelled revenue at the current spends (channels with a curve).
    pub expected_revenue_now: Decimal,
    /// Σ modelled revenue at the suggestions (channels with a curve).
    pub expected_revenue_at_suggestion: Decimal,
    /// `expected_revenue_at_suggestion − expected_revenue_now`.
    pub lift: Decimal,
    /// The lift in percent of `expected_revenue_now`.
    pub lift_pct: Option<f64>,
    /// The common marginal ROI of the channels the plan left between their bounds.
    pub marginal_roi: Option<f64>,
    /// Modelled profit at the suggestions: Σ (revenue − spend) over the channels with a curve.
    pub expected_profit_at_suggestion: Decimal,
    /// By current spend, largest first.
    pub suggestions: Vec<BudgetSuggestion>,
    /// The total at which the last unit of money stops paying (marginal ROI 0, within every
    /// bound), planned like the requested one; `None` when no channel is free to move.
    pub profit_maximizing: Option<ProfitMaximizing>,
}

/// The plan of the profit-maximising total, beside the requested one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfitMaximizing {
    /// Whole cents; between the sums of the lower and upper bounds.
    pub total_budget: Decimal,
    /// Modelled revenue at this plan's spends (channels with a curve).
    pub expected_revenue: Decimal,
    /// Modelled profit: Σ (revenue − spend) over the channels with a curve.
    pub expected_profit: Decimal,
    /// The common marginal ROI of the channels left between their bounds (0 up to the
    /// rounding to cents); `None` when every channel is held by a bound.
    pub marginal_roi: Option<f64>,
    /// Per channel (or campaign), in the order of the plan's suggestions.
    pub suggestions: Vec<PlannedSpend>,
}

/// What one channel (or campaign) spends in an alternative plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedSpend {
    pub key: RowKey,
    pub label: String,
    pub channel_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub current_spend: Decimal,
    /// Whole cents.
    pub suggested_spend: Decimal,
}

/// One channel's (or campaign's) suggestion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetSuggestion {
    pub key: RowKey,
    pub label: String,
    /// The channel, or the campaign's channel.
    pub channel_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub current_spend: Decimal,
    /// Whole cents.
    pub suggested_spend: Decimal,
    pub change: Decimal,
    pub change_pct: Option<f64>,
    /// Revenue the attribution model credits it with over the range.
    pub attributed_revenue: Decimal,
    /// Observed ROI over the range: (attributed revenue − spend) / spend (DESIGN §3).
    pub current_roi: Option<Decimal>,
    /// ROI of the fitted curve at the current spend.
    pub modelled_roi: Option<f64>,
    /// `f′ − 1` at the current weekly spend.
    pub marginal_roi_now: Option<f64>,
    /// `f′ − 1` at the suggested weekly spend.
    pub marginal_roi_at_suggestion: Option<f64>,
    /// Modelled revenue over a period as long as the range, at the current spend.
    pub expected_revenue_now: Option<Decimal>,
    /// Modelled revenue over a period as long as the range, at the suggestion.
    pub expected_revenue_at_suggestion: Option<Decimal>,
    /// The fitted curve; `None` when the fit was refused (see `kept_because`).
    pub fit: Option<Fit>,
    /// Why it was not optimised: locked, or why no curve could be fitted.
    pub kept_because: Option<String>,
    /// The constraint holding the suggestion, if any.
    pub bound: Option<PlanBound>,
    /// One line for people.
    pub reason: String,
    /// Current spend per week (spend × 7 / days of the range), in whole cents.
    #[serde(default)]
    pub current_weekly_spend: Decimal,
    /// Suggested spend per week, in whole cents.
    #[serde(default)]
    pub suggested_weekly_spend: Decimal,
    /// The weekly (spend, revenue) points the curve was fitted to, oldest first.
    #[serde(default)]
    pub weekly_points: Vec<PlanPoint>,
    /// The fitted curve sampled from zero spend to past the largest of the points, the
    /// current and the suggested weekly spend; empty without a fit.
    #[serde(default)]
    pub curve: Vec<CurveSample>,
    /// The fitted curve at the current and at the suggested weekly spend; `None` without a fit.
    #[serde(default)]
    pub on_curve: Option<(CurveSample, CurveSample)>,
}

/// One full week of a row: its spend and the revenue that answered to it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPoint {
    pub spend: Decimal,
    pub revenue: Decimal,
}

/// The fitted curve at one weekly spend.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveSample {
    pub weekly_spend: f64,
    pub weekly_revenue: f64,
}

/// Samples per drawn curve: smooth at dashboard sizes, small in the answer.
const CURVE_SAMPLES: usize = 48;

/// A fitted weekly response curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub kind: Curve,
    /// Power law: the scale `a`. Hill: the saturation revenue per week.
    pub a: f64,
    /// Power law: the exponent `b`. Hill: the slope `k`.
    pub b: f64,
    /// Hill only: the weekly spend reaching half the saturation revenue.
    pub half_saturation: Option<f64>,
    /// On the revenue scale, over the points used.
    pub r_squared: f64,
    /// Weekly points used.
    pub points: usize,
}

/// The constraint that holds a suggestion where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlanBound {
    Min,
    Max,
    Locked,
    ChangeCap,
}

impl From<Bound> for PlanBound {
    fn from(b: Bound) -> Self {
        match b {
            Bound::Min => Self::Min,
            Bound::Max => Self::Max,
            Bound::Locked => Self::Locked,
            Bound::ChangeCap => Self::ChangeCap,
        }
    }
}

impl From<&CurveFit> for Fit {
    fn from(f: &CurveFit) -> Self {
        Self {
            kind: f.kind.into(),
            a: f.a,
            b: f.b,
            half_saturation: f.half_saturation,
            r_squared: if f.r_squared.is_finite() {
                f.r_squared
            } else {
                0.0
            },
            points: f.points,
        }
    }
}

/// The plan as answered: the optimizer's suggestions (in the candidates' order) beside
/// what the reports know of each candidate.
pub(super) fn answer(
    args: &PlanArgs,
    currency: String,
    (weeks, full_weeks): (f64, usize),
    candidates: &[Candidate],
    plan: Plan,
    best: Option<Plan>,
) -> BudgetPlan {
    let days = Decimal::from(args.range.days());
    let profit_maximizing = best.map(|best| ProfitMaximizing {
        total_budget: best.total_suggested,
        expected_revenue: best.expected_revenue_at_suggestion,
        expected_profit: best.expected_profit_at_suggestion,
        marginal_roi: finite(best.marginal_roi_level),
        suggestions: candidates
            .iter()
            .zip(best.suggestions)
            .map(|(k, s)| PlannedSpend {
                key: k.key.clone(),
                label: k.label.clone(),
                channel_id: k.channel_id,
                campaign_id: k.campaign_id,
                current_spend: s.current_spend,
                suggested_spend: s.suggested_spend,
            })
            .collect(),
    });
    let suggestions = candidates
        .iter()
        .zip(plan.suggestions)
        .map(|(k, s)| suggestion(k, s, days))
        .collect();
    BudgetPlan {
        args: args.clone(),
        currency,
        weeks,
        full_weeks,
        total_budget: plan.total_suggested,
        total_current: plan.total_current,
        total_suggested: plan.total_suggested,
        expected_revenue_now: plan.expected_revenue_now,
        expected_revenue_at_suggestion: plan.expected_revenue_at_suggestion,
        lift: plan.lift,
        lift_pct: finite(plan.lift_pct),
        marginal_roi: finite(plan.marginal_roi_level),
        expected_profit_at_suggestion: plan.expected_profit_at_suggestion,
        suggestions,
        profit_maximizing,
    }
}

fn suggestion(k: &Candidate, s: Suggestion, days: Decimal) -> BudgetSuggestion {
    let per_week = |amount: Decimal| {
        amount
            .checked_mul(Decimal::from(7))
            .and_then(|week| ratio(week, days))
            .unwrap_or_default()
            .round_dp(2)
    };
    let current_weekly_spend = per_week(s.current_spend);
    let suggested_weekly_spend = per_week(s.suggested_spend);
    let weekly_points: Vec<PlanPoint> = k
        .points
        .iter()
        .map(|p| PlanPoint {
            spend: p.spend,
            revenue: p.revenue,
        })
        .collect();
    let curve = s
        .fit
        .as_ref()
        .map(|fit| {
            let widest = weekly_points
                .iter()
                .map(|p| p.spend)
                .chain([current_weekly_spend, suggested_weekly_spend])
                .max()
                .unwrap_or_default();
            sample_curve(fit, widest.to_f64().unwrap_or(0.0) * 1.25)
        })
        .unwrap_or_default();
    let on_curve = s.fit.as_ref().map(|fit| {
        let at = |spend: Decimal| {
            let x = spend.to_f64().unwrap_or(0.0);
            CurveSample {
                weekly_spend: x,
                weekly_revenue: fit.revenue_at(x),
            }
        };
        (at(current_weekly_spend), at(suggested_weekly_spend))
    });
    BudgetSuggestion {
        on_curve,
        current_weekly_spend,
        suggested_weekly_spend,
        weekly_points,
        curve,
        key: k.key.clone(),
        label: k.label.clone(),
        channel_id: k.channel_id,
        campaign_id: k.campaign_id,
        current_spend: s.current_spend,
        suggested_spend: s.suggested_spend,
        change: s.change,
        change_pct: finite(s.change_pct),
        attributed_revenue: k.credited_revenue,
        current_roi: ratio(k.credited_revenue - k.current_spend, k.current_spend),
        modelled_roi: finite(s.current_roi),
        marginal_roi_now: finite(s.marginal_roi_now),
        marginal_roi_at_suggestion: finite(s.marginal_roi_at_suggestion),
        expected_revenue_now: s.expected_revenue_now,
        expected_revenue_at_suggestion: s.expected_revenue_at_suggestion,
        fit: s.fit.as_ref().map(Fit::from),
        kept_because: s.kept_because,
        bound: s.bound.map(PlanBound::from),
        reason: s.reason,
    }
}

/// `fit` at evenly spaced weekly spends from 0 to `up_to` (finite values only).
fn sample_curve(fit: &CurveFit, up_to: f64) -> Vec<CurveSample> {
    if !(up_to.is_finite() && up_to > 0.0) {
        return Vec::new();
    }
    (0..=CURVE_SAMPLES)
        .map(|i| up_to * i as f64 / CURVE_SAMPLES as f64)
        .map(|x| CurveSample {
            weekly_spend: x,
            weekly_revenue: fit.revenue_at(x),
        })
        .filter(|c| c.weekly_revenue.is_finite())
        .collect()
}

/// JSON has no infinities or NaN: such a value is unknown.
fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}
