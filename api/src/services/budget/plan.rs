//! The optimizer's request and answer types: channels with their constraints, the plan, its errors.

use rust_decimal::Decimal;

use super::curve::{CurveFit, FitRejection};

/// The largest amount (spend, bound or total) the optimizer accepts; far above any real budget,
/// it keeps every intermediate product inside `Decimal` and cents inside `f64`'s exact range.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15

/// One channel (or campaign) to plan for.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelInput {
    /// Stable identifier, unique within the request (used in error field names).
    pub key: String,
    /// Display name used in reason lines.
    pub name: String,
    /// Spend over the whole range.
    pub current_spend: Decimal,
    /// Length of the range in weeks (> 0); the curve is weekly.
    pub weeks: f64,
    /// The fitted weekly response curve, or why there is none.
    pub fit: Result<CurveFit, FitRejection>,
    /// Lowest spend allowed over the range.
    pub min_spend: Option<Decimal>,
    /// Highest spend allowed over the range.
    pub max_spend: Option<Decimal>,
    /// Keep the current spend whatever the curves say.
    pub locked: bool,
}

/// What to plan: the channels, the total to split, and the largest relative change per channel.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRequest {
    pub channels: Vec<ChannelInput>,
    /// The money to split, a whole number of cents (≥ 0).
    pub total_budget: Decimal,
    /// Largest change of a free channel, in percent of its current spend, in `[0, 1000]`.
    pub max_change_pct: f64,
}

/// The constraint that holds a channel's suggestion where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    /// Its minimum spend.
    Min,
    /// Its maximum spend.
    Max,
    /// The channel is locked.
    Locked,
    /// The ±`max_change_pct` change cap (or, with no current spend, the absence of a maximum).
    ChangeCap,
}

/// The suggestion for one channel, in the order of the request.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub key: String,
    pub name: String,
    pub current_spend: Decimal,
    /// Whole cents; the suggestions of a plan add up to its total budget exactly.
    pub suggested_spend: Decimal,
    /// `suggested_spend − current_spend`.
    pub change: Decimal,
    /// Change in percent of the current spend; `None` when there is no current spend.
    pub change_pct: Option<f64>,
    /// `(modelled revenue − spend) / spend` at the current spend, from the fitted curve.
    pub current_roi: Option<f64>,
    /// `f'(weekly spend) − 1` at the current spend; `None` without a curve or when unbounded.
    pub marginal_roi_now: Option<f64>,
    /// `f'(weekly spend) − 1` at the suggested spend.
    pub marginal_roi_at_suggestion: Option<f64>,
    /// Modelled revenue over the range at the current spend, in cents.
    pub expected_revenue_now: Option<Decimal>,
    /// Modelled revenue over the range at the suggested spend, in cents.
    pub expected_revenue_at_suggestion: Option<Decimal>,
    /// The fitted curve, when there is one.
    pub fit: Option<CurveFit>,
    /// Why the channel was not optimised (`"locked"`, or why its fit was rejected).
    pub kept_because: Option<String>,
    /// The constraint holding the suggestion, if any.
    pub bound: Option<Bound>,
    /// One line for people, e.g. `"Paid Search +4,200.00: marginal ROI 2.10 vs 1.35 across the plan"`.
    pub reason: String,
}

/// The whole answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub suggestions: Vec<Suggestion>,
    pub total_current: Decimal,
    /// Equal to the request's total budget, to the cent.
    pub total_suggested: Decimal,
    /// Σ modelled revenue now, over the channels that have a curve.
    pub expected_revenue_now: Decimal,
    /// Σ modelled revenue at the suggestions, over the channels that have a curve.
    pub expected_revenue_at_suggestion: Decimal,
    /// `expected_revenue_at_suggestion − expected_revenue_now`.
    pub lift: Decimal,
    /// Lift in percent of `expected_revenue_now`; `None` when that is zero.
    pub lift_pct: Option<f64>,
    /// The common marginal ROI λ of the channels not at a bound; `None` when every channel is held.
    pub marginal_roi_level: Option<f64>,
    /// Modelled profit at the suggestions: Σ (revenue − spend) over the channels that have a
    /// curve (the others keep their spend in every plan, so they do not move it).
    pub expected_profit_at_suggestion: Decimal,
}

/// Why no plan could be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The constraints cannot all hold; the explanation shows the arithmetic.
    #[error("{explanation}")]
    Infeasible { explanation: String },
    /// A field of the request is out of range; `field` names it (`totalBudget`,
    /// `maxChangePct`, `channels[<key>].minSpend`, ...).
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },
}
